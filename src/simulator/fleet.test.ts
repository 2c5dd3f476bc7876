import { FIELD_RECORDS, LOOK_ALIKES, processesAt, renderProcess } from "../detection/corpus";
import { contextVars, prepared } from "./evidence";
import { agentsInfoRows, fileEvents, processEvents } from "./events";
import { Fleet, type Device, type PlantedInstallation } from "./fleet";
import { momentsOf } from "./timeline";

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

  it("lists an agent in software inventory only where its installer registers one", () => {
    const records = new Map(FIELD_RECORDS.map((r) => [r.id, r]));
    for (const p of fleet.plantedInstallations(0)) {
      if (p.sources.SOFTWARE_INVENTORY === undefined) continue;
      expect(records.get(p.recordId)?.inventory?.length).toBeGreaterThan(0);
      expect(p.channel).not.toBe("IDE_EXTENSION");
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

  describe("on 2,000 devices", () => {
    const big = new Fleet({ devices: 2000, seed: 5 });
    const planted = [...big.plantedInstallations(0)];
    const devices = new Map([...big.reportingDevices(0)].map((d) => [d.id, d]));

    it("plants every install method of the field corpus, and every agent", () => {
      expect(new Set(planted.map((p) => p.method))).toEqual(new Set(FIELD_RECORDS.map((r) => r.method)));
      expect(new Set(planted.map((p) => p.agentKey))).toEqual(new Set(FIELD_RECORDS.map((r) => r.agentKey)));
    });

    it("shows installations older than the hunting window only through their use", () => {
      const old = planted.filter(
        (p) =>
          p.installedBeforeWindow && p.channel === "IDE_EXTENSION" && p.sources.FILE_EVENTS !== undefined,
      );
      expect(old.length).toBeGreaterThan(50);
      for (const p of old.slice(0, 40)) {
        const rows = fileEvents(big, devices.get(p.deviceId)!, 0, ASOF);
        const created = rows.filter((r) => r.ActionType === "FileCreated" && r.FileName === "package.json");
        expect(created.filter((r) => String(r.FolderPath).includes(p.recordId.split(":")[2]))).toEqual([]);
      }
      expect(planted.filter((p) => p.installedBeforeWindow).length / planted.length).toBeGreaterThan(0.5);
    });

    it("keeps an uninstalled agent's earlier process sightings in hunting data", () => {
      let checked = 0;
      for (const device of big.reportingDevices(30)) {
        const w = big.window(device, 30, ASOF);
        for (const inst of big.installations(device)) {
          const moments = momentsOf(inst, w);
          const removed = moments.some((m) => m.kind === "remove");
          const used = moments.some((m) => m.kind === "use");
          if (!removed || !used || !inst.record.processes?.some((p) => p.when === "use")) continue;
          expect(big.plantedOn(device, 30).some((p) => p.recordId === inst.record.id)).toBe(false);
          const version = moments.find((m) => m.kind === "use")!.version;
          const images = processesAt(prepared(inst), "use").map(
            (p) => renderProcess(p, contextVars(inst, version, 0)).fileName,
          );
          const rows = processEvents(big, device, 30, ASOF).filter(
            (r) => r.AccountName === inst.user.accountName && images.includes(String(r.FileName)),
          );
          expect(rows.length).toBeGreaterThan(0);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(5);
    });

    it("plants look-alikes and never counts them as installations", () => {
      const lookAlikeIds = new Set(LOOK_ALIKES.map((l) => l.id));
      const withLookAlikes = [...devices.values()].filter((d) => big.lookAlikes(d).length > 0);
      expect(withLookAlikes.length).toBeGreaterThan(200);
      expect(planted.filter((p) => lookAlikeIds.has(p.recordId))).toEqual([]);
    });

    it("names software by its installer's publisher, with Defender's tokens", () => {
      const names = new Set<string>();
      for (const device of devices.values())
        for (const row of big.softwareRows(device, 0)) names.add(`${row.item.vendor}/${row.item.name}`);
      expect(names).toContain("anysphere/cursor_(user)");
      expect(names).toContain("anthropic_pbc/claude");
      expect([...names].some((n) => n.startsWith("ollama/ollama_version_"))).toBe(true);
    });
  });

  it("computes any device of a 100,000-device fleet on demand", () => {
    const big = new Fleet({ devices: 100_000, seed: 1 });
    const device = big.device(99_999);
    expect(device.id).toMatch(/^[0-9a-f]{40}$/);
    expect(big.softwareRows(device, 0).length).toBeGreaterThan(10);
  });
});
