import { parseInstant } from "../../model/instant";
import { DateTimeScalar, isoInstant } from "./scalars";

describe("DateTime", () => {
  const instant = new Date("2026-11-07T17:11:39.656Z");

  it("writes a Date as toISOString does: UTC with milliseconds", () => {
    expect(DateTimeScalar.serialize(instant)).toBe("2026-11-07T17:11:39.656Z");
  });

  it.each([
    ["2026-11-07T17:11:39.656+00:00", "2026-11-07T17:11:39.656Z"],
    ["2026-11-07T17:11:39.6+00:00", "2026-11-07T17:11:39.600Z"],
    ["2026-11-07T17:11:39+00:00", "2026-11-07T17:11:39.000Z"],
    ["2026-11-07T17:11:39.656789+00:00", "2026-11-07T17:11:39.656Z"],
    ["2026-11-07T17:11:39.656Z", "2026-11-07T17:11:39.656Z"],
    ["2026-11-07T19:11:39.656+02:00", "2026-11-07T17:11:39.656Z"],
  ])("writes PostgreSQL's JSON text %s as %s, the form a Date gets", (text, expected) => {
    expect(isoInstant(text)).toBe(expected);
    expect(isoInstant(text)).toBe(new Date(text).toISOString());
  });

  it.each(["yesterday", "2026-11-07", "", new Date(Number.NaN), { at: 1 }])("refuses %p", (value) => {
    expect(() => DateTimeScalar.serialize(value)).toThrow(/DateTime cannot/);
  });

  it("reads inputs as graphql-scalars' DateTime does: into a Date", () => {
    expect(DateTimeScalar.parseValue("2026-11-07T17:11:39.656Z")).toEqual(instant);
  });

  it.each([
    "2026-13-45T99:99:99Z",
    "2026-02-29T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00+01:00",
    "2026-01-01T00:00:60Z",
  ])("refuses the impossible or unstorable instant %s, as an input and inside a cursor", (text) => {
    expect(() => DateTimeScalar.parseValue(text)).toThrow(/DateTime/);
    expect(parseInstant(text)).toBeNull();
  });

  it("reads PostgreSQL's JSON text and the first and last storable instants", () => {
    expect(parseInstant("2026-11-07T17:11:39.656789+00:00")).toEqual(instant);
    expect(parseInstant("0001-01-01T00:00:00Z")?.toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(parseInstant("9999-12-31T23:59:59.999Z")?.toISOString()).toBe("9999-12-31T23:59:59.999Z");
  });
});
