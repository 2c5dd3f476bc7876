// The MCP server catalog: well-known Model Context Protocol servers (the reference servers and major
// vendors' local and remote servers), each from its publisher's public docs (`source`). Launches and
// connections that match nothing here are still reported, as unknown servers (docs/mcp-servers.md).

/** What a server can reach: a hint for triage, from its publisher's description of its tools. */
export type McpCapability = "FILESYSTEM" | "SHELL" | "BROWSER" | "CLOUD" | "SOURCE_CONTROL" | "DATA" | "WEB";

export type McpTransport = "STDIO" | "HTTP";

export interface McpRemoteEndpoint {
  /** Host name, lowercase. */
  host: string;
  /**
   * Path prefix the endpoint needs, when the host also serves other traffic (GitHub's Copilot API,
   * Hugging Face): a connection naming only the host is then not evidence of this server.
   */
  path?: string;
}

export interface McpServerDefinition {
  key: string;
  name: string;
  publisher: string;
  capabilities: McpCapability[];
  /** npm packages run by `npx`, `bunx`, `pnpm dlx`, `npm exec` or `node …/node_modules/<pkg>/…`. */
  npm?: string[];
  /** PyPI distributions run by `uvx`, `pipx run`; their modules by `python -m` (dashes as underscores). */
  pypi?: string[];
  /** Container images without tag, as `docker run` / `podman run` name them. */
  images?: string[];
  /** Executables a release ships. */
  binaries?: string[];
  /** Hosted (streamable HTTP / SSE) endpoints. */
  remote?: McpRemoteEndpoint[];
  /** Archived by its publisher (still run from old configurations). */
  archived?: boolean;
  source: string;
}

const REFERENCE = "https://github.com/modelcontextprotocol/servers";
const ARCHIVED = "https://github.com/modelcontextprotocol/servers-archived";

/** A reference server: `@modelcontextprotocol/server-<name>` on npm, `mcp/<name>` on Docker Hub. */
function reference(
  name: string,
  title: string,
  capabilities: McpCapability[],
  extra: Partial<McpServerDefinition> = {},
): McpServerDefinition {
  return {
    key: `mcp-${name}`,
    name: title,
    publisher: "Model Context Protocol",
    capabilities,
    npm: [`@modelcontextprotocol/server-${name}`],
    images: [`mcp/${name}`],
    source: extra.archived ? ARCHIVED : `${REFERENCE}/tree/main/src/${name}`,
    ...extra,
  };
}

/** A reference server published on PyPI as `mcp-server-<name>` (`uvx mcp-server-git`, `python -m mcp_server_git`). */
function referencePython(
  name: string,
  title: string,
  capabilities: McpCapability[],
  archived = false,
): McpServerDefinition {
  return {
    key: `mcp-${name}`,
    name: title,
    publisher: "Model Context Protocol",
    capabilities,
    pypi: [`mcp-server-${name}`],
    images: [`mcp/${name}`],
    ...(archived ? { archived } : {}),
    source: archived ? ARCHIVED : `${REFERENCE}/tree/main/src/${name}`,
  };
}

export const MCP_SERVERS: McpServerDefinition[] = [
  reference("filesystem", "Filesystem", ["FILESYSTEM"]),
  reference("memory", "Memory (knowledge graph)", ["DATA"]),
  reference("everything", "Everything (test server)", []),
  reference("sequential-thinking", "Sequential Thinking", [], {
    images: ["mcp/sequentialthinking"],
  }),
  referencePython("fetch", "Fetch", ["WEB"]),
  referencePython("git", "Git", ["SOURCE_CONTROL", "FILESYSTEM"]),
  referencePython("time", "Time", []),
  referencePython("sqlite", "SQLite", ["DATA"], true),
  reference("github", "GitHub (reference, archived)", ["SOURCE_CONTROL"], { archived: true }),
  reference("gitlab", "GitLab (reference, archived)", ["SOURCE_CONTROL"], { archived: true }),
  reference("puppeteer", "Puppeteer", ["BROWSER"], { archived: true }),
  reference("postgres", "PostgreSQL", ["DATA"], { archived: true }),
  reference("brave-search", "Brave Search", ["WEB"], { archived: true }),
  reference("slack", "Slack (reference, archived)", ["DATA"], { archived: true }),
  reference("google-maps", "Google Maps", ["WEB"], { archived: true }),
  {
    key: "github",
    name: "GitHub MCP Server",
    publisher: "GitHub",
    capabilities: ["SOURCE_CONTROL"],
    images: ["ghcr.io/github/github-mcp-server"],
    binaries: ["github-mcp-server"],
    remote: [{ host: "api.githubcopilot.com", path: "/mcp" }],
    source: "https://github.com/github/github-mcp-server",
  },
  {
    key: "playwright",
    name: "Playwright MCP",
    publisher: "Microsoft",
    capabilities: ["BROWSER"],
    npm: ["@playwright/mcp"],
    images: ["mcr.microsoft.com/playwright/mcp"],
    source: "https://github.com/microsoft/playwright-mcp",
  },
  {
    key: "azure",
    name: "Azure MCP Server",
    publisher: "Microsoft",
    capabilities: ["CLOUD"],
    npm: ["@azure/mcp"],
    images: ["mcr.microsoft.com/azure-sdk/azure-mcp"],
    source: "https://learn.microsoft.com/azure/developer/azure-mcp-server/",
  },
  {
    key: "aws-api",
    name: "AWS API MCP Server",
    publisher: "AWS Labs",
    capabilities: ["CLOUD"],
    pypi: ["awslabs.aws-api-mcp-server"],
    source: "https://awslabs.github.io/mcp/servers/aws-api-mcp-server",
  },
  {
    key: "aws-documentation",
    name: "AWS Documentation MCP Server",
    publisher: "AWS Labs",
    capabilities: ["WEB"],
    pypi: ["awslabs.aws-documentation-mcp-server"],
    source: "https://awslabs.github.io/mcp/servers/aws-documentation-mcp-server",
  },
  {
    key: "aws-core",
    name: "AWS Core MCP Server",
    publisher: "AWS Labs",
    capabilities: ["CLOUD"],
    pypi: ["awslabs.core-mcp-server"],
    source: "https://awslabs.github.io/mcp/servers/core-mcp-server",
  },
  {
    key: "atlassian",
    name: "Atlassian Remote MCP Server",
    publisher: "Atlassian",
    capabilities: ["DATA"],
    remote: [{ host: "mcp.atlassian.com" }],
    source: "https://support.atlassian.com/rovo/docs/getting-started-with-the-atlassian-remote-mcp-server/",
  },
  {
    key: "linear",
    name: "Linear MCP Server",
    publisher: "Linear",
    capabilities: ["DATA"],
    remote: [{ host: "mcp.linear.app" }],
    source: "https://linear.app/docs/mcp",
  },
  {
    key: "sentry",
    name: "Sentry MCP Server",
    publisher: "Sentry",
    capabilities: ["DATA"],
    npm: ["@sentry/mcp-server"],
    remote: [{ host: "mcp.sentry.dev" }],
    source: "https://docs.sentry.io/product/sentry-mcp/",
  },
  {
    key: "notion",
    name: "Notion MCP Server",
    publisher: "Notion",
    capabilities: ["DATA"],
    npm: ["@notionhq/notion-mcp-server"],
    images: ["mcp/notion"],
    remote: [{ host: "mcp.notion.com" }],
    source: "https://developers.notion.com/docs/mcp",
  },
  {
    key: "stripe",
    name: "Stripe MCP Server",
    publisher: "Stripe",
    capabilities: ["DATA", "CLOUD"],
    npm: ["@stripe/mcp"],
    remote: [{ host: "mcp.stripe.com" }],
    source: "https://docs.stripe.com/mcp",
  },
  {
    key: "cloudflare",
    name: "Cloudflare MCP Servers",
    publisher: "Cloudflare",
    capabilities: ["CLOUD"],
    remote: [
      { host: "docs.mcp.cloudflare.com" },
      { host: "bindings.mcp.cloudflare.com" },
      { host: "observability.mcp.cloudflare.com" },
      { host: "radar.mcp.cloudflare.com" },
    ],
    source: "https://github.com/cloudflare/mcp-server-cloudflare",
  },
  {
    key: "context7",
    name: "Context7",
    publisher: "Upstash",
    capabilities: ["WEB"],
    npm: ["@upstash/context7-mcp"],
    remote: [{ host: "mcp.context7.com" }],
    source: "https://github.com/upstash/context7",
  },
  {
    key: "desktop-commander",
    name: "Desktop Commander",
    publisher: "Desktop Commander (wonderwhy-er)",
    capabilities: ["SHELL", "FILESYSTEM"],
    npm: ["@wonderwhy-er/desktop-commander"],
    source: "https://github.com/wonderwhy-er/DesktopCommanderMCP",
  },
];

/**
 * Local programs that connect an agent's stdio to a remote server named by URL in their arguments:
 * the server is the remote endpoint, reached over HTTP.
 */
export const MCP_BRIDGES: { npm: string[]; pypi: string[]; source: string } = {
  npm: ["mcp-remote", "supergateway"],
  pypi: ["mcp-proxy"],
  source:
    "https://www.npmjs.com/package/mcp-remote; https://github.com/supercorp-ai/supergateway; https://github.com/sparfenyuk/mcp-proxy",
};
