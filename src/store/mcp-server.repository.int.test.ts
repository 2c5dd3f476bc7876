import { WebhookEventType } from "../model/enums";
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

describe("MCP server first sightings in the webhook outbox", () => {
  let db: TestDatabase;
  let store: Store;
  let tenantId: string;
  let seeded: SeededInventory;
  const at = (day: number) => new Date(Date.UTC(2026, 10, 1 + day));
  // A launch as GitHub's README shows it (https://github.com/github/github-mcp-server#installation), with
  // a token typed on the command line, as the sync stores it: redacted (src/detection/mcp/redact.ts).
  const GITHUB: McpServerWrite = {
    key: "mcp-github",
    name: "GitHub",
    publisher: "GitHub",
    transport: McpTransport.STDIO,
    launcher: "DOCKER",
    packageType: "CONTAINER",
    packageName: "ghcr.io/github/github-mcp-server",
    known: true,
    capabilities: ["SOURCE_CONTROL"],
  };
  const REDACTED_ARGUMENTS = "-e GITHUB_PERSONAL_ACCESS_TOKEN=[REDACTED]";

  beforeAll(async () => {
    db = await createTestDatabase();
    await upsertCatalog(db.sql);
    store = new Store(db.sql);
    tenantId = await insertConnectedTenant(db.sql);
    seeded = await seedInventory(db.dataSource, tenantId, "hook", 3);
  });
  afterAll(() => db.drop());

  const sighting = (device: number, day: number): McpSightingWrite => {
    const installation = seeded.installations.find((i) => i.deviceId === seeded.devices[device].id)!;
    return {
      serverKey: GITHUB.key,
      deviceId: seeded.devices[device].id,
      userId: installation.userId,
      agentKey: installation.agentKey,
      hostProcess: "Code.exe",
      evidence: ["PROCESS_EVENTS"],
      version: null,
      pinned: false,
      remoteUrl: null,
      arguments: REDACTED_ARGUMENTS,
      firstSeenAt: at(day),
      lastSeenAt: at(day),
    };
  };
  const write = (sightings: McpSightingWrite[], day: number) =>
    store.transaction((tx) =>
      tx.mcpServers.writeSync(tenantId, [GITHUB], sightings, {
        now: at(day),
        syncRunId: seeded.syncRuns[0].id,
        removeUnseen: true,
      }),
    );
  const webhook = (events: WebhookEventType[]) =>
    store.webhooks.create(tenantId, "https://hooks.example.com/mcp", events, "whsec_" + "A".repeat(32));
  const outboxOf = async (webhookId: string) =>
    (
      await db.dataSource.query(
        `SELECT event_type, payload FROM webhook_delivery WHERE tenant_id = $1 AND webhook_id = $2 ORDER BY created_at, id`,
        [tenantId, webhookId],
      )
    ).map((r: { event_type: string; payload: { type: string; data: Record<string, any> } }) => ({
      eventType: r.event_type,
      ...r.payload,
    }));
  const firstSeenEvents = async () =>
    (
      await db.dataSource.query(
        `SELECT id FROM mcp_server_event WHERE tenant_id = $1 AND type = 'FIRST_SEEN' ORDER BY seq`,
        [tenantId],
      )
    ).map((r: { id: string }) => r.id);

  it("writes one delivery per FIRST_SEEN event to a subscribed webhook, none to others, and none for a server seen again", async () => {
    const subscribed = await webhook([WebhookEventType.MCP_SERVER_FIRST_SEEN]);
    const unsubscribed = await webhook([WebhookEventType.INSTALLATION_CREATED]);
    const disabled = await webhook([WebhookEventType.MCP_SERVER_FIRST_SEEN]);
    await store.webhooks.update(tenantId, disabled.id, { enabled: false });

    expect(await write([sighting(0, 1), sighting(1, 1)], 1)).toMatchObject({ appeared: 2 });
    expect(await write([sighting(0, 2), sighting(1, 2)], 2)).toMatchObject({ appeared: 0 });
    // Device 1 disappears (a DISAPPEARED event is not delivered) and then comes back: first seen again.
    await write([sighting(0, 3)], 3);
    expect(await write([sighting(0, 4), sighting(1, 4)], 4)).toMatchObject({ appeared: 1 });

    const deliveries = await outboxOf(subscribed.id);
    expect(deliveries.map((d: { data: { eventId: string } }) => d.data.eventId).sort()).toEqual(
      (await firstSeenEvents()).sort(),
    );
    expect(deliveries).toHaveLength(3);
    expect(await outboxOf(unsubscribed.id)).toEqual([]);
    expect(await outboxOf(disabled.id)).toEqual([]);

    const device = seeded.devices[0];
    const installation = seeded.installations.find((i) => i.deviceId === device.id)!;
    const user = seeded.users.find((u) => u.id === installation.userId);
    const first = deliveries.find(
      (d: { data: { device: { id: string } } }) => d.data.device.id === device.id,
    );
    expect(first).toMatchObject({
      eventType: "mcp_server.first_seen",
      type: "mcp_server.first_seen",
      data: {
        syncRunId: seeded.syncRuns[0].id,
        server: {
          key: "mcp-github",
          name: "GitHub",
          publisher: "GitHub",
          transport: "STDIO",
          known: true,
          capabilities: ["SOURCE_CONTROL"],
          policy: "UNREVIEWED",
        },
        launch: {
          launcher: "DOCKER",
          packageType: "CONTAINER",
          packageName: "ghcr.io/github/github-mcp-server",
          hostProcess: "Code.exe",
          arguments: REDACTED_ARGUMENTS,
          remoteUrl: null,
          version: null,
          pinned: false,
        },
        device: { id: device.id, name: device.name },
        user: user ? { id: user.id, upn: user.upn } : null,
        agent: { key: installation.agentKey },
      },
    });
    expect(new Date(first.timestamp)).toEqual(at(1));
    expect(new Date(first.data.occurredAt)).toEqual(at(1));
    expect(first.data.device).toHaveProperty("defenderId");
    expect(first.data).toHaveProperty("installation");
  });

  it("writes nothing when the sync's transaction rolls back", async () => {
    const subscribed = await webhook([WebhookEventType.MCP_SERVER_FIRST_SEEN]);
    const rolledBack = store.transaction(async (tx) => {
      await tx.mcpServers.writeSync(tenantId, [GITHUB], [sighting(2, 5)], {
        now: at(5),
        syncRunId: seeded.syncRuns[0].id,
        removeUnseen: false,
      });
      throw new Error("the sync's later write failed");
    });
    await expect(rolledBack).rejects.toThrow("later write failed");
    expect(await outboxOf(subscribed.id)).toEqual([]);
    expect(await write([sighting(2, 6)], 6)).toMatchObject({ appeared: 1 });
    expect(await outboxOf(subscribed.id)).toHaveLength(1);
  });
});
