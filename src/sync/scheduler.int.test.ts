import { createLogger } from "../config/logger";
import { SyncMode, SyncRunStatus, SyncTrigger } from "../model/enums";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { runSyncWorker, type SyncExecutor, type SyncWorker } from "./scheduler";
import { insertConnectedTenant, waitFor } from "./test-support";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const MANUAL = { mode: SyncMode.FULL, trigger: SyncTrigger.MANUAL };

describe("sync scheduler", () => {
  let db: TestDatabase;
  const workers: SyncWorker[] = [];
  const start = async (execute: SyncExecutor, workerId: string) => {
    const worker = await runSyncWorker({
      dataSource: db.dataSource,
      databaseUrl: db.url,
      logger,
      schedule: { intervalMinutes: 60, random: () => 0.5 },
      execute,
      workerId,
      heartbeatMs: 200,
      abandonedAfterMs: 2_000,
      pollingIntervalSeconds: 0.5,
      shutdownGraceMs: 2_000,
    });
    workers.push(worker);
    return worker;
  };
  const status = async (tenantId: string, id: string) =>
    (
      await db.dataSource.query(`SELECT status, error FROM sync_run WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        id,
      ])
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
  });
  afterAll(() => db.drop());

  it("returns the queued or running run instead of queuing a second one, and runs it", async () => {
    const tenantId = await insertConnectedTenant(db.dataSource);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const worker = await start(async () => {
      await gate;
      return { status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null };
    }, "w1");
    const first = await worker.control.trigger(tenantId, MANUAL);
    expect(first.alreadyRunning).toBe(false);
    expect(first.run.status).toBe(SyncRunStatus.QUEUED);
    await waitFor(async () => (await status(tenantId, first.run.id)).status === "RUNNING");
    const second = await worker.control.trigger(tenantId, MANUAL);
    expect(second).toMatchObject({ alreadyRunning: true, run: { id: first.run.id, status: "RUNNING" } });
    release();
    await waitFor(async () => (await status(tenantId, first.run.id)).status === "SUCCEEDED");
    // The next sync is scheduled right after the run is recorded finished.
    await waitFor(async () => {
      const [integration] = await db.dataSource.query(
        `SELECT next_sync_at FROM defender_integration WHERE tenant_id = $1`,
        [tenantId],
      );
      return integration.next_sync_at !== null;
    });
  });

  it("marks a run whose worker died FAILED with a reason, then syncs the tenant again", async () => {
    const tenantId = await insertConnectedTenant(db.dataSource);
    const [dead] = await db.dataSource.query(
      `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at, started_at, heartbeat_at, worker_id)
       VALUES ($1, 'MANUAL', 'FULL', 'RUNNING', now() - interval '1 hour', now() - interval '1 hour',
               now() - interval '50 minutes', 'dead-worker') RETURNING id`,
      [tenantId],
    );
    const worker = await start(
      async () => ({ status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null }),
      "w2",
    );
    const { run } = await worker.control.trigger(tenantId, MANUAL);
    await waitFor(async () => (await status(tenantId, run.id)).status === "SUCCEEDED");
    expect(await status(tenantId, dead.id)).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/stopped sending heartbeats/),
    });
  });

  it("never runs two syncs of one tenant at once across two workers", async () => {
    const tenants = [await insertConnectedTenant(db.dataSource), await insertConnectedTenant(db.dataSource)];
    const active = new Map<string, number>();
    let maxPerTenant = 0;
    let runsDone = 0;
    const execute: SyncExecutor = async (run) => {
      const n = (active.get(run.tenantId) ?? 0) + 1;
      active.set(run.tenantId, n);
      maxPerTenant = Math.max(maxPerTenant, n);
      await new Promise((r) => setTimeout(r, 700));
      active.set(run.tenantId, n - 1);
      runsDone++;
      return { status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null };
    };
    const a = await start(execute, "wa");
    const b = await start(execute, "wb");
    for (let round = 0; round < 3; round++) {
      await Promise.all(tenants.flatMap((t) => [a.control.trigger(t, MANUAL), b.control.trigger(t, MANUAL)]));
      await new Promise((r) => setTimeout(r, 300));
    }
    await waitFor(async () => {
      const [row] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM sync_run WHERE tenant_id = ANY($1) AND status IN ('QUEUED', 'RUNNING')`,
        [tenants],
      );
      return row.n === 0;
    }, 20_000);
    expect(maxPerTenant).toBe(1);
    expect(runsDone).toBeGreaterThanOrEqual(2);
  });

  it("the tick queues connected tenants that are due and stamps their next sync", async () => {
    const tenantId = await insertConnectedTenant(db.dataSource);
    const worker = await start(
      async () => ({ status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null }),
      "w3",
    );
    await worker.tick();
    const runs = await db.dataSource.query(`SELECT trigger FROM sync_run WHERE tenant_id = $1`, [tenantId]);
    expect(runs).toEqual([{ trigger: "SCHEDULE" }]);
    const [integration] = await db.dataSource.query(
      `SELECT next_sync_at > now() + interval '50 minutes' AS later FROM defender_integration WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(integration.later).toBe(true);
    await worker.tick();
    expect(await db.dataSource.query(`SELECT 1 FROM sync_run WHERE tenant_id = $1`, [tenantId])).toHaveLength(
      1,
    );
  });

  it("stop() ends a running sync CANCELLED at its next checkpoint", async () => {
    const tenantId = await insertConnectedTenant(db.dataSource);
    const worker = await start(async (_run, { signal }) => {
      for (;;) {
        signal.throwIfAborted();
        await new Promise((r) => setTimeout(r, 50));
      }
    }, "w4");
    const { run } = await worker.control.trigger(tenantId, MANUAL);
    await waitFor(async () => (await status(tenantId, run.id)).status === "RUNNING");
    await worker.control.stop(tenantId);
    await waitFor(async () => (await status(tenantId, run.id)).status === "CANCELLED");
  });

  it("shutdown lets a running sync finish within the grace period", async () => {
    const tenantId = await insertConnectedTenant(db.dataSource);
    const worker = await start(async () => {
      await new Promise((r) => setTimeout(r, 800));
      return { status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null };
    }, "w5");
    const { run } = await worker.control.trigger(tenantId, MANUAL);
    await waitFor(async () => (await status(tenantId, run.id)).status === "RUNNING");
    await workers.splice(workers.indexOf(worker), 1)[0].stop();
    expect((await status(tenantId, run.id)).status).toBe("SUCCEEDED");
  });
});
