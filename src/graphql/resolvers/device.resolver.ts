import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context";
import { connectionCost } from "../cost";
import { NestedInstallationArgs } from "../inputs/args";
import { loaders, tenantKey } from "../loaders";
import { installationSortKeys } from "../repositories/installation.repository";
import { cursorValues } from "../repositories/sql";
import { userSortKeys } from "../repositories/user.repository";
import { ConnectionArgs, pageRequest, toConnection, type Connection } from "../relay";
import { DeviceType, toDeviceType } from "../types/device.type";
import { InstallationConnection, InstallationType, toInstallationType } from "../types/installation.type";
import { UserConnection, UserType, toUserType } from "../types/user.type";
import { registerNodeType } from "./node.resolver";

registerNodeType("Device", async (ctx, id) => {
  const row = await loaders(ctx).device.load(tenantKey(id.tenantId!, id.key));
  return row ? toDeviceType(row) : null;
});

const ID_KEYS = installationSortKeys(null);
const USER_KEYS = userSortKeys(null);

/** A device's relations; a page of devices loads each relation for all of them in one statement. */
@Resolver(() => DeviceType)
export class DeviceResolver {
  @FieldResolver(() => InstallationConnection, {
    description: "The agents installed on the device, by id.",
    complexity: connectionCost,
  })
  async installations(
    @Root() device: DeviceType,
    @Args() args: NestedInstallationArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<InstallationType>> {
    const request = pageRequest(args);
    const query = { filter: args.filter };
    const load = loaders(ctx);
    const rows = await load.installationsOf(device.tenantId, "device", query, request).load(device.deviceId);
    return toConnection(
      rows,
      request,
      (r) => cursorValues(ID_KEYS.keys, r, ID_KEYS.fields),
      toInstallationType,
      async () =>
        (await load.installationCountsOf(device.tenantId, "device", query).load(device.deviceId)) ?? 0,
    );
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
    const rows = await load.usersOfDevices(device.tenantId, request).load(device.deviceId);
    return toConnection(
      rows,
      request,
      (r) => cursorValues(USER_KEYS.keys, r, USER_KEYS.fields),
      toUserType,
      async () => (await load.userCountsOfDevices(device.tenantId).load(device.deviceId)) ?? 0,
    );
  }
}
