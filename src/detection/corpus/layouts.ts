// Where things live on each OS, independent of any one agent: the IDEs that host extensions, the
// JetBrains plugin folders, the Node.js and Python layouts CLIs are launched through, and the
// folders package managers install into. Each table cites its public source; the agent records
// (desktop.ts, clis.ts, extensions.ts) use these as variants.
import type { HostKey, Os, Variant } from "./types";

/** Interactive shells: the parent of whatever a user starts by hand. */
export const SHELLS: Record<Os, string> = {
  windows: "C:\\Program Files\\PowerShell\\7\\pwsh.exe",
  macos: "/bin/zsh",
  linux: "/usr/bin/bash",
};

export const CMD = "C:\\Windows\\System32\\cmd.exe";

/** A VS Code-family IDE on one OS: where its extensions and user data live, and what runs them. */
interface HostLayout {
  host: HostKey;
  /** `<extensions>/<publisher>.<name>-<version>[-<target>]` (lower-case id). */
  extensions: string;
  /** `<userData>/globalStorage/<publisher>.<name>/…`, `<userData>/settings.json`. */
  userData: string;
  /** The IDE's main executable (AgentsInfo relatedProcess is its file name). */
  hostImage: string;
  /**
   * The image that runs Node child processes an extension forks: Electron run as Node
   * (`--ms-enable-electron-run-as-node`) on desktops, the server's own `node` remotely.
   */
  forkImage: string;
  /** Flag(s) between the fork image and the script; empty for a plain Node. */
  forkFlag: string;
  /** Relative frequency of the host among installations of an extension. */
  weight: number;
}

// Extension and data folders: https://code.visualstudio.com/docs/configure/extensions/extension-marketplace#_where-are-extensions-installed
// and https://code.visualstudio.com/docs/configure/settings#_user-settingsjson-location. Node children
// run as the IDE's own Electron binary with --ms-enable-electron-run-as-node and a script path whose
// drive letter is lower case, as VS Code's git extension does for its askpass helper
// (microsoft/vscode extensions/git/src/askpass.ts); that language servers forked by AI extensions
// run the same way is inferred from Node's fork inheriting the extension host's flags. The forks of
// Cursor, Windsurf, Trae, Kiro and Antigravity are VS Code builds with their own product names
// (karmine05/agentic-detector internal/ide/*.go; okta/customer-detections sample_osquery_checks).
// macOS extension hosts run as "<Name> Helper (Plugin)" (Electron's helper app naming).
const ELECTRON_FORK = "--ms-enable-electron-run-as-node ";

function winHost(
  host: HostKey,
  dot: string,
  dataName: string,
  programDir: string,
  exe: string,
  weight: number,
): HostLayout {
  const image = `{home}\\AppData\\Local\\Programs\\${programDir}\\${exe}`;
  return {
    host,
    extensions: `{home}\\${dot}\\extensions`,
    userData: `{home}\\AppData\\Roaming\\${dataName}\\User`,
    hostImage: image,
    forkImage: image,
    forkFlag: ELECTRON_FORK,
    weight,
  };
}

function macHost(
  host: HostKey,
  dot: string,
  dataName: string,
  app: string,
  helper: string,
  weight: number,
): HostLayout {
  return {
    host,
    extensions: `{home}/${dot}/extensions`,
    userData: `{home}/Library/Application Support/${dataName}/User`,
    // VS Code builds keep Electron's executable name; the forks rename it after themselves (inferred).
    hostImage: `/Applications/${app}.app/Contents/MacOS/${app.startsWith("Visual Studio Code") || app === "VSCodium" ? "Electron" : app}`,
    forkImage: `/Applications/${app}.app/Contents/Frameworks/${helper} Helper (Plugin).app/Contents/MacOS/${helper} Helper (Plugin)`,
    forkFlag: ELECTRON_FORK,
    weight,
  };
}

function linuxHost(host: HostKey, dot: string, dataName: string, binary: string, weight: number): HostLayout {
  return {
    host,
    extensions: `{home}/${dot}/extensions`,
    userData: `{home}/.config/${dataName}/User`,
    hostImage: binary,
    forkImage: binary,
    forkFlag: ELECTRON_FORK,
    weight,
  };
}

/**
 * Remote servers run extensions with their own Node: VS Code Server under
 * ~/.vscode-server/cli/servers/Stable-<commit>/server (https://code.visualstudio.com/docs/remote/vscode-server),
 * code-server under ~/.local/share/code-server (https://coder.com/docs/code-server/FAQ#where-are-extensions-stored).
 */
const VSCODE_SERVER_NODE =
  "{home}/.vscode-server/cli/servers/Stable-7d842fb85a0275a4a8e4d7e040d2625abbf7f084/server/node";
const CODE_SERVER_NODE = "/usr/lib/code-server/lib/node";

const REMOTE: HostLayout[] = [
  {
    host: "vscode-server",
    extensions: "{home}/.vscode-server/extensions",
    userData: "{home}/.vscode-server/data/User",
    hostImage: VSCODE_SERVER_NODE,
    forkImage: VSCODE_SERVER_NODE,
    forkFlag: "",
    weight: 3,
  },
  {
    host: "code-server",
    extensions: "{home}/.local/share/code-server/extensions",
    userData: "{home}/.local/share/code-server/User",
    hostImage: CODE_SERVER_NODE,
    forkImage: CODE_SERVER_NODE,
    forkFlag: "",
    weight: 1,
  },
];

// Windsurf was renamed Devin Desktop in June 2026; its extension folder moved from ~/.windsurf to
// ~/.devin (osquery/osquery#8984). Both exist in fleets; the program folder kept its name (inferred).
const HOSTS: Record<Os, HostLayout[]> = {
  windows: [
    winHost("vscode", ".vscode", "Code", "Microsoft VS Code", "Code.exe", 10),
    winHost(
      "vscode-insiders",
      ".vscode-insiders",
      "Code - Insiders",
      "Microsoft VS Code Insiders",
      "Code - Insiders.exe",
      1,
    ),
    winHost("vscodium", ".vscode-oss", "VSCodium", "VSCodium", "VSCodium.exe", 1),
    winHost("cursor", ".cursor", "Cursor", "cursor", "Cursor.exe", 5),
    winHost("windsurf", ".windsurf", "Windsurf", "Windsurf", "Windsurf.exe", 2),
    winHost("windsurf", ".devin", "Windsurf", "Windsurf", "Windsurf.exe", 1),
    winHost("trae", ".trae", "Trae", "Trae", "Trae.exe", 1),
    winHost("kiro", ".kiro", "Kiro", "Kiro", "Kiro.exe", 1),
    winHost("antigravity", ".antigravity", "Antigravity", "Antigravity", "Antigravity.exe", 1),
  ],
  macos: [
    macHost("vscode", ".vscode", "Code", "Visual Studio Code", "Code", 10),
    macHost(
      "vscode-insiders",
      ".vscode-insiders",
      "Code - Insiders",
      "Visual Studio Code - Insiders",
      "Code - Insiders",
      1,
    ),
    macHost("vscodium", ".vscode-oss", "VSCodium", "VSCodium", "VSCodium", 1),
    macHost("cursor", ".cursor", "Cursor", "Cursor", "Cursor", 6),
    macHost("windsurf", ".windsurf", "Windsurf", "Windsurf", "Windsurf", 2),
    macHost("trae", ".trae", "Trae", "Trae", "Trae", 1),
    macHost("kiro", ".kiro", "Kiro", "Kiro", "Kiro", 1),
    macHost("antigravity", ".antigravity", "Antigravity", "Antigravity", "Antigravity", 1),
  ],
  linux: [
    linuxHost("vscode", ".vscode", "Code", "/usr/share/code/code", 6),
    linuxHost("vscodium", ".vscode-oss", "VSCodium", "/usr/share/codium/codium", 1),
    linuxHost("cursor", ".cursor", "Cursor", "/usr/share/cursor/cursor", 2),
    linuxHost("windsurf", ".windsurf", "Windsurf", "/usr/share/windsurf/windsurf", 1),
    linuxHost("antigravity", ".antigravity", "Antigravity", "/usr/share/antigravity/antigravity", 1),
    ...REMOTE,
  ],
};

/** VS Code's target platform names, the suffix of platform-specific extension folders. */
export const TARGET_PLATFORM: Record<Os, string> = {
  windows: "win32-x64",
  macos: "darwin-arm64",
  linux: "linux-x64",
};

/**
 * The IDEs an extension may be installed in, as variants carrying the host's placeholders:
 * {extensions} {userData} {hostImage} {hostName} {forkImage} {forkFlag} {extensionsUri} {target}.
 * `only` restricts to the hosts whose marketplace carries the extension.
 */
export function hostVariants(os: Os, only?: readonly HostKey[]): Variant[] {
  return HOSTS[os]
    .filter((h) => !only || only.includes(h.host))
    .map((h) => ({
      key: `${h.host}:${h.extensions.split(/[\\/]/).slice(-2, -1)[0]}`,
      host: h.host,
      weight: h.weight,
      vars: {
        extensions: h.extensions,
        // VS Code hands forks file paths with a lower-case drive letter (a URI's fsPath).
        extensionsUri: h.extensions.replace("{home}", "{homeUri}"),
        userData: h.userData,
        hostImage: h.hostImage,
        hostName: h.hostImage.slice(
          Math.max(h.hostImage.lastIndexOf("\\"), h.hostImage.lastIndexOf("/")) + 1,
        ),
        forkImage: h.forkImage,
        forkFlag: h.forkFlag,
        target: TARGET_PLATFORM[os],
      },
    }));
}

/**
 * JetBrains IDE per-user plugin folders: %APPDATA%\JetBrains\<Product><version>\plugins,
 * ~/Library/Application Support/JetBrains/<Product><version>/plugins, and on Linux
 * ~/.local/share/JetBrains/<Product><version> (no "plugins" segment).
 * https://www.jetbrains.com/help/idea/directories-used-by-the-ide-to-store-settings-caches-plugins-and-logs.html
 * Process images: https://www.jetbrains.com/help/idea/installation-guide.html (Toolbox installs).
 */
const JETBRAINS_IDES: { product: string; exe: string; app: string; weight: number }[] = [
  { product: "IntelliJIdea2025.2", exe: "idea64.exe", app: "IntelliJ IDEA", weight: 5 },
  { product: "PyCharm2025.2", exe: "pycharm64.exe", app: "PyCharm", weight: 3 },
  { product: "WebStorm2025.3", exe: "webstorm64.exe", app: "WebStorm", weight: 2 },
  { product: "GoLand2025.2", exe: "goland64.exe", app: "GoLand", weight: 1 },
  { product: "Rider2025.3", exe: "rider64.exe", app: "Rider", weight: 1 },
];

export function jetbrainsVariants(os: Os): Variant[] {
  return JETBRAINS_IDES.map((ide) => {
    const linuxName = ide.exe.replace(/64\.exe$/, "");
    const plugins =
      os === "windows"
        ? `{home}\\AppData\\Roaming\\JetBrains\\${ide.product}\\plugins`
        : os === "macos"
          ? `{home}/Library/Application Support/JetBrains/${ide.product}/plugins`
          : `{home}/.local/share/JetBrains/${ide.product}`;
    const image =
      os === "windows"
        ? `{home}\\AppData\\Local\\Programs\\${ide.app}\\bin\\${ide.exe}`
        : os === "macos"
          ? `/Applications/${ide.app}.app/Contents/MacOS/${linuxName}`
          : `{home}/.local/share/JetBrains/Toolbox/apps/${linuxName}/bin/${linuxName}`;
    return {
      key: ide.product,
      host: "jetbrains" as const,
      weight: ide.weight,
      vars: {
        plugins,
        hostImage: image,
        hostName: image.slice(Math.max(image.lastIndexOf("\\"), image.lastIndexOf("/")) + 1),
        jbArch: os === "windows" ? "win32-x64" : os === "macos" ? "darwin-arm64" : "linux-x64",
      },
    };
  });
}

/**
 * Node.js installs a global npm package into {npmRoot}/<package> and its bin shim into {npmBin}
 * (https://docs.npmjs.com/cli/v11/configuring-npm/folders). How the agent then shows in a process
 * event depends on the launcher:
 * - Windows `.cmd` shims run `"node"  "%dp0%\node_modules\<entry>"`, where %dp0% ends in a
 *   backslash, so the path shows `npm\\node_modules`; `.ps1` shims pass `$basedir/node_modules/<entry>`
 *   with forward slashes (npm/cmd-shim lib/index.js).
 * - macOS/Linux bin links are symlinks to a `#!/usr/bin/env node` script: the kernel hands Node the
 *   path as invoked, so the command line is `node <bin dir>/<bin>` and names no package.
 * - Volta's shim starts Node on the package's own file (https://docs.volta.sh/advanced/installers):
 *   inferred from its layout ~/.volta/tools/image/packages/<package>/lib/node_modules/<package>.
 * Version managers: nvm (https://github.com/nvm-sh/nvm#installing-and-updating, ~/.nvm/versions/node/<v>),
 * nvm-windows (https://github.com/coreybutler/nvm-windows, C:\nvm4w\nodejs linked to
 * %LOCALAPPDATA%\nvm\<v>), fnm (https://github.com/Schniz/fnm), asdf (https://asdf-vm.com/guide/getting-started.html).
 * Placeholders a record must set: {bin} {pkg} {entry} (Windows separators) {entryFwd}.
 */
export function nodeVariants(os: Os): Variant[] {
  if (os === "windows") {
    const roaming = "{home}\\AppData\\Roaming\\npm";
    return [
      {
        key: "nodejs-msi-cmd",
        weight: 3,
        vars: {
          node: "C:\\Program Files\\nodejs\\node.exe",
          npmRoot: `${roaming}\\node_modules`,
          npmBin: roaming,
          launch: `"node"  "${roaming}\\\\node_modules\\{entry}"`,
          launcher: CMD,
          npmInstall: `"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" install -g {pkg}`,
        },
      },
      {
        key: "nodejs-msi-ps1",
        weight: 3,
        vars: {
          node: "C:\\Program Files\\nodejs\\node.exe",
          npmRoot: `${roaming}\\node_modules`,
          npmBin: roaming,
          launch: `"C:\\Program Files\\nodejs\\node.exe" ${roaming}/node_modules/{entryFwd}`,
          launcher: SHELLS.windows,
          npmInstall: `"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" install -g {pkg}`,
        },
      },
      {
        key: "nvm-windows",
        weight: 2,
        vars: {
          node: "{home}\\AppData\\Local\\nvm\\v22.21.1\\node.exe",
          npmRoot: "C:\\nvm4w\\nodejs\\node_modules",
          npmBin: "C:\\nvm4w\\nodejs",
          launch: `"C:\\nvm4w\\nodejs\\\\node.exe"  "C:\\nvm4w\\nodejs\\\\node_modules\\{entry}"`,
          launcher: CMD,
          npmInstall: `"C:\\nvm4w\\nodejs\\node.exe" "C:\\nvm4w\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" install -g {pkg}`,
        },
      },
    ];
  }
  const unix = (
    key: string,
    weight: number,
    node: string,
    root: string,
    bin: string,
    launch?: string,
  ): Variant => ({
    key,
    weight,
    vars: {
      node,
      npmRoot: root,
      npmBin: bin,
      launch: launch ?? `node ${bin}/{bin}`,
      launcher: SHELLS[os],
      npmInstall: `node ${bin}/npm install -g {pkg}`,
    },
  });
  const common = [
    unix(
      "nvm",
      4,
      "{home}/.nvm/versions/node/v22.21.1/bin/node",
      "{home}/.nvm/versions/node/v22.21.1/lib/node_modules",
      "{home}/.nvm/versions/node/v22.21.1/bin",
    ),
    unix(
      "volta",
      1,
      "{home}/.volta/tools/image/node/22.21.1/bin/node",
      "{home}/.volta/tools/image/packages/{pkg}/lib/node_modules",
      "{home}/.volta/bin",
      "{home}/.volta/tools/image/node/22.21.1/bin/node {home}/.volta/tools/image/packages/{pkg}/lib/node_modules/{entryFwd}",
    ),
    unix(
      "asdf",
      1,
      "{home}/.asdf/installs/nodejs/22.21.1/bin/node",
      "{home}/.asdf/installs/nodejs/22.21.1/lib/node_modules",
      "{home}/.asdf/installs/nodejs/22.21.1/bin",
    ),
    unix(
      "fnm",
      1,
      "{home}/.local/share/fnm/node-versions/v22.21.1/installation/bin/node",
      "{home}/.local/share/fnm/node-versions/v22.21.1/installation/lib/node_modules",
      "{home}/.local/state/fnm_multishells/{pid}_{ts}/bin",
    ),
  ];
  if (os === "macos")
    return [
      // Homebrew's node: https://formulae.brew.sh/formula/node (prefix /opt/homebrew on Apple silicon).
      unix(
        "homebrew-node",
        4,
        "/opt/homebrew/Cellar/node/25.2.1/bin/node",
        "/opt/homebrew/lib/node_modules",
        "/opt/homebrew/bin",
      ),
      // The nodejs.org macOS installer: /usr/local/bin/node, /usr/local/lib/node_modules.
      unix("nodejs-pkg", 2, "/usr/local/bin/node", "/usr/local/lib/node_modules", "/usr/local/bin"),
      ...common,
    ];
  return [
    // NodeSource / distribution packages install system-wide (npm's prefix is /usr).
    unix("distro-node", 3, "/usr/bin/node", "/usr/lib/node_modules", "/usr/bin"),
    // npm's documented fix for EACCES: a user prefix in ~/.npm-global
    // (https://docs.npmjs.com/resolving-eacces-permissions-errors-when-installing-packages-globally).
    unix(
      "npm-global-prefix",
      2,
      "/usr/bin/node",
      "{home}/.npm-global/lib/node_modules",
      "{home}/.npm-global/bin",
    ),
    ...common,
  ];
}

/**
 * Homebrew prefixes: /opt/homebrew on Apple silicon, /home/linuxbrew/.linuxbrew on Linux
 * (https://docs.brew.sh/Installation). Formulae live in <prefix>/Cellar/<formula>/<version>, casks
 * in <prefix>/Caskroom/<cask>/<version>, both linked into <prefix>/bin.
 */
export const BREW: Record<Exclude<Os, "windows">, string> = {
  macos: "/opt/homebrew",
  linux: "/home/linuxbrew/.linuxbrew",
};

/**
 * WinGet portable packages: the executable stays in
 * %LOCALAPPDATA%\Microsoft\WinGet\Packages\<Id>_Microsoft.Winget.Source_8wekyb3d8bbwe\ under its
 * own file name, a link of the command's name goes in %LOCALAPPDATA%\Microsoft\WinGet\Links, and
 * an Apps & Features entry is written under that same key
 * (https://github.com/microsoft/winget-cli/blob/master/doc/specs/%23182%20-%20Support%20for%20installation%20of%20portable%20standalone%20apps.md).
 */
export function wingetPackageDir(id: string): string {
  return `{home}\\AppData\\Local\\Microsoft\\WinGet\\Packages\\${id}_Microsoft.Winget.Source_8wekyb3d8bbwe`;
}

export const WINGET_CLIENT = "{home}\\AppData\\Local\\Microsoft\\WindowsApps\\winget.exe";
export const UNINSTALL_HKCU = "HKEY_USERS\\{sid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
export const UNINSTALL_HKLM = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
