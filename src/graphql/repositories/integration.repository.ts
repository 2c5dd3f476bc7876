/** Writes behind the integration mutations: schedule override, revocation, and the inventory purge. */
import type { DataSource, EntityManager } from "typeorm";
import { IntegrationStatus } from "../../model/enums";
import { enterRevocation } from "../../sync/fence";
import { bumpInventoryVersion } from "../../sync/inventory.repository";

/** Inventory tables in delete order (children first), each keyed by tenant_id. */
const INVENTORY_TABLES = [
  "installation_event",
  "installation",
  "device_user",
  "device",
  "user_account",
  "sync_run",
] as const;

export type PurgeCounts = Record<(typeof INVENTORY_TABLES)[number], number>;

export class IntegrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async status(tenantId: string): Promise<IntegrationStatus | null> {
    const rows: Array<{ status: IntegrationStatus }> = await this.dataSource.query(
      `SELECT status FROM defender_integration WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0]?.status ?? null;
  }

  async setSyncInterval(tenantId: string, minutes: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE tenant SET sync_interval_minutes = $2, updated_at = now() WHERE id = $1`,
      [tenantId, minutes],
    );
  }

  async syncInterval(tenantId: string): Promise<number | null> {
    const rows: Array<{ minutes: number | null }> = await this.dataSource.query(
      `SELECT sync_interval_minutes AS minutes FROM tenant WHERE id = $1`,
      [tenantId],
    );
    return rows[0]?.minutes ?? null;
  }

  /**
   * Marks the integration REVOKED and, when asked, deletes the tenant's whole inventory, in the caller's
   * transaction (so the audit event commits with it or not at all). A sync's write in progress finishes
   * first and is deleted with the rest; a later one sees the revocation and writes nothing.
   */
  async revoke(manager: EntityManager, tenantId: string, purge: boolean): Promise<PurgeCounts | null> {
    await enterRevocation(manager, tenantId);
    await manager.query(
      `UPDATE defender_integration SET status = $2, revoked_at = now(), next_sync_at = NULL, updated_at = now()
       WHERE tenant_id = $1`,
      [tenantId, IntegrationStatus.REVOKED],
    );
    if (!purge) return null;
    const counts = {} as PurgeCounts;
    for (const table of INVENTORY_TABLES) {
      const [, affected] = (await manager.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId])) as [
        unknown,
        number,
      ];
      counts[table] = affected;
    }
    await bumpInventoryVersion(manager, tenantId);
    return counts;
  }
}
