/**
 * Keyset pagination, the one implementation every list uses: a page request (direction, size, cursor),
 * sort keys ending with the id, the SQL condition "after the cursor", and cursors built from rows.
 * Cursor values are checked against their keys, so a forged cursor is a 400, never a SQL error.
 */
import { parseInstant } from "../model/instant";
import { isStorableText } from "../model/text";
import { badInput, OrderDirection, type Params } from "./filters";

/** A resolved page request: which way to walk, how many rows, and from which keyset position. */
export interface PageRequest {
  direction: "forward" | "backward";
  limit: number;
  cursor: unknown[] | null;
}

/** One sort key of a keyset: the SQL expression, its kind (to check cursor values) and nullability. */
export interface SortKey {
  expr: string;
  kind: "text" | "timestamp" | "uuid" | "bigint";
  nullable: boolean;
  desc: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_MAX = 9223372036854775807n;

/** A cursor value fit for its key's column: checked here, so a forged cursor is a 400, never a SQL error. */
function fits(key: Pick<SortKey, "kind" | "nullable">, value: unknown): boolean {
  if (value === null) return key.nullable;
  if (typeof value !== "string" || !isStorableText(value)) return false;
  if (key.kind === "uuid") return UUID.test(value);
  if (key.kind === "bigint") return /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX;
  // Timestamps keep a row's value as it came (PostgreSQL's JSON text), but must be real, storable instants.
  if (key.kind === "timestamp") return parseInstant(value) !== null;
  return true;
}

/** Throws BAD_USER_INPUT unless the cursor's values fit the keys it claims to continue. */
export function checkCursor(keys: readonly Pick<SortKey, "kind" | "nullable">[], values: unknown[]): void {
  if (values.length !== keys.length || !keys.every((key, i) => fits(key, values[i])))
    throw badInput("Invalid cursor for this ordering");
}

/**
 * The keyset condition "after the cursor" in the walk's order. PostgreSQL sorts NULLs last ascending and
 * first descending, so reversing every direction walks exactly backwards. Non-null keys in one direction
 * use a row comparison, which the (tenant_id, key, id) indexes serve directly.
 */
export function keysetCondition(keys: SortKey[], request: PageRequest, p: Params): string {
  if (!request.cursor) return "TRUE";
  checkCursor(keys, request.cursor);
  const walk = walkKeys(keys, request);
  const values = request.cursor;
  const sameDirection = walk.every((k) => k.desc === walk[0].desc);
  if (sameDirection && walk.every((k) => !k.nullable)) {
    const params = walk.map((k, i) => castParam(k, p.add(values[i])));
    return `(${walk.map((k) => k.expr).join(", ")}) ${walk[0].desc ? "<" : ">"} (${params.join(", ")})`;
  }
  const branches = walk.map((key, i) => {
    const equal = walk.slice(0, i).map((k, j) => equalTo(k, values[j], p));
    return [...equal, afterValue(key, values[i], p)].join(" AND ");
  });
  return `(${branches.map((b) => `(${b})`).join(" OR ")})`;
}

export function orderByClause(keys: SortKey[], request: PageRequest): string {
  return walkKeys(keys, request)
    .map((k) => `${k.expr} ${k.desc ? "DESC" : "ASC"}`)
    .join(", ");
}

function walkKeys(keys: SortKey[], request: PageRequest): SortKey[] {
  return request.direction === "forward" ? keys : keys.map((k) => ({ ...k, desc: !k.desc }));
}

const CASTS: Record<SortKey["kind"], string> = {
  text: "",
  timestamp: "::timestamptz",
  uuid: "::uuid",
  bigint: "::bigint",
};

function castParam(key: SortKey, param: string): string {
  return `${param}${CASTS[key.kind]}`;
}

function equalTo(key: SortKey, value: unknown, p: Params): string {
  return value === null ? `${key.expr} IS NULL` : `${key.expr} = ${castParam(key, p.add(value))}`;
}

function afterValue(key: SortKey, value: unknown, p: Params): string {
  if (key.desc)
    return value === null ? `${key.expr} IS NOT NULL` : `${key.expr} < ${castParam(key, p.add(value))}`;
  return value === null ? "FALSE" : `(${key.expr} > ${castParam(key, p.add(value))} OR ${key.expr} IS NULL)`;
}

/** Cursor values of a row for the given keys (timestamps as ISO text, as precise as the row has them). */
export function cursorValues(keys: SortKey[], row: Record<string, unknown>, fields: string[]): unknown[] {
  return keys.map((_, i) => {
    const v = row[fields[i]];
    return v instanceof Date ? v.toISOString() : (v ?? null);
  });
}

/** A sort key as a list declares it, with the row property that holds its value. */
export type SortField = Omit<SortKey, "desc"> & { field: string };

/** The sort keys of a list, and how to read a row's cursor. */
export interface Keyset {
  keys: SortKey[];
  /** The row properties holding the keys' values. */
  fields: string[];
}

/** Turns `orderBy` into sort keys ending with the id tie-breaker (in the last key's direction). */
export function sortKeys<F extends string>(
  table: Record<F, SortField>,
  idField: F,
  orderBy: Array<{ field: F; direction: OrderDirection }> | null | undefined,
): Keyset {
  const keys: SortKey[] = [];
  const fields: string[] = [];
  let lastDesc = false;
  for (const order of orderBy ?? []) {
    const { field, ...key } = table[order.field];
    lastDesc = order.direction === OrderDirection.DESC;
    if (fields.includes(field)) continue;
    keys.push({ ...key, desc: lastDesc });
    fields.push(field);
    if (order.field === idField) return { keys, fields };
  }
  const { field, ...id } = table[idField];
  keys.push({ ...id, desc: lastDesc });
  fields.push(field);
  return { keys, fields };
}

/** The function that reads a row's cursor for a keyset. */
export function cursorOf<R>(keyset: Keyset): (row: R) => unknown[] {
  return (row) => cursorValues(keyset.keys, row as Record<string, unknown>, keyset.fields);
}
