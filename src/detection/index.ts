// Detection: the AI coding agent catalog and pure matching functions (no I/O). Defender rows go in,
// detections with evidence come out; the hunting queries that feed the event matchers are generated
// from the same catalog.
export { CATALOG, CATALOG_VERSION, IDE_HOSTS, LOOK_ALIKES } from "./catalog";
export type { AgentDefinition, AgentsInfoName, FileRule, ProcessRule, SoftwareRule } from "./catalog";
export { buildHuntingQueries } from "./hunting";
export type {
  AgentsInfoRow,
  FileSummaryRow,
  HuntingOptions,
  HuntingQuery,
  HuntingSource,
  ProcessSummaryRow,
} from "./hunting";
export {
  matchAgentsInfo,
  matchBrowserExtensions,
  matchFileSummaries,
  matchHuntingRows,
  matchProcessSummaries,
  matchSoftwareRows,
} from "./matchers";
export type { ExtensionRow, SoftwareRow } from "./matchers";
export type * from "./types";
