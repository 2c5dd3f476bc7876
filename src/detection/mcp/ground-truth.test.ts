// MCP server sightings measured against a fleet planted from the public config examples
// (src/detection/corpus/mcp.ts, never from the MCP catalog): the generated hunting queries run by the
// simulator's KQL engine over 2,000 devices, on day 0 and after 20 days of churn, read by the same
// matchers the sync uses. A sighting is a (device, server, person); precision and recall must reach
// 0.99 per measure, and each is printed.
import { Fleet } from "../../simulator/fleet";
import { runHunting } from "../../simulator/kql";
import { plantedMcpSightings } from "../../simulator/mcp";
import { DAY_MS } from "../../simulator/timeline";
import type { UserRef } from "../types";
import {
  buildMcpHuntingQueries,
  matchMcpNetworkRows,
  matchMcpProcessRows,
  type McpNetworkRow,
  type McpProcessRow,
  type McpSighting,
} from ".";

const DEVICES = 2000;
const SEED = 7;
const START = Date.parse("2026-11-27T06:00:00Z");
const GOAL = 0.99;
const DEVICES_PER_SHARD = 10_000;
const ROW_LIMIT = 100_000;

const fleet = new Fleet({ devices: DEVICES, seed: SEED });
const asOf = (day: number) => START + day * DAY_MS;

/** The account name: every event names it (the UPN is empty on Linux). */
function person(user: UserRef | { accountName: string } | null): string {
  return (user?.accountName ?? "").toLowerCase();
}

function read(day: number): { sightings: McpSighting[]; rowsPerDevice: Record<string, number> } {
  const sightings: McpSighting[] = [];
  const rowsPerDevice: Record<string, number> = {};
  for (const query of buildMcpHuntingQueries()) {
    const { rows } = runHunting(fleet, query.kql, { day, now: asOf(day) });
    rowsPerDevice[query.source] = rows.length / DEVICES;
    if (query.source === "MCP_PROCESS_EVENTS")
      sightings.push(...matchMcpProcessRows(rows as unknown as McpProcessRow[]));
    if (query.source === "MCP_NETWORK_EVENTS")
      sightings.push(...matchMcpNetworkRows(rows as unknown as McpNetworkRow[]));
  }
  return { sightings, rowsPerDevice };
}

function measure(found: Set<string>, truth: Set<string>) {
  const hits = [...found].filter((k) => truth.has(k)).length;
  return { precision: found.size ? hits / found.size : 1, recall: truth.size ? hits / truth.size : 1 };
}

describe.each([0, 20])("MCP server sightings on 2,000 devices, day %i", (day) => {
  const { sightings, rowsPerDevice } = read(day);
  const truth = [...plantedMcpSightings(fleet, day)];
  const key = (device: string, server: string, user: string) => `${device.toLowerCase()}|${server}|${user}`;
  const truthKeys = new Set(truth.map((t) => key(t.deviceId, t.serverKey, person(t.user))));
  const foundKeys = new Set(sightings.map((s) => key(s.machineId, s.server.key, person(s.user))));
  const servers = measure(
    new Set(sightings.map((s) => `${s.machineId.toLowerCase()}|${s.server.key}`)),
    new Set(truth.map((t) => `${t.deviceId.toLowerCase()}|${t.serverKey}`)),
  );
  const withUsers = measure(foundKeys, truthKeys);
  const unknownTruth = new Set(
    truth
      .filter((t) => !/^[a-z0-9-]+$/.test(t.serverKey))
      .map((t) => key(t.deviceId, t.serverKey, person(t.user))),
  );
  const unknown = measure(new Set([...foundKeys].filter((k) => k.split("|")[1].includes(":"))), unknownTruth);

  it("finds what was planted (precision and recall ≥ 0.99 per measure)", () => {
    const table = {
      "sightings (device, server)": servers,
      "sightings (device, server, person)": withUsers,
      "unknown servers (device, server, person)": unknown,
    };
    console.log(
      `MCP ground truth, day ${day}: ${truthKeys.size} planted sightings\n` +
        Object.entries(table)
          .map(
            ([name, m]) =>
              `  ${name.padEnd(42)} precision ${m.precision.toFixed(4)}  recall ${m.recall.toFixed(4)}`,
          )
          .join("\n"),
    );
    expect(truthKeys.size).toBeGreaterThan(200);
    expect(unknownTruth.size).toBeGreaterThan(20);
    for (const m of Object.values(table)) {
      expect(m.precision).toBeGreaterThanOrEqual(GOAL);
      expect(m.recall).toBeGreaterThanOrEqual(GOAL);
    }
  });

  it("names the agent that ran each server when its host is an agent's own process", () => {
    const agents = new Map<string, string[]>();
    for (const t of truth) {
      const k = key(t.deviceId, t.serverKey, person(t.user));
      agents.set(k, [...(agents.get(k) ?? []), t.agentKey]);
    }
    const attributed = sightings.filter((s) => s.agentKey !== null);
    expect(attributed.length).toBeGreaterThan(100);
    for (const s of attributed)
      expect(agents.get(key(s.machineId, s.server.key, person(s.user)))).toContain(s.agentKey);
  });

  it("stays under the row limit per shard of 10,000 devices (fleets of 100,000 devices shard ten ways)", () => {
    for (const perDevice of Object.values(rowsPerDevice))
      expect(perDevice * DEVICES_PER_SHARD).toBeLessThan(ROW_LIMIT / 2);
  });
});
