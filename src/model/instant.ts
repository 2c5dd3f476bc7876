/**
 * Points in time as the store returns them and as callers give them: a Date, or the ISO-8601 text
 * PostgreSQL's JSON gives for a timestamptz; and the strict reading of instants from text that every
 * layer shares (cursors in the store, arguments in the API).
 */
import { DateTimeResolver } from "graphql-scalars";

/**
 * A point in time as rows hold it: a Date (rows pg parsed), or the ISO-8601 text PostgreSQL's JSON
 * gives for a timestamptz (pages that travel as JSON are not revived into dates).
 */
export type Instant = Date | string;

const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/** A Date within the years 0001–9999 (what PostgreSQL can store and ISO text writes unambiguously); else throws. */
export function inStorableRange(date: Date): Date {
  const ms = date.getTime();
  if (!(ms >= EARLIEST && ms <= LATEST)) {
    throw new TypeError("DateTime must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z");
  }
  return date;
}

/**
 * An instant from text (a cursor's, an argument's), as strictly as the API's DateTime scalar reads it:
 * a real calendar date and time in RFC 3339 form (graphql-scalars' parser), within the years 0001–9999;
 * null otherwise.
 */
export function parseInstant(text: string): Date | null {
  try {
    return inStorableRange(DateTimeResolver.parseValue(text) as Date);
  } catch {
    return null;
  }
}
