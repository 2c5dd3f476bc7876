// MCP servers on the simulated fleet: agents on developers' devices start servers from the public
// config examples (src/detection/corpus/mcp.ts) on the days they are used, and connect to remote
// endpoints; idle installations start none, and MCP config files alone (planted by the corpus) are
// no launch. Rows go into DeviceProcessEvents (on Windows through `cmd /c`, as agents start npx there)
// and DeviceNetworkEvents; `plantedMcpSightings` is the ground truth they carry.
import {
  MCP_CONNECTION_EXAMPLES,
  MCP_LAUNCH_EXAMPLES,
  NOT_MCP_COMMAND_LINES,
  type McpConnectionExample,
  type McpLaunchExample,
} from "../detection/corpus/mcp";
import { splitCommandLine } from "../detection/mcp";
import type { Row } from "./events";
import type { Device, Fleet, Installation } from "./fleet";
import { hash, hashString, unit } from "./random";
import { DAY_MS, momentsOf, present } from "./timeline";
import type { FleetUser } from "./types";

/**
 * The process an agent runs MCP servers from, per OS: Claude Code's native binary, Cursor's and
 * Windsurf's main executable, VS Code's extension host for Copilot agent mode (docs of each vendor).
 */
const HOSTS: Record<string, { windows: string; macos: string; linux: string }> = {
  "claude-code": {
    windows: "C:\\Users\\{user}\\.local\\bin\\claude.exe",
    macos: "/Users/{user}/.local/bin/claude",
    linux: "/home/{user}/.local/bin/claude",
  },
  cursor: {
    windows: "C:\\Users\\{user}\\AppData\\Local\\Programs\\cursor\\Cursor.exe",
    macos: "/Applications/Cursor.app/Contents/MacOS/Cursor",
    linux: "/opt/cursor/cursor",
  },
  windsurf: {
    windows: "C:\\Users\\{user}\\AppData\\Local\\Programs\\Windsurf\\Windsurf.exe",
    macos: "/Applications/Windsurf.app/Contents/MacOS/Windsurf",
    linux: "/usr/share/windsurf/windsurf",
  },
  "github-copilot": {
    windows: "C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
    macos:
      "/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)",
    linux: "/usr/share/code/code",
  },
};

/** Connections an agent makes that are no MCP server: its model API. */
const OWN_API = MCP_CONNECTION_EXAMPLES.filter((c) => c.key === null);
const REMOTE = MCP_CONNECTION_EXAMPLES.filter((c) => c.key !== null);

export interface McpPlant {
  inst: Installation;
  host: string;
  launches: McpLaunchExample[];
  connections: McpConnectionExample[];
}

export interface PlantedMcpSighting {
  deviceId: string;
  serverKey: string;
  user: FleetUser;
  agentKey: string;
}

function fillUser(path: string, user: FleetUser): string {
  return path.replaceAll("{user}", user.accountName);
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** The MCP servers each agent installation on the device runs (none for most devices). */
export function mcpPlants(fleet: Fleet, device: Device): McpPlant[] {
  const plants: McpPlant[] = [];
  for (const inst of fleet.installations(device)) {
    const host = HOSTS[inst.record.agentKey]?.[device.os];
    if (!host || inst.record.channel === "BROWSER_EXTENSION") continue;
    const h = hash(fleet.seed, device.index, inst.salt, hashString("mcp"));
    const count = h % 4;
    const launches: McpLaunchExample[] = [];
    for (let i = 0; launches.length < count && i < 8; i++) {
      const example = MCP_LAUNCH_EXAMPLES[hash(h, i) % MCP_LAUNCH_EXAMPLES.length];
      if (!launches.includes(example)) launches.push(example);
    }
    const connections = unit(hash(h, 99)) < 0.35 ? [REMOTE[hash(h, 98) % REMOTE.length]] : [];
    plants.push({ inst, host: fillUser(host, inst.user), launches, connections });
  }
  return plants;
}

/** Days in the device's window on which the installation ran (its use moments while present). */
function useDays(fleet: Fleet, device: Device, inst: Installation, day: number): number[] {
  const w = fleet.window(device, day, 0);
  return momentsOf(inst, w)
    .filter((m) => m.kind === "use" && present(inst.lifecycle, m.day))
    .map((m) => m.day);
}

function eventTime(asOf: number, day: number, logicalDay: number, h: number): Date {
  return new Date(asOf - (day - logicalDay) * DAY_MS - (h % (DAY_MS / 2)));
}

function accountColumns(device: Device, user: FleetUser, prefix: string): Row {
  const linux = device.os === "linux";
  return {
    [`${prefix}AccountDomain`]: user.accountDomain,
    [`${prefix}AccountName`]: user.accountName,
    [`${prefix}AccountSid`]: device.os === "windows" ? user.sid : "",
    [`${prefix}AccountUpn`]: linux ? "" : user.upn,
    [`${prefix}AccountObjectId`]: linux ? "" : user.aadObjectId,
  };
}

function processRow(
  device: Device,
  user: FleetUser,
  time: Date,
  image: string,
  commandLine: string,
  parent: { path: string; commandLine: string },
  grandparent: string,
  h: number,
): Row {
  return {
    Timestamp: time,
    DeviceId: device.id,
    DeviceName: device.computerDnsName,
    ActionType: "ProcessCreated",
    FileName: baseName(image),
    FolderPath: image,
    SHA1: "",
    ProcessCommandLine: commandLine,
    ProcessVersionInfoCompanyName: "",
    ProcessVersionInfoProductName: "",
    ProcessVersionInfoProductVersion: "",
    ProcessId: h % 65536,
    ...accountColumns(device, user, ""),
    InitiatingProcessFileName: baseName(parent.path),
    InitiatingProcessFolderPath: parent.path,
    InitiatingProcessCommandLine: parent.commandLine,
    ...accountColumns(device, user, "InitiatingProcess"),
    InitiatingProcessParentFileName: grandparent,
    ReportId: h % 100000,
  };
}

/** The image a launch's command line runs. */
function imageOf(device: Device, commandLine: string): string {
  const program = splitCommandLine(commandLine)[0];
  if (program.includes("/") || program.includes("\\")) return program;
  return device.os === "windows" ? `C:\\Program Files\\nodejs\\${program}.exe` : `/usr/local/bin/${program}`;
}

/** DeviceProcessEvents rows of MCP launches (and of ordinary tools the agents run) in the window. */
export function mcpProcessEvents(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  for (const plant of mcpPlants(fleet, device)) {
    const host = { path: plant.host, commandLine: `"${plant.host}"` };
    const hostName = baseName(plant.host);
    for (const useDay of useDays(fleet, device, plant.inst, day)) {
      const tool = NOT_MCP_COMMAND_LINES[hash(plant.inst.salt, useDay) % NOT_MCP_COMMAND_LINES.length];
      const commands = [...plant.launches.map((l) => l.commandLine), tool.commandLine];
      commands.forEach((commandLine, i) => {
        const h = hash(plant.inst.salt, useDay, i, 41);
        const time = eventTime(asOf, day, useDay, h);
        if (device.os === "windows" && !commandLine.startsWith("cmd ")) {
          // Agents on Windows start npx and friends through cmd.exe: the shell is the child, the
          // launcher its child (whose parent's parent is the agent).
          const shell = `C:\\Windows\\System32\\cmd.exe`;
          const wrapped = `${shell} /d /s /c "${commandLine}"`;
          rows.push(processRow(device, plant.inst.user, time, shell, wrapped, host, "explorer.exe", h));
          rows.push(
            processRow(
              device,
              plant.inst.user,
              time,
              imageOf(device, commandLine),
              commandLine,
              { path: shell, commandLine: wrapped },
              hostName,
              hash(h, 1),
            ),
          );
        } else
          rows.push(
            processRow(
              device,
              plant.inst.user,
              time,
              imageOf(device, commandLine),
              commandLine,
              host,
              "launchd",
              h,
            ),
          );
      });
    }
  }
  return rows;
}

/** DeviceNetworkEvents rows: agents' connections to remote MCP endpoints and to their own APIs. */
export function mcpNetworkEvents(fleet: Fleet, device: Device, day: number, asOf: number): Row[] {
  const rows: Row[] = [];
  if (!fleet.hasData(device, day)) return rows;
  for (const plant of mcpPlants(fleet, device)) {
    const connections = [...plant.connections, OWN_API[plant.inst.salt % OWN_API.length]];
    for (const useDay of useDays(fleet, device, plant.inst, day))
      connections.forEach((connection, i) => {
        const h = hash(plant.inst.salt, useDay, i, 43);
        rows.push({
          Timestamp: eventTime(asOf, day, useDay, h),
          DeviceId: device.id,
          DeviceName: device.computerDnsName,
          ActionType: "ConnectionSuccess",
          RemoteIP: `203.0.113.${h % 250}`,
          RemotePort: 443,
          RemoteUrl: connection.remoteUrl,
          Protocol: "Tcp",
          InitiatingProcessFileName: baseName(plant.host),
          InitiatingProcessFolderPath: plant.host,
          InitiatingProcessCommandLine: `"${plant.host}"`,
          ...accountColumns(device, plant.inst.user, "InitiatingProcess"),
          ReportId: h % 100000,
        });
      });
  }
  return rows;
}

/** Ground truth: each (device, server, person) an MCP-aware reader of the window must report on `day`. */
export function* plantedMcpSightings(fleet: Fleet, day: number): Generator<PlantedMcpSighting> {
  for (const device of fleet.reportingDevices(day)) {
    if (!fleet.hasData(device, day)) continue;
    for (const plant of mcpPlants(fleet, device)) {
      if (!useDays(fleet, device, plant.inst, day).length) continue;
      const keys = new Set([
        ...plant.launches.map((l) => l.expected.key),
        ...plant.connections.map((c) => c.key!),
      ]);
      for (const serverKey of keys)
        yield { deviceId: device.id, serverKey, user: plant.inst.user, agentKey: plant.inst.record.agentKey };
    }
  }
}
