// The catalog compiled once into maps and sets, so matching a row is a few hash lookups, and the
// readers of paths and command lines that use them.
import {
  CATALOG,
  IDE_HOSTS,
  LAUNCHERS,
  LOOK_ALIKES,
  type AgentDefinition,
  type ProcessRule,
  type SoftwareRule,
} from "./catalog";
import {
  baseName,
  commandLineArgs,
  homeRelative,
  leadingVersion,
  normalizeCommandLine,
  parentName,
  parseExtensionFolder,
  pathHas,
  segmentEnd,
} from "./paths";
import type { Channel, HostIde } from "./types";

export interface AgentChannel {
  agentKey: string;
  channel: Channel;
}

/** What a software row under one normalized name stands for. */
export interface SoftwareTarget extends AgentChannel {
  hostIde?: HostIde;
}

export interface VendorRules {
  names: Map<string, SoftwareTarget>;
  /** [prefix ending in "_", target] */
  prefixes: [string, SoftwareTarget][];
}

/** Legal-entity endings installers put in publisher strings ("Anysphere, Inc." → "anysphere,_inc."). */
const LEGAL_SUFFIX =
  /[,_.]+(?:inc|incorporated|llc|l\.l\.c|pbc|ltd|limited|gmbh|corp|corporation|co|company|s\.r\.o|sro|ag|sa|s\.a|b\.v|bv|pty|pte|plc|oy|ab|kk|srl|spa)\.?$/;

/** Display-name endings that say how or for whom it was installed, not what it is. */
const NAME_SUFFIX =
  /_(?:\((?:user|machine|system|per-user|x64|x86|arm64|64-bit|32-bit)\)|x64|x86|arm64|64-bit|32-bit|for_windows|for_macos|for_mac|for_linux|version_v?\d[\w.-]*|v?\d+(?:\.\d+)+[\w.-]*)$/;

function tokenOf(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, "_");
}

function stripRepeatedly(token: string, suffix: RegExp, trailing?: RegExp): string {
  let current = token;
  for (let previous = ""; previous !== current;) {
    previous = current;
    current = current.replace(suffix, "");
    if (trailing) current = current.replace(trailing, "");
  }
  return current;
}

/** A software vendor as Defender derives it from a publisher, without legal form or punctuation. */
export function normalizeVendor(raw: string): string {
  return stripRepeatedly(tokenOf(raw), LEGAL_SUFFIX, /[,._-]+$/);
}

/** A software name without per-user, architecture, platform or version endings. */
export function normalizeSoftwareName(raw: string): string {
  return stripRepeatedly(tokenOf(raw), NAME_SUFFIX);
}

/** The target a normalized software name belongs to under one vendor. */
export function softwareTarget(rules: VendorRules, name: string): SoftwareTarget | undefined {
  return rules.names.get(name) ?? rules.prefixes.find(([prefix]) => name.startsWith(prefix))?.[1];
}

/** A company or product name from version info, as words: "GitHub, Inc." → "github inc". */
export function normalizePublisher(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

interface ImageRule extends AgentChannel {
  /** Paths that vouch for the image (folders, Homebrew, pipx/uv tool folders). */
  folders: string[];
  publishers: string[];
  exceptFolders: string[];
  /** A name distinctive enough to stand alone. */
  alone: boolean;
}

interface FolderRule extends AgentChannel {
  folders: string[];
}

interface KeyedFileRule extends AgentChannel {
  path: string;
  shared: boolean;
}

export interface ExtensionId {
  agentKey: string;
  /** The agent's own extension (its version is the agent's), not a companion add-on. */
  main: boolean;
}

/** Command-line markers as written in the catalog ("/"), and in both slash directions for KQL. */
export function markerVariants(marker: string): string[] {
  return marker.includes("/") ? [marker, marker.replaceAll("/", "\\")] : [marker];
}

/** PEP 503 name normalization: "Aider_Chat" and "aider.chat" are "aider-chat". */
export function normalizeDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** Where pipx and uv keep one environment per installed tool. */
export function toolFolders(dist: string): string[] {
  return [`pipx/venvs/${dist}`, `uv/tools/${dist}`];
}

/** Where WinGet keeps a portable package: `WinGet/Packages/<PackageIdentifier>_<source id>/`. */
export function wingetFolder(id: string): string {
  return `winget/packages/${id.toLowerCase()}_*`;
}

/** The channels an installation on a device can have (browser extensions come from their own inventory). */
export const INSTALLED_CHANNELS: Channel[] = ["CLI", "DESKTOP_APP", "IDE_EXTENSION"];

function compileCatalog(catalog: AgentDefinition[]) {
  const softwareByVendor = new Map<string, VendorRules>();
  const extensions = new Map<string, ExtensionId>();
  const jetbrainsPlugins = new Map<string, string>();
  const browserExtensions = new Map<string, string>();
  const agentsInfoNames = new Map<string, AgentChannel & { candidates: Channel[] }>();
  const npm = new Map<string, AgentChannel>();
  const pypi = new Map<string, AgentChannel>();
  const modules = new Map<string, AgentChannel>();
  const homebrew = new Map<string, AgentChannel>();
  const winget = new Map<string, AgentChannel>();
  const msix = new Map<string, AgentChannel>();
  const installers: [string, AgentChannel][] = [];
  const installScripts: [string, AgentChannel][] = [];
  const scripts = new Map<string, AgentChannel>();
  const imageRules = new Map<string, ImageRule[]>();
  const folderRules: FolderRule[] = [];
  const fileRulesByName = new Map<string, KeyedFileRule[]>();
  const dataFolders: (AgentChannel & { path: string; shared: boolean })[] = [];

  const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => map.set(key, [...(map.get(key) ?? []), value]);
  const addSoftware = (rule: SoftwareRule, agentKey: string) => {
    const target: SoftwareTarget = {
      agentKey,
      channel: rule.channel ?? "DESKTOP_APP",
      hostIde: rule.hostIde,
    };
    for (const vendor of rule.vendors.map(normalizeVendor)) {
      const rules: VendorRules = softwareByVendor.get(vendor) ?? { names: new Map(), prefixes: [] };
      for (const name of rule.names) rules.names.set(normalizeSoftwareName(name), target);
      for (const prefix of rule.namePrefixes ?? []) rules.prefixes.push([`${prefix}_`, target]);
      softwareByVendor.set(vendor, rules);
    }
  };
  const addProcess = (rule: ProcessRule, agentKey: string) => {
    const target = { agentKey, channel: rule.channel };
    for (const name of rule.npm ?? []) npm.set(name, target);
    for (const name of rule.pypi ?? []) pypi.set(normalizeDistribution(name), target);
    for (const name of rule.modules ?? []) modules.set(name, target);
    for (const name of rule.homebrew ?? []) homebrew.set(name, target);
    for (const id of rule.winget ?? []) winget.set(id.toLowerCase(), target);
    for (const family of rule.msix ?? []) msix.set(family.toLowerCase(), target);
    for (const name of rule.installers ?? []) installers.push([name.toLowerCase(), target]);
    for (const url of rule.installScripts ?? []) installScripts.push([url.toLowerCase(), target]);
    for (const name of rule.scripts ?? []) scripts.set(name, target);
    if (rule.images) {
      const folders = [
        ...(rule.folders ?? []),
        ...(rule.homebrew ?? []),
        ...(rule.pypi ?? []).flatMap(toolFolders),
        ...(rule.winget ?? []).map(wingetFolder),
      ];
      const publishers = (rule.publishers ?? []).map(normalizePublisher);
      const compiled: ImageRule = {
        ...target,
        folders,
        publishers,
        exceptFolders: rule.exceptFolders ?? [],
        alone: folders.length === 0 && publishers.length === 0,
      };
      for (const image of rule.images) add(imageRules, image.toLowerCase(), compiled);
    } else if (rule.folders) {
      folderRules.push({ ...target, folders: rule.folders });
    }
  };

  for (const agent of catalog) {
    const agentKey = agent.key;
    for (const rule of agent.software ?? []) addSoftware(rule, agentKey);
    for (const rule of agent.processes ?? []) addProcess(rule, agentKey);
    (agent.ideExtensions ?? []).forEach((id, i) => extensions.set(id, { agentKey, main: i === 0 }));
    for (const id of agent.companionExtensions ?? []) extensions.set(id, { agentKey, main: false });
    for (const id of agent.jetbrainsPlugins ?? []) jetbrainsPlugins.set(id.toLowerCase(), agentKey);
    for (const id of agent.browserExtensions ?? []) browserExtensions.set(id.toLowerCase(), agentKey);
    // A name may stand for any installation of the agent but those its other names stand for ("Codex
    // CLI" is not the Codex app): "Claude Code" names the CLI and the VS Code extension alike.
    for (const { name, channel } of agent.agentsInfo ?? []) {
      const named = (agent.agentsInfo ?? []).filter((n) => n.channel !== channel).map((n) => n.channel);
      const candidates = INSTALLED_CHANNELS.filter((c) => !named.includes(c));
      agentsInfoNames.set(name.toLowerCase(), { agentKey, channel, candidates });
    }
    for (const { path, channel, shared } of agent.files ?? []) {
      const rule = { agentKey, channel, path: path.toLowerCase(), shared: shared === true };
      add(fileRulesByName, rule.path.split("/").pop() as string, rule);
    }
    for (const { path, channel, shared } of agent.dataFolders ?? [])
      dataFolders.push({ agentKey, channel, path: path.toLowerCase(), shared: shared === true });
  }
  // A corroborated image rule is more specific than the same image anywhere.
  for (const rules of imageRules.values()) rules.sort((a, b) => Number(a.alone) - Number(b.alone));
  // "traecn" is tried before "trae", ".gemini/antigravity" before ".gemini".
  installers.sort((a, b) => b[0].length - a[0].length);
  dataFolders.sort((a, b) => b.path.length - a.path.length);

  return {
    softwareByVendor,
    extensions,
    jetbrainsPlugins,
    browserExtensions,
    agentsInfoNames,
    npm,
    pypi,
    modules,
    homebrew,
    winget,
    msix,
    installers,
    installScripts,
    scripts,
    imageRules,
    folderRules,
    fileRulesByName,
    dataFolders,
  };
}

export const LOOKUP = compileCatalog(CATALOG);

const hostByRoot = new Map<string, HostIde>();
const hostByProcess = new Map<string, HostIde>();
/** [data folder, host], longest first so ".vscode-server/data" wins over a bare "data". */
const hostDataFolders: [string, HostIde][] = [];
for (const host of IDE_HOSTS) {
  for (const root of host.roots) hostByRoot.set(root, host.key);
  for (const folder of host.dataFolders) hostDataFolders.push([folder, host.key]);
  for (const process of host.processes) hostByProcess.set(process, host.key);
}
hostDataFolders.sort((a, b) => b[0].length - a[0].length);

/**
 * A process name that is an agent's own program, a native install named by its version (Claude Code
 * runs `versions/<v>`), or an interpreter: nothing an IDE runs as.
 */
export function runsOutsideIde(process: string): boolean {
  const image = process.toLowerCase().split(/[\\/]/).pop() ?? "";
  const program = image.replace(/\.exe$/, "");
  return (
    leadingVersion(program) === program ||
    LOOKUP.imageRules.has(image) ||
    LOOKUP.imageRules.has(`${program}.exe`) ||
    LOOKUP.imageRules.has(program) ||
    NODE.has(program) ||
    isPython(program)
  );
}

export function hostFromProcessName(process: string): HostIde | undefined {
  const image = process.toLowerCase().split(/[\\/]/).pop() ?? "";
  return hostByProcess.get(image);
}

/** The IDE whose user data folder `<data>/user/` ends at `at` in `text`. */
function hostOfDataFolder(text: string, at: number): HostIde | undefined {
  for (const [folder, host] of hostDataFolders) {
    const start = at - folder.length - 1;
    if (start >= 0 && text[start] === "/" && text.startsWith(folder, start + 1)) return host;
  }
  return undefined;
}

const agentIdes = new Set(CATALOG.map((a) => a.key));

/**
 * The agent IDE (Cursor, Windsurf, Kiro…) whose own user data folder `<data folder>/User/` holds this
 * path: the IDE writes its state there while it is used.
 */
export function agentIdeOfDataFolder(normalized: string): HostIde | undefined {
  const relative = homeRelative(normalized);
  if (relative === undefined) return undefined;
  for (const [folder, host] of hostDataFolders) {
    if (!agentIdes.has(host)) continue;
    // Electron's user data on each OS, or a remote server's own data folder in the home.
    const roots = folder.startsWith(".") ? [""] : APP_DATA_ROOTS;
    if (roots.some((root) => relative.startsWith(`${root}${folder}/user/`))) return host;
  }
  return undefined;
}

/** Where apps keep per-user data, relative to the home folder. */
const APP_DATA_ROOTS = ["appdata/roaming/", "library/application support/", ".config/"];

/** The IDE whose profile holds this path: `<root>/extensions/…` or `<data folder>/user/…`. */
export function hostFromPath(normalized: string): HostIde | undefined {
  for (
    let at = normalized.indexOf("/extensions/");
    at >= 0;
    at = normalized.indexOf("/extensions/", at + 1)
  ) {
    const host = hostByRoot.get(normalized.slice(normalized.lastIndexOf("/", at - 1) + 1, at));
    if (host) return host;
  }
  for (let at = normalized.indexOf("/user/"); at >= 0; at = normalized.indexOf("/user/", at + 1)) {
    const host = hostOfDataFolder(normalized, at);
    if (host) return host;
  }
  return undefined;
}

export interface ExtensionHit extends AgentChannel {
  hostIde: HostIde;
  extensionId: string;
  version: string | null;
  /** The extension's folder (or storage folder): what a deletion must remove to remove it. */
  unit: string;
  /** Its storage: writes there show use, not the install itself. */
  usage: boolean;
}

const EXTENSIONS = "/extensions/";
const STORAGE = ["/user/globalstorage/", "/user/workspacestorage/"];

/**
 * An IDE extension named anywhere in a normalized path or command line: its install folder
 * `<root>/extensions/<id>-<version>[-<platform>]`, its storage `<data>/User/globalStorage/<id>`
 * (or a workspace's storage), or a JetBrains plugin folder.
 */
export function extensionFromPath(text: string): ExtensionHit | undefined {
  for (let at = text.indexOf(EXTENSIONS); at >= 0; at = text.indexOf(EXTENSIONS, at + 1)) {
    const hostIde = hostByRoot.get(text.slice(text.lastIndexOf("/", at - 1) + 1, at));
    if (!hostIde) continue;
    const start = at + EXTENSIONS.length;
    const end = segmentEnd(text, start);
    const { id, version } = parseExtensionFolder(text.slice(start, end));
    const known = LOOKUP.extensions.get(id);
    if (known)
      return {
        agentKey: known.agentKey,
        channel: "IDE_EXTENSION",
        hostIde,
        extensionId: id,
        version,
        unit: text.slice(0, end),
        usage: false,
      };
  }
  for (const storage of STORAGE) {
    for (let at = text.indexOf(storage); at >= 0; at = text.indexOf(storage, at + 1)) {
      const hostIde = hostOfDataFolder(text, at);
      if (!hostIde) continue;
      let start = at + storage.length;
      // Workspace storage has one folder per workspace (a hash) before the extension's.
      if (storage.includes("workspace")) start = segmentEnd(text, start) + 1;
      const end = segmentEnd(text, start);
      const id = text.slice(start, end);
      const known = LOOKUP.extensions.get(id);
      if (known) {
        const unit = text.slice(0, end);
        return {
          agentKey: known.agentKey,
          channel: "IDE_EXTENSION",
          hostIde,
          extensionId: id,
          version: null,
          unit,
          usage: true,
        };
      }
    }
  }
  return jetbrainsPluginFromPath(text);
}

/** `<JetBrains>/<Product><ver>/plugins/<plugin>/…` on Windows and macOS, `<Product><ver>/<plugin>/…` on Linux. */
function jetbrainsPluginFromPath(normalized: string): ExtensionHit | undefined {
  const segments = normalized.split("/");
  for (let i = 1; i < segments.length - 1; i++) {
    if (segments[i - 1] !== "jetbrains") continue;
    const at = segments[i + 1] === "plugins" ? i + 2 : i + 1;
    const plugin = segments[at];
    const agentKey = plugin ? LOOKUP.jetbrainsPlugins.get(plugin) : undefined;
    if (!agentKey) continue;
    // The plugin's own jar is named after the plugin (<name>-<version>.jar); its libraries carry their own versions.
    const jar = /^(.+?)-(\d[^/]*)\.jar$/.exec(segments[segments.length - 2]);
    const version = jar && LOOKUP.jetbrainsPlugins.get(jar[1]) === agentKey ? leadingVersion(jar[2]) : null;
    // An update replaces the versioned jar in the same folder: the jar is what one version's removal deletes.
    const unitEnd = version ? segments.length - 1 : at + 1;
    return {
      agentKey,
      channel: "IDE_EXTENSION",
      hostIde: "jetbrains",
      extensionId: plugin,
      version,
      unit: segments.slice(0, unitEnd).join("/"),
      usage: false,
    };
  }
  return undefined;
}

export interface PackageHit extends AgentChannel {
  /** The package as named in the data: npm name, PyPI distribution, Homebrew formula, module, script. */
  packageName: string;
  version: string | null;
  /** The package's folder when the hit is a path: what a deletion must remove to remove it. */
  unit?: string;
  /** The package's data rather than its install (an MSIX app's `Packages/<family>` folder). */
  usage?: boolean;
}

/** The segment starting at `at` in `text`, two segments for a scoped npm name (`@scope/name`). */
function segmentAt(text: string, at: number, scoped = false): { name: string; end: number } {
  let end = segmentEnd(text, at);
  if (scoped && text[at] === "@" && text[end] === "/") end = segmentEnd(text, end + 1);
  return { name: text.slice(at, end), end };
}

type PathReader = (text: string, start: number) => PackageHit | undefined;

/** pnpm's store entry `node_modules/.pnpm/<name, "/" as "+">@<version>[_<peers>]/`, else `node_modules/<name>/`. */
const readNodeModules: PathReader = (text, start) => {
  if (text.startsWith(".pnpm/", start)) {
    const entry = segmentAt(text, start + 6).name;
    const at = entry.indexOf("@", 1);
    const name = (at > 0 ? entry.slice(0, at) : entry).replace("+", "/");
    const known = LOOKUP.npm.get(name);
    return (
      known && { ...known, packageName: name, version: at > 0 ? leadingVersion(entry.slice(at + 1)) : null }
    );
  }
  const { name, end } = segmentAt(text, start, true);
  const known = LOOKUP.npm.get(name) ?? LOOKUP.npm.get(name.replace(NPM_PLATFORM_SUFFIX, ""));
  return known && { ...known, packageName: name, version: null, unit: text.slice(0, end) };
};

/**
 * The suffix of a per-platform package an npm CLI ships its native binary in, named after the main
 * package (`@github/copilot-win32-x64`, `opencode-linux-arm64-musl`): os and cpu as Node names them.
 */
const NPM_PLATFORM_SUFFIX =
  /-(?:win32|windows|darwin|macos|linux|linuxmusl|freebsd)-(?:x64|arm64|ia32|arm|x86_64|aarch64|universal)(?:-(?:musl|gnu|msvc|baseline))?$/;

/** Homebrew's `Cellar/<formula>/<version>/` and `Caskroom/<cask>/<version>/`. */
const readHomebrew =
  (kind: string): PathReader =>
  (text, start) => {
    const { name, end } = segmentAt(text, start);
    const known = LOOKUP.homebrew.get(`${kind}/${name}`);
    if (!known) return undefined;
    const versionEnd = segmentEnd(text, end + 1);
    const version = leadingVersion(text.slice(end + 1, versionEnd));
    return { ...known, packageName: name, version, unit: text.slice(0, versionEnd) };
  };

/** A pipx or uv tool environment `<…>/<distribution>/`. */
const readToolEnvironment: PathReader = (text, start) => {
  const { name, end } = segmentAt(text, start);
  const known = LOOKUP.pypi.get(normalizeDistribution(name));
  return known && { ...known, packageName: name, version: null, unit: text.slice(0, end) };
};

/** `site-packages/<dist>-<version>.dist-info` (the installed version) or `site-packages/<module>/`. */
const readSitePackages: PathReader = (text, start) => {
  const { name, end } = segmentAt(text, start);
  const distInfo = /^(.+?)-(\d[^-]*)\.dist-info$/.exec(name);
  if (distInfo) {
    const known = LOOKUP.pypi.get(normalizeDistribution(distInfo[1]));
    const version = leadingVersion(distInfo[2]);
    return known && { ...known, packageName: distInfo[1], version, unit: text.slice(0, end) };
  }
  const known = LOOKUP.modules.get(name);
  return known && { ...known, packageName: name, version: null };
};

/**
 * An MSIX app: installed into `WindowsApps/<Name>_<Version>_<Arch>_<ResourceId>_<PublisherId>/`, its
 * data under `Packages/<Name>_<PublisherId>/` (the package family name).
 */
const readMsixInstall: PathReader = (text, start) => {
  const { name, end } = segmentAt(text, start);
  const full = /^(.+?)_(\d+(?:\.\d+){1,3})_[a-z0-9]+_[^_]*_([a-z0-9]{13})$/.exec(name);
  const known = full ? LOOKUP.msix.get(`${full[1]}_${full[3]}`) : undefined;
  return known && { ...known, packageName: full![1], version: full![2], unit: text.slice(0, end) };
};

const readMsixData: PathReader = (text, start) => {
  const { name, end } = segmentAt(text, start);
  const known = LOOKUP.msix.get(name);
  return known && { ...known, packageName: name, version: null, unit: text.slice(0, end), usage: true };
};

/** A WinGet portable package folder `WinGet/Packages/<PackageIdentifier>_<source id>/`. */
const readWinget: PathReader = (text, start) => {
  const { name, end } = segmentAt(text, start);
  const cut = name.indexOf("_");
  const id = cut < 0 ? name : name.slice(0, cut);
  const known = LOOKUP.winget.get(id);
  return known && { ...known, packageName: id, version: null, unit: text.slice(0, end) };
};

const PATH_READERS: [string, PathReader][] = [
  ["node_modules/", readNodeModules],
  ["/windowsapps/", readMsixInstall],
  ["/packages/", readMsixData],
  ["/winget/packages/", readWinget],
  ["/cellar/", readHomebrew("cellar")],
  ["/caskroom/", readHomebrew("caskroom")],
  ["/pipx/venvs/", readToolEnvironment],
  ["/uv/tools/", readToolEnvironment],
  ["/site-packages/", readSitePackages],
];

/**
 * Catalog packages a normalized path or command line names, in order of appearance: npm's
 * `node_modules/<pkg>/` (and pnpm's store), MSIX package folders, WinGet portable packages,
 * Homebrew's Cellar and Caskroom, pipx and uv tool environments, a Python `site-packages` dist-info
 * or module.
 */
export function packagesInPath(text: string): PackageHit[] {
  const found: [number, PackageHit][] = [];
  for (const [marker, read] of PATH_READERS) {
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      const hit = read(text, at + marker.length);
      if (hit) found.push([at, hit]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, hit]) => hit);
}

const NODE = new Set<string>(LAUNCHERS.node);
const NPM_RUNNERS = new Set<string>(LAUNCHERS.npmRunners);
const PYTHON_RUNNERS = new Set<string>(LAUNCHERS.pythonRunners);
const NPM_SUBCOMMANDS: Record<string, readonly string[]> = LAUNCHERS.npmSubcommands;
const NPM_INSTALLS: Record<string, readonly string[]> = LAUNCHERS.npmInstalls;
const PYTHON_SUBCOMMANDS = new Set<string>(LAUNCHERS.pythonSubcommands);
const PIP_PROGRAMS = new Set<string>(LAUNCHERS.pipPrograms);
const SCRIPT_FOLDERS = new Set<string>(LAUNCHERS.scriptFolders);

function isPython(program: string): boolean {
  return (LAUNCHERS.python as readonly string[]).includes(program) || /^python\d(\.\d+)?$/.test(program);
}

/** `@scope/name@1.2.3` or `name@1.2.3` → name and version. */
function npmSpec(spec: string): { name: string; version: string | null } {
  const at = spec.indexOf("@", 1);
  return at < 0
    ? { name: spec, version: null }
    : { name: spec.slice(0, at), version: leadingVersion(spec.slice(at + 1)) };
}

/** `name[extras]==1.2.3`, `name@1.2.3` (uv), `name>=1` → name, and the version when pinned. */
function pythonSpec(spec: string): { name: string; version: string | null } {
  const split = /^([a-z0-9][a-z0-9._-]*)(?:\[[^\]]*\])?(==|@|>=|<=|~=|>|<)?(.*)$/.exec(spec);
  if (!split) return { name: spec, version: null };
  return { name: split[1], version: split[2] === "==" || split[2] === "@" ? leadingVersion(split[3]) : null };
}

/** Runner options naming the package apart from the command run (`npx -p <pkg> <cmd>`, `uvx --from`). */
const PACKAGE_OPTIONS = new Set(["-p", "--package", "--from", "--spec"]);
/** Runner options taking a value that is not the package. */
const VALUE_OPTIONS = new Set(["-c", "--call", "--python", "--with", "--index-url", "--pip-args"]);

/** The package a runner (`npx`, `bunx`, `npm exec`, `pnpm dlx`, `uvx`, `pipx run`, …) was asked to run. */
function runnerPackage(args: string[], from: number, python: boolean): PackageHit | undefined {
  let named: string | undefined;
  for (let i = from; i < args.length; i++) {
    const [option, inline] = args[i].split(/=(.*)/s);
    if (PACKAGE_OPTIONS.has(option)) named = inline ?? args[++i];
    else if (VALUE_OPTIONS.has(option)) i += inline === undefined ? 1 : 0;
    else if (!args[i].startsWith("-") && !(python && PYTHON_SUBCOMMANDS.has(args[i]) && i === from)) {
      const spec = named ?? args[i];
      const { name, version } = python ? pythonSpec(spec) : npmSpec(spec);
      const known = python ? LOOKUP.pypi.get(normalizeDistribution(name)) : LOOKUP.npm.get(name);
      return known && { ...known, packageName: name, version };
    }
  }
  return undefined;
}

/** `brew install [--cask] [<tap>/]<token>`: the formula or cask Homebrew was asked to install. */
function brewInstall(args: string[], from: number): PackageHit | undefined {
  const cask = args.slice(from).some((a) => a === "--cask" || a === "--casks");
  for (const arg of args.slice(from)) {
    if (arg.startsWith("-")) continue;
    const token = arg.slice(arg.lastIndexOf("/") + 1);
    const kinds = cask ? ["caskroom"] : ["cellar", "caskroom"];
    for (const kind of kinds) {
      const known = LOOKUP.homebrew.get(`${kind}/${token}`);
      if (known) return { ...known, packageName: token, version: null };
    }
  }
  return undefined;
}

/** WinGet options that take a value; `--id` and `--version` are read, the others skipped. */
const WINGET_VALUE_OPTIONS = new Set([
  "--id",
  "-q",
  "--query",
  "--name",
  "--moniker",
  "-v",
  "--version",
  "-s",
  "--source",
  "--scope",
  "-a",
  "--architecture",
  "-l",
  "--location",
  "--locale",
  "-o",
  "--log",
  "--override",
  "--custom",
  "--header",
]);

/** `winget install [--id] <PackageIdentifier> [--version <v>]`: the package WinGet was asked to install. */
function wingetInstall(args: string[], from: number): PackageHit | undefined {
  let id: string | undefined;
  let version: string | null = null;
  for (let i = from; i < args.length; i++) {
    const [option, inline] = args[i].split(/=(.*)/s);
    if (WINGET_VALUE_OPTIONS.has(option)) {
      const value = inline ?? args[++i];
      if (option === "--id" || option === "-q" || option === "--query") id ??= value;
      if (option === "-v" || option === "--version") version = value ? leadingVersion(value) : null;
    } else if (!args[i].startsWith("-")) id ??= args[i];
  }
  const known = id ? LOOKUP.winget.get(id) : undefined;
  return known && { ...known, packageName: id!, version };
}

const INSTALL_SUBCOMMANDS = new Set(["install", "reinstall", "upgrade", "add"]);

/** Runners found among the first arguments: the program itself, a shell's command (`cmd /c npx …`), or the script node runs. */
function runnerAt(args: string[], i: number): PackageHit | undefined | null {
  const program = baseName(args[i]);
  if (NPM_RUNNERS.has(program)) return runnerPackage(args, i + 1, false);
  if (PYTHON_RUNNERS.has(program)) return runnerPackage(args, i + 1, true);
  if (program === "uv" && args[i + 1] === "tool" && PYTHON_SUBCOMMANDS.has(args[i + 2]))
    return runnerPackage(args, i + 3, true);
  if (PIP_PROGRAMS.has(program) && args[i + 1] === "install") return runnerPackage(args, i + 2, true);
  if (NPM_SUBCOMMANDS[program]?.includes(args[i + 1]) || NPM_INSTALLS[program]?.includes(args[i + 1]))
    return runnerPackage(args, i + 2, false);
  if (program === "yarn" && args[i + 1] === "global" && args[i + 2] === "add")
    return runnerPackage(args, i + 3, false);
  if (program === "brew" && INSTALL_SUBCOMMANDS.has(args[i + 1])) return brewInstall(args, i + 2);
  if (program === "winget" && INSTALL_SUBCOMMANDS.has(args[i + 1])) return wingetInstall(args, i + 2);
  return null;
}

/**
 * What an interpreter or package runner was started to run, read from its arguments: `python -m
 * <module>`, `npx <pkg>@<v>`, `uvx --from <dist>==<v> …`, `pipx run …`, or a launcher script in a
 * bin/shims/Scripts folder that node or python runs (`node ~/.local/bin/claude`).
 */
export function launchedPackage(normalized: string): PackageHit | undefined {
  const args = commandLineArgs(normalized);
  if (!args.length) return undefined;
  for (let i = 0; i < Math.min(args.length, 4); i++) {
    const runner = runnerAt(args, i);
    if (runner !== null) return runner;
  }
  const program = baseName(args[0]);
  if (isPython(program)) {
    const module = args.indexOf("-m");
    // `python -m pip install <dist>` and `python -m pipx install <dist>` install; other modules run.
    if (module > 0 && PIP_PROGRAMS.has(args[module + 1]) && args[module + 2] === "install")
      return runnerPackage(args, module + 3, true);
    if (module > 0 && PYTHON_RUNNERS.has(args[module + 1])) return runnerPackage(args, module + 2, true);
    const known = module > 0 ? LOOKUP.modules.get(args[module + 1]?.split(".")[0]) : undefined;
    if (known) return { ...known, packageName: args[module + 1], version: null };
  }
  const interpreter =
    NODE.has(program) || isPython(program) || normalized.includes("--ms-enable-electron-run-as-node");
  const script = interpreter ? args.slice(1).find((a) => !a.startsWith("-")) : undefined;
  if (!script || !SCRIPT_FOLDERS.has(parentName(script))) return undefined;
  const known = LOOKUP.scripts.get(baseName(script));
  return known && { ...known, packageName: baseName(script), version: null };
}

const INSTALLER_PACKAGE = /\.(exe|msi|msix|dmg|pkg|deb|rpm|appimage|zip)$/;
/** What may follow the product's name in an installer's file name, besides its version. */
const INSTALLER_WORDS = new Set([
  "x64",
  "x86",
  "ia32",
  "arm64",
  "amd64",
  "aarch64",
  "x86_64",
  "universal",
  "darwin",
  "mac",
  "macos",
  "osx",
  "win",
  "win32",
  "win64",
  "windows",
  "linux",
  "setup",
  "user",
  "installer",
  "stable",
  "latest",
]);

/**
 * A vendor's installer package by its file name: the product's name, `[User]Setup`, then only
 * versions, architectures and platforms (`CursorUserSetup-x64-2.0.77.exe`, `cursor_2.0.77_amd64.deb`,
 * `Claude Setup.exe`); anything else after the name ("cursorfx", "claude_monet") is another product.
 */
export function installerPackage(fileName: string): PackageHit | undefined {
  const extension = INSTALLER_PACKAGE.exec(fileName);
  if (!extension) return undefined;
  const stem = fileName.slice(0, extension.index);
  for (const [name, target] of LOOKUP.installers) {
    if (!stem.startsWith(name)) continue;
    const setup = /^(?:user)?setup/.exec(stem.slice(name.length))?.[0] ?? "";
    const rest = stem.slice(name.length + setup.length);
    if (rest && !/^[-_ .]/.test(rest)) continue;
    const tokens = [...rest.matchAll(/[^-_ ]+/g)];
    if (!tokens.every(([t]) => /^v?\d/.test(t) || INSTALLER_WORDS.has(t))) continue;
    // The version runs from the first dotted token to the next word ("2.0.77" of "2.0.77_amd64").
    const first = tokens.findIndex(([t]) => /^v?\d+(\.\d+)+/.test(t));
    let last = first;
    while (last >= 0 && last + 1 < tokens.length && /^\d/.test(tokens[last + 1][0])) last++;
    const version =
      first < 0
        ? null
        : rest.slice(tokens[first].index, tokens[last].index! + tokens[last][0].length).replace(/^v/, "");
    // An executable that names neither a setup nor a version is a program, not its installer
    // (`goose_windows_x86_64.exe` is pressly's goose, `claude.exe` Claude itself).
    const named = setup || tokens.some(([t]) => t === "setup" || t === "installer");
    if (extension[1] === "exe" && !named && version === null) continue;
    return { ...target, packageName: name, version };
  }
  return undefined;
}

const INSTALLER_PROGRAMS = new Set<string>(LAUNCHERS.installerPrograms);

/** An installer program's package argument (`hdiutil attach Cursor-2.0.77.dmg`), or a vendor install script's URL. */
function installedByCommand(normalized: string): PackageHit | undefined {
  const args = commandLineArgs(normalized);
  if (args.length && INSTALLER_PROGRAMS.has(baseName(args[0])))
    for (const arg of args.slice(1)) {
      const hit = installerPackage(arg.slice(arg.lastIndexOf("/") + 1));
      if (hit) return hit;
    }
  for (const [url, target] of LOOKUP.installScripts)
    if (normalized.includes(url)) return { ...target, packageName: url, version: null };
  return undefined;
}

export interface CommandLineHit extends AgentChannel {
  hostIde?: HostIde;
  version: string | null;
  signal: string;
}

/**
 * The agent a command line runs: an IDE extension's folder (the extension host and the servers
 * extensions start, `--ms-enable-electron-run-as-node <root>/extensions/<id>-<v>/…`), what a runner
 * or interpreter was asked to run, or a package path. The version comes from the same evidence: the
 * main extension's folder, a pinned package spec, Homebrew's version folder, a dist-info, never the
 * interpreter's.
 */
export function commandLineHit(commandLine: string): CommandLineHit | undefined {
  const text = normalizeCommandLine(commandLine);
  const extension = extensionFromPath(text);
  if (extension) return { ...extension, signal: `extension:${extension.extensionId}` };
  const packages = [launchedPackage(text), ...packagesInPath(text)].filter((p): p is PackageHit => !!p);
  if (!packages.length) {
    const installed = installedByCommand(text);
    return installed && { ...installed, signal: `installer:${installed.packageName}` };
  }
  const [first] = packages;
  const version = packages.find((p) => p.agentKey === first.agentKey && p.version)?.version ?? null;
  return {
    agentKey: first.agentKey,
    channel: first.channel,
    version,
    signal: `package:${first.packageName}`,
  };
}

export interface ImageHit extends AgentChannel {
  /** How the image was vouched for: a folder, a publisher, or nothing (a distinctive name). */
  corroboration: "folder" | "publisher" | "name";
}

/** The rule an executable matches by name, with the folder or publisher a generic name needs. */
export function imageHit(image: string, normalized: string, publishers: string[]): ImageHit | undefined {
  for (const rule of LOOKUP.imageRules.get(image) ?? []) {
    if (rule.exceptFolders.some((f) => pathHas(normalized, f))) continue;
    if (rule.alone) return { ...rule, corroboration: "name" };
    if (rule.folders.some((f) => pathHas(normalized, f))) return { ...rule, corroboration: "folder" };
    if (publishers.some((p) => rule.publishers.some((t) => p === t || p.startsWith(`${t} `))))
      return { ...rule, corroboration: "publisher" };
  }
  return undefined;
}

/** A folder-only rule (the path alone identifies the agent, e.g. `.local/share/claude/versions`). */
export function folderHit(normalized: string): (AgentChannel & { folder: string }) | undefined {
  for (const rule of LOOKUP.folderRules) {
    const folder = rule.folders.find((f) => pathHas(normalized, f));
    if (folder) return { agentKey: rule.agentKey, channel: rule.channel, folder };
  }
  return undefined;
}

/** The agent data folder holding a normalized path (the longest that does). */
/**
 * The agent data folder holding a normalized path (the longest that does). Data folders are in the
 * user's home: a project's own `.claude` or `.cursor` folder (committed rules, commands) is not one.
 */
export function dataFolderHit(
  normalized: string,
): (AgentChannel & { path: string; shared: boolean; unit: string }) | undefined {
  const relative = homeRelative(normalized);
  if (relative === undefined) return undefined;
  const rule = LOOKUP.dataFolders.find((r) => relative.startsWith(`${r.path}/`));
  return rule && { ...rule, unit: normalized.slice(0, normalized.length - relative.length) + rule.path };
}

export function isProcessLookAlike(image: string, normalized: string): boolean {
  return LOOK_ALIKES.processes.some(
    (l) => (l.images as readonly string[]).includes(image) && l.folders.some((f) => pathHas(normalized, f)),
  );
}

const deniedSoftware = new Set(
  LOOK_ALIKES.software.map(
    (l) => `${"vendor" in l ? normalizeVendor(l.vendor) : "*"}|${normalizeSoftwareName(l.name)}`,
  ),
);

/** `vendor` and `name` normalized. */
export function isSoftwareLookAlike(vendor: string, name: string): boolean {
  return deniedSoftware.has(`${vendor}|${name}`) || deniedSoftware.has(`*|${name}`);
}

const deniedAgentsInfo = new Set(LOOK_ALIKES.agentsInfo.map((n) => n.toLowerCase()));

export function isAgentsInfoLookAlike(name: string): boolean {
  return deniedAgentsInfo.has(name.toLowerCase());
}
