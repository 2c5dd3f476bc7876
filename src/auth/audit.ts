/** Writes audit events: who (API key) did what to which tenant, with the request id. */
import type { EntityManager } from "typeorm";
import { AuditEvent } from "../model/audit-event.entity";

export interface AuditEntry {
  tenantId: string | null;
  actorKeyId: string | null;
  action: string;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

export async function writeAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  const event = manager.create(AuditEvent, {
    tenantId: entry.tenantId,
    actorKeyId: entry.actorKeyId,
    action: entry.action,
    details: entry.details ?? {},
    requestId: entry.requestId ?? null,
  });
  await manager.save(event);
}
