/** The `SyncRun` type: status, stats, per-source results and progress; and its connection. */
import { Field, Int, ObjectType } from "type-graphql";
import { SyncMode, SyncRunStatus, SyncTrigger } from "../../model/enums";
import type { SyncRunRow } from "../../store";
import { connectionType, Node, toGlobalId } from "../relay";
import { DateTimeScalar } from "./scalars";
import "./enums";

@ObjectType("SyncStats", { simpleResolvers: true, description: "What a sync read and changed." })
export class SyncStatsType {
  @Field(() => Int, { description: "Devices read." })
  devices!: number;

  @Field(() => Int, { description: "Devices found stale." })
  staleDevices!: number;

  @Field(() => Int, { description: "Users read." })
  users!: number;

  @Field(() => Int, { description: "Installations created." })
  installationsNew!: number;

  @Field(() => Int, { description: "Installations updated." })
  installationsUpdated!: number;

  @Field(() => Int, { description: "Installations marked removed." })
  installationsRemoved!: number;

  @Field(() => Int, { description: "Defender and Graph API calls made." })
  apiCalls!: number;

  @Field(() => Int, { description: "API calls answered with 429 (throttled)." })
  throttledCalls!: number;

  @Field(() => Int, { description: "Source rows read." })
  rowsRead!: number;

  @Field(() => Int, { description: "Source rows skipped as unreadable." })
  rowsSkipped!: number;
}

const EMPTY_STATS: SyncStatsType = {
  devices: 0,
  staleDevices: 0,
  users: 0,
  installationsNew: 0,
  installationsUpdated: 0,
  installationsRemoved: 0,
  apiCalls: 0,
  throttledCalls: 0,
  rowsRead: 0,
  rowsSkipped: 0,
};

@ObjectType("SyncSourceResult", {
  simpleResolvers: true,
  description: "The outcome of one Defender source in a sync.",
})
export class SyncSourceResultType {
  @Field({ description: "The source, e.g. `machines`, `softwareInventory`, `agentsInfo`." })
  source!: string;

  @Field({ description: "True when the source was read to the end." })
  complete!: boolean;

  @Field(() => Int, { description: "Rows read." })
  rowsRead!: number;

  @Field(() => Int, { description: "Rows skipped as unreadable." })
  rowsSkipped!: number;

  @Field(() => Int, { description: "API calls made." })
  apiCalls!: number;

  @Field(() => Int, { description: "API calls throttled." })
  throttledCalls!: number;

  @Field(() => String, { nullable: true, description: "Why the source failed, if it did." })
  error!: string | null;

  @Field(() => Int, { description: "How long reading the source took, in milliseconds." })
  durationMs!: number;
}

@ObjectType("SyncProgress", { simpleResolvers: true, description: "Where a running sync is." })
export class SyncProgressType {
  @Field({ description: "The current phase, e.g. `machines`, `software`, `reconcile`." })
  phase!: string;

  @Field(() => Int, { description: "Rows read so far." })
  rowsRead!: number;

  @Field(() => String, { nullable: true, description: "More detail on the phase." })
  detail!: string | null;
}

@ObjectType("SyncRun", {
  implements: Node,
  simpleResolvers: true,
  description: "One sync of a tenant with Defender: a record whatever the outcome, updated while it runs.",
})
export class SyncRunType extends Node {
  tenantId!: string;

  @Field(() => SyncRunStatus, { description: "Where the run is in its life." })
  status!: SyncRunStatus;

  @Field(() => SyncTrigger, { description: "What started it." })
  trigger!: SyncTrigger;

  @Field(() => SyncMode, { description: "FULL or INCREMENTAL." })
  mode!: SyncMode;

  @Field(() => DateTimeScalar, { description: "When it was queued." })
  queuedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it started running." })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it finished." })
  finishedAt!: Date | null;

  @Field(() => SyncStatsType, { description: "What it read and changed (zeros until it reports)." })
  stats!: SyncStatsType;

  @Field(() => [SyncSourceResultType], { description: "Per Defender source: complete or not, rows, error." })
  sources!: SyncSourceResultType[];

  @Field(() => SyncProgressType, { nullable: true, description: "Progress while running." })
  progress!: SyncProgressType | null;

  @Field(() => String, { nullable: true, description: "Why it failed, if it did." })
  error!: string | null;
}

export const SyncRunConnection = connectionType("SyncRun", SyncRunType);

export function toSyncRunType(row: SyncRunRow): SyncRunType {
  return Object.assign(new SyncRunType(), {
    id: toGlobalId("SyncRun", row.tenantId, row.id),
    tenantId: row.tenantId,
    status: row.status,
    trigger: row.trigger,
    mode: row.mode,
    queuedAt: row.queuedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    stats: { ...EMPTY_STATS, ...row.stats },
    sources: row.sources ?? [],
    progress: row.progress ? { detail: null, ...row.progress } : null,
    error: row.error,
  });
}
