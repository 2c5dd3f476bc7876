// Desktop applications and agentic IDEs: installers per OS, the software inventory row each leaves
// (publisher and display name as the installer registers them, or the CPE Defender maps them to),
// the processes a session starts and the files it writes.
import { inHome } from "./builders";
import { AGENTS_INFO_SOURCE } from "./clis";
import { SHELLS, UNINSTALL_HKCU, UNINSTALL_HKLM, WINGET_CLIENT } from "./layouts";
import type { FieldRecord, InstallMethod, InventorySighting, Os, ProcessSighting, Variant } from "./types";

interface AppInstall {
  agentKey: string;
  /** Distinguishes records of one agent ("cursor", "windsurf-next"). */
  app: string;
  os: Os;
  method: InstallMethod;
  versions: readonly string[];
  /** The main executable. */
  image: string;
  company?: string;
  product?: string;
  /** The command that installs it (an installer run, `brew install`, `winget install`…). */
  installer?: { image: string; commandLine: string };
  inventory?: InventorySighting[];
  /** Naming variants of the inventory row ({publisher}, {displayName}, {cpe}). */
  variants?: Variant[];
  /** More processes a session starts (helpers, servers). */
  helpers?: ProcessSighting[];
  /** Files written at install besides the image. */
  installedFiles?: readonly string[];
  /** Files written while used (full templates). */
  useFiles?: readonly string[];
  agentsInfo?: { name: string; vendor: string };
  sources: readonly string[];
  inferred?: string;
}

function app(a: AppInstall): FieldRecord {
  const imageName = a.image.slice(Math.max(a.image.lastIndexOf("\\"), a.image.lastIndexOf("/")) + 1);
  return {
    id: `${a.agentKey}:${a.method}:${a.app}:${a.os}`,
    agentKey: a.agentKey,
    channel: "DESKTOP_APP",
    method: a.method,
    os: a.os,
    versions: a.versions,
    variants: a.variants,
    inventory: a.inventory,
    processes: [
      ...(a.installer ? [{ when: "install" as const, ...a.installer, parent: SHELLS[a.os] }] : []),
      {
        when: "use",
        image: a.image,
        commandLine: `"${a.image}"`,
        company: a.company,
        product: a.product,
        productVersion: a.company ? "{version}" : undefined,
        parent:
          a.os === "windows"
            ? "C:\\Windows\\explorer.exe"
            : a.os === "macos"
              ? "/sbin/launchd"
              : "/usr/lib/systemd/systemd",
      },
      ...(a.helpers ?? []),
    ],
    files: [
      { when: "install", path: a.image, by: a.installer?.image },
      ...(a.installedFiles ?? []).map((path) => ({ when: "install" as const, path, by: a.installer?.image })),
      ...(a.useFiles ?? []).map((path) => ({ when: "use" as const, path, by: a.image })),
      { when: "remove", path: a.image },
    ],
    agentsInfo: a.agentsInfo && a.os !== "linux" ? { ...a.agentsInfo, relatedProcess: imageName } : undefined,
    sources: a.sources,
    inferred: a.inferred,
  };
}

/** Inventory naming variants: the CPE Defender maps some products to, and the installer's own strings. */
function naming(
  ...names: { key: string; publisher: string; displayName: string; cpe?: string; weight?: number }[]
): Variant[] {
  return names.map((n) => ({
    key: n.key,
    weight: n.weight,
    vars: { publisher: n.publisher, displayName: n.displayName, cpe: n.cpe ?? "" },
  }));
}

const NAMED: InventorySighting = { publisher: "{publisher}", displayName: "{displayName}", cpe: "{cpe}" };

/**
 * VS Code forks ship VS Code's Inno Setup script: a per-user setup installing into
 * %LOCALAPPDATA%\Programs\<dir> registered in HKCU with "<Name> (User)", and a system setup in
 * %ProgramFiles%\<dir> registered in HKLM (microsoft/vscode build/win32/code.iss; the forks' WinGet
 * manifests give their product codes).
 */
function innoFork(args: {
  agentKey: string;
  app: string;
  dir: string;
  exe: string;
  name: string;
  userKey: string;
  systemKey?: string;
  wingetId?: string;
  publishers: { key: string; publisher: string; cpe?: string; weight?: number }[];
  company?: string;
  versions: readonly string[];
  helpers?: (root: string) => ProcessSighting[];
  useFiles: readonly string[];
  agentsInfo?: { name: string; vendor: string };
  sources: readonly string[];
  inferred?: string;
}): FieldRecord[] {
  const userImage = `{home}\\AppData\\Local\\Programs\\${args.dir}\\${args.exe}`;
  const systemImage = `C:\\Program Files\\${args.dir}\\${args.exe}`;
  const variants = (displayName: string) => naming(...args.publishers.map((p) => ({ ...p, displayName })));
  const records = [
    app({
      agentKey: args.agentKey,
      app: args.app,
      os: "windows",
      method: "user-installer",
      versions: args.versions,
      image: userImage,
      company: args.company,
      product: args.name,
      installer: {
        image: `{home}\\Downloads\\${args.name.replace(/ /g, "")}UserSetup-x64-{version}.exe`,
        commandLine: `"{home}\\Downloads\\${args.name.replace(/ /g, "")}UserSetup-x64-{version}.exe"`,
      },
      inventory: [
        { ...NAMED, diskPaths: [userImage], registryPaths: [`${UNINSTALL_HKCU}\\${args.userKey}`] },
      ],
      variants: variants(`${args.name} (User)`),
      helpers: args.helpers?.(`{home}\\AppData\\Local\\Programs\\${args.dir}`),
      useFiles: args.useFiles,
      agentsInfo: args.agentsInfo,
      sources: args.sources,
      inferred: args.inferred,
    }),
  ];
  if (args.systemKey)
    records.push(
      app({
        agentKey: args.agentKey,
        app: args.app,
        os: "windows",
        method: "system-installer",
        versions: args.versions,
        image: systemImage,
        company: args.company,
        product: args.name,
        installer: {
          image: `{home}\\Downloads\\${args.name.replace(/ /g, "")}Setup-x64-{version}.exe`,
          commandLine: `"{home}\\Downloads\\${args.name.replace(/ /g, "")}Setup-x64-{version}.exe" /VERYSILENT /MERGETASKS=!runcode`,
        },
        inventory: [
          { ...NAMED, diskPaths: [systemImage], registryPaths: [`${UNINSTALL_HKLM}\\${args.systemKey}`] },
        ],
        variants: variants(args.name),
        helpers: args.helpers?.(`C:\\Program Files\\${args.dir}`),
        useFiles: args.useFiles,
        agentsInfo: args.agentsInfo,
        sources: args.sources,
        inferred: args.inferred,
      }),
    );
  if (args.wingetId)
    records.push(
      app({
        agentKey: args.agentKey,
        app: args.app,
        os: "windows",
        method: "winget",
        versions: args.versions,
        image: userImage,
        company: args.company,
        product: args.name,
        installer: { image: WINGET_CLIENT, commandLine: `winget install -e --id ${args.wingetId}` },
        inventory: [
          { ...NAMED, diskPaths: [userImage], registryPaths: [`${UNINSTALL_HKCU}\\${args.userKey}`] },
        ],
        variants: variants(`${args.name} (User)`),
        helpers: args.helpers?.(`{home}\\AppData\\Local\\Programs\\${args.dir}`),
        useFiles: args.useFiles,
        agentsInfo: args.agentsInfo,
        sources: [
          ...args.sources,
          `https://github.com/microsoft/winget-pkgs/tree/master/manifests/${args.wingetId[0].toLowerCase()}/${args.wingetId.replace(".", "/")}`,
        ],
        inferred: args.inferred,
      }),
    );
  return records;
}

/** A macOS app bundle in /Applications (from its .dmg or Homebrew cask): Defender inventories the bundle. */
function macApp(args: {
  agentKey: string;
  app: string;
  bundle: string;
  executable: string;
  cask?: string;
  publishers: { key: string; publisher: string; cpe?: string; weight?: number }[];
  displayName: string;
  company?: string;
  versions: readonly string[];
  helpers?: ProcessSighting[];
  useFiles: readonly string[];
  agentsInfo?: { name: string; vendor: string };
  sources: readonly string[];
  inferred?: string;
}): FieldRecord[] {
  const image = `/Applications/${args.bundle}.app/Contents/MacOS/${args.executable}`;
  const common = {
    agentKey: args.agentKey,
    app: args.app,
    os: "macos" as const,
    versions: args.versions,
    image,
    company: args.company,
    product: args.displayName,
    inventory: [{ ...NAMED, diskPaths: [`/Applications/${args.bundle}.app`] }],
    variants: naming(...args.publishers.map((p) => ({ ...p, displayName: args.displayName }))),
    helpers: args.helpers,
    useFiles: args.useFiles,
    agentsInfo: args.agentsInfo,
    inferred: [
      args.inferred,
      "macOS inventory names come from the bundle; the publisher strings are inferred",
    ]
      .filter(Boolean)
      .join("; "),
  };
  return [
    app({
      ...common,
      method: "dmg",
      installer: { image: "/usr/bin/hdiutil", commandLine: `hdiutil attach ${args.bundle}-{version}.dmg` },
      sources: args.sources,
    }),
    ...(args.cask
      ? [
          app({
            ...common,
            method: "homebrew-cask",
            installer: { image: "/opt/homebrew/bin/brew", commandLine: `brew install --cask ${args.cask}` },
            sources: [...args.sources, `https://formulae.brew.sh/cask/${args.cask}`],
          }),
        ]
      : []),
  ];
}

/** A Debian package installing under /usr/share/<dir> (the VS Code forks' .deb layout). */
function debApp(args: {
  agentKey: string;
  app: string;
  image: string;
  package: string;
  publisher: string;
  versions: readonly string[];
  helpers?: ProcessSighting[];
  useFiles: readonly string[];
  sources: readonly string[];
  inferred?: string;
}): FieldRecord {
  return app({
    agentKey: args.agentKey,
    app: args.app,
    os: "linux",
    method: "deb",
    versions: args.versions,
    image: args.image,
    installer: { image: "/usr/bin/dpkg", commandLine: `dpkg -i ${args.package}_{version}_amd64.deb` },
    inventory: [{ publisher: args.publisher, displayName: args.package }],
    helpers: args.helpers,
    useFiles: args.useFiles,
    sources: args.sources,
    inferred: [args.inferred, "the Linux inventory vendor is the package maintainer's organisation"]
      .filter(Boolean)
      .join("; "),
  });
}

// ---------------------------------------------------------------------------------------------
// Cursor — winget-pkgs manifests/a/Anysphere/Cursor/2.0.77 (Inno, user {DADADADA-…}}_is1, machine
// {D7D7D7D7-…}}_is1, Publisher Anysphere, Author Anysphere Inc.); CPE anysphere:cursor in NVD
// advisories; paths in okta/customer-detections cursor_ai_editor_detection.yml.

const CURSOR_VERSIONS = ["1.7.54", "2.0.77", "2.1.50"];
const CURSOR_SOURCES = [
  "https://github.com/microsoft/winget-pkgs/blob/master/manifests/a/Anysphere/Cursor/2.0.77/Anysphere.Cursor.installer.yaml",
  "https://github.com/microsoft/winget-pkgs/blob/master/manifests/a/Anysphere/Cursor/2.0.77/Anysphere.Cursor.locale.en-US.yaml",
  "https://nvd.nist.gov/vuln/detail/CVE-2025-54136",
  "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/cursor_ai_editor_detection.yml",
];
const CURSOR_PUBLISHERS = [
  { key: "cpe", publisher: "Anysphere", cpe: "anysphere:cursor", weight: 3 },
  { key: "anysphere", publisher: "Anysphere", weight: 2 },
  { key: "anysphere-inc", publisher: "Anysphere, Inc.", weight: 1 },
];

const CURSOR: FieldRecord[] = [
  ...innoFork({
    agentKey: "cursor",
    app: "cursor",
    dir: "cursor",
    exe: "Cursor.exe",
    name: "Cursor",
    userKey: "{DADADADA-ADAD-ADAD-ADAD-ADADADADADAD}}_is1",
    systemKey: "{D7D7D7D7-7D7D-7D7D-7D7D-7D7D7D7D7D7D}}_is1",
    wingetId: "Anysphere.Cursor",
    publishers: CURSOR_PUBLISHERS,
    company: "Anysphere",
    versions: CURSOR_VERSIONS,
    useFiles: [
      "{home}\\AppData\\Roaming\\Cursor\\User\\globalStorage\\state.vscdb",
      "{home}\\.cursor\\mcp.json",
    ],
    agentsInfo: { name: "Cursor", vendor: "Anysphere" },
    sources: [...CURSOR_SOURCES, AGENTS_INFO_SOURCE],
    inferred: "the version resource's company name",
  }),
  ...macApp({
    agentKey: "cursor",
    app: "cursor",
    bundle: "Cursor",
    executable: "Cursor",
    cask: "cursor",
    publishers: CURSOR_PUBLISHERS,
    displayName: "Cursor",
    versions: CURSOR_VERSIONS,
    useFiles: [
      "{home}/Library/Application Support/Cursor/User/globalStorage/state.vscdb",
      "{home}/.cursor/mcp.json",
    ],
    agentsInfo: { name: "Cursor", vendor: "Anysphere" },
    sources: [...CURSOR_SOURCES, "https://cursor.com/downloads"],
  }),
  debApp({
    agentKey: "cursor",
    app: "cursor",
    image: "/usr/share/cursor/cursor",
    package: "cursor",
    publisher: "Anysphere",
    versions: CURSOR_VERSIONS,
    useFiles: ["{home}/.config/Cursor/User/globalStorage/state.vscdb"],
    sources: [
      "https://cursor.com/downloads",
      "https://github.com/websentry-ai/coding-discovery-tool/tree/5ee75aa/scripts/coding_discovery_tools/linux/cursor",
    ],
  }),
  app({
    // The AppImage mounts itself under /tmp/.mount_<name><random> and runs from there; no package is registered.
    agentKey: "cursor",
    app: "cursor",
    os: "linux",
    method: "appimage",
    versions: CURSOR_VERSIONS,
    image: "/tmp/.mount_CursorX8f2kQ/usr/share/cursor/cursor",
    installer: {
      image: "/usr/bin/chmod",
      commandLine: "chmod +x {home}/Applications/Cursor-{version}-x86_64.AppImage",
    },
    installedFiles: ["{home}/Applications/Cursor-{version}-x86_64.AppImage"],
    useFiles: ["{home}/.config/Cursor/User/globalStorage/state.vscdb"],
    sources: ["https://cursor.com/downloads", "https://docs.appimage.org/user-guide/run-appimages.html"],
    inferred: "the mount folder's random suffix",
  }),
];

// ---------------------------------------------------------------------------------------------
// Windsurf / Devin Desktop — winget-pkgs manifests/c/Codeium/Windsurf/2.3.15 (user
// {5A8B7D94-9B5F-4D1F-93FC-5609F7159349}_is1, machine {A71B58E9-CEFB-4424-8A1D-A0E49CF18EBB}_is1,
// Publisher Codeium, Author Exafunction, Inc.); renamed Devin Desktop in June 2026.

const WINDSURF_VERSIONS = ["1.12.35", "2.3.15", "3.7.25"];
const WINDSURF_SOURCES = [
  "https://github.com/microsoft/winget-pkgs/blob/master/manifests/c/Codeium/Windsurf/2.3.15/Codeium.Windsurf.installer.yaml",
  "https://github.com/microsoft/winget-pkgs/blob/master/manifests/c/Codeium/Windsurf/2.3.15/Codeium.Windsurf.locale.en-US.yaml",
  "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/windsurf_codeium_detection.yml",
  "https://docs.devin.ai/desktop/changelog",
  AGENTS_INFO_SOURCE,
];
const windsurfServer = (root: string): ProcessSighting[] => [
  {
    when: "use",
    image: `${root}\\resources\\app\\extensions\\windsurf\\bin\\language_server_windows_x64.exe`,
    commandLine: `"${root}\\resources\\app\\extensions\\windsurf\\bin\\language_server_windows_x64.exe" --api_server_url https://server.codeium.com --run_child --enable_lsp --ide_name windsurf`,
    parent: `${root}\\Windsurf.exe`,
  },
];

const WINDSURF: FieldRecord[] = [
  ...innoFork({
    agentKey: "windsurf",
    app: "windsurf",
    dir: "Windsurf",
    exe: "Windsurf.exe",
    name: "Windsurf",
    userKey: "{5A8B7D94-9B5F-4D1F-93FC-5609F7159349}_is1",
    systemKey: "{A71B58E9-CEFB-4424-8A1D-A0E49CF18EBB}_is1",
    wingetId: "Codeium.Windsurf",
    publishers: [
      { key: "codeium", publisher: "Codeium", weight: 3 },
      { key: "exafunction", publisher: "Exafunction, Inc.", weight: 1 },
    ],
    company: "Exafunction, Inc.",
    versions: WINDSURF_VERSIONS,
    helpers: windsurfServer,
    useFiles: [
      "{home}\\.codeium\\windsurf\\cascade\\{uuid}.pb",
      "{home}\\AppData\\Roaming\\Windsurf\\User\\globalStorage\\state.vscdb",
    ],
    agentsInfo: { name: "Devin Desktop", vendor: "Cognition" },
    sources: WINDSURF_SOURCES,
    inferred: "the version resource's company; the language server's path and flags",
  }),
  ...macApp({
    agentKey: "windsurf",
    app: "windsurf",
    bundle: "Windsurf",
    executable: "Windsurf",
    cask: "windsurf",
    publishers: [{ key: "codeium", publisher: "Codeium" }],
    displayName: "Windsurf",
    versions: WINDSURF_VERSIONS,
    helpers: [
      {
        when: "use",
        image:
          "/Applications/Windsurf.app/Contents/Resources/app/extensions/windsurf/bin/language_server_macos_arm",
        commandLine:
          "/Applications/Windsurf.app/Contents/Resources/app/extensions/windsurf/bin/language_server_macos_arm --api_server_url https://server.codeium.com --run_child --enable_lsp --ide_name windsurf",
        parent: "/Applications/Windsurf.app/Contents/MacOS/Windsurf",
      },
    ],
    useFiles: ["{home}/.codeium/windsurf/cascade/{uuid}.pb", "{home}/.codeium/windsurf/mcp_config.json"],
    agentsInfo: { name: "Devin Desktop", vendor: "Cognition" },
    sources: WINDSURF_SOURCES,
  }),
  debApp({
    agentKey: "windsurf",
    app: "windsurf",
    image: "/usr/share/windsurf/windsurf",
    package: "windsurf",
    publisher: "Codeium",
    versions: WINDSURF_VERSIONS,
    useFiles: ["{home}/.codeium/windsurf/cascade/{uuid}.pb"],
    sources: ["https://windsurf.com/download/editor?os=linux", ...WINDSURF_SOURCES],
  }),
];

// ---------------------------------------------------------------------------------------------
// Claude desktop — winget-pkgs manifests/a/Anthropic/Claude/1.0.734 (Squirrel exe, ProductCode
// AnthropicClaude) and 1.11847.5 (also MSIX, PackageFamilyName Claude_pzs8sxrjxfjjc; the exe's
// Apps & Features Publisher "Anthropic PBC"); paths in okta/customer-detections claude_ai_assistant_detection.yml.

const CLAUDE_APP_VERSIONS = ["1.0.734", "1.1.9669", "1.11847.5"];
const CLAUDE_APP_SOURCES = [
  "https://github.com/microsoft/winget-pkgs/blob/master/manifests/a/Anthropic/Claude/1.11847.5/Anthropic.Claude.installer.yaml",
  "https://github.com/microsoft/winget-pkgs/blob/master/manifests/a/Anthropic/Claude/1.0.734/Anthropic.Claude.installer.yaml",
  "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/claude_ai_assistant_detection.yml",
  AGENTS_INFO_SOURCE,
];
const CLAUDE_SQUIRREL = "{home}\\AppData\\Local\\AnthropicClaude";
const CLAUDE_MSIX = "C:\\Program Files\\WindowsApps\\Claude_{version}.0_x64__pzs8sxrjxfjjc\\app\\claude.exe";

const CLAUDE_DESKTOP: FieldRecord[] = [
  {
    // Squirrel: a stub claude.exe starts app-<version>\claude.exe; the ARP key is the product code.
    id: "claude-desktop:user-installer:claude:windows",
    agentKey: "claude-desktop",
    channel: "DESKTOP_APP",
    method: "user-installer",
    os: "windows",
    versions: CLAUDE_APP_VERSIONS,
    variants: naming(
      { key: "anthropic-pbc", publisher: "Anthropic PBC", displayName: "Claude", weight: 3 },
      { key: "anthropic", publisher: "Anthropic", displayName: "Claude", weight: 1 },
    ),
    inventory: [
      {
        ...NAMED,
        diskPaths: [`${CLAUDE_SQUIRREL}\\app-{version}\\claude.exe`],
        registryPaths: [`${UNINSTALL_HKCU}\\AnthropicClaude`],
      },
    ],
    processes: [
      {
        when: "install",
        image: "{home}\\Downloads\\Claude Setup.exe",
        commandLine: '"{home}\\Downloads\\Claude Setup.exe"',
        parent: "C:\\Windows\\explorer.exe",
      },
      {
        when: "use",
        image: `${CLAUDE_SQUIRREL}\\claude.exe`,
        commandLine: `"${CLAUDE_SQUIRREL}\\claude.exe"`,
        parent: "C:\\Windows\\explorer.exe",
      },
      {
        when: "use",
        image: `${CLAUDE_SQUIRREL}\\app-{version}\\claude.exe`,
        commandLine: `"${CLAUDE_SQUIRREL}\\app-{version}\\claude.exe"`,
        company: "Anthropic PBC",
        product: "Claude",
        productVersion: "{version}",
        parent: `${CLAUDE_SQUIRREL}\\claude.exe`,
      },
    ],
    files: [
      { when: "install", path: `${CLAUDE_SQUIRREL}\\app-{version}\\claude.exe` },
      {
        when: "use",
        path: "{home}\\AppData\\Roaming\\Claude\\logs\\main.log",
        by: `${CLAUDE_SQUIRREL}\\app-{version}\\claude.exe`,
      },
      {
        when: "use",
        path: "{home}\\AppData\\Roaming\\Claude\\claude_desktop_config.json",
        by: `${CLAUDE_SQUIRREL}\\app-{version}\\claude.exe`,
      },
      { when: "remove", path: `${CLAUDE_SQUIRREL}\\app-{version}\\claude.exe` },
    ],
    agentsInfo: { name: "Claude", vendor: "Anthropic", relatedProcess: "claude.exe" },
    sources: CLAUDE_APP_SOURCES,
  },
  {
    // MSIX: the package folder carries the version; app data is redirected into the package's LocalCache.
    id: "claude-desktop:msix:claude:windows",
    agentKey: "claude-desktop",
    channel: "DESKTOP_APP",
    method: "msix",
    os: "windows",
    versions: CLAUDE_APP_VERSIONS,
    processes: [
      {
        when: "install",
        image: "C:\\Windows\\System32\\AppInstaller.exe",
        commandLine:
          '"C:\\Windows\\System32\\AppInstaller.exe" -ServerName:App.AppXsm3pg4n7er43kdh1qp4e79f1j7am68r8.mca',
        parent: "C:\\Windows\\explorer.exe",
      },
      {
        when: "use",
        image: CLAUDE_MSIX,
        commandLine: `"${CLAUDE_MSIX}"`,
        company: "Anthropic PBC",
        product: "Claude",
        productVersion: "{version}.0",
        parent: "C:\\Windows\\explorer.exe",
      },
    ],
    files: [
      { when: "install", path: CLAUDE_MSIX },
      {
        when: "use",
        path: "{home}\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\logs\\main.log",
        by: CLAUDE_MSIX,
      },
      { when: "remove", path: CLAUDE_MSIX },
    ],
    agentsInfo: { name: "Claude", vendor: "Anthropic", relatedProcess: "claude.exe" },
    sources: [
      ...CLAUDE_APP_SOURCES,
      "https://learn.microsoft.com/windows/msix/desktop/desktop-to-uwp-behind-the-scenes",
    ],
    inferred: "the app subfolder inside the package; the four-part product version",
  },
  ...macApp({
    agentKey: "claude-desktop",
    app: "claude",
    bundle: "Claude",
    executable: "Claude",
    cask: "claude",
    publishers: [{ key: "anthropic", publisher: "Anthropic PBC" }],
    displayName: "Claude",
    company: "Anthropic PBC",
    versions: CLAUDE_APP_VERSIONS,
    useFiles: [
      "{home}/Library/Logs/Claude/main.log",
      "{home}/Library/Application Support/Claude/claude_desktop_config.json",
    ],
    agentsInfo: { name: "Claude", vendor: "Anthropic" },
    sources: [...CLAUDE_APP_SOURCES, "https://claude.ai/download"],
  }),
];

// ---------------------------------------------------------------------------------------------
// ChatGPT and Codex desktop apps (OpenAI): Microsoft Store MSIX packages OpenAI.ChatGPT-Desktop and
// OpenAI.Codex (publisher id 2p2nqsd0c76g0), macOS bundles com.openai.chat and com.openai.codex.

function openAiApp(
  agentKey: string,
  name: string,
  family: string,
  agentsInfo: string,
  versions: string[],
  sources: string[],
): FieldRecord[] {
  const msix = `C:\\Program Files\\WindowsApps\\${family}_{version}.0_x64__2p2nqsd0c76g0\\app\\${name}.exe`;
  return [
    {
      id: `${agentKey}:msix:${name.toLowerCase()}:windows`,
      agentKey,
      channel: "DESKTOP_APP",
      method: "msix",
      os: "windows",
      versions,
      processes: [
        {
          when: "use",
          image: msix,
          commandLine: `"${msix}"`,
          company: "OpenAI",
          product: name,
          productVersion: "{version}.0",
          parent: "C:\\Windows\\explorer.exe",
        },
      ],
      files: [
        { when: "install", path: msix, by: "C:\\Windows\\System32\\svchost.exe" },
        {
          when: "use",
          path: `{home}\\AppData\\Local\\Packages\\${family}_2p2nqsd0c76g0\\LocalCache\\Roaming\\${name}\\Local State`,
          by: msix,
        },
        { when: "remove", path: msix, by: "C:\\Windows\\System32\\svchost.exe" },
      ],
      agentsInfo: { name: agentsInfo, vendor: "OpenAI", relatedProcess: `${name}.exe` },
      sources: [
        ...sources,
        AGENTS_INFO_SOURCE,
        "https://learn.microsoft.com/windows/msix/desktop/desktop-to-uwp-behind-the-scenes",
      ],
      inferred: "the app subfolder inside the package; the four-part product version",
    },
    ...macApp({
      agentKey,
      app: name.toLowerCase(),
      bundle: name,
      executable: name,
      cask: name === "ChatGPT" ? "chatgpt" : undefined,
      publishers: [{ key: "openai", publisher: "OpenAI" }],
      displayName: name,
      company: "OpenAI",
      versions,
      useFiles: [
        `{home}/Library/Application Support/com.openai.${name === "ChatGPT" ? "chat" : "codex"}/app-settings.json`,
      ],
      agentsInfo: { name: agentsInfo, vendor: "OpenAI" },
      sources,
    }),
  ];
}

const OPENAI_APPS: FieldRecord[] = [
  ...openAiApp(
    "chatgpt-desktop",
    "ChatGPT",
    "OpenAI.ChatGPT-Desktop",
    "ChatGPT",
    ["1.2025.258", "1.2025.300", "1.2026.20"],
    [
      "https://help.openai.com/en/articles/9982051-using-the-chatgpt-windows-app",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/macOS/chatgpt_desktop_detection.yml",
    ],
  ),
  ...openAiApp(
    "codex",
    "Codex",
    "OpenAI.Codex",
    "Codex",
    ["26.1.0", "26.2.1", "26.3.0"],
    ["https://developers.openai.com/codex/app"],
  ),
];

// ---------------------------------------------------------------------------------------------
// IDEs and apps with one installer per OS.

const OTHER_APPS: FieldRecord[] = [
  // Zed — https://zed.dev/docs/installation (macOS dmg / cask zed; Linux script → ~/.local/zed.app;
  // Windows installer, ARP {2DB0DA96-CA55-49BB-AF4F-64AF36A86712}_is1, Publisher "Zed Industries").
  ...macApp({
    agentKey: "zed",
    app: "zed",
    bundle: "Zed",
    executable: "zed",
    cask: "zed",
    publishers: [{ key: "zed", publisher: "Zed Industries" }],
    displayName: "Zed",
    versions: ["0.205.4", "0.210.2", "0.214.0"],
    useFiles: [
      "{home}/.config/zed/settings.json",
      "{home}/Library/Application Support/Zed/threads/threads.db",
    ],
    sources: ["https://zed.dev/docs/installation", "https://formulae.brew.sh/cask/zed"],
  }),
  app({
    agentKey: "zed",
    app: "zed",
    os: "linux",
    method: "install-script",
    versions: ["0.205.4", "0.210.2", "0.214.0"],
    image: "{home}/.local/zed.app/libexec/zed-editor",
    installer: { image: "/usr/bin/curl", commandLine: "curl -f https://zed.dev/install.sh" },
    installedFiles: ["{home}/.local/bin/zed"],
    useFiles: ["{home}/.config/zed/settings.json", "{home}/.local/share/zed/threads/threads.db"],
    sources: ["https://zed.dev/docs/linux", "https://zed.dev/install.sh"],
  }),
  ...innoFork({
    agentKey: "zed",
    app: "zed",
    dir: "Zed",
    exe: "Zed.exe",
    name: "Zed",
    userKey: "{2DB0DA96-CA55-49BB-AF4F-64AF36A86712}_is1",
    wingetId: "ZedIndustries.Zed",
    publishers: [{ key: "zed", publisher: "Zed Industries" }],
    company: "Zed Industries",
    versions: ["0.205.4", "0.210.2", "0.214.0"],
    useFiles: ["{home}\\AppData\\Roaming\\Zed\\settings.json"],
    sources: [
      "https://zed.dev/docs/windows",
      "https://github.com/zed-industries/zed/blob/main/crates/zed/resources/windows/zed.iss",
    ],
  }),
  // Kiro IDE — https://kiro.dev/downloads (VS Code fork; okta kiro_amazon_q_detection.yml paths).
  ...innoFork({
    agentKey: "kiro",
    app: "kiro",
    dir: "Kiro",
    exe: "Kiro.exe",
    name: "Kiro",
    userKey: "{C6065F05-9603-4FC4-8101-B9781A25D88E}}_is1",
    publishers: [
      { key: "aws", publisher: "Amazon Web Services", weight: 2 },
      { key: "amazon", publisher: "Amazon.com, Inc.", weight: 1 },
    ],
    company: "Amazon.com, Inc.",
    versions: ["0.5.9", "0.6.18", "0.7.4"],
    useFiles: [
      "{home}\\.kiro\\settings\\mcp.json",
      "{home}\\AppData\\Roaming\\Kiro\\User\\globalStorage\\kiro.kiroagent\\{uuid}.chat",
    ],
    agentsInfo: { name: "Kiro IDE", vendor: "Amazon" },
    sources: [
      "https://kiro.dev/downloads",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/kiro_amazon_q_detection.yml",
      AGENTS_INFO_SOURCE,
    ],
    inferred: "the ARP product code, publisher strings and the agent's storage folder",
  }),
  ...macApp({
    agentKey: "kiro",
    app: "kiro",
    bundle: "Kiro",
    executable: "Kiro",
    cask: "kiro",
    publishers: [{ key: "aws", publisher: "Amazon Web Services" }],
    displayName: "Kiro",
    versions: ["0.5.9", "0.6.18", "0.7.4"],
    useFiles: [
      "{home}/.kiro/settings/mcp.json",
      "{home}/Library/Application Support/Kiro/User/globalStorage/kiro.kiroagent/{uuid}.chat",
    ],
    agentsInfo: { name: "Kiro IDE", vendor: "Amazon" },
    sources: ["https://kiro.dev/downloads", "https://formulae.brew.sh/cask/kiro"],
  }),
  debApp({
    agentKey: "kiro",
    app: "kiro",
    image: "/usr/share/kiro/kiro",
    package: "kiro",
    publisher: "Amazon Web Services",
    versions: ["0.5.9", "0.6.18", "0.7.4"],
    useFiles: ["{home}/.kiro/settings/mcp.json"],
    sources: ["https://kiro.dev/downloads"],
  }),
  // Google Antigravity — https://antigravity.google/download (VS Code fork; the agent's language server
  // ships in resources/app/extensions/antigravity/bin; state in ~/.gemini/antigravity).
  ...innoFork({
    agentKey: "antigravity",
    app: "antigravity",
    dir: "Antigravity",
    exe: "Antigravity.exe",
    name: "Antigravity",
    userKey: "{D9BB6F1E-5F4A-4B3E-A2B4-5C8F0A1E9D11}}_is1",
    publishers: [
      { key: "google", publisher: "Google LLC", cpe: "google:antigravity", weight: 1 },
      { key: "google-llc", publisher: "Google LLC", weight: 2 },
    ],
    company: "Google LLC",
    versions: ["1.11.3", "1.14.2", "1.20.6"],
    helpers: (root) => [
      {
        when: "use",
        image: `${root}\\resources\\app\\extensions\\antigravity\\bin\\language_server_windows_x64.exe`,
        commandLine: `"${root}\\resources\\app\\extensions\\antigravity\\bin\\language_server_windows_x64.exe" --enable_lsp --extension_server_port 53410`,
        parent: `${root}\\Antigravity.exe`,
      },
    ],
    useFiles: [
      "{home}\\.gemini\\antigravity\\conversations\\{uuid}.pb",
      "{home}\\.gemini\\antigravity\\mcp_config.json",
    ],
    agentsInfo: { name: "Antigravity IDE", vendor: "Google" },
    sources: [
      "https://antigravity.google/download",
      "https://github.com/websentry-ai/coding-discovery-tool/tree/5ee75aa/scripts/coding_discovery_tools/windows/antigravity",
      AGENTS_INFO_SOURCE,
    ],
    inferred: "the ARP product code; the language server's flags",
  }),
  ...macApp({
    agentKey: "antigravity",
    app: "antigravity",
    bundle: "Antigravity",
    executable: "Antigravity",
    cask: "antigravity",
    publishers: [{ key: "google", publisher: "Google LLC" }],
    displayName: "Antigravity",
    versions: ["1.11.3", "1.14.2", "1.20.6"],
    helpers: [
      {
        when: "use",
        image:
          "/Applications/Antigravity.app/Contents/Resources/app/extensions/antigravity/bin/language_server_macos_arm",
        commandLine:
          "/Applications/Antigravity.app/Contents/Resources/app/extensions/antigravity/bin/language_server_macos_arm --enable_lsp",
        parent: "/Applications/Antigravity.app/Contents/MacOS/Antigravity",
      },
    ],
    useFiles: ["{home}/.gemini/antigravity/conversations/{uuid}.pb"],
    agentsInfo: { name: "Antigravity IDE", vendor: "Google" },
    sources: ["https://antigravity.google/download"],
  }),
  debApp({
    agentKey: "antigravity",
    app: "antigravity",
    image: "/usr/share/antigravity/antigravity",
    package: "antigravity",
    publisher: "Google LLC",
    versions: ["1.11.3", "1.14.2", "1.20.6"],
    useFiles: ["{home}/.gemini/antigravity/conversations/{uuid}.pb"],
    sources: ["https://antigravity.google/download/linux"],
  }),
  // Trae (ByteDance) and Trae CN — https://www.trae.ai/download (VS Code fork; ~/.trae). WinGet's
  // ByteDance.Trae manifest gives the per-user Inno product code and the publisher "SPRING (SG) PTE. LTD".
  ...innoFork({
    agentKey: "trae",
    app: "trae",
    dir: "Trae",
    exe: "Trae.exe",
    name: "Trae",
    userKey: "{1082AAEF-E2C3-4ABD-8789-9861082B709F}_is1",
    publishers: [{ key: "spring", publisher: "SPRING (SG) PTE. LTD" }],
    company: "SPRING (SG) PTE. LTD.",
    versions: ["2.0.5", "2.1.1", "2.3.0"],
    useFiles: ["{home}\\AppData\\Roaming\\Trae\\User\\globalStorage\\state.vscdb", "{home}\\.trae\\mcp.json"],
    sources: [
      "https://www.trae.ai/download",
      "https://github.com/karmine05/agentic-detector/blob/ff5825f/internal/ide/ide.go",
      "https://github.com/microsoft/winget-pkgs/blob/master/manifests/b/ByteDance/Trae/2.3.0/ByteDance.Trae.installer.yaml",
      "https://github.com/microsoft/winget-pkgs/blob/master/manifests/b/ByteDance/Trae/2.3.0/ByteDance.Trae.locale.en-US.yaml",
    ],
    inferred: "the version resource's company (the manifest's Author)",
  }),
  ...innoFork({
    agentKey: "trae",
    app: "trae-cn",
    dir: "Trae CN",
    exe: "Trae CN.exe",
    name: "Trae CN",
    userKey: "{8F1C7A33-0B5E-4E4B-9D8A-2C6D7E5F4A3B}}_is1",
    publishers: [{ key: "beijing", publisher: "Beijing Volcano Engine Technology Co., Ltd." }],
    versions: ["2.0.5", "2.1.1", "2.3.0"],
    useFiles: ["{home}\\AppData\\Roaming\\Trae CN\\User\\globalStorage\\state.vscdb"],
    sources: ["https://www.trae.cn/download"],
    inferred: "the ARP product code and publisher",
  }),
  ...macApp({
    agentKey: "trae",
    app: "trae",
    bundle: "Trae",
    executable: "Trae",
    publishers: [{ key: "spring", publisher: "SPRING (SG) PTE. LTD." }],
    displayName: "Trae",
    versions: ["2.0.5", "2.1.1", "2.3.0"],
    useFiles: ["{home}/Library/Application Support/Trae/User/globalStorage/state.vscdb"],
    sources: ["https://www.trae.ai/download"],
  }),
  // Qoder (Alibaba) — https://qoder.com/download (VS Code fork).
  ...innoFork({
    agentKey: "qoder",
    app: "qoder",
    dir: "Qoder",
    exe: "Qoder.exe",
    name: "Qoder",
    userKey: "{3D7E1C2B-5A4F-4B6E-8C9D-0E1F2A3B4C5D}}_is1",
    publishers: [{ key: "qoder", publisher: "Qoder" }],
    versions: ["0.2.5", "0.2.14", "0.3.1"],
    useFiles: [
      "{home}\\AppData\\Roaming\\Qoder\\User\\globalStorage\\state.vscdb",
      "{home}\\.qoder\\mcp.json",
    ],
    sources: [
      "https://qoder.com/download",
      "https://github.com/karmine05/agentic-detector/blob/ff5825f/internal/ide/ide.go",
    ],
    inferred: "the ARP product code and publisher",
  }),
  ...macApp({
    agentKey: "qoder",
    app: "qoder",
    bundle: "Qoder",
    executable: "Qoder",
    publishers: [{ key: "qoder", publisher: "Qoder" }],
    displayName: "Qoder",
    versions: ["0.2.5", "0.2.14", "0.3.1"],
    useFiles: ["{home}/Library/Application Support/Qoder/User/globalStorage/state.vscdb"],
    sources: ["https://qoder.com/download"],
  }),
  // Warp — https://docs.warp.dev/getting-started/getting-started-with-warp/installation-and-setup
  // (macOS bundle dev.warp.Warp-Stable whose executable is `stable`; Linux .deb in /opt/warpdotdev;
  // Windows installer, WinGet Warp.Warp).
  ...macApp({
    agentKey: "warp",
    app: "warp",
    bundle: "Warp",
    executable: "stable",
    cask: "warp",
    publishers: [
      { key: "denver", publisher: "Denver Technologies, Inc." },
      { key: "warp", publisher: "Warp" },
    ],
    displayName: "Warp",
    versions: [
      "0.2025.11.19.08.12.stable_02",
      "0.2026.01.14.08.11.stable_01",
      "0.2026.03.11.08.15.stable_03",
    ],
    useFiles: ["{home}/Library/Application Support/dev.warp.Warp-Stable/warp.sqlite"],
    agentsInfo: { name: "Warp", vendor: "Warp" },
    sources: [
      "https://docs.warp.dev/getting-started/getting-started-with-warp/installation-and-setup",
      "https://formulae.brew.sh/cask/warp",
      AGENTS_INFO_SOURCE,
    ],
  }),
  debApp({
    agentKey: "warp",
    app: "warp",
    image: "/opt/warpdotdev/warp-terminal/warp",
    package: "warp-terminal",
    publisher: "Warp",
    versions: [
      "0.2025.11.19.08.12.stable_02",
      "0.2026.01.14.08.11.stable_01",
      "0.2026.03.11.08.15.stable_03",
    ],
    useFiles: ["{home}/.local/state/warp-terminal/warp.sqlite"],
    sources: ["https://docs.warp.dev/getting-started/getting-started-with-warp/installation-and-setup"],
  }),
  ...innoFork({
    agentKey: "warp",
    app: "warp",
    dir: "Warp",
    exe: "warp.exe",
    name: "Warp",
    userKey: "{7C1C8B5C-3F6E-4C87-9B3A-5E0A9C3E1F2D}_is1",
    wingetId: "Warp.Warp",
    publishers: [{ key: "denver", publisher: "Denver Technologies, Inc." }],
    versions: [
      "0.2025.11.19.08.12.stable_02",
      "0.2026.01.14.08.11.stable_01",
      "0.2026.03.11.08.15.stable_03",
    ],
    useFiles: ["{home}\\AppData\\Local\\warp\\Warp\\data\\warp.sqlite"],
    agentsInfo: { name: "Warp", vendor: "Warp" },
    sources: [
      "https://docs.warp.dev/getting-started/getting-started-with-warp/installation-and-setup",
      AGENTS_INFO_SOURCE,
    ],
    inferred: "the ARP product code, publisher and data folder",
  }),
  // Goose desktop — https://block.github.io/goose/docs/getting-started/installation (macOS app / cask
  // block-goose, whose goosed server runs the agent; Windows ships a zip run from wherever it is unpacked).
  ...macApp({
    agentKey: "goose",
    app: "goose",
    bundle: "Goose",
    executable: "Goose",
    cask: "block-goose",
    publishers: [{ key: "block", publisher: "Block, Inc." }],
    displayName: "Goose",
    versions: ["1.9.3", "1.12.0", "1.14.1"],
    helpers: [
      {
        when: "use",
        image: "/Applications/Goose.app/Contents/Resources/bin/goosed",
        commandLine: "/Applications/Goose.app/Contents/Resources/bin/goosed agent",
        parent: "/Applications/Goose.app/Contents/MacOS/Goose",
      },
    ],
    useFiles: ["{home}/Library/Application Support/Goose/Preferences"],
    agentsInfo: { name: "Goose", vendor: "Block" },
    sources: [
      "https://block.github.io/goose/docs/getting-started/installation",
      "https://formulae.brew.sh/cask/block-goose",
      AGENTS_INFO_SOURCE,
    ],
  }),
  app({
    agentKey: "goose",
    app: "goose",
    os: "windows",
    method: "install-script",
    versions: ["1.9.3", "1.12.0", "1.14.1"],
    image: "{home}\\Downloads\\Goose-win32-x64\\dist-windows\\Goose.exe",
    installer: {
      image: "C:\\Windows\\explorer.exe",
      commandLine: 'C:\\Windows\\Explorer.EXE "{home}\\Downloads\\Goose-win32-x64.zip"',
    },
    helpers: [
      {
        when: "use",
        image: "{home}\\Downloads\\Goose-win32-x64\\dist-windows\\resources\\bin\\goosed.exe",
        commandLine: '"{home}\\Downloads\\Goose-win32-x64\\dist-windows\\resources\\bin\\goosed.exe" agent',
        parent: "{home}\\Downloads\\Goose-win32-x64\\dist-windows\\Goose.exe",
      },
    ],
    useFiles: ["{home}\\AppData\\Roaming\\Goose\\Preferences"],
    agentsInfo: { name: "Goose", vendor: "Block" },
    sources: ["https://block.github.io/goose/docs/getting-started/installation", AGENTS_INFO_SOURCE],
    inferred: "the unpacked folder (users choose it)",
  }),
  // Ollama — ollama/ollama app/ollama.iss: AppId {44E83376-CE68-45EB-8FC1-393500EB558C}, per-user into
  // {localappdata}\Programs\Ollama, "ollama app.exe" starting `ollama.exe serve`; AppVerName is left to
  // Inno's default "<AppName> version <AppVersion>", so the ARP name carries the version.
  app({
    agentKey: "ollama",
    app: "ollama",
    os: "windows",
    method: "user-installer",
    versions: ["0.12.6", "0.13.5", "0.15.2"],
    image: "{home}\\AppData\\Local\\Programs\\Ollama\\ollama app.exe",
    company: "Ollama",
    product: "Ollama",
    installer: {
      image: "{home}\\Downloads\\OllamaSetup.exe",
      commandLine: '"{home}\\Downloads\\OllamaSetup.exe"',
    },
    inventory: [
      {
        publisher: "Ollama",
        displayName: "Ollama version {version}",
        diskPaths: ["{home}\\AppData\\Local\\Programs\\Ollama\\ollama app.exe"],
        registryPaths: [`${UNINSTALL_HKCU}\\{44E83376-CE68-45EB-8FC1-393500EB558C}_is1`],
      },
    ],
    helpers: [
      {
        when: "use",
        image: "{home}\\AppData\\Local\\Programs\\Ollama\\ollama.exe",
        commandLine: '"{home}\\AppData\\Local\\Programs\\Ollama\\ollama.exe" serve',
        company: "Ollama",
        productVersion: "{version}",
        parent: "{home}\\AppData\\Local\\Programs\\Ollama\\ollama app.exe",
      },
    ],
    installedFiles: ["{home}\\AppData\\Local\\Programs\\Ollama\\ollama.exe"],
    useFiles: ["{home}\\AppData\\Local\\Ollama\\server.log", "{home}\\.ollama\\history"],
    agentsInfo: { name: "Ollama", vendor: "Ollama" },
    sources: [
      "https://github.com/ollama/ollama/blob/main/app/ollama.iss",
      "https://jrsoftware.org/ishelp/index.php?topic=setup_appvername",
      AGENTS_INFO_SOURCE,
    ],
  }),
  ...macApp({
    agentKey: "ollama",
    app: "ollama",
    bundle: "Ollama",
    executable: "Ollama",
    cask: "ollama-app",
    publishers: [{ key: "ollama", publisher: "Ollama", cpe: "ollama:ollama" }],
    displayName: "Ollama",
    versions: ["0.12.6", "0.13.5", "0.15.2"],
    helpers: [
      {
        when: "use",
        image: "/Applications/Ollama.app/Contents/Resources/ollama",
        commandLine: "/Applications/Ollama.app/Contents/Resources/ollama serve",
        parent: "/Applications/Ollama.app/Contents/MacOS/Ollama",
      },
    ],
    useFiles: ["{home}/.ollama/logs/server.log"],
    agentsInfo: { name: "Ollama", vendor: "Ollama" },
    sources: ["https://ollama.com/download/mac", "https://formulae.brew.sh/cask/ollama-app"],
  }),
  // LM Studio — https://lmstudio.ai/download (electron-builder per-user installer: DisplayName
  // "<productName> <version>", publisher Element Labs; the `lms` CLI in ~/.lmstudio/bin,
  // https://lmstudio.ai/docs/cli).
  app({
    agentKey: "lm-studio",
    app: "lm-studio",
    os: "windows",
    method: "user-installer",
    versions: ["0.3.31", "0.3.36", "0.4.2"],
    image: "{home}\\AppData\\Local\\Programs\\LM Studio\\LM Studio.exe",
    company: "Element Labs Inc.",
    product: "LM Studio",
    installer: {
      image: "{home}\\Downloads\\LM-Studio-{version}-x64.exe",
      commandLine: '"{home}\\Downloads\\LM-Studio-{version}-x64.exe"',
    },
    inventory: [
      {
        publisher: "Element Labs Inc.",
        displayName: "LM Studio {version}",
        diskPaths: ["{home}\\AppData\\Local\\Programs\\LM Studio\\LM Studio.exe"],
        registryPaths: [`${UNINSTALL_HKCU}\\f0c4b5c0-8c6a-5e4a-9e0b-3e5f6a7b8c9d`],
      },
    ],
    helpers: [
      {
        when: "use",
        image: "{home}\\.lmstudio\\bin\\lms.exe",
        commandLine: '"{home}\\.lmstudio\\bin\\lms.exe" server start',
        parent: SHELLS.windows,
      },
    ],
    useFiles: [
      "{home}\\.lmstudio\\settings.json",
      "{home}\\.lmstudio\\conversations\\{ts}.conversation.json",
    ],
    sources: [
      "https://lmstudio.ai/download",
      "https://lmstudio.ai/docs/cli",
      "https://www.electron.build/nsis.html",
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/Windows/lm_studio_local_llm_detection.yml",
    ],
    inferred: "the ARP key (electron-builder derives it from the app id) and publisher string",
  }),
  ...macApp({
    agentKey: "lm-studio",
    app: "lm-studio",
    bundle: "LM Studio",
    executable: "LM Studio",
    cask: "lm-studio",
    publishers: [{ key: "element", publisher: "Element Labs Inc." }],
    displayName: "LM Studio",
    versions: ["0.3.31", "0.3.36", "0.4.2"],
    useFiles: ["{home}/.lmstudio/settings.json", "{home}/.lmstudio/conversations/{ts}.conversation.json"],
    sources: ["https://lmstudio.ai/download", "https://formulae.brew.sh/cask/lm-studio"],
  }),
  // OpenClaw's macOS companion app — okta openclaw check lists /Applications/OpenClaw.app.
  ...macApp({
    agentKey: "openclaw",
    app: "openclaw",
    bundle: "OpenClaw",
    executable: "OpenClaw",
    publishers: [{ key: "openclaw", publisher: "OpenClaw" }],
    displayName: "OpenClaw",
    versions: ["2026.1.5", "2026.2.3", "2026.3.1"],
    useFiles: [inHome("macos", ".openclaw/openclaw.json")],
    agentsInfo: { name: "OpenClaw", vendor: "OpenClaw" },
    sources: [
      "https://github.com/okta/customer-detections/blob/38c58ea/sample_osquery_checks/macOS/openclaw_personal_ai_assistant_detection.yml",
      AGENTS_INFO_SOURCE,
    ],
  }).slice(0, 1),
];

// Ollama's Linux install.sh puts the binary in /usr/local/bin and runs it as the `ollama` system
// user under systemd (https://github.com/ollama/ollama/blob/main/scripts/install.sh); the Homebrew
// formula installs the same server binary for the user.
const OLLAMA_SERVER: FieldRecord[] = [
  {
    id: "ollama:install-script:ollama:linux",
    agentKey: "ollama",
    channel: "CLI",
    method: "install-script",
    os: "linux",
    versions: ["0.12.6", "0.13.5", "0.15.2"],
    processes: [
      {
        when: "install",
        image: "/usr/bin/curl",
        commandLine: "curl -fsSL https://ollama.com/install.sh",
        parent: SHELLS.linux,
      },
      {
        when: "use",
        image: "/usr/local/bin/ollama",
        commandLine: "ollama run llama3.2",
        parent: SHELLS.linux,
      },
    ],
    files: [
      { when: "install", path: "/usr/local/bin/ollama" },
      { when: "use", path: "{home}/.ollama/history", by: "/usr/local/bin/ollama" },
      { when: "remove", path: "/usr/local/bin/ollama" },
    ],
    sources: [
      "https://github.com/ollama/ollama/blob/main/scripts/install.sh",
      "https://github.com/ollama/ollama/blob/main/docs/linux.md",
    ],
  },
  {
    id: "ollama:homebrew-formula:ollama:macos",
    agentKey: "ollama",
    channel: "CLI",
    method: "homebrew-formula",
    os: "macos",
    versions: ["0.12.6", "0.13.5", "0.15.2"],
    processes: [
      {
        when: "install",
        image: "/opt/homebrew/bin/brew",
        commandLine: "brew install ollama",
        parent: SHELLS.macos,
      },
      {
        when: "use",
        image: "/opt/homebrew/Cellar/ollama/{version}/bin/ollama",
        commandLine: "/opt/homebrew/opt/ollama/bin/ollama serve",
        parent: "/sbin/launchd",
      },
    ],
    files: [
      { when: "install", path: "/opt/homebrew/Cellar/ollama/{version}/bin/ollama" },
      { when: "use", path: "{home}/.ollama/history", by: "/opt/homebrew/Cellar/ollama/{version}/bin/ollama" },
      { when: "remove", path: "/opt/homebrew/Cellar/ollama/{version}/bin/ollama" },
    ],
    sources: ["https://formulae.brew.sh/formula/ollama"],
  },
];

export const DESKTOP_RECORDS: readonly FieldRecord[] = [
  ...CURSOR,
  ...WINDSURF,
  ...CLAUDE_DESKTOP,
  ...OPENAI_APPS,
  ...OTHER_APPS,
  ...OLLAMA_SERVER,
];
