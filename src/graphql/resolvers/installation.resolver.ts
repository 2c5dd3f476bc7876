/**
 * `Installation` through `node(id:)`, an installation's relations, and the installations of a device
 * or user.
 */
import type { InstallationParent } from "../../store";
import type { GraphQLContext } from "../context";
import type { NestedInstallationArgs } from "../inputs/args";
import { loaders, tenantKey } from "../loaders";
import { pageRequest, toConnection, type Connection } from "../relay";
import { toAgentType } from "../types/agent.type";
import { toDeviceType } from "../types/device.type";
import {
  toInstallationType,
  type InstallationRelations,
  type InstallationType,
} from "../types/installation.type";
import { toUserType } from "../types/user.type";
import { registerNodeType } from "./node.resolver";
import { owningTenant } from "./tenant.resolver";

registerNodeType("Installation", async (ctx, id) => {
  const row = await loaders(ctx).installation.load(tenantKey(id.tenantId!, id.key));
  return row ? toInstallationType(row, installationRelations(ctx)) : null;
});

const perRequest = new WeakMap<GraphQLContext, InstallationRelations>();

/**
 * An installation's relations in this request. They answer synchronously when the page joined them in
 * (or the catalog is cached), so a page of 50 costs no promises, loader calls or statements for them.
 */
export function installationRelations(ctx: GraphQLContext): InstallationRelations {
  let relations = perRequest.get(ctx);
  if (relations) return relations;
  relations = {
    agent(installation) {
      const cached = ctx.services.agents.cached(installation.agentId);
      if (cached) return toAgentType(cached, installation.tenantId);
      return loaders(ctx)
        .agent.load(installation.agentId)
        .then((row) => {
          if (!row) throw new Error(`installation ${installation.installationId} references a missing agent`);
          return toAgentType(row, installation.tenantId);
        });
    },
    device(installation) {
      if (installation.joined) return toDeviceType(installation.joined.device);
      return loaders(ctx)
        .device.load(tenantKey(installation.tenantId, installation.deviceId))
        .then((row) => {
          if (!row)
            throw new Error(`installation ${installation.installationId} references a missing device`);
          return toDeviceType(row);
        });
    },
    user(installation) {
      if (!installation.userId) return null;
      if (installation.joined) return installation.joined.user && toUserType(installation.joined.user);
      return loaders(ctx)
        .user.load(tenantKey(installation.tenantId, installation.userId))
        .then((row) => row && toUserType(row));
    },
    tenant: (installation) => owningTenant(ctx, installation.tenantId),
  };
  perRequest.set(ctx, relations);
  return relations;
}

/** `Device.installations` and `User.installations`: a page per parent, loaded for all parents at once. */
export async function installationsOfParent(
  ctx: GraphQLContext,
  tenantId: string,
  parent: InstallationParent,
  parentId: string,
  args: NestedInstallationArgs,
): Promise<Connection<InstallationType>> {
  const request = pageRequest(args);
  const query = { filter: args.filter };
  const load = loaders(ctx);
  const page = await load.installationsOf(tenantId, parent, query, request).load(parentId);
  return toConnection(
    page,
    request,
    (r) => toInstallationType(r, installationRelations(ctx)),
    async () => (await load.installationCountsOf(tenantId, parent, query).load(parentId)) ?? 0,
  );
}
