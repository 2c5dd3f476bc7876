/**
 * The connector against the Defender + Entra simulator, started in-process with an injected
 * clock: a full read of every source, faults, short-lived tokens, dropped permissions and drift.
 */
import { generate } from "selfsigned";
import { Agent, request } from "undici";
import { startSimulator, type RunningSimulator } from "../simulator";
import { createDefenderConnector, type ConnectorSettings, type DefenderConnector } from "./connector";
import type { DefenderClient } from "./defender-client";
import { DefenderPermissionError } from "./errors";
import { FakeClock } from "../../test/support/fake-clock";
import { json, startStubServer } from "../../test/support/stub-server";

const DEVICES = 1000;
// Real HTTPS to a generator of ~200,000 rows per full read: generous on a loaded CI machine.
jest.setTimeout(300_000);

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

/** Every source, reduced to sorted keys: two reads of the same fleet must give the same picture. */
async function readEverything(client: DefenderClient) {
  const machines = await collect(client.machines());
  const key = (r: {
    deviceId: string;
    softwareVendor: string | null;
    softwareName: string;
    softwareVersion: string | null;
  }) => `${r.deviceId}|${r.softwareVendor}|${r.softwareName}|${r.softwareVersion}`;
  const cpe = (await collect(client.softwareInventory())).map(key).sort();
  const nonCpe = (await collect(client.nonCpeSoftwareInventory())).map(key).sort();
  const cpeExport = (await collect(client.softwareInventoryExport())).map(key).sort();
  const nonCpeExport = (await collect(client.nonCpeSoftwareInventoryExport())).map(key).sort();
  const extensions = (await collect(client.browserExtensions()))
    .map((e) => `${e.deviceId}|${e.browserName}|${e.extensionId}`)
    .sort();
  const logons: string[] = [];
  for (const machine of machines.slice(0, 50)) {
    for (const user of await client.logonUsers(machine.id))
      logons.push(`${machine.id}|${user.accountDomain}\\${user.accountName}`);
  }
  const hunting = await client.runHuntingQuery("DeviceInfo | summarize Devices = dcount(DeviceId)");
  return {
    machines: machines.map((m) => m.id).sort(),
    cpe,
    nonCpe,
    cpeExport,
    nonCpeExport,
    extensions,
    logons: logons.sort(),
    hunting: hunting.rows,
  };
}

describe("DefenderClient against the simulator", () => {
  let sim: RunningSimulator;
  let clock: FakeClock;
  let connector: DefenderConnector;
  const settings = (): ConnectorSettings => ({
    clientId: sim.clientId,
    credential: { clientSecret: sim.clientSecret },
    authorityHost: sim.url,
    defenderApiUrl: sim.url,
    graphApiUrl: sim.url,
    trustCa: sim.ca,
    clock,
    retry: { random: () => 0.5 },
    client: { pageSize: 5_000, machinesPageSize: 300, batchSize: 2_000 },
  });
  let clean: Awaited<ReturnType<typeof readEverything>>;

  beforeAll(async () => {
    clock = new FakeClock();
    sim = await startSimulator({ devices: DEVICES, seed: 7, port: 0, now: clock.now });
    connector = createDefenderConnector(settings());
    clean = await readEverything(connector.client(sim.tenantId));
  });
  afterAll(async () => {
    await connector?.close();
    await sim?.close();
  });
  beforeEach(() => {
    sim.control.setFaults({ throttleEvery: 0, failEvery: 0, tokenLifetimeSeconds: 3599 });
    sim.control.restorePermissions();
  });

  it("reads every source of a 1,000-device fleet completely", () => {
    const day = sim.control.day();
    const listed = [...sim.fleet.machineRecords(day)].map((r) => r.former?.id ?? r.device.id).sort();
    expect(clean.machines).toEqual(listed);
    let cpeRows = 0;
    let nonCpeRows = 0;
    let extensionRows = 0;
    for (const device of sim.fleet.reportingDevices(day)) {
      const rows = sim.fleet.softwareRows(device, day);
      cpeRows += rows.filter((r) => r.item.cpe).length;
      nonCpeRows += rows.filter((r) => !r.item.cpe).length;
      extensionRows += sim.fleet.browserExtensions(device, day).length;
    }
    expect(clean.cpe).toHaveLength(cpeRows);
    expect(clean.nonCpe).toHaveLength(nonCpeRows);
    expect(clean.extensions).toHaveLength(extensionRows);
    expect(new Set(clean.cpe).size).toBe(cpeRows);
    // The "via files" exports carry exactly what the JSON pages do.
    expect(clean.cpeExport).toEqual(clean.cpe);
    expect(clean.nonCpeExport).toEqual(clean.nonCpe);
    expect(clean.logons.length).toBeGreaterThan(0);
    expect(clean.hunting).toHaveLength(1);
    expect(cpeRows + nonCpeRows).toBeGreaterThan(DEVICES * 10);
  });

  it("gives the same data under throttling every 3rd call and a 5xx every 5th, waiting only on injected time", async () => {
    sim.control.setFaults({ throttleEvery: 3, failEvery: 5 });
    const client = connector.client(sim.tenantId);
    const [realStart, virtualStart] = [Date.now(), clock.now()];
    const faulty = await readEverything(client);
    expect(faulty).toEqual(clean);
    const stats = client.snapshot();
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.retries).toBeGreaterThan(stats.throttled);
    expect(stats.rowsSkipped).toBe(0);
    // Retry-After waits happened on the injected clock, not the wall clock.
    expect(clock.now() - virtualStart).toBeGreaterThan(Date.now() - realStart);
  });

  it("paces itself inside the documented limits instead of provoking 429s", async () => {
    // A new connector has a new budget: let the calls of earlier tests leave the server's windows.
    clock.advance(3_600_000);
    sim.control.resetStats();
    const paced = createDefenderConnector({ ...settings(), client: { pageSize: 250 } });
    const client = paced.client(sim.tenantId);
    const virtualStart = clock.now();
    const rows = await collect(client.softwareInventory());
    const pages = Math.ceil(rows.length / 250);
    expect(rows).toHaveLength(clean.cpe.length);
    expect(pages).toBeGreaterThan(60);
    expect(client.snapshot().throttled).toBe(0);
    expect(Object.values(sim.control.stats()).every((s) => s.throttled === 0)).toBe(true);
    // 30 calls a minute: the walk takes the minutes the budget imposes, and barely more.
    const minimum = Math.floor((pages - 1) / 30) * 60_000;
    expect(clock.now() - virtualStart).toBeGreaterThanOrEqual(minimum);
    expect(clock.now() - virtualStart).toBeLessThan(minimum * 1.1 + 60_000);
    await paced.close();
  });

  it("refreshes tokens transparently when they live shorter than the sync", async () => {
    // Long enough for msal to cache the token (it renews 5 minutes early), short against the sync.
    sim.control.setFaults({ tokenLifetimeSeconds: 900 });
    const client = connector.client(sim.tenantId);
    const machines: string[] = [];
    for await (const page of client.machines()) {
      machines.push(...page.map((m) => m.id));
      clock.advance(20 * 60_000); // each page outlives the token
    }
    expect(machines.sort()).toEqual(clean.machines);
    expect(client.snapshot().retries).toBeGreaterThan(0);
  });

  it("answers hunting queries the same through Graph and the legacy API", async () => {
    const query = "DeviceInfo | summarize Devices = dcount(DeviceId) by OSPlatform | order by OSPlatform asc";
    const viaGraph = createDefenderConnector({ ...settings(), huntingApi: "graph" });
    const viaLegacy = createDefenderConnector({ ...settings(), huntingApi: "legacy" });
    try {
      const graph = await viaGraph.client(sim.tenantId).runHuntingQuery(query);
      const legacy = await viaLegacy.client(sim.tenantId).runHuntingQuery(query);
      expect(graph.api).toBe("graph");
      expect(legacy.api).toBe("legacy");
      expect(graph.rows.length).toBeGreaterThan(0);
      expect(legacy.rows).toEqual(graph.rows);
    } finally {
      await Promise.all([viaGraph.close(), viaLegacy.close()]);
    }
  });

  it("turns Entra's refusals into typed errors: no consent, bad secret, unknown tenant", async () => {
    const unconsented = await startSimulator({ devices: 10, consented: false, now: clock.now });
    const connectors = [
      createDefenderConnector({
        ...settings(),
        authorityHost: unconsented.url,
        defenderApiUrl: unconsented.url,
        trustCa: unconsented.ca,
        clientId: unconsented.clientId,
        credential: { clientSecret: unconsented.clientSecret },
      }),
      createDefenderConnector({ ...settings(), credential: { clientSecret: "wrong" } }),
    ];
    try {
      await expect(collect(connectors[0].client(unconsented.tenantId).machines())).rejects.toMatchObject({
        code: "CONSENT_REQUIRED",
      });
      await expect(collect(connectors[1].client(sim.tenantId).machines())).rejects.toMatchObject({
        code: "INVALID_CLIENT_CREDENTIAL",
      });
      await expect(connector.permissions("99999999-9999-9999-9999-999999999999")).rejects.toMatchObject({
        code: "UNKNOWN_TENANT",
      });
    } finally {
      await Promise.all(connectors.map((c) => c.close()));
      await unconsented.close();
    }
  });

  it("authenticates with a certificate (signed client assertion) as well as a secret", async () => {
    // msal stamps the assertion with the wall clock, so this simulator keeps real time.
    const realTime = await startSimulator({ devices: 10 });
    const pems = await generate([{ name: "commonName", value: "agent-inventory" }], { keySize: 2048 });
    const withCertificate = createDefenderConnector({
      clientId: realTime.clientId,
      credential: { certificatePem: `${pems.private}\n${pems.cert}` },
      authorityHost: realTime.url,
      defenderApiUrl: realTime.url,
      graphApiUrl: realTime.url,
      trustCa: realTime.ca,
    });
    try {
      const report = await withCertificate.permissions(realTime.tenantId);
      expect(report).toMatchObject({ tenantId: realTime.tenantId, missing: [] });
    } finally {
      await withCertificate.close();
      await realTime.close();
    }
  });

  it("names Software.Read.All when it is dropped", async () => {
    sim.control.dropPermissions(["Software.Read.All"]);
    const fresh = createDefenderConnector(settings());
    try {
      const report = await fresh.permissions(sim.tenantId);
      expect(report.tenantId).toBe(sim.tenantId);
      expect(report.missing).toEqual(["Software.Read.All"]);
      const error = await collect(fresh.client(sim.tenantId).softwareInventory()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DefenderPermissionError);
      expect(error).toMatchObject({ code: "PERMISSION_MISSING", missingPermissions: ["Software.Read.All"] });
      // Other sources keep working.
      expect((await collect(fresh.client(sim.tenantId).machines())).length).toBe(clean.machines.length);
    } finally {
      await fresh.close();
    }
  });

  it("skips and counts a malformed row in a page whose keys drifted in casing", async () => {
    // A relay in front of the simulator rewrites the first page: PascalCase keys and one broken row.
    const relay = await startStubServer();
    const relayed = createDefenderConnector({
      ...settings(),
      defenderApiUrl: relay.url,
      trustCa: `${sim.ca}\n${relay.ca}`,
    });
    try {
      relay.route("GET /api/machines/SoftwareInventoryNoProductCodeByMachine", async (req, res) => {
        const target = `${sim.url}${req.url.pathname}${req.url.search}`;
        const response = await fetchVia(target, req.headers.authorization ?? "", sim.ca);
        if (response.status !== 200)
          return json(res, response.status, JSON.parse(response.body), response.headers);
        const page = JSON.parse(response.body) as {
          value: Record<string, unknown>[];
          "@odata.nextLink"?: string;
        };
        if (!req.url.searchParams.has("$skiptoken")) {
          page.value = page.value.map((row) =>
            Object.fromEntries(Object.entries(row).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), v])),
          );
          page.value[1] = { DeviceId: null, SoftwareName: 42 };
        }
        if (page["@odata.nextLink"])
          page["@odata.nextLink"] = page["@odata.nextLink"].replace(sim.url, relay.url);
        json(res, 200, page);
      });
      const client = relayed.client(sim.tenantId);
      const rows = await collect(client.nonCpeSoftwareInventory());
      expect(rows).toHaveLength(clean.nonCpe.length - 1);
      expect(client.snapshot()).toMatchObject({ rowsRead: clean.nonCpe.length, rowsSkipped: 1 });
    } finally {
      await relayed.close();
      await relay.close();
    }
  });
});

/** Plain GET trusting the simulator's CA (the relay's own upstream call). */
async function fetchVia(url: string, authorization: string, ca: string) {
  const dispatcher = new Agent({ connect: { ca } });
  try {
    const response = await request(url, { headers: { authorization }, dispatcher });
    const retryAfter = response.headers["retry-after"];
    return {
      status: response.statusCode,
      headers: (typeof retryAfter === "string" ? { "retry-after": retryAfter } : {}) as Record<
        string,
        string
      >,
      body: await response.body.text(),
    };
  } finally {
    await dispatcher.close();
  }
}
