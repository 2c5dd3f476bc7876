/** Audit events: who (API key) did what to which tenant, with the request id. Kept through a purge. */
import type { Sql } from "./sql";

export interface AuditEntry {
  tenantId: string | null;
  actorKeyId: string | null;
  action: string;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

export class AuditRepository {
  constructor(private readonly db: Sql) {}

  async write(entry: AuditEntry): Promise<void> {
    await this.db.execute(
      `INSERT INTO audit_event (tenant_id, actor_key_id, action, details, request_id) VALUES ($1, $2, $3, $4, $5)`,
      [
        entry.tenantId,
        entry.actorKeyId,
        entry.action,
        JSON.stringify(entry.details ?? {}),
        entry.requestId ?? null,
      ],
    );
  }
}
