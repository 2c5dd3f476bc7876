// Recursive-descent parser for the simulator's KQL subset. Anything outside the subset fails with
// a 400 naming the unsupported construct.
import type { Expr, NamedExpr, Operator, Query, SortKey } from "./ast";
import { syntaxError, unsupported } from "./errors";
import { tokenize, type Token } from "./tokenizer";

const STRING_OPS = new Set([
  "has",
  "!has",
  "contains",
  "!contains",
  "startswith",
  "!startswith",
  "endswith",
  "!endswith",
  "=~",
  "!~",
  "==",
  "!=",
  "has_cs",
  "contains_cs",
]);
const LIST_OPS = new Set(["in", "!in", "in~", "!in~", "has_any"]);
const COMPARISONS = new Set(["<", "<=", ">", ">="]);
const KNOWN_UNSUPPORTED_OPS = new Set([
  "matches",
  "!matches",
  "has_all",
  "!has_any",
  "between",
  "!between",
  "like",
]);

export function parseQuery(source: string): Query {
  return new Parser(source).query();
}

class Parser {
  private readonly tokens: Token[];
  private at = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.at++;
    return token;
  }

  private is(text: string): boolean {
    return this.peek().text === text && this.peek().kind !== "string";
  }

  private accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  private expect(text: string): Token {
    if (!this.is(text))
      throw syntaxError(
        `expected '${text}' but found '${this.peek().text || "end of query"}'`,
        this.peek().pos,
      );
    return this.next();
  }

  private identifier(): string {
    const token = this.next();
    if (token.kind !== "ident")
      throw syntaxError(`expected a name but found '${token.text || "end of query"}'`, token.pos);
    return token.text;
  }

  query(): Query {
    if (this.is("let")) throw unsupported("statement 'let'");
    const table = this.identifier();
    const operators: Operator[] = [];
    while (this.accept("|")) operators.push(this.operator());
    this.accept(";");
    if (this.peek().kind !== "end") throw syntaxError(`unexpected '${this.peek().text}'`, this.peek().pos);
    return { table, operators };
  }

  private operator(): Operator {
    const token = this.next();
    switch (token.text) {
      case "where":
      case "filter":
        return { kind: "where", predicate: this.expression() };
      case "project":
        return { kind: "project", items: this.namedList() };
      case "project-away":
        return { kind: "project-away", columns: this.nameList() };
      case "extend":
        return { kind: "extend", items: this.namedList() };
      case "summarize":
        return this.summarize();
      case "distinct":
        return { kind: "distinct", columns: this.nameList() };
      case "take":
      case "limit":
        return { kind: "take", count: this.count() };
      case "order":
      case "sort":
        this.expect("by");
        return { kind: "sort", keys: this.sortKeys() };
      case "count":
        return { kind: "count" };
      default:
        throw unsupported(`operator '${token.text}'`);
    }
  }

  private count(): number {
    const token = this.next();
    if (token.kind !== "number") throw syntaxError("expected a row count", token.pos);
    return token.value as number;
  }

  private nameList(): string[] {
    const names = [this.identifier()];
    while (this.accept(",")) names.push(this.identifier());
    return names;
  }

  private namedItem(): NamedExpr {
    if (this.peek().kind === "ident" && this.peek(1).text === "=") {
      const name = this.identifier();
      this.expect("=");
      return { name, expr: this.expression() };
    }
    return { expr: this.expression() };
  }

  private namedList(): NamedExpr[] {
    const items = [this.namedItem()];
    while (this.accept(",")) items.push(this.namedItem());
    return items;
  }

  private summarize(): Operator {
    const aggregates = this.is("by") ? [] : this.namedList();
    const by = this.accept("by") ? this.namedList() : [];
    return { kind: "summarize", aggregates, by };
  }

  private sortKeys(): SortKey[] {
    const keys: SortKey[] = [];
    do {
      const expr = this.expression();
      let descending = true;
      if (this.accept("asc")) descending = false;
      else this.accept("desc");
      if (this.is("nulls")) throw unsupported("'nulls first/last' in order by");
      keys.push({ expr, descending });
    } while (this.accept(","));
    return keys;
  }

  expression(): Expr {
    return this.or();
  }

  private or(): Expr {
    let left = this.and();
    while (this.accept("or")) left = { kind: "binary", op: "or", left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.comparison();
    while (this.accept("and")) left = { kind: "binary", op: "and", left, right: this.comparison() };
    return left;
  }

  private comparison(): Expr {
    const left = this.additive();
    const op = this.peek().text;
    if (this.peek().kind === "string") return left;
    if (LIST_OPS.has(op)) {
      this.next();
      return { kind: "list", op, left, items: this.listItems() };
    }
    if (STRING_OPS.has(op) || COMPARISONS.has(op)) {
      this.next();
      return { kind: "binary", op, left, right: this.additive() };
    }
    if (KNOWN_UNSUPPORTED_OPS.has(op))
      throw unsupported(`operator '${op}${op.endsWith("matches") ? " regex" : ""}'`);
    return left;
  }

  /** `(a, b, c)` or a single expression such as dynamic([...]). */
  private listItems(): Expr[] {
    this.expect("(");
    const items = [this.expression()];
    while (this.accept(",")) items.push(this.expression());
    this.expect(")");
    return items;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.is("+") || this.is("-"))
      left = { kind: "binary", op: this.next().text, left, right: this.multiplicative() };
    return left;
  }

  private multiplicative(): Expr {
    let left = this.postfix();
    while (this.is("*") || this.is("/"))
      left = { kind: "binary", op: this.next().text, left, right: this.postfix() };
    return left;
  }

  private postfix(): Expr {
    let target = this.primary();
    for (;;) {
      if (this.accept(".")) {
        target = { kind: "member", target, key: this.identifier() };
      } else if (this.is("[")) {
        this.next();
        const key = this.next();
        if (key.kind !== "string" && key.kind !== "number") throw unsupported("computed index expressions");
        this.expect("]");
        target = { kind: "member", target, key: String(key.value) };
      } else {
        return target;
      }
    }
  }

  private primary(): Expr {
    const token = this.next();
    if (token.kind === "string") return { kind: "literal", value: token.value, type: "String" };
    if (token.kind === "number")
      return {
        kind: "literal",
        value: token.value,
        type: Number.isInteger(token.value) ? "Int64" : "Double",
      };
    if (token.kind === "timespan") return { kind: "literal", value: token.value, type: "TimeSpan" };
    if (token.text === "(") {
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (token.text === "*") return { kind: "star" };
    if (token.text === "-" && (this.peek().kind === "number" || this.peek().kind === "timespan")) {
      const literal = this.next();
      return {
        kind: "literal",
        value: -(literal.value as number),
        type: literal.kind === "timespan" ? "TimeSpan" : "Int64",
      };
    }
    if (token.kind !== "ident") throw syntaxError(`unexpected '${token.text || "end of query"}'`, token.pos);
    if (token.text === "true" || token.text === "false")
      return { kind: "literal", value: token.text === "true", type: "Boolean" };
    if (!this.is("(")) return { kind: "column", name: token.text };
    if (token.text === "datetime") return this.datetimeLiteral();
    if (token.text === "dynamic") return this.dynamicLiteral();
    return { kind: "call", name: token.text, args: this.arguments() };
  }

  private arguments(): Expr[] {
    this.expect("(");
    const args: Expr[] = [];
    if (!this.is(")")) {
      do args.push(this.expression());
      while (this.accept(","));
    }
    this.expect(")");
    return args;
  }

  /** Raw text between the parentheses, for datetime(...) and dynamic(...). */
  private rawParenthesised(): { text: string; pos: number } {
    const open = this.expect("(");
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token.kind === "end") throw syntaxError("unbalanced parentheses", open.pos);
      if (token.text === "(") depth++;
      if (token.text === ")") depth--;
    }
    const close = this.tokens[this.at - 1];
    return { text: this.source.slice(open.end, close.pos).trim(), pos: open.pos };
  }

  private datetimeLiteral(): Expr {
    const raw = this.rawParenthesised();
    const text = raw.text.replace(/^['"]|['"]$/g, "");
    const hasZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(text);
    const ms = Date.parse(
      text.length <= 10 ? `${text}T00:00:00Z` : hasZone ? text : `${text.replace(" ", "T")}Z`,
    );
    if (Number.isNaN(ms)) throw syntaxError(`invalid datetime '${raw.text}'`, raw.pos);
    return { kind: "literal", value: new Date(ms), type: "DateTime" };
  }

  private dynamicLiteral(): Expr {
    const raw = this.rawParenthesised();
    const json = raw.text.replace(/'((?:[^'\\]|\\.)*)'/g, (_m, inner: string) =>
      JSON.stringify(inner.replace(/\\'/g, "'")),
    );
    try {
      return { kind: "literal", value: JSON.parse(json) as unknown, type: "Dynamic" };
    } catch {
      throw syntaxError(`invalid dynamic literal '${raw.text}'`, raw.pos);
    }
  }
}
