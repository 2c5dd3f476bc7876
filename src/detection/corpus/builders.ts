// Record builders for install methods that lay files out the same way for every agent: npm global
// packages and their one-shot runners, Python tools (pipx, uv, pip, python -m), VS Code-family
// extensions and JetBrains plugins. Each builder states the package manager's layout once, with its
// source; the agent files give only what is the agent's own (package, entry point, config files).
import { BREW, hostVariants, jetbrainsVariants, nodeVariants, SHELLS } from "./layouts";
import type { FieldRecord, FileSighting, HostKey, Os, ProcessSighting, Variant } from "./types";

export const ALL_OS: readonly Os[] = ["windows", "macos", "linux"];

/** A path under the user's profile, written with "/" and turned into the OS's separators. */
export function inHome(os: Os, relative: string): string {
  return os === "windows" ? `{home}\\${relative.replace(/\//g, "\\")}` : `{home}/${relative}`;
}

export function winPath(path: string): string {
  return path.replace(/\//g, "\\");
}

interface Common {
  agentKey: string;
  versions: readonly string[];
  sources: readonly string[];
  inferred?: string;
}

/** Files the agent writes while it is used, relative to the profile ("/"-separated), per OS. */
export type UseFiles = (os: Os) => readonly string[];

function useFiles(os: Os, files: UseFiles | undefined, by?: string): FileSighting[] {
  return (files?.(os) ?? []).map((relative) => ({
    when: "use" as const,
    path: relative.startsWith("/") || /^[A-Z]:\\/.test(relative) ? relative : inHome(os, relative),
    by,
  }));
}

// ---------------------------------------------------------------------------------------------
// npm

export interface NpmPackage extends Common {
  pkg: string;
  bin: string;
  /** The bin script, relative to the package folder, "/"-separated. */
  entry: string;
  oses?: readonly Os[];
  files?: UseFiles;
  /** A native program the Node entry starts (path relative to {npmRoot}, "/"-separated). */
  child?: (os: Os) => { path: string; commandLine?: string } | undefined;
  agentsInfo?: { name: string; vendor: string };
}

function packageVars(p: NpmPackage): Record<string, string> {
  const entry = `${p.pkg}/${p.entry}`;
  return { pkg: p.pkg, bin: p.bin, entry: winPath(entry), entryFwd: entry };
}

function nativeChild(p: NpmPackage, os: Os, parent: string, root = "{npmRoot}"): ProcessSighting[] {
  const child = p.child?.(os);
  if (!child) return [];
  const image = os === "windows" ? `${root}\\${winPath(child.path)}` : `${root}/${child.path}`;
  return [{ when: "use", image, commandLine: child.commandLine ?? `"${image}"`, parent }];
}

/**
 * `npm install -g <pkg>`: the package in {npmRoot}/<pkg>, bin shims in {npmBin}; each use is Node
 * started through the shim (layouts.ts nodeVariants). Sources: https://docs.npmjs.com/cli/v11/commands/npm-install
 * and https://docs.npmjs.com/cli/v11/configuring-npm/folders.
 */
export function npmGlobal(p: NpmPackage): FieldRecord[] {
  return (p.oses ?? ALL_OS).map((os) => {
    const sep = os === "windows" ? "\\" : "/";
    const pkgDir = `{npmRoot}${sep}${os === "windows" ? winPath(p.pkg) : p.pkg}`;
    return {
      id: `${p.agentKey}:npm-global:${p.pkg}:${os}`,
      agentKey: p.agentKey,
      channel: "CLI",
      method: "npm-global",
      os,
      versions: p.versions,
      vars: packageVars(p),
      variants: nodeVariants(os),
      processes: [
        { when: "install", image: "{node}", commandLine: "{npmInstall}", parent: SHELLS[os] },
        { when: "use", image: "{node}", commandLine: "{launch}", parent: "{launcher}" },
        ...nativeChild(p, os, "{node}"),
      ],
      files: [
        { when: "install", path: `${pkgDir}${sep}package.json`, by: "{node}" },
        ...(os === "windows"
          ? [{ when: "install" as const, path: `{npmBin}\\${p.bin}.cmd`, by: "{node}" }]
          : []),
        ...useFiles(os, p.files, "{node}"),
        { when: "remove", path: `${pkgDir}${sep}package.json`, by: "{node}" },
      ],
      agentsInfo: p.agentsInfo && {
        ...p.agentsInfo,
        relatedProcess: os === "windows" ? "node.exe" : "node",
      },
      sources: [...p.sources, "https://docs.npmjs.com/cli/v11/configuring-npm/folders"],
      inferred: p.inferred,
    };
  });
}

/** A stable 16-hex-digit folder name for a package in npx's cache (npm hashes the spec; value synthetic). */
function npxFolder(pkg: string): string {
  let h = 0x811c9dc5;
  for (const ch of pkg) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (h.toString(16).padStart(8, "0") + (h ^ 0x5bd1e995).toString(16).padStart(8, "0")).slice(0, 16);
}

/**
 * One-shot runners, which leave no global install: `npx -y <pkg>` caches the package in
 * ~/.npm/_npx/<hash>/node_modules (Windows %LOCALAPPDATA%\npm-cache\_npx) and runs its
 * node_modules/.bin link (https://docs.npmjs.com/cli/v11/commands/npx); `pnpm dlx` caches under
 * ~/.cache/pnpm/dlx/<hash>/<time>/node_modules, whose .bin shims point into the versioned
 * .pnpm/<name>@<version> store folder (https://pnpm.io/cli/dlx); `bunx` installs into
 * $TMPDIR/bunx-<uid>-<pkg>@latest (https://bun.sh/docs/cli/bunx; folder name inferred).
 */
export function oneShot(p: NpmPackage, runner: "npx" | "pnpm-dlx" | "bunx"): FieldRecord[] {
  const folder = npxFolder(p.pkg);
  return (p.oses ?? ALL_OS)
    .filter((os) => runner === "npx" || os !== "windows")
    .map((os) => {
      const vars: Record<string, string> = {
        ...packageVars(p),
        npxFolder: folder,
        storePkg: p.pkg.replace("/", "+"),
      };
      let start: ProcessSighting;
      let run: ProcessSighting;
      let root: string;
      if (runner === "npx" && os === "windows") {
        root = "{home}\\AppData\\Local\\npm-cache\\_npx\\{npxFolder}\\node_modules";
        start = {
          when: "use",
          image: "C:\\Program Files\\nodejs\\node.exe",
          commandLine: `"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npx-cli.js" -y {pkg}`,
          parent: SHELLS.windows,
        };
        run = {
          when: "use",
          image: "C:\\Program Files\\nodejs\\node.exe",
          commandLine: `"node"  "${root}\\.bin\\\\..\\{entry}"`,
          parent: "C:\\Windows\\System32\\cmd.exe",
        };
      } else if (runner === "npx") {
        root = "{home}/.npm/_npx/{npxFolder}/node_modules";
        start = {
          when: "use",
          image: "{node}",
          commandLine: "node {npmBin}/npx -y {pkg}",
          parent: SHELLS[os],
        };
        run = { when: "use", image: "{node}", commandLine: `node ${root}/.bin/{bin}`, parent: "/bin/sh" };
      } else if (runner === "pnpm-dlx") {
        root = "{home}/.cache/pnpm/dlx/{npxFolder}/19a4e5c2d1b-3f1a/node_modules";
        start = {
          when: "use",
          image: "{node}",
          commandLine: "node {npmBin}/pnpm dlx {pkg}",
          parent: SHELLS[os],
        };
        run = {
          when: "use",
          image: "{node}",
          commandLine: `node ${root}/.pnpm/{storePkg}@{version}/node_modules/{entryFwd}`,
          parent: "/bin/sh",
        };
      } else {
        root = "/tmp/bunx-1000-{pkg}@latest/node_modules";
        start = { when: "use", image: "{home}/.bun/bin/bun", commandLine: "bunx {pkg}", parent: SHELLS[os] };
        run = {
          when: "use",
          image: "{node}",
          commandLine: `node ${root}/.bin/{bin}`,
          parent: "{home}/.bun/bin/bun",
        };
      }
      return {
        id: `${p.agentKey}:${runner}:${p.pkg}:${os}`,
        agentKey: p.agentKey,
        channel: "CLI" as const,
        method: runner,
        os,
        versions: p.versions,
        vars,
        variants: os === "windows" ? undefined : nodeVariants(os).filter((v) => v.key !== "volta"),
        processes: [start, run, ...nativeChild(p, os, run.image, root)],
        files: useFiles(os, p.files, run.image),
        sources: [
          ...p.sources,
          runner === "npx"
            ? "https://docs.npmjs.com/cli/v11/commands/npx"
            : runner === "pnpm-dlx"
              ? "https://pnpm.io/cli/dlx"
              : "https://bun.sh/docs/cli/bunx",
        ],
        inferred: [p.inferred, "cache folder names are synthetic; bunx's temporary folder name is inferred"]
          .filter(Boolean)
          .join("; "),
      };
    });
}

/**
 * A Homebrew formula of an npm package: `npm install` into <prefix>/Cellar/<formula>/<version>/libexec,
 * `bin/<bin>` linked into <prefix>/bin; Homebrew rewrites the shebang to its own node
 * (<prefix>/opt/node/bin/node), so a use is that Node on <prefix>/bin/<bin>
 * (https://docs.brew.sh/Node-for-Formula-Authors).
 */
export function brewNpmFormula(p: NpmPackage, formula: string): FieldRecord[] {
  return (["macos", "linux"] as const).map((os) => {
    const brew = BREW[os];
    const cellar = `${brew}/Cellar/${formula}/{version}`;
    return {
      id: `${p.agentKey}:homebrew-formula:${formula}:${os}`,
      agentKey: p.agentKey,
      channel: "CLI" as const,
      method: "homebrew-formula" as const,
      os,
      versions: p.versions,
      vars: { ...packageVars(p), npmRoot: `${cellar}/libexec/lib/node_modules` },
      processes: [
        {
          when: "install",
          image: `${brew}/Library/Homebrew/vendor/portable-ruby/current/bin/ruby`,
          commandLine: `${brew}/Library/Homebrew/vendor/portable-ruby/current/bin/ruby -W1 -- ${brew}/Library/Homebrew/brew.rb install ${formula}`,
          parent: SHELLS[os],
        },
        {
          when: "use",
          image: `${brew}/Cellar/node/25.2.1/bin/node`,
          commandLine: `${brew}/opt/node/bin/node ${brew}/bin/{bin}`,
          parent: SHELLS[os],
        },
        ...nativeChild(p, os, `${brew}/Cellar/node/25.2.1/bin/node`),
      ],
      files: [
        { when: "install", path: `${cellar}/libexec/lib/node_modules/${p.pkg}/package.json` },
        ...useFiles(os, p.files, `${brew}/Cellar/node/25.2.1/bin/node`),
        { when: "remove", path: `${cellar}/libexec/lib/node_modules/${p.pkg}/package.json` },
      ],
      sources: [
        ...p.sources,
        `https://formulae.brew.sh/formula/${formula}`,
        "https://docs.brew.sh/Node-for-Formula-Authors",
      ],
      inferred: p.inferred,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Python

export interface PythonTool extends Common {
  /** The PyPI distribution ("aider-chat") and its import name ("aider"). */
  dist: string;
  module: string;
  bin: string;
  files?: UseFiles;
}

function distInfo(p: PythonTool): string {
  return `${p.dist.replace(/-/g, "_")}-{version}.dist-info`;
}

/**
 * The ways a Python CLI is installed and started, per https://packaging.python.org/en/latest/guides/installing-stand-alone-command-line-tools/:
 * - pipx: a venv in ~/.local/share/pipx/venvs/<dist> (pipx ≥1.3; ~/pipx/venvs on Windows), its
 *   script linked into ~/.local/bin (https://pipx.pypa.io/stable/installation/#installation-options);
 * - uv tool: a venv in ~/.local/share/uv/tools/<dist> (%APPDATA%\uv\tools on Windows), script in
 *   ~/.local/bin (https://docs.astral.sh/uv/concepts/tools/#tool-executables);
 * - pip --user: scripts in ~/.local/bin, %APPDATA%\Python\Python312\Scripts on Windows
 *   (https://packaging.python.org/en/latest/tutorials/installing-packages/#installing-to-the-user-site);
 * - `python -m <module>` / `py -m <module>` (https://docs.python.org/3/using/windows.html#python-launcher-for-windows);
 * - `uvx --from <dist> <bin>` runs from ~/.cache/uv/archive-v0/<hash> (https://docs.astral.sh/uv/guides/tools/).
 * On macOS/Linux a script's shebang names the venv's python, so the command line is
 * `<venv>/bin/python <bin path as invoked>`; the process image is the base interpreter the venv
 * links to. Windows console scripts are launcher .exe files that start `python.exe "<script>.exe"`
 * (distlib's launcher, https://github.com/pypa/distlib/blob/master/PC/launcher.c). The version is
 * visible only in the `<dist>-<version>.dist-info` folder written at install.
 */
export function pythonTool(p: PythonTool): FieldRecord[] {
  const records: FieldRecord[] = [];
  const dist = distInfo(p);
  for (const os of ALL_OS) {
    const basePython =
      os === "windows"
        ? "{home}\\AppData\\Local\\Programs\\Python\\Python312\\python.exe"
        : os === "macos"
          ? "/opt/homebrew/Cellar/python@3.12/3.12.12/Frameworks/Python.framework/Versions/3.12/bin/python3.12"
          : "/usr/bin/python3.12";
    const venvs: { method: "pipx" | "uv-tool"; venv: string; bin: string; source: string }[] =
      os === "windows"
        ? [
            {
              method: "pipx",
              venv: `{home}\\pipx\\venvs\\${p.dist}`,
              bin: `{home}\\.local\\bin\\${p.bin}.exe`,
              source: "https://pipx.pypa.io/stable/installation/",
            },
            {
              method: "uv-tool",
              venv: `{home}\\AppData\\Roaming\\uv\\tools\\${p.dist}`,
              bin: `{home}\\.local\\bin\\${p.bin}.exe`,
              source: "https://docs.astral.sh/uv/concepts/tools/",
            },
          ]
        : [
            {
              method: "pipx",
              venv: `{home}/.local/share/pipx/venvs/${p.dist}`,
              bin: `{home}/.local/bin/${p.bin}`,
              source: "https://pipx.pypa.io/stable/installation/",
            },
            {
              method: "uv-tool",
              venv: `{home}/.local/share/uv/tools/${p.dist}`,
              bin: `{home}/.local/bin/${p.bin}`,
              source: "https://docs.astral.sh/uv/concepts/tools/",
            },
          ];
    for (const v of venvs) {
      const site =
        os === "windows"
          ? `${v.venv}\\Lib\\site-packages\\${dist}`
          : `${v.venv}/lib/python3.12/site-packages/${dist}`;
      const venvPython = os === "windows" ? `${v.venv}\\Scripts\\python.exe` : `${v.venv}/bin/python`;
      const installer =
        v.method === "pipx"
          ? {
              image: basePython,
              commandLine: `${os === "windows" ? `"${basePython}"` : "python3"} -m pipx install ${p.dist}`,
            }
          : {
              image: os === "windows" ? "{home}\\.local\\bin\\uv.exe" : "{home}/.local/bin/uv",
              commandLine: `uv tool install ${p.dist}`,
            };
      records.push({
        id: `${p.agentKey}:${v.method}:${p.dist}:${os}`,
        agentKey: p.agentKey,
        channel: "CLI",
        method: v.method,
        os,
        versions: p.versions,
        processes: [
          { when: "install", ...installer, parent: SHELLS[os] },
          ...(os === "windows"
            ? [
                { when: "use" as const, image: v.bin, commandLine: `"${v.bin}"`, parent: SHELLS.windows },
                {
                  when: "use" as const,
                  image: venvPython,
                  commandLine: `"${venvPython}" "${v.bin}"`,
                  parent: v.bin,
                },
              ]
            : [
                {
                  when: "use" as const,
                  image: basePython,
                  commandLine: `${venvPython} ${v.bin}`,
                  parent: SHELLS[os],
                },
              ]),
        ],
        files: [
          { when: "install", path: `${site}${os === "windows" ? "\\" : "/"}METADATA`, by: installer.image },
          ...useFiles(os, p.files, os === "windows" ? venvPython : basePython),
          { when: "remove", path: `${site}${os === "windows" ? "\\" : "/"}METADATA`, by: installer.image },
        ],
        sources: [...p.sources, v.source],
        inferred: p.inferred,
      });
    }
    // pip --user, then `python -m` / `py -m`.
    const userScripts = os === "windows" ? "{home}\\AppData\\Roaming\\Python\\Python312" : "{home}/.local";
    const userSite =
      os === "windows"
        ? `${userScripts}\\site-packages\\${dist}`
        : `${userScripts}/lib/python3.12/site-packages/${dist}`;
    records.push({
      id: `${p.agentKey}:pip:${p.dist}:${os}`,
      agentKey: p.agentKey,
      channel: "CLI",
      method: "pip",
      os,
      versions: p.versions,
      processes: [
        {
          when: "install",
          image: basePython,
          commandLine:
            os === "windows"
              ? `"${basePython}" -m pip install --user ${p.dist}`
              : `python3 -m pip install --user ${p.dist}`,
          parent: SHELLS[os],
        },
        ...(os === "windows"
          ? [
              {
                when: "use" as const,
                image: `${userScripts}\\Scripts\\${p.bin}.exe`,
                commandLine: p.bin,
                parent: SHELLS.windows,
              },
              {
                when: "use" as const,
                image: basePython,
                commandLine: `"${basePython}" "${userScripts}\\Scripts\\${p.bin}.exe"`,
                parent: `${userScripts}\\Scripts\\${p.bin}.exe`,
              },
            ]
          : [
              {
                when: "use" as const,
                image: basePython,
                commandLine: `/usr/bin/python3 ${userScripts}/bin/${p.bin}`,
                parent: SHELLS[os],
              },
            ]),
      ],
      files: [
        { when: "install", path: `${userSite}${os === "windows" ? "\\" : "/"}METADATA`, by: basePython },
        ...useFiles(os, p.files, basePython),
        { when: "remove", path: `${userSite}${os === "windows" ? "\\" : "/"}METADATA`, by: basePython },
      ],
      sources: [
        ...p.sources,
        "https://packaging.python.org/en/latest/tutorials/installing-packages/#installing-to-the-user-site",
      ],
      inferred: p.inferred,
    });
    records.push({
      id: `${p.agentKey}:python-module:${p.dist}:${os}`,
      agentKey: p.agentKey,
      channel: "CLI",
      method: "python-module",
      os,
      versions: p.versions,
      processes:
        os === "windows"
          ? [
              {
                when: "use",
                image: "C:\\Windows\\py.exe",
                commandLine: `py -m ${p.module}`,
                parent: SHELLS.windows,
              },
              {
                when: "use",
                image: basePython,
                commandLine: `"${basePython}" -m ${p.module}`,
                parent: "C:\\Windows\\py.exe",
              },
            ]
          : [{ when: "use", image: basePython, commandLine: `python3 -m ${p.module}`, parent: SHELLS[os] }],
      files: [
        { when: "install", path: `${userSite}${os === "windows" ? "\\" : "/"}METADATA`, by: basePython },
        ...useFiles(os, p.files, basePython),
        { when: "remove", path: `${userSite}${os === "windows" ? "\\" : "/"}METADATA`, by: basePython },
      ],
      sources: [...p.sources, "https://docs.python.org/3/using/cmdline.html#cmdoption-m"],
      inferred: p.inferred,
    });
    if (os !== "windows")
      records.push({
        id: `${p.agentKey}:uvx:${p.dist}:${os}`,
        agentKey: p.agentKey,
        channel: "CLI",
        method: "uvx",
        os,
        versions: p.versions,
        processes: [
          {
            when: "use",
            image: "{home}/.local/bin/uv",
            commandLine: `uvx --from ${p.dist} ${p.bin}`,
            parent: SHELLS[os],
          },
          {
            when: "use",
            image: basePython,
            commandLine: `{home}/.cache/uv/archive-v0/8Kq3rNvLmD2xYpT0aZ1bC/bin/python {home}/.cache/uv/archive-v0/8Kq3rNvLmD2xYpT0aZ1bC/bin/${p.bin}`,
            parent: "{home}/.local/bin/uv",
          },
        ],
        files: useFiles(os, p.files, basePython),
        sources: [...p.sources, "https://docs.astral.sh/uv/guides/tools/"],
        inferred: [p.inferred, "the archive folder name is synthetic"].filter(Boolean).join("; "),
      });
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// VS Code-family extensions and JetBrains plugins

export interface Extension extends Common {
  /** `publisher.name`, lower case: the extension folder's prefix. */
  id: string;
  /** Platform-specific builds add `-<target>` (win32-x64…) to the folder name. */
  platformSpecific?: boolean;
  /** Hosts whose marketplace carries it (Open VSX for VSCodium, Cursor, Windsurf, Trae, Kiro, Antigravity). */
  hosts?: readonly HostKey[];
  /** Native or Node helpers the extension starts while used (templates; {ext} is its folder). */
  helpers?: (os: Os) => ProcessSighting[];
  /** Files under globalStorage/<id>/ written while used ("/"-separated). */
  storage?: readonly string[];
  /** Other files written while used (templates), and the image that writes them (the IDE's by default). */
  extraFiles?: (os: Os) => readonly { path: string; by?: string }[];
  agentsInfo?: { name: string; vendor: string };
  /** A companion extension installed beside it (a chat add-on): present, but its version is not the agent's. */
  companion?: { id: string; versions: readonly string[] };
}

/**
 * An extension in every host that carries it. Its folder is `<extensions>/<publisher>.<name>-<version>[-<target>]`
 * (https://code.visualstudio.com/api/working-with-extensions/publishing-extension#platformspecific-extensions),
 * written by the IDE at install and deleted at uninstall; state under `<userData>/globalStorage/<publisher>.<name>`
 * (https://code.visualstudio.com/api/extension-capabilities/common-capabilities#data-storage).
 */
export function vsExtension(e: Extension): FieldRecord[] {
  return ALL_OS.map((os) => {
    const sep = os === "windows" ? "\\" : "/";
    const folder = `${e.id}-{version}${e.platformSpecific ? "-{target}" : ""}`;
    const companion = e.companion ? `${e.companion.id}-{companionVersion}` : undefined;
    return {
      id: `${e.agentKey}:extension:${e.id}:${os}`,
      agentKey: e.agentKey,
      channel: "IDE_EXTENSION",
      method: "vscode-marketplace",
      os,
      versions: e.versions,
      vars: {
        ext: `{extensions}${sep}${folder}`,
        extUri: `{extensionsUri}${sep}${folder}`,
        storage: `{userData}${sep}globalStorage${sep}${e.id}`,
        companionVersion: e.companion?.versions.at(-1) ?? "",
      },
      variants: hostVariants(os, e.hosts),
      processes: e.helpers?.(os),
      files: [
        { when: "install", path: `{ext}${sep}package.json`, by: "{forkImage}" },
        ...(companion
          ? [
              {
                when: "install" as const,
                path: `{extensions}${sep}${companion}${sep}package.json`,
                by: "{forkImage}",
              },
            ]
          : []),
        ...(e.storage ?? []).map((f) => ({
          when: "use" as const,
          path: `{storage}${sep}${os === "windows" ? winPath(f) : f}`,
          by: "{forkImage}",
        })),
        ...(e.extraFiles?.(os) ?? []).map((f) => ({
          when: "use" as const,
          path: f.path,
          by: f.by ?? "{forkImage}",
        })),
        { when: "remove", path: `{ext}${sep}package.json`, by: "{forkImage}" },
        // Removing the agent removes its companion too: a chat add-on left behind would still be the agent.
        ...(companion
          ? [
              {
                when: "remove" as const,
                path: `{extensions}${sep}${companion}${sep}package.json`,
                by: "{forkImage}",
              },
            ]
          : []),
      ],
      agentsInfo: e.agentsInfo && { ...e.agentsInfo, relatedProcess: "{hostName}" },
      sources: [
        ...e.sources,
        `https://marketplace.visualstudio.com/items?itemName=${e.id}`,
        "https://code.visualstudio.com/docs/configure/extensions/extension-marketplace#_where-are-extensions-installed",
      ],
      inferred: e.inferred,
    };
  });
}

export interface Plugin extends Common {
  pluginId: string;
  /** The plugin's folder under the IDE's plugins folder. */
  folder: string;
  /** The plugin's main jar, with {version}. */
  jar: string;
  helpers?: (os: Os) => ProcessSighting[];
  extraFiles?: (os: Os) => readonly string[];
}

/** A JetBrains Marketplace plugin: `<plugins>/<folder>/lib/<jar>` (layouts.ts jetbrainsVariants). */
export function jetbrainsPlugin(p: Plugin): FieldRecord[] {
  return ALL_OS.map((os) => {
    const sep = os === "windows" ? "\\" : "/";
    const jar = `{plugins}${sep}${p.folder}${sep}lib${sep}${p.jar}`;
    return {
      id: `${p.agentKey}:jetbrains:${p.pluginId}:${os}`,
      agentKey: p.agentKey,
      channel: "IDE_EXTENSION",
      method: "jetbrains-marketplace",
      os,
      versions: p.versions,
      vars: { plugin: `{plugins}${sep}${p.folder}` },
      variants: jetbrainsVariants(os),
      processes: p.helpers?.(os),
      files: [
        { when: "install", path: jar, by: "{hostImage}" },
        ...(p.extraFiles?.(os) ?? []).map((path) => ({ when: "use" as const, path, by: "{hostImage}" })),
        { when: "remove", path: jar, by: "{hostImage}" },
      ],
      sources: [
        ...p.sources,
        "https://www.jetbrains.com/help/idea/directories-used-by-the-ide-to-store-settings-caches-plugins-and-logs.html",
      ],
      inferred: p.inferred,
    };
  });
}

/** Variants for records with no alternative layouts. */
export const NO_VARIANTS: readonly Variant[] = [];
