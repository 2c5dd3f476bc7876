/**
 * One tenant's sync, the orchestrator of the source modules (sync/sources/): the machine list first,
 * then each source module in its lane, handing detections to one collector (only devices, user
 * references and sightings stay in memory, never the software inventory); then the observations are
 * reconciled against what is stored and written in one transaction (sync/write.ts).
 *
 *   machines ─▶ directory ─┬─ software inventory ─▶ browser extensions ──┐  (inventory client)
 *                          └─ advanced hunting ─▶ AgentsInfo ────────────┤  (hunting client)
 *                                                                        ▼
 *                        collector (sightings) ─▶ observations ─▶ reconcile (per source) ─▶ write
 */
import type { Logger } from "../config/logger";
import type { DefenderClient } from "../defender";
import { SyncMode, SyncRunStatus } from "../model/enums";
import type { SyncSourceResult, SyncStats } from "../model/sync-run.entity";
import type { InventoryWriter, Store, SyncTarget } from "../store";
import { Collector } from "./collector";
import { StringPool } from "./detach";
import { DeviceDirectory, UserDirectory } from "./identities";
import { Sightings } from "./observations";
import type { SyncExecutor } from "./scheduler";
import { browserExtensions } from "./sources/browser-extensions";
import { advancedHunting, agentsInfo } from "./sources/hunting";
import { mcpServers } from "./sources/mcp-servers";
import { readMachines, type MachineList } from "./sources/machines";
import type { SourceModule } from "./sources/module";
import { SourceReader } from "./sources/read";
import { softwareInventory } from "./sources/software-inventory";
import { writeSync, type WrittenCounts } from "./write";

export interface TenantSyncSettings {
  /** STALE_DEVICE_DAYS. */
  staleDeviceDays: number;
  /** SOFTWARE_EXPORT_MIN_DEVICES: at or above, software inventory comes from the export files. */
  softwareExportMinDevices: number;
  /**
   * Devices per hunting shard, to stay under the 100,000-row result limit (default 10,000: a developer's
   * device can summarize to a few dozen rows of process and file signals).
   */
  huntingDevicesPerShard?: number;
  /**
   * Devices reconciled at a time (default 5,000): their stored installations are loaded, reconciled
   * and written together, so a sync never holds the tenant's whole stored inventory.
   */
  reconcileDevicesPerSlice?: number;
}

export interface TenantSyncOptions {
  /** On the worker's pool (no statement timeout). */
  store: Store;
  /**
   * A DefenderClient for the tenant's Entra tenant in its cloud (one per sync: its counters are the
   * run's), e.g. `(t) => connectors.forCloud(t.cloud).client(t.entraTenantId)`.
   */
  clientFor: (target: SyncTarget) => DefenderClient;
  settings: TenantSyncSettings;
  logger: Logger;
  now?: () => Date;
}

/**
 * The source modules in two lanes: inventory and hunting have separate rate budgets, so while one
 * waits for its budget (or for Defender), the other proceeds. Each lane reads its modules in order.
 */
function lanes(settings: TenantSyncSettings): { inventory: SourceModule[]; hunting: SourceModule[] } {
  return {
    inventory: [softwareInventory(settings), browserExtensions],
    hunting: [advancedHunting(settings), agentsInfo(settings), mcpServers(settings)],
  };
}

export function createTenantSync(options: TenantSyncOptions): SyncExecutor {
  const now = options.now ?? (() => new Date());
  const modules = lanes(options.settings);
  return async (run, context) => {
    const target = await options.store.syncRuns.target(run.tenantId);
    if (!target) {
      const error = "The tenant has no Entra tenant bound (admin consent has not completed)";
      return { status: SyncRunStatus.FAILED, sources: [], stats: null, error };
    }
    const log = options.logger.child({ tenantId: run.tenantId, runId: run.id });
    // Hunting has its own client: each client's counters must be its own sources' alone.
    const clients = { inventory: options.clientFor(target), hunting: options.clientFor(target) };
    const startedAt = now();
    const runs = options.store.syncRuns;
    const since = run.mode === SyncMode.INCREMENTAL ? await runs.lastSucceededStart(run.tenantId) : null;
    // Without a previous successful sync there is no window to be incremental over.
    const mode = since ? SyncMode.INCREMENTAL : SyncMode.FULL;

    // Stored devices resolve what this sync sees (an incremental machine list is partial).
    const stored = options.store.inventoryOf(run.tenantId);
    const strings = new StringPool();
    const sightings = new Sightings();
    const reader = new SourceReader(context, log, () => `${sightings.size} sightings`);
    const fleet = await readMachines({ client: clients.inventory, reader, since, strings });
    // The directories are the collector's alone: it releases them as the write goes, which a
    // reference held here would prevent.
    const collector = new Collector(
      await deviceDirectory(stored, fleet),
      // The stored people join at the write (sync/write.ts), after the pages are gone.
      new UserDirectory([]),
      strings,
      sightings,
    );
    await Promise.all(
      (["inventory", "hunting"] as const).map(async (lane) => {
        for (const module of modules[lane]) {
          if (module.fullSyncOnly && mode !== SyncMode.FULL) continue;
          await module.read({
            client: clients[lane],
            reader,
            sink: collector,
            since,
            now: now(),
            deviceCount: fleet.machines.size,
          });
        }
      }),
    );
    const sources = reader.results;
    await runs.saveSources(run.tenantId, run.id, sources);

    if (!sources.some((s) => s.complete)) {
      const error =
        reader.authError?.message ?? sources.find((s) => s.error)?.error ?? "No source could be read";
      const finishedAt = await options.store.transaction(async (tx) => {
        await tx.enterSyncWrite(run.tenantId, run.id);
        const at = now();
        await tx.inventoryOf(run.tenantId).recordSync(at, error, false);
        return at;
      });
      return { status: SyncRunStatus.FAILED, sources, stats: stats(sources, null), error, finishedAt };
    }
    const incomplete = sources.filter((s) => !s.complete);
    // Reconciliation removes nothing on the evidence of these (reconcile.ts, `completeSources`).
    const error = incomplete.length
      ? `Incomplete sources (what only they evidence is kept): ${incomplete.map((s) => `${s.source}: ${s.error}`).join("; ")}`
      : null;
    const { counts, finishedAt } = await writeSync(
      options.store,
      {
        tenantId: run.tenantId,
        runId: run.id,
        mode,
        startedAt,
        error,
        machines: fleet.machines,
        machinesComplete: fleet.complete,
        collector,
        reads: reader.reads,
        allReadsComplete: incomplete.length === 0,
        staleDeviceDays: options.settings.staleDeviceDays,
        reconcileDevicesPerSlice: options.settings.reconcileDevicesPerSlice ?? 5_000,
      },
      { context, log, now, rowsRead: () => reader.totalRowsRead },
    );
    return {
      status: incomplete.length ? SyncRunStatus.PARTIAL : SyncRunStatus.SUCCEEDED,
      sources,
      stats: stats(sources, counts),
      error,
      finishedAt,
    };
  };
}

/**
 * Where detections can land: the listed machines, and stored devices the list did not name the same
 * way (an incremental list is partial; a renamed device is still found by its old name). Stored
 * records the list repeats are left out: at 100,000 devices they would cost ~50 MB for the sync.
 */
async function deviceDirectory(stored: InventoryWriter, fleet: MachineList): Promise<DeviceDirectory> {
  const listed = [...fleet.machines.values()].map((m) => ({
    id: "",
    defenderId: m.id.toLowerCase(),
    aadDeviceId: m.aadDeviceId,
    name: m.computerDnsName ?? m.id,
    potentialDuplicate: m.potentialDuplicate,
    mergedInto: m.mergedInto,
  }));
  const other = (await stored.devices()).filter((d) => {
    const same = fleet.machines.get(d.defenderId);
    return !same || (same.computerDnsName ?? same.id) !== d.name || same.aadDeviceId !== d.aadDeviceId;
  });
  return new DeviceDirectory([...other, ...listed]);
}

function stats(sources: SyncSourceResult[], counts: WrittenCounts | null): SyncStats {
  const sum = (key: "apiCalls" | "throttledCalls" | "rowsRead" | "rowsSkipped") =>
    sources.reduce((total, s) => total + s[key], 0);
  return {
    devices: 0,
    staleDevices: 0,
    users: 0,
    installationsNew: 0,
    installationsUpdated: 0,
    installationsRemoved: 0,
    ...counts,
    apiCalls: sum("apiCalls"),
    throttledCalls: sum("throttledCalls"),
    rowsRead: sum("rowsRead"),
    rowsSkipped: sum("rowsSkipped"),
  };
}
