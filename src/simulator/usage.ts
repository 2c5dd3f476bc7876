// How planted installations are used (README "Activity"); their activity's ground truth is in activity.ts.
//
// Patterns, from public facts: about half of professional developers use AI tools daily and most of
// the rest weekly or less (Stack Overflow Developer Survey 2025, "AI" section,
// survey.stackoverflow.co/2025/ai); seats go unused for weeks, which is why vendors report each seat's
// last activity and suggest reclaiming idle ones (GitHub Docs, "Reviewing user activity data for
// Copilot in your organization"; Cursor Docs, "Team analytics"); and agents are installed and never
// opened. The shares below only set how many of each a test fleet holds.
import { pick, unit } from "./random";

/**
 * Days between uses: every day (daily users), every few days, weekly, fortnightly (occasional
 * users), or 0: installed and never opened in the window.
 */
export const USAGE_EVERY = [1, 1, 1, 2, 3, 7, 7, 14, 0];

/** Share of used installations whose use stopped on a calendar day (idle for weeks since). */
export const STOPPED_SHARE = 0.2;

/** The usage of one installation from its hash: how often, and the last day anyone used it. */
export function usageOf(h: number, stop: number): { usageEvery: number; usageUntil?: number } {
  const usageEvery = pick(USAGE_EVERY, h);
  if (usageEvery === 0 || unit(stop) >= STOPPED_SHARE) return { usageEvery };
  // Stopped between 25 days before day 0 and day 14: idle at day 0, gone from the window by day 20.
  return { usageEvery, usageUntil: -25 + (stop % 40) };
}
