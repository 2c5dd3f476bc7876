/**
 * "Connect with Microsoft" end to end against the simulator: the administrator's sign-in, our callback,
 * admin consent for the directory the sign-in proved, our callback again, the token check, and what
 * the administrator and the API see afterwards. Then, as an attacker would try it: a bare redirect, a
 * forged `tenant`, an ID token of another directory or of a non-administrator, and a replayed nonce.
 */
import { Agent, fetch } from "undici";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { startTestService, type TestService } from "../support/service";

/** The part of a browser these tests need: follows nothing by itself, trusts the simulator's CA. */
interface Browser {
  agent: Agent;
  /** GET without following redirects: the status and where it points. */
  open(url: string | URL): Promise<{ status: number; location: URL | null; html: string }>;
}

function browserFor(sim: RunningSimulator): Browser {
  const agent = new Agent({ connect: { ca: sim.ca } });
  return {
    agent,
    async open(url) {
      const response = await fetch(url.toString(), { redirect: "manual", dispatcher: agent });
      const location = response.headers.get("location");
      return {
        status: response.status,
        location: location ? new URL(location) : null,
        html: await response.text(),
      };
    },
  };
}

async function startPair(
  consented: boolean,
): Promise<{ sim: RunningSimulator; api: TestService; browser: Browser }> {
  const sim = await startSimulator({ devices: 30, consented, rateLimits: false });
  const api = await startTestService(
    {
      AZURE_CLIENT_ID: sim.clientId,
      AZURE_CLIENT_SECRET: sim.clientSecret,
      AZURE_AUTHORITY_HOST: sim.url,
      DEFENDER_API_URL: sim.url,
      GRAPH_API_URL: sim.url,
    },
    { trustCa: sim.ca, consentRetryDelaysMs: [1, 1] },
  );
  return { sim, api, browser: browserFor(sim) };
}

/** The tenant-side helpers every scenario uses, for one service and key. */
function portal(api: TestService, key?: string) {
  return {
    createTenant: async (name: string): Promise<string> =>
      (
        await api.gql<any>(`mutation($n: String!) { createTenant(input: { name: $n }) { tenant { id } } }`, {
          n: name,
        })
      ).data.createTenant.tenant.id,
    state: async (id: string) =>
      (
        await api.gql<any>(
          `query($id: ID!) { tenant(id: $id) { entraTenantId integration { status missingPermissions lastError }
             syncRuns(first: 5) { nodes { status trigger } } diagnostics { key status message } } }`,
          { id },
          key,
        )
      ).data.tenant,
    /** `connectDefender`: the URL the administrator is sent to. */
    consentUrl: async (tenantId: string): Promise<URL> => {
      const result = await api.gql<any>(
        `mutation($id: ID!) { connectDefender(input: { tenantId: $id }) { consentUrl expiresAt redirectUri userErrors { code } } }`,
        { id: tenantId },
        key,
      );
      const { consentUrl, redirectUri } = result.data.connectDefender;
      expect(redirectUri).toBe(`${api.url.replace("127.0.0.1", "localhost")}/integrations/defender/callback`);
      return new URL(consentUrl);
    },
  };
}

/** Opens the sign-in page as `loginHint` and lands back on our callback with the code. */
async function signIn(browser: Browser, consentUrl: URL, loginHint?: string): Promise<URL> {
  const url = new URL(consentUrl);
  if (loginHint) url.searchParams.set("login_hint", loginHint);
  const page = await browser.open(url);
  expect(page.status).toBe(302);
  return page.location!;
}

/** Our callback after sign-in: a redirect to admin consent (or a refusal page). */
async function land(browser: Browser, callback: URL) {
  return browser.open(callback);
}

describe("admin consent", () => {
  let sim: RunningSimulator;
  let api: TestService;
  let browser: Browser;
  let tenants: ReturnType<typeof portal>;
  let first: string;

  /** The whole walk of an administrator: sign in, consent, land on the final page. */
  const connect = async (tenantId: string, loginHint?: string) => {
    const afterSignIn = await land(
      browser,
      await signIn(browser, await tenants.consentUrl(tenantId), loginHint),
    );
    expect(afterSignIn.status).toBe(302);
    const consentPage = afterSignIn.location!;
    expect(consentPage.pathname).toMatch(/\/v2\.0\/adminconsent$/);
    const granted = await browser.open(consentPage);
    expect(granted.status).toBe(302);
    return { consentPage, callback: granted.location!, page: await land(browser, granted.location!) };
  };

  beforeAll(async () => {
    ({ sim, api, browser } = await startPair(false));
    tenants = portal(api);
  });
  afterAll(async () => {
    await api?.stop();
    await browser?.agent.close();
    await sim?.close();
  });

  it("signs the administrator in with PKCE and a nonce, then asks consent for that very directory", async () => {
    first = await tenants.createTenant("Contoso Ltd");
    const consentUrl = await tenants.consentUrl(first);
    expect(consentUrl.pathname).toBe("/organizations/oauth2/v2.0/authorize");
    expect(Object.fromEntries(consentUrl.searchParams)).toMatchObject({
      client_id: sim.clientId,
      response_type: "code",
      code_challenge_method: "S256",
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.any(String),
      state: expect.any(String),
    });
    expect(consentUrl.searchParams.get("scope")!.split(" ")).toContain("openid");
    expect((await tenants.state(first)).integration.status).toBe("PENDING_CONSENT");
    const afterSignIn = await land(browser, await signIn(browser, consentUrl));
    expect(afterSignIn.status).toBe(302);
    expect(afterSignIn.location!.pathname).toBe(`/${sim.tenantId}/v2.0/adminconsent`);
  });

  it("connects on approval: binds the Entra tenant, CONNECTED, first sync queued with trigger CONSENT", async () => {
    const { page } = await connect(first);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Connected to Microsoft Defender");
    const state = await tenants.state(first);
    expect(state.entraTenantId).toBe(sim.tenantId);
    expect(state.integration).toMatchObject({ status: "CONNECTED", missingPermissions: [] });
    expect(state.syncRuns.nodes).toEqual([{ status: "QUEUED", trigger: "CONSENT" }]);
  });

  it("signs a connected tenant's administrator in to its own directory", async () => {
    const consentUrl = await tenants.consentUrl(first);
    expect(consentUrl.pathname).toBe(`/${sim.tenantId}/oauth2/v2.0/authorize`);
  });

  it("rejects a replayed consent callback", async () => {
    const { callback, page } = await connect(first);
    expect(page.status).toBe(200);
    const replay = await land(browser, callback);
    expect(replay.status).toBe(400);
    expect(replay.html).toContain("already used");
  });

  it("rejects a forged state", async () => {
    const callback = await signIn(browser, await tenants.consentUrl(first));
    const state = callback.searchParams.get("state")!;
    const [payload, signature] = state.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, "base64url").toString()),
        e: Date.now() + 3_600_000,
      }),
    ).toString("base64url");
    callback.searchParams.set("state", `${forgedPayload}.${signature}`);
    const page = await land(browser, callback);
    expect(page.status).toBe(400);
    expect(page.html).toContain("invalid or has expired");
  });

  it("turns DEGRADED and names a dropped permission in diagnostics", async () => {
    sim.control.dropPermissions(["Software.Read.All"]);
    try {
      expect((await connect(first)).page.html).toContain("permissions missing");
      const state = await tenants.state(first);
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
    const second = await tenants.createTenant("Northwind");
    const otherAdmin = sim.directories[1].users[0].upn;
    sim.control.setConsentDecision("decline");
    try {
      const afterSignIn = await land(
        browser,
        await signIn(browser, await tenants.consentUrl(second), otherAdmin),
      );
      const declined = await browser.open(afterSignIn.location!);
      expect(declined.location!.searchParams.get("error")).toBe("access_denied");
      expect(declined.location!.searchParams.has("tenant")).toBe(false);
      const page = await land(browser, declined.location!);
      expect(page.html).toContain("The administrator declined to grant consent.");
    } finally {
      sim.control.setConsentDecision("approve");
    }
    const state = await tenants.state(second);
    expect(state.integration.status).toBe("NOT_CONNECTED");
    expect(state.integration.lastError).toContain("AADSTS65004");
    expect(state.syncRuns.nodes).toEqual([]);
  });

  it("refuses a directory connected to another tenant without saying whose it is", async () => {
    const twin = await tenants.createTenant("Contoso twin");
    const page = await land(browser, await signIn(browser, await tenants.consentUrl(twin)));
    expect(page.status).toBe(400);
    expect(page.html).toContain("This Microsoft directory cannot be connected to this tenant.");
    expect(page.html).not.toMatch(/another tenant|already connected|Contoso Ltd/);
    expect((await tenants.state(twin)).entraTenantId).toBeNull();
  });
});

describe("consent hijack attempts", () => {
  // Contoso once consented to the multi-tenant app (a trial, another customer) but is connected to no
  // tenant here; Mallory is the ADMIN of her own tenant and an administrator of Fabrikam.
  let sim: RunningSimulator;
  let api: TestService;
  let browser: Browser;
  let mallory: ReturnType<typeof portal>;
  let malloryTenant: string;
  let victimDirectory: string;
  let fabrikam: { id: string; admin: string; user: string };

  const expectNothingBound = async () => {
    const state = await mallory.state(malloryTenant);
    expect(state.entraTenantId).toBeNull();
    expect(state.syncRuns.nodes).toEqual([]);
    const [row] = await api.database.dataSource.query(
      `SELECT count(*) AS bound FROM tenant WHERE entra_tenant_id = $1`,
      [victimDirectory],
    );
    expect(row.bound).toBe("0");
  };
  /** Mallory's tenant from the callback's point of view: a refusal page, nothing bound. */
  const expectRefused = async (page: { status: number; html: string }, message: string) => {
    expect(page.status).toBe(400);
    expect(page.html).toContain(message);
    expect(page.html).not.toContain("Connected to Microsoft Defender");
    await expectNothingBound();
  };

  beforeAll(async () => {
    ({ sim, api, browser } = await startPair(true));
    victimDirectory = sim.tenantId;
    const [, other] = sim.directories;
    fabrikam = {
      id: other.id,
      admin: other.users.find((u) => u.upn.startsWith("admin@"))!.upn,
      user: other.users.find((u) => u.upn.startsWith("user@"))!.upn,
    };
    const platform = portal(api);
    malloryTenant = await platform.createTenant("Mallory Ltd");
    const key = await api.gql<any>(
      `mutation($t: ID!) { createApiKey(input: { tenantId: $t, name: "mallory", role: ADMIN }) { secret } }`,
      { t: malloryTenant },
    );
    mallory = portal(api, key.data.createApiKey.secret);
  });
  afterAll(async () => {
    await api?.stop();
    await browser?.agent.close();
    await sim?.close();
  });

  it("refuses a bare redirect naming a consented directory, without any sign-in", async () => {
    const state = (await mallory.consentUrl(malloryTenant)).searchParams.get("state")!;
    const callback = new URL(`${api.url}/integrations/defender/callback`);
    callback.searchParams.set("admin_consent", "True");
    callback.searchParams.set("tenant", victimDirectory);
    callback.searchParams.set("state", state);
    await expectRefused(await land(browser, callback), "without signing in to Microsoft");
  });

  it("refuses a forged `tenant` after signing in to her own directory", async () => {
    const afterSignIn = await land(
      browser,
      await signIn(browser, await mallory.consentUrl(malloryTenant), fabrikam.admin),
    );
    expect(afterSignIn.status).toBe(302);
    expect(afterSignIn.location!.pathname).toBe(`/${fabrikam.id}/v2.0/adminconsent`);
    const forged = new URL(`${api.url}/integrations/defender/callback`);
    forged.searchParams.set("admin_consent", "True");
    forged.searchParams.set("tenant", victimDirectory);
    forged.searchParams.set("state", afterSignIn.location!.searchParams.get("state")!);
    await expectRefused(
      await land(browser, forged),
      "does not name the directory whose administrator signed in",
    );
  });

  it("refuses admin consent for another directory than the one she signed in to", async () => {
    const afterSignIn = await land(
      browser,
      await signIn(browser, await mallory.consentUrl(malloryTenant), fabrikam.admin),
    );
    // She takes the consent page to the victim's directory: Microsoft answers for that directory.
    const elsewhere = new URL(afterSignIn.location!);
    elsewhere.pathname = `/${victimDirectory}/v2.0/adminconsent`;
    const answered = await browser.open(elsewhere);
    expect(answered.location!.searchParams.get("tenant")).toBe(victimDirectory);
    await expectRefused(
      await land(browser, answered.location!),
      "does not name the directory whose administrator signed in",
    );
  });

  it("refuses a user of the directory who holds no role able to grant consent", async () => {
    const page = await land(
      browser,
      await signIn(browser, await mallory.consentUrl(malloryTenant), fabrikam.user),
    );
    await expectRefused(page, "does not hold an Entra role that can grant tenant-wide admin consent");
  });

  it("refuses a Cloud Application Administrator: the app asks for a Microsoft Graph application permission", async () => {
    const appAdmin = sim.directories[0].users.find((u) => u.upn.startsWith("appadmin@"))!.upn;
    const page = await land(
      browser,
      await signIn(browser, await mallory.consentUrl(malloryTenant), appAdmin),
    );
    await expectRefused(page, "does not hold an Entra role that can grant tenant-wide admin consent");
  });

  it("refuses a replayed sign-in: the same callback, and a new code carrying the same nonce", async () => {
    const consentUrl = await mallory.consentUrl(malloryTenant);
    const callback = await signIn(browser, consentUrl, fabrikam.admin);
    expect((await land(browser, callback)).status).toBe(302);
    await expectRefused(await land(browser, callback), "already used");
    // The same sign-in URL again: Entra issues a fresh code, but it carries the used nonce and state.
    const again = await signIn(browser, consentUrl, fabrikam.admin);
    expect(again.searchParams.get("code")).not.toBe(callback.searchParams.get("code"));
    await expectRefused(await land(browser, again), "already used");
  });

  it("refuses the ID token of a directory other than the one the tenant is connected to", async () => {
    // Last, as it connects her tenant: legitimately to Fabrikam; then a sign-in to Contoso must not move it.
    const connected = await land(
      browser,
      await signIn(browser, await mallory.consentUrl(malloryTenant), fabrikam.admin),
    );
    const granted = await browser.open(connected.location!);
    expect((await land(browser, granted.location!)).html).toContain("Connected");
    const consentUrl = await mallory.consentUrl(malloryTenant);
    expect(consentUrl.pathname).toBe(`/${fabrikam.id}/oauth2/v2.0/authorize`);
    consentUrl.pathname = "/organizations/oauth2/v2.0/authorize";
    const page = await land(browser, await signIn(browser, consentUrl, `admin@${sim.directories[0].domain}`));
    expect(page.status).toBe(400);
    expect(page.html).toContain("different Microsoft directory than the one this tenant is connected to");
    expect((await mallory.state(malloryTenant)).entraTenantId).toBe(fabrikam.id);
  });
});
