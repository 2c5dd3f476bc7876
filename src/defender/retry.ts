/**
 * The one retry policy of every outbound call (API pages, export downloads, token requests): 429s wait
 * out Retry-After on a budget of their own; 5xx/408, resets, timeouts and garbled bodies back off
 * exponentially with jitter; a call repeated with a refreshed token costs nothing. Time is injected.
 * What Defender and Entra ask of clients: docs/defender-api.md, "Errors and retries". Why this is not a
 * library: README.md, "Libraries and why".
 */
import type { Clock } from "./rate-limiter";

export interface RetryPolicy {
  /** Attempts for 5xx, timeouts, connection resets and garbled bodies (the first try included). */
  maxAttempts: number;
  /** Attempts for 429s, each after the server's Retry-After. */
  maxThrottledAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Used when a 429 has no Retry-After. */
  defaultRetryAfterMs: number;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  maxThrottledAttempts: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  defaultRetryAfterMs: 60_000,
  random: Math.random,
};

/** Why an attempt is repeated: the `reason` label of `defender_api_retries_total`. */
export type RetryReason =
  "throttled" | "server_error" | "network" | "malformed_body" | "unauthorized" | "forbidden";

/**
 * The budgets of one logical call. Throttling and faults are counted apart, so a busy tenant's 429s
 * do not use up the attempts kept for an outage. A token refresh is free: the caller allows one.
 */
export class RetryBudget {
  private faults = 0;
  private throttles = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds to wait before trying again after `reason`, or undefined once its budget is spent. */
  next(reason: RetryReason, retryAfter?: string | string[]): number | undefined {
    if (reason === "unauthorized" || reason === "forbidden") return 0;
    if (reason === "throttled") {
      if (++this.throttles >= this.policy.maxThrottledAttempts) return undefined;
      return retryAfterMs(retryAfter, this.clock.now(), this.policy.defaultRetryAfterMs);
    }
    if (++this.faults >= this.policy.maxAttempts) return undefined;
    // A 503 may say when to come back; never sooner than our own backoff.
    return Math.max(backoffDelay(this.policy, this.faults), retryAfterMs(retryAfter, this.clock.now(), 0));
  }
}

/** One attempt's result: its value, or why to try again and what the call comes to when it may not. */
export type Attempt<T> =
  | { value: T }
  | {
      retry: RetryReason;
      /** The response's Retry-After header, if any. */
      retryAfter?: string | string[];
      /** Returns or throws the call's result once the budget for `retry` is spent. */
      giveUp: () => T;
    };

export interface RetryEvent {
  reason: RetryReason;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  waitMs: number;
}

/**
 * Runs `attempt` until it gives a value or the budget for its failure is spent. Errors it throws are
 * final; `onRetry` hears of every retry before its wait (for counting, logging, pausing others).
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  clock: Clock,
  attempt: (n: number) => Promise<Attempt<T>>,
  onRetry: (event: RetryEvent) => void = () => undefined,
): Promise<T> {
  const budget = new RetryBudget(policy, clock);
  for (let n = 1; ; n++) {
    const outcome = await attempt(n);
    if (!("retry" in outcome)) return outcome.value;
    const waitMs = budget.next(outcome.retry, outcome.retryAfter);
    if (waitMs === undefined) return outcome.giveUp();
    onRetry({ reason: outcome.retry, attempt: n, waitMs });
    if (waitMs > 0) await clock.sleep(waitMs);
  }
}

/** "Equal jitter": half of each step fixed, half random, so clients spread out and none retries at once. */
function backoffDelay(policy: RetryPolicy, failedAttempts: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** Retry-After is seconds or an HTTP date; capped at an hour like msal does. */
function retryAfterMs(header: string | string[] | undefined, now: number, fallbackMs: number): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return fallbackMs;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return fallbackMs;
  return Math.min(Math.max(0, ms), 3_600_000);
}

const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
]);

/** Transport failures worth another attempt (resets, timeouts), found anywhere in the cause chain. */
export function isRetryableNetworkError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE_NETWORK_CODES.has(code)) return true;
    if ((e as { name?: unknown }).name === "TimeoutError") return true;
  }
  return false;
}

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408;
}
