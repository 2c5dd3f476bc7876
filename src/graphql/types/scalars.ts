/**
 * Scalars, registered once for type-graphql: graphql-scalars' UUID, and its DateTime written as text and
 * read only within the years 0001–9999 (what PostgreSQL can store and ISO text writes unambiguously).
 */
import { GraphQLScalarType, type ValueNode } from "graphql";
import { DateTimeResolver, UUIDResolver } from "graphql-scalars";
import { inStorableRange } from "../../model/instant";

/** A point in time as the API's objects hold it; the DateTime scalar writes a Date and ISO text alike. */
export type { Instant } from "../../model/instant";

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

/**
 * graphql-scalars' DateTime, serialized to text rather than to a Date: a Date left in the result makes
 * JSON.stringify call its toJSON and leave its fast path (a page of 50 devices stringified 3× slower).
 * Inputs are range-checked, so no impossible instant ever reaches SQL.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize: isoInstant,
  parseValue: (value: unknown) => inStorableRange(DateTimeResolver.parseValue(value) as Date),
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) =>
    inStorableRange(DateTimeResolver.parseLiteral(ast, variables) as Date),
});
export const UUIDScalar = UUIDResolver;
