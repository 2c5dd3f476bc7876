/**
 * Tenant isolation: a tenant's key sees nothing of another tenant through any root field, nested list,
 * aggregate or `node(id:)`, including IDs forged to carry its own tenant with another tenant's row key.
 */
import { fromGlobalId, toGlobalId } from "../../src/graphql/relay";
import { seedInventory, type SeededInventory } from "../support/inventory";
import { startTestService, type TestService } from "../support/service";

const CREATE_TENANT = `mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } } }`;
const CREATE_KEY = `mutation($tenantId: ID, $name: String!, $role: Role!) {
  createApiKey(input: { tenantId: $tenantId, name: $name, role: $role }) { secret apiKey { id } } }`;

/** Every list and relation under a tenant, two levels deep. */
const EVERYTHING = `query($t: ID!) {
  viewer { tenants { nodes { id name } } }
  tenants { totalCount nodes { id name } }
  agents { id key policy }
  tenant(id: $t) {
    id name apiKeys { id }
    devices(first: 10) { totalCount nodes { id name
      installations(first: 5) { totalCount nodes { id device { id } user { id upn } agent { key policy } } }
      users(first: 3) { totalCount nodes { id upn devices(first: 3) { totalCount nodes { id name } } installations(first: 3) { totalCount nodes { id } } } } } }
    users(first: 10) { totalCount nodes { id upn devices(first: 3) { nodes { id name } } installations(first: 3) { nodes { id device { name } } } } }
    installations(first: 10) { totalCount nodes { id agent { key policy } device { id name } user { id upn } evidence { identifiers { value } } } }
    syncRuns(first: 10) { totalCount nodes { id status } }
    installationEvents(first: 10) { totalCount nodes { id installation { id device { name } } syncRun { id } } }
    summary { byAgent { agent { key policy } installations devices users } byCategory { category installations }
      byOs { osPlatform installations } changes(since: "2020-01-01T00:00:00Z") { installed removed }
      coverage { devices devicesWithSoftwareData devicesWithoutSoftwareData devicesWithAgents } }
  }
}`;

describe("tenant isolation", () => {
  let api: TestService;
  const tenants: Record<"a" | "b", { id: string; key: string; seeded: SeededInventory; apiKeyId: string }> =
    {} as any;

  beforeAll(async () => {
    api = await startTestService();
    for (const [name, prefix] of [
      ["Alpha", "a"],
      ["Bravo", "b"],
    ] as const) {
      const id = (await api.gql<any>(CREATE_TENANT, { name })).data.createTenant.tenant.id;
      const created = (await api.gql<any>(CREATE_KEY, { tenantId: id, name: `${name} admin`, role: "ADMIN" }))
        .data.createApiKey;
      const seeded = await seedInventory(
        api.database.dataSource,
        fromGlobalId(id)!.key,
        name.toLowerCase(),
        8,
      );
      tenants[prefix] = { id, key: created.secret, seeded, apiKeyId: created.apiKey.id };
    }
    // Different policies for the same agent, so a leaked policy would show.
    await api.database.dataSource.query(
      `UPDATE agent_policy SET policy = 'UNSANCTIONED' WHERE tenant_id = $1`,
      [tenants.b.seeded.tenantId],
    );
  });
  afterAll(() => api.stop());

  /** All global IDs in a response. */
  function idsIn(value: unknown, out: string[] = []): string[] {
    if (Array.isArray(value)) value.forEach((v) => idsIn(v, out));
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "id" && typeof v === "string") out.push(v);
        else idsIn(v, out);
      }
    }
    return out;
  }

  it.each(["a", "b"] as const)(
    "shows tenant %s's key only its own rows, through every list and relation",
    async (own) => {
      const other = own === "a" ? "b" : "a";
      const result = await api.gql<any>(EVERYTHING, { t: tenants[own].id }, tenants[own].key);
      expect(result.errors).toBeUndefined();
      const text = JSON.stringify(result.data);
      expect(text).not.toContain(other === "a" ? "alpha" : "bravo");
      expect(text).not.toContain(other === "a" ? "Alpha" : "Bravo");
      const ownRow = tenants[own].seeded.tenantId;
      for (const id of idsIn(result.data)) {
        const decoded = fromGlobalId(id)!;
        if (decoded.type === "Tenant") expect(decoded.key).toBe(ownRow);
        else if (decoded.type !== "Agent") expect(decoded.tenantId).toBe(ownRow);
      }
      const tenant = result.data.tenant;
      expect(tenant.devices.totalCount).toBe(8);
      expect(tenant.installations.totalCount).toBe(8);
      expect(tenant.installationEvents.totalCount).toBe(8);
      expect(tenant.summary.coverage.devices).toBe(8);
      const policy = result.data.agents.find((a: any) => a.key === "github-copilot").policy;
      expect(policy).toBe(own === "a" ? "SANCTIONED" : "UNSANCTIONED");
    },
  );

  it("answers null for the other tenant through tenant(id:), and empty lists through viewer and tenants", async () => {
    const result = await api.gql<any>(EVERYTHING, { t: tenants.b.id }, tenants.a.key);
    expect(result.errors).toBeUndefined();
    expect(result.data.tenant).toBeNull();
    expect(result.data.tenants).toEqual({ totalCount: 1, nodes: [{ id: tenants.a.id, name: "Alpha" }] });
    expect(result.data.viewer.tenants.nodes).toEqual([{ id: tenants.a.id, name: "Alpha" }]);
  });

  it("resolves none of the other tenant's IDs through node(id:), nor IDs forged with its own tenant", async () => {
    const b = tenants.b.seeded;
    const a = tenants.a.seeded.tenantId;
    const rows: Array<[string, string]> = [
      ["Device", b.devices[0].id],
      ["User", b.users[0].id],
      ["Installation", b.installations[0].id],
      ["InstallationEvent", b.events[0].id],
      ["SyncRun", b.syncRuns[0].id],
      ["ApiKey", fromGlobalId(tenants.b.apiKeyId)!.key],
    ];
    const ids = [
      tenants.b.id,
      tenants.b.apiKeyId,
      ...rows.map(([type, key]) => toGlobalId(type, b.tenantId, key)),
      ...rows.map(([type, key]) => toGlobalId(type, a, key)),
      toGlobalId("Device", a, "not-a-uuid"),
      "garbage",
    ];
    for (const id of ids) {
      const result = await api.gql<any>(
        `query($id: ID!) { node(id: $id) { id ... on Device { installations(first: 5) { nodes { id } } } } }`,
        { id },
        tenants.a.key,
      );
      expect({ id, errors: result.errors, node: result.data?.node }).toEqual({
        id,
        errors: undefined,
        node: null,
      });
    }
    // The same IDs do resolve for their own tenant: the nulls above are isolation, not broken IDs.
    for (const [type, key] of rows) {
      const own = await api.gql<any>(
        `query($id: ID!) { node(id: $id) { id } }`,
        { id: toGlobalId(type, b.tenantId, key) },
        tenants.b.key,
      );
      expect(own.data.node).not.toBeNull();
    }
  });
});
