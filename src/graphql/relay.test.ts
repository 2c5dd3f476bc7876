import { fromGlobalId, pageRequest, toGlobalId } from "./relay";

const tenant = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const row = "0a1b2c3d-4e5f-4061-9273-84a5b6c7d8e9";

describe("global IDs", () => {
  it.each([
    ["Device", tenant, row],
    ["Installation", tenant, row],
    ["Tenant", null, tenant],
    ["Agent", null, row],
  ])("round-trips %s compactly", (type, tenantId, key) => {
    const id = toGlobalId(type, tenantId, key);
    expect(id.length).toBeLessThanOrEqual(44);
    expect(fromGlobalId(id)).toEqual({ type, tenantId, key });
  });

  it.each([
    ["Device", tenant, row.toUpperCase()],
    ["Tenant", null, tenant.toUpperCase()],
  ])("reads the readable form of upper-case UUIDs as the same row (%s %s %s)", (type, tenantId, key) => {
    const id = toGlobalId(type, tenantId, key);
    expect(fromGlobalId(id)).toEqual({ type, tenantId, key: key.toLowerCase() });
  });

  it.each([
    ["Agent", null, "claude-code"],
    ["Device", tenant, row.replace(/-/g, "") + "abcd"],
    ["Device", tenant, row.slice(0, 35) + "g"],
    ["Installation", "------------------------------------", row],
    ["SyncRun", tenant, `${row}\u0000`],
  ])(
    "refuses a node type's ID whose keys are not UUIDs (%s %s %s): it names no row",
    (type, tenantId, key) => {
      expect(fromGlobalId(toGlobalId(type, tenantId, key))).toBeNull();
    },
  );

  it("keeps a readable form for types outside the compact set", () => {
    expect(fromGlobalId(toGlobalId("Report", tenant, "weekly"))).toEqual({
      type: "Report",
      tenantId: tenant,
      key: "weekly",
    });
  });

  it("never confuses types: a Device ID is not a User ID", () => {
    expect(fromGlobalId(toGlobalId("Device", tenant, row))?.type).toBe("Device");
    expect(fromGlobalId(toGlobalId("User", tenant, row))?.type).toBe("User");
  });

  it.each(["", "not-an-id", "AAAA", "%%%", toGlobalId("Device", tenant, row) + "A"])("rejects %j", (id) => {
    expect(fromGlobalId(id)).toBeNull();
  });
});

describe("page requests", () => {
  it.each([{ first: 101 }, { first: -1 }, { last: 101 }, { first: 1, last: 1 }])("rejects %j", (args) => {
    expect(() => pageRequest(args)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });

  it("reads forward by default and backward with `last`", () => {
    expect(pageRequest({})).toMatchObject({ direction: "forward", limit: 50, cursor: null });
    expect(pageRequest({ last: 100 })).toMatchObject({ direction: "backward", limit: 100 });
    expect(pageRequest({ first: 0 })).toMatchObject({ limit: 0 });
  });
});
