/**
 * Tenants as callers see them: creation (platform admins), and reads scoped to the tenants the caller has
 * a role in. Invisible tenants behave exactly like missing ones.
 */
import type { DataSource } from "typeorm";
import { DefenderIntegration } from "../model/defender-integration.entity";
import { Tenant } from "../model/tenant.entity";
import { writeAudit } from "./audit";
import { canSee, isPlatformAdmin, requirePlatformAdmin, type Caller } from "./caller";

export interface TenantPage {
  rows: Tenant[];
  total: () => Promise<number>;
}

export class TenantService {
  constructor(private readonly dataSource: DataSource) {}

  async create(caller: Caller, name: string, requestId?: string): Promise<Tenant> {
    requirePlatformAdmin(caller);
    return this.dataSource.transaction(async (manager) => {
      const tenant = await manager.save(manager.create(Tenant, { name }));
      await manager.insert(DefenderIntegration, { tenantId: tenant.id });
      await writeAudit(manager, {
        tenantId: tenant.id,
        actorKeyId: caller.keyId,
        action: "tenant.create",
        details: { name },
        requestId,
      });
      return tenant;
    });
  }

  /** The tenant, or null when it does not exist or the caller has no role in it. */
  async get(caller: Caller, id: string): Promise<Tenant | null> {
    if (!canSee(caller, id)) return null;
    return this.dataSource.getRepository(Tenant).findOneBy({ id });
  }

  /** Visible tenants in (createdAt, id) order, keyset-paginated. */
  async list(
    caller: Caller,
    page: { direction: "forward" | "backward"; limit: number; cursor: unknown[] | null },
  ): Promise<TenantPage> {
    const query = this.dataSource.getRepository(Tenant).createQueryBuilder("t");
    if (!isPlatformAdmin(caller)) query.where("t.id = :own", { own: caller.tenantId });
    const total = () => query.clone().getCount();
    const forward = page.direction === "forward";
    if (page.cursor) {
      const [createdAt, id] = page.cursor as [string, string];
      query.andWhere(`(t.created_at, t.id) ${forward ? ">" : "<"} (:createdAt, :id)`, { createdAt, id });
    }
    const order = forward ? "ASC" : "DESC";
    const rows = await query
      .orderBy("t.created_at", order)
      .addOrderBy("t.id", order)
      .limit(page.limit + 1)
      .getMany();
    return { rows, total };
  }

  integration(tenantId: string): Promise<DefenderIntegration | null> {
    return this.dataSource.getRepository(DefenderIntegration).findOneBy({ tenantId });
  }
}
