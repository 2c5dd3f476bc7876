/**
 * "Connect with Microsoft" end to end against the simulator: the consent URL, Entra's redirect, our
 * callback, the token check, and what the administrator and the API see afterwards.
 */
import { Agent, fetch } from "undici";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { startTestService, type TestService } from "../support/service";

describe("admin consent", () => {
  let sim: RunningSimulator;
  let api: TestService;
  let browser: Agent;

  const createTenant = async (name: string): Promise<string> =>
    (
      await api.gql<any>(`mutation($n: String!) { createTenant(input: { name: $n }) { tenant { id } } }`, {
        n: name,
      })
    ).data.createTenant.tenant.id;

  const tenantState = async (id: string) =>
    (
      await api.gql<any>(
        `query($id: ID!) { tenant(id: $id) { entraTenantId integration { status missingPermissions lastError }
           syncRuns(first: 5) { nodes { status trigger } } diagnostics { key status message } } }`,
        { id },
      )
    ).data.tenant;

  /** What the administrator's browser does: open the consent URL and land on our callback. */
  const consent = async (tenantId: string): Promise<URL> => {
    const result = await api.gql<any>(
      `mutation($id: ID!) { connectDefender(input: { tenantId: $id }) { consentUrl expiresAt redirectUri userErrors { code } } }`,
      { id: tenantId },
    );
    const { consentUrl, redirectUri } = result.data.connectDefender;
    expect(redirectUri).toBe(`${api.url.replace("127.0.0.1", "localhost")}/integrations/defender/callback`);
    const entra = await fetch(consentUrl, { redirect: "manual", dispatcher: browser });
    expect(entra.status).toBe(302);
    return new URL(entra.headers.get("location")!);
  };
  const land = async (callback: URL) => {
    const response = await fetch(callback.toString());
    return { status: response.status, html: await response.text() };
  };

  beforeAll(async () => {
    sim = await startSimulator({ devices: 30, consented: false, rateLimits: false });
    browser = new Agent({ connect: { ca: sim.ca } });
    api = await startTestService(
      {
        AZURE_CLIENT_ID: sim.clientId,
        AZURE_CLIENT_SECRET: sim.clientSecret,
        AZURE_AUTHORITY_HOST: sim.url,
        DEFENDER_API_URL: sim.url,
        GRAPH_API_URL: sim.url,
      },
      { trustCa: sim.ca, consentRetryDelaysMs: [1, 1] },
    );
  });
  afterAll(async () => {
    await api?.stop();
    await browser?.close();
    await sim?.close();
  });

  let first: string;

  it("connects on approval: binds the Entra tenant, CONNECTED, first sync queued with trigger CONSENT", async () => {
    first = await createTenant("Fabrikam");
    expect((await tenantState(first)).integration.status).toBe("NOT_CONNECTED");
    const callback = await consent(first);
    expect((await tenantState(first)).integration.status).toBe("PENDING_CONSENT");
    const page = await land(callback);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Connected to Microsoft Defender");
    const state = await tenantState(first);
    expect(state.entraTenantId).toBe(sim.tenantId);
    expect(state.integration).toMatchObject({ status: "CONNECTED", missingPermissions: [] });
    expect(state.syncRuns.nodes).toEqual([{ status: "QUEUED", trigger: "CONSENT" }]);
  });

  it("rejects a replayed callback", async () => {
    const callback = await consent(first);
    expect((await land(callback)).status).toBe(200);
    const replay = await land(callback);
    expect(replay.status).toBe(400);
    expect(replay.html).toContain("already used");
  });

  it("rejects a forged state", async () => {
    const callback = await consent(first);
    const state = callback.searchParams.get("state")!;
    const [payload, signature] = state.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, "base64url").toString()),
        e: Date.now() + 3_600_000,
      }),
    ).toString("base64url");
    callback.searchParams.set("state", `${forgedPayload}.${signature}`);
    const page = await land(callback);
    expect(page.status).toBe(400);
    expect(page.html).toContain("invalid or has expired");
  });

  it("turns DEGRADED and names a dropped permission in diagnostics", async () => {
    sim.control.dropPermissions(["Software.Read.All"]);
    try {
      expect((await land(await consent(first))).html).toContain("permissions missing");
      const state = await tenantState(first);
      expect(state.integration).toMatchObject({
        status: "DEGRADED",
        missingPermissions: ["Software.Read.All"],
      });
      const permissions = state.diagnostics.find((c: { key: string }) => c.key === "permissions");
      expect(permissions).toMatchObject({
        status: "ERROR",
        message: expect.stringContaining("Software.Read.All"),
      });
    } finally {
      sim.control.restorePermissions();
    }
  });

  it("records a declined consent with a clear reason and queues no sync", async () => {
    const second = await createTenant("Northwind");
    sim.control.setConsentDecision("decline");
    try {
      const callback = await consent(second);
      expect(callback.searchParams.get("error")).toBe("access_denied");
      expect(callback.searchParams.has("tenant")).toBe(false);
      const page = await land(callback);
      expect(page.html).toContain("The administrator declined to grant consent.");
    } finally {
      sim.control.setConsentDecision("approve");
    }
    const state = await tenantState(second);
    expect(state.integration.status).toBe("NOT_CONNECTED");
    expect(state.integration.lastError).toContain("AADSTS65004");
    expect(state.syncRuns.nodes).toEqual([]);
  });

  it("rejects a tenant parameter that does not match the token's tid", async () => {
    const third = await createTenant("Tailspin");
    const callback = await consent(third);
    callback.searchParams.set("tenant", "contoso.onmicrosoft.com"); // the same directory by another name
    const page = await land(callback);
    expect(page.status).toBe(400);
    expect(page.html).toContain("does not match");
    const state = await tenantState(third);
    expect(state.entraTenantId).toBeNull();
    expect(state.syncRuns.nodes).toEqual([]);
  });

  it("refuses an Entra tenant already bound to another tenant", async () => {
    const fourth = await createTenant("Contoso twin");
    const page = await land(await consent(fourth));
    expect(page.status).toBe(400);
    expect(page.html).toContain("already connected to another tenant");
    expect((await tenantState(fourth)).entraTenantId).toBeNull();
  });
});
