import { createLogger } from "../../config/logger";
import type { HuntingRow, SoftwareInventoryRow } from "../../defender";
import type { Detection } from "../../detection";
import type { McpFindings } from "../../detection/mcp";
import { EvidenceSource } from "../../model/enums";
import { browserExtensions } from "./browser-extensions";
import { advancedHunting, agentsInfo, HUNTING_ROW_LIMIT } from "./hunting";
import { mcpServers } from "./mcp-servers";
import type { SourceClient, SourceInput } from "./module";
import { SourceReader } from "./read";
import { softwareInventory } from "./software-inventory";

const logger = createLogger("silent");
const DEVICE = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
const NOW = new Date("2026-11-27T08:00:00Z");

/** A software inventory row as the connector parses it; Cursor's publisher and name per Defender's tokens. */
function softwareRow(deviceId: string, vendor = "anysphere", name = "cursor"): SoftwareInventoryRow {
  return {
    deviceId,
    deviceName: null,
    osPlatform: null,
    rbacGroupId: null,
    rbacGroupName: null,
    softwareVendor: vendor,
    softwareName: name,
    softwareVersion: "2.0.77",
    numberOfWeaknesses: null,
    diskPaths: [],
    registryPaths: [],
    softwareFirstSeenTimestamp: null,
    softwareLastSeenTimestamp: null,
    endOfSupportStatus: null,
    endOfSupportDate: null,
  };
}

/** An AgentsInfo row for Gemini CLI, as the hunting API returns it (column names of the query). */
const geminiCli: HuntingRow = {
  AgentId: "agent-1",
  Name: "Gemini CLI",
  Version: "1.2.3",
  LifecycleStatus: "Active",
  Timestamp: new Date("2026-11-20T08:00:00Z"),
  RawAgentInfo: { localAgentMetadata: { deviceName: "lt-000001.contoso.com", relatedProcess: "node" } },
};

async function* pages<T>(...list: (T[] | Error)[]): AsyncGenerator<T[]> {
  for (const page of list) {
    if (page instanceof Error) throw page;
    yield page;
  }
}

/** A connector client answering from fixed pages; every call it is asked counts one API call. */
function fakeClient(answers: Partial<SourceClient>): SourceClient & { asked: string[] } {
  const asked: string[] = [];
  const none = () => pages<never>();
  const stats = { calls: 0, throttled: 0, retries: 0, rowsRead: 0, rowsSkipped: 0 };
  const counted =
    <A extends unknown[], R>(name: string, f: (...args: A) => R) =>
    (...args: A): R => {
      asked.push(name);
      stats.calls++;
      return f(...args);
    };
  return {
    asked,
    snapshot: () => ({ ...stats }),
    machines: counted("machines", answers.machines ?? none),
    softwareInventory: counted("softwareInventory", answers.softwareInventory ?? none),
    nonCpeSoftwareInventory: counted("nonCpeSoftwareInventory", answers.nonCpeSoftwareInventory ?? none),
    softwareInventoryExport: counted("softwareInventoryExport", answers.softwareInventoryExport ?? none),
    nonCpeSoftwareInventoryExport: counted(
      "nonCpeSoftwareInventoryExport",
      answers.nonCpeSoftwareInventoryExport ?? none,
    ),
    browserExtensions: counted("browserExtensions", answers.browserExtensions ?? none),
    runHuntingQuery: counted(
      "runHuntingQuery",
      answers.runHuntingQuery ?? (async () => ({ api: "graph" as const, schema: [], rows: [] })),
    ),
  };
}

/** Runs one module and returns what it handed on and how each of its reads went. */
async function run(
  read: (input: SourceInput) => Promise<void>,
  client: SourceClient,
  overrides: Partial<SourceInput> = {},
) {
  const detections: Detection[] = [];
  const softwareDevices: string[] = [];
  const mcp: McpFindings[] = [];
  const reader = new SourceReader(
    { signal: new AbortController().signal, progress: () => undefined },
    logger,
    () => "",
  );
  await read({
    client,
    reader,
    sink: {
      add: (found) => detections.push(...found),
      reportedSoftware: (id) => softwareDevices.push(id),
      addMcp: (found) => mcp.push(found),
    },
    since: null,
    now: NOW,
    deviceCount: 10,
    ...overrides,
  });
  return { detections, softwareDevices, mcp, results: reader.results, reads: reader.reads };
}

describe("the software inventory module", () => {
  const module = softwareInventory({ softwareExportMinDevices: 100 });

  it("reads the paged API below the export threshold and the export files at it", async () => {
    const small = fakeClient({});
    await run(module.read, small, { deviceCount: 99 });
    expect(small.asked).toEqual(["softwareInventory", "nonCpeSoftwareInventory"]);
    const large = fakeClient({});
    await run(module.read, large, { deviceCount: 100 });
    expect(large.asked).toEqual(["softwareInventoryExport", "nonCpeSoftwareInventoryExport"]);
  });

  it("hands on the agents the rows show and names each device that had rows", async () => {
    const client = fakeClient({
      softwareInventory: () =>
        pages([
          softwareRow(DEVICE),
          softwareRow(DEVICE, "microsoft", "edge"),
          softwareRow("other", "7-zip", "7-zip"),
        ]),
    });
    const { detections, softwareDevices } = await run(module.read, client);
    expect(detections.map((d) => [d.device.machineId, d.agentKey, d.evidence.source])).toEqual([
      [DEVICE, "cursor", "SOFTWARE_INVENTORY"],
    ]);
    expect(softwareDevices).toEqual([DEVICE, "other"]);
  });

  it("records a part that fails mid-read as an incomplete read of SOFTWARE_INVENTORY, keeping its first pages", async () => {
    const client = fakeClient({
      softwareInventory: () => pages([softwareRow("a")]),
      nonCpeSoftwareInventory: () => pages([softwareRow(DEVICE)], new Error("connection reset by peer")),
    });
    const { detections, results, reads } = await run(module.read, client);
    expect(detections.map((d) => d.device.machineId)).toEqual(["a", DEVICE]);
    expect(results.map((r) => [r.source, r.complete, r.error])).toEqual([
      ["softwareInventory", true, null],
      ["nonCpeSoftwareInventory", false, "connection reset by peer"],
    ]);
    expect(reads).toEqual([
      { evidence: EvidenceSource.SOFTWARE_INVENTORY, complete: true },
      { evidence: EvidenceSource.SOFTWARE_INVENTORY, complete: false },
    ]);
  });
});

describe("the browser extensions module", () => {
  it("hands on the catalog's extensions as BROWSER_EXTENSIONS evidence", async () => {
    const client = fakeClient({
      browserExtensions: () =>
        pages([
          {
            deviceId: DEVICE,
            deviceName: null,
            rbacGroupId: null,
            rbacGroupName: null,
            browserName: "chrome",
            // Claude's Chrome Web Store id.
            extensionId: "fcoeoabgfenejglbffodgkkbkcdhcgfn",
            extensionName: "Claude",
            extensionDescription: null,
            extensionVersion: "1.0.31",
            extensionVendor: null,
            extensionRisk: null,
            isActivated: true,
            installationTime: null,
            permissions: [],
          },
        ]),
    });
    const { detections, reads } = await run(browserExtensions.read, client);
    expect(detections.map((d) => [d.agentKey, d.channel, d.version])).toEqual([
      ["claude-desktop", "BROWSER_EXTENSION", "1.0.31"],
    ]);
    expect(reads).toEqual([{ evidence: EvidenceSource.BROWSER_EXTENSIONS, complete: true }]);
  });
});

describe("the hunting modules", () => {
  const settings = { huntingDevicesPerShard: 10 };
  const huntingClient = (answer: (kql: string) => HuntingRow[] | Error) =>
    fakeClient({
      runHuntingQuery: async (kql: string) => {
        const rows = answer(kql);
        if (rows instanceof Error) throw rows;
        return { api: "graph", schema: [], rows };
      },
    });

  it("reads process and file events in shards sized by the device count, and AgentsInfo once", async () => {
    const events = await run(
      advancedHunting(settings).read,
      huntingClient(() => []),
      { deviceCount: 25 },
    );
    expect(events.results.map((r) => r.source)).toEqual([
      "hunting:process-events-shard-1-of-3",
      "hunting:process-events-shard-2-of-3",
      "hunting:process-events-shard-3-of-3",
      "hunting:file-events-shard-1-of-3",
      "hunting:file-events-shard-2-of-3",
      "hunting:file-events-shard-3-of-3",
    ]);
    const agents = await run(
      agentsInfo(settings).read,
      huntingClient(() => [geminiCli]),
      { deviceCount: 25 },
    );
    expect(agents.results.map((r) => r.source)).toEqual(["hunting:agents-info"]);
    expect(agents.detections.map((d) => [d.agentKey, d.evidence.source])).toEqual([
      ["gemini-cli", "AGENTS_INFO"],
    ]);
  });

  it("looks back whole days to the last sync in an INCREMENTAL sync", async () => {
    const asked: string[] = [];
    const client = huntingClient((kql) => (asked.push(kql), []));
    await run(agentsInfo(settings).read, client, { since: new Date("2026-11-25T20:00:00Z") });
    expect(asked[0]).toContain("ago(2d)");
  });

  it("makes a source with one failed shard incomplete, the other shards still read", async () => {
    const client = huntingClient((kql) => (kql.includes('startswith "0"') ? new Error("timeout") : []));
    const { results, reads } = await run(advancedHunting(settings).read, client, { deviceCount: 25 });
    expect(results.filter((r) => !r.complete).map((r) => r.source)).toEqual([
      "hunting:process-events-shard-1-of-3",
      "hunting:file-events-shard-1-of-3",
    ]);
    expect(reads.filter((r) => r.evidence === EvidenceSource.PROCESS_EVENTS).map((r) => r.complete)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it("counts a result at the row limit as incomplete (it may be truncated), keeping its rows", async () => {
    const full = Array.from({ length: HUNTING_ROW_LIMIT }, (_, i) => ({
      ...geminiCli,
      AgentId: `agent-${i}`,
    }));
    const { results, detections } = await run(
      agentsInfo(settings).read,
      huntingClient(() => full),
    );
    expect(results[0]).toMatchObject({
      complete: false,
      error: expect.stringContaining("row hunting limit"),
    });
    expect(detections.length).toBeGreaterThan(0);
  });

  it("skips a row without its identifying columns", async () => {
    const { detections } = await run(
      agentsInfo(settings).read,
      huntingClient(() => [{ Name: "Gemini CLI" }]),
    );
    expect(detections).toEqual([]);
  });
});

describe("the MCP servers module", () => {
  const settings = { huntingDevicesPerShard: 10 };
  // Claude Code starting the reference filesystem server as its docs configure it (docs/mcp-servers.md).
  const launch: HuntingRow = {
    DeviceId: DEVICE,
    DeviceName: "dev-01",
    AccountName: "avery",
    HostFileName: "claude",
    ProcessCommandLine: "npx -y @modelcontextprotocol/server-filesystem /Users/avery/projects",
    FirstSeen: "2026-11-20T09:00:00Z",
    LastSeen: "2026-11-26T17:00:00Z",
  };

  it("hands on the servers its queries find, and records its reads as feeding no installation evidence", async () => {
    const client = fakeClient({
      runHuntingQuery: async (kql: string) => ({
        api: "graph" as const,
        schema: [],
        rows: kql.includes("ProcessCommandLine") && !kql.includes("RemoteUrl") ? [launch] : [],
      }),
    });
    const { mcp, results, reads } = await run(mcpServers(settings).read, client, { deviceCount: 5 });
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.every((r) => r.source.startsWith("hunting:mcp-"))).toBe(true);
    expect(reads).toEqual([]);
    const servers = mcp.flatMap((m) => m.sightings).map((s) => [s.server.key, s.pinned]);
    expect(servers).toEqual([["mcp-filesystem", false]]);
  });

  it("skips a launch row without its command line", async () => {
    const { ProcessCommandLine: _dropped, ...withoutCommandLine } = launch;
    const client = fakeClient({
      runHuntingQuery: async () => ({ api: "graph" as const, schema: [], rows: [withoutCommandLine] }),
    });
    const { mcp } = await run(mcpServers(settings).read, client);
    expect(mcp.flatMap((m) => [...m.sightings, ...m.configFiles])).toEqual([]);
  });
});

describe("a source read", () => {
  it("stops the sync when it is cancelled, instead of recording an incomplete source", async () => {
    const controller = new AbortController();
    const reader = new SourceReader(
      { signal: controller.signal, progress: () => undefined },
      logger,
      () => "",
    );
    const client = fakeClient({});
    const read = reader.read("machines", null, client, pages([1], [2]), () => controller.abort());
    await expect(read).rejects.toThrow();
    expect(reader.results).toEqual([]);
  });
});
