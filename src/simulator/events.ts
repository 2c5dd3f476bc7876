// Advanced-hunting event rows for one device, rendered from the field corpus records the fleet
// planted (evidence.ts) at the moments their timelines give (timeline.ts). Timestamps are `asOf`
// minus (day - logical day), so `ago()` windows select the same rows for a given day.
import {
  fill,
  processesAt,
  renderAgentsInfo,
  renderFile,
  renderProcess,
  SHELLS,
  showsVersion,
  splitPath,
  type FileSighting,
  type RenderedProcess,
} from "../detection/corpus";
import { contextVars, filesFor, prepared, sightingMoment, variantValue, type Planted } from "./evidence";
import { Fleet, hostApp, installVersion, type Device, type Installation } from "./fleet";
import { guid, hash, hashString } from "./random";
import {
  agentsInfoMoments,
  DAY_MS,
  inWindow,
  momentsOf,
  present,
  type Moment,
  type Window,
} from "./timeline";
import type { FleetUser } from "./types";

export type Row = Record<string, unknown>;

const HALF_DAY_MS = DAY_MS / 2;

function eventTime(w: Window, logicalDay: number, h: number): Date {
  return new Date(w.asOf - (w.day - logicalDay) * DAY_MS - (h % HALF_DAY_MS));
}

function reportId(h: number): number {
  return h % 100000;
}

/** Account columns of a user on a device: domain, name, SID (Windows), UPN and object id (not Linux). */
function account(device: Device, user: FleetUser): [string, string, string, string, string] {
  const linux = device.os === "linux";
  return [
    user.accountDomain,
    user.accountName,
    device.os === "windows" ? user.sid : "",
    linux ? "" : user.upn,
    linux ? "" : user.aadObjectId,
  ];
}

/** A process as an event's initiating process. */
interface Initiator {
  fileName: string;
  folderPath: string;
  commandLine: string;
}

function imageOf(path: string): Initiator {
  const { fileName } = splitPath(path);
  return { fileName, folderPath: path, commandLine: path.includes(" ") ? `"${path}"` : path };
}

function shellFor(device: Device): Initiator {
  return imageOf(SHELLS[device.os]);
}

/**
 * Version resources of the images agents run through. Only Windows PE files carry them (Defender
 * leaves ProcessVersionInfo* empty for ELF and Mach-O images); an interpreter's or IDE's version is
 * never the agent's.
 */
const VERSION_INFO: Record<string, [company: string, product: string, version: string]> = {
  "node.exe": ["Node.js", "Node.js", "22.21.1"],
  "python.exe": ["Python Software Foundation", "Python", "3.12.10"],
  "py.exe": ["Python Software Foundation", "Python", "3.12.10"],
  "code.exe": ["Microsoft Corporation", "Visual Studio Code", "1.106.2"],
  "code - insiders.exe": ["Microsoft Corporation", "Visual Studio Code - Insiders", "1.107.0"],
  "vscodium.exe": ["VSCodium", "VSCodium", "1.105.17075"],
  "pwsh.exe": ["Microsoft Corporation", "PowerShell", "7.5.4"],
  "cmd.exe": ["Microsoft Corporation", "Microsoft® Windows® Operating System", "10.0.26100.1"],
  "idea64.exe": ["JetBrains s.r.o.", "IntelliJ IDEA", "2025.2.4"],
  "pycharm64.exe": ["JetBrains s.r.o.", "PyCharm", "2025.2.4"],
};

/**
 * The version resource of a process image; `host` is the agent IDE (Cursor, Windsurf…) whose own
 * executable runs an extension's child, which carries that IDE's installed version.
 */
function versionInfo(device: Device, art: RenderedProcess, host?: RenderedProcess): [string, string, string] {
  if (device.os !== "windows") return ["", "", ""];
  const source = art.company ? art : host;
  if (source) return [source.company, source.product, source.productVersion];
  return VERSION_INFO[art.fileName.toLowerCase()] ?? ["", "", ""];
}

function processRow(
  device: Device,
  user: FleetUser,
  art: RenderedProcess,
  parent: Initiator,
  time: Date,
  h: number,
  host?: RenderedProcess,
): Row {
  const [company, product, version] = versionInfo(device, art, host);
  const [domain, name, sid, upn, objectId] = account(device, user);
  return {
    Timestamp: time,
    DeviceId: device.id,
    DeviceName: device.computerDnsName,
    ActionType: "ProcessCreated",
    FileName: art.fileName,
    FolderPath: art.folderPath,
    SHA1: guid(h).replace(/-/g, "").slice(0, 40).padEnd(40, "0"),
    ProcessCommandLine: art.commandLine,
    ProcessVersionInfoCompanyName: company,
    ProcessVersionInfoProductName: product,
    ProcessVersionInfoProductVersion: version,
    ProcessId: 1000 + (h % 60000),
    AccountDomain: domain,
    AccountName: name,
    AccountSid: sid,
    AccountUpn: upn,
    AccountObjectId: objectId,
    InitiatingProcessFileName: parent.fileName,
    InitiatingProcessFolderPath: parent.folderPath,
    InitiatingProcessCommandLine: parent.commandLine,
    InitiatingProcessAccountDomain: domain,
    InitiatingProcessAccountName: name,
    InitiatingProcessAccountSid: sid,
    InitiatingProcessAccountUpn: upn,
    InitiatingProcessAccountObjectId: objectId,
    ReportId: reportId(h),
  };
}

function fileRow(
  device: Device,
  user: FleetUser,
  file: { fileName: string; folderPath: string },
  action: string,
  initiator: Initiator,
  time: Date,
  h: number,
): Row {
  const [domain, name, sid, upn, objectId] = account(device, user);
  return {
    Timestamp: time,
    DeviceId: device.id,
    DeviceName: device.computerDnsName,
    ActionType: action,
    FileName: file.fileName,
    FolderPath: file.folderPath,
    SHA1: action === "FileDeleted" ? "" : guid(h, 9).replace(/-/g, "").padEnd(40, "0"),
    FileSize: 512 + (h % 40000),
    InitiatingProcessFileName: initiator.fileName,
    InitiatingProcessFolderPath: initiator.folderPath,
    InitiatingProcessCommandLine: initiator.commandLine,
    InitiatingProcessAccountDomain: domain,
    InitiatingProcessAccountName: name,
    InitiatingProcessAccountSid: sid,
    InitiatingProcessAccountUpn: upn,
    InitiatingProcessAccountObjectId: objectId,
    ReportId: reportId(h),
  };
}

/**
 * The command line of a sighting's parent: a sibling sighting started by the same moment, the IDE's
 * extension host (its utility-process command line names no extension), or the bare image.
 */
function parentOf(
  device: Device,
  p: Planted,
  art: RenderedProcess,
  siblings: RenderedProcess[],
  vars: Record<string, string>,
): Initiator {
  if (!art.parent) return shellFor(device);
  const sibling = siblings.find((s) => s !== art && s.folderPath === art.parent!.folderPath);
  if (sibling) return { ...art.parent, commandLine: sibling.commandLine };
  const fork = variantValue(p, "forkImage", vars);
  if (fork && art.parent.folderPath === fork)
    return {
      ...art.parent,
      commandLine: variantValue(p, "forkFlag", vars)
        ? `${imageOf(fork).commandLine} --type=utility --utility-sub-type=node.mojom.NodeService --lang=en-US --service-sandbox-type=none --dns-result-order=ipv4first --inspect-port=0`
        : `${fork} --dns-result-order=ipv4first ${splitPath(fork).folderPath}/out/bootstrap-fork --type=extensionHost --transformURIs --useHostProxy=false`,
    };
  return imageOf(art.parent.folderPath);
}

/** Moments of one planted thing: an agent's timeline, or a look-alike's recent use. */
function lookAlikeMoments(l: Planted, w: Window): Moment[] {
  const day = w.horizon - (l.salt % 4);
  return inWindow(w, day) ? [{ day, kind: "use", version: l.record.versions[0], latestUse: true }] : [];
}

function* plantedMoments(
  fleet: Fleet,
  device: Device,
  w: Window,
  installed = fleet.installations(device),
): Generator<[Planted, Moment]> {
  for (const inst of installed) for (const m of momentsOf(inst, w)) yield [inst, m];
  for (const l of fleet.lookAlikes(device)) {
    // A look-alike extension inside an agent IDE (Cursor, Windsurf…) runs only while that IDE is installed.
    const host = hostApp(l.variant, installed);
    for (const m of lookAlikeMoments(l, w)) if (!host || present(host.lifecycle, m.day)) yield [l, m];
  }
}

/** The process rows one planted thing produces at one moment. */
export function processRowsAt(
  seed: number,
  device: Device,
  p: Planted,
  moment: Moment,
  w: Window,
  host?: RenderedProcess,
): Row[] {
  const sightings = processesAt(prepared(p), sightingMoment(moment.kind));
  if (!sightings.length) return [];
  const h = hash(seed, device.index, p.salt, moment.day, hashString(moment.kind));
  const vars = contextVars(p, moment.version, h);
  const rendered = sightings.map((s) => renderProcess(s, vars));
  const fork = variantValue(p, "forkImage", vars);
  return rendered.map((art, i) => {
    const hi = hash(h, i);
    const parent = parentOf(device, p, art, rendered, vars);
    return processRow(
      device,
      p.user,
      art,
      parent,
      eventTime(w, moment.day, hi),
      hi,
      art.folderPath === fork ? host : undefined,
    );
  });
}

/** An agent IDE's main process as it runs on `day` (its version resource, for the extensions it hosts). */
function hostImage(host: Installation, day: number): RenderedProcess | undefined {
  const main = processesAt(prepared(host), "use")[0];
  return main && renderProcess(main, contextVars(host, installVersion(host, day), 0));
}

export function processEvents(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  const w = fleet.window(device, day, asOf);
  const installed = fleet.installations(device);
  const hostImages = new Map<string, RenderedProcess | undefined>();
  for (const [p, moment] of plantedMoments(fleet, device, w, installed)) {
    const host = "lifecycle" in p ? hostApp(p.variant, installed) : undefined;
    let image: RenderedProcess | undefined;
    if (host) {
      const key = `${host.record.id}|${installVersion(host, moment.day)}`;
      if (hostImages.has(key)) image = hostImages.get(key);
      else hostImages.set(key, (image = hostImage(host, moment.day)));
    }
    rows.push(...processRowsAt(fleet.seed, device, p, moment, w, image));
  }
  rows.push(...noiseProcesses(fleet, device, w));
  return rows;
}

/**
 * The process and file rows of an installation's days of use in the window, exactly as the tables
 * hold them: its activity's ground truth (src/simulator/activity.ts). An agent IDE runs while an
 * extension it hosts (an agent's or a look-alike's) is used: those of the extension's processes that
 * are the IDE's own executable (its extension host) are use of the IDE too.
 */
export function useRowsOf(fleet: Fleet, device: Device, inst: Installation, w: Window): Row[] {
  const installed = fleet.installations(device);
  const ideImages = new Set(
    inst.record.channel === "DESKTOP_APP"
      ? processesAt(prepared(inst), "use").map((s) => splitPath(s.image).fileName.toLowerCase())
      : [],
  );
  const rows: Row[] = [];
  for (const [p, moment] of plantedMoments(fleet, device, w, installed)) {
    if (moment.kind !== "use") continue;
    const own = "lifecycle" in p && p.record === inst.record;
    if (!own && !(ideImages.size && p.variant?.host === inst.record.agentKey)) continue;
    const host = "lifecycle" in p ? hostApp(p.variant, installed) : undefined;
    const image = host ? hostImage(host, moment.day) : undefined;
    const produced = [
      ...processRowsAt(fleet.seed, device, p, moment, w, image),
      ...fileRowsAt(fleet.seed, device, p, moment, w),
    ];
    rows.push(...(own ? produced : produced.filter((r) => ideImages.has(String(r.FileName).toLowerCase()))));
  }
  return rows;
}

const WINDOWS_NOISE: RenderedProcess[] = [
  {
    fileName: "explorer.exe",
    folderPath: "C:\\Windows\\explorer.exe",
    commandLine: "C:\\Windows\\Explorer.EXE",
    company: "Microsoft Corporation",
    product: "Microsoft® Windows® Operating System",
    productVersion: "10.0.26100.6899",
  },
  {
    fileName: "chrome.exe",
    folderPath: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    commandLine: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"',
    company: "Google LLC",
    product: "Google Chrome",
    productVersion: "142.0.7444.176",
  },
];
const UNIX_NOISE: RenderedProcess[] = [
  {
    fileName: "git",
    folderPath: "/usr/bin/git",
    commandLine: "git status",
    company: "",
    product: "",
    productVersion: "",
  },
  {
    fileName: "python3",
    folderPath: "/usr/bin/python3",
    commandLine: "python3 manage.py runserver",
    company: "",
    product: "",
    productVersion: "",
  },
];

function noiseProcesses(fleet: Fleet, device: Device, w: Window): Row[] {
  const rows: Row[] = [];
  (device.os === "windows" ? WINDOWS_NOISE : UNIX_NOISE).forEach((art, i) => {
    const h = hash(fleet.seed, device.index, 77, i);
    const logicalDay = w.horizon - (h % 5);
    if (inWindow(w, logicalDay))
      rows.push(processRow(device, device.user, art, shellFor(device), eventTime(w, logicalDay, h), h));
  });
  return rows;
}

/** Files named per session or task are created; the others (config, history, state) are rewritten. */
function useAction(f: FileSighting): string {
  return /\{(uuid|ts)\}/.test(f.path) ? "FileCreated" : "FileModified";
}

/** What wrote a file: its sighting's writer, else the process that moment started, else the shell. */
function writerOf(
  device: Device,
  f: FileSighting,
  record: ReturnType<typeof prepared>,
  at: "install" | "use" | "remove",
  vars: Record<string, string>,
): Initiator {
  const candidates = [...processesAt(record, at), ...(at === "use" ? [] : processesAt(record, "use"))];
  const by = f.by ? fill(f.by, vars) : undefined;
  const sighting = by ? candidates.find((s) => fill(s.image, vars) === by) : candidates[0];
  if (sighting) {
    const s = renderProcess(sighting, vars);
    return { fileName: s.fileName, folderPath: s.folderPath, commandLine: s.commandLine };
  }
  return by ? imageOf(by) : shellFor(device);
}

/** The file rows one planted thing produces at one moment. */
export function fileRowsAt(seed: number, device: Device, p: Planted, moment: Moment, w: Window): Row[] {
  const at = sightingMoment(moment.kind);
  const record = prepared(p);
  const files = filesFor(record, moment);
  if (!files.length) return [];
  const h = hash(seed, device.index, p.salt, moment.day, hashString(moment.kind), 3);
  const vars = contextVars(p, moment.version, h);
  const rows: Row[] = [];
  const writers = new Map<string, Initiator>(); // the files of a moment share few writers
  files.forEach((f, i) => {
    const hi = hash(h, i);
    const action = at === "install" ? "FileCreated" : at === "remove" ? "FileDeleted" : useAction(f);
    let writer = writers.get(f.by ?? "");
    if (!writer) writers.set(f.by ?? "", (writer = writerOf(device, f, record, at, vars)));
    rows.push(fileRow(device, p.user, renderFile(f, vars), action, writer, eventTime(w, moment.day, hi), hi));
    // An upgrade removes the files of the version it replaced (a versioned folder, Cellar entry…).
    if (moment.kind === "upgrade" && moment.previous && showsVersion(f.path, vars)) {
      const old = renderFile(f, contextVars(p, moment.previous, h));
      rows.push(
        fileRow(
          device,
          p.user,
          old,
          "FileDeleted",
          writer,
          eventTime(w, moment.day, hash(hi, 5)),
          hash(hi, 5),
        ),
      );
    }
  });
  return rows;
}

export function fileEvents(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  const w = fleet.window(device, day, asOf);
  for (const [p, moment] of plantedMoments(fleet, device, w))
    rows.push(...fileRowsAt(fleet.seed, device, p, moment, w));
  return rows;
}

/** The AgentsInfo row one planted thing produces at a report. */
export function agentsInfoRowAt(
  seed: number,
  device: Device,
  p: Planted,
  status: "Active" | "Uninstalled",
  logicalDay: number,
  version: string,
  w: Window,
): Row {
  const h = hash(seed, device.index, p.salt, logicalDay);
  const info = renderAgentsInfo(prepared(p).agentsInfo!, contextVars(p, version, h));
  return agentsInfoRow(
    device,
    p.user,
    { ...info, version },
    status,
    eventTime(w, logicalDay, h),
    guid(seed, device.index, p.salt),
  );
}

export function agentsInfoRows(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day) || !device.agentsInfoEnabled) return rows;
  const w = fleet.window(device, day, asOf);
  for (const inst of fleet.installations(device)) {
    if (!inst.agentsInfo || !inst.record.agentsInfo) continue;
    for (const [logicalDay, status] of agentsInfoMoments(inst.lifecycle, w)) {
      const version = installVersion(inst, status === "Uninstalled" ? logicalDay - 1 : logicalDay);
      rows.push(agentsInfoRowAt(fleet.seed, device, inst, status, logicalDay, version, w));
    }
  }
  if (inWindow(w, w.horizon))
    for (const l of fleet.lookAlikes(device))
      if (l.record.agentsInfo)
        rows.push(agentsInfoRowAt(fleet.seed, device, l, "Active", w.horizon, l.record.versions[0], w));
  return rows;
}

function agentsInfoRow(
  device: Device,
  user: FleetUser,
  agent: { name: string; version: string; vendor: string; relatedProcess: string },
  status: string,
  time: Date,
  agentId: string,
): Row {
  const mcps =
    agent.name === "Claude Code" || agent.name === "Cursor"
      ? [{ name: "github", transport: "stdio", command: "npx" }]
      : [];
  return {
    Timestamp: time,
    AgentId: agentId,
    Name: agent.name,
    Version: agent.version,
    Platform: "LocalAgents",
    LifecycleStatus: status,
    McpServers: mcps,
    RawAgentInfo: {
      localAgentMetadata: {
        vendor: agent.vendor,
        relatedProcess: agent.relatedProcess,
        trustedProcess: "true",
        autoApprove: "false",
        deviceName: device.computerDnsName,
        aadDeviceId: device.aadDeviceId ?? "",
        accountName: user.accountName,
        accountDomain: user.accountDomain,
        accountSid: device.os === "windows" ? user.sid : "",
        osPlatform: device.osPlatform,
        localMcps: mcps.map((m) => m.name),
      },
    },
  };
}

export function deviceInfoRows(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  const w = fleet.window(device, day, asOf);
  const loggedOn = fleet
    .logonUsers(device)
    .filter((u) => !u.networkOnly)
    .map((u) => ({ UserName: u.user.accountName, DomainName: u.user.accountDomain, Sid: u.user.sid }));
  for (let k = 0; k < 5; k++) {
    const logicalDay = w.horizon - k * 7;
    if (!inWindow(w, logicalDay) || logicalDay < device.joinDay) continue;
    const h = hash(fleet.seed, device.index, 79, k);
    rows.push({
      Timestamp: eventTime(w, logicalDay, h),
      DeviceId: device.id,
      DeviceName: device.computerDnsName,
      ClientVersion: device.os === "windows" ? "10.8760.26100.2033" : "101.25092.0005",
      PublicIP: device.lastExternalIpAddress,
      OSArchitecture: "64-bit",
      OSPlatform: device.osPlatform,
      OSBuild: device.osBuild,
      OSVersion: device.osVersion,
      IsAzureADJoined: device.aadDeviceId !== null,
      JoinType: device.aadDeviceId ? "Hybrid Azure AD Join" : "Domain Joined",
      AadDeviceId: device.aadDeviceId ?? "",
      LoggedOnUsers: loggedOn,
      MachineGroup: device.rbacGroupName ?? "UnassignedGroup",
      OnboardingStatus: "Onboarded",
      SensorHealthState: fleet.isStale(device, day) ? "Inactive" : "Active",
      DeviceType: "Workstation",
      ReportId: reportId(h),
    });
  }
  return rows;
}

export function logonEvents(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  const w = fleet.window(device, day, asOf);
  fleet.logonUsers(device).forEach((entry, i) => {
    for (let k = 0; k < 2; k++) {
      const h = hash(fleet.seed, device.index, 80, i * 2 + k);
      const logicalDay = w.horizon - k * 9 - (h % 3);
      if (!inWindow(w, logicalDay)) continue;
      rows.push({
        Timestamp: eventTime(w, logicalDay, h),
        DeviceId: device.id,
        DeviceName: device.computerDnsName,
        ActionType: "LogonSuccess",
        LogonType: entry.logonType,
        AccountDomain: entry.user.accountDomain,
        AccountName: entry.user.accountName,
        AccountSid: device.os === "windows" ? entry.user.sid : "",
        Protocol: entry.networkOnly ? "NTLM" : "Negotiate",
        IsLocalAdmin: false,
        LogonId: h % 1000000,
        RemoteIP: entry.networkOnly ? "10.1.0.5" : "",
        ReportId: reportId(h),
      });
    }
  });
  return rows;
}
