// The ground truth of planted installations' activity (README "Activity"): what a perfect reader of
// the event tables knows of their use. Independent of the product's rules: it reads the simulator's
// own timeline (which moments are use) and the rows those moments wrote.
import { useRowsOf } from "./events";
import type { Fleet, Installation } from "./fleet";
import { DAY_MS, type Window } from "./timeline";

export type ActivityState = "ACTIVE" | "IDLE" | "NO_USE_SEEN";

/** What a perfect reader of the tables knows of an installation's use on a day. */
export interface PlantedActivity {
  /** Epoch ms of every use event read so far (this window's and `earlier`). */
  useAt: number[];
  state: ActivityState;
  /** The newest use event ever read, null when none. */
  lastUsedAt: number | null;
}

const utcDay = (at: number) => Math.floor(at / DAY_MS);

/**
 * Use as the simulator planted it: the timestamps of the installation's use rows (its processes
 * running and its data files written on its days of use; installs, upgrades and removals are not
 * use). ACTIVE: a use event on one of the last 7 UTC days up to `asOf`; IDLE: only older ones in the
 * window; NO_USE_SEEN: none. `earlier` adds the use seen by earlier reads (Defender kept those rows).
 */
export function plantedActivity(
  fleet: Fleet,
  inst: Installation,
  w: Window,
  earlier: readonly number[] = [],
): PlantedActivity {
  const rows = useRowsOf(fleet, inst.device, inst, w);
  const today = utcDay(w.asOf);
  const ever = [...new Set([...earlier, ...rows.map((r) => (r.Timestamp as Date).getTime())])];
  const useAt = ever.filter((at) => utcDay(at) > today - 30 && at <= w.asOf);
  const newestInWindow = useAt.length ? Math.max(...useAt) : null;
  const state: ActivityState =
    newestInWindow === null ? "NO_USE_SEEN" : utcDay(newestInWindow) > today - 7 ? "ACTIVE" : "IDLE";
  return { useAt: ever, state, lastUsedAt: ever.length ? Math.max(...ever) : null };
}
