// The MCP hunting queries: their shape, window and shards, and what they return over event rows
// written here as Defender records them (the simulator's KQL evaluator runs them).
import { runPipeline } from "../../simulator/kql/evaluate";
import { parseQuery } from "../../simulator/kql/parser";
import { TABLES } from "../../simulator/kql/tables";
import {
  buildMcpHuntingQueries,
  matchMcpConfigRows,
  matchMcpNetworkRows,
  matchMcpProcessRows,
  type McpConfigFileRow,
  type McpHuntingSource,
} from ".";
import type { McpNetworkRow, McpProcessRow } from "./hunting";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const at = (daysAgo: number) => new Date(NOW - daysAgo * 86_400_000);

function run(source: McpHuntingSource, rows: Record<string, unknown>[]) {
  const query = buildMcpHuntingQueries().find((q) => q.source === source)!;
  const table = TABLES[query.kql.split("\n")[0]];
  const complete = rows.map((row) =>
    Object.fromEntries(table.columns.map((c) => [c.name, row[c.name] ?? null])),
  );
  return [...runPipeline(parseQuery(query.kql), { schema: table.columns, rows: complete }, NOW).rows];
}

const device = { DeviceId: "4f2a91c0", DeviceName: "win-7", AccountName: "jdoe", AccountDomain: "contoso" };

describe("buildMcpHuntingQueries", () => {
  it("reads process and network events over the last 30 days by default, from an instant, or sharded", () => {
    const queries = buildMcpHuntingQueries();
    expect(queries.map((q) => [q.name, q.source])).toEqual([
      ["mcp-process-events", "MCP_PROCESS_EVENTS"],
      ["mcp-network-events", "MCP_NETWORK_EVENTS"],
      ["mcp-config-files", "MCP_CONFIG_FILES"],
    ]);
    for (const q of queries) expect(q.kql).toContain("where Timestamp > ago(30d)");
    const since = buildMcpHuntingQueries({ since: new Date("2026-11-20T06:00:00Z") });
    expect(since[0].kql).toContain("Timestamp > datetime(2026-11-20T06:00:00.000Z)");
    const sharded = buildMcpHuntingQueries({ deviceShards: 10 });
    expect(sharded).toHaveLength(30);
    expect(sharded[0].name).toBe("mcp-process-events-shard-1-of-10");
    expect(sharded[0].kql).toContain(`where (DeviceId startswith "0" or DeviceId startswith "1")`);
  });

  it("summarizes launches in Defender: one row per device, person, host and command line", () => {
    const launch = {
      ...device,
      FileName: "npx.cmd",
      ProcessCommandLine: "npx -y @modelcontextprotocol/server-memory",
      InitiatingProcessFileName: "claude.exe",
      InitiatingProcessCommandLine: '"C:\\Users\\jdoe\\.local\\bin\\claude.exe"',
    };
    const rows = run("MCP_PROCESS_EVENTS", [
      { ...launch, Timestamp: at(9) },
      { ...launch, Timestamp: at(2) },
      // Not started by an agent: the same command in a terminal is the person's, not an agent's.
      {
        ...launch,
        Timestamp: at(1),
        InitiatingProcessFileName: "pwsh.exe",
        InitiatingProcessCommandLine: "pwsh",
      },
      // An agent's tool run that is no MCP server.
      { ...launch, Timestamp: at(1), ProcessCommandLine: "git status" },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      HostFileName: "claude.exe",
      ProcessCommandLine: launch.ProcessCommandLine,
    });
    const [sighting] = matchMcpProcessRows(rows as unknown as McpProcessRow[]);
    expect(sighting).toMatchObject({ agentKey: "claude-code", server: { key: "mcp-memory" } });
    expect(sighting.firstSeenAt).toEqual(at(9));
    expect(sighting.lastSeenAt).toEqual(at(2));
  });

  it("follows the parent chain one step: a launcher's child whose grandparent is the agent", () => {
    const rows = run("MCP_PROCESS_EVENTS", [
      {
        ...device,
        Timestamp: at(3),
        FileName: "node.exe",
        ProcessCommandLine:
          '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npx-cli.js" -y @playwright/mcp@latest',
        InitiatingProcessFileName: "cmd.exe",
        InitiatingProcessCommandLine: 'cmd.exe /d /s /c "npx -y @playwright/mcp@latest"',
        InitiatingProcessParentFileName: "Cursor.exe",
      },
    ]);
    expect(rows).toHaveLength(1);
    expect(matchMcpProcessRows(rows as unknown as McpProcessRow[])[0]).toMatchObject({
      agentKey: "cursor",
      hostProcess: "cursor.exe",
      server: { key: "playwright", launcher: "NPX" },
      version: "latest",
      pinned: false,
    });
  });

  it("keeps connections of agents to remote MCP endpoints, not to their own APIs", () => {
    const connection = {
      DeviceId: device.DeviceId,
      DeviceName: device.DeviceName,
      ActionType: "ConnectionSuccess",
      InitiatingProcessFileName: "claude",
      InitiatingProcessAccountName: "jdoe",
    };
    const rows = run("MCP_NETWORK_EVENTS", [
      { ...connection, Timestamp: at(4), RemoteUrl: "mcp.linear.app" },
      { ...connection, Timestamp: at(4), RemoteUrl: "api.anthropic.com" },
      {
        ...connection,
        Timestamp: at(4),
        RemoteUrl: "mcp.linear.app",
        InitiatingProcessFileName: "chrome.exe",
      },
      {
        ...connection,
        Timestamp: at(4),
        RemoteUrl: "api.githubcopilot.com",
        InitiatingProcessFileName: "code",
      },
    ]);
    const sightings = matchMcpNetworkRows(rows as unknown as McpNetworkRow[]);
    expect(sightings.map((s) => [s.server.key, s.agentKey])).toEqual([["linear", "claude-code"]]);
  });

  it("reads agents' MCP config files with when they last changed, and their deletion", () => {
    const write = {
      DeviceId: device.DeviceId,
      DeviceName: device.DeviceName,
      InitiatingProcessAccountName: "jdoe",
      ActionType: "FileModified",
    };
    const rows = run("MCP_CONFIG_FILES", [
      { ...write, Timestamp: at(6), FolderPath: "C:\\Users\\jdoe\\.cursor\\mcp.json", FileName: "mcp.json" },
      { ...write, Timestamp: at(2), FolderPath: "C:\\Users\\jdoe\\.cursor\\mcp.json", FileName: "mcp.json" },
      // A project's own mcp.json belongs to no agent's configuration the catalog knows.
      { ...write, Timestamp: at(2), FolderPath: "C:\\src\\app\\mcp.json", FileName: "mcp.json" },
      {
        ...write,
        Timestamp: at(1),
        FolderPath: "/Users/jdoe/.codeium/windsurf/mcp_config.json",
        FileName: "mcp_config.json",
        ActionType: "FileDeleted",
      },
    ]);
    const files = matchMcpConfigRows(rows as unknown as McpConfigFileRow[]);
    expect(files.map((f) => [f.agentKey, f.path, f.lastChangedAt.toISOString(), f.deleted])).toEqual([
      ["cursor", "C:\\Users\\jdoe\\.cursor\\mcp.json", at(2).toISOString(), false],
      ["windsurf", "/Users/jdoe/.codeium/windsurf/mcp_config.json", at(1).toISOString(), true],
    ]);
  });
});
