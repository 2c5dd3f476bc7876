/** The types of `Tenant.summary`: counts by agent, category and OS, changes, coverage. */
import { Field, Int, ObjectType } from "type-graphql";
import { AgentCategory } from "../../model/enums";
import { DateTimeScalar } from "./scalars";
import "./enums";

@ObjectType("InventorySummary", { description: "Counts over a tenant's inventory, for dashboards." })
export class InventorySummaryType {
  tenantId!: string;
  /** The tenant's inventory version, read once (when first needed) for all the aggregates selected. */
  inventoryVersion!: PromiseLike<number | null>;
}

@ObjectType("AgentSummary", { simpleResolvers: true, description: "Active installations of one agent." })
export class AgentSummaryType {
  agentId!: string;
  tenantId!: string;

  @Field(() => Int, { description: "Active installations." })
  installations!: number;

  @Field(() => Int, { description: "Devices with the agent." })
  devices!: number;

  @Field(() => Int, { description: "Attributed users with the agent." })
  users!: number;

  @Field(() => Int, {
    description:
      "The seat view: active installations used in the last 7 days (`Installation.activity` ACTIVE), " +
      "as of the last sync; compare with `installations`.",
  })
  activeInstallations7!: number;

  @Field(() => Int, {
    description: "Active installations used in the last 30 days (activity ACTIVE or IDLE).",
  })
  activeInstallations30!: number;

  @Field(() => Int, {
    description:
      "Distinct attributed users of installations used in the last 7 days (an installation no person " +
      "could be attributed to counts in `activeInstallations7` only).",
  })
  activeUsers7!: number;

  @Field(() => Int, { description: "Distinct attributed users of installations used in the last 30 days." })
  activeUsers30!: number;
}

@ObjectType("CategorySummary", {
  simpleResolvers: true,
  description: "Active installations of one agent category.",
})
export class CategorySummaryType {
  @Field(() => AgentCategory, { description: "The category." })
  category!: AgentCategory;

  @Field(() => Int, { description: "Active installations." })
  installations!: number;

  @Field(() => Int, { description: "Devices with an agent of the category." })
  devices!: number;
}

@ObjectType("OsSummary", { simpleResolvers: true, description: "Active installations on one OS platform." })
export class OsSummaryType {
  @Field(() => String, { nullable: true, description: "The OS platform; null when Defender did not say." })
  osPlatform!: string | null;

  @Field(() => Int, { description: "Active installations." })
  installations!: number;

  @Field(() => Int, { description: "Devices with at least one agent." })
  devices!: number;
}

@ObjectType("InstallationChanges", {
  simpleResolvers: true,
  description: "Installations that came and went in a window.",
})
export class InstallationChangesType {
  @Field(() => DateTimeScalar, { description: "Start of the window (inclusive)." })
  since!: Date;

  @Field(() => DateTimeScalar, { description: "End of the window (exclusive)." })
  until!: Date;

  @Field(() => Int, { description: "Installations first seen in the window." })
  installed!: number;

  @Field(() => Int, { description: "Installations removed in the window." })
  removed!: number;
}

@ObjectType("Coverage", {
  simpleResolvers: true,
  description:
    "How much of the fleet the inventory covers: devices with and without software data. Older duplicate " +
    "records of hosts onboarded to Defender again (`Device.potentialDuplicate`) are not counted.",
})
export class CoverageType {
  @Field(() => Int, { description: "Devices known." })
  devices!: number;

  @Field(() => Int, { description: "Devices Defender reported software for (covered)." })
  devicesWithSoftwareData!: number;

  @Field(() => Int, { description: "Devices with no software data yet: agents on them cannot be seen." })
  devicesWithoutSoftwareData!: number;

  @Field(() => Int, { description: "Devices with at least one active agent installation." })
  devicesWithAgents!: number;
}
