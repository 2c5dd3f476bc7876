// Command-line agents: every documented way each one is installed and what a use of it looks like.
// npm and Python layouts come from builders.ts; native installers are written out here.
import {
  ALL_OS,
  brewNpmFormula,
  inHome,
  npmGlobal,
  oneShot,
  pythonTool,
  type NpmPackage,
  type UseFiles,
} from "./builders";
import { BREW, SHELLS, UNINSTALL_HKCU, WINGET_CLIENT, wingetPackageDir } from "./layouts";
import type { FieldRecord, Os } from "./types";

/**
 * AgentsInfo names. Learn lists the agents local AI agent discovery reports (Claude Code, Codex CLI,
 * Gemini CLI, GitHub Copilot CLI, Junie CLI, Kiro CLI, OpenCode, Warp, Goose, OpenClaw…) in
 * https://learn.microsoft.com/defender-endpoint/protect-ai-agents-overview; the exact `Name` strings
 * are inferred from those product names.
 */
export const AGENTS_INFO_SOURCE = "https://learn.microsoft.com/defender-endpoint/protect-ai-agents-overview";

/** `<project>` folder names Claude Code derives from the working directory ("/" and "\" become "-"). */
function claudeProject(os: Os): string {
  return os === "windows"
    ? "C--Users-{user}-source-repos-api"
    : os === "macos"
      ? "-Users-{user}-src-api"
      : "-home-{user}-src-api";
}

// ---------------------------------------------------------------------------------------------
// Claude Code — https://code.claude.com/docs/en/setup ; anthropics/claude-code README.md

const CLAUDE_VERSIONS = ["2.0.76", "2.1.109", "2.1.240"];
const CLAUDE_SOURCES = [
  "https://code.claude.com/docs/en/setup",
  "https://github.com/anthropics/claude-code/blob/main/README.md",
];
const claudeFiles: UseFiles = (os) => [
  ".claude.json",
  `.claude/projects/${claudeProject(os)}/{uuid}.jsonl`,
  ".claude/history.jsonl",
];

const CLAUDE_NPM: NpmPackage = {
  agentKey: "claude-code",
  pkg: "@anthropic-ai/claude-code",
  bin: "claude",
  entry: "cli.js",
  versions: CLAUDE_VERSIONS,
  files: claudeFiles,
  agentsInfo: { name: "Claude Code", vendor: "Anthropic" },
  // okta/customer-detections sample_osquery_checks/{Windows,macOS}/claude_ai_assistant_detection.yml
  sources: [
    "https://www.npmjs.com/package/@anthropic-ai/claude-code",
    "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/claude_ai_assistant_detection.yml",
  ],
};

function claudeNative(): FieldRecord[] {
  return ALL_OS.map((os) => {
    const windows = os === "windows";
    // install.sh downloads the build to ~/.claude/downloads and runs its `install`, which keeps each
    // version in ~/.local/share/claude/versions/<version> and links ~/.local/bin/claude to it; the
    // version file is the process image. Windows (install.ps1) installs %USERPROFILE%\.local\bin\claude.exe.
    const image = windows
      ? "{home}\\.local\\bin\\claude.exe"
      : "{home}/.local/share/claude/versions/{version}";
    return {
      id: `claude-code:install-script:${os}`,
      agentKey: "claude-code",
      channel: "CLI",
      method: "install-script",
      os,
      versions: CLAUDE_VERSIONS,
      processes: [
        windows
          ? {
              when: "install",
              image: SHELLS.windows,
              commandLine: `"${SHELLS.windows}" -NoProfile -Command "irm https://claude.ai/install.ps1 | iex"`,
              parent: SHELLS.windows,
            }
          : {
              when: "install",
              image:
                "{home}/.claude/downloads/claude-{version}-" +
                (os === "macos" ? "darwin-arm64" : "linux-x64"),
              commandLine: `{home}/.claude/downloads/claude-{version}-${os === "macos" ? "darwin-arm64" : "linux-x64"} install`,
              parent: "/bin/bash",
            },
        {
          when: "use",
          image,
          commandLine: windows ? '"{home}\\.local\\bin\\claude.exe"' : "claude",
          company: os === "macos" ? "Anthropic PBC" : undefined,
          parent: SHELLS[os],
        },
      ],
      files: [
        { when: "install", path: image },
        ...claudeFiles(os).map((f) => ({ when: "use" as const, path: inHome(os, f), by: image })),
        { when: "remove", path: image },
      ],
      agentsInfo: {
        name: "Claude Code",
        vendor: "Anthropic",
        relatedProcess: windows ? "claude.exe" : "{version}",
      },
      sources: [
        ...CLAUDE_SOURCES,
        "https://github.com/anthropics/claude-code/blob/main/CHANGELOG.md",
        "https://juejin.cn/post/7690784318688804914",
      ],
      inferred: "the macOS code-signing company and the downloads file name; Windows keeps no versioned copy",
    };
  });
}

/**
 * A native binary from a Homebrew formula (<prefix>/Cellar/<formula>/<version>/…) or cask
 * (<prefix>/Caskroom/<cask>/<version>/…), linked into <prefix>/bin (https://docs.brew.sh/Installation):
 * the process image keeps the versioned folder.
 */
function brewBinary(b: {
  agentKey: string;
  kind: "formula" | "cask";
  name: string;
  /** What `brew install` is given (a tap-qualified name); `name` by default. */
  install?: string;
  /** The binary's path inside the versioned folder. */
  file: string;
  command: string;
  versions: readonly string[];
  oses?: readonly ("macos" | "linux")[];
  files?: UseFiles;
  sources: string[];
}): FieldRecord[] {
  return (b.oses ?? (["macos", "linux"] as const)).map((os) => {
    const image = `${BREW[os]}/${b.kind === "formula" ? "Cellar" : "Caskroom"}/${b.name}/{version}/${b.file}`;
    return {
      id: `${b.agentKey}:homebrew-${b.kind}:${b.name}:${os}`,
      agentKey: b.agentKey,
      channel: "CLI",
      method: b.kind === "formula" ? "homebrew-formula" : "homebrew-cask",
      os,
      versions: b.versions,
      processes: [
        {
          when: "install",
          image: `${BREW[os]}/bin/brew`,
          commandLine: `brew install ${b.kind === "cask" ? "--cask " : ""}${b.install ?? b.name}`,
          parent: SHELLS[os],
        },
        { when: "use", image, commandLine: b.command, parent: SHELLS[os] },
      ],
      files: [
        { when: "install", path: image },
        ...(b.files?.(os) ?? []).map((f) => ({ when: "use" as const, path: inHome(os, f), by: image })),
        { when: "remove", path: image },
      ],
      sources: [...b.sources, `https://formulae.brew.sh/${b.kind}/${b.name}`],
    };
  });
}

/**
 * A WinGet portable package: the executable in the package folder, an ARP entry named after the
 * package (layouts.ts wingetPackageDir). The manifest gives the file and `Commands`.
 */
function wingetPortable(args: {
  agentKey: string;
  id: string;
  exe: string;
  command: string;
  publisher: string;
  packageName: string;
  versions: readonly string[];
  files?: UseFiles;
  /** Other executables of the package the CLI starts. */
  helpers?: { exe: string; args: string }[];
  agentsInfo?: { name: string; vendor: string };
  sources: string[];
  inferred?: string;
}): FieldRecord {
  const dir = wingetPackageDir(args.id);
  const image = `${dir}\\${args.exe}`;
  return {
    id: `${args.agentKey}:winget:${args.id}:windows`,
    agentKey: args.agentKey,
    channel: "CLI",
    method: "winget",
    os: "windows",
    versions: args.versions,
    inventory: [
      {
        publisher: args.publisher,
        displayName: args.packageName,
        diskPaths: [image],
        registryPaths: [`${UNINSTALL_HKCU}\\${args.id}_Microsoft.Winget.Source_8wekyb3d8bbwe`],
      },
    ],
    processes: [
      {
        when: "install",
        image: WINGET_CLIENT,
        commandLine: `winget install ${args.id}`,
        parent: SHELLS.windows,
      },
      { when: "use", image, commandLine: args.command, parent: SHELLS.windows },
      ...(args.helpers ?? []).map((h) => ({
        when: "use" as const,
        image: `${dir}\\${h.exe}`,
        commandLine: `"${dir}\\${h.exe}" ${h.args}`.trim(),
        parent: image,
      })),
    ],
    files: [
      { when: "install", path: image },
      { when: "install", path: `{home}\\AppData\\Local\\Microsoft\\WinGet\\Links\\${args.command}.exe` },
      ...(args.files?.("windows") ?? []).map((f) => ({
        when: "use" as const,
        path: inHome("windows", f),
        by: image,
      })),
      { when: "remove", path: image },
    ],
    agentsInfo: args.agentsInfo && { ...args.agentsInfo, relatedProcess: args.exe },
    sources: [
      ...args.sources,
      "https://github.com/microsoft/winget-cli/blob/master/doc/specs/%23182%20-%20Support%20for%20installation%20of%20portable%20standalone%20apps.md",
    ],
    inferred: [args.inferred, "the ARP publisher and name are the manifest's Publisher and PackageName"]
      .filter(Boolean)
      .join("; "),
  };
}

const CLAUDE: FieldRecord[] = [
  ...npmGlobal(CLAUDE_NPM),
  ...oneShot(CLAUDE_NPM, "npx"),
  ...oneShot(CLAUDE_NPM, "bunx"),
  ...claudeNative(),
  ...brewBinary({
    agentKey: "claude-code",
    kind: "cask",
    name: "claude-code",
    file: "claude",
    command: "claude",
    versions: CLAUDE_VERSIONS,
    files: claudeFiles,
    sources: CLAUDE_SOURCES,
  }),
  wingetPortable({
    agentKey: "claude-code",
    id: "Anthropic.ClaudeCode",
    exe: "claude.exe",
    command: "claude",
    publisher: "Anthropic",
    packageName: "Claude Code",
    versions: CLAUDE_VERSIONS,
    files: claudeFiles,
    agentsInfo: { name: "Claude Code", vendor: "Anthropic" },
    // InstallerType portable, Commands [claude]: manifests/a/Anthropic/ClaudeCode/2.1.109/Anthropic.ClaudeCode.installer.yaml
    sources: [
      ...CLAUDE_SOURCES,
      "https://github.com/microsoft/winget-pkgs/blob/master/manifests/a/Anthropic/ClaudeCode/2.1.109/Anthropic.ClaudeCode.installer.yaml",
    ],
  }),
];

// ---------------------------------------------------------------------------------------------
// OpenAI Codex CLI — https://github.com/openai/codex (codex-cli/bin/codex.js starts the native
// binary shipped in the package's vendor/<target triple>/codex folder)

const CODEX_VERSIONS = ["0.77.0", "0.128.0", "0.157.1"];
const codexFiles: UseFiles = () => [
  ".codex/config.toml",
  ".codex/sessions/2026/11/{uuid}.jsonl",
  ".codex/history.jsonl",
];
const CODEX_TRIPLE: Record<Os, string> = {
  windows: "x86_64-pc-windows-msvc",
  macos: "aarch64-apple-darwin",
  linux: "x86_64-unknown-linux-musl",
};

const CODEX_NPM: NpmPackage = {
  agentKey: "codex",
  pkg: "@openai/codex",
  bin: "codex",
  entry: "bin/codex.js",
  versions: CODEX_VERSIONS,
  files: codexFiles,
  child: (os) => ({
    path: `@openai/codex/vendor/${CODEX_TRIPLE[os]}/codex/codex${os === "windows" ? ".exe" : ""}`,
  }),
  agentsInfo: { name: "Codex CLI", vendor: "OpenAI" },
  sources: [
    "https://www.npmjs.com/package/@openai/codex",
    "https://github.com/openai/codex/blob/main/codex-cli/bin/codex.js",
    "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/openai_codex_cli_detection.yml",
  ],
  inferred: "the vendor folder layout of recent releases",
};

const CODEX: FieldRecord[] = [
  ...npmGlobal(CODEX_NPM),
  ...oneShot(CODEX_NPM, "npx"),
  // The cask installs the release binary under its target-triple name and links it as `codex`.
  ...(["macos", "linux"] as const).flatMap((os) =>
    brewBinary({
      agentKey: "codex",
      kind: "cask",
      name: "codex",
      file: `codex-${CODEX_TRIPLE[os]}`,
      command: "codex",
      versions: CODEX_VERSIONS,
      oses: [os],
      files: codexFiles,
      sources: ["https://github.com/openai/codex#installing-and-running-codex-cli"],
    }),
  ),
  // WinGet OpenAI.Codex: a zip of portable executables (the CLI under its target-triple name with the
  // alias `codex`, and its sandbox helpers), Publisher "OpenAI, Inc.", PackageName "Codex CLI".
  wingetPortable({
    agentKey: "codex",
    id: "OpenAI.Codex",
    exe: "codex-x86_64-pc-windows-msvc.exe",
    command: "codex",
    publisher: "OpenAI, Inc.",
    packageName: "Codex CLI",
    versions: CODEX_VERSIONS,
    files: codexFiles,
    helpers: [{ exe: "codex-command-runner.exe", args: "" }],
    agentsInfo: { name: "Codex CLI", vendor: "OpenAI" },
    sources: [
      "https://github.com/microsoft/winget-pkgs/blob/master/manifests/o/OpenAI/Codex/0.157.1/OpenAI.Codex.installer.yaml",
      "https://github.com/microsoft/winget-pkgs/blob/master/manifests/o/OpenAI/Codex/0.157.1/OpenAI.Codex.locale.en-US.yaml",
    ],
  }),
];

// ---------------------------------------------------------------------------------------------
// Gemini CLI — google-gemini/gemini-cli package.json (bin gemini → bundle/gemini.js);
// packages/cli/src/utils/relaunch.ts restarts Node with --max-old-space-size on the same script.

const GEMINI_VERSIONS = ["0.45.1", "0.53.1", "0.56.0"];
const GEMINI_NPM: NpmPackage = {
  agentKey: "gemini-cli",
  pkg: "@google/gemini-cli",
  bin: "gemini",
  entry: "bundle/gemini.js",
  versions: GEMINI_VERSIONS,
  files: () => [".gemini/settings.json", ".gemini/tmp/{uuid}/chats/session-{ts}.json"],
  agentsInfo: { name: "Gemini CLI", vendor: "Google" },
  sources: [
    "https://github.com/google-gemini/gemini-cli/blob/main/package.json",
    "https://github.com/google-gemini/gemini-cli/blob/main/packages/cli/src/utils/relaunch.ts",
    "https://www.npmjs.com/package/@google/gemini-cli",
  ],
};

function withRelaunch(records: FieldRecord[]): FieldRecord[] {
  return records.map((r) => ({
    ...r,
    processes: [
      ...(r.processes ?? []),
      {
        when: "use" as const,
        image:
          r.method === "homebrew-formula"
            ? `${BREW[r.os as "macos" | "linux"]}/Cellar/node/25.2.1/bin/node`
            : "{node}",
        commandLine:
          r.method === "homebrew-formula"
            ? `${BREW[r.os as "macos" | "linux"]}/Cellar/node/25.2.1/bin/node --max-old-space-size=8192 ${BREW[r.os as "macos" | "linux"]}/bin/gemini`
            : r.os === "windows"
              ? '"{node}" --max-old-space-size=8192 {npmRoot}\\{entry}'
              : "{node} --max-old-space-size=8192 {npmBin}/gemini",
        parent:
          r.method === "homebrew-formula"
            ? `${BREW[r.os as "macos" | "linux"]}/Cellar/node/25.2.1/bin/node`
            : "{node}",
      },
    ],
  }));
}

const GEMINI: FieldRecord[] = [
  ...withRelaunch(npmGlobal(GEMINI_NPM)),
  ...withRelaunch(brewNpmFormula(GEMINI_NPM, "gemini-cli")),
  ...oneShot(GEMINI_NPM, "npx"),
  ...oneShot(GEMINI_NPM, "pnpm-dlx"),
];

// ---------------------------------------------------------------------------------------------
// GitHub Copilot CLI — https://github.com/github/copilot-cli#installation (npm, WinGet GitHub.Copilot,
// Homebrew cask copilot-cli, install script). The npm bin is npm-loader.js, which starts the
// platform package's native `copilot` (public code: "exe path under @github/copilot*/copilot").

const COPILOT_CLI_VERSIONS = ["0.0.365", "0.0.398", "1.0.12"];
const copilotFiles: UseFiles = () => [".copilot/config.json", ".copilot/session-state/{uuid}.jsonl"];
const COPILOT_PLATFORM: Record<Os, string> = {
  windows: "win32-x64",
  macos: "darwin-arm64",
  linux: "linux-x64",
};
const COPILOT_NPM: NpmPackage = {
  agentKey: "github-copilot",
  pkg: "@github/copilot",
  bin: "copilot",
  entry: "npm-loader.js",
  versions: COPILOT_CLI_VERSIONS,
  files: copilotFiles,
  child: (os) => ({
    path: `@github/copilot-${COPILOT_PLATFORM[os]}/copilot${os === "windows" ? ".exe" : ""}`,
  }),
  agentsInfo: { name: "GitHub Copilot CLI", vendor: "GitHub" },
  sources: [
    "https://github.com/github/copilot-cli#installation",
    "https://www.npmjs.com/package/@github/copilot",
  ],
  inferred: "the platform package's folder name",
};

const COPILOT_CLI: FieldRecord[] = [
  ...npmGlobal(COPILOT_NPM),
  ...oneShot(COPILOT_NPM, "npx"),
  wingetPortable({
    agentKey: "github-copilot",
    id: "GitHub.Copilot",
    exe: "copilot.exe",
    command: "copilot",
    publisher: "GitHub, Inc.",
    packageName: "GitHub Copilot CLI",
    versions: COPILOT_CLI_VERSIONS,
    files: copilotFiles,
    agentsInfo: { name: "GitHub Copilot CLI", vendor: "GitHub" },
    sources: ["https://github.com/github/copilot-cli#installation"],
  }),
  ...(["macos", "linux"] as const).map((os) =>
    nativeCli({
      agentKey: "github-copilot",
      id: "copilot",
      os,
      versions: COPILOT_CLI_VERSIONS,
      install: "curl -fsSL https://gh.io/copilot-install",
      image: "{home}/.local/bin/copilot",
      commandLine: "copilot",
      files: copilotFiles,
      sources: ["https://github.com/github/copilot-cli#installation"],
    }),
  ),
  ...brewBinary({
    agentKey: "github-copilot",
    kind: "cask",
    name: "copilot-cli",
    file: "copilot",
    command: "copilot",
    versions: COPILOT_CLI_VERSIONS,
    oses: ["macos"],
    files: copilotFiles,
    sources: ["https://github.com/github/copilot-cli#installation"],
  }),
];

// ---------------------------------------------------------------------------------------------
// Node CLIs with one npm package and no other installer worth a record of its own.

const OPENCODE_PLATFORM: Record<Os, string> = {
  windows: "windows-x64",
  macos: "darwin-arm64",
  linux: "linux-x64",
};
const OPENCODE_VERSIONS = ["1.0.55", "1.1.20", "1.2.8"];
const opencodeFiles: UseFiles = (os) =>
  os === "windows"
    ? [".config/opencode/opencode.json", ".local/share/opencode/storage/session/global/ses_{uuid}.json"]
    : [".config/opencode/opencode.json", ".local/share/opencode/storage/session/global/ses_{uuid}.json"];
const OPENCODE_NPM: NpmPackage = {
  agentKey: "opencode",
  pkg: "opencode-ai",
  bin: "opencode",
  entry: "bin/opencode",
  versions: OPENCODE_VERSIONS,
  files: opencodeFiles,
  // bin/opencode is a Node launcher that execs the opencode-<os>-<arch> optional dependency.
  child: (os) => ({
    path: `opencode-ai/node_modules/opencode-${OPENCODE_PLATFORM[os]}/bin/opencode${os === "windows" ? ".exe" : ""}`,
  }),
  agentsInfo: { name: "OpenCode", vendor: "SST" },
  sources: ["https://opencode.ai/docs/#install", "https://www.npmjs.com/package/opencode-ai"],
  inferred: "the optional dependency's folder",
};

const OPENCODE: FieldRecord[] = [
  ...npmGlobal(OPENCODE_NPM),
  ...oneShot(OPENCODE_NPM, "npx"),
  ...oneShot(OPENCODE_NPM, "bunx"),
  // curl -fsSL https://opencode.ai/install | bash → ~/.opencode/bin/opencode
  ...(["macos", "linux"] as const).map((os) =>
    nativeCli({
      agentKey: "opencode",
      id: "opencode",
      os,
      versions: OPENCODE_VERSIONS,
      install: "curl -fsSL https://opencode.ai/install",
      image: "{home}/.opencode/bin/opencode",
      commandLine: "opencode",
      files: opencodeFiles,
      agentsInfo:
        os === "macos" ? { name: "OpenCode", vendor: "SST", relatedProcess: "opencode" } : undefined,
      sources: ["https://opencode.ai/docs/#install", "https://github.com/sst/opencode/blob/dev/install"],
    }),
  ),
  ...brewBinary({
    agentKey: "opencode",
    kind: "formula",
    name: "opencode",
    file: "bin/opencode",
    command: "opencode",
    versions: OPENCODE_VERSIONS,
    files: opencodeFiles,
    sources: ["https://opencode.ai/docs/#install"],
  }),
];

function simpleNpm(p: NpmPackage, runners: ("npx" | "bunx" | "pnpm-dlx")[] = ["npx"]): FieldRecord[] {
  return [...npmGlobal(p), ...runners.flatMap((r) => oneShot(p, r))];
}

const NODE_CLIS: FieldRecord[] = [
  // Amp — https://ampcode.com/manual#install ; npm @sourcegraph/amp
  ...simpleNpm({
    agentKey: "amp",
    pkg: "@sourcegraph/amp",
    bin: "amp",
    entry: "dist/main.js",
    versions: ["0.0.1760112345-g1a2b3c", "0.0.1765432100-g4d5e6f", "0.0.1770012345-g7a8b9c"],
    files: () => [".config/amp/settings.json", ".local/share/amp/threads/T-{uuid}.json"],
    sources: ["https://ampcode.com/manual#install", "https://www.npmjs.com/package/@sourcegraph/amp"],
    inferred: "the entry file name and version format",
  }),
  // Continue CLI (`cn`) — https://docs.continue.dev/guides/cli ; npm @continuedev/cli
  ...simpleNpm({
    agentKey: "continue",
    pkg: "@continuedev/cli",
    bin: "cn",
    entry: "dist/cn.js",
    versions: ["1.5.7", "1.5.22", "1.6.4"],
    files: () => [".continue/config.yaml", ".continue/sessions/{uuid}.json"],
    sources: ["https://docs.continue.dev/guides/cli", "https://www.npmjs.com/package/@continuedev/cli"],
  }),
  // Kilo Code CLI — https://kilocode.ai/docs/cli ; npm @kilocode/cli
  ...simpleNpm({
    agentKey: "kilo-code",
    pkg: "@kilocode/cli",
    bin: "kilocode",
    entry: "dist/index.js",
    versions: ["0.12.1", "0.18.0", "0.24.3"],
    files: () => [
      ".kilocode/cli/config.json",
      ".kilocode/cli/global/tasks/{uuid}/api_conversation_history.json",
    ],
    sources: ["https://kilocode.ai/docs/cli", "https://www.npmjs.com/package/@kilocode/cli"],
    inferred: "the entry file and task folder",
  }),
  // Cline CLI — https://docs.cline.bot/cline-cli/overview ; npm cline
  ...simpleNpm({
    agentKey: "cline",
    pkg: "cline",
    bin: "cline",
    entry: "bin/cline",
    versions: ["1.0.4", "1.0.9", "2.0.1"],
    files: () => [".cline/data/globalState.json", ".cline/data/tasks/{ts}/api_conversation_history.json"],
    sources: ["https://docs.cline.bot/cline-cli/overview", "https://www.npmjs.com/package/cline"],
    inferred: "the entry file and data folder",
  }),
  // Kimi Code — npm @moonshot-ai/kimi-code, ~/.kimi-code (okta/customer-detections kimi_code_ai_agent_detection.yml)
  ...simpleNpm({
    agentKey: "kimi-code",
    pkg: "@moonshot-ai/kimi-code",
    bin: "kimi",
    entry: "dist/index.js",
    versions: ["0.4.2", "0.5.0", "0.6.3"],
    files: () => [".kimi-code/config.toml", ".kimi-code/mcp.json"],
    sources: [
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/kimi_code_ai_agent_detection.yml",
      "https://www.npmjs.com/package/@moonshot-ai/kimi-code",
    ],
    inferred: "the entry file",
  }),
  // Factory Droid — https://docs.factory.ai/cli/getting-started/quickstart ; npm @factory/cli
  ...simpleNpm({
    agentKey: "factory-droid",
    pkg: "@factory/cli",
    bin: "droid",
    entry: "bundle/droid.js",
    versions: ["0.22.0", "0.26.1", "0.31.4"],
    files: () => [".factory/settings.json", ".factory/sessions/{uuid}.jsonl"],
    sources: [
      "https://docs.factory.ai/cli/getting-started/quickstart",
      "https://www.npmjs.com/package/@factory/cli",
    ],
    inferred: "the entry file",
  }),
  // Crush — https://github.com/charmbracelet/crush#installation ; npm @charmland/crush (a Go binary it installs)
  ...simpleNpm({
    agentKey: "crush",
    pkg: "@charmland/crush",
    bin: "crush",
    entry: "bin/crush.js",
    versions: ["0.12.3", "0.18.1", "0.24.0"],
    files: () => [".config/crush/crush.json", ".local/share/crush/crush.json"],
    child: (os) => ({ path: `@charmland/crush/bin/crush${os === "windows" ? ".exe" : ""}` }),
    sources: [
      "https://github.com/charmbracelet/crush#installation",
      "https://www.npmjs.com/package/@charmland/crush",
    ],
    inferred: "the launcher and binary file names in the package",
  }),
  // OpenClaw — https://docs.openclaw.ai/install ; npm openclaw, state in ~/.openclaw (okta openclaw check)
  ...simpleNpm(
    {
      agentKey: "openclaw",
      pkg: "openclaw",
      bin: "openclaw",
      entry: "openclaw.mjs",
      versions: ["2026.1.5", "2026.2.3", "2026.3.1"],
      files: () => [".openclaw/openclaw.json", ".openclaw/agents/main/sessions/{uuid}.jsonl"],
      agentsInfo: { name: "OpenClaw", vendor: "OpenClaw" },
      sources: [
        "https://docs.openclaw.ai/install",
        "https://www.npmjs.com/package/openclaw",
        "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/macOS/openclaw_personal_ai_assistant_detection.yml",
      ],
      inferred: "the entry file",
    },
    ["npx", "pnpm-dlx"],
  ),
  // Augment CLI (auggie) — https://docs.augmentcode.com/cli/overview ; npm @augmentcode/auggie
  ...simpleNpm({
    agentKey: "augment",
    pkg: "@augmentcode/auggie",
    bin: "auggie",
    entry: "augment.mjs",
    versions: ["0.5.10", "0.9.1", "0.12.0"],
    files: () => [".augment/settings.json", ".augment/sessions/{uuid}.json"],
    sources: [
      "https://docs.augmentcode.com/cli/overview",
      "https://www.npmjs.com/package/@augmentcode/auggie",
    ],
    inferred: "the entry file and state folder",
  }),
  // Qoder CLI — https://docs.qoder.com/cli/quick-start ; npm @qoder-ai/qodercli
  ...simpleNpm({
    agentKey: "qoder",
    pkg: "@qoder-ai/qodercli",
    bin: "qodercli",
    entry: "bin/qodercli.js",
    versions: ["0.1.9", "0.1.15", "0.2.2"],
    files: () => [".qoder/settings.json", ".qoder/projects/{uuid}.jsonl"],
    sources: ["https://docs.qoder.com/cli/quick-start", "https://www.npmjs.com/package/@qoder-ai/qodercli"],
    inferred: "the entry file and state folder",
  }),
];

// ---------------------------------------------------------------------------------------------
// Native CLIs installed by a vendor script into the profile.

interface NativeCli {
  agentKey: string;
  id: string;
  os: Os;
  versions: readonly string[];
  install: string;
  image: string;
  commandLine: string;
  installedFiles?: readonly string[];
  files?: UseFiles;
  extra?: FieldRecord["processes"];
  agentsInfo?: { name: string; vendor: string; relatedProcess: string };
  method?: FieldRecord["method"];
  sources: string[];
  inferred?: string;
}

function nativeCli(n: NativeCli): FieldRecord {
  return {
    id: `${n.agentKey}:${n.method ?? "install-script"}:${n.id}:${n.os}`,
    agentKey: n.agentKey,
    channel: "CLI",
    method: n.method ?? "install-script",
    os: n.os,
    versions: n.versions,
    processes: [
      {
        when: "install",
        image: n.os === "windows" ? SHELLS.windows : "/usr/bin/curl",
        commandLine: n.install,
        parent: SHELLS[n.os],
      },
      { when: "use", image: n.image, commandLine: n.commandLine, parent: SHELLS[n.os] },
      ...(n.extra ?? []),
    ],
    files: [
      ...(n.installedFiles ?? [n.image]).map((path) => ({ when: "install" as const, path })),
      ...(n.files?.(n.os) ?? []).map((f) => ({ when: "use" as const, path: inHome(n.os, f), by: n.image })),
      ...(n.installedFiles ?? [n.image]).map((path) => ({ when: "remove" as const, path })),
    ],
    agentsInfo: n.agentsInfo,
    sources: n.sources,
    inferred: n.inferred,
  };
}

const CURSOR_CLI_VERSIONS = ["2025.11.25-d5b3271", "2026.01.09-4fa5c1e", "2026.03.30-a8d0e52"];
const AMAZON_Q_VERSIONS = ["1.16.2", "1.18.1", "1.19.3"];
const KIRO_CLI_VERSIONS = ["1.20.0", "1.21.1", "1.23.0"];
const GOOSE_VERSIONS = ["1.9.3", "1.12.0", "1.14.1"];

const NATIVE_CLIS: FieldRecord[] = [
  // Cursor CLI — https://cursor.com/docs/cli/installation: `curl https://cursor.com/install -fsS | bash`
  // keeps each version in ~/.local/share/cursor-agent/versions/<version> (bundled node + index.js)
  // and links ~/.local/bin/cursor-agent (websentry-ai/coding-discovery-tool cursor_cli.py).
  ...(["macos", "linux"] as const).map((os) =>
    nativeCli({
      agentKey: "cursor",
      id: "cursor-agent",
      os,
      versions: CURSOR_CLI_VERSIONS,
      install: "curl https://cursor.com/install -fsS",
      image: "{home}/.local/share/cursor-agent/versions/{version}/node",
      commandLine:
        "{home}/.local/share/cursor-agent/versions/{version}/node --use-system-ca {home}/.local/share/cursor-agent/versions/{version}/index.js",
      installedFiles: [
        "{home}/.local/share/cursor-agent/versions/{version}/index.js",
        "{home}/.local/bin/cursor-agent",
      ],
      files: () => [".cursor/cli-config.json", ".cursor/chats/{uuid}/store.db"],
      sources: [
        "https://cursor.com/docs/cli/installation",
        "https://github.com/websentry-ai/coding-discovery-tool/blob/5ee75aa/scripts/coding_discovery_tools/windows/cursor_cli/cursor_cli.py",
      ],
      inferred: "the bundled node and its --use-system-ca flag",
    }),
  ),
  nativeCli({
    agentKey: "cursor",
    id: "cursor-agent",
    os: "windows",
    versions: CURSOR_CLI_VERSIONS,
    install: `"${SHELLS.windows}" -Command "irm 'https://cursor.com/install?win32=true' | iex"`,
    image: "{home}\\AppData\\Local\\cursor-agent\\versions\\{version}\\node.exe",
    commandLine:
      '"{home}\\AppData\\Local\\cursor-agent\\versions\\{version}\\node.exe" --use-system-ca "{home}\\AppData\\Local\\cursor-agent\\versions\\{version}\\index.js"',
    installedFiles: ["{home}\\AppData\\Local\\cursor-agent\\versions\\{version}\\index.js"],
    files: () => [".cursor/cli-config.json"],
    sources: ["https://cursor.com/docs/cli/installation"],
    inferred: "the Windows install folder mirrors the Unix layout",
  }),
  // Amazon Q Developer CLI — https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-installing.html
  // macOS app bundle with q/qchat, Linux zip installing ~/.local/bin/q and qchat.
  nativeCli({
    agentKey: "amazon-q",
    id: "amazon-q-app",
    os: "macos",
    method: "dmg",
    versions: AMAZON_Q_VERSIONS,
    install:
      "curl --proto '=https' --tlsv1.2 -sSf https://desktop-release.q.us-east-1.amazonaws.com/latest/Amazon%20Q.dmg",
    image: "/Applications/Amazon Q.app/Contents/MacOS/qchat",
    commandLine: "qchat chat",
    installedFiles: ["/Applications/Amazon Q.app/Contents/MacOS/q"],
    files: () => [".aws/amazonq/mcp.json", "Library/Application Support/amazon-q/data.sqlite3"],
    sources: ["https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-installing.html"],
    inferred: "the bundle's binary folder",
  }),
  nativeCli({
    agentKey: "amazon-q",
    id: "amazon-q-zip",
    os: "linux",
    versions: AMAZON_Q_VERSIONS,
    install:
      "curl --proto '=https' --tlsv1.2 -sSf https://desktop-release.q.us-east-1.amazonaws.com/latest/q-x86_64-linux.zip -o q.zip",
    image: "{home}/.local/bin/qchat",
    commandLine: "qchat chat",
    installedFiles: ["{home}/.local/bin/q", "{home}/.local/bin/qchat"],
    files: () => [".aws/amazonq/mcp.json", ".local/share/amazon-q/data.sqlite3"],
    sources: ["https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-installing.html"],
  }),
  // Kiro CLI (Amazon Q CLI's successor) — https://kiro.dev/docs/cli/installation: `curl -fsSL https://cli.kiro.dev/install | bash`
  ...(["macos", "linux"] as const).map((os) =>
    nativeCli({
      agentKey: "kiro",
      id: "kiro-cli",
      os,
      versions: KIRO_CLI_VERSIONS,
      install: "curl -fsSL https://cli.kiro.dev/install",
      image: "{home}/.local/bin/kiro-cli-chat",
      commandLine: "kiro-cli-chat chat",
      installedFiles: ["{home}/.local/bin/kiro-cli", "{home}/.local/bin/kiro-cli-chat"],
      files: () => [".kiro/settings/cli.json"],
      agentsInfo:
        os === "macos" ? { name: "Kiro CLI", vendor: "Amazon", relatedProcess: "kiro-cli-chat" } : undefined,
      sources: [
        "https://kiro.dev/docs/cli/installation",
        "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/macOS/kiro_amazon_q_detection.yml",
        AGENTS_INFO_SOURCE,
      ],
      inferred: "the chat binary's name, by analogy with Amazon Q's qchat",
    }),
  ),
  // Goose CLI — https://block.github.io/goose/docs/getting-started/installation (download_cli.sh →
  // ~/.local/bin/goose; Windows %USERPROFILE%\.local\bin\goose.exe, okta goose check); config in
  // ~/.config/goose (Windows %APPDATA%\Block\goose\config). No AgentsInfo row: local AI agent
  // discovery lists Goose among the desktop apps ("Goose Desktop"), not the CLI agents
  // (https://learn.microsoft.com/defender-endpoint/local-agent-discovery-overview).
  ...ALL_OS.map((os) =>
    nativeCli({
      agentKey: "goose",
      id: "goose-cli",
      os,
      versions: GOOSE_VERSIONS,
      install:
        os === "windows"
          ? `"${SHELLS.windows}" -Command "Invoke-WebRequest https://github.com/block/goose/releases/download/stable/download_cli.ps1 | iex"`
          : "curl -fsSL https://github.com/block/goose/releases/download/stable/download_cli.sh",
      image: os === "windows" ? "{home}\\.local\\bin\\goose.exe" : "{home}/.local/bin/goose",
      commandLine: "goose session",
      files: (o) =>
        o === "windows"
          ? [
              "AppData/Roaming/Block/goose/config/config.yaml",
              "AppData/Local/Block/goose/data/sessions/{ts}.jsonl",
            ]
          : [".config/goose/config.yaml", ".local/share/goose/sessions/{ts}.jsonl"],
      sources: [
        "https://block.github.io/goose/docs/getting-started/installation",
        "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/goose_ai_agent_detection.yml",
        "https://learn.microsoft.com/defender-endpoint/local-agent-discovery-overview",
      ],
    }),
  ),
  // Homebrew's formula for Block's goose is block-goose-cli; the formula named `goose` is pressly's
  // database migration tool (a look-alike).
  ...brewBinary({
    agentKey: "goose",
    kind: "formula",
    name: "block-goose-cli",
    file: "bin/goose",
    command: "goose session",
    versions: GOOSE_VERSIONS,
    files: () => [".config/goose/config.yaml"],
    sources: ["https://block.github.io/goose/docs/getting-started/installation"],
  }),
  // Junie CLI — JetBrains' agent outside the IDE (AgentsInfo "Junie CLI"); ~/.junie holds its MCP
  // config (websentry-ai/coding-discovery-tool junie.py).
  ...ALL_OS.map((os) =>
    nativeCli({
      agentKey: "junie",
      id: "junie-cli",
      os,
      versions: ["563.1", "620.4", "701.2"],
      install:
        os === "windows"
          ? `"${SHELLS.windows}" -Command "irm https://junie.jetbrains.com/install.ps1 | iex"`
          : "curl -fsSL https://junie.jetbrains.com/install.sh",
      image: os === "windows" ? "{home}\\.local\\bin\\junie.exe" : "{home}/.local/bin/junie",
      commandLine: "junie",
      files: () => [".junie/mcp/mcp.json", ".junie/sessions/{uuid}.json"],
      agentsInfo:
        os !== "linux"
          ? {
              name: "Junie CLI",
              vendor: "JetBrains",
              relatedProcess: os === "windows" ? "junie.exe" : "junie",
            }
          : undefined,
      sources: [
        "https://www.jetbrains.com/junie/",
        "https://github.com/websentry-ai/coding-discovery-tool/tree/5ee75aa/scripts/coding_discovery_tools/linux/junie",
        AGENTS_INFO_SOURCE,
      ],
      inferred: "the install script URLs and binary location",
    }),
  ),
  // Factory Droid's own installer — https://docs.factory.ai/cli/getting-started/quickstart
  ...(["macos", "linux"] as const).map((os) =>
    nativeCli({
      agentKey: "factory-droid",
      id: "droid",
      os,
      versions: ["0.22.0", "0.26.1", "0.31.4"],
      install: "curl -fsSL https://app.factory.ai/cli",
      image: "{home}/.local/bin/droid",
      commandLine: "droid",
      files: () => [".factory/settings.json"],
      sources: ["https://docs.factory.ai/cli/getting-started/quickstart"],
    }),
  ),
  // Crush from Charm's Homebrew tap — https://github.com/charmbracelet/crush#installation
  ...brewBinary({
    agentKey: "crush",
    kind: "formula",
    name: "crush",
    install: "charmbracelet/tap/crush",
    file: "bin/crush",
    command: "crush",
    versions: ["0.12.3", "0.18.1", "0.24.0"],
    files: () => [".config/crush/crush.json"],
    sources: [
      "https://github.com/charmbracelet/crush#installation",
      "https://github.com/charmbracelet/homebrew-tap",
    ],
  }),
  wingetPortable({
    agentKey: "crush",
    id: "charmbracelet.crush",
    exe: "crush.exe",
    command: "crush",
    publisher: "Charmbracelet, Inc.",
    packageName: "crush",
    versions: ["0.12.3", "0.18.1", "0.24.0"],
    files: () => ["AppData/Local/crush/crush.json"],
    sources: ["https://github.com/charmbracelet/crush#installation"],
  }),
  // Kimi CLI, Moonshot's Python agent — https://github.com/MoonshotAI/kimi-cli (uv tool install kimi-cli)
  ...pythonTool({
    agentKey: "kimi-code",
    dist: "kimi-cli",
    module: "kimi_cli",
    bin: "kimi",
    versions: ["0.40.0", "0.52.0", "0.61.0"],
    files: () => [".kimi/config.json", ".kimi/sessions/{uuid}/context.jsonl"],
    sources: ["https://github.com/MoonshotAI/kimi-cli#installation", "https://pypi.org/project/kimi-cli/"],
    inferred: "that Kimi CLI is the catalog's Kimi Code; its state folder",
  }).filter((r) => r.method === "uv-tool" || r.method === "uvx"),
];

// ---------------------------------------------------------------------------------------------
// Aider — https://aider.chat/docs/install.html (aider-install, uv, pipx, pip, Homebrew formula aider)

const AIDER_VERSIONS = ["0.86.1", "0.86.2", "0.87.0"];
const aiderFiles: UseFiles = (os) => [
  ".aider/analytics.json",
  os === "windows" ? "source/repos/api/.aider.chat.history.md" : "src/api/.aider.chat.history.md",
];

const AIDER: FieldRecord[] = [
  ...pythonTool({
    agentKey: "aider",
    dist: "aider-chat",
    module: "aider",
    bin: "aider",
    versions: AIDER_VERSIONS,
    files: aiderFiles,
    sources: [
      "https://aider.chat/docs/install.html",
      "https://pypi.org/project/aider-chat/",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/macOS/aider_ai_coding_agent_detection.yml",
    ],
  }),
  ...(["macos", "linux"] as const).map((os): FieldRecord => ({
    // The formula's venv lives in the Cellar: the shebang, and so the command line, carries the version.
    id: `aider:homebrew-formula:${os}`,
    agentKey: "aider",
    channel: "CLI",
    method: "homebrew-formula",
    os,
    versions: AIDER_VERSIONS,
    processes: [
      {
        when: "install",
        image: `${BREW[os]}/bin/brew`,
        commandLine: "brew install aider",
        parent: SHELLS[os],
      },
      {
        when: "use",
        image: `${BREW[os]}/Cellar/python@3.12/3.12.12/Frameworks/Python.framework/Versions/3.12/bin/python3.12`,
        commandLine: `${BREW[os]}/Cellar/aider/{version}/libexec/bin/python ${BREW[os]}/bin/aider`,
        parent: SHELLS[os],
      },
    ],
    files: [
      { when: "install", path: `${BREW[os]}/Cellar/aider/{version}/libexec/bin/aider` },
      ...aiderFiles(os).map((f) => ({ when: "use" as const, path: inHome(os, f) })),
      { when: "remove", path: `${BREW[os]}/Cellar/aider/{version}/libexec/bin/aider` },
    ],
    sources: ["https://formulae.brew.sh/formula/aider", "https://docs.brew.sh/Python-for-Formula-Authors"],
  })),
];

export const CLI_RECORDS: readonly FieldRecord[] = [
  ...CLAUDE,
  ...CODEX,
  ...GEMINI,
  ...COPILOT_CLI,
  ...OPENCODE,
  ...NODE_CLIS,
  ...NATIVE_CLIS,
  ...AIDER,
];
