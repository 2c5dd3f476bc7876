import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { DomainError, ErrorCode } from "../../auth/errors";
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

const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000;

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
    const rows = await ctx.services.inventory.summary.byAgent(
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
    return ctx.services.inventory.summary.byCategory(summary.tenantId, await summary.inventoryVersion);
  }

  @FieldResolver(() => [OsSummaryType], {
    description: "Active installations per OS platform.",
    complexity: AGGREGATE_COST,
  })
  async byOs(@Root() summary: InventorySummaryType, @Ctx() ctx: GraphQLContext): Promise<OsSummaryType[]> {
    return ctx.services.inventory.summary.byOs(summary.tenantId, await summary.inventoryVersion);
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
    const end = until ?? new Date();
    const start = since ?? new Date(end.getTime() - DEFAULT_WINDOW_MS);
    if (start >= end) throw new DomainError(ErrorCode.BAD_USER_INPUT, "`since` must be before `until`");
    const counts = await ctx.services.inventory.summary.changes(summary.tenantId, start, end);
    return { since: start, until: end, ...counts };
  }

  @FieldResolver(() => CoverageType, {
    description: "Devices covered by software data versus devices with none.",
    complexity: AGGREGATE_COST,
  })
  async coverage(@Root() summary: InventorySummaryType, @Ctx() ctx: GraphQLContext): Promise<CoverageType> {
    return ctx.services.inventory.summary.coverage(summary.tenantId, await summary.inventoryVersion);
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
