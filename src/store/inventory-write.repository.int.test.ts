import { randomUUID } from "node:crypto";
import { EvidenceSource, InstallationChannel, InstallationStatus } from "../model/enums";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { insertConnectedTenant, upsertCatalog } from "../../test/support/sync";
import { InventoryWriter, type InstallationState } from "./inventory-write.repository";

describe("a sync's inventory writes", () => {
  let db: TestDatabase;
  let tenantId: string;
  let repo: InventoryWriter;
  let deviceId: string;
  let userId: string;
  let agentIds: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await upsertCatalog(db.sql);
    tenantId = await insertConnectedTenant(db.sql);
    repo = new InventoryWriter(db.sql, tenantId);
    [{ id: deviceId }] = await db.dataSource.query(
      `INSERT INTO device (tenant_id, defender_id, name) VALUES ($1, 'm-1', 'dev-1') RETURNING id`,
      [tenantId],
    );
    [{ id: userId }] = await db.dataSource.query(
      `INSERT INTO user_account (tenant_id, identity_key, upn) VALUES ($1, 'u-1', 'u1@x.example') RETURNING id`,
      [tenantId],
    );
    agentIds = [...(await repo.agentIds()).values()].slice(0, 2);
  });
  afterAll(() => db?.drop());

  const installation = (overrides: Partial<InstallationState>): InstallationState => ({
    id: randomUUID(),
    deviceId,
    agentId: agentIds[0],
    userId: null,
    channel: InstallationChannel.IDE_EXTENSION,
    hostIdes: [],
    version: null,
    status: InstallationStatus.ACTIVE,
    firstSeenAt: new Date("2026-11-01T10:00:00.123Z"),
    lastSeenAt: new Date("2026-11-20T10:00:00.456Z"),
    removedAt: null,
    evidence: [],
    ...overrides,
  });

  it("stores every column as given, awkward text included, and updates the mutable ones", async () => {
    const written = [
      installation({
        userId,
        hostIdes: ["vscode", 'odd "quoted", {braced} \\ ide', ""],
        version: '1.2.3-beta+"build"',
        evidence: [
          {
            source: EvidenceSource.SOFTWARE_INVENTORY,
            identifiers: { softwareVendor: 'Vendor "Q"', softwareName: "naïve ✓" },
            confidence: 0.95,
            catalogVersion: "2026.11.1",
            firstSeenAt: "2026-11-01T10:00:00.000Z",
            lastSeenAt: "2026-11-20T10:00:00.000Z",
          },
        ],
      }),
      installation({
        agentId: agentIds[1],
        channel: InstallationChannel.CLI,
        status: InstallationStatus.REMOVED,
        removedAt: new Date("2026-11-21T00:00:00.000Z"),
        version: "x".repeat(150),
      }),
    ];
    await repo.insertInstallations(written);
    const byId = async () => new Map((await repo.installations()).map((i) => [i.id, i]));
    const stored = await byId();
    expect(stored.get(written[0].id)).toEqual(written[0]);
    expect(stored.get(written[1].id)).toEqual({ ...written[1], version: "x".repeat(100) });

    const changed = {
      ...written[0],
      hostIdes: ["cursor"],
      version: "2.0.0",
      status: InstallationStatus.REMOVED,
      lastSeenAt: new Date("2026-11-22T00:00:00.000Z"),
      removedAt: new Date("2026-11-23T00:00:00.000Z"),
      evidence: [],
    };
    await repo.updateInstallations([changed]);
    expect((await byId()).get(written[0].id)).toEqual(changed);
  });

  it("leaves an installation already stored under the same natural key as it is", async () => {
    const first = installation({
      agentId: agentIds[1],
      channel: InstallationChannel.DESKTOP_APP,
      version: "1",
    });
    await repo.insertInstallations([first]);
    await repo.insertInstallations([{ ...first, id: randomUUID(), version: "2" }]);
    const same = (await repo.installations()).filter(
      (i) => i.agentId === first.agentId && i.channel === InstallationChannel.DESKTOP_APP,
    );
    expect(same).toEqual([first]);
  });
});

describe("a sync's device writes, in its transaction", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  const now = new Date("2026-11-27T12:00:00.000Z");
  const devices = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `m-${i}`,
      computerDnsName: `dev-${i}`,
      osPlatform: "Windows11",
      osVersion: null,
      healthStatus: "Active",
      onboardingStatus: "Onboarded",
      rbacGroupId: null,
      rbacGroupName: null,
      machineTags: [],
      aadDeviceId: null,
      firstSeen: null,
      lastSeen: now.getTime(),
      potentialDuplicate: false,
      mergedInto: null,
    }));

  it("marks exactly the tenant's unlisted devices missing and stale, however many were just written", async () => {
    const [tenantId, otherTenantId] = [
      await insertConnectedTenant(db.sql),
      await insertConnectedTenant(db.sql),
    ];
    // Written and marked in one transaction, as a sync does: the table's statistics predate the rows.
    await db.sql.transaction(async (tx) => {
      const repo = new InventoryWriter(tx, tenantId);
      await repo.upsertDevices(devices(20_000), now, 30, new Set());
      await new InventoryWriter(tx, otherTenantId).upsertDevices(devices(3), now, 30, new Set());
      await repo.markMissingDevices(
        devices(20_000)
          .map((d) => d.id)
          .filter((id) => id !== "m-7" && id !== "m-19999"),
        now,
      );
    });
    const missing = await db.dataSource.query(
      `SELECT tenant_id AS "tenantId", defender_id AS "defenderId", missing_since AS "missingSince",
              stale_since AS "staleSince"
       FROM device WHERE missing_since IS NOT NULL ORDER BY defender_id`,
    );
    expect(missing).toEqual([
      { tenantId, defenderId: "m-19999", missingSince: now, staleSince: now },
      { tenantId, defenderId: "m-7", missingSince: now, staleSince: now },
    ]);
  });

  it("folds merged devices into the ones they became, however many were just written", async () => {
    const [tenantId, otherTenantId] = [
      await insertConnectedTenant(db.sql),
      await insertConnectedTenant(db.sql),
    ];
    // Stored by an earlier sync in another tenant too: its rows must stay where they are.
    await new InventoryWriter(db.sql, otherTenantId).upsertDevices(devices(3), now, 30, new Set());
    await db.sql.transaction(async (tx) => {
      const repo = new InventoryWriter(tx, tenantId);
      await repo.upsertDevices(devices(20_000), now, 30, new Set());
      const merges = Array.from({ length: 200 }, (_, i) => ({ merged: `m-${19_000 + i}`, into: `m-${i}` }));
      await repo.mergeDevices([
        ...merges,
        { merged: "m-unknown", into: "m-1" },
        { merged: "m-5", into: "m-gone" },
      ]);
    });
    const [counts] = await db.dataSource.query(
      `SELECT count(*) FILTER (WHERE tenant_id = $1)::int AS tenant, count(*) FILTER (WHERE tenant_id = $2)::int AS other
       FROM device`,
      [tenantId, otherTenantId],
    );
    expect(counts).toEqual({ tenant: 19_800, other: 3 });
  });
});
