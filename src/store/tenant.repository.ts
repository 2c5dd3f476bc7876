/** Tenants: by id (one prepared statement per request), by directory or name, keyset pages, creation. */
import type { Tenant } from "../model/tenant.entity";
import { compareEnum, compareString, Params, type TenantFilter } from "./filters";
import type { PageRequest, SortKey } from "./keyset";
import { fetchPage, type Page } from "./page";
import type { Sql } from "./sql";

export type TenantRow = Pick<Tenant, "id" | "name" | "entraTenantId" | "createdAt" | "syncIntervalMinutes">;

const SELECT = `t.id, t.name, t.entra_tenant_id AS "entraTenantId", t.created_at AS "createdAt",
  t.sync_interval_minutes AS "syncIntervalMinutes"`;

/** Oldest first. */
const KEYS: SortKey[] = [
  { expr: "t.created_at", kind: "timestamp", nullable: false, desc: false },
  { expr: "t.id", kind: "uuid", nullable: false, desc: false },
];

export class TenantRepository {
  constructor(private readonly db: Sql) {}

  /** The tenant by id; callers check visibility first. */
  async byId(id: string): Promise<TenantRow | null> {
    const [row] = await this.db.rows<TenantRow>(`SELECT ${SELECT} FROM tenant t WHERE t.id = $1`, [id]);
    return row ?? null;
  }

  /** The tenant an Entra directory is bound to, if any. */
  async byEntraTenantId(entraTenantId: string): Promise<TenantRow | null> {
    const [row] = await this.db.rows<TenantRow>(
      `SELECT ${SELECT} FROM tenant t WHERE t.entra_tenant_id = $1`,
      [entraTenantId],
    );
    return row ?? null;
  }

  async byName(name: string): Promise<TenantRow | null> {
    const [row] = await this.db.rows<TenantRow>(
      `SELECT ${SELECT} FROM tenant t WHERE t.name = $1 ORDER BY t.created_at, t.id LIMIT 1`,
      [name],
    );
    return row ?? null;
  }

  /**
   * Tenants by (createdAt, id): all of them, or with `only` just that one (a tenant key sees its own
   * tenant alone; null matches none).
   */
  page(request: PageRequest, only?: string | null, filter?: TenantFilter | null): Promise<Page<TenantRow>> {
    const params = new Params();
    const where = only === undefined ? ["TRUE"] : [`t.id = ${params.add(only)}`];
    if (filter?.nameContains != null)
      where.push(...compareString("t.name", { containsIgnoreCase: filter.nameContains }, params));
    if (filter?.status) {
      const status = compareEnum("di.status", filter.status, params);
      if (status.length) {
        where.push(
          `EXISTS (SELECT 1 FROM defender_integration di WHERE di.tenant_id = t.id AND ${status.join(" AND ")})`,
        );
      }
    }
    return fetchPage(
      this.db,
      {
        select: SELECT,
        from: "tenant t",
        where,
        params,
        keys: KEYS,
        fields: ["createdAt", "id"],
      },
      request,
    );
  }

  /** A tenant with its (not yet connected) Defender integration, in one transaction. */
  create(name: string, entraTenantId: string | null = null): Promise<TenantRow> {
    return this.db.transaction(async (tx) => {
      const [tenant] = await tx.rows<TenantRow>(
        `INSERT INTO tenant AS t (name, entra_tenant_id) VALUES ($1, $2) RETURNING ${SELECT}`,
        [name, entraTenantId],
      );
      await tx.execute(`INSERT INTO defender_integration (tenant_id) VALUES ($1)`, [tenant.id]);
      return tenant;
    });
  }

  /** Binds the Entra directory admin consent proved (unique: one directory belongs to one tenant). */
  async bindEntraTenant(tenantId: string, entraTenantId: string): Promise<void> {
    await this.db.execute(`UPDATE tenant SET entra_tenant_id = $2, updated_at = now() WHERE id = $1`, [
      tenantId,
      entraTenantId,
    ]);
  }

  /** Overrides (or, with null, restores) the service's sync interval for the tenant. */
  async setSyncInterval(tenantId: string, minutes: number | null): Promise<void> {
    await this.db.execute(`UPDATE tenant SET sync_interval_minutes = $2, updated_at = now() WHERE id = $1`, [
      tenantId,
      minutes,
    ]);
  }
}
