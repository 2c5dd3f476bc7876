/**
 * Pure pacing rules of the scheduler: when a tenant syncs next, and when a running sync's progress is
 * worth a write to its run.
 */
import type { SyncProgress } from "../model/sync-run.entity";
import type { SyncHistory } from "../store";

/** The longest a failed sync waits before its retry, whatever the interval (minutes). */
const MAX_RETRY_MINUTES = 32;

export interface NextSync {
  delayMinutes: number;
  /** Counted from the last sync that wrote (a regular interval), or from now (a retry). */
  from: "lastSync" | "now";
  /** Whether the delay is the regular interval (which the scheduler jitters). */
  regular: boolean;
}

/**
 * A tenant never synced is due now; after a run of failed or empty syncs it is retried in 1, 2, 4 … 32
 * minutes (never later than its interval), not at the next interval; otherwise the interval runs from
 * the last sync.
 */
export function nextSync(history: SyncHistory, intervalMinutes: number): NextSync {
  if (history.unproductive > 0) {
    const backoff = Math.min(2 ** (history.unproductive - 1), MAX_RETRY_MINUTES);
    return { delayMinutes: Math.min(backoff, intervalMinutes), from: "now", regular: false };
  }
  if (!history.everProductive) return { delayMinutes: 0, from: "now", regular: false };
  return { delayMinutes: intervalMinutes, from: "lastSync", regular: true };
}

/** Rows read between two progress writes of a run, at most. */
export const PROGRESS_EVERY_ROWS = 20_000;
/** A new detail within one phase (a write step, a count of sightings) is written at most this often. */
const DETAIL_EVERY_MS = 1_000;

/** Whether `next` should be written now, given what was last written and how long ago. */
export function progressWorthWriting(
  last: SyncProgress | null,
  next: SyncProgress,
  sinceLastMs: number,
): boolean {
  if (!last || last.phase !== next.phase) return true;
  if (next.rowsRead - last.rowsRead >= PROGRESS_EVERY_ROWS) return true;
  return next.detail !== last.detail && sinceLastMs >= DETAIL_EVERY_MS;
}
