/**
 * The sync scheduler and worker on pg-boss. Queue `sync` uses the `stately` policy with
 * `singletonKey = tenantId`: at most one queued and one active job per tenant across processes. The
 * `sync_run` row is the source of truth (its partial unique indexes allow one QUEUED and one RUNNING
 * run per tenant); a job only tells a worker "run this queued run", and its pg-boss id is the run's, so
 * a run's job is found through pg-boss's API (never its tables). The worker takes jobs in loops of its
 * own, so every pg-boss call is awaited and its failure handled; the loops pause while the database is
 * down and resume when it returns. Each worker holds a lease (store/worker-lease.ts): a run whose worker
 * is gone ends FAILED as soon as anyone looks, and its tenant is retried within minutes.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import PgBoss from "pg-boss";
import type { Logger } from "../config/logger";
import {
  installationsByStatus,
  syncDuration,
  syncLastSuccess,
  syncRowsRead,
  syncRuns,
  syncThrottledCalls,
} from "../config/metrics";
import { DatabaseHealth, isDatabaseUnavailable } from "../db/health";
import { SyncMode, SyncRunStatus, SyncTrigger } from "../model/enums";
import type { SyncProgress } from "../model/sync-run.entity";
import { ping, SyncFencedError, WorkerLease, type RunOutcome, type Store, type SyncRunRow } from "../store";
import { nextSync, progressWorthWriting } from "./pacing";
import type { SyncControl, TriggeredSync } from "./sync-control";

export const SYNC_QUEUE = "sync";
export const TICK_QUEUE = "sync-tick";
const BOSS_SCHEMA = "pgboss";
/** Abort reasons: `stop()` asked for it, the worker is shutting down, or the database went away. */
const CANCELLED = new Error("sync cancelled");
const SHUTDOWN = new Error("worker shutting down");
const DATABASE_LOST = new Error("database unreachable");

export interface ScheduleSettings {
  /** SYNC_INTERVAL_MINUTES: the default when the tenant has no override. */
  intervalMinutes: number;
  /** Fraction of the interval added or removed at random, so tenants do not all sync at once. */
  jitter?: number;
  /** Injected for tests. */
  random?: () => number;
  /** The clock the schedule (next_sync_at) runs on; injected for tests. */
  now?: () => Date;
}

export interface SyncControlOptions {
  /** On the worker's pool (no statement timeout). */
  store: Store;
  /** pg-boss keeps its own tables (schema `pgboss`) in the same database. */
  databaseUrl: string;
  logger: Logger;
  schedule: ScheduleSettings;
  /** A RUNNING run whose worker holds its lease but sent no heartbeat for this long is abandoned too. */
  abandonedAfterMs?: number;
}

/** What the worker hands a run to; tenant-sync.ts provides the real one. */
export type SyncExecutor = (run: SyncRunRow, context: RunContext) => Promise<RunOutcome>;

export interface RunContext {
  /** Aborted when the run is cancelled, abandoned, the database went away, or shutdown's grace ran out. */
  signal: AbortSignal;
  /** Records the phase and counts; written to the run at each phase and every few thousand rows. */
  progress(progress: SyncProgress): void;
}

export interface SyncWorkerOptions extends SyncControlOptions {
  execute: SyncExecutor;
  workerId?: string;
  /** The process's database health (the worker probes on its own when not given). */
  health?: DatabaseHealth;
  /** Tenants synced at once by this process. */
  concurrency?: number;
  heartbeatMs?: number;
  /** How long shutdown lets running syncs finish before aborting them. */
  shutdownGraceMs?: number;
  pollingIntervalSeconds?: number;
  /** Told when a run's outcome is recorded (demo start-up waits for the first sync with it). */
  onRunFinished?: (tenantId: string, status: SyncRunStatus) => void;
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

/** A job names the run it carries out; its pg-boss id is the run's id, so the run's job can be found. */
interface SyncJob {
  tenantId: string;
  runId: string;
}

/** A job taken this long ago with no running sync behind it was taken by a worker that is gone. */
const ORPHANED_AFTER_MS = 60_000;

function createBoss(url: string, logger: Logger, worker: boolean): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: 4,
    // Only workers maintain queues and fire cron schedules; API processes just send.
    supervise: worker,
    schedule: worker,
  });
  // While the database is away pg-boss's maintenance fails every few seconds; the outage itself is
  // reported once by the health check.
  boss.on("error", (err) => logger[isDatabaseUnavailable(err) ? "warn" : "error"]({ err }, "pg-boss error"));
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
  private readonly runs: Store["syncRuns"];
  readonly now: () => Date;
  readonly abandonedAfterMs: number;
  /** Called after a job is sent, so a worker in this process takes it without waiting for its poll. */
  onSent: () => void = () => undefined;

  constructor(
    private readonly boss: PgBoss,
    private readonly options: SyncControlOptions,
  ) {
    this.runs = options.store.syncRuns;
    this.now = options.schedule.now ?? (() => new Date());
    this.abandonedAfterMs = options.abandonedAfterMs ?? 120_000;
  }

  async trigger(tenantId: string, input: { mode: SyncMode; trigger: SyncTrigger }): Promise<TriggeredSync> {
    // A run whose worker is gone is never handed out as the one "already running".
    await this.recoverAbandoned(tenantId);
    const existing = await this.runs.active(tenantId);
    if (existing) {
      // Its job may have been lost (the database went away between the run's insert and the send).
      if (existing.status === SyncRunStatus.QUEUED) await this.ensureJob(existing);
      return { run: existing, alreadyRunning: true };
    }
    const run = await this.runs.createQueued(tenantId, input.mode, input.trigger);
    if (!run) {
      // Another process queued one between our read and insert.
      const raced = await this.runs.active(tenantId);
      if (raced) return { run: raced, alreadyRunning: true };
      return this.trigger(tenantId, input);
    }
    await this.enqueue(run);
    this.options.logger.info(
      { tenantId, runId: run.id, mode: run.mode, trigger: run.trigger },
      "sync queued",
    );
    return { run, alreadyRunning: false };
  }

  /** Sends the run's job (its id is the run's: a second send of it is a no-op). */
  private async enqueue(run: { tenantId: string; id: string }): Promise<void> {
    const job: SyncJob = { tenantId: run.tenantId, runId: run.id };
    await this.boss.send(SYNC_QUEUE, job, { id: run.id, singletonKey: run.tenantId });
    this.onSent();
  }

  /**
   * Makes sure a queued run has a job a worker can take: sends it if it was lost, retries it if its
   * claim failed, and takes it back from a worker that died between taking it and claiming the run.
   */
  private async ensureJob(run: { tenantId: string; id: string }): Promise<void> {
    const job = await this.boss.getJobById(SYNC_QUEUE, run.id);
    if (!job) return this.enqueue(run);
    if (job.state === "active" && this.startedLongAgo(job)) {
      this.options.logger.warn(
        { tenantId: run.tenantId, runId: run.id },
        "sync job of a dead worker released",
      );
      await this.boss.fail(SYNC_QUEUE, run.id, { reason: "worker died before claiming the run" });
    } else if (job.state !== "failed") return;
    await this.boss.retry(SYNC_QUEUE, run.id);
    this.onSent();
  }

  private startedLongAgo(job: { startedOn: Date | null }): boolean {
    return job.startedOn !== null && job.startedOn.getTime() < Date.now() - ORPHANED_AFTER_MS;
  }

  /**
   * Fails the job of the tenant's last claimed run if it is still active with no running sync behind it:
   * its worker died, or lost the database, before reporting the job done. Under `stately` it would keep
   * the tenant's next job waiting until it expires.
   */
  private async releaseFinishedJob(tenantId: string): Promise<void> {
    const last = await this.runs.lastClaimed(tenantId);
    if (!last || last.status === SyncRunStatus.RUNNING) return;
    const job = await this.boss.getJobById(SYNC_QUEUE, last.id);
    if (job?.state !== "active" || !this.startedLongAgo(job)) return;
    this.options.logger.warn({ tenantId, runId: last.id }, "sync job without a running sync released");
    await this.boss.fail(SYNC_QUEUE, last.id, { reason: "no running sync behind the job" });
  }

  async stop(tenantId: string): Promise<void> {
    const cancelled = await this.runs.cancel(tenantId);
    // The cancelled run's job is no longer needed: a new run's job need not wait behind it.
    if (cancelled.length) await this.boss.cancel(SYNC_QUEUE, cancelled);
    await this.runs.clearNextSync(tenantId);
    this.options.logger.info({ tenantId }, "sync stopped");
  }

  reschedule(tenantId: string): Promise<void> {
    return this.scheduleNext(tenantId);
  }

  /** Sets when the tenant syncs next from how its syncs went: its interval, or a retry within minutes. */
  async scheduleNext(tenantId: string): Promise<void> {
    const interval = await this.runs.intervalMinutes(tenantId, this.options.schedule.intervalMinutes);
    const next = nextSync(await this.runs.history(tenantId), interval);
    const delayMs = next.regular ? this.jittered(interval) : next.delayMinutes * 60_000;
    await this.runs.setNextSync(tenantId, delayMs, next.from, this.now());
  }

  /** The tenant's interval, jittered. */
  async intervalDelayMs(tenantId: string): Promise<number> {
    return this.jittered(await this.runs.intervalMinutes(tenantId, this.options.schedule.intervalMinutes));
  }

  private jittered(minutes: number): number {
    const { jitter = 0.1, random = Math.random } = this.options.schedule;
    return Math.round(minutes * 60_000 * (1 + jitter * (2 * random() - 1)));
  }

  /**
   * Fails the runs of dead workers (of one tenant, or all), fails their pg-boss jobs so their tenants
   * can sync again, and schedules each such tenant's retry. Without a tenant it also sees to runs left
   * queued for over a minute: their job is sent again if it was lost, and a job a dead worker left
   * active in front of it is released.
   */
  async recoverAbandoned(tenantId?: string): Promise<void> {
    for (const run of await this.runs.failAbandoned(this.abandonedAfterMs, tenantId)) {
      this.options.logger.warn(
        { tenantId: run.tenantId, runId: run.id },
        "sync of a dead worker marked FAILED",
      );
      await this.boss.fail(SYNC_QUEUE, run.id, { reason: "worker died" });
      await this.scheduleNext(run.tenantId);
    }
    if (tenantId) return;
    for (const queued of await this.runs.staleQueued()) {
      await this.releaseFinishedJob(queued.tenantId);
      await this.ensureJob(queued);
    }
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
  const pollingMs = (options.pollingIntervalSeconds ?? 2) * 1000;
  const runs = options.store.syncRuns;
  const ownHealth = options.health
    ? undefined
    : new DatabaseHealth({ probe: () => ping(options.store.sql), logger });
  const health = options.health ?? ownHealth!;
  ownHealth?.start();
  const lease = new WorkerLease(options.databaseUrl, workerId, logger);
  await lease.ensure();
  const boss = createBoss(options.databaseUrl, logger, true);
  await boss.start();
  await ensureQueues(boss);
  const control = new PgBossSyncControl(boss, {
    ...options,
    abandonedAfterMs: options.abandonedAfterMs ?? Math.max(8 * heartbeatMs, 120_000),
  });
  const inFlight = new Map<string, AbortController>();
  const halt = new AbortController();
  /** Sleeps that a new job or shutdown cut short. */
  let wake = new AbortController();
  control.onSent = () => {
    wake.abort();
    wake = new AbortController();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const signals = [halt.signal, wake.signal];
      const done = () => {
        clearTimeout(timer);
        for (const signal of signals) signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      for (const signal of signals) signal.addEventListener("abort", done);
    });
  const untilUp = async () => {
    if (health.isUp || halt.signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        halt.signal.removeEventListener("abort", done);
        resolve();
      };
      halt.signal.addEventListener("abort", done);
      void health.whenUp().then(done);
    });
  };

  // A sync cannot write without its database: it ends now, FAILED, and runs again once it is back.
  health.onDown(() => {
    for (const abort of inFlight.values()) if (!abort.signal.aborted) abort.abort(DATABASE_LOST);
  });

  /** A write that must land (a run's outcome, a job's completion): retried while the database is away. */
  const persist = async (what: string, log: Logger, write: () => Promise<unknown>): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await write();
        return;
      } catch (err) {
        if (!isDatabaseUnavailable(err) || halt.signal.aborted) {
          log.error({ err }, `${what} failed`);
          return;
        }
        if (attempt === 0) log.warn({ err }, `${what} waits for the database`);
        await untilUp();
        await pause(1_000);
      }
    }
  };

  const runJob = async ({ tenantId, runId }: SyncJob) => {
    await control.recoverAbandoned(tenantId);
    await lease.ensure();
    const run = await runs.claimQueued(tenantId, runId, workerId);
    if (!run) return;
    const abort = new AbortController();
    inFlight.set(tenantId, abort);
    const log = logger.child({ tenantId, runId: run.id, mode: run.mode });
    try {
      const started = process.hrtime.bigint();
      const outcome = await execute(run, abort, log);
      await persist("recording the sync's outcome", log, () => runs.finish(tenantId, run.id, outcome));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const installations = await options.store.installations
        .countByStatus(tenantId)
        .catch((err: unknown) => {
          log.warn({ err }, "counting installations for metrics failed");
          return [];
        });
      recordSyncMetrics(tenantId, { outcome, seconds, installations, now: control.now() });
      options.onRunFinished?.(tenantId, outcome.status);
      await options.store.installations
        .countByStatus(tenantId)
        .then((counts) => {
          for (const { status, count } of counts)
            installationsByStatus.set({ tenant_id: tenantId, status }, count);
        })
        .catch((err: unknown) => log.warn({ err }, "counting installations for metrics failed"));
      const level = outcome.status === SyncRunStatus.FAILED ? "warn" : "info";
      log[level]({ status: outcome.status, stats: outcome.stats, error: outcome.error }, "sync finished");
      // A sync cut short by shutdown is due again at once (another worker takes it); otherwise the next
      // sync follows how this one went: the interval, or a retry within minutes.
      await persist("scheduling the next sync", log, () =>
        abort.signal.reason === SHUTDOWN
          ? runs.setNextSync(tenantId, 0, "now", control.now())
          : control.scheduleNext(tenantId),
      );
    } finally {
      inFlight.delete(tenantId);
    }
  };

  /** Runs the sync with its heartbeat and progress writes; a failure becomes the run's outcome. */
  const execute = async (run: SyncRunRow, abort: AbortController, log: Logger): Promise<RunOutcome> => {
    let progress: SyncProgress | null = null;
    let written: { progress: SyncProgress | null; at: number } = { progress: null, at: 0 };
    let beating: Promise<void> | undefined;
    let beatAgain = false;
    const beat = () => {
      if (beating) return void (beatAgain = true);
      written = { progress, at: Date.now() };
      beating = runs
        .heartbeat(run.tenantId, run.id, progress)
        .then((cancel) => {
          if (cancel && !abort.signal.aborted) abort.abort(CANCELLED);
        })
        .catch((err: unknown) => log.warn({ err }, "heartbeat failed"))
        .finally(() => {
          beating = undefined;
          if (beatAgain) {
            beatAgain = false;
            beat();
          }
        });
    };
    const timer = setInterval(beat, heartbeatMs);
    log.info("sync started");
    try {
      return await options.execute(run, {
        signal: abort.signal,
        progress: (p) => {
          progress = p;
          if (progressWorthWriting(written.progress, p, Date.now() - written.at)) beat();
        },
      });
    } catch (error) {
      return {
        status: failedStatus(error, abort.signal),
        sources: [],
        stats: null,
        error: failure(error, abort.signal),
      };
    } finally {
      clearInterval(timer);
      await beating;
    }
  };

  const tick = async () => {
    await control.recoverAbandoned();
    for (const tenantId of await runs.dueTenants(control.now())) {
      const { run, alreadyRunning } = await control.trigger(tenantId, {
        mode: SyncMode.FULL,
        trigger: SyncTrigger.SCHEDULE,
      });
      // Stamp the next slot now, so the next tick does not pick the tenant again; the run's end (or
      // the recovery of a dead one) sets the real one.
      await runs.setNextSync(tenantId, await control.intervalDelayMs(tenantId), "now", control.now());
      if (!alreadyRunning) logger.debug({ tenantId, runId: run.id }, "scheduled sync queued");
    }
  };

  /** Takes jobs of `queue` one at a time until shutdown, pausing while the database is away. */
  const takeJobs = async (queue: string, handle: (job: PgBoss.Job<SyncJob>) => Promise<void>) => {
    while (!halt.signal.aborted) {
      await untilUp();
      if (halt.signal.aborted) return;
      // pg-boss's fetch answers [] when the database does not answer; the health check tells which.
      const [job] = await boss.fetch<SyncJob>(queue, { batchSize: 1 }).catch(() => []);
      if (!job) {
        await pause(pollingMs);
        continue;
      }
      let failed: unknown;
      try {
        await handle(job);
      } catch (err) {
        failed = err;
        logger.warn({ err, queue }, "sync job failed");
      }
      await persist(`reporting ${queue} job ${job.id}`, logger, () =>
        failed === undefined
          ? boss.complete(queue, job.id)
          : boss.fail(queue, job.id, { reason: String((failed as Error)?.message ?? failed) }),
      );
    }
  };

  await control.recoverAbandoned();
  const loops = [
    ...Array.from({ length: options.concurrency ?? 2 }, () =>
      takeJobs(SYNC_QUEUE, (job) => runJob(job.data)),
    ),
    takeJobs(TICK_QUEUE, () => tick()),
  ];
  await boss.schedule(TICK_QUEUE, options.tickCron ?? "* * * * *");
  logger.info({ workerId }, "sync worker started");

  return {
    control,
    tick,
    async stop() {
      halt.abort();
      const grace = options.shutdownGraceMs ?? 30_000;
      const deadline = Date.now() + grace;
      while (inFlight.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      for (const abort of inFlight.values()) if (!abort.signal.aborted) abort.abort(SHUTDOWN);
      await Promise.all(loops);
      await boss.stop({ graceful: false, wait: true });
      await lease.release();
      ownHealth?.stop();
      logger.info({ workerId }, "sync worker stopped");
    },
  };
}

/**
 * A finished run in /metrics, all at once (a scrape sees a run with its figures): its outcome and
 * duration, rows read and 429s per source, the last success, the tenant's installations by status.
 */
export function recordSyncMetrics(
  tenantId: string,
  run: {
    outcome: RunOutcome;
    seconds: number;
    installations: Array<{ status: string; count: number }>;
    now: Date;
  },
): void {
  const { outcome } = run;
  for (const { status, count } of run.installations) {
    installationsByStatus.set({ tenant_id: tenantId, status }, count);
  }
  for (const source of outcome.sources) {
    syncRowsRead.inc({ tenant_id: tenantId, source: source.source }, source.rowsRead);
    syncThrottledCalls.inc({ tenant_id: tenantId, source: source.source }, source.throttledCalls);
  }
  if (outcome.status === SyncRunStatus.SUCCEEDED) {
    syncLastSuccess.set({ tenant_id: tenantId }, (outcome.finishedAt ?? run.now).getTime() / 1000);
  }
  syncDuration.observe({ tenant_id: tenantId, status: outcome.status }, run.seconds);
  syncRuns.inc({ tenant_id: tenantId, status: outcome.status });
}

/** CANCELLED when the sync was stopped (or fenced off by a revocation); FAILED otherwise. */
function failedStatus(error: unknown, signal: AbortSignal): SyncRunStatus {
  return error instanceof SyncFencedError || signal.reason === CANCELLED
    ? SyncRunStatus.CANCELLED
    : SyncRunStatus.FAILED;
}

/** The run's error: why it ended early, in words an operator can act on. */
function failure(error: unknown, signal: AbortSignal): string {
  if (error instanceof SyncFencedError) return error.message;
  if (signal.reason === CANCELLED) return "Cancelled: sync stopped; nothing of this run was written";
  if (signal.reason === SHUTDOWN) return "Interrupted by worker shutdown; nothing of this run was written";
  if (signal.reason === DATABASE_LOST || isDatabaseUnavailable(error))
    return "The database became unreachable during the sync; nothing of this run was written. It runs again once the database is back";
  return `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
}
