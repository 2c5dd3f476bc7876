// Detection measured against fleets planted from the field corpus (src/detection/corpus), which is
// written from public sources and never from the catalog: per Defender source and overall, precision,
// recall, versions and users, on 2,000 devices on day 0 and after 20 days of churn. Rows go in as a
// sync reads them (inventory JSON, browser extension JSON, the generated hunting queries run by the
// simulator's KQL engine, AgentsInfo) and through the sync's own pure rules (device and user
// resolution, observation, reconciliation over two consecutive syncs). The table is printed; every
// measure must reach 0.99. Look-alikes each get a negative test at the end.
import { LOOK_ALIKES, renderInventory, type LookAlikeRecord, type Variant } from "./corpus";
import { browserExtensionSchema, RowParser, softwareInventorySchema } from "../defender/parse";
import { EvidenceSource, InstallationStatus, SyncMode } from "../model/enums";
import { agentsInfoRowAt, fileRowsAt, processRowsAt, type Row } from "../simulator/events";
import { contextVars, prepared, type Planted } from "../simulator/evidence";
import {
  Fleet,
  type Device,
  type PlantedInstallation,
  type SoftwareRow as FleetSoftwareRow,
} from "../simulator/fleet";
import { runHunting, runHuntingOn } from "../simulator/kql";
import { browserExtensionJson, machineJson, nonCpeJson, softwareJson } from "../simulator/resources";
import { DAY_MS } from "../simulator/timeline";
import { StringPool } from "../sync/detach";
import { DeviceDirectory, UserDirectory, type ResolvedUser, type StoredUser } from "../sync/identities";
import {
  observeInstallations,
  Sightings,
  toSighting,
  type ResolvedDetection,
  type Sighting,
} from "../sync/observations";
import { reconcileInstallations, type StoredInstallation } from "../sync/reconcile";
import { NO_ACTIVITY, settleActivity, type Activity } from "../sync/activity";
import { plantedActivity, type PlantedActivity } from "../simulator/activity";
import { present } from "../simulator/timeline";
import { CATALOG } from "./catalog";
import { buildHuntingQueries, type HuntingSource } from "./hunting";
import { matchBrowserExtensions, matchHuntingRows, matchSoftwareRows, type SoftwareRow } from "./matchers";
import type { Detection } from "./types";

const DEVICES = 2000;
const SEED = 7;
const START = Date.parse("2026-11-27T06:00:00Z");
const CHURN_DAY = 20;
const GOAL = 0.99;
const SOURCES = Object.values(EvidenceSource);

/** Data time on a simulator day, as the simulator's control clock moves it. */
const asOf = (day: number) => START + day * DAY_MS;

// ---------------------------------------------------------------------------------------------
// Reading Defender as a sync does

/** The connector's row parsers: rows reach the matchers as a sync reads them. */
const counters = { rowsRead: 0, rowsSkipped: 0 };
const softwareParser = new RowParser(softwareInventorySchema, counters);
const extensionParser = new RowParser(browserExtensionSchema, counters);

function softwareJsonRow(device: Device, row: FleetSoftwareRow, day: number): SoftwareRow {
  // CPE rows come from SoftwareInventoryByMachine (with paths), the others from the non-CPE API (without).
  const json = row.item.cpe ? softwareJson(device, row, day, asOf(day)) : nonCpeJson(device, row, asOf(day));
  return softwareParser.parse(json)!;
}

/** Every detection a sync's reads produce, and the devices that had software inventory rows. */
function detectionsOf(
  fleet: Fleet,
  day: number,
): { detections: Detection[]; withSoftware: Map<string, number> } {
  const devices = [...fleet.reportingDevices(day)];
  const software = devices.flatMap((d) =>
    fleet.softwareRows(d, day).map((row) => softwareJsonRow(d, row, day)),
  );
  // As the sync does: a device's software snapshot is as of its last full report (the machine's lastSeen).
  const withSoftwareIds = new Set(software.map((row) => row.deviceId));
  const withSoftware = new Map(
    devices
      .filter((d) => withSoftwareIds.has(d.id))
      .map((d) => [d.id, Date.parse(String(machineJson(fleet, d, day, asOf(day)).lastSeen))]),
  );
  const browser = devices.flatMap((d) =>
    fleet
      .browserExtensions(d, day)
      .map((row) => extensionParser.parse(browserExtensionJson(d, row, day, asOf(day)))!),
  );
  const found = [...matchSoftwareRows(software), ...matchBrowserExtensions(browser)];
  for (const query of buildHuntingQueries())
    found.push(...matchHuntingRows(query.source, runHunting(fleet, query.kql, { day, now: asOf(day) }).rows));
  return { detections: found, withSoftware };
}

// ---------------------------------------------------------------------------------------------
// The sync's pure rules over two consecutive syncs

interface SyncState {
  stored: StoredInstallation[];
  users: Map<string, ResolvedUser>;
  /** Activity by installation id (src/sync/activity.ts); absent: NO_USE_SEEN. */
  activity: Map<string, Activity>;
}

interface SyncOutcome extends SyncState {
  sightings: Sighting[];
  /** The person each sighting's user reference resolved to. */
  people: Map<string, ResolvedUser>;
}

function sync(fleet: Fleet, day: number, previous: SyncState): SyncOutcome {
  const listed = [...fleet.listedDevices(day)];
  const directory = new DeviceDirectory(
    listed.map((d) => ({ id: d.id, defenderId: d.id, aadDeviceId: d.aadDeviceId, name: d.computerDnsName })),
  );
  const storedUsers: StoredUser[] = [...previous.users.values()].map((u) => ({ ...u, id: u.identityKey }));
  const users = new UserDirectory(storedUsers);
  const pool = new StringPool();
  const sightings = new Sightings();
  const { detections, withSoftware } = detectionsOf(fleet, day);
  for (const detection of detections) {
    const device = directory.resolve(detection.device);
    if (!device) continue;
    const userKey = detection.user ? users.add(detection.user, device.defenderId) : null;
    sightings.add(toSighting(detection, device.defenderId, userKey, pool));
  }
  const all = [...sightings.values()];
  const people = new Map<string, ResolvedUser>();
  for (const s of all) if (s.userKey) people.set(s.userKey, users.resolve(s.userKey));
  const resolved: ResolvedDetection[] = all.map((s) => ({
    detection: s,
    deviceId: s.defenderId,
    userId: s.userKey ? people.get(s.userKey)!.identityKey : null,
  }));
  const known = new Map(previous.users);
  for (const u of users.users()) known.set(u.identityKey, u);
  const now = new Date(asOf(day));
  const agentIds = new Map(CATALOG.map((a) => [a.key, a.key]));
  const active = previous.stored.filter((s) => s.status === InstallationStatus.ACTIVE);
  const observed = observeInstallations(resolved, active, agentIds, now);
  let next = 0;
  const result = reconcileInstallations({
    mode: SyncMode.FULL,
    now,
    observed,
    stored: previous.stored,
    reads: SOURCES.map((evidence) => ({ evidence, complete: true })),
    staleDeviceIds: new Set(listed.filter((d) => day - fleet.snapshotDay(d, day) >= 30).map((d) => d.id)),
    devicesWithSoftware: withSoftware,
    newId: () => `installation-${day}-${next++}`,
  });
  const byId = new Map(previous.stored.map((s) => [s.id, s]));
  for (const row of [...result.inserts, ...result.updates]) byId.set(row.id, row);
  for (const id of result.stamps) byId.set(id, { ...byId.get(id)!, lastSeenAt: now });
  const activity = new Map(previous.activity);
  const storedActivity = previous.stored.map((s) => ({
    ...s,
    ...(previous.activity.get(s.id) ?? NO_ACTIVITY),
  }));
  for (const { id, ...settled } of settleActivity({
    now,
    observed,
    stored: storedActivity,
    inserted: result.inserts,
  }))
    activity.set(id, settled);
  return { stored: [...byId.values()], users: known, activity, sightings: all, people };
}

// ---------------------------------------------------------------------------------------------
// Measures

interface Ratio {
  hits: number;
  of: number;
}

type Measure = "precision" | "recall" | "versions" | "users";
type Column = EvidenceSource | "OVERALL";

interface DayReport {
  day: number;
  installations: number;
  cells: Map<string, Ratio>;
  /** Recall on coding agents, and on installations only hunting shows. */
  extra: Map<string, Ratio>;
  misses: string[];
  falses: string[];
}

const key = (deviceId: string, agentKey: string, channel: string) => `${deviceId}|${agentKey}|${channel}`;
const truthKey = (p: PlantedInstallation) => key(p.deviceId, p.agentKey, p.channel);

/** Versions compare without a fourth ".0" (installers and MSIX pad 1.2.3 to 1.2.3.0). */
const normal = (v: string | null | undefined) => (v ? v.replace(/^(\d+\.\d+\.\d+)\.0$/, "$1") : null);

function sameUser(found: ResolvedUser | undefined, truth: PlantedInstallation["user"]): boolean {
  if (!found) return false;
  const eq = (a: string | null | undefined, b: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
  return eq(found.sid, truth.sid) || eq(found.upn, truth.upn) || eq(found.accountName, truth.accountName);
}

function ratio(hits: number, of: number): Ratio {
  return { hits, of };
}

const CODING_CATEGORIES = new Set(["IDE", "IDE_EXTENSION", "CLI", "TERMINAL"]);
const coding = new Set(CATALOG.filter((a) => CODING_CATEGORIES.has(a.category)).map((a) => a.key));
const HUNTING = new Set<string>([EvidenceSource.PROCESS_EVENTS, EvidenceSource.FILE_EVENTS]);

function report(fleet: Fleet, day: number, outcome: SyncOutcome): DayReport {
  const truth = [...fleet.plantedInstallations(day)];
  const truthBy = new Map(truth.map((p) => [truthKey(p), p]));
  const reporting = new Map([...fleet.reportingDevices(day)].map((d) => [d.id, d]));
  // Anything the device ever had (removed ones included): evidence of it is not a false alarm per source.
  const everPlanted = new Set(
    [...reporting.values()].flatMap((d) =>
      fleet.installations(d).map((i) => key(d.id, i.record.agentKey, i.record.channel)),
    ),
  );
  const cells = new Map<string, Ratio>();
  const set = (column: Column, measure: Measure, r: Ratio) => cells.set(`${column}|${measure}`, r);

  for (const source of SOURCES) {
    const seen = new Map<string, Sighting[]>();
    for (const s of outcome.sightings) {
      if (s.source !== source || s.removed) continue;
      const k = key(s.defenderId, s.agentKey, s.channel);
      seen.set(k, [...(seen.get(k) ?? []), s]);
    }
    const carried = truth.filter((p) => p.sources[source] !== undefined);
    const found = carried.filter((p) => seen.has(truthKey(p)));
    set(source, "recall", ratio(found.length, carried.length));
    set(source, "precision", ratio([...seen.keys()].filter((k) => everPlanted.has(k)).length, seen.size));
    const versionRight = found.filter((p) => {
      const versions = seen.get(truthKey(p))!.map((s) => normal(s.version));
      return versions.every((v) => v === normal(p.sources[source]));
    });
    set(source, "versions", ratio(versionRight.length, found.length));
    const carriesUser =
      source !== EvidenceSource.SOFTWARE_INVENTORY && source !== EvidenceSource.BROWSER_EXTENSIONS;
    const named = found.filter((p) => carriesUser || seen.get(truthKey(p))!.some((s) => s.userKey));
    const userRight = named.filter((p) =>
      seen
        .get(truthKey(p))!
        .every((s) => s.userKey !== null && sameUser(outcome.people.get(s.userKey), p.user)),
    );
    set(source, "users", ratio(userRight.length, named.length));
  }

  const active = new Map<string, StoredInstallation[]>();
  for (const s of outcome.stored) {
    if (s.status !== InstallationStatus.ACTIVE || !reporting.has(s.deviceId)) continue;
    const k = key(s.deviceId, s.agentId, s.channel);
    active.set(k, [...(active.get(k) ?? []), s]);
  }
  const hits = truth.filter((p) => active.has(truthKey(p)));
  set("OVERALL", "recall", ratio(hits.length, truth.length));
  set("OVERALL", "precision", ratio([...active.keys()].filter((k) => truthBy.has(k)).length, active.size));
  const versionRight = hits.filter((p) =>
    active.get(truthKey(p))!.every((s) => normal(s.version) === normal(p.version)),
  );
  set("OVERALL", "versions", ratio(versionRight.length, hits.length));
  const visible = hits.filter((p) => p.userVisible);
  const userRight = visible.filter((p) => {
    const rows = active.get(truthKey(p))!;
    return (
      rows.length === 1 && sameUser(rows[0].userId ? outcome.users.get(rows[0].userId) : undefined, p.user)
    );
  });
  set("OVERALL", "users", ratio(userRight.length, visible.length));

  const codingTruth = truth.filter((p) => coding.has(p.agentKey));
  const huntingOnly = truth.filter((p) => Object.keys(p.sources).every((s) => HUNTING.has(s)));
  const extra = new Map<string, Ratio>([
    [
      "recall, coding agents",
      ratio(codingTruth.filter((p) => active.has(truthKey(p))).length, codingTruth.length),
    ],
    [
      "recall, seen only in hunting",
      ratio(huntingOnly.filter((p) => active.has(truthKey(p))).length, huntingOnly.length),
    ],
  ]);
  const misses = truth
    .filter((p) => !active.has(truthKey(p)))
    .map((p) => `${p.recordId} [${Object.keys(p.sources).join(",")}]`);
  const falses = [...active.keys()]
    .filter((k) => !truthBy.has(k))
    .map((k) => k.split("|").slice(1).join(" "));
  return { day, installations: truth.length, cells, extra, misses, falses };
}

function format(r: Ratio | undefined): string {
  if (!r || r.of === 0) return "n/a".padStart(19);
  return `${(r.hits / r.of).toFixed(4)} (${r.hits}/${r.of})`.padStart(19);
}

function table(reports: DayReport[]): string {
  const columns: Column[] = [...SOURCES, "OVERALL"];
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(
      `ground truth, ${DEVICES} devices, day ${r.day}: ${r.installations} installations planted from the field corpus`,
    );
    lines.push(["measure".padEnd(10), ...columns.map((c) => c.padStart(19))].join(" "));
    for (const measure of ["precision", "recall", "versions", "users"] as Measure[])
      lines.push(
        [measure.padEnd(10), ...columns.map((c) => format(r.cells.get(`${c}|${measure}`)))].join(" "),
      );
    for (const [name, value] of r.extra) lines.push(`${name}: ${format(value).trim()}`);
    lines.push(`missed (first 15 of ${r.misses.length}): ${r.misses.slice(0, 15).join("; ")}`);
    lines.push(
      `reported but not planted (first 15 of ${r.falses.length}): ${r.falses.slice(0, 15).join("; ")}`,
    );
    lines.push("");
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Activity (README "Activity"): the state, last use and active days the sync settles, against the
// use the simulator planted (src/simulator/activity.ts: the rows of its days of use, never of installs)

type ActivityMeasure = "state" | "lastUsedAt day" | "active days 7" | "active days 30" | "install only";
const ACTIVITY_MEASURES: ActivityMeasure[] = [
  "state",
  "lastUsedAt day",
  "active days 7",
  "active days 30",
  "install only",
];

/**
 * State, last use and install-only at 0.99. Day counts are held lower, and said so (README "Activity"):
 * the planted truth counts every row of a day of use, and an app's helper processes that no catalog
 * signal names (an IDE's bundled language server) can be the only row on a UTC day the app's own
 * process did not reach.
 */
const ACTIVITY_GOALS: Record<ActivityMeasure, number> = {
  state: GOAL,
  "lastUsedAt day": GOAL,
  "active days 7": 0.95,
  "active days 30": 0.95,
  "install only": GOAL,
};

interface ActivityReport {
  day: number;
  cells: Map<ActivityMeasure, Ratio>;
  states: Map<string, number>;
  wrong: string[];
}

const utcDay = (at: number) => Math.floor(at / DAY_MS);

/** `earlier`: the use instants each installation showed in the previous sync's window, updated here. */
function activityReport(
  fleet: Fleet,
  day: number,
  outcome: SyncOutcome,
  earlier: Map<string, number[]>,
): ActivityReport {
  const now = asOf(day);
  const today = utcDay(now);
  const rows = new Map<string, StoredInstallation[]>();
  for (const s of outcome.stored) {
    if (s.status !== InstallationStatus.ACTIVE) continue;
    const k = key(s.deviceId, s.agentId, s.channel);
    rows.set(k, [...(rows.get(k) ?? []), s]);
  }
  const truth = new Set([...fleet.plantedInstallations(day)].map(truthKey));
  const cells = new Map(ACTIVITY_MEASURES.map((m) => [m, ratio(0, 0)]));
  const count = (m: ActivityMeasure, hit: boolean) => {
    const r = cells.get(m)!;
    r.of++;
    if (hit) r.hits++;
  };
  const states = new Map<string, number>();
  const wrong: string[] = [];
  for (const device of fleet.reportingDevices(day)) {
    const w = fleet.window(device, day, now);
    for (const inst of fleet.installations(device)) {
      const k = key(device.id, inst.record.agentKey, inst.record.channel);
      const found = rows.get(k);
      if (!truth.has(k) || !found || !present(inst.lifecycle, fleet.snapshotDay(device, day))) continue;
      const planted: PlantedActivity = plantedActivity(fleet, inst, w, earlier.get(k));
      earlier.set(k, planted.useAt);
      // Several rows (people) of one installation: the most recently used one speaks for it.
      const seen = found
        .map((s) => outcome.activity.get(s.id) ?? NO_ACTIVITY)
        .reduce((a, b) => ((b.lastUsedAt?.getTime() ?? 0) > (a.lastUsedAt?.getTime() ?? 0) ? b : a));
      states.set(planted.state, (states.get(planted.state) ?? 0) + 1);
      const stateRight = seen.activity === planted.state;
      count("state", stateRight);
      if (!stateRight && wrong.length < 15)
        wrong.push(`${inst.record.id} planted ${planted.state}, read ${seen.activity}`);
      if (planted.lastUsedAt !== null)
        count(
          "lastUsedAt day",
          !!seen.lastUsedAt && utcDay(seen.lastUsedAt.getTime()) === utcDay(planted.lastUsedAt),
        );
      const days = new Set(planted.useAt.map(utcDay).filter((d) => d > today - 30));
      count("active days 30", seen.activeDays30 === days.size);
      count("active days 7", seen.activeDays7 === [...days].filter((d) => d > today - 7).length);
      // Installed in the window and never used in it: its install rows must not read as use.
      if (planted.state === "NO_USE_SEEN" && inWindowDay(w, inst.lifecycle.installDay))
        count("install only", seen.activity === "NO_USE_SEEN");
    }
  }
  return { day, cells, states, wrong };
}

const inWindowDay = (w: { first: number; horizon: number }, d: number) => d >= w.first && d <= w.horizon;

function activityTable(reports: ActivityReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const states = [...r.states].map(([s, n]) => `${s} ${n}`).join(", ");
    lines.push(`activity ground truth, ${DEVICES} devices, day ${r.day} (planted: ${states})`);
    for (const m of ACTIVITY_MEASURES) lines.push(`${m.padEnd(16)} ${format(r.cells.get(m)).trim()}`);
    lines.push(`wrong state (first 15): ${r.wrong.join("; ")}`, "");
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------

describe("detection against fleets planted from the field corpus", () => {
  const reports = new Map<number, DayReport>();
  const activity = new Map<number, ActivityReport>();

  beforeAll(() => {
    const fleet = new Fleet({ devices: DEVICES, seed: SEED });
    const used = new Map<string, number[]>();
    const first = sync(fleet, 0, { stored: [], users: new Map(), activity: new Map() });
    reports.set(0, report(fleet, 0, first));
    activity.set(0, activityReport(fleet, 0, first, used));
    const later = sync(fleet, CHURN_DAY, first);
    reports.set(CHURN_DAY, report(fleet, CHURN_DAY, later));
    activity.set(CHURN_DAY, activityReport(fleet, CHURN_DAY, later, used));
    console.log(table([...reports.values()]));
    console.log(activityTable([...activity.values()]));
  });

  it.each(
    [0, CHURN_DAY].flatMap((day) =>
      ACTIVITY_MEASURES.map((m): [number, ActivityMeasure, number] => [day, m, ACTIVITY_GOALS[m]]),
    ),
  )("day %i, activity: %s reaches %d", (day, measure, goal) => {
    const r = activity.get(day)!.cells.get(measure)!;
    expect(r.of).toBeGreaterThan(0);
    expect(r.hits / r.of).toBeGreaterThanOrEqual(goal);
  });

  it.each([0, CHURN_DAY])(
    "day %i: the fleet plants every activity state, each often enough to measure",
    (day) => {
      const states = activity.get(day)!.states;
      for (const state of ["ACTIVE", "IDLE", "NO_USE_SEEN"]) expect(states.get(state)).toBeGreaterThan(50);
    },
  );

  const cases: [number, Column, Measure][] = [];
  for (const day of [0, CHURN_DAY])
    for (const column of [...SOURCES, "OVERALL" as const])
      for (const measure of ["precision", "recall", "versions", "users"] as Measure[]) {
        // Inventory and browser rows do not name people (non-CPE rows carry no paths).
        if (
          measure === "users" &&
          (column === EvidenceSource.BROWSER_EXTENSIONS || column === EvidenceSource.SOFTWARE_INVENTORY)
        )
          continue;
        cases.push([day, column, measure]);
      }

  it.each(cases)(`day %i, %s: %s reaches ${GOAL}`, (day, column, measure) => {
    const r = reports.get(day)!.cells.get(`${column}|${measure}`)!;
    expect(r.of).toBeGreaterThan(0);
    expect(r.hits / r.of).toBeGreaterThanOrEqual(GOAL);
  });

  it.each([0, CHURN_DAY])(
    `day %i: recall on coding agents and on agents seen only in hunting reaches ${GOAL}`,
    (day) => {
      for (const r of reports.get(day)!.extra.values()) {
        expect(r.of).toBeGreaterThan(0);
        expect(r.hits / r.of).toBeGreaterThanOrEqual(GOAL);
      }
    },
  );

  it("plants every agent the catalog lists, often enough to measure", () => {
    const fleet = new Fleet({ devices: DEVICES, seed: SEED });
    const planted = new Set([...fleet.plantedInstallations(0)].map((p) => p.agentKey));
    expect([...planted].sort()).toEqual(CATALOG.map((a) => a.key).sort());
    expect(reports.get(0)!.installations).toBeGreaterThan(1500);
  });
});

// ---------------------------------------------------------------------------------------------
// Look-alikes: each one alone, through every source, must produce no detection.

describe("look-alikes are not agents", () => {
  const fleet = new Fleet({ devices: 200, seed: SEED });
  const devices = [...fleet.listedDevices(0)];
  const deviceFor = (os: string) => devices.find((d) => d.os === os)!;
  const cases: [string, LookAlikeRecord, Variant | undefined][] = LOOK_ALIKES.flatMap((record) =>
    (record.variants?.length ? record.variants : [undefined]).map(
      (variant): [string, LookAlikeRecord, Variant | undefined] => [
        `${record.id}${variant ? ` in ${variant.key}` : ""}`,
        record,
        variant,
      ],
    ),
  );

  it.each(cases)("%s", (_name, record, variant) => {
    const device = deviceFor(record.os);
    const planted: Planted = { record, variant, user: device.user, os: device.os, salt: 99 };
    const version = record.versions[0];
    const w = fleet.window(device, 0, asOf(0));
    const moment = { day: 0, kind: "use" as const, version, latestUse: true };
    const detections: Detection[] = [];
    const software = renderInventory(prepared(planted), contextVars(planted, version, 1)).map((row) =>
      softwareJsonRow(
        device,
        {
          item: {
            vendor: row.vendor,
            name: row.name,
            cpe: row.cpe,
            platforms: "wml",
            share: 0,
            versions: record.versions,
          },
          version: row.version,
          diskPaths: row.diskPaths,
          registryPaths: row.registryPaths,
          firstSeenDay: -100,
          numberOfWeaknesses: 0,
        },
        0,
      ),
    );
    detections.push(...matchSoftwareRows(software));
    if (record.browserExtension)
      detections.push(
        ...matchBrowserExtensions([
          extensionParser.parse(
            browserExtensionJson(
              device,
              {
                browser: "chrome",
                artifact: record.browserExtension,
                version,
                installDay: -100,
                active: true,
              },
              0,
              asOf(0),
            ),
          )!,
        ]),
      );
    const tables: Record<HuntingSource, Row[]> = {
      PROCESS_EVENTS: processRowsAt(SEED, device, planted, moment, w),
      FILE_EVENTS: fileRowsAt(SEED, device, planted, moment, w),
      AGENTS_INFO: record.agentsInfo ? [agentsInfoRowAt(SEED, device, planted, "Active", 0, version, w)] : [],
    };
    for (const query of buildHuntingQueries())
      detections.push(
        ...matchHuntingRows(
          query.source,
          runHuntingOn(tables[query.source], query.kql, { now: asOf(0) }).rows,
        ),
      );
    // Inside an agent IDE (Cursor, Windsurf…) the IDE's own executable runs the look-alike: that IDE may show.
    const hostIde = (d: Detection) => d.agentKey === variant?.host && d.channel === "DESKTOP_APP";
    expect(
      detections
        .filter((d) => !hostIde(d))
        .map(
          (d) => `${d.agentKey} ${d.channel} ${d.evidence.source} ${JSON.stringify(d.evidence.identifiers)}`,
        ),
    ).toEqual([]);
  });
});
