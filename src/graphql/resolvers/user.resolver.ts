/** `User` through `node(id:)` and a user's relations. */
import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context";
import { connectionCost } from "../cost";
import { NestedInstallationArgs } from "../inputs/args";
import { loaders, tenantKey } from "../loaders";
import { ConnectionArgs, pageRequest, toConnection, type Connection } from "../relay";
import { DeviceConnection, DeviceType, toDeviceType } from "../types/device.type";
import { InstallationConnection, InstallationType } from "../types/installation.type";
import { UserType, toUserType } from "../types/user.type";
import { TenantType } from "../types/tenant.type";
import { installationsOfParent } from "./installation.resolver";
import { registerNodeType } from "./node.resolver";
import { owningTenant } from "./tenant.resolver";

registerNodeType("User", async (ctx, id) => {
  const row = await loaders(ctx).user.load(tenantKey(id.tenantId!, id.key));
  return row ? toUserType(row) : null;
});

/** A user's relations; a page of users loads each relation for all of them in one statement. */
@Resolver(() => UserType)
export class UserResolver {
  @FieldResolver(() => TenantType, { description: "The tenant this user belongs to." })
  tenant(@Root() user: UserType, @Ctx() ctx: GraphQLContext): TenantType {
    return owningTenant(ctx, user.tenantId);
  }

  @FieldResolver(() => DeviceConnection, {
    description: "The devices the user was seen on, by id.",
    complexity: connectionCost,
  })
  async devices(
    @Root() user: UserType,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<DeviceType>> {
    const request = pageRequest(args);
    const load = loaders(ctx);
    const page = await load.devicesOfUsers(user.tenantId, request).load(user.userId);
    return toConnection(
      page,
      request,
      toDeviceType,
      async () => (await load.deviceCountsOfUsers(user.tenantId).load(user.userId)) ?? 0,
    );
  }

  @FieldResolver(() => InstallationConnection, {
    description: "The agent installations attributed to the user, by id.",
    complexity: connectionCost,
  })
  async installations(
    @Root() user: UserType,
    @Args() args: NestedInstallationArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<InstallationType>> {
    return installationsOfParent(ctx, user.tenantId, "user", user.userId, args);
  }
}
