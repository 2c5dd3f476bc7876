// The agent catalog as data: which Defender signals identify each AI coding agent.
// What each value rests on, with its public source: docs/detection-sources.md. Matchers and hunting
// queries are both derived from this file, so a signal is added here once and nowhere else.
import type { AgentCategory, Channel, HostIde } from "./types";

/** Recorded in every detection's evidence; bump when a rule changes what is detected. */
export const CATALOG_VERSION = "2026.12.2";

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
  /** WinGet package identifiers: `winget install <id>` and the portable package's `WinGet/Packages/<id>_…` folder. */
  winget?: string[];
  /** MSIX package family names (`<Name>_<PublisherId>`): the `WindowsApps` install folder and `Packages` data. */
  msix?: string[];
  /**
   * Names the vendor's installer packages start with (`CursorUserSetup-x64-2.0.77.exe`,
   * `cursor_2.0.77_amd64.deb`, `Cursor-darwin-universal.dmg` all start with "cursor"): the image
   * run, or the package an installer program (hdiutil, dpkg, msiexec…) is given.
   */
  installers?: string[];
  /** Vendor install scripts by URL without the scheme (`curl -fsSL https://claude.ai/install.sh | bash`). */
  installScripts?: string[];
  /** Launchers an interpreter runs from a bin, shims or Scripts folder (`node ~/.local/bin/claude`). */
  scripts?: string[];
}

/** Trailing path segments of a config/MCP file, e.g. ".kiro/settings/mcp.json". */
export interface FileRule {
  path: string;
  channel: Channel;
  /** More than one of the agent's installations writes it (see `DataFolder.shared`). */
  shared?: boolean;
}

/**
 * A folder only the agent writes into (state, history, logs), as "/"-separated path segments from
 * the user's home folder: a file written there shows the agent in use (a project's own `.claude` or
 * `.cursor` folder is not one). `shared` when more than one of its
 * installations writes there (the CLI and the IDE extension both keep `~/.claude`): the process that
 * wrote the file, or the device's other evidence, tells which.
 */
export interface DataFolder {
  path: string;
  channel: Channel;
  shared?: boolean;
}

/**
 * An AgentsInfo `Name`: the product names local AI agent discovery uses, and the names Learn lists
 * them under ("Claude Desktop", "Ollama Desktop"). An agent whose names all share one channel is named
 * whichever way it is installed: the channel is a default the device's other evidence may settle.
 */
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
  dataFolders?: DataFolder[];
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
    // macOS builds up to 1.109 named their executable after Electron; later ones after the product
    // (microsoft/vscode#291948), as do Insiders and VSCodium.
    processes: ["code.exe", "code", "code helper (plugin)", "code helper", "electron"],
  },
  {
    key: "vscode-insiders",
    roots: [".vscode-insiders"],
    dataFolders: ["code - insiders"],
    processes: ["code - insiders.exe", "code-insiders", "code - insiders", "code - insiders helper (plugin)"],
  },
  {
    key: "vscodium",
    roots: [".vscode-oss"],
    dataFolders: ["vscodium"],
    processes: ["vscodium.exe", "codium", "vscodium", "vscodium helper (plugin)", "codium helper (plugin)"],
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
    processes: ["trae.exe", "trae", "trae helper (plugin)", "trae cn.exe", "trae cn"],
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
  /** Package managers' install commands followed by a package spec: `npm install -g <pkg>`, … */
  npmInstalls: {
    npm: ["install", "i", "add"],
    "npm-cli": ["install", "i", "add"],
    pnpm: ["add", "install"],
    bun: ["add", "install"],
  },
  /** `pipx run|install <dist>`, `uvx <dist>`; `uv tool run|install` and `pip install` are read apart. */
  pythonRunners: ["uvx", "pipx"],
  pythonSubcommands: ["run", "install"],
  pipPrograms: ["pip", "pip3"],
  /** Programs that install the package file they are given (a .dmg, .deb, .msi, .pkg, .zip). */
  installerPrograms: [
    "hdiutil",
    "dpkg",
    "apt",
    "apt-get",
    "installer",
    "msiexec",
    "rpm",
    "dnf",
    "open",
    "explorer",
  ],
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
      {
        channel: DESKTOP,
        homebrew: ["caskroom/cursor"],
        winget: ["Anysphere.Cursor"],
        installers: ["cursor"],
      },
      { channel: CLI, images: ["cursor-agent", "cursor-agent.exe"], installScripts: ["cursor.com/install"] },
      // The install script keeps each version (a bundled node and index.js) in cursor-agent/versions/<v>.
      { channel: CLI, folders: ["cursor-agent/versions"] },
    ],
    files: [
      { path: ".cursor/mcp.json", channel: DESKTOP },
      { path: ".cursor/cli-config.json", channel: CLI },
    ],
    // ~/.cursor holds the IDE's extensions and MCP settings and the CLI's chats.
    dataFolders: [{ path: ".cursor", channel: DESKTOP, shared: true }],
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
        folders: ["microsoft/winget/links", ".local/bin", ".bun/bin"],
        winget: ["GitHub.Copilot"],
        installScripts: ["gh.io/copilot-install"],
        homebrew: ["caskroom/copilot-cli"],
        publishers: ["github"],
        exceptFolders: ["windowsapps", "microsoft.copilot_*"],
      },
    ],
    files: [
      { path: ".copilot/mcp-config.json", channel: CLI },
      { path: ".copilot/config.json", channel: CLI },
      { path: "code/user/mcp.json", channel: EXT },
      { path: "github-copilot/hosts.json", channel: EXT },
    ],
    // Copilot CLI's state (config, sessions); the chat extension runs the CLI's agent too.
    dataFolders: [{ path: ".copilot", channel: CLI, shared: true }],
    ideExtensions: ["github.copilot"],
    companionExtensions: ["github.copilot-chat"],
    jetbrainsPlugins: ["com.github.copilot", "github-copilot-intellij"],
    agentsInfo: [
      { name: "GitHub Copilot CLI", channel: CLI },
      { name: "GitHub Copilot", channel: DESKTOP },
      { name: "GitHub Copilot app", channel: DESKTOP },
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
        ],
        homebrew: ["caskroom/claude-code"],
        winget: ["Anthropic.ClaudeCode"],
        installScripts: ["claude.ai/install.sh", "claude.ai/install.ps1", "claude.ai/install.cmd"],
      },
    ],
    files: [
      { path: ".claude/settings.json", channel: CLI, shared: true },
      { path: ".claude.json", channel: CLI, shared: true },
      { path: "claudecode/managed-mcp.json", channel: CLI },
      { path: "claude-code/managed-mcp.json", channel: CLI },
    ],
    // The CLI, the IDE extensions' bundled CLI and the JetBrains plugin all keep projects and history here.
    dataFolders: [{ path: ".claude", channel: CLI, shared: true }],
    ideExtensions: ["anthropic.claude-code"],
    // Claude Code finds its own plugin by this folder name in the JetBrains plugin folders.
    jetbrainsPlugins: ["com.anthropic.code.plugin", "claude-code-jetbrains-plugin"],
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
        winget: ["Anthropic.Claude"],
        msix: ["Claude_pzs8sxrjxfjjc"],
        installers: ["claude"],
      },
      { channel: DESKTOP, images: ["claude"], folders: ["claude.app"], homebrew: ["caskroom/claude"] },
    ],
    files: [{ path: "claude_desktop_config.json", channel: DESKTOP }],
    // Electron's userData (%APPDATA%\Claude; the MSIX build's is in its package's LocalCache) and macOS logs.
    dataFolders: [
      { path: "appdata/roaming/claude", channel: DESKTOP },
      { path: "library/application support/claude", channel: DESKTOP },
      { path: "library/logs/claude", channel: DESKTOP },
    ],
    browserExtensions: ["fcoeoabgfenejglbffodgkkbkcdhcgfn"],
    agentsInfo: [
      { name: "Claude", channel: DESKTOP },
      { name: "Claude Desktop", channel: DESKTOP },
    ],
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
      {
        channel: DESKTOP,
        homebrew: ["caskroom/windsurf"],
        winget: ["Codeium.Windsurf"],
        installers: ["windsurf"],
      },
      { channel: DESKTOP, images: ["windsurf"], folders: ["windsurf.app", "usr/share/windsurf"] },
    ],
    files: [{ path: ".codeium/windsurf/mcp_config.json", channel: DESKTOP }],
    dataFolders: [{ path: ".codeium/windsurf", channel: DESKTOP }],
    agentsInfo: [
      { name: "Devin Desktop", channel: DESKTOP },
      { name: "Windsurf", channel: DESKTOP },
    ],
  },
  {
    key: "cline",
    name: "Cline",
    vendor: "Cline Bot",
    category: "IDE_EXTENSION",
    homepage: "https://cline.bot",
    defenderDiscovery: true,
    processes: [{ channel: CLI, npm: ["cline"], scripts: ["cline"] }],
    dataFolders: [{ path: ".cline", channel: CLI }],
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
    dataFolders: [{ path: ".kilocode", channel: CLI }],
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
    // ~/.continue (config.yaml, sessions) is shared by the CLI and the extension: the writer tells which.
    files: [{ path: ".continue/config.yaml", channel: CLI, shared: true }],
    dataFolders: [{ path: ".continue", channel: CLI, shared: true }],
    ideExtensions: ["continue.continue"],
    jetbrainsPlugins: ["com.github.continuedev.continueintellijextension", "continue-intellij-extension"],
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
    files: [
      { path: ".aider.conf.yml", channel: CLI },
      { path: ".aider.chat.history.md", channel: CLI },
    ],
    dataFolders: [{ path: ".aider", channel: CLI }],
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
      {
        channel: CLI,
        npm: ["@openai/codex"],
        homebrew: ["caskroom/codex"],
        winget: ["OpenAI.Codex"],
        scripts: ["codex"],
      },
      {
        channel: DESKTOP,
        images: ["codex.exe", "codex"],
        folders: ["windowsapps", "programs/codex", "codex.app"],
      },
      { channel: DESKTOP, msix: ["OpenAI.Codex_2p2nqsd0c76g0"], installers: ["codex"] },
      { channel: CLI, images: ["codex", "codex.exe"] },
    ],
    files: [{ path: ".codex/config.toml", channel: CLI, shared: true }],
    // The CLI, the IDE extension's bundled CLI and the app keep sessions and history in ~/.codex.
    dataFolders: [
      { path: ".codex", channel: CLI, shared: true },
      { path: "library/application support/com.openai.codex", channel: DESKTOP },
    ],
    ideExtensions: ["openai.chatgpt"],
    agentsInfo: [
      { name: "Codex CLI", channel: CLI },
      { name: "Codex", channel: DESKTOP },
      { name: "Codex Desktop", channel: DESKTOP },
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
      {
        channel: DESKTOP,
        homebrew: ["caskroom/chatgpt"],
        msix: ["OpenAI.ChatGPT-Desktop_2p2nqsd0c76g0"],
        installers: ["chatgpt"],
      },
    ],
    dataFolders: [{ path: "library/application support/com.openai.chat", channel: DESKTOP }],
    browserExtensions: ["ejcfepkfckglbgocfkanmcdngdijcgld"],
    agentsInfo: [
      { name: "ChatGPT", channel: DESKTOP },
      { name: "ChatGPT Desktop", channel: DESKTOP },
    ],
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
    dataFolders: [{ path: ".gemini/tmp", channel: CLI }],
    agentsInfo: [{ name: "Gemini CLI", channel: CLI }],
  },
  {
    key: "gemini-code-assist",
    name: "Gemini Code Assist",
    vendor: "Google",
    category: "IDE_EXTENSION",
    homepage: "https://codeassist.google",
    defenderDiscovery: true,
    // Its language server is Cloud Code's cloudcode_cli, downloaded into the user's cloud-code cache.
    processes: [{ channel: EXT, folders: ["cloud-code/cloudcode_cli"] }],
    ideExtensions: ["google.geminicodeassist"],
    jetbrainsPlugins: ["com.google.tools.ij.aiplugin", "gemini-code-assist"],
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
      { channel: DESKTOP, homebrew: ["caskroom/antigravity"], installers: ["antigravity"] },
      { channel: CLI, images: ["ag-kit", "ag-kit.exe"] },
    ],
    files: [{ path: ".gemini/antigravity/mcp_config.json", channel: DESKTOP }],
    dataFolders: [{ path: ".gemini/antigravity", channel: DESKTOP }],
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
        installScripts: ["desktop-release.q.us-east-1.amazonaws.com/latest/"],
      },
      // The extension runs AWS's language server from the toolkit cache, with its own Node.
      { channel: EXT, folders: ["aws/toolkits/language-servers/amazonq"] },
    ],
    files: [
      { path: ".aws/amazonq/mcp.json", channel: CLI },
      { path: ".amazonq/mcp.json", channel: CLI },
    ],
    dataFolders: [
      { path: "library/application support/amazon-q", channel: CLI },
      { path: ".local/share/amazon-q", channel: CLI },
    ],
    ideExtensions: ["amazonwebservices.amazon-q-vscode"],
    jetbrainsPlugins: ["amazon.q", "amazon-q", "plugin-amazonq"],
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
      { channel: DESKTOP, homebrew: ["caskroom/kiro"], installers: ["kiro"] },
      // Amazon Q CLI's successor keeps its q/qchat split: kiro-cli and kiro-cli-chat.
      {
        channel: CLI,
        images: ["kiro-cli", "kiro-cli.exe", "kiro-cli-chat", "kiro-cli-chat.exe"],
        installScripts: ["cli.kiro.dev/install"],
      },
    ],
    files: [
      { path: ".kiro/settings/mcp.json", channel: DESKTOP },
      { path: ".kiro/settings/cli.json", channel: CLI },
    ],
    dataFolders: [{ path: ".kiro", channel: DESKTOP, shared: true }],
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
    files: [{ path: "tabnine/tabnine_config.json", channel: EXT }],
    dataFolders: [
      { path: "appdata/roaming/tabnine", channel: EXT },
      { path: ".config/tabnine", channel: EXT },
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
    jetbrainsPlugins: ["com.sourcegraph.jetbrains", "sourcegraph"],
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
    dataFolders: [{ path: ".local/share/amp", channel: CLI }],
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
    dataFolders: [{ path: ".junie", channel: CLI }],
    jetbrainsPlugins: ["org.jetbrains.junie", "junie"],
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
      {
        channel: DESKTOP,
        homebrew: ["caskroom/zed"],
        winget: ["ZedIndustries.Zed"],
        installers: ["zed"],
        installScripts: ["zed.dev/install.sh"],
      },
    ],
    files: [{ path: "zed/settings.json", channel: DESKTOP }],
    dataFolders: [
      { path: ".config/zed", channel: DESKTOP },
      { path: "library/application support/zed", channel: DESKTOP },
      { path: ".local/share/zed", channel: DESKTOP },
      { path: "appdata/roaming/zed", channel: DESKTOP },
    ],
  },
  {
    key: "supermaven",
    name: "Supermaven",
    vendor: "Supermaven",
    category: "IDE_EXTENSION",
    homepage: "https://supermaven.com",
    defenderDiscovery: false,
    processes: [
      { channel: EXT, images: ["supermaven-binary", "supermaven-binary.exe"] },
      // The extensions download their sm-agent into ~/.supermaven/binary/<version>/<platform>.
      { channel: EXT, images: ["sm-agent", "sm-agent.exe"], folders: [".supermaven/binary"] },
    ],
    dataFolders: [{ path: ".supermaven", channel: EXT }],
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
    dataFolders: [{ path: ".augment", channel: CLI, shared: true }],
    ideExtensions: ["augment.vscode-augment"],
    jetbrainsPlugins: ["com.augmentcode.intellij", "intellij-augment"],
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
      {
        channel: CLI,
        npm: ["opencode-ai"],
        homebrew: ["cellar/opencode"],
        scripts: ["opencode"],
        installScripts: ["opencode.ai/install"],
      },
      { channel: CLI, images: ["opencode", "opencode.exe"] },
    ],
    files: [
      { path: "opencode/opencode.json", channel: CLI },
      { path: "opencode/opencode.jsonc", channel: CLI },
    ],
    dataFolders: [{ path: ".local/share/opencode", channel: CLI }],
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
      // The desktop app runs the agent in its goosed server (the CLI runs it in-process).
      { channel: DESKTOP, images: ["goosed", "goosed.exe"], installers: ["goose"] },
      // `goose` alone is also the pressly database migration tool (Go, Homebrew formula "goose").
      {
        channel: CLI,
        images: ["goose", "goose.exe"],
        folders: [".local/bin"],
        homebrew: ["cellar/block-goose-cli"],
        publishers: ["block"],
        installScripts: [
          "github.com/block/goose/releases/download/stable/download_cli.sh",
          "github.com/block/goose/releases/download/stable/download_cli.ps1",
        ],
      },
    ],
    files: [{ path: "goose/config.yaml", channel: CLI }],
    // The app's Electron userData; the CLI keeps config and sessions apart (Block\goose, .config/goose).
    dataFolders: [
      { path: "appdata/roaming/goose", channel: DESKTOP },
      { path: "library/application support/goose", channel: DESKTOP },
      { path: "appdata/roaming/block/goose", channel: CLI },
      { path: "appdata/local/block/goose", channel: CLI },
      { path: ".config/goose", channel: CLI },
      { path: ".local/share/goose", channel: CLI },
    ],
    agentsInfo: [
      { name: "Goose", channel: DESKTOP },
      { name: "Goose Desktop", channel: DESKTOP },
    ],
  },
  {
    key: "warp",
    name: "Warp",
    vendor: "Warp",
    category: "TERMINAL",
    homepage: "https://www.warp.dev",
    defenderDiscovery: true,
    // "warp-terminal" is the Linux package (docs.warp.dev installation).
    software: [{ vendors: ["warp", "denver_technologies"], names: ["warp", "warp-terminal"] }],
    processes: [
      {
        channel: DESKTOP,
        images: ["warp.exe"],
        folders: ["programs/warp", "program files/warp"],
        publishers: ["warp", "denver technologies"],
      },
      { channel: DESKTOP, images: ["warp-terminal"] },
      { channel: DESKTOP, images: ["warp", "stable"], folders: ["warp.app", "opt/warpdotdev"] },
      {
        channel: DESKTOP,
        homebrew: ["caskroom/warp"],
        winget: ["Warp.Warp"],
        installers: ["warp", "warp-terminal"],
      },
    ],
    dataFolders: [
      { path: "library/application support/dev.warp.warp-stable", channel: DESKTOP },
      { path: "appdata/local/warp/warp", channel: DESKTOP },
      { path: ".local/state/warp-terminal", channel: DESKTOP },
    ],
    // Learn lists Warp with the CLI agents, for it runs in a terminal; what is installed, and what
    // discovery finds, is the Warp app (docs.warp.dev installation: .dmg, cask, installer, .deb).
    agentsInfo: [{ name: "Warp", channel: DESKTOP }],
  },
  {
    key: "trae",
    name: "Trae",
    vendor: "ByteDance",
    category: "IDE",
    homepage: "https://www.trae.ai",
    defenderDiscovery: false,
    software: [
      {
        // WinGet ByteDance.Trae: Publisher "SPRING (SG) PTE. LTD"; Trae CN is published by ByteDance's
        // Volcano Engine ("Beijing Volcano Engine Technology Co., Ltd.").
        vendors: ["bytedance", "trae", "spring_(sg)", "beijing_volcano_engine_technology"],
        names: ["trae"],
        namePrefixes: ["trae"],
      },
    ],
    processes: [
      { channel: DESKTOP, images: ["trae.exe", "trae cn.exe"] },
      { channel: DESKTOP, images: ["trae", "trae cn"], folders: ["trae.app", "trae cn.app"] },
      { channel: DESKTOP, installers: ["trae", "traecn", "trae cn"] },
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
      { channel: DESKTOP, installers: ["qoder"] },
      { channel: CLI, npm: ["@qoder-ai/qodercli"], scripts: ["qodercli"] },
      { channel: CLI, images: ["qodercli", "qodercli.exe"] },
    ],
    dataFolders: [{ path: ".qoder", channel: DESKTOP, shared: true }],
  },
  {
    key: "codeium",
    name: "Codeium (Windsurf plugin)",
    vendor: "Cognition",
    category: "IDE_EXTENSION",
    homepage: "https://windsurf.com/plugins",
    defenderDiscovery: false,
    // Plugins for other editors (JetBrains…) run a language server downloaded into ~/.codeium/bin.
    processes: [{ channel: EXT, folders: [".codeium/bin"] }],
    files: [{ path: ".codeium/config.json", channel: EXT }],
    dataFolders: [{ path: ".codeium/manager", channel: EXT }],
    ideExtensions: ["codeium.codeium"],
    jetbrainsPlugins: ["com.codeium.intellij", "codeium"],
  },
  {
    key: "openclaw",
    name: "OpenClaw",
    vendor: "OpenClaw",
    category: "CLI",
    homepage: "https://openclaw.ai",
    defenderDiscovery: true,
    // The macOS companion app (/Applications/OpenClaw.app) beside the npm CLI and gateway.
    software: [{ vendors: ["openclaw"], names: ["openclaw"] }],
    processes: [
      { channel: CLI, npm: ["openclaw"], scripts: ["openclaw"] },
      { channel: DESKTOP, images: ["openclaw"], folders: ["openclaw.app"] },
      { channel: DESKTOP, installers: ["openclaw"] },
      { channel: CLI, images: ["openclaw", "openclaw.exe"] },
    ],
    files: [{ path: ".openclaw/openclaw.json", channel: CLI, shared: true }],
    dataFolders: [{ path: ".openclaw", channel: CLI, shared: true }],
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
    // The app (Windows, macOS) runs `ollama serve` from its own folder; elsewhere the binary is the CLI
    // and server: Linux's install.sh puts it in /usr/local/bin, Homebrew's formula in its Cellar.
    processes: [
      { channel: DESKTOP, images: ["ollama app.exe"] },
      {
        channel: DESKTOP,
        images: ["ollama", "ollama.exe"],
        folders: ["programs/ollama", "ollama.app"],
        homebrew: ["caskroom/ollama-app"],
      },
      { channel: DESKTOP, winget: ["Ollama.Ollama"], installers: ["ollama"] },
      { channel: CLI, homebrew: ["cellar/ollama"], installScripts: ["ollama.com/install.sh"] },
      { channel: CLI, images: ["ollama", "ollama.exe"] },
    ],
    // Models and history; the app's server also logs under %LOCALAPPDATA%\Ollama.
    dataFolders: [
      { path: ".ollama", channel: DESKTOP, shared: true },
      { path: "appdata/local/ollama", channel: DESKTOP },
    ],
    agentsInfo: [
      { name: "Ollama", channel: DESKTOP },
      { name: "Ollama Desktop", channel: DESKTOP },
    ],
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
      { channel: DESKTOP, homebrew: ["caskroom/lm-studio"], installers: ["lm-studio", "lm studio"] },
    ],
    dataFolders: [{ path: ".lmstudio", channel: DESKTOP }],
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
    dataFolders: [
      { path: ".kimi-code", channel: CLI },
      { path: ".kimi", channel: CLI },
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
      {
        channel: CLI,
        images: ["droid", "droid.exe"],
        folders: [".local/bin", ".factory/bin"],
        installScripts: ["app.factory.ai/cli"],
      },
    ],
    files: [
      { path: ".factory/settings.json", channel: CLI },
      { path: ".factory/mcp.json", channel: CLI },
    ],
    dataFolders: [{ path: ".factory", channel: CLI }],
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
      {
        channel: CLI,
        npm: ["@charmland/crush"],
        homebrew: ["cellar/crush"],
        winget: ["charmbracelet.crush"],
        scripts: ["crush"],
      },
      { channel: CLI, images: ["crush", "crush.exe"] },
    ],
    files: [{ path: "crush/crush.json", channel: CLI }],
    dataFolders: [
      { path: ".local/share/crush", channel: CLI },
      { path: "appdata/local/crush", channel: CLI },
    ],
  },
];
