import { createLogger } from "../config/logger";
import { createDefenderConnector, type DefenderConnector } from "../defender";
import { FakeClock } from "../defender/fake-clock";
import { SyncMode, SyncRunStatus, SyncTrigger } from "../model/enums";
import { startSimulator, type RunningSimulator } from "../simulator";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { upsertCatalogAgents } from "./catalog-agents";
import { SyncRunRepository } from "./sync-run.repository";
import { createTenantSync } from "./tenant-sync";
import { insertConnectedTenant } from "./test-support";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const DEVICES = 400;

interface GroundTruthEntry {
  version: string | null;
}

/** Installations per (Defender device id, agent, channel), as the simulator planted them on `day`. */
function plantedOn(sim: RunningSimulator, day: number): Map<string, GroundTruthEntry> {
  const out = new Map<string, GroundTruthEntry>();
  for (const p of sim.fleet.plantedInstallations(day))
    out.set(`${p.deviceId}|${p.agentKey}|${p.channel}`, { version: p.version });
  return out;
}

describe("tenant sync against the simulator", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let connector: DefenderConnector;
  let tenantId: string;
  let runs: SyncRunRepository;

  const syncOnce = async (mode = SyncMode.FULL) => {
    await runs.createQueued(tenantId, mode, SyncTrigger.MANUAL);
    const run = (await runs.claimQueued(tenantId, "test"))!;
    const execute = createTenantSync({
      dataSource: db.dataSource,
      clientFor: (id) => connector.client(id),
      settings: { staleDeviceDays: 30, softwareExportMinDevices: 300 },
      logger,
    });
    const outcome = await execute(run, { signal: new AbortController().signal, progress: () => undefined });
    await runs.finish(tenantId, run.id, outcome);
    return { run, outcome };
  };

  /** (Defender device id, agent, channel) → version of ACTIVE installations. */
  const stored = async () => {
    const rows: { key: string; version: string | null }[] = await db.dataSource.query(
      `SELECT DISTINCT d.defender_id || '|' || a.key || '|' || i.channel AS key, i.version
       FROM installation i JOIN device d ON d.tenant_id = i.tenant_id AND d.id = i.device_id
       JOIN agent a ON a.id = i.agent_id
       WHERE i.tenant_id = $1 AND i.status = 'ACTIVE'`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.key, r.version]));
  };

  const snapshot = () =>
    db.dataSource.query(
      `SELECT id, status, version, host_ides, user_id, removed_at, first_seen_at, evidence
       FROM installation WHERE tenant_id = $1 ORDER BY id`,
      [tenantId],
    );

  const eventsOf = async (runId: string) =>
    (await db.dataSource.query(
      `SELECT e.type, d.defender_id || '|' || a.key || '|' || i.channel AS key, e.from_version, e.to_version
       FROM installation_event e JOIN installation i ON i.tenant_id = e.tenant_id AND i.id = e.installation_id
       JOIN device d ON d.tenant_id = i.tenant_id AND d.id = i.device_id JOIN agent a ON a.id = i.agent_id
       WHERE e.tenant_id = $1 AND e.sync_run_id = $2`,
      [tenantId, runId],
    )) as { type: string; key: string; from_version: string | null; to_version: string | null }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await upsertCatalogAgents(db.dataSource);
    sim = await startSimulator({ devices: DEVICES, seed: 7, rateLimits: false });
    const clock = new FakeClock();
    connector = createDefenderConnector({
      clientId: sim.clientId,
      credential: { clientSecret: sim.clientSecret },
      authorityHost: sim.url,
      defenderApiUrl: sim.url,
      graphApiUrl: sim.url,
      trustCa: sim.ca,
      rateLimits: false,
      clock: { now: () => Date.now(), sleep: clock.sleep },
      client: { pageSize: 5_000 },
    });
    tenantId = await insertConnectedTenant(db.dataSource, sim.tenantId);
    runs = new SyncRunRepository(db.dataSource);
  });
  afterAll(async () => {
    await connector?.close();
    await sim?.close();
    await db?.drop();
  });

  it("day 0: a first FULL sync finds the planted installations", async () => {
    const { outcome } = await syncOnce();
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    const truth = plantedOn(sim, 0);
    const found = await stored();
    expect([...found.keys()].sort()).toEqual([...truth.keys()].sort());
  });

  it("a second unchanged FULL sync writes only last-seen stamps and emits no events", async () => {
    const before = await snapshot();
    const { run, outcome } = await syncOnce();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    expect(await eventsOf(run.id)).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(outcome.stats).toMatchObject({
      installationsNew: 0,
      installationsUpdated: 0,
      installationsRemoved: 0,
    });
  });

  it("day 0 → day 1: the events are exactly the simulator's installs, removals and version changes", async () => {
    const day0 = plantedOn(sim, 0);
    sim.control.advanceDay(1);
    const day1 = plantedOn(sim, 1);
    const { run, outcome } = await syncOnce();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    const expected: string[] = [];
    for (const [key, now] of day1) {
      const before = day0.get(key);
      if (!before) expected.push(`INSTALLED ${key}`);
      else if (before.version && now.version && before.version !== now.version)
        expected.push(`VERSION_CHANGED ${key} ${before.version}→${now.version}`);
    }
    for (const key of day0.keys()) if (!day1.has(key)) expected.push(`REMOVED ${key}`);
    const events = (await eventsOf(run.id)).map((e) =>
      e.type === "VERSION_CHANGED"
        ? `${e.type} ${e.key} ${e.from_version}→${e.to_version}`
        : `${e.type} ${e.key}`,
    );
    expect(events.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });
});
