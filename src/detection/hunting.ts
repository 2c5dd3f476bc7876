// Advanced-hunting queries generated from the catalog, and the row shapes they return.
// Only the KQL subset the project supports (see tests): filters use in~/has_any lists from the
// catalog, summarizing happens in Defender, and rows are classified by the match* functions.
import { SETUP_VERBS } from "./activity";
import { CATALOG, IDE_HOSTS, LAUNCHERS, type AgentDefinition } from "./catalog";
import { markerVariants, normalizeDistribution, toolFolders } from "./lookup";

/** Browser extensions are read from the inventory API, which lists them for every device. */
export type HuntingSource = "PROCESS_EVENTS" | "FILE_EVENTS" | "AGENTS_INFO";

export interface HuntingQuery {
  name: string;
  source: HuntingSource;
  kql: string;
}

export interface HuntingOptions {
  /** Events after this instant (incremental sync); otherwise the last `lookbackDays`. */
  since?: Date;
  /** Default and maximum 30: advanced hunting keeps 30 days. */
  lookbackDays?: number;
  /** Split event and inventory queries by DeviceId prefix to stay under the 100,000-row limit. */
  deviceShards?: number;
}

/**
 * One row per device, user, image, folder and command-line marker (PROCESS_EVENTS query). A row
 * kept only because the process that started it names an IDE extension has an empty image.
 */
export interface ProcessSummaryRow {
  DeviceId: string;
  DeviceName?: string;
  AccountUpn?: string;
  AccountDomain?: string;
  AccountName?: string;
  AccountSid?: string;
  FileName: string;
  FolderPath: string;
  /** The catalog signal the command line carries (an extension id or a package), or "". */
  CommandLineMarker?: string;
  /** The newest command line carrying it: the process's own, or the one that started it. */
  CommandLine?: string;
  FirstSeen?: string | Date;
  LastSeen?: string | Date;
  /** ProcessVersionInfoProductVersion values (dynamic array). */
  Versions?: unknown;
  /** ProcessVersionInfoCompanyName and ProcessVersionInfoProductName values (dynamic arrays). */
  Publishers?: unknown;
  Products?: unknown;
  /** The UTC days the row's processes ran on (dynamic array of datetimes; src/detection/activity.ts). */
  Days?: unknown;
  /** The process ran an install, update or removal command: install evidence, not use. */
  Setup?: boolean | string;
}

/**
 * One row per device, initiating user, file, action and writer (FILE_EVENTS query); an extension's or
 * package's files are one row per folder kind, with the newest file's path, and files kept only
 * because an agent's process wrote them one row per writer.
 */
export interface FileSummaryRow {
  DeviceId: string;
  DeviceName?: string;
  InitiatingProcessAccountUpn?: string;
  InitiatingProcessAccountDomain?: string;
  InitiatingProcessAccountName?: string;
  InitiatingProcessAccountSid?: string;
  FolderPath: string;
  FileName: string;
  /** FileCreated, FileModified, FileRenamed, or FileDeleted (removal evidence). */
  ActionType?: string;
  FirstSeen?: string | Date;
  LastSeen?: string | Date;
  /** The process that wrote the newest file of the row: which installation it belongs to. */
  InitiatingProcessFileName?: string;
  InitiatingProcessFolderPath?: string;
  InitiatingProcessCommandLine?: string;
  /** The UTC days the row's files were written on (dynamic array of datetimes). */
  Days?: unknown;
  /** The writer was an installer or ran an install, update or removal command: not use. */
  Setup?: boolean | string;
}

/** Latest state per AgentId (AGENTS_INFO query). */
export interface AgentsInfoRow {
  AgentId: string;
  Name: string;
  Version?: string;
  LifecycleStatus?: string;
  Timestamp?: string | Date;
  /** JSON with `localAgentMetadata` (deviceName, aadDeviceId, account*, relatedProcess, …). */
  RawAgentInfo?: unknown;
}

/** Writes are presence evidence; deletions are removal evidence. */
const FILE_ACTIONS = ["FileCreated", "FileModified", "FileRenamed", "FileDeleted"];

/** Package managers whose install commands name a catalog package (a cask, a formula, a WinGet id). */
const PACKAGE_MANAGERS = ["brew", "winget"];

export function buildHuntingQueries(options: HuntingOptions = {}): HuntingQuery[] {
  const days = Math.min(Math.max(Math.ceil(options.lookbackDays ?? 30), 1), 30);
  const time = options.since
    ? `Timestamp > datetime(${options.since.toISOString()})`
    : `Timestamp > ago(${days}d)`;
  const signals = collectSignals(CATALOG);
  const shards = shardConditions(options.deviceShards ?? 1);

  const perShard = (name: string, source: HuntingSource, build: (shard: string | null) => string[]) =>
    shards.map((shard, i) => ({
      name: shards.length > 1 ? `${name}-shard-${i + 1}-of-${shards.length}` : name,
      source,
      kql: build(shard).join("\n| "),
    }));

  // The agent's executable, its install folder, or its vendor's installer package.
  const ownImage =
    `FileName in~ ${list(signals.images)} or FolderPath has_any ${list(signals.processFolders)}` +
    ` or FileName has_any ${list(signals.installerNames)}`;
  // What a process runs, or what a package manager or installer program was asked to install
  // (`brew install --cask cursor`, `dpkg -i cursor_2.0.77_amd64.deb`).
  const commandLineTerms =
    `ProcessCommandLine has_any ${list(signals.commandLineTerms)}` +
    ` or (ProcessCommandLine has_any ${list(PACKAGE_MANAGERS)} and ProcessCommandLine has_any ${list(signals.installTerms)})` +
    ` or (FileName in~ ${list(signals.installerPrograms)} and ProcessCommandLine has_any ${list(signals.installerNames)})`;
  const extensionIds = list(signals.extensionIds);
  // Install, update and removal commands and installers: their rows are install evidence, never use.
  // (A vendor's bare name is an installer term only for the matcher: `Cursor.exe` is the app.)
  const setupImages = list(signals.installerNames.filter((name) => name.endsWith("setup")));
  const setup = (commandLine: string, image: string) =>
    `${commandLine} has_any ${list(SETUP_VERBS)} or ${image} has_any ${setupImages}` +
    ` or ${image} in~ ${list(signals.installerPrograms)}`;
  // The process that wrote a file: the agent's own image, or what its command line runs.
  const writer =
    `InitiatingProcessFileName in~ ${list(signals.images)}` +
    ` or InitiatingProcessFolderPath has_any ${list(signals.processFolders)}` +
    ` or InitiatingProcessCommandLine has_any ${list(signals.commandLineTerms)}`;
  return [
    ...perShard("process-events", "PROCESS_EVENTS", (shard) => [
      "DeviceProcessEvents",
      `where ${time}`,
      ...(shard ? [`where ${shard}`] : []),
      `where ${ownImage} or ${commandLineTerms} or InitiatingProcessCommandLine has_any ${extensionIds}`,
      // A child of an extension's process counts for the command line that started it, not its image.
      `extend OwnCommandLine = ${commandLineTerms}`,
      `extend Own = OwnCommandLine or ${ownImage}`,
      `extend CommandLine = iff(OwnCommandLine, ProcessCommandLine, iff(Own, "", InitiatingProcessCommandLine))`,
      `extend CommandLineMarker = ${markerExpression("CommandLine", signals.commandLineMarkers)}`,
      `extend Setup = ${setup("ProcessCommandLine", "FileName")}`,
      "summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp), Days = make_set(startofday(Timestamp), 31)," +
        " Versions = make_set(ProcessVersionInfoProductVersion, 10)," +
        " Publishers = make_set(ProcessVersionInfoCompanyName, 5), Products = make_set(ProcessVersionInfoProductName, 5)," +
        " arg_max(Timestamp, CommandLine)" +
        " by DeviceId, DeviceName, AccountUpn, AccountDomain, AccountName, AccountSid," +
        ' FileName = iff(Own, FileName, ""), FolderPath = iff(Own, FolderPath, ""), CommandLineMarker, Setup',
    ]),
    ...perShard("file-events", "FILE_EVENTS", (shard) => [
      "DeviceFileEvents",
      `where ${time}`,
      ...(shard ? [`where ${shard}`] : []),
      `where ActionType in ${list(FILE_ACTIONS)}`,
      `extend ByPath = FileName in~ ${list(signals.rootFiles)}` +
        ` or (FileName in~ ${list(signals.nestedFiles)} and FolderPath has_any ${list(signals.fileFolders)})` +
        ` or FolderPath has_any ${list(signals.installFolders)}` +
        ` or FolderPath has_any ${list(signals.ideDataFolders)}` +
        ` or FolderPath has_any ${list(signals.dataFolders)}` +
        ` or (FileName endswith ".jar" and FolderPath has_any ${list(signals.jetbrainsPlugins)}` +
        ` and FileName has_any ${list(signals.jetbrainsPlugins)})` +
        ` or (FileName =~ "package.json" and FolderPath has_any ${list(signals.npmFolders)})` +
        ` or (FileName =~ "METADATA" and FolderPath has_any ${list(signals.distInfoNames)})` +
        ` or FileName in~ ${list(signals.images)}`,
      `where ByPath or ${writer}`,
      // An extension's or package's many files count as one per folder kind (install, storage); files
      // kept only for the agent that wrote them count as one per writer.
      `extend Package = ${markerExpression("FolderPath", signals.fileMarkers)}`,
      `extend PathKey = iff(isempty(Package), iff(ByPath, strcat(FolderPath, "|", FileName), ""),` +
        ` strcat(Package, "|", ${markerExpression("FolderPath", signals.profileRoots)}))`,
      `extend Setup = ${setup("InitiatingProcessCommandLine", "InitiatingProcessFileName")}`,
      "summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp), Days = make_set(startofday(Timestamp), 31)," +
        " arg_max(Timestamp, FolderPath, FileName, InitiatingProcessFileName, InitiatingProcessCommandLine)" +
        " by DeviceId, DeviceName, InitiatingProcessAccountUpn, InitiatingProcessAccountDomain," +
        " InitiatingProcessAccountName, InitiatingProcessAccountSid, PathKey, ActionType, InitiatingProcessFolderPath, Setup",
    ]),
    {
      // No DeviceId in AgentsInfo (device identity is inside RawAgentInfo), so it is not sharded.
      name: "agents-info",
      source: "AGENTS_INFO",
      kql: [
        "AgentsInfo",
        `where ${time}`,
        `where Platform == "LocalAgents"`,
        `where Name in~ ${list(signals.agentsInfoNames)}`,
        "summarize arg_max(Timestamp, *) by AgentId",
        "project AgentId, Name, Version, LifecycleStatus, Timestamp, RawAgentInfo",
      ].join("\n| "),
    },
  ];
}

/** A marker: its label (what the row is grouped by) and the terms that show it. */
interface Marker {
  label: string;
  terms: string[];
}

const set = (values: string[]) => [...new Set(values.map((v) => v.toLowerCase()))].sort();
const byLength = (a: string, b: string) => b.length - a.length || a.localeCompare(b);

/** Every value the queries filter on, derived from the catalog. */
function collectSignals(catalog: AgentDefinition[]) {
  const processes = catalog.flatMap((a) => a.processes ?? []);
  const files = catalog.flatMap((a) => a.files ?? []).map((f) => f.path.split("/"));
  // Longest first, so an id that extends another (github.copilot-chat) is named before it.
  const extensionIds = set(
    catalog.flatMap((a) => [...(a.ideExtensions ?? []), ...(a.companionExtensions ?? [])]),
  ).sort(byLength);
  const jetbrainsPlugins = set(catalog.flatMap((a) => a.jetbrainsPlugins ?? []));
  const npm = set(processes.flatMap((p) => p.npm ?? []));
  const npmFolders = npm.map((name) => `node_modules/${name}`);
  const pypi = set(processes.flatMap((p) => p.pypi ?? []));
  const homebrew = set(processes.flatMap((p) => p.homebrew ?? []));
  const winget = set(processes.flatMap((p) => p.winget ?? []));
  // An MSIX package's install and data folders both carry its publisher id (`Claude_…_pzs8sxrjxfjjc`).
  const msix = set(processes.flatMap((p) => p.msix ?? []));
  const msixPublishers = set(msix.map((family) => family.slice(family.lastIndexOf("_") + 1)));
  const msixMarkers = msix.flatMap((family) =>
    [`windowsapps/${family.slice(0, family.lastIndexOf("_"))}`, `packages/${family}`]
      .flatMap(markerVariants)
      .map((term) => ({ term, label: `msix:${family}` })),
  );
  const packages = catalog.flatMap(packageTerms);
  const installs = catalog.flatMap(installTerms);
  const installers = catalog.flatMap(installerTerms);
  // Folders that hold an agent's install: folder-only rules, npm packages, Homebrew's Cellar and
  // Caskroom, pipx/uv tool environments, WinGet portable packages, MSIX packages.
  const installFolders = set(
    [
      ...processes.flatMap((p) => (p.images ? [] : (p.folders ?? []))),
      ...npmFolders,
      ...homebrew,
      ...pypi.flatMap(toolFolders),
      ...winget.map((id) => `winget/packages/${id}`),
    ]
      .flatMap(markerVariants)
      .concat(msixPublishers),
  );
  const installFolderMarkers = installFolders
    .filter((term) => !msixPublishers.includes(term))
    .map((term) => ({ term, label: term.replaceAll("\\", "/") }));
  // Agents' own data folders, and the user data folder of an IDE that is itself an agent.
  const dataFolders = set(catalog.flatMap((a) => (a.dataFolders ?? []).map((f) => f.path)));
  const agentIdes = new Set(catalog.map((a) => a.key));
  const ideDataFolders = IDE_HOSTS.filter((h) => agentIdes.has(h.key)).flatMap((h) =>
    h.dataFolders.map((folder) => `${folder}/user`),
  );
  return {
    images: set(processes.flatMap((p) => p.images ?? [])),
    // Install folders, and native binaries inside IDE extensions and plugins (an interpreter running
    // from a package's own environment counts too).
    processFolders: set([...installFolders, ...extensionIds, ...jetbrainsPlugins]),
    installFolders: set([...installFolders, ...extensionIds]),
    ideDataFolders: set(ideDataFolders.flatMap(markerVariants)),
    dataFolders: set(dataFolders.flatMap(markerVariants)),
    commandLineTerms: set([...extensionIds, ...packages.map((p) => p.term)]),
    installTerms: set(installs.map((p) => p.term)),
    installerNames: set(installers.map((p) => p.term)),
    installerPrograms: set(LAUNCHERS.installerPrograms.flatMap((p) => [p, `${p}.exe`])),
    commandLineMarkers: orderedMarkers([
      ...extensionIds.map((id) => ({ term: id, label: id })),
      ...packages,
      ...installs,
      ...installers,
    ]),
    extensionIds,
    rootFiles: set(files.filter((f) => f.length === 1).map((f) => f[0])),
    nestedFiles: set(files.filter((f) => f.length > 1).map((f) => f[f.length - 1])),
    // The whole folder part ("code/user", ".kiro/settings"): a lone first segment is too common.
    fileFolders: set(
      files.filter((f) => f.length > 1).flatMap((f) => markerVariants(f.slice(0, -1).join("/"))),
    ),
    jetbrainsPlugins,
    npmFolders: set(npmFolders.flatMap(markerVariants)),
    // pip names the folder after the normalized distribution with underscores: aider_chat-0.86.1.dist-info.
    distInfoNames: set(pypi.map((d) => normalizeDistribution(d).replaceAll("-", "_"))),
    fileMarkers: orderedMarkers([
      ...extensionIds.map((id) => ({ term: id, label: id })),
      ...installFolderMarkers,
      ...msixMarkers,
      ...[...ideDataFolders, ...dataFolders].flatMap((folder) =>
        markerVariants(folder).map((term) => ({ term, label: folder })),
      ),
    ]),
    profileRoots: orderedMarkers(
      IDE_HOSTS.flatMap((host) => [
        ...host.roots.map((root) => `${root}/extensions`),
        ...host.dataFolders.map((folder) => `${folder}/user`),
      ]).flatMap((root) => markerVariants(root).map((term) => ({ term, label: root }))),
    ),
    agentsInfoNames: [...new Set(catalog.flatMap((a) => (a.agentsInfo ?? []).map((n) => n.name)))].sort(),
  };
}

/**
 * The command-line terms of an agent's packages, labelled by agent and channel: npm names, PyPI
 * distributions and modules, Homebrew folders, and launcher scripts in their folders.
 */
function packageTerms(agent: AgentDefinition): { term: string; label: string }[] {
  return (agent.processes ?? []).flatMap((rule) => {
    // "bin/x" also finds ".bin/x"; Unix launchers take "/", pip's Windows Scripts folder either slash.
    const scripts = (rule.scripts ?? []).flatMap((script) => [
      `bin/${script}`,
      ...markerVariants(`scripts/${script}`),
    ]);
    const terms = [
      ...[...(rule.npm ?? []), ...(rule.homebrew ?? [])].flatMap(markerVariants),
      ...(rule.pypi ?? []),
      ...(rule.modules ?? []),
      ...scripts,
      ...(rule.installScripts ?? []),
    ];
    return terms.map((term) => ({ term: term.toLowerCase(), label: `${agent.key}/${rule.channel}` }));
  });
}

/** What package managers are asked to install: Homebrew casks and formulae, WinGet package ids. */
function installTerms(agent: AgentDefinition): { term: string; label: string }[] {
  return (agent.processes ?? []).flatMap((rule) =>
    [...(rule.homebrew ?? []).map((h) => h.slice(h.indexOf("/") + 1)), ...(rule.winget ?? [])].map(
      (term) => ({
        term: term.toLowerCase(),
        label: `${agent.key}/${rule.channel}`,
      }),
    ),
  );
}

/**
 * The names a vendor's installer packages start with, as whole terms: `cursor` (`Cursor-2.0.77.dmg`),
 * `cursorsetup`, `cursorusersetup` (`CursorUserSetup-x64-2.0.77.exe`).
 */
function installerTerms(agent: AgentDefinition): { term: string; label: string }[] {
  return (agent.processes ?? []).flatMap((rule) =>
    (rule.installers ?? []).flatMap((name) =>
      [name, `${name}setup`, `${name}usersetup`].map((term) => ({
        term: term.toLowerCase(),
        label: `${agent.key}/${rule.channel}`,
      })),
    ),
  );
}

/**
 * Markers tried longest term first, so a term that extends another (`@github/copilot-language-server`,
 * `github.copilot-chat`) is named before the shorter one matches inside it; neighbours with one label
 * share a marker to keep the query short.
 */
function orderedMarkers(labelled: { term: string; label: string }[]): Marker[] {
  const markers: Marker[] = [];
  for (const { term, label } of [...labelled].sort((a, b) => byLength(a.term, b.term))) {
    const last = markers[markers.length - 1];
    if (last?.label === label) last.terms.push(term);
    else markers.push({ label, terms: [term] });
  }
  return markers;
}

/** Nested iff() naming the first marker whose terms occur in `column` ("" when none). */
function markerExpression(column: string, markers: Marker[]): string {
  return markers.reduceRight(
    (otherwise, marker) =>
      `iff(${column} has_any ${list(marker.terms)}, ${literal(marker.label)}, ${otherwise})`,
    '""',
  );
}

function list(values: string[]): string {
  return `(${values.map(literal).join(", ")})`;
}

/** Verbatim literals for Windows paths, so no escape sequences are needed. */
function literal(value: string): string {
  if (value.includes('"') || value.includes("'")) throw new Error(`Catalog value cannot be quoted: ${value}`);
  return value.includes("\\") ? `@'${value}'` : `"${value}"`;
}

/** DeviceId is hex: split the prefix space evenly into `count` groups of `startswith` tests. */
export function shardConditions(count: number): (string | null)[] {
  if (count <= 1) return [null];
  let width = 1;
  while (16 ** width < count) width++;
  const total = 16 ** width;
  const groups: string[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < total; i++) {
    groups[Math.floor((i * count) / total)].push(i.toString(16).padStart(width, "0"));
  }
  return groups.map((prefixes) => `(${prefixes.map((p) => `DeviceId startswith "${p}"`).join(" or ")})`);
}
