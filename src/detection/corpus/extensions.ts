// Agents that live inside an IDE (VS Code-family extensions, JetBrains plugins) or a browser.
// An extension shows through its folder (written at install, deleted at removal), its
// globalStorage files and the helpers it starts each session; long after its install event has
// aged out of advanced hunting, only the latter two remain.
import { ALL_OS, jetbrainsPlugin, vsExtension, winPath } from "./builders";
import { AGENTS_INFO_SOURCE } from "./clis";
import type { FieldRecord, Os, ProcessSighting } from "./types";

const sepOf = (os: Os) => (os === "windows" ? "\\" : "/");
const exe = (os: Os, name: string) => (os === "windows" ? `${name}.exe` : name);
const q = (os: Os, path: string) => (os === "windows" ? `"${path}"` : path);

/** A native helper shipped inside the extension folder, started by the extension host. */
function bundled(os: Os, relative: string, args: string): ProcessSighting {
  const sep = sepOf(os);
  const rel = os === "windows" ? winPath(relative) : relative;
  return {
    when: "use",
    image: `{ext}${sep}${rel}`,
    commandLine: `${q(os, `{extUri}${sep}${rel}`)} ${args}`,
    parent: "{forkImage}",
  };
}

/** A Node script of the extension run by the host's Electron-as-Node (or the server's node). */
function forked(os: Os, script: string, args: string): ProcessSighting {
  const sep = sepOf(os);
  const rel = os === "windows" ? winPath(script) : script;
  return {
    when: "use",
    image: "{forkImage}",
    commandLine: `${q(os, "{forkImage}")} {forkFlag}{extUri}${sep}${rel} ${args}`,
    parent: "{forkImage}",
  };
}

const CODEX_BIN: Record<Os, string> = {
  windows: "windows-x86_64",
  macos: "macos-aarch64",
  linux: "linux-x86_64",
};
const claudeProject: Record<Os, string> = {
  windows: "{home}\\.claude\\projects\\c--Users-{user}-source-repos-api\\{uuid}.jsonl",
  macos: "{home}/.claude/projects/-Users-{user}-src-api/{uuid}.jsonl",
  linux: "{home}/.claude/projects/-home-{user}-src-api/{uuid}.jsonl",
};

const VS_EXTENSIONS: FieldRecord[] = [
  // GitHub Copilot — https://marketplace.visualstudio.com/items?itemName=GitHub.copilot (with its
  // chat companion GitHub.copilot-chat); not on Open VSX, so hosts are Microsoft's builds and remotes.
  // The language server runs as a Node child (dist/language-server.js, jfcherng/copilot-node-server README).
  ...vsExtension({
    agentKey: "github-copilot",
    id: "github.copilot",
    versions: ["1.372.0", "1.385.0", "1.388.0"],
    hosts: ["vscode", "vscode-insiders", "vscode-server", "code-server"],
    companion: { id: "github.copilot-chat", versions: ["0.31.5", "0.32.4", "0.33.2"] },
    helpers: (os) => [forked(os, "dist/language-server.js", "--stdio")],
    extraFiles: (os) => [
      {
        path: `{userData}${sepOf(os)}globalStorage${sepOf(os)}github.copilot-chat${sepOf(os)}commandEmbeddings.json`,
      },
    ],
    agentsInfo: { name: "GitHub Copilot", vendor: "GitHub" },
    sources: [
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/github_copilot_detection.yml",
      "https://github.com/jfcherng/copilot-node-server/blob/main/README.md",
      AGENTS_INFO_SOURCE,
    ],
    inferred: "the chat extension's embeddings cache file",
  }),
  // Copilot Chat alone: completions moved into the chat extension, so newer installs have only it.
  ...vsExtension({
    agentKey: "github-copilot",
    id: "github.copilot-chat",
    versions: ["0.33.2", "0.35.1", "0.37.0"],
    hosts: ["vscode", "vscode-insiders", "vscode-server"],
    storage: ["commandEmbeddings.json", "copilotCli/session-state/{uuid}.json"],
    agentsInfo: { name: "GitHub Copilot", vendor: "GitHub" },
    sources: [
      "https://marketplace.visualstudio.com/items?itemName=GitHub.copilot-chat",
      "https://github.com/microsoft/vscode-copilot-chat",
      AGENTS_INFO_SOURCE,
    ],
    inferred: "the storage files",
  }),
  // Claude Code — platform-specific builds ship the CLI at resources/native-binary/claude(.exe)
  // (public code globbing ~/.vscode/extensions/anthropic.claude-code-*/resources/native-binary/claude.exe;
  // nixpkgs vscode-extensions.anthropic.claude-code); the CLI writes ~/.claude/projects.
  ...vsExtension({
    agentKey: "claude-code",
    id: "anthropic.claude-code",
    platformSpecific: true,
    versions: ["2.0.76", "2.1.209", "2.1.278"],
    helpers: (os) => [
      bundled(
        os,
        `resources/native-binary/${exe(os, "claude")}`,
        "--output-format stream-json --verbose --input-format stream-json --permission-prompt-tool stdio",
      ),
    ],
    extraFiles: (os) => [
      {
        path: claudeProject[os],
        by: `{ext}${sepOf(os)}${os === "windows" ? "resources\\native-binary\\claude.exe" : "resources/native-binary/claude"}`,
      },
    ],
    agentsInfo: { name: "Claude Code", vendor: "Anthropic" },
    sources: [
      "https://open-vsx.org/extension/Anthropic/claude-code",
      "https://github.com/NixOS/nixpkgs/tree/master/pkgs/applications/editors/vscode/extensions/anthropic.claude-code",
      AGENTS_INFO_SOURCE,
    ],
    inferred: "the flags the extension passes to the CLI",
  }),
  // Codex (OpenAI's extension id is openai.chatgpt) — platform builds ship bin/<platform>/codex, run as `codex app-server`.
  ...vsExtension({
    agentKey: "codex",
    id: "openai.chatgpt",
    platformSpecific: true,
    versions: ["0.4.34", "0.5.2", "26.311.21342"],
    helpers: (os) => [bundled(os, `bin/${CODEX_BIN[os]}/${exe(os, "codex")}`, "app-server")],
    extraFiles: (os) => [
      {
        path:
          os === "windows"
            ? "{home}\\.codex\\sessions\\2026\\11\\rollout-{uuid}.jsonl"
            : "{home}/.codex/sessions/2026/11/rollout-{uuid}.jsonl",
        by: `{ext}${sepOf(os)}${os === "windows" ? `bin\\${CODEX_BIN[os]}\\codex.exe` : `bin/${CODEX_BIN[os]}/codex`}`,
      },
    ],
    agentsInfo: { name: "Codex", vendor: "OpenAI" },
    sources: [
      "https://developers.openai.com/codex/ide",
      "https://open-vsx.org/extension/openai/chatgpt",
      AGENTS_INFO_SOURCE,
    ],
  }),
  // Cline (id kept from its "Claude Dev" days) — task history and MCP settings under globalStorage
  // (cline/cline src/core/storage/disk.ts GlobalFileNames; okta cline_roo_ai_agent_detection.yml).
  ...vsExtension({
    agentKey: "cline",
    id: "saoudrizwan.claude-dev",
    versions: ["3.35.0", "3.38.2", "3.41.0"],
    storage: [
      "tasks/{ts}/api_conversation_history.json",
      "tasks/{ts}/ui_messages.json",
      "tasks/{ts}/task_metadata.json",
      "state/taskHistory.json",
      "settings/cline_mcp_settings.json",
    ],
    agentsInfo: { name: "Cline", vendor: "Cline" },
    sources: [
      "https://github.com/cline/cline/blob/main/src/core/storage/disk.ts",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/cline_roo_ai_agent_detection.yml",
      AGENTS_INFO_SOURCE,
    ],
  }),
  // Roo Code — fork of Cline with UUID task folders (RooCodeInc/Roo-Code src/core/task-persistence).
  ...vsExtension({
    agentKey: "roo-code",
    id: "rooveterinaryinc.roo-cline",
    versions: ["3.30.3", "3.33.1", "3.36.6"],
    storage: [
      "tasks/{uuid}/api_conversation_history.json",
      "tasks/{uuid}/ui_messages.json",
      "settings/mcp_settings.json",
    ],
    agentsInfo: { name: "Roo Code", vendor: "Roo Code" },
    sources: [
      "https://github.com/RooCodeInc/Roo-Code/tree/main/src/core/task-persistence",
      "https://marketplace.visualstudio.com/items?itemName=RooVeterinaryInc.roo-cline",
      AGENTS_INFO_SOURCE,
    ],
  }),
  // Kilo Code — fork of Roo Code (Kilo-Org/kilocode), same storage layout.
  ...vsExtension({
    agentKey: "kilo-code",
    id: "kilocode.kilo-code",
    versions: ["4.116.1", "4.125.0", "4.140.2"],
    storage: [
      "tasks/{uuid}/api_conversation_history.json",
      "tasks/{uuid}/ui_messages.json",
      "settings/mcp_settings.json",
    ],
    sources: [
      "https://github.com/Kilo-Org/kilocode",
      "https://marketplace.visualstudio.com/items?itemName=kilocode.Kilo-Code",
    ],
  }),
  // Continue — platform builds; state in ~/.continue; okta matches a command line under
  // continue.continue-*/out/extension (continue_dev_ai_coding_assistant_detection.yml).
  ...vsExtension({
    agentKey: "continue",
    id: "continue.continue",
    platformSpecific: true,
    versions: ["1.2.10", "1.3.4", "1.3.22"],
    helpers: (os) => [forked(os, "out/extension.js", "--stdio")],
    extraFiles: (os) => [
      {
        path:
          os === "windows"
            ? "{home}\\.continue\\sessions\\{uuid}.json"
            : "{home}/.continue/sessions/{uuid}.json",
      },
    ],
    sources: [
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/continue_dev_ai_coding_assistant_detection.yml",
      "https://docs.continue.dev/reference",
    ],
    inferred: "which script the forked process runs",
  }),
  // Gemini Code Assist — its language server is Cloud Code's cloudcode_cli, downloaded into the user cache.
  ...vsExtension({
    agentKey: "gemini-code-assist",
    id: "google.geminicodeassist",
    versions: ["2.56.0", "2.60.1", "2.66.0"],
    helpers: (os) => [
      {
        when: "use",
        image:
          os === "windows"
            ? "{home}\\AppData\\Local\\cloud-code\\cloudcode_cli\\cloudcode_cli\\8c3b4a1e\\cloudcode_cli.exe"
            : os === "macos"
              ? "{home}/Library/Application Support/cloud-code/cloudcode_cli/cloudcode_cli/8c3b4a1e/cloudcode_cli"
              : "{home}/.cache/cloud-code/cloudcode_cli/cloudcode_cli/8c3b4a1e/cloudcode_cli",
        commandLine: "cloudcode_cli duet -trace -logtostderr",
        parent: "{forkImage}",
      },
    ],
    storage: ["chat_history/{uuid}.json"],
    agentsInfo: { name: "Gemini Code Assist", vendor: "Google" },
    sources: [
      "https://marketplace.visualstudio.com/items?itemName=Google.geminicodeassist",
      "https://developers.google.com/gemini-code-assist/docs/set-up-gemini",
      AGENTS_INFO_SOURCE,
    ],
    inferred: "the language server's cache folder and arguments",
  }),
  // Amazon Q — the extension downloads AWS's Q language server with its own Node runtime into the
  // toolkit cache; the server's version is not the extension's.
  ...vsExtension({
    agentKey: "amazon-q",
    id: "amazonwebservices.amazon-q-vscode",
    versions: ["1.95.0", "1.100.0", "1.104.0"],
    helpers: (os) => {
      const lsp =
        os === "windows"
          ? "{home}\\AppData\\Local\\aws\\toolkits\\language-servers\\AmazonQ\\1.40.0\\servers"
          : os === "macos"
            ? "{home}/Library/Caches/aws/toolkits/language-servers/AmazonQ/1.40.0/servers"
            : "{home}/.cache/aws/toolkits/language-servers/AmazonQ/1.40.0/servers";
      const sep = sepOf(os);
      return [
        {
          when: "use",
          image: `${lsp}${sep}${exe(os, "node")}`,
          commandLine: `${q(os, `${lsp}${sep}${exe(os, "node")}`)} ${q(os, `${lsp}${sep}aws-lsp-codewhisperer.js`)} --stdio --set-credentials-encryption-key`,
          parent: "{forkImage}",
        },
      ];
    },
    storage: ["chat-history/{uuid}.json"],
    sources: [
      "https://marketplace.visualstudio.com/items?itemName=AmazonWebServices.amazon-q-vscode",
      "https://github.com/aws/aws-toolkit-vscode/tree/master/packages/amazonq",
    ],
    inferred: "the language-server cache folder and version",
  }),
  // Tabnine — the extension runs its TabNine engine binaries kept per engine version under binaries/.
  ...vsExtension({
    agentKey: "tabnine",
    id: "tabnine.tabnine-vscode",
    versions: ["3.310.2", "3.318.0", "3.330.1"],
    helpers: (os) => {
      const triple =
        os === "windows"
          ? "x86_64-pc-windows-gnu"
          : os === "macos"
            ? "aarch64-apple-darwin"
            : "x86_64-unknown-linux-musl";
      return [
        bundled(os, `binaries/4.301.0/${triple}/${exe(os, "TabNine")}`, "--client=vscode --no-lsp=true"),
        bundled(os, `binaries/4.301.0/${triple}/${exe(os, "WD-TabNine")}`, "--client=vscode"),
      ];
    },
    extraFiles: (os) => [
      {
        path:
          os === "windows"
            ? "{home}\\AppData\\Roaming\\TabNine\\tabnine_config.json"
            : "{home}/.config/TabNine/tabnine_config.json",
      },
    ],
    sources: [
      "https://marketplace.visualstudio.com/items?itemName=TabNine.tabnine-vscode",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/tabnine_ai_coding_assistant_detection.yml",
    ],
    inferred: "the engine version folder and flags",
  }),
  // Sourcegraph Cody — globalStorage folder named in okta sourcegraph_cody_detection.yml.
  ...vsExtension({
    agentKey: "cody",
    id: "sourcegraph.cody-ai",
    versions: ["1.106.2", "1.110.0", "1.118.1"],
    storage: ["cody-history/{uuid}.json"],
    sources: [
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/sourcegraph_cody_detection.yml",
      "https://marketplace.visualstudio.com/items?itemName=sourcegraph.cody-ai",
    ],
    inferred: "the storage file name",
  }),
  // Supermaven — runs its sm-agent binary from ~/.supermaven (okta supermaven_ai_completion_detection.yml lists the folders).
  ...vsExtension({
    agentKey: "supermaven",
    id: "supermaven.supermaven",
    versions: ["1.1.3", "1.1.5", "1.1.7"],
    helpers: (os) => [
      {
        when: "use",
        image:
          os === "windows"
            ? "{home}\\.supermaven\\binary\\v2007\\windows-x86_64\\sm-agent.exe"
            : `{home}/.supermaven/binary/v2007/${os === "macos" ? "macosx-aarch64" : "linux-x86_64"}/sm-agent`,
        commandLine: "sm-agent stdio",
        parent: "{forkImage}",
      },
    ],
    storage: ["state.json"],
    sources: [
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/supermaven_ai_completion_detection.yml",
      "https://marketplace.visualstudio.com/items?itemName=Supermaven.supermaven",
    ],
    inferred: "the binary folder names",
  }),
  // Augment Code.
  ...vsExtension({
    agentKey: "augment",
    id: "augment.vscode-augment",
    versions: ["0.640.1", "0.660.0", "0.688.2"],
    storage: [
      "augment-global-state/agentEditsHistory.json",
      "augment-user-assets/checkpoint-documents/{uuid}.json",
    ],
    sources: [
      "https://marketplace.visualstudio.com/items?itemName=augment.vscode-augment",
      "https://docs.augmentcode.com/setup-augment/install-visual-studio-code",
    ],
    inferred: "the storage files",
  }),
  // Codeium / Windsurf plugin — language server binary in the extension's dist/<sha>/ folder.
  ...vsExtension({
    agentKey: "codeium",
    id: "codeium.codeium",
    versions: ["1.48.2", "1.50.0", "1.52.1"],
    helpers: (os) => [
      bundled(
        os,
        `dist/2a6b2a8a1f1c4d0e9b7c3f5e8d1a0b2c4e6f8a1b/${os === "windows" ? "language_server_windows_x64.exe" : os === "macos" ? "language_server_macos_arm" : "language_server_linux_x64"}`,
        "--api_server_url https://server.codeium.com --manager_dir {homeUri}/.codeium/manager --enable_lsp",
      ),
    ],
    extraFiles: (os) => [
      { path: os === "windows" ? "{home}\\.codeium\\config.json" : "{home}/.codeium/config.json" },
    ],
    sources: [
      "https://marketplace.visualstudio.com/items?itemName=Codeium.codeium",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/windsurf_codeium_detection.yml",
    ],
    inferred: "the dist hash folder and flags",
  }),
  // Amp's editor extension.
  ...vsExtension({
    agentKey: "amp",
    id: "sourcegraph.amp",
    versions: ["0.0.1760112345", "0.0.1765432100", "0.0.1770012345"],
    storage: ["threads/T-{uuid}.json"],
    sources: [
      "https://marketplace.visualstudio.com/items?itemName=sourcegraph.amp",
      "https://ampcode.com/manual",
    ],
    inferred: "the storage files",
  }),
];

// JetBrains Marketplace plugins. Copilot's language server ships inside the plugin at
// copilot-agent/native/<platform>/copilot-language-server (public code and nix configurations
// symlinking github-copilot-intellij/copilot-agent). Other folder and jar names are inferred from
// the plugins' artifact names.
const JETBRAINS: FieldRecord[] = [
  ...jetbrainsPlugin({
    agentKey: "github-copilot",
    pluginId: "com.github.copilot",
    folder: "github-copilot-intellij",
    jar: "github-copilot-intellij-{version}.jar",
    versions: ["1.5.57", "1.5.59", "1.5.61"],
    helpers: (os) => [
      {
        when: "use",
        image: `{plugin}${sepOf(os)}copilot-agent${sepOf(os)}native${sepOf(os)}{jbArch}${sepOf(os)}${exe(os, "copilot-language-server")}`,
        commandLine: `${q(os, `{plugin}${sepOf(os)}copilot-agent${sepOf(os)}native${sepOf(os)}{jbArch}${sepOf(os)}${exe(os, "copilot-language-server")}`)} --stdio`,
        parent: "{hostImage}",
      },
    ],
    sources: ["https://plugins.jetbrains.com/plugin/17718-github-copilot"],
    inferred: "the jar's name",
  }),
  ...jetbrainsPlugin({
    agentKey: "jetbrains-ai",
    pluginId: "com.intellij.ml.llm",
    folder: "ml-llm",
    jar: "ml-llm.jar",
    versions: ["252.26830.84", "252.27397.103", "253.28294.51"],
    sources: ["https://plugins.jetbrains.com/plugin/22282-jetbrains-ai-assistant"],
    inferred: "the folder and jar names; the version lives only in the plugin descriptor",
  }),
  ...jetbrainsPlugin({
    agentKey: "junie",
    pluginId: "org.jetbrains.junie",
    folder: "junie",
    jar: "junie-{version}.jar",
    versions: ["252.347.120", "252.405.88", "253.111.12"],
    sources: ["https://plugins.jetbrains.com/plugin/26104-junie-the-ai-coding-agent-by-jetbrains"],
    inferred: "the folder and jar names",
  }),
  ...jetbrainsPlugin({
    agentKey: "claude-code",
    pluginId: "com.anthropic.code.plugin",
    folder: "claude-code-jetbrains-plugin",
    jar: "claude-code-jetbrains-plugin-{version}.jar",
    versions: ["0.1.12", "0.1.14", "0.1.17"],
    sources: [
      "https://plugins.jetbrains.com/plugin/27310-claude-code-beta-",
      "https://code.claude.com/docs/en/jetbrains",
    ],
    inferred: "the folder and jar names",
  }),
  ...jetbrainsPlugin({
    agentKey: "continue",
    pluginId: "com.github.continuedev.continueintellijextension",
    folder: "continue-intellij-extension",
    jar: "continue-intellij-extension-{version}.jar",
    versions: ["1.0.50", "1.0.55", "1.0.61"],
    helpers: (os) => [
      {
        when: "use",
        image: `{plugin}${sepOf(os)}core${sepOf(os)}{jbArch}${sepOf(os)}${exe(os, "continue-binary")}`,
        commandLine: q(
          os,
          `{plugin}${sepOf(os)}core${sepOf(os)}{jbArch}${sepOf(os)}${exe(os, "continue-binary")}`,
        ),
        parent: "{hostImage}",
      },
    ],
    sources: [
      "https://plugins.jetbrains.com/plugin/22707-continue",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/continue_dev_ai_coding_assistant_detection.yml",
    ],
    inferred: "the folder, jar and core/<platform> names",
  }),
  ...jetbrainsPlugin({
    agentKey: "tabnine",
    pluginId: "com.tabnine.TabNine",
    folder: "tabnine-jetbrains",
    jar: "tabnine-jetbrains-{version}.jar",
    versions: ["1.180.0", "1.200.0", "1.215.0"],
    sources: [
      "https://plugins.jetbrains.com/plugin/12798-tabnine-ai-code-assistant",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/tabnine_ai_coding_assistant_detection.yml",
    ],
    inferred: "the jar name",
  }),
  ...jetbrainsPlugin({
    agentKey: "cody",
    pluginId: "com.sourcegraph.jetbrains",
    folder: "Sourcegraph",
    jar: "Sourcegraph-{version}.jar",
    versions: ["7.90.0", "7.96.1", "7.100.2"],
    sources: ["https://plugins.jetbrains.com/plugin/9682-sourcegraph-cody--code-search"],
    inferred: "the folder and jar names",
  }),
  ...jetbrainsPlugin({
    agentKey: "amazon-q",
    pluginId: "amazon.q",
    folder: "amazon-q",
    jar: "plugin-amazonq-{version}.jar",
    versions: ["3.92", "3.97", "3.101"],
    sources: ["https://plugins.jetbrains.com/plugin/24267-amazon-q"],
    inferred: "the folder and jar names",
  }),
  ...jetbrainsPlugin({
    agentKey: "gemini-code-assist",
    pluginId: "com.google.tools.ij.aiplugin",
    folder: "gemini-code-assist",
    jar: "gemini-code-assist-{version}.jar",
    versions: ["1.28.0", "1.33.1", "1.40.0"],
    sources: ["https://plugins.jetbrains.com/plugin/24198-gemini-code-assist"],
    inferred: "the folder and jar names",
  }),
  ...jetbrainsPlugin({
    agentKey: "codeium",
    pluginId: "com.codeium.intellij",
    folder: "codeium",
    jar: "codeium-{version}.jar",
    versions: ["1.48.2", "1.50.0", "1.52.1"],
    helpers: (os) => [
      {
        when: "use",
        image: `{home}${sepOf(os)}.codeium${sepOf(os)}bin${sepOf(os)}2a6b2a8a1f1c4d0e9b7c3f5e8d1a0b2c4e6f8a1b${sepOf(os)}${os === "windows" ? "language_server_windows_x64.exe" : os === "macos" ? "language_server_macos_arm" : "language_server_linux_x64"}`,
        commandLine:
          "language_server --api_server_url https://server.codeium.com --enable_lsp --ide_name jetbrains",
        parent: "{hostImage}",
      },
    ],
    sources: ["https://plugins.jetbrains.com/plugin/20540-windsurf-plugin-for-python-js-java-go--"],
    inferred: "the folder, jar and language-server cache names",
  }),
  ...jetbrainsPlugin({
    agentKey: "augment",
    pluginId: "com.augmentcode.intellij",
    folder: "intellij-augment",
    jar: "intellij-augment-{version}.jar",
    versions: ["0.250.0", "0.270.1", "0.290.0"],
    sources: ["https://plugins.jetbrains.com/plugin/24072-augment-ai-coding-assistant-for-professionals"],
    inferred: "the folder and jar names",
  }),
];

/**
 * Chrome Web Store extensions, reported per device by Defender's browser extension inventory:
 * Claude (https://chromewebstore.google.com/detail/claude/fcoeoabgfenejglbffodgkkbkcdhcgfn) and
 * ChatGPT search (https://chromewebstore.google.com/detail/chatgpt-search/ejcfepkfckglbgocfkanmcdngdijcgld);
 * ids also in MahdiHedhli/shadow-ai-detection-framework catalog/browser_extensions.csv.
 */
const BROWSER: FieldRecord[] = ALL_OS.flatMap((os): FieldRecord[] => [
  {
    id: `claude-desktop:chrome-web-store:claude:${os}`,
    agentKey: "claude-desktop",
    channel: "BROWSER_EXTENSION",
    method: "chrome-web-store",
    os,
    versions: ["1.0.22", "1.0.31", "1.0.40"],
    browserExtension: {
      extensionId: "fcoeoabgfenejglbffodgkkbkcdhcgfn",
      name: "Claude",
      description: "Claude in Chrome",
      vendor: "Anthropic",
      risk: "High",
    },
    sources: [
      "https://chromewebstore.google.com/detail/claude/fcoeoabgfenejglbffodgkkbkcdhcgfn",
      "https://github.com/MahdiHedhli/shadow-ai-detection-framework/blob/main/catalog/browser_extensions.csv",
    ],
  },
  {
    id: `chatgpt-desktop:chrome-web-store:chatgpt-search:${os}`,
    agentKey: "chatgpt-desktop",
    channel: "BROWSER_EXTENSION",
    method: "chrome-web-store",
    os,
    versions: ["1.0.3", "1.0.5", "1.1.0"],
    browserExtension: {
      extensionId: "ejcfepkfckglbgocfkanmcdngdijcgld",
      name: "ChatGPT search",
      description: "Change default search engine to ChatGPT search.",
      vendor: "OpenAI",
      risk: "Medium",
    },
    sources: [
      "https://chromewebstore.google.com/detail/chatgpt-search/ejcfepkfckglbgocfkanmcdngdijcgld",
      "https://github.com/MahdiHedhli/shadow-ai-detection-framework/blob/main/catalog/browser_extensions.csv",
    ],
  },
]);

export const EXTENSION_RECORDS: readonly FieldRecord[] = [...VS_EXTENSIONS, ...JETBRAINS, ...BROWSER];
