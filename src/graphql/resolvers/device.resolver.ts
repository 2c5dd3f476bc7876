/** `Device` through `node(id:)` (device detail reads its installations ahead) and a device's relations. */
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { InstallationQuery, PageRequest } from "../../store";
import type { GraphQLContext } from "../context";
import { connectionCost } from "../cost";
import { NestedInstallationArgs } from "../inputs/args";
import { loaders, tenantKey } from "../loaders";
import { childField, selectedItemFields } from "../lookahead";
import { ConnectionArgs, MAX_PAGE_SIZE, pageRequest, toConnection, type Connection } from "../relay";
import { DeviceType, toDeviceType } from "../types/device.type";
import { TenantType } from "../types/tenant.type";
import { InstallationConnection, InstallationType } from "../types/installation.type";
import { UserConnection, UserType, toUserType } from "../types/user.type";
import { installationsOfParent } from "./installation.resolver";
import { registerNodeType } from "./node.resolver";
import { owningTenant } from "./tenant.resolver";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

registerNodeType("Device", async (ctx, id, info) => {
  const tenantId = id.tenantId!;
  const prefetch = UUID.test(id.key) ? installationsAhead(info) : null;
  if (!prefetch) {
    const row = await loaders(ctx).device.load(tenantKey(tenantId, id.key));
    return row ? toDeviceType(row) : null;
  }
  // Device detail: the device and the page of installations it asks for, in one statement.
  const found = await ctx.services.inventory.deviceWithInstallations(
    ctx.caller,
    tenantId,
    id.key,
    prefetch.query,
    prefetch.request,
    prefetch.columns,
  );
  if (!found) return null;
  const load = loaders(ctx);
  load.device.prime(tenantKey(tenantId, id.key), found.device);
  load
    .installationsOf(tenantId, "device", prefetch.query, prefetch.request)
    .prime(id.key, found.installations);
  return toDeviceType(found.device);
});

/** The `installations` page selected under a device, when its arguments are valid; else null. */
function installationsAhead(
  info: GraphQLResolveInfo,
): { query: InstallationQuery; request: PageRequest; columns: Set<string> | null } | null {
  const child = childField(info, "Device", "installations");
  if (!child) return null;
  const args = child.args as NestedInstallationArgs;
  const inRange = (n: number | null | undefined) => n == null || (n >= 0 && n <= MAX_PAGE_SIZE);
  if (!inRange(args.first) || !inRange(args.last)) return null;
  try {
    return {
      query: { filter: args.filter },
      request: pageRequest(args),
      columns: selectedItemFields(info, undefined, [child.node]),
    };
  } catch {
    return null; // the field's resolver reports the error
  }
}

/** A device's relations; a page of devices loads each relation for all of them in one statement. */
@Resolver(() => DeviceType)
export class DeviceResolver {
  @FieldResolver(() => TenantType, { description: "The tenant this device belongs to." })
  tenant(@Root() device: DeviceType, @Ctx() ctx: GraphQLContext): TenantType {
    return owningTenant(ctx, device.tenantId);
  }

  @FieldResolver(() => InstallationConnection, {
    description: "The agents installed on the device, by id.",
    complexity: connectionCost,
  })
  async installations(
    @Root() device: DeviceType,
    @Args() args: NestedInstallationArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<InstallationType>> {
    return installationsOfParent(ctx, device.tenantId, "device", device.deviceId, args);
  }

  @FieldResolver(() => UserConnection, {
    description: "The users seen on the device, by id.",
    complexity: connectionCost,
  })
  async users(
    @Root() device: DeviceType,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<UserType>> {
    const request = pageRequest(args);
    const load = loaders(ctx);
    const page = await load.usersOfDevices(device.tenantId, request).load(device.deviceId);
    return toConnection(
      page,
      request,
      toUserType,
      async () => (await load.userCountsOfDevices(device.tenantId).load(device.deviceId)) ?? 0,
    );
  }
}
