/**
 * Webhooks end to end, against the simulator's day-1 churn: a receiver gets exactly the installation
 * events the change feed shows, each verified by the Standard Webhooks library; a receiver that was down
 * gets them all once it is back (retries driven by an injected clock); a sync whose write rolls back
 * sends nothing; private addresses are refused when saved and when connecting; a day of failures
 * disables the webhook and the tenant's diagnostics say so; MCP servers first seen are delivered;
 * integration status changes are told once.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { createLogger } from "../../src/config/logger";
import { createDefenderConnector, type DefenderConnector } from "../../src/defender";
import type { Caller } from "../../src/model/caller";
import {
  IntegrationStatus,
  Role,
  SyncMode,
  SyncRunStatus,
  SyncTrigger,
  WebhookEventType,
} from "../../src/model/enums";
import { FieldError } from "../../src/model/errors";
import { INSTALLATION_WEBHOOK_EVENTS, WEBHOOK_EVENT_NAMES } from "../../src/model/webhook-events";
import { TenantService } from "../../src/services/tenants";
import { webhooksCheck, WebhookService } from "../../src/services/webhooks";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { Store, type Sql } from "../../src/store";
import { createTenantSync } from "../../src/sync/tenant-sync";
import { DISABLE_AFTER_MS, RETRY_DELAYS_MS, WebhookDeliverer, WebhookSender } from "../../src/webhooks";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { FakeClock } from "../support/fake-clock";
import { insertConnectedTenant, upsertCatalog } from "../support/sync";

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const DEVICES = 300;
const INSTALLATION_EVENTS = [
  WebhookEventType.INSTALLATION_CREATED,
  WebhookEventType.INSTALLATION_REMOVED,
  WebhookEventType.INSTALLATION_VERSION_CHANGED,
];
/** The receiver here listens on 127.0.0.1 over http, which the operator allows for these tests. */
const LOCAL_POLICY = { allowHttp: true, allowPrivateAddresses: true };
const PLATFORM: Caller = { keyId: randomUUID(), role: Role.PLATFORM_ADMIN, tenantId: null };

interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A webhook receiver: records every request; answers 503 while `down`. */
class Receiver {
  readonly requests: Received[] = [];
  down = false;
  private server!: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.requests.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
        res.writeHead(this.down ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** Bodies the receiver accepted, verified with the library's verifier, once per webhook-id. */
  accepted(secret: string): Array<{ type: string; data: Record<string, any> }> {
    const verifier = new Webhook(secret);
    const byId = new Map<string, { type: string; data: Record<string, any> }>();
    for (const { body, headers } of this.requests) {
      const verified = verifier.verify(body, headers as Record<string, string>) as any;
      byId.set(String(headers["webhook-id"]), verified);
    }
    return [...byId.values()];
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Runs `work` with every transaction's statements failing once `failWhen` matches one: a rolled-back write. */
function failingSql(sql: Sql, failWhen: (text: string) => boolean): Sql {
  const wrap = (inner: Sql): Sql => ({
    rows: (text, values) =>
      failWhen(text) ? Promise.reject(new Error("disk full")) : inner.rows(text, values),
    execute: (text, values) =>
      failWhen(text) ? Promise.reject(new Error("disk full")) : inner.execute(text, values),
    transaction: (work) => inner.transaction((tx) => work(wrap(tx))),
  });
  return wrap(sql);
}

describe("webhooks against the simulator's churn", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let connector: DefenderConnector;
  let store: Store;
  let tenantId: string;
  let receiver: Receiver;
  let clock: FakeClock;
  let sender: WebhookSender;
  let deliverer: WebhookDeliverer;
  let webhooks: WebhookService;

  const syncOnce = async (sql: Sql = db.sql) => {
    const runs = store.syncRuns;
    const queued = (await runs.createQueued(tenantId, SyncMode.FULL, SyncTrigger.MANUAL))!;
    const run = (await runs.claimQueued(tenantId, queued.id, "test"))!;
    const execute = createTenantSync({
      store: new Store(sql),
      clientFor: (t) => connector.client(t.entraTenantId),
      settings: { staleDeviceDays: 30, softwareExportMinDevices: 300 },
      logger,
    });
    const outcome = await execute(run, {
      signal: new AbortController().signal,
      progress: () => undefined,
    }).catch((error: Error) => ({
      status: SyncRunStatus.FAILED,
      sources: [],
      stats: null,
      error: error.message,
    }));
    await runs.finish(tenantId, run.id, outcome);
    return { run, outcome };
  };

  /** The change feed's events of a run, as the payload names them: (event id, wire type). */
  const feedOf = async (runId: string) => {
    const page = await store.events.feed(tenantId, null, {
      direction: "forward",
      limit: 100_000,
      cursor: null,
    });
    return page.rows
      .filter((e) => e.syncRunId === runId)
      .map((e) => `${e.id} ${WEBHOOK_EVENT_NAMES[INSTALLATION_WEBHOOK_EVENTS[e.type]]}`)
      .sort();
  };
  const deliveredOf = (secret: string, runId: string) =>
    receiver
      .accepted(secret)
      .filter((d) => d.data.syncRunId === runId)
      .map((d) => `${d.data.eventId} ${d.type}`)
      .sort();

  const createWebhook = async (events = INSTALLATION_EVENTS) =>
    webhooks.create(PLATFORM, { tenantId, url: receiver.url, events });

  beforeAll(async () => {
    db = await createTestDatabase();
    await upsertCatalog(db.sql);
    sim = await startSimulator({ devices: DEVICES, seed: 11, rateLimits: false });
    connector = createDefenderConnector({
      clientId: sim.clientId,
      credential: { clientSecret: sim.clientSecret },
      authorityHost: sim.url,
      defenderApiUrl: sim.url,
      graphApiUrl: sim.url,
      trustCa: sim.ca,
      rateLimits: false,
      // Retry-After and backoff waits pass in virtual time: no test sleeps for throttling.
      clock: new FakeClock(),
      client: { pageSize: 5_000 },
    });
    tenantId = await insertConnectedTenant(db.sql, sim.tenantId);
    store = new Store(db.sql);
    receiver = new Receiver();
    await receiver.start();
    clock = new FakeClock(Date.now());
    sender = new WebhookSender({ policy: LOCAL_POLICY });
    deliverer = new WebhookDeliverer({ store, sender, logger, now: () => new Date(clock.now()) });
    webhooks = new WebhookService({
      store,
      tenants: new TenantService(store),
      policy: LOCAL_POLICY,
      deliverer,
    });
    // Day 0: the first inventory, before any webhook exists.
    expect((await syncOnce()).outcome.status).toBe(SyncRunStatus.SUCCEEDED);
  }, 120_000);

  afterAll(async () => {
    await sender?.close();
    await receiver?.close();
    await sim?.close();
    await db?.drop();
  });

  it("delivers exactly the day-1 installation events the change feed shows, each signed and verified", async () => {
    const { webhook, secret } = await createWebhook();
    sim.control.advanceDay(1);
    const { run, outcome } = await syncOnce();
    expect(outcome.status).toBe(SyncRunStatus.SUCCEEDED);
    const feed = await feedOf(run.id);
    expect(feed.length).toBeGreaterThan(0);
    expect(receiver.requests).toHaveLength(0); // nothing is sent by the sync itself: the outbox waits
    await deliverer.deliverDue();
    expect(deliveredOf(secret, run.id)).toEqual(feed);
    // Each payload carries the agent's policy field and whose device it is on.
    const sample = receiver.accepted(secret)[0];
    expect(sample.data).toMatchObject({
      agent: { key: expect.any(String) },
      device: { name: expect.any(String) },
    });
    expect(sample.data.agent).toHaveProperty("policy");
    await webhooks.delete(PLATFORM, { tenantId, id: webhook.id });
    receiver.requests.length = 0;
  }, 120_000);

  it("keeps trying a receiver that is down, and it gets every event once it is back", async () => {
    const { webhook, secret } = await createWebhook();
    receiver.down = true;
    sim.control.advanceDay(1);
    const { run } = await syncOnce();
    const feed = await feedOf(run.id);
    expect(feed.length).toBeGreaterThan(0);
    await deliverer.deliverDue();
    expect(receiver.requests.length).toBe(feed.length); // every one tried, every one refused
    // Two retries, on the schedule, while it is still down.
    for (const wait of RETRY_DELAYS_MS.slice(0, 2)) {
      clock.advance(wait);
      await deliverer.deliverDue();
    }
    expect(receiver.requests.length).toBe(3 * feed.length);
    expect(receiver.accepted(secret)).toHaveLength(feed.length); // the same webhook-id on every attempt
    receiver.down = false;
    receiver.requests.length = 0;
    clock.advance(RETRY_DELAYS_MS[2]);
    await deliverer.deliverDue();
    expect(deliveredOf(secret, run.id)).toEqual(feed);
    const log = await webhooks.deliveries(
      PLATFORM,
      { tenantId, id: webhook.id },
      {
        direction: "forward",
        limit: 1000,
        cursor: null,
      },
    );
    expect(new Set(log.rows.map((d) => [d.status, d.attempts].join(" ")))).toEqual(new Set(["DELIVERED 4"]));
    await webhooks.delete(PLATFORM, { tenantId, id: webhook.id });
    receiver.requests.length = 0;
  }, 120_000);

  it("sends nothing for a sync whose write rolled back", async () => {
    const { webhook } = await createWebhook();
    sim.control.advanceDay(1);
    // The write fails at its last step, after the installations and their events were written.
    const failing = failingSql(db.sql, (text) =>
      text.includes("UPDATE defender_integration SET\n         last_sync_at"),
    );
    const { run, outcome } = await syncOnce(failing);
    expect(outcome.status).toBe(SyncRunStatus.FAILED);
    expect(await feedOf(run.id)).toEqual([]);
    await deliverer.deliverDue();
    const log = await webhooks.deliveries(
      PLATFORM,
      { tenantId, id: webhook.id },
      {
        direction: "forward",
        limit: 100,
        cursor: null,
      },
    );
    expect(log.rows).toEqual([]);
    expect(receiver.requests.filter((r) => JSON.parse(r.body).data.syncRunId === run.id)).toEqual([]);
    // The same day synced for real does make events: the rolled-back one had some to lose.
    const { run: retried } = await syncOnce();
    expect((await feedOf(retried.id)).length).toBeGreaterThan(0);
    await webhooks.delete(PLATFORM, { tenantId, id: webhook.id });
  }, 120_000);

  it("refuses a private address when a webhook is saved, and when a delivery connects", async () => {
    const strict = { allowHttp: true, allowPrivateAddresses: false };
    const strictSender = new WebhookSender({ policy: strict });
    const strictDeliverer = new WebhookDeliverer({
      store,
      sender: strictSender,
      logger,
      now: () => new Date(clock.now()),
    });
    const strictService = new WebhookService({
      store,
      tenants: new TenantService(store),
      policy: strict,
      deliverer: strictDeliverer,
    });
    const refusal = strictService.create(PLATFORM, {
      tenantId,
      url: receiver.url,
      events: INSTALLATION_EVENTS,
    });
    await expect(refusal).rejects.toThrow(FieldError);
    await expect(refusal).rejects.toThrow(/127.0.0.1 is not a public address/);
    await expect(
      strictService.create(PLATFORM, {
        tenantId,
        url: receiver.url.replace("127.0.0.1", "localhost"),
        events: INSTALLATION_EVENTS,
      }),
    ).rejects.toThrow(/localhost resolves to .*not a public address/);
    // A name that resolved elsewhere when saved (stored here directly) is checked again at connection.
    const rebound = await store.webhooks.create(
      tenantId,
      receiver.url.replace("127.0.0.1", "localhost"),
      INSTALLATION_EVENTS,
      (await createWebhook()).secret,
    );
    const test = await strictDeliverer.sendTest(
      (await store.webhooks.createTestDelivery(tenantId, rebound.id, new Date()))!,
    );
    expect(test).toMatchObject({ status: "FAILED", responseStatus: null });
    expect(test.lastError).toMatch(/not a public address/);
    expect(receiver.requests).toHaveLength(0);
    await strictSender.close();
  });

  it("disables a webhook whose deliveries fail for 24 hours, and the tenant's diagnostics say so", async () => {
    const { webhook } = await webhooks.create(PLATFORM, {
      tenantId,
      url: receiver.url,
      events: [WebhookEventType.SYNC_FAILED],
    });
    receiver.down = true;
    await store.syncRuns.createQueued(tenantId, SyncMode.FULL, SyncTrigger.MANUAL);
    const failed = (await store.syncRuns.active(tenantId))!;
    await store.syncRuns.claimQueued(tenantId, failed.id, "test");
    await store.syncRuns.finish(tenantId, failed.id, {
      status: SyncRunStatus.FAILED,
      sources: [],
      stats: null,
      error: "Defender said no",
    });
    expect(webhooksCheck(await store.webhooks.disabledForFailures(tenantId)).status).toBe("OK");
    const started = clock.now();
    for (let attempt = 0; clock.now() - started <= DISABLE_AFTER_MS; attempt++) {
      await deliverer.deliverDue();
      clock.advance(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
    }
    await deliverer.deliverDue();
    const [after] = await store.webhooks.byIds(tenantId, [webhook.id]);
    expect(after).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/24 hours/) });
    const check = webhooksCheck(await store.webhooks.disabledForFailures(tenantId));
    expect(check).toMatchObject({ status: "WARNING", message: expect.stringContaining(receiver.url) });
    // The failed run's event was what it kept trying: a sync.failed delivery.
    expect(receiver.requests.every((r) => JSON.parse(r.body).type === "sync.failed")).toBe(true);
    receiver.down = false;
  });

  it("delivers each MCP server a sync sees for the first time on a device, signed and verified", async () => {
    // The earlier tests' webhooks, some with other secrets, stay quiet.
    await db.sql.execute(`UPDATE webhook SET enabled = false WHERE tenant_id = $1`, [tenantId]);
    const { secret } = await createWebhook([WebhookEventType.MCP_SERVER_FIRST_SEEN]);
    receiver.requests.length = 0;
    // Servers are first seen when an installation that runs them is new or is used again after 30
    // quiet days; the simulator's churn (seed 11) has some within days (on the first day after the tests above).
    const firstSeen: string[] = [];
    for (let day = 0; day < 7 && !firstSeen.length; day++) {
      sim.control.advanceDay(1);
      const { run } = await syncOnce();
      const rows = await db.sql.rows<{ id: string }>(
        `SELECT id FROM mcp_server_event WHERE tenant_id = $1 AND sync_run_id = $2 AND type = 'FIRST_SEEN'`,
        [tenantId, run.id],
      );
      firstSeen.push(...rows.map((e) => `${e.id} mcp_server.first_seen`));
    }
    expect(firstSeen.length).toBeGreaterThan(0);
    await deliverer.deliverDue();
    const delivered = receiver.accepted(secret);
    expect(delivered.map((d) => `${d.data.eventId} ${d.type}`).sort()).toEqual(firstSeen.sort());
    expect(delivered[0].data).toMatchObject({
      server: { key: expect.any(String), policy: "UNREVIEWED" },
      launch: { launcher: expect.any(String) },
      device: { name: expect.any(String) },
    });
  }, 120_000);

  it("tells when the integration turns DEGRADED or REVOKED, once per change", async () => {
    const { webhook } = await webhooks.create(PLATFORM, {
      tenantId,
      url: receiver.url,
      events: [WebhookEventType.INTEGRATION_DEGRADED, WebhookEventType.INTEGRATION_REVOKED],
    });
    const permissions = { granted: ["Machine.Read.All"], missing: ["Software.Read.All"] };
    await store.integrations.permissionsChecked(
      tenantId,
      IntegrationStatus.DEGRADED,
      permissions,
      new Date(),
    );
    // Still degraded on the next check: no new event.
    await store.integrations.permissionsChecked(
      tenantId,
      IntegrationStatus.DEGRADED,
      permissions,
      new Date(),
    );
    await store.transaction((tx) => tx.integrations.revoke(tenantId, false));
    const log = await webhooks.deliveries(
      PLATFORM,
      { tenantId, id: webhook.id },
      {
        direction: "forward",
        limit: 10,
        cursor: null,
      },
    );
    expect(log.rows.map((d) => d.eventType).sort()).toEqual(["integration.degraded", "integration.revoked"]);
    receiver.requests.length = 0;
    await deliverer.deliverDue();
    const bodies = receiver.requests.map((r) => JSON.parse(r.body));
    expect(bodies).toContainEqual(
      expect.objectContaining({
        type: "integration.degraded",
        data: expect.objectContaining({ status: "DEGRADED", missingPermissions: ["Software.Read.All"] }),
      }),
    );
    expect(bodies).toContainEqual(
      expect.objectContaining({
        type: "integration.revoked",
        data: expect.objectContaining({ status: "REVOKED", previousStatus: "DEGRADED" }),
      }),
    );
  });
});
