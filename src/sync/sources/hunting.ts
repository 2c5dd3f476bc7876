/**
 * Advanced hunting: the catalog's KQL queries (detection/hunting.ts), each run as one call whose
 * result is one page. Two modules read it: process and file events, and AgentsInfo.
 */
import type { HuntingRow } from "../../defender";
import { buildHuntingQueries, matchHuntingRows, type HuntingSource } from "../../detection";
import { EvidenceSource } from "../../model/enums";
import type { SourceClient, SourceInput, SourceModule } from "./module";

/** Advanced hunting returns at most this many rows; a full result may be truncated. */
export const HUNTING_ROW_LIMIT = 100_000;

/** Devices per hunting shard by default: a developer's device summarizes to a few dozen rows. */
const DEVICES_PER_SHARD = 10_000;

/** Process and file events of the hunting window: launches, writes and deletions of agent files. */
export function advancedHunting(settings: { huntingDevicesPerShard?: number }): SourceModule {
  return huntingModule("advanced hunting", ["PROCESS_EVENTS", "FILE_EVENTS"], settings);
}

/** AgentsInfo: the agents Defender itself recognizes on each device, with their lifecycle. */
export function agentsInfo(settings: { huntingDevicesPerShard?: number }): SourceModule {
  return huntingModule("AgentsInfo", ["AGENTS_INFO"], settings);
}

function huntingModule(
  name: string,
  sources: HuntingSource[],
  settings: { huntingDevicesPerShard?: number },
): SourceModule {
  return {
    name,
    fullSyncOnly: false,
    async read({ client, reader, sink, since, now, deviceCount }: SourceInput) {
      const queries = buildHuntingQueries(huntingWindow({ since, now, deviceCount }, settings)).filter((q) =>
        sources.includes(q.source),
      );
      for (const query of queries)
        await reader.read(
          `hunting:${query.name}`,
          EvidenceSource[query.source],
          client,
          hunt(client, query.kql),
          (rows) => sink.add(matchHuntingRows(query.source, rows)),
        );
    },
  };
}

/** The window and shards of a sync's hunting queries. */
export function huntingWindow(
  { since, now, deviceCount }: Pick<SourceInput, "since" | "now" | "deviceCount">,
  settings: { huntingDevicesPerShard?: number },
): { lookbackDays: number; deviceShards: number } {
  const perShard = settings.huntingDevicesPerShard ?? DEVICES_PER_SHARD;
  return {
    // Whole days back to the last sync rather than `since`: the window is a superset either way, and
    // day granularity keeps the query in the KQL subset every hunting backend accepts (`ago(Nd)`).
    lookbackDays: since ? Math.ceil((now.getTime() - since.getTime()) / 86_400_000) : 30,
    // Enough shards that none reaches the 100,000-row result limit.
    deviceShards: Math.max(1, Math.ceil(deviceCount / perShard)),
  };
}

/** One hunting query as a one-page source; a result at the row limit may be truncated. */
export async function* hunt(client: SourceClient, kql: string): AsyncGenerator<HuntingRow[]> {
  const result = await client.runHuntingQuery(kql);
  yield result.rows;
  if (result.rows.length >= HUNTING_ROW_LIMIT)
    throw new Error(`the result reached the ${HUNTING_ROW_LIMIT}-row hunting limit and may be truncated`);
}
