/**
 * Request rate limits of the HTTP API, counted by rate-limiter-flexible in this process's memory over
 * one-minute windows: every GraphQL request and consent callback per client address, every authenticated
 * request per API key, and refused keys per client address (key guessing). The counts are per process,
 * so with N API replicas each limit is set to the total wanted divided by N (README "Limits").
 */
import type { IncomingMessage } from "node:http";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface RateLimitSettings {
  /** Requests a minute; 0 turns a limit off. */
  perKey: number;
  perAddress: number;
  authFailuresPerAddress: number;
}

const WINDOW_SECONDS = 60;

function limiter(points: number, keyPrefix: string): RateLimiterMemory | undefined {
  return points > 0 ? new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix }) : undefined;
}

/** Seconds until `limiter` admits `key` again, counting this request; 0 when it is admitted now. */
async function take(limiter: RateLimiterMemory | undefined, key: string): Promise<number> {
  if (!limiter) return 0;
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

export class RateLimits {
  private readonly byKey: RateLimiterMemory | undefined;
  private readonly byAddress: RateLimiterMemory | undefined;
  private readonly failuresByAddress: RateLimiterMemory | undefined;

  constructor(private readonly settings: RateLimitSettings) {
    this.byKey = limiter(settings.perKey, "key");
    this.byAddress = limiter(settings.perAddress, "address");
    this.failuresByAddress = limiter(settings.authFailuresPerAddress, "auth-failures");
  }

  /** Counts a request from `address`: seconds to wait when it is over the limit, else 0. */
  admitAddress(address: string): Promise<number> {
    return take(this.byAddress, address);
  }

  /** Counts a request made with API key `keyId`: seconds to wait when it is over the limit, else 0. */
  admitKey(keyId: string): Promise<number> {
    return take(this.byKey, keyId);
  }

  /** Seconds until `address` may present keys again after too many refused ones; 0 when it may now. */
  async authFailureWait(address: string): Promise<number> {
    const used = await this.failuresByAddress?.get(address);
    if (!used || used.consumedPoints < this.settings.authFailuresPerAddress) return 0;
    return Math.max(1, Math.ceil(used.msBeforeNext / 1000));
  }

  /** Counts a missing, unknown, revoked or expired key presented from `address`. */
  async recordAuthFailure(address: string): Promise<void> {
    await take(this.failuresByAddress, address);
  }
}

/**
 * The client's address: the socket's peer, or with `trustProxyHops` proxies in front, the address the
 * outermost trusted proxy saw (the `trustProxyHops`-th entry of X-Forwarded-For from the right).
 * Entries further left are written by the client and never trusted.
 */
export function clientAddress(req: IncomingMessage, trustProxyHops: number): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (trustProxyHops === 0) return peer;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustProxyHops, chain.length - 1)];
}
