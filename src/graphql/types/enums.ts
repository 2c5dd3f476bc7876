/** Model enums exposed in the schema; every type and every value has a description. */
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

/** One description per value: `Record` makes a value added to the enum without one fail to compile. */
type Described<E extends string> = Record<E, { description: string }>;

export const described = <E extends string>(values: Record<E, string>): Described<E> =>
  Object.fromEntries(
    Object.entries<string>(values).map(([value, description]) => [value, { description }]),
  ) as Described<E>;

registerEnumType(Role, {
  name: "Role",
  description:
    "What an API key may do: per tenant VIEWER < OPERATOR < ADMIN, or PLATFORM_ADMIN across tenants.",
  valuesConfig: described<Role>({
    VIEWER: "Reads the tenant's inventory, syncs and integration.",
    OPERATOR: "A VIEWER who may also start syncs.",
    ADMIN:
      "An OPERATOR who may also connect or revoke Defender, manage API keys, set policies and the schedule, and read audit events.",
    PLATFORM_ADMIN: "Every tenant, with ADMIN in each; creates tenants.",
  }),
});
registerEnumType(IntegrationStatus, {
  name: "IntegrationStatus",
  description: "State of a tenant's Defender connection.",
  valuesConfig: described<IntegrationStatus>({
    NOT_CONNECTED: "Never connected: no consent was started.",
    PENDING_CONSENT: "A consent link was issued and an administrator has not completed it yet.",
    CONNECTED: "Consent granted with every permission the service needs; syncs run on schedule.",
    DEGRADED:
      "Consent granted, but some permissions are missing (see `missingPermissions`): syncs run and read what they can.",
    ERROR: "The last consent or token request failed (see `lastError`); connect again to recover.",
    REVOKED: "Disconnected by an ADMIN: no syncs run until it is connected again.",
  }),
});
registerEnumType(Cloud, {
  name: "Cloud",
  description: "The Microsoft cloud the tenant lives in; picks sign-in and API hosts.",
  valuesConfig: described<Cloud>({
    PUBLIC: "Microsoft's commercial cloud (login.microsoftonline.com).",
    GCC: "US Government Community Cloud: commercial sign-in, Defender's GCC API host.",
    GCC_HIGH: "US Government Community Cloud High (login.microsoftonline.us).",
    DOD: "US Department of Defense cloud (login.microsoftonline.us).",
  }),
});
registerEnumType(AgentCategory, {
  name: "AgentCategory",
  description: "What kind of product an AI coding agent is.",
  valuesConfig: described<AgentCategory>({
    IDE: "An editor built around an agent, e.g. Cursor or Windsurf.",
    IDE_EXTENSION: "An extension to an existing editor, e.g. GitHub Copilot in VS Code.",
    CLI: "A command-line agent, e.g. Claude Code or Codex CLI.",
    DESKTOP_APP: "A desktop application that is not an editor, e.g. the Claude or ChatGPT app.",
    TERMINAL: "A terminal emulator with an agent built in, e.g. Warp.",
    LOCAL_RUNTIME: "A runtime that serves models on the device, e.g. Ollama.",
  }),
});
registerEnumType(InstallationChannel, {
  name: "InstallationChannel",
  description: "How an agent is installed on a device.",
  valuesConfig: described<InstallationChannel>({
    DESKTOP_APP: "An installed application (an installer, a package or an app bundle).",
    CLI: "A command-line tool (a package manager's global install or a standalone binary).",
    IDE_EXTENSION: "An extension inside an editor.",
    BROWSER_EXTENSION: "A browser extension.",
  }),
});
registerEnumType(InstallationStatus, {
  name: "InstallationStatus",
  description:
    "Whether an installation is still present, by the newest evidence: a complete software inventory " +
    "read that no longer lists an app outranks process and file sightings older than its snapshot.",
  valuesConfig: described<InstallationStatus>({
    ACTIVE: "Present by the newest evidence.",
    REMOVED:
      "Gone: a FULL sync that read every source evidencing it to the end no longer found it (never set by a partial sync).",
  }),
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
  valuesConfig: described<InstallationEventType>({
    INSTALLED: "First seen.",
    REMOVED: "No longer found by a complete FULL sync.",
    VERSION_CHANGED: "Seen with another version than before.",
    REINSTALLED: "Seen again after it was removed.",
  }),
});
registerEnumType(EvidenceSource, {
  name: "EvidenceSource",
  description: "The Defender data that evidenced an installation.",
  valuesConfig: described<EvidenceSource>({
    SOFTWARE_INVENTORY: "Defender vulnerability management's software inventory.",
    BROWSER_EXTENSIONS: "Defender's browser extension inventory.",
    PROCESS_EVENTS: "Advanced hunting: a process the agent runs (DeviceProcessEvents).",
    FILE_EVENTS: "Advanced hunting: a file or folder the agent writes (DeviceFileEvents).",
    AGENTS_INFO: "Advanced hunting: Defender's own AI agent discovery.",
  }),
});
registerEnumType(SyncTrigger, {
  name: "SyncTrigger",
  description: "What started a sync.",
  valuesConfig: described<SyncTrigger>({
    SCHEDULE: "The tenant's sync interval came round.",
    MANUAL: "An OPERATOR called `triggerSync`.",
    CONSENT: "Admin consent was just granted (the first sync).",
  }),
});
registerEnumType(SyncMode, {
  name: "SyncMode",
  description: "FULL reads every source and reconciles removals; INCREMENTAL adds and refreshes only.",
  valuesConfig: described<SyncMode>({
    FULL: "Reads every source to the end and may mark installations REMOVED.",
    INCREMENTAL: "Reads what changed; adds and refreshes installations, never removes any.",
  }),
});
registerEnumType(SyncRunStatus, {
  name: "SyncRunStatus",
  description: "Where a sync run is in its life.",
  valuesConfig: described<SyncRunStatus>({
    QUEUED: "Waiting for a worker.",
    RUNNING: "A worker is reading Defender.",
    SUCCEEDED: "Every source was read to the end and the result written.",
    PARTIAL:
      "Written, but at least one source could not be read to the end (see `sources`): nothing was removed.",
    FAILED: "Nothing was written (see `error`); the next scheduled sync tries again.",
    CANCELLED: "Stopped (a revocation or shutdown) before it wrote anything.",
  }),
});
registerEnumType(AgentPolicyValue, {
  name: "AgentPolicy",
  description: "A tenant's stance on an agent.",
  valuesConfig: described<AgentPolicyValue>({
    SANCTIONED: "Allowed in this tenant.",
    UNSANCTIONED: "Not allowed in this tenant.",
    UNDER_REVIEW: "Being assessed; neither allowed nor forbidden yet.",
  }),
});
registerEnumType(ErrorCode, {
  name: "ErrorCode",
  description: "Machine-readable error codes (also used in `extensions.code`).",
  valuesConfig: described<ErrorCode>({
    UNAUTHENTICATED: "No API key, or one that is invalid, expired or revoked.",
    FORBIDDEN: "The key's role in the tenant does not allow this.",
    NOT_FOUND: "No such object, or one the caller may not see (the two are never told apart).",
    BAD_USER_INPUT: "An input was refused: the message says which and why.",
    CONFLICT: "The change conflicts with the current state (e.g. a sync for a tenant not yet connected).",
    THROTTLED: "Too many requests: retry after the `Retry-After` seconds.",
    QUERY_TOO_COMPLEX: "The query's computed cost exceeds the limit.",
    QUERY_TIMEOUT: "The query ran past the statement timeout.",
    GRAPHQL_PARSE_FAILED: "The document is not valid GraphQL syntax (or exceeds the token limit).",
    GRAPHQL_VALIDATION_FAILED: "The document does not match the schema (or exceeds depth or alias limits).",
    BAD_REQUEST: "The HTTP request itself is malformed (body, content type, missing preflight header).",
    INTERNAL_SERVER_ERROR: "An unexpected error; it is logged with the request id.",
    SERVICE_UNAVAILABLE: "The database is unreachable for the moment; retry shortly.",
  }),
});
