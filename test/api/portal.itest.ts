/**
 * What a portal needs beyond the lists: many objects by ID, tenant search, sync runs by status, a
 * policy's note, the owning tenant of an object, the audit trail and a change feed that can be polled
 * from its last cursor. Each read comes with its isolation case: another tenant's key sees none of it.
 */
import { fromGlobalId, toGlobalId } from "../../src/graphql/relay";
import { seedInventory, type SeededInventory } from "../support/inventory";
import { startTestService, type TestService } from "../support/service";

const CREATE_TENANT = `mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } } }`;
const CREATE_KEY = `mutation($tenantId: ID, $name: String!, $role: Role!) {
  createApiKey(input: { tenantId: $tenantId, name: $name, role: $role }) { secret apiKey { id } userErrors { code } } }`;

interface TestTenant {
  id: string;
  rowId: string;
  admin: string;
  adminKeyId: string;
  viewer: string;
  seeded: SeededInventory;
}

describe("portal reads", () => {
  let api: TestService;
  let alpha: TestTenant;
  let bravo: TestTenant;

  async function tenant(name: string): Promise<TestTenant> {
    const id = (await api.gql<any>(CREATE_TENANT, { name })).data.createTenant.tenant.id;
    const admin = (await api.gql<any>(CREATE_KEY, { tenantId: id, name: `${name} admin`, role: "ADMIN" }))
      .data.createApiKey;
    const viewer = (await api.gql<any>(CREATE_KEY, { tenantId: id, name: `${name} viewer`, role: "VIEWER" }))
      .data.createApiKey;
    const rowId = fromGlobalId(id)!.key;
    const seeded = await seedInventory(api.database.dataSource, rowId, name.toLowerCase(), 6);
    return { id, rowId, admin: admin.secret, adminKeyId: admin.apiKey.id, viewer: viewer.secret, seeded };
  }

  beforeAll(async () => {
    api = await startTestService();
    alpha = await tenant("Alpha Portal");
    bravo = await tenant("Bravo Portal");
  });
  afterAll(() => api.stop());

  describe("nodes(ids:)", () => {
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Device { name } ... on User { upn } } }`;

    it("returns each object in the order asked, null for what is missing", async () => {
      const device = toGlobalId("Device", alpha.rowId, alpha.seeded.devices[1].id);
      const user = toGlobalId("User", alpha.rowId, alpha.seeded.users[0].id);
      const missing = toGlobalId("Device", alpha.rowId, "00000000-0000-4000-8000-000000000000");
      const result = await api.gql<any>(NODES, { ids: [user, missing, device] }, alpha.viewer);
      expect(result.errors).toBeUndefined();
      expect(result.data.nodes).toEqual([
        { id: user, upn: alpha.seeded.users[0].upn },
        null,
        { id: device, name: alpha.seeded.devices[1].name },
      ]);
    });

    it("shows another tenant's objects as null, even with an ID forged to carry the caller's tenant", async () => {
      const foreign = toGlobalId("Device", bravo.rowId, bravo.seeded.devices[0].id);
      const forged = toGlobalId("Device", alpha.rowId, bravo.seeded.devices[0].id);
      const own = toGlobalId("Device", alpha.rowId, alpha.seeded.devices[0].id);
      const result = await api.gql<any>(NODES, { ids: [foreign, forged, own] }, alpha.admin);
      expect(result.data.nodes.map((n: { id: string } | null) => n?.id ?? null)).toEqual([null, null, own]);
    });

    it("refuses more than 100 IDs", async () => {
      const ids = Array.from({ length: 101 }, () =>
        toGlobalId("Device", alpha.rowId, alpha.seeded.devices[0].id),
      );
      const result = await api.gql<any>(NODES, { ids }, alpha.admin);
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("tenants(filter:)", () => {
    const TENANTS = `query($filter: TenantFilter) { tenants(filter: $filter) { totalCount nodes { name } } }`;

    it("finds tenants by part of their name, ignoring case, and by integration status", async () => {
      const byName = await api.gql<any>(TENANTS, { filter: { nameContains: "bravo port" } });
      expect(byName.data.tenants.nodes).toEqual([{ name: "Bravo Portal" }]);
      await api.database.dataSource.query(
        `UPDATE defender_integration SET status = 'DEGRADED' WHERE tenant_id = $1`,
        [bravo.rowId],
      );
      const degraded = await api.gql<any>(TENANTS, { filter: { status: { eq: "DEGRADED" } } });
      expect(degraded.data.tenants.nodes).toEqual([{ name: "Bravo Portal" }]);
    });

    it("never finds another tenant for a tenant's key", async () => {
      const result = await api.gql<any>(TENANTS, { filter: { nameContains: "Portal" } }, alpha.admin);
      expect(result.data.tenants).toEqual({ totalCount: 1, nodes: [{ name: "Alpha Portal" }] });
    });
  });

  describe("syncRuns(filter:)", () => {
    const RUNS = `query($t: ID!, $filter: SyncRunFilter) {
      tenant(id: $t) { syncRuns(filter: $filter) { totalCount nodes { id status trigger } } } }`;

    beforeAll(async () => {
      await api.database.dataSource.query(
        `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at, error)
         VALUES ($1, 'MANUAL', 'FULL', 'FAILED', now(), 'token refused')`,
        [alpha.rowId],
      );
    });

    it("filters a tenant's runs by status and trigger", async () => {
      const failed = await api.gql<any>(
        RUNS,
        { t: alpha.id, filter: { status: { in: ["FAILED", "PARTIAL"] } } },
        alpha.viewer,
      );
      expect(failed.data.tenant.syncRuns.nodes).toEqual([
        expect.objectContaining({ status: "FAILED", trigger: "MANUAL" }),
      ]);
      const scheduled = await api.gql<any>(
        RUNS,
        { t: alpha.id, filter: { trigger: { eq: "SCHEDULE" } } },
        alpha.viewer,
      );
      expect(scheduled.data.tenant.syncRuns.totalCount).toBe(alpha.seeded.syncRuns.length);
    });

    it("shows another tenant's runs to no one else", async () => {
      const own = await api.gql<any>(
        RUNS,
        { t: bravo.id, filter: { status: { eq: "FAILED" } } },
        bravo.admin,
      );
      expect(own.data.tenant.syncRuns.totalCount).toBe(0);
      const foreign = await api.gql<any>(
        RUNS,
        { t: alpha.id, filter: { status: { eq: "FAILED" } } },
        bravo.admin,
      );
      expect(foreign.data.tenant).toBeNull();
    });
  });

  describe("Agent.policyNote", () => {
    const SET = `mutation($t: ID!, $a: ID!, $note: String) {
      setAgentPolicy(input: { tenantId: $t, agentId: $a, policy: UNDER_REVIEW, note: $note }) {
        agent { policy policyNote } userErrors { code } } }`;
    const AGENTS = `{ agents { id key policy policyNote } }`;

    it("reads back the note an ADMIN set, in that tenant only", async () => {
      const agents = (await api.gql<any>(AGENTS, {}, alpha.admin)).data.agents;
      const warp = agents.find((a: { key: string }) => a.key === "warp");
      const set = await api.gql<any>(
        SET,
        { t: alpha.id, a: warp.id, note: "Security review, ask #appsec" },
        alpha.admin,
      );
      expect(set.data.setAgentPolicy).toEqual({
        agent: { policy: "UNDER_REVIEW", policyNote: "Security review, ask #appsec" },
        userErrors: [],
      });
      const read = (await api.gql<any>(AGENTS, {}, alpha.viewer)).data.agents;
      expect(read.find((a: { key: string }) => a.key === "warp").policyNote).toBe(
        "Security review, ask #appsec",
      );
      const other = (await api.gql<any>(AGENTS, {}, bravo.viewer)).data.agents;
      expect(other.find((a: { key: string }) => a.key === "warp")).toMatchObject({
        policy: null,
        policyNote: null,
      });
    });
  });

  describe("tenant on Device, User and Installation", () => {
    const OWNERS = `query($t: ID!) { tenant(id: $t) {
      devices(first: 2) { nodes { tenant { id name } } }
      users(first: 2) { nodes { tenant { id name } } }
      installations(first: 2) { nodes { tenant { id name } device { tenant { id } } } } } }`;

    it("links each object to the tenant that owns it", async () => {
      const result = await api.gql<any>(OWNERS, { t: alpha.id }, alpha.viewer);
      expect(result.errors).toBeUndefined();
      const owner = { id: alpha.id, name: "Alpha Portal" };
      const { devices, users, installations } = result.data.tenant;
      for (const node of [...devices.nodes, ...users.nodes, ...installations.nodes]) {
        expect(node.tenant).toEqual(owner);
      }
      expect(installations.nodes[0].device.tenant).toEqual({ id: alpha.id });
    });

    it("reaches no other tenant's objects, so no other tenant", async () => {
      const installation = toGlobalId("Installation", bravo.rowId, bravo.seeded.installations[0].id);
      const result = await api.gql<any>(
        `query($id: ID!) { node(id: $id) { ... on Installation { tenant { name } } } }`,
        { id: installation },
        alpha.admin,
      );
      expect(result.data.node).toBeNull();
      const own = await api.gql<any>(
        `query($id: ID!) { node(id: $id) { ... on Installation { tenant { name } } } }`,
        { id: installation },
        bravo.viewer,
      );
      expect(own.data.node.tenant).toEqual({ name: "Bravo Portal" });
    });
  });

  describe("Tenant.auditEvents", () => {
    const AUDIT = `query($t: ID!, $filter: AuditEventFilter) { tenant(id: $t) {
      auditEvents(filter: $filter) { totalCount nodes { action actor details requestId occurredAt } } } }`;

    it("lists who did what, newest first, filtered by actor, action and time (ADMIN)", async () => {
      const before = new Date(Date.now() - 60_000).toISOString();
      const created = await api.gql<any>(
        CREATE_KEY,
        { tenantId: alpha.id, name: "ci", role: "VIEWER" },
        alpha.admin,
      );
      expect(created.data.createApiKey.userErrors).toEqual([]);
      const all = await api.gql<any>(AUDIT, { t: alpha.id }, alpha.admin);
      expect(all.errors).toBeUndefined();
      const actions = all.data.tenant.auditEvents.nodes.map((e: { action: string }) => e.action);
      expect(actions[0]).toBe("apiKey.create");
      const times = all.data.tenant.auditEvents.nodes.map((e: { occurredAt: string }) => e.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);

      const byActor = await api.gql<any>(
        AUDIT,
        { t: alpha.id, filter: { actor: alpha.adminKeyId } },
        alpha.admin,
      );
      // The platform key created the tenant's first keys; only what this tenant's ADMIN did is left.
      const acted = byActor.data.tenant.auditEvents.nodes;
      expect(acted[0]).toMatchObject({ action: "apiKey.create", actor: alpha.adminKeyId });
      expect(acted.every((e: { actor: string }) => e.actor === alpha.adminKeyId)).toBe(true);
      expect(acted.length).toBeLessThan(all.data.tenant.auditEvents.totalCount);
      const byAction = await api.gql<any>(
        AUDIT,
        { t: alpha.id, filter: { action: { startsWith: "apiKey." }, occurredAt: { gte: before } } },
        alpha.admin,
      );
      expect(byAction.data.tenant.auditEvents.totalCount).toBe(
        actions.filter((a: string) => a === "apiKey.create").length,
      );
      const future = await api.gql<any>(
        AUDIT,
        { t: alpha.id, filter: { occurredAt: { gt: "2999-01-01T00:00:00Z" } } },
        alpha.admin,
      );
      expect(future.data.tenant.auditEvents.totalCount).toBe(0);
    });

    it("is FORBIDDEN below ADMIN and invisible to another tenant", async () => {
      const viewer = await api.gql<any>(AUDIT, { t: alpha.id }, alpha.viewer);
      expect(viewer.data.tenant.auditEvents).toBeNull();
      expect(viewer.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const foreign = await api.gql<any>(AUDIT, { t: alpha.id }, bravo.admin);
      expect(foreign.data.tenant).toBeNull();
      const own = await api.gql<any>(
        AUDIT,
        { t: bravo.id, filter: { actor: alpha.adminKeyId } },
        bravo.admin,
      );
      expect(own.data.tenant.auditEvents.totalCount).toBe(0);
    });
  });

  describe("the change feed past its end", () => {
    const FEED = `query($t: ID!, $after: String) { tenant(id: $t) {
      installationEvents(first: 100, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } } }`;

    it("returns the cursor it was given when nothing is new, so a consumer keeps one value", async () => {
      const first = (await api.gql<any>(FEED, { t: alpha.id }, alpha.viewer)).data.tenant.installationEvents;
      expect(first.nodes.length).toBeGreaterThan(0);
      const last = first.pageInfo.endCursor;
      const past = (await api.gql<any>(FEED, { t: alpha.id, after: last }, alpha.viewer)).data.tenant
        .installationEvents;
      expect(past).toEqual({ nodes: [], pageInfo: { endCursor: last, hasNextPage: false } });
    });

    it("keeps the feed per tenant: another tenant's cursor reads nothing of this one", async () => {
      const own = (await api.gql<any>(FEED, { t: bravo.id }, bravo.viewer)).data.tenant.installationEvents;
      const foreign = await api.gql<any>(FEED, { t: alpha.id, after: own.pageInfo.endCursor }, bravo.viewer);
      expect(foreign.data.tenant).toBeNull();
    });
  });
});
