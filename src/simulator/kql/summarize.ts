// `summarize` with count(), dcount(), min(), max(), make_set(), arg_max(), any() and sum() by keys.
import type { Row } from "../events";
import type { Expr, KqlType, NamedExpr } from "./ast";
import { semanticError } from "./errors";
import { compare, comparable, type Value } from "./functions";
import { compile, type Compiled, type Stage } from "./compile";
import type { Column } from "./tables";

interface Aggregate {
  columns: Column[];
  init(): { value: Value; extra: unknown };
  add(state: { value: Value; extra: unknown }, row: Row): void;
  result(state: { value: Value; extra: unknown }): Value[];
}

function argName(expr: Expr | undefined): string {
  if (!expr) return "";
  if (expr.kind === "column") return expr.name;
  if (expr.kind === "member") return `${argName(expr.target)}_${expr.key}`;
  return "";
}

function aggregateOf(item: NamedExpr, schema: Column[], now: number): Aggregate {
  if (item.expr.kind !== "call")
    throw semanticError("summarize expects aggregation functions such as count() or max()");
  const { name, args } = item.expr;
  const arg = args[0] && args[0].kind !== "star" ? compile(args[0], schema, now) : undefined;
  const label = (prefix: string): string => item.name ?? `${prefix}${argName(args[0])}`;
  const single = (
    type: KqlType,
    prefix: string,
    init: () => Value,
    add: (acc: Value, v: Value, state: { value: Value; extra: unknown }) => Value,
    finish?: (state: { value: Value; extra: unknown }) => Value,
  ): Aggregate => ({
    columns: [{ name: label(prefix), type }],
    init: () => ({ value: init(), extra: undefined }),
    add: (state, row) => void (state.value = add(state.value, arg ? arg.evaluate(row) : null, state)),
    result: (state) => [finish ? finish(state) : state.value],
  });
  switch (name) {
    case "count":
      return single(
        "Int64",
        "count_",
        () => 0,
        (acc) => (acc as number) + 1,
      );
    case "sum":
      return single(
        arg?.type ?? "Int64",
        "sum_",
        () => 0,
        (acc, v) => (acc as number) + (typeof v === "number" ? v : 0),
      );
    case "min":
      return single(
        arg?.type ?? "String",
        "min_",
        () => null,
        (acc, v) => (v === null || v === undefined ? acc : acc === null || compare(v, acc) < 0 ? v : acc),
      );
    case "max":
      return single(
        arg?.type ?? "String",
        "max_",
        () => null,
        (acc, v) => (v === null || v === undefined ? acc : acc === null || compare(v, acc) > 0 ? v : acc),
      );
    case "any":
      return single(
        arg?.type ?? "String",
        "any_",
        () => null,
        (acc, v) => (acc === null ? v : acc),
      );
    case "dcount":
      return single(
        "Int64",
        "dcount_",
        () => 0,
        (_acc, v, state) => {
          const seen = (state.extra ??= new Set()) as Set<unknown>;
          if (v !== null && v !== undefined && v !== "") seen.add(comparable(v));
          return seen.size;
        },
      );
    case "make_set":
      return makeSet(
        label("set_"),
        arg,
        args[1] ? Number(compile(args[1], schema, now).evaluate({})) : 1_048_576,
      );
    case "arg_max":
      return argMax(item, args, schema, now);
    default:
      throw semanticError(`'${name}' is not an aggregation function`);
  }
}

function makeSet(name: string, arg: Compiled | undefined, max: number): Aggregate {
  return {
    columns: [{ name, type: "Dynamic" }],
    init: () => ({ value: [], extra: new Set<unknown>() }),
    add: (state, row) => {
      const v = arg?.evaluate(row);
      const seen = state.extra as Set<unknown>;
      const key = comparable(v);
      if (v === null || v === undefined || v === "" || seen.has(key) || seen.size >= max) return;
      seen.add(key);
      (state.value as Value[]).push(v instanceof Date ? v.toISOString() : v);
    },
    result: (state) => [state.value],
  };
}

/** arg_max(col, *) keeps every other column of the row with the largest col; arg_max(col, a, b) keeps a and b. */
function argMax(item: NamedExpr, args: Expr[], schema: Column[], now: number): Aggregate {
  if (!args[0] || args[0].kind !== "column")
    throw semanticError("arg_max() expects a column as its first argument");
  const key = args[0].name;
  const keyCompiled = compile(args[0], schema, now);
  const star = args.slice(1).some((a) => a.kind === "star");
  const extras = star
    ? schema.filter((c) => c.name !== key).map((c) => c.name)
    : args.slice(1).map((a) => (a.kind === "column" ? a.name : semanticErrorThrow()));
  const columns = [
    { name: item.name ?? key, type: keyCompiled.type },
    ...extras.map((name) => ({
      name,
      type: schema.find((c) => c.name === name)?.type ?? semanticErrorThrow(name),
    })),
  ];
  return {
    columns,
    init: () => ({ value: null, extra: null }),
    add: (state, row) => {
      const v = keyCompiled.evaluate(row);
      if (v === null || v === undefined) return;
      if (state.value === null || compare(v, state.value) > 0) {
        state.value = v;
        state.extra = row;
      }
    },
    result: (state) => [state.value, ...extras.map((name) => (state.extra as Row | null)?.[name] ?? null)],
  };
}

function semanticErrorThrow(name?: string): never {
  throw semanticError(
    name ? `Failed to resolve scalar expression named '${name}'` : "arg_max() accepts columns or *",
  );
}

export function summarizeStage(stage: Stage, aggregates: NamedExpr[], by: NamedExpr[], now: number): Stage {
  const keys = by.map((item, i) => {
    const c = compile(item.expr, stage.schema, now);
    return {
      name:
        item.name ?? (item.expr.kind === "column" ? item.expr.name : argName(item.expr) || `Column${i + 1}`),
      c,
    };
  });
  const aggs = aggregates.map((item) => aggregateOf(item, stage.schema, now));
  const byNames = new Set(keys.map((k) => k.name));
  const aggColumns = aggs.flatMap((a) => a.columns).filter((c) => !byNames.has(c.name));
  const schema: Column[] = [...keys.map((k) => ({ name: k.name, type: k.c.type })), ...aggColumns];
  const rows = stage.rows;
  return {
    schema,
    rows: (function* grouped() {
      const groups = new Map<string, { keyValues: Value[]; states: { value: Value; extra: unknown }[] }>();
      for (const row of rows) {
        const keyValues = keys.map((k) => k.c.evaluate(row));
        const id = JSON.stringify(keyValues.map(comparable));
        let group = groups.get(id);
        if (!group) {
          group = { keyValues, states: aggs.map((a) => a.init()) };
          groups.set(id, group);
        }
        aggs.forEach((a, i) =>
          a.add((group as { states: { value: Value; extra: unknown }[] }).states[i], row),
        );
      }
      if (groups.size === 0 && keys.length === 0)
        groups.set("", { keyValues: [], states: aggs.map((a) => a.init()) });
      for (const group of groups.values()) {
        const out: Row = {};
        keys.forEach((k, i) => (out[k.name] = group.keyValues[i]));
        aggs.forEach((a, i) => {
          const values = a.result(group.states[i]);
          a.columns.forEach((c, j) => {
            if (!byNames.has(c.name)) out[c.name] = values[j];
          });
        });
        yield out;
      }
    })(),
  };
}
