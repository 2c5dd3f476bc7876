import { CATALOG, CATALOG_VERSION, LOOK_ALIKES } from "./catalog";
import type { AgentsInfoRow, FileSummaryRow, ProcessSummaryRow } from "./hunting";
import {
  matchAgentsInfo,
  matchBrowserExtensions,
  matchFileSummaries,
  matchProcessSummaries,
  matchSoftwareRows,
  type SoftwareRow,
} from "./matchers";
import type { Detection } from "./types";

const DEVICE = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

const software = (vendor: string, name: string, extra: Partial<SoftwareRow> = {}): SoftwareRow => ({
  deviceId: DEVICE,
  deviceName: "dev-laptop-17.contoso.com",
  softwareVendor: vendor,
  softwareName: name,
  softwareVersion: "1.0.0",
  ...extra,
});

const process = (fullPath: string, extra: Partial<ProcessSummaryRow> = {}): ProcessSummaryRow => ({
  DeviceId: DEVICE,
  DeviceName: "dev-laptop-17",
  AccountName: "jdoe",
  AccountDomain: "CONTOSO",
  FileName: fullPath.split(/[\\/]/).pop() as string,
  FolderPath: fullPath,
  CommandLineMarker: "",
  FirstSeen: "2026-11-01T08:00:00Z",
  LastSeen: "2026-11-20T08:00:00Z",
  ...extra,
});

const file = (fullPath: string): FileSummaryRow => {
  const at = Math.max(fullPath.lastIndexOf("\\"), fullPath.lastIndexOf("/"));
  return {
    DeviceId: DEVICE,
    InitiatingProcessAccountName: "jdoe",
    FolderPath: fullPath.slice(0, at),
    FileName: fullPath.slice(at + 1),
    FirstSeen: "2026-11-01T08:00:00Z",
    LastSeen: "2026-11-02T08:00:00Z",
  };
};

const agentsInfo = (
  name: string,
  meta: Record<string, string> = {},
  extra: Partial<AgentsInfoRow> = {},
): AgentsInfoRow => ({
  AgentId: `agent-${name}`,
  Name: name,
  Version: "1.2.3",
  LifecycleStatus: "Active",
  Timestamp: "2026-11-20T08:00:00Z",
  RawAgentInfo: {
    localAgentMetadata: {
      deviceName: "lt-000001.contoso.com",
      aadDeviceId: "aad-1",
      accountName: "jdoe",
      accountDomain: "CONTOSO",
      accountSid: "S-1-5-21-1-2-3-1001",
      ...meta,
    },
  },
  ...extra,
});

const summary = (d: Detection) => ({
  agentKey: d.agentKey,
  channel: d.channel,
  hostIde: d.hostIde,
  version: d.version,
});

describe("every catalog signal detects its agent", () => {
  const cases = CATALOG.flatMap((agent) => [
    ...(agent.software ?? []).flatMap((rule) =>
      rule.vendors.flatMap((v) =>
        [...rule.names, ...(rule.namePrefixes ?? []).map((p) => `${p}_(user)`)].map((n) => ({
          agent: agent.key,
          channel: "DESKTOP_APP",
          what: `software ${v}/${n}`,
          run: () => matchSoftwareRows([software(v, n)]),
        })),
      ),
    ),
    ...(agent.processes ?? []).flatMap((rule) => [
      ...(rule.commandLines ?? []).map((marker) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `command line ${marker}`,
        run: () =>
          matchProcessSummaries([
            process("C:\\Program Files\\nodejs\\node.exe", { CommandLineMarker: marker }),
          ]),
      })),
      ...(rule.images ?? []).map((image) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `image ${image} in ${rule.folders?.[0] ?? "any folder"}`,
        run: () => matchProcessSummaries([process(`/home/jdoe/${rule.folders?.[0] ?? "tools"}/${image}`)]),
      })),
      ...(rule.images ? [] : (rule.folders ?? [])).map((folder) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `folder ${folder}`,
        run: () => matchProcessSummaries([process(`/home/jdoe/${folder}/helper`)]),
      })),
    ]),
    ...(agent.files ?? []).map((rule) => ({
      agent: agent.key,
      channel: rule.channel,
      what: `file ${rule.path}`,
      run: () => matchFileSummaries([file(`C:\\Users\\jdoe\\${rule.path.replaceAll("/", "\\")}`)]),
    })),
    ...(agent.ideExtensions ?? []).map((id) => ({
      agent: agent.key,
      channel: "IDE_EXTENSION",
      what: `IDE extension ${id}`,
      run: () => matchFileSummaries([file(`/Users/jdoe/.vscode/extensions/${id}-1.2.3/package.json`)]),
    })),
    ...(agent.jetbrainsPlugins ?? []).map((id) => ({
      agent: agent.key,
      channel: "IDE_EXTENSION",
      what: `JetBrains plugin ${id}`,
      run: () =>
        matchFileSummaries([
          file(
            `C:\\Users\\jdoe\\AppData\\Roaming\\JetBrains\\IntelliJIdea2025.2\\plugins\\${id}\\lib\\${id}-1.2.3.jar`,
          ),
        ]),
    })),
    ...(agent.browserExtensions ?? []).map((id) => ({
      agent: agent.key,
      channel: "BROWSER_EXTENSION",
      what: `browser extension ${id}`,
      run: () => matchBrowserExtensions([{ DeviceId: DEVICE, ExtensionId: id, ExtensionVersion: "1.0.1" }]),
    })),
    ...(agent.agentsInfo ?? []).map(({ name, channel }) => ({
      agent: agent.key,
      channel,
      what: `AgentsInfo "${name}"`,
      run: () => matchAgentsInfo([agentsInfo(name, { relatedProcess: "node.exe" })]),
    })),
  ]);

  it.each(cases.map((c) => [`${c.agent}: ${c.what}`, c] as const))("%s", (_label, c) => {
    const found = c.run();
    expect(found.map((d) => [d.agentKey, d.channel])).toEqual([[c.agent, c.channel]]);
    expect(found[0].evidence.identifiers.catalogVersion).toBe(CATALOG_VERSION);
  });
});

describe("matchSoftwareRows", () => {
  it.each([
    [
      "Cursor per-user install",
      software("anysphere", "cursor", {
        diskPaths: ["C:\\Users\\jdoe\\AppData\\Local\\Programs\\cursor\\Cursor.exe"],
      }),
      "cursor",
    ],
    ["Cursor (User) display-name token", software("anysphere", "cursor_(user)"), "cursor"],
    ["Windsurf - Next", software("codeium", "windsurf_-_next"), "windsurf"],
    ["case differences in Defender tokens", software("Anysphere", "Cursor"), "cursor"],
    ["Windsurf", software("codeium", "windsurf"), "windsurf"],
    ["Claude Desktop", software("anthropic", "claude"), "claude-desktop"],
    ["ChatGPT desktop", software("openai", "chatgpt"), "chatgpt-desktop"],
    ["Codex desktop", software("openai", "codex"), "codex"],
    ["Zed", software("zed_industries", "zed"), "zed"],
    ["Kiro", software("amazon", "kiro"), "kiro"],
    ["Antigravity", software("google", "antigravity"), "antigravity"],
    ["Trae", software("bytedance", "trae"), "trae"],
    ["Qoder", software("alibaba", "qoder"), "qoder"],
    ["Warp terminal", software("warp", "warp"), "warp"],
    ["Ollama", software("ollama", "ollama"), "ollama"],
    ["LM Studio", software("element_labs", "lm_studio"), "lm-studio"],
    ["Goose desktop", software("block", "goose"), "goose"],
  ])("detects %s", (_label, row, agentKey) => {
    const [d] = matchSoftwareRows([row]);
    expect(d).toMatchObject({
      agentKey,
      channel: "DESKTOP_APP",
      version: "1.0.0",
      device: { machineId: DEVICE },
    });
    expect(d.evidence.source).toBe("SOFTWARE_INVENTORY");
  });

  it.each<[string, SoftwareRow]>([
    ...LOOK_ALIKES.software.map((l): [string, SoftwareRow] => [
      l.why,
      software("vendor" in l ? l.vendor : "some_vendor", l.name),
    ]),
    ["a look-alike name under an agent's vendor", software("anysphere", "cursor_themes")],
    ["VS Code (host of Copilot, not Copilot)", software("microsoft", "visual_studio_code")],
    ["IntelliJ IDEA (host of JetBrains AI, not the plugin)", software("jetbrains", "intellij_idea")],
    ["another Google product", software("google", "chrome")],
    ["another Amazon product", software("amazon", "aws_cli")],
    ["an agent name under another vendor", software("contoso", "cursor")],
    ["a name that only starts like an agent's", software("anysphere", "cursorx")],
  ])("ignores %s", (_label, row) => {
    expect(matchSoftwareRows([row])).toEqual([]);
  });

  it.each([
    [
      "a Windows profile path",
      { diskPaths: ["C:\\Users\\jdoe\\AppData\\Local\\Programs\\cursor\\Cursor.exe"] },
      [{ accountName: "jdoe" }],
    ],
    [
      "a macOS profile path",
      { diskPaths: ["/Users/asmith/Applications/Cursor.app"] },
      [{ accountName: "asmith" }],
    ],
    ["a Linux home path", { diskPaths: ["/home/bob/.local/share/cursor/cursor"] }, [{ accountName: "bob" }]],
    [
      "a per-user registry key",
      {
        registryPaths: [
          "HKEY_USERS\\S-1-5-21-11-22-33-1001\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\x",
        ],
      },
      [{ sid: "S-1-5-21-11-22-33-1001" }],
    ],
    [
      "one path and one key of the same install",
      {
        diskPaths: ["C:\\Users\\jdoe\\AppData\\Local\\Programs\\cursor\\Cursor.exe"],
        registryPaths: ["HKEY_USERS\\S-1-5-21-11-22-33-1001\\SOFTWARE\\x"],
      },
      [{ accountName: "jdoe", sid: "S-1-5-21-11-22-33-1001" }],
    ],
    [
      "two users' installs in one row",
      {
        diskPaths: [
          "C:\\Users\\jdoe\\AppData\\Local\\Programs\\cursor\\Cursor.exe",
          "C:\\Users\\asmith\\AppData\\Local\\Programs\\cursor\\Cursor.exe",
        ],
      },
      [{ accountName: "jdoe" }, { accountName: "asmith" }],
    ],
    [
      "a machine-wide install",
      { diskPaths: ["/Applications/Cursor.app"], registryPaths: ["HKEY_LOCAL_MACHINE\\SOFTWARE\\x"] },
      [null],
    ],
    ["the shared Public profile", { diskPaths: ["C:\\Users\\Public\\Desktop\\Cursor.lnk"] }, [null]],
  ])("attributes the user from %s", (_label, extra, users) => {
    expect(matchSoftwareRows([software("anysphere", "cursor", extra)]).map((d) => d.user)).toEqual(users);
  });

  it("collapses duplicate rows for one installation", () => {
    const rows = [
      software("anysphere", "cursor", { softwareVersion: "2.0.77" }),
      software("anysphere", "cursor", { softwareVersion: "2.1.20" }),
    ];
    expect(matchSoftwareRows(rows).map(summary)).toEqual([
      { agentKey: "cursor", channel: "DESKTOP_APP", hostIde: undefined, version: "2.1.20" },
    ]);
  });
});

describe("matchProcessSummaries", () => {
  it.each([
    [
      "Cursor on Windows",
      process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\cursor\\Cursor.exe", { Versions: ["2.1.20"] }),
      { agentKey: "cursor", channel: "DESKTOP_APP", version: "2.1.20" },
    ],
    [
      "Cursor on macOS",
      process("/Applications/Cursor.app/Contents/MacOS/Cursor"),
      { agentKey: "cursor", channel: "DESKTOP_APP" },
    ],
    [
      "Cursor on Linux (.deb)",
      process("/usr/share/cursor/cursor"),
      { agentKey: "cursor", channel: "DESKTOP_APP" },
    ],
    [
      "Cursor CLI",
      process("/home/jdoe/.local/share/cursor-agent/versions/2026.01.09/cursor-agent"),
      { agentKey: "cursor", channel: "CLI", version: "2026.01.09" },
    ],
    [
      "Claude Code via npm (backslashes)",
      process("C:\\Program Files\\nodejs\\node.exe", {
        CommandLineMarker: "@anthropic-ai/claude-code",
        Versions: ["22.11.0"],
      }),
      { agentKey: "claude-code", channel: "CLI", version: null },
    ],
    [
      "Claude Code native, version-named file",
      process("/Users/jdoe/.local/share/claude/versions/2.1.9"),
      { agentKey: "claude-code", channel: "CLI", version: "2.1.9" },
    ],
    [
      "Claude Code native on Windows",
      process("C:\\Users\\jdoe\\.local\\bin\\claude.exe"),
      { agentKey: "claude-code", channel: "CLI" },
    ],
    [
      "Claude Code in a VS Code extension",
      process(
        "C:\\Users\\jdoe\\.vscode\\extensions\\anthropic.claude-code-2.0.37-win32-x64\\resources\\native-binary\\claude.exe",
      ),
      { agentKey: "claude-code", channel: "IDE_EXTENSION", hostIde: "vscode", version: "2.0.37" },
    ],
    [
      "Claude Code in a Cursor extension",
      process(
        "/Users/jdoe/.cursor/extensions/anthropic.claude-code-2.1.3-darwin-arm64/resources/native-binary/claude",
      ),
      { agentKey: "claude-code", channel: "IDE_EXTENSION", hostIde: "cursor", version: "2.1.3" },
    ],
    [
      "Claude Desktop (Squirrel)",
      process("C:\\Users\\jdoe\\AppData\\Local\\AnthropicClaude\\app-0.14.10\\claude.exe"),
      { agentKey: "claude-desktop", channel: "DESKTOP_APP", version: "0.14.10" },
    ],
    [
      "Claude Desktop on macOS",
      process("/Applications/Claude.app/Contents/MacOS/Claude"),
      { agentKey: "claude-desktop", channel: "DESKTOP_APP" },
    ],
    [
      "Codex in the OpenAI extension",
      process("/home/jdoe/.vscode-server/extensions/openai.chatgpt-0.5.2-linux-x64/bin/linux-x86_64/codex"),
      { agentKey: "codex", channel: "IDE_EXTENSION", hostIde: "vscode-server", version: "0.5.2" },
    ],
    [
      "Codex desktop (Store app)",
      process("C:\\Program Files\\WindowsApps\\OpenAI.Codex_26.1.0.0_x64__2p2nqsd0c76g0\\app\\Codex.exe"),
      { agentKey: "codex", channel: "DESKTOP_APP" },
    ],
    [
      "Codex desktop on macOS",
      process("/Applications/Codex.app/Contents/MacOS/Codex"),
      { agentKey: "codex", channel: "DESKTOP_APP" },
    ],
    ["Codex native CLI", process("/opt/homebrew/bin/codex"), { agentKey: "codex", channel: "CLI" }],
    [
      "GitHub Copilot CLI (WinGet)",
      process("C:\\Users\\jdoe\\AppData\\Local\\Microsoft\\WinGet\\Links\\copilot.exe"),
      { agentKey: "github-copilot", channel: "CLI" },
    ],
    [
      "Copilot language server",
      process("/usr/bin/node", { CommandLineMarker: "@github/copilot-language-server" }),
      { agentKey: "github-copilot", channel: "IDE_EXTENSION" },
    ],
    [
      "Windsurf",
      process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\Windsurf\\Windsurf.exe"),
      { agentKey: "windsurf", channel: "DESKTOP_APP" },
    ],
    [
      "Amazon Q CLI under ~/.local",
      process("/home/jdoe/.local/bin/q"),
      { agentKey: "amazon-q", channel: "CLI" },
    ],
    ["Kiro CLI", process("/home/jdoe/.local/bin/kiro-cli"), { agentKey: "kiro", channel: "CLI" }],
    ["Kiro on Linux", process("/usr/share/kiro/kiro"), { agentKey: "kiro", channel: "DESKTOP_APP" }],
    [
      "Goose desktop",
      process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\Goose\\Goose.exe"),
      { agentKey: "goose", channel: "DESKTOP_APP" },
    ],
    ["Goose CLI", process("/home/jdoe/.local/bin/goose"), { agentKey: "goose", channel: "CLI" }],
    [
      "Warp on Linux",
      process("/opt/warpdotdev/warp-terminal/warp"),
      { agentKey: "warp", channel: "DESKTOP_APP" },
    ],
    ["Aider (pipx)", process("/home/jdoe/.local/bin/aider"), { agentKey: "aider", channel: "CLI" }],
    [
      "Continue helper in its extension",
      process(
        "C:\\Users\\jdoe\\.vscode\\extensions\\continue.continue-1.2.10-win32-x64\\bin\\continue-binary.exe",
      ),
      { agentKey: "continue", channel: "IDE_EXTENSION", hostIde: "vscode" },
    ],
    ["Ollama", process("/usr/local/bin/ollama"), { agentKey: "ollama", channel: "DESKTOP_APP" }],
    [
      "LM Studio",
      process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\LM Studio\\LM Studio.exe"),
      { agentKey: "lm-studio", channel: "DESKTOP_APP" },
    ],
  ])("detects %s", (_label, row, expected) => {
    const found = matchProcessSummaries([row]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject(expected);
    expect(found[0].evidence.source).toBe("PROCESS_EVENTS");
  });

  it.each([
    [
      "the Microsoft Copilot app (WindowsApps)",
      process(
        "C:\\Program Files\\WindowsApps\\Microsoft.Copilot_1.25102.137.0_x64__8wekyb3d8bbwe\\Copilot.exe",
      ),
    ],
    [
      "the Microsoft Copilot app (package data)",
      process(
        "C:\\Users\\jdoe\\AppData\\Local\\Packages\\Microsoft.Copilot_8wekyb3d8bbwe\\LocalCache\\copilot.exe",
      ),
    ],
    ["a `q` binary outside ~/.local", process("/usr/bin/q")],
    ["an `amp` audio tool", process("/usr/local/bin/amp")],
    ["VS Code alone", process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe")],
    ["claude.exe in an unknown folder", process("C:\\Tools\\claude.exe")],
    ["a mouse-cursor editor", process("C:\\Program Files\\RealWorld Cursor Editor\\RWCursorEditor.exe")],
    [
      "the Cloudflare WARP client",
      process("C:\\Program Files\\Cloudflare\\Cloudflare WARP\\Cloudflare WARP.exe"),
    ],
    [
      "Untitled Goose Game",
      process("C:\\Program Files (x86)\\Steam\\steamapps\\common\\Untitled Goose Game\\Untitled.exe"),
    ],
    [
      "node without an agent package",
      process("C:\\Program Files\\nodejs\\node.exe", { CommandLineMarker: "" }),
    ],
    [
      "an unrelated VS Code extension binary",
      process("/home/jdoe/.vscode/extensions/ms-python.python-2025.1.0/bin/python-env"),
    ],
    [
      "an extension whose id only starts like an agent's",
      process("/home/jdoe/.vscode/extensions/github.copilot-theme-1.0.0/bin/x"),
    ],
    ["a gemini binary outside the CLI install folders", process("/usr/games/gemini")],
    ["an unknown command-line marker", process("/usr/bin/node", { CommandLineMarker: "@unknown/pkg" })],
  ])("ignores %s", (_label, row) => {
    expect(matchProcessSummaries([row])).toEqual([]);
  });

  it("uses the account of the profile the process runs from when another account launched it", () => {
    const [d] = matchProcessSummaries([
      process("C:\\Users\\asmith\\AppData\\Local\\Programs\\cursor\\Cursor.exe", {
        AccountName: "system",
        AccountDomain: "NT AUTHORITY",
      }),
    ]);
    expect(d.user).toEqual({ accountName: "asmith" });
  });

  it("keeps the event's account when it owns the profile", () => {
    const [d] = matchProcessSummaries([
      process("C:\\Users\\jdoe\\.local\\bin\\claude.exe", {
        AccountUpn: "jdoe@contoso.com",
        AccountSid: "S-1-5-21-1",
      }),
    ]);
    expect(d.user).toEqual({
      upn: "jdoe@contoso.com",
      accountName: "jdoe",
      accountDomain: "CONTOSO",
      sid: "S-1-5-21-1",
    });
  });

  it("merges rows of one installation: first and last seen span all rows, newest version wins", () => {
    const rows = [
      process("/Users/jdoe/.vscode/extensions/github.copilot-chat-0.30.0/dist/x", {
        FirstSeen: "2026-11-01T00:00:00Z",
        LastSeen: "2026-11-05T00:00:00Z",
      }),
      process("/Users/jdoe/.vscode/extensions/github.copilot-chat-0.31.2/dist/x", {
        FirstSeen: "2026-11-06T00:00:00Z",
        LastSeen: "2026-11-20T00:00:00Z",
      }),
    ];
    const found = matchProcessSummaries(rows);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      agentKey: "github-copilot",
      version: "0.31.2",
      firstSeenAt: new Date("2026-11-01T00:00:00Z"),
      lastSeenAt: new Date("2026-11-20T00:00:00Z"),
    });
  });
});

describe("matchFileSummaries", () => {
  it.each([
    [
      "Copilot extension folder",
      file("C:\\Users\\jdoe\\.vscode\\extensions\\github.copilot-1.250.0\\package.json"),
      { agentKey: "github-copilot", channel: "IDE_EXTENSION", hostIde: "vscode", version: "1.250.0" },
    ],
    [
      "Cline in Windsurf (renamed .devin folder)",
      file("/Users/jdoe/.devin/extensions/saoudrizwan.claude-dev-3.35.0/package.json"),
      { agentKey: "cline", hostIde: "windsurf", version: "3.35.0" },
    ],
    [
      "Roo Code in VSCodium",
      file("/home/jdoe/.vscode-oss/extensions/rooveterinaryinc.roo-cline-3.30.3/package.json"),
      { agentKey: "roo-code", hostIde: "vscodium" },
    ],
    [
      "Amazon Q in Kiro",
      file("/home/jdoe/.kiro/extensions/amazonwebservices.amazon-q-vscode-1.100.0/package.json"),
      { agentKey: "amazon-q", hostIde: "kiro" },
    ],
    [
      "JetBrains AI Assistant plugin on Linux",
      file(
        "/home/jdoe/.local/share/JetBrains/IntelliJIdea2025.2/com.intellij.ml.llm/lib/com.intellij.ml.llm-252.26830.84.jar",
      ),
      { agentKey: "jetbrains-ai", hostIde: "jetbrains", version: "252.26830.84" },
    ],
    [
      "Junie plugin on macOS",
      file(
        "/Users/jdoe/Library/Application Support/JetBrains/IntelliJIdea2025.2/plugins/org.jetbrains.junie/lib/org.jetbrains.junie-252.347.120.jar",
      ),
      { agentKey: "junie", channel: "IDE_EXTENSION" },
    ],
    [
      "Cline MCP settings in Cursor's storage",
      file(
        "C:\\Users\\jdoe\\AppData\\Roaming\\Cursor\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json",
      ),
      { agentKey: "cline", channel: "IDE_EXTENSION", hostIde: "cursor" },
    ],
    [
      "Claude Code settings",
      file("/Users/jdoe/.claude/settings.json"),
      { agentKey: "claude-code", channel: "CLI" },
    ],
    [
      "Claude Code MCP registry",
      file("C:\\Users\\jdoe\\.claude.json"),
      { agentKey: "claude-code", channel: "CLI" },
    ],
    [
      "Claude Code managed MCP (Windows)",
      file("C:\\Program Files\\ClaudeCode\\managed-mcp.json"),
      { agentKey: "claude-code" },
    ],
    [
      "Claude Desktop MCP config",
      file("/Users/jdoe/Library/Application Support/Claude/claude_desktop_config.json"),
      { agentKey: "claude-desktop", channel: "DESKTOP_APP" },
    ],
    ["Cursor MCP config", file("C:\\Users\\jdoe\\.cursor\\mcp.json"), { agentKey: "cursor" }],
    ["Windsurf MCP config", file("/Users/jdoe/.codeium/windsurf/mcp_config.json"), { agentKey: "windsurf" }],
    [
      "VS Code MCP config (Copilot agent mode)",
      file("C:\\Users\\jdoe\\AppData\\Roaming\\Code\\User\\mcp.json"),
      { agentKey: "github-copilot", channel: "IDE_EXTENSION", hostIde: "vscode" },
    ],
    [
      "Copilot CLI MCP config",
      file("/home/jdoe/.copilot/mcp-config.json"),
      { agentKey: "github-copilot", channel: "CLI" },
    ],
    ["Codex config", file("/home/jdoe/.codex/config.toml"), { agentKey: "codex", channel: "CLI" }],
    ["Gemini CLI settings", file("/home/jdoe/.gemini/settings.json"), { agentKey: "gemini-cli" }],
    [
      "Antigravity MCP config",
      file("/home/jdoe/.gemini/antigravity/mcp_config.json"),
      { agentKey: "antigravity" },
    ],
    ["Amazon Q MCP config", file("/home/jdoe/.aws/amazonq/mcp.json"), { agentKey: "amazon-q" }],
    ["Kiro MCP config", file("C:\\Users\\jdoe\\.kiro\\settings\\mcp.json"), { agentKey: "kiro" }],
    ["Junie MCP config", file("/home/jdoe/.junie/mcp/mcp.json"), { agentKey: "junie" }],
    ["Zed settings", file("/home/jdoe/.config/zed/settings.json"), { agentKey: "zed" }],
    ["OpenCode config", file("/home/jdoe/.config/opencode/opencode.json"), { agentKey: "opencode" }],
    ["Goose config", file("/home/jdoe/.config/goose/config.yaml"), { agentKey: "goose" }],
    ["Aider config", file("/home/jdoe/.aider.conf.yml"), { agentKey: "aider" }],
    ["OpenClaw config", file("/home/jdoe/.openclaw/openclaw.json"), { agentKey: "openclaw" }],
    ["Kimi Code config", file("/home/jdoe/.kimi-code/config.toml"), { agentKey: "kimi-code" }],
    ["Crush config", file("/home/jdoe/.config/crush/crush.json"), { agentKey: "crush" }],
  ])("detects %s", (_label, row, expected) => {
    const found = matchFileSummaries([row]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject(expected);
  });

  it.each([
    [
      "an unrelated VS Code extension",
      file("/home/jdoe/.vscode/extensions/ms-python.python-2025.1.0/package.json"),
    ],
    [
      "an extension folder outside an IDE profile",
      file("/home/jdoe/projects/extensions/github.copilot-1.0.0/package.json"),
    ],
    ["VS Code user settings", file("C:\\Users\\jdoe\\AppData\\Roaming\\Code\\User\\settings.json")],
    ["a project settings.json", file("/home/jdoe/src/app/settings.json")],
    ["a config.toml elsewhere", file("/home/jdoe/.cargo/config.toml")],
    [
      "an unrelated JetBrains plugin",
      file("/home/jdoe/.local/share/JetBrains/IntelliJIdea2025.2/org.rust.lang/lib/org.rust.lang-1.0.jar"),
    ],
    ["a file that only ends like a config name", file("/home/jdoe/backup.claude.json")],
  ])("ignores %s", (_label, row) => {
    expect(matchFileSummaries([row])).toEqual([]);
  });
});

describe("matchFileSummaries over time", () => {
  const at = (row: FileSummaryRow, ActionType: string, LastSeen: string): FileSummaryRow => ({
    ...row,
    ActionType,
    LastSeen,
  });
  const copilot = (version: string) =>
    file(`/home/jdoe/.vscode/extensions/github.copilot-${version}/package.json`);

  it("detects an agent from its executable being written", () => {
    const found = matchFileSummaries([
      at(
        file("C:\\Users\\jdoe\\AppData\\Local\\Programs\\cursor\\Cursor.exe"),
        "FileCreated",
        "2026-11-02T00:00:00Z",
      ),
    ]);
    expect(found.map(summary)).toEqual([
      { agentKey: "cursor", channel: "DESKTOP_APP", hostIde: undefined, version: null },
    ]);
  });

  it("reports an installation removed when its files were deleted after the last write", () => {
    const found = matchFileSummaries([
      at(copilot("1.250.0"), "FileCreated", "2026-11-02T00:00:00Z"),
      at(copilot("1.250.0"), "FileDeleted", "2026-11-10T00:00:00Z"),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      agentKey: "github-copilot",
      removed: true,
      lastSeenAt: new Date("2026-11-10T00:00:00Z"),
    });
  });

  it("keeps an installation whose old version folder was deleted after an upgrade", () => {
    const found = matchFileSummaries([
      at(copilot("1.250.0"), "FileCreated", "2026-11-02T00:00:00Z"),
      at(copilot("1.260.0"), "FileCreated", "2026-11-09T00:00:00Z"),
      at(copilot("1.250.0"), "FileDeleted", "2026-11-10T00:00:00Z"),
    ]);
    expect(found.map((d) => [d.version, d.removed])).toEqual([["1.260.0", undefined]]);
  });

  it("keeps an installation written again after a deletion", () => {
    const found = matchFileSummaries([
      at(copilot("1.250.0"), "FileDeleted", "2026-11-10T00:00:00Z"),
      at(copilot("1.250.0"), "FileCreated", "2026-11-12T00:00:00Z"),
    ]);
    expect(found.map((d) => d.removed)).toEqual([undefined]);
  });
});

describe("matchAgentsInfo", () => {
  it.each([
    [
      "Claude Code in a terminal",
      agentsInfo("Claude Code", { relatedProcess: "node.exe" }),
      { agentKey: "claude-code", channel: "CLI" },
    ],
    [
      "Claude Code inside VS Code",
      agentsInfo("Claude Code", { relatedProcess: "Code.exe" }),
      { agentKey: "claude-code", channel: "IDE_EXTENSION", hostIde: "vscode" },
    ],
    [
      "GitHub Copilot inside Cursor (macOS)",
      agentsInfo("GitHub Copilot", { relatedProcess: "Cursor" }),
      { agentKey: "github-copilot", channel: "IDE_EXTENSION", hostIde: "cursor" },
    ],
    [
      "GitHub Copilot app",
      agentsInfo("GitHub Copilot", { relatedProcess: "GitHub Copilot.exe" }),
      { agentKey: "github-copilot", channel: "DESKTOP_APP" },
    ],
    [
      "Cursor, hosted by itself",
      agentsInfo("Cursor", { relatedProcess: "Cursor.exe" }),
      { agentKey: "cursor", channel: "DESKTOP_APP" },
    ],
    [
      "Devin Desktop (Windsurf)",
      agentsInfo("Devin Desktop", { relatedProcess: "Windsurf.exe" }),
      { agentKey: "windsurf", channel: "DESKTOP_APP" },
    ],
    [
      "Codex extension in Windsurf",
      agentsInfo("Codex", {
        relatedProcess: "C:\\Users\\jdoe\\AppData\\Local\\Programs\\Windsurf\\Windsurf.exe",
      }),
      { agentKey: "codex", channel: "IDE_EXTENSION", hostIde: "windsurf" },
    ],
    [
      "Codex desktop",
      agentsInfo("Codex", { relatedProcess: "Codex.exe" }),
      { agentKey: "codex", channel: "DESKTOP_APP" },
    ],
    [
      "Cline without a related process",
      agentsInfo("Cline", {}),
      { agentKey: "cline", channel: "IDE_EXTENSION" },
    ],
    ["a name in different case", agentsInfo("claude code", {}), { agentKey: "claude-code" }],
  ])("detects %s", (_label, row, expected) => {
    const found = matchAgentsInfo([row]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject(expected);
  });

  it("carries device, user, version and time from the row", () => {
    const [d] = matchAgentsInfo([agentsInfo("Gemini CLI", { relatedProcess: "node" })]);
    expect(d).toMatchObject({
      device: { aadDeviceId: "aad-1", deviceName: "lt-000001.contoso.com" },
      user: { accountName: "jdoe", accountDomain: "CONTOSO", sid: "S-1-5-21-1-2-3-1001" },
      version: "1.2.3",
      lastSeenAt: new Date("2026-11-20T08:00:00Z"),
      evidence: {
        source: "AGENTS_INFO",
        identifiers: { agentId: "agent-Gemini CLI", name: "Gemini CLI", catalogVersion: CATALOG_VERSION },
      },
    });
    expect(d.removed).toBeUndefined();
  });

  it.each(["Deleted", "Uninstalled"])("marks %s agents removed", (status) => {
    expect(matchAgentsInfo([agentsInfo("OpenCode", {}, { LifecycleStatus: status })])[0].removed).toBe(true);
  });

  it("reads RawAgentInfo given as JSON text", () => {
    const row = agentsInfo(
      "Warp",
      {},
      {
        RawAgentInfo: JSON.stringify({
          localAgentMetadata: { deviceName: "mac-000002", relatedProcess: "Warp" },
        }),
      },
    );
    expect(matchAgentsInfo([row])[0]).toMatchObject({
      agentKey: "warp",
      channel: "CLI",
      device: { deviceName: "mac-000002" },
      user: null,
    });
  });

  it.each([...LOOK_ALIKES.agentsInfo, "Hermes Agent", ""])("ignores %p", (name) => {
    expect(matchAgentsInfo([agentsInfo(name)])).toEqual([]);
  });
});

describe("matchBrowserExtensions", () => {
  it("detects the Claude and ChatGPT extensions as browser-extension channels", () => {
    const found = matchBrowserExtensions([
      {
        DeviceId: DEVICE,
        BrowserName: "chrome",
        ExtensionId: "fcoeoabgfenejglbffodgkkbkcdhcgfn",
        ExtensionName: "Claude",
        ExtensionVersion: "1.0.31",
      },
      {
        DeviceId: DEVICE,
        BrowserName: "edge",
        ExtensionId: "EJCFEPKFCKGLBGOCFKANMCDNGDIJCGLD",
        ExtensionVersion: "1.1.0",
      },
    ]);
    expect(found.map(summary)).toEqual([
      { agentKey: "claude-desktop", channel: "BROWSER_EXTENSION", hostIde: undefined, version: "1.0.31" },
      { agentKey: "chatgpt-desktop", channel: "BROWSER_EXTENSION", hostIde: undefined, version: "1.1.0" },
    ]);
  });

  it.each([
    ["Merlin AI", "camppjleccjaphfdbohjdohecfnoikec"],
    ["Sider", "difoiogjjojoaoomphldepapgpbgkhkb"],
    ["uBlock Origin", "cjpalhdlnbpafiamejdnhcphjbkeiagm"],
  ])("ignores %s", (_label, id) => {
    expect(matchBrowserExtensions([{ DeviceId: DEVICE, ExtensionId: id }])).toEqual([]);
  });
});
