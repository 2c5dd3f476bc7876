import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { AgentPolicyValue } from "../../model/enums";
import type { GraphQLContext } from "../context";
import { loaders, tenantKey } from "../loaders";
import { AgentType, toAgentType } from "../types/agent.type";
import { registerNodeType } from "./node.resolver";

// The catalog is public: any authenticated caller may resolve an Agent ID.
registerNodeType(
  "Agent",
  async (ctx, id) => {
    const row = await loaders(ctx).agent.load(id.key);
    return row ? toAgentType(row, ctx.caller.tenantId) : null;
  },
  { public: true },
);

@Resolver(() => AgentType)
export class AgentResolver {
  @Query(() => [AgentType], { description: "The detection catalog: every agent the service can find." })
  async agents(@Ctx() ctx: GraphQLContext): Promise<AgentType[]> {
    const rows = await ctx.services.inventory.agents.all();
    return rows.map((row) => toAgentType(row, ctx.caller.tenantId));
  }

  @FieldResolver(() => AgentPolicyValue, {
    nullable: true,
    description:
      "The tenant's policy for this agent: the caller's tenant, or the installation's when reached through one; null when none is set (or for platform keys outside a tenant).",
  })
  async policy(@Root() agent: AgentType, @Ctx() ctx: GraphQLContext): Promise<AgentPolicyValue | null> {
    if (!agent.scopeTenantId) return null;
    return loaders(ctx).policy.load(tenantKey(agent.scopeTenantId, agent.agentId));
  }
}
