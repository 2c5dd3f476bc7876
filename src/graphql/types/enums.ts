/** Model enums exposed in the schema, each with a description. */
import { registerEnumType } from "type-graphql";
import {
  AgentCategory,
  AgentPolicyValue,
  Cloud,
  EvidenceSource,
  InstallationActivity,
  InstallationChannel,
  InstallationEventType,
  InstallationStatus,
  IntegrationStatus,
  Role,
  SyncMode,
  SyncRunStatus,
  SyncTrigger,
} from "../../model/enums";
import { ErrorCode } from "../../model/errors";

registerEnumType(Role, {
  name: "Role",
  description:
    "What an API key may do: per tenant VIEWER < OPERATOR < ADMIN, or PLATFORM_ADMIN across tenants.",
});
registerEnumType(IntegrationStatus, {
  name: "IntegrationStatus",
  description: "State of a tenant's Defender connection.",
});
registerEnumType(Cloud, {
  name: "Cloud",
  description: "The Microsoft cloud the tenant lives in; picks sign-in and API hosts.",
});
registerEnumType(AgentCategory, {
  name: "AgentCategory",
  description: "What kind of product an AI coding agent is.",
});
registerEnumType(InstallationChannel, {
  name: "InstallationChannel",
  description: "How an agent is installed on a device.",
});
registerEnumType(InstallationStatus, {
  name: "InstallationStatus",
  description:
    "Whether an installation is still present, by the newest evidence: a complete software inventory " +
    "read that no longer lists an app outranks process and file sightings older than its snapshot.",
});
registerEnumType(InstallationActivity, {
  name: "InstallationActivity",
  description: 'Whether an installation is used (see `Installation.activity`; README "Activity").',
  valuesConfig: {
    ACTIVE: { description: "Used on at least one of the last 7 UTC days." },
    IDLE: { description: "Used within the 30-day hunting window, but not in the last 7 days." },
    NO_USE_SEEN: {
      description: "No use evidence in the 30-day window (installed and never opened, or unused for longer).",
    },
  },
});
registerEnumType(InstallationEventType, {
  name: "InstallationEventType",
  description: "A change to an installation.",
});
registerEnumType(EvidenceSource, {
  name: "EvidenceSource",
  description: "The Defender data that evidenced an installation.",
});
registerEnumType(SyncTrigger, { name: "SyncTrigger", description: "What started a sync." });
registerEnumType(SyncMode, {
  name: "SyncMode",
  description: "FULL reads every source and reconciles removals; INCREMENTAL adds and refreshes only.",
});
registerEnumType(SyncRunStatus, { name: "SyncRunStatus", description: "Where a sync run is in its life." });
registerEnumType(AgentPolicyValue, { name: "AgentPolicy", description: "A tenant's stance on an agent." });
registerEnumType(ErrorCode, {
  name: "ErrorCode",
  description: "Machine-readable error codes (also used in `extensions.code`).",
});
