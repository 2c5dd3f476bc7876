import { McpTransport } from "../model/mcp-server.entity";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { seedInventory, type SeededInventory } from "../../test/support/inventory";
import { insertConnectedTenant, upsertCatalog } from "../../test/support/sync";
import { McpServerOrderField, OrderDirection, Store } from ".";
import type { McpServerWrite, McpSightingWrite } from "./mcp-server.repository";

const FILESYSTEM: McpServerWrite = {
  key: "mcp-filesystem",
  name: "Filesystem",
  publisher: "Model Context Protocol",
  transport: McpTransport.STDIO,
  launcher: "NPX",
  packageType: "NPM",
  packageName: "@modelcontextprotocol/server-filesystem",
  known: true,
  capabilities: ["FILESYSTEM"],
};

describe("MCP server sightings and their change feed", () => {
  let db: TestDatabase;
  let store: Store;
  let tenantId: string;
  let seeded: SeededInventory;
  const at = (day: number) => new Date(Date.UTC(2026, 10, 1 + day));

  beforeAll(async () => {
    db = await createTestDatabase();
    await upsertCatalog(db.sql);
    store = new Store(db.sql);
    tenantId = await insertConnectedTenant(db.sql);
    seeded = await seedInventory(db.dataSource, tenantId, "mcp", 4);
  });
  afterAll(() => db.drop());

  const sighting = (device: number, day: number): McpSightingWrite => {
    const installation = seeded.installations.find((i) => i.deviceId === seeded.devices[device].id)!;
    return {
      serverKey: "mcp-filesystem",
      deviceId: seeded.devices[device].id,
      userId: installation.userId,
      agentKey: installation.agentKey,
      hostProcess: "claude",
      evidence: ["PROCESS_EVENTS"],
      version: null,
      pinned: false,
      remoteUrl: null,
      arguments: "/projects",
      firstSeenAt: at(day),
      lastSeenAt: at(day),
    };
  };
  const events = async () =>
    (
      await db.dataSource.query(
        `SELECT e.type, d.name FROM mcp_server_event e JOIN device d ON d.tenant_id = e.tenant_id AND d.id = e.device_id
         WHERE e.tenant_id = $1 ORDER BY e.seq`,
        [tenantId],
      )
    ).map((r: { type: string; name: string }) => `${r.type} ${r.name}`);
  const write = (sightings: McpSightingWrite[], day: number, removeUnseen: boolean) =>
    store.transaction((tx) =>
      tx.mcpServers.writeSync(tenantId, [FILESYSTEM], sightings, {
        now: at(day),
        syncRunId: seeded.syncRuns[0].id,
        removeUnseen,
      }),
    );

  it("records a server's first sighting per device once, links it to the agent's installation, and removes only after a complete read", async () => {
    const [d0, d1] = seeded.devices.map((d) => d.name);
    expect(await write([sighting(0, 1), sighting(1, 1)], 1, true)).toEqual({ appeared: 2, disappeared: 0 });
    expect(await write([sighting(0, 2), sighting(1, 2)], 2, true)).toEqual({ appeared: 0, disappeared: 0 });
    const [stored] = await db.dataSource.query(
      `SELECT installation_id FROM mcp_server_sighting WHERE tenant_id = $1 AND device_id = $2`,
      [tenantId, seeded.devices[0].id],
    );
    expect(stored.installation_id).toBe(
      seeded.installations.find((i) => i.deviceId === seeded.devices[0].id && i.status !== "REMOVED")?.id ??
        null,
    );
    // A partial read proves nothing about what it did not see.
    expect(await write([sighting(0, 3)], 3, false)).toEqual({ appeared: 0, disappeared: 0 });
    expect(await write([sighting(0, 4)], 4, true)).toEqual({ appeared: 0, disappeared: 1 });
    // Seen again after it disappeared: it appears again.
    expect(await write([sighting(0, 5), sighting(1, 5)], 5, true)).toEqual({ appeared: 1, disappeared: 0 });
    expect(await events()).toEqual([
      `FIRST_SEEN ${d0}`,
      `FIRST_SEEN ${d1}`,
      `DISAPPEARED ${d1}`,
      `FIRST_SEEN ${d1}`,
    ]);
    const page = await store.mcpServers.list(
      tenantId,
      {},
      { field: McpServerOrderField.NAME, direction: OrderDirection.ASC },
      {
        direction: "forward",
        limit: 10,
        cursor: null,
      },
    );
    expect(page.rows.map((r) => [r.key, r.deviceCount])).toEqual([["mcp-filesystem", 2]]);
  });
});
