/** Sync runs of a tenant, newest first. */
import type { SyncRun } from "../../model/sync-run.entity";
import type { PageRequest } from "../relay";
import { fetchPage, type Page } from "./page";
import { Params, type SortKey, type SqlExecutor } from "./sql";

export type SyncRunRow = Omit<SyncRun, "createdAt" | "heartbeatAt" | "workerId">;

const SELECT = `r.tenant_id AS "tenantId", r.id, r.trigger, r.mode, r.status, r.queued_at AS "queuedAt",
  r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.sources, r.stats, r.progress, r.error`;

const KEYS: SortKey[] = [
  { expr: "r.queued_at", kind: "timestamp", nullable: false, desc: true },
  { expr: "r.id", kind: "uuid", nullable: false, desc: true },
];

export class SyncRunRepository {
  constructor(private readonly db: SqlExecutor) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<SyncRunRow[]> {
    return this.db.rows(
      `SELECT ${SELECT} FROM sync_run r WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  page(tenantId: string, request: PageRequest): Promise<Page<SyncRunRow>> {
    const params = new Params();
    return fetchPage(
      this.db,
      {
        select: SELECT,
        from: "sync_run r",
        where: [`r.tenant_id = ${params.add(tenantId)}`],
        params,
        keys: KEYS,
        fields: ["queuedAt", "id"],
      },
      request,
    );
  }
}
