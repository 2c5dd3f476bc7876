import { generate } from "selfsigned";
import type { Dispatcher } from "undici";
import { FakeClock } from "../../test/support/fake-clock";
import { createDispatcher } from "./http";
import { json, startStubServer, type StubServer } from "../../test/support/stub-server";
import {
  TokenProvider,
  certificateCredential,
  mapEntraError,
  readGrantedPermissions,
} from "./token-provider";

const TENANT = "00000000-0000-0000-0000-000000000001";
const CLIENT = "11111111-1111-1111-1111-111111111111";

const jwt = (payload: object) =>
  `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.c2ln`;

describe("TokenProvider against a stub authority", () => {
  let server: StubServer;
  let dispatcher: Dispatcher;
  let issued: number;
  let clock: FakeClock;
  const tokenPath = `POST /${TENANT}/oauth2/v2.0/token`;
  const provider = (
    credential: { clientSecret: string } | { certificatePem: string } = { clientSecret: "s3cret" },
  ) =>
    new TokenProvider({
      clientId: CLIENT,
      credential,
      authorityHost: server.url,
      dispatcher,
      clock,
      retry: { random: () => 0 },
    });

  beforeAll(async () => {
    server = await startStubServer();
    dispatcher = createDispatcher({ trustCa: server.ca });
  });
  afterAll(async () => {
    await dispatcher.close();
    await server.close();
  });
  beforeEach(() => {
    issued = 0;
    clock = new FakeClock();
    server.requests.length = 0;
    server.route(tokenPath, (req, res) => {
      const form = new URLSearchParams(req.body);
      const graph = form.get("scope")?.startsWith("https://graph.microsoft.com");
      issued++;
      json(res, 200, {
        token_type: "Bearer",
        expires_in: 3599,
        access_token: jwt({
          tid: TENANT,
          aud: graph ? "https://graph.microsoft.com" : "https://api.securitycenter.microsoft.com",
          roles: graph ? ["ThreatHunting.Read.All"] : ["Machine.Read.All", "Software.Read.All"],
          n: issued,
        }),
      });
    });
  });

  it("gets per-tenant tokens for both audiences from a custom host without discovery calls, and caches them", async () => {
    const tokens = provider();
    const defender = await tokens.getToken(TENANT, "defender");
    expect(defender.claims).toMatchObject({
      tenantId: TENANT,
      audience: "https://api.securitycenter.microsoft.com",
      roles: ["Machine.Read.All", "Software.Read.All"],
    });
    const graph = await tokens.getToken(TENANT, "graph");
    expect(graph.claims.roles).toEqual(["ThreatHunting.Read.All"]);
    await tokens.getToken(TENANT, "defender");
    expect(issued).toBe(2);
    expect(server.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      `POST /${TENANT}/oauth2/v2.0/token`,
      `POST /${TENANT}/oauth2/v2.0/token`,
    ]);
    const form = new URLSearchParams(server.requests[0].body);
    expect(form.get("scope")).toBe("https://api.securitycenter.microsoft.com/.default");
    expect(form.get("client_secret")).toBe("s3cret");
    expect(form.get("grant_type")).toBe("client_credentials");
  });

  it("reads the granted permissions of both audiences from fresh tokens", async () => {
    const tokens = provider();
    await tokens.getToken(TENANT, "defender");
    expect(await readGrantedPermissions(tokens, TENANT)).toEqual({
      tenantId: TENANT,
      granted: { defender: ["Machine.Read.All", "Software.Read.All"], graph: ["ThreatHunting.Read.All"] },
    });
    expect(issued).toBe(3);
  });

  it("bypasses the cache when asked to refresh", async () => {
    const tokens = provider();
    const first = await tokens.getToken(TENANT, "defender");
    const second = await tokens.getToken(TENANT, "defender", { forceRefresh: true });
    expect(second.token).not.toBe(first.token);
    expect(issued).toBe(2);
  });

  it("retries a 503 from Entra itself instead of letting msal cache it as a throttle", async () => {
    let calls = 0;
    server.route(tokenPath, (_req, res) => {
      calls++;
      if (calls === 1) return json(res, 503, { error: "temporarily_unavailable" });
      json(res, 200, {
        token_type: "Bearer",
        expires_in: 3599,
        access_token: jwt({ tid: TENANT, roles: [] }),
      });
    });
    const token = await provider().getToken(TENANT, "defender");
    expect(token.claims.roles).toEqual([]);
    expect(calls).toBe(2);
  });

  it("waits out Entra's Retry-After on a 429 on the injected clock, then gets the token", async () => {
    let calls = 0;
    server.route(tokenPath, (_req, res) => {
      if (++calls === 1) return json(res, 429, { error: "temporarily_unavailable" }, { "retry-after": "12" });
      json(res, 200, {
        token_type: "Bearer",
        expires_in: 3599,
        access_token: jwt({ tid: TENANT, roles: [] }),
      });
    });
    await provider().getToken(TENANT, "defender");
    expect(calls).toBe(2);
    expect(clock.sleeps).toEqual([12_000]);
  });

  it("hands msal Entra's last answer once a 5xx outlasts the retries", async () => {
    server.route(tokenPath, (_req, res) => json(res, 503, { error: "temporarily_unavailable" }));
    await expect(provider().getToken(TENANT, "defender")).rejects.toMatchObject({
      code: "TOKEN_REQUEST_FAILED",
    });
    expect(server.requests).toHaveLength(6);
    expect(clock.sleeps).toEqual([250, 500, 1_000, 2_000, 4_000]);
  });

  it.each([
    [
      "invalid_client",
      "AADSTS7000215: Invalid client secret provided.",
      7000215,
      "INVALID_CLIENT_CREDENTIAL",
    ],
    [
      "unauthorized_client",
      "AADSTS700016: Application with identifier was not found in the directory.",
      700016,
      "CONSENT_REQUIRED",
    ],
    ["invalid_request", "AADSTS90002: Tenant not found.", 90002, "UNKNOWN_TENANT"],
    ["invalid_grant", "AADSTS65001: The user or administrator has not consented.", 65001, "CONSENT_REQUIRED"],
  ])("maps %s (%s) to %s", async (error, description, code, expected) => {
    server.route(tokenPath, (_req, res) =>
      json(res, 400, { error, error_description: description, error_codes: [code] }),
    );
    await expect(provider().getToken(TENANT, "defender")).rejects.toMatchObject({
      code: expected,
      aadsts: String(code),
    });
  });

  it("signs a client assertion with a certificate credential", async () => {
    const pems = await generate([{ name: "commonName", value: "agent-inventory" }], { keySize: 2048 });
    const credential = certificateCredential(`${pems.private}\n${pems.cert}`);
    expect(credential.thumbprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(credential.privateKey).toContain("BEGIN PRIVATE KEY");
    await provider({ certificatePem: `${pems.cert}\n${pems.private}` }).getToken(TENANT, "defender");
    const form = new URLSearchParams(server.requests[0].body);
    expect(form.get("client_secret")).toBeNull();
    expect(form.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const header = JSON.parse(
      Buffer.from(form.get("client_assertion")!.split(".")[0], "base64url").toString(),
    );
    expect(header["x5t#S256"]).toBeDefined();
    expect(header.x5c).toBeDefined();
  });

  it("refuses a certificate PEM without a private key", () => {
    expect(() =>
      certificateCredential("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----"),
    ).toThrow(/private key/);
  });

  it("maps unknown Entra failures to TOKEN_REQUEST_FAILED", () => {
    expect(
      mapEntraError({ errorCode: "invalid_scope", errorMessage: "AADSTS70011: bad scope" }, TENANT),
    ).toMatchObject({
      code: "TOKEN_REQUEST_FAILED",
      message: expect.stringContaining("AADSTS70011"),
    });
  });
});
