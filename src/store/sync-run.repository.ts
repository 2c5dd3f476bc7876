/**
 * Sync runs and the per-tenant schedule: the runs the API lists, and every state change the scheduler
 * makes. The partial unique indexes on `sync_run` (one QUEUED, one RUNNING per tenant) make each change
 * here safe across processes. A RUNNING run belongs to a live worker only while that worker holds its
 * lease (worker-lease.ts). pg-boss's own tables are never read here: its jobs are the scheduler's.
 */
import {
  IntegrationStatus,
  SyncRunStatus,
  type Cloud,
  type SyncMode,
  type SyncTrigger,
} from "../model/enums";
import type { SyncProgress, SyncRun, SyncSourceResult, SyncStats } from "../model/sync-run.entity";
import { compareEnum, Params, type SyncRunFilter } from "./filters";
import type { PageRequest, SortKey } from "./keyset";
import { fetchPage, type Page } from "./page";
import type { Sql } from "./sql";
import { withSyncOutcomeEvents } from "./webhook.repository";
import { LEASE_HELD } from "./worker-lease";

/** A run as the API and the scheduler read it. */
export type SyncRunRow = Omit<SyncRun, "createdAt" | "heartbeatAt" | "workerId">;

const SELECT = `r.tenant_id AS "tenantId", r.id, r.trigger, r.mode, r.status, r.queued_at AS "queuedAt",
  r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.sources, r.stats, r.progress, r.error`;

/** Newest first. */
const KEYS: SortKey[] = [
  { expr: "r.queued_at", kind: "timestamp", nullable: false, desc: true },
  { expr: "r.id", kind: "uuid", nullable: false, desc: true },
];

/** Set inside `progress` by `stop()`; the worker sees it at its next heartbeat. */
const CANCEL_FLAG = "cancelRequested";
const SCHEDULED_STATUSES = [IntegrationStatus.CONNECTED, IntegrationStatus.DEGRADED];

/** Whose Defender a tenant's sync reads. */
export interface SyncTarget {
  tenantId: string;
  entraTenantId: string;
  cloud: Cloud;
}

export interface RunOutcome {
  status: SyncRunStatus;
  sources: SyncSourceResult[];
  stats: SyncStats | null;
  error: string | null;
  /** When the run's inventory write committed (also the integration's lastSyncAt); else when recorded. */
  finishedAt?: Date;
}

/** How a tenant's recent syncs went, for when to sync it next. */
export interface SyncHistory {
  /** Newest consecutive runs that failed or found no device (cancelled runs are skipped). */
  unproductive: number;
  /** Whether any finished run ever found a device. */
  everProductive: boolean;
}

export class SyncRunRepository {
  constructor(private readonly db: Sql) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<SyncRunRow[]> {
    return this.db.rows(
      `SELECT ${SELECT} FROM sync_run r WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  async find(tenantId: string, id: string): Promise<SyncRunRow | null> {
    return (await this.byIds(tenantId, [id]))[0] ?? null;
  }

  /** The tenant's runs, newest first. */
  page(tenantId: string, request: PageRequest, filter?: SyncRunFilter | null): Promise<Page<SyncRunRow>> {
    const params = new Params();
    const where = [`r.tenant_id = ${params.add(tenantId)}`];
    if (filter?.status) where.push(...compareEnum("r.status", filter.status, params));
    if (filter?.trigger) where.push(...compareEnum("r.trigger", filter.trigger, params));
    return fetchPage(
      this.db,
      {
        select: SELECT,
        from: "sync_run r",
        where,
        params,
        keys: KEYS,
        fields: ["queuedAt", "id"],
      },
      request,
    );
  }

  /** The tenant's queued run, else its running one. */
  async active(tenantId: string): Promise<SyncRunRow | null> {
    const runs = await this.db.rows<SyncRunRow>(
      `SELECT ${SELECT} FROM sync_run r WHERE r.tenant_id = $1 AND r.status IN ('QUEUED', 'RUNNING')`,
      [tenantId],
    );
    return runs.find((r) => r.status === SyncRunStatus.QUEUED) ?? runs[0] ?? null;
  }

  /** The Entra tenant and cloud a sync reads from; null before admin consent bound one. */
  async target(tenantId: string): Promise<SyncTarget | null> {
    const rows: { entra_tenant_id: string; cloud: Cloud }[] = await this.db.rows(
      `SELECT t.entra_tenant_id, coalesce(i.cloud, 'PUBLIC') AS cloud
       FROM tenant t LEFT JOIN defender_integration i ON i.tenant_id = t.id
       WHERE t.id = $1 AND t.entra_tenant_id IS NOT NULL`,
      [tenantId],
    );
    return rows.length ? { tenantId, entraTenantId: rows[0].entra_tenant_id, cloud: rows[0].cloud } : null;
  }

  /** When the last SUCCEEDED run started: an incremental sync reads what changed since then. */
  async lastSucceededStart(tenantId: string): Promise<Date | null> {
    const rows: { started_at: Date | null }[] = await this.db.rows(
      `SELECT max(started_at) AS started_at FROM sync_run WHERE tenant_id = $1 AND status = 'SUCCEEDED'`,
      [tenantId],
    );
    return rows[0]?.started_at ?? null;
  }

  /** Inserts a QUEUED run unless the tenant has one (then null: the caller returns the existing one). */
  async createQueued(tenantId: string, mode: SyncMode, trigger: SyncTrigger): Promise<SyncRunRow | null> {
    const rows = await this.db.rows<SyncRunRow>(
      `INSERT INTO sync_run AS r (tenant_id, trigger, mode, status, queued_at)
       VALUES ($1, $2, $3, 'QUEUED', now())
       ON CONFLICT (tenant_id) WHERE status = 'QUEUED' DO NOTHING
       RETURNING ${SELECT}`,
      [tenantId, trigger, mode],
    );
    return rows[0] ?? null;
  }

  /**
   * The run QUEUED → RUNNING for this worker. Throws a unique violation when another live run of the
   * tenant is RUNNING (the job is retried later); null when the run is no longer queued (it was
   * cancelled or purged).
   */
  async claimQueued(tenantId: string, runId: string, workerId: string): Promise<SyncRunRow | null> {
    const rows = await this.db.rows<SyncRunRow>(
      `UPDATE sync_run r SET status = 'RUNNING', started_at = now(), heartbeat_at = now(), worker_id = $3,
              progress = '{"phase":"starting","rowsRead":0}'
       WHERE r.tenant_id = $1 AND r.id = $2 AND r.status = 'QUEUED'
       RETURNING ${SELECT}`,
      [tenantId, runId, workerId],
    );
    return rows[0] ?? null;
  }

  /**
   * Marks RUNNING runs of dead workers FAILED: the worker's lease is gone (its process ended), or it holds
   * its lease but its heartbeat is older than `staleMs` (it hangs).
   */
  async failAbandoned(staleMs: number, tenantId?: string): Promise<{ tenantId: string; id: string }[]> {
    const rows = await this.db.rows<{ tenant_id: string; id: string }>(
      `UPDATE sync_run r SET status = 'FAILED', finished_at = now(),
              error = CASE WHEN ${LEASE_HELD("r.worker_id")}
                THEN 'The worker running this sync stopped sending heartbeats (last at ' ||
                     to_char(r.heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') ||
                     '). Nothing of this run was written.'
                ELSE 'The worker running this sync is gone (its process ended, e.g. killed or restarted; last heartbeat at ' ||
                     to_char(r.heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') ||
                     '). Nothing of this run was written.' END
       WHERE r.status = 'RUNNING' AND ($2::uuid IS NULL OR r.tenant_id = $2)
         AND (NOT ${LEASE_HELD("r.worker_id")} OR r.heartbeat_at < now() - make_interval(secs => $1::float8 / 1000))
       RETURNING r.tenant_id, r.id`,
      [staleMs, tenantId ?? null],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id }));
  }

  /** Refreshes the heartbeat and progress; returns whether `stop()` asked the run to end. */
  async heartbeat(tenantId: string, id: string, progress: SyncProgress | null): Promise<boolean> {
    const rows = await this.db.rows<{ cancel: boolean }>(
      `UPDATE sync_run SET heartbeat_at = now(),
              progress = CASE WHEN $3::jsonb IS NULL THEN progress
                              ELSE $3::jsonb || CASE WHEN progress ? '${CANCEL_FLAG}'
                                                     THEN '{"${CANCEL_FLAG}":true}'::jsonb ELSE '{}' END END
       WHERE tenant_id = $1 AND id = $2 AND status = 'RUNNING'
       RETURNING coalesce(progress ? '${CANCEL_FLAG}', false) AS cancel`,
      [tenantId, id, progress === null ? null : JSON.stringify(progress)],
    );
    // A run no longer RUNNING was failed as abandoned by another worker: stop writing.
    return rows.length === 0 || rows[0].cancel;
  }

  async saveSources(tenantId: string, id: string, sources: SyncSourceResult[]): Promise<void> {
    await this.db.execute(`UPDATE sync_run SET sources = $3::jsonb WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
      JSON.stringify(sources),
    ]);
  }

  /** Records a run's outcome; a FAILED or PARTIAL one writes its webhook outbox rows in the same statement. */
  async finish(tenantId: string, id: string, outcome: RunOutcome): Promise<void> {
    await this.db.execute(
      withSyncOutcomeEvents(`UPDATE sync_run SET status = $3, finished_at = coalesce($7, now()), heartbeat_at = now(),
              sources = $4::jsonb, stats = $5::jsonb, error = $6, progress = jsonb_build_object('phase', 'done',
              'rowsRead', coalesce(($5::jsonb ->> 'rowsRead')::int, (progress ->> 'rowsRead')::int, 0))
       WHERE tenant_id = $1 AND id = $2 AND status = 'RUNNING'`),
      [
        tenantId,
        id,
        outcome.status,
        JSON.stringify(outcome.sources),
        outcome.stats === null ? null : JSON.stringify(outcome.stats),
        outcome.error,
        outcome.finishedAt?.toISOString() ?? null,
      ],
    );
  }

  /** Cancels the queued run and flags the running one to end at its next checkpoint; returns the cancelled ids. */
  async cancel(tenantId: string): Promise<string[]> {
    const cancelled = await this.db.rows<{ id: string }>(
      `UPDATE sync_run SET status = 'CANCELLED', finished_at = now(), error = 'Cancelled: sync stopped'
       WHERE tenant_id = $1 AND status = 'QUEUED' RETURNING id`,
      [tenantId],
    );
    await this.db.execute(
      `UPDATE sync_run SET progress = coalesce(progress, '{}') || '{"${CANCEL_FLAG}":true}'
       WHERE tenant_id = $1 AND status = 'RUNNING'`,
      [tenantId],
    );
    return cancelled.map((r) => r.id);
  }

  /** Tenants whose integration is connected and whose next sync is due at `now` (never scheduled counts as due). */
  async dueTenants(now: Date): Promise<string[]> {
    const rows: { tenant_id: string }[] = await this.db.rows(
      `SELECT tenant_id FROM defender_integration
       WHERE status = ANY($1::integration_status[]) AND (next_sync_at IS NULL OR next_sync_at <= $2)`,
      [SCHEDULED_STATUSES, now.toISOString()],
    );
    return rows.map((r) => r.tenant_id);
  }

  /** The tenant's recent outcomes: a run of failures (or of empty results) is retried sooner than the interval. */
  async history(tenantId: string): Promise<SyncHistory> {
    const rows: { unproductive: number; ever_productive: boolean }[] = await this.db.rows(
      `WITH finished AS (
         SELECT status = 'FAILED' OR (mode = 'FULL' AND coalesce((stats ->> 'devices')::int, 0) = 0) AS unproductive,
                row_number() OVER (ORDER BY finished_at DESC, id) AS n
         FROM sync_run
         WHERE tenant_id = $1 AND status IN ('SUCCEEDED', 'PARTIAL', 'FAILED') AND finished_at IS NOT NULL)
       SELECT coalesce((SELECT min(n) - 1 FROM finished WHERE NOT unproductive),
                       (SELECT count(*) FROM finished))::int AS unproductive,
              EXISTS (SELECT 1 FROM finished WHERE NOT unproductive) AS ever_productive`,
      [tenantId],
    );
    return { unproductive: rows[0].unproductive, everProductive: rows[0].ever_productive };
  }

  /** The tenant's interval: its override, else the default. */
  async intervalMinutes(tenantId: string, fallback: number): Promise<number> {
    const rows: { minutes: number | null }[] = await this.db.rows(
      `SELECT sync_interval_minutes AS minutes FROM tenant WHERE id = $1`,
      [tenantId],
    );
    return rows[0]?.minutes ?? fallback;
  }

  /**
   * Sets the next sync `delayMs` after `from` (the last sync, else `now`) while the integration is
   * scheduled; clears it otherwise.
   */
  async setNextSync(tenantId: string, delayMs: number, from: "now" | "lastSync", now: Date): Promise<void> {
    await this.db.execute(
      `UPDATE defender_integration
       SET next_sync_at = CASE WHEN status = ANY($3::integration_status[])
                               THEN ${from === "lastSync" ? "coalesce(last_sync_at, $4)" : "$4::timestamptz"}
                                    + make_interval(secs => $2::float8 / 1000)
                          END
       WHERE tenant_id = $1`,
      [tenantId, delayMs, SCHEDULED_STATUSES, now.toISOString()],
    );
  }

  async clearNextSync(tenantId: string): Promise<void> {
    await this.db.execute(`UPDATE defender_integration SET next_sync_at = NULL WHERE tenant_id = $1`, [
      tenantId,
    ]);
  }

  /** Runs waiting QUEUED for over a minute: their job may have been lost, or a dead worker holds it. */
  staleQueued(): Promise<{ tenantId: string; id: string }[]> {
    return this.db.rows(
      `SELECT tenant_id AS "tenantId", id FROM sync_run
       WHERE status = 'QUEUED' AND queued_at < now() - interval '1 minute'`,
    );
  }

  /** The tenant's run that a worker claimed last (the one whose job may still be active), if any. */
  async lastClaimed(tenantId: string): Promise<{ id: string; status: SyncRunStatus } | null> {
    const [row] = await this.db.rows<{ id: string; status: SyncRunStatus }>(
      `SELECT id, status FROM sync_run WHERE tenant_id = $1 AND started_at IS NOT NULL
       ORDER BY started_at DESC, id DESC LIMIT 1`,
      [tenantId],
    );
    return row ?? null;
  }
}
