/**
 * SQL for sync runs and the per-tenant schedule. The partial unique indexes on `sync_run` (one QUEUED,
 * one RUNNING per tenant) make every state change here safe across processes. A RUNNING run belongs
 * to a live worker only while that worker holds its lease (see worker-lease.ts).
 */
import type { DataSource } from "typeorm";
import {
  IntegrationStatus,
  SyncRunStatus,
  type Cloud,
  type SyncMode,
  type SyncTrigger,
} from "../model/enums";
import { SyncRun, type SyncProgress, type SyncSourceResult, type SyncStats } from "../model/sync-run.entity";
import { LEASE_HELD } from "./worker-lease";

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
  constructor(private readonly db: DataSource) {}

  find(tenantId: string, id: string): Promise<SyncRun | null> {
    return this.db.getRepository(SyncRun).findOneBy({ tenantId, id });
  }

  /** The tenant's queued run, else its running one. */
  async active(tenantId: string): Promise<SyncRun | null> {
    const runs = await this.db
      .getRepository(SyncRun)
      .createQueryBuilder("run")
      .where("run.tenant_id = :tenantId AND run.status IN (:...statuses)", {
        tenantId,
        statuses: [SyncRunStatus.QUEUED, SyncRunStatus.RUNNING],
      })
      .getMany();
    return runs.find((r) => r.status === SyncRunStatus.QUEUED) ?? runs[0] ?? null;
  }

  /** The Entra tenant and cloud a sync reads from; null before admin consent bound one. */
  async target(tenantId: string): Promise<SyncTarget | null> {
    const rows: { entra_tenant_id: string; cloud: Cloud }[] = await this.db.query(
      `SELECT t.entra_tenant_id, coalesce(i.cloud, 'PUBLIC') AS cloud
       FROM tenant t LEFT JOIN defender_integration i ON i.tenant_id = t.id
       WHERE t.id = $1 AND t.entra_tenant_id IS NOT NULL`,
      [tenantId],
    );
    return rows.length ? { tenantId, entraTenantId: rows[0].entra_tenant_id, cloud: rows[0].cloud } : null;
  }

  /** When the last SUCCEEDED run started: an incremental sync reads what changed since then. */
  async lastSucceededStart(tenantId: string): Promise<Date | null> {
    const rows: { started_at: Date | null }[] = await this.db.query(
      `SELECT max(started_at) AS started_at FROM sync_run WHERE tenant_id = $1 AND status = 'SUCCEEDED'`,
      [tenantId],
    );
    return rows[0]?.started_at ?? null;
  }

  /** Inserts a QUEUED run unless the tenant has one (then null: the caller returns the existing one). */
  async createQueued(tenantId: string, mode: SyncMode, trigger: SyncTrigger): Promise<SyncRun | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at)
       VALUES ($1, $2, $3, 'QUEUED', now())
       ON CONFLICT (tenant_id) WHERE status = 'QUEUED' DO NOTHING
       RETURNING id`,
      [tenantId, trigger, mode],
    );
    return rows.length ? this.find(tenantId, rows[0].id) : null;
  }

  /**
   * QUEUED → RUNNING for this worker. Throws a unique violation when another live run of the tenant
   * is RUNNING (the job is retried later); null when nothing is queued.
   */
  async claimQueued(tenantId: string, workerId: string): Promise<SyncRun | null> {
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE sync_run SET status = 'RUNNING', started_at = now(), heartbeat_at = now(), worker_id = $2,
              progress = '{"phase":"starting","rowsRead":0}'
       WHERE tenant_id = $1 AND status = 'QUEUED'
       RETURNING id`,
      [tenantId, workerId],
    );
    return rows.length ? this.find(tenantId, rows[0].id) : null;
  }

  /**
   * Marks RUNNING runs of dead workers FAILED: the worker's lease is gone (its process ended), or it holds
   * its lease but its heartbeat is older than `staleMs` (it hangs).
   */
  async failAbandoned(staleMs: number, tenantId?: string): Promise<{ tenantId: string; id: string }[]> {
    const [rows]: [{ tenant_id: string; id: string }[], number] = await this.db.query(
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
    const [rows]: [{ cancel: boolean }[], number] = await this.db.query(
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
    await this.db.query(`UPDATE sync_run SET sources = $3::jsonb WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
      JSON.stringify(sources),
    ]);
  }

  async finish(tenantId: string, id: string, outcome: RunOutcome): Promise<void> {
    await this.db.query(
      `UPDATE sync_run SET status = $3, finished_at = coalesce($7, now()), heartbeat_at = now(), sources = $4::jsonb,
              stats = $5::jsonb, error = $6, progress = jsonb_build_object('phase', 'done', 'rowsRead',
              coalesce(($5::jsonb ->> 'rowsRead')::int, (progress ->> 'rowsRead')::int, 0))
       WHERE tenant_id = $1 AND id = $2 AND status = 'RUNNING'`,
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

  /** Cancels the queued run and flags the running one to end at its next checkpoint. */
  async cancel(tenantId: string): Promise<void> {
    await this.db.query(
      `UPDATE sync_run SET status = 'CANCELLED', finished_at = now(), error = 'Cancelled: sync stopped'
       WHERE tenant_id = $1 AND status = 'QUEUED'`,
      [tenantId],
    );
    await this.db.query(
      `UPDATE sync_run SET progress = coalesce(progress, '{}') || '{"${CANCEL_FLAG}":true}'
       WHERE tenant_id = $1 AND status = 'RUNNING'`,
      [tenantId],
    );
  }

  /** Tenants whose integration is connected and whose next sync is due at `now` (never scheduled counts as due). */
  async dueTenants(now: Date): Promise<string[]> {
    const rows: { tenant_id: string }[] = await this.db.query(
      `SELECT tenant_id FROM defender_integration
       WHERE status = ANY($1::integration_status[]) AND (next_sync_at IS NULL OR next_sync_at <= $2)`,
      [SCHEDULED_STATUSES, now.toISOString()],
    );
    return rows.map((r) => r.tenant_id);
  }

  /** The tenant's recent outcomes: a run of failures (or of empty results) is retried sooner than the interval. */
  async history(tenantId: string): Promise<SyncHistory> {
    const rows: { unproductive: number; ever_productive: boolean }[] = await this.db.query(
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
    const rows: { minutes: number | null }[] = await this.db.query(
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
    await this.db.query(
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
    await this.db.query(`UPDATE defender_integration SET next_sync_at = NULL WHERE tenant_id = $1`, [
      tenantId,
    ]);
  }

  /**
   * pg-boss ids of the tenant's jobs still active in `queue`: a dead worker's job stays active until
   * it expires, and under the `stately` policy it would hold the tenant's slot until then.
   */
  async activeJobIds(schema: string, queue: string, tenantId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM "${schema}".job WHERE name = $1 AND state = 'active' AND singleton_key = $2`,
      [queue, tenantId],
    );
    return rows.map((r) => r.id);
  }

  /** Tenants whose run has waited QUEUED for over a minute: its job may have been lost with the database. */
  async staleQueuedTenants(): Promise<string[]> {
    const rows: { tenant_id: string }[] = await this.db.query(
      `SELECT tenant_id FROM sync_run WHERE status = 'QUEUED' AND queued_at < now() - interval '1 minute'`,
    );
    return rows.map((r) => r.tenant_id);
  }

  /**
   * Active jobs in `queue` that no RUNNING run stands behind for a minute: their worker died between
   * taking the job and claiming the run, or could not report the job done (its database was gone).
   */
  async orphanedJobIds(schema: string, queue: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT j.id FROM "${schema}".job j
       WHERE j.name = $1 AND j.state = 'active' AND j.started_on < now() - interval '1 minute'
         AND NOT EXISTS (SELECT 1 FROM sync_run r WHERE r.tenant_id::text = j.singleton_key AND r.status = 'RUNNING')`,
      [queue],
    );
    return rows.map((r) => r.id);
  }
}
