/**
 * What a source module is (after Cartography's intel modules): it gets its Defender source page by page
 * through the connector, transforms each page through the detection matchers, and hands the
 * detections on. It keeps nothing itself; the orchestrator (sync/tenant-sync.ts) runs the modules and
 * reconciles what they handed on.
 */
import type { DefenderClient } from "../../defender";
import type { Detection } from "../../detection";
import type { McpFindings } from "../../detection/mcp";
import type { SourceReader } from "./read";

/** Where a module hands its detections (sync/collector.ts). */
export interface DetectionSink {
  add(detections: Detection[]): void;
  /** The device had software inventory rows in this sync (an empty inventory is no evidence). */
  reportedSoftware(defenderId: string): void;
  /** MCP servers and config files seen (sources/mcp-servers.ts); `seenAt` stands in for a missing time. */
  addMcp(findings: McpFindings, seenAt: Date): void;
}

/** What the modules use of the connector's client. */
export type SourceClient = Pick<
  DefenderClient,
  | "snapshot"
  | "machines"
  | "softwareInventory"
  | "nonCpeSoftwareInventory"
  | "softwareInventoryExport"
  | "nonCpeSoftwareInventoryExport"
  | "browserExtensions"
  | "runHuntingQuery"
>;

export interface SourceInput {
  /** The client of the module's lane (inventory and hunting have separate rate budgets). */
  client: SourceClient;
  reader: SourceReader;
  sink: DetectionSink;
  /** The start of the last successful sync in an INCREMENTAL sync, null in a FULL one. */
  since: Date | null;
  now: Date;
  /** Devices the machine list named: sizes the software read and the hunting shards. */
  deviceCount: number;
}

export interface SourceModule {
  name: string;
  /**
   * Inventories report current state, with no window to be incremental over: they are read in FULL
   * syncs only. Event sources read the window since the last sync.
   */
  fullSyncOnly: boolean;
  read(input: SourceInput): Promise<void>;
}
