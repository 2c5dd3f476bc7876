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
});
