// The agent catalog as data: which Defender signals identify each AI coding agent.
// What each value rests on, with its public source: docs/detection-sources.md. Matchers and hunting
// queries are both derived from this file, so a signal is added here once and nowhere else.
import type { AgentCategory, Channel, HostIde } from "./types";

/** Recorded in every detection's evidence; bump when a rule changes what is detected. */
export const CATALOG_VERSION = "2026.12.1";

/**
 * TVM software row. Vendor and name are compared after the same normalization on both sides
 * (lowercase, underscores, legal-entity and per-user/architecture suffixes dropped); vendor AND name
 * must match. A name prefix is anchored at the start and ends at a token boundary: "windsurf" matches
 * "windsurf_-_next" but not "windsurfx".
 */
export interface SoftwareRule {
  vendors: string[];
  names: string[];
  namePrefixes?: string[];
  /** What the row stands for; default DESKTOP_APP (a WinGet-installed CLI registers as software too). */
  channel?: Channel;
  /** For IDE components (Visual Studio, JetBrains): the IDE hosting them. */
  hostIde?: HostIde;
}

/**
 * A process is recognized by its image name, by where it runs from, or by a package in its command
 * line. An image rule with `folders`, `publishers` or `homebrew` needs one of them to hold: a short
 * name is never enough alone. Image rules also classify file events on the executable itself
 * (install, and deletion as removal evidence). Folders are "/"-separated consecutive path segments
 * (either slash direction in data); a segment ending in "*" matches a segment prefix.
 */
export interface ProcessRule {
  channel: Channel;
  images?: string[];
  folders?: string[];
  exceptFolders?: string[];
  /** Company or product names in the image's version info that vouch for a generic image name. */
  publishers?: string[];
  /** npm packages: `node_modules/<name>/` in a path, `npx <name>[@version]` and its kin. */
  npm?: string[];
  /** PyPI distributions: `pipx run`, `uvx`, pipx and uv tool folders, `<dist>-<version>.dist-info`. */
  pypi?: string[];
  /** Python modules run as `python -m <module>`. */
  modules?: string[];
  /** Homebrew installs, "cellar/<formula>" or "caskroom/<cask>"; the next segment is the version. */
  homebrew?: string[];
  /** Launchers an interpreter runs from a bin, shims or Scripts folder (`node ~/.local/bin/claude`). */
  scripts?: string[];
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
  /** VS Code-family extension ids, lowercase; the first is the agent's main extension. */
  ideExtensions?: string[];
  /** Add-ons of the main extension: they show the agent, but their version is not the agent's. */
  companionExtensions?: string[];
  /** JetBrains plugin ids or plugin folder names. */
  jetbrainsPlugins?: string[];
  /** Chrome Web Store ids. */
  browserExtensions?: string[];
  agentsInfo?: AgentsInfoName[];
}

/**
 * IDEs that host VS Code extensions (and JetBrains): `roots` hold `<root>/extensions/<id>-<version>`,
 * `dataFolders` hold `<folder>/User/globalStorage/<id>/`, `processes` are the IDE's own images
 * (the extension host included) as AgentsInfo names them.
 */
export const IDE_HOSTS: { key: HostIde; roots: string[]; dataFolders: string[]; processes: string[] }[] = [
  {
    key: "vscode",
    roots: [".vscode"],
    dataFolders: ["code"],
    processes: ["code.exe", "code", "code helper (plugin)", "code helper"],
  },
  {
    key: "vscode-insiders",
    roots: [".vscode-insiders"],
    dataFolders: ["code - insiders"],
    processes: ["code - insiders.exe", "code-insiders", "code - insiders helper (plugin)"],
  },
  {
    key: "vscodium",
    roots: [".vscode-oss"],
    dataFolders: ["vscodium"],
    processes: ["vscodium.exe", "codium", "vscodium helper (plugin)", "codium helper (plugin)"],
  },
  {
    key: "vscode-server",
    roots: [".vscode-server", ".vscode-server-insiders", ".vscode-remote"],
    dataFolders: [".vscode-server/data", ".vscode-server-insiders/data", ".vscode-remote/data"],
    processes: [],
  },
  { key: "code-server", roots: ["code-server"], dataFolders: ["code-server"], processes: [] },
  {
    key: "cursor",
    roots: [".cursor", ".cursor-server"],
    dataFolders: ["cursor", ".cursor-server/data"],
    processes: ["cursor.exe", "cursor", "cursor helper (plugin)", "cursor helper"],
  },
  {
    key: "windsurf",
    roots: [".windsurf", ".devin", ".windsurf-next", ".windsurf-server"],
    dataFolders: ["windsurf", "windsurf - next", ".windsurf-server/data"],
    processes: ["windsurf.exe", "windsurf", "windsurf helper (plugin)", "windsurf - next.exe"],
  },
  {
    key: "trae",
    roots: [".trae", ".trae-cn"],
    dataFolders: ["trae", "trae cn"],
    processes: ["trae.exe", "trae", "trae helper (plugin)"],
  },
  {
    key: "antigravity",
    roots: [".antigravity", ".antigravity-ide"],
    dataFolders: ["antigravity"],
    processes: ["antigravity.exe", "antigravity", "antigravity helper (plugin)"],
  },
  {
    key: "kiro",
    roots: [".kiro"],
    dataFolders: ["kiro"],
    processes: ["kiro.exe", "kiro", "kiro helper (plugin)"],
  },
  {
    key: "positron",
    roots: [".positron"],
    dataFolders: ["positron"],
    processes: ["positron.exe", "positron", "positron helper (plugin)"],
  },
  {
    key: "qoder",
    roots: [".qoder"],
    dataFolders: ["qoder"],
    processes: ["qoder.exe", "qoder", "qoder helper (plugin)"],
  },
  { key: "visual-studio", roots: [], dataFolders: [], processes: ["devenv.exe"] },
  {
    key: "jetbrains",
    roots: [],
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
 * Programs that run another program named in their command line: when one of them is the image, the
 * agent is in its arguments and the image's own version info is not the agent's.
 */
export const LAUNCHERS = {
  /** JavaScript runtimes (and Electron run as node: any image with `--ms-enable-electron-run-as-node`). */
  node: ["node", "nodejs", "bun", "deno"],
  /** Python interpreters; "python3.12" and the like count as "python3". */
  python: ["python", "python3", "pythonw", "py"],
  /** Package runners followed by a package spec: `npx <pkg>`, `npm exec <pkg>`, `uvx <dist>`, … */
  npmRunners: ["npx", "npx-cli", "bunx", "pnpx"],
  npmSubcommands: { npm: ["exec", "x"], "npm-cli": ["exec", "x"], pnpm: ["dlx"], yarn: ["dlx"], bun: ["x"] },
  pythonRunners: ["uvx", "pipx"],
  /**
   * Folders a launcher script lives in: bin (npm, Homebrew, nvm, fnm, volta, asdf and pyenv installs,
   * pipx, uv), node_modules/.bin, Scripts (pip on Windows). Version managers' shims re-run the
   * interpreter with the installed script's own path, so they need no entry.
   */
  scriptFolders: ["bin", ".bin", "scripts"],
} as const;

/**
 * Known look-alikes, rejected before any rule runs. The rules are anchored on vendor, path, package or
 * publisher, so most would not match anyway; listing them keeps the intent explicit and tested.
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
    { vendor: "pressly", name: "goose", why: "goose database migration tool" },
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
      {
        channel: DESKTOP,
        images: ["cursor.exe", "cursor"],
        folders: [
          "programs/cursor",
          "program files/cursor",
          "cursor.app",
          "usr/share/cursor",
          "opt/cursor",
          ".mount_cursor*",
        ],
        publishers: ["anysphere"],
      },
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
    software: [
      { vendors: ["github", "microsoft"], names: ["github_copilot"] },
      { vendors: ["github", "microsoft"], names: ["github_copilot_cli"], channel: CLI },
      {
        vendors: ["github", "microsoft"],
        names: ["github_copilot_for_visual_studio", "github_copilot_in_visual_studio"],
        channel: EXT,
        hostIde: "visual-studio",
      },
    ],
    processes: [
      { channel: EXT, npm: ["@github/copilot-language-server"] },
      { channel: CLI, npm: ["@github/copilot"], scripts: ["copilot"] },
      {
        channel: CLI,
        images: ["copilot", "copilot.exe"],
        // Not /usr/local/bin or Homebrew's Cellar: AWS's Copilot CLI installs a `copilot` there.
        folders: [
          "microsoft/winget/links",
          "microsoft/winget/packages/github.copilot*",
          ".local/bin",
          ".bun/bin",
        ],
        homebrew: ["caskroom/copilot-cli"],
        publishers: ["github"],
        exceptFolders: ["windowsapps", "microsoft.copilot_*"],
      },
    ],
    files: [
      { path: ".copilot/mcp-config.json", channel: CLI },
      { path: "code/user/mcp.json", channel: EXT },
      { path: "github-copilot/hosts.json", channel: EXT },
    ],
    ideExtensions: ["github.copilot"],
    companionExtensions: ["github.copilot-chat"],
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
    software: [{ vendors: ["anthropic"], names: ["claude_code"], channel: CLI }],
    processes: [
      {
        channel: CLI,
        npm: ["@anthropic-ai/claude-code"],
        homebrew: ["caskroom/claude-code"],
        scripts: ["claude"],
      },
      { channel: CLI, folders: [".local/share/claude/versions"] },
      {
        channel: CLI,
        images: ["claude", "claude.exe"],
        folders: [
          ".local/bin",
          ".claude/local",
          "opt/homebrew/bin",
          "usr/local/bin",
          ".volta/bin",
          "microsoft/winget/links",
          "microsoft/winget/packages/anthropic.claudecode*",
        ],
        homebrew: ["caskroom/claude-code"],
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
        vendors: ["codeium", "exafunction", "cognition", "cognition_ai", "windsurf"],
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
    processes: [{ channel: CLI, npm: ["cline"], scripts: ["cline"] }],
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
    processes: [{ channel: CLI, npm: ["@kilocode/cli"], scripts: ["kilocode"] }],
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
      { channel: CLI, npm: ["@continuedev/cli"], scripts: ["cn"] },
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
      {
        channel: CLI,
        pypi: ["aider-chat"],
        modules: ["aider"],
        homebrew: ["cellar/aider"],
        scripts: ["aider"],
      },
      {
        channel: CLI,
        images: ["aider", "aider.exe"],
        // pipx's and uv's shims, or pip's Scripts folder (system, per-user, venv, pyenv-win, conda).
        folders: [".local/bin", "scripts"],
        pypi: ["aider-chat"],
        homebrew: ["cellar/aider"],
      },
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
    software: [
      { vendors: ["openai"], names: ["codex"] },
      { vendors: ["openai"], names: ["codex_cli"], channel: CLI },
    ],
    processes: [
      { channel: CLI, npm: ["@openai/codex"], homebrew: ["caskroom/codex"], scripts: ["codex"] },
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
    software: [{ vendors: ["google"], names: ["gemini_cli"], channel: CLI }],
    processes: [
      { channel: CLI, npm: ["@google/gemini-cli"], homebrew: ["cellar/gemini-cli"], scripts: ["gemini"] },
      {
        channel: CLI,
        images: ["gemini", "gemini.exe"],
        folders: [".local/bin", "opt/homebrew/bin", "usr/local/bin"],
        homebrew: ["cellar/gemini-cli"],
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
    software: [
      {
        vendors: ["amazon", "amazon.com", "amazon_web_services", "aws"],
        names: ["amazon_q", "amazon_q_developer", "amazon_q_developer_cli"],
        channel: CLI,
      },
    ],
    processes: [
      {
        channel: CLI,
        images: ["q", "q.exe", "qchat", "qchat.exe", "amazon-q"],
        folders: [".local/bin", "amazon q.app"],
        homebrew: ["caskroom/amazon-q"],
      },
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
    software: [
      { vendors: ["amazon", "amazon.com", "amazon_web_services", "aws", "kiro"], names: ["kiro"] },
      {
        vendors: ["amazon", "amazon.com", "amazon_web_services", "aws", "kiro"],
        names: ["kiro_cli"],
        channel: CLI,
      },
    ],
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
      { channel: CLI, npm: ["@sourcegraph/amp", "@ampcode/cli"], scripts: ["amp"] },
      { channel: CLI, images: ["amp", "amp.exe"], folders: [".amp/bin", ".local/bin"] },
    ],
    files: [{ path: ".config/amp/settings.json", channel: CLI }],
    ideExtensions: ["sourcegraph.amp"],
  },
  {
    key: "jetbrains-ai",
    name: "JetBrains AI Assistant",
    vendor: "JetBrains",
    category: "IDE_EXTENSION",
    homepage: "https://www.jetbrains.com/ai",
    defenderDiscovery: false,
    software: [
      {
        vendors: ["jetbrains"],
        names: ["ai_assistant", "jetbrains_ai_assistant"],
        channel: EXT,
        hostIde: "jetbrains",
      },
    ],
    jetbrainsPlugins: ["com.intellij.ml.llm", "ml-llm"],
  },
  {
    key: "junie",
    name: "Junie",
    vendor: "JetBrains",
    category: "IDE_EXTENSION",
    homepage: "https://www.jetbrains.com/junie",
    defenderDiscovery: true,
    software: [{ vendors: ["jetbrains"], names: ["junie", "junie_cli"], channel: CLI }],
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
      {
        channel: DESKTOP,
        images: ["zed.exe"],
        folders: ["programs/zed", "program files/zed"],
        publishers: ["zed industries"],
      },
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
    processes: [{ channel: CLI, npm: ["@augmentcode/auggie"], scripts: ["auggie"] }],
    ideExtensions: ["augment.vscode-augment"],
  },
  {
    key: "opencode",
    name: "OpenCode",
    vendor: "SST",
    category: "CLI",
    homepage: "https://opencode.ai",
    defenderDiscovery: true,
    software: [{ vendors: ["sst", "opencode"], names: ["opencode", "opencode_desktop"] }],
    processes: [
      { channel: CLI, npm: ["opencode-ai"], homebrew: ["cellar/opencode"], scripts: ["opencode"] },
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
      {
        channel: DESKTOP,
        images: ["goose.exe", "goose"],
        folders: ["goose.app", "programs/goose"],
        homebrew: ["caskroom/block-goose"],
      },
      // `goose` alone is also the pressly database migration tool (Go, Homebrew formula "goose").
      {
        channel: CLI,
        images: ["goose", "goose.exe"],
        folders: [".local/bin"],
        homebrew: ["cellar/block-goose-cli"],
        publishers: ["block"],
      },
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
    software: [{ vendors: ["warp", "denver_technologies"], names: ["warp"] }],
    processes: [
      {
        channel: DESKTOP,
        images: ["warp.exe"],
        folders: ["programs/warp", "program files/warp"],
        publishers: ["warp", "denver technologies"],
      },
      { channel: DESKTOP, images: ["warp-terminal"] },
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
    software: [{ vendors: ["bytedance", "trae"], names: ["trae"], namePrefixes: ["trae"] }],
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
    software: [{ vendors: ["alibaba", "alibaba_cloud", "qoder"], names: ["qoder"] }],
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
      { channel: CLI, npm: ["openclaw"], scripts: ["openclaw"] },
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
    software: [{ vendors: ["element_labs", "lm_studio"], names: ["lm_studio"] }],
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
    software: [{ vendors: ["moonshot_ai", "moonshot"], names: ["kimi_code", "kimi_cli"], channel: CLI }],
    processes: [
      { channel: CLI, npm: ["@moonshot-ai/kimi-code"], pypi: ["kimi-cli"], scripts: ["kimi"] },
      { channel: CLI, images: ["kimi", "kimi.exe"], folders: [".local/bin"], pypi: ["kimi-cli"] },
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
    software: [{ vendors: ["factory", "factory_ai"], names: ["droid", "factory_droid"], channel: CLI }],
    processes: [
      { channel: CLI, npm: ["@factory/cli"], scripts: ["droid"] },
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
    software: [{ vendors: ["charm", "charmbracelet"], names: ["crush"], channel: CLI }],
    processes: [
      { channel: CLI, npm: ["@charmland/crush"], homebrew: ["cellar/crush"], scripts: ["crush"] },
      { channel: CLI, images: ["crush", "crush.exe"] },
    ],
    files: [{ path: "crush/crush.json", channel: CLI }],
  },
];
