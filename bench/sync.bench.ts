// Full-sync benchmark. The simulator runs in its own process (as a remote Defender would) and the
// sync in a "service" process of its own, with the heap budget a deployment would give it
// (BENCH_SYNC_HEAP_MB, default 384 MB: the old space Node is given in a 512 MB container). For 10,000 and 100,000 devices with rate limits off it
// reports the sync's wall time, rows read per second, peak RSS of the service process and API calls
// (and the same for a second, unchanged sync: the steady state, which also holds the stored inventory),
// and, in the same run against the same simulator, the floor: a bare client fetching and parsing the
// same pages (undici + JSON.parse). Then a smaller fleet with Defender's documented rate limits on,
// against the minimum those limits allow for the calls made, two ways: computed (the calls beyond each
// window's allowance wait for the window, transfers taking no time) and measured (the bare client
// paced by the same limits, transfers included).
// Database: DATABASE_URL if set, else an embedded PostgreSQL in a temporary directory.
// Last line of output: one JSON object with every figure.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { pipeline } from "node:stream";
import { Agent, request } from "undici";
import { createLogger } from "../src/config/logger";
import { runMigrations } from "../src/db/data-source";
import { openDatabase } from "../src/db/database";
import {
  createDefenderConnector,
  DEFENDER_RATE_LIMITS,
  INVENTORY_PAGE_SIZE,
  type DefenderConnector,
} from "../src/defender";
import {
  DefenderRateLimiter,
  FAMILY_BUDGET,
  type EndpointFamily,
  type RateBudget,
} from "../src/defender/rate-limiter";
import { buildHuntingQueries } from "../src/detection";
import { buildMcpHuntingQueries } from "../src/detection/mcp";
import { SyncMode, SyncTrigger } from "../src/model/enums";
import { SqlPool, Store, type RunOutcome } from "../src/store";
import { createTenantSync, type TenantSyncSettings } from "../src/sync/tenant-sync";
import { insertConnectedTenant, upsertCatalog } from "../test/support/sync";

const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
const SCALES = (process.env.BENCH_SYNC_DEVICES ?? "10000,100000").split(",").map(Number);
const LIMITED_DEVICES = Number(process.env.BENCH_SYNC_LIMITED_DEVICES ?? 20_000);
/** The service's defaults (SOFTWARE_EXPORT_MIN_DEVICES, STALE_DEVICE_DAYS). */
const SETTINGS: TenantSyncSettings = { staleDeviceDays: 30, softwareExportMinDevices: 50_000 };
const MACHINES_PAGE = 10_000;
const HUNTING_DEVICES_PER_SHARD = 20_000;

interface Simulator {
  url: string;
  caPath: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  process: ChildProcess;
}

/** Each fleet gets its own seed: its Entra tenant id differs, so each run syncs a tenant of its own. */
let seed = 0;

async function startSimulatorProcess(
  devices: number,
  rateLimits: boolean,
  fleetSeed = ++seed,
): Promise<Simulator> {
  const cli = path.resolve(__dirname, "../src/simulator/cli.js");
  const args = [
    cli,
    "--devices",
    String(devices),
    "--seed",
    String(fleetSeed),
    ...(rateLimits ? [] : ["--no-rate-limits"]),
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (!line.startsWith("{")) continue;
    lines.close();
    return { ...(JSON.parse(line) as Omit<Simulator, "process">), process: child };
  }
  throw new Error("the simulator exited before printing its JSON line");
}

async function stopSimulator(sim: Simulator): Promise<void> {
  const exited = new Promise((resolve) => sim.process.once("exit", resolve));
  sim.process.kill("SIGTERM");
  await exited;
}

/** The kernel's peak-RSS mark of this process (Linux), else the current RSS. */
function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) * 1024 : process.memoryUsage.rss();
  } catch {
    return process.memoryUsage.rss();
  }
}

function connectorFor(sim: Simulator, rateLimits: boolean): DefenderConnector {
  return createDefenderConnector({
    clientId: sim.clientId,
    credential: { clientSecret: sim.clientSecret },
    authorityHost: sim.url,
    defenderApiUrl: sim.url,
    graphApiUrl: sim.url,
    trustCa: readFileSync(sim.caPath, "utf8"),
    rateLimits: rateLimits ? undefined : false,
    client: { machinesPageSize: MACHINES_PAGE },
  });
}

interface SyncResult {
  outcome: RunOutcome;
  wallMs: number;
  peakRss: number;
}

/**
 * The service side, in a process of its own (started by `syncInService`) so its peak RSS is the
 * sync's alone: one FULL sync of the simulator's tenant, printed as one JSON line.
 */
async function serviceProcess(sim: Simulator, databaseUrl: string, rateLimits: boolean): Promise<void> {
  const sql = new SqlPool({ url: databaseUrl, max: 4, applicationName: "agent-inventory:bench", logger });
  const store = new Store(sql);
  const connector = connectorFor(sim, rateLimits);
  try {
    // A second sync of the same simulator is the steady state: the tenant and its inventory are there.
    const existing = await store.tenants.byEntraTenantId(sim.tenantId);
    const tenantId = existing?.id ?? (await insertConnectedTenant(sql, sim.tenantId));
    const runs = store.syncRuns;
    const queued = (await runs.createQueued(tenantId, SyncMode.FULL, SyncTrigger.MANUAL))!;
    const run = (await runs.claimQueued(tenantId, queued.id, "bench"))!;
    const execute = createTenantSync({
      store,
      clientFor: (target) => connector.client(target.entraTenantId),
      settings: { ...SETTINGS, huntingDevicesPerShard: HUNTING_DEVICES_PER_SHARD },
      logger,
    });
    const started = performance.now();
    const outcome = await execute(run, { signal: new AbortController().signal, progress: () => undefined });
    const wallMs = performance.now() - started;
    await runs.finish(tenantId, run.id, outcome);
    console.log(JSON.stringify({ outcome, wallMs, peakRss: peakRssBytes() } satisfies SyncResult));
  } finally {
    await connector.close();
    await sql.close();
  }
}

/**
 * Heap budget of the service process, as a 512 MB deployment sets it (NODE_OPTIONS
 * --max-old-space-size, about three quarters of the container, the rest for code, buffers and stacks).
 */
const SERVICE_HEAP_MB = Number(process.env.BENCH_SYNC_HEAP_MB ?? 384);

async function syncInService(sim: Simulator, databaseUrl: string, rateLimits: boolean): Promise<SyncResult> {
  const { process: _child, ...simulator } = sim;
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${SERVICE_HEAP_MB}`,
      __filename,
      "--service",
      JSON.stringify(simulator),
      databaseUrl,
      String(rateLimits),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let last = "";
  // The result is the last line; the service's own log lines (LOG_LEVEL) pass through to stderr.
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith('{"outcome"')) last = line;
    else process.stderr.write(`${line}\n`);
  }
  const code = await new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve),
  );
  if (code !== 0 || !last) throw new Error(`the service process failed (exit ${String(code)})`);
  return JSON.parse(last) as SyncResult;
}

/**
 * The floor: the same pages the sync reads, fetched one after another and parsed, nothing else. With
 * `pace`, each call first waits for the documented limits (as the connector's budget counts them), so
 * the floor is the least time those limits allow for these calls, their transfers included.
 */
async function fetchAndParseFloor(
  sim: Simulator,
  pace?: DefenderRateLimiter,
): Promise<{ wallMs: number; calls: number; rows: number }> {
  const dispatcher = new Agent({ connect: { ca: readFileSync(sim.caPath, "utf8") } });
  let calls = 0;
  let rows = 0;
  const call = async (
    url: string,
    init: { token?: string; body?: unknown; family?: EndpointFamily } = {},
  ) => {
    calls++;
    const answered = init.family ? await pace?.acquire(sim.tenantId, init.family) : undefined;
    const response = await request(url, {
      method: init.body === undefined ? "GET" : "POST",
      dispatcher,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }).finally(() => answered?.());
    if (response.statusCode !== 200) throw new Error(`${url}: HTTP ${response.statusCode}`);
    return response;
  };
  const json = async (url: string, init?: { token?: string; body?: unknown; family?: EndpointFamily }) =>
    JSON.parse(await (await call(url, init)).body.text()) as Record<string, unknown>;
  const token = async (scope: string) => {
    const form = new URLSearchParams({
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope,
      grant_type: "client_credentials",
    });
    const response = await request(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    return ((await response.body.json()) as { access_token: string }).access_token;
  };
  const defender = await token("https://api.securitycenter.microsoft.com/.default");
  const graph = await token("https://graph.microsoft.com/.default");
  const started = performance.now();

  let devices = 0;
  for (let skip = 0; ; skip += MACHINES_PAGE) {
    const page = await json(`${sim.url}/api/machines?$top=${MACHINES_PAGE}&$skip=${skip}`, {
      token: defender,
      family: "machines",
    });
    const value = page.value as unknown[];
    devices += value.length;
    rows += value.length;
    if (value.length < MACHINES_PAGE) break;
  }
  const linkPaged = async (pathname: string, family: EndpointFamily) => {
    let next: string | undefined = `${sim.url}${pathname}?pageSize=${INVENTORY_PAGE_SIZE}`;
    while (next) {
      const page = await json(next, { token: defender, family });
      rows += (page.value as unknown[]).length;
      next = page["@odata.nextLink"] as string | undefined;
    }
  };
  if (devices >= SETTINGS.softwareExportMinDevices) {
    for (const kind of ["SoftwareInventoryExport", "SoftwareInventoryNonCpeExport"]) {
      const listing = await json(`${sim.url}/api/machines/${kind}?sasValidHours=6`, {
        token: defender,
        family: "softwareExport",
      });
      for (const file of listing.exportFiles as string[]) {
        const body = (await call(file)).body;
        const lines = createInterface({
          input: pipeline(body, createGunzip(), () => undefined),
          crlfDelay: Infinity,
        });
        for await (const line of lines) {
          if (!line) continue;
          JSON.parse(line);
          rows++;
        }
      }
    }
  } else {
    await linkPaged("/api/machines/SoftwareInventoryByMachine", "softwareInventory");
    await linkPaged("/api/machines/SoftwareInventoryNoProductCodeByMachine", "nonCpeSoftwareInventory");
  }
  await linkPaged("/api/Machines/BrowserExtensionsInventoryByMachine", "browserExtensions");
  const window = {
    lookbackDays: 30,
    deviceShards: Math.max(1, Math.ceil(devices / HUNTING_DEVICES_PER_SHARD)),
  };
  // Every hunting query the sync runs: the agents' and the MCP servers'.
  const queries = [...buildHuntingQueries(window), ...buildMcpHuntingQueries(window)];
  for (const query of queries) {
    const result = await json(`${sim.url}/v1.0/security/runHuntingQuery`, {
      token: graph,
      body: { Query: query.kql },
      family: "huntingGraph",
    });
    rows += (result.results as unknown[]).length;
  }
  const wallMs = performance.now() - started;
  await dispatcher.close();
  return { wallMs, calls, rows };
}

/**
 * The least time the documented limits allow for the calls made: per budget, the calls beyond each
 * window's allowance must wait for the window to pass. Budgets are independent (hunting runs beside
 * the inventory reads), so the slowest one bounds the sync.
 */
function limitMinimumMs(callsByBudget: Map<RateBudget, number>): number {
  let minimum = 0;
  for (const [budget, calls] of callsByBudget) {
    const windows = DEFENDER_RATE_LIMITS[budget];
    minimum = Math.max(minimum, ...windows.map((w) => (Math.ceil(calls / w.limit) - 1) * w.windowMs));
  }
  return minimum;
}

function budgetOf(source: string): RateBudget | undefined {
  if (source.startsWith("hunting:")) return "hunting";
  return FAMILY_BUDGET[source as keyof typeof FAMILY_BUDGET];
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "agent-inventory-bench-"));
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir }, logger);
  await runMigrations(db.dataSource);
  const sql = new SqlPool({ url: db.url, max: 1, applicationName: "agent-inventory:bench", logger });
  await upsertCatalog(sql);
  await sql.close();
  const figures: Record<string, unknown> = { database: db.embedded ? "embedded" : "DATABASE_URL" };
  try {
    for (const devices of SCALES) {
      const sim = await startSimulatorProcess(devices, false);
      try {
        const floor = await fetchAndParseFloor(sim);
        const { outcome, wallMs, peakRss } = await syncInService(sim, db.url, false);
        const stats = outcome.stats!;
        // Nothing changed in Defender since: the sync holds observations and stored inventory at once.
        const second = await syncInService(sim, db.url, false);
        const entry = {
          devices,
          status: outcome.status,
          softwareVia: devices >= SETTINGS.softwareExportMinDevices ? "export files" : "JSON pages",
          wallMs: round(wallMs),
          rowsRead: stats.rowsRead,
          rowsPerSecond: round(stats.rowsRead / (wallMs / 1000)),
          peakRssMB: round(peakRss / 2 ** 20),
          serviceHeapLimitMB: SERVICE_HEAP_MB,
          apiCalls: stats.apiCalls,
          installationsNew: stats.installationsNew,
          floorWallMs: round(floor.wallMs),
          floorCalls: floor.calls,
          floorRows: floor.rows,
          wallOverFloor: round(wallMs / floor.wallMs, 2),
          secondSync: {
            status: second.outcome.status,
            wallMs: round(second.wallMs),
            peakRssMB: round(second.peakRss / 2 ** 20),
            installationsNew: second.outcome.stats!.installationsNew,
            installationsUpdated: second.outcome.stats!.installationsUpdated,
            installationsRemoved: second.outcome.stats!.installationsRemoved,
          },
        };
        figures[`devices${devices}`] = entry;
        console.log(JSON.stringify(entry));
      } finally {
        await stopSimulator(sim);
      }
    }

    // The limited floor reads from a simulator of its own: the windows it fills must not be the sync's.
    const limitedSeed = ++seed;
    const floorSim = await startSimulatorProcess(LIMITED_DEVICES, true, limitedSeed);
    const limitedFloor = await fetchAndParseFloor(floorSim, new DefenderRateLimiter({ marginMs: 0 })).finally(
      () => stopSimulator(floorSim),
    );
    const sim = await startSimulatorProcess(LIMITED_DEVICES, true, limitedSeed);
    try {
      const { outcome, wallMs } = await syncInService(sim, db.url, true);
      const perBudget = new Map<RateBudget, number>();
      for (const source of outcome.sources) {
        const budget = budgetOf(source.source);
        if (budget) perBudget.set(budget, (perBudget.get(budget) ?? 0) + source.apiCalls);
      }
      const minimum = limitMinimumMs(perBudget);
      const entry = {
        devices: LIMITED_DEVICES,
        status: outcome.status,
        rateLimits: "documented (simulator enforces, client budgets)",
        wallMs: round(wallMs),
        limitMinimumMs: minimum,
        wallOverLimitMinimum: minimum > 0 ? round(wallMs / minimum, 2) : null,
        limitedFloorMs: round(limitedFloor.wallMs),
        limitedFloorCalls: limitedFloor.calls,
        wallOverLimitedFloor: round(wallMs / limitedFloor.wallMs, 2),
        callsPerBudget: Object.fromEntries(perBudget),
        apiCalls: outcome.stats!.apiCalls,
        throttled429: outcome.stats!.throttledCalls,
      };
      figures.rateLimited = entry;
      console.log(JSON.stringify(entry));
    } finally {
      await stopSimulator(sim);
    }
  } finally {
    await db.close();
  }
  console.log(JSON.stringify(figures));
}

const serviceArgs = process.argv.indexOf("--service");
(serviceArgs > 0
  ? serviceProcess(
      JSON.parse(process.argv[serviceArgs + 1]) as Simulator,
      process.argv[serviceArgs + 2],
      process.argv[serviceArgs + 3] === "true",
    )
  : main()
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
