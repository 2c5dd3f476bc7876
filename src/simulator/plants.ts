// The AI coding agents the fleet plants, and exactly how each shows up in Defender data
// (CONTRACT "How planted agents appear"). JetBrains plugins are laid out as
// <config>/plugins/<pluginId>/lib/<pluginId>-<version>.jar so the plugin id is visible in FolderPath.
import { inHome, localAppData, roamingAppData } from "./paths";
import type {
  AgentsInfoArtifact,
  BrowserExtensionArtifact,
  Channel,
  FileArtifact,
  HostIde,
  Os,
  PathContext,
  ProcessArtifact,
  SoftwareArtifact,
} from "./types";

export interface PlantSpec {
  id: string;
  agentKey: string;
  channel: Channel;
  platforms: readonly Os[];
  /** Fraction of eligible devices that get this plant. */
  share: number;
  versions: readonly string[];
  hosts?: readonly HostIde[];
  software?(ctx: PathContext): SoftwareArtifact;
  process?(ctx: PathContext): ProcessArtifact;
  files?(ctx: PathContext): FileArtifact[];
  browser?: BrowserExtensionArtifact;
  agentsInfo?(ctx: PathContext): AgentsInfoArtifact | undefined;
  /** Whether software, process or file data carries the version (AgentsInfo always does). */
  versionVisible: boolean;
}

const ALL: readonly Os[] = ["windows", "macos", "linux"];
const WIN_MAC: readonly Os[] = ["windows", "macos"];
const MAC_LINUX: readonly Os[] = ["macos", "linux"];

const UNINSTALL = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";

interface DesktopDef {
  agentKey: string;
  vendor: string;
  name: string;
  cpe: boolean;
  company: string;
  winDir: string;
  winExe: string;
  macApp: string;
  linuxPath?: string;
  regKey: string;
  share: number;
  versions: string[];
  agentsInfoName?: string;
}

function desktopImage(def: DesktopDef, ctx: PathContext): string {
  if (ctx.os === "windows") return localAppData(ctx, "Programs", def.winDir, def.winExe);
  if (ctx.os === "macos") return `/Applications/${def.macApp}.app/Contents/MacOS/${def.macApp}`;
  return def.linuxPath ?? `/opt/${def.name}/${def.name}`;
}

function desktopSoftware(def: DesktopDef, ctx: PathContext): SoftwareArtifact {
  const windows = ctx.os === "windows";
  return {
    vendor: def.vendor,
    name: def.name,
    cpe: def.cpe,
    diskPaths: [ctx.os === "macos" ? `/Applications/${def.macApp}.app` : desktopImage(def, ctx)],
    registryPaths: windows ? [`HKEY_USERS\\${ctx.user.sid}\\${UNINSTALL}\\${def.regKey}`] : [],
  };
}

function desktop(def: DesktopDef): PlantSpec {
  return {
    id: `desktop:${def.agentKey}:${def.name}`,
    agentKey: def.agentKey,
    channel: "DESKTOP_APP",
    platforms: def.linuxPath ? ALL : WIN_MAC,
    share: def.share,
    versions: def.versions,
    versionVisible: true,
    software: (ctx) => desktopSoftware(def, ctx),
    process: (ctx) => {
      const image = desktopImage(def, ctx);
      const fileName = image.slice(image.lastIndexOf(ctx.sep) + 1);
      return {
        fileName,
        folderPath: image,
        commandLine: `"${image}"`,
        productVersion: ctx.version,
        company: def.company,
      };
    },
    agentsInfo: def.agentsInfoName
      ? (ctx) => ({
          name: def.agentsInfoName as string,
          vendor: def.company,
          relatedProcess: desktopImageName(def, ctx),
        })
      : undefined,
  };
}

function desktopImageName(def: DesktopDef, ctx: PathContext): string {
  return ctx.os === "windows" ? def.winExe : def.macApp;
}

const DESKTOPS: DesktopDef[] = [
  {
    agentKey: "cursor",
    vendor: "anysphere",
    name: "cursor",
    cpe: true,
    company: "Anysphere",
    winDir: "cursor",
    winExe: "Cursor.exe",
    macApp: "Cursor",
    linuxPath: "/usr/share/cursor/cursor",
    regKey: "{DADADADA-ADAD-ADAD-ADAD-ADADADADADAD}}_is1",
    share: 0.14,
    versions: ["1.7.54", "2.0.77", "2.1.20"],
    agentsInfoName: "Cursor",
  },
  {
    agentKey: "windsurf",
    vendor: "codeium",
    name: "windsurf",
    cpe: true,
    company: "Codeium",
    winDir: "Windsurf",
    winExe: "Windsurf.exe",
    macApp: "Windsurf",
    linuxPath: "/usr/share/windsurf/windsurf",
    regKey: "{5A8B7D94-9B5F-4D1F-93FC-5609F7159349}_is1",
    share: 0.05,
    versions: ["1.12.21", "1.12.35", "1.13.3"],
    agentsInfoName: "Devin Desktop",
  },
  {
    agentKey: "claude-desktop",
    vendor: "anthropic",
    name: "claude",
    cpe: false,
    company: "Anthropic PBC",
    winDir: "Claude",
    winExe: "claude.exe",
    macApp: "Claude",
    regKey: "AnthropicClaude",
    share: 0.08,
    versions: ["0.14.10", "1.0.211", "1.0.734"],
    agentsInfoName: "Claude",
  },
  {
    agentKey: "chatgpt-desktop",
    vendor: "openai",
    name: "chatgpt",
    cpe: false,
    company: "OpenAI",
    winDir: "ChatGPT",
    winExe: "ChatGPT.exe",
    macApp: "ChatGPT",
    regKey: "ChatGPT",
    share: 0.06,
    versions: ["1.2025.258", "1.2025.300", "1.2026.20"],
    agentsInfoName: "ChatGPT",
  },
  {
    agentKey: "codex",
    vendor: "openai",
    name: "codex",
    cpe: false,
    company: "OpenAI",
    winDir: "Codex",
    winExe: "Codex.exe",
    macApp: "Codex",
    regKey: "OpenAI.Codex",
    share: 0.03,
    versions: ["26.1.0", "26.2.1", "26.3.0"],
    agentsInfoName: "Codex",
  },
  {
    agentKey: "zed",
    vendor: "zed_industries",
    name: "zed",
    cpe: true,
    company: "Zed Industries",
    winDir: "Zed",
    winExe: "Zed.exe",
    macApp: "Zed",
    linuxPath: "/usr/bin/zed",
    regKey: "{2DB0DA96-CA55-49BB-AF4F-64AF36A86712}_is1",
    share: 0.03,
    versions: ["0.205.4", "0.210.2", "0.214.0"],
  },
  {
    agentKey: "kiro",
    vendor: "amazon",
    name: "kiro",
    cpe: true,
    company: "Amazon Web Services",
    winDir: "Kiro",
    winExe: "Kiro.exe",
    macApp: "Kiro",
    linuxPath: "/usr/share/kiro/kiro",
    regKey: "{D3A4E0D9-5C2A-4A4B-8C3E-KIRO00000001}_is1",
    share: 0.03,
    versions: ["0.4.0", "0.5.9", "0.6.18"],
    agentsInfoName: "Kiro IDE",
  },
  {
    agentKey: "antigravity",
    vendor: "google",
    name: "antigravity",
    cpe: true,
    company: "Google LLC",
    winDir: "Antigravity",
    winExe: "Antigravity.exe",
    macApp: "Antigravity",
    linuxPath: "/usr/share/antigravity/antigravity",
    regKey: "{E6E2B3A5-7F0B-4A0E-9C1F-ANTIGRAVITY1}_is1",
    share: 0.04,
    versions: ["1.11.2", "1.11.9", "1.12.4"],
    agentsInfoName: "Antigravity IDE",
  },
  {
    agentKey: "trae",
    vendor: "bytedance",
    name: "trae",
    cpe: true,
    company: "ByteDance",
    winDir: "Trae",
    winExe: "Trae.exe",
    macApp: "Trae",
    regKey: "{A1B2C3D4-TRAE-4E5F-8A9B-0C1D2E3F4A5B}_is1",
    share: 0.02,
    versions: ["1.104.3", "2.0.5", "2.1.2"],
  },
  {
    agentKey: "qoder",
    vendor: "alibaba",
    name: "qoder",
    cpe: true,
    company: "Alibaba",
    winDir: "Qoder",
    winExe: "Qoder.exe",
    macApp: "Qoder",
    regKey: "{B2C3D4E5-QODE-4F60-9B0C-1D2E3F4A5B6C}_is1",
    share: 0.01,
    versions: ["0.2.1", "0.2.8", "0.3.0"],
  },
  {
    agentKey: "warp",
    vendor: "warp",
    name: "warp",
    cpe: false,
    company: "Denver Technologies",
    winDir: "Warp",
    winExe: "warp.exe",
    macApp: "Warp",
    linuxPath: "/opt/warpdotdev/warp-terminal/warp",
    regKey: "Warp",
    share: 0.03,
    versions: ["0.2025.10.29", "0.2025.11.19", "0.2026.01.14"],
  },
  {
    agentKey: "ollama",
    vendor: "ollama",
    name: "ollama",
    cpe: true,
    company: "Ollama",
    winDir: "Ollama",
    winExe: "ollama.exe",
    macApp: "Ollama",
    linuxPath: "/usr/local/bin/ollama",
    regKey: "{44E83376-CE68-45EB-8FC1-393500EB558C}_is1",
    share: 0.04,
    versions: ["0.12.6", "0.12.11", "0.13.1"],
    agentsInfoName: "Ollama",
  },
  {
    agentKey: "lm-studio",
    vendor: "element_labs",
    name: "lm_studio",
    cpe: false,
    company: "Element Labs",
    winDir: "LM Studio",
    winExe: "LM Studio.exe",
    macApp: "LM Studio",
    regKey: "LM Studio",
    share: 0.02,
    versions: ["0.3.28", "0.3.31", "0.3.36"],
  },
  {
    agentKey: "goose",
    vendor: "block",
    name: "goose",
    cpe: false,
    company: "Block, Inc.",
    winDir: "Goose",
    winExe: "Goose.exe",
    macApp: "Goose",
    regKey: "Goose",
    share: 0.01,
    versions: ["1.9.3", "1.12.0", "1.14.1"],
    agentsInfoName: "Goose",
  },
];

interface CliDef {
  agentKey: string;
  platforms: readonly Os[];
  share: number;
  versions: string[];
  /** npm package run by node, or a native binary under the profile. */
  npmPackage?: string;
  npmEntry?: string;
  nativeBinary?: (ctx: PathContext) => string;
  company: string;
  config: string[];
  agentsInfoName?: string;
}

function npmModuleDir(ctx: PathContext, pkg: string): string {
  const parts = pkg.split("/");
  if (ctx.os === "windows") return roamingAppData(ctx, "npm", "node_modules", ...parts);
  return ctx.os === "macos" ? `/opt/homebrew/lib/node_modules/${pkg}` : `/usr/lib/node_modules/${pkg}`;
}

function nodeImage(os: Os): string {
  if (os === "windows") return "C:\\Program Files\\nodejs\\node.exe";
  return os === "macos" ? "/opt/homebrew/bin/node" : "/usr/bin/node";
}

function cliProcess(def: CliDef, ctx: PathContext): ProcessArtifact {
  if (def.nativeBinary) {
    const image = def.nativeBinary(ctx);
    const fileName = image.slice(image.lastIndexOf(ctx.sep) + 1);
    return {
      fileName,
      folderPath: image,
      commandLine: image,
      productVersion: ctx.version,
      company: def.company,
    };
  }
  const node = nodeImage(ctx.os);
  const entry = [npmModuleDir(ctx, def.npmPackage as string), ...(def.npmEntry ?? "cli.js").split("/")].join(
    ctx.sep,
  );
  return {
    fileName: ctx.os === "windows" ? "node.exe" : "node",
    folderPath: node,
    commandLine: `"${node}" ${entry}`,
    productVersion: "22.11.0",
    company: "Node.js",
  };
}

function cli(def: CliDef): PlantSpec {
  return {
    id: `cli:${def.agentKey}:${def.npmPackage ?? "native"}`,
    agentKey: def.agentKey,
    channel: "CLI",
    platforms: def.platforms,
    share: def.share,
    versions: def.versions,
    versionVisible: def.nativeBinary !== undefined,
    process: (ctx) => cliProcess(def, ctx),
    files: (ctx) => {
      const parts = def.config;
      return [{ folderPath: inHome(ctx, ...parts.slice(0, -1)), fileName: parts[parts.length - 1] }];
    },
    agentsInfo: def.agentsInfoName
      ? (ctx) => ({
          name: def.agentsInfoName as string,
          vendor: def.company,
          relatedProcess: cliProcess(def, ctx).fileName,
        })
      : undefined,
  };
}

const CLIS: CliDef[] = [
  {
    agentKey: "claude-code",
    platforms: ALL,
    share: 0.08,
    versions: ["2.0.14", "2.0.37", "2.1.3"],
    npmPackage: "@anthropic-ai/claude-code",
    company: "Anthropic PBC",
    config: [".claude", "settings.json"],
    agentsInfoName: "Claude Code",
  },
  {
    agentKey: "claude-code",
    platforms: ALL,
    share: 0.05,
    versions: ["2.0.31", "2.0.55", "2.1.9"],
    company: "Anthropic PBC",
    config: [".claude.json"],
    agentsInfoName: "Claude Code",
    nativeBinary: (ctx) =>
      ctx.os === "windows"
        ? inHome(ctx, ".local", "bin", "claude.exe")
        : inHome(ctx, ".local", "share", "claude", "versions", ctx.version),
  },
  {
    agentKey: "codex",
    platforms: ALL,
    share: 0.06,
    versions: ["0.46.0", "0.58.0", "0.63.0"],
    npmPackage: "@openai/codex",
    npmEntry: "bin/codex.js",
    company: "OpenAI",
    config: [".codex", "config.toml"],
    agentsInfoName: "Codex CLI",
  },
  {
    agentKey: "gemini-cli",
    platforms: ALL,
    share: 0.05,
    versions: ["0.9.0", "0.15.4", "0.18.0"],
    npmPackage: "@google/gemini-cli",
    npmEntry: "dist/index.js",
    company: "Google LLC",
    config: [".gemini", "settings.json"],
    agentsInfoName: "Gemini CLI",
  },
  {
    agentKey: "github-copilot",
    platforms: ALL,
    share: 0.04,
    versions: ["0.0.339", "0.0.354", "0.0.365"],
    npmPackage: "@github/copilot",
    npmEntry: "index.js",
    company: "GitHub",
    config: [".copilot", "mcp-config.json"],
    agentsInfoName: "GitHub Copilot CLI",
  },
  {
    agentKey: "opencode",
    platforms: ALL,
    share: 0.03,
    versions: ["0.15.8", "1.0.20", "1.0.55"],
    npmPackage: "opencode-ai",
    npmEntry: "bin/opencode",
    company: "SST",
    config: [".config", "opencode", "opencode.json"],
    agentsInfoName: "OpenCode",
  },
  {
    agentKey: "amp",
    platforms: ALL,
    share: 0.01,
    versions: ["0.0.1760", "0.0.1762", "0.0.1765"],
    npmPackage: "@ampcode/cli",
    npmEntry: "dist/main.js",
    company: "Sourcegraph",
    config: [".config", "amp", "settings.json"],
  },
  {
    agentKey: "continue",
    platforms: ALL,
    share: 0.01,
    versions: ["1.4.0", "1.5.1", "1.5.7"],
    npmPackage: "@continuedev/cli",
    npmEntry: "dist/cn.js",
    company: "Continue Dev",
    config: [".continue", "config.yaml"],
  },
  {
    agentKey: "kilo-code",
    platforms: ALL,
    share: 0.01,
    versions: ["0.10.0", "0.12.1", "0.13.0"],
    npmPackage: "@kilocode/cli",
    npmEntry: "dist/index.js",
    company: "Kilo Code",
    config: [".kilocode", "cli", "config.json"],
  },
  {
    agentKey: "kimi-code",
    platforms: ALL,
    share: 0.005,
    versions: ["0.3.0", "0.4.2", "0.5.0"],
    npmPackage: "@moonshot-ai/kimi-code",
    npmEntry: "dist/index.js",
    company: "Moonshot AI",
    config: [".kimi-code", "config.toml"],
  },
  {
    agentKey: "factory-droid",
    platforms: ALL,
    share: 0.005,
    versions: ["0.22.0", "0.25.3", "0.26.1"],
    npmPackage: "@factory/cli",
    npmEntry: "bundle/droid.js",
    company: "Factory",
    config: [".factory", "settings.json"],
  },
  {
    agentKey: "crush",
    platforms: ALL,
    share: 0.005,
    versions: ["0.10.0", "0.12.3", "0.18.1"],
    npmPackage: "@charmland/crush",
    npmEntry: "bin/crush",
    company: "Charm",
    config: [".config", "crush", "crush.json"],
  },
  {
    agentKey: "openclaw",
    platforms: ALL,
    share: 0.01,
    versions: ["2026.1.5", "2026.2.3", "2026.3.1"],
    npmPackage: "openclaw",
    npmEntry: "dist/index.js",
    company: "OpenClaw",
    config: [".openclaw", "openclaw.json"],
  },
  {
    agentKey: "aider",
    platforms: ALL,
    share: 0.03,
    versions: ["0.86.1", "0.86.2", "0.87.0"],
    company: "Aider AI",
    config: [".aider.conf.yml"],
    nativeBinary: (ctx) =>
      ctx.os === "windows"
        ? inHome(ctx, ".local", "bin", "aider.exe")
        : inHome(ctx, ".local", "bin", "aider"),
  },
  {
    agentKey: "cursor",
    platforms: MAC_LINUX,
    share: 0.03,
    versions: ["2025.10.28", "2025.11.25", "2026.01.09"],
    company: "Anysphere",
    config: [".cursor", "cli-config.json"],
    nativeBinary: (ctx) =>
      inHome(ctx, ".local", "share", "cursor-agent", "versions", ctx.version, "cursor-agent"),
  },
  {
    agentKey: "amazon-q",
    platforms: MAC_LINUX,
    share: 0.02,
    versions: ["1.16.2", "1.18.1", "1.19.3"],
    company: "Amazon Web Services",
    config: [".aws", "amazonq", "mcp.json"],
    nativeBinary: (ctx) => inHome(ctx, ".local", "bin", "q"),
  },
  {
    agentKey: "kiro",
    platforms: MAC_LINUX,
    share: 0.01,
    versions: ["1.20.0", "1.21.1", "1.22.0"],
    company: "Amazon Web Services",
    config: [".kiro", "settings", "cli.json"],
    agentsInfoName: "Kiro CLI",
    nativeBinary: (ctx) => inHome(ctx, ".local", "bin", "kiro-cli"),
  },
  {
    agentKey: "goose",
    platforms: MAC_LINUX,
    share: 0.01,
    versions: ["1.9.3", "1.12.0", "1.14.1"],
    company: "Block, Inc.",
    config: [".config", "goose", "config.yaml"],
    nativeBinary: (ctx) => inHome(ctx, ".local", "bin", "goose"),
  },
  {
    agentKey: "junie",
    platforms: ALL,
    share: 0.01,
    versions: ["563.1", "620.4", "701.2"],
    company: "JetBrains",
    config: [".junie", "mcp", "mcp.json"],
    agentsInfoName: "Junie CLI",
    nativeBinary: (ctx) =>
      ctx.os === "windows"
        ? inHome(ctx, ".local", "bin", "junie.exe")
        : inHome(ctx, ".local", "bin", "junie"),
  },
];

interface ExtensionDef {
  agentKey: string;
  extensionId: string;
  share: number;
  versions: string[];
  hosts: HostIde[];
  /** Native helper binary inside the extension folder, relative to it. */
  binary?: (ctx: PathContext) => string[];
  platformSuffix?: boolean;
  company: string;
  agentsInfoName?: string;
}

const VSCODE_FAMILY: HostIde[] = [
  "vscode",
  "vscode",
  "vscode",
  "vscode",
  "cursor",
  "cursor",
  "windsurf",
  "vscode-insiders",
  "vscodium",
  "vscode-server",
  "trae",
  "antigravity",
  "kiro",
];

const HOST_DIRS: Record<Exclude<HostIde, "jetbrains">, string> = {
  vscode: ".vscode",
  "vscode-insiders": ".vscode-insiders",
  vscodium: ".vscode-oss",
  "vscode-server": ".vscode-server",
  cursor: ".cursor",
  windsurf: ".windsurf",
  trae: ".trae",
  antigravity: ".antigravity",
  kiro: ".kiro",
};

/** Host processes AgentsInfo names in relatedProcess; other hosts produce no AgentsInfo row. */
const HOST_PROCESSES: Partial<Record<HostIde, Record<Os, string>>> = {
  vscode: { windows: "Code.exe", macos: "code", linux: "code" },
  cursor: { windows: "Cursor.exe", macos: "Cursor", linux: "cursor" },
  windsurf: { windows: "Windsurf.exe", macos: "Windsurf", linux: "windsurf" },
};

function platformTag(os: Os): string {
  if (os === "windows") return "win32-x64";
  return os === "macos" ? "darwin-arm64" : "linux-x64";
}

function extensionFolder(def: ExtensionDef, ctx: PathContext): string {
  const host = ctx.hostIde as Exclude<HostIde, "jetbrains">;
  const folder = `${def.extensionId}-${ctx.version}${def.platformSuffix ? `-${platformTag(ctx.os)}` : ""}`;
  return inHome(ctx, HOST_DIRS[host], "extensions", folder);
}

function extension(def: ExtensionDef): PlantSpec {
  return {
    id: `ext:${def.extensionId}`,
    agentKey: def.agentKey,
    channel: "IDE_EXTENSION",
    platforms: ALL,
    share: def.share,
    versions: def.versions,
    hosts: def.hosts,
    versionVisible: true,
    files: (ctx) => [{ folderPath: extensionFolder(def, ctx), fileName: "package.json" }],
    process: def.binary
      ? (ctx) => {
          const image = [
            extensionFolder(def, ctx),
            ...(def.binary as (c: PathContext) => string[])(ctx),
          ].join(ctx.sep);
          const fileName = image.slice(image.lastIndexOf(ctx.sep) + 1);
          return {
            fileName,
            folderPath: image,
            commandLine: `"${image}" --stdio`,
            productVersion: ctx.version,
            company: def.company,
          };
        }
      : undefined,
    agentsInfo: def.agentsInfoName ? (ctx) => extensionAgentsInfo(def, ctx) : undefined,
  };
}

function extensionAgentsInfo(def: ExtensionDef, ctx: PathContext): AgentsInfoArtifact | undefined {
  const host = HOST_PROCESSES[ctx.hostIde as HostIde];
  if (!host) return undefined;
  return { name: def.agentsInfoName as string, vendor: def.company, relatedProcess: host[ctx.os] };
}

const exe = (ctx: PathContext, name: string): string => (ctx.os === "windows" ? `${name}.exe` : name);

const EXTENSIONS: ExtensionDef[] = [
  {
    agentKey: "github-copilot",
    extensionId: "github.copilot",
    share: 0.3,
    versions: ["1.372.0", "1.385.0", "1.388.0"],
    hosts: VSCODE_FAMILY,
    company: "GitHub",
    agentsInfoName: "GitHub Copilot",
  },
  {
    agentKey: "claude-code",
    extensionId: "anthropic.claude-code",
    share: 0.06,
    versions: ["2.0.14", "2.0.37", "2.1.3"],
    hosts: VSCODE_FAMILY,
    platformSuffix: true,
    company: "Anthropic PBC",
    agentsInfoName: "Claude Code",
    binary: (ctx) => ["resources", "native-binary", exe(ctx, "claude")],
  },
  {
    agentKey: "codex",
    extensionId: "openai.chatgpt",
    share: 0.04,
    versions: ["0.4.15", "0.4.34", "0.5.2"],
    hosts: VSCODE_FAMILY,
    platformSuffix: true,
    company: "OpenAI",
    agentsInfoName: "Codex",
    binary: (ctx) => [
      "bin",
      ctx.os === "windows" ? "windows-x86_64" : ctx.os === "macos" ? "macos-aarch64" : "linux-x86_64",
      exe(ctx, "codex"),
    ],
  },
  {
    agentKey: "cline",
    extensionId: "saoudrizwan.claude-dev",
    share: 0.04,
    versions: ["3.32.1", "3.35.0", "3.38.2"],
    hosts: VSCODE_FAMILY,
    company: "Cline Bot Inc.",
    agentsInfoName: "Cline",
  },
  {
    agentKey: "roo-code",
    extensionId: "rooveterinaryinc.roo-cline",
    share: 0.02,
    versions: ["3.28.15", "3.30.3", "3.33.1"],
    hosts: VSCODE_FAMILY,
    company: "Roo Code",
    agentsInfoName: "Roo Code",
  },
  {
    agentKey: "kilo-code",
    extensionId: "kilocode.kilo-code",
    share: 0.01,
    versions: ["4.108.0", "4.116.1", "4.125.0"],
    hosts: VSCODE_FAMILY,
    company: "Kilo Code",
  },
  {
    agentKey: "continue",
    extensionId: "continue.continue",
    share: 0.02,
    versions: ["1.2.6", "1.2.10", "1.3.4"],
    hosts: VSCODE_FAMILY,
    platformSuffix: true,
    company: "Continue Dev",
    binary: (ctx) => ["bin", exe(ctx, "continue-binary")],
  },
  {
    agentKey: "gemini-code-assist",
    extensionId: "google.geminicodeassist",
    share: 0.02,
    versions: ["2.52.0", "2.56.0", "2.60.1"],
    hosts: VSCODE_FAMILY,
    company: "Google LLC",
    agentsInfoName: "Gemini Code Assist",
  },
  {
    agentKey: "amazon-q",
    extensionId: "amazonwebservices.amazon-q-vscode",
    share: 0.02,
    versions: ["1.95.0", "1.100.0", "1.104.0"],
    hosts: VSCODE_FAMILY,
    company: "Amazon Web Services",
  },
  {
    agentKey: "tabnine",
    extensionId: "tabnine.tabnine-vscode",
    share: 0.02,
    versions: ["3.300.0", "3.310.2", "3.318.0"],
    hosts: VSCODE_FAMILY,
    company: "Tabnine",
  },
  {
    agentKey: "cody",
    extensionId: "sourcegraph.cody-ai",
    share: 0.01,
    versions: ["1.100.0", "1.106.2", "1.110.0"],
    hosts: VSCODE_FAMILY,
    company: "Sourcegraph",
  },
  {
    agentKey: "supermaven",
    extensionId: "supermaven.supermaven",
    share: 0.01,
    versions: ["1.1.3", "1.1.5", "1.1.7"],
    hosts: VSCODE_FAMILY,
    company: "Supermaven",
  },
  {
    agentKey: "augment",
    extensionId: "augment.vscode-augment",
    share: 0.01,
    versions: ["0.620.0", "0.640.1", "0.660.0"],
    hosts: VSCODE_FAMILY,
    company: "Augment Code",
  },
  {
    agentKey: "codeium",
    extensionId: "codeium.codeium",
    share: 0.01,
    versions: ["1.48.2", "1.50.0", "1.52.1"],
    hosts: VSCODE_FAMILY,
    company: "Codeium",
  },
];

interface PluginDef {
  agentKey: string;
  pluginId: string;
  share: number;
  versions: string[];
}

function jetbrainsPluginDir(ctx: PathContext, pluginId: string): string {
  const ide = "IntelliJIdea2025.2";
  if (ctx.os === "windows") return roamingAppData(ctx, "JetBrains", ide, "plugins", pluginId, "lib");
  if (ctx.os === "macos")
    return inHome(ctx, "Library", "Application Support", "JetBrains", ide, "plugins", pluginId, "lib");
  return inHome(ctx, ".local", "share", "JetBrains", ide, pluginId, "lib");
}

function jetbrainsPlugin(def: PluginDef): PlantSpec {
  return {
    id: `jetbrains:${def.pluginId}`,
    agentKey: def.agentKey,
    channel: "IDE_EXTENSION",
    platforms: ALL,
    share: def.share,
    versions: def.versions,
    hosts: ["jetbrains"],
    versionVisible: true,
    files: (ctx) => [
      { folderPath: jetbrainsPluginDir(ctx, def.pluginId), fileName: `${def.pluginId}-${ctx.version}.jar` },
    ],
  };
}

const PLUGINS: PluginDef[] = [
  {
    agentKey: "github-copilot",
    pluginId: "com.github.copilot",
    share: 0.03,
    versions: ["1.5.57", "1.5.59", "1.5.61"],
  },
  {
    agentKey: "jetbrains-ai",
    pluginId: "com.intellij.ml.llm",
    share: 0.03,
    versions: ["252.26830.84", "252.27397.103", "253.28294.51"],
  },
  {
    agentKey: "junie",
    pluginId: "org.jetbrains.junie",
    share: 0.01,
    versions: ["252.347.120", "252.405.88", "253.111.12"],
  },
];

function browserPlant(
  agentKey: string,
  artifact: BrowserExtensionArtifact,
  share: number,
  versions: string[],
): PlantSpec {
  return {
    id: `browser:${artifact.extensionId}`,
    agentKey,
    channel: "BROWSER_EXTENSION",
    platforms: ALL,
    share,
    versions,
    versionVisible: true,
    browser: artifact,
  };
}

const BROWSERS: PlantSpec[] = [
  browserPlant(
    "claude-desktop",
    {
      extensionId: "fcoeoabgfenejglbffodgkkbkcdhcgfn",
      name: "Claude",
      description: "Claude in Chrome",
      vendor: "Anthropic",
      risk: "High",
    },
    0.03,
    ["1.0.22", "1.0.31", "1.0.40"],
  ),
  browserPlant(
    "chatgpt-desktop",
    {
      extensionId: "ejcfepkfckglbgocfkanmcdngdijcgld",
      name: "ChatGPT search",
      description: "Change default search engine to ChatGPT search.",
      vendor: "OpenAI",
      risk: "Medium",
    },
    0.04,
    ["1.0.3", "1.0.5", "1.1.0"],
  ),
];

export const PLANTS: readonly PlantSpec[] = [
  ...DESKTOPS.map(desktop),
  ...CLIS.map(cli),
  ...EXTENSIONS.map(extension),
  ...PLUGINS.map(jetbrainsPlugin),
  ...BROWSERS,
];
