// Advanced hunting over the fleet: parse the KQL subset, run it lazily over generated tables,
// enforce the API's row limit and shape values as the API returns them.
import type { Row } from "../events";
import type { Fleet } from "../fleet";
import { HttpError } from "../http";
import { semanticError } from "./errors";
import { runPipeline } from "./evaluate";
import { toText } from "./functions";
import { parseQuery } from "./parser";
import { TABLES, type Column, type Table } from "./tables";

export type { Column } from "./tables";

export interface HuntingOptions {
  day: number;
  /** Data time in ms: ago() and now() are relative to it. */
  now: number;
  /** Graph's optional ISO-8601 duration (e.g. P7D) limiting Timestamp. */
  timespan?: string;
}

export interface HuntingResult {
  schema: Column[];
  rows: Row[];
}

export const ROW_LIMIT = 100_000;

function durationMs(iso: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(iso.trim());
  if (!m) return undefined;
  const [d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0));
  return ((d * 24 + h) * 60 + min) * 60_000 + s * 1000;
}

function outputValue(value: unknown): unknown {
  if (value instanceof Date) return toText(value);
  return value ?? null;
}

export function runHunting(fleet: Fleet, query: string, options: HuntingOptions): HuntingResult {
  return run(query, (table) => table.rows({ fleet, day: options.day, now: options.now }), options);
}

/** Runs a query over given rows of its table: the same pipeline, for rows not made by a fleet. */
export function runHuntingOn(
  rows: Iterable<Row>,
  query: string,
  options: Omit<HuntingOptions, "day">,
): HuntingResult {
  return run(query, () => rows, options);
}

function run(
  query: string,
  rowsOf: (table: Table) => Iterable<Row>,
  options: Omit<HuntingOptions, "day">,
): HuntingResult {
  const parsed = parseQuery(query);
  const table = TABLES[parsed.table];
  if (!table) throw semanticError(`Failed to resolve table expression named '${parsed.table}'`);
  const span = options.timespan ? durationMs(options.timespan) : undefined;
  const since = span === undefined ? undefined : options.now - span;
  const scanned = rowsOf(table);
  const rows =
    since === undefined || !table.columns.some((c) => c.name === "Timestamp")
      ? scanned
      : withinSpan(scanned, since);
  const stage = runPipeline(parsed, { schema: table.columns, rows }, options.now);
  const out: Row[] = [];
  for (const row of stage.rows) {
    if (out.length === ROW_LIMIT)
      throw new HttpError(
        400,
        "BadRequest",
        `Query result exceeded the limit of ${ROW_LIMIT} rows. Use summarize or take to reduce the result size.`,
      );
    out.push(Object.fromEntries(stage.schema.map((c) => [c.name, outputValue(row[c.name])])));
  }
  return { schema: stage.schema, rows: out };
}

function* withinSpan(rows: Iterable<Row>, since: number): Generator<Row> {
  for (const row of rows) if ((row.Timestamp as Date).getTime() >= since) yield row;
}
