import { agentsInfoRows, fileEvents, processEvents } from "./events";
import { Fleet, type Device, type PlantedInstallation } from "./fleet";

const byId = new Map<string, Map<string, Device>>();
function devicesById(fleet: Fleet, day: number): Map<string, Device> {
  const key = `${fleet.seed}:${day}`;
  if (!byId.has(key)) byId.set(key, new Map([...fleet.reportingDevices(day)].map((d) => [d.id, d])));
  return byId.get(key) as Map<string, Device>;
}

const ASOF = Date.parse("2026-11-27T12:00:00Z");

function evidenceFor(fleet: Fleet, gt: PlantedInstallation, day: number): string[] {
  const device = devicesById(fleet, day).get(gt.deviceId);
  if (!device) return [];
  const found: string[] = [];
  const software = fleet.softwareRows(device, day).map((r) => `${r.item.vendor}/${r.item.name}`);
  if (software.length) found.push(...software.map((s) => `sw:${s}`));
  for (const r of fleet.browserExtensions(device, day)) found.push(`br:${r.artifact.extensionId}`);
  for (const r of processEvents(fleet, device, day, ASOF))
    found.push(`proc:${String(r.FolderPath)} ${String(r.ProcessCommandLine)}`);
  for (const r of fileEvents(fleet, device, day, ASOF))
    found.push(`file:${String(r.FolderPath)}/${String(r.FileName)}`);
  for (const r of agentsInfoRows(fleet, device, day, ASOF)) found.push(`ai:${String(r.Name)}`);
  return found;
}

describe("Fleet", () => {
  const fleet = new Fleet({ devices: 400, seed: 42 });

  it("is deterministic for a seed and differs across seeds", () => {
    const again = new Fleet({ devices: 400, seed: 42 });
    expect(again.device(17)).toEqual(fleet.device(17));
    expect(new Fleet({ devices: 400, seed: 43 }).device(17).id).not.toEqual(fleet.device(17).id);
    expect([...again.plantedInstallations(3)]).toEqual([...fleet.plantedInstallations(3)]);
  });

  it("lists exactly `devices` machines on day 0 with a realistic OS mix", () => {
    const listed = [...fleet.listedDevices(0)];
    expect(listed).toHaveLength(400);
    const oses = new Set(listed.map((d) => d.osPlatform));
    expect(oses).toEqual(new Set(["Windows11", "Windows10", "macOS", "Linux"]));
    expect(new Set(listed.map((d) => d.id)).size).toBe(400);
  });

  it("gives devices about 100 software rows", () => {
    const devices = [...fleet.reportingDevices(0)];
    const rows = devices.reduce((sum, d) => sum + fleet.softwareRows(d, 0).length, 0);
    expect(rows / devices.length).toBeGreaterThan(75);
    expect(rows / devices.length).toBeLessThan(130);
  });

  it("plants agents across every channel, each visible in the source its channel implies", () => {
    const planted = [...fleet.plantedInstallations(0)];
    expect(new Set(planted.map((p) => p.channel))).toEqual(
      new Set(["DESKTOP_APP", "CLI", "IDE_EXTENSION", "BROWSER_EXTENSION"]),
    );
    for (const gt of planted.slice(0, 150)) {
      const evidence = evidenceFor(fleet, gt, 0);
      const kinds = new Set(evidence.map((e) => e.split(":")[0]));
      if (gt.channel === "BROWSER_EXTENSION") expect(kinds.has("br")).toBe(true);
      if (gt.channel === "CLI" || gt.channel === "IDE_EXTENSION")
        expect(kinds.has("proc") || kinds.has("file")).toBe(true);
    }
  });

  it("keeps IDE extensions and CLIs out of software inventory", () => {
    for (const device of [...fleet.reportingDevices(0)].slice(0, 100)) {
      for (const row of fleet.softwareRows(device, 0))
        expect(row.item.name).not.toMatch(/copilot_chat|claude_code|gemini_cli/);
    }
  });

  it("churns: installs, removals, upgrades and devices leaving happen as days pass", () => {
    const key = (p: PlantedInstallation) => `${p.deviceId}|${p.agentKey}|${p.channel}|${p.hostIde ?? ""}`;
    const day0 = new Map([...fleet.plantedInstallations(0)].map((p) => [key(p), p]));
    const day40 = new Map([...fleet.plantedInstallations(40)].map((p) => [key(p), p]));
    const removed = [...day0.keys()].filter((k) => !day40.has(k));
    const added = [...day40.keys()].filter((k) => !day0.has(k));
    const upgraded = [...day0.keys()].filter(
      (k) => day40.has(k) && day40.get(k)?.version !== day0.get(k)?.version,
    );
    expect(removed.length).toBeGreaterThan(0);
    expect(added.length).toBeGreaterThan(0);
    expect(upgraded.length).toBeGreaterThan(0);
    expect([...fleet.listedDevices(60)].length).not.toBe(400);
  });

  it("lists an older record beside about 1% of devices, half of them merged", () => {
    const big = new Fleet({ devices: 20_000, seed: 3 });
    const former = [...big.machineRecords(0)].filter((r) => r.former).map((r) => r.former!);
    expect(former.length / 20_000).toBeGreaterThan(0.005);
    expect(former.length / 20_000).toBeLessThan(0.015);
    const merged = former.filter((f) => f.merged).length / former.length;
    expect(merged).toBeGreaterThan(0.3);
    expect(merged).toBeLessThan(0.7);
    expect(former.every((f) => f.lastSeenDay < 0)).toBe(true);
  });

  it("computes any device of a 100,000-device fleet on demand", () => {
    const big = new Fleet({ devices: 100_000, seed: 1 });
    const device = big.device(99_999);
    expect(device.id).toMatch(/^[0-9a-f]{40}$/);
    expect(big.softwareRows(device, 0).length).toBeGreaterThan(10);
  });
});
