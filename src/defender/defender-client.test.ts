import { gzipSync } from "node:zlib";
import type { Dispatcher } from "undici";
import { DefenderClient, type DefenderClientOptions } from "./defender-client";
import { Writable } from "node:stream";
import { createLogger } from "../config/logger";
import { metricsRegistry } from "../config/metrics";
import { DefenderPermissionError } from "./errors";
import { FakeClock } from "../../test/support/fake-clock";
import { createDispatcher } from "./http";
import type { ApiResource } from "./permissions";
import { json, startStubServer, type StubHandler, type StubServer } from "../../test/support/stub-server";
import type { AccessToken, TokenSource } from "./token-provider";

const TENANT = "00000000-0000-0000-0000-000000000001";

/** Hands out numbered tokens and records refreshes. */
class CountingTokens implements TokenSource {
  issued = 0;
  refreshes = 0;
  roles: Record<ApiResource, string[]> = {
    defender: ["Machine.Read.All", "Software.Read.All", "User.Read.All", "AdvancedQuery.Read.All"],
    graph: ["ThreatHunting.Read.All"],
  };
  async getToken(
    _tenant: string,
    resource: ApiResource,
    options: { forceRefresh?: boolean } = {},
  ): Promise<AccessToken> {
    if (options.forceRefresh) this.refreshes++;
    if (options.forceRefresh || this.issued === 0) this.issued++;
    return {
      token: `token-${this.issued}`,
      expiresOn: null,
      claims: { roles: this.roles[resource], tenantId: TENANT },
    };
  }
}

/** Serves `body`, except that the first download breaks off halfway (the connection drops). */
function dropsFirstDownload(body: Buffer, headers: Record<string, string>) {
  const served: { downloads: number; handler: StubHandler } = {
    downloads: 0,
    handler: (_req, res) => {
      res.writeHead(200, headers);
      if (++served.downloads === 1) {
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        setTimeout(() => res.socket?.destroy(), 20);
      } else {
        res.end(body);
      }
    },
  };
  return served;
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

describe("DefenderClient against a stub server", () => {
  let server: StubServer;
  let dispatcher: Dispatcher;
  let clock: FakeClock;
  let tokens: CountingTokens;
  const client = (options: Partial<DefenderClientOptions> = {}) =>
    new DefenderClient({
      tenantId: TENANT,
      tokens,
      dispatcher,
      defenderApiUrl: server.url,
      graphApiUrl: `${server.url}/graph`,
      clock,
      retry: { random: () => 0.5 },
      ...options,
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
    clock = new FakeClock();
    tokens = new CountingTokens();
    server.requests.length = 0;
  });

  it("pages machines by $top/$skip until a short page, ignoring a bogus nextLink, without duplicates", async () => {
    const fleet = Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, computerDnsName: `host-${i}` }));
    server.route("GET /api/machines", (req, res) => {
      const top = Number(req.url.searchParams.get("$top"));
      const skip = Number(req.url.searchParams.get("$skip"));
      // Overlapping pages, as when the fleet shifts while we read.
      const start = Math.max(0, skip - 1);
      json(res, 200, {
        value: fleet.slice(start, start + top),
        "@odata.nextLink": "?=onboardingstatus&=10000",
      });
    });
    const machines = await collect(client({ machinesPageSize: 2 }).machines());
    expect(machines.map((m) => m.id)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(server.requests[0].headers.authorization).toBe("Bearer token-1");
  });

  it("follows $skiptoken pages, counting a malformed row with drifted casing as skipped", async () => {
    server.route("GET /api/machines/SoftwareInventoryNoProductCodeByMachine", (req, res) => {
      const token = req.url.searchParams.get("$skiptoken");
      if (!token) {
        return json(res, 200, {
          value: [
            {
              DeviceId: "d1",
              SoftwareVendor: "anysphere",
              SoftwareName: "cursor",
              SoftwareVersion: "1.7.0",
              SoftwareLastSeenTimestamp: "2026-11-20 10:00:00",
            },
            { deviceid: "d2", SOFTWARENAME: null },
          ],
          "@odata.nextLink": `${server.url}/api/machines/SoftwareInventoryNoProductCodeByMachine?pagesize=2&$skiptoken=p2`,
        });
      }
      json(res, 200, { Value: [{ deviceId: "d2", softwareName: "ollama", softwareVersion: 0.5 }] });
    });
    const c = client({ pageSize: 2 });
    const rows = await collect(c.nonCpeSoftwareInventory());
    expect(rows).toEqual([
      expect.objectContaining({
        deviceId: "d1",
        softwareName: "cursor",
        softwareLastSeenTimestamp: "2026-11-20 10:00:00",
      }),
      expect.objectContaining({ deviceId: "d2", softwareName: "ollama", softwareVersion: "0.5" }),
    ]);
    expect(c.snapshot()).toMatchObject({ rowsRead: 3, rowsSkipped: 1, calls: 2 });
    expect(server.requests[1].url.searchParams.get("pageSize")).toBe("2");
  });

  it("asks for Defender's largest page and passes a page on in batches as it streams in", async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ DeviceId: `d${i}`, SoftwareName: `s${i}` }));
    server.route("GET /api/machines/SoftwareInventoryByMachine", (_req, res) =>
      json(res, 200, { value: rows }),
    );
    const c = client({ batchSize: 1000 });
    const batches: number[] = [];
    for await (const batch of c.softwareInventory()) batches.push(batch.length);
    expect(batches).toEqual([1000, 1000, 500]);
    expect(server.requests[0].url.searchParams.get("pageSize")).toBe("200000");
  });

  it("reads a page again after a dropped connection without losing or repeating rows", async () => {
    const body = gzipSync(
      JSON.stringify({
        value: Array.from({ length: 3000 }, (_, i) => ({ DeviceId: `d${i}`, SoftwareName: `s${i}` })),
      }),
    );
    const served = dropsFirstDownload(body, {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    server.route("GET /api/machines/SoftwareInventoryByMachine", served.handler);
    const c = client({ batchSize: 100 });
    const read = await collect(c.softwareInventory());
    expect(served.downloads).toBe(2);
    expect(read.map((r) => r.deviceId)).toEqual(Array.from({ length: 3000 }, (_, i) => `d${i}`));
    expect(c.snapshot()).toMatchObject({ rowsRead: 3000, calls: 2, retries: 1 });
  });

  it("fetches a garbled page again, a bounded number of times", async () => {
    let reads = 0;
    server.route("GET /api/machines/BrowserExtensionsInventoryByMachine", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(++reads === 1 ? '{"value":[{"deviceId":"d1"},{"deviceId":' : '{"value":[]}');
    });
    await expect(collect(client().browserExtensions())).resolves.toEqual([]);
    expect(reads).toBe(2);
    server.route("GET /api/machines/SoftwareInventoryByMachine", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"value":[{"deviceId":"d1"},');
    });
    await expect(collect(client().softwareInventory())).rejects.toMatchObject({ code: "MALFORMED_RESPONSE" });
  });

  it("never follows a nextLink to another host", async () => {
    server.route("GET /api/machines/SoftwareInventoryByMachine", (_req, res) =>
      json(res, 200, { value: [], "@odata.nextLink": "https://attacker.example/steal?$skiptoken=x" }),
    );
    await expect(collect(client().softwareInventory())).rejects.toMatchObject({ code: "PAGING_FAILED" });
    expect(server.requests).toHaveLength(1);
  });

  it("waits out Retry-After on 429 and backs off on 5xx, with injected time only", async () => {
    let n = 0;
    server.route("GET /api/Machines/BrowserExtensionsInventoryByMachine", (_req, res) => {
      n++;
      if (n === 1)
        return json(
          res,
          429,
          { error: { code: "TooManyRequests", message: "quota" } },
          { "retry-after": "37" },
        );
      if (n === 2) return json(res, 503, { error: { code: "InternalServerError" } });
      json(res, 200, {
        value: [{ DeviceId: "d1", ExtensionId: "fcoeoabgfenejglbffodgkkbkcdhcgfn", IsActivated: "true" }],
      });
    });
    const c = client();
    const rows = await collect(c.browserExtensions());
    expect(rows).toEqual([
      expect.objectContaining({ extensionId: "fcoeoabgfenejglbffodgkkbkcdhcgfn", isActivated: true }),
    ]);
    // Retry-After as sent; then the first backoff step (500 ms ceiling, half of it fixed, jitter 0.5).
    expect(clock.sleeps).toEqual([37_000, 375]);
    expect(c.snapshot()).toMatchObject({ calls: 3, throttled: 1, retries: 2 });
    const metrics = await metricsRegistry.metrics();
    expect(metrics).toMatch(/defender_api_calls_total\{family="browserExtensions",status="429"\} [1-9]/);
    expect(metrics).toMatch(
      /defender_api_retries_total\{family="browserExtensions",reason="throttled"\} [1-9]/,
    );
  });

  it("honours Retry-After on a 503 when it asks for longer than the backoff", async () => {
    let n = 0;
    server.route("GET /api/machines", (_req, res) =>
      ++n === 1
        ? json(res, 503, { error: { code: "ServiceUnavailable" } }, { "retry-after": "20" })
        : json(res, 200, { value: [{ id: "m1" }] }),
    );
    await collect(client().machines());
    expect(clock.sleeps).toEqual([20_000]);
  });

  it("gives up on persistent 5xx with a typed error", async () => {
    server.route("GET /api/machines", (_req, res) =>
      json(res, 500, { error: { code: "InternalServerError" } }),
    );
    await expect(
      collect(client({ retry: { maxAttempts: 3, random: () => 0 } }).machines()),
    ).rejects.toMatchObject({
      code: "UNAVAILABLE",
      details: { status: 500 },
    });
    expect(server.requests).toHaveLength(3);
  });

  it("gives up with THROTTLED once the throttling budget is spent, which 5xx do not share", async () => {
    let n = 0;
    server.route("GET /api/machines", (_req, res) =>
      ++n % 2
        ? json(res, 429, { error: { code: "TooManyRequests" } }, { "retry-after": "1" })
        : json(res, 500, { error: { code: "InternalServerError" } }),
    );
    const c = client({ retry: { maxAttempts: 4, maxThrottledAttempts: 3, random: () => 0.5 } });
    await expect(collect(c.machines())).rejects.toMatchObject({
      code: "THROTTLED",
      details: { status: 429 },
    });
    // 429, 500, 429, 500, 429: the third 429 ends the call, two 5xx into a budget of four.
    expect(server.requests).toHaveLength(5);
    expect(c.snapshot()).toMatchObject({ calls: 5, throttled: 3, retries: 4 });
    expect(clock.sleeps).toEqual([1_000, 375, 1_000, 750]);
  });

  it("refreshes the token once after a 401, and reports a second 401", async () => {
    server.route("GET /api/machines/m1/logonusers", (req, res) =>
      req.headers.authorization === "Bearer token-1"
        ? json(res, 401, { error: { code: "Unauthorized", message: "expired" } })
        : json(res, 200, {
            value: [
              { id: "contoso\\ann", accountName: "ann", accountDomain: "contoso", logonTypes: "Interactive" },
            ],
          }),
    );
    const users = await client().logonUsers("m1");
    expect(users).toEqual([expect.objectContaining({ accountName: "ann", accountDomain: "contoso" })]);
    expect(tokens.refreshes).toBe(1);

    server.route("GET /api/machines/m2/logonusers", (_req, res) =>
      json(res, 401, { error: { code: "Unauthorized" } }),
    );
    await expect(client().logonUsers("m2")).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("retries a 403 once with a fresh token, which may carry a newly granted permission", async () => {
    server.route("GET /api/machines", (req, res) =>
      req.headers.authorization === "Bearer token-1"
        ? json(res, 403, { error: { code: "Forbidden" } })
        : json(res, 200, { value: [{ id: "m1" }] }),
    );
    expect(await collect(client().machines())).toEqual([expect.objectContaining({ id: "m1" })]);
    expect(tokens.refreshes).toBe(1);
  });

  it("logs every call with family, status, duration and attempt, and never a token", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    server.route("GET /api/machines", (req, res) =>
      req.headers.authorization === "Bearer token-1"
        ? json(res, 401, { error: { code: "Unauthorized" } })
        : json(res, 200, { value: [{ id: "m1" }] }),
    );
    await collect(client({ logger: createLogger("debug", sink) }).machines());
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toEqual([
      expect.objectContaining({ family: "machines", status: "401", attempt: 1, retryReason: "unauthorized" }),
      expect.objectContaining({
        family: "machines",
        status: "200",
        attempt: 2,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(lines.join("")).not.toMatch(/token-\d/);
  });

  it("turns a lasting 403 into a permission error naming the missing permission", async () => {
    tokens.roles.defender = ["Machine.Read.All"];
    server.route("GET /api/machines/SoftwareInventoryByMachine", (_req, res) =>
      json(res, 403, {
        error: {
          code: "Forbidden",
          message: "The application does not have any of the required application permissions",
        },
      }),
    );
    const error = await collect(client().softwareInventory()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefenderPermissionError);
    expect(error).toMatchObject({
      code: "PERMISSION_MISSING",
      missingPermissions: ["Software.Read.All"],
      grantedPermissions: ["Machine.Read.All"],
    });
    expect((error as Error).message).toMatch(/Software\.Read\.All/);
  });

  it("streams a gzip JSON-lines export with PascalCase keys, without a bearer token on the file link", async () => {
    const lines = [
      {
        DeviceId: "d1",
        SoftwareVendor: "anysphere",
        SoftwareName: "cursor",
        DiskPaths: ["C:\\Users\\ann\\Cursor.exe"],
      },
      "not json",
      { DeviceId: "d2", SoftwareVendor: "ollama", SoftwareName: "ollama" },
    ];
    const file = gzipSync(
      lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n",
    );
    server.route("GET /api/machines/SoftwareInventoryExport", (_req, res) =>
      json(res, 200, {
        exportFiles: [`${server.url}/_blob/part-0.json.gz?se=x&sig=y`],
        generatedTime: "2026-11-27T06:00:00Z",
      }),
    );
    server.route("GET /_blob/part-0.json.gz", (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(file);
    });
    const c = client({ batchSize: 1 });
    const rows = await collect(c.softwareInventoryExport());
    expect(rows.map((r) => r.deviceId)).toEqual(["d1", "d2"]);
    expect(rows[0].diskPaths).toEqual(["C:\\Users\\ann\\Cursor.exe"]);
    expect(c.snapshot()).toMatchObject({ rowsRead: 3, rowsSkipped: 1 });
    const blob = server.requests.find((r) => r.url.pathname.startsWith("/_blob"));
    expect(blob?.headers.authorization).toBeUndefined();
  });

  it("resumes an export file after a dropped connection without losing or repeating rows", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ DeviceId: `d${i}`, SoftwareName: `s${i}` }),
    );
    const file = gzipSync(rows.join("\n"));
    server.route("GET /api/machines/SoftwareInventoryNonCpeExport", (_req, res) =>
      json(res, 200, { exportFiles: [`${server.url}/_blob/cut.json.gz`] }),
    );
    const served = dropsFirstDownload(file, { "content-length": String(file.length) });
    server.route("GET /_blob/cut.json.gz", served.handler);
    const c = client({ batchSize: 100 });
    const read = await collect(c.nonCpeSoftwareInventoryExport());
    expect(served.downloads).toBe(2);
    expect(read.map((r) => r.deviceId)).toEqual(rows.map((_r, i) => `d${i}`));
    expect(c.snapshot().rowsRead).toBe(2000);
  });

  it("rejects an export file link on an unexpected host", async () => {
    server.route("GET /api/machines/SoftwareInventoryExport", (_req, res) =>
      json(res, 200, { exportFiles: ["https://files.example.com/part-0.json.gz"] }),
    );
    await expect(collect(client().softwareInventoryExport())).rejects.toMatchObject({
      code: "EXPORT_LINK_REJECTED",
    });
  });

  describe("hunting", () => {
    const legacyAnswer = {
      Schema: [
        { Name: "DeviceId", Type: "String" },
        { Name: "Timestamp", Type: "DateTime" },
      ],
      Results: [{ DeviceId: "d1", Timestamp: "2026-11-26T10:00:00Z" }],
    };
    const graphAnswer = { schema: [{ name: "DeviceId", type: "String" }], results: [{ DeviceId: "d1" }] };

    it("uses Graph in auto mode, falling back to legacy once Graph is forbidden", async () => {
      server.route("POST /graph/v1.0/security/runHuntingQuery", (_req, res) =>
        json(res, 403, { error: { code: "Forbidden" } }),
      );
      server.route("POST /api/advancedqueries/run", (_req, res) => json(res, 200, legacyAnswer));
      const c = client({ huntingApi: "auto" });
      const first = await c.runHuntingQuery("DeviceInfo | take 1");
      expect(first).toEqual({
        api: "legacy",
        schema: legacyAnswer.Schema.map((s) => ({ name: s.Name, type: s.Type })),
        rows: [{ DeviceId: "d1", Timestamp: new Date("2026-11-26T10:00:00Z") }],
      });
      await c.runHuntingQuery("DeviceInfo | take 1");
      const paths = server.requests.map((r) => r.url.pathname);
      // Graph twice (the 403 is retried once with a fresh token), then legacy from then on.
      expect(paths).toEqual([
        "/graph/v1.0/security/runHuntingQuery",
        "/graph/v1.0/security/runHuntingQuery",
        "/api/advancedqueries/run",
        "/api/advancedqueries/run",
      ]);
      expect(JSON.parse(server.requests[2].body)).toEqual({ Query: "DeviceInfo | take 1" });
    });

    it("moves from the legacy API to Graph when the legacy one is retired", async () => {
      server.route("POST /api/advancedqueries/run", (_req, res) =>
        json(res, 410, { error: { code: "Gone" } }),
      );
      server.route("POST /graph/v1.0/security/runHuntingQuery", (_req, res) => json(res, 200, graphAnswer));
      const result = await client({ huntingApi: "legacy" }).runHuntingQuery("DeviceInfo", {
        timespan: "P7D",
      });
      expect(result).toMatchObject({ api: "graph", rows: [{ DeviceId: "d1" }] });
      expect(JSON.parse(server.requests[1].body)).toEqual({ Query: "DeviceInfo", Timespan: "P7D" });
    });

    it("names both permissions when both APIs are forbidden", async () => {
      server.route("POST /api/advancedqueries/run", (_req, res) =>
        json(res, 403, { error: { code: "Forbidden" } }),
      );
      server.route("POST /graph/v1.0/security/runHuntingQuery", (_req, res) =>
        json(res, 403, { error: { code: "Forbidden" } }),
      );
      await expect(client().runHuntingQuery("DeviceInfo")).rejects.toMatchObject({
        missingPermissions: ["ThreatHunting.Read.All", "AdvancedQuery.Read.All"],
      });
    });

    it("passes a 400 (unsupported KQL) through with the server's message, without fallback", async () => {
      server.route("POST /graph/v1.0/security/runHuntingQuery", (_req, res) =>
        json(res, 400, { error: { code: "BadRequest", message: "Unsupported operator: join" } }),
      );
      await expect(client().runHuntingQuery("A | join B")).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/join/),
      });
      expect(server.requests).toHaveLength(1);
    });
  });
});
