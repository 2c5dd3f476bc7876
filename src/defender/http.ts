/**
 * Outbound HTTP for the connector: one undici dispatcher honouring HTTPS_PROXY/NO_PROXY and an
 * optional extra CA, and an msal network client on that dispatcher (msal v5+ has no proxy option).
 */
import { rootCertificates } from "node:tls";
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from "undici";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import type { Logger } from "../config/logger";
import { defenderCallDuration, defenderCalls, defenderRetries } from "../config/metrics";
import { systemClock, type Clock } from "./rate-limiter";
import {
  DEFAULT_RETRY_POLICY,
  isRetryableNetworkError,
  isRetryableStatus,
  withRetries,
  type Attempt,
  type RetryPolicy,
} from "./retry";

export interface DispatcherOptions {
  /** HTTPS_PROXY; empty or undefined = direct. */
  httpsProxy?: string;
  /** NO_PROXY: comma-separated hosts (suffixes, `*`) reached directly. */
  noProxy?: string;
  /** Extra trusted CA (PEM) for a process that cannot set NODE_EXTRA_CA_CERTS (demo mode, tests). */
  trustCa?: string;
  /** Per-request socket timeouts. */
  timeoutMs?: number;
}

export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  // An explicit `ca` replaces Node's default store, so the public roots are kept alongside it.
  const tls = options.trustCa ? { ca: [...rootCertificates, options.trustCa] } : undefined;
  const timeout = options.timeoutMs ?? 120_000;
  // Without a proxy a plain Agent does (EnvHttpProxyAgent warns that it is experimental).
  if (!options.httpsProxy) return new Agent({ connect: tls, headersTimeout: timeout, bodyTimeout: timeout });
  return new EnvHttpProxyAgent({
    // Explicit values: undici would otherwise read process.env itself.
    httpProxy: options.httpsProxy,
    httpsProxy: options.httpsProxy,
    noProxy: options.noProxy ?? "",
    connect: tls,
    requestTls: tls,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  } as EnvHttpProxyAgent.Options);
}

export interface MsalNetworkClientOptions {
  dispatcher: Dispatcher;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
}

/**
 * Token requests go through the shared dispatcher and are retried here, by the connector's one policy,
 * on 429/5xx/resets: msal itself would cache a failed response as a throttle for up to an hour
 * (docs/defender-api.md, "msal-node").
 */
export function createMsalNetworkClient(options: MsalNetworkClientOptions): INetworkModule {
  const clock = options.clock ?? systemClock;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const send = <T>(method: "GET" | "POST", url: string, init?: NetworkRequestOptions, timeout?: number) => {
    /** The attempt that failed, for the retry log. */
    let failed: { status: string; err?: string } | undefined;
    const attempt = async (): Promise<Attempt<NetworkResponse<T>>> => {
      const started = clock.now();
      let status = "error";
      let err: string | undefined;
      try {
        const response = await request(url, {
          method,
          headers: init?.headers,
          body: method === "POST" ? (init?.body ?? "") : undefined,
          dispatcher: options.dispatcher,
          signal: timeout ? AbortSignal.timeout(timeout) : undefined,
        });
        status = String(response.statusCode);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        const answer: NetworkResponse<T> = {
          status: response.statusCode,
          headers,
          body: parseJson(await response.body.text()) as T,
        };
        // Once the budget is spent msal gets the failed answer and reports it.
        const retryAfter = response.headers["retry-after"];
        if (response.statusCode === 429) return { retry: "throttled", retryAfter, giveUp: () => answer };
        if (isRetryableStatus(response.statusCode))
          return { retry: "server_error", retryAfter, giveUp: () => answer };
        return { value: answer };
      } catch (error) {
        if (!isRetryableNetworkError(error)) throw error;
        err = (error as Error).message;
        return {
          retry: "network",
          giveUp: () => {
            throw error;
          },
        };
      } finally {
        failed = { status, err };
        defenderCalls.inc({ family: "token", status });
        defenderCallDuration.observe({ family: "token" }, (clock.now() - started) / 1000);
      }
    };
    return withRetries(policy, clock, attempt, ({ reason, attempt: n, waitMs }) => {
      defenderRetries.inc({ family: "token", reason });
      options.logger?.warn(
        { family: "token", ...failed, retryReason: reason, attempt: n, waitMs },
        "token request retried",
      );
    });
  };
  return {
    sendGetRequestAsync: (url, init, timeout) => send("GET", url, init, timeout),
    sendPostRequestAsync: (url, init) => send("POST", url, init),
  };
}

/** Error pages from proxies are not JSON; msal then reports the status with an empty body. */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}
