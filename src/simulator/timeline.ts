// When an installation leaves evidence: its lifecycle (install, upgrade, removal days), the days it is
// used, and which of those fall inside advanced hunting's 30-day window. The event tables and the
// ground truth read the same moments, so what the truth says a source carries is what the rows show.
import { hash } from "./random";

export const DAY_MS = 86_400_000;
/** Hunting tables keep this many days. */
export const RETENTION_DAYS = 30;

export interface Lifecycle {
  installDay: number;
  removeDay: number;
  upgradeDay: number;
  baseVersion: number;
}

/** The hunting window as seen on `day`: logical days `first`…`horizon` (stale devices stop early). */
export interface Window {
  day: number;
  asOf: number;
  horizon: number;
  first: number;
}

export function windowFor(day: number, horizon: number, asOf: number): Window {
  return { day, asOf, horizon, first: day - (RETENTION_DAYS - 1) };
}

export function inWindow(w: Window, logicalDay: number): boolean {
  return logicalDay >= w.first && logicalDay <= w.horizon;
}

export function present(life: Lifecycle, day: number): boolean {
  return life.installDay <= day && day < life.removeDay;
}

export function versionAt(versions: readonly string[], life: Lifecycle, day: number): string {
  const index = Math.min(versions.length - 1, life.baseVersion + (day >= life.upgradeDay ? 1 : 0));
  return versions[index];
}

export type MomentKind = "install" | "upgrade" | "use" | "remove";

export interface Moment {
  day: number;
  kind: MomentKind;
  /** The version installed at that moment (before removal, for "remove"). */
  version: string;
  /** The version an upgrade replaced. */
  previous?: string;
  /** The most recent day of use in the window: the one day use files are written (bounded rows). */
  latestUse?: boolean;
}

export interface Timed {
  lifecycle: Lifecycle;
  record: { versions: readonly string[] };
  /** Days between uses; 0 for an installation nobody used in the window. */
  usageEvery: number;
  /** The last calendar day anyone used it (src/simulator/usage.ts), when its use stopped. */
  usageUntil?: number;
  salt: number;
}

/** At most this many use days per installation and window: enough for first/last seen, cheap at 100k devices. */
const MAX_USE_DAYS = 2;

/** Install, upgrade, use and removal moments inside the window, oldest first. */
export function momentsOf(t: Timed, w: Window): Moment[] {
  const life = t.lifecycle;
  const at = (day: number) => versionAt(t.record.versions, life, day);
  const moments: Moment[] = [];
  if (inWindow(w, life.installDay))
    moments.push({ day: life.installDay, kind: "install", version: at(life.installDay) });
  if (
    life.upgradeDay > life.installDay &&
    life.upgradeDay < life.removeDay &&
    inWindow(w, life.upgradeDay) &&
    at(life.upgradeDay) !== at(life.upgradeDay - 1)
  )
    moments.push({
      day: life.upgradeDay,
      kind: "upgrade",
      version: at(life.upgradeDay),
      previous: at(life.upgradeDay - 1),
    });
  if (t.usageEvery > 0) {
    // Use falls on calendar days (every `usageEvery` days, offset per installation), so a day of use
    // stays the same day as the window moves on.
    const lastActive = Math.min(w.horizon, life.removeDay - 1, t.usageUntil ?? Infinity);
    const floor = Math.max(life.installDay, w.first);
    const offset = hash(t.salt, 11) % t.usageEvery;
    let day = lastActive - ((((lastActive + offset) % t.usageEvery) + t.usageEvery) % t.usageEvery);
    for (let n = 0; n < MAX_USE_DAYS && day >= floor; n++, day -= t.usageEvery)
      moments.push({ day, kind: "use", version: at(day), latestUse: n === 0 });
  }
  if (inWindow(w, life.removeDay))
    moments.push({ day: life.removeDay, kind: "remove", version: at(life.removeDay - 1) });
  return moments.sort((a, b) => a.day - b.day);
}

/** AgentsInfo reports: Active at the last report and before an upgrade, Uninstalled at removal. */
export function agentsInfoMoments(life: Lifecycle, w: Window): [number, "Active" | "Uninstalled"][] {
  const lastActive = Math.min(w.horizon, life.removeDay - 1);
  const moments: [number, "Active" | "Uninstalled"][] = [];
  if (lastActive >= life.installDay && inWindow(w, lastActive)) moments.push([lastActive, "Active"]);
  const beforeUpgrade = life.upgradeDay - 1;
  if (beforeUpgrade < lastActive && beforeUpgrade >= life.installDay && inWindow(w, beforeUpgrade))
    moments.push([beforeUpgrade, "Active"]);
  if (inWindow(w, life.removeDay)) moments.push([life.removeDay, "Uninstalled"]);
  return moments;
}
