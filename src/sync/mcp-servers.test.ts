/** Folding a sync's MCP sightings: one per server, device, person and agent, resolved and handed out once. */
import type { McpServerRef, McpSighting } from "../detection/mcp";
import { McpTransport } from "../model/mcp-server.entity";
import { StringPool } from "./detach";
import { McpSightings, type RowIds } from "./mcp-servers";

const FILESYSTEM: McpServerRef = {
  key: "filesystem",
  known: true,
  name: "Filesystem",
  publisher: "Anthropic",
  transport: "STDIO",
  capabilities: ["FILESYSTEM"],
  launcher: "NPX",
  packageType: "NPM",
  packageName: "@modelcontextprotocol/server-filesystem",
};

const day = (n: number) => new Date(Date.UTC(2026, 10, n));

function seen(overrides: Partial<McpSighting>): McpSighting {
  return {
    server: FILESYSTEM,
    evidence: "PROCESS_EVENTS",
    machineId: "m1",
    user: null,
    agentKey: "claude-code",
    hostProcess: "node.exe",
    version: "2025.8.21",
    pinned: true,
    remoteUrl: null,
    arguments: "C:\\Users\\<user>\\src",
    firstSeenAt: day(1),
    lastSeenAt: day(1),
    ...overrides,
  };
}

const storedAs: RowIds = {
  deviceIdOf: (defenderId) => ({ m1: "device-1", m2: "device-2" })[defenderId],
  userIdOf: (userKey) => ({ "sid:s-1-5-21-1": "user-1", "upn:ana@contoso.com": "user-1" })[userKey] ?? null,
};

function fold(sightings: [McpSighting, string, string | null][]): McpSightings {
  const folded = new McpSightings(new StringPool());
  for (const [sighting, defenderId, userKey] of sightings) folded.add(sighting, defenderId, userKey, day(30));
  return folded;
}

describe("a sync's MCP sightings", () => {
  it("fold a launch and a later connection into one sighting that keeps the launch's details", () => {
    const sightings = fold([
      [seen({ lastSeenAt: day(2) }), "m1", null],
      [
        seen({
          evidence: "NETWORK_EVENTS",
          version: null,
          arguments: null,
          firstSeenAt: day(3),
          lastSeenAt: day(5),
        }),
        "m1",
        null,
      ],
    ]);
    sightings.resolve(storedAs);
    expect([...sightings.writes()]).toEqual([
      expect.objectContaining({
        deviceId: "device-1",
        evidence: ["NETWORK_EVENTS", "PROCESS_EVENTS"],
        version: "2025.8.21",
        arguments: "C:\\Users\\<user>\\src",
        firstSeenAt: day(1),
        lastSeenAt: day(5),
      }),
    ]);
  });

  it("take a newer launch's version over an older one's", () => {
    const sightings = fold([
      [seen({ version: "2025.9.1", lastSeenAt: day(9) }), "m1", null],
      [seen({ version: "2025.8.21", lastSeenAt: day(4) }), "m1", null],
    ]);
    sightings.resolve(storedAs);
    expect([...sightings.writes()].map((w) => w.version)).toEqual(["2025.9.1"]);
  });

  it("describe each server once, by its newest launch", () => {
    const renamed = { ...FILESYSTEM, name: "Filesystem (newer)" };
    const sightings = fold([
      [seen({ lastSeenAt: day(2) }), "m1", null],
      [seen({ server: renamed, lastSeenAt: day(7) }), "m2", null],
      [seen({ evidence: "NETWORK_EVENTS", lastSeenAt: day(9) }), "m2", null],
    ]);
    expect(sightings.servers()).toEqual([
      expect.objectContaining({
        key: "filesystem",
        name: "Filesystem (newer)",
        transport: McpTransport.STDIO,
      }),
    ]);
  });

  it("drop sightings on devices that are not stored, and merge one person's two names", () => {
    const sightings = fold([
      [seen({ lastSeenAt: day(2) }), "m1", "sid:s-1-5-21-1"],
      [seen({ evidence: "NETWORK_EVENTS", lastSeenAt: day(6) }), "m1", "upn:ana@contoso.com"],
      [seen({}), "m9", null],
    ]);
    expect(sightings.size).toBe(3);
    sightings.resolve(storedAs);
    const writes = [...sightings.writes()];
    expect(writes).toEqual([
      expect.objectContaining({
        deviceId: "device-1",
        userId: "user-1",
        evidence: ["NETWORK_EVENTS", "PROCESS_EVENTS"],
        lastSeenAt: day(6),
      }),
    ]);
  });

  it("release each sighting as it is handed to the store", () => {
    const sightings = fold([
      [seen({}), "m1", null],
      [seen({}), "m2", null],
    ]);
    sightings.resolve(storedAs);
    const writes = sightings.writes();
    writes.next();
    expect(sightings.size).toBe(1);
    writes.next();
    expect(sightings.size).toBe(0);
  });
});
