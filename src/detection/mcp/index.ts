// MCP servers from Defender data: the MCP catalog, pure parsers of launches and connections (secrets
// redacted first), and the hunting queries that feed them (docs/mcp-servers.md).
export { MCP_BRIDGES, MCP_SERVERS } from "./catalog";
export type { McpCapability, McpRemoteEndpoint, McpServerDefinition, McpTransport } from "./catalog";
export {
  agentOfHost,
  buildMcpHuntingQueries,
  matchMcpHuntingRows,
  matchMcpNetworkRows,
  matchMcpProcessRows,
  MCP_HOST_IMAGES,
} from "./hunting";
export type {
  McpEvidenceSource,
  McpFindings,
  McpHuntingQuery,
  McpHuntingSource,
  McpNetworkRow,
  McpProcessRow,
  McpSighting,
} from "./hunting";
export { parseMcpLaunch, remoteServer, splitCommandLine } from "./launch";
export type { McpLaunch, McpLauncher, McpPackageType, McpServerRef } from "./launch";
export { REDACTED, redactArguments, redactUrl } from "./redact";
export { matchMcpConfigRows, MCP_CONFIG_FILES } from "./config-files";
export type { McpConfigFileRow, McpConfigFileSighting } from "./config-files";
