/** Tenant rows for the read path: one prepared statement instead of an ORM query per request. */
import type { Tenant } from "../../model/tenant.entity";
import type { SqlExecutor } from "./sql";

export type TenantRow = Pick<Tenant, "id" | "name" | "entraTenantId" | "createdAt" | "syncIntervalMinutes">;

export class TenantRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** The tenant by id; callers check visibility first. */
  async byId(id: string): Promise<TenantRow | null> {
    const rows = await this.db.rows<TenantRow>(
      `SELECT id, name, entra_tenant_id AS "entraTenantId", created_at AS "createdAt",
         sync_interval_minutes AS "syncIntervalMinutes" FROM tenant WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
