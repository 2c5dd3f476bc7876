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
  @FieldResolver(() => AgentType, { description: "The agent installed." })
  async agent(@Root() installation: InstallationType, @Ctx() ctx: GraphQLContext): Promise<AgentType> {
    const row = await loaders(ctx).agent.load(installation.agentId);
    if (!row) throw new Error(`installation ${installation.installationId} references a missing agent`);
    return toAgentType(row, installation.tenantId);
  }

  @FieldResolver(() => DeviceType, { description: "The device it is installed on." })
  async device(@Root() installation: InstallationType, @Ctx() ctx: GraphQLContext): Promise<DeviceType> {
    const row = await loaders(ctx).device.load(tenantKey(installation.tenantId, installation.deviceId));
    if (!row) throw new Error(`installation ${installation.installationId} references a missing device`);
    return toDeviceType(row);
  }

  @FieldResolver(() => UserType, {
    nullable: true,
    description: "The user it belongs to; null when no user can be attributed.",
  })
  async user(@Root() installation: InstallationType, @Ctx() ctx: GraphQLContext): Promise<UserType | null> {
    if (!installation.userId) return null;
    const row = await loaders(ctx).user.load(tenantKey(installation.tenantId, installation.userId));
    return row ? toUserType(row) : null;
  }

  @FieldResolver(() => [EvidenceType], {
    description: "Which Defender sources said so, with the raw identifiers that matched.",
  })
  evidence(@Root() installation: InstallationType): EvidenceType[] {
    return (installation.rawEvidence ?? []).map(toEvidenceType);
  }
}
