/**
 * Client-side rate budget per tenant and endpoint family, so the connector stays inside Defender's
 * documented limits instead of provoking 429s. Sliding windows (any 60 s holds at most N calls)
 * also satisfy a server that counts in fixed windows. A call counts from when it is sent until its
 * response arrives, then from the response's arrival: the server counted it somewhere in between, so
 * the window never opens early, however long the server or our event loop held the call. Time is
 * injected.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Endpoint families: each has its own documented budget (docs/defender-api.md, "Rate limits"). */
export type EndpointFamily =
  | "token"
  | "machines"
  | "logonUsers"
  | "softwareInventory"
  | "nonCpeSoftwareInventory"
  | "softwareExport"
  | "nonCpeSoftwareExport"
  | "browserExtensions"
  | "huntingLegacy"
  | "huntingGraph"
  | "exportFile";

export interface RateWindow {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const perMinuteAndHour = (minute: number, hour: number): RateWindow[] => [
  { limit: minute, windowMs: MINUTE },
  { limit: hour, windowMs: HOUR },
];

/**
 * Budgets: endpoints whose documented quotas are equal are counted together (as a server may
 * pool them), which never provokes a 429 under either reading; sources run one after another.
 */
export type RateBudget = "machines" | "softwareJson" | "exports" | "hunting";

export const FAMILY_BUDGET: Partial<Record<EndpointFamily, RateBudget>> = {
  machines: "machines",
  logonUsers: "machines",
  softwareInventory: "softwareJson",
  nonCpeSoftwareInventory: "softwareJson",
  browserExtensions: "softwareJson",
  softwareExport: "exports",
  nonCpeSoftwareExport: "exports",
  huntingLegacy: "hunting",
  huntingGraph: "hunting",
};

/**
 * Documented per-tenant limits (docs/defender-api.md, "Rate limits"). Graph publishes none for hunting;
 * the legacy API's are assumed.
 */
export const DEFENDER_RATE_LIMITS: Record<RateBudget, RateWindow[]> = {
  machines: perMinuteAndHour(100, 1500),
  softwareJson: perMinuteAndHour(30, 1000),
  exports: perMinuteAndHour(5, 20),
  hunting: perMinuteAndHour(45, 1500),
};

export interface RateLimiterOptions {
  clock?: Clock;
  /** `false` disables the budget (a simulator without limits, benchmarks of the raw floor). */
  limits?: Partial<Record<RateBudget, RateWindow[]>> | false;
  /** Added to every window, for clock granularity and servers that count a window's edge as inside. */
  marginMs?: number;
}

export class DefenderRateLimiter {
  private readonly clock: Clock;
  private readonly limits: Partial<Record<RateBudget, RateWindow[]>>;
  private readonly marginMs: number;
  /** Recent calls in the order they were sent, per `${tenantId}|${budget}`. */
  private readonly history = new Map<string, { at: number }[]>();
  /** A 429's Retry-After applies to every caller of that budget, not just the one that saw it. */
  private readonly blockedUntil = new Map<string, number>();
  /** Serialises acquirers of one budget so concurrent callers cannot both take the last slot. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.limits = options.limits === false ? {} : { ...DEFENDER_RATE_LIMITS, ...options.limits };
    this.marginMs = options.marginMs ?? 250;
  }

  /**
   * Waits until one more call of `family` for `tenantId` fits the budget, then records it. The
   * returned function is called when the response arrives (or the call fails).
   */
  acquire(tenantId: string, family: EndpointFamily): Promise<() => void> {
    const budget = FAMILY_BUDGET[family];
    const windows = budget && this.limits[budget];
    const key = `${tenantId}|${budget ?? family}`;
    if (!windows?.length && !this.blockedUntil.has(key)) return Promise.resolve(answered);
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.take(key, windows ?? []));
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  /**
   * What is left of each budget a tenant has used, per window: the calls that may still start now
   * without waiting (none while a Retry-After pause holds the budget).
   */
  remaining(): Array<{ tenantId: string; budget: string; windowMs: number; remaining: number }> {
    const now = this.clock.now();
    const out: Array<{ tenantId: string; budget: string; windowMs: number; remaining: number }> = [];
    for (const [key, calls] of this.history) {
      const [tenantId, budget] = key.split("|");
      const blocked = (this.blockedUntil.get(key) ?? 0) > now;
      for (const { limit, windowMs } of this.limits[budget as RateBudget] ?? []) {
        const inWindow = calls.filter((c) => Math.min(c.at, now) > now - windowMs - this.marginMs).length;
        out.push({ tenantId, budget, windowMs, remaining: blocked ? 0 : Math.max(0, limit - inWindow) });
      }
    }
    return out;
  }

  /** Records a server-imposed pause (Retry-After) for the whole budget. */
  block(tenantId: string, family: EndpointFamily, untilMs: number): void {
    const key = `${tenantId}|${FAMILY_BUDGET[family] ?? family}`;
    this.blockedUntil.set(key, Math.max(untilMs, this.blockedUntil.get(key) ?? 0));
  }

  private async take(key: string, windows: RateWindow[]): Promise<() => void> {
    for (;;) {
      const now = this.clock.now();
      const wait = this.waitMs(key, windows, now);
      if (wait <= 0) break;
      await this.clock.sleep(wait);
    }
    this.blockedUntil.delete(key);
    if (!windows.length) return answered;
    const longest = Math.max(...windows.map((w) => w.windowMs)) + this.marginMs;
    const now = this.clock.now();
    const calls = (this.history.get(key) ?? []).filter((c) => c.at > now - longest);
    // In flight, a call is stamped "now" at every look; answered, it keeps its response's time.
    const call = { at: Infinity };
    calls.push(call);
    this.history.set(key, calls);
    return () => {
      if (call.at === Infinity) call.at = this.clock.now();
    };
  }

  private waitMs(key: string, windows: RateWindow[], now: number): number {
    let wait = (this.blockedUntil.get(key) ?? 0) - now;
    const stamps = (this.history.get(key) ?? []).map((c) => Math.min(c.at, now)).sort((a, b) => a - b);
    for (const { limit, windowMs } of windows) {
      const span = windowMs + this.marginMs;
      // The call `limit` places back must have left the window before one more may start.
      const index = stamps.length - limit;
      if (index >= 0 && stamps[index] > now - span) wait = Math.max(wait, stamps[index] + span - now);
    }
    return wait;
  }
}

/** For calls outside any budget: nothing to record. */
const answered = () => undefined;
