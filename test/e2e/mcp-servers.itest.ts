/**
 * MCP servers end to end: a sync reads the simulator's Defender (launches and connections planted from
 * public config examples, some carrying credentials), and a portal over HTTP lists the tenant's MCP
 * servers with device and user counts, narrows to unknown and denied ones, and follows one to its
 * devices; another tenant sees none of it. The database never holds a planted credential.
 */
import { createLogger } from "../../src/config/logger";
import { createDefenderConnector } from "../../src/defender";
import { MCP_LAUNCH_EXAMPLES } from "../../src/detection/corpus/mcp";
import { fromGlobalId, toGlobalId } from "../../src/graphql/relay";
import { SyncMode, SyncTrigger } from "../../src/model/enums";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { Store } from "../../src/store";
import { createTenantSync } from "../../src/sync/tenant-sync";
import { FakeClock } from "../support/fake-clock";
import { startTestService, type TestService } from "../support/service";
import { insertConnectedTenant, upsertCatalog } from "../support/sync";

const SERVERS = `query($t: ID!, $filter: McpServerFilterInput) {
  tenant(id: $t) { mcpServers(first: 100, filter: $filter) { totalCount nodes {
    id key name known policy transport launcher packageName capabilities deviceCount userCount } } } }`;
const DEVICES_OF = `query($id: ID!) { node(id: $id) { ... on McpServer { key
  sightings { deviceGlobalId agentKey evidence pinned arguments remoteUrl } } } }`;
const DEVICE = `query($id: ID!) { node(id: $id) { ... on Device { name mcpServers { serverGlobalId } } } }`;
const CONFIG_FILES = `query($t: ID!) { tenant(id: $t) { devices(first: 100) { nodes {
  mcpConfigFiles { agentKey path lastChangedAt } } } } }`;
const SET_POLICY = `mutation($id: ID!, $policy: McpServerPolicy!) {
  setMcpServerPolicy(input: { serverId: $id, policy: $policy }) { mcpServer { key policy } userErrors { message } } }`;

describe("MCP servers over HTTP after a sync", () => {
  let api: TestService;
  let sim: RunningSimulator;
  let tenantId: string;
  let otherTenantId: string;
  const gid = toGlobalId;

  beforeAll(async () => {
    api = await startTestService();
    const sql = api.database.sql;
    await upsertCatalog(sql);
    sim = await startSimulator({ devices: 300, seed: 11, rateLimits: false });
    tenantId = await insertConnectedTenant(sql, sim.tenantId);
    otherTenantId = await insertConnectedTenant(sql);
    const store = new Store(sql);
    const connector = createDefenderConnector({
      clientId: sim.clientId,
      credential: { clientSecret: sim.clientSecret },
      authorityHost: sim.url,
      defenderApiUrl: sim.url,
      graphApiUrl: sim.url,
      trustCa: sim.ca,
      rateLimits: false,
      clock: new FakeClock(),
      client: { pageSize: 5_000 },
    });
    const queued = (await store.syncRuns.createQueued(tenantId, SyncMode.FULL, SyncTrigger.MANUAL))!;
    const run = (await store.syncRuns.claimQueued(tenantId, queued.id, "test"))!;
    const execute = createTenantSync({
      store,
      clientFor: (t) => connector.client(t.entraTenantId),
      settings: { staleDeviceDays: 30, softwareExportMinDevices: 1000 },
      logger: createLogger("silent"),
    });
    const outcome = await execute(run, { signal: new AbortController().signal, progress: () => undefined });
    await store.syncRuns.finish(tenantId, run.id, outcome);
    expect(outcome.status).toBe("SUCCEEDED");
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await sim?.close();
  });

  const tenantGid = () => gid("Tenant", null, tenantId);

  it("lists the tenant's MCP servers with device and user counts", async () => {
    const body = await api.gql<any>(SERVERS, { t: tenantGid() });
    expect(body.errors).toBeUndefined();
    const servers = body.data.tenant.mcpServers.nodes;
    expect(servers.length).toBeGreaterThan(10);
    const filesystem = servers.find((s: any) => s.key === "mcp-filesystem");
    expect(filesystem).toMatchObject({
      known: true,
      transport: "STDIO",
      capabilities: ["FILESYSTEM"],
      policy: "UNREVIEWED",
    });
    expect(filesystem.deviceCount).toBeGreaterThan(0);
    expect(filesystem.userCount).toBeGreaterThan(0);
    expect(servers.find((s: any) => s.key === "linear")).toMatchObject({ transport: "HTTP", known: true });
  });

  it("filters to unknown servers, and to denied ones once a policy is set", async () => {
    const unknown = (await api.gql<any>(SERVERS, { t: tenantGid(), filter: { known: false } })).data.tenant
      .mcpServers;
    expect(unknown.totalCount).toBeGreaterThan(0);
    expect(unknown.nodes.every((s: any) => !s.known)).toBe(true);
    expect(unknown.nodes.map((s: any) => s.key)).toContain("npm:firecrawl-mcp");

    const target = unknown.nodes.find((s: any) => s.key === "npm:firecrawl-mcp");
    const set = await api.gql<any>(SET_POLICY, { id: target.id, policy: "DENIED" });
    expect(set.data.setMcpServerPolicy).toEqual({
      mcpServer: { key: "npm:firecrawl-mcp", policy: "DENIED" },
      userErrors: [],
    });
    const denied = (await api.gql<any>(SERVERS, { t: tenantGid(), filter: { policyIn: ["DENIED"] } })).data
      .tenant.mcpServers;
    expect(denied.nodes.map((s: any) => s.key)).toEqual(["npm:firecrawl-mcp"]);
  });

  it("follows a server to the devices running it, and a device back to its servers", async () => {
    const servers = (await api.gql<any>(SERVERS, { t: tenantGid() })).data.tenant.mcpServers.nodes;
    const server = servers.find((s: any) => s.key === "mcp-filesystem");
    const sightings = (await api.gql<any>(DEVICES_OF, { id: server.id })).data.node.sightings;
    expect(sightings.length).toBeGreaterThanOrEqual(server.deviceCount);
    const device = (await api.gql<any>(DEVICE, { id: sightings[0].deviceGlobalId })).data.node;
    expect(device.mcpServers.map((s: any) => s.serverGlobalId)).toContain(server.id);
    // …and an agent installation to the servers it ran.
    const installations = (
      await api.gql<any>(
        `query($t: ID!) { tenant(id: $t) { installations(first: 100) { nodes { agent { key } mcpServers { serverGlobalId agentKey } } } } }`,
        { t: tenantGid() },
      )
    ).data.tenant.installations.nodes;
    const running = installations.filter((i: any) => i.mcpServers.length > 0);
    expect(running.length).toBeGreaterThan(0);
    for (const i of running) for (const s of i.mcpServers) expect(s.agentKey).toBe(i.agent.key);
  });

  it("lists agents' MCP config files per device with when they changed", async () => {
    const devices = (await api.gql<any>(CONFIG_FILES, { t: tenantGid() })).data.tenant.devices.nodes;
    const files = devices.flatMap((d: any) => d.mcpConfigFiles);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f.path.toLowerCase()).toMatch(/mcp/);
      expect(Date.parse(f.lastChangedAt)).not.toBeNaN();
    }
  });

  it("shows another tenant none of them", async () => {
    const servers = (await api.gql<any>(SERVERS, { t: tenantGid() })).data.tenant.mcpServers.nodes;
    const created = await api.gql<any>(
      `mutation($t: ID, $n: String!) { createApiKey(input: { tenantId: $t, name: $n, role: ADMIN }) { secret } }`,
      { t: gid("Tenant", null, otherTenantId), n: "other" },
    );
    const otherKey = created.data.createApiKey.secret;
    const own = await api.gql<any>(SERVERS, { t: gid("Tenant", null, otherTenantId) }, otherKey);
    expect(own.data.tenant.mcpServers.totalCount).toBe(0);
    const foreign = await api.gql<any>(DEVICES_OF, { id: servers[0].id }, otherKey);
    expect(foreign.data.node).toBeNull();
    const forged = await api.gql<any>(
      DEVICES_OF,
      { id: gid("McpServer", otherTenantId, fromGlobalId(servers[0].id)!.key) },
      otherKey,
    );
    expect(forged.data.node).toBeNull();
    const denied = await api.gql<any>(SET_POLICY, { id: servers[0].id, policy: "ALLOWED" }, otherKey);
    expect(denied.data?.setMcpServerPolicy?.mcpServer ?? null).toBeNull();
  });

  it("stores no credential that was planted in MCP arguments or URLs", async () => {
    const secrets = MCP_LAUNCH_EXAMPLES.flatMap((e) => e.secrets ?? []);
    expect(secrets.length).toBeGreaterThan(5);
    const text = JSON.stringify(
      await api.database.dataSource.query(
        `SELECT json_agg(x) AS rows FROM (
           SELECT row_to_json(s)::text AS r FROM mcp_server s
           UNION ALL SELECT row_to_json(g)::text FROM mcp_server_sighting g
           UNION ALL SELECT row_to_json(e)::text FROM mcp_server_event e
           UNION ALL SELECT row_to_json(f)::text FROM mcp_config_file f
           UNION ALL SELECT row_to_json(a)::text FROM audit_event a) x`,
      ),
    );
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    // The planted launches did reach the database, redacted.
    expect(text.includes("[REDACTED]")).toBe(true);
  });
});
