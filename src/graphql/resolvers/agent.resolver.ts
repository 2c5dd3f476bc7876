/** The agent catalog (`agents`, `Agent.policy`) and `setAgentPolicy`. */
import { MaxLength } from "class-validator";
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { AgentPolicyValue } from "../../model/enums";
import type { GraphQLContext } from "../context";
import { agentIdOf, tenantIdOf } from "../ids";
import { loaders, tenantKey } from "../loaders";
import { AgentType, toAgentType } from "../types/agent.type";
import { payloadOf, UserError } from "../types/user-error";
import { registerNodeType } from "./node.resolver";

@InputType({ description: "A tenant's stance on an agent." })
class SetAgentPolicyInput {
  @Field(() => ID, { description: "Global ID of the tenant." })
  tenantId!: string;

  @Field(() => ID, { description: "Global ID of the agent." })
  agentId!: string;

  @Field(() => AgentPolicyValue, { nullable: true, description: "The policy; null removes it." })
  policy?: AgentPolicyValue | null;

  @Field(() => String, { nullable: true, description: "Why (at most 1000 characters)." })
  @MaxLength(1000)
  note?: string | null;
}

@ObjectType({ description: "Result of setAgentPolicy." })
class SetAgentPolicyPayload {
  @Field(() => AgentType, { nullable: true, description: "The agent, with the tenant's policy." })
  agent!: AgentType | null;

  @Field(() => [UserError], { description: "Why the policy was not set, if it was not." })
  userErrors!: UserError[];
}

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
    const rows = await ctx.services.agents.catalog();
    return rows.map((row) => toAgentType(row, ctx.caller.tenantId));
  }

  @FieldResolver(() => AgentPolicyValue, {
    nullable: true,
    description:
      "The tenant's policy for this agent: the caller's tenant, or the installation's when reached through one; null when none is set (or for platform keys outside a tenant).",
  })
  async policy(@Root() agent: AgentType, @Ctx() ctx: GraphQLContext): Promise<AgentPolicyValue | null> {
    if (!agent.scopeTenantId) return null;
    return (await loaders(ctx).policy.load(tenantKey(agent.scopeTenantId, agent.agentId)))?.policy ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The note the tenant's ADMIN gave with `policy` (why, who to ask), from the same tenant; null without one.",
  })
  async policyNote(@Root() agent: AgentType, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    if (!agent.scopeTenantId) return null;
    return (await loaders(ctx).policy.load(tenantKey(agent.scopeTenantId, agent.agentId)))?.note ?? null;
  }

  @Mutation(() => SetAgentPolicyPayload, {
    description:
      "Sets the tenant's policy for an agent (ADMIN): SANCTIONED, UNSANCTIONED or UNDER_REVIEW; filterable on installations.",
  })
  async setAgentPolicy(
    @Arg("input", () => SetAgentPolicyInput, { description: "The policy to set." })
    input: SetAgentPolicyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SetAgentPolicyPayload> {
    return payloadOf<SetAgentPolicyPayload>(
      async () => {
        const { tenantId, agent } = await ctx.services.agents.setPolicy(
          ctx.caller,
          tenantIdOf(input.tenantId),
          agentIdOf(input.agentId),
          input.policy ?? null,
          input.note ?? null,
        );
        return { agent: toAgentType(agent, tenantId), userErrors: [] };
      },
      (userErrors) => ({ agent: null, userErrors }),
      input,
    );
  }
}
