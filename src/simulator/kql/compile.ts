// Compiles scalar expressions into closures with a static result type.
import type { Row } from "../events";
import type { Expr, KqlType } from "./ast";
import { semanticError, unsupported } from "./errors";
import {
  AGGREGATES,
  arithmetic,
  callScalar,
  constantList,
  inList,
  STRING_OPERATORS,
  type Value,
} from "./functions";
import type { Column } from "./tables";

export type Schema = Column[];

/** What each operator of a pipeline hands the next: the columns and the rows. */
export interface Stage {
  schema: Schema;
  rows: Iterable<Row>;
}

export interface Compiled {
  type: KqlType;
  evaluate(row: Row): Value;
}

const SCALAR_TYPES: Record<string, KqlType | "arg0" | "arg1"> = {
  ago: "DateTime",
  now: "DateTime",
  startofday: "DateTime",
  tolower: "String",
  toupper: "String",
  tostring: "String",
  strcat: "String",
  coalesce: "arg0",
  iff: "arg1",
  iif: "arg1",
  isempty: "Boolean",
  isnotempty: "Boolean",
  not: "Boolean",
};

export function typeOfColumn(schema: Schema, name: string): KqlType {
  const column = schema.find((c) => c.name === name);
  if (!column) throw semanticError(`Failed to resolve scalar expression named '${name}'`);
  return column.type;
}

export function compile(expr: Expr, schema: Schema, now: number): Compiled {
  switch (expr.kind) {
    case "literal":
      return { type: expr.type, evaluate: () => expr.value };
    case "column": {
      const type = typeOfColumn(schema, expr.name);
      return { type, evaluate: (row) => row[expr.name] ?? null };
    }
    case "star":
      throw semanticError("'*' is only allowed in arg_max()");
    case "member": {
      const target = compile(expr.target, schema, now);
      return { type: "Dynamic", evaluate: (row) => memberOf(target.evaluate(row), expr.key) };
    }
    case "list": {
      const left = compile(expr.left, schema, now);
      if (expr.items.every((item) => item.kind === "literal")) {
        const test = constantList(
          expr.op,
          expr.items.map((item) => (item as { value: unknown }).value),
        );
        return { type: "Boolean", evaluate: (row) => test(left.evaluate(row)) };
      }
      const items = expr.items.map((item) => compile(item, schema, now));
      return {
        type: "Boolean",
        evaluate: (row) =>
          inList(
            expr.op,
            left.evaluate(row),
            items.map((i) => i.evaluate(row)),
          ),
      };
    }
    case "binary":
      return compileBinary(expr, schema, now);
    case "call":
      return compileCall(expr.name, expr.args, schema, now);
  }
}

function memberOf(value: Value, key: string): Value {
  let target = value;
  if (typeof target === "string" && /^[[{]/.test(target)) target = JSON.parse(target) as Value;
  if (target === null || typeof target !== "object") return null;
  return (target as Record<string, Value>)[key] ?? null;
}

function compileBinary(expr: Extract<Expr, { kind: "binary" }>, schema: Schema, now: number): Compiled {
  const left = compile(expr.left, schema, now);
  const right = compile(expr.right, schema, now);
  if (expr.op === "and")
    return {
      type: "Boolean",
      evaluate: (row) => left.evaluate(row) === true && right.evaluate(row) === true,
    };
  if (expr.op === "or")
    return {
      type: "Boolean",
      evaluate: (row) => left.evaluate(row) === true || right.evaluate(row) === true,
    };
  const test = STRING_OPERATORS[expr.op];
  if (test) return { type: "Boolean", evaluate: (row) => test(left.evaluate(row), right.evaluate(row)) };
  const type: KqlType =
    left.type === "DateTime" && right.type !== "DateTime"
      ? "DateTime"
      : left.type === "DateTime"
        ? "TimeSpan"
        : left.type === "Double" || right.type === "Double" || expr.op === "/"
          ? "Double"
          : left.type;
  return { type, evaluate: (row) => arithmetic(expr.op, left.evaluate(row), right.evaluate(row)) };
}

function compileCall(name: string, argExprs: Expr[], schema: Schema, now: number): Compiled {
  if (AGGREGATES.has(name)) throw semanticError(`aggregate function '${name}' is only allowed in summarize`);
  const result = SCALAR_TYPES[name];
  if (!result) throw unsupported(`function '${name}'`);
  const args = argExprs.map((arg) => compile(arg, schema, now));
  const type =
    result === "arg0"
      ? (args[0]?.type ?? "String")
      : result === "arg1"
        ? (args[1]?.type ?? "String")
        : result;
  return {
    type,
    evaluate: (row) =>
      callScalar(
        name,
        args.map((a) => a.evaluate(row)),
        now,
      ),
  };
}

export function defaultName(expr: Expr, index: number): string {
  if (expr.kind === "column") return expr.name;
  if (expr.kind === "member") return `${defaultName(expr.target, index)}_${expr.key}`;
  return `Column${index + 1}`;
}
