import {
  EvidenceSource,
  InstallationChannel,
  InstallationEventType,
  InstallationStatus,
  SyncMode,
} from "../model/enums";
import type { EvidenceRecord } from "../model/installation.entity";
import {
  completeSources,
  reconcileInstallations,
  type ObservedInstallation,
  type ReconcileInput,
  type SourceRead,
  type StoredInstallation,
} from "./reconcile";

const NOW = new Date("2026-11-27T08:00:00.000Z");
const EARLIER = new Date("2026-11-20T08:00:00.000Z");
/** When Defender last took d1's software inventory (its last full report). */
const SNAPSHOT = new Date("2026-11-26T20:00:00.000Z");
const { SOFTWARE_INVENTORY: SOFTWARE, AGENTS_INFO, PROCESS_EVENTS } = EvidenceSource;

/** One complete read of each source, as a sync that read everything reports it. */
const ALL_READ: SourceRead[] = Object.values(EvidenceSource).map((evidence) => ({
  evidence,
  complete: true,
}));
/** The reads of a sync in which `failed` sources failed (one read each) and the others completed. */
const readsWithFailed = (...failed: EvidenceSource[]): SourceRead[] =>
  ALL_READ.map((r) => (failed.includes(r.evidence) ? { ...r, complete: false } : r));

/** Inventories report current state: their evidence is last seen now, events when they happened. */
function evidence(source: EvidenceSource, lastSeenAt = NOW): EvidenceRecord {
  return {
    source,
    identifiers: { softwareName: "cursor" },
    confidence: 0.9,
    catalogVersion: "1",
    firstSeenAt: EARLIER.toISOString(),
    lastSeenAt: lastSeenAt.toISOString(),
  };
}

function observed(overrides: Partial<ObservedInstallation> = {}): ObservedInstallation {
  return {
    deviceId: "d1",
    agentId: "cursor",
    userId: "u1",
    channel: InstallationChannel.DESKTOP_APP,
    hostIdes: [],
    version: "1.0",
    evidence: [evidence(SOFTWARE)],
    removed: false,
    firstSeenAt: null,
    ...overrides,
  };
}

function stored(overrides: Partial<StoredInstallation> = {}): StoredInstallation {
  return {
    id: "i1",
    deviceId: "d1",
    agentId: "cursor",
    userId: "u1",
    channel: InstallationChannel.DESKTOP_APP,
    hostIdes: [],
    version: "1.0",
    status: InstallationStatus.ACTIVE,
    firstSeenAt: EARLIER,
    lastSeenAt: EARLIER,
    removedAt: null,
    evidence: [evidence(SOFTWARE)],
    ...overrides,
  };
}

function run(input: Partial<ReconcileInput>) {
  let n = 0;
  return reconcileInstallations({
    mode: SyncMode.FULL,
    now: NOW,
    observed: [],
    stored: [],
    reads: ALL_READ,
    staleDeviceIds: new Set(),
    devicesWithSoftware: new Map([["d1", SNAPSHOT.getTime()]]),
    newId: () => `new-${++n}`,
    ...input,
  });
}

const types = (r: ReturnType<typeof run>) => r.events.map((e) => e.type);

describe("reconcileInstallations", () => {
  it("creates a new installation ACTIVE with an INSTALLED event", () => {
    const r = run({ observed: [observed({ firstSeenAt: EARLIER })] });
    expect(r.inserts).toEqual([
      expect.objectContaining({ id: "new-1", status: "ACTIVE", firstSeenAt: EARLIER, lastSeenAt: NOW }),
    ]);
    expect(r.events).toEqual([
      { installationId: "new-1", type: InstallationEventType.INSTALLED, fromVersion: null, toVersion: "1.0" },
    ]);
  });

  it("only stamps last-seen for an installation seen again unchanged, with no event", () => {
    const r = run({ observed: [observed()], stored: [stored()] });
    expect(r).toEqual({ inserts: [], updates: [], stamps: ["i1"], events: [] });
  });

  it("emits VERSION_CHANGED on a new version", () => {
    const r = run({ observed: [observed({ version: "2.0" })], stored: [stored()] });
    expect(r.updates).toEqual([expect.objectContaining({ id: "i1", version: "2.0", lastSeenAt: NOW })]);
    expect(r.events).toEqual([
      {
        installationId: "i1",
        type: InstallationEventType.VERSION_CHANGED,
        fromVersion: "1.0",
        toVersion: "2.0",
      },
    ]);
  });

  it("keeps the known version when a source reports none", () => {
    const r = run({ observed: [observed({ version: null })], stored: [stored()] });
    expect(r.stamps).toEqual(["i1"]);
    expect(r.events).toEqual([]);
  });

  it("marks an installation REMOVED only after a complete sync of every source that evidenced it", () => {
    const both = stored({ evidence: [evidence(SOFTWARE), evidence(PROCESS_EVENTS)] });
    const partial = run({ stored: [both], reads: readsWithFailed(PROCESS_EVENTS) });
    expect(partial.updates).toEqual([]);
    expect(partial.events).toEqual([]);
    const complete = run({ stored: [both], reads: ALL_READ });
    expect(complete.updates).toEqual([
      expect.objectContaining({ id: "i1", status: "REMOVED", removedAt: NOW }),
    ]);
    expect(complete.events).toEqual([
      { installationId: "i1", type: InstallationEventType.REMOVED, fromVersion: "1.0", toVersion: null },
    ]);
  });

  it("removes an installation only complete sources evidenced, though another source was partial", () => {
    const softwareOnly = stored({ id: "i1", evidence: [evidence(SOFTWARE)] });
    const processOnly = stored({ id: "i2", agentId: "claude-code", evidence: [evidence(PROCESS_EVENTS)] });
    const r = run({ stored: [softwareOnly, processOnly], reads: readsWithFailed(PROCESS_EVENTS) });
    expect(r.updates).toEqual([expect.objectContaining({ id: "i1", status: "REMOVED" })]);
    expect(types(r)).toEqual([InstallationEventType.REMOVED]);
  });

  it("keeps a source's evidence record when that source was partial, replacing only complete ones", () => {
    const both = stored({ evidence: [evidence(SOFTWARE), evidence(PROCESS_EVENTS, EARLIER)] });
    const r = run({
      stored: [both],
      observed: [observed({ evidence: [evidence(AGENTS_INFO)] })],
      reads: readsWithFailed(PROCESS_EVENTS),
    });
    expect(r.updates.map((u) => u.evidence.map((e) => e.source))).toEqual([[AGENTS_INFO, PROCESS_EVENTS]]);
  });

  it.each([
    ["an INCREMENTAL sync", { mode: SyncMode.INCREMENTAL }],
    ["a stale or missing device", { staleDeviceIds: new Set(["d1"]) }],
    ["a device without software rows in this sync", { devicesWithSoftware: new Map<string, number>() }],
    ["a failed read of its source", { reads: readsWithFailed(SOFTWARE) }],
    ["a source this sync did not read", { reads: readsWithFailed().filter((r) => r.evidence !== SOFTWARE) }],
  ])("removes nothing in %s", (_name, overrides) => {
    const r = run({ stored: [stored()], ...overrides });
    expect(r.updates).toEqual([]);
    expect(r.events).toEqual([]);
  });

  it("counts AgentsInfo removal evidence as not seen", () => {
    const agentsInfo = stored({ evidence: [evidence(AGENTS_INFO)] });
    const r = run({
      observed: [observed({ evidence: [], removed: true })],
      stored: [agentsInfo],
    });
    expect(types(r)).toEqual([InstallationEventType.REMOVED]);
    expect(run({ observed: [observed({ evidence: [], removed: true })] }).inserts).toEqual([]);
  });

  it("emits REINSTALLED for an installation seen after its removal", () => {
    const removed = stored({ status: InstallationStatus.REMOVED, removedAt: EARLIER });
    const r = run({ observed: [observed({ version: "1.1" })], stored: [removed] });
    expect(r.updates).toEqual([
      expect.objectContaining({ id: "i1", status: "ACTIVE", removedAt: null, version: "1.1" }),
    ]);
    expect(r.events).toEqual([
      { installationId: "i1", type: InstallationEventType.REINSTALLED, fromVersion: "1.0", toVersion: "1.1" },
    ]);
  });

  it("leaves REMOVED installations that stay unseen alone", () => {
    const r = run({ stored: [stored({ status: InstallationStatus.REMOVED, removedAt: EARLIER })] });
    expect(r).toEqual({ inserts: [], updates: [], stamps: [], events: [] });
  });

  it("adds a host IDE and a new source's evidence without an event", () => {
    const r = run({
      observed: [
        observed({ hostIdes: ["vscode"], evidence: [evidence(SOFTWARE), evidence(PROCESS_EVENTS)] }),
      ],
      stored: [stored()],
    });
    expect(r.updates).toEqual([
      expect.objectContaining({
        hostIdes: ["vscode"],
        evidence: [
          expect.objectContaining({ source: PROCESS_EVENTS }),
          expect.objectContaining({ source: SOFTWARE }),
        ],
      }),
    ]);
    expect(r.events).toEqual([]);
  });

  it("keeps a first-seen time of the evidence and ignores moving time stamps", () => {
    const later = { ...evidence(SOFTWARE), firstSeenAt: NOW.toISOString(), lastSeenAt: NOW.toISOString() };
    const r = run({ observed: [observed({ evidence: [later] })], stored: [stored()] });
    expect(r.stamps).toEqual(["i1"]);
  });

  describe("the newest evidence wins", () => {
    const hours = (h: number) => new Date(SNAPSHOT.getTime() + h * 3_600_000);
    const app = stored({ evidence: [evidence(SOFTWARE), evidence(PROCESS_EVENTS, EARLIER)] });
    const cli = stored({ evidence: [evidence(PROCESS_EVENTS, EARLIER)] });
    const removed = stored({ status: InstallationStatus.REMOVED, removedAt: hours(2) });
    const seen = (...records: EvidenceRecord[]) => [observed({ evidence: records })];
    const { REMOVED, REINSTALLED } = InstallationEventType;

    it.each<[string, Partial<ReconcileInput>, InstallationEventType[]]>([
      [
        "software no longer lists the app; its process last ran before the snapshot: removed",
        { stored: [app], observed: seen(evidence(PROCESS_EVENTS, hours(-30))) },
        [REMOVED],
      ],
      [
        "software no longer lists the app; its process ran after the snapshot: kept",
        { stored: [app], observed: seen(evidence(PROCESS_EVENTS, hours(1))) },
        [],
      ],
      [
        "software no longer lists the app; AgentsInfo last said Active before the snapshot: removed",
        { stored: [app], observed: seen(evidence(AGENTS_INFO, hours(-2))) },
        [REMOVED],
      ],
      [
        "software still lists the app, its process ran long ago: kept",
        { stored: [app], observed: seen(evidence(SOFTWARE), evidence(PROCESS_EVENTS, hours(-300))) },
        [],
      ],
      [
        "the software read was incomplete: kept",
        {
          stored: [app],
          observed: seen(evidence(PROCESS_EVENTS, hours(-30))),
          reads: readsWithFailed(SOFTWARE),
        },
        [],
      ],
      [
        "the device had no software rows in this sync: kept",
        {
          stored: [app],
          observed: seen(evidence(PROCESS_EVENTS, hours(-30))),
          devicesWithSoftware: new Map<string, number>(),
        },
        [],
      ],
      [
        "an INCREMENTAL sync (software not read): kept",
        { stored: [app], observed: seen(evidence(PROCESS_EVENTS, hours(-30))), mode: SyncMode.INCREMENTAL },
        [],
      ],
      [
        "software never listed it (a CLI seen in events only): kept",
        { stored: [cli], observed: seen(evidence(PROCESS_EVENTS, hours(-30))) },
        [],
      ],
      [
        "a REMOVED installation sighted before its removal: stays removed",
        { stored: [removed], observed: seen(evidence(PROCESS_EVENTS, hours(1))) },
        [],
      ],
      [
        "a REMOVED installation sighted after its removal: reinstalled",
        { stored: [removed], observed: seen(evidence(PROCESS_EVENTS, hours(3))) },
        [REINSTALLED],
      ],
      [
        "a REMOVED installation listed again by the software inventory: reinstalled",
        { stored: [removed], observed: seen(evidence(SOFTWARE)) },
        [REINSTALLED],
      ],
    ])("%s", (_label, input, events) => {
      expect(types(run(input))).toEqual(events);
    });

    it("keeps only the sightings newer than the snapshot as the app's evidence", () => {
      const r = run({
        stored: [app],
        observed: seen(evidence(PROCESS_EVENTS, hours(1)), evidence(AGENTS_INFO, hours(-5))),
      });
      expect(r.updates.map((u) => u.evidence.map((e) => e.source))).toEqual([[PROCESS_EVENTS]]);
    });
  });
});

describe("completeSources", () => {
  it("is every source read at least once with no failed read", () => {
    const reads: SourceRead[] = [
      { evidence: SOFTWARE, complete: true },
      { evidence: SOFTWARE, complete: true },
      { evidence: PROCESS_EVENTS, complete: true },
      { evidence: PROCESS_EVENTS, complete: false },
    ];
    expect([...completeSources(reads)]).toEqual([SOFTWARE]);
  });

  it("counts a source one shard of which failed as incomplete, whatever the other shards say", () => {
    const shards = [true, true, false].map((complete) => ({ evidence: PROCESS_EVENTS, complete }));
    expect(completeSources(shards).has(PROCESS_EVENTS)).toBe(false);
  });

  it("counts a source this sync did not read as incomplete", () => {
    expect(completeSources([{ evidence: AGENTS_INFO, complete: true }]).has(SOFTWARE)).toBe(false);
  });
});
