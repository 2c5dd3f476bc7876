// The agent catalog as data: which Defender signals identify each AI coding agent.
// Sources and confidence of every value: ../shared/design/agent-signatures.md. Matchers and hunting
// queries are both derived from this file, so a signal is added here once and nowhere else.
import type { AgentCategory, Channel, HostIde } from "./types";

/** Recorded in every detection's evidence; bump when a rule changes what is detected. */
export const CATALOG_VERSION = "2026.11.1";

/**
 * TVM software row: exact normalized tokens (lowercase, underscores); vendor AND name must match.
 * A name prefix is anchored at the start and ends at a token boundary: "cursor" matches
 * "cursor_(user)" but not "cursorx".
 */
export interface SoftwareRule {
  vendors: string[];
  names: string[];
  namePrefixes?: string[];
}

/**
 * A process is recognized by its image name, by where it runs from, or by an npm package path in
 * its command line. With both `images` and `folders`, both must match. Image rules also classify
 * file events on the executable itself (install, and deletion as removal evidence). Folders are "/"-separated
 * consecutive path segments (either slash direction in data); a trailing "*" matches a segment prefix.
 */
export interface ProcessRule {
  channel: Channel;
  images?: string[];
  folders?: string[];
  exceptFolders?: string[];
  /** Package paths; unscoped names end in "/" so that `cline/` does not match `cline-foo`. */
  commandLines?: string[];
}

/** Trailing path segments of a config/MCP file, e.g. ".kiro/settings/mcp.json". */
export interface FileRule {
  path: string;
  channel: Channel;
}

export interface AgentsInfoName {
  name: string;
  /** Channel unless the related process is an IDE host (then IDE_EXTENSION). */
  channel: Channel;
}

export interface AgentDefinition {
  key: string;
  name: string;
  vendor: string;
  category: AgentCategory;
  description?: string;
  homepage?: string;
  /** Listed by Defender's own local AI agent discovery (AgentsInfo). */
  defenderDiscovery: boolean;
  software?: SoftwareRule[];
  processes?: ProcessRule[];
  files?: FileRule[];
  /** VS Code-family extension ids, lowercase. */
  ideExtensions?: string[];
  /** JetBrains plugin ids or plugin folder names. */
  jetbrainsPlugins?: string[];
  /** Chrome Web Store ids. */
  browserExtensions?: string[];
  agentsInfo?: AgentsInfoName[];
}

/** IDEs that host extensions: their profile dot-folder, per-user data folder and process names. */
export const IDE_HOSTS: { key: HostIde; dotFolders: string[]; dataFolders: string[]; processes: string[] }[] =
  [
    { key: "vscode", dotFolders: [".vscode"], dataFolders: ["code"], processes: ["code.exe", "code"] },
    {
      key: "vscode-insiders",
      dotFolders: [".vscode-insiders"],
      dataFolders: ["code - insiders"],
      processes: ["code - insiders.exe", "code-insiders"],
    },
    {
      key: "vscodium",
      dotFolders: [".vscode-oss"],
      dataFolders: ["vscodium"],
      processes: ["vscodium.exe", "codium"],
    },
    {
      key: "vscode-server",
      dotFolders: [".vscode-server", ".vscode-server-insiders"],
      dataFolders: [],
      processes: [],
    },
    { key: "cursor", dotFolders: [".cursor"], dataFolders: ["cursor"], processes: ["cursor.exe", "cursor"] },
    {
      key: "windsurf",
      dotFolders: [".windsurf", ".devin"],
      dataFolders: ["windsurf"],
      processes: ["windsurf.exe", "windsurf"],
    },
    { key: "trae", dotFolders: [".trae"], dataFolders: ["trae"], processes: ["trae.exe", "trae"] },
    {
      key: "antigravity",
      dotFolders: [".antigravity", ".antigravity-ide"],
      dataFolders: ["antigravity"],
      processes: ["antigravity.exe", "antigravity"],
    },
    { key: "kiro", dotFolders: [".kiro"], dataFolders: ["kiro"], processes: ["kiro.exe", "kiro"] },
    {
      key: "jetbrains",
      dotFolders: [],
      dataFolders: [],
      processes: [
        ...[
          "idea",
          "pycharm",
          "webstorm",
          "goland",
          "rider",
          "clion",
          "phpstorm",
          "rubymine",
          "datagrip",
        ].flatMap((ide) => [`${ide}64.exe`, ide]),
      ],
    },
  ];

/**
 * Known look-alikes, rejected before any rule runs. The rules are anchored on vendor and path, so
 * these would not match anyway; listing them keeps the intent explicit and tested.
 */
export const LOOK_ALIKES = {
  software: [
    { vendor: "microsoft", name: "365_copilot", why: "Microsoft 365 Copilot" },
    { vendor: "microsoft", name: "copilot", why: "Microsoft Copilot app for Windows" },
    { name: "cursor_themes", why: "mouse-cursor theme pack" },
    { name: "mouse_cursor_pack", why: "mouse-cursor theme pack" },
    { name: "realworld_cursor_editor", why: "mouse-cursor editor" },
    { name: "claude_monet_screensaver", why: "unrelated 'claude' software" },
    { name: "aider_accounting", why: "unrelated 'aider' software" },
    { vendor: "cloudflare", name: "warp", why: "Cloudflare 1.1.1.1 WARP VPN" },
    { name: "goose_game", why: "Untitled Goose Game" },
    { vendor: "owasp", name: "zed_attack_proxy", why: "OWASP ZAP" },
    { name: "continue_dictation", why: "unrelated 'continue' software" },
    { name: "amp_audio_player", why: "audio player" },
  ],
  processes: [
    {
      images: ["copilot.exe", "copilot"],
      folders: ["windowsapps", "microsoft.copilot_*"],
      why: "Microsoft Copilot app for Windows",
    },
  ],
  agentsInfo: ["Microsoft Copilot", "Perplexity", "Poe"],
} as const;

const DESKTOP: Channel = "DESKTOP_APP";
const CLI: Channel = "CLI";
const EXT: Channel = "IDE_EXTENSION";

export const CATALOG: AgentDefinition[] = [
  {
    key: "cursor",
    name: "Cursor",
    vendor: "Anysphere",
    category: "IDE",
    homepage: "https://cursor.com",
    defenderDiscovery: true,
    software: [{ vendors: ["anysphere", "cursor_ai"], names: ["cursor"], namePrefixes: ["cursor"] }],
    processes: [
      { channel: DESKTOP, images: ["cursor.exe"] },
      { channel: DESKTOP, images: ["cursor"], folders: ["cursor.app", "usr/share/cursor", "opt/cursor"] },
      { channel: CLI, images: ["cursor-agent", "cursor-agent.exe"] },
    ],
    files: [
      { path: ".cursor/mcp.json", channel: DESKTOP },
      { path: ".cursor/cli-config.json", channel: CLI },
    ],
    agentsInfo: [{ name: "Cursor", channel: DESKTOP }],
  },
  {
    key: "github-copilot",
    name: "GitHub Copilot",
    vendor: "GitHub",
    category: "IDE_EXTENSION",
    homepage: "https://github.com/features/copilot",
    defenderDiscovery: true,
    processes: [
      { channel: EXT, commandLines: ["@github/copilot-language-server"] },
      { channel: CLI, commandLines: ["@github/copilot"] },
      {
        channel: CLI,
        images: ["copilot", "copilot.exe"],
        exceptFolders: ["windowsapps", "microsoft.copilot_*"],
      },
    ],
    files: [
      { path: ".copilot/mcp-config.json", channel: CLI },
      { path: "code/user/mcp.json", channel: EXT },
      { path: "github-copilot/hosts.json", channel: EXT },
    ],
    ideExtensions: ["github.copilot", "github.copilot-chat"],
    jetbrainsPlugins: ["com.github.copilot", "github-copilot-intellij"],
    agentsInfo: [
      { name: "GitHub Copilot CLI", channel: CLI },
      { name: "GitHub Copilot", channel: DESKTOP },
    ],
  },
  {
    key: "claude-code",
    name: "Claude Code",
    vendor: "Anthropic",
    category: "CLI",
    homepage: "https://claude.com/claude-code",
    defenderDiscovery: true,
    processes: [
      { channel: CLI, commandLines: ["@anthropic-ai/claude-code"] },
      { channel: CLI, folders: [".local/share/claude/versions"] },
      {
        channel: CLI,
        images: ["claude", "claude.exe"],
        folders: [".local/bin", ".claude/local", "opt/homebrew/bin", "usr/local/bin", ".volta/bin"],
      },
    ],
    files: [
      { path: ".claude/settings.json", channel: CLI },
      { path: ".claude.json", channel: CLI },
      { path: "claudecode/managed-mcp.json", channel: CLI },
      { path: "claude-code/managed-mcp.json", channel: CLI },
    ],
    ideExtensions: ["anthropic.claude-code"],
    jetbrainsPlugins: ["com.anthropic.code.plugin"],
    agentsInfo: [{ name: "Claude Code", channel: CLI }],
  },
  {
    key: "claude-desktop",
    name: "Claude Desktop",
    vendor: "Anthropic",
    category: "DESKTOP_APP",
    homepage: "https://claude.ai/download",
    defenderDiscovery: true,
    software: [{ vendors: ["anthropic"], names: ["claude"] }],
    processes: [
      {
        channel: DESKTOP,
        images: ["claude.exe"],
        folders: ["anthropicclaude", "programs/claude", "program files/claude"],
      },
      { channel: DESKTOP, images: ["claude"], folders: ["claude.app"] },
    ],
    files: [{ path: "claude_desktop_config.json", channel: DESKTOP }],
    browserExtensions: ["fcoeoabgfenejglbffodgkkbkcdhcgfn"],
    agentsInfo: [{ name: "Claude", channel: DESKTOP }],
  },
  {
    key: "windsurf",
    name: "Windsurf (Devin Desktop)",
    vendor: "Cognition",
    category: "IDE",
    homepage: "https://windsurf.com",
    defenderDiscovery: true,
    software: [
      {
        vendors: ["codeium", "exafunction", "cognition"],
        names: ["windsurf", "devin_desktop"],
        namePrefixes: ["windsurf"],
      },
    ],
    processes: [
      { channel: DESKTOP, images: ["windsurf.exe", "windsurf - next.exe"] },
      { channel: DESKTOP, images: ["windsurf"], folders: ["windsurf.app", "usr/share/windsurf"] },
    ],
    files: [{ path: ".codeium/windsurf/mcp_config.json", channel: DESKTOP }],
    agentsInfo: [{ name: "Devin Desktop", channel: DESKTOP }],
  },
  {
    key: "cline",
    name: "Cline",
    vendor: "Cline Bot",
    category: "IDE_EXTENSION",
    homepage: "https://cline.bot",
    defenderDiscovery: true,
    processes: [{ channel: CLI, commandLines: ["node_modules/cline/"] }],
    files: [{ path: "saoudrizwan.claude-dev/settings/cline_mcp_settings.json", channel: EXT }],
    ideExtensions: ["saoudrizwan.claude-dev"],
    agentsInfo: [{ name: "Cline", channel: EXT }],
  },
  {
    key: "roo-code",
    name: "Roo Code",
    vendor: "Roo Code",
    category: "IDE_EXTENSION",
    homepage: "https://roocode.com",
    defenderDiscovery: true,
    files: [
      { path: "rooveterinaryinc.roo-cline/settings/mcp_settings.json", channel: EXT },
      { path: ".roo/mcp.json", channel: EXT },
    ],
    ideExtensions: ["rooveterinaryinc.roo-cline"],
    agentsInfo: [{ name: "Roo Code", channel: EXT }],
  },
  {
    key: "kilo-code",
    name: "Kilo Code",
    vendor: "Kilo Code",
    category: "IDE_EXTENSION",
    homepage: "https://kilocode.ai",
    defenderDiscovery: false,
    processes: [{ channel: CLI, commandLines: ["@kilocode/cli"] }],
    files: [
      { path: "kilocode.kilo-code/settings/mcp_settings.json", channel: EXT },
      { path: ".kilocode/cli/config.json", channel: CLI },
    ],
    ideExtensions: ["kilocode.kilo-code"],
  },
  {
    key: "continue",
    name: "Continue",
    vendor: "Continue Dev",
    category: "IDE_EXTENSION",
    homepage: "https://continue.dev",
    defenderDiscovery: false,
    processes: [
      { channel: CLI, commandLines: ["@continuedev/cli"] },
      { channel: EXT, images: ["continue-binary", "continue-binary.exe"] },
    ],
    // config.yaml is shared with the extension; the extension is seen through its own folder, so
    // the file stands for the CLI.
    files: [{ path: ".continue/config.yaml", channel: CLI }],
    ideExtensions: ["continue.continue"],
    jetbrainsPlugins: ["com.github.continuedev.continueintellijextension"],
  },
  {
    key: "aider",
    name: "Aider",
    vendor: "Aider AI",
    category: "CLI",
    homepage: "https://aider.chat",
    defenderDiscovery: false,
    processes: [
      { channel: CLI, commandLines: ["aider-chat"] },
      { channel: CLI, images: ["aider", "aider.exe"] },
    ],
    files: [{ path: ".aider.conf.yml", channel: CLI }],
  },
  {
    key: "codex",
    name: "OpenAI Codex",
    vendor: "OpenAI",
    category: "CLI",
    homepage: "https://openai.com/codex",
    defenderDiscovery: true,
    software: [{ vendors: ["openai"], names: ["codex"] }],
    processes: [
      { channel: CLI, commandLines: ["@openai/codex"] },
      {
        channel: DESKTOP,
        images: ["codex.exe", "codex"],
        folders: ["windowsapps", "programs/codex", "codex.app"],
      },
      { channel: CLI, images: ["codex", "codex.exe"] },
    ],
    files: [{ path: ".codex/config.toml", channel: CLI }],
    ideExtensions: ["openai.chatgpt"],
    agentsInfo: [
      { name: "Codex CLI", channel: CLI },
      { name: "Codex", channel: DESKTOP },
    ],
  },
  {
    key: "chatgpt-desktop",
    name: "ChatGPT Desktop",
    vendor: "OpenAI",
    category: "DESKTOP_APP",
    homepage: "https://openai.com/chatgpt/desktop",
    defenderDiscovery: true,
    software: [{ vendors: ["openai"], names: ["chatgpt"] }],
    processes: [
      { channel: DESKTOP, images: ["chatgpt.exe"] },
      { channel: DESKTOP, images: ["chatgpt"], folders: ["chatgpt.app"] },
    ],
    browserExtensions: ["ejcfepkfckglbgocfkanmcdngdijcgld"],
    agentsInfo: [{ name: "ChatGPT", channel: DESKTOP }],
  },
  {
    key: "gemini-cli",
    name: "Gemini CLI",
    vendor: "Google",
    category: "CLI",
    homepage: "https://github.com/google-gemini/gemini-cli",
    defenderDiscovery: true,
    processes: [
      { channel: CLI, commandLines: ["@google/gemini-cli"] },
      {
        channel: CLI,
        images: ["gemini", "gemini.exe"],
        folders: [".local/bin", "opt/homebrew/bin", "usr/local/bin"],
      },
    ],
    files: [{ path: ".gemini/settings.json", channel: CLI }],
    agentsInfo: [{ name: "Gemini CLI", channel: CLI }],
  },
  {
    key: "gemini-code-assist",
    name: "Gemini Code Assist",
    vendor: "Google",
    category: "IDE_EXTENSION",
    homepage: "https://codeassist.google",
    defenderDiscovery: true,
    ideExtensions: ["google.geminicodeassist"],
    agentsInfo: [{ name: "Gemini Code Assist", channel: EXT }],
  },
  {
    key: "antigravity",
    name: "Google Antigravity",
    vendor: "Google",
    category: "IDE",
    homepage: "https://antigravity.google",
    defenderDiscovery: true,
    software: [{ vendors: ["google"], names: ["antigravity", "antigravity_ide", "gemini_antigravity"] }],
    processes: [
      { channel: DESKTOP, images: ["antigravity.exe"] },
      { channel: DESKTOP, images: ["antigravity"], folders: ["antigravity.app", "usr/share/antigravity"] },
      { channel: CLI, images: ["ag-kit", "ag-kit.exe"] },
    ],
    files: [{ path: ".gemini/antigravity/mcp_config.json", channel: DESKTOP }],
    agentsInfo: [
      { name: "Antigravity CLI", channel: CLI },
      { name: "Antigravity IDE", channel: DESKTOP },
    ],
  },
  {
    key: "amazon-q",
    name: "Amazon Q Developer",
    vendor: "Amazon Web Services",
    category: "IDE_EXTENSION",
    homepage: "https://aws.amazon.com/q/developer",
    defenderDiscovery: false,
    processes: [
      { channel: CLI, images: ["q", "q.exe", "qchat", "qchat.exe", "amazon-q"], folders: [".local/bin"] },
    ],
    files: [
      { path: ".aws/amazonq/mcp.json", channel: CLI },
      { path: ".amazonq/mcp.json", channel: CLI },
    ],
    ideExtensions: ["amazonwebservices.amazon-q-vscode"],
    jetbrainsPlugins: ["amazon.q"],
  },
  {
    key: "kiro",
    name: "Kiro",
    vendor: "Amazon Web Services",
    category: "IDE",
    homepage: "https://kiro.dev",
    defenderDiscovery: true,
    software: [{ vendors: ["amazon", "kiro"], names: ["kiro"] }],
    processes: [
      { channel: DESKTOP, images: ["kiro.exe"] },
      { channel: DESKTOP, images: ["kiro"], folders: ["kiro.app", "usr/share/kiro"] },
      { channel: CLI, images: ["kiro-cli", "kiro-cli.exe"] },
    ],
    files: [
      { path: ".kiro/settings/mcp.json", channel: DESKTOP },
      { path: ".kiro/settings/cli.json", channel: CLI },
    ],
    agentsInfo: [
      { name: "Kiro CLI", channel: CLI },
      { name: "Kiro IDE", channel: DESKTOP },
    ],
  },
  {
    key: "tabnine",
    name: "Tabnine",
    vendor: "Tabnine",
    category: "IDE_EXTENSION",
    homepage: "https://www.tabnine.com",
    defenderDiscovery: false,
    processes: [
      {
        channel: EXT,
        images: ["tabnine", "tabnine.exe", "tabnine-deep-local.exe", "tabnine-deep-cloud.exe"],
      },
    ],
    ideExtensions: ["tabnine.tabnine-vscode"],
    jetbrainsPlugins: ["com.tabnine.tabnine", "tabnine-jetbrains"],
  },
  {
    key: "cody",
    name: "Sourcegraph Cody",
    vendor: "Sourcegraph",
    category: "IDE_EXTENSION",
    homepage: "https://sourcegraph.com/cody",
    defenderDiscovery: false,
    processes: [{ channel: EXT, images: ["cody-agent", "cody-agent.exe"] }],
    ideExtensions: ["sourcegraph.cody-ai"],
    jetbrainsPlugins: ["com.sourcegraph.jetbrains"],
  },
  {
    key: "amp",
    name: "Amp",
    vendor: "Sourcegraph",
    category: "CLI",
    homepage: "https://ampcode.com",
    defenderDiscovery: false,
    processes: [
      { channel: CLI, commandLines: ["@sourcegraph/amp", "@ampcode/cli"] },
      { channel: CLI, images: ["amp", "amp.exe"], folders: [".amp/bin", ".local/bin"] },
    ],
    files: [{ path: ".config/amp/settings.json", channel: CLI }],
  },
  {
    key: "jetbrains-ai",
    name: "JetBrains AI Assistant",
    vendor: "JetBrains",
    category: "IDE_EXTENSION",
    homepage: "https://www.jetbrains.com/ai",
    defenderDiscovery: false,
    jetbrainsPlugins: ["com.intellij.ml.llm"],
  },
  {
    key: "junie",
    name: "Junie",
    vendor: "JetBrains",
    category: "IDE_EXTENSION",
    homepage: "https://www.jetbrains.com/junie",
    defenderDiscovery: true,
    processes: [{ channel: CLI, images: ["junie", "junie.exe"] }],
    files: [{ path: ".junie/mcp/mcp.json", channel: CLI }],
    jetbrainsPlugins: ["org.jetbrains.junie"],
    agentsInfo: [{ name: "Junie CLI", channel: CLI }],
  },
  {
    key: "zed",
    name: "Zed",
    vendor: "Zed Industries",
    category: "IDE",
    homepage: "https://zed.dev",
    defenderDiscovery: false,
    software: [{ vendors: ["zed_industries"], names: ["zed"], namePrefixes: ["zed"] }],
    processes: [
      { channel: DESKTOP, images: ["zed.exe"] },
      { channel: DESKTOP, images: ["zed", "zed-editor"], folders: ["usr/bin", ".local/bin", "zed.app"] },
    ],
    files: [{ path: "zed/settings.json", channel: DESKTOP }],
  },
  {
    key: "supermaven",
    name: "Supermaven",
    vendor: "Supermaven",
    category: "IDE_EXTENSION",
    homepage: "https://supermaven.com",
    defenderDiscovery: false,
    processes: [{ channel: EXT, images: ["supermaven-binary", "supermaven-binary.exe"] }],
    ideExtensions: ["supermaven.supermaven"],
  },
  {
    key: "augment",
    name: "Augment Code",
    vendor: "Augment Computing",
    category: "IDE_EXTENSION",
    homepage: "https://www.augmentcode.com",
    defenderDiscovery: false,
    processes: [{ channel: CLI, commandLines: ["@augmentcode/auggie"] }],
    ideExtensions: ["augment.vscode-augment"],
  },
  {
    key: "opencode",
    name: "OpenCode",
    vendor: "SST",
    category: "CLI",
    homepage: "https://opencode.ai",
    defenderDiscovery: true,
    processes: [
      { channel: CLI, commandLines: ["opencode-ai"] },
      { channel: CLI, images: ["opencode", "opencode.exe"] },
    ],
    files: [
      { path: "opencode/opencode.json", channel: CLI },
      { path: "opencode/opencode.jsonc", channel: CLI },
    ],
    agentsInfo: [{ name: "OpenCode", channel: CLI }],
  },
  {
    key: "goose",
    name: "Goose",
    vendor: "Block",
    category: "CLI",
    homepage: "https://block.github.io/goose",
    defenderDiscovery: true,
    software: [{ vendors: ["block"], names: ["goose"] }],
    processes: [
      { channel: DESKTOP, images: ["goose.exe", "goose"], folders: ["goose.app", "programs/goose"] },
      { channel: CLI, images: ["goose", "goose.exe"] },
    ],
    files: [{ path: "goose/config.yaml", channel: CLI }],
    agentsInfo: [{ name: "Goose", channel: DESKTOP }],
  },
  {
    key: "warp",
    name: "Warp",
    vendor: "Warp",
    category: "TERMINAL",
    homepage: "https://www.warp.dev",
    defenderDiscovery: true,
    software: [{ vendors: ["warp"], names: ["warp"] }],
    processes: [
      { channel: DESKTOP, images: ["warp.exe", "warp-terminal"] },
      { channel: DESKTOP, images: ["warp", "stable"], folders: ["warp.app", "opt/warpdotdev"] },
    ],
    agentsInfo: [{ name: "Warp", channel: CLI }],
  },
  {
    key: "trae",
    name: "Trae",
    vendor: "ByteDance",
    category: "IDE",
    homepage: "https://www.trae.ai",
    defenderDiscovery: false,
    software: [{ vendors: ["bytedance"], names: ["trae"], namePrefixes: ["trae"] }],
    processes: [
      { channel: DESKTOP, images: ["trae.exe"] },
      { channel: DESKTOP, images: ["trae"], folders: ["trae.app"] },
    ],
  },
  {
    key: "qoder",
    name: "Qoder",
    vendor: "Alibaba",
    category: "IDE",
    homepage: "https://qoder.com",
    defenderDiscovery: false,
    software: [{ vendors: ["alibaba"], names: ["qoder"] }],
    processes: [
      { channel: DESKTOP, images: ["qoder.exe"] },
      { channel: DESKTOP, images: ["qoder"], folders: ["qoder.app"] },
    ],
  },
  {
    key: "codeium",
    name: "Codeium (Windsurf plugin)",
    vendor: "Cognition",
    category: "IDE_EXTENSION",
    homepage: "https://windsurf.com/plugins",
    defenderDiscovery: false,
    ideExtensions: ["codeium.codeium"],
    jetbrainsPlugins: ["com.codeium.intellij"],
  },
  {
    key: "openclaw",
    name: "OpenClaw",
    vendor: "OpenClaw",
    category: "CLI",
    homepage: "https://openclaw.ai",
    defenderDiscovery: true,
    processes: [
      { channel: CLI, commandLines: ["node_modules/openclaw/"] },
      { channel: CLI, images: ["openclaw", "openclaw.exe"] },
    ],
    files: [{ path: ".openclaw/openclaw.json", channel: CLI }],
    agentsInfo: [{ name: "OpenClaw", channel: CLI }],
  },
  {
    key: "ollama",
    name: "Ollama",
    vendor: "Ollama",
    category: "LOCAL_RUNTIME",
    homepage: "https://ollama.com",
    defenderDiscovery: true,
    software: [{ vendors: ["ollama"], names: ["ollama"] }],
    processes: [{ channel: DESKTOP, images: ["ollama", "ollama.exe", "ollama app.exe"] }],
    agentsInfo: [{ name: "Ollama", channel: DESKTOP }],
  },
  {
    key: "lm-studio",
    name: "LM Studio",
    vendor: "Element Labs",
    category: "LOCAL_RUNTIME",
    homepage: "https://lmstudio.ai",
    defenderDiscovery: false,
    software: [{ vendors: ["element_labs"], names: ["lm_studio"] }],
    processes: [
      { channel: DESKTOP, images: ["lm studio.exe"] },
      { channel: DESKTOP, images: ["lm studio"], folders: ["lm studio.app"] },
    ],
  },
  {
    key: "kimi-code",
    name: "Kimi Code",
    vendor: "Moonshot AI",
    category: "CLI",
    homepage: "https://www.kimi.com/code",
    defenderDiscovery: false,
    processes: [
      { channel: CLI, commandLines: ["@moonshot-ai/kimi-code"] },
      { channel: CLI, images: ["kimi", "kimi.exe"] },
    ],
    files: [
      { path: ".kimi-code/mcp.json", channel: CLI },
      { path: ".kimi-code/config.toml", channel: CLI },
    ],
  },
  {
    key: "factory-droid",
    name: "Factory Droid",
    vendor: "Factory",
    category: "CLI",
    homepage: "https://factory.ai",
    defenderDiscovery: false,
    processes: [
      { channel: CLI, commandLines: ["@factory/cli"] },
      { channel: CLI, images: ["droid", "droid.exe"], folders: [".local/bin", ".factory/bin"] },
    ],
    files: [
      { path: ".factory/settings.json", channel: CLI },
      { path: ".factory/mcp.json", channel: CLI },
    ],
  },
  {
    key: "crush",
    name: "Crush",
    vendor: "Charm",
    category: "CLI",
    homepage: "https://github.com/charmbracelet/crush",
    defenderDiscovery: false,
    processes: [
      { channel: CLI, commandLines: ["@charmland/crush"] },
      { channel: CLI, images: ["crush", "crush.exe"] },
    ],
    files: [{ path: "crush/crush.json", channel: CLI }],
  },
];
