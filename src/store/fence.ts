/**
 * The fence between a sync's write and a revocation. Both take the tenant's inventory lock inside their
 * transaction, a sync shared and a revocation exclusive: a purge either waits for a write in progress and
 * then deletes what it wrote, or commits first, and the write, seeing the integration revoked or its run
 * gone or cancelled, writes nothing. A revoked integration is never written by a sync.
 */
import { IntegrationStatus } from "../model/enums";
import type { Sql } from "./sql";

/** First key of the per-tenant inventory lock; the second is `hashtext(tenant id)`. */
const INVENTORY_LOCK_CLASS = 0x4149_4e56;

/** Integration states a sync may not write under: nothing consented, or consent withdrawn. */
const UNWRITABLE = new Set<string>([
  IntegrationStatus.NOT_CONNECTED,
  IntegrationStatus.PENDING_CONSENT,
  IntegrationStatus.REVOKED,
]);

/** Why a sync's write was refused; the run ends CANCELLED with this message. */
export class SyncFencedError extends Error {
  constructor(reason: string) {
    super(`Cancelled: ${reason}; nothing of this run was written`);
    this.name = "SyncFencedError";
  }
}

/**
 * Call first in a sync's write transaction: waits for a revocation in progress, then throws
 * SyncFencedError unless the integration may still be synced and the run is still this worker's.
 */
export async function enterSyncWrite(tx: Sql, tenantId: string, runId: string): Promise<void> {
  await tx.rows(`SELECT pg_advisory_xact_lock_shared($1, hashtext($2::text))`, [
    INVENTORY_LOCK_CLASS,
    tenantId,
  ]);
  const rows = await tx.rows<{ integration: string | null; run: string | null; cancel: boolean | null }>(
    `SELECT (SELECT status::text FROM defender_integration WHERE tenant_id = $1) AS integration,
            r.status::text AS run, r.progress ? 'cancelRequested' AS cancel
     FROM (SELECT 1) one LEFT JOIN sync_run r ON r.tenant_id = $1 AND r.id = $2`,
    [tenantId, runId],
  );
  const [{ integration, run, cancel }] = rows;
  if (!integration || UNWRITABLE.has(integration))
    throw new SyncFencedError(`the integration is ${integration ?? "gone"}`);
  if (run !== "RUNNING") throw new SyncFencedError(run ? `the run is already ${run}` : "the run was purged");
  if (cancel) throw new SyncFencedError("the sync was stopped");
}

/** Call first in a revocation's transaction: waits for a sync's write in progress to commit. */
export async function enterRevocation(tx: Sql, tenantId: string): Promise<void> {
  await tx.rows(`SELECT pg_advisory_xact_lock($1, hashtext($2::text))`, [INVENTORY_LOCK_CLASS, tenantId]);
}
