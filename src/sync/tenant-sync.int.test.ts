import { createLogger } from "../config/logger";
import type { DefenderClient } from "../defender";
import { SyncMode, SyncRunStatus, SyncTrigger } from "../model/enums";
import type { RunningSimulator } from "../simulator";
import { Store } from "../store";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { startSyncWorld, upsertCatalog, waitFor, type SyncWorld } from "../../test/support/sync";
import { startSyncWorker } from "./index";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const DEVICES = 400;
const SEED = 7;
/**
 * How closely what a sync stores must agree with what the simulator planted. Detection quality is the
 * ground-truth test's to hold (0.99 per source on 2,000 devices, src/detection/ground-truth.test.ts);
 * here, on a fifth of that fleet, the sync must not lose what detection finds.
 */
const AGREEMENT = 0.98;

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

/** Precision and recall of what is stored against what was planted. */
function agreement(stored: Set<string>, planted: Set<string>): { precision: number; recall: number } {
  const both = [...stored].filter((k) => planted.has(k)).length;
  return { precision: both / stored.size, recall: both / planted.size };
}

/** What changed between two inventories, as the change feed names it. */
function changes(before: Map<string, string | null>, after: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const [key, version] of after) {
    if (!before.has(key)) out.push(`INSTALLED ${key}`);
    else if (before.get(key) && version && before.get(key) !== version)
      out.push(`VERSION_CHANGED ${key} ${before.get(key)}→${version}`);
  }
  for (const key of before.keys()) if (!after.has(key)) out.push(`REMOVED ${key}`);
  return out.sort();
}

/** The non-CPE software export (where most agents are) breaks after its first page. */
function failingSoftwareExport(client: DefenderClient): DefenderClient {
  const pages = client.nonCpeSoftwareInventoryExport.bind(client);
  client.nonCpeSoftwareInventoryExport = async function* () {
    let n = 0;
    for await (const page of pages()) {
      if (n++ === 1) throw new Error("connection reset by peer");
      yield page;
    }
  };
  return client;
}

describe("tenant sync against the simulator", () => {
  let db: TestDatabase;
  /** Each test's own fleet and tenant (a fresh simulator on day 0, nothing synced yet). */
  let world: SyncWorld;

  beforeAll(async () => {
    db = await createTestDatabase();
    await upsertCatalog(db.sql);
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    world = await startSyncWorld(db.sql, {
      devices: DEVICES,
      seed: SEED,
      // Slices of a few devices: reconciliation runs slice by slice, as at scale.
      settings: { staleDeviceDays: 30, softwareExportMinDevices: 300, reconcileDevicesPerSlice: 37 },
    });
  });

  afterEach(async () => {
    await world?.close();
  });

  /** (Defender device id, agent, channel) → version of ACTIVE installations. */
  const stored = async (tenant = world.tenantId) => {
    const rows: { key: string; version: string | null }[] = await db.dataSource.query(
      `SELECT DISTINCT d.defender_id || '|' || a.key || '|' || i.channel AS key, i.version
       FROM installation i JOIN device d ON d.tenant_id = i.tenant_id AND d.id = i.device_id
       JOIN agent a ON a.id = i.agent_id
       WHERE i.tenant_id = $1 AND i.status = 'ACTIVE'`,
      [tenant],
    );
    return new Map(rows.map((r) => [r.key, r.version]));
  };

  /** Every ACTIVE installation (device, agent, channel) with its version and host IDEs. */
  const inventory = async (tenant: string) =>
    (
      await db.dataSource.query(
        `SELECT DISTINCT d.defender_id || '|' || a.key || '|' || i.channel || '|' || coalesce(i.version, '') ||
                '|' || array_to_string(i.host_ides, ',') AS row
         FROM installation i JOIN device d ON d.tenant_id = i.tenant_id AND d.id = i.device_id
         JOIN agent a ON a.id = i.agent_id
         WHERE i.tenant_id = $1 AND i.status = 'ACTIVE'`,
        [tenant],
      )
    )
      .map((r: { row: string }) => r.row)
      .sort();

  const snapshot = (tenant = world.tenantId) =>
    db.dataSource.query(
      `SELECT id, status, version, host_ides, user_id, removed_at, first_seen_at, evidence
       FROM installation WHERE tenant_id = $1 ORDER BY id`,
      [tenant],
    );

  const eventsOf = async (runId: string, tenant = world.tenantId) =>
    (await db.dataSource.query(
      `SELECT e.type, d.defender_id || '|' || a.key || '|' || i.channel AS key, e.from_version, e.to_version
       FROM installation_event e JOIN installation i ON i.tenant_id = e.tenant_id AND i.id = e.installation_id
       JOIN device d ON d.tenant_id = i.tenant_id AND d.id = i.device_id JOIN agent a ON a.id = i.agent_id
       WHERE e.tenant_id = $1 AND e.sync_run_id = $2`,
      [tenant, runId],
    )) as { type: string; key: string; from_version: string | null; to_version: string | null }[];

  /** The evidence sources of each installation this run removed. */
  const removedBy = async (runId: string) =>
    (
      (await db.dataSource.query(
        `SELECT i.evidence FROM installation_event e
         JOIN installation i ON i.tenant_id = e.tenant_id AND i.id = e.installation_id
         WHERE e.tenant_id = $1 AND e.sync_run_id = $2 AND e.type = 'REMOVED'`,
        [world.tenantId, runId],
      )) as { evidence: { source: string }[] }[]
    ).map((r) => r.evidence.map((e) => e.source).sort());

  const inventoryVersion = async () =>
    (
      await db.dataSource.query(`SELECT inventory_version AS v FROM tenant WHERE id = $1`, [world.tenantId])
    )[0].v;

  it("a first FULL sync stores the planted installations, and moves the inventory's version", async () => {
    const version = await inventoryVersion();
    const { outcome } = await world.sync();
    expect(await inventoryVersion()).toBe(version + 1);
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    const truth = plantedOn(world.sim, 0);
    const found = await stored();
    expect(truth.size).toBeGreaterThan(100);
    const { precision, recall } = agreement(new Set(found.keys()), new Set(truth.keys()));
    expect(precision).toBeGreaterThanOrEqual(AGREEMENT);
    expect(recall).toBeGreaterThanOrEqual(AGREEMENT);
  });

  it("stamps the integration's lastSyncAt with the run's finish, not its start", async () => {
    const { run, outcome } = await world.sync();
    const [row] = await db.dataSource.query(
      `SELECT i.last_sync_at, r.started_at, r.finished_at FROM defender_integration i
       JOIN sync_run r ON r.tenant_id = i.tenant_id AND r.id = $2 WHERE i.tenant_id = $1`,
      [world.tenantId, run.id],
    );
    expect(row.last_sync_at).toEqual(outcome.finishedAt);
    expect(row.finished_at).toEqual(row.last_sync_at);
    expect(row.last_sync_at.getTime()).toBeGreaterThan(row.started_at.getTime());
  });

  it("leaves planner statistics for a tenant's first write, as part of the sync", async () => {
    // Another tenant's first sync writes into tables that already hold this one's rows.
    await world.sync();
    const tenant = await world.addTenant();
    const analyzedAt = () =>
      db.dataSource.query(
        `SELECT relname, last_analyze FROM pg_stat_user_tables
         WHERE relname IN ('device', 'installation') ORDER BY relname`,
      );
    const before = await analyzedAt();
    await world.sync({ tenantId: tenant });
    const after = await analyzedAt();
    for (const [i, table] of after.entries()) {
      expect(table.last_analyze).not.toBeNull();
      expect(table.last_analyze).not.toEqual(before[i].last_analyze);
    }
  });

  it("a second unchanged FULL sync writes only last-seen stamps and emits no events", async () => {
    await world.sync();
    const before = await snapshot();
    const { run, outcome } = await world.sync();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    expect(await eventsOf(run.id)).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(outcome.stats).toMatchObject({
      installationsNew: 0,
      installationsUpdated: 0,
      installationsRemoved: 0,
    });
  });

  it("day 0 → day 1: the events are exactly the changes stored, and they are the simulator's churn", async () => {
    await world.sync();
    const before = await stored();
    world.sim.control.advanceDay(1);
    const { run, outcome } = await world.sync();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    const events = (await eventsOf(run.id)).map((e) =>
      e.type === "VERSION_CHANGED"
        ? `${e.type} ${e.key} ${e.from_version}→${e.to_version}`
        : `${e.type} ${e.key}`,
    );
    // The change feed says exactly what changed in what is stored…
    expect(events.sort()).toEqual(changes(before, await stored()));
    // …and what changed is the churn the simulator made that day.
    const churn = changes(
      new Map([...plantedOn(world.sim, 0)].map(([key, p]) => [key, p.version])),
      new Map([...plantedOn(world.sim, 1)].map(([key, p]) => [key, p.version])),
    );
    expect(churn.length).toBeGreaterThan(0);
    const { precision, recall } = agreement(new Set(events), new Set(churn));
    expect(precision).toBeGreaterThanOrEqual(AGREEMENT);
    expect(recall).toBeGreaterThanOrEqual(AGREEMENT);
  });

  it("a source failing mid-read keeps what it evidences, and still removes what only complete sources evidenced", async () => {
    await world.sync();
    // Two installations an earlier sync stored on a reporting device that has neither: one evidenced
    // only by process events (read completely below), one only by the software inventory (not).
    const [device] = await db.dataSource.query(
      `SELECT id, defender_id FROM device WHERE tenant_id = $1 AND stale_since IS NULL
       ORDER BY last_seen_at DESC NULLS LAST, id LIMIT 1`,
      [world.tenantId],
    );
    const planted = plantedOn(world.sim, 0);
    const absent = ["aider", "crush", "goose", "opencode", "kimi-code", "factory-droid"].filter(
      (agent) => ![...planted.keys()].some((key) => key.startsWith(`${device.defender_id}|${agent}|`)),
    );
    const install = async (agentKey: string, source: string) => {
      const evidence = [
        {
          source,
          identifiers: { fileName: agentKey },
          confidence: 0.9,
          catalogVersion: "1",
          firstSeenAt: "2026-10-01T00:00:00.000Z",
          lastSeenAt: "2026-10-02T00:00:00.000Z",
        },
      ];
      const [row] = await db.dataSource.query(
        `INSERT INTO installation (tenant_id, device_id, agent_id, channel, host_ides, status,
                first_seen_at, last_seen_at, evidence)
         SELECT $1, $2, a.id, 'CLI', '{}', 'ACTIVE', now() - interval '60 days', now() - interval '59 days', $3
         FROM agent a WHERE a.key = $4 RETURNING id`,
        [world.tenantId, device.id, JSON.stringify(evidence), agentKey],
      );
      return row.id as string;
    };
    const eventsOnly = await install(absent[0], "PROCESS_EVENTS");
    const softwareOnly = await install(absent[1], "SOFTWARE_INVENTORY");

    const { run, outcome } = await world.sync({ wrap: failingSoftwareExport });
    expect(outcome.status).toBe(SyncRunStatus.PARTIAL);
    expect(outcome.sources.find((s) => s.source === "nonCpeSoftwareExport")).toMatchObject({
      complete: false,
      error: "connection reset by peer",
    });
    const status = async (id: string) =>
      (await db.dataSource.query(`SELECT status FROM installation WHERE id = $1`, [id]))[0].status;
    expect(await status(eventsOnly)).toBe("REMOVED");
    expect(await status(softwareOnly)).toBe("ACTIVE");
    expect(await removedBy(run.id)).toEqual([["PROCESS_EVENTS"]]);
  });

  it("a dropped permission makes its sources incomplete, names the permission, and removes nothing they evidence", async () => {
    await world.sync();
    world.sim.control.advanceDay(1);
    world.sim.control.dropPermissions(["Software.Read.All"]);
    const fresh = world.connect();
    try {
      const { run, outcome } = await world.sync({ connector: fresh });
      expect(outcome.status).toBe(SyncRunStatus.PARTIAL);
      expect(outcome.error).toMatch(/Software\.Read\.All/);
      const [integration] = await db.dataSource.query(
        `SELECT last_error FROM defender_integration WHERE tenant_id = $1`,
        [world.tenantId],
      );
      expect(integration.last_error).toMatch(/Software\.Read\.All/);
      const inventories = ["SOFTWARE_INVENTORY", "BROWSER_EXTENSIONS"];
      const removed = await removedBy(run.id);
      expect(removed.filter((sources) => sources.some((s) => inventories.includes(s)))).toEqual([]);
    } finally {
      world.sim.control.restorePermissions();
      await fresh.close();
    }
  });

  it("after a failed read and a dropped permission, a clean FULL sync converges on what a sync that never failed stores", async () => {
    // A second tenant on the same fleet, synced once on each day the first reaches, with no failures.
    const control = await world.addTenant();
    await world.sync();
    await world.sync({ tenantId: control });
    world.sim.control.advanceDay(1);
    await world.sync({ wrap: failingSoftwareExport });
    world.sim.control.dropPermissions(["Software.Read.All"]);
    const fresh = world.connect();
    try {
      await world.sync({ connector: fresh });
    } finally {
      world.sim.control.restorePermissions();
      await fresh.close();
    }
    const { outcome } = await world.sync();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    await world.sync({ tenantId: control });
    expect(await inventory(world.tenantId)).toEqual(await inventory(control));
  }, 360_000);

  it("throttling and 5xx injection give the same result as a clean run", async () => {
    await world.sync();
    const before = await snapshot();
    world.sim.control.setFaults({ throttleEvery: 3, failEvery: 4 });
    const { run, outcome } = await world.sync();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    expect(outcome.stats!.throttledCalls).toBeGreaterThan(0);
    expect(await eventsOf(run.id)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("an INCREMENTAL sync adds and refreshes but never removes", async () => {
    await world.sync();
    world.sim.control.advanceDay(3);
    const { run, outcome } = await world.sync({ mode: SyncMode.INCREMENTAL });
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    expect(outcome.sources.map((s) => s.source)).not.toContain("softwareExport");
    expect((await eventsOf(run.id)).filter((e) => e.type === "REMOVED")).toEqual([]);
  });

  it("after a worker dies mid-sync, the next start marks its run FAILED and the next sync is correct", async () => {
    const { tenantId } = world;
    await world.bind(tenantId);
    const runs = new Store(db.sql).syncRuns;
    const [dead] = await db.dataSource.query(
      `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at, started_at, heartbeat_at, worker_id)
       VALUES ($1, 'SCHEDULE', 'FULL', 'RUNNING', now() - interval '2 hours', now() - interval '2 hours',
               now() - interval '90 minutes', 'killed-worker') RETURNING id`,
      [tenantId],
    );
    const worker = await startSyncWorker({
      store: new Store(db.sql),
      databaseUrl: db.url,
      logger,
      clientFor: (t) => world.connector.client(t.entraTenantId),
      settings: { intervalMinutes: 60, staleDeviceDays: 30, softwareExportMinDevices: 300 },
      pollingIntervalSeconds: 0.5,
    });
    try {
      expect((await runs.find(tenantId, dead.id))?.status).toBe(SyncRunStatus.FAILED);
      const { run } = await worker.control.trigger(tenantId, {
        mode: SyncMode.FULL,
        trigger: SyncTrigger.MANUAL,
      });
      await waitFor(
        async () => (await runs.find(tenantId, run.id))?.status === SyncRunStatus.SUCCEEDED,
        60_000,
      );
    } finally {
      await worker.stop();
    }
    // The sync after the killed one stores what a tenant that never lost a worker stores.
    const control = await world.addTenant();
    await world.sync({ tenantId: control });
    expect(await inventory(tenantId)).toEqual(await inventory(control));
  });

  describe("duplicate machine records", () => {
    const formerRecords = () =>
      [...world.sim.fleet.machineRecords(world.sim.control.day())].filter((r) => r.former);
    const deviceRow = async (defenderId: string) =>
      (
        await db.dataSource.query(
          `SELECT id, potential_duplicate FROM device WHERE tenant_id = $1 AND defender_id = $2`,
          [world.tenantId, defenderId],
        )
      )[0] as { id: string; potential_duplicate: boolean } | undefined;
    it("flags an older record of a re-onboarded device and keeps no row for one Defender merged", async () => {
      const { outcome } = await world.sync();
      expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
      const records = formerRecords();
      expect(records.some((r) => r.former!.merged)).toBe(true);
      expect(records.some((r) => !r.former!.merged)).toBe(true);
      for (const { device, former } of records) {
        expect(await deviceRow(device.id)).toMatchObject({ potential_duplicate: false });
        if (former!.merged) expect(await deviceRow(former!.id)).toBeUndefined();
        else expect(await deviceRow(former!.id)).toMatchObject({ potential_duplicate: true });
      }
    });

    it("leaves potential duplicates out of the coverage counts", async () => {
      await world.sync();
      const tenantId = world.tenantId;
      const [counts] = await db.dataSource.query(
        `SELECT count(*) FILTER (WHERE NOT potential_duplicate)::int AS devices,
                count(*) FILTER (WHERE potential_duplicate)::int AS duplicates
         FROM device WHERE tenant_id = $1`,
        [tenantId],
      );
      expect(counts.duplicates).toBe(formerRecords().filter((r) => !r.former!.merged).length);
      const store = new Store(db.sql);
      const facts = await store.diagnostics.facts(tenantId);
      expect(facts).toMatchObject({ devices: counts.devices, potentialDuplicates: counts.duplicates });
      const coverage = await store.summary.coverage(tenantId, null);
      expect(coverage.devices).toBe(counts.devices);
    });

    it("moves the installations and people stored under a merged record to the device it became", async () => {
      await world.sync();
      const tenantId = world.tenantId;
      const { device, former } = formerRecords().find((r) => r.former!.merged)!;
      const survivor = (await deviceRow(device.id))!;
      const [user] = await db.dataSource.query(
        `INSERT INTO user_account (tenant_id, identity_key, account_name, last_seen_at)
         VALUES ($1, 'acct:test\\merged', 'merged', now()) RETURNING id`,
        [tenantId],
      );
      // What an earlier sync stored while the older record was the device's only one.
      const [old] = await db.dataSource.query(
        `INSERT INTO device (tenant_id, defender_id, name, last_seen_at)
         VALUES ($1, $2, $3, now() - interval '40 days') RETURNING id`,
        [tenantId, former!.id, device.computerDnsName],
      );
      const install = async (deviceId: string, agentKey: string, firstSeenDaysAgo: number) => {
        const [row] = await db.dataSource.query(
          `INSERT INTO installation (tenant_id, device_id, agent_id, user_id, channel, host_ides, status,
                  first_seen_at, last_seen_at, evidence)
           SELECT $1, $2, a.id, $3, 'CLI', '{}', 'ACTIVE', now() - make_interval(days => $4), now(), '[]'
           FROM agent a WHERE a.key = $5 RETURNING id`,
          [tenantId, deviceId, user.id, firstSeenDaysAgo, agentKey],
        );
        await db.dataSource.query(
          `INSERT INTO installation_event (tenant_id, installation_id, type, occurred_at)
           VALUES ($1, $2, 'INSTALLED', now() - make_interval(days => $3))`,
          [tenantId, row.id, firstSeenDaysAgo],
        );
        return row.id as string;
      };
      const onlyOld = await install(old.id, "aider", 90);
      const sharedOld = await install(old.id, "crush", 120);
      const sharedSurvivor = await install(survivor.id, "crush", 10);
      await db.dataSource.query(
        `INSERT INTO device_user (tenant_id, device_id, user_id, first_seen_at, last_seen_at)
         VALUES ($1, $2, $3, now() - interval '90 days', now() - interval '40 days')`,
        [tenantId, old.id, user.id],
      );

      const { outcome } = await world.sync();
      expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
      expect(await deviceRow(former!.id)).toBeUndefined();
      const rows = await db.dataSource.query(
        `SELECT i.id, i.device_id AS "deviceId", i.first_seen_at < now() - interval '100 days' AS "keptOldest",
                (SELECT count(*)::int FROM installation_event e
                  WHERE e.tenant_id = i.tenant_id AND e.installation_id = i.id AND e.type = 'INSTALLED') AS installed
         FROM installation i WHERE i.tenant_id = $1 AND i.id = ANY($2::uuid[]) ORDER BY i.first_seen_at`,
        [tenantId, [onlyOld, sharedOld, sharedSurvivor]],
      );
      // The shared installation keeps the survivor's row, the older first-seen time and both histories.
      expect(rows).toEqual([
        { id: sharedSurvivor, deviceId: survivor.id, keptOldest: true, installed: 2 },
        { id: onlyOld, deviceId: survivor.id, keptOldest: false, installed: 1 },
      ]);
      const links = await db.dataSource.query(
        `SELECT device_id AS "deviceId" FROM device_user WHERE tenant_id = $1 AND user_id = $2`,
        [tenantId, user.id],
      );
      expect(links).toEqual([{ deviceId: survivor.id }]);
    });
  });
});
