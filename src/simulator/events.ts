// Advanced-hunting event rows for one device, derived from the fleet's lifecycles. Timestamps are
// `asOf` minus (day - logical day), so `ago()` windows select the same rows for a given day.
import { DAY_MS, Fleet, installVersion, RETENTION_DAYS, type Device, type Installation } from "./fleet";
import { splitPath } from "./paths";
import { guid, hash, hashString } from "./random";
import type { FileArtifact, FleetUser, ProcessArtifact } from "./types";

export type Row = Record<string, unknown>;

const HALF_DAY_MS = DAY_MS / 2;

interface Window {
  day: number;
  asOf: number;
  /** Last logical day with data (stale devices stop early). */
  horizon: number;
  first: number;
}

function windowFor(fleet: Fleet, device: Device, day: number, asOf: number): Window {
  return { day, asOf, horizon: fleet.snapshotDay(device, day), first: day - (RETENTION_DAYS - 1) };
}

function inWindow(w: Window, logicalDay: number): boolean {
  return logicalDay >= w.first && logicalDay <= w.horizon;
}

function eventTime(w: Window, logicalDay: number, h: number): Date {
  return new Date(w.asOf - (w.day - logicalDay) * DAY_MS - (h % HALF_DAY_MS));
}

function reportId(h: number): number {
  return h % 100000;
}

function accountColumns(prefix: string, device: Device, user: FleetUser): Row {
  return {
    [`${prefix}AccountDomain`]: user.accountDomain,
    [`${prefix}AccountName`]: user.accountName,
    [`${prefix}AccountSid`]: device.os === "windows" ? user.sid : "",
    [`${prefix}AccountUpn`]: device.os === "linux" ? "" : user.upn,
    [`${prefix}AccountObjectId`]: device.os === "linux" ? "" : user.aadObjectId,
  };
}

function shellFor(device: Device): { name: string; path: string } {
  if (device.os === "windows")
    return { name: "powershell.exe", path: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" };
  return device.os === "macos" ? { name: "zsh", path: "/bin/zsh" } : { name: "bash", path: "/usr/bin/bash" };
}

function processRow(
  device: Device,
  user: FleetUser,
  art: ProcessArtifact,
  time: Date,
  h: number,
  parent: { name: string; path: string },
): Row {
  return {
    Timestamp: time,
    DeviceId: device.id,
    DeviceName: device.computerDnsName,
    ActionType: "ProcessCreated",
    FileName: art.fileName,
    FolderPath: art.folderPath,
    SHA1: guid(h).replace(/-/g, "").slice(0, 40).padEnd(40, "0"),
    ProcessCommandLine: art.commandLine,
    ProcessVersionInfoCompanyName: art.company,
    ProcessVersionInfoProductName: art.fileName.replace(/\.exe$/i, ""),
    ProcessVersionInfoProductVersion: art.productVersion,
    ProcessId: 1000 + (h % 60000),
    ...accountColumns("", device, user),
    InitiatingProcessFileName: parent.name,
    InitiatingProcessFolderPath: parent.path,
    ...accountColumns("InitiatingProcess", device, user),
    ReportId: reportId(h),
  };
}

function fileRow(
  device: Device,
  user: FleetUser,
  art: FileArtifact,
  action: string,
  time: Date,
  h: number,
  initiator: { name: string; path: string },
): Row {
  return {
    Timestamp: time,
    DeviceId: device.id,
    DeviceName: device.computerDnsName,
    ActionType: action,
    FileName: art.fileName,
    FolderPath: art.folderPath,
    SHA1: action === "FileDeleted" ? "" : guid(h, 9).replace(/-/g, "").padEnd(40, "0"),
    FileSize: 512 + (h % 40000),
    InitiatingProcessFileName: initiator.name,
    InitiatingProcessFolderPath: initiator.path,
    ...accountColumns("InitiatingProcess", device, user),
    ReportId: reportId(h),
  };
}

/** Logical days on which the installation ran inside the window, latest first. */
function launchDays(inst: Installation, w: Window, h: number): number[] {
  const last = Math.min(w.horizon, inst.lifecycle.removeDay - 1);
  const first = Math.max(inst.lifecycle.installDay, w.first);
  if (last < first) return [];
  const days = [last];
  for (let k = 0; k < h % 3; k++) days.push(first + (hash(h, k) % (last - first + 1)));
  return days;
}

function instSalt(inst: Installation): number {
  return hashString(`${inst.spec.id}|${inst.hostIde ?? ""}`);
}

function artifactAt(
  fleet: Fleet,
  inst: Installation,
  day: number,
): { process?: ProcessArtifact; files: FileArtifact[] } {
  const ctx = fleet.context(inst, day);
  const process = inst.spec.process?.(ctx);
  const files =
    inst.spec.files?.(ctx) ??
    (process && inst.spec.channel === "DESKTOP_APP" ? [splitPath(process.folderPath, ctx.sep)] : []);
  return { process, files };
}

function hostProcess(
  device: Device,
  fleet: Fleet,
  inst: Installation,
  day: number,
): { name: string; path: string } {
  const art = artifactAt(fleet, inst, day).process;
  if (inst.spec.channel === "IDE_EXTENSION" || !art)
    return {
      name: device.os === "windows" ? "Code.exe" : "code",
      path:
        device.os === "windows"
          ? `C:\\Users\\${inst.user.accountName}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe`
          : "/usr/share/code/code",
    };
  return { name: art.fileName, path: art.folderPath };
}

export function processEvents(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  const w = windowFor(fleet, device, day, asOf);
  for (const inst of fleet.installations(device)) {
    if (!inst.spec.process) continue;
    const salt = instSalt(inst);
    const parent =
      inst.spec.channel === "IDE_EXTENSION" ? hostProcess(device, fleet, inst, day) : shellFor(device);
    for (const logicalDay of launchDays(inst, w, hash(fleet.seed, device.index, salt))) {
      const h = hash(fleet.seed, device.index, salt, logicalDay);
      const art = artifactAt(fleet, inst, logicalDay).process as ProcessArtifact;
      rows.push(processRow(device, inst.user, art, eventTime(w, logicalDay, h), h, parent));
    }
  }
  rows.push(...noiseProcesses(fleet, device, w));
  return rows;
}

const WINDOWS_NOISE: ProcessArtifact[] = [
  {
    fileName: "explorer.exe",
    folderPath: "C:\\Windows\\explorer.exe",
    commandLine: "C:\\Windows\\Explorer.EXE",
    productVersion: "10.0.26100.6899",
    company: "Microsoft Corporation",
  },
  {
    fileName: "chrome.exe",
    folderPath: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    commandLine: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"',
    productVersion: "142.0.7444.176",
    company: "Google LLC",
  },
];
const UNIX_NOISE: ProcessArtifact[] = [
  { fileName: "git", folderPath: "/usr/bin/git", commandLine: "git status", productVersion: "", company: "" },
  {
    fileName: "python3",
    folderPath: "/usr/bin/python3",
    commandLine: "python3 manage.py runserver",
    productVersion: "",
    company: "",
  },
];

/** Ordinary processes and look-alikes: Microsoft Copilot, Cloudflare WARP, a lone code.exe, `q` and `amp` outside .local. */
function lookAlikeProcesses(device: Device): ProcessArtifact[] {
  const out: ProcessArtifact[] = [];
  const pick = device.index % 10;
  if (device.os === "windows") {
    if (pick < 3)
      out.push({
        fileName: "Copilot.exe",
        folderPath:
          "C:\\Program Files\\WindowsApps\\Microsoft.Copilot_1.25102.137.0_x64__8wekyb3d8bbwe\\Copilot.exe",
        commandLine: '"Copilot.exe"',
        productVersion: "1.25102.137.0",
        company: "Microsoft Corporation",
      });
    if (pick === 4)
      out.push({
        fileName: "warp-svc.exe",
        folderPath: "C:\\Program Files\\Cloudflare\\Cloudflare WARP\\warp-svc.exe",
        commandLine: '"C:\\Program Files\\Cloudflare\\Cloudflare WARP\\warp-svc.exe"',
        productVersion: "2025.9.558.0",
        company: "Cloudflare, Inc.",
      });
    if (pick === 5)
      out.push({
        fileName: "code.exe",
        folderPath: "C:\\Tools\\barcode\\code.exe",
        commandLine: "code.exe --print",
        productVersion: "2.1",
        company: "Barcode Tools",
      });
  } else {
    if (pick === 6)
      out.push({
        fileName: "q",
        folderPath: "/usr/bin/q",
        commandLine: 'q -H -d , "select count(*) from data.csv"',
        productVersion: "",
        company: "",
      });
    if (pick === 7)
      out.push({
        fileName: "amp",
        folderPath: "/usr/local/bin/amp",
        commandLine: "amp --play track.flac",
        productVersion: "",
        company: "",
      });
  }
  return out;
}

function noiseProcesses(fleet: Fleet, device: Device, w: Window): Row[] {
  const base = device.os === "windows" ? WINDOWS_NOISE : UNIX_NOISE;
  const rows: Row[] = [];
  [...base, ...lookAlikeProcesses(device)].forEach((art, i) => {
    const h = hash(fleet.seed, device.index, 77, i);
    const logicalDay = w.horizon - (h % 5);
    if (inWindow(w, logicalDay))
      rows.push(processRow(device, device.user, art, eventTime(w, logicalDay, h), h, shellFor(device)));
  });
  return rows;
}

export function fileEvents(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  const w = windowFor(fleet, device, day, asOf);
  for (const inst of fleet.installations(device)) {
    const salt = instSalt(inst);
    const initiator = hostProcess(device, fleet, inst, day);
    for (const [logicalDay, action] of fileMoments(inst, w)) {
      const h = hash(fleet.seed, device.index, salt, logicalDay, hashString(action));
      const artDay = action === "FileDeleted" ? logicalDay - 1 : logicalDay;
      for (const art of artifactAt(fleet, inst, artDay).files)
        rows.push(fileRow(device, inst.user, art, action, eventTime(w, logicalDay, h), h, initiator));
    }
  }
  if (device.os === "windows" && device.index % 10 < 3) {
    const h = hash(fleet.seed, device.index, 78);
    const art = {
      folderPath: `C:\\Users\\${device.user.accountName}\\AppData\\Local\\Packages\\Microsoft.Copilot_8wekyb3d8bbwe\\LocalState`,
      fileName: "settings.json",
    };
    if (inWindow(w, w.horizon))
      rows.push(
        fileRow(device, device.user, art, "FileModified", eventTime(w, w.horizon, h), h, {
          name: "Copilot.exe",
          path: "C:\\Program Files\\WindowsApps\\Microsoft.Copilot_1.25102.137.0_x64__8wekyb3d8bbwe\\Copilot.exe",
        }),
      );
  }
  return rows;
}

/** Install, upgrade, recent use and removal moments that write files, inside the window. */
function fileMoments(inst: Installation, w: Window): [number, string][] {
  const life = inst.lifecycle;
  const moments: [number, string][] = [];
  const presentAtHorizon = life.installDay <= w.horizon && w.horizon < life.removeDay;
  if (inWindow(w, life.installDay)) moments.push([life.installDay, "FileCreated"]);
  if (inWindow(w, life.upgradeDay) && life.upgradeDay < life.removeDay)
    moments.push([life.upgradeDay, "FileCreated"]);
  if (presentAtHorizon && inWindow(w, w.horizon) && inst.spec.channel !== "DESKTOP_APP")
    moments.push([w.horizon, "FileModified"]);
  if (inWindow(w, life.removeDay)) moments.push([life.removeDay, "FileDeleted"]);
  return moments;
}

export function agentsInfoRows(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day) || !device.agentsInfoEnabled) return rows;
  const w = windowFor(fleet, device, day, asOf);
  for (const inst of fleet.installations(device)) {
    if (!inst.agentsInfo) continue;
    for (const [logicalDay, status] of agentsInfoMoments(inst, w)) {
      const versionDay = status === "Uninstalled" ? logicalDay - 1 : logicalDay;
      const info = inst.spec.agentsInfo?.(fleet.context(inst, versionDay));
      if (!info) continue;
      const h = hash(fleet.seed, device.index, instSalt(inst), logicalDay);
      rows.push(
        agentsInfoRow(
          device,
          inst.user,
          info.name,
          installVersion(inst, versionDay),
          info.vendor,
          info.relatedProcess,
          status,
          eventTime(w, logicalDay, h),
          guid(fleet.seed, device.index, instSalt(inst)),
        ),
      );
    }
  }
  rows.push(...lookAlikeAgents(fleet, device, w));
  return rows;
}

function agentsInfoMoments(inst: Installation, w: Window): [number, string][] {
  const life = inst.lifecycle;
  const lastActive = Math.min(w.horizon, life.removeDay - 1);
  const moments: [number, string][] = [];
  if (lastActive >= life.installDay && inWindow(w, lastActive)) moments.push([lastActive, "Active"]);
  const beforeUpgrade = life.upgradeDay - 1;
  if (beforeUpgrade < lastActive && beforeUpgrade >= life.installDay && inWindow(w, beforeUpgrade))
    moments.push([beforeUpgrade, "Active"]);
  if (inWindow(w, life.removeDay)) moments.push([life.removeDay, "Uninstalled"]);
  return moments;
}

function agentsInfoRow(
  device: Device,
  user: FleetUser,
  name: string,
  version: string,
  vendor: string,
  relatedProcess: string,
  status: string,
  time: Date,
  agentId: string,
): Row {
  const mcps =
    name === "Claude Code" || name === "Cursor"
      ? [{ name: "github", transport: "stdio", command: "npx" }]
      : [];
  return {
    Timestamp: time,
    AgentId: agentId,
    Name: name,
    Version: version,
    Platform: "LocalAgents",
    LifecycleStatus: status,
    McpServers: mcps,
    RawAgentInfo: {
      localAgentMetadata: {
        vendor,
        relatedProcess,
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

const LOOK_ALIKE_AGENTS: [string, string, string, number][] = [
  ["Microsoft Copilot", "Microsoft", "Copilot.exe", 4],
  ["Perplexity", "Perplexity AI", "Perplexity.exe", 29],
  ["Poe", "Quora", "Poe.exe", 53],
];

function lookAlikeAgents(fleet: Fleet, device: Device, w: Window): Row[] {
  const rows: Row[] = [];
  if (!inWindow(w, w.horizon)) return rows;
  for (const [name, vendor, processName, modulo] of LOOK_ALIKE_AGENTS) {
    if (device.index % modulo !== 1) continue;
    const h = hash(fleet.seed, device.index, hashString(name));
    rows.push(
      agentsInfoRow(
        device,
        device.user,
        name,
        "1.0.0",
        vendor,
        processName,
        "Active",
        eventTime(w, w.horizon, h),
        guid(fleet.seed, device.index, hashString(name)),
      ),
    );
  }
  return rows;
}

export function deviceInfoRows(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  const w = windowFor(fleet, device, day, asOf);
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
  const w = windowFor(fleet, device, day, asOf);
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
