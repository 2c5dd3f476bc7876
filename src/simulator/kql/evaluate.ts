// Runs a parsed query as a lazy row pipeline over the generated tables.
import type { Row } from "../events";
import type { Expr, NamedExpr, Operator, Query } from "./ast";
import { compile, defaultName, typeOfColumn, type Compiled, type Schema, type Stage } from "./compile";
import { semanticError } from "./errors";
import { compare, comparable } from "./functions";
import { summarizeStage } from "./summarize";
import type { Column } from "./tables";

/** Most rows an operator may hold in memory (sort, summarize groups). */
const MATERIALIZE_LIMIT = 2_000_000;

function withColumn(schema: Schema, column: Column): Schema {
  const at = schema.findIndex((c) => c.name === column.name);
  if (at < 0) return [...schema, column];
  return schema.map((c, i) => (i === at ? column : c));
}

function* filter(rows: Iterable<Row>, test: Compiled): Generator<Row> {
  for (const row of rows) if (test.evaluate(row) === true) yield row;
}

function* map(rows: Iterable<Row>, fn: (row: Row) => Row): Generator<Row> {
  for (const row of rows) yield fn(row);
}

function* take(rows: Iterable<Row>, count: number): Generator<Row> {
  if (count <= 0) return;
  let n = 0;
  for (const row of rows) {
    yield row;
    if (++n >= count) return;
  }
}

function materialize(rows: Iterable<Row>, what: string): Row[] {
  const out: Row[] = [];
  for (const row of rows) {
    out.push(row);
    if (out.length > MATERIALIZE_LIMIT)
      throw semanticError(
        `${what} over more than ${MATERIALIZE_LIMIT} rows exceeds the simulator's resources; filter first`,
      );
  }
  return out;
}

function project(stage: Stage, items: NamedExpr[], now: number, keep: boolean): Stage {
  let schema: Schema = keep ? stage.schema : [];
  const compiled = items.map((item, i) => {
    const c = compile(item.expr, stage.schema, now);
    const name = item.name ?? defaultName(item.expr, i);
    schema = withColumn(schema, { name, type: c.type });
    return { name, c };
  });
  return {
    schema,
    rows: map(stage.rows, (row) => {
      const out: Row = keep ? { ...row } : {};
      for (const { name, c } of compiled) out[name] = c.evaluate(row);
      return out;
    }),
  };
}

function projectAway(stage: Stage, columns: string[]): Stage {
  for (const name of columns) typeOfColumn(stage.schema, name);
  const drop = new Set(columns);
  return {
    schema: stage.schema.filter((c) => !drop.has(c.name)),
    rows: map(stage.rows, (row) => {
      const out: Row = { ...row };
      for (const name of drop) delete out[name];
      return out;
    }),
  };
}

function sort(stage: Stage, keys: { expr: Expr; descending: boolean }[], now: number): Stage {
  const compiled = keys.map((k) => ({ c: compile(k.expr, stage.schema, now), sign: k.descending ? -1 : 1 }));
  const rows = stage.rows;
  return {
    schema: stage.schema,
    rows: (function* sorted() {
      const all = materialize(rows, "order by");
      all.sort((a, b) => {
        for (const { c, sign } of compiled) {
          const d = compare(c.evaluate(a), c.evaluate(b));
          if (d !== 0) return d * sign;
        }
        return 0;
      });
      yield* all;
    })(),
  };
}

function distinct(stage: Stage, columns: string[]): Stage {
  const schema = columns.map((name) => ({ name, type: typeOfColumn(stage.schema, name) }));
  const rows = stage.rows;
  return {
    schema,
    rows: (function* unique() {
      const seen = new Set<string>();
      for (const row of rows) {
        const key = JSON.stringify(columns.map((c) => comparable(row[c])));
        if (seen.has(key)) continue;
        seen.add(key);
        if (seen.size > MATERIALIZE_LIMIT) throw semanticError("distinct produced too many rows");
        yield Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
      }
    })(),
  };
}

export function applyOperator(stage: Stage, op: Operator, now: number): Stage {
  switch (op.kind) {
    case "where": {
      const test = compile(op.predicate, stage.schema, now);
      return { schema: stage.schema, rows: filter(stage.rows, test) };
    }
    case "project":
      return project(stage, op.items, now, false);
    case "extend":
      return project(stage, op.items, now, true);
    case "project-away":
      return projectAway(stage, op.columns);
    case "take":
      return { schema: stage.schema, rows: take(stage.rows, op.count) };
    case "sort":
      return sort(stage, op.keys, now);
    case "distinct":
      return distinct(stage, op.columns);
    case "count": {
      const rows = stage.rows;
      return {
        schema: [{ name: "Count", type: "Int64" }],
        rows: (function* count() {
          let n = 0;
          for (const _ of rows) n++;
          yield { Count: n };
        })(),
      };
    }
    case "summarize":
      return summarizeStage(stage, op.aggregates, op.by, now);
  }
}

export function runPipeline(query: Query, source: Stage, now: number): Stage {
  return query.operators.reduce((stage, op) => applyOperator(stage, op, now), source);
}
