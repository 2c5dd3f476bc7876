// Detections over the simulator's generated fleet equal its ground truth: every planted agent is
// found on the right device and channel (recall), and nothing else is (precision), through the same
// rows a sync reads: software inventory, browser extensions and the generated hunting queries.
import { Fleet } from "../simulator/fleet";
import { runHunting } from "../simulator/kql";
import { browserExtensionJson, softwareJson } from "../simulator/resources";
import { CATALOG } from "./catalog";
import { buildHuntingQueries, type HuntingQuery } from "./hunting";
import {
  matchAgentsInfo,
  matchBrowserExtensions,
  matchFileSummaries,
  matchProcessSummaries,
  matchSoftwareRows,
  type SoftwareRow,
} from "./matchers";
import type { AgentsInfoRow, BrowserExtensionRow, FileSummaryRow, ProcessSummaryRow } from "./hunting";
import type { Detection } from "./types";

const DEVICES = 300;
const SEED = 7;
const NOW = Date.parse("2026-11-27T06:00:00Z");

function detectAll(fleet: Fleet, day: number): Detection[] {
  const devices = [...fleet.reportingDevices(day)];
  const software = devices.flatMap((device) =>
    fleet
      .softwareRows(device, day)
      .map((row) => softwareJson(device, row, day, NOW) as unknown as SoftwareRow),
  );
  const browser = devices.flatMap((device) =>
    fleet
      .browserExtensions(device, day)
      .map((row) => browserExtensionJson(device, row, day, NOW) as unknown as BrowserExtensionRow),
  );
  const hunt = (query: HuntingQuery) => {
    const result = runHunting(fleet, query.kql, { day, now: NOW });
    expect(result.rows.length).toBeLessThan(100_000);
    return result.rows;
  };
  return buildHuntingQueries({ deviceShards: 4 }).reduce(
    (found, query) => {
      const rows = hunt(query);
      if (query.source === "PROCESS_EVENTS")
        found.push(...matchProcessSummaries(rows as unknown as ProcessSummaryRow[]));
      if (query.source === "FILE_EVENTS")
        found.push(...matchFileSummaries(rows as unknown as FileSummaryRow[]));
      if (query.source === "AGENTS_INFO") found.push(...matchAgentsInfo(rows as unknown as AgentsInfoRow[]));
      if (query.source === "BROWSER_EXTENSIONS")
        found.push(...matchBrowserExtensions(rows as unknown as BrowserExtensionRow[]));
      return found;
    },
    [...matchSoftwareRows(software), ...matchBrowserExtensions(browser)],
  );
}

const deviceIndexes = new WeakMap<Fleet, Map<string, string>>();

/** AgentsInfo names devices by DNS name or Entra device id; the fleet's machine list resolves them. */
function deviceIdOf(fleet: Fleet, day: number, d: Detection): string | undefined {
  if (d.device.machineId) return d.device.machineId;
  let ids = deviceIndexes.get(fleet);
  if (!ids) {
    ids = new Map();
    for (const device of fleet.listedDevices(day)) {
      ids.set(device.computerDnsName.toLowerCase(), device.id);
      if (device.aadDeviceId) ids.set(device.aadDeviceId.toLowerCase(), device.id);
    }
    deviceIndexes.set(fleet, ids);
  }
  return ids.get((d.device.aadDeviceId || d.device.deviceName || "").toLowerCase());
}

/**
 * Installations present now, per (device, agent, channel): inventory snapshots say so directly;
 * for time-stamped sources (events, AgentsInfo) the latest evidence decides, so a launch before an
 * uninstall does not count. This is the reconciliation the sync engine does, reduced to the test.
 */
function presentInstallations(fleet: Fleet, day: number, detections: Detection[]): Set<string> {
  const latest = new Map<string, { at: number; present: boolean }>();
  const present = new Set<string>();
  for (const d of detections) {
    const key = `${deviceIdOf(fleet, day, d)}|${d.agentKey}|${d.channel}`;
    if (!d.lastSeenAt) {
      present.add(key);
      continue;
    }
    const at = d.lastSeenAt.getTime();
    const previous = latest.get(key);
    if (!previous || at > previous.at) latest.set(key, { at, present: !d.removed });
  }
  for (const [key, state] of latest) if (state.present) present.add(key);
  return present;
}

describe.each([0, 20, 45])("detections against the simulator's ground truth on day %i", (day) => {
  const fleet = new Fleet({ devices: DEVICES, seed: SEED });
  const expected = new Set(
    [...fleet.plantedInstallations(day)].map((p) => `${p.deviceId}|${p.agentKey}|${p.channel}`),
  );
  const detections = detectAll(fleet, day);
  const found = presentInstallations(fleet, day, detections);
  const truePositives = [...found].filter((k) => expected.has(k)).length;

  it("plants every catalog agent, enough times to mean something", () => {
    expect(expected.size).toBeGreaterThan(400);
    expect(new Set([...expected].map((k) => k.split("|")[1])).size).toBe(CATALOG.length);
  });

  it("finds every planted installation (recall 1.0)", () => {
    expect([...expected].filter((k) => !found.has(k))).toEqual([]);
    console.log(
      `day ${day}: recall ${(truePositives / expected.size).toFixed(4)} (${truePositives}/${expected.size})`,
    );
  });

  it("finds nothing that was not planted (precision 1.0)", () => {
    expect([...found].filter((k) => !expected.has(k))).toEqual([]);
    console.log(
      `day ${day}: precision ${(truePositives / found.size).toFixed(4)} (${truePositives}/${found.size})`,
    );
  });

  it("reports the version the data shows", () => {
    const versions = new Map<string, Set<string | null>>();
    for (const d of detections) {
      if (d.removed) continue;
      const key = `${deviceIdOf(fleet, day, d)}|${d.agentKey}|${d.channel}`;
      versions.set(key, (versions.get(key) ?? new Set()).add(d.version));
    }
    const wrong = [...fleet.plantedInstallations(day)]
      .filter((p) => p.version !== null)
      .filter((p) => !versions.get(`${p.deviceId}|${p.agentKey}|${p.channel}`)?.has(p.version))
      .map(
        (p) =>
          `${p.agentKey} ${p.channel} ${p.version}: ${[...(versions.get(`${p.deviceId}|${p.agentKey}|${p.channel}`) ?? [])]}`,
      );
    expect(wrong).toEqual([]);
  });

  it("covers every agent key the simulator plants", () => {
    const agents = (keys: Set<string>) => new Set([...keys].map((k) => k.split("|")[1]));
    expect([...agents(found)].sort()).toEqual([...agents(expected)].sort());
  });
});
