/** The inventory lists under a tenant: devices, users, installations, sync runs, the change feed, the summary. */
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context";
import { connectionCost } from "../cost";
import { selectedItemFields } from "../lookahead";
import {
  DeviceListArgs,
  EventFeedArgs,
  InstallationListArgs,
  SyncRunListArgs,
  UserListArgs,
} from "../inputs/args";
import { lazy, pageRequest, toConnection, type Connection } from "../relay";
import { DeviceConnection, DeviceType, toDeviceType } from "../types/device.type";
import {
  InstallationEventConnection,
  InstallationEventObject,
  toInstallationEventObject,
} from "../types/installation-event.type";
import { InstallationConnection, InstallationType, toInstallationType } from "../types/installation.type";
import { InventorySummaryType } from "../types/summary.type";
import { SyncRunConnection, SyncRunType, toSyncRunType } from "../types/sync-run.type";
import { TenantType } from "../types/tenant.type";
import { installationRelations } from "./installation.resolver";
import { UserConnection, UserType, toUserType } from "../types/user.type";

/**
 * The inventory under a tenant. A TenantType exists only for tenants the caller may see, so every list
 * here is scoped by `tenant.tenantId` and nothing else.
 */
@Resolver(() => TenantType)
export class TenantInventoryResolver {
  @FieldResolver(() => DeviceConnection, {
    description: "The tenant's devices.",
    complexity: connectionCost,
  })
  async devices(
    @Root() tenant: TenantType,
    @Args() args: DeviceListArgs,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<DeviceType>> {
    const request = pageRequest(args);
    const columns = selectedItemFields(info);
    const page = await ctx.services.inventory.devices(ctx.caller, tenant.tenantId, args, request, columns);
    return toConnection(page, request, toDeviceType, page.total);
  }

  @FieldResolver(() => UserConnection, { description: "The tenant's users.", complexity: connectionCost })
  async users(
    @Root() tenant: TenantType,
    @Args() args: UserListArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<UserType>> {
    const request = pageRequest(args);
    const page = await ctx.services.inventory.users(ctx.caller, tenant.tenantId, args, request);
    return toConnection(page, request, toUserType, page.total);
  }

  @FieldResolver(() => InstallationConnection, {
    description: "The tenant's agent installations.",
    complexity: connectionCost,
  })
  async installations(
    @Root() tenant: TenantType,
    @Args() args: InstallationListArgs,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<InstallationType>> {
    const request = pageRequest(args);
    const page = await ctx.services.inventory.installations(ctx.caller, tenant.tenantId, args, request, {
      installation: selectedItemFields(info),
      device: selectedItemFields(info, "device"),
      user: selectedItemFields(info, "user"),
    });
    const relations = installationRelations(ctx);
    return toConnection(
      page,
      request,
      (r) =>
        Object.assign(toInstallationType(r.installation, relations), {
          joined: { device: r.device, user: r.user },
        }),
      page.total,
    );
  }

  @FieldResolver(() => SyncRunConnection, {
    description: "The tenant's sync runs, newest first.",
    complexity: connectionCost,
  })
  async syncRuns(
    @Root() tenant: TenantType,
    @Args() args: SyncRunListArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<SyncRunType>> {
    const request = pageRequest(args);
    const page = await ctx.services.inventory.syncRuns(ctx.caller, tenant.tenantId, request, args.filter);
    return toConnection(page, request, toSyncRunType, page.total);
  }

  @FieldResolver(() => InstallationEventConnection, {
    description:
      "The change feed for automation: installation events in the order syncs observed them. Keep the last `endCursor` and pass it as `after` to read only what changed since; `last` (with `before`) reads the newest events backwards.",
    complexity: connectionCost,
  })
  async installationEvents(
    @Root() tenant: TenantType,
    @Args() args: EventFeedArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<InstallationEventObject>> {
    const request = pageRequest(args);
    const page = await ctx.services.inventory.events(
      ctx.caller,
      tenant.tenantId,
      args.since ?? null,
      request,
    );
    return toConnection(page, request, toInstallationEventObject, page.total);
  }

  @FieldResolver(() => InventorySummaryType, {
    description: "Counts by agent, category and OS; new and removed in a window; coverage.",
  })
  summary(@Root() tenant: TenantType, @Ctx() ctx: GraphQLContext): InventorySummaryType {
    return Object.assign(new InventorySummaryType(), {
      tenantId: tenant.tenantId,
      inventoryVersion: lazy(() => ctx.services.inventory.inventoryVersion(ctx.caller, tenant.tenantId)),
    });
  }
}
