/** `triggerSync`, `updateSyncSchedule` and `revokeIntegration`. */
import { Max, Min, ValidateIf } from "class-validator";
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { SyncMode } from "../../model/enums";
import type { PurgeCounts } from "../../store";
import type { GraphQLContext } from "../context";
import { tenantIdOf } from "../ids";
import { SyncRunType, toSyncRunType } from "../types/sync-run.type";
import { TenantType, toTenantType } from "../types/tenant.type";
import { payloadOf, UserError } from "../types/user-error";

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

function toPurgedRows(counts: PurgeCounts): PurgedRows {
  return {
    devices: counts.device,
    users: counts.user_account,
    deviceUsers: counts.device_user,
    installations: counts.installation,
    installationEvents: counts.installation_event,
    syncRuns: counts.sync_run,
  };
}

/** Sync and integration lifecycle mutations; the sync service checks roles and writes audit events. */
@Resolver()
export class SyncResolver {
  @Mutation(() => TriggerSyncPayload, {
    description: "Queues a sync now (OPERATOR), unless one is queued or running: then returns that one.",
  })
  async triggerSync(
    @Arg("input", () => TriggerSyncInput, { description: "The sync to start." }) input: TriggerSyncInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TriggerSyncPayload> {
    return payloadOf<TriggerSyncPayload>(
      async () => {
        const { run, alreadyRunning } = await ctx.services.sync.trigger(
          ctx.caller,
          tenantIdOf(input.tenantId),
          input.mode,
        );
        return { syncRun: toSyncRunType(run), alreadyRunning, userErrors: [] };
      },
      (userErrors) => ({ syncRun: null, alreadyRunning: false, userErrors }),
    );
  }

  @Mutation(() => UpdateSyncSchedulePayload, {
    description: "Overrides the tenant's sync interval (ADMIN) and reschedules its next sync.",
  })
  async updateSyncSchedule(
    @Arg("input", () => UpdateSyncScheduleInput, { description: "The new interval." })
    input: UpdateSyncScheduleInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UpdateSyncSchedulePayload> {
    return payloadOf<UpdateSyncSchedulePayload>(
      async () => {
        const tenant = await ctx.services.sync.updateSchedule(
          ctx.caller,
          tenantIdOf(input.tenantId),
          input.intervalMinutes ?? null,
        );
        return { tenant: tenant && toTenantType(tenant), userErrors: [] };
      },
      (userErrors) => ({ tenant: null, userErrors }),
      input,
    );
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
    return payloadOf<RevokeIntegrationPayload>(
      async () => {
        const revoked = await ctx.services.sync.revoke(
          ctx.caller,
          tenantIdOf(input.tenantId),
          input.purgeData,
        );
        return {
          tenant: revoked.tenant && toTenantType(revoked.tenant),
          purged: revoked.purged && toPurgedRows(revoked.purged),
          entraInstructions: revoked.entraInstructions,
          userErrors: [],
        };
      },
      (userErrors) => ({ tenant: null, purged: null, entraInstructions: null, userErrors }),
    );
  }
}
