import { agentIdOf, apiKeyOf, tenantIdOf } from "./ids";
import { toGlobalId } from "./relay";

const TENANT = "7d0c4b8e-3f1a-4c2e-9b5d-2a6f8e1c0d47";
const ROW = "c2a5e1f0-8b3d-4e6a-9f17-5d4c3b2a1e09";

describe("IDs of arguments", () => {
  it("gives the tenant row behind a Tenant ID", () => {
    expect(tenantIdOf(toGlobalId("Tenant", TENANT, TENANT))).toBe(TENANT);
  });

  it("gives the agent row behind an Agent ID, which belongs to no tenant", () => {
    expect(agentIdOf(toGlobalId("Agent", null, ROW))).toBe(ROW);
  });

  it("refuses an Agent ID that names a tenant: agents are shared by all tenants", () => {
    expect(agentIdOf(toGlobalId("Agent", TENANT, ROW))).toBeNull();
  });

  it("gives an API key with the tenant it names, or none for a platform key", () => {
    expect(apiKeyOf(toGlobalId("ApiKey", TENANT, ROW))).toEqual({ tenantId: TENANT, id: ROW });
    expect(apiKeyOf(toGlobalId("ApiKey", null, ROW))).toEqual({ tenantId: null, id: ROW });
  });

  it.each([
    ["an ID of another type", toGlobalId("Device", TENANT, ROW)],
    ["a malformed ID", "not-an-id"],
    ["an empty ID", ""],
    // Every node row is keyed by a UUID: any other key names no row and must not reach SQL.
    ["an ID whose key is no UUID", toGlobalId("Tenant", null, "1 OR 1=1")],
  ])("answers null for %s, so the service says not found", (_label, id) => {
    expect(tenantIdOf(id)).toBeNull();
    expect(agentIdOf(id)).toBeNull();
    expect(apiKeyOf(id)).toBeNull();
  });
});
