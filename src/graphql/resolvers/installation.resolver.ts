import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context";
import { loaders, tenantKey } from "../loaders";
import { AgentType, toAgentType } from "../types/agent.type";
import { DeviceType, toDeviceType } from "../types/device.type";
import {
  EvidenceType,
  InstallationType,
  toEvidenceType,
  toInstallationType,
} from "../types/installation.type";
import { UserType, toUserType } from "../types/user.type";
import { registerNodeType } from "./node.resolver";

registerNodeType("Installation", async (ctx, id) => {
  const row = await loaders(ctx).installation.load(tenantKey(id.tenantId!, id.key));
  return row ? toInstallationType(row) : null;
});

/** An installation's relations, through the request's loaders (one statement per relation and page). */
@Resolver(() => InstallationType)
export class InstallationResolver {
  // The three relations answer synchronously when the page joined them in (or the catalog is cached):
  // a page of 50 then costs no promises, loader calls or statements for them.
  @FieldResolver(() => AgentType, { description: "The agent installed." })
  agent(@Root() installation: InstallationType, @Ctx() ctx: GraphQLContext): AgentType | Promise<AgentType> {
    const cached = ctx.services.inventory.agents.cached(installation.agentId);
    if (cached) return toAgentType(cached, installation.tenantId);
    return loaders(ctx)
      .agent.load(installation.agentId)
      .then((row) => {
        if (!row) throw new Error(`installation ${installation.installationId} references a missing agent`);
        return toAgentType(row, installation.tenantId);
      });
  }

  @FieldResolver(() => DeviceType, { description: "The device it is installed on." })
  device(
    @Root() installation: InstallationType,
    @Ctx() ctx: GraphQLContext,
  ): DeviceType | Promise<DeviceType> {
    if (installation.joined) return toDeviceType(installation.joined.device);
    return loaders(ctx)
      .device.load(tenantKey(installation.tenantId, installation.deviceId))
      .then((row) => {
        if (!row) throw new Error(`installation ${installation.installationId} references a missing device`);
        return toDeviceType(row);
      });
  }

  @FieldResolver(() => UserType, {
    nullable: true,
    description: "The user it belongs to; null when no user can be attributed.",
  })
  user(
    @Root() installation: InstallationType,
    @Ctx() ctx: GraphQLContext,
  ): UserType | null | Promise<UserType | null> {
    if (!installation.userId) return null;
    if (installation.joined) return installation.joined.user && toUserType(installation.joined.user);
    return loaders(ctx)
      .user.load(tenantKey(installation.tenantId, installation.userId))
      .then((row) => row && toUserType(row));
  }

  @FieldResolver(() => [EvidenceType], {
    description: "Which Defender sources said so, with the raw identifiers that matched.",
  })
  evidence(@Root() installation: InstallationType): EvidenceType[] {
    return (installation.rawEvidence ?? []).map(toEvidenceType);
  }
}
