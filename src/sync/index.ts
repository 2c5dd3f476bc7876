/**
 * The sync engine and scheduler: what the service wires. API processes create a SyncControl; worker
 * processes start a worker, which also serves as their SyncControl.
 */
import type { Logger } from "../config/logger";
import type { DefenderClient } from "../defender";
import type { Store, SyncTarget } from "../store";
import { runSyncWorker, type SyncWorker, type SyncWorkerOptions } from "./scheduler";
import { createTenantSync } from "./tenant-sync";

export { createSyncControl, type ClosableSyncControl, type SyncWorker } from "./scheduler";
export type { SyncControl, TriggeredSync } from "./sync-control";

export interface SyncSettings {
  /** SYNC_INTERVAL_MINUTES */
  intervalMinutes: number;
  /** STALE_DEVICE_DAYS */
  staleDeviceDays: number;
  /** SOFTWARE_EXPORT_MIN_DEVICES */
  softwareExportMinDevices: number;
}

export interface StartSyncWorkerOptions extends Omit<
  SyncWorkerOptions,
  "execute" | "schedule" | "store" | "databaseUrl" | "logger"
> {
  /** On the worker's pool (no statement timeout). */
  store: Store;
  /** pg-boss keeps its tables (schema `pgboss`) in this database. */
  databaseUrl: string;
  logger: Logger;
  /** A client for the tenant's Entra tenant, e.g. `(t) => connectors.forCloud(t.cloud).client(t.entraTenantId)`. */
  clientFor: (target: SyncTarget) => DefenderClient;
  settings: SyncSettings;
  /** The clock of the schedule and of the sync's stamps; injected for tests. */
  now?: () => Date;
}

export function startSyncWorker(options: StartSyncWorkerOptions): Promise<SyncWorker> {
  const { clientFor, settings, now, ...worker } = options;
  return runSyncWorker({
    ...worker,
    schedule: { intervalMinutes: settings.intervalMinutes, now },
    execute: createTenantSync({
      store: options.store,
      clientFor,
      settings,
      logger: options.logger,
      now,
    }),
  });
}
