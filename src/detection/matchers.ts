// Pure matchers: Defender rows in, detections out. Matching is exact (normalized tokens, ids,
// image names) or anchored on whole path segments, never a loose substring.
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
import type { AgentsInfoRow, BrowserExtensionRow, FileSummaryRow, ProcessSummaryRow } from "./hunting";
import {
  extensionFromPath,
  hostFromPath,
  hostFromProcessName,
  isAgentsInfoLookAlike,
  isProcessLookAlike,
  isSoftwareLookAlike,
  LOOKUP,
  softwareAgent,
  type VendorRules,
} from "./lookup";
import { joinFile, pathHas, usersFromInstallPaths, versionFromPath } from "./paths";
import type { Channel, Detection } from "./types";

/** A software inventory row (SoftwareInventoryByMachine, NoProductCode, or the export files). */
export interface SoftwareRow {
  deviceId: string;
  deviceName?: string;
  osPlatform?: string;
  softwareVendor: string;
  softwareName: string;
  softwareVersion?: string;
  diskPaths?: string[];
  registryPaths?: string[];
}

export function matchSoftwareRows(rows: Iterable<SoftwareRow>): Detection[] {
  const detections: Detection[] = [];
  // A fleet has a few hundred distinct vendor strings: resolve each once, not once per row.
  const vendorRules = new Map<string, VendorRules | undefined>();
  for (const row of rows) {
    if (!row.softwareVendor || !row.softwareName) continue;
    let rules = vendorRules.get(row.softwareVendor);
    if (!vendorRules.has(row.softwareVendor)) {
      rules = LOOKUP.softwareByVendor.get(row.softwareVendor.toLowerCase());
      vendorRules.set(row.softwareVendor, rules);
    }
    if (!rules) continue;
    const vendor = row.softwareVendor.toLowerCase();
    const name = row.softwareName.toLowerCase();
    const agentKey = softwareAgent(rules, name);
    if (!agentKey || isSoftwareLookAlike(vendor, name)) continue;
    const users = usersFromInstallPaths(row.diskPaths, row.registryPaths);
    for (const user of users.length ? users : [null]) {
      detections.push(
        makeDetection(
          agentKey,
          "DESKTOP_APP",
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
            version: row.softwareVersion || null,
            device: { machineId: row.deviceId, deviceName: row.deviceName },
            user,
          },
        ),
      );
    }
  }
  return mergeDetections(detections);
}

export function matchBrowserExtensions(rows: Iterable<BrowserExtensionRow>): Detection[] {
  const detections: Detection[] = [];
  for (const row of rows) {
    const agentKey = LOOKUP.browserExtensions.get(row.ExtensionId?.toLowerCase());
    if (!agentKey) continue;
    detections.push(
      makeDetection(
        agentKey,
        "BROWSER_EXTENSION",
        "BROWSER_EXTENSIONS",
        { extensionId: row.ExtensionId, extensionName: row.ExtensionName, browserName: row.BrowserName },
        0.95,
        {
          version: row.ExtensionVersion || null,
          device: { machineId: row.DeviceId, deviceName: row.DeviceName },
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
  version?: string | null;
  signal: string;
  confidence: number;
  /** The process is an interpreter (node, python): its version info is not the agent's. */
  interpreter?: boolean;
}

function classifyProcess(image: string, path: string, marker: string): SignalHit | undefined {
  if (marker) {
    const hit = LOOKUP.commandLineMarkers.get(marker.toLowerCase());
    if (hit) return { ...hit, signal: `commandLine:${marker}`, confidence: 0.9, interpreter: true };
  }
  const extension = extensionFromPath(path);
  if (extension) return { ...extension, signal: `extension:${extension.extensionId}`, confidence: 0.95 };
  if (isProcessLookAlike(image, path)) return undefined;
  for (const rule of LOOKUP.imageRules.get(image) ?? []) {
    if (rule.folders && !rule.folders.some((f) => pathHas(path, f))) continue;
    if (rule.exceptFolders?.some((f) => pathHas(path, f))) continue;
    return {
      agentKey: rule.agentKey,
      channel: rule.channel,
      signal: `image:${image}`,
      confidence: rule.folders ? 0.85 : 0.75,
    };
  }
  for (const rule of LOOKUP.folderRules) {
    const folder = rule.folders?.find((f) => pathHas(path, f));
    if (folder)
      return { agentKey: rule.agentKey, channel: rule.channel, signal: `folder:${folder}`, confidence: 0.85 };
  }
  return undefined;
}

/** Rows of the PROCESS_EVENTS hunting query. */
export function matchProcessSummaries(rows: Iterable<ProcessSummaryRow>): Detection[] {
  const detections: Detection[] = [];
  for (const row of rows) {
    const path = joinFile(row.FolderPath ?? "", row.FileName);
    const image = (row.FileName ?? "").toLowerCase();
    const hit = classifyProcess(image, path, row.CommandLineMarker ?? "");
    if (!hit) continue;
    const productVersion = hit.interpreter ? null : highestVersion(toList(row.Versions));
    const version = hit.version ?? productVersion ?? versionFromPath(path);
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
        },
      ),
    );
  }
  return mergeDetections(detections);
}

function classifyFile(path: string): SignalHit | undefined {
  const extension = extensionFromPath(path);
  if (extension) return { ...extension, signal: `extension:${extension.extensionId}`, confidence: 0.9 };
  const fileName = path.slice(path.lastIndexOf("/", path.length - 2) + 1, -1);
  for (const rule of LOOKUP.fileRulesByName.get(fileName) ?? []) {
    if (!path.endsWith(`/${rule.path}/`)) continue;
    const hostIde = rule.channel === "IDE_EXTENSION" ? hostFromPath(path) : undefined;
    return {
      agentKey: rule.agentKey,
      channel: rule.channel,
      hostIde,
      signal: `file:${rule.path}`,
      confidence: 0.8,
    };
  }
  // The agent's executable written or deleted.
  return classifyProcess(fileName, path, "");
}

/**
 * Rows of the FILE_EVENTS hunting query. A file deleted after its last write no longer counts as
 * presence; an installation whose every file was deleted is reported with `removed: true`.
 */
export function matchFileSummaries(rows: Iterable<FileSummaryRow>): Detection[] {
  const written: { detection: Detection; file: string }[] = [];
  const deleted: Detection[] = [];
  const deletedAt = new Map<string, number>();
  for (const row of rows) {
    const path = joinFile(row.FolderPath ?? "", row.FileName);
    const hit = classifyFile(path);
    if (!hit) continue;
    const detection = makeDetection(
      hit.agentKey,
      hit.channel,
      "FILE_EVENTS",
      { signal: hit.signal, fileName: row.FileName, folderPath: row.FolderPath, action: row.ActionType },
      hit.confidence,
      {
        hostIde: hit.hostIde,
        version: hit.version ?? null,
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
      },
    );
    const file = `${installationKey(detection)}|${path}`;
    if (row.ActionType?.toLowerCase() === "filedeleted") {
      deleted.push({ ...detection, removed: true });
      deletedAt.set(file, Math.max(deletedAt.get(file) ?? 0, detection.lastSeenAt?.getTime() ?? 0));
    } else {
      written.push({ detection, file });
    }
  }
  const live = written
    .filter(({ detection, file }) => (detection.lastSeenAt?.getTime() ?? 0) > (deletedAt.get(file) ?? -1))
    .map(({ detection }) => detection);
  const liveKeys = new Set(live.map(installationKey));
  return mergeDetections([...live, ...deleted.filter((d) => !liveKeys.has(installationKey(d)))]);
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
        },
      ),
    );
  }
  return mergeDetections(detections);
}
