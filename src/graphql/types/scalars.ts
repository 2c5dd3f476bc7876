/**
 * Scalars, registered once for type-graphql: graphql-scalars' UUID, and its DateTime written as text and
 * read only within the years 0001–9999 (what PostgreSQL can store and ISO text writes unambiguously).
 */
import { GraphQLScalarType, type ValueNode } from "graphql";
import { DateTimeResolver, UUIDResolver } from "graphql-scalars";

/**
 * A point in time as the API's objects hold it: a Date (entities, rows pg parsed), or the ISO-8601
 * text PostgreSQL's JSON gives for a timestamptz (pages that travel as JSON are not revived into
 * dates; the DateTime scalar writes both alike).
 */
export type Instant = Date | string;

/** UTC in ISO-8601 with 0–9 fractional digits, as PostgreSQL's JSON writes it in a UTC session. */
const UTC_TEXT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(?:Z|\+00:00)$/;

/**
 * The API's form of an instant: `Date.prototype.toISOString`'s (UTC, milliseconds). UTC text is
 * reformatted as text (fractions are truncated to milliseconds, as Date parsing does); other text is
 * validated and parsed by graphql-scalars' DateTime.
 */
export function isoInstant(value: unknown): string {
  if (typeof value === "string") {
    const utc = UTC_TEXT.exec(value);
    if (utc) return `${utc[1]}.${(utc[2] ?? "").padEnd(3, "0").slice(0, 3)}Z`;
  }
  return (DateTimeResolver.serialize(value) as Date).toISOString();
}

const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/** A Date within the years 0001–9999; anything else is refused (PostgreSQL has no year 0). */
function inRange(date: Date): Date {
  const ms = date.getTime();
  if (!(ms >= EARLIEST && ms <= LATEST)) {
    throw new TypeError("DateTime must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z");
  }
  return date;
}

/**
 * An instant from text (a cursor's, an argument's), as strictly as the DateTime scalar reads it: a real
 * calendar date and time in RFC 3339 form, within the years 0001–9999; null otherwise.
 */
export function parseInstant(text: string): Date | null {
  try {
    return inRange(DateTimeResolver.parseValue(text) as Date);
  } catch {
    return null;
  }
}

/**
 * graphql-scalars' DateTime, serialized to text rather than to a Date: a Date left in the result makes
 * JSON.stringify call its toJSON and leave its fast path (a page of 50 devices stringified 3× slower).
 * Inputs are range-checked, so no impossible instant ever reaches SQL.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize: isoInstant,
  parseValue: (value: unknown) => inRange(DateTimeResolver.parseValue(value) as Date),
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) =>
    inRange(DateTimeResolver.parseLiteral(ast, variables) as Date),
});
export const UUIDScalar = UUIDResolver;
