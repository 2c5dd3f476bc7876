// KQL tokenizer for the simulator's subset: identifiers (with `!`/`~` operator forms), strings
// ('..', "..", @'..'), numbers, timespans (30d, 12h, 5m) and punctuation.
import { syntaxError } from "./errors";

export type TokenKind = "ident" | "string" | "number" | "timespan" | "punct" | "end";

export interface Token {
  kind: TokenKind;
  text: string;
  value?: string | number;
  pos: number;
  end: number;
}

const TIMESPAN_UNITS: Record<string, number> = {
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  tick: 0.0001,
};
const PUNCT = [
  "==",
  "!=",
  "=~",
  "!~",
  "<=",
  ">=",
  "|",
  "(",
  ")",
  "[",
  "]",
  ",",
  "=",
  "<",
  ">",
  ".",
  "*",
  "+",
  "-",
  "/",
  "{",
  "}",
  ";",
  ":",
];

const isIdentStart = (c: string): boolean => /[A-Za-z_$]/.test(c);
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_$]/.test(c);
const isDigit = (c: string): boolean => c >= "0" && c <= "9";

function readString(
  src: string,
  start: number,
  quote: string,
  verbatim: boolean,
): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  while (i < src.length && src[i] !== quote) {
    if (!verbatim && src[i] === "\\" && i + 1 < src.length) {
      const next = src[i + 1];
      value += next === "n" ? "\n" : next === "t" ? "\t" : next;
      i += 2;
      continue;
    }
    value += src[i++];
  }
  if (i >= src.length) throw syntaxError("unterminated string literal", start);
  return { value, end: i + 1 };
}

function readNumber(src: string, start: number): Token {
  let i = start;
  while (i < src.length && (isDigit(src[i]) || src[i] === ".")) i++;
  const number = Number(src.slice(start, i));
  let unitEnd = i;
  while (unitEnd < src.length && /[a-z]/i.test(src[unitEnd])) unitEnd++;
  const unit = src.slice(i, unitEnd).toLowerCase();
  if (unit && TIMESPAN_UNITS[unit] !== undefined)
    return {
      kind: "timespan",
      text: src.slice(start, unitEnd),
      value: number * TIMESPAN_UNITS[unit],
      pos: start,
      end: unitEnd,
    };
  if (unit) throw syntaxError(`unknown timespan unit '${unit}'`, i);
  return { kind: "number", text: src.slice(start, i), value: number, pos: start, end: i };
}

function readIdent(src: string, start: number): Token {
  let i = start;
  if (src[i] === "!") i++;
  while (
    i < src.length &&
    (isIdentPart(src[i]) ||
      (src[i] === "-" && /^-(away|keep|rename|reorder|expand|apply|series)\b/.test(src.slice(i))))
  )
    i++;
  if (src[i] === "~") i++;
  return { kind: "ident", text: src.slice(start, i), pos: start, end: i };
}

/** KQL also takes an unquoted `datetime(2026-11-27T08:00:00Z)`: its inside is one literal, not tokens. */
function readBareDatetime(src: string, start: number, tokens: Token[]): number {
  const open = src.slice(start).search(/\S/) + start;
  if (src[open] !== "(" || /^\(\s*['"]/.test(src.slice(open))) return start;
  const close = src.indexOf(")", open);
  if (close < 0) return start;
  const text = src.slice(open + 1, close).trim();
  tokens.push({ kind: "punct", text: "(", pos: open, end: open + 1 });
  tokens.push({ kind: "string", text, value: text, pos: open + 1, end: close });
  tokens.push({ kind: "punct", text: ")", pos: close, end: close + 1 });
  return close + 1;
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "'" || c === '"' || (c === "@" && (src[i + 1] === "'" || src[i + 1] === '"'))) {
      const verbatim = c === "@";
      const s = readString(src, verbatim ? i + 1 : i, verbatim ? src[i + 1] : c, verbatim);
      tokens.push({ kind: "string", text: src.slice(i, s.end), value: s.value, pos: i, end: s.end });
      i = s.end;
    } else if (isDigit(c)) {
      const t = readNumber(src, i);
      tokens.push(t);
      i = t.end;
    } else if (isIdentStart(c) || (c === "!" && isIdentStart(src[i + 1] ?? ""))) {
      const t = readIdent(src, i);
      tokens.push(t);
      i = t.end;
      if (t.text === "datetime") i = readBareDatetime(src, i, tokens);
    } else {
      const p = PUNCT.find((op) => src.startsWith(op, i));
      if (!p) throw syntaxError(`unexpected character '${c}'`, i);
      tokens.push({ kind: "punct", text: p, pos: i, end: i + p.length });
      i += p.length;
    }
  }
  tokens.push({ kind: "end", text: "", pos: src.length, end: src.length });
  return tokens;
}
