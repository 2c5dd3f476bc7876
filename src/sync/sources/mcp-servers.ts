/**
 * MCP servers (docs/mcp-servers.md): the MCP hunting queries (detection/mcp) for servers launched by
 * agents and IDE hosts, their connections to remote endpoints, and MCP config files. They feed no
 * installation evidence, so their reads are recorded without an evidence source.
 */
import { buildMcpHuntingQueries, matchMcpHuntingRows } from "../../detection/mcp";
import { hunt, huntingWindow } from "./hunting";
import type { SourceInput, SourceModule } from "./module";

export function mcpServers(settings: { huntingDevicesPerShard?: number }): SourceModule {
  return {
    name: "MCP servers",
    fullSyncOnly: false,
    async read(input: SourceInput) {
      const { client, reader, sink, now } = input;
      for (const query of buildMcpHuntingQueries(huntingWindow(input, settings)))
        await reader.read(`hunting:${query.name}`, null, client, hunt(client, query.kql), (rows) =>
          sink.addMcp(matchMcpHuntingRows(query.source, rows), now),
        );
    },
  };
}
