// Sliding-window rate limits per tenant and endpoint family, as documented for Defender.
export interface Limit {
  perMinute: number;
  perHour: number;
}

export const LIMITS: Record<string, Limit> = {
  machines: { perMinute: 100, perHour: 1500 },
  softwareJson: { perMinute: 30, perHour: 1000 },
  exports: { perMinute: 5, perHour: 20 },
  hunting: { perMinute: 45, perHour: 1500 },
  graphHunting: { perMinute: 45, perHour: 1500 },
};

export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Records a call and returns 0, or the seconds to wait when a limit is exceeded. */
  take(tenant: string, family: string): { retryAfter: number; limit?: string } {
    const limit = LIMITS[family];
    if (!limit) return { retryAfter: 0 };
    const key = `${tenant}|${family}`;
    const now = this.now();
    const recent = (this.calls.get(key) ?? []).filter((t) => t > now - 3_600_000);
    const lastMinute = recent.filter((t) => t > now - 60_000);
    if (lastMinute.length >= limit.perMinute)
      return {
        retryAfter: secondsUntil(lastMinute[lastMinute.length - limit.perMinute] + 60_000, now),
        limit: `${limit.perMinute} per 1m`,
      };
    if (recent.length >= limit.perHour)
      return {
        retryAfter: secondsUntil(recent[recent.length - limit.perHour] + 3_600_000, now),
        limit: `${limit.perHour} per 1h`,
      };
    recent.push(now);
    this.calls.set(key, recent);
    return { retryAfter: 0 };
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
