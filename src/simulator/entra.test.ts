import { createHash } from "node:crypto";
import {
  ConfidentialClientApplication,
  CryptoProvider,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from "@azure/msal-node";
import { request, type Agent } from "undici";
import { DIRECTORY_ROLE_IDS, startSimulator, type RunningSimulator } from "./index";
import { simulatorClient, type Reply } from "../../test/support/simulator-client";
import { base64url, decodeJwtPart } from "./tokens";

const DEFENDER_SCOPE = "https://api.securitycenter.microsoft.com/.default";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

function claimsOf(token: string): Record<string, unknown> {
  const parts = token.split(".");
  expect(parts).toHaveLength(3);
  return decodeJwtPart(parts[1]) as Record<string, unknown>;
}

function undiciNetworkClient(agent: Agent): INetworkModule {
  const send = async <T>(
    method: "GET" | "POST",
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const res = await request(url, {
      method,
      headers: options?.headers,
      body: options?.body,
      dispatcher: agent,
    });
    const headers = Object.fromEntries(
      Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)]),
    );
    return { status: res.statusCode, headers, body: (await res.body.json()) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send("GET", url, options),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}

describe("Entra token endpoint", () => {
  let sim: RunningSimulator;
  let client: ReturnType<typeof simulatorClient>;
  let now = Date.parse("2026-11-27T08:00:00Z");

  beforeAll(async () => {
    sim = await startSimulator({ devices: 20, seed: 5, now: () => now });
    client = simulatorClient(sim);
  });
  afterAll(() => sim.close());

  const postToken = (
    body: Record<string, string>,
    path = "oauth2/v2.0/token",
    headers: Record<string, string> = FORM,
  ) =>
    client.call(`/${sim.tenantId}/${path}`, {
      method: "POST",
      body: new URLSearchParams(body).toString(),
      headers,
    });

  it("issues a JWT-shaped Defender token for a client secret, without echoing scope", async () => {
    const reply = await postToken({
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope: DEFENDER_SCOPE,
      grant_type: "client_credentials",
    });
    expect(reply.status).toBe(200);
    const body = reply.json();
    expect(body).toEqual({
      token_type: "Bearer",
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.any(String),
    });
    const claims = claimsOf(body.access_token as string);
    expect(claims).toMatchObject({
      tid: sim.tenantId,
      aud: "https://api.securitycenter.microsoft.com",
      appid: sim.clientId,
      ver: "1.0",
      iat: now / 1000,
      nbf: now / 1000,
      exp: now / 1000 + 3599,
    });
    expect(claims.oid).toEqual(expect.any(String));
    expect(claims.roles).toEqual([
      "Machine.Read.All",
      "Software.Read.All",
      "User.Read.All",
      "AdvancedQuery.Read.All",
      "Vulnerability.Read.All",
    ]);
  });

  it("accepts HTTP Basic client authentication and the windowsatpservice scope", async () => {
    const basic = Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString("base64");
    const reply = await postToken(
      {
        scope: "https://securitycenter.onmicrosoft.com/windowsatpservice/.default",
        grant_type: "client_credentials",
      },
      undefined,
      { ...FORM, authorization: `Basic ${basic}` },
    );
    expect(reply.status).toBe(200);
    expect(claimsOf(reply.json().access_token as string).aud).toBe(
      "https://api.securitycenter.microsoft.com",
    );
  });

  it("issues Graph tokens with ThreatHunting.Read.All", async () => {
    const token = await client.token("https://graph.microsoft.com/.default");
    expect(claimsOf(token)).toMatchObject({
      aud: "https://graph.microsoft.com",
      roles: ["ThreatHunting.Read.All"],
    });
  });

  it("serves the v1 endpoint with resource=", async () => {
    const reply = await postToken(
      {
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
        resource: "https://api.securitycenter.microsoft.com",
        grant_type: "client_credentials",
      },
      "oauth2/token",
    );
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({
      token_type: "Bearer",
      resource: "https://api.securitycenter.microsoft.com",
      expires_on: String(now / 1000 + 3599),
    });
  });

  it("accepts a client assertion whose iss/sub is the client id and aud the token endpoint", async () => {
    const assertion = (aud: string, iss = sim.clientId) =>
      [
        base64url(JSON.stringify({ alg: "RS256", typ: "JWT", x5t: "abc" })),
        base64url(JSON.stringify({ iss, sub: iss, aud, exp: now / 1000 + 600, jti: "1" })),
        "c2ln",
      ].join(".");
    const base = {
      client_id: sim.clientId,
      scope: DEFENDER_SCOPE,
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    };
    const ok = await postToken({
      ...base,
      client_assertion: assertion(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`),
    });
    expect(ok.status).toBe(200);
    expect(claimsOf(ok.json().access_token as string).appidacr).toBe("2");
    const wrongAud = await postToken({
      ...base,
      client_assertion: assertion("https://elsewhere.example/token"),
    });
    expect(wrongAud.status).toBe(401);
    const wrongIss = await postToken({
      ...base,
      client_assertion: assertion(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, "someone-else"),
    });
    expect(wrongIss.json()).toMatchObject({ error: "invalid_client", error_codes: [700021] });
    const malformed = await postToken({ ...base, client_assertion: "not-a-jwt" });
    expect(malformed.json()).toMatchObject({ error: "invalid_request", error_codes: [50027] });
  });

  it("fails like Entra for an unknown tenant, a bad secret and a non-.default scope", async () => {
    const unknown = await client.call("/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
        scope: DEFENDER_SCOPE,
        grant_type: "client_credentials",
      }).toString(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: "invalid_request",
      error_codes: [90002],
      timestamp: expect.any(String),
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
    });
    expect(unknown.json().error_description).toMatch(
      /^AADSTS90002: Tenant '11111111-2222-3333-4444-555555555555' not found/,
    );
    const bad = await postToken({
      client_id: sim.clientId,
      client_secret: "wrong",
      scope: DEFENDER_SCOPE,
      grant_type: "client_credentials",
    });
    expect(bad.status).toBe(401);
    expect(bad.json()).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    const scope = await postToken({
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope: "Machine.Read.All",
      grant_type: "client_credentials",
    });
    expect(scope.json()).toMatchObject({ error: "invalid_scope", error_codes: [1002012] });
  });

  it("lets @azure/msal-node acquire a token through an undici network client trusting the CA", async () => {
    const host = new URL(sim.url).host;
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        authority: `${sim.url}/${sim.tenantId}`,
        knownAuthorities: [host],
      },
      system: { networkClient: undiciNetworkClient(client.agent) },
    });
    now = Date.now();
    const first = await cca.acquireTokenByClientCredential({ scopes: [DEFENDER_SCOPE] });
    expect(first?.accessToken).toBeTruthy();
    expect(claimsOf(first?.accessToken as string).tid).toBe(sim.tenantId);
    const second = await cca.acquireTokenByClientCredential({ scopes: [DEFENDER_SCOPE] });
    expect(second?.fromCache).toBe(true);
  });

  it("publishes OpenID and instance-discovery documents pointing at itself", async () => {
    const config = (await client.call(`/${sim.tenantId}/v2.0/.well-known/openid-configuration`)).json();
    expect(config).toMatchObject({
      token_endpoint: `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`,
      issuer: `${sim.url}/${sim.tenantId}/v2.0`,
    });
    const discovery = (
      await client.call(
        `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize`)}`,
      )
    ).json();
    expect(discovery).toMatchObject({
      tenant_discovery_endpoint: `${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`,
      metadata: [{ aliases: [new URL(sim.url).host] }],
    });
  });
});

describe("Admin consent", () => {
  let sim: RunningSimulator;
  let client: ReturnType<typeof simulatorClient>;

  beforeEach(async () => {
    sim = await startSimulator({ devices: 5, seed: 9, consented: false });
    client = simulatorClient(sim);
  });
  afterEach(() => sim.close());

  const consentUrl = (path: string) =>
    `/${sim.tenantId}/${path}?client_id=${sim.clientId}&redirect_uri=${encodeURIComponent("https://app.example/consent?x=1")}&state=abc123&scope=${encodeURIComponent(DEFENDER_SCOPE)}`;

  it("refuses tokens until the tenant's admin approves consent (AADSTS7000229)", async () => {
    await expect(client.token()).rejects.toThrow(/AADSTS7000229/);
    const reply = await client.call(consentUrl("v2.0/adminconsent"));
    expect(reply.status).toBe(302);
    const location = new URL(reply.headers.location as string);
    expect(location.origin + location.pathname).toBe("https://app.example/consent");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      x: "1",
      admin_consent: "True",
      tenant: sim.tenantId,
      scope: DEFENDER_SCOPE,
      state: "abc123",
    });
    await expect(client.token()).resolves.toEqual(expect.any(String));
  });

  it("redirects the v1 endpoint with tenant, state and admin_consent", async () => {
    const location = new URL((await client.call(consentUrl("adminconsent"))).headers.location as string);
    expect(location.searchParams.get("tenant")).toBe(sim.tenantId);
    expect(location.searchParams.get("admin_consent")).toBe("True");
    expect(location.searchParams.get("state")).toBe("abc123");
  });

  it("redirects a decline with access_denied, AADSTS65004 and no tenant, on both endpoints", async () => {
    sim.control.setConsentDecision("decline");
    for (const path of ["v2.0/adminconsent", "adminconsent"]) {
      const params = new URL((await client.call(consentUrl(path))).headers.location as string).searchParams;
      expect(params.get("error")).toBe("access_denied");
      expect(params.get("error_description")).toMatch(/^AADSTS65004/);
      expect(params.get("admin_consent")).toBe("True");
      expect(params.get("state")).toBe("abc123");
      expect(params.has("tenant")).toBe(false);
    }
    await expect(client.token()).rejects.toThrow(/AADSTS7000229/);
  });
});

describe("A user's sign-in (authorization code with PKCE)", () => {
  let sim: RunningSimulator;
  let client: ReturnType<typeof simulatorClient>;
  const redirectUri = "https://app.example/callback";
  const verifier = "v".repeat(43);
  const challenge = createHash("sha256").update(verifier).digest("base64url");

  beforeAll(async () => {
    sim = await startSimulator({ devices: 5, seed: 9 });
    client = simulatorClient(sim);
  });
  afterAll(() => sim.close());

  const authorize = (params: Record<string, string>, tenant = "organizations") =>
    client.call(
      `/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams({
        client_id: sim.clientId,
        response_type: "code",
        redirect_uri: redirectUri,
        scope: "openid profile offline_access",
        state: "s-1",
        nonce: "n-1",
        code_challenge: challenge,
        code_challenge_method: "S256",
        ...params,
      }).toString()}`,
    );
  const codeFrom = (reply: Reply) => {
    expect(reply.status).toBe(302);
    const location = new URL(String(reply.headers.location));
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("s-1");
    return location.searchParams.get("code")!;
  };
  const redeem = (code: string, overrides: Record<string, string> = {}) =>
    client.call("/organizations/oauth2/v2.0/token", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
        ...overrides,
      }).toString(),
    });

  it("signs the home directory's Global Administrator in by default: ID token with tid, wids and nonce", async () => {
    const reply = await redeem(codeFrom(await authorize({})));
    expect(reply.status).toBe(200);
    const claims = claimsOf(reply.json<{ id_token: string }>().id_token);
    const [home] = sim.directories;
    expect(claims).toMatchObject({
      aud: sim.clientId,
      iss: `${sim.url}/${home.id}/v2.0`,
      tid: home.id,
      nonce: "n-1",
      preferred_username: `admin@${home.domain}`,
      wids: expect.arrayContaining([DIRECTORY_ROLE_IDS.globalAdministrator]),
      ver: "2.0",
    });
  });

  it("signs in the user named by login_hint, in that user's own directory", async () => {
    const other = sim.directories[1];
    const reply = await redeem(codeFrom(await authorize({ login_hint: `user@${other.domain}` })));
    const claims = claimsOf(reply.json<{ id_token: string }>().id_token);
    expect(claims).toMatchObject({ tid: other.id, wids: [DIRECTORY_ROLE_IDS.user] });
  });

  it("redeems a code once, and only with the verifier of its challenge and its redirect URI", async () => {
    const wrongVerifier = await redeem(codeFrom(await authorize({})), { code_verifier: "w".repeat(43) });
    expect(wrongVerifier.status).toBe(400);
    expect(wrongVerifier.json()).toMatchObject({ error: "invalid_grant", error_codes: [501481] });
    const wrongRedirect = await redeem(codeFrom(await authorize({})), {
      redirect_uri: "https://evil.example/cb",
    });
    expect(wrongRedirect.json()).toMatchObject({ error: "invalid_grant", error_codes: [50148] });
    const code = codeFrom(await authorize({}));
    expect((await redeem(code)).status).toBe(200);
    expect((await redeem(code)).json()).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("refuses a user of another directory at a directory's own sign-in page, and unknown users", async () => {
    const [home, other] = sim.directories;
    const foreign = await authorize({ login_hint: `admin@${other.domain}` }, home.id);
    expect(foreign.status).toBe(400);
    expect(foreign.body.toString()).toContain("AADSTS50020");
    const unknown = await authorize({ login_hint: `nobody@${home.domain}` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.toString()).toContain("AADSTS50034");
  });

  it("lets @azure/msal-node run the whole flow: auth code URL, PKCE, code redemption and nonce check", async () => {
    const host = new URL(sim.url).host;
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        authority: `${sim.url}/organizations`,
        knownAuthorities: [host],
      },
      system: { networkClient: undiciNetworkClient(client.agent) },
    });
    const pkce = await new CryptoProvider().generatePkceCodes();
    const url = await cca.getAuthCodeUrl({
      scopes: [],
      redirectUri,
      state: "s-1",
      nonce: "n-9",
      codeChallenge: pkce.challenge,
      codeChallengeMethod: "S256",
    });
    const code = codeFrom(await client.call(url));
    const result = await cca.acquireTokenByCode({
      code,
      scopes: [],
      redirectUri,
      codeVerifier: pkce.verifier,
      nonce: "n-9",
    });
    expect(result.idTokenClaims).toMatchObject({ tid: sim.tenantId, nonce: "n-9" });
    const otherNonce = await cca
      .acquireTokenByCode({
        code: codeFrom(await client.call(url)),
        scopes: [],
        redirectUri,
        codeVerifier: pkce.verifier,
        nonce: "n-other",
      })
      .catch((error: { errorCode?: string }) => error.errorCode);
    expect(otherNonce).toBe("nonce_mismatch");
  });
});
