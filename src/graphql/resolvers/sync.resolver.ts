import { Max, Min, ValidateIf } from "class-validator";
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { writeAudit } from "../../auth/audit";
import { requireRole } from "../../auth/caller";
import { ErrorCode } from "../../auth/errors";
import { IntegrationStatus, Role, SyncMode, SyncTrigger } from "../../model/enums";
import type { GraphQLContext } from "../context";
import { mutationTenantId, tenantNotFound } from "../ids";
import { SyncRunType, toSyncRunType } from "../types/sync-run.type";
import { TenantType, toTenantType } from "../types/tenant.type";
import { UserError, userError } from "../types/user-error";

/** A sync needs a consented integration; these states have none. */
const NOT_SYNCABLE = new Set([
  IntegrationStatus.NOT_CONNECTED,
  IntegrationStatus.PENDING_CONSENT,
  IntegrationStatus.REVOKED,
]);

export const MIN_SYNC_INTERVAL_MINUTES = 15;
export const MAX_SYNC_INTERVAL_MINUTES = 7 * 24 * 60;

@InputType({ description: "The sync to start." })
class TriggerSyncInput {
  @Field(() => ID, { description: "Global ID of the tenant." })
  tenantId!: string;

  @Field(() => SyncMode, {
    defaultValue: SyncMode.INCREMENTAL,
    description: "FULL reconciles removals; INCREMENTAL adds and refreshes only.",
  })
  mode!: SyncMode;
}

@ObjectType({ description: "Result of triggerSync: the queued run, or the one already queued or running." })
class TriggerSyncPayload {
  @Field(() => SyncRunType, { nullable: true, description: "The run; poll it with `node(id:)`." })
  syncRun!: SyncRunType | null;

  @Field({ description: "True when a run was already queued or running and is returned instead." })
  alreadyRunning!: boolean;

  @Field(() => [UserError], { description: "Why no sync was started, if none was." })
  userErrors!: UserError[];
}

@InputType({ description: "A tenant's sync interval." })
class UpdateSyncScheduleInput {
  @Field(() => ID, { description: "Global ID of the tenant." })
  tenantId!: string;

  @Field(() => Int, {
    nullable: true,
    description: `Minutes between scheduled syncs (${MIN_SYNC_INTERVAL_MINUTES}–${MAX_SYNC_INTERVAL_MINUTES}); null restores the service default.`,
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Min(MIN_SYNC_INTERVAL_MINUTES)
  @Max(MAX_SYNC_INTERVAL_MINUTES)
  intervalMinutes?: number | null;
}

@ObjectType({ description: "Result of updateSyncSchedule." })
class UpdateSyncSchedulePayload {
  @Field(() => TenantType, {
    nullable: true,
    description: "The tenant, with its new interval and next sync.",
  })
  tenant!: TenantType | null;

  @Field(() => [UserError], { description: "Why the schedule was not changed, if it was not." })
  userErrors!: UserError[];
}

@InputType({ description: "The integration to revoke." })
class RevokeIntegrationInput {
  @Field(() => ID, { description: "Global ID of the tenant." })
  tenantId!: string;

  @Field({
    defaultValue: false,
    description:
      "Also delete the tenant's whole inventory (devices, users, installations, events, sync runs) in one transaction.",
  })
  purgeData!: boolean;
}

@ObjectType({ description: "Rows deleted by a purge." })
class PurgedRows {
  @Field(() => Int, { description: "Devices deleted." })
  devices!: number;

  @Field(() => Int, { description: "Users deleted." })
  users!: number;

  @Field(() => Int, { description: "Device–user links deleted." })
  deviceUsers!: number;

  @Field(() => Int, { description: "Installations deleted." })
  installations!: number;

  @Field(() => Int, { description: "Installation events deleted." })
  installationEvents!: number;

  @Field(() => Int, { description: "Sync runs deleted." })
  syncRuns!: number;
}

@ObjectType({ description: "Result of revokeIntegration." })
class RevokeIntegrationPayload {
  @Field(() => TenantType, { nullable: true, description: "The tenant, its integration now REVOKED." })
  tenant!: TenantType | null;

  @Field(() => PurgedRows, {
    nullable: true,
    description: "What the purge deleted; null without `purgeData`.",
  })
  purged!: PurgedRows | null;

  @Field(() => String, {
    nullable: true,
    description:
      "How to remove this service's enterprise application from the Entra tenant (consent stays until then).",
  })
  entraInstructions!: string | null;

  @Field(() => [UserError], { description: "Why the integration was not revoked, if it was not." })
  userErrors!: UserError[];
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

/** Sync and integration lifecycle mutations; each checks the role, writes an audit event and reports userErrors. */
@Resolver()
export class SyncResolver {
  @Mutation(() => TriggerSyncPayload, {
    description: "Queues a sync now (OPERATOR), unless one is queued or running: then returns that one.",
  })
  async triggerSync(
    @Arg("input", () => TriggerSyncInput, { description: "The sync to start." }) input: TriggerSyncInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TriggerSyncPayload> {
    const tenantId = await mutationTenantId(ctx, input.tenantId);
    if (!tenantId) return { syncRun: null, alreadyRunning: false, userErrors: [tenantNotFound()] };
    requireRole(ctx.caller, tenantId, Role.OPERATOR);
    const status = await ctx.services.inventory.integrations.status(tenantId);
    if (!status || NOT_SYNCABLE.has(status)) {
      return {
        syncRun: null,
        alreadyRunning: false,
        userErrors: [
          userError(
            ErrorCode.CONFLICT,
            "The tenant has no consented Defender integration; connect it first",
            ["tenantId"],
          ),
        ],
      };
    }
    const { run, alreadyRunning } = await ctx.services.sync.trigger(tenantId, {
      mode: input.mode,
      trigger: SyncTrigger.MANUAL,
    });
    await writeAudit(ctx.services.dataSource.manager, {
      tenantId,
      actorKeyId: ctx.caller.keyId,
      action: "sync.trigger",
      details: { mode: input.mode, syncRunId: run.id, alreadyRunning },
      requestId: ctx.requestId,
    });
    return { syncRun: toSyncRunType(run), alreadyRunning, userErrors: [] };
  }

  @Mutation(() => UpdateSyncSchedulePayload, {
    description: "Overrides the tenant's sync interval (ADMIN) and reschedules its next sync.",
  })
  async updateSyncSchedule(
    @Arg("input", () => UpdateSyncScheduleInput, { description: "The new interval.", validate: true })
    input: UpdateSyncScheduleInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UpdateSyncSchedulePayload> {
    const tenantId = await mutationTenantId(ctx, input.tenantId);
    if (!tenantId) return { tenant: null, userErrors: [tenantNotFound()] };
    requireRole(ctx.caller, tenantId, Role.ADMIN);
    const minutes = input.intervalMinutes ?? null;
    await ctx.services.inventory.integrations.setSyncInterval(tenantId, minutes);
    await ctx.services.sync.reschedule(tenantId);
    await writeAudit(ctx.services.dataSource.manager, {
      tenantId,
      actorKeyId: ctx.caller.keyId,
      action: "sync.schedule",
      details: { intervalMinutes: minutes },
      requestId: ctx.requestId,
    });
    const tenant = await ctx.services.tenants.get(ctx.caller, tenantId);
    return { tenant: tenant && toTenantType(tenant), userErrors: [] };
  }

  @Mutation(() => RevokeIntegrationPayload, {
    description:
      "Disconnects Defender (ADMIN): stops the schedule, marks the integration REVOKED and, with `purgeData`, deletes the tenant's inventory. Says how to remove the enterprise application in Entra.",
  })
  async revokeIntegration(
    @Arg("input", () => RevokeIntegrationInput, { description: "The integration to revoke." })
    input: RevokeIntegrationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RevokeIntegrationPayload> {
    const tenantId = await mutationTenantId(ctx, input.tenantId);
    if (!tenantId) {
      return { tenant: null, purged: null, entraInstructions: null, userErrors: [tenantNotFound()] };
    }
    requireRole(ctx.caller, tenantId, Role.ADMIN);
    // Stop first, so no scheduled run starts between the purge and the status change.
    await ctx.services.sync.stop(tenantId);
    ctx.services.integrations.forgetCachedTokens();
    const counts = await ctx.services.dataSource.transaction(async (manager) => {
      const purged = await ctx.services.inventory.integrations.revoke(manager, tenantId, input.purgeData);
      await writeAudit(manager, {
        tenantId,
        actorKeyId: ctx.caller.keyId,
        action: "integration.revoke",
        details: { purgeData: input.purgeData, ...(purged ? { purged } : {}) },
        requestId: ctx.requestId,
      });
      return purged;
    });
    const tenant = await ctx.services.tenants.get(ctx.caller, tenantId);
    return {
      tenant: tenant && toTenantType(tenant),
      purged: counts && {
        devices: counts.device,
        users: counts.user_account,
        deviceUsers: counts.device_user,
        installations: counts.installation,
        installationEvents: counts.installation_event,
        syncRuns: counts.sync_run,
      },
      entraInstructions: entraInstructions(tenant?.entraTenantId ?? null),
      userErrors: [],
    };
  }
}
