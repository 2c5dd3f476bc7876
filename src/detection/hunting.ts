// Advanced-hunting queries generated from the catalog, and the row shapes they return.
// Only the KQL subset the project supports (see tests): filters use in~/has_any lists from the
// catalog, summarizing happens in Defender, and rows are classified by the match* functions.
import { CATALOG, type AgentDefinition } from "./catalog";
import { markerVariants } from "./lookup";

export type HuntingSource = "PROCESS_EVENTS" | "FILE_EVENTS" | "AGENTS_INFO" | "BROWSER_EXTENSIONS";

export interface HuntingQuery {
  name: string;
  source: HuntingSource;
  kql: string;
}

export interface HuntingOptions {
  /** Events after this instant (incremental sync); otherwise the last `lookbackDays`. */
  since?: Date;
  /** Default and maximum 30: advanced hunting keeps 30 days. */
  lookbackDays?: number;
  /** Split event and inventory queries by DeviceId prefix to stay under the 100,000-row limit. */
  deviceShards?: number;
}

/** One row per device, user, image, folder and command-line marker (PROCESS_EVENTS query). */
export interface ProcessSummaryRow {
  DeviceId: string;
  DeviceName?: string;
  AccountUpn?: string;
  AccountDomain?: string;
  AccountName?: string;
  AccountSid?: string;
  FileName: string;
  FolderPath: string;
  /** The catalog command-line marker found in ProcessCommandLine, or "". */
  CommandLineMarker?: string;
  FirstSeen?: string | Date;
  LastSeen?: string | Date;
  /** ProcessVersionInfoProductVersion values (dynamic array). */
  Versions?: unknown;
}

/** One row per device, initiating user, file and action (FILE_EVENTS query). */
export interface FileSummaryRow {
  DeviceId: string;
  DeviceName?: string;
  InitiatingProcessAccountUpn?: string;
  InitiatingProcessAccountDomain?: string;
  InitiatingProcessAccountName?: string;
  InitiatingProcessAccountSid?: string;
  FolderPath: string;
  FileName: string;
  /** FileCreated, FileModified, FileRenamed, or FileDeleted (removal evidence). */
  ActionType?: string;
  FirstSeen?: string | Date;
  LastSeen?: string | Date;
}

/** Latest state per AgentId (AGENTS_INFO query). */
export interface AgentsInfoRow {
  AgentId: string;
  Name: string;
  Version?: string;
  LifecycleStatus?: string;
  Timestamp?: string | Date;
  /** JSON with `localAgentMetadata` (deviceName, aadDeviceId, account*, relatedProcess, …). */
  RawAgentInfo?: unknown;
}

/** DeviceTvmBrowserExtensions / BrowserExtensionsInventoryByMachine row (BROWSER_EXTENSIONS query). */
export interface BrowserExtensionRow {
  DeviceId: string;
  DeviceName?: string;
  BrowserName?: string;
  ExtensionId: string;
  ExtensionName?: string;
  ExtensionVersion?: string;
  IsActivated?: boolean | string;
}

/** Writes are presence evidence; deletions are removal evidence. */
const FILE_ACTIONS = ["FileCreated", "FileModified", "FileRenamed", "FileDeleted"];

export function buildHuntingQueries(options: HuntingOptions = {}): HuntingQuery[] {
  const days = Math.min(Math.max(Math.ceil(options.lookbackDays ?? 30), 1), 30);
  const time = options.since
    ? `Timestamp > datetime(${options.since.toISOString()})`
    : `Timestamp > ago(${days}d)`;
  const signals = collectSignals(CATALOG);
  const shards = shardConditions(options.deviceShards ?? 1);

  const perShard = (name: string, source: HuntingSource, build: (shard: string | null) => string[]) =>
    shards.map((shard, i) => ({
      name: shards.length > 1 ? `${name}-shard-${i + 1}-of-${shards.length}` : name,
      source,
      kql: build(shard).join("\n| "),
    }));

  return [
    ...perShard("process-events", "PROCESS_EVENTS", (shard) => [
      "DeviceProcessEvents",
      `where ${time}`,
      ...(shard ? [`where ${shard}`] : []),
      `where FileName in~ ${list(signals.images)} or FolderPath has_any ${list(signals.processFolders)}` +
        ` or ProcessCommandLine has_any ${list(signals.markers.flatMap(markerVariants))}`,
      `extend CommandLineMarker = ${markerExpression(signals.markers)}`,
      "summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp), Versions = make_set(ProcessVersionInfoProductVersion, 10)" +
        " by DeviceId, DeviceName, AccountUpn, AccountDomain, AccountName, AccountSid, FileName, FolderPath, CommandLineMarker",
    ]),
    ...perShard("file-events", "FILE_EVENTS", (shard) => [
      "DeviceFileEvents",
      `where ${time}`,
      ...(shard ? [`where ${shard}`] : []),
      `where ActionType in ${list(FILE_ACTIONS)}`,
      `where FileName in~ ${list(signals.rootFiles)}` +
        ` or (FileName in~ ${list(signals.nestedFiles)} and FolderPath has_any ${list(signals.fileFolders)})` +
        ` or (FileName =~ "package.json" and FolderPath has_any ${list(signals.ideExtensions)})` +
        ` or (FileName endswith ".jar" and FolderPath has_any ${list(signals.jetbrainsPlugins)})` +
        ` or FileName in~ ${list(signals.images)}`,
      "summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp) by DeviceId, DeviceName," +
        " InitiatingProcessAccountUpn, InitiatingProcessAccountDomain, InitiatingProcessAccountName," +
        " InitiatingProcessAccountSid, FolderPath, FileName, ActionType",
    ]),
    ...perShard("browser-extensions", "BROWSER_EXTENSIONS", (shard) => [
      "DeviceTvmBrowserExtensions",
      ...(shard ? [`where ${shard}`] : []),
      `where ExtensionId in~ ${list(signals.browserExtensions)}`,
      "project DeviceId, BrowserName, ExtensionId, ExtensionName, ExtensionVersion, IsActivated",
    ]),
    {
      // No DeviceId in AgentsInfo (device identity is inside RawAgentInfo), so it is not sharded.
      name: "agents-info",
      source: "AGENTS_INFO",
      kql: [
        "AgentsInfo",
        `where ${time}`,
        `where Platform == "LocalAgents"`,
        `where Name in~ ${list(signals.agentsInfoNames)}`,
        "summarize arg_max(Timestamp, *) by AgentId",
        "project AgentId, Name, Version, LifecycleStatus, Timestamp, RawAgentInfo",
      ].join("\n| "),
    },
  ];
}

/** Every value the queries filter on, derived from the catalog. */
function collectSignals(catalog: AgentDefinition[]) {
  const set = (values: string[]) => [...new Set(values.map((v) => v.toLowerCase()))].sort();
  const processes = catalog.flatMap((a) => a.processes ?? []);
  const files = catalog.flatMap((a) => a.files ?? []).map((f) => f.path.split("/"));
  const ideExtensions = set(catalog.flatMap((a) => a.ideExtensions ?? []));
  const jetbrainsPlugins = set(catalog.flatMap((a) => a.jetbrainsPlugins ?? []));
  return {
    images: set(processes.flatMap((p) => p.images ?? [])),
    // Folder-only rules, and native binaries shipped inside IDE extensions and plugins.
    processFolders: set([
      ...processes.flatMap((p) => (p.images ? [] : (p.folders ?? []))).flatMap(markerVariants),
      ...ideExtensions,
      ...jetbrainsPlugins,
    ]),
    // Longest first, so a marker that extends another (copilot-language-server) wins.
    markers: set(processes.flatMap((p) => p.commandLines ?? [])).sort((a, b) => b.length - a.length),
    rootFiles: set(files.filter((f) => f.length === 1).map((f) => f[0])),
    nestedFiles: set(files.filter((f) => f.length > 1).map((f) => f[f.length - 1])),
    // The whole folder part ("code/user", ".kiro/settings"): a lone first segment is too common.
    fileFolders: set(
      files.filter((f) => f.length > 1).flatMap((f) => markerVariants(f.slice(0, -1).join("/"))),
    ),
    ideExtensions,
    jetbrainsPlugins,
    browserExtensions: set(catalog.flatMap((a) => a.browserExtensions ?? [])),
    agentsInfoNames: [...new Set(catalog.flatMap((a) => (a.agentsInfo ?? []).map((n) => n.name)))].sort(),
  };
}

/** Nested iff() naming the first catalog marker present in the command line ("" when none). */
function markerExpression(markers: string[]): string {
  return markers.reduceRight(
    (otherwise, marker) =>
      `iff(ProcessCommandLine has_any ${list(markerVariants(marker))}, ${literal(marker)}, ${otherwise})`,
    '""',
  );
}

function list(values: string[]): string {
  return `(${values.map(literal).join(", ")})`;
}

/** Verbatim literals for Windows paths, so no escape sequences are needed. */
function literal(value: string): string {
  if (value.includes('"') || value.includes("'")) throw new Error(`Catalog value cannot be quoted: ${value}`);
  return value.includes("\\") ? `@'${value}'` : `"${value}"`;
}

/** DeviceId is hex: split the prefix space evenly into `count` groups of `startswith` tests. */
export function shardConditions(count: number): (string | null)[] {
  if (count <= 1) return [null];
  let width = 1;
  while (16 ** width < count) width++;
  const total = 16 ** width;
  const groups: string[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < total; i++) {
    groups[Math.floor((i * count) / total)].push(i.toString(16).padStart(width, "0"));
  }
  return groups.map((prefixes) => `(${prefixes.map((p) => `DeviceId startswith "${p}"`).join(" or ")})`);
}
