/**
 * The sync scheduler and worker on pg-boss. Queue `sync` uses the `stately` policy with
 * `singletonKey = tenantId`: at most one queued and one active job per tenant across processes. The
 * `sync_run` row is the source of truth (its partial unique indexes allow one QUEUED and one RUNNING
 * run per tenant); a job only tells a worker "run the tenant's queued sync".
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import PgBoss from "pg-boss";
import type { DataSource } from "typeorm";
import type { Logger } from "../config/logger";
import { SyncMode, SyncRunStatus, SyncTrigger } from "../model/enums";
import type { SyncProgress } from "../model/sync-run.entity";
import type { SyncRun } from "../model/sync-run.entity";
import type { SyncControl, TriggeredSync } from "./sync-control";
import { SyncRunRepository, type RunOutcome } from "./sync-run.repository";

export const SYNC_QUEUE = "sync";
export const TICK_QUEUE = "sync-tick";
const BOSS_SCHEMA = "pgboss";
/** Abort reasons: `stop()` asked for it, or the worker is shutting down. */
const CANCELLED = new Error("sync cancelled");
const SHUTDOWN = new Error("worker shutting down");

export interface ScheduleSettings {
  /** SYNC_INTERVAL_MINUTES: the default when the tenant has no override. */
  intervalMinutes: number;
  /** Fraction of the interval added or removed at random, so tenants do not all sync at once. */
  jitter?: number;
  /** Injected for tests. */
  random?: () => number;
}

export interface SyncControlOptions {
  dataSource: DataSource;
  /** pg-boss keeps its own tables (schema `pgboss`) in the same database. */
  databaseUrl: string;
  logger: Logger;
  schedule: ScheduleSettings;
}

/** What the worker hands a run to; tenant-sync.ts provides the real one. */
export type SyncExecutor = (run: SyncRun, context: RunContext) => Promise<RunOutcome>;

export interface RunContext {
  /** Aborted when the run is cancelled, abandoned, or the worker's shutdown grace ran out. */
  signal: AbortSignal;
  /** Records the phase and counts; written to the run with the next heartbeat. */
  progress(progress: SyncProgress): void;
}

export interface SyncWorkerOptions extends SyncControlOptions {
  execute: SyncExecutor;
  workerId?: string;
  /** Tenants synced at once by this process. */
  concurrency?: number;
  heartbeatMs?: number;
  /** A RUNNING run whose heartbeat is older than this belongs to a dead worker. */
  abandonedAfterMs?: number;
  /** How long shutdown lets running syncs finish before aborting them. */
  shutdownGraceMs?: number;
  pollingIntervalSeconds?: number;
  /** The fan-out tick's cron (default each minute). */
  tickCron?: string;
}

export interface ClosableSyncControl extends SyncControl {
  close(): Promise<void>;
}

export interface SyncWorker {
  control: SyncControl;
  /** Runs one scheduling tick now (the cron runs it each minute): abandoned runs, due tenants. */
  tick(): Promise<void>;
  /** Stops taking jobs, lets running syncs finish (bounded), then aborts what is left. */
  stop(): Promise<void>;
}

interface SyncJob {
  tenantId: string;
}

function createBoss(url: string, logger: Logger, worker: boolean): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: 4,
    // Only workers maintain queues and fire cron schedules; API processes just send.
    supervise: worker,
    schedule: worker,
  });
  boss.on("error", (err) => logger.error({ err }, "pg-boss error"));
  return boss;
}

async function ensureQueues(boss: PgBoss): Promise<void> {
  // A sync can legitimately run for hours under Defender's rate limits; a dead worker's job is
  // failed by the abandoned-run check, not by expiry.
  await boss.createQueue(SYNC_QUEUE, {
    name: SYNC_QUEUE,
    policy: "stately",
    expireInHours: 12,
    retryLimit: 0,
  });
  await boss.createQueue(TICK_QUEUE, {
    name: TICK_QUEUE,
    policy: "singleton",
    expireInMinutes: 5,
    retryLimit: 0,
  });
}

class PgBossSyncControl implements ClosableSyncControl {
  private readonly runs: SyncRunRepository;

  constructor(
    private readonly boss: PgBoss,
    private readonly options: SyncControlOptions,
  ) {
    this.runs = new SyncRunRepository(options.dataSource);
  }

  async trigger(tenantId: string, input: { mode: SyncMode; trigger: SyncTrigger }): Promise<TriggeredSync> {
    const existing = await this.runs.active(tenantId);
    if (existing) return { run: existing, alreadyRunning: true };
    const run = await this.runs.createQueued(tenantId, input.mode, input.trigger);
    if (!run) {
      // Another process queued one between our read and insert.
      const raced = await this.runs.active(tenantId);
      if (raced) return { run: raced, alreadyRunning: true };
      return this.trigger(tenantId, input);
    }
    // null = pg-boss already holds a queued job for the tenant; that job will claim this run.
    await this.boss.send(SYNC_QUEUE, { tenantId } satisfies SyncJob, { singletonKey: tenantId });
    this.options.logger.info(
      { tenantId, runId: run.id, mode: run.mode, trigger: run.trigger },
      "sync queued",
    );
    return { run, alreadyRunning: false };
  }

  async stop(tenantId: string): Promise<void> {
    await this.runs.cancel(tenantId);
    await this.runs.clearNextSync(tenantId);
    this.options.logger.info({ tenantId }, "sync stopped");
  }

  async reschedule(tenantId: string): Promise<void> {
    await this.runs.setNextSync(tenantId, await this.nextDelayMs(tenantId), "lastSync");
  }

  /** The tenant's interval, jittered. */
  async nextDelayMs(tenantId: string): Promise<number> {
    const { intervalMinutes, jitter = 0.1, random = Math.random } = this.options.schedule;
    const minutes = await this.runs.intervalMinutes(tenantId, intervalMinutes);
    return Math.round(minutes * 60_000 * (1 + jitter * (2 * random() - 1)));
  }

  close(): Promise<void> {
    return this.boss.stop({ graceful: false, wait: true });
  }
}

/** SyncControl for processes that only serve the API (no worker): it enqueues, never runs. */
export async function createSyncControl(options: SyncControlOptions): Promise<ClosableSyncControl> {
  const boss = createBoss(options.databaseUrl, options.logger, false);
  await boss.start();
  await ensureQueues(boss);
  return new PgBossSyncControl(boss, options);
}

export async function runSyncWorker(options: SyncWorkerOptions): Promise<SyncWorker> {
  const logger = options.logger.child({ component: "sync-worker" });
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const abandonedAfterMs = options.abandonedAfterMs ?? Math.max(8 * heartbeatMs, 120_000);
  const runs = new SyncRunRepository(options.dataSource);
  const boss = createBoss(options.databaseUrl, logger, true);
  await boss.start();
  await ensureQueues(boss);
  const control = new PgBossSyncControl(boss, options);
  const inFlight = new Map<string, AbortController>();

  /** Fails abandoned runs and releases their pg-boss jobs, so the tenant can sync again. */
  const recoverAbandoned = async (tenantId?: string) => {
    for (const run of await runs.failAbandoned(abandonedAfterMs, tenantId)) {
      logger.warn({ tenantId: run.tenantId, runId: run.id }, "abandoned sync marked FAILED");
      const jobs = await runs.activeJobIds(BOSS_SCHEMA, SYNC_QUEUE, run.tenantId);
      for (const job of jobs) await boss.fail(SYNC_QUEUE, job, { reason: "worker died" });
    }
  };

  const runJob = async (tenantId: string) => {
    await recoverAbandoned(tenantId);
    const run = await runs.claimQueued(tenantId, workerId);
    if (!run) return;
    const abort = new AbortController();
    inFlight.set(tenantId, abort);
    const log = logger.child({ tenantId, runId: run.id, mode: run.mode });
    let progress: SyncProgress | null = null;
    const beat = async () => {
      const cancel = await runs.heartbeat(tenantId, run.id, progress);
      if (cancel && !abort.signal.aborted) abort.abort(CANCELLED);
    };
    const timer = setInterval(
      () => void beat().catch((err: unknown) => log.warn({ err }, "heartbeat failed")),
      heartbeatMs,
    );
    log.info("sync started");
    try {
      const outcome = await options.execute(run, {
        signal: abort.signal,
        progress: (p) => {
          progress = p;
          log.debug({ progress: p }, "sync progress");
        },
      });
      await runs.finish(tenantId, run.id, outcome);
      log.info({ status: outcome.status, stats: outcome.stats, error: outcome.error }, "sync finished");
    } catch (error) {
      const cancelled = abort.signal.reason === CANCELLED;
      const status = cancelled ? SyncRunStatus.CANCELLED : SyncRunStatus.FAILED;
      const message = cancelled
        ? "Cancelled: sync stopped; nothing of this run was written"
        : abort.signal.aborted
          ? "Interrupted by worker shutdown; nothing of this run was written"
          : `Sync failed: ${(error as Error).message}`;
      await runs.finish(tenantId, run.id, { status, sources: [], stats: null, error: message });
      log[cancelled ? "info" : "error"]({ err: error, status }, "sync ended early");
    } finally {
      clearInterval(timer);
      inFlight.delete(tenantId);
      // A sync cut short by shutdown is due again at once (another worker takes it); otherwise the
      // interval runs from now, so a tenant whose syncs keep failing is not retried every minute.
      const interrupted = abort.signal.reason === SHUTDOWN;
      await runs.setNextSync(tenantId, interrupted ? 0 : await control.nextDelayMs(tenantId), "now");
    }
  };

  const tick = async () => {
    await recoverAbandoned();
    for (const tenantId of await runs.dueTenants()) {
      const { run, alreadyRunning } = await control.trigger(tenantId, {
        mode: SyncMode.FULL,
        trigger: SyncTrigger.SCHEDULE,
      });
      // Stamp the next slot now, so the next tick does not pick the tenant again.
      await runs.setNextSync(tenantId, await control.nextDelayMs(tenantId), "now");
      if (!alreadyRunning) logger.debug({ tenantId, runId: run.id }, "scheduled sync queued");
    }
  };

  await recoverAbandoned();
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const workIds: string[] = [];
  for (let i = 0; i < (options.concurrency ?? 2); i++) {
    workIds.push(
      await boss.work<SyncJob>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) =>
        runJob(job.data.tenantId),
      ),
    );
  }
  workIds.push(await boss.work(TICK_QUEUE, { batchSize: 1, pollingIntervalSeconds }, () => tick()));
  await boss.schedule(TICK_QUEUE, options.tickCron ?? "* * * * *");
  logger.info({ workerId }, "sync worker started");

  return {
    control,
    tick,
    async stop() {
      for (const id of workIds) await boss.offWork({ id });
      const grace = options.shutdownGraceMs ?? 30_000;
      const deadline = Date.now() + grace;
      while (inFlight.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      for (const abort of inFlight.values()) abort.abort(SHUTDOWN);
      while (inFlight.size) await new Promise((r) => setTimeout(r, 50));
      await boss.stop({ graceful: false, wait: true });
      logger.info({ workerId }, "sync worker stopped");
    },
  };
}
