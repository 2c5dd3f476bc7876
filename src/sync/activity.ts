/**
 * Activity per installation, as a pure function of what is stored and what a sync observed (README
 * "Activity"). Use evidence (src/detection/activity.ts) gives UTC days and the newest use; the stored
 * days are merged with the new ones and kept for 30 days only, so the set stays bounded and an
 * incremental sync, which reads only the days since the last one, adds to it rather than replacing it.
 * Every stored installation is settled each sync, with or without new evidence: an installation
 * nobody opens turns IDLE, then NO_USE_SEEN, as its days age out.
 */
import { InstallationActivity } from "../model/enums";
import { naturalKey, type ObservedInstallation } from "./reconcile";

/** Advanced hunting keeps 30 days: use is counted over them, and "recent" is the last 7 of them. */
export const ACTIVITY_WINDOW_DAYS = 30;
export const RECENT_DAYS = 7;

const DAY_MS = 86_400_000;

export interface Activity {
  activity: InstallationActivity;
  lastUsedAt: Date | null;
  /** Distinct UTC days with use within the window, 'YYYY-MM-DD', oldest first. */
  activeDays: string[];
  activeDays7: number;
  activeDays30: number;
}

/** An installation's stored activity and natural key (`naturalKey`). */
export interface StoredActivity extends Activity {
  id: string;
  deviceId: string;
  agentId: string;
  userId: string | null;
  channel: ObservedInstallation["channel"];
}

export const NO_ACTIVITY: Activity = {
  activity: InstallationActivity.NO_USE_SEEN,
  lastUsedAt: null,
  activeDays: [],
  activeDays7: 0,
  activeDays30: 0,
};

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/**
 * One installation's activity at `now`: the stored days and the observed ones, those of the last 30
 * UTC days (today included) kept; ACTIVE with use on one of the last 7, IDLE with use only before
 * them, NO_USE_SEEN with none in the window. `lastUsedAt` is the newest use ever read, so it may be
 * older than the window once the state is NO_USE_SEEN. Days after `now` (a clock ahead) are dropped.
 */
export function activityAt(
  stored: Activity,
  observed: { days: number[]; lastUsedAt: Date } | null | undefined,
  now: Date,
): Activity {
  const today = Math.floor(now.getTime() / DAY_MS);
  const first = today - (ACTIVITY_WINDOW_DAYS - 1);
  const days = new Set(stored.activeDays.map(dayNumber));
  for (const day of observed?.days ?? []) days.add(day);
  const kept = [...days].filter((d) => d >= first && d <= today).sort((a, b) => a - b);
  const recent = kept.filter((d) => d > today - RECENT_DAYS).length;
  const lastUsedAt =
    observed && (!stored.lastUsedAt || observed.lastUsedAt > stored.lastUsedAt)
      ? observed.lastUsedAt
      : stored.lastUsedAt;
  return {
    activity: recent
      ? InstallationActivity.ACTIVE
      : kept.length
        ? InstallationActivity.IDLE
        : InstallationActivity.NO_USE_SEEN,
    lastUsedAt,
    activeDays: kept.map(isoDay),
    activeDays7: recent,
    activeDays30: kept.length,
  };
}

/**
 * The activity writes of one slice of devices: every stored installation settled at `now` with what
 * was observed of it, and the installations this sync inserted that showed use. Only changes are
 * returned.
 */
export function settleActivity(input: {
  now: Date;
  observed: readonly ObservedInstallation[];
  stored: readonly StoredActivity[];
  /** Installations inserted by this sync (their ids), by natural key fields. */
  inserted: readonly Omit<StoredActivity, keyof Activity>[];
}): (Activity & { id: string })[] {
  const use = new Map(input.observed.filter((o) => o.use).map((o) => [naturalKey(o), o.use!]));
  const writes: (Activity & { id: string })[] = [];
  const settle = (id: string, key: string, before: Activity) => {
    const after = activityAt(before, use.get(key), input.now);
    if (!sameActivity(before, after)) writes.push({ id, ...after });
  };
  for (const s of input.stored) settle(s.id, naturalKey(s), s);
  for (const i of input.inserted) settle(i.id, naturalKey(i), NO_ACTIVITY);
  return writes;
}

function sameActivity(a: Activity, b: Activity): boolean {
  return (
    a.activity === b.activity &&
    (a.lastUsedAt?.getTime() ?? null) === (b.lastUsedAt?.getTime() ?? null) &&
    a.activeDays7 === b.activeDays7 &&
    a.activeDays30 === b.activeDays30 &&
    a.activeDays.join() === b.activeDays.join()
  );
}
