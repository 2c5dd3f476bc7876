// Advanced-hunting queries for MCP servers, generated from the agent and MCP catalogs in the same KQL
// subset and sharding as the agent queries (../hunting.ts), and the rows they return read into
// sightings. Processes: children and grandchildren of an agent or IDE host whose command line names
// MCP, a catalog package or a bridge. Network: connections from agent processes (or a bridge) to a
// catalog remote endpoint. Rows are summarized in Defender (one per device, user, host and command
// line or endpoint), so a shard stays far below the 100,000-row limit (see hunting.test.ts).
import { CATALOG, IDE_HOSTS } from "../catalog";
import { shardConditions, type HuntingOptions } from "../hunting";
import { hasColumns } from "../matchers";
import { MCP_BRIDGES, MCP_SERVERS } from "./catalog";
import type { HuntingRow } from "../../defender";
import {
  matchMcpConfigRows,
  MCP_CONFIG_FILE_NAMES,
  type McpConfigFileRow,
  type McpConfigFileSighting,
} from "./config-files";
import { parseMcpLaunch, remoteServer, type McpServerRef } from "./launch";
import type { UserRef } from "../types";

export type McpHuntingSource = "MCP_PROCESS_EVENTS" | "MCP_NETWORK_EVENTS" | "MCP_CONFIG_FILES";

export interface McpHuntingQuery {
  name: string;
  source: McpHuntingSource;
  kql: string;
}

/** One row per device, user, host process and MCP command line (MCP_PROCESS_EVENTS). */
export interface McpProcessRow {
  DeviceId: string;
  DeviceName?: string;
  AccountUpn?: string;
  AccountDomain?: string;
  AccountName?: string;
  AccountSid?: string;
  /** The agent or IDE process that started the server (or started its launcher). */
  HostFileName?: string;
  HostCommandLine?: string;
  ProcessCommandLine: string;
  FirstSeen?: string | Date;
  LastSeen?: string | Date;
}

/** One row per device, user, connecting process and remote URL (MCP_NETWORK_EVENTS). */
export interface McpNetworkRow {
  DeviceId: string;
  DeviceName?: string;
  InitiatingProcessAccountUpn?: string;
  InitiatingProcessAccountDomain?: string;
  InitiatingProcessAccountName?: string;
  InitiatingProcessAccountSid?: string;
  InitiatingProcessFileName?: string;
  InitiatingProcessCommandLine?: string;
  RemoteUrl: string;
  FirstSeen?: string | Date;
  LastSeen?: string | Date;
}

const lower = (values: string[]) => [...new Set(values.map((v) => v.toLowerCase()))].sort();

/** Executables of agents (`claude`, `cursor-agent`, `copilot`…) and of the IDEs that host them. */
const AGENT_IMAGES = lower(CATALOG.flatMap((a) => (a.processes ?? []).flatMap((p) => p.images ?? [])));
const IDE_IMAGES = lower(IDE_HOSTS.flatMap((h) => h.processes));
export const MCP_HOST_IMAGES = lower([...AGENT_IMAGES, ...IDE_IMAGES]);
/** npm packages of agents run as `node …` (Claude Code, Gemini CLI, Codex…): the host is in the command line. */
const AGENT_PACKAGES = lower(CATALOG.flatMap((a) => (a.processes ?? []).flatMap((p) => p.npm ?? [])));

/** Terms a launch's command line must have: "mcp" anywhere, or a catalog package, image or bridge. */
function launchTerms(): string[] {
  return lower([
    ...MCP_SERVERS.flatMap((s) => [
      ...(s.npm ?? []),
      ...(s.pypi ?? []),
      ...(s.images ?? []),
      ...(s.binaries ?? []),
    ]),
    ...MCP_BRIDGES.npm,
    ...MCP_BRIDGES.pypi,
  ]);
}

const REMOTE_HOSTS = lower(MCP_SERVERS.flatMap((s) => (s.remote ?? []).map((r) => r.host)));

export function buildMcpHuntingQueries(options: HuntingOptions = {}): McpHuntingQuery[] {
  const days = Math.min(Math.max(Math.ceil(options.lookbackDays ?? 30), 1), 30);
  const time = options.since
    ? `Timestamp > datetime(${options.since.toISOString()})`
    : `Timestamp > ago(${days}d)`;
  const shards = shardConditions(options.deviceShards ?? 1);
  const perShard = (name: string, source: McpHuntingSource, build: (shard: string | null) => string[]) =>
    shards.map((shard, i) => ({
      name: shards.length > 1 ? `${name}-shard-${i + 1}-of-${shards.length}` : name,
      source,
      kql: build(shard).join("\n| "),
    }));
  const hosts = list(MCP_HOST_IMAGES);
  const agentPackages = list(AGENT_PACKAGES);
  const byHost = (prefix: string) =>
    `${prefix}FileName in~ ${hosts} or ${prefix}CommandLine has_any ${agentPackages}`;
  return [
    ...perShard("mcp-process-events", "MCP_PROCESS_EVENTS", (shard) => [
      "DeviceProcessEvents",
      `where ${time}`,
      ...(shard ? [`where ${shard}`] : []),
      `where ProcessCommandLine contains "mcp" or ProcessCommandLine has_any ${list(launchTerms())}`,
      // Started by an agent or IDE, or by a launcher (npx, cmd) it started.
      `where ${byHost("InitiatingProcess")} or InitiatingProcessParentFileName in~ ${hosts}`,
      `extend HostFileName = iff(InitiatingProcessParentFileName in~ ${hosts}, InitiatingProcessParentFileName, InitiatingProcessFileName)`,
      "summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp), arg_max(Timestamp, InitiatingProcessCommandLine)" +
        " by DeviceId, DeviceName, AccountUpn, AccountDomain, AccountName, AccountSid, HostFileName, ProcessCommandLine",
      "project DeviceId, DeviceName, AccountUpn, AccountDomain, AccountName, AccountSid, HostFileName," +
        " HostCommandLine = InitiatingProcessCommandLine, ProcessCommandLine, FirstSeen, LastSeen",
    ]),
    ...perShard("mcp-network-events", "MCP_NETWORK_EVENTS", (shard) => [
      "DeviceNetworkEvents",
      `where ${time}`,
      ...(shard ? [`where ${shard}`] : []),
      `where ActionType in ("ConnectionSuccess", "ConnectionAttempt")`,
      `where RemoteUrl has_any ${list(REMOTE_HOSTS)}`,
      `where ${byHost("InitiatingProcess")} or InitiatingProcessCommandLine has_any ${list(lower([...MCP_BRIDGES.npm, ...MCP_BRIDGES.pypi]))}`,
      "summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp)" +
        " by DeviceId, DeviceName, InitiatingProcessAccountUpn, InitiatingProcessAccountDomain," +
        " InitiatingProcessAccountName, InitiatingProcessAccountSid, InitiatingProcessFileName, InitiatingProcessCommandLine, RemoteUrl",
    ]),
    ...perShard("mcp-config-files", "MCP_CONFIG_FILES", (shard) => [
      "DeviceFileEvents",
      `where ${time}`,
      ...(shard ? [`where ${shard}`] : []),
      `where ActionType in ("FileCreated", "FileModified", "FileRenamed", "FileDeleted")`,
      `where FileName in~ ${list(MCP_CONFIG_FILE_NAMES)}`,
      "summarize LastChanged = max(Timestamp)" +
        " by DeviceId, DeviceName, InitiatingProcessAccountUpn, InitiatingProcessAccountDomain," +
        " InitiatingProcessAccountName, InitiatingProcessAccountSid, FolderPath, FileName, ActionType",
    ]),
  ];
}

function list(values: string[]): string {
  for (const v of values) if (/["'\\]/.test(v)) throw new Error(`Catalog value cannot be quoted: ${v}`);
  return `(${values.map((v) => `"${v}"`).join(", ")})`;
}

export type McpEvidenceSource = "PROCESS_EVENTS" | "NETWORK_EVENTS";

/** One MCP server seen on a device, by a person, under an agent: everything in it is redacted. */
export interface McpSighting {
  server: McpServerRef;
  evidence: McpEvidenceSource;
  machineId: string;
  deviceName?: string;
  user: UserRef | null;
  /** The agent the host process is (by catalog), or the agent IDE it is; null for a shared IDE (VS Code). */
  agentKey: string | null;
  /** The host's executable, lowercase. */
  hostProcess: string | null;
  version: string | null;
  pinned: boolean | null;
  remoteUrl: string | null;
  arguments: string | null;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
}

const agentByImage = new Map<string, string>();
for (const agent of CATALOG)
  for (const rule of agent.processes ?? [])
    for (const image of rule.images ?? [])
      if (!agentByImage.has(image.toLowerCase())) agentByImage.set(image.toLowerCase(), agent.key);
const agentByPackage = CATALOG.flatMap((a) =>
  (a.processes ?? []).flatMap((p) => (p.npm ?? []).map((n) => [n.toLowerCase(), a.key] as const)),
);
const agentKeys = new Set(CATALOG.map((a) => a.key));
const ideByImage = new Map(IDE_HOSTS.flatMap((h) => h.processes.map((p) => [p, h.key] as const)));

/** The agent a host process is: its own executable, an agent IDE, or an agent package run by node. */
export function agentOfHost(fileName: string | undefined, commandLine: string | undefined): string | null {
  const image = (fileName ?? "").toLowerCase();
  const byImage = agentByImage.get(image);
  if (byImage) return byImage;
  const ide = ideByImage.get(image);
  if (ide && agentKeys.has(ide)) return ide;
  const text = (commandLine ?? "").toLowerCase().replaceAll("\\", "/");
  return agentByPackage.find(([name]) => text.includes(name))?.[1] ?? null;
}

function toDate(value: string | Date | undefined): Date | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function userOf(upn?: string, accountName?: string, accountDomain?: string, sid?: string): UserRef | null {
  const user: UserRef = {};
  if (upn) user.upn = upn;
  if (accountName) user.accountName = accountName;
  if (accountDomain) user.accountDomain = accountDomain;
  if (sid) user.sid = sid;
  return Object.keys(user).length ? user : null;
}

export function matchMcpProcessRows(rows: Iterable<McpProcessRow>): McpSighting[] {
  const out: McpSighting[] = [];
  for (const row of rows) {
    const launch = parseMcpLaunch(row.ProcessCommandLine ?? "");
    if (!launch) continue;
    const { version, pinned, remoteUrl, arguments: args, ...server } = launch;
    out.push({
      server,
      evidence: "PROCESS_EVENTS",
      machineId: row.DeviceId,
      deviceName: row.DeviceName,
      user: userOf(row.AccountUpn, row.AccountName, row.AccountDomain, row.AccountSid),
      agentKey: agentOfHost(row.HostFileName, row.HostCommandLine),
      hostProcess: row.HostFileName?.toLowerCase() || null,
      version,
      pinned,
      remoteUrl,
      arguments: args || null,
      firstSeenAt: toDate(row.FirstSeen),
      lastSeenAt: toDate(row.LastSeen),
    });
  }
  return out;
}

export function matchMcpNetworkRows(rows: Iterable<McpNetworkRow>): McpSighting[] {
  const out: McpSighting[] = [];
  for (const row of rows) {
    const server = remoteServer(row.RemoteUrl ?? "");
    if (!server) continue;
    out.push({
      server,
      evidence: "NETWORK_EVENTS",
      machineId: row.DeviceId,
      deviceName: row.DeviceName,
      user: userOf(
        row.InitiatingProcessAccountUpn,
        row.InitiatingProcessAccountName,
        row.InitiatingProcessAccountDomain,
        row.InitiatingProcessAccountSid,
      ),
      agentKey: agentOfHost(row.InitiatingProcessFileName, row.InitiatingProcessCommandLine),
      hostProcess: row.InitiatingProcessFileName?.toLowerCase() || null,
      version: null,
      pinned: null,
      remoteUrl: null,
      arguments: null,
      firstSeenAt: toDate(row.FirstSeen),
      lastSeenAt: toDate(row.LastSeen),
    });
  }
  return out;
}

/** What the MCP hunting queries' rows show: servers seen (launches, connections) and config files. */
export interface McpFindings {
  sightings: McpSighting[];
  configFiles: McpConfigFileSighting[];
}

/** Columns a row of each MCP query must carry as text to be read at all. */
const MCP_REQUIRED_COLUMNS: Record<McpHuntingSource, readonly string[]> = {
  MCP_PROCESS_EVENTS: ["DeviceId", "ProcessCommandLine"],
  MCP_NETWORK_EVENTS: ["DeviceId", "RemoteUrl"],
  MCP_CONFIG_FILES: ["DeviceId", "FileName"],
};

/**
 * The rows of one MCP hunting query (buildMcpHuntingQueries) as the connector returns them; a row
 * missing an identifying column is skipped.
 */
export function matchMcpHuntingRows(source: McpHuntingSource, rows: HuntingRow[]): McpFindings {
  const required = MCP_REQUIRED_COLUMNS[source];
  if (source === "MCP_CONFIG_FILES")
    return {
      sightings: [],
      configFiles: matchMcpConfigRows(rows.filter((r) => hasColumns<McpConfigFileRow>(r, required))),
    };
  const sightings =
    source === "MCP_PROCESS_EVENTS"
      ? matchMcpProcessRows(rows.filter((r) => hasColumns<McpProcessRow>(r, required)))
      : matchMcpNetworkRows(rows.filter((r) => hasColumns<McpNetworkRow>(r, required)));
  return { sightings, configFiles: [] };
}
