// Defender resource shapes built from fleet records, with the field drift real tenants show:
// rbacGroupId is a number on machines and a string on software rows, keys are camelCase in the
// JSON APIs and PascalCase in export files and browser extensions, timestamps are not ISO.
import {
  DAY_MS,
  type BrowserExtensionRow,
  type Device,
  type Fleet,
  type FormerRecord,
  type SoftwareRow,
} from "./fleet";
import { hash } from "./random";
import type { FleetUser } from "./types";

/** ISO-8601 with 7 fractional digits, as Defender writes timestamps. */
export function defenderTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

/** "YYYY-MM-DD hh:mm:ss": software inventory's non-ISO timestamp. */
export function plainTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

function dayTime(asOf: number, day: number, logicalDay: number, h: number): number {
  return asOf - (day - logicalDay) * DAY_MS - (h % (DAY_MS / 2));
}

function healthStatus(fleet: Fleet, device: Device, day: number): string {
  if (!device.onboarded) return "Unknown";
  if (fleet.isStale(device, day)) return "Inactive";
  const r = device.index % 50;
  return r === 7 ? "ImpairedCommunication" : r === 13 ? "NoSensorData" : "Active";
}

/** A machine; with `former`, the device's older record (flagged, maybe merged, silent since). */
export function machineJson(
  fleet: Fleet,
  device: Device,
  day: number,
  asOf: number,
  former: FormerRecord | null = null,
): Record<string, unknown> {
  const h = hash(fleet.seed, device.index, 91);
  const windows = device.os === "windows";
  return {
    id: former?.id ?? device.id,
    mergedIntoMachineId: former?.merged ? device.id : null,
    isPotentialDuplication: former !== null,
    isExcluded: false,
    exclusionReason: null,
    computerDnsName: device.computerDnsName,
    firstSeen: defenderTime(dayTime(asOf, day, device.joinDay, h)),
    lastSeen: defenderTime(dayTime(asOf, day, former?.lastSeenDay ?? fleet.snapshotDay(device, day), h)),
    osPlatform: device.osPlatform,
    osVersion: windows ? null : device.osVersion,
    osProcessor: "x64",
    version: device.version,
    lastIpAddress: device.lastIpAddress,
    lastExternalIpAddress: device.lastExternalIpAddress,
    agentVersion: windows ? "10.8760.26100.2033" : "101.25092.0005",
    osBuild: device.osBuild,
    healthStatus: former ? "Inactive" : healthStatus(fleet, device, day),
    deviceValue: "Normal",
    rbacGroupId: device.rbacGroupId,
    rbacGroupName: device.rbacGroupName,
    riskScore: ["None", "Low", "Medium", "High"][h % 4],
    exposureLevel: ["Low", "Medium", "High"][h % 3],
    isAadJoined: device.aadDeviceId !== null,
    aadDeviceId: device.aadDeviceId,
    machineTags: device.machineTags,
    defenderAvStatus: device.onboarded ? "Updated" : "Unknown",
    onboardingStatus: device.onboardingStatus,
    osArchitecture: "64-bit",
    managedBy: windows ? "Intune" : "Unknown",
    managedByStatus: windows ? "Success" : "Unknown",
    ipAddresses: [
      {
        ipAddress: device.lastIpAddress,
        macAddress: device.id.slice(0, 12).toUpperCase(),
        type: "Ethernet",
        operationalStatus: "Up",
      },
    ],
    vmMetadata: null,
  };
}

function softwareFirstSeen(asOf: number, day: number, row: SoftwareRow, device: Device): number {
  return dayTime(
    asOf,
    day,
    Math.max(row.firstSeenDay, device.joinDay),
    hash(device.index, row.item.name.length),
  );
}

function endOfSupport(row: SoftwareRow): { status: string; date: string | null } {
  return row.item.name === "windows_10"
    ? { status: "EOS Version", date: "2025-10-14T00:00:00Z" }
    : { status: "None", date: null };
}

export function softwareJson(
  device: Device,
  row: SoftwareRow,
  day: number,
  asOf: number,
): Record<string, unknown> {
  const eos = endOfSupport(row);
  return {
    deviceId: device.id,
    rbacGroupName: device.rbacGroupName ?? "Unassigned",
    rbacGroupId: String(device.rbacGroupId),
    deviceName: device.computerDnsName,
    osPlatform: device.osPlatform,
    softwareVendor: row.item.vendor,
    softwareName: row.item.name,
    softwareVersion: row.version,
    numberOfWeaknesses: row.numberOfWeaknesses,
    diskPaths: row.diskPaths,
    registryPaths: row.registryPaths,
    softwareFirstSeenTimestamp: plainTime(softwareFirstSeen(asOf, day, row, device)),
    endOfSupportStatus: eos.status,
    endOfSupportDate: eos.date,
  };
}

export function nonCpeJson(device: Device, row: SoftwareRow, asOf: number): Record<string, unknown> {
  return {
    deviceId: device.id,
    deviceName: device.computerDnsName,
    osPlatform: device.osPlatform,
    rbacGroupName: device.rbacGroupName ?? "Unassigned",
    rbacGroupId: String(device.rbacGroupId),
    softwareVendor: row.item.vendor,
    softwareName: row.item.name,
    softwareVersion: row.version,
    softwareLastSeenTimestamp: plainTime(asOf - (hash(device.index, row.item.vendor.length) % DAY_MS)),
  };
}

/** Export files use PascalCase keys. */
export function pascalKeys(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key === "osPlatform" ? "OSPlatform" : key[0].toUpperCase() + key.slice(1)] = value;
  return out;
}

export function extensionInstallTime(
  device: Device,
  row: BrowserExtensionRow,
  day: number,
  asOf: number,
): number {
  return dayTime(
    asOf,
    day,
    Math.max(row.installDay, device.joinDay),
    hash(device.index, row.artifact.extensionId.length),
  );
}

export function browserExtensionJson(
  device: Device,
  row: BrowserExtensionRow,
  day: number,
  asOf: number,
): Record<string, unknown> {
  return {
    DeviceId: device.id,
    DeviceName: device.computerDnsName,
    RbacGroupId: device.rbacGroupId,
    RbacGroupName: device.rbacGroupName ?? "Unassigned",
    BrowserName: row.browser,
    ExtensionId: row.artifact.extensionId,
    ExtensionName: row.artifact.name,
    ExtensionDescription: row.artifact.description,
    ExtensionVersion: row.version,
    ExtensionRisk: row.artifact.risk,
    ExtensionVendor: row.artifact.vendor,
    IsActivated: row.active,
    InstallationTime: defenderTime(extensionInstallTime(device, row, day, asOf)),
    Permissions: [
      { Id: "storage", IsRequired: true, Risk: "Low" },
      { Id: "tabs", IsRequired: false, Risk: "Medium" },
    ],
  };
}

export function logonUserJson(
  user: FleetUser,
  logonType: string,
  networkOnly: boolean,
  asOf: number,
  firstSeenDaysAgo: number,
): Record<string, unknown> {
  return {
    id: `${user.accountDomain.toLowerCase()}\\${user.accountName}`,
    accountName: user.accountName,
    accountDomain: user.accountDomain,
    firstSeen: defenderTime(asOf - firstSeenDaysAgo * DAY_MS),
    lastSeen: defenderTime(asOf - (networkOnly ? DAY_MS : 3_600_000)),
    logonTypes: logonType,
    isDomainAdmin: false,
    isOnlyNetworkUser: networkOnly,
  };
}
