// Scalar semantics: comparisons, string operators and the supported functions.
import { semanticError, unsupported } from "./errors";

export type Value = unknown;

export function isEmpty(value: Value): boolean {
  return value === null || value === undefined || value === "";
}

/** KQL's tostring(): dates as ISO, dynamic values as JSON, null as "". */
export function toText(value: Value): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A primitive used for equality, grouping and ordering. */
export function comparable(value: Value): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "object") return JSON.stringify(value);
  return value as string | number | boolean;
}

export function compare(a: Value, b: Value): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/** `has`: the needle occurs as a whole term (alphanumeric boundaries), case-insensitively. */
export function hasTerm(haystack: Value, needle: Value): boolean {
  if (isEmpty(haystack)) return false;
  return hasLowerTerm(toText(haystack).toLowerCase(), toText(needle).toLowerCase());
}

const lower = (v: Value): string => toText(v).toLowerCase();

export const STRING_OPERATORS: Record<string, (a: Value, b: Value) => boolean> = {
  "==": (a, b) => compare(a, b) === 0 && a !== null && a !== undefined,
  "!=": (a, b) => compare(a, b) !== 0,
  "=~": (a, b) => lower(a) === lower(b),
  "!~": (a, b) => lower(a) !== lower(b),
  has: hasTerm,
  "!has": (a, b) => !hasTerm(a, b),
  has_cs: (a, b) => hasTerm(a, b) && toText(a).includes(toText(b)),
  contains: (a, b) => lower(a).includes(lower(b)),
  "!contains": (a, b) => !lower(a).includes(lower(b)),
  contains_cs: (a, b) => toText(a).includes(toText(b)),
  startswith: (a, b) => !isEmpty(a) && lower(a).startsWith(lower(b)),
  "!startswith": (a, b) => !lower(a).startsWith(lower(b)),
  endswith: (a, b) => !isEmpty(a) && lower(a).endsWith(lower(b)),
  "!endswith": (a, b) => !lower(a).endsWith(lower(b)),
  "<": (a, b) => a !== null && b !== null && compare(a, b) < 0,
  "<=": (a, b) => a !== null && b !== null && compare(a, b) <= 0,
  ">": (a, b) => a !== null && b !== null && compare(a, b) > 0,
  ">=": (a, b) => a !== null && b !== null && compare(a, b) >= 0,
};

/** `has` on an already lower-cased haystack and needle. */
function hasLowerTerm(h: string, n: string): boolean {
  if (!n) return true;
  for (let at = h.indexOf(n); at >= 0; at = h.indexOf(n, at + 1)) {
    const before = !isWordChar(n[0]) || !isWordChar(h[at - 1]);
    const after = !isWordChar(n[n.length - 1]) || !isWordChar(h[at + n.length]);
    if (before && after) return true;
  }
  return false;
}

/**
 * inList for a list of literals, prepared once per query: lower-cased items in a set for `in~`,
 * needles lower-cased once for `has_any` (the hunting queries' long lists, evaluated on every row).
 */
export function constantList(op: string, items: Value[]): (value: Value) => boolean {
  const flat = items.flatMap((item) => (Array.isArray(item) ? item : [item]));
  if (op === "in~" || op === "!in~") {
    const lowered = new Set(flat.map(lower));
    return op === "in~" ? (value) => lowered.has(lower(value)) : (value) => !lowered.has(lower(value));
  }
  if (op === "in" || op === "!in") return (value) => inList(op, value, flat);
  const needles = flat.map(lower);
  return (value) => {
    if (isEmpty(value)) return false;
    const h = toText(value).toLowerCase();
    return needles.some((n) => hasLowerTerm(h, n));
  };
}

export function inList(op: string, value: Value, items: Value[]): boolean {
  const flat = items.flatMap((item) => (Array.isArray(item) ? item : [item]));
  switch (op) {
    case "in":
      return flat.some((item) => compare(value, item) === 0);
    case "!in":
      return !flat.some((item) => compare(value, item) === 0);
    case "in~":
      return flat.some((item) => lower(value) === lower(item));
    case "!in~":
      return !flat.some((item) => lower(value) === lower(item));
    default:
      return flat.some((item) => hasTerm(value, item));
  }
}

export function arithmetic(op: string, a: Value, b: Value): Value {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  if (a instanceof Date && typeof b === "number")
    return new Date(op === "+" ? a.getTime() + b : a.getTime() - b);
  if (a instanceof Date && b instanceof Date && op === "-") return a.getTime() - b.getTime();
  if (typeof a !== "number" || typeof b !== "number")
    throw semanticError(`operator '${op}' needs numeric or datetime operands`);
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    default:
      return b === 0 ? null : a / b;
  }
}

const DAY = 86_400_000;

/** Scalar functions; `now` is the simulator's data time. */
export function callScalar(name: string, args: Value[], now: number): Value {
  switch (name) {
    case "ago":
      return new Date(now - Number(args[0]));
    case "now":
      return new Date(now + (args.length ? Number(args[0]) : 0));
    case "startofday": {
      // Days start at midnight UTC, as in Kusto.
      if (!(args[0] instanceof Date)) return null;
      const at = args[0].getTime();
      return new Date(at - (((at % DAY) + DAY) % DAY));
    }
    case "tolower":
      return isEmpty(args[0]) ? "" : toText(args[0]).toLowerCase();
    case "toupper":
      return isEmpty(args[0]) ? "" : toText(args[0]).toUpperCase();
    case "tostring":
      return toText(args[0]);
    case "strcat":
      return args.map(toText).join("");
    case "coalesce":
      return args.find((a) => !isEmpty(a)) ?? null;
    case "iff":
    case "iif":
      return args[0] === true ? args[1] : args[2];
    case "isempty":
      return isEmpty(args[0]);
    case "isnotempty":
      return !isEmpty(args[0]);
    case "not":
      return args[0] !== true;
    default:
      throw unsupported(`function '${name}'`);
  }
}

export const AGGREGATES = new Set(["count", "dcount", "min", "max", "make_set", "arg_max", "any", "sum"]);
