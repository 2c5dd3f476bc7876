// Syntax tree of the supported KQL subset.

export type Expr =
  | { kind: "literal"; value: unknown; type: KqlType }
  | { kind: "column"; name: string }
  | { kind: "star" }
  | { kind: "call"; name: string; args: Expr[] }
  | { kind: "binary"; op: string; left: Expr; right: Expr }
  | { kind: "list"; op: string; left: Expr; items: Expr[] }
  | { kind: "member"; target: Expr; key: string };

export type KqlType = "String" | "DateTime" | "Int64" | "Double" | "Boolean" | "Dynamic" | "TimeSpan";

export interface NamedExpr {
  name?: string;
  expr: Expr;
}

export interface SortKey {
  expr: Expr;
  descending: boolean;
}

export type Operator =
  | { kind: "where"; predicate: Expr }
  | { kind: "project"; items: NamedExpr[] }
  | { kind: "project-away"; columns: string[] }
  | { kind: "extend"; items: NamedExpr[] }
  | { kind: "summarize"; aggregates: NamedExpr[]; by: NamedExpr[] }
  | { kind: "distinct"; columns: string[] }
  | { kind: "take"; count: number }
  | { kind: "sort"; keys: SortKey[] }
  | { kind: "count" };

export interface Query {
  table: string;
  operators: Operator[];
}
