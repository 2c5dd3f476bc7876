// MCP configuration files as evidence that servers are configured: the agent catalog's config files
// whose path names MCP (`~/.cursor/mcp.json`, `…/settings/cline_mcp_settings.json`, `~/.kiro/settings/
// mcp.json`…), read from DeviceFileEvents with when each last changed. Defender records that a file was
// written, never what it holds: which servers a file configures is not known (docs/mcp-servers.md).
import { CATALOG } from "../catalog";
import { joinFile } from "../paths";
import type { UserRef } from "../types";

/** One row per device, writer account, file and action (MCP_CONFIG_FILES). */
export interface McpConfigFileRow {
  DeviceId: string;
  DeviceName?: string;
  InitiatingProcessAccountUpn?: string;
  InitiatingProcessAccountDomain?: string;
  InitiatingProcessAccountName?: string;
  InitiatingProcessAccountSid?: string;
  FolderPath: string;
  FileName: string;
  ActionType?: string;
  LastChanged?: string | Date;
}

export interface McpConfigFileSighting {
  machineId: string;
  deviceName?: string;
  user: UserRef | null;
  agentKey: string;
  /** The file's path as Defender records it. */
  path: string;
  lastChangedAt: Date;
  /** The newest event deleted it. */
  deleted: boolean;
}

/** The catalog's MCP config files (trailing path segments, lowercase) and their agents, longest first. */
export const MCP_CONFIG_FILES = CATALOG.flatMap((agent) =>
  (agent.files ?? [])
    .filter((file) => /mcp/i.test(file.path))
    .map((file) => ({ agentKey: agent.key, path: file.path.toLowerCase() })),
).sort((a, b) => b.path.length - a.path.length);

/** File names the query keeps (the rows are then matched by their whole trailing path). */
export const MCP_CONFIG_FILE_NAMES = [
  ...new Set(MCP_CONFIG_FILES.map((f) => f.path.split("/").pop()!)),
].sort();

export function matchMcpConfigRows(rows: Iterable<McpConfigFileRow>): McpConfigFileSighting[] {
  const out: McpConfigFileSighting[] = [];
  for (const row of rows) {
    const path = joinFile(row.FolderPath ?? "", row.FileName);
    const rule = MCP_CONFIG_FILES.find((f) => path.endsWith(`/${f.path}/`));
    const lastChangedAt = row.LastChanged ? new Date(row.LastChanged) : undefined;
    if (!rule || !lastChangedAt || Number.isNaN(lastChangedAt.getTime())) continue;
    const user: UserRef = {};
    if (row.InitiatingProcessAccountUpn) user.upn = row.InitiatingProcessAccountUpn;
    if (row.InitiatingProcessAccountName) user.accountName = row.InitiatingProcessAccountName;
    if (row.InitiatingProcessAccountDomain) user.accountDomain = row.InitiatingProcessAccountDomain;
    if (row.InitiatingProcessAccountSid) user.sid = row.InitiatingProcessAccountSid;
    const folder = row.FolderPath ?? "";
    out.push({
      machineId: row.DeviceId,
      deviceName: row.DeviceName,
      user: Object.keys(user).length ? user : null,
      agentKey: rule.agentKey,
      // Defender's FolderPath of a file event is the file's own path on some platforms, its folder on others.
      path: folder.toLowerCase().endsWith(row.FileName.toLowerCase())
        ? folder
        : `${folder}${folder.includes("\\") ? "\\" : "/"}${row.FileName}`,
      lastChangedAt,
      deleted: row.ActionType === "FileDeleted",
    });
  }
  return out;
}
