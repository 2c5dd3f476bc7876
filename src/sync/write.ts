/**
 * The write of one sync, in one transaction fenced against a revocation (store/fence.ts): devices and
 * users, then a slice of devices at a time their sightings observed as installations, reconciled
 * against the stored ones and written with the change feed; MCP servers; and fresh planner statistics
 * for the tables it changed heavily.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../config/logger";
import { InstallationStatus, SyncMode } from "../model/enums";
import type { SyncStats } from "../model/sync-run.entity";
import type { InventoryWriter, MachineRow, Store } from "../store";
import type { Collector } from "./collector";
import { settleActivity } from "./activity";
import { detach } from "./detach";
import { observeInstallations, type ResolvedDetection } from "./observations";
import { reconcileInstallations, type SourceRead } from "./reconcile";
import type { RunContext } from "./scheduler";

export interface SyncWrite {
  tenantId: string;
  runId: string;
  mode: SyncMode;
  /** When the sync started: the time its observations are stamped with. */
  startedAt: Date;
  /** A partial read's reason, recorded on the integration as its last error. */
  error: string | null;
  machines: Map<string, MachineRow>;
  machinesComplete: boolean;
  collector: Collector;
  reads: readonly SourceRead[];
  /** Every read of the run ended without error: only then may MCP servers not seen be removed. */
  allReadsComplete: boolean;
  staleDeviceDays: number;
  /** Devices reconciled at a time. */
  reconcileDevicesPerSlice: number;
}

export type WrittenCounts = Pick<
  SyncStats,
  "devices" | "staleDevices" | "users" | "installationsNew" | "installationsUpdated" | "installationsRemoved"
>;

/** Returns the counts and when the write finished (the integration's lastSyncAt). */
export async function writeSync(
  store: Store,
  input: SyncWrite,
  deps: { context: RunContext; log: Logger; now: () => Date; rowsRead: () => number },
): Promise<{ counts: WrittenCounts; finishedAt: Date }> {
  const { tenantId, mode, startedAt: now, machines, collector } = input;
  // Milliseconds per write step, logged: where a slow sync spends its database time.
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    deps.context.progress({ phase: "writing", rowsRead: deps.rowsRead(), detail: name });
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = (timings[name] ?? 0) + Date.now() - started;
    }
  };
  const sightingCount = collector.sightings.size;
  if (collector.unresolved)
    deps.log.warn(
      { unresolved: collector.unresolved },
      "detections on devices not in the machine list skipped",
    );
  const deviceCount = machines.size;
  const written = await store.transaction(async (tx) => {
    await step("fence", () => tx.enterSyncWrite(tenantId, input.runId));
    const repo = tx.inventoryOf(tenantId);
    const firstWrite = await repo.isFirstWrite();
    // Each stage releases what the next no longer needs: the write phase holds the sync's
    // observations and their database identities at once, and must still fit the memory budget.
    await step("devices", async () => {
      // A merged record is the device it was merged into, when that one is known: it gets no row of
      // its own, and what is stored under it moves there.
      const merged = [...machines.values()].filter(
        (m) => m.mergedInto && collector.resolveDevice(m.mergedInto) === m.mergedInto,
      );
      const mergedIds = new Set(merged.map((m) => m.id));
      await repo.upsertDevices(
        [...machines.values()].filter((m) => !mergedIds.has(m.id)),
        now,
        input.staleDeviceDays,
        collector.softwareDevices,
      );
      await repo.mergeDevices(merged.map((m) => ({ merged: m.id.toLowerCase(), into: m.mergedInto! })));
      if (mode === SyncMode.FULL && input.machinesComplete)
        await repo.markMissingDevices([...machines.keys()], now);
    });
    machines.clear();
    collector.releaseDevices();
    const { deviceIds, staleDeviceIds, devicesWithSoftware } = await step("loadDevices", () =>
      indexDevices(repo, collector.softwareDevices, now),
    );
    const storedUsers = await step("loadUsers", () => repo.users());
    const userIds = await step("users", () => repo.upsertUsers(collector.people(storedUsers.splice(0)), now));
    const mcp = collector.resolveMcp(deviceIds, userIds);
    const agentIds = await repo.agentIds();
    // A slice of devices at a time (installations never span devices), from their sightings to their
    // written installations: a sync holds its sightings and one slice's observations and stored
    // installations, never the whole inventory twice.
    const devices = [...deviceIds];
    deviceIds.clear();
    const counts = { inserts: 0, updates: 0, removed: 0 };
    for (let i = 0; i < devices.length; i += input.reconcileDevicesPerSlice) {
      const slice = devices.slice(i, i + input.reconcileDevicesPerSlice);
      const sliceIds = slice.map(([, deviceId]) => deviceId);
      const resolved = collector.resolveDevices(slice, userIds);
      await step("deviceUsers", () => repo.upsertDeviceUsers(deviceUserLinks(resolved), now));
      const stored = await step("loadInstallations", () => repo.installations(sliceIds));
      // Who active installations belong to attributes the detections that name nobody.
      const owners = stored.filter((i) => i.status === InstallationStatus.ACTIVE && i.userId);
      const observed = await step("observe", async () =>
        observeInstallations(resolved.splice(0), owners, agentIds, now),
      );
      const storedActivity = await step("loadActivity", () => repo.installationActivity(sliceIds));
      const result = await step("reconcile", async () =>
        reconcileInstallations({
          mode,
          now,
          observed,
          stored: stored.splice(0),
          reads: input.reads,
          staleDeviceIds,
          devicesWithSoftware,
          // randomUUID builds its string by concatenation; a flat copy is 40 bytes instead of ~400.
          newId: () => detach(randomUUID()),
        }),
      );
      // Activity (sync/activity.ts): every installation of the slice, with or without new use.
      const activity = settleActivity({
        now,
        observed: observed.splice(0),
        stored: storedActivity.splice(0),
        inserted: result.inserts,
      });
      await step("insertInstallations", () => repo.insertInstallations(result.inserts));
      await step("updateInstallations", () => repo.updateInstallations(result.updates));
      await step("stampInstallations", () => repo.stampInstallations(result.stamps, now));
      await step("events", () => repo.insertEvents(result.events, input.runId, now));
      await step("activity", () => repo.updateActivity(activity));
      counts.inserts += result.inserts.length;
      counts.updates += result.updates.length;
      counts.removed += result.updates.filter((u) => u.status === InstallationStatus.REMOVED).length;
    }
    collector.release();
    // MCP servers after installations, so a sighting can name the installation that ran it; in this
    // transaction, so its change-feed events commit with the installations' (a complete full read removes).
    await step("mcpServers", async () => {
      await tx.mcpServers.writeSync(tenantId, mcp.servers, mcp.sightings, {
        now,
        syncRunId: input.runId,
        removeUnseen: mode === SyncMode.FULL && input.allReadsComplete,
      });
      await tx.mcpServers.writeConfigFiles(tenantId, mcp.configFiles);
    });
    // Inside the budget of the sync, so the first portal query after it is planned as well as later ones.
    const analyzed = await step("analyze", () => repo.analyzeChangedTables(firstWrite));
    const finishedAt = deps.now();
    await repo.recordSync(finishedAt, input.error, true);
    const written: WrittenCounts = {
      devices: deviceCount,
      staleDevices: staleDeviceIds.size,
      users: userIds.size,
      installationsNew: counts.inserts,
      installationsUpdated: counts.updates - counts.removed,
      installationsRemoved: counts.removed,
    };
    return { counts: written, finishedAt, analyzed };
  });
  deps.log.info({ timings, sightings: sightingCount, analyzed: written.analyzed }, "sync written");
  return written;
}

/**
 * Stored devices by Defender id, which are stale, and which had software rows in this sync with when
 * that inventory was taken (the device's last full report to Defender, else now). `softwareDevices`
 * is emptied.
 */
async function indexDevices(repo: InventoryWriter, softwareDevices: Set<string>, now: Date) {
  const devices = await repo.devices();
  const index = {
    deviceIds: new Map(devices.map((d) => [d.defenderId, d.id])),
    staleDeviceIds: new Set(devices.filter((d) => d.stale).map((d) => d.id)),
    devicesWithSoftware: new Map(
      devices
        .filter((d) => softwareDevices.has(d.defenderId))
        .map((d) => [d.id, d.lastSeen ?? now.getTime()]),
    ),
  };
  softwareDevices.clear();
  return index;
}

/** Each (device, person) pair the detections name once. */
function deviceUserLinks(resolved: ResolvedDetection[]): { deviceId: string; userId: string }[] {
  const links = new Map<string, { deviceId: string; userId: string }>();
  for (const { deviceId, userId } of resolved)
    if (userId) links.set(`${deviceId}|${userId}`, { deviceId, userId });
  return [...links.values()];
}
