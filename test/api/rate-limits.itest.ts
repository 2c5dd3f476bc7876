/**
 * Rate limits over HTTP: per API key, per client address (through a trusted proxy's X-Forwarded-For),
 * and for refused keys per address; 429 with `Retry-After` past a limit, normal service below it.
 */
import { ADMIN_KEY, startTestService, type TestService } from "../support/service";

describe("rate limits", () => {
  let api: TestService;
  let keys: string[];

  /** A GraphQL request as a client at `address` sends it through the proxies in front of the service. */
  const ask = (address: string, key: string) =>
    fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${key}`,
        "x-forwarded-for": `${address}, 10.0.0.1`,
      },
      body: JSON.stringify({ query: "{ viewer { role } }" }),
    });
  const statuses = async (address: string, key: string, count: number) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await ask(address, key)).status);
    return seen;
  };
  const expectThrottled = async (response: Response, message: RegExp) => {
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe("THROTTLED");
    expect(body.errors[0].message).toMatch(message);
  };

  beforeAll(async () => {
    api = await startTestService({
      RATE_LIMIT_KEY_PER_MINUTE: "5",
      RATE_LIMIT_ADDRESS_PER_MINUTE: "8",
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: "3",
      // Two proxies in front: the outer one appends the client's address, the inner one the outer's.
      TRUST_PROXY_HOPS: "2",
    });
    const tenant = (
      await api.gql<any>(`mutation { createTenant(input: { name: "Limited" }) { tenant { id } } }`)
    ).data.createTenant.tenant.id;
    const created = await api.gql<any>(
      `mutation($t: ID!) {
        a: createApiKey(input: { tenantId: $t, name: "a", role: VIEWER }) { secret }
        b: createApiKey(input: { tenantId: $t, name: "b", role: VIEWER }) { secret }
        c: createApiKey(input: { tenantId: $t, name: "c", role: VIEWER }) { secret } }`,
      { t: tenant },
    );
    keys = ["a", "b", "c"].map((k) => created.data[k].secret);
  });
  afterAll(() => api?.stop());

  it("serves a key normally up to its limit, then answers 429 with Retry-After; other keys go on", async () => {
    expect(await statuses("198.51.100.1", keys[0], 5)).toEqual([200, 200, 200, 200, 200]);
    await expectThrottled(
      await ask("198.51.100.1", keys[0]),
      /^Too many requests for this API key: retry after \d+ s$/,
    );
    expect((await ask("198.51.100.2", keys[1])).status).toBe(200);
  });

  it("limits an address across keys, and never probes or scrapes", async () => {
    const address = "198.51.100.3";
    expect(await statuses(address, keys[1], 4)).toEqual([200, 200, 200, 200]);
    expect(await statuses(address, keys[2], 4)).toEqual([200, 200, 200, 200]);
    await expectThrottled(
      await ask(address, keys[2]),
      /^Too many requests from this address: retry after \d+ s$/,
    );
    const health = await fetch(`${api.url}/healthz`, {
      headers: { "x-forwarded-for": `${address}, 10.0.0.1` },
    });
    expect(health.status).toBe(200);
  });

  it("slows down key guessing: after 3 refused keys an address waits, even with a good key", async () => {
    const guesser = "198.51.100.4";
    expect(await statuses(guesser, "aik_000000000000_guess", 3)).toEqual([401, 401, 401]);
    await expectThrottled(await ask(guesser, ADMIN_KEY), /missing or invalid API key from this address/);
    expect((await ask("198.51.100.5", ADMIN_KEY)).status).toBe(200);
  });

  it("trusts only the proxy's entry of X-Forwarded-For, not what the client wrote before it", async () => {
    // The guesser above is blocked; prefixing another address does not get it through.
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${ADMIN_KEY}`,
        "x-forwarded-for": "203.0.113.9, 198.51.100.4, 10.0.0.1",
      },
      body: JSON.stringify({ query: "{ viewer { role } }" }),
    });
    expect(response.status).toBe(429);
  });
});
