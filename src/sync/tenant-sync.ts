/**
 * One tenant's sync: read every Defender source page by page through the detection matchers (only
 * devices, user references and detections stay in memory, never the software inventory), then write
 * devices, users, links and the reconciled installations in one transaction, fenced against a revocation
 * (store/fence.ts), with fresh planner statistics for the tables it changed heavily.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../config/logger";
import {
  DefenderAuthError,
  type DefenderClient,
  type DefenderClientStats,
  type SoftwareInventoryRow,
} from "../defender";
import {
  buildHuntingQueries,
  matchAgentsInfo,
  matchBrowserExtensions,
  matchFileSummaries,
  matchProcessSummaries,
  matchSoftwareRows,
  type AgentsInfoRow,
  type Detection,
  type FileSummaryRow,
  type HuntingSource,
  type ProcessSummaryRow,
  type SoftwareRow,
} from "../detection";
import { buildMcpHuntingQueries, type McpConfigFileSighting, type McpSighting } from "../detection/mcp";
import { EvidenceSource, InstallationStatus, SyncMode, SyncRunStatus } from "../model/enums";
import type { SyncSourceResult, SyncStats } from "../model/sync-run.entity";
import type { InventoryWriter, MachineRow, RunOutcome, Store, SyncRunRow, SyncTarget } from "../store";
import { detach, detachAll, StringPool } from "./detach";
import { DeviceDirectory, UserDirectory } from "./identities";
import { matchMcpRows, McpConfigFiles, McpSightings } from "./mcp-servers";
import { observeInstallations, Sightings, toSighting, type ResolvedDetection } from "./observations";
import { reconcileInstallations, type ObservedInstallation } from "./reconcile";
import type { RunContext, SyncExecutor } from "./scheduler";

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
   * Devices reconciled at a time (default 10,000): their stored installations are loaded, reconciled
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

/** Advanced hunting returns at most this many rows; a full result may be truncated. */
const HUNTING_ROW_LIMIT = 100_000;

const HUNTING_EVIDENCE: Record<HuntingSource, EvidenceSource> = {
  PROCESS_EVENTS: EvidenceSource.PROCESS_EVENTS,
  FILE_EVENTS: EvidenceSource.FILE_EVENTS,
  AGENTS_INFO: EvidenceSource.AGENTS_INFO,
  BROWSER_EXTENSIONS: EvidenceSource.BROWSER_EXTENSIONS,
};

export function createTenantSync(options: TenantSyncOptions): SyncExecutor {
  return async (run, context) => {
    const target = await options.store.syncRuns.target(run.tenantId);
    if (!target) {
      const error = "The tenant has no Entra tenant bound (admin consent has not completed)";
      return { status: SyncRunStatus.FAILED, sources: [], stats: null, error };
    }
    // Hunting has its own client: it runs beside the inventory reads, and each client's counters
    // must be its own sources' alone.
    return new TenantSync(
      options,
      run,
      context,
      options.clientFor(target),
      options.clientFor(target),
    ).execute();
  };
}

class TenantSync {
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly sources: SyncSourceResult[] = [];
  /** Evidence sources this sync read (removals need every one of them complete). */
  private readonly readEvidence = new Set<EvidenceSource>();
  private readonly machines = new Map<string, MachineRow>();
  private machinesComplete = false;
  /** Detections folded per source and installation, devices and users resolved as they arrive. */
  private readonly sightings = new Sightings();
  /** MCP servers seen (sync/mcp-servers.ts), devices and users resolved as they arrive. */
  private readonly mcpSightings = new McpSightings();
  private readonly mcpConfigFiles = new McpConfigFiles();
  /** Strings kept beyond a page: one copy of each distinct value. */
  private readonly strings = new StringPool();
  private directory = new DeviceDirectory([]);
  private users = new UserDirectory([]);
  private unresolved = 0;
  /** Defender ids of devices with software rows in this sync. */
  private readonly softwareDevices = new Set<string>();
  private authError: DefenderAuthError | null = null;
  private rowsRead = 0;

  constructor(
    private readonly options: TenantSyncOptions,
    private readonly run: SyncRunRow,
    private readonly context: RunContext,
    private readonly client: DefenderClient,
    private readonly huntingClient: DefenderClient,
  ) {
    this.log = options.logger.child({ tenantId: run.tenantId, runId: run.id });
    this.now = options.now ?? (() => new Date());
  }

  async execute(): Promise<RunOutcome> {
    const startedAt = this.now();
    const runs = this.options.store.syncRuns;
    const since =
      this.run.mode === SyncMode.INCREMENTAL ? await runs.lastSucceededStart(this.run.tenantId) : null;
    // Without a previous successful sync there is no window to be incremental over.
    const mode = since ? SyncMode.INCREMENTAL : SyncMode.FULL;
    // Stored devices and users resolve what this sync sees (an incremental machine list is partial).
    const stored = this.options.store.inventoryOf(this.run.tenantId);
    this.users = new UserDirectory(await stored.users());
    await this.readMachines(since);
    this.directory = await this.deviceDirectory(stored);
    // Inventory and hunting have separate rate budgets: while one waits for its budget (or for
    // Defender), the other proceeds.
    await Promise.all([
      mode === SyncMode.FULL ? this.readSoftware().then(() => this.readBrowserExtensions()) : undefined,
      this.readHunting(since),
    ]);
    await runs.saveSources(this.run.tenantId, this.run.id, this.sources);

    const anyComplete = this.sources.some((s) => s.complete);
    if (!anyComplete) {
      const error =
        this.authError?.message ?? this.sources.find((s) => s.error)?.error ?? "No source could be read";
      const finishedAt = await this.options.store.transaction(async (tx) => {
        await tx.enterSyncWrite(this.run.tenantId, this.run.id);
        const at = this.now();
        await tx.inventoryOf(this.run.tenantId).recordSync(at, error, false);
        return at;
      });
      return {
        status: SyncRunStatus.FAILED,
        sources: this.sources,
        stats: this.stats(null),
        error,
        finishedAt,
      };
    }
    const incomplete = this.sources.filter((s) => !s.complete);
    const error = incomplete.length
      ? `Incomplete sources (nothing removed): ${incomplete.map((s) => `${s.source}: ${s.error}`).join("; ")}`
      : null;
    const { stats, finishedAt } = await this.write(mode, startedAt, error);
    return {
      status: incomplete.length ? SyncRunStatus.PARTIAL : SyncRunStatus.SUCCEEDED,
      sources: this.sources,
      stats,
      error,
      finishedAt,
    };
  }

  private async readMachines(since: Date | null): Promise<void> {
    const filter = since ? `lastSeen gt ${since.toISOString()}` : undefined;
    this.machinesComplete = await this.read(
      "machines",
      [],
      this.client,
      this.client.machines({ filter }),
      (page) => {
        // Only the fields a device row keeps, low-cardinality values pooled: a 100,000-device fleet
        // stays small in memory.
        const pool = this.strings;
        for (const m of page) {
          const id = detach(m.id);
          const mergedInto = m.mergedIntoMachineId?.toLowerCase();
          this.machines.set(id.toLowerCase(), {
            id,
            // Defender lists a host onboarded again under a new id; the older record is flagged, and
            // once merged names the record it became.
            potentialDuplicate: m.isPotentialDuplication === true || !!mergedInto,
            mergedInto: mergedInto && mergedInto !== id.toLowerCase() ? detach(mergedInto) : null,
            computerDnsName: detach(m.computerDnsName),
            osPlatform: pool.intern(m.osPlatform),
            osVersion: pool.intern(m.osVersion),
            healthStatus: pool.intern(m.healthStatus),
            onboardingStatus: pool.intern(m.onboardingStatus),
            rbacGroupId: pool.intern(m.rbacGroupId),
            rbacGroupName: pool.intern(m.rbacGroupName),
            aadDeviceId: detach(m.aadDeviceId),
            machineTags: m.machineTags.map((tag) => pool.intern(tag)),
            firstSeen: m.firstSeen?.getTime() ?? null,
            lastSeen: m.lastSeen?.getTime() ?? null,
          });
        }
      },
    );
  }

  /**
   * Where detections can land: the listed machines, and stored devices the list did not name the same
   * way (an incremental list is partial; a renamed device is still found by its old name). Stored
   * records the list repeats are left out: at 100,000 devices they would cost ~50 MB for the sync.
   */
  private async deviceDirectory(stored: InventoryWriter): Promise<DeviceDirectory> {
    const listed = [...this.machines.values()].map((m) => ({
      id: "",
      defenderId: m.id.toLowerCase(),
      aadDeviceId: m.aadDeviceId,
      name: m.computerDnsName ?? m.id,
      potentialDuplicate: m.potentialDuplicate,
      mergedInto: m.mergedInto,
    }));
    const other = (await stored.devices()).filter((d) => {
      const same = this.machines.get(d.defenderId);
      return !same || (same.computerDnsName ?? same.id) !== d.name || same.aadDeviceId !== d.aadDeviceId;
    });
    return new DeviceDirectory([...other, ...listed]);
  }

  private async readSoftware(): Promise<void> {
    const viaFiles = this.machines.size >= this.options.settings.softwareExportMinDevices;
    const parts = viaFiles
      ? ([
          ["softwareExport", this.client.softwareInventoryExport()],
          ["nonCpeSoftwareExport", this.client.nonCpeSoftwareInventoryExport()],
        ] as const)
      : ([
          ["softwareInventory", this.client.softwareInventory()],
          ["nonCpeSoftwareInventory", this.client.nonCpeSoftwareInventory()],
        ] as const);
    for (const [name, pages] of parts) {
      await this.read(name, [EvidenceSource.SOFTWARE_INVENTORY], this.client, pages, (page) =>
        this.matchSoftware(page),
      );
    }
  }

  private matchSoftware(page: SoftwareInventoryRow[]): void {
    let last = "";
    for (const row of page) {
      // Rows come grouped by device: skip the set lookup for repeats.
      if (row.deviceId === last) continue;
      const id = (last = row.deviceId).toLowerCase();
      // The directory's copy of the id when it has one: one string per device for the whole sync.
      this.softwareDevices.add(this.directory.resolve({ machineId: id })?.defenderId ?? detach(id));
    }
    // The parsed rows carry null where the matcher's optional fields are undefined; the matcher
    // treats both as absent, and copying ~10M rows to change that would cost more than the match.
    this.collect(matchSoftwareRows(page as unknown as SoftwareRow[]));
  }

  /** Resolves each detection's device and user now, keeping only a slim sighting of it. */
  private collect(detections: Detection[]): void {
    for (const detection of detections) {
      const { device: ref, user } = detection;
      const device = this.directory.resolve(ref);
      if (!device) {
        this.unresolved++;
        continue;
      }
      const userKey = user ? this.strings.intern(this.users.add(detachAll(user), device.defenderId)) : null;
      this.sightings.add(toSighting(detection, device.defenderId, userKey, this.strings));
    }
  }

  private async readBrowserExtensions(): Promise<void> {
    await this.read(
      "browserExtensions",
      [EvidenceSource.BROWSER_EXTENSIONS],
      this.client,
      this.client.browserExtensions(),
      (page) => {
        const rows = page.map((r) => ({
          DeviceId: r.deviceId,
          DeviceName: r.deviceName ?? undefined,
          BrowserName: r.browserName ?? undefined,
          ExtensionId: r.extensionId,
          ExtensionName: r.extensionName ?? undefined,
          ExtensionVersion: r.extensionVersion ?? undefined,
          IsActivated: r.isActivated ?? undefined,
        }));
        this.collect(matchBrowserExtensions(rows));
      },
    );
  }

  private async readHunting(since: Date | null): Promise<void> {
    const perShard = this.options.settings.huntingDevicesPerShard ?? 10_000;
    const window = {
      // Whole days back to the last sync rather than `since`: the window is a superset either way, and
      // day granularity keeps the query in the KQL subset every hunting backend accepts (`ago(Nd)`).
      lookbackDays: since ? Math.ceil((this.now().getTime() - since.getTime()) / 86_400_000) : 30,
      deviceShards: Math.max(1, Math.ceil(this.machines.size / perShard)),
    };
    const queries = buildHuntingQueries(window).filter((q) => q.source !== "BROWSER_EXTENSIONS"); // read from the inventory API above
    for (const query of queries) {
      const evidence = HUNTING_EVIDENCE[query.source];
      await this.read(
        `hunting:${query.name}`,
        [evidence],
        this.huntingClient,
        this.hunt(query.kql),
        (rows) => {
          if (query.source === "PROCESS_EVENTS")
            this.collect(matchProcessSummaries(rows as unknown as ProcessSummaryRow[]));
          else if (query.source === "FILE_EVENTS")
            this.collect(matchFileSummaries(rows as unknown as FileSummaryRow[]));
          else this.collect(matchAgentsInfo(rows as unknown as AgentsInfoRow[]));
        },
      );
    }
    await this.readMcpHunting(window);
  }

  /** The MCP hunting queries (sync/mcp-servers.ts); they feed no installation evidence. */
  private async readMcpHunting(options: { lookbackDays: number; deviceShards: number }): Promise<void> {
    for (const query of buildMcpHuntingQueries(options))
      await this.read(`hunting:${query.name}`, [], this.huntingClient, this.hunt(query.kql), (rows) =>
        this.collectMcp(matchMcpRows(query.source, rows)),
      );
  }

  private collectMcp(found: { sightings: McpSighting[]; configFiles: McpConfigFileSighting[] }): void {
    for (const seen of [...found.sightings, ...found.configFiles]) {
      const device = this.directory.resolve({ machineId: seen.machineId, deviceName: seen.deviceName });
      if (!device) continue;
      const user = seen.user;
      const userKey = user ? this.strings.intern(this.users.add(detachAll(user), device.defenderId)) : null;
      if ("server" in seen) this.mcpSightings.add(seen, device.defenderId, userKey, this.now());
      else this.mcpConfigFiles.add(seen, device.defenderId, userKey);
    }
  }

  /** One hunting query as a one-page source; a result at the row limit may be truncated. */
  private async *hunt(kql: string): AsyncGenerator<Record<string, unknown>[]> {
    const result = await this.huntingClient.runHuntingQuery(kql);
    yield result.rows;
    if (result.rows.length >= HUNTING_ROW_LIMIT)
      throw new Error(`the result reached the ${HUNTING_ROW_LIMIT}-row hunting limit and may be truncated`);
  }

  /**
   * Reads one source to the end, recording its outcome. A failure makes the source (and the evidence
   * it feeds) incomplete but keeps what was read; only cancellation stops the sync.
   */
  private async read<T>(
    name: string,
    evidence: EvidenceSource[],
    client: DefenderClient,
    pages: AsyncIterable<T[]>,
    onPage: (page: T[]) => void,
  ): Promise<boolean> {
    const before = client.snapshot();
    const started = Date.now();
    let error: string | null = null;
    this.context.progress({ phase: name, rowsRead: this.rowsRead });
    try {
      for await (const page of prefetch(pages)) {
        this.context.signal.throwIfAborted();
        onPage(page);
        this.rowsRead += page.length;
        this.context.progress({
          phase: name,
          rowsRead: this.rowsRead,
          detail: `${this.sightings.size} sightings`,
        });
      }
    } catch (err) {
      if (this.context.signal.aborted) throw err;
      if (err instanceof DefenderAuthError) this.authError = err;
      error = err instanceof Error ? err.message : String(err);
    }
    const delta = diff(client.snapshot(), before);
    const result: SyncSourceResult = {
      source: name,
      complete: error === null,
      rowsRead: delta.rowsRead,
      rowsSkipped: delta.rowsSkipped,
      apiCalls: delta.calls,
      throttledCalls: delta.throttled,
      error,
      durationMs: Date.now() - started,
    };
    this.sources.push(result);
    for (const e of evidence) this.readEvidence.add(e);
    this.log[error ? "warn" : "info"](result, "sync source read");
    return error === null;
  }

  /**
   * `error` (a partial read) is recorded on the integration as its last error. Returns the stats and
   * when the write finished (the integration's lastSyncAt).
   */
  private async write(
    mode: SyncMode,
    now: Date,
    error: string | null,
  ): Promise<{ stats: SyncStats; finishedAt: Date }> {
    const { tenantId } = this.run;
    // Milliseconds per write step, logged: where a slow sync spends its database time.
    const timings: Record<string, number> = {};
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      this.context.progress({ phase: "writing", rowsRead: this.rowsRead, detail: name });
      const started = Date.now();
      try {
        return await work();
      } finally {
        timings[name] = (timings[name] ?? 0) + Date.now() - started;
      }
    };
    const sightingCount = this.sightings.size;
    if (this.unresolved)
      this.log.warn({ unresolved: this.unresolved }, "detections on devices not in the machine list skipped");
    const deviceCount = this.machines.size;
    const written = await this.options.store.transaction(async (tx) => {
      await step("fence", () => tx.enterSyncWrite(tenantId, this.run.id));
      const repo = tx.inventoryOf(tenantId);
      const firstWrite = await repo.isFirstWrite();
      // Each stage releases what the next no longer needs: the write phase holds the sync's
      // observations and their database identities at once, and must still fit the memory budget.
      await step("devices", async () => {
        // A merged record is the device it was merged into, when that one is known: it gets no row of
        // its own, and what is stored under it moves there.
        const merged = [...this.machines.values()].filter(
          (m) =>
            m.mergedInto && this.directory.resolve({ machineId: m.mergedInto })?.defenderId === m.mergedInto,
        );
        const mergedIds = new Set(merged.map((m) => m.id));
        await repo.upsertDevices(
          [...this.machines.values()].filter((m) => !mergedIds.has(m.id)),
          now,
          this.options.settings.staleDeviceDays,
          this.softwareDevices,
        );
        await repo.mergeDevices(merged.map((m) => ({ merged: m.id.toLowerCase(), into: m.mergedInto! })));
        if (mode === SyncMode.FULL && this.machinesComplete)
          await repo.markMissingDevices([...this.machines.keys()], now);
      });
      this.machines.clear();
      this.directory = new DeviceDirectory([]);
      const { deviceIds, staleDeviceIds, devicesWithSoftware } = await step("loadDevices", () =>
        this.indexDevices(repo, now),
      );
      const allDeviceIds = [...deviceIds.values()];
      const userIds = await step("users", () => repo.upsertUsers(this.users.users(), now));
      const userIdOf = (userKey: string) => userIds.get(this.users.resolve(userKey).identityKey) ?? null;
      const mcpSightings = this.mcpSightings.resolve((defenderId) => deviceIds.get(defenderId), userIdOf);
      const mcpConfigFiles = this.mcpConfigFiles.resolve((defenderId) => deviceIds.get(defenderId), userIdOf);
      const resolved = this.resolveSightings(deviceIds, userIds);
      await step("deviceUsers", () => repo.upsertDeviceUsers(deviceUserLinks(resolved), now));

      // Observed before any stored installation is loaded, so the sightings are gone by then.
      const agentIds = await repo.agentIds();
      const owners = await step("loadOwners", () => repo.installationOwners());
      const observed = await step("observe", async () =>
        groupByDevice(observeInstallations(resolved.splice(0), owners.splice(0), agentIds, now)),
      );
      // Reconciled a slice of devices at a time (installations never span devices): a steady-state
      // sync holds its observations and one slice of stored installations, not the whole inventory twice.
      const counts = { inserts: 0, updates: 0, removed: 0 };
      const perSlice = this.options.settings.reconcileDevicesPerSlice ?? 10_000;
      for (let i = 0; i < allDeviceIds.length; i += perSlice) {
        const slice = allDeviceIds.slice(i, i + perSlice);
        const stored = await step("loadInstallations", () => repo.installations(slice));
        const result = await step("reconcile", async () =>
          reconcileInstallations({
            mode,
            now,
            observed: slice.flatMap((id) => observed.get(id) ?? []),
            stored: stored.splice(0),
            // A partial sync removes nothing (docs/architecture.md): silence after a failed read proves nothing.
            completeSources: this.sources.every((s) => s.complete) ? this.readEvidence : new Set(),
            staleDeviceIds,
            devicesWithSoftware,
            // randomUUID builds its string by concatenation; a flat copy is 40 bytes instead of ~400.
            newId: () => detach(randomUUID()),
          }),
        );
        for (const id of slice) observed.delete(id);
        await step("insertInstallations", () => repo.insertInstallations(result.inserts));
        await step("updateInstallations", () => repo.updateInstallations(result.updates));
        await step("stampInstallations", () => repo.stampInstallations(result.stamps, now));
        await step("events", () => repo.insertEvents(result.events, this.run.id, now));
        counts.inserts += result.inserts.length;
        counts.updates += result.updates.length;
        counts.removed += result.updates.filter((u) => u.status === InstallationStatus.REMOVED).length;
      }
      // MCP servers after installations, so a sighting can name the installation that ran it; in this
      // transaction, so its change-feed events commit with the installations' (a complete full read removes).
      await step("mcpServers", async () => {
        await tx.mcpServers.writeSync(tenantId, this.mcpSightings.servers(), mcpSightings, {
          now,
          syncRunId: this.run.id,
          removeUnseen: mode === SyncMode.FULL && this.sources.every((s) => s.complete),
        });
        await tx.mcpServers.writeConfigFiles(tenantId, mcpConfigFiles);
      });
      // Inside the budget of the sync, so the first portal query after it is planned as well as later ones.
      const analyzed = await step("analyze", () => repo.analyzeChangedTables(firstWrite));
      const finishedAt = this.now();
      await repo.recordSync(finishedAt, error, true);

      const stats = this.stats({
        devices: deviceCount,
        staleDevices: staleDeviceIds.size,
        users: userIds.size,
        installationsNew: counts.inserts,
        installationsUpdated: counts.updates - counts.removed,
        installationsRemoved: counts.removed,
      });
      return { stats, finishedAt, analyzed };
    });
    this.log.info({ timings, sightings: sightingCount, analyzed: written.analyzed }, "sync written");
    return written;
  }

  /**
   * Stored devices by Defender id, which are stale, and which had software rows in this sync with when
   * that inventory was taken (the device's last full report to Defender, else now).
   */
  private async indexDevices(repo: InventoryWriter, now: Date) {
    const devices = await repo.devices();
    const index = {
      deviceIds: new Map(devices.map((d) => [d.defenderId, d.id])),
      staleDeviceIds: new Set(devices.filter((d) => d.stale).map((d) => d.id)),
      devicesWithSoftware: new Map(
        devices
          .filter((d) => this.softwareDevices.has(d.defenderId))
          .map((d) => [d.id, d.lastSeen ?? now.getTime()]),
      ),
    };
    this.softwareDevices.clear();
    return index;
  }

  /** Every sighting with its device's and person's row ids; the sightings and users are released. */
  private resolveSightings(
    deviceIds: Map<string, string>,
    userIds: Map<string, string>,
  ): ResolvedDetection[] {
    const resolved: ResolvedDetection[] = [];
    for (const sighting of this.sightings.values()) {
      const deviceId = deviceIds.get(sighting.defenderId);
      if (!deviceId) continue;
      const userId = sighting.userKey
        ? (userIds.get(this.users.resolve(sighting.userKey).identityKey) ?? null)
        : null;
      resolved.push({ detection: sighting, deviceId, userId });
    }
    this.sightings.clear();
    this.users = new UserDirectory([]);
    deviceIds.clear();
    return resolved;
  }

  private stats(
    counts: Pick<
      SyncStats,
      | "devices"
      | "staleDevices"
      | "users"
      | "installationsNew"
      | "installationsUpdated"
      | "installationsRemoved"
    > | null,
  ): SyncStats {
    const sum = (key: "apiCalls" | "throttledCalls" | "rowsRead" | "rowsSkipped") =>
      this.sources.reduce((total, s) => total + s[key], 0);
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
}

/** Observed installations by device row id. */
function groupByDevice(observed: ObservedInstallation[]): Map<string, ObservedInstallation[]> {
  const byDevice = new Map<string, ObservedInstallation[]>();
  for (const installation of observed) {
    const group = byDevice.get(installation.deviceId);
    if (group) group.push(installation);
    else byDevice.set(installation.deviceId, [installation]);
  }
  return byDevice;
}

/** Each (device, person) pair the detections name once. */
function deviceUserLinks(resolved: ResolvedDetection[]): { deviceId: string; userId: string }[] {
  const links = new Map<string, { deviceId: string; userId: string }>();
  for (const { deviceId, userId } of resolved)
    if (userId) links.set(`${deviceId}|${userId}`, { deviceId, userId });
  return [...links.values()];
}

function diff(after: DefenderClientStats, before: DefenderClientStats): DefenderClientStats {
  return {
    calls: after.calls - before.calls,
    throttled: after.throttled - before.throttled,
    retries: after.retries - before.retries,
    rowsRead: after.rowsRead - before.rowsRead,
    rowsSkipped: after.rowsSkipped - before.rowsSkipped,
  };
}

/**
 * Requests page n+1 while page n is matched, so Defender's (or the network's) time overlaps ours.
 * At most one page ahead: memory stays bounded by two pages.
 */
export async function* prefetch<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      // Observed here so an abandoned read does not surface as an unhandled rejection.
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}
