/**
 * Activity and the seat view, end to end (README "Activity"): the whole service (API and sync worker)
 * syncs the Defender simulator, then over HTTP the seat view returns installed against active per agent,
 * the activity filter and the last-used order work, and another tenant's key sees none of it.
 */
import { toGlobalId } from "../../src/graphql/relay";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { simulatorServiceEnv, waitFor } from "../support/sync";
import { startTestService, type TestService } from "../support/service";

const SEATS = `query($t: ID!) { tenant(id: $t) { summary { byAgent {
  agent { key } installations users activeInstallations7 activeInstallations30 activeUsers7 activeUsers30 } } } }`;

const INSTALLATIONS = `query($t: ID!, $f: InstallationFilter, $o: [InstallationOrder!]) { tenant(id: $t) {
  installations(first: 100, filter: $f, orderBy: $o) { totalCount nodes { id activity lastUsedAt activeDays7 activeDays30 } } } }`;

interface Seats {
  agent: { key: string };
  installations: number;
  users: number;
  activeInstallations7: number;
  activeInstallations30: number;
  activeUsers7: number;
  activeUsers30: number;
}

interface Node {
  id: string;
  activity: "ACTIVE" | "IDLE" | "NO_USE_SEEN";
  lastUsedAt: string | null;
  activeDays7: number;
  activeDays30: number;
}

describe("activity and the seat view over HTTP", () => {
  let sim: RunningSimulator;
  let api: TestService;
  let tenant: string;

  beforeAll(async () => {
    sim = await startSimulator({ devices: 300, seed: 11, rateLimits: false });
    api = await startTestService(
      { PROCESS_ROLES: "api,worker", ...simulatorServiceEnv(sim) },
      { trustCa: sim.ca },
    );
    const db = api.database.dataSource;
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM defender_integration WHERE status = 'CONNECTED'`)).length > 0,
      30_000,
    );
    const [{ tenant_id }] = await db.query(
      `SELECT tenant_id FROM defender_integration WHERE status = 'CONNECTED'`,
    );
    tenant = toGlobalId("Tenant", null, tenant_id);
    const triggered = await api.gql<any>(
      `mutation($t: ID!) { triggerSync(input: { tenantId: $t, mode: FULL }) { userErrors { code } } }`,
      { t: tenant },
    );
    expect(triggered.data.triggerSync.userErrors).toEqual([]);
    await waitFor(async () => {
      const [run] = await db.query(
        `SELECT status FROM sync_run WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [tenant_id],
      );
      return run?.status === "SUCCEEDED" || run?.status === "PARTIAL";
    }, 120_000);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await sim?.close();
  });

  const installations = async (filter: object, orderBy?: object[], key?: string) => {
    const result = await api.gql<any>(INSTALLATIONS, { t: tenant, f: filter, o: orderBy }, key);
    expect(result.errors).toBeUndefined();
    return result.data.tenant.installations as { totalCount: number; nodes: Node[] };
  };

  it("returns, per agent, installations against those used in the last 7 and 30 days, and their people", async () => {
    const result = await api.gql<any>(SEATS, { t: tenant });
    expect(result.errors).toBeUndefined();
    const seats = result.data.tenant.summary.byAgent as Seats[];
    expect(seats.length).toBeGreaterThan(5);
    for (const s of seats) {
      expect(s.activeInstallations7).toBeLessThanOrEqual(s.activeInstallations30);
      expect(s.activeInstallations30).toBeLessThanOrEqual(s.installations);
      expect(s.activeUsers7).toBeLessThanOrEqual(s.activeUsers30);
      expect(s.activeUsers30).toBeLessThanOrEqual(s.users);
    }
    // Seats go unused: some agent has installations nobody used in 30 days, and some have use.
    expect(seats.some((s) => s.activeInstallations30 < s.installations)).toBe(true);
    expect(seats.some((s) => s.activeInstallations7 > 0)).toBe(true);
    // The aggregate agrees with the list it summarizes, agent by agent.
    for (const s of seats.slice(0, 4)) {
      const agent = { agentKey: { eq: s.agent.key }, status: { eq: "ACTIVE" } };
      expect((await installations({ ...agent, activity: { eq: "ACTIVE" } })).totalCount).toBe(
        s.activeInstallations7,
      );
      expect((await installations({ ...agent, activity: { in: ["ACTIVE", "IDLE"] } })).totalCount).toBe(
        s.activeInstallations30,
      );
    }
  });

  it("filters installations by activity, and by when they were last used", async () => {
    const idle = await installations({ activity: { eq: "IDLE" } });
    expect(idle.totalCount).toBeGreaterThan(0);
    for (const n of idle.nodes)
      expect([n.activity, n.activeDays7, n.activeDays30 > 0]).toEqual(["IDLE", 0, true]);
    const unused = await installations({ activity: { eq: "NO_USE_SEEN" } });
    expect(unused.totalCount).toBeGreaterThan(0);
    for (const n of unused.nodes) expect([n.activity, n.activeDays30]).toEqual(["NO_USE_SEEN", 0]);
    const never = await installations({ lastUsedAt: { isNull: true } });
    for (const n of never.nodes) expect(n.activity).toBe("NO_USE_SEEN");
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const recent = await installations({ lastUsedAt: { gte: weekAgo } });
    for (const n of recent.nodes)
      expect(Date.parse(n.lastUsedAt!)).toBeGreaterThanOrEqual(Date.parse(weekAgo));
  });

  it("orders by last use: the longest unused first, never used last (descending: the reverse)", async () => {
    const time = (n: Node) => (n.lastUsedAt ? Date.parse(n.lastUsedAt) : Infinity);
    const ascending = (await installations({}, [{ field: "LAST_USED_AT", direction: "ASC" }])).nodes.map(
      time,
    );
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).toBeLessThan(Infinity);
    const used = { lastUsedAt: { isNull: false } };
    const recent = (await installations(used, [{ field: "LAST_USED_AT", direction: "DESC" }])).nodes.map(
      time,
    );
    expect(recent).toEqual([...recent].sort((a, b) => b - a));
  });

  it("shows another tenant's key none of it", async () => {
    const other = await api.gql<any>(`mutation { createTenant(input: { name: "Other" }) { tenant { id } } }`);
    const otherTenant = other.data.createTenant.tenant.id as string;
    const key = await api.gql<any>(
      `mutation($t: ID!) { createApiKey(input: { tenantId: $t, name: "other", role: ADMIN }) { secret } }`,
      { t: otherTenant },
    );
    const secret = key.data.createApiKey.secret as string;
    const theirs = await api.gql<any>(SEATS, { t: tenant }, secret);
    expect(theirs.data?.tenant ?? null).toBeNull();
    const own = await api.gql<any>(SEATS, { t: otherTenant }, secret);
    expect(own.data.tenant.summary.byAgent).toEqual([]);
    const filtered = await api.gql<any>(
      INSTALLATIONS,
      { t: otherTenant, f: { activity: { eq: "ACTIVE" } } },
      secret,
    );
    expect(filtered.data.tenant.installations.totalCount).toBe(0);
    const [first] = (await installations({ activity: { eq: "ACTIVE" } })).nodes;
    const node = await api.gql<any>(`query($id: ID!) { node(id: $id) { id } }`, { id: first.id }, secret);
    expect(node.data?.node ?? null).toBeNull();
  });
});
