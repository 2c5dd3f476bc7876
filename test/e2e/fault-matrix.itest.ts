/**
 * The fault matrix, end to end: the whole service (API and sync worker) against the Defender simulator
 * and a real PostgreSQL, on an injected clock where the service runs in-process. A purge during a sync
 * stays purged; a `kill -9` of the service during a sync's write is retried within minutes with the same
 * result; the embedded PostgreSQL killed mid-sync or idle is started again by the service (a process of
 * its own, as `npm start` runs it), losing nothing, and the next sync equals the last good one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import { loadConfig } from "../../src/config/config";
import { createLogger } from "../../src/config/logger";
import { toGlobalId } from "../../src/graphql/relay";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { startService, type RunningService } from "../../src/service";
import { simulatorServiceEnv, waitFor } from "../support/sync";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ADMIN_KEY, captureLogs } from "../support/service";

const ROOT = path.resolve(__dirname, "../..");
const DEVICES = 1_500;
const TRIGGER = `mutation($t: ID!) { triggerSync(input: { tenantId: $t, mode: FULL }) { alreadyRunning syncRun { id } userErrors { code } } }`;

/** A clock the test moves: the schedule's minutes pass at once. */
class TestClock {
  private ms = Date.now();
  now = (): Date => new Date(this.ms);
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

/** The service's environment for a tenant of the simulator (single-organization mode connects it at start). */
function serviceEnv(sim: RunningSimulator, extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: "test",
    PORT: "0",
    ADMIN_API_KEY: ADMIN_KEY,
    PROCESS_ROLES: "api,worker",
    ...simulatorServiceEnv(sim),
    ...extra,
  };
}

interface Harness {
  service: RunningService;
  logs: ReturnType<typeof captureLogs>;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; data?: T; errors?: any[] }>;
}

async function start(sim: RunningSimulator, env: Record<string, string>, clock: TestClock): Promise<Harness> {
  const logs = captureLogs();
  const config = loadConfig(serviceEnv(sim, { LOG_LEVEL: "info", ...env }));
  const service = await startService(config, createLogger(config.logLevel, logs.destination), {
    trustCa: sim.ca,
    now: clock.now,
    healthIntervalMs: 250,
  });
  return {
    service,
    logs,
    async gql(query, variables) {
      const response = await fetch(`${service.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  };
}

const tenantOf = async (db: DataSource): Promise<string> =>
  (await db.query(`SELECT id FROM tenant ORDER BY created_at LIMIT 1`))[0].id;

/** The single-organization tenant, once the service (started in a process of its own) has connected it. */
async function connectedTenant(db: DataSource): Promise<string> {
  const connected = async () =>
    (await db.query(`SELECT tenant_id FROM defender_integration WHERE status = 'CONNECTED'`))[0]
      ?.tenant_id as string | undefined;
  await waitFor(async () => (await connected()) !== undefined, 30_000);
  return (await connected())!;
}

/** What a tenant's inventory holds, timestamps aside: devices, and installations with their state. */
async function inventory(db: DataSource, tenantId: string) {
  const [counts] = await db.query(
    `SELECT (SELECT count(*) FROM device WHERE tenant_id = $1 AND NOT potential_duplicate)::int AS devices,
            (SELECT count(*) FROM device WHERE tenant_id = $1)::int AS "deviceRecords",
            (SELECT count(*) FROM user_account WHERE tenant_id = $1)::int AS users,
            (SELECT count(*) FROM device_user WHERE tenant_id = $1)::int AS "deviceUsers",
            (SELECT count(*) FROM installation_event WHERE tenant_id = $1)::int AS events`,
    [tenantId],
  );
  const installations: { key: string }[] = await db.query(
    `SELECT d.defender_id || '|' || a.key || '|' || i.channel || '|' || coalesce(i.version, '') || '|' || i.status AS key
     FROM installation i JOIN device d ON d.tenant_id = i.tenant_id AND d.id = i.device_id JOIN agent a ON a.id = i.agent_id
     WHERE i.tenant_id = $1 ORDER BY 1`,
    [tenantId],
  );
  return { ...counts, installations: installations.map((r) => r.key) };
}

/** The simulator's planted installations today, as (device, agent, channel). */
function plantedKeys(sim: RunningSimulator): string[] {
  const keys = [...sim.fleet.plantedInstallations(sim.control.day())].map((p) =>
    `${p.deviceId}|${p.agentKey}|${p.channel}`.toLowerCase(),
  );
  return [...new Set(keys)].sort();
}

/**
 * How closely a sync's result must agree with what the simulator planted: detection quality is the
 * ground-truth test's to hold (src/detection/ground-truth.test.ts); here a sync must not lose it.
 */
const AGREEMENT = 0.98;

function expectAgreement(stored: string[], planted: string[]): void {
  const plantedSet = new Set(planted);
  const both = stored.filter((k) => plantedSet.has(k)).length;
  expect(planted.length).toBeGreaterThan(0);
  expect(both / stored.length).toBeGreaterThanOrEqual(AGREEMENT);
  expect(both / planted.length).toBeGreaterThanOrEqual(AGREEMENT);
}

async function activeKeys(db: DataSource, tenantId: string): Promise<string[]> {
  const rows: { key: string }[] = await db.query(
    `SELECT DISTINCT lower(d.defender_id || '|' || a.key || '|' || i.channel) AS key
     FROM installation i JOIN device d ON d.tenant_id = i.tenant_id AND d.id = i.device_id JOIN agent a ON a.id = i.agent_id
     WHERE i.tenant_id = $1 AND i.status = 'ACTIVE' ORDER BY 1`,
    [tenantId],
  );
  return rows.map((r) => r.key);
}

const runsOf = (db: DataSource, tenantId: string) =>
  db.query(`SELECT id, status, error, progress FROM sync_run WHERE tenant_id = $1 ORDER BY queued_at`, [
    tenantId,
  ]) as Promise<
    Array<{ id: string; status: string; error: string | null; progress: { phase: string } | null }>
  >;

/** A sync's write transaction in progress: it holds a transaction id and is writing the inventory. */
async function writeInProgress(db: DataSource): Promise<boolean> {
  const [row] = await db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
       AND query ~* '(INSERT INTO|UPDATE) (device|user_account|device_user|installation)\\M'`,
  );
  return row.n > 0;
}

/** Runs the minute's scheduling now (the worker's cron would). */
const tick = (harness: Harness) => harness.service.worker!.tick();

describe("fault matrix", () => {
  let sim: RunningSimulator;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);

  beforeAll(async () => {
    sim = await startSimulator({ devices: DEVICES, seed: 17, rateLimits: false });
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await sim?.close();
  });
  afterEach(() => {
    sim.control.setFaults({ latencyMs: 0 });
    expect(unhandled).toEqual([]);
  });

  describe("a purge during a sync", () => {
    let db: TestDatabase;
    let harness: Harness;
    const clock = new TestClock();

    beforeEach(async () => {
      db = await createTestDatabase();
      harness = await start(sim, { DATABASE_URL: db.url }, clock);
    });
    afterEach(async () => {
      await harness.service.stop();
      await db.drop();
    });

    /** Waits until the worker is done with the tenant's sync (the purge deleted its run's row). */
    const syncEnded = (tenantId: string) =>
      waitFor(async () => {
        const [{ n }] = await db.dataSource.query(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'sync' AND singleton_key = $1 AND state = 'active'`,
          [tenantId],
        );
        return n === 0;
      }, 60_000);

    /** Revokes with purge, then waits for the worker to be done with the tenant's sync. */
    const purge = async (tenantId: string) => {
      const purged = await harness.gql(
        `mutation($t: ID!) { revokeIntegration(input: { tenantId: $t, purgeData: true }) {
          purged { devices } tenant { integration { status } } userErrors { code } } }`,
        { t: toGlobalId("Tenant", null, tenantId) },
      );
      expect(purged.data.revokeIntegration).toMatchObject({
        userErrors: [],
        tenant: { integration: { status: "REVOKED" } },
      });
      await syncEnded(tenantId);
    };

    const syncNow = async (tenantId: string) => {
      const result = await harness.gql(TRIGGER, { t: toGlobalId("Tenant", null, tenantId) });
      expect(result.data.triggerSync.userErrors).toEqual([]);
    };

    const expectNothingReturns = async (tenantId: string) => {
      expect(await inventory(db.dataSource, tenantId)).toEqual({
        devices: 0,
        deviceRecords: 0,
        users: 0,
        deviceUsers: 0,
        events: 0,
        installations: [],
      });
      expect(await runsOf(db.dataSource, tenantId)).toEqual([]);
      const [integration] = await db.dataSource.query(
        `SELECT status, next_sync_at FROM defender_integration WHERE tenant_id = $1`,
        [tenantId],
      );
      expect(integration).toEqual({ status: "REVOKED", next_sync_at: null });
      // Hours later the schedule still leaves the revoked tenant alone.
      clock.advanceMinutes(180);
      await tick(harness);
      expect(await runsOf(db.dataSource, tenantId)).toEqual([]);
    };

    it("while it reads Defender: the sync ends without writing, and nothing returns", async () => {
      const tenantId = await tenantOf(db.dataSource);
      await syncNow(tenantId);
      await waitFor(async () => (await runsOf(db.dataSource, tenantId))[0]?.status === "RUNNING");
      await purge(tenantId);
      await expectNothingReturns(tenantId);
    });

    it("as its reads end, before the write: the write is refused, and nothing returns", async () => {
      const tenantId = await tenantOf(db.dataSource);
      sim.control.resetStats();
      sim.control.setFaults({ latencyMs: 100 });
      await syncNow(tenantId);
      // Browser extensions are the last inventory source, the three hunting queries run beside them.
      await waitFor(async () => {
        const stats = sim.control.stats();
        return (stats.browserExtensions?.calls ?? 0) >= 1 && (stats.runHuntingQuery?.calls ?? 0) >= 3;
      }, 60_000);
      await purge(tenantId);
      await expectNothingReturns(tenantId);
    });

    it("while it writes: the purge waits for the write and deletes it, and nothing returns", async () => {
      const tenantId = await tenantOf(db.dataSource);
      await syncNow(tenantId);
      await waitFor(() => writeInProgress(db.dataSource), 60_000);
      await purge(tenantId);
      await expectNothingReturns(tenantId);
    });
  });

  describe("the service killed (kill -9) during a sync's write", () => {
    let db: TestDatabase;
    let child: ChildProcess | undefined;
    let harness: Harness | undefined;

    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await harness?.service.stop();
      await db.drop();
    });

    it("ends the dead run FAILED at the next start, syncs again within minutes, and stores what a clean sync stores", async () => {
      const env = serviceEnv(sim, {
        DATABASE_URL: db.url,
        LOG_LEVEL: "warn",
        NODE_EXTRA_CA_CERTS: sim.caPath,
        PORT: String(await freePort()),
      });
      child = spawn(process.execPath, ["dist/src/main.js"], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: "ignore",
      });
      const url = `http://127.0.0.1:${env.PORT}`;
      await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, 30_000);
      const tenantId = await connectedTenant(db.dataSource);
      const triggered = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ query: TRIGGER, variables: { t: toGlobalId("Tenant", null, tenantId) } }),
      });
      expect(((await triggered.json()) as any).data.triggerSync.userErrors).toEqual([]);
      // The first sync's write transaction is under way: kill the service in the middle of it.
      await waitFor(() => writeInProgress(db.dataSource), 60_000);
      child.kill("SIGKILL");
      await new Promise((resolve) =>
        child!.exitCode !== null || child!.signalCode !== null ? resolve(null) : child!.once("exit", resolve),
      );
      const [dead] = await runsOf(db.dataSource, tenantId);
      expect(dead.status).toBe("RUNNING");
      expect((await inventory(db.dataSource, tenantId)).devices).toBe(0);

      // Started again (here in-process, on the test's clock): the dead run ends at once, with its reason.
      const clock = new TestClock();
      harness = await start(sim, { DATABASE_URL: db.url }, clock);
      const [failed] = await runsOf(db.dataSource, tenantId);
      expect(failed).toMatchObject({
        id: dead.id,
        status: "FAILED",
        error: expect.stringMatching(/worker running this sync is gone/),
      });
      // The first sync failed: it is retried within minutes, not at the next interval.
      const [{ due }] = await db.dataSource.query(
        `SELECT next_sync_at <= $2::timestamptz + interval '2 minutes' AS due FROM defender_integration WHERE tenant_id = $1`,
        [tenantId, clock.now().toISOString()],
      );
      expect(due).toBe(true);
      clock.advanceMinutes(2);
      await tick(harness);
      await waitFor(async () => (await runsOf(db.dataSource, tenantId))[1]?.status === "SUCCEEDED", 60_000);
      expectAgreement(await activeKeys(db.dataSource, tenantId), plantedKeys(sim));
    });
  });

  describe("the embedded PostgreSQL killed (kill -9) under `npm start`", () => {
    // The embedded server is the service's own child, so the service runs as `npm start` runs it: a
    // process of its own, with no DATABASE_URL. Its schedule runs on real time; the test reads when the
    // retry is due and asks for the next sync itself.
    const dataDir = mkdtempSync(path.join(tmpdir(), "agent-inventory-faults-"));
    let child: ChildProcess;
    let url: string;
    let tenantId: string;
    let lastGood: Awaited<ReturnType<typeof inventory>>;
    const output: string[] = [];

    const gql = async (query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as any) };
    };
    /** The embedded database, reached as the service reaches it (a new connection each time: it restarts). */
    const query = async (sql: string, params: unknown[] = []) => {
      const state = JSON.parse(readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8"));
      const db = new Client({
        connectionString: `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/agent_inventory`,
      });
      await db.connect();
      try {
        return (await db.query(sql, params)).rows;
      } finally {
        await db.end();
      }
    };
    const source = { query } as unknown as DataSource;
    const readyz = async () => (await fetch(`${url}/readyz`).catch(() => null))?.status;
    const killPostgres = () => {
      const pid = Number(
        readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0],
      );
      process.kill(pid, "SIGKILL");
    };
    /** Not ready while PostgreSQL is gone, ready again once the service has started it again. */
    const outageAndRecovery = async () => {
      await waitFor(async () => (await readyz()) === 503, 20_000);
      await waitFor(async () => (await readyz()) === 200, 60_000);
    };
    const syncNow = async () => {
      const result = await gql(TRIGGER, { t: toGlobalId("Tenant", null, tenantId) });
      expect(result.data.triggerSync.userErrors).toEqual([]);
      return result.data.triggerSync.syncRun.id as string;
    };
    const lastRun = async () => (await runsOf(source, tenantId)).at(-1)!;

    beforeAll(async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...serviceEnv(sim, {
          DATA_DIR: dataDir,
          PORT: String(port),
          LOG_LEVEL: "info",
          NODE_EXTRA_CA_CERTS: sim.caPath,
        }),
      };
      for (const name of ["DATABASE_URL", "TEST_DATABASE_URL"]) delete env[name];
      child = spawn(process.execPath, ["dist/src/main.js"], {
        cwd: ROOT,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.on("data", (chunk: Buffer) =>
        output.push(...chunk.toString("utf8").split("\n").filter(Boolean)),
      );
      await waitFor(async () => (await readyz()) === 200, 60_000);
      tenantId = await connectedTenant(source);
      await syncNow();
      await waitFor(async () => (await lastRun())?.status === "SUCCEEDED", 60_000);
      lastGood = await inventory(source, tenantId);
      expect(lastGood.devices).toBe(DEVICES);
    });
    afterAll(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
      rmSync(dataDir, { recursive: true, force: true });
    });
    afterEach(() => {
      // Still the same process, and nothing went unhandled in it.
      expect(child.exitCode).toBeNull();
      expect(output.filter((line) => line.includes("unhandled promise rejection"))).toEqual([]);
    });

    it("mid-sync: the sync ends FAILED with its reason, nothing is lost, and the next sync equals the last good one", async () => {
      sim.control.setFaults({ latencyMs: 150 });
      const runId = await syncNow();
      await waitFor(async () => (await lastRun()).status === "RUNNING");
      killPostgres();
      await outageAndRecovery();
      sim.control.setFaults({ latencyMs: 0 });
      await waitFor(async () => (await lastRun()).status === "FAILED", 30_000);
      const interrupted = await lastRun();
      expect(toGlobalId("SyncRun", tenantId, interrupted.id)).toBe(runId);
      expect(interrupted.error).toMatch(/database became unreachable/);
      expect(await inventory(source, tenantId)).toEqual(lastGood);
      // The schedule retries within minutes; the test asks for that sync now rather than wait for it.
      const [{ soon }] = await query(
        `SELECT next_sync_at <= now() + interval '2 minutes' AS soon FROM defender_integration WHERE tenant_id = $1`,
        [tenantId],
      );
      expect(soon).toBe(true);
      await syncNow();
      await waitFor(async () => (await lastRun()).status === "SUCCEEDED", 60_000);
      expect(await inventory(source, tenantId)).toEqual(lastGood);
      expectAgreement(await activeKeys(source, tenantId), plantedKeys(sim));
    });

    it("while idle: GraphQL answers 503 SERVICE_UNAVAILABLE meanwhile, then serves the same inventory", async () => {
      killPostgres();
      await waitFor(async () => (await readyz()) === 503, 20_000);
      const during = await gql(`{ viewer { role } }`);
      if (during.status !== 200) {
        expect(during.status).toBe(503);
        expect(during.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
      }
      await waitFor(async () => (await readyz()) === 200, 60_000);
      const devices = await gql(`query($t: ID!) { tenant(id: $t) { devices { totalCount } } }`, {
        t: toGlobalId("Tenant", null, tenantId),
      });
      expect(devices.data.tenant.devices.totalCount).toBe(lastGood.deviceRecords);
      expect(await inventory(source, tenantId)).toEqual(lastGood);
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
