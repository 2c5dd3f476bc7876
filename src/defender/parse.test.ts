import {
  RowParser,
  machineSchema,
  parseHuntingRow,
  parseHuntingSchema,
  parseTimestamp,
  softwareInventorySchema,
} from "./parse";

describe("parseTimestamp", () => {
  it.each([
    ["2020-12-30 11:07:15", "2020-12-30T11:07:15.000Z"],
    ["2020-12-30T11:07:15", "2020-12-30T11:07:15.000Z"],
    ["2025-03-02T14:55:03.7791856Z", "2025-03-02T14:55:03.779Z"],
    ["2025-03-02T16:55:03+02:00", "2025-03-02T14:55:03.000Z"],
    ["2025-03-02", "2025-03-02T00:00:00.000Z"],
  ])("reads %s as UTC", (input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
  });

  it.each([null, "", "not a date", {}, Number.NaN])("gives null for %p", (input) => {
    expect(parseTimestamp(input)).toBeNull();
  });
});

describe("RowParser", () => {
  const counters = () => ({ rowsRead: 0, rowsSkipped: 0 });

  it("matches keys case-insensitively and coerces drifted types", () => {
    const c = counters();
    const parser = new RowParser(softwareInventorySchema, c);
    const row = parser.parse({
      DeviceId: "d1",
      SOFTWAREVENDOR: "anysphere",
      softwarename: "cursor",
      SoftwareVersion: 1.2,
      RbacGroupId: 140,
      NumberOfWeaknesses: "3",
      DiskPaths: '["C:\\\\Users\\\\ann\\\\AppData\\\\Local\\\\Programs\\\\cursor\\\\Cursor.exe"]',
      RegistryPaths: null,
      SoftwareFirstSeenTimestamp: "2025-06-19 08:44:02",
      SomethingNew: { nested: true },
    });
    expect(row).toMatchObject({
      deviceId: "d1",
      softwareVendor: "anysphere",
      softwareName: "cursor",
      softwareVersion: "1.2",
      rbacGroupId: "140",
      numberOfWeaknesses: 3,
      diskPaths: ["C:\\Users\\ann\\AppData\\Local\\Programs\\cursor\\Cursor.exe"],
      registryPaths: [],
      softwareFirstSeenTimestamp: "2025-06-19 08:44:02",
      endOfSupportDate: null,
    });
    expect(row).not.toHaveProperty("SomethingNew");
    expect(c).toEqual({ rowsRead: 1, rowsSkipped: 0 });
  });

  it("turns unusable optional fields into null instead of dropping the row", () => {
    const parser = new RowParser(machineSchema, counters());
    expect(
      parser.parse({
        id: "m1",
        osBuild: "n/a",
        isAadJoined: "TRUE",
        lastSeen: "yesterday",
        machineTags: "dev",
      }),
    ).toMatchObject({
      id: "m1",
      osBuild: null,
      isAadJoined: true,
      lastSeen: null,
      machineTags: ["dev"],
      computerDnsName: null,
    });
  });

  it.each([
    [{ isPotentialDuplication: true, mergedIntoMachineId: null }, true, null],
    [{ isPotentialDuplication: "True", mergedIntoMachineId: "7D5CC2E7C305" }, true, "7D5CC2E7C305"],
    [{ IsPotentialDuplication: false }, false, null],
    [{}, null, null],
  ])("reads the duplicate-record fields of a machine: %j", (fields, potential, merged) => {
    const parser = new RowParser(machineSchema, counters());
    expect(parser.parse({ id: "m1", ...fields })).toMatchObject({
      isPotentialDuplication: potential,
      mergedIntoMachineId: merged,
    });
  });

  it("skips and counts rows without an identifying field, and non-objects", () => {
    const c = counters();
    const skipped: string[] = [];
    const parser = new RowParser(softwareInventorySchema, c, (_row, reason) => skipped.push(reason));
    const rows = parser.parseAll([
      { deviceId: "d1", softwareName: "git" },
      { deviceId: "", softwareName: "git" },
      { deviceId: "d2", softwareName: { nested: 1 } },
      "garbage",
      null,
      [1, 2],
      { DEVICEID: "d3", SOFTWARENAME: "node" },
    ]);
    expect(rows.map((r) => r.deviceId)).toEqual(["d1", "d3"]);
    expect(c).toEqual({ rowsRead: 7, rowsSkipped: 5 });
    expect(skipped[0]).toMatch(/deviceId/);
  });
});

describe("hunting results", () => {
  it("reads either casing of the schema and types values by column", () => {
    const schema = parseHuntingSchema([
      { Name: "DeviceId", Type: "String" },
      { name: "LastSeen", type: "DateTime" },
      { Name: "Count", Type: "Int64" },
      { Name: "Raw", Type: "Dynamic" },
      { Name: "IsActivated", Type: "Boolean" },
      { nope: 1 },
    ]);
    expect(schema.map((c) => c.name)).toEqual(["DeviceId", "LastSeen", "Count", "Raw", "IsActivated"]);
    const row = parseHuntingRow(
      { deviceid: "d1", LastSeen: "2026-10-30 06:58:12", Count: "7", Raw: '{"a":[1]}', IsActivated: "true" },
      schema,
    );
    expect(row).toEqual({
      DeviceId: "d1",
      LastSeen: new Date("2026-10-30T06:58:12Z"),
      Count: 7,
      Raw: { a: [1] },
      IsActivated: true,
    });
    expect(parseHuntingRow("nope", schema)).toBeUndefined();
  });
});
