// The GraphQL API under load, against PostGraphile 4 as the peer over the same tables, in one run.
// Seeds 100,000 devices, ~70,000 installations and 20,000 users across two tenants (set-based SQL), starts
// the service and PostGraphile (read-only) as child processes, and drives the typical portal operations
// through both with autocannon at 10 connections (warm-up excluded). Before that, `afterFirstSync`: the
// first filtered installation pages right after a first sync of 3,000 simulated devices, against the same
// pages once statistics are settled (autovacuum held off, then ANALYZE run as it would a minute later).
// BENCH_API_PARTS=afterSync (or peer) runs one part. Last line of output: one JSON object.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { createLogger } from "../src/config/logger";
import { dropDatabase, ensureDatabase } from "../src/db/database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../src/db/embedded-postgres";
import { toGlobalId } from "../src/graphql/relay";
import { startSimulator } from "../src/simulator";
import { simulatorServiceEnv } from "../test/support/sync";

// autocannon ships no types; this is the part of its API the benchmark uses.
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}) => Promise<AutocannonResult>;
const autocannon = require("autocannon") as Autocannon;

const ROOT = path.resolve(__dirname, "../..");
const CONNECTIONS = 10;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 12);
/** Each side's measurement is split into rounds that alternate with the peer's, so load from anything else on the machine falls on both alike. */
const ROUNDS = 3;
const PARTS = (process.env.BENCH_API_PARTS ?? "afterSync,peer").split(",");
const AFTER_SYNC_DEVICES = Number(process.env.BENCH_AFTER_SYNC_DEVICES ?? 3_000);
/** Requests per filtered page and state: the first shows the plan a fresh statement gets, the median the rest. */
const AFTER_SYNC_SAMPLES = 7;
const ADMIN_KEY = "bench-admin-key-0123456789abcdefghijklmnop";
const TENANTS = [
  { id: "a0000000-0000-4000-8000-000000000001", prefix: "a", devices: 60_000, users: 12_000 },
  { id: "b0000000-0000-4000-8000-000000000002", prefix: "b", devices: 40_000, users: 8_000 },
];

interface Operation {
  name: string;
  ours: { query: string; variables: Record<string, unknown> };
  peer: { query: string; variables: Record<string, unknown> };
  /** Where each answer holds the list both must return, to check they are equivalent before measuring. */
  items: { ours: string[]; peer: string[] };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

async function main(): Promise<void> {
  const logger = createLogger("warn");
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  const children: ChildProcess[] = [];
  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      dataDir = mkdtempSync(path.join(tmpdir(), "agent-inventory-bench-"));
      embedded = await startEmbeddedPostgres(dataDir, logger);
      serverUrl = embedded.url;
    }
    // The service runs from a copy of the build: a rebuild of dist/ during the run must not pull it away.
    const snapshot = path.join(ROOT, ".data/api-bench-dist");
    rmSync(snapshot, { recursive: true, force: true });
    cpSync(path.join(ROOT, "dist"), snapshot, { recursive: true });
    const afterFirstSync = PARTS.includes("afterSync")
      ? await firstPagesAfterFirstSync(serverUrl, snapshot, children)
      : undefined;
    const peer = PARTS.includes("peer") ? await peerComparison(serverUrl, snapshot, children) : undefined;
    console.log(JSON.stringify({ bench: "api", afterFirstSync, ...peer }));
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(
      children.map(
        (c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once("exit", resolve))),
      ),
    );
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The first filtered installation pages right after a tenant's first sync (3,000 simulated devices, the
 * service syncing as in production), against the same pages once statistics are settled. Autovacuum is
 * held off on the inventory tables, so "right after" has only the statistics the sync itself left; then
 * ANALYZE runs, as autovacuum would a minute or two later, and a fresh service process asks again (so each
 * side's first request is its statement's first in the process: only the statistics differ).
 */
async function firstPagesAfterFirstSync(serverUrl: string, snapshot: string, children: ChildProcess[]) {
  await dropDatabase(serverUrl, "agent_inventory_bench_first");
  const databaseUrl = await ensureDatabase(serverUrl, "agent_inventory_bench_first");
  const sim = await startSimulator({ devices: AFTER_SYNC_DEVICES, seed: 11, rateLimits: false });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const launch = async () => {
    const child = start("service (first sync)", [path.join(snapshot, "src/main.js")], {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_API_KEY: ADMIN_KEY,
      ...simulatorServiceEnv(sim),
      NODE_EXTRA_CA_CERTS: sim.caPath,
      PROCESS_ROLES: "api,worker",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      GRAPHIQL: "false",
    });
    children.push(child);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, "the service");
    return child;
  };
  const db = new Client({ connectionString: databaseUrl });
  let service = await launch();
  try {
    await db.connect();
    await db.query(
      `ALTER TABLE device SET (autovacuum_enabled = off); ALTER TABLE user_account SET (autovacuum_enabled = off);
       ALTER TABLE device_user SET (autovacuum_enabled = off); ALTER TABLE installation SET (autovacuum_enabled = off);
       ALTER TABLE installation_event SET (autovacuum_enabled = off)`,
    );
    const tenantId = (await db.query(`SELECT id FROM tenant`)).rows[0].id as string;
    const t = toGlobalId("Tenant", null, tenantId);
    const syncStarted = Date.now();
    const trigger = `mutation($t: ID!) { triggerSync(input: { tenantId: $t, mode: FULL }) { alreadyRunning } }`;
    await post(url, ADMIN_KEY, trigger, { t });
    const status = async () =>
      (
        await db.query(`SELECT status FROM sync_run WHERE tenant_id = $1 ORDER BY queued_at DESC LIMIT 1`, [
          tenantId,
        ])
      ).rows[0]?.status as string | undefined;
    await waitFor(async () => (await status()) === "SUCCEEDED", "the first sync");
    const syncSeconds = round((Date.now() - syncStarted) / 1000, 1);
    // Terms that match a slice of the fleet: a device-name prefix and the start of a common UPN.
    const upn = (
      await db.query(
        `SELECT upn FROM user_account WHERE tenant_id = $1 AND upn IS NOT NULL ORDER BY upn LIMIT 1`,
        [tenantId],
      )
    ).rows[0].upn as string;
    const pages = {
      deviceName: { deviceName: { containsIgnoreCase: "LT-0012" } },
      userUpn: { userUpn: { containsIgnoreCase: upn.slice(0, 4).toUpperCase() } },
    };
    const query = `query($t: ID!, $f: InstallationFilter) { tenant(id: $t) { installations(first: 50, filter: $f) {
      totalCount nodes { id version agent { key } device { name } user { upn } } } } }`;
    const measure = async () => {
      // The GraphQL path warmed by another statement; the filtered pages' statements are not.
      await post(
        url,
        ADMIN_KEY,
        `query($t: ID!) { tenant(id: $t) { installations(first: 1) { nodes { id } } } }`,
        {
          t,
        },
      );
      const out: Record<string, { firstMs: number; medianMs: number }> = {};
      for (const [name, filter] of Object.entries(pages)) {
        const times: number[] = [];
        for (let i = 0; i < AFTER_SYNC_SAMPLES; i++) {
          const started = performance.now();
          await post(url, ADMIN_KEY, query, { t, f: filter });
          times.push(performance.now() - started);
        }
        out[name] = { firstMs: round(times[0], 1), medianMs: round(median(times), 1) };
      }
      return out;
    };
    const rightAfter = await measure();
    await db.query("ANALYZE");
    await stopChild(service);
    service = await launch();
    const settled = await measure();
    const ratios = Object.fromEntries(
      Object.keys(pages).map((name) => [
        name,
        {
          first: round(rightAfter[name].firstMs / settled[name].firstMs, 2),
          median: round(rightAfter[name].medianMs / settled[name].medianMs, 2),
        },
      ]),
    );
    console.log(
      `first sync of ${AFTER_SYNC_DEVICES} devices in ${syncSeconds} s; filtered pages right after ${JSON.stringify(rightAfter)}, settled ${JSON.stringify(settled)}`,
    );
    return {
      devices: AFTER_SYNC_DEVICES,
      syncSeconds,
      rightAfter,
      settled,
      ratios,
      targets: {
        within2xOfSettled: Object.values(ratios).every((r) => r.first <= 2 && r.median <= 2),
      },
    };
  } finally {
    await db.end().catch(() => undefined);
    await stopChild(service);
    await sim.close();
    await dropDatabase(serverUrl, "agent_inventory_bench_first");
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  await new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve),
  );
}

/** The portal's operations on the seeded dataset, ours against PostGraphile's. */
async function peerComparison(serverUrl: string, snapshot: string, children: ChildProcess[]) {
  await dropDatabase(serverUrl, "agent_inventory_bench");
  const databaseUrl = await ensureDatabase(serverUrl, "agent_inventory_bench");

  const apiPort = await freePort();
  const api = start("service", [path.join(snapshot, "src/main.js")], {
    DATABASE_URL: databaseUrl,
    PORT: String(apiPort),
    HOST: "127.0.0.1",
    ADMIN_API_KEY: ADMIN_KEY,
    // An Entra application (never called) keeps the service out of demo mode and its simulator.
    AZURE_CLIENT_ID: "00000000-0000-4000-8000-0000000000aa",
    AZURE_CLIENT_SECRET: "bench-unused-secret",
    PROCESS_ROLES: "api",
    // One key and one address drive the whole load: the per-key and per-address limits would cut it.
    RATE_LIMIT_KEY_PER_MINUTE: "0",
    RATE_LIMIT_ADDRESS_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    GRAPHIQL: "false",
  });
  children.push(api);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor(async () => (await fetch(`${apiUrl}/readyz`)).ok, "the service");

  const seedStarted = Date.now();
  const dataset = await seed(databaseUrl);
  console.log(`seeded ${JSON.stringify(dataset)} in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  const tenant = TENANTS[0];
  const tenantGlobalId = toGlobalId("Tenant", null, tenant.id);
  const created = await post(
    `${apiUrl}/graphql`,
    ADMIN_KEY,
    `mutation($t: ID!) { createApiKey(input: { tenantId: $t, name: "bench", role: VIEWER }) { secret } }`,
    { t: tenantGlobalId },
  );
  const viewerKey = dig(created, ["createApiKey", "secret"]) as string;

  console.log("installing PostGraphile into bench/peer …");
  execFileSync(
    "npm",
    ["install", "--prefix", path.join(ROOT, "bench/peer"), "--no-audit", "--no-fund", "--silent"],
    {
      stdio: "inherit",
    },
  );
  const peerPort = await freePort();
  // Production mode, as the service runs: graphql-js and PostGraphile skip development-only checks.
  const peer = start("postgraphile", [path.join(ROOT, "bench/peer/server.js")], {
    DATABASE_URL: databaseUrl,
    PORT: String(peerPort),
    NODE_ENV: "production",
  });
  children.push(peer);
  const peerUrl = `http://127.0.0.1:${peerPort}/graphql`;
  await waitFor(
    async () => (await fetch(peerUrl, { method: "POST", ...jsonBody("{ __typename }") })).ok,
    "PostGraphile",
  );

  const operations = await buildOperations(databaseUrl, tenant.id, tenantGlobalId);
  for (const op of operations) {
    const ours = await post(`${apiUrl}/graphql`, viewerKey, op.ours.query, op.ours.variables);
    const theirs = await post(peerUrl, null, op.peer.query, op.peer.variables);
    const [a, b] = [dig(ours, op.items.ours), dig(theirs, op.items.peer)];
    if (!Array.isArray(a) || !Array.isArray(b) || !a.length || a.length !== b.length) {
      throw new Error(`${op.name}: answers differ: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  }

  const results = [];
  for (const op of operations) {
    const [ours, peerFigures] = await measurePair(
      { url: `${apiUrl}/graphql`, key: viewerKey, request: op.ours },
      { url: peerUrl, key: null, request: op.peer },
    );
    const row = {
      operation: op.name,
      ours,
      postgraphile: peerFigures,
      throughputRatio: round(ours.rps / peerFigures.rps, 2),
      p99Ratio: round(ours.p99 / peerFigures.p99, 2),
    };
    results.push(row);
    console.log(
      `${op.name.padEnd(20)} ours ${fmt(ours)} | PostGraphile ${fmt(peerFigures)} | throughput ×${row.throughputRatio}, p99 ×${row.p99Ratio}`,
    );
  }
  const installationsPage = results.find((r) => r.operation === "installationsPage")!;
  return {
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_SECONDS,
    durationSeconds: DURATION_SECONDS,
    rounds: ROUNDS,
    dataset,
    results,
    targets: {
      throughputAtLeastPeer: results.every((r) => r.throughputRatio >= 1),
      p99NoWorseThanPeer: results.every((r) => r.ours.p99 <= r.postgraphile.p99),
      installationsPageP99Under50ms: installationsPage.ours.p99 < 50,
    },
  };
}

/** 100,000 devices, 20,000 users and ~70,000 installations (70 % of devices) across two tenants. */
async function seed(databaseUrl: string) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const t of TENANTS) {
      await db.query(`INSERT INTO tenant (id, name) VALUES ($1, $2)`, [
        t.id,
        `Bench ${t.prefix.toUpperCase()}`,
      ]);
      await db.query(
        `INSERT INTO defender_integration (tenant_id, status, consented_at) VALUES ($1, 'CONNECTED', now())`,
        [t.id],
      );
      await db.query(
        `INSERT INTO device (tenant_id, defender_id, name, os_platform, os_version, health_status, onboarding_status,
           rbac_group_name, tags, aad_device_id, first_seen_at, last_seen_at, software_seen_at)
         SELECT $1, 'm-' || g, $2 || '-dev-' || lpad(g::text, 6, '0'),
           (ARRAY['Windows11', 'Windows10', 'macOS', 'Linux'])[1 + g % 4], '10.0.' || (g % 50),
           CASE WHEN g % 10 = 0 THEN 'Inactive' ELSE 'Active' END, 'Onboarded', 'Group ' || (g % 20),
           CASE WHEN g % 3 = 0 THEN ARRAY['prod'] ELSE ARRAY[]::text[] END, gen_random_uuid(),
           now() - interval '1 day' * (200 + g % 100), now() - interval '1 hour' * (g % 720),
           CASE WHEN g % 25 = 0 THEN NULL ELSE now() - interval '1 hour' * (g % 48) END
         FROM generate_series(0, $3 - 1) AS g`,
        [t.id, t.prefix, t.devices],
      );
      await db.query(
        `INSERT INTO user_account (tenant_id, identity_key, upn, account_name, account_domain, last_seen_at)
         SELECT $1, 'u-' || g, 'user' || g || '@' || $2 || '.example', 'user' || g, upper($2), now()
         FROM generate_series(0, $3 - 1) AS g`,
        [t.id, t.prefix, t.users],
      );
      await db.query(
        `INSERT INTO device_user (tenant_id, device_id, user_id, first_seen_at, last_seen_at)
         SELECT d.tenant_id, d.id, u.id, now(), now() FROM device d
         JOIN user_account u ON u.tenant_id = d.tenant_id AND u.identity_key = 'u-' || (substring(d.defender_id FROM 3)::int % $2)
         WHERE d.tenant_id = $1`,
        [t.id, t.users],
      );
      await db.query(
        `WITH agents AS (SELECT array_agg(id ORDER BY key) AS ids FROM agent)
         INSERT INTO installation (tenant_id, device_id, agent_id, user_id, channel, version, status,
           first_seen_at, last_seen_at, removed_at, evidence)
         SELECT d.tenant_id, d.id, agents.ids[1 + n % array_length(agents.ids, 1)],
           CASE WHEN n % 5 = 0 THEN NULL ELSE du.user_id END,
           (ARRAY['DESKTOP_APP', 'CLI', 'IDE_EXTENSION']::installation_channel[])[1 + n % 3],
           '1.' || (n % 30) || '.' || (n % 7),
           CASE WHEN n % 13 = 0 THEN 'REMOVED' ELSE 'ACTIVE' END::installation_status,
           now() - interval '1 hour' * (n % 2000), now() - interval '1 hour' * (n % 48),
           CASE WHEN n % 13 = 0 THEN now() - interval '1 hour' * (n % 100) END,
           jsonb_build_array(jsonb_build_object('source', 'SOFTWARE_INVENTORY',
             'identifiers', jsonb_build_object('softwareVendor', 'vendor', 'softwareName', 'product-' || (n % 37)),
             'confidence', 0.95, 'catalogVersion', '2026.11.1',
             'firstSeenAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'lastSeenAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
         FROM device d CROSS JOIN agents
         CROSS JOIN LATERAL (SELECT substring(d.defender_id FROM 3)::int AS n) k
         JOIN device_user du ON du.tenant_id = d.tenant_id AND du.device_id = d.id
         WHERE d.tenant_id = $1 AND n % 10 < 7`,
        [t.id],
      );
      await db.query(
        `INSERT INTO installation_event (tenant_id, installation_id, type, to_version, occurred_at)
         SELECT tenant_id, id, 'INSTALLED', version, first_seen_at FROM installation WHERE tenant_id = $1`,
        [t.id],
      );
      await db.query(
        `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at, started_at, finished_at)
         SELECT $1, 'SCHEDULE', 'FULL', 'SUCCEEDED', now() - interval '1 hour' * g, now() - interval '1 hour' * g,
           now() - interval '1 hour' * g + interval '5 minutes' FROM generate_series(1, 48) AS g`,
        [t.id],
      );
    }
    // What PostGraphile 4 has no generic way to express (ILIKE search, GROUP BY): plain SQL functions it
    // exposes as fields, doing what the service's filter and summary do.
    await db.query(`CREATE SCHEMA bench_peer`);
    await db.query(
      `CREATE FUNCTION bench_peer.search_devices(tenant uuid, term text) RETURNS SETOF public.device
       LANGUAGE sql STABLE AS $$
         SELECT * FROM public.device d WHERE d.tenant_id = tenant AND d.name ILIKE '%' || term || '%' ORDER BY d.name, d.id
       $$`,
    );
    await db.query(
      `CREATE FUNCTION bench_peer.agent_summary(tenant uuid)
       RETURNS TABLE (agent_key text, agent_name text, installations int, devices int, users int)
       LANGUAGE sql STABLE AS $$
         SELECT a.key, a.name, s.installations, s.devices, s.users FROM (
           SELECT i.agent_id, count(*)::int AS installations, count(DISTINCT i.device_id)::int AS devices,
             count(DISTINCT i.user_id)::int AS users
           FROM public.installation i WHERE i.tenant_id = tenant AND i.status = 'ACTIVE' GROUP BY i.agent_id
         ) s JOIN public.agent a ON a.id = s.agent_id ORDER BY s.installations DESC, s.agent_id
       $$`,
    );
    await db.query("ANALYZE");
    const counts = await db.query(
      `SELECT (SELECT count(*) FROM device)::int AS devices, (SELECT count(*) FROM installation)::int AS installations,
         (SELECT count(*) FROM user_account)::int AS users, (SELECT count(*) FROM tenant)::int AS tenants`,
    );
    return counts.rows[0] as { devices: number; installations: number; users: number; tenants: number };
  } finally {
    await db.end();
  }
}

async function buildOperations(
  databaseUrl: string,
  tenantId: string,
  tenantGlobalId: string,
): Promise<Operation[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const device = (
    await db.query(`SELECT device_id FROM installation WHERE tenant_id = $1 ORDER BY id LIMIT 1`, [tenantId])
  ).rows[0].device_id as string;
  await db.end();
  return [
    {
      name: "installationsPage",
      ours: {
        query: `query($t: ID!) { tenant(id: $t) { installations(first: 50) { pageInfo { hasNextPage endCursor }
          nodes { id version status channel firstSeenAt lastSeenAt agent { key name } device { name osPlatform } user { upn } } } } }`,
        variables: { t: tenantGlobalId },
      },
      peer: {
        query: `query($t: UUID!) { allInstallations(first: 50, condition: { tenantId: $t }, orderBy: PRIMARY_KEY_ASC) {
          pageInfo { hasNextPage endCursor }
          nodes { id version status channel firstSeenAt lastSeenAt agentByAgentId { key name }
            deviceByTenantIdAndDeviceId { name osPlatform } userAccountByTenantIdAndUserId { upn } } } }`,
        variables: { t: tenantId },
      },
      items: { ours: ["tenant", "installations", "nodes"], peer: ["allInstallations", "nodes"] },
    },
    {
      name: "agentSummary",
      ours: {
        query: `query($t: ID!) { tenant(id: $t) { summary { byAgent { agent { key name } installations devices users } } } }`,
        variables: { t: tenantGlobalId },
      },
      peer: {
        query: `query($t: UUID!) { agentSummary(tenant: $t) { nodes { agentKey agentName installations devices users } } }`,
        variables: { t: tenantId },
      },
      items: { ours: ["tenant", "summary", "byAgent"], peer: ["agentSummary", "nodes"] },
    },
    {
      name: "deviceSearchByName",
      ours: {
        query: `query($t: ID!, $term: String!) { tenant(id: $t) { devices(first: 50, filter: { name: { containsIgnoreCase: $term } },
          orderBy: [{ field: NAME }]) { nodes { id name osPlatform healthStatus lastSeenAt } } } }`,
        variables: { t: tenantGlobalId, term: "DEV-0012" },
      },
      peer: {
        query: `query($t: UUID!, $term: String!) { searchDevices(tenant: $t, term: $term, first: 50) {
          nodes { id name osPlatform healthStatus lastSeenAt } } }`,
        variables: { t: tenantId, term: "DEV-0012" },
      },
      items: { ours: ["tenant", "devices", "nodes"], peer: ["searchDevices", "nodes"] },
    },
    {
      name: "deviceDetail",
      ours: {
        query: `query($d: ID!) { node(id: $d) { ... on Device { name osPlatform healthStatus lastSeenAt tags
          installations(first: 50) { nodes { version status firstSeenAt agent { key name } } } } } }`,
        variables: { d: toGlobalId("Device", tenantId, device) },
      },
      peer: {
        query: `query($t: UUID!, $d: UUID!) { deviceByTenantIdAndId(tenantId: $t, id: $d) { name osPlatform healthStatus lastSeenAt tags
          installationsByTenantIdAndDeviceId(first: 50) { nodes { version status firstSeenAt agentByAgentId { key name } } } } }`,
        variables: { t: tenantId, d: device },
      },
      items: {
        ours: ["node", "installations", "nodes"],
        peer: ["deviceByTenantIdAndId", "installationsByTenantIdAndDeviceId", "nodes"],
      },
    },
  ];
}

interface Target {
  url: string;
  key: string | null;
  request: { query: string; variables: unknown };
}

/**
 * Warms both servers up, then measures them in alternating rounds. Throughput is requests over time
 * across the rounds; p50 and p99 are the medians of the rounds' percentiles.
 */
async function measurePair(a: Target, b: Target): Promise<[Figures, Figures]> {
  await run(a, WARMUP_SECONDS);
  await run(b, WARMUP_SECONDS);
  const rounds: [AutocannonResult[], AutocannonResult[]] = [[], []];
  for (let r = 0; r < ROUNDS; r++) {
    rounds[0].push(await run(a, DURATION_SECONDS / ROUNDS));
    rounds[1].push(await run(b, DURATION_SECONDS / ROUNDS));
  }
  const figures = (results: AutocannonResult[]): Figures => ({
    rps: round(results.reduce((sum, r) => sum + r.requests.average, 0) / results.length, 1),
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
  });
  return [figures(rounds[0]), figures(rounds[1])];
}

async function run(target: Target, seconds: number): Promise<AutocannonResult> {
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(target.key ? { authorization: `Bearer ${target.key}` } : {}),
    },
    body: JSON.stringify(target.request),
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `${target.url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result;
}

const median = (values: number[]) => values.slice().sort((x, y) => x - y)[Math.floor(values.length / 2)];

/** `data` of a GraphQL answer, followed along `path`. */
function dig(answer: { data?: unknown }, path: string[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], answer.data);
}

async function post(
  url: string,
  key: string | null,
  query: string,
  variables: unknown,
): Promise<{ data?: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
  return body;
}

function jsonBody(query: string) {
  return { headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) };
}

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const relay = (chunk: Buffer) => {
    const text = chunk.toString().trim();
    if (text && text !== "listening") console.error(`[${name}] ${text}`);
  };
  child.stdout!.on("data", relay);
  child.stderr!.on("data", relay);
  child.once("exit", (code, signal) => {
    if (code !== 0) console.error(`[${name}] exited with ${code ?? signal}`);
  });
  return child;
}

async function waitFor(ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not start within 2 minutes`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const fmt = (f: Figures) => `${String(f.rps).padStart(7)} req/s p50 ${f.p50} ms p99 ${f.p99} ms`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
