import { InstallationActivity, InstallationChannel } from "../model/enums";
import { activityAt, NO_ACTIVITY, settleActivity, type StoredActivity } from "./activity";
import type { ObservedInstallation } from "./reconcile";

const DAY = 86_400_000;
const NOW = new Date("2026-12-03T10:00:00Z");
/** The UTC day number `n` days before NOW's day. */
const ago = (n: number) => Math.floor(NOW.getTime() / DAY) - n;
const iso = (n: number) => new Date(ago(n) * DAY).toISOString().slice(0, 10);
const at = (n: number, hour = 9) => new Date(ago(n) * DAY + hour * 3_600_000);
const used = (...daysAgo: number[]) => ({
  days: daysAgo.map(ago),
  lastUsedAt: at(Math.min(...daysAgo)),
});

describe("an installation's activity", () => {
  it("is ACTIVE when it was used on one of the last 7 UTC days, today included", () => {
    const a = activityAt(NO_ACTIVITY, used(6, 20), NOW);
    expect(a).toEqual({
      activity: InstallationActivity.ACTIVE,
      lastUsedAt: at(6),
      activeDays: [iso(20), iso(6)],
      activeDays7: 1,
      activeDays30: 2,
    });
  });

  it("is IDLE when its only use in the 30-day window is older than 7 days", () => {
    const a = activityAt(NO_ACTIVITY, used(7, 29), NOW);
    expect(a.activity).toBe(InstallationActivity.IDLE);
    expect([a.activeDays7, a.activeDays30]).toEqual([0, 2]);
  });

  it("is NO_USE_SEEN with no use evidence, and keeps the last use it ever saw once that leaves the window", () => {
    expect(activityAt(NO_ACTIVITY, null, NOW)).toEqual(NO_ACTIVITY);
    const old = { ...NO_ACTIVITY, lastUsedAt: at(45), activeDays: [iso(45)], activeDays30: 1 };
    expect(activityAt(old, null, NOW)).toEqual({ ...NO_ACTIVITY, lastUsedAt: at(45) });
  });

  it("merges an incremental sync's days with the stored ones, and drops days older than 30", () => {
    const stored = activityAt(NO_ACTIVITY, used(6, 15, 31), new Date(NOW.getTime() - 3 * DAY));
    expect(stored.activeDays).toEqual([iso(31), iso(15), iso(6)]);
    // Three days later: the day 31 days ago leaves the window; today's use joins.
    const later = activityAt(stored, used(0), NOW);
    expect(later.activeDays).toEqual([iso(15), iso(6), iso(0)]);
    expect(later.lastUsedAt).toEqual(at(0));
    expect([later.activity, later.activeDays7, later.activeDays30]).toEqual([
      InstallationActivity.ACTIVE,
      2,
      3,
    ]);
  });

  it("counts a day once, however many sources or syncs show it", () => {
    const once = activityAt(NO_ACTIVITY, used(2, 2), NOW);
    expect(activityAt(once, used(2), NOW).activeDays).toEqual([iso(2)]);
  });

  it("never moves the last use back when an older sighting arrives", () => {
    const recent = activityAt(NO_ACTIVITY, used(1), NOW);
    expect(activityAt(recent, used(9), NOW).lastUsedAt).toEqual(at(1));
  });

  it("holds at most 30 days, whatever it is given", () => {
    const every = Array.from({ length: 60 }, (_, i) => i - 5);
    const a = activityAt(NO_ACTIVITY, { days: every.map(ago), lastUsedAt: at(0) }, NOW);
    expect(a.activeDays).toHaveLength(30);
    expect(a.activeDays[0]).toBe(iso(29));
    expect(a.activeDays.at(-1)).toBe(iso(0));
  });
});

describe("settling the activity of a slice of devices", () => {
  const key = { deviceId: "d1", agentId: "a1", userId: "u1", channel: InstallationChannel.CLI };
  const observed = (use: ObservedInstallation["use"]): ObservedInstallation => ({
    ...key,
    hostIdes: [],
    version: null,
    evidence: [],
    removed: false,
    firstSeenAt: null,
    use,
  });
  const stored = (activity: Partial<StoredActivity>): StoredActivity => ({
    id: "i1",
    ...key,
    ...NO_ACTIVITY,
    ...activity,
  });

  it("writes the use a sync observed on a stored installation", () => {
    const writes = settleActivity({
      now: NOW,
      observed: [observed(used(0))],
      stored: [stored({})],
      inserted: [],
    });
    expect(writes).toEqual([expect.objectContaining({ id: "i1", activity: InstallationActivity.ACTIVE })]);
  });

  it("ages an installation nothing was observed of: ACTIVE turns IDLE once its last use is 7 days old", () => {
    const before = activityAt(NO_ACTIVITY, used(7), new Date(NOW.getTime() - DAY));
    expect(before.activity).toBe(InstallationActivity.ACTIVE);
    const writes = settleActivity({ now: NOW, observed: [], stored: [stored(before)], inserted: [] });
    expect(writes).toEqual([expect.objectContaining({ id: "i1", activity: InstallationActivity.IDLE })]);
  });

  it("writes nothing for an installation whose activity did not change", () => {
    const same = activityAt(NO_ACTIVITY, used(2), NOW);
    expect(settleActivity({ now: NOW, observed: [], stored: [stored(same)], inserted: [] })).toEqual([]);
    expect(
      settleActivity({ now: NOW, observed: [observed(null)], stored: [stored({})], inserted: [] }),
    ).toEqual([]);
  });

  it("gives an installation inserted by this sync the use observed of it", () => {
    const writes = settleActivity({
      now: NOW,
      observed: [observed(used(10))],
      stored: [],
      inserted: [{ id: "new", ...key }],
    });
    expect(writes).toEqual([
      expect.objectContaining({ id: "new", activity: InstallationActivity.IDLE, lastUsedAt: at(10) }),
    ]);
  });

  it("keeps each installation's use its own: same device and agent, another person or channel", () => {
    const other = { ...stored({}), id: "i2", userId: "u2" };
    const writes = settleActivity({
      now: NOW,
      observed: [observed(used(0))],
      stored: [stored({}), other],
      inserted: [],
    });
    expect(writes.map((w) => w.id)).toEqual(["i1"]);
  });
});
