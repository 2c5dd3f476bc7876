/** Audit events: who (API key) did what to which tenant, with the request id. Kept through a purge. */
import { compareDateTime, compareString, Params, type AuditEventFilter } from "./filters";
import type { PageRequest, SortKey } from "./keyset";
import { fetchPage, type Page } from "./page";
import type { Sql } from "./sql";

export interface AuditEntry {
  tenantId: string | null;
  actorKeyId: string | null;
  action: string;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/** An audit event as the API reads it, with the tenant of the key that acted (part of the key's ID). */
export interface AuditEventRow {
  id: string;
  tenantId: string;
  actorKeyId: string | null;
  actorKeyTenantId: string | null;
  action: string;
  details: Record<string, unknown>;
  requestId: string | null;
  occurredAt: Date;
}

const SELECT = `e.id, e.tenant_id AS "tenantId", e.actor_key_id AS "actorKeyId",
  (SELECT k.tenant_id FROM api_key k WHERE k.id = e.actor_key_id) AS "actorKeyTenantId",
  e.action, e.details, e.request_id AS "requestId", e.occurred_at AS "occurredAt"`;

/** Newest first: audit_event_tenant_time_idx (tenant_id, occurred_at, id) read backwards. */
const KEYS: SortKey[] = [
  { expr: "e.occurred_at", kind: "timestamp", nullable: false, desc: true },
  { expr: "e.id", kind: "uuid", nullable: false, desc: true },
];

function filterFields(f: AuditEventFilter, p: Params): string[] {
  const out: string[] = [];
  if (f.actorKeyId !== undefined) {
    out.push(f.actorKeyId === null ? "FALSE" : `e.actor_key_id = ${p.add(f.actorKeyId)}::uuid`);
  }
  if (f.action) out.push(...compareString("e.action", f.action, p));
  if (f.occurredAt) out.push(...compareDateTime("e.occurred_at", f.occurredAt, p));
  return out;
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

  /** The tenant's audit events, newest first. */
  page(
    tenantId: string,
    request: PageRequest,
    filter?: AuditEventFilter | null,
  ): Promise<Page<AuditEventRow>> {
    const params = new Params();
    const where = [`e.tenant_id = ${params.add(tenantId)}`];
    if (filter) where.push(...filterFields(filter, params));
    return fetchPage(
      this.db,
      { select: SELECT, from: "audit_event e", where, params, keys: KEYS, fields: ["occurredAt", "id"] },
      request,
    );
  }
}
