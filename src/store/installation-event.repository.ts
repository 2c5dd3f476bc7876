/** The change feed: installation events of a tenant in `seq` order. */
import type { InstallationEvent } from "../model/installation-event.entity";
import { Params } from "./filters";
import type { PageRequest } from "./keyset";
import { fetchPage, type Page } from "./page";
import type { Sql } from "./sql";

export type InstallationEventRow = InstallationEvent;

const SELECT = `e.tenant_id AS "tenantId", e.id, e.seq::text AS seq, e.installation_id AS "installationId",
  e.type, e.from_version AS "fromVersion", e.to_version AS "toVersion", e.occurred_at AS "occurredAt",
  e.sync_run_id AS "syncRunId"`;

export class InstallationEventRepository {
  constructor(private readonly db: Sql) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<InstallationEventRow[]> {
    return this.db.rows(
      `SELECT ${SELECT} FROM installation_event e WHERE e.tenant_id = $1 AND e.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  /** Events after (or, walking backwards, before) the cursor's seq, optionally only those that occurred since a time. */
  feed(tenantId: string, since: Date | null, request: PageRequest): Promise<Page<InstallationEventRow>> {
    const params = new Params();
    const where = [`e.tenant_id = ${params.add(tenantId)}`];
    if (since) where.push(`e.occurred_at >= ${params.add(since)}`);
    return fetchPage(
      this.db,
      {
        select: SELECT,
        from: "installation_event e",
        where,
        params,
        // seq is a bigint: compared as text it would sort wrongly, so the key casts the cursor to bigint.
        keys: [{ expr: "e.seq", kind: "bigint", nullable: false, desc: false }],
        fields: ["seq"],
      },
      request,
    );
  }
}
