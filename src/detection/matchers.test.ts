import { CATALOG, CATALOG_VERSION, LOOK_ALIKES } from "./catalog";
import type { AgentsInfoRow, FileSummaryRow, ProcessSummaryRow } from "./hunting";
import {
  matchAgentsInfo,
  matchBrowserExtensions,
  matchFileSummaries,
  matchProcessSummaries,
  matchSoftwareRows,
  type ExtensionRow,
  type SoftwareRow,
} from "./matchers";
import type { Detection } from "./types";

const DEVICE = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

/** A software inventory row as the connector parses it (fields it lacks are null or empty). */
const software = (vendor: string, name: string, extra: Partial<SoftwareRow> = {}): SoftwareRow => ({
  deviceId: DEVICE,
  deviceName: "dev-laptop-17.contoso.com",
  softwareVendor: vendor,
  softwareName: name,
  softwareVersion: "1.0.0",
  diskPaths: [],
  registryPaths: [],
  ...extra,
});

/** A browser extension inventory row as the connector parses it. */
const extension = (extensionId: string, extra: Partial<ExtensionRow> = {}): ExtensionRow => ({
  deviceId: DEVICE,
  deviceName: null,
  browserName: null,
  extensionId,
  extensionName: null,
  extensionVersion: null,
  ...extra,
});

const process = (fullPath: string, extra: Partial<ProcessSummaryRow> = {}): ProcessSummaryRow => ({
  DeviceId: DEVICE,
  DeviceName: "dev-laptop-17",
  AccountName: "jdoe",
  AccountDomain: "CONTOSO",
  FileName: fullPath.split(/[\\/]/).pop() as string,
  FolderPath: fullPath,
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
        [...rule.names, ...(rule.namePrefixes ?? []).map((p) => `${p}_-_next`)].map((n) => ({
          agent: agent.key,
          channel: rule.channel ?? "DESKTOP_APP",
          what: `software ${v}/${n}`,
          run: () => matchSoftwareRows([software(v, n)]),
        })),
      ),
    ),
    ...(agent.processes ?? []).flatMap((rule) => [
      ...(rule.npm ?? []).map((name) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `npm package ${name}`,
        run: () =>
          matchProcessSummaries([
            process("C:\\Program Files\\nodejs\\node.exe", {
              CommandLine: `node C:\\Users\\jdoe\\AppData\\Roaming\\npm\\node_modules\\${name.replace("/", "\\")}\\cli.js`,
            }),
          ]),
      })),
      ...(rule.pypi ?? []).map((dist) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `PyPI distribution ${dist}`,
        run: () =>
          matchProcessSummaries([process("/home/jdoe/.local/bin/pipx", { CommandLine: `pipx run ${dist}` })]),
      })),
      ...(rule.modules ?? []).map((module) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `Python module ${module}`,
        run: () =>
          matchProcessSummaries([process("/usr/bin/python3", { CommandLine: `python3 -m ${module}` })]),
      })),
      ...(rule.homebrew ?? []).map((folder) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `Homebrew ${folder}`,
        run: () => matchProcessSummaries([process(`/opt/homebrew/${folder}/1.2.3/bin/tool`)]),
      })),
      ...(rule.scripts ?? []).map((script) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `launcher script ${script}`,
        run: () =>
          matchProcessSummaries([
            process("/usr/bin/node", { CommandLine: `node /usr/local/bin/${script} --help` }),
          ]),
      })),
      ...(rule.images ?? []).map((image) => {
        const folder = (rule.folders ?? rule.homebrew)?.[0]?.replaceAll("*", "312");
        return {
          agent: agent.key,
          channel: rule.channel,
          what: `image ${image} in ${folder ?? "any folder"}`,
          run: () => matchProcessSummaries([process(`/home/jdoe/${folder ?? "tools"}/${image}`)]),
        };
      }),
      ...(rule.images ? [] : (rule.folders ?? [])).map((folder) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `folder ${folder}`,
        run: () => matchProcessSummaries([process(`/home/jdoe/${folder}/helper`)]),
      })),
      ...(rule.winget ?? []).map((id) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `WinGet package ${id}`,
        run: () =>
          matchProcessSummaries([
            process(
              `C:\\Users\\jdoe\\AppData\\Local\\Microsoft\\WinGet\\Packages\\${id}_Microsoft.Winget.Source_8wekyb3d8bbwe\\tool.exe`,
            ),
          ]),
      })),
      ...(rule.msix ?? []).map((family) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `MSIX package ${family}`,
        run: () => {
          const [name, publisher] = [family.slice(0, family.lastIndexOf("_")), family.split("_").pop()];
          return matchProcessSummaries([
            process(`C:\\Program Files\\WindowsApps\\${name}_1.2.3.0_x64__${publisher}\\app\\tool.exe`),
          ]);
        },
      })),
      ...(rule.installers ?? []).map((name) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `installer ${name}`,
        run: () => matchProcessSummaries([process(`C:\\Users\\jdoe\\Downloads\\${name}Setup-x64-1.2.3.exe`)]),
      })),
      ...(rule.installScripts ?? []).map((url) => ({
        agent: agent.key,
        channel: rule.channel,
        what: `install script ${url}`,
        run: () =>
          matchProcessSummaries([process("/usr/bin/curl", { CommandLine: `curl -fsSL https://${url}` })]),
      })),
    ]),
    ...(agent.dataFolders ?? []).map((rule) => ({
      agent: agent.key,
      channel: rule.channel,
      what: `data folder ${rule.path}`,
      run: () =>
        matchFileSummaries([file(`C:\\Users\\jdoe\\${rule.path.replaceAll("/", "\\")}\\state.json`)]),
    })),
    ...(agent.files ?? []).map((rule) => ({
      agent: agent.key,
      channel: rule.channel,
      what: `file ${rule.path}`,
      run: () => matchFileSummaries([file(`C:\\Users\\jdoe\\${rule.path.replaceAll("/", "\\")}`)]),
    })),
    ...[...(agent.ideExtensions ?? []), ...(agent.companionExtensions ?? [])].map((id) => ({
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
      run: () => matchBrowserExtensions([extension(id, { extensionVersion: "1.0.1" })]),
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
        CommandLine:
          '"C:\\Program Files\\nodejs\\node.exe" C:\\Users\\jdoe\\AppData\\Roaming\\npm\\node_modules\\@anthropic-ai\\claude-code\\cli.js',
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
      process("/usr/bin/node", {
        CommandLine:
          "/usr/bin/node /usr/lib/node_modules/@github/copilot-language-server/dist/language-server.js --stdio",
      }),
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
    ["Ollama's CLI and server", process("/usr/local/bin/ollama"), { agentKey: "ollama", channel: "CLI" }],
    [
      "the Ollama app's server",
      process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\Ollama\\ollama.exe"),
      { agentKey: "ollama", channel: "DESKTOP_APP" },
    ],
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
    ["node without an agent package", process("C:\\Program Files\\nodejs\\node.exe", { CommandLine: "" })],
    [
      "an unrelated VS Code extension binary",
      process("/home/jdoe/.vscode/extensions/ms-python.python-2025.1.0/bin/python-env"),
    ],
    [
      "an extension whose id only starts like an agent's",
      process("/home/jdoe/.vscode/extensions/github.copilot-theme-1.0.0/bin/x"),
    ],
    ["a gemini binary outside the CLI install folders", process("/usr/games/gemini")],
    [
      "an unknown npm package",
      process("/usr/bin/node", { CommandLine: "node /usr/lib/node_modules/@unknown/pkg/cli.js" }),
    ],
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
      process("/Users/jdoe/.vscode/extensions/github.copilot-1.370.0/dist/x", {
        FirstSeen: "2026-11-01T00:00:00Z",
        LastSeen: "2026-11-05T00:00:00Z",
      }),
      process("/Users/jdoe/.vscode/extensions/github.copilot-1.372.2/dist/x", {
        FirstSeen: "2026-11-06T00:00:00Z",
        LastSeen: "2026-11-20T00:00:00Z",
      }),
    ];
    const found = matchProcessSummaries(rows);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      agentKey: "github-copilot",
      version: "1.372.2",
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

  const storage = (at: string): FileSummaryRow => ({
    ...file("/home/jdoe/.config/Code/User/globalStorage/github.copilot/state.json"),
    ActionType: "FileModified",
    LastSeen: at,
  });

  it("removes an extension whose folder was deleted, though its storage was written before", () => {
    const found = matchFileSummaries([
      storage("2026-11-09T00:00:00Z"),
      at(copilot("1.250.0"), "FileDeleted", "2026-11-10T00:00:00Z"),
    ]);
    expect(found.map((d) => [d.agentKey, d.removed])).toEqual([["github-copilot", true]]);
  });

  it("keeps an extension whose storage is written after its folder's deletion", () => {
    const found = matchFileSummaries([
      at(copilot("1.250.0"), "FileDeleted", "2026-11-10T00:00:00Z"),
      storage("2026-11-11T00:00:00Z"),
    ]);
    expect(found.map((d) => d.removed)).toEqual([undefined]);
  });

  it("keeps an extension in use whose install folder is older than the window", () => {
    expect(matchFileSummaries([storage("2026-11-09T00:00:00Z")]).map((d) => d.removed)).toEqual([undefined]);
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
      channel: "DESKTOP_APP",
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
      extension("fcoeoabgfenejglbffodgkkbkcdhcgfn", {
        browserName: "chrome",
        extensionName: "Claude",
        extensionVersion: "1.0.31",
      }),
      extension("EJCFEPKFCKGLBGOCFKANMCDNGDIJCGLD", { browserName: "edge", extensionVersion: "1.1.0" }),
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
    expect(matchBrowserExtensions([extension(id)])).toEqual([]);
  });
});

const found = (detections: Detection[]) =>
  detections.map((d) => `${d.agentKey} ${d.channel}${d.hostIde ? ` ${d.hostIde}` : ""} ${d.version}`);

describe("class 1: long-installed IDE extensions, seen through what they run and write", () => {
  it.each([
    [
      "VS Code's extension host on macOS (Code Helper (Plugin))",
      "/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)",
      "/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin) --ms-enable-electron-run-as-node /Users/jdoe/.vscode/extensions/github.copilot-1.372.0/dist/language-server.js --stdio --clientProcessId=3508",
      "github-copilot IDE_EXTENSION vscode 1.372.0",
    ],
    [
      "VS Code on Windows (Code.exe), a platform-specific folder",
      "C:\\Users\\jdoe\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
      '"C:\\Users\\jdoe\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe" --ms-enable-electron-run-as-node c:\\Users\\jdoe\\.vscode\\extensions\\anthropic.claude-code-2.0.37-win32-x64\\dist\\extension.js',
      "claude-code IDE_EXTENSION vscode 2.0.37",
    ],
    [
      "VS Code on Linux (code)",
      "/usr/share/code/code",
      "/usr/share/code/code --ms-enable-electron-run-as-node /home/jdoe/.vscode/extensions/continue.continue-1.2.10-linux-x64/out/index.js",
      "continue IDE_EXTENSION vscode 1.2.10",
    ],
    [
      "VS Code Insiders",
      "/usr/share/code-insiders/code-insiders",
      "/usr/share/code-insiders/code-insiders --ms-enable-electron-run-as-node /home/jdoe/.vscode-insiders/extensions/rooveterinaryinc.roo-cline-3.30.3/dist/extension.js",
      "roo-code IDE_EXTENSION vscode-insiders 3.30.3",
    ],
    [
      "VSCodium",
      "/usr/share/codium/codium",
      "/usr/share/codium/codium --ms-enable-electron-run-as-node /home/jdoe/.vscode-oss/extensions/kilocode.kilo-code-4.1.0/dist/extension.js",
      "kilo-code IDE_EXTENSION vscodium 4.1.0",
    ],
    [
      "Cursor (Cursor Helper (Plugin))",
      "/Applications/Cursor.app/Contents/Frameworks/Cursor Helper (Plugin).app/Contents/MacOS/Cursor Helper (Plugin)",
      "/Applications/Cursor.app/Contents/Frameworks/Cursor Helper (Plugin).app/Contents/MacOS/Cursor Helper (Plugin) --ms-enable-electron-run-as-node /Users/jdoe/.cursor/extensions/saoudrizwan.claude-dev-3.35.0/dist/extension.js",
      "cline IDE_EXTENSION cursor 3.35.0",
    ],
    [
      "Windsurf (renamed .devin folder)",
      "/Applications/Windsurf.app/Contents/Frameworks/Windsurf Helper (Plugin).app/Contents/MacOS/Windsurf Helper (Plugin)",
      "Windsurf Helper (Plugin) --ms-enable-electron-run-as-node /Users/jdoe/.devin/extensions/openai.chatgpt-0.5.2-darwin-arm64/out/extension.js",
      "codex IDE_EXTENSION windsurf 0.5.2",
    ],
    [
      "Trae",
      "C:\\Users\\jdoe\\AppData\\Local\\Programs\\Trae\\Trae.exe",
      "Trae.exe --ms-enable-electron-run-as-node C:\\Users\\jdoe\\.trae\\extensions\\tabnine.tabnine-vscode-3.300.0\\dist\\extension.js",
      "tabnine IDE_EXTENSION trae 3.300.0",
    ],
    [
      "Kiro",
      "/usr/share/kiro/kiro",
      "/usr/share/kiro/kiro --ms-enable-electron-run-as-node /home/jdoe/.kiro/extensions/amazonwebservices.amazon-q-vscode-1.100.0/dist/src/extension.js",
      "amazon-q IDE_EXTENSION kiro 1.100.0",
    ],
    [
      "Antigravity",
      "/Applications/Antigravity.app/Contents/MacOS/Antigravity",
      "Antigravity --ms-enable-electron-run-as-node /Users/jdoe/.antigravity/extensions/google.geminicodeassist-2.60.0/dist/extension.js",
      "gemini-code-assist IDE_EXTENSION antigravity 2.60.0",
    ],
    [
      "Positron",
      "/usr/lib/positron/positron",
      "/usr/lib/positron/positron --ms-enable-electron-run-as-node /home/jdoe/.positron/extensions/supermaven.supermaven-1.1.5/out/extension.js",
      "supermaven IDE_EXTENSION positron 1.1.5",
    ],
    [
      "code-server's node",
      "/usr/lib/code-server/lib/node",
      "/usr/lib/code-server/lib/node /home/jdoe/.local/share/code-server/extensions/sourcegraph.cody-ai-1.100.0/dist/agent.js",
      "cody IDE_EXTENSION code-server 1.100.0",
    ],
    [
      "VS Code Server (remote) node",
      "/home/jdoe/.vscode-server/bin/1e5bc9d7/node",
      "/home/jdoe/.vscode-server/bin/1e5bc9d7/node /home/jdoe/.vscode-server/extensions/augment.vscode-augment-0.600.0/out/extension.js",
      "augment IDE_EXTENSION vscode-server 0.600.0",
    ],
  ])("recognizes an extension run by %s", (_label, image, commandLine, expected) => {
    const row = process(image, { CommandLine: commandLine, Versions: ["1.105.1"] });
    // An agentic IDE's own image is also its desktop installation; the extension is what is asked here.
    expect(found(matchProcessSummaries([row])).filter((d) => d.includes("IDE_EXTENSION"))).toEqual([
      expected,
    ]);
  });

  it("recognizes the IDE itself and the extension its host runs from one row", () => {
    const row = process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\cursor\\Cursor.exe", {
      CommandLine:
        "Cursor.exe --ms-enable-electron-run-as-node C:\\Users\\jdoe\\.cursor\\extensions\\github.copilot-1.372.0\\dist\\x.js",
      Versions: ["2.1.20"],
    });
    expect(found(matchProcessSummaries([row])).sort()).toEqual([
      "cursor DESKTOP_APP 2.1.20",
      "github-copilot IDE_EXTENSION cursor 1.372.0",
    ]);
  });

  it("recognizes an extension from the command line of the process that started a child", () => {
    // The query blanks the child's image: only the initiating command line counts.
    const child = process("", {
      FileName: "",
      FolderPath: "",
      CommandLine:
        "/home/jdoe/.vscode/extensions/anthropic.claude-code-2.1.3-linux-x64/resources/native-binary/claude --output-format stream-json",
    });
    expect(found(matchProcessSummaries([child]))).toEqual(["claude-code IDE_EXTENSION vscode 2.1.3"]);
  });

  it("recognizes a native helper shipped inside an extension folder", () => {
    const helper = process(
      "/Users/jdoe/.cursor/extensions/openai.chatgpt-0.5.2-darwin-arm64/bin/macos-aarch64/codex",
      { Versions: ["0.46.0"] },
    );
    expect(found(matchProcessSummaries([helper]))).toEqual(["codex IDE_EXTENSION cursor 0.5.2"]);
  });

  it.each([
    [
      "Cline's task history in VS Code (Windows)",
      "C:\\Users\\jdoe\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\tasks\\1731000000\\api_conversation_history.json",
      "cline IDE_EXTENSION vscode null",
    ],
    [
      "Roo Code's modes in Cursor (macOS)",
      "/Users/jdoe/Library/Application Support/Cursor/User/globalStorage/rooveterinaryinc.roo-cline/settings/custom_modes.yaml",
      "roo-code IDE_EXTENSION cursor null",
    ],
    [
      "Kilo Code's tasks in Windsurf (Linux)",
      "/home/jdoe/.config/Windsurf/User/globalStorage/kilocode.kilo-code/tasks/1/ui_messages.json",
      "kilo-code IDE_EXTENSION windsurf null",
    ],
    [
      "Copilot Chat state in VS Code Server",
      "/home/jdoe/.vscode-server/data/User/globalStorage/github.copilot-chat/commandEmbeddings.json",
      "github-copilot IDE_EXTENSION vscode-server null",
    ],
    [
      "Copilot Chat sessions in a workspace's storage",
      "/home/jdoe/.config/Code/User/workspaceStorage/7f3c0e/GitHub.copilot-chat/chat-session-resources/a.json",
      "github-copilot IDE_EXTENSION vscode null",
    ],
    [
      "Claude Code's state in VS Code Insiders",
      "C:\\Users\\jdoe\\AppData\\Roaming\\Code - Insiders\\User\\globalStorage\\anthropic.claude-code\\state.json",
      "claude-code IDE_EXTENSION vscode-insiders null",
    ],
    [
      "Continue in code-server",
      "/home/jdoe/.local/share/code-server/User/globalStorage/continue.continue/index.json",
      "continue IDE_EXTENSION code-server null",
    ],
  ])("recognizes writes to an extension's storage: %s", (_label, path, expected) => {
    expect(found(matchFileSummaries([file(path)]))).toEqual([expected]);
  });

  it.each([
    [
      "an unrelated extension's storage",
      "/home/jdoe/.config/Code/User/globalStorage/ms-python.python/x.json",
    ],
    [
      "an extension id under a folder that is no IDE's",
      "/home/jdoe/backup/User/globalStorage/saoudrizwan.claude-dev/x.json",
    ],
    ["a project folder named like an extension", "/home/jdoe/src/saoudrizwan.claude-dev/package.json"],
  ])("ignores %s", (_label, path) => {
    expect(matchFileSummaries([file(path)])).toEqual([]);
  });

  it("counts an extension's files together: deleting its folder removes it", () => {
    const at = (path: string, ActionType: string, LastSeen: string): FileSummaryRow => ({
      ...file(path),
      ActionType,
      LastSeen,
    });
    const folder = "/home/jdoe/.vscode/extensions/saoudrizwan.claude-dev-3.35.0";
    const found = matchFileSummaries([
      at(`${folder}/dist/extension.js`, "FileCreated", "2026-11-02T00:00:00Z"),
      at(`${folder}/package.json`, "FileDeleted", "2026-11-10T00:00:00Z"),
    ]);
    expect(found.map((d) => [d.agentKey, d.removed])).toEqual([["cline", true]]);
  });
});

describe("class 2: interpreter-launched CLIs, the agent in the command line", () => {
  it.each([
    ["python -m", "/usr/bin/python3.12", "python3 -m aider --model sonnet", "aider CLI null"],
    ["py -m (Windows launcher)", "C:\\Windows\\py.exe", "py -3.12 -m aider", "aider CLI null"],
    [
      "pipx run with a pinned spec",
      "/home/jdoe/.local/bin/pipx",
      "pipx run --spec aider-chat==0.86.1 aider",
      "aider CLI 0.86.1",
    ],
    ["uvx --from", "/home/jdoe/.local/bin/uvx", "uvx --from aider-chat@0.86.0 aider", "aider CLI 0.86.0"],
    ["uv tool run", "/home/jdoe/.local/bin/uv", "uv tool run kimi-cli", "kimi-code CLI null"],
    [
      "npx with a version",
      "/usr/bin/node",
      "node /usr/local/bin/npx -y @anthropic-ai/claude-code@2.0.14",
      "claude-code CLI 2.0.14",
    ],
    [
      "npx on Windows (npx-cli.js)",
      "C:\\Program Files\\nodejs\\node.exe",
      '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npx-cli.js" @google/gemini-cli@0.9.0',
      "gemini-cli CLI 0.9.0",
    ],
    [
      "npx through a shell",
      "C:\\Windows\\System32\\cmd.exe",
      "cmd.exe /c npx -y @kilocode/cli",
      "kilo-code CLI null",
    ],
    ["bunx", "/home/jdoe/.bun/bin/bun", "bunx @openai/codex@0.46.0", "codex CLI 0.46.0"],
    [
      "pnpm dlx",
      "/usr/bin/node",
      "node /usr/lib/node_modules/pnpm/bin/pnpm.cjs dlx @charmland/crush",
      "crush CLI null",
    ],
    [
      "yarn dlx",
      "/usr/bin/node",
      "node /usr/lib/node_modules/yarn/bin/yarn.js dlx @sourcegraph/amp@0.0.17",
      "amp CLI 0.0.17",
    ],
    [
      "npm exec",
      "/usr/bin/node",
      "npm exec --package=@factory/cli@0.22.1 -- droid",
      "factory-droid CLI 0.22.1",
    ],
    [
      "node from the global prefix",
      "/usr/local/bin/node",
      "node /usr/local/lib/node_modules/@openai/codex/bin/codex.js exec",
      "codex CLI null",
    ],
    [
      "pnpm's store, which names the version",
      "/usr/bin/node",
      "node /home/jdoe/.local/share/pnpm/global/5/node_modules/.pnpm/@anthropic-ai+claude-code@2.0.5/node_modules/@anthropic-ai/claude-code/cli.js",
      "claude-code CLI 2.0.5",
    ],
    [
      "a shim in ~/.local/bin",
      "/usr/bin/python3",
      "/usr/bin/python3 /home/jdoe/.local/bin/aider --yes",
      "aider CLI null",
    ],
    [
      "nvm's node (not node's version)",
      "/Users/jdoe/.nvm/versions/node/v22.11.0/bin/node",
      "node /Users/jdoe/.nvm/versions/node/v22.11.0/bin/claude",
      "claude-code CLI null",
    ],
    [
      "volta",
      "/Users/jdoe/.volta/tools/image/node/22.11.0/bin/node",
      "node /Users/jdoe/.volta/bin/gemini",
      "gemini-cli CLI null",
    ],
    [
      "asdf's installed script",
      "/Users/jdoe/.asdf/installs/nodejs/22.11.0/bin/node",
      "node /Users/jdoe/.asdf/installs/nodejs/22.11.0/bin/opencode",
      "opencode CLI null",
    ],
    [
      "pyenv's python (not python's version)",
      "/Users/jdoe/.pyenv/versions/3.12.1/bin/python3.12",
      "/Users/jdoe/.pyenv/versions/3.12.1/bin/python3.12 /Users/jdoe/.pyenv/versions/3.12.1/bin/aider",
      "aider CLI null",
    ],
    [
      "fnm's node",
      "/Users/jdoe/.local/share/fnm/node-versions/v22.11.0/installation/bin/node",
      "node /Users/jdoe/.local/state/fnm_multishells/123_456/bin/cline",
      "cline CLI null",
    ],
    [
      "mise's node",
      "/Users/jdoe/.local/share/mise/installs/node/22/bin/node",
      "node /Users/jdoe/.local/share/mise/installs/node/22/bin/auggie",
      "augment CLI null",
    ],
    [
      "Homebrew's node running a Homebrew formula (the formula's version)",
      "/opt/homebrew/Cellar/node/24.1.0/bin/node",
      "/opt/homebrew/Cellar/node/24.1.0/bin/node /opt/homebrew/Cellar/gemini-cli/0.9.0/libexec/lib/node_modules/@google/gemini-cli/dist/index.js",
      "gemini-cli CLI 0.9.0",
    ],
    [
      "pip's launcher on Windows",
      "C:\\Python312\\python.exe",
      '"C:\\Python312\\python.exe" "C:\\Python312\\Scripts\\aider.exe" --yes',
      "aider CLI null",
    ],
  ])("recognizes %s", (_label, image, commandLine, expected) => {
    expect(
      found(matchProcessSummaries([process(image, { CommandLine: commandLine, Versions: ["3.12.1"] })])),
    ).toEqual([expected]);
  });

  it.each([
    [
      "a pipx environment's own python",
      "/home/jdoe/.local/pipx/venvs/aider-chat/bin/python3.12",
      "aider CLI null",
    ],
    [
      "a uv tool environment's own python",
      "/home/jdoe/.local/share/uv/tools/kimi-cli/bin/python",
      "kimi-code CLI null",
    ],
    [
      "a native binary vendored in an npm package",
      "/usr/local/lib/node_modules/@openai/codex/vendor/x86_64-unknown-linux-musl/codex/codex",
      "codex CLI null",
    ],
    ["a Homebrew formula", "/opt/homebrew/Cellar/block-goose-cli/1.9.3/bin/goose", "goose CLI 1.9.3"],
    ["a Homebrew cask", "/opt/homebrew/Caskroom/claude-code/2.0.37/claude", "claude-code CLI 2.0.37"],
  ])("recognizes %s from its image path", (_label, path, expected) => {
    expect(found(matchProcessSummaries([process(path, { Versions: ["3.12.7"] })]))).toEqual([expected]);
  });

  it.each([
    ["a Python module of the same name", "python3 -m aiderutil"],
    ["an unrelated npx package", "npx -y @modelcontextprotocol/server-filesystem /home/jdoe"],
    ["an agent's name as a plain argument", "git commit -m claude"],
    ["a script of the same name outside a launcher folder", "node /home/jdoe/src/claude"],
    ["a launcher script not run by an interpreter", "ls /usr/local/bin/claude"],
    ["an unpinned pipx run of another tool", "pipx run black"],
  ])("ignores %s", (_label, commandLine) => {
    expect(matchProcessSummaries([process("/usr/bin/python3", { CommandLine: commandLine })])).toEqual([]);
  });

  it("recognizes a pip install from its dist-info, with the installed version", () => {
    expect(
      found(
        matchFileSummaries([
          file("/Users/jdoe/.local/lib/python3.12/site-packages/aider_chat-0.86.1.dist-info/METADATA"),
        ]),
      ),
    ).toEqual(["aider CLI 0.86.1"]);
  });

  it("recognizes an npm global install from its package.json", () => {
    expect(
      found(
        matchFileSummaries([
          file(
            "C:\\Users\\jdoe\\AppData\\Roaming\\npm\\node_modules\\@anthropic-ai\\claude-code\\package.json",
          ),
        ]),
      ),
    ).toEqual(["claude-code CLI null"]);
  });
});

describe("class 3: software inventory names as Defender derives them", () => {
  it.each([
    ["anysphere,_inc.", "cursor_(user)", "cursor DESKTOP_APP"],
    ["Anysphere, Inc.", "Cursor (User)", "cursor DESKTOP_APP"],
    ["cursor_ai,_inc.", "cursor", "cursor DESKTOP_APP"],
    ["anthropic,_pbc", "claude", "claude-desktop DESKTOP_APP"],
    ["anthropic,_pbc", "claude_code", "claude-code CLI"],
    ["exafunction,_inc.", "windsurf_(user)", "windsurf DESKTOP_APP"],
    ["codeium", "windsurf_-_next", "windsurf DESKTOP_APP"],
    ["google_llc", "antigravity", "antigravity DESKTOP_APP"],
    ["openai,_l.l.c.", "chatgpt", "chatgpt-desktop DESKTOP_APP"],
    ["openai", "codex_(x64)", "codex DESKTOP_APP"],
    ["element_labs,_inc.", "lm_studio_0.3.31", "lm-studio DESKTOP_APP"],
    ["ollama_inc.", "ollama_version_0.12.6", "ollama DESKTOP_APP"],
    ["denver_technologies,_inc.", "warp", "warp DESKTOP_APP"],
    ["zed_industries,_inc.", "zed_(arm64)", "zed DESKTOP_APP"],
    ["amazon_web_services,_inc.", "kiro_(user)", "kiro DESKTOP_APP"],
    ["bytedance_ltd.", "trae_(user)", "trae DESKTOP_APP"],
    ["block,_inc.", "goose_for_windows", "goose DESKTOP_APP"],
    ["github,_inc.", "github_copilot_cli", "github-copilot CLI"],
    [
      "microsoft_corporation",
      "github_copilot_for_visual_studio",
      "github-copilot IDE_EXTENSION visual-studio",
    ],
    ["jetbrains_s.r.o.", "ai_assistant", "jetbrains-ai IDE_EXTENSION jetbrains"],
    ["amazon.com,_inc.", "amazon_q", "amazon-q CLI"],
    ["google_llc", "gemini_cli", "gemini-cli CLI"],
    ["charmbracelet,_inc.", "crush", "crush CLI"],
  ])("%s / %s", (vendor, name, expected) => {
    const [d] = matchSoftwareRows([software(vendor, name)]);
    expect(d && `${d.agentKey} ${d.channel}${d.hostIde ? ` ${d.hostIde}` : ""}`).toBe(expected);
  });

  it("gives every catalog agent that ships as an application a software rule", () => {
    const applications = CATALOG.filter((a) =>
      ["IDE", "DESKTOP_APP", "TERMINAL", "LOCAL_RUNTIME"].includes(a.category),
    );
    expect(applications.filter((a) => !a.software?.length).map((a) => a.key)).toEqual([]);
  });
});

describe("class 4: a short generic name is never enough alone", () => {
  it.each([
    ["goose, the database migration tool (go install)", process("/Users/jdoe/go/bin/goose")],
    ["goose, the database migration tool (Homebrew)", process("/opt/homebrew/Cellar/goose/3.24.1/bin/goose")],
    ["goose, the database migration tool (install script)", process("/usr/local/bin/goose")],
    ["goose.exe, the database migration tool on Windows", process("C:\\Users\\jdoe\\go\\bin\\goose.exe")],
    [
      "Office's own copilot.exe",
      process("C:\\Program Files\\Microsoft Office\\root\\Office16\\copilot.exe", {
        Publishers: ["Microsoft Corporation"],
      }),
    ],
    ["AWS Copilot CLI (install script)", process("/usr/local/bin/copilot")],
    ["AWS Copilot CLI (Homebrew)", process("/opt/homebrew/Cellar/copilot-cli/1.34.0/bin/copilot")],
    ["Cursor.exe from an unknown folder and publisher", process("C:\\Tools\\CursorFX\\Cursor.exe")],
    ["aider.exe of another vendor", process("C:\\Program Files\\Aider Accounting\\aider.exe")],
    ["claude.exe of another vendor", process("C:\\Program Files\\Claude Monet\\claude.exe")],
    ["warp.exe outside Warp's folders", process("C:\\Games\\Warp\\bin\\warp.exe")],
    ["Cloudflare WARP's service", process("C:\\Program Files\\Cloudflare\\Cloudflare WARP\\warp-svc.exe")],
    ["an `amp` audio player", process("/usr/local/bin/amp")],
    [
      "`q`, the text-as-data tool run by python",
      process("/usr/bin/python3", { CommandLine: "python3 /usr/local/bin/q -H 'select 1'" }),
    ],
    ["`q` outside ~/.local", process("/usr/bin/q")],
    ["zed.exe outside Zed's folders", process("C:\\Tools\\zed.exe")],
    ["OWASP ZAP", process("C:\\Program Files\\ZAP\\Zed Attack Proxy\\zap.exe")],
    ["a `continue` helper of another product", process("C:\\Program Files\\Contoso\\continue.exe")],
    ["Jan (not a catalog agent)", process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\jan\\Jan.exe")],
    ["a `cody` binary that is not Cody's agent", process("/usr/local/bin/cody")],
  ])("ignores %s", (_label, row) => {
    expect(matchProcessSummaries([row])).toEqual([]);
  });

  it.each([
    [
      "goose vouched for by its publisher",
      process("C:\\Tools\\goose.exe", { Publishers: ["Block, Inc."] }),
      "goose CLI null",
    ],
    [
      "Cursor vouched for by its publisher",
      process("D:\\Apps\\Cursor.exe", { Publishers: ["Anysphere, Inc."], Versions: ["2.1.20"] }),
      "cursor DESKTOP_APP 2.1.20",
    ],
    [
      "GitHub Copilot CLI from WinGet",
      process(
        "C:\\Users\\jdoe\\AppData\\Local\\Microsoft\\WinGet\\Packages\\GitHub.Copilot_Microsoft.Winget.Source_8wekyb3d8bbwe\\copilot.exe",
      ),
      "github-copilot CLI null",
    ],
    [
      "GitHub Copilot CLI from its cask",
      process("/opt/homebrew/Caskroom/copilot-cli/0.0.350/copilot"),
      "github-copilot CLI 0.0.350",
    ],
    [
      "Zed vouched for by its publisher",
      process("D:\\Zed\\zed.exe", { Products: ["Zed Industries Zed"] }),
      "zed DESKTOP_APP null",
    ],
  ])("recognizes %s", (_label, row, expected) => {
    expect(found(matchProcessSummaries([row]))).toEqual([expected]);
  });

  it.each([
    ["pressly", "goose"],
    ["contoso", "continue"],
    ["contoso", "claude"],
    ["aider_software", "aider"],
    ["contoso", "cursor"],
    ["cloudflare,_inc.", "warp"],
    ["contoso", "amp"],
    ["owasp", "zed_attack_proxy"],
    ["jan", "jan"],
    ["contoso", "cody"],
    ["microsoft_corporation", "copilot"],
  ])("ignores software %s / %s", (vendor, name) => {
    expect(matchSoftwareRows([software(vendor, name)])).toEqual([]);
  });
});

describe("class 5: versions from the agent's own evidence", () => {
  it("takes the main extension's version over a companion's, the companion's only when it is alone", () => {
    const rows = [
      file("/home/jdoe/.vscode/extensions/github.copilot-chat-0.31.2/package.json"),
      file("/home/jdoe/.vscode/extensions/github.copilot-1.372.0/package.json"),
    ];
    expect(found(matchFileSummaries(rows))).toEqual(["github-copilot IDE_EXTENSION vscode 1.372.0"]);
    expect(found(matchFileSummaries([...rows].reverse()))).toEqual([
      "github-copilot IDE_EXTENSION vscode 1.372.0",
    ]);
    // Copilot Chat now carries completions too: installed alone, it is the agent.
    expect(found(matchFileSummaries([rows[0]]))).toEqual(["github-copilot IDE_EXTENSION vscode 0.31.2"]);
  });

  it("takes an extension host's version from the extension's folder, never the IDE's version info", () => {
    const row = process("/usr/share/code/code", {
      CommandLine:
        "code --ms-enable-electron-run-as-node /home/jdoe/.vscode/extensions/github.copilot-1.372.0/dist/x.js",
      Versions: ["1.105.1"],
    });
    expect(matchProcessSummaries([row]).map((d) => d.version)).toEqual(["1.372.0"]);
  });

  it("takes the image's product version when the image is the agent", () => {
    expect(
      found(matchProcessSummaries([process("/home/jdoe/.local/bin/goose", { Versions: ["1.9.3"] })])),
    ).toEqual(["goose CLI 1.9.3"]);
  });

  it.each([
    [
      "an interpreter's version info",
      process("/usr/bin/node", {
        CommandLine: "node /usr/lib/node_modules/@openai/codex/bin/codex.js",
        Versions: ["22.11.0"],
      }),
    ],
    [
      "a runtime's versions folder",
      process("C:\\Users\\jdoe\\.pyenv\\pyenv-win\\versions\\3.12.1\\Scripts\\aider.exe"),
    ],
  ])("never takes %s", (_label, row) => {
    expect(matchProcessSummaries([row]).map((d) => d.version)).toEqual([null]);
  });

  it("reads the version from the agent's own versions folder", () => {
    expect(
      found(
        matchProcessSummaries([
          process("/home/jdoe/.local/share/cursor-agent/versions/2026.01.09/cursor-agent"),
        ]),
      ),
    ).toEqual(["cursor CLI 2026.01.09"]);
  });
});

describe("class 5, continued: the newest evidence that shows a version", () => {
  it("takes the version of the newest row that shows one, not of the newest row", () => {
    const rows = [
      process("/opt/homebrew/Cellar/ollama/0.12.6/bin/ollama", { LastSeen: "2026-11-10T08:00:00Z" }),
      process("/opt/homebrew/Cellar/ollama/0.13.5/bin/ollama", { LastSeen: "2026-11-14T08:00:00Z" }),
      // `brew upgrade` itself, newest of all, names no version.
      process("/opt/homebrew/bin/brew", {
        CommandLine: "brew upgrade ollama",
        LastSeen: "2026-11-15T08:00:00Z",
      }),
    ];
    expect(found(matchProcessSummaries(rows))).toEqual(["ollama CLI 0.13.5"]);
  });

  it("keeps a pre-release or build suffix of the agent's version folder", () => {
    expect(
      found(
        matchProcessSummaries([
          process("C:\\Users\\jdoe\\AppData\\Local\\cursor-agent\\versions\\2026.01.09-4fa5c1e\\node.exe", {
            Versions: ["22.21.1"],
          }),
        ]),
      ),
    ).toEqual(["cursor CLI 2026.01.09-4fa5c1e"]);
  });

  it("takes a language server's folder for the extension, never the server's own version", () => {
    const server = process(
      "C:\\Users\\jdoe\\AppData\\Local\\aws\\toolkits\\language-servers\\AmazonQ\\1.40.0\\servers\\node.exe",
      { Versions: ["22.21.1"] },
    );
    expect(found(matchProcessSummaries([server]))).toEqual(["amazon-q IDE_EXTENSION null"]);
  });

  it("keeps a JetBrains plugin installed across an update that replaced its jar", () => {
    const plugin = "C:\\Users\\jdoe\\AppData\\Roaming\\JetBrains\\IntelliJIdea2025.2\\plugins\\junie\\lib";
    const at = (name: string, ActionType: string, LastSeen: string): FileSummaryRow => ({
      ...file(`${plugin}\\${name}`),
      ActionType,
      LastSeen,
    });
    const found = matchFileSummaries([
      at("junie-252.405.88.jar", "FileCreated", "2026-11-10T08:00:00Z"),
      at("junie-252.347.120.jar", "FileDeleted", "2026-11-10T09:00:00Z"),
    ]);
    expect(found.map((d) => [d.agentKey, d.channel, d.version, d.removed ?? false])).toEqual([
      ["junie", "IDE_EXTENSION", "252.405.88", false],
    ]);
  });
});

describe("packages, package managers and installers", () => {
  it.each([
    [
      "npm's Windows shim, which runs `.bin\\..\\<package>`",
      "C:\\Program Files\\nodejs\\node.exe",
      '"node"  "C:\\Users\\jdoe\\AppData\\Local\\npm-cache\\_npx\\eaaf\\node_modules\\.bin\\\\..\\@github\\copilot\\npm-loader.js"',
      "github-copilot CLI null",
    ],
    [
      "npm install -g",
      "C:\\Program Files\\nodejs\\node.exe",
      '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" install -g @anthropic-ai/claude-code',
      "claude-code CLI null",
    ],
    [
      "pip install",
      "/usr/bin/python3.12",
      "python3 -m pip install --user aider-chat==0.86.1",
      "aider CLI 0.86.1",
    ],
    ["pipx install", "/usr/bin/python3.12", "python3 -m pipx install aider-chat", "aider CLI null"],
    ["uv tool install", "/home/jdoe/.local/bin/uv", "uv tool install kimi-cli", "kimi-code CLI null"],
    [
      "brew install --cask",
      "/opt/homebrew/bin/brew",
      "brew install --cask cursor",
      "cursor DESKTOP_APP null",
    ],
    [
      "brew.rb install, a formula",
      "/opt/homebrew/Library/Homebrew/vendor/portable-ruby/current/bin/ruby",
      "ruby -W1 -- /opt/homebrew/Library/Homebrew/brew.rb install ollama",
      "ollama CLI null",
    ],
    [
      "winget install --id",
      "C:\\Users\\jdoe\\AppData\\Local\\Microsoft\\WindowsApps\\winget.exe",
      "winget install -e --id Anysphere.Cursor",
      "cursor DESKTOP_APP null",
    ],
    [
      "a vendor install script",
      "/usr/bin/curl",
      "curl -fsSL https://claude.ai/install.sh",
      "claude-code CLI null",
    ],
    ["a .deb given to dpkg", "/usr/bin/dpkg", "dpkg -i cursor_2.0.77_amd64.deb", "cursor DESKTOP_APP 2.0.77"],
    [
      "a .dmg given to hdiutil",
      "/usr/bin/hdiutil",
      "hdiutil attach Warp-0.2026.01.14.08.11.stable_01.dmg",
      "warp DESKTOP_APP 0.2026.01.14.08.11.stable_01",
    ],
  ])("recognizes %s", (_label, image, commandLine, expected) => {
    expect(found(matchProcessSummaries([process(image, { CommandLine: commandLine })]))).toEqual([expected]);
  });

  it.each([
    [
      "a VS Code fork's per-user setup",
      "C:\\Users\\jdoe\\Downloads\\CursorUserSetup-x64-2.0.77.exe",
      "cursor DESKTOP_APP 2.0.77",
    ],
    [
      "an installer named after the product",
      "C:\\Users\\jdoe\\Downloads\\OllamaSetup.exe",
      "ollama DESKTOP_APP null",
    ],
    [
      "an installer with a space in its name",
      "C:\\Users\\jdoe\\Downloads\\Claude Setup.exe",
      "claude-desktop DESKTOP_APP null",
    ],
  ])("recognizes %s running", (_label, image, expected) => {
    expect(found(matchProcessSummaries([process(image)]))).toEqual([expected]);
  });

  it.each([
    ["another product named like one", "C:\\Users\\jdoe\\Downloads\\CursorFX_Setup_2.1.exe"],
    [
      "another product starting with an agent's name",
      "C:\\Users\\jdoe\\Downloads\\claude_monet_screensaver_setup.exe",
    ],
    ["the program itself, outside its folders", "C:\\tools\\claude.exe"],
    ["pressly's goose release binary", "C:\\Users\\jdoe\\Downloads\\goose_windows_x86_64.exe"],
  ])("ignores %s", (_label, image) => {
    expect(matchProcessSummaries([process(image)])).toEqual([]);
  });

  it("recognizes a native binary an npm CLI ships in its per-platform package", () => {
    const binary = process(
      "C:\\Users\\jdoe\\AppData\\Local\\npm-cache\\_npx\\eaaf\\node_modules\\@github\\copilot-win32-x64\\copilot.exe",
    );
    expect(found(matchProcessSummaries([binary]))).toEqual(["github-copilot CLI null"]);
  });

  it("recognizes an MSIX app from its package folder, with the package's version", () => {
    const app = process(
      "C:\\Program Files\\WindowsApps\\Claude_1.11847.5.0_x64__pzs8sxrjxfjjc\\app\\claude.exe",
    );
    expect(found(matchProcessSummaries([app]))).toEqual(["claude-desktop DESKTOP_APP 1.11847.5.0"]);
    const data = file(
      "C:\\Users\\jdoe\\AppData\\Local\\Packages\\OpenAI.ChatGPT-Desktop_2p2nqsd0c76g0\\LocalCache\\Roaming\\ChatGPT\\Local State",
    );
    expect(found(matchFileSummaries([data]))).toEqual(["chatgpt-desktop DESKTOP_APP null"]);
  });

  it("ignores another publisher's MSIX package", () => {
    const copilot = process(
      "C:\\Program Files\\WindowsApps\\Microsoft.Copilot_1.25.1.0_x64__8wekyb3d8bbwe\\Copilot.exe",
    );
    expect(matchProcessSummaries([copilot])).toEqual([]);
  });

  it("recognizes a WinGet portable package by its folder, whatever its executable is named", () => {
    const runner = process(
      "C:\\Users\\jdoe\\AppData\\Local\\Microsoft\\WinGet\\Packages\\OpenAI.Codex_Microsoft.Winget.Source_8wekyb3d8bbwe\\codex-command-runner.exe",
    );
    expect(found(matchProcessSummaries([runner]))).toEqual(["codex CLI null"]);
  });
});

describe("files: the folder they are in, and the process that wrote them", () => {
  const written = (path: string, writer: string, commandLine = writer): FileSummaryRow => ({
    ...file(path),
    InitiatingProcessFileName: writer.split(/[\\/]/).pop(),
    InitiatingProcessFolderPath: writer,
    InitiatingProcessCommandLine: commandLine,
  });
  const session = "/Users/jdoe/.claude/projects/-Users-jdoe-src-api/0f6d1c1e.jsonl";

  it("gives a shared data folder's file to the installation whose process wrote it", () => {
    const extension = written(
      session,
      "/Users/jdoe/.vscode/extensions/anthropic.claude-code-2.1.3-darwin-arm64/resources/native-binary/claude",
    );
    expect(found(matchFileSummaries([extension]))).toEqual(["claude-code IDE_EXTENSION vscode null"]);
    const cli = written(session, "/Users/jdoe/.local/share/claude/versions/2.1.3");
    expect(found(matchFileSummaries([cli]))).toEqual(["claude-code CLI null"]);
  });

  it("leaves a shared data folder's file to the device's other evidence when no agent process wrote it", () => {
    const [detection] = matchFileSummaries([file(session)]);
    expect([detection.agentKey, detection.channel, detection.channelCandidates]).toEqual([
      "claude-code",
      "CLI",
      ["CLI", "DESKTOP_APP", "IDE_EXTENSION"],
    ]);
  });

  it("counts a file only an agent's process explains as use of that agent", () => {
    const state = written(
      "C:\\Users\\jdoe\\Documents\\notes.md",
      "C:\\Program Files\\WindowsApps\\OpenAI.Codex_26.1.0.0_x64__2p2nqsd0c76g0\\app\\Codex.exe",
    );
    expect(found(matchFileSummaries([state]))).toEqual(["codex DESKTOP_APP null"]);
    expect(matchFileSummaries([{ ...state, ActionType: "FileDeleted" }])).toEqual([]);
  });

  it.each([
    [
      "an agent IDE's own user data",
      "C:\\Users\\jdoe\\AppData\\Roaming\\Cursor\\User\\globalStorage\\state.vscdb",
      "cursor DESKTOP_APP null",
    ],
    [
      "an app's Electron user data",
      "C:\\Users\\jdoe\\AppData\\Roaming\\Goose\\Preferences",
      "goose DESKTOP_APP null",
    ],
    ["a CLI's config folder", "/home/jdoe/.config/goose/config.yaml", "goose CLI null"],
    [
      "Antigravity's folder inside Gemini's",
      "/Users/jdoe/.gemini/antigravity/conversations/a.pb",
      "antigravity DESKTOP_APP null",
    ],
  ])("recognizes %s", (_label, path, expected) => {
    expect(found(matchFileSummaries([file(path)]))).toEqual([expected]);
  });

  it.each([
    ["a project's .claude folder", "/home/jdoe/src/api/.claude/commands/review.md"],
    ["a project's .cursor rules", "C:\\src\\web\\.cursor\\rules\\style.mdc"],
    ["a project folder named like an IDE's data", "/Users/jdoe/src/cursor/User/notes.md"],
  ])("ignores %s: data folders are in the user's home", (_label, path) => {
    expect(matchFileSummaries([file(path)])).toEqual([]);
  });

  it("ignores VS Code's own user data: VS Code is no agent", () => {
    expect(
      matchFileSummaries([file("C:\\Users\\jdoe\\AppData\\Roaming\\Code\\User\\settings.json")]),
    ).toEqual([]);
  });
});

describe("AgentsInfo names and channels", () => {
  it("reads VS Code's macOS executable, named Electron up to 1.109, as the IDE hosting an extension", () => {
    const row = agentsInfo("GitHub Copilot", { relatedProcess: "Electron" });
    expect(found(matchAgentsInfo([row]))).toEqual(["github-copilot IDE_EXTENSION vscode 1.2.3"]);
  });

  it("knows the names Learn lists the agents under", () => {
    expect(
      found(matchAgentsInfo([agentsInfo("Ollama Desktop", { relatedProcess: "ollama app.exe" })])),
    ).toEqual(["ollama DESKTOP_APP 1.2.3"]);
  });

  it.each([
    ["no related process", "Goose", {}, ["CLI", "DESKTOP_APP", "IDE_EXTENSION"]],
    [
      "an interpreter as related process",
      "Claude Code",
      { relatedProcess: "node.exe" },
      ["CLI", "DESKTOP_APP"],
    ],
    [
      "a native install named by its version",
      "Claude Code",
      { relatedProcess: "2.1.109" },
      ["CLI", "DESKTOP_APP"],
    ],
    [
      "an unknown related process",
      "GitHub Copilot",
      { relatedProcess: "Visual Studio Code" },
      ["DESKTOP_APP", "IDE_EXTENSION"],
    ],
    ["a name for one channel of several", "Codex CLI", { relatedProcess: "codex.exe" }, undefined],
    ["an IDE as related process", "Claude Code", { relatedProcess: "Code.exe" }, undefined],
  ])("says which channels a row may stand for: %s", (_label, name, meta, candidates) => {
    expect(matchAgentsInfo([agentsInfo(name, meta)])[0].channelCandidates).toEqual(candidates);
  });
});
