/**
 * What the services ask of the sync machinery, so they depend on an interface and the scheduler
 * (pg-boss) stays inside src/sync.
 */
import type { SyncMode, SyncTrigger } from "../model/enums";
import type { SyncRunRow } from "../store";

export interface TriggeredSync {
  run: SyncRunRow;
  /** True when a run was already queued or running and is returned instead of a new one. */
  alreadyRunning: boolean;
}

export interface SyncControl {
  /** Enqueues a sync now, unless one is queued or running for the tenant (then returns that one). */
  trigger(tenantId: string, input: { mode: SyncMode; trigger: SyncTrigger }): Promise<TriggeredSync>;
  /** Stops scheduling the tenant and cancels its queued run; a running sync ends CANCELLED at its next checkpoint. */
  stop(tenantId: string): Promise<void>;
  /** Recomputes the tenant's next scheduled sync after its interval or integration changed. */
  reschedule(tenantId: string): Promise<void>;
}
