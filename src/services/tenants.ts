/**
 * Tenants as callers see them: creation (platform admins, audited), and reads scoped to the tenants the
 * caller has a role in. Invisible tenants behave exactly like missing ones.
 */
import { canSee, isPlatformAdmin, requirePlatformAdmin, requireRole, type Caller } from "../model/caller";
import { Role } from "../model/enums";
import { ErrorCode, FieldError } from "../model/errors";
import type {
  AuditEventFilter,
  AuditEventRow,
  IntegrationRow,
  Page,
  PageRequest,
  Store,
  TenantFilter,
  TenantRow,
} from "../store";

export class TenantService {
  constructor(private readonly store: Store) {}

  /** A new tenant, not yet connected to Defender (PLATFORM_ADMIN); audited. */
  async create(caller: Caller, name: string): Promise<TenantRow> {
    requirePlatformAdmin(caller);
    return this.store.transaction(async (tx) => {
      const tenant = await tx.tenants.create(name);
      await tx.audit.write({
        tenantId: tenant.id,
        actorKeyId: caller.keyId,
        action: "tenant.create",
        details: { name },
        requestId: caller.requestId,
      });
      return tenant;
    });
  }

  /** Whether the caller may see anything scoped to the tenant (null: platform-wide things). */
  canSee(caller: Caller, tenantId: string | null): boolean {
    return tenantId === null ? isPlatformAdmin(caller) : canSee(caller, tenantId);
  }

  /** The caller's own tenant is known to exist without a read: keys are deleted with their tenant. */
  knownToExist(caller: Caller, tenantId: string): boolean {
    return !isPlatformAdmin(caller) && caller.tenantId === tenantId;
  }

  /** The tenant, or null when it does not exist or the caller has no role in it. */
  async get(caller: Caller, id: string): Promise<TenantRow | null> {
    if (!canSee(caller, id)) return null;
    return this.store.tenants.byId(id);
  }

  /**
   * The tenant a mutation names, if it exists and the caller may see it; else a FieldError on `field`
   * (the mutation then changes nothing). A tenant the caller may not see and one that does not exist
   * are told apart by no one. `tenantId` null: the argument names no tenant at all.
   */
  async requireExisting(caller: Caller, tenantId: string | null, field = "tenantId"): Promise<string> {
    if (tenantId && (await this.get(caller, tenantId))) return tenantId;
    throw new FieldError(ErrorCode.NOT_FOUND, "Tenant not found", field);
  }

  /** Visible tenants in (createdAt, id) order, keyset-paginated. */
  list(caller: Caller, request: PageRequest, filter?: TenantFilter | null): Promise<Page<TenantRow>> {
    return isPlatformAdmin(caller)
      ? this.store.tenants.page(request, undefined, filter)
      : this.store.tenants.page(request, caller.tenantId, filter);
  }

  /** The tenant's audit events, newest first (ADMIN: they name keys and what each did). */
  auditEvents(
    caller: Caller,
    tenantId: string,
    request: PageRequest,
    filter?: AuditEventFilter | null,
  ): Promise<Page<AuditEventRow>> {
    requireRole(caller, tenantId, Role.ADMIN);
    return this.store.audit.page(tenantId, request, filter);
  }

  /** The tenant's Defender integration (every tenant has one). */
  async integration(caller: Caller, tenantId: string): Promise<IntegrationRow> {
    requireRole(caller, tenantId, Role.VIEWER);
    const integration = await this.store.integrations.find(tenantId);
    if (!integration) throw new Error(`tenant ${tenantId} has no integration row`);
    return integration;
  }
}
