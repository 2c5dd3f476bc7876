/** The `Installation` type (with its evidence), its relations and its connection. */
import { Field, Float, Int, ObjectType } from "type-graphql";
import {
  EvidenceSource,
  InstallationActivity,
  InstallationChannel,
  InstallationStatus,
} from "../../model/enums";
import type { EvidenceRecord } from "../../model/installation.entity";
import type { DeviceRow, InstallationRow, UserRow } from "../../store";
import { connectionType, Node, toGlobalId } from "../relay";
import { AgentType } from "./agent.type";
import { DeviceType } from "./device.type";
import { DateTimeScalar, type Instant } from "./scalars";
import { TenantType } from "./tenant.type";
import { UserType } from "./user.type";
import "./enums";

@ObjectType("EvidenceIdentifier", { simpleResolvers: true, description: "One raw identifier that matched." })
export class EvidenceIdentifier {
  @Field({ description: "What the value is, e.g. `softwareVendor`, `imageName`, `extensionId`." })
  key!: string;

  @Field({ description: "The value Defender reported." })
  value!: string;
}

@ObjectType("Evidence", {
  simpleResolvers: true,
  description: "Why an installation exists: which Defender source said so, with the raw identifiers.",
})
export class EvidenceType {
  @Field(() => EvidenceSource, { description: "The Defender data that reported it." })
  source!: EvidenceSource;

  @Field(() => [EvidenceIdentifier], { description: "The raw identifiers that matched the catalog." })
  identifiers!: EvidenceIdentifier[];

  @Field(() => Float, { description: "How sure the match is, from 0 to 1." })
  confidence!: number;

  @Field({ description: "The catalog version that matched." })
  catalogVersion!: string;

  @Field(() => DateTimeScalar, { description: "When this source first reported it." })
  firstSeenAt!: Date;

  @Field(() => DateTimeScalar, { description: "When this source last reported it." })
  lastSeenAt!: Date;
}

/**
 * How an installation reaches its agent, device and user in the current request (loaders, the cached
 * catalog, rows joined into the page). The relations are getters rather than type-graphql field
 * resolvers: a page of 100 resolves 300 of them, and a getter costs no per-call wrapper.
 */
export interface InstallationRelations {
  agent(installation: InstallationType): AgentType | Promise<AgentType>;
  device(installation: InstallationType): DeviceType | Promise<DeviceType>;
  user(installation: InstallationType): UserType | null | Promise<UserType | null>;
  tenant(installation: InstallationType): TenantType;
}

@ObjectType("Installation", {
  implements: Node,
  simpleResolvers: true,
  description: "An agent on a device (for a user when one can be attributed), through one channel.",
})
export class InstallationType extends Node {
  tenantId!: string;
  installationId!: string;
  agentId!: string;
  deviceId!: string;
  userId!: string | null;
  rawEvidence!: EvidenceRecord[];
  relations!: InstallationRelations;
  /** Device and user read with the installation (the joined page). */
  joined?: { device: DeviceRow; user: UserRow | null };

  @Field(() => AgentType, { description: "The agent installed." })
  get agent(): AgentType | Promise<AgentType> {
    return this.relations.agent(this);
  }

  @Field(() => DeviceType, { description: "The device it is installed on." })
  get device(): DeviceType | Promise<DeviceType> {
    return this.relations.device(this);
  }

  @Field(() => UserType, {
    nullable: true,
    description: "The user it belongs to; null when no user can be attributed.",
  })
  get user(): UserType | null | Promise<UserType | null> {
    return this.relations.user(this);
  }

  @Field(() => TenantType, { description: "The tenant this installation belongs to." })
  get tenant(): TenantType {
    return this.relations.tenant(this);
  }

  @Field(() => [EvidenceType], {
    description: "Which Defender sources said so, with the raw identifiers that matched.",
  })
  get evidence(): EvidenceType[] {
    return (this.rawEvidence ?? []).map(toEvidenceType);
  }

  @Field(() => InstallationChannel, { description: "How the agent is installed." })
  channel!: InstallationChannel;

  @Field(() => [String], { description: "For IDE extensions: the IDEs hosting it, e.g. `vscode`, `cursor`." })
  hostIdes!: string[];

  @Field(() => String, { nullable: true, description: "The installed version, when known." })
  version!: string | null;

  @Field(() => InstallationStatus, {
    description:
      "ACTIVE, or REMOVED after a complete sync (every source that reported it read to the end) found no " +
      "current evidence of it. The newest evidence wins: an app a complete software inventory read no " +
      "longer lists is REMOVED even if its process ran earlier in the 30-day hunting window, unless a " +
      "sighting is newer than that inventory's snapshot (the device's last full report to Defender); a " +
      "REMOVED installation becomes ACTIVE again only on evidence newer than its removal.",
  })
  status!: InstallationStatus;

  @Field(() => DateTimeScalar, { description: "When it was first seen." })
  firstSeenAt!: Instant;

  @Field(() => DateTimeScalar, { description: "When it was last seen." })
  lastSeenAt!: Instant;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When a sync marked it removed (see `status` for the rule); null while ACTIVE.",
  })
  removedAt!: Instant | null;

  @Field(() => InstallationActivity, {
    description:
      "Whether it is used, as of the tenant's last sync: ACTIVE with use on one of the last 7 UTC days, " +
      "IDLE with use in the 30-day hunting window but not in the last 7 days, NO_USE_SEEN with no use " +
      "evidence in the window. Use is the agent's own process running, an IDE's extension host running " +
      "the extension, or the agent writing its data or config files; installers, install/update/removal " +
      "commands and the files they write are install, not use, and AgentsInfo reports presence only.",
  })
  activity!: InstallationActivity;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "The newest use evidence ever read (see `activity`); may be older than the hunting window. Null: none seen.",
  })
  lastUsedAt!: Instant | null;

  @Field(() => Int, { description: "Distinct UTC days with use in the last 7 days, as of the last sync." })
  activeDays7!: number;

  @Field(() => Int, { description: "Distinct UTC days with use in the last 30 days, as of the last sync." })
  activeDays30!: number;
}

export const InstallationConnection = connectionType("Installation", InstallationType);

export function toInstallationType(row: InstallationRow, relations: InstallationRelations): InstallationType {
  return Object.assign(new InstallationType(), {
    relations,
    id: toGlobalId("Installation", row.tenantId, row.id),
    tenantId: row.tenantId,
    installationId: row.id,
    agentId: row.agentId,
    deviceId: row.deviceId,
    userId: row.userId,
    rawEvidence: row.evidence,
    channel: row.channel,
    hostIdes: row.hostIdes,
    version: row.version,
    status: row.status,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    removedAt: row.removedAt,
    activity: row.activity,
    lastUsedAt: row.lastUsedAt,
    activeDays7: row.activeDays7,
    activeDays30: row.activeDays30,
  });
}

export function toEvidenceType(record: EvidenceRecord): EvidenceType {
  return {
    source: record.source,
    identifiers: Object.entries(record.identifiers ?? {}).map(([key, value]) => ({
      key,
      value: String(value),
    })),
    confidence: record.confidence,
    catalogVersion: record.catalogVersion,
    firstSeenAt: new Date(record.firstSeenAt),
    lastSeenAt: new Date(record.lastSeenAt),
  };
}
