/**
 * The SQL toolkit of the GraphQL repositories: positional parameters, a direct pg pool executor (the
 * read path skips TypeORM's entity hydration), typed filter compilation and keyset pagination.
 */
import { createHash } from "node:crypto";
import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import { DomainError, ErrorCode } from "../../auth/errors";
import { isStorableText } from "../input-text";
import type { PageRequest } from "../relay";
import { parseInstant } from "../types/scalars";

/** Distinct statement texts prepared per process; filters can vary without bound, the hot paths cannot. */
const MAX_PREPARED = 500;

/**
 * Runs parameterized SQL on the DataSource's own pool, so pool size and statement timeout apply.
 * Statements are prepared by name (as PostGraphile does): PostgreSQL parses them once per connection and
 * may settle on a generic plan, which also serves `ILIKE '%term%'` searches by walking the
 * (tenant_id, name, id) index in order instead of sorting a scan of the table.
 */
export class SqlExecutor {
  private readonly pool: Pool;
  private readonly names = new Map<string, string>();

  constructor(readonly dataSource: DataSource) {
    // TypeORM's postgres driver keeps its pg Pool as `master`; it exists once the DataSource is initialized.
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  async rows<T>(text: string, values: unknown[]): Promise<T[]> {
    const name = this.nameOf(text);
    const result = await this.pool.query(name ? { name, text, values } : { text, values });
    return result.rows as T[];
  }

  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (!name && this.names.size < MAX_PREPARED) {
      name = `gq_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
  }
}

/** Collects positional parameters while a statement is assembled. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const MAX_LIST = 100;
/** Filters may nest and/or/not; variables bypass the depth rule, so the compiler bounds nesting itself. */
export const MAX_FILTER_DEPTH = 6;

function badInput(message: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message);
}

function list(values: unknown[], name: string): unknown[] {
  if (values.length > MAX_LIST) throw badInput(`\`${name}\` takes at most ${MAX_LIST} values`);
  return values;
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface StringCompare {
  eq?: string | null;
  neq?: string | null;
  in?: string[] | null;
  nin?: string[] | null;
  contains?: string | null;
  containsIgnoreCase?: string | null;
  startsWith?: string | null;
  isNull?: boolean | null;
}

export interface DateTimeCompare {
  eq?: Date | null;
  lt?: Date | null;
  lte?: Date | null;
  gt?: Date | null;
  gte?: Date | null;
  isNull?: boolean | null;
}

export interface EnumCompare<E> {
  eq?: E | null;
  neq?: E | null;
  in?: E[] | null;
  nin?: E[] | null;
  isNull?: boolean | null;
}

export function compareString(expr: string, c: StringCompare, p: Params): string[] {
  const out: string[] = [];
  if (c.eq != null) out.push(`${expr} = ${p.add(c.eq)}`);
  if (c.neq != null) out.push(`${expr} IS DISTINCT FROM ${p.add(c.neq)}`);
  if (c.in != null) out.push(`${expr} = ANY(${p.add(list(c.in, "in"))}::text[])`);
  if (c.nin != null) out.push(`NOT (${expr} = ANY(${p.add(list(c.nin, "nin"))}::text[]))`);
  if (c.contains != null) out.push(`${expr} LIKE ${p.add(`%${escapeLike(c.contains)}%`)}`);
  if (c.containsIgnoreCase != null)
    out.push(`${expr} ILIKE ${p.add(`%${escapeLike(c.containsIgnoreCase)}%`)}`);
  if (c.startsWith != null) out.push(`${expr} LIKE ${p.add(`${escapeLike(c.startsWith)}%`)}`);
  if (c.isNull != null) out.push(`${expr} IS ${c.isNull ? "" : "NOT "}NULL`);
  return out;
}

export function compareDateTime(expr: string, c: DateTimeCompare, p: Params): string[] {
  const out: string[] = [];
  if (c.eq != null) out.push(`${expr} = ${p.add(c.eq)}`);
  if (c.lt != null) out.push(`${expr} < ${p.add(c.lt)}`);
  if (c.lte != null) out.push(`${expr} <= ${p.add(c.lte)}`);
  if (c.gt != null) out.push(`${expr} > ${p.add(c.gt)}`);
  if (c.gte != null) out.push(`${expr} >= ${p.add(c.gte)}`);
  if (c.isNull != null) out.push(`${expr} IS ${c.isNull ? "" : "NOT "}NULL`);
  return out;
}

/** Enum columns are compared as text so one array type serves every enum. */
export function compareEnum<E>(expr: string, c: EnumCompare<E>, p: Params): string[] {
  const out: string[] = [];
  if (c.eq != null) out.push(`${expr}::text = ${p.add(c.eq)}`);
  if (c.neq != null) out.push(`${expr}::text <> ${p.add(c.neq)}`);
  if (c.in != null) out.push(`${expr}::text = ANY(${p.add(list(c.in, "in"))}::text[])`);
  if (c.nin != null) out.push(`NOT (${expr}::text = ANY(${p.add(list(c.nin, "nin"))}::text[]))`);
  if (c.isNull != null) out.push(`${expr} IS ${c.isNull ? "" : "NOT "}NULL`);
  return out;
}

export interface Logical<F> {
  and?: F[] | null;
  or?: F[] | null;
  not?: F | null;
}

/** Compiles a filter with and/or/not into one SQL condition (TRUE when empty). */
export function compileLogical<F extends Logical<F>>(
  filter: F | null | undefined,
  p: Params,
  fields: (filter: F, p: Params) => string[],
  depth = 0,
): string {
  if (!filter) return "TRUE";
  if (depth > MAX_FILTER_DEPTH) throw badInput(`Filters nest at most ${MAX_FILTER_DEPTH} levels deep`);
  const parts = fields(filter, p);
  if (filter.and) {
    for (const f of list(filter.and, "and") as F[]) parts.push(compileLogical(f, p, fields, depth + 1));
  }
  if (filter.or) {
    const any = (list(filter.or, "or") as F[]).map((f) => compileLogical(f, p, fields, depth + 1));
    parts.push(any.length ? `(${any.join(" OR ")})` : "FALSE");
  }
  if (filter.not) parts.push(`NOT (${compileLogical(filter.not, p, fields, depth + 1)})`);
  return parts.length ? `(${parts.join(" AND ")})` : "TRUE";
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
