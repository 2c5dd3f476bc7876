// Advanced-hunting tables generated lazily from the fleet, device by device.
import { agentsInfoRows, deviceInfoRows, fileEvents, logonEvents, processEvents, type Row } from "../events";
import type { Device, Fleet } from "../fleet";
import { extensionInstallTime } from "../resources";
import { mcpNetworkEvents, mcpProcessEvents } from "../mcp";
import type { KqlType } from "./ast";

export interface Column {
  name: string;
  type: KqlType;
}

export interface TableScan {
  fleet: Fleet;
  day: number;
  now: number;
}

export interface Table {
  columns: Column[];
  rows(scan: TableScan): Iterable<Row>;
}

function columns(spec: string): Column[] {
  return spec
    .split(/\s+/)
    .filter(Boolean)
    .map((entry) => {
      const [name, type = "String"] = entry.split(":");
      return { name, type: type as KqlType };
    });
}

function perDevice(rowsOf: (fleet: Fleet, device: Device, day: number, now: number) => Row[]): Table["rows"] {
  return function* rows(scan) {
    for (const device of scan.fleet.reportingDevices(scan.day))
      yield* rowsOf(scan.fleet, device, scan.day, scan.now);
  };
}

const ACCOUNT = "AccountDomain AccountName AccountSid AccountUpn AccountObjectId";
const INITIATING_ACCOUNT =
  "InitiatingProcessAccountDomain InitiatingProcessAccountName InitiatingProcessAccountSid InitiatingProcessAccountUpn InitiatingProcessAccountObjectId";

function softwareInventoryRows(fleet: Fleet, device: Device, day: number): Row[] {
  return fleet.softwareRows(device, day).map((row) => ({
    DeviceId: device.id,
    DeviceName: device.computerDnsName,
    OSPlatform: device.osPlatform,
    OSVersion: device.osVersion,
    OSArchitecture: "x64",
    SoftwareVendor: row.item.vendor,
    SoftwareName: row.item.name,
    SoftwareVersion: row.version,
    EndOfSupportStatus: row.item.name === "windows_10" ? "EOS Version" : "",
    EndOfSupportDate: row.item.name === "windows_10" ? new Date("2025-10-14T00:00:00Z") : null,
    ProductCodeCpe: row.item.cpe
      ? `cpe:2.3:a:${row.item.vendor}:${row.item.name}:${row.version}:*:*:*:*:*:*:*`
      : "not available",
  }));
}

function browserExtensionRows(fleet: Fleet, device: Device, day: number, now: number): Row[] {
  return fleet.browserExtensions(device, day).map((row) => ({
    DeviceId: device.id,
    BrowserName: row.browser,
    ExtensionId: row.artifact.extensionId,
    ExtensionName: row.artifact.name,
    ExtensionDescription: row.artifact.description,
    ExtensionVersion: row.version,
    ExtensionRisk: row.artifact.risk,
    ExtensionVendor: row.artifact.vendor,
    IsActivated: String(row.active),
    InstallationTime: new Date(extensionInstallTime(device, row, day, now)),
  }));
}

export const TABLES: Record<string, Table> = {
  DeviceInfo: {
    columns: columns(
      "Timestamp:DateTime DeviceId DeviceName ClientVersion PublicIP OSArchitecture OSPlatform OSBuild:Int64 OSVersion IsAzureADJoined:Boolean JoinType AadDeviceId LoggedOnUsers:Dynamic MachineGroup OnboardingStatus SensorHealthState DeviceType ReportId:Int64",
    ),
    rows: perDevice(deviceInfoRows),
  },
  DeviceProcessEvents: {
    columns: columns(
      `Timestamp:DateTime DeviceId DeviceName ActionType FileName FolderPath SHA1 ProcessCommandLine ProcessVersionInfoCompanyName ProcessVersionInfoProductName ProcessVersionInfoProductVersion ProcessId:Int64 ${ACCOUNT} InitiatingProcessFileName InitiatingProcessFolderPath InitiatingProcessCommandLine ${INITIATING_ACCOUNT} InitiatingProcessParentFileName ReportId:Int64`,
    ),
    rows: perDevice((fleet, device, day, now) => [
      ...processEvents(fleet, device, day, now),
      ...mcpProcessEvents(fleet, device, day, now),
    ]),
  },
  DeviceFileEvents: {
    columns: columns(
      `Timestamp:DateTime DeviceId DeviceName ActionType FileName FolderPath SHA1 FileSize:Int64 InitiatingProcessFileName InitiatingProcessFolderPath InitiatingProcessCommandLine ${INITIATING_ACCOUNT} ReportId:Int64`,
    ),
    rows: perDevice(fileEvents),
  },
  DeviceNetworkEvents: {
    columns: columns(
      `Timestamp:DateTime DeviceId DeviceName ActionType RemoteIP RemotePort:Int64 RemoteUrl Protocol InitiatingProcessFileName InitiatingProcessFolderPath InitiatingProcessCommandLine ${INITIATING_ACCOUNT} ReportId:Int64`,
    ),
    rows: perDevice(mcpNetworkEvents),
  },
  DeviceLogonEvents: {
    columns: columns(
      "Timestamp:DateTime DeviceId DeviceName ActionType LogonType AccountDomain AccountName AccountSid Protocol IsLocalAdmin:Boolean LogonId:Int64 RemoteIP ReportId:Int64",
    ),
    rows: perDevice(logonEvents),
  },
  DeviceTvmSoftwareInventory: {
    columns: columns(
      "DeviceId DeviceName OSPlatform OSVersion OSArchitecture SoftwareVendor SoftwareName SoftwareVersion EndOfSupportStatus EndOfSupportDate:DateTime ProductCodeCpe",
    ),
    rows: perDevice(softwareInventoryRows),
  },
  DeviceTvmBrowserExtensions: {
    columns: columns(
      "DeviceId BrowserName ExtensionId ExtensionName ExtensionDescription ExtensionVersion ExtensionRisk ExtensionVendor IsActivated InstallationTime:DateTime",
    ),
    rows: perDevice(browserExtensionRows),
  },
  AgentsInfo: {
    columns: columns(
      "Timestamp:DateTime AgentId Name Version Platform LifecycleStatus McpServers:Dynamic RawAgentInfo:Dynamic",
    ),
    rows: perDevice(agentsInfoRows),
  },
};
