/**
 * Webhooks through GraphQL: ADMIN only, the secret returned once, URLs checked against the delivery
 * policy, `testWebhook` delivering a signed `webhook.test` that the library verifies, the delivery log,
 * update, disable and delete, all audited.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { fromGlobalId } from "../../src/graphql/relay";
import { startTestService, type TestService } from "../support/service";

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) {
  webhook { id url events enabled } secret userErrors { field message code } } }`;

describe("webhooks through GraphQL", () => {
  let api: TestService;
  let strict: TestService;
  let tenant: string;
  let viewerKey: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ body: string; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ body, headers: req.headers });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
    // The test receiver is local and plain http: this operator allows both.
    api = await startTestService({ WEBHOOK_ALLOW_HTTP: "true", WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "true" });
    // A second API on the same database with the defaults outside development: https and public addresses only.
    strict = await startTestService({}, {}, { database: api.database });
    tenant = (await api.gql<any>(`mutation { createTenant(input: { name: "Hooks" }) { tenant { id } } }`))
      .data.createTenant.tenant.id;
    viewerKey = (
      await api.gql<any>(
        `mutation($t: ID!) { createApiKey(input: { tenantId: $t, name: "v", role: VIEWER }) { secret } }`,
        { t: tenant },
      )
    ).data.createApiKey.secret;
  });
  afterAll(async () => {
    await strict.stop();
    await api.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("creates a webhook with a generated secret shown once, tests it, and logs the signed delivery", async () => {
    const created = await api.gql<any>(CREATE, {
      input: { tenantId: tenant, url: receiverUrl, events: ["INSTALLATION_CREATED", "SYNC_FAILED"] },
    });
    const { webhook, secret, userErrors } = created.data.createWebhook;
    expect(userErrors).toEqual([]);
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({
      url: receiverUrl,
      events: ["INSTALLATION_CREATED", "SYNC_FAILED"],
      enabled: true,
    });

    const tested = await api.gql<any>(
      `mutation($id: ID!) { testWebhook(input: { id: $id }) { delivery { messageId eventType status attempts responseStatus } userErrors { message } } }`,
      { id: webhook.id },
    );
    const delivery = tested.data.testWebhook.delivery;
    expect(delivery).toMatchObject({
      eventType: "webhook.test",
      status: "DELIVERED",
      attempts: 1,
      responseStatus: 200,
    });
    const [request] = received;
    expect(request.headers["webhook-id"]).toBe(delivery.messageId);
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toMatchObject(
      {
        type: "webhook.test",
      },
    );

    const listed = await api.gql<any>(
      `query($t: ID!) { tenant(id: $t) { webhooks(first: 10) { totalCount nodes { id url deliveries(first: 5) { nodes { messageId status } } } } } }`,
      { t: tenant },
    );
    const [node] = listed.data.tenant.webhooks.nodes;
    expect(node.deliveries.nodes).toEqual([{ messageId: delivery.messageId, status: "DELIVERED" }]);
    // No field of the schema gives the secret back.
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    const audit = await api.database.dataSource.query(
      `SELECT action FROM audit_event WHERE tenant_id = $1 AND action LIKE 'webhook.%' ORDER BY occurred_at`,
      [fromGlobalId(tenant)!.key],
    );
    expect(audit.map((a: any) => a.action)).toEqual(["webhook.create", "webhook.test"]);
  });

  it("updates, disables and deletes a webhook", async () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    const { webhook, secret: shown } = (
      await api.gql<any>(CREATE, {
        input: { tenantId: tenant, url: receiverUrl, events: ["SYNC_PARTIAL"], secret },
      })
    ).data.createWebhook;
    expect(shown).toBe(secret);
    const updated = await api.gql<any>(
      `mutation($id: ID!) { updateWebhook(input: { id: $id, events: [INTEGRATION_DEGRADED, INTEGRATION_REVOKED] }) { webhook { events enabled } } }`,
      { id: webhook.id },
    );
    expect(updated.data.updateWebhook.webhook).toEqual({
      events: ["INTEGRATION_DEGRADED", "INTEGRATION_REVOKED"],
      enabled: true,
    });
    const disabled = await api.gql<any>(
      `mutation($id: ID!) { disableWebhook(input: { id: $id }) { webhook { enabled disabledAt } } }`,
      { id: webhook.id },
    );
    expect(disabled.data.disableWebhook.webhook).toMatchObject({
      enabled: false,
      disabledAt: expect.any(String),
    });
    const deleted = await api.gql<any>(
      `mutation($id: ID!) { deleteWebhook(input: { id: $id }) { deletedWebhookId userErrors { code } } }`,
      { id: webhook.id },
    );
    expect(deleted.data.deleteWebhook).toEqual({ deletedWebhookId: webhook.id, userErrors: [] });
    const again = await api.gql<any>(
      `mutation($id: ID!) { deleteWebhook(input: { id: $id }) { deletedWebhookId userErrors { field code } } }`,
      { id: webhook.id },
    );
    expect(again.data.deleteWebhook.userErrors).toEqual([{ field: ["id"], code: "NOT_FOUND" }]);
  });

  it("refuses http, private addresses and malformed secrets as user errors, and callers below ADMIN", async () => {
    const refused = async (service: TestService, input: Record<string, unknown>) =>
      (await service.gql<any>(CREATE, { input: { tenantId: tenant, events: ["SYNC_FAILED"], ...input } }))
        .data.createWebhook.userErrors;
    expect(await refused(strict, { url: "http://hooks.example.com/x" })).toEqual([
      { field: ["url"], message: "Only https URLs are allowed", code: "BAD_USER_INPUT" },
    ]);
    expect(await refused(strict, { url: "https://127.0.0.1/x" })).toEqual([
      { field: ["url"], message: "127.0.0.1 is not a public address", code: "BAD_USER_INPUT" },
    ]);
    expect(await refused(strict, { url: "https://[::ffff:169.254.169.254]/latest" })).toMatchObject([
      { field: ["url"], code: "BAD_USER_INPUT" },
    ]);
    expect(await refused(api, { url: receiverUrl, secret: "not-a-secret" })).toMatchObject([
      { field: ["secret"] },
    ]);
    const asViewer = await api.gql<any>(
      CREATE,
      { input: { tenantId: tenant, url: receiverUrl, events: ["SYNC_FAILED"] } },
      viewerKey,
    );
    expect(asViewer.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const list = await api.gql<any>(
      `query($t: ID!) { tenant(id: $t) { webhooks { totalCount } } }`,
      { t: tenant },
      viewerKey,
    );
    expect(list.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
