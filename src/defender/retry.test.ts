import { FakeClock } from "../../test/support/fake-clock";
import {
  DEFAULT_RETRY_POLICY,
  RetryBudget,
  isRetryableNetworkError,
  isRetryableStatus,
  withRetries,
  type Attempt,
  type RetryEvent,
  type RetryPolicy,
} from "./retry";

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  random: () => 0.5,
  ...overrides,
});

/** Plays the given outcomes in order, one per attempt. */
function script<T>(...outcomes: Attempt<T>[]) {
  const attempts: number[] = [];
  return {
    attempts,
    attempt: async (n: number) => {
      attempts.push(n);
      return outcomes[Math.min(n, outcomes.length) - 1];
    },
  };
}

const gaveUp = () => "gave up";

describe("RetryBudget", () => {
  it("waits out Retry-After in seconds or as an HTTP date, capped at an hour", () => {
    const clock = new FakeClock();
    const budget = new RetryBudget(policy(), clock);
    expect(budget.next("throttled", "37")).toBe(37_000);
    expect(budget.next("throttled", new Date(clock.now() + 90_000).toUTCString())).toBe(90_000);
    expect(budget.next("throttled", ["5", "9"])).toBe(5_000);
    expect(budget.next("throttled", "86400")).toBe(3_600_000);
  });

  it("waits the policy's default after a 429 without (or with an unreadable) Retry-After", () => {
    const budget = new RetryBudget(policy({ defaultRetryAfterMs: 45_000 }), new FakeClock());
    expect(budget.next("throttled")).toBe(45_000);
    expect(budget.next("throttled", "soon")).toBe(45_000);
  });

  it("backs off exponentially, half of each step random, up to the maximum delay", () => {
    const budget = new RetryBudget(
      policy({ maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 5_000, random: () => 1 }),
      new FakeClock(),
    );
    const waits = ["server_error", "network", "malformed_body", "server_error", "network"].map((r) =>
      budget.next(r as "server_error"),
    );
    expect(waits).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
    const lowest = new RetryBudget(policy({ random: () => 0 }), new FakeClock());
    // Half of each step is fixed, so a retry never comes at once.
    expect(lowest.next("server_error")).toBe(250);
  });

  it("honours a 503's Retry-After only when it asks for longer than the backoff", () => {
    const budget = new RetryBudget(policy(), new FakeClock());
    expect(budget.next("server_error", "20")).toBe(20_000);
    expect(budget.next("server_error", "0")).toBe(750);
  });

  it("counts throttling and faults apart, and never a token refresh", () => {
    const budget = new RetryBudget(policy({ maxAttempts: 2, maxThrottledAttempts: 3 }), new FakeClock());
    expect(budget.next("throttled", "1")).toBe(1_000);
    expect(budget.next("unauthorized")).toBe(0);
    expect(budget.next("forbidden")).toBe(0);
    expect(budget.next("throttled", "1")).toBe(1_000);
    expect(budget.next("server_error")).toBe(375);
    expect(budget.next("throttled", "1")).toBeUndefined();
    expect(budget.next("network")).toBeUndefined();
    expect(budget.next("unauthorized")).toBe(0);
  });
});

describe("withRetries", () => {
  it("returns the first value, waiting only on the injected clock between attempts", async () => {
    const clock = new FakeClock();
    const events: RetryEvent[] = [];
    const run = script<string>(
      { retry: "throttled", retryAfter: "37", giveUp: gaveUp },
      { retry: "server_error", giveUp: gaveUp },
      { retry: "unauthorized", giveUp: gaveUp },
      { value: "rows" },
    );
    await expect(withRetries(policy(), clock, run.attempt, (e) => events.push(e))).resolves.toBe("rows");
    expect(run.attempts).toEqual([1, 2, 3, 4]);
    expect(clock.sleeps).toEqual([37_000, 375]);
    expect(events).toEqual([
      { reason: "throttled", attempt: 1, waitMs: 37_000 },
      { reason: "server_error", attempt: 2, waitMs: 375 },
      { reason: "unauthorized", attempt: 3, waitMs: 0 },
    ]);
  });

  it("gives up through the last attempt's giveUp once a budget is spent, without a retry event", async () => {
    const events: RetryEvent[] = [];
    const run = script<string>({ retry: "server_error", giveUp: () => "the 500 itself" });
    const result = await withRetries(policy({ maxAttempts: 3 }), new FakeClock(), run.attempt, (e) =>
      events.push(e),
    );
    expect(result).toBe("the 500 itself");
    expect(run.attempts).toEqual([1, 2, 3]);
    expect(events.map((e) => e.attempt)).toEqual([1, 2]);
  });

  it("lets a giveUp throw the call's typed error", async () => {
    const run = script<string>({
      retry: "throttled",
      giveUp: () => {
        throw new Error("kept throttling");
      },
    });
    await expect(
      withRetries(policy({ maxThrottledAttempts: 4 }), new FakeClock(), run.attempt),
    ).rejects.toThrow("kept throttling");
    expect(run.attempts).toHaveLength(4);
  });

  it("never retries an error the attempt throws", async () => {
    let calls = 0;
    const attempt = async (): Promise<Attempt<string>> => {
      calls++;
      throw new Error("bad request");
    };
    await expect(withRetries(policy(), new FakeClock(), attempt)).rejects.toThrow("bad request");
    expect(calls).toBe(1);
  });
});

describe("what is worth another attempt", () => {
  it("retries 5xx and 408, not other client errors", () => {
    expect([500, 502, 503, 504, 408].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 410, 429].some(isRetryableStatus)).toBe(false);
  });

  it("finds resets and timeouts anywhere in the cause chain", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(isRetryableNetworkError(new Error("fetch failed", { cause: reset }))).toBe(true);
    expect(isRetryableNetworkError(Object.assign(new Error("timed out"), { name: "TimeoutError" }))).toBe(
      true,
    );
    expect(
      isRetryableNetworkError(Object.assign(new Error("bad cert"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" })),
    ).toBe(false);
  });
});
