/**
 * A tenant's syncs as callers drive them: trigger one now (OPERATOR), change the schedule (ADMIN), and
 * revoke the Defender integration, optionally purging the inventory (ADMIN). Each is audited.
 */
import { requireRole, type Caller } from "../model/caller";
import { IntegrationStatus, Role, SyncTrigger, type SyncMode } from "../model/enums";
import { ErrorCode, FieldError } from "../model/errors";
import type { PurgeCounts, Store, TenantRow } from "../store";
import type { SyncControl, TriggeredSync } from "../sync";
import type { TenantService } from "./tenants";

/** A sync needs a consented integration; these states have none. */
const NOT_SYNCABLE = new Set([
  IntegrationStatus.NOT_CONNECTED,
  IntegrationStatus.PENDING_CONSENT,
  IntegrationStatus.REVOKED,
]);

export interface Revoked {
  tenant: TenantRow | null;
  /** What the purge deleted; null without one. */
  purged: PurgeCounts | null;
  /** How to remove the service's enterprise application from the Entra tenant (consent stays until then). */
  entraInstructions: string;
}

export class SyncService {
  constructor(
    private readonly store: Store,
    private readonly tenants: TenantService,
    private readonly sync: SyncControl,
    /** Forgets every cached Defender token (after a revocation no token may outlive the consent). */
    private readonly forgetCachedTokens: () => void,
  ) {}

  /** Queues a sync now (OPERATOR), unless one is queued or running: then that one is returned. */
  async trigger(caller: Caller, tenantId: string | null, mode: SyncMode): Promise<TriggeredSync> {
    const tenant = await this.tenants.requireExisting(caller, tenantId);
    requireRole(caller, tenant, Role.OPERATOR);
    const status = await this.store.integrations.status(tenant);
    if (!status || NOT_SYNCABLE.has(status)) {
      throw new FieldError(
        ErrorCode.CONFLICT,
        "The tenant has no consented Defender integration; connect it first",
        "tenantId",
      );
    }
    const triggered = await this.sync.trigger(tenant, { mode, trigger: SyncTrigger.MANUAL });
    await this.store.audit.write({
      tenantId: tenant,
      actorKeyId: caller.keyId,
      action: "sync.trigger",
      details: { mode, syncRunId: triggered.run.id, alreadyRunning: triggered.alreadyRunning },
      requestId: caller.requestId,
    });
    return triggered;
  }

  /** Overrides (null: restores) the tenant's sync interval (ADMIN) and reschedules its next sync. */
  async updateSchedule(
    caller: Caller,
    tenantId: string | null,
    minutes: number | null,
  ): Promise<TenantRow | null> {
    const tenant = await this.tenants.requireExisting(caller, tenantId);
    requireRole(caller, tenant, Role.ADMIN);
    await this.store.tenants.setSyncInterval(tenant, minutes);
    await this.sync.reschedule(tenant);
    await this.store.audit.write({
      tenantId: tenant,
      actorKeyId: caller.keyId,
      action: "sync.schedule",
      details: { intervalMinutes: minutes },
      requestId: caller.requestId,
    });
    return this.tenants.get(caller, tenant);
  }

  /**
   * Disconnects Defender (ADMIN): stops the schedule, forgets cached tokens, and marks the integration
   * REVOKED, with `purge` deleting the tenant's inventory, in one transaction with its audit event.
   */
  async revoke(caller: Caller, tenantId: string | null, purge: boolean): Promise<Revoked> {
    const tenant = await this.tenants.requireExisting(caller, tenantId);
    requireRole(caller, tenant, Role.ADMIN);
    // Stop first, so no scheduled run starts between the purge and the status change.
    await this.sync.stop(tenant);
    this.forgetCachedTokens();
    const purged = await this.store.transaction(async (tx) => {
      const counts = await tx.integrations.revoke(tenant, purge);
      await tx.audit.write({
        tenantId: tenant,
        actorKeyId: caller.keyId,
        action: "integration.revoke",
        details: { purgeData: purge, ...(counts ? { purged: counts } : {}) },
        requestId: caller.requestId,
      });
      return counts;
    });
    const row = await this.tenants.get(caller, tenant);
    return { tenant: row, purged, entraInstructions: entraInstructions(row?.entraTenantId ?? null) };
  }
}

function entraInstructions(entraTenantId: string | null): string {
  const tenant = entraTenantId ? ` ${entraTenantId}` : "";
  return [
    `The service no longer reads Defender data, but the Entra tenant${tenant} still lists its enterprise application and the admin consent given to it.`,
    "To remove them: in the Microsoft Entra admin center open Identity > Applications > Enterprise applications,",
    "find the agent-inventory application, open Properties and select Delete (Cloud Application Administrator or Global Administrator).",
    "With Microsoft Graph PowerShell: Remove-MgServicePrincipal -ServicePrincipalId <object id of the application's service principal>.",
  ].join(" ");
}
