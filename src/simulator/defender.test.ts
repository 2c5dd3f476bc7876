import { gunzipSync } from "node:zlib";
import { startSimulator, type RunningSimulator } from "./index";
import { simulatorClient, type Reply } from "../../test/support/simulator-client";

type Page = { value: Record<string, unknown>[]; "@odata.nextLink"?: string };

const T0 = Date.parse("2026-11-27T08:00:00Z");

function rowKey(row: Record<string, unknown>): string {
  const get = (name: string) => String(row[name] ?? row[name[0].toUpperCase() + name.slice(1)]);
  return [get("deviceId"), get("softwareVendor"), get("softwareName"), get("softwareVersion")].join("|");
}

async function followAll(
  call: (path: string) => Promise<Reply>,
  first: string,
): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  let next: string | undefined = first;
  let pages = 0;
  while (next) {
    const reply = await call(next);
    expect(reply.status).toBe(200);
    const page = reply.json<Page>();
    rows.push(...page.value);
    next = page["@odata.nextLink"];
    pages++;
  }
  return { rows, pages };
}

describe("Defender endpoints", () => {
  let sim: RunningSimulator;
  let client: ReturnType<typeof simulatorClient>;
  let token: string;
  let now = T0;
  const get = (path: string) => client.call(path, { token });

  beforeAll(async () => {
    sim = await startSimulator({ devices: 250, seed: 11, rateLimits: false, now: () => now });
    client = simulatorClient(sim);
    token = await client.token();
  });
  afterAll(() => sim.close());
  afterEach(() => {
    now = T0;
    sim.control.setFaults({ throttleEvery: 0, failEvery: 0, latencyMs: 0, tokenLifetimeSeconds: 3599 });
  });

  function expectedSoftware(cpe: boolean): string[] {
    const keys: string[] = [];
    for (const device of sim.fleet.reportingDevices(0)) {
      for (const row of sim.fleet.softwareRows(device, 0))
        if (row.item.cpe === cpe)
          keys.push([device.id, row.item.vendor, row.item.name, row.version].join("|"));
    }
    return keys.sort();
  }

  it("pages machines with $top/$skip, every machine exactly once and no nextLink when $top is given", async () => {
    const ids: string[] = [];
    for (let skip = 0; ; skip += 40) {
      const page = (await get(`/api/machines?$top=40&$skip=${skip}`)).json<Page>();
      expect(page["@odata.nextLink"]).toBeUndefined();
      ids.push(...page.value.map((m) => String(m.id)));
      if (page.value.length < 40) break;
    }
    const records = [...sim.fleet.machineRecords(0)].map((r) => r.former?.id ?? r.device.id);
    expect(records.length).toBeGreaterThan(250);
    expect(ids).toHaveLength(records.length);
    expect(new Set(ids)).toEqual(new Set(records));
  });

  it("lists older records of re-onboarded devices, flagged, some merged into the current record", async () => {
    const machines = (await get("/api/machines")).json<Page>().value;
    const former = machines.filter((m) => m.isPotentialDuplication === true);
    expect(former.length).toBeGreaterThan(0);
    expect(former.length).toBeLessThan(machines.length * 0.05);
    const current = new Map(machines.filter((m) => !m.isPotentialDuplication).map((m) => [m.id, m]));
    for (const record of former) {
      const twin = [...current.values()].find((m) => m.computerDnsName === record.computerDnsName)!;
      expect(record).toMatchObject({ healthStatus: "Inactive", aadDeviceId: twin.aadDeviceId });
      expect([null, twin.id]).toContain(record.mergedIntoMachineId);
      expect(String(record.lastSeen) < String(twin.lastSeen)).toBe(true);
    }
    expect(former.some((m) => m.mergedIntoMachineId)).toBe(true);
  });

  it("rejects $top above 10,000", async () => {
    const reply = await get("/api/machines?$top=10001");
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({
      error: { code: "InvalidInput", message: expect.any(String), target: expect.any(String) },
    });
  });

  it("filters machines by osPlatform, health, onboarding (case-insensitively), lastSeen and name prefix", async () => {
    const listed = [...sim.fleet.machineRecords(0)].map((r) => r.device);
    const mac = (await get("/api/machines?$filter=osPlatform eq 'macOS'")).json<Page>().value;
    expect(mac.length).toBe(listed.filter((d) => d.osPlatform === "macOS").length);
    const onboarded = (await get("/api/machines?$filter=onboardingStatus eq 'Onboarded'")).json<Page>().value;
    expect(new Set(onboarded.map((m) => m.onboardingStatus))).toEqual(new Set(["Onboarded", "onboarded"]));
    const prefix = (await get("/api/machines?$filter=startswith(computerDnsName,'mac-00001')")).json<Page>()
      .value;
    expect(prefix.every((m) => String(m.computerDnsName).startsWith("mac-00001"))).toBe(true);
    const inactive = (await get("/api/machines?$filter=healthStatus eq 'Inactive'")).json<Page>().value;
    expect(inactive.every((m) => m.healthStatus === "Inactive")).toBe(true);
    const recent = (
      await get(`/api/machines?$filter=lastSeen gt ${new Date(T0 - 86_400_000).toISOString()}`)
    ).json<Page>().value;
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(250);
    expect((await get("/api/machines?$filter=contains(computerDnsName,'x')")).status).toBe(400);
  });

  it("drifts field shapes: numeric rbacGroupId on machines, string on software rows", async () => {
    const machine = (await get("/api/machines?$top=1")).json<Page>().value[0];
    expect(typeof machine.rbacGroupId).toBe("number");
    const row = (await get("/api/machines/SoftwareInventoryByMachine?$top=1")).json<Page>().value[0];
    expect(typeof row.rbacGroupId).toBe("string");
    expect(row.softwareFirstSeenTimestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it.each([
    ["SoftwareInventoryByMachine", true],
    ["SoftwareInventoryNoProductCodeByMachine", false],
  ])("pages %s by $skiptoken nextLink, every row exactly once", async (endpoint, cpe) => {
    const { rows, pages } = await followAll(get, `/api/machines/${endpoint}?pageSize=997`);
    expect(pages).toBeGreaterThan(3);
    const keys = rows.map(rowKey).sort();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expectedSoftware(cpe));
  });

  it("suppresses nextLink when $top is given and caps pageSize at 200,000", async () => {
    const page = (await get("/api/machines/SoftwareInventoryByMachine?$top=10")).json<Page>();
    expect(page.value).toHaveLength(10);
    expect(page["@odata.nextLink"]).toBeUndefined();
    expect((await get("/api/machines/SoftwareInventoryByMachine?pageSize=200001")).status).toBe(400);
    expect((await get("/api/machines/SoftwareInventoryByMachine?pageSize=0")).status).toBe(400);
  });

  it("exports software via gzip JSON-lines files with PascalCase keys, every row exactly once", async () => {
    for (const [endpoint, cpe] of [
      ["SoftwareInventoryExport", true],
      ["SoftwareInventoryNonCpeExport", false],
    ] as const) {
      const reply = (await get(`/api/machines/${endpoint}?sasValidHours=2`)).json<{
        exportFiles: string[];
        generatedTime: string;
      }>();
      expect(reply.generatedTime).toEqual(expect.any(String));
      const rows: Record<string, unknown>[] = [];
      for (const file of reply.exportFiles) {
        const blob = await client.call(file);
        expect(blob.status).toBe(200);
        const text = gunzipSync(blob.body).toString("utf8");
        rows.push(
          ...text
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Record<string, unknown>),
        );
      }
      expect(Object.keys(rows[0])).toEqual(
        expect.arrayContaining([
          "DeviceId",
          "SoftwareVendor",
          "SoftwareName",
          "SoftwareVersion",
          "OSPlatform",
        ]),
      );
      const keys = rows.map(rowKey).sort();
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(expectedSoftware(cpe));
    }
  });

  it("exports browser extensions via files too", async () => {
    const files = (await get("/api/machines/browserextensionsinventoryExport")).json<{
      exportFiles: string[];
    }>().exportFiles;
    const rows = (await Promise.all(files.map((f) => client.call(f)))).flatMap((blob) =>
      gunzipSync(blob.body)
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    );
    const expected = [...sim.fleet.reportingDevices(0)].reduce(
      (n, d) => n + sim.fleet.browserExtensions(d, 0).length,
      0,
    );
    expect(rows).toHaveLength(expected);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(["DeviceId", "ExtensionId", "BrowserName"]));
  });

  it("expires export links: 403 after sasValidHours and for a tampered signature", async () => {
    const file = (await get("/api/machines/SoftwareInventoryExport")).json<{ exportFiles: string[] }>()
      .exportFiles[0];
    const tampered = file.replace(/sig=[^&]+/, "sig=forged");
    expect((await client.call(tampered)).status).toBe(403);
    now = T0 + 2 * 3_600_000;
    const expired = await client.call(file);
    expect(expired.status).toBe(403);
    expect(expired.body.toString()).toContain("AuthenticationFailed");
  });

  it("pages browser extensions with PascalCase keys and includes planted agent extensions", async () => {
    const { rows } = await followAll(get, "/api/Machines/BrowserExtensionsInventoryByMachine?pageSize=100");
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining([
        "DeviceId",
        "BrowserName",
        "ExtensionId",
        "ExtensionName",
        "IsActivated",
        "RbacGroupId",
      ]),
    );
    const planted = [...sim.fleet.plantedInstallations(0)].filter((p) => p.channel === "BROWSER_EXTENSION");
    expect(
      rows.filter((r) =>
        ["fcoeoabgfenejglbffodgkkbkcdhcgfn", "ejcfepkfckglbgocfkanmcdngdijcgld"].includes(
          String(r.ExtensionId),
        ),
      ),
    ).toHaveLength(planted.length);
  });

  it("lists logon users per machine and answers 404 for unknown machines", async () => {
    const device = [...sim.fleet.reportingDevices(0)][0];
    const users = (await get(`/api/machines/${device.id}/logonusers`)).json<Page>().value;
    expect(users[0]).toMatchObject({
      accountName: device.user.accountName,
      accountDomain: device.user.accountDomain,
      logonTypes: "Interactive",
    });
    const missing = await get("/api/machines/0000000000000000000000000000000000000000/logonusers");
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: "ResourceNotFound" } });
  });

  it("answers 401 for missing, expired and wrong-audience tokens", async () => {
    expect((await client.call("/api/machines")).status).toBe(401);
    const graphToken = await client.token("https://graph.microsoft.com/.default");
    expect((await client.call("/api/machines", { token: graphToken })).status).toBe(401);
    expect(
      (
        await client.call("/v1.0/security/runHuntingQuery", {
          method: "POST",
          token,
          body: JSON.stringify({ Query: "DeviceInfo | take 1" }),
        })
      ).status,
    ).toBe(401);
    sim.control.setFaults({ tokenLifetimeSeconds: 60 });
    const short = await client.token();
    now = T0 + 61_000;
    const expired = await client.call("/api/machines?$top=1", { token: short });
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: "Unauthorized" } });
  });

  it("answers 403 naming the missing permission once a permission is dropped", async () => {
    sim.control.dropPermissions(["Software.Read.All"]);
    try {
      const reduced = await client.token();
      const reply = await client.call("/api/machines/SoftwareInventoryByMachine", { token: reduced });
      expect(reply.status).toBe(403);
      expect(reply.json()).toMatchObject({
        error: {
          code: "Forbidden",
          message:
            "The application does not have any of the required application permissions (Software.Read.All) to access the resource.",
        },
      });
      expect((await client.call("/api/machines?$top=1", { token: reduced })).status).toBe(200);
    } finally {
      sim.control.restorePermissions();
    }
  });

  it("injects throttling with Retry-After and 500s every Nth call, and counts them", async () => {
    sim.control.resetStats();
    sim.control.setFaults({ throttleEvery: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await get("/api/machines?$top=1");
      statuses.push(reply.status);
      if (reply.status === 429) {
        expect(reply.headers["retry-after"]).toMatch(/^\d+$/);
        expect(reply.json()).toMatchObject({ error: { code: "TooManyRequests" } });
      }
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    sim.control.setFaults({ throttleEvery: 0, failEvery: 2 });
    const failures = [await get("/api/machines?$top=1"), await get("/api/machines?$top=1")].filter(
      (r) => r.status === 500,
    );
    expect(failures).toHaveLength(1);
    expect(failures[0].json()).toMatchObject({ error: { code: "InternalServerError" } });
    expect(sim.control.stats().machines).toEqual({ calls: 8, throttled: 2, failed: 1 });
  });
});

describe("Machine list beyond one page", () => {
  it("adds @odata.nextLink without $top and pages 10,000 at a time", async () => {
    const sim = await startSimulator({ devices: 10_040, seed: 6, rateLimits: false });
    try {
      const client = simulatorClient(sim);
      const token = await client.token();
      const { rows, pages } = await followAll((path) => client.call(path, { token }), "/api/machines");
      expect(pages).toBe(2);
      // Every device, and the older records of re-onboarded ones.
      expect(new Set(rows.map((m) => m.id)).size).toBe([...sim.fleet.machineRecords(0)].length);
      expect(rows.filter((m) => !m.isPotentialDuplication)).toHaveLength(10_040);
    } finally {
      await sim.close();
    }
  });
});

describe("Rate limits", () => {
  let sim: RunningSimulator;
  let client: ReturnType<typeof simulatorClient>;
  let now = T0;

  beforeAll(async () => {
    sim = await startSimulator({ devices: 10, seed: 2, now: () => now });
    client = simulatorClient(sim);
  });
  afterAll(() => sim.close());

  it("throttles per endpoint family with 429 and Retry-After, and recovers when the window passes", async () => {
    const token = await client.token();
    for (let i = 0; i < 30; i++)
      expect((await client.call("/api/machines/SoftwareInventoryByMachine?$top=1", { token })).status).toBe(
        200,
      );
    const throttled = await client.call("/api/machines/SoftwareInventoryNoProductCodeByMachine?$top=1", {
      token,
    });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
    expect(throttled.json()).toMatchObject({
      error: { code: "TooManyRequests", message: expect.stringContaining("30 per 1m") },
    });
    expect((await client.call("/api/machines?$top=1", { token })).status).toBe(200);
    now += 61_000;
    expect((await client.call("/api/machines/SoftwareInventoryByMachine?$top=1", { token })).status).toBe(
      200,
    );
  });

  it("allows 5 export calls a minute", async () => {
    const token = await client.token();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await client.call("/api/machines/SoftwareInventoryExport", { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe("Control API", () => {
  let sim: RunningSimulator;
  let client: ReturnType<typeof simulatorClient>;

  beforeAll(async () => {
    sim = await startSimulator({ devices: 30, seed: 4, rateLimits: false });
    client = simulatorClient(sim);
  });
  afterAll(() => sim.close());

  const post = (name: string, body: unknown) =>
    client.call(`/_control/${name}`, { method: "POST", body: JSON.stringify(body) });

  it("sets faults, consent, permissions and the day, and reports stats over loopback HTTP", async () => {
    expect((await post("faults", { latencyMs: 5 })).json()).toMatchObject({ latencyMs: 5, throttleEvery: 0 });
    expect((await post("day", { advance: 3 })).json()).toEqual({ day: 3 });
    expect(sim.control.day()).toBe(3);
    expect((await post("permissions", { drop: ["User.Read.All"] })).json()).toEqual({
      dropped: ["User.Read.All"],
    });
    expect((await post("permissions", { restore: true })).json()).toEqual({ dropped: [] });
    expect((await post("consent", { decision: "decline" })).json()).toEqual({
      consented: true,
      decision: "decline",
    });
    expect((await post("consent", { revoke: true })).json()).toEqual({
      consented: false,
      decision: "decline",
    });
    await expect(client.token()).rejects.toThrow(/AADSTS7000229/);
    const stats = (await client.call("/_control/stats")).json<
      Record<string, { calls: number; failed: number }>
    >();
    expect(stats.token).toMatchObject({ calls: 1, failed: 1 });
  });
});
