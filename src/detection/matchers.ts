// Pure matchers: Defender rows in, detections out. Matching is exact (normalized tokens, ids,
// image names) or anchored on whole path segments and command-line arguments, never a loose
// substring; a short generic name needs a folder, package or publisher to vouch for it.
import {
  eventUser,
  highestVersion,
  installationKey,
  makeDetection,
  mergeDetections,
  toDate,
  toList,
  toObject,
} from "./detections";
import type { BrowserExtensionRow, HuntingRow, SoftwareInventoryRow } from "../defender";
import type { AgentsInfoRow, FileSummaryRow, HuntingSource, ProcessSummaryRow } from "./hunting";
import {
  agentIdeOfDataFolder,
  commandLineHit,
  dataFolderHit,
  extensionFromPath,
  folderHit,
  hostFromPath,
  hostFromProcessName,
  imageHit,
  installerPackage,
  isAgentsInfoLookAlike,
  isProcessLookAlike,
  INSTALLED_CHANNELS,
  isSoftwareLookAlike,
  LOOKUP,
  normalizePublisher,
  normalizeSoftwareName,
  normalizeVendor,
  packagesInPath,
  runsOutsideIde,
  softwareTarget,
  type SoftwareTarget,
} from "./lookup";
import { joinFile, usersFromInstallPaths, versionFromPath } from "./paths";
import { isInstallSignal, useOf } from "./activity";
import type { Channel, Detection } from "./types";

/** What each raw name under one raw vendor stands for, remembered; null when the vendor has no rules. */
function vendorResolver(rawVendor: string): ((name: string) => SoftwareTarget | null) | null {
  const vendor = normalizeVendor(rawVendor);
  const rules = LOOKUP.softwareByVendor.get(vendor);
  if (!rules) return null;
  const names = new Map<string, SoftwareTarget | null>();
  return (rawName) => {
    let target = names.get(rawName);
    if (target === undefined) {
      const name = normalizeSoftwareName(rawName);
      target = isSoftwareLookAlike(vendor, name) ? null : (softwareTarget(rules, name) ?? null);
      names.set(rawName, target);
    }
    return target;
  };
}

/**
 * The fields of the connector's software inventory row (SoftwareInventoryByMachine, NoProductCode, or
 * the export files) that matching reads.
 */
export type SoftwareRow = Pick<
  SoftwareInventoryRow,
  | "deviceId"
  | "deviceName"
  | "softwareVendor"
  | "softwareName"
  | "softwareVersion"
  | "diskPaths"
  | "registryPaths"
>;

/** The fields of the connector's browser extension inventory row that matching reads. */
export type ExtensionRow = Pick<
  BrowserExtensionRow,
  "deviceId" | "deviceName" | "browserName" | "extensionId" | "extensionName" | "extensionVersion"
>;

export function matchSoftwareRows(rows: Iterable<SoftwareRow>): Detection[] {
  const detections: Detection[] = [];
  // A fleet has a few hundred distinct vendor strings and a few thousand names: each is normalized and
  // resolved once, not once per row.
  const vendors = new Map<string, ((name: string) => SoftwareTarget | null) | null>();
  for (const row of rows) {
    if (!row.softwareVendor || !row.softwareName) continue;
    let resolve = vendors.get(row.softwareVendor);
    if (resolve === undefined) {
      resolve = vendorResolver(row.softwareVendor);
      vendors.set(row.softwareVendor, resolve);
    }
    const target = resolve?.(row.softwareName);
    if (!target) continue;
    const users = usersFromInstallPaths(row.diskPaths, row.registryPaths);
    for (const user of users.length ? users : [null]) {
      detections.push(
        makeDetection(
          target.agentKey,
          target.channel,
          "SOFTWARE_INVENTORY",
          {
            softwareVendor: row.softwareVendor,
            softwareName: row.softwareName,
            softwareVersion: row.softwareVersion,
            diskPath: row.diskPaths?.[0],
            registryPath: row.registryPaths?.[0],
          },
          row.diskPaths?.length ? 0.95 : 0.9,
          {
            hostIde: target.hostIde,
            version: row.softwareVersion || null,
            device: { machineId: row.deviceId, deviceName: row.deviceName ?? undefined },
            user,
          },
        ),
      );
    }
  }
  return mergeDetections(detections);
}

export function matchBrowserExtensions(rows: Iterable<ExtensionRow>): Detection[] {
  const detections: Detection[] = [];
  for (const row of rows) {
    const agentKey = LOOKUP.browserExtensions.get(row.extensionId.toLowerCase());
    if (!agentKey) continue;
    detections.push(
      makeDetection(
        agentKey,
        "BROWSER_EXTENSION",
        "BROWSER_EXTENSIONS",
        { extensionId: row.extensionId, extensionName: row.extensionName, browserName: row.browserName },
        0.95,
        {
          version: row.extensionVersion || null,
          device: { machineId: row.deviceId, deviceName: row.deviceName ?? undefined },
          user: null,
        },
      ),
    );
  }
  return mergeDetections(detections);
}

interface SignalHit {
  agentKey: string;
  channel: Channel;
  hostIde?: string;
  /**
   * The version the evidence itself carries (null: none). Undefined when the image is the agent's
   * own executable: its version info and install folder tell it.
   */
  version?: string | null;
  signal: string;
  confidence: number;
  /** The folder whose deletion removes the installation (an extension's or a package's). */
  unit?: string;
  /** Writes that show the agent in use (its storage, its config files), not its install. */
  usage?: boolean;
  /** Written by more than one of the agent's installations: the writer tells which. */
  shared?: boolean;
  /** The channels the evidence may stand for, when it does not say (`Detection.channelCandidates`). */
  candidates?: Channel[];
}

/**
 * What a process row shows: what its command line runs (an interpreter's, runner's or IDE extension
 * host's program), and what its image is. An extension or package folder the image runs from comes
 * first; a short generic image name counts only with a folder or publisher vouching for it.
 */
function classifyProcess(
  image: string,
  path: string,
  commandLine: string,
  publishers: string[],
): SignalHit[] {
  const hits: SignalHit[] = [];
  const launched = commandLine ? commandLineHit(commandLine) : undefined;
  if (launched) hits.push({ ...launched, confidence: 0.9 });
  const own = image ? classifyImage(image, path, publishers) : undefined;
  if (own && !(launched && own.agentKey === launched.agentKey && own.channel === launched.channel))
    hits.push(own);
  // The vendor's installer running: the image is the installer package itself.
  const installer = !hits.length && image ? installerPackage(image) : undefined;
  if (installer) hits.push({ ...installer, signal: `installer:${installer.packageName}`, confidence: 0.8 });
  return hits;
}

function classifyImage(image: string, path: string, publishers: string[]): SignalHit | undefined {
  const extension = extensionFromPath(path);
  if (extension) return { ...extension, signal: `extension:${extension.extensionId}`, confidence: 0.95 };
  const packages = packagesInPath(path);
  if (packages.length) {
    const [pkg] = packages;
    // A pipx venv holds a dist-info, a Cellar formula its version folder: the version is the package's,
    // and the innermost folder (the versioned one an upgrade replaces) is the unit a removal deletes.
    const own = packages.filter((p) => p.agentKey === pkg.agentKey);
    const version = own.find((p) => p.version)?.version ?? null;
    const unit = own.findLast((p) => p.unit)?.unit;
    return { ...pkg, version, unit, signal: `package:${pkg.packageName}`, confidence: 0.85 };
  }
  if (isProcessLookAlike(image, path)) return undefined;
  const byImage = imageHit(image, path, publishers);
  if (byImage)
    return {
      agentKey: byImage.agentKey,
      channel: byImage.channel,
      signal: `image:${image}`,
      confidence: byImage.corroboration === "name" ? 0.75 : 0.85,
    };
  // A folder-only rule's image may be a runtime the agent bundles (its node): the version is the folder's.
  const byFolder = folderHit(path);
  if (byFolder)
    return {
      ...byFolder,
      version: versionFromPath(path),
      signal: `folder:${byFolder.folder}`,
      confidence: 0.85,
    };
  return undefined;
}

/** Rows of the PROCESS_EVENTS hunting query. */
export function matchProcessSummaries(rows: Iterable<ProcessSummaryRow>): Detection[] {
  const detections: Detection[] = [];
  for (const row of rows) {
    const path = row.FileName ? joinFile(row.FolderPath ?? "", row.FileName) : "";
    const image = (row.FileName ?? "").toLowerCase();
    const publishers = [...toList(row.Publishers), ...toList(row.Products)].map(normalizePublisher);
    for (const hit of classifyProcess(image, path, row.CommandLine ?? "", publishers)) {
      const version =
        hit.version !== undefined
          ? hit.version
          : (highestVersion(toList(row.Versions)) ?? versionFromPath(path));
      detections.push(
        makeDetection(
          hit.agentKey,
          hit.channel,
          "PROCESS_EVENTS",
          { signal: hit.signal, fileName: row.FileName, folderPath: row.FolderPath },
          hit.confidence,
          {
            hostIde: hit.hostIde,
            version,
            device: { machineId: row.DeviceId, deviceName: row.DeviceName },
            user: eventUser(
              {
                upn: row.AccountUpn,
                accountName: row.AccountName,
                accountDomain: row.AccountDomain,
                sid: row.AccountSid,
              },
              row.FolderPath ?? "",
            ),
            firstSeenAt: toDate(row.FirstSeen),
            lastSeenAt: toDate(row.LastSeen),
            ...useOf(row, isInstallSignal(hit.signal)),
          },
        ),
      );
    }
  }
  return mergeDetections(detections);
}

/**
 * A config file of the catalog, else what `classifyImage` finds in the path, else the user data
 * folder of an agent IDE.
 */
function classifyPath(path: string): SignalHit | undefined {
  const fileName = path.slice(path.lastIndexOf("/", path.length - 2) + 1, -1);
  for (const rule of LOOKUP.fileRulesByName.get(fileName) ?? []) {
    if (!path.endsWith(`/${rule.path}/`)) continue;
    const hostIde = rule.channel === "IDE_EXTENSION" ? hostFromPath(path) : undefined;
    return {
      agentKey: rule.agentKey,
      channel: rule.channel,
      hostIde,
      version: null,
      signal: `file:${rule.path}`,
      confidence: 0.8,
      usage: true,
      shared: rule.shared,
    };
  }
  // An extension's or package's files (its storage, npm's package.json, a dist-info), or the agent's
  // executable, written or deleted.
  const installed = classifyImage(fileName, path, []);
  if (installed) return installed;
  const data = dataFolderHit(path);
  if (data)
    return {
      agentKey: data.agentKey,
      channel: data.channel,
      version: null,
      signal: `data:${data.path}`,
      confidence: 0.75,
      usage: true,
      unit: data.unit,
      shared: data.shared,
    };
  const ide = agentIdeOfDataFolder(path);
  return ide
    ? {
        agentKey: ide,
        channel: "DESKTOP_APP",
        version: null,
        signal: `data:${ide}`,
        confidence: 0.8,
        usage: true,
      }
    : undefined;
}

/** The process that wrote a file, as a process row would show it. */
interface Writer {
  image: string;
  path: string;
  commandLine: string;
}

/**
 * What a file event shows. Install files (an extension's folder, a package, the executable) stand
 * for themselves. Files an installation uses (config, history, state) may be shared by several
 * installations of one agent (the CLI and the IDE extension both write `~/.claude`): the agent's
 * process that wrote them tells which. A file only an agent's process explains counts as use of it.
 * Writers never give a version: a file shows one only in its own path.
 */
function classifyFile(path: string, writer: Writer | undefined, deleted: boolean): SignalHit | undefined {
  const byPath = classifyPath(path);
  if (byPath && !byPath.usage) return byPath;
  const [byWriter] = writer ? classifyProcess(writer.image, writer.path, writer.commandLine, []) : [];
  // Shared data no process of the agent vouches for: the catalog's channel is only a default.
  const vouched = byWriter !== undefined && byWriter.agentKey === byPath?.agentKey;
  if (byPath?.shared && !vouched) return { ...byPath, candidates: INSTALLED_CHANNELS };
  if (!byWriter) return byPath;
  const written = { channel: byWriter.channel, hostIde: byWriter.hostIde };
  if (byPath) return byPath.agentKey === byWriter.agentKey ? { ...byPath, ...written } : byPath;
  if (deleted) return undefined;
  return {
    agentKey: byWriter.agentKey,
    ...written,
    version: null,
    signal: `writer:${byWriter.signal}`,
    confidence: 0.7,
    usage: true,
    unit: `writer|${byWriter.agentKey}|${byWriter.channel}`,
  };
}

/** One file or folder of an installation (an extension's folder, a config file, …) over the window. */
interface FileUnit {
  writes: Detection[];
  lastWrite: number;
  lastDelete: number;
  usage: boolean;
}

/**
 * Rows of the FILE_EVENTS hunting query, each read by its path and by the process that wrote it
 * (`classifyFile`). A file deleted after its last write no longer counts as presence, and an
 * extension's or package's files count together (deleting its folder removes it).
 * Once every install folder of an installation is deleted, use of it (storage, config writes) counts
 * only if newer than the deletion. An installation with nothing left is reported `removed: true`.
 */
export function matchFileSummaries(rows: Iterable<FileSummaryRow>): Detection[] {
  const installations = new Map<string, { units: Map<string, FileUnit>; deletions: Detection[] }>();
  for (const row of rows) {
    const path = joinFile(row.FolderPath ?? "", row.FileName);
    const deleted = row.ActionType?.toLowerCase() === "filedeleted";
    const writerPath = row.InitiatingProcessFolderPath
      ? joinFile(row.InitiatingProcessFolderPath, row.InitiatingProcessFileName)
      : "";
    const writer = writerPath
      ? {
          image: (row.InitiatingProcessFileName ?? "").toLowerCase(),
          path: writerPath,
          commandLine: row.InitiatingProcessCommandLine ?? "",
        }
      : undefined;
    const hit = classifyFile(path, writer, deleted);
    if (!hit) continue;
    const detection = makeDetection(
      hit.agentKey,
      hit.channel,
      "FILE_EVENTS",
      { signal: hit.signal, fileName: row.FileName, folderPath: row.FolderPath, action: row.ActionType },
      hit.confidence,
      {
        hostIde: hit.hostIde,
        version: hit.version !== undefined ? hit.version : versionFromPath(path),
        channelCandidates: hit.candidates,
        device: { machineId: row.DeviceId, deviceName: row.DeviceName },
        user: eventUser(
          {
            upn: row.InitiatingProcessAccountUpn,
            accountName: row.InitiatingProcessAccountName,
            accountDomain: row.InitiatingProcessAccountDomain,
            sid: row.InitiatingProcessAccountSid,
          },
          row.FolderPath ?? "",
        ),
        firstSeenAt: toDate(row.FirstSeen),
        lastSeenAt: toDate(row.LastSeen),
        // Deleting files is never use; an install's own files are not either (see `classifyFile`).
        ...(deleted ? {} : useOf(row, !hit.usage || isInstallSignal(hit.signal))),
      },
    );
    const key = installationKey(detection);
    let installation = installations.get(key);
    if (!installation) installations.set(key, (installation = { units: new Map(), deletions: [] }));
    const unitKey = hit.unit ?? path;
    let unit = installation.units.get(unitKey);
    if (!unit) {
      unit = { writes: [], lastWrite: -Infinity, lastDelete: -Infinity, usage: hit.usage === true };
      installation.units.set(unitKey, unit);
    }
    const at = detection.lastSeenAt?.getTime() ?? 0;
    if (deleted) {
      installation.deletions.push({ ...detection, removed: true });
      unit.lastDelete = Math.max(unit.lastDelete, at);
    } else {
      unit.writes.push(detection);
      unit.lastWrite = Math.max(unit.lastWrite, at);
    }
  }
  const found: Detection[] = [];
  for (const { units, deletions } of installations.values()) {
    const live = liveUnits([...units.values()]).flatMap((u) => u.writes);
    found.push(...(live.length ? live : deletions));
  }
  return mergeDetections(found);
}

/** The units still showing the installation (see `matchFileSummaries`). */
function liveUnits(units: FileUnit[]): FileUnit[] {
  const alive = units.filter((u) => u.lastWrite > u.lastDelete);
  const installs = units.filter((u) => !u.usage);
  if (!installs.length || alive.some((u) => !u.usage)) return alive;
  const removedAt = Math.max(...installs.map((u) => u.lastDelete));
  return alive.filter((u) => u.lastWrite > removedAt);
}

const REMOVED_STATES = new Set(["deleted", "uninstalled"]);

/** Rows of the AGENTS_INFO hunting query (Defender's own local AI agent discovery). */
export function matchAgentsInfo(rows: Iterable<AgentsInfoRow>): Detection[] {
  const detections: Detection[] = [];
  for (const row of rows) {
    if (!row.Name || isAgentsInfoLookAlike(row.Name)) continue;
    const known = LOOKUP.agentsInfoNames.get(row.Name.toLowerCase());
    if (!known) continue;
    const meta = toObject(toObject(row.RawAgentInfo).localAgentMetadata);
    const text = (key: string) =>
      typeof meta[key] === "string" && meta[key] ? (meta[key] as string) : undefined;
    const relatedProcess = text("relatedProcess");
    const host = relatedProcess ? hostFromProcessName(relatedProcess) : undefined;
    // An agent inside an IDE is an extension there, unless the "host" is the agent's own IDE.
    const inIde = host !== undefined && host !== known.agentKey;
    // A name that stands for more than one installation does not say which one; a related process
    // that is the agent's own program or an interpreter says it is not an IDE extension.
    const outsideIde = relatedProcess !== undefined && runsOutsideIde(relatedProcess);
    const candidates = known.candidates.filter((c) => !(outsideIde && c === "IDE_EXTENSION"));
    const channelCandidates = inIde || candidates.length < 2 ? undefined : candidates;
    const accountName = text("accountName");
    const sid = text("accountSid");
    detections.push(
      makeDetection(
        known.agentKey,
        inIde ? "IDE_EXTENSION" : known.channel,
        "AGENTS_INFO",
        { agentId: row.AgentId, name: row.Name, relatedProcess, vendor: text("vendor") },
        0.95,
        {
          hostIde: inIde ? host : undefined,
          version: row.Version || null,
          device: { aadDeviceId: text("aadDeviceId"), deviceName: text("deviceName") },
          user: accountName || sid ? { accountName, accountDomain: text("accountDomain"), sid } : null,
          lastSeenAt: toDate(row.Timestamp),
          removed: REMOVED_STATES.has((row.LifecycleStatus ?? "").toLowerCase()) || undefined,
          channelCandidates,
        },
      ),
    );
  }
  return mergeDetections(detections);
}

/** The columns each hunting query projects and without which its row says nothing. */
const REQUIRED_COLUMNS: Record<HuntingSource, readonly string[]> = {
  PROCESS_EVENTS: ["DeviceId", "FileName", "FolderPath"],
  FILE_EVENTS: ["DeviceId", "FileName", "FolderPath"],
  AGENTS_INFO: ["AgentId", "Name"],
};

/** Whether a hunting row carries each of `columns` as text (the ones a matcher cannot do without). */
export function hasColumns<T>(row: HuntingRow, columns: readonly string[]): row is HuntingRow & T {
  return columns.every((column) => typeof row[column] === "string");
}

/**
 * The rows of one of the catalog's hunting queries (buildHuntingQueries), as the connector returns
 * them: keyed by the query's column names, typed by the result's schema. A row missing an identifying
 * column is skipped.
 */
export function matchHuntingRows(source: HuntingSource, rows: HuntingRow[]): Detection[] {
  const required = REQUIRED_COLUMNS[source];
  if (source === "PROCESS_EVENTS")
    return matchProcessSummaries(rows.filter((r) => hasColumns<ProcessSummaryRow>(r, required)));
  if (source === "FILE_EVENTS")
    return matchFileSummaries(rows.filter((r) => hasColumns<FileSummaryRow>(r, required)));
  return matchAgentsInfo(rows.filter((r) => hasColumns<AgentsInfoRow>(r, required)));
}
