// MCP server launches and connections as public docs show them: the command and arguments of a server
// entry in an agent's MCP configuration (Claude Desktop/Code, Cursor, VS Code) joined into the command
// line the agent starts, each with its source and what a reader should take from it. The parser's
// tests and the simulator's plants (src/simulator/mcp.ts) read these; nothing here is derived from the
// MCP catalog. Placeholders the docs leave for credentials are filled with credential-shaped values,
// listed in `secrets`, which must never be stored.

export interface McpLaunchExample {
  id: string;
  source: string;
  commandLine: string;
  expected: {
    key: string;
    known: boolean;
    launcher: string;
    packageName: string;
    version: string | null;
    pinned: boolean | null;
    remoteUrl?: string;
  };
  /** Credential values in the command line. */
  secrets?: string[];
}

export interface McpConnectionExample {
  id: string;
  source: string;
  /** DeviceNetworkEvents.RemoteUrl as an agent's connection records it. */
  remoteUrl: string;
  /** The server key, or null when the connection is no MCP evidence. */
  key: string | null;
}

const REFERENCE = "https://github.com/modelcontextprotocol/servers";

export const MCP_LAUNCH_EXAMPLES: McpLaunchExample[] = [
  {
    id: "filesystem-npx",
    source: `${REFERENCE}/tree/main/src/filesystem#usage-with-claude-desktop`,
    commandLine:
      "npx -y @modelcontextprotocol/server-filesystem /Users/username/Desktop /path/to/other/allowed/dir",
    expected: {
      key: "mcp-filesystem",
      known: true,
      launcher: "NPX",
      packageName: "@modelcontextprotocol/server-filesystem",
      version: null,
      pinned: false,
    },
  },
  {
    id: "filesystem-windows-cmd",
    source:
      "https://modelcontextprotocol.io/docs/develop/connect-local-servers (Windows: npx through cmd /c)",
    commandLine:
      "cmd /c npx -y @modelcontextprotocol/server-filesystem C:\\Users\\username\\Desktop C:\\Users\\username\\Downloads",
    expected: {
      key: "mcp-filesystem",
      known: true,
      launcher: "NPX",
      packageName: "@modelcontextprotocol/server-filesystem",
      version: null,
      pinned: false,
    },
  },
  {
    id: "filesystem-docker",
    source: `${REFERENCE}/tree/main/src/filesystem#docker`,
    commandLine:
      "docker run -i --rm --mount type=bind,src=/Users/username/Desktop,dst=/projects/Desktop --mount type=bind,src=/path/to/other/allowed/dir,dst=/projects/other/allowed/dir,ro mcp/filesystem /projects",
    expected: {
      key: "mcp-filesystem",
      known: true,
      launcher: "DOCKER",
      packageName: "mcp/filesystem",
      version: null,
      pinned: false,
    },
  },
  {
    id: "memory-npx",
    source: `${REFERENCE}/tree/main/src/memory`,
    commandLine: "npx -y @modelcontextprotocol/server-memory",
    expected: {
      key: "mcp-memory",
      known: true,
      launcher: "NPX",
      packageName: "@modelcontextprotocol/server-memory",
      version: null,
      pinned: false,
    },
  },
  {
    id: "sequential-thinking-npx",
    source: `${REFERENCE}/tree/main/src/sequentialthinking`,
    commandLine: "npx -y @modelcontextprotocol/server-sequential-thinking",
    expected: {
      key: "mcp-sequential-thinking",
      known: true,
      launcher: "NPX",
      packageName: "@modelcontextprotocol/server-sequential-thinking",
      version: null,
      pinned: false,
    },
  },
  {
    id: "fetch-uvx",
    source: `${REFERENCE}/tree/main/src/fetch#using-uv-recommended`,
    commandLine: "uvx mcp-server-fetch",
    expected: {
      key: "mcp-fetch",
      known: true,
      launcher: "UVX",
      packageName: "mcp-server-fetch",
      version: null,
      pinned: false,
    },
  },
  {
    id: "fetch-python-module",
    source: `${REFERENCE}/tree/main/src/fetch#using-pip`,
    commandLine: "python -m mcp_server_fetch",
    expected: {
      key: "mcp-fetch",
      known: true,
      launcher: "PYTHON_MODULE",
      packageName: "mcp-server-fetch",
      version: null,
      pinned: null,
    },
  },
  {
    id: "git-uvx",
    source: `${REFERENCE}/tree/main/src/git#using-uvx`,
    commandLine: "uvx mcp-server-git --repository path/to/git/repo",
    expected: {
      key: "mcp-git",
      known: true,
      launcher: "UVX",
      packageName: "mcp-server-git",
      version: null,
      pinned: false,
    },
  },
  {
    id: "time-uvx",
    source: `${REFERENCE}/tree/main/src/time#customization---system-timezone`,
    commandLine: "uvx mcp-server-time --local-timezone=America/New_York",
    expected: {
      key: "mcp-time",
      known: true,
      launcher: "UVX",
      packageName: "mcp-server-time",
      version: null,
      pinned: false,
    },
  },
  {
    id: "github-docker",
    source: "https://github.com/github/github-mcp-server#installation (Docker)",
    commandLine: "docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN ghcr.io/github/github-mcp-server",
    expected: {
      key: "github",
      known: true,
      launcher: "DOCKER",
      packageName: "ghcr.io/github/github-mcp-server",
      version: null,
      pinned: false,
    },
  },
  {
    id: "github-docker-token-inline",
    source:
      "https://github.com/github/github-mcp-server#installation (a token given inline instead of from the environment)",
    commandLine:
      "docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN=ghp_Xq3N8v2LmT7rB5kW9pZ4cY6hJ1dF0sA8gE2u ghcr.io/github/github-mcp-server",
    expected: {
      key: "github",
      known: true,
      launcher: "DOCKER",
      packageName: "ghcr.io/github/github-mcp-server",
      version: null,
      pinned: false,
    },
    secrets: ["ghp_Xq3N8v2LmT7rB5kW9pZ4cY6hJ1dF0sA8gE2u"],
  },
  {
    id: "github-binary",
    source: "https://github.com/github/github-mcp-server#build-from-source",
    commandLine: "/usr/local/bin/github-mcp-server stdio",
    expected: {
      key: "github",
      known: true,
      launcher: "BINARY",
      packageName: "github-mcp-server",
      version: null,
      pinned: null,
    },
  },
  {
    id: "github-reference-archived",
    source: "https://github.com/modelcontextprotocol/servers-archived/tree/main/src/github",
    commandLine: "npx -y @modelcontextprotocol/server-github",
    expected: {
      key: "mcp-github",
      known: true,
      launcher: "NPX",
      packageName: "@modelcontextprotocol/server-github",
      version: null,
      pinned: false,
    },
  },
  {
    id: "playwright-latest",
    source: "https://github.com/microsoft/playwright-mcp#getting-started",
    commandLine: "npx @playwright/mcp@latest",
    expected: {
      key: "playwright",
      known: true,
      launcher: "NPX",
      packageName: "@playwright/mcp",
      version: "latest",
      pinned: false,
    },
  },
  {
    id: "playwright-pinned",
    source: "https://www.npmjs.com/package/@playwright/mcp?activeTab=versions (a released version pinned)",
    commandLine: "npx -y @playwright/mcp@0.0.41 --browser chrome",
    expected: {
      key: "playwright",
      known: true,
      launcher: "NPX",
      packageName: "@playwright/mcp",
      version: "0.0.41",
      pinned: true,
    },
  },
  {
    id: "azure-npx",
    source: "https://learn.microsoft.com/azure/developer/azure-mcp-server/get-started",
    commandLine: "npx -y @azure/mcp@latest server start",
    expected: {
      key: "azure",
      known: true,
      launcher: "NPX",
      packageName: "@azure/mcp",
      version: "latest",
      pinned: false,
    },
  },
  {
    id: "aws-documentation-uvx",
    source: "https://awslabs.github.io/mcp/servers/aws-documentation-mcp-server",
    commandLine: "uvx awslabs.aws-documentation-mcp-server@latest",
    expected: {
      key: "aws-documentation",
      known: true,
      launcher: "UVX",
      packageName: "awslabs-aws-documentation-mcp-server",
      version: "latest",
      pinned: false,
    },
  },
  {
    id: "stripe-api-key",
    source: "https://docs.stripe.com/mcp#local-server",
    commandLine: "npx -y @stripe/mcp --tools=all --api-key=sk_test_51NzQvKLm2xYp8RwT4uVb6CdE9fGh0JkL",
    expected: {
      key: "stripe",
      known: true,
      launcher: "NPX",
      packageName: "@stripe/mcp",
      version: null,
      pinned: false,
    },
    secrets: ["sk_test_51NzQvKLm2xYp8RwT4uVb6CdE9fGh0JkL"],
  },
  {
    id: "sentry-access-token",
    source: "https://github.com/getsentry/sentry-mcp#stdio-transport",
    commandLine:
      "npx @sentry/mcp-server@latest --access-token=sntrys_eyJpYXQiOjE3MzAwMDAwMDB9_Vb7Xk2Lq9Wm4Np",
    expected: {
      key: "sentry",
      known: true,
      launcher: "NPX",
      packageName: "@sentry/mcp-server",
      version: "latest",
      pinned: false,
    },
    secrets: ["sntrys_eyJpYXQiOjE3MzAwMDAwMDB9_Vb7Xk2Lq9Wm4Np"],
  },
  {
    id: "context7-api-key",
    source: "https://github.com/upstash/context7#installation",
    commandLine: "npx -y @upstash/context7-mcp --api-key ctx7sk-8f3b2a91-4c7d-4e2a-9b1f-6d5e3c2a1b0f",
    expected: {
      key: "context7",
      known: true,
      launcher: "NPX",
      packageName: "@upstash/context7-mcp",
      version: null,
      pinned: false,
    },
    secrets: ["ctx7sk-8f3b2a91-4c7d-4e2a-9b1f-6d5e3c2a1b0f"],
  },
  {
    id: "postgres-connection-string",
    source: "https://github.com/modelcontextprotocol/servers-archived/tree/main/src/postgres#npx",
    commandLine:
      "npx -y @modelcontextprotocol/server-postgres postgresql://analyst:Tr0ub4dor-3x@db.internal:5432/mydb",
    expected: {
      key: "mcp-postgres",
      known: true,
      launcher: "NPX",
      packageName: "@modelcontextprotocol/server-postgres",
      version: null,
      pinned: false,
    },
    secrets: ["Tr0ub4dor-3x", "analyst:Tr0ub4dor"],
  },
  {
    id: "desktop-commander",
    source:
      "https://github.com/wonderwhy-er/DesktopCommanderMCP#option-3-add-to-claude_desktop_configjson-manually",
    commandLine: "npx -y @wonderwhy-er/desktop-commander",
    expected: {
      key: "desktop-commander",
      known: true,
      launcher: "NPX",
      packageName: "@wonderwhy-er/desktop-commander",
      version: null,
      pinned: false,
    },
  },
  {
    id: "linear-mcp-remote",
    source: "https://linear.app/docs/mcp",
    commandLine: "npx -y mcp-remote https://mcp.linear.app/sse",
    expected: {
      key: "linear",
      known: true,
      launcher: "NPX",
      packageName: "mcp.linear.app",
      version: null,
      pinned: null,
      remoteUrl: "https://mcp.linear.app/sse",
    },
  },
  {
    id: "atlassian-mcp-remote",
    source: "https://support.atlassian.com/rovo/docs/getting-started-with-the-atlassian-remote-mcp-server/",
    commandLine: "npx -y mcp-remote https://mcp.atlassian.com/v1/sse",
    expected: {
      key: "atlassian",
      known: true,
      launcher: "NPX",
      packageName: "mcp.atlassian.com",
      version: null,
      pinned: null,
      remoteUrl: "https://mcp.atlassian.com/v1/sse",
    },
  },
  {
    id: "mcp-remote-bearer-header",
    source: "https://github.com/geelen/mcp-remote#custom-headers",
    commandLine:
      'npx mcp-remote https://remote.mcp.server/sse --header "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"',
    expected: {
      key: "remote:remote.mcp.server",
      known: false,
      launcher: "NPX",
      packageName: "remote.mcp.server",
      version: null,
      pinned: null,
      remoteUrl: "https://remote.mcp.server/sse",
    },
    secrets: ["9f8e7d6c5b4a39281706f5e4d3c2b1a0"],
  },
  {
    id: "mcp-remote-token-in-url",
    source: "https://github.com/geelen/mcp-remote#usage (a server that takes its key in the query string)",
    commandLine:
      "npx -y mcp-remote https://mcp.example-analytics.io/mcp?api_key=ak_live_7Hq2Xw9Lm4Pz&sig=Qm9vYmFy",
    expected: {
      key: "remote:mcp.example-analytics.io",
      known: false,
      launcher: "NPX",
      packageName: "mcp.example-analytics.io",
      version: null,
      pinned: null,
      remoteUrl: "https://mcp.example-analytics.io/mcp?api_key=[REDACTED]&sig=[REDACTED]",
    },
    secrets: ["ak_live_7Hq2Xw9Lm4Pz", "Qm9vYmFy"],
  },
  {
    id: "supergateway-sse",
    source: "https://github.com/supercorp-ai/supergateway#sse--stdio",
    commandLine:
      'npx -y supergateway --sse "https://mcp-server-ab71a6b2-cd55-49d0-adba-562bc85956e3.supermachine.app"',
    expected: {
      key: "remote:mcp-server-ab71a6b2-cd55-49d0-adba-562bc85956e3.supermachine.app",
      known: false,
      launcher: "NPX",
      packageName: "mcp-server-ab71a6b2-cd55-49d0-adba-562bc85956e3.supermachine.app",
      version: null,
      pinned: null,
      remoteUrl: "https://mcp-server-ab71a6b2-cd55-49d0-adba-562bc85956e3.supermachine.app",
    },
  },
  {
    id: "firecrawl-unknown-npm",
    source: "https://docs.firecrawl.dev/mcp-server#running-with-npx",
    commandLine: "npx -y firecrawl-mcp",
    expected: {
      key: "npm:firecrawl-mcp",
      known: false,
      launcher: "NPX",
      packageName: "firecrawl-mcp",
      version: null,
      pinned: false,
    },
  },
  {
    id: "mcp-atlassian-unknown-pypi",
    source: "https://github.com/sooperset/mcp-atlassian#-quick-start",
    commandLine:
      "uvx mcp-atlassian --confluence-url https://your-company.atlassian.net/wiki --confluence-token=ATATT3xFfGF0T7pLq2Zr",
    expected: {
      key: "pypi:mcp-atlassian",
      known: false,
      launcher: "UVX",
      packageName: "mcp-atlassian",
      version: null,
      pinned: false,
    },
    secrets: ["ATATT3xFfGF0T7pLq2Zr"],
  },
  {
    id: "mcp-atlassian-unknown-container",
    source: "https://github.com/sooperset/mcp-atlassian#-ide-integration",
    commandLine:
      "docker run -i --rm -e CONFLUENCE_URL -e CONFLUENCE_USERNAME -e CONFLUENCE_API_TOKEN=ATATT3xFfGF0Zk81Wq ghcr.io/sooperset/mcp-atlassian:latest",
    expected: {
      key: "container:ghcr.io/sooperset/mcp-atlassian",
      known: false,
      launcher: "DOCKER",
      packageName: "ghcr.io/sooperset/mcp-atlassian",
      version: "latest",
      pinned: false,
    },
    secrets: ["ATATT3xFfGF0Zk81Wq"],
  },
  {
    id: "npx-cli-shim-windows",
    source: "https://docs.npmjs.com/cli/v10/commands/npx (npx on Windows is node running npm's npx-cli.js)",
    commandLine:
      '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npx-cli.js" -y @modelcontextprotocol/server-memory',
    expected: {
      key: "mcp-memory",
      known: true,
      launcher: "NPX",
      packageName: "@modelcontextprotocol/server-memory",
      version: null,
      pinned: false,
    },
  },
];

/** What agents also start that is no MCP server: tools, shells, builds (from their own docs' examples). */
export const NOT_MCP_COMMAND_LINES: { commandLine: string; source: string }[] = [
  { commandLine: "git status", source: "https://docs.anthropic.com/en/docs/claude-code/common-workflows" },
  { commandLine: "npx prettier --write src/index.ts", source: "https://prettier.io/docs/cli" },
  { commandLine: "npm test", source: "https://docs.npmjs.com/cli/commands/npm-test" },
  { commandLine: '/bin/zsh -c "rg --files"', source: "https://github.com/BurntSushi/ripgrep#quick-examples" },
  { commandLine: "uvx ruff check", source: "https://docs.astral.sh/ruff/installation/" },
  { commandLine: "python -m pytest -q", source: "https://docs.pytest.org/en/stable/how-to/usage.html" },
  { commandLine: "docker run --rm -it node:20 bash", source: "https://hub.docker.com/_/node" },
  {
    commandLine: "npx mcp-remote",
    source: "https://github.com/geelen/mcp-remote (a bridge without its URL names no server)",
  },
];

export const MCP_CONNECTION_EXAMPLES: McpConnectionExample[] = [
  {
    id: "github-remote",
    source: "https://github.com/github/github-mcp-server#remote-github-mcp-server",
    remoteUrl: "https://api.githubcopilot.com/mcp/",
    key: "github",
  },
  {
    id: "copilot-chat-api",
    source: "https://docs.github.com/en/copilot/reference/allowlist-reference (Copilot's own API host)",
    remoteUrl: "api.githubcopilot.com",
    key: null,
  },
  { id: "linear", source: "https://linear.app/docs/mcp", remoteUrl: "mcp.linear.app", key: "linear" },
  {
    id: "atlassian",
    source: "https://support.atlassian.com/rovo/docs/getting-started-with-the-atlassian-remote-mcp-server/",
    remoteUrl: "mcp.atlassian.com",
    key: "atlassian",
  },
  {
    id: "notion",
    source: "https://developers.notion.com/docs/mcp",
    remoteUrl: "https://mcp.notion.com/mcp",
    key: "notion",
  },
  {
    id: "sentry",
    source: "https://docs.sentry.io/product/sentry-mcp/",
    remoteUrl: "mcp.sentry.dev",
    key: "sentry",
  },
  { id: "stripe", source: "https://docs.stripe.com/mcp#remote", remoteUrl: "mcp.stripe.com", key: "stripe" },
  {
    id: "cloudflare-docs",
    source: "https://github.com/cloudflare/mcp-server-cloudflare",
    remoteUrl: "docs.mcp.cloudflare.com",
    key: "cloudflare",
  },
  {
    id: "anthropic-api",
    source: "https://docs.anthropic.com/en/api/overview (Claude Code's model API)",
    remoteUrl: "api.anthropic.com",
    key: null,
  },
];
