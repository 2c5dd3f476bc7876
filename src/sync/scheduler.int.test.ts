import { Client } from "pg";
import PgBoss from "pg-boss";
import { createLogger } from "../config/logger";
import { DatabaseHealth } from "../db/health";
import { SyncMode, SyncRunStatus, SyncTrigger } from "../model/enums";
import { Store } from "../store";
import { LEASE_LOCK_CLASS } from "../store/worker-lease";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { insertConnectedTenant, waitFor } from "../../test/support/sync";
import { runSyncWorker, type SyncExecutor, type SyncWorker, type SyncWorkerOptions } from "./scheduler";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const MANUAL = { mode: SyncMode.FULL, trigger: SyncTrigger.MANUAL };

describe("sync scheduler", () => {
  let db: TestDatabase;
  const workers: SyncWorker[] = [];
  const start = async (execute: SyncExecutor, workerId: string, extra: Partial<SyncWorkerOptions> = {}) => {
    const worker = await runSyncWorker({
      store: new Store(db.sql),
      databaseUrl: db.url,
      logger,
      schedule: { intervalMinutes: 60, random: () => 0.5 },
      execute,
      workerId,
      heartbeatMs: 200,
      abandonedAfterMs: 2_000,
      pollingIntervalSeconds: 0.5,
      shutdownGraceMs: 2_000,
      ...extra,
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
    const tenantId = await insertConnectedTenant(db.sql);
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

  const insertRunning = async (tenantId: string, workerId: string, heartbeatAgo: string) =>
    (
      await db.dataSource.query(
        `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at, started_at, heartbeat_at, worker_id)
         VALUES ($1, 'MANUAL', 'FULL', 'RUNNING', now() - interval '1 hour', now() - interval '1 hour',
                 now() - $3::interval, $2) RETURNING id`,
        [tenantId, workerId, heartbeatAgo],
      )
    )[0] as { id: string };

  it("marks a run whose worker died FAILED with a reason, then syncs the tenant again", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    const dead = await insertRunning(tenantId, "dead-worker", "50 minutes");
    const worker = await start(
      async () => ({ status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null }),
      "w2",
    );
    const { run } = await worker.control.trigger(tenantId, MANUAL);
    await waitFor(async () => (await status(tenantId, run.id)).status === "SUCCEEDED");
    expect(await status(tenantId, dead.id)).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/worker running this sync is gone/),
    });
  });

  it("never hands out a run whose worker is gone, even with a fresh heartbeat: triggerSync fails it and queues a new one", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    // Killed a second ago: its heartbeat is fresh, but no process holds its lease any more.
    const dead = await insertRunning(tenantId, "killed-a-second-ago", "1 second");
    const worker = await start(
      async () => ({ status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null }),
      "w6",
    );
    const triggered = await worker.control.trigger(tenantId, MANUAL);
    expect(triggered.alreadyRunning).toBe(false);
    expect(triggered.run.id).not.toBe(dead.id);
    expect(await status(tenantId, dead.id)).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/gone/),
    });
    await waitFor(async () => (await status(tenantId, triggered.run.id)).status === "SUCCEEDED");
  });

  it("leaves a live worker's run alone, and fails it only when its heartbeat stops", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    // Another process, alive (it holds its lease) and running a sync.
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock($1, hashtext('live-worker'))`, [LEASE_LOCK_CLASS]);
      const live = await insertRunning(tenantId, "live-worker", "1 second");
      const worker = await start(
        async () => ({ status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null }),
        "w7",
      );
      expect(await worker.control.trigger(tenantId, MANUAL)).toMatchObject({
        alreadyRunning: true,
        run: { id: live.id },
      });
      // Alive but hung: no heartbeat for longer than abandonedAfterMs.
      await db.dataSource.query(
        `UPDATE sync_run SET heartbeat_at = now() - interval '1 minute' WHERE id = $1`,
        [live.id],
      );
      await worker.tick();
      expect(await status(tenantId, live.id)).toMatchObject({
        status: "FAILED",
        error: expect.stringMatching(/stopped sending heartbeats/),
      });
    } finally {
      await other.end();
    }
  });

  it("retries a failed first sync within minutes on the injected clock, backing off, never at the next interval", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    let now = new Date("2026-11-27T08:00:00.000Z");
    const worker = await start(
      async () => ({ status: SyncRunStatus.FAILED, sources: [], stats: null, error: "Defender said no" }),
      "w8",
      { schedule: { intervalMinutes: 60, random: () => 0.5, now: () => now } },
    );
    const nextSyncAt = async () =>
      (
        await db.dataSource.query(`SELECT next_sync_at FROM defender_integration WHERE tenant_id = $1`, [
          tenantId,
        ])
      )[0].next_sync_at as Date | null;
    const failOnce = async () => {
      const { run } = await worker.control.trigger(tenantId, MANUAL);
      await waitFor(async () => (await status(tenantId, run.id)).status === "FAILED");
      await waitFor(async () => (await nextSyncAt())?.getTime() !== undefined);
    };
    await failOnce();
    await waitFor(async () => (await nextSyncAt())?.toISOString() === "2026-11-27T08:01:00.000Z");
    now = new Date("2026-11-27T08:01:00.000Z");
    await failOnce();
    await waitFor(async () => (await nextSyncAt())?.toISOString() === "2026-11-27T08:03:00.000Z");
  });

  it("writes the run's progress at each phase, not only with the heartbeat", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const worker = await start(
      async (_run, { progress }) => {
        progress({ phase: "machines", rowsRead: 0 });
        progress({ phase: "softwareInventory", rowsRead: 3_000 });
        await gate;
        return { status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null };
      },
      "w9",
      { heartbeatMs: 60_000 },
    );
    const { run } = await worker.control.trigger(tenantId, MANUAL);
    await waitFor(async () => {
      const [row] = await db.dataSource.query(`SELECT progress FROM sync_run WHERE id = $1`, [run.id]);
      return row.progress?.phase === "softwareInventory" && row.progress.rowsRead === 3_000;
    });
    release();
    await waitFor(async () => (await status(tenantId, run.id)).status === "SUCCEEDED");
  });

  it("pauses while the database is unreachable: the running sync ends FAILED with its reason and runs again once it is back", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    let reachable = true;
    const health = new DatabaseHealth({
      probe: async () => {
        if (!reachable) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      },
      logger,
      intervalMs: 50,
      failuresBeforeDown: 1,
    });
    health.start();
    let runs = 0;
    const worker = await start(
      async (_run, { signal }) => {
        if (++runs > 1) return { status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null };
        for (;;) {
          signal.throwIfAborted();
          await new Promise((r) => setTimeout(r, 20));
        }
      },
      "w10",
      { health },
    );
    try {
      const { run } = await worker.control.trigger(tenantId, MANUAL);
      await waitFor(async () => (await status(tenantId, run.id)).status === "RUNNING");
      reachable = false;
      await waitFor(async () => (await status(tenantId, run.id)).status === "FAILED");
      expect((await status(tenantId, run.id)).error).toMatch(/database became unreachable/);
      // While down, a queued sync waits.
      const queued = await worker.control.trigger(tenantId, MANUAL);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await status(tenantId, queued.run.id)).status).toBe("QUEUED");
      reachable = true;
      await waitFor(async () => (await status(tenantId, queued.run.id)).status === "SUCCEEDED");
    } finally {
      health.stop();
    }
  });

  /** A tenant that is not due, with a run QUEUED two minutes ago (no job sent for it). */
  const staleQueuedRun = async (tenantId: string) => {
    await db.dataSource.query(
      `UPDATE defender_integration SET next_sync_at = now() + interval '1 day' WHERE tenant_id = $1`,
      [tenantId],
    );
    const [run] = await db.dataSource.query(
      `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at)
       VALUES ($1, 'MANUAL', 'FULL', 'QUEUED', now() - interval '2 minutes') RETURNING id`,
      [tenantId],
    );
    return run.id as string;
  };
  /** A pg-boss client of the test's own, as another (soon dead) worker would hold. */
  const withBoss = async (work: (boss: PgBoss) => Promise<void>) => {
    const boss = new PgBoss({
      connectionString: db.url,
      schema: "pgboss",
      supervise: false,
      schedule: false,
    });
    await boss.start();
    try {
      await boss.createQueue("sync", { name: "sync", policy: "stately", expireInHours: 12, retryLimit: 0 });
      await work(boss);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  };
  /** The job taken two minutes ago, as by a worker that died then. */
  const takenLongAgo = (jobId: string) =>
    db.dataSource.query(`UPDATE pgboss.job SET started_on = now() - interval '2 minutes' WHERE id = $1`, [
      jobId,
    ]);

  it("sends again the job of a run left queued without one (lost with the database), at the next tick", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    // Not due: only the lost job brings the run to a worker.
    const lost = await staleQueuedRun(tenantId);
    const worker = await start(
      async () => ({ status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null }),
      "w11",
    );
    await worker.tick();
    await waitFor(async () => (await status(tenantId, lost)).status === "SUCCEEDED");
  });

  it("takes back the job of a worker that died between taking it and claiming its run, and runs the run", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    const runId = await staleQueuedRun(tenantId);
    await withBoss(async (boss) => {
      await boss.send("sync", { tenantId, runId }, { id: runId, singletonKey: tenantId });
      expect((await boss.fetch("sync")).map((job) => job.id)).toEqual([runId]);
    });
    await takenLongAgo(runId);
    await start(
      async () => ({ status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null }),
      "w12",
    );
    await waitFor(async () => (await status(tenantId, runId)).status === "SUCCEEDED");
  });

  it("releases a finished run's job left active by a dead worker, so the tenant's next run is taken", async () => {
    const tenantId = await insertConnectedTenant(db.sql);
    const [finished] = await db.dataSource.query(
      `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at, started_at, finished_at)
       VALUES ($1, 'MANUAL', 'FULL', 'SUCCEEDED', now() - interval '1 hour', now() - interval '1 hour',
               now() - interval '50 minutes') RETURNING id`,
      [tenantId],
    );
    const nextRunId = await staleQueuedRun(tenantId);
    await withBoss(async (boss) => {
      // The finished run's job was taken and never reported done; the next run's job waits behind it.
      await boss.send("sync", { tenantId, runId: finished.id }, { id: finished.id, singletonKey: tenantId });
      await boss.fetch("sync");
      await boss.send("sync", { tenantId, runId: nextRunId }, { id: nextRunId, singletonKey: tenantId });
    });
    await takenLongAgo(finished.id);
    await start(
      async () => ({ status: SyncRunStatus.SUCCEEDED, sources: [], stats: null, error: null }),
      "w13",
    );
    await waitFor(async () => (await status(tenantId, nextRunId)).status === "SUCCEEDED");
  });

  it("never runs two syncs of one tenant at once across two workers", async () => {
    const tenants = [await insertConnectedTenant(db.sql), await insertConnectedTenant(db.sql)];
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
    const tenantId = await insertConnectedTenant(db.sql);
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
    const tenantId = await insertConnectedTenant(db.sql);
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
    const tenantId = await insertConnectedTenant(db.sql);
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
