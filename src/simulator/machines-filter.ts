// The OData $filter subset /api/machines understands.
import { HttpError } from "./http";

type Machine = Record<string, unknown>;
type Predicate = (machine: Machine) => boolean;

const EQUALITY_FIELDS = [
  "healthStatus",
  "onboardingStatus",
  "osPlatform",
  "riskScore",
  "exposureLevel",
  "computerDnsName",
  "id",
  "aadDeviceId",
  "rbacGroupId",
  "deviceValue",
  "version",
];

function unquote(value: string): string {
  return value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1) : value;
}

function fieldName(name: string, allowed: string[]): string {
  const match = allowed.find((f) => f.toLowerCase() === name.toLowerCase());
  if (!match)
    throw new HttpError(
      400,
      "BadRequest",
      `Invalid filter clause: property '${name}' is not supported in $filter.`,
    );
  return match;
}

function clause(text: string): Predicate {
  const starts = /^startswith\(\s*(\w+)\s*,\s*'([^']*)'\s*\)$/i.exec(text);
  if (starts) {
    const field = fieldName(starts[1], ["computerDnsName"]);
    const prefix = starts[2].toLowerCase();
    return (m) =>
      String(m[field] ?? "")
        .toLowerCase()
        .startsWith(prefix);
  }
  const cmp = /^(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/i.exec(text);
  if (!cmp) throw new HttpError(400, "BadRequest", `Invalid filter clause: '${text}'.`);
  const op = cmp[2].toLowerCase();
  if (cmp[1].toLowerCase() === "lastseen") return timeClause(op, unquote(cmp[3].trim()));
  const field = fieldName(cmp[1], EQUALITY_FIELDS);
  if (op !== "eq" && op !== "ne")
    throw new HttpError(
      400,
      "BadRequest",
      `Invalid filter clause: operator '${op}' is not supported on '${field}'.`,
    );
  const value = unquote(cmp[3].trim()).toLowerCase();
  return (m) => (String(m[field] ?? "").toLowerCase() === value) === (op === "eq");
}

function timeClause(op: string, value: string): Predicate {
  const at = Date.parse(
    value.length === 11 && value.endsWith("Z") ? `${value.slice(0, 10)}T00:00:00Z` : value,
  );
  if (Number.isNaN(at))
    throw new HttpError(
      400,
      "BadRequest",
      `Invalid filter clause: '${value}' is not a valid DateTimeOffset.`,
    );
  const test: Record<string, (t: number) => boolean> = {
    gt: (t) => t > at,
    ge: (t) => t >= at,
    lt: (t) => t < at,
    le: (t) => t <= at,
    eq: (t) => t === at,
    ne: (t) => t !== at,
  };
  return (m) => test[op](Date.parse(String(m.lastSeen)));
}

export function parseMachineFilter(filter: string | undefined): Predicate {
  if (!filter?.trim()) return () => true;
  const clauses = filter.split(/\s+and\s+/i).map((c) => clause(c.trim()));
  return (m) => clauses.every((p) => p(m));
}
