/**
 * The mutations: a role matrix (VIEWER, OPERATOR, ADMIN, another tenant's ADMIN, PLATFORM_ADMIN) for every
 * mutation, audit events, and what triggerSync, updateSyncSchedule, setAgentPolicy and revokeIntegration do.
 */
import { fromGlobalId, toGlobalId } from "../../src/graphql/relay";
import { seedInventory } from "../support/inventory";
import { ADMIN_KEY, startTestService, type TestService } from "../support/service";

const CREATE_TENANT = `mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } userErrors { code } } }`;
const CREATE_KEY = `mutation($tenantId: ID, $name: String!, $role: Role!) {
  createApiKey(input: { tenantId: $tenantId, name: $name, role: $role }) { secret apiKey { id } userErrors { code } } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } userErrors { code } } }`;
const TRIGGER = `mutation($tenantId: ID!) { triggerSync(input: { tenantId: $tenantId, mode: FULL }) {
  alreadyRunning syncRun { id status trigger mode } userErrors { code field message } } }`;
const SCHEDULE = `mutation($tenantId: ID!, $minutes: Int) { updateSyncSchedule(input: { tenantId: $tenantId, intervalMinutes: $minutes }) {
  tenant { syncIntervalMinutes } userErrors { code } } }`;
const POLICY = `mutation($tenantId: ID!, $agentId: ID!, $policy: AgentPolicy) { setAgentPolicy(input: { tenantId: $tenantId, agentId: $agentId, policy: $policy }) {
  agent { key policy } userErrors { code field } } }`;
const REVOKE = `mutation($tenantId: ID!, $purge: Boolean!) { revokeIntegration(input: { tenantId: $tenantId, purgeData: $purge }) {
  tenant { integration { status } } purged { devices users deviceUsers installations installationEvents syncRuns } entraInstructions userErrors { code } } }`;

type Caller = "VIEWER" | "OPERATOR" | "ADMIN" | "OTHER_ADMIN" | "PLATFORM_ADMIN";
const CALLERS: Caller[] = ["VIEWER", "OPERATOR", "ADMIN", "OTHER_ADMIN", "PLATFORM_ADMIN"];
/** What each caller gets: OK, or the error code (thrown or in userErrors). */
type Expected = Record<Caller, "OK" | "FORBIDDEN" | "NOT_FOUND">;
const ADMIN_ONLY: Expected = {
  VIEWER: "FORBIDDEN",
  OPERATOR: "FORBIDDEN",
  ADMIN: "OK",
  OTHER_ADMIN: "NOT_FOUND",
  PLATFORM_ADMIN: "OK",
};

describe("mutations", () => {
  let api: TestService;
  let tenantA: string;
  let tenantB: string;
  let rowA: string;
  let rowB: string;
  const keys = {} as Record<Caller, string>;

  const connect = (row: string) =>
    api.database.dataSource.query(
      `UPDATE defender_integration SET status = 'CONNECTED', revoked_at = NULL WHERE tenant_id = $1`,
      [row],
    );
  const clearRuns = (row: string) =>
    api.database.dataSource.query(`DELETE FROM sync_run WHERE tenant_id = $1`, [row]);

  beforeAll(async () => {
    api = await startTestService();
    tenantA = (await api.gql<any>(CREATE_TENANT, { name: "Alpha" })).data.createTenant.tenant.id;
    tenantB = (await api.gql<any>(CREATE_TENANT, { name: "Bravo" })).data.createTenant.tenant.id;
    rowA = fromGlobalId(tenantA)!.key;
    rowB = fromGlobalId(tenantB)!.key;
    for (const [caller, tenant, role] of [
      ["VIEWER", tenantA, "VIEWER"],
      ["OPERATOR", tenantA, "OPERATOR"],
      ["ADMIN", tenantA, "ADMIN"],
      ["OTHER_ADMIN", tenantB, "ADMIN"],
    ] as const) {
      keys[caller] = (
        await api.gql<any>(CREATE_KEY, { tenantId: tenant, name: caller, role })
      ).data.createApiKey.secret;
    }
    keys.PLATFORM_ADMIN = ADMIN_KEY;
    await connect(rowA);
    await connect(rowB);
  });
  afterAll(() => api.stop());

  async function outcome(query: string, variables: Record<string, unknown>, caller: Caller) {
    const result = await api.gql<any>(query, variables, keys[caller]);
    if (result.errors) return result.errors[0].extensions?.code;
    const payload = Object.values(result.data as Record<string, any>)[0];
    return payload.userErrors.length ? payload.userErrors[0].code : "OK";
  }

  const matrix: Array<[string, Expected, (caller: Caller) => Promise<[string, Record<string, unknown>]>]> = [
    [
      "createTenant",
      {
        VIEWER: "FORBIDDEN",
        OPERATOR: "FORBIDDEN",
        ADMIN: "FORBIDDEN",
        OTHER_ADMIN: "FORBIDDEN",
        PLATFORM_ADMIN: "OK",
      },
      async () => [CREATE_TENANT, { name: "Charlie" }],
    ],
    [
      "createApiKey",
      ADMIN_ONLY,
      async () => [CREATE_KEY, { tenantId: tenantA, name: "new", role: "VIEWER" }],
    ],
    [
      "revokeApiKey",
      ADMIN_ONLY,
      async () => {
        const created = await api.gql<any>(CREATE_KEY, { tenantId: tenantA, name: "victim", role: "VIEWER" });
        return [REVOKE_KEY, { id: created.data.createApiKey.apiKey.id }];
      },
    ],
    [
      "triggerSync",
      { VIEWER: "FORBIDDEN", OPERATOR: "OK", ADMIN: "OK", OTHER_ADMIN: "NOT_FOUND", PLATFORM_ADMIN: "OK" },
      async () => {
        await clearRuns(rowA);
        return [TRIGGER, { tenantId: tenantA }];
      },
    ],
    ["updateSyncSchedule", ADMIN_ONLY, async () => [SCHEDULE, { tenantId: tenantA, minutes: 120 }]],
    [
      "setAgentPolicy",
      ADMIN_ONLY,
      async () => {
        const agents = (await api.gql<any>(`{ agents { id key } }`)).data.agents;
        return [
          POLICY,
          {
            tenantId: tenantA,
            agentId: agents.find((a: any) => a.key === "cursor").id,
            policy: "UNDER_REVIEW",
          },
        ];
      },
    ],
    [
      "revokeIntegration",
      ADMIN_ONLY,
      async () => {
        await connect(rowA);
        return [REVOKE, { tenantId: tenantA, purge: false }];
      },
    ],
  ];

  describe.each(matrix)("%s", (_name, expected, prepare) => {
    it.each(CALLERS)(`as %s`, async (caller) => {
      const [query, variables] = await prepare(caller);
      expect(await outcome(query, variables, caller)).toBe(expected[caller]);
    });
  });

  it("audits every successful mutation with the acting key and the request id", async () => {
    const actions: Array<{ action: string; request_id: string | null }> = await api.database.dataSource.query(
      `SELECT DISTINCT action, request_id FROM audit_event WHERE tenant_id = $1`,
      [rowA],
    );
    const names = new Set(actions.map((a) => a.action));
    for (const action of [
      "sync.trigger",
      "sync.schedule",
      "agentPolicy.set",
      "integration.revoke",
      "apiKey.create",
      "apiKey.revoke",
    ]) {
      expect(names).toContain(action);
    }
    expect(actions.every((a) => a.request_id)).toBe(true);
  });

  it("queues one sync and returns it again while it is queued", async () => {
    await connect(rowA);
    await clearRuns(rowA);
    const first = (await api.gql<any>(TRIGGER, { tenantId: tenantA }, keys.OPERATOR)).data.triggerSync;
    expect(first).toMatchObject({
      alreadyRunning: false,
      syncRun: { status: "QUEUED", trigger: "MANUAL", mode: "FULL" },
    });
    const second = (await api.gql<any>(TRIGGER, { tenantId: tenantA }, keys.OPERATOR)).data.triggerSync;
    expect(second).toMatchObject({ alreadyRunning: true, syncRun: { id: first.syncRun.id } });
    const polled = await api.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on SyncRun { status } } }`,
      { id: first.syncRun.id },
      keys.VIEWER,
    );
    expect(polled.data.node).toEqual({ status: "QUEUED" });
  });

  it("refuses to sync a tenant without a consented integration", async () => {
    await api.database.dataSource.query(
      `UPDATE defender_integration SET status = 'NOT_CONNECTED' WHERE tenant_id = $1`,
      [rowB],
    );
    const result = (await api.gql<any>(TRIGGER, { tenantId: tenantB }, keys.OTHER_ADMIN)).data.triggerSync;
    expect(result).toMatchObject({ syncRun: null, userErrors: [{ code: "CONFLICT", field: ["tenantId"] }] });
    await connect(rowB);
  });

  it("validates the sync interval and restores the default with null", async () => {
    const low = await api.gql<any>(SCHEDULE, { tenantId: tenantA, minutes: 1 }, keys.ADMIN);
    expect(low.errors).toBeUndefined();
    expect(low.data.updateSyncSchedule).toMatchObject({
      tenant: null,
      userErrors: [{ code: "BAD_USER_INPUT" }],
    });
    const reset = await api.gql<any>(SCHEDULE, { tenantId: tenantA, minutes: null }, keys.ADMIN);
    expect(reset.data.updateSyncSchedule.tenant).toEqual({ syncIntervalMinutes: null });
  });

  it("rejects inputs outside their constraints in userErrors: names of 1 to 200 characters, notes of at most 1000", async () => {
    // One rule for every mutation: problems with its input are in the payload's userErrors, never top-level.
    const code = (result: any) => {
      expect(result.errors).toBeUndefined();
      const payload = Object.values(result.data)[0] as { userErrors: Array<{ code: string }> };
      return payload.userErrors[0]?.code;
    };
    expect(code(await api.gql<any>(CREATE_TENANT, { name: "" }))).toBe("BAD_USER_INPUT");
    expect(code(await api.gql<any>(CREATE_TENANT, { name: "x".repeat(201) }))).toBe("BAD_USER_INPUT");
    const key = { tenantId: tenantA, name: "x".repeat(201), role: "VIEWER" };
    expect(code(await api.gql<any>(CREATE_KEY, key, keys.ADMIN))).toBe("BAD_USER_INPUT");
    const agentId = (await api.gql<any>(`{ agents { id } }`, undefined, keys.ADMIN)).data.agents[0].id;
    const note = await api.gql<any>(
      `mutation($tenantId: ID!, $agentId: ID!, $note: String) { setAgentPolicy(input: { tenantId: $tenantId, agentId: $agentId, policy: SANCTIONED, note: $note }) { userErrors { code } } }`,
      { tenantId: tenantA, agentId, note: "x".repeat(1001) },
      keys.ADMIN,
    );
    expect(code(note)).toBe("BAD_USER_INPUT");
  });

  it("sets, reports and clears an agent policy; unknown agents are NOT_FOUND", async () => {
    const agents = (await api.gql<any>(`{ agents { id key } }`, undefined, keys.ADMIN)).data.agents;
    const ollama = agents.find((a: any) => a.key === "ollama").id;
    const set = await api.gql<any>(
      POLICY,
      { tenantId: tenantA, agentId: ollama, policy: "UNSANCTIONED" },
      keys.ADMIN,
    );
    expect(set.data.setAgentPolicy.agent).toEqual({ key: "ollama", policy: "UNSANCTIONED" });
    const seen = (await api.gql<any>(`{ agents { key policy } }`, undefined, keys.VIEWER)).data.agents;
    expect(seen.find((a: any) => a.key === "ollama").policy).toBe("UNSANCTIONED");
    const other = (await api.gql<any>(`{ agents { key policy } }`, undefined, keys.OTHER_ADMIN)).data.agents;
    expect(other.find((a: any) => a.key === "ollama").policy).toBeNull();
    const cleared = await api.gql<any>(
      POLICY,
      { tenantId: tenantA, agentId: ollama, policy: null },
      keys.ADMIN,
    );
    expect(cleared.data.setAgentPolicy.agent.policy).toBeNull();
    const unknown = await api.gql<any>(
      POLICY,
      {
        tenantId: tenantA,
        agentId: toGlobalId("Agent", null, "00000000-0000-4000-8000-000000000000"),
        policy: "SANCTIONED",
      },
      keys.ADMIN,
    );
    expect(unknown.data.setAgentPolicy.userErrors).toEqual([{ code: "NOT_FOUND", field: ["agentId"] }]);
  });

  it("revokes with purgeData: deletes the tenant's whole inventory in one go, and nothing of another tenant", async () => {
    await clearRuns(rowA);
    await seedInventory(api.database.dataSource, rowA, "alpha", 4);
    await seedInventory(api.database.dataSource, rowB, "bravo", 4);
    const byAgent = async () =>
      (
        await api.gql<any>(
          `query($t: ID!) { tenant(id: $t) { summary { byAgent { installations } } } }`,
          { t: tenantA },
          keys.ADMIN,
        )
      ).data.tenant.summary.byAgent;
    expect((await byAgent()).length).toBeGreaterThan(0);
    const result = (await api.gql<any>(REVOKE, { tenantId: tenantA, purge: true }, keys.ADMIN)).data
      .revokeIntegration;
    expect(await byAgent()).toEqual([]);
    expect(result.tenant.integration.status).toBe("REVOKED");
    expect(result.purged).toEqual({
      devices: 4,
      users: 4,
      deviceUsers: 4,
      installations: 4,
      installationEvents: 4,
      syncRuns: 3,
    });
    expect(result.entraInstructions).toMatch(/Enterprise applications/);
    const remaining = async (row: string) =>
      (
        await api.database.dataSource.query(
          `SELECT (SELECT count(*) FROM device WHERE tenant_id = $1)::int + (SELECT count(*) FROM user_account WHERE tenant_id = $1)::int
             + (SELECT count(*) FROM installation WHERE tenant_id = $1)::int + (SELECT count(*) FROM installation_event WHERE tenant_id = $1)::int
             + (SELECT count(*) FROM sync_run WHERE tenant_id = $1)::int + (SELECT count(*) FROM device_user WHERE tenant_id = $1)::int AS n`,
          [row],
        )
      )[0].n;
    expect(await remaining(rowA)).toBe(0);
    expect(await remaining(rowB)).toBeGreaterThan(0);
    const sync = (await api.gql<any>(TRIGGER, { tenantId: tenantA }, keys.ADMIN)).data.triggerSync;
    expect(sync.userErrors[0].code).toBe("CONFLICT");
  });
});
