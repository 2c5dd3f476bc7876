/** Retry policy shared by API calls and token requests: bounded, exponential, jittered. */

export interface RetryPolicy {
  /** Attempts for 5xx, timeouts and connection resets (the first try included). */
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

/** "Full jitter" backoff: spreads retries of many clients instead of synchronising them. */
export function backoffDelay(policy: RetryPolicy, failedAttempts: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** Retry-After is seconds or an HTTP date; capped at an hour like msal does. */
export function retryAfterMs(header: string | string[] | undefined, now: number, fallbackMs: number): number {
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
