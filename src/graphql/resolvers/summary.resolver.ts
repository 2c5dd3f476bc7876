/** `Tenant.summary`: the dashboard aggregates, each computed once per inventory version. */
import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context";
import { AGGREGATE_COST } from "../cost";
import { loaders } from "../loaders";
import { AgentType, toAgentType } from "../types/agent.type";
import { DateTimeScalar } from "../types/scalars";
import {
  AgentSummaryType,
  CategorySummaryType,
  CoverageType,
  InstallationChangesType,
  InventorySummaryType,
  OsSummaryType,
} from "../types/summary.type";

/** Each aggregate is one statement, run only when selected. */
@Resolver(() => InventorySummaryType)
export class SummaryResolver {
  @FieldResolver(() => [AgentSummaryType], {
    description: "Active installations per agent, most installed first.",
    complexity: AGGREGATE_COST,
  })
  async byAgent(
    @Root() summary: InventorySummaryType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AgentSummaryType[]> {
    const rows = await ctx.services.inventory.byAgent(
      ctx.caller,
      summary.tenantId,
      await summary.inventoryVersion,
    );
    return rows.map((row) => Object.assign(new AgentSummaryType(), row, { tenantId: summary.tenantId }));
  }

  @FieldResolver(() => [CategorySummaryType], {
    description: "Active installations per agent category.",
    complexity: AGGREGATE_COST,
  })
  async byCategory(
    @Root() summary: InventorySummaryType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CategorySummaryType[]> {
    return ctx.services.inventory.byCategory(ctx.caller, summary.tenantId, await summary.inventoryVersion);
  }

  @FieldResolver(() => [OsSummaryType], {
    description: "Active installations per OS platform.",
    complexity: AGGREGATE_COST,
  })
  async byOs(@Root() summary: InventorySummaryType, @Ctx() ctx: GraphQLContext): Promise<OsSummaryType[]> {
    return ctx.services.inventory.byOs(ctx.caller, summary.tenantId, await summary.inventoryVersion);
  }

  @FieldResolver(() => InstallationChangesType, {
    description: "Installations first seen and removed in a window (default: the last 7 days).",
    complexity: AGGREGATE_COST,
  })
  async changes(
    @Root() summary: InventorySummaryType,
    @Ctx() ctx: GraphQLContext,
    @Arg("since", () => DateTimeScalar, {
      nullable: true,
      description: "Window start (default: 7 days ago).",
    })
    since?: Date | null,
    @Arg("until", () => DateTimeScalar, { nullable: true, description: "Window end (default: now)." })
    until?: Date | null,
  ): Promise<InstallationChangesType> {
    return ctx.services.inventory.changes(ctx.caller, summary.tenantId, since, until);
  }

  @FieldResolver(() => CoverageType, {
    description: "Devices covered by software data versus devices with none.",
    complexity: AGGREGATE_COST,
  })
  async coverage(@Root() summary: InventorySummaryType, @Ctx() ctx: GraphQLContext): Promise<CoverageType> {
    return ctx.services.inventory.coverage(ctx.caller, summary.tenantId, await summary.inventoryVersion);
  }
}

@Resolver(() => AgentSummaryType)
export class AgentSummaryResolver {
  @FieldResolver(() => AgentType, { description: "The agent." })
  async agent(@Root() row: AgentSummaryType, @Ctx() ctx: GraphQLContext): Promise<AgentType> {
    const agent = await loaders(ctx).agent.load(row.agentId);
    if (!agent) throw new Error(`summary references a missing agent ${row.agentId}`);
    return toAgentType(agent, row.tenantId);
  }
}
