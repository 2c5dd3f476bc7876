/**
 * Keyset pages of one table: top-level lists, and one page per parent in a single LATERAL statement.
 * A page carries how to read each row's cursor, so callers never see sort keys.
 */
import type { Instant } from "../model/instant";
import type { Params } from "./filters";
import { cursorOf, keysetCondition, orderByClause, type PageRequest, type SortKey } from "./keyset";
import type { Sql } from "./sql";

export interface ListSpec {
  /** Select list with camelCase aliases. */
  select: string;
  /** FROM clause (one table, aliased). */
  from: string;
  /** Conditions already using `params`; the first is always the tenant condition. */
  where: string[];
  params: Params;
  /** Sort keys, the id tie-breaker last. */
  keys: SortKey[];
  /** The row properties holding the sort keys' values, for cursors. */
  fields: string[];
}

/** Rows of a page in the walk's order, `limit + 1` at most (the extra row says another page follows). */
export interface Rows<R> {
  rows: R[];
  /** The cursor of a row (for `after`/`before`). */
  cursor: (row: R) => unknown[];
}

export interface Page<R> extends Rows<R> {
  total: () => Promise<number>;
}

/** One page of rows per parent (e.g. the installations of each device of a page of devices). */
export interface PagesByParent<R> {
  pages: Map<string, R[]>;
  cursor: (row: R) => unknown[];
}

/** The number of rows of a list across all pages (`spec` must not have been used for a page yet). */
export async function fetchCount(db: Sql, spec: Pick<ListSpec, "from" | "where" | "params">) {
  const sql = `SELECT count(*)::int AS n FROM ${spec.from} WHERE ${spec.where.join(" AND ")}`;
  return (await db.rows<{ n: number }>(sql, spec.params.values))[0].n;
}

/**
 * How a page travels when not as typed columns that pg parses one by one: PostgreSQL aggregates the page
 * into one JSON value of `objects` or of `arrays` in select-list order (the select list then has no
 * aliases). One native JSON.parse in Node replaces a parser call per column, and the encoding
 * runs on the database's core, not the API's. Timestamps stay the ISO text JSON gives them (`Instant`).
 */
export type JsonPage = "objects" | "arrays";

/** A row type whose timestamps may be JSON's ISO text (see `JsonPage`). */
export type WithInstants<T> = {
  [K in keyof T]: T[K] extends Date ? Instant : T[K] extends Date | null ? Instant | null : T[K];
};

/** A page; rows as pg parses them unless it travels as `json`. */
export async function fetchPage<R>(
  db: Sql,
  spec: ListSpec,
  request: PageRequest,
  json?: JsonPage,
): Promise<Page<R>> {
  const countParams = spec.params.values.slice();
  const countSql = `SELECT count(*)::int AS n FROM ${spec.from} WHERE ${spec.where.join(" AND ")}`;
  const keyset = keysetCondition(spec.keys, request, spec.params);
  const tail =
    ` FROM ${spec.from} WHERE ${spec.where.join(" AND ")} AND ${keyset}` +
    ` ORDER BY ${orderByClause(spec.keys, request)} LIMIT ${request.limit + 1}`;
  let rows: R[];
  if (!json) rows = await db.rows<R>(`SELECT ${spec.select}${tail}`, spec.params.values);
  else {
    // json_agg reads the ordered, limited subquery in order, so the page keeps its order.
    const sql =
      json === "arrays"
        ? `SELECT coalesce(json_agg(x.r), '[]'::json) AS page FROM (SELECT json_build_array(${spec.select}) AS r${tail}) x`
        : `SELECT coalesce(json_agg(x), '[]'::json) AS page FROM (SELECT ${spec.select}${tail}) x`;
    [{ page: rows }] = await db.rows<{ page: R[] }>(sql, spec.params.values);
  }
  return {
    rows,
    cursor: cursorOf<R>(spec),
    total: async () => (await db.rows<{ n: number }>(countSql, countParams))[0].n,
  };
}

/**
 * One page per parent (e.g. the installations of each device on a page of devices) in one statement:
 * `parentExpr` is compared with each id of an unnested array.
 */
export async function fetchPagesFor<R>(
  db: Sql,
  spec: ListSpec,
  parentExpr: string,
  parentIds: readonly string[],
  request: PageRequest,
): Promise<PagesByParent<R>> {
  const ids = spec.params.add(parentIds);
  const keyset = keysetCondition(spec.keys, request, spec.params);
  const sql =
    `SELECT k.parent_id AS "__parent", x.* FROM unnest(${ids}::uuid[]) AS k(parent_id)` +
    ` CROSS JOIN LATERAL (SELECT ${spec.select} FROM ${spec.from}` +
    ` WHERE ${spec.where.join(" AND ")} AND ${parentExpr} = k.parent_id AND ${keyset}` +
    ` ORDER BY ${orderByClause(spec.keys, request)} LIMIT ${request.limit + 1}) x`;
  const rows = await db.rows<R & { __parent: string }>(sql, spec.params.values);
  const byParent = new Map<string, R[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) byParent.get(row.__parent)?.push(row);
  return { pages: byParent, cursor: cursorOf<R>(spec) };
}

/** Counts per parent for the same list, in one statement. */
export async function countFor(
  db: Sql,
  spec: Pick<ListSpec, "from" | "where" | "params">,
  parentExpr: string,
  parentIds: readonly string[],
): Promise<Map<string, number>> {
  const ids = spec.params.add(parentIds);
  const rows = await db.rows<{ parent: string; n: number }>(
    `SELECT ${parentExpr} AS parent, count(*)::int AS n FROM ${spec.from}` +
      ` WHERE ${spec.where.join(" AND ")} AND ${parentExpr} = ANY(${ids}::uuid[]) GROUP BY 1`,
    spec.params.values,
  );
  return new Map(rows.map((r) => [r.parent, r.n]));
}
