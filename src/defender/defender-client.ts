/**
 * The Defender for Endpoint / Graph API client for one tenant. Every source is a lazy async
 * iterator of parsed pages (memory bounded by one page); every call goes through one path that
 * keeps the rate budget, retries 429/5xx/resets, refreshes the token once on 401 (and 403), turns a
 * lasting 403 into a typed permission error, and is logged and counted. Tokens are never logged.
 */
import { pipeline, type Readable } from "node:stream";
import { text as readText } from "node:stream/consumers";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { createInterface } from "node:readline";
import { request, type Dispatcher } from "undici";
import { z } from "zod";
import type { HuntingApi } from "../config/config";
import type { Logger } from "../config/logger";
import { defenderCallDuration, defenderCalls, defenderRetries } from "../config/metrics";
import { DefenderAuthError, DefenderError, DefenderPermissionError } from "./errors";
import { streamArrayProperty, textChunks } from "./json-stream";
import { pageByNextLink, pageBySkip } from "./paging";
import {
  RowParser,
  browserExtensionSchema,
  logonUserSchema,
  machineSchema,
  parseHuntingRow,
  parseHuntingSchema,
  pick,
  softwareInventorySchema,
  type BrowserExtensionRow,
  type HuntingColumn,
  type HuntingRow,
  type LogonUser,
  type Machine,
  type RowSchema,
  type SoftwareInventoryRow,
} from "./parse";
import { REQUIRED_PERMISSIONS, type ApiResource, type DefenderSource } from "./permissions";
import { DefenderRateLimiter, systemClock, type Clock, type EndpointFamily } from "./rate-limiter";
import {
  DEFAULT_RETRY_POLICY,
  RetryBudget,
  isRetryableNetworkError,
  isRetryableStatus,
  withRetries,
  type Attempt,
  type RetryPolicy,
  type RetryReason,
} from "./retry";
import type { TokenSource } from "./token-provider";

export interface DefenderClientOptions {
  tenantId: string;
  tokens: TokenSource;
  /** From createDispatcher: proxy and CA settings. */
  dispatcher: Dispatcher;
  defenderApiUrl: string;
  graphApiUrl: string;
  /** Which hunting API to use; `auto` = Graph first, the legacy API when Graph is refused. */
  huntingApi?: HuntingApi;
  /** Share one limiter between clients so a tenant's budget holds across syncs in this process. */
  rateLimiter?: DefenderRateLimiter;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  /**
   * Rows per page of the JSON inventory endpoints (default INVENTORY_PAGE_SIZE). Pages are streamed, so
   * a large page costs no memory, and it saves calls against the 30-per-minute budget.
   */
  pageSize?: number;
  /** Rows per `/api/machines` page (max 10,000). */
  machinesPageSize?: number;
  /** Upper bound on pages of any one listing, so a looping server cannot hold a sync forever. */
  maxPages?: number;
  /**
   * Rows per batch yielded from a streamed page or an export file (default 2,000): small enough that a
   * batch dies in the young generation instead of being promoted and swept with the sync's long-lived
   * state.
   */
  batchSize?: number;
  /** Hours the export download links stay valid (1–6; default 6, so a throttled sync finishes in time). */
  sasValidHours?: number;
  requestTimeoutMs?: number;
  huntingTimeoutMs?: number;
}

export interface DefenderClientStats {
  /** HTTP requests sent, retries included. */
  calls: number;
  /** 429 answers. */
  throttled: number;
  /** Requests repeated after a 429, 5xx, reset, timeout or 401. */
  retries: number;
  rowsRead: number;
  /** Rows dropped as malformed (missing an identifying field, not an object, not JSON). */
  rowsSkipped: number;
}

export interface HuntingResult {
  /** The API that answered. */
  api: "graph" | "legacy";
  schema: HuntingColumn[];
  rows: HuntingRow[];
}

interface CallSpec {
  family: EndpointFamily;
  /** The token audience, or null for pre-signed export file links. */
  resource: ApiResource | null;
  method: "GET" | "POST";
  url: string;
  body?: unknown;
  timeoutMs?: number;
}

const FAMILY_SOURCE: Partial<Record<EndpointFamily, DefenderSource>> = {
  machines: "machines",
  logonUsers: "logonUsers",
  softwareInventory: "softwareInventory",
  nonCpeSoftwareInventory: "softwareInventory",
  browserExtensions: "browserExtensions",
  softwareExport: "softwareExport",
  nonCpeSoftwareExport: "softwareExport",
  huntingLegacy: "huntingLegacy",
  huntingGraph: "huntingGraph",
};

/** Rows per JSON inventory page by default: Defender's maximum (its own default is 50,000). */
export const INVENTORY_PAGE_SIZE = 200_000;

/** Hosts Defender's own next-page links may name (besides the configured base URL's). */
const DEFENDER_HOST =
  /(^|\.)(security|securitycenter)\.microsoft\.(com|us)$|(^|\.)securitycenter\.windows\.com$/;
/** Export files are pre-signed Azure Blob links (or, for the simulator, on the API's own origin). */
const BLOB_HOST = /\.blob\.core\.(windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)$/;

const listEnvelope = z.object({
  value: z.array(z.unknown()),
  nextLink: z.string().optional().catch(undefined),
});
const exportEnvelope = z.object({
  exportFiles: z.array(z.string()),
  generatedTime: z.string().optional().catch(undefined),
});
const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string().optional().catch(undefined),
      message: z.string().optional().catch(undefined),
    }),
  })
  .catch({ error: {} });

export class DefenderClient {
  readonly tenantId: string;
  private readonly stats: DefenderClientStats = {
    calls: 0,
    throttled: 0,
    retries: 0,
    rowsRead: 0,
    rowsSkipped: 0,
  };
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly limiter: DefenderRateLimiter;
  private readonly defenderBase: URL;
  private readonly graphBase: URL;
  private readonly pageSize: number;
  private readonly machinesPageSize: number;
  private readonly maxPages: number;
  private readonly batchSize: number;
  /** In `auto`/`legacy` mode, the API that last worked: fallbacks are decided once per client. */
  private huntingChoice: "graph" | "legacy";

  constructor(private readonly options: DefenderClientOptions) {
    this.tenantId = options.tenantId;
    this.clock = options.clock ?? systemClock;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.limiter = options.rateLimiter ?? new DefenderRateLimiter({ clock: this.clock });
    this.defenderBase = new URL(options.defenderApiUrl);
    this.graphBase = new URL(options.graphApiUrl);
    this.pageSize = options.pageSize ?? INVENTORY_PAGE_SIZE;
    this.machinesPageSize = options.machinesPageSize ?? 10_000;
    this.maxPages = options.maxPages ?? 10_000;
    this.batchSize = options.batchSize ?? 2_000;
    this.huntingChoice = options.huntingApi === "legacy" ? "legacy" : "graph";
  }

  /** Counters since this client was created (the sync engine diffs snapshots per source). */
  snapshot(): DefenderClientStats {
    return { ...this.stats };
  }

  /** `GET /api/machines` by `$top`/`$skip` (nextLink is unreliable there), de-duplicated by id. */
  machines(options: { filter?: string } = {}): AsyncGenerator<Machine[]> {
    const parser = this.parser(machineSchema, "machines");
    return pageBySkip({
      top: this.machinesPageSize,
      maxPages: this.maxPages,
      idOf: (machine) => machine.id,
      fetchPage: async (skip, top) => {
        const url = this.url(this.defenderBase, "/api/machines", {
          $top: top,
          $skip: skip,
          $filter: options.filter,
        });
        // Defender answers 404 when no machine has reported recently: an empty fleet, not an error.
        const raw = await this.getList("machines", url, { notFoundAsEmpty: skip === 0 });
        return { rawCount: raw.value.length, rows: parser.parseAll(raw.value) };
      },
    });
  }

  /** CPE-mapped software per device (`SoftwareInventoryByMachine`), paged by `$skiptoken`. */
  softwareInventory(): AsyncGenerator<SoftwareInventoryRow[]> {
    return this.linkPaged(
      "softwareInventory",
      "/api/machines/SoftwareInventoryByMachine",
      this.parser(softwareInventorySchema, "softwareInventory"),
    );
  }

  /** Software without a CPE (`SoftwareInventoryNoProductCodeByMachine`): where most AI tools show up. */
  nonCpeSoftwareInventory(): AsyncGenerator<SoftwareInventoryRow[]> {
    return this.linkPaged(
      "nonCpeSoftwareInventory",
      "/api/machines/SoftwareInventoryNoProductCodeByMachine",
      this.parser(softwareInventorySchema, "nonCpeSoftwareInventory"),
    );
  }

  /** Browser extensions per device (`BrowserExtensionsInventoryByMachine`). */
  browserExtensions(): AsyncGenerator<BrowserExtensionRow[]> {
    return this.linkPaged(
      "browserExtensions",
      "/api/Machines/BrowserExtensionsInventoryByMachine",
      this.parser(browserExtensionSchema, "browserExtensions"),
    );
  }

  /** CPE software inventory "via files": gzip JSON-lines files streamed in batches. */
  softwareInventoryExport(): AsyncGenerator<SoftwareInventoryRow[]> {
    return this.exportFiles(
      "softwareExport",
      "/api/machines/SoftwareInventoryExport",
      this.parser(softwareInventorySchema, "softwareExport"),
    );
  }

  /** Non-CPE software inventory "via files". */
  nonCpeSoftwareInventoryExport(): AsyncGenerator<SoftwareInventoryRow[]> {
    return this.exportFiles(
      "nonCpeSoftwareExport",
      "/api/machines/SoftwareInventoryNonCpeExport",
      this.parser(softwareInventorySchema, "nonCpeSoftwareExport"),
    );
  }

  /** Users who logged on to one device; a device Defender no longer knows has none. */
  async logonUsers(machineId: string): Promise<LogonUser[]> {
    const url = this.url(this.defenderBase, `/api/machines/${encodeURIComponent(machineId)}/logonusers`, {});
    const raw = await this.getList("logonUsers", url, { notFoundAsEmpty: true });
    return this.parser(logonUserSchema, "logonUsers").parseAll(raw.value);
  }

  /**
   * Runs KQL through Graph `runHuntingQuery` or the legacy `/api/advancedqueries/run`, per the
   * configured mode. `auto` starts with Graph and falls back to legacy when Graph is refused or
   * unavailable; `legacy` falls back to Graph when the legacy API is retired (404/410) or refused.
   */
  async runHuntingQuery(query: string, options: { timespan?: string } = {}): Promise<HuntingResult> {
    const mode = this.options.huntingApi ?? "auto";
    if (mode === "graph") return this.hunt("graph", query, options.timespan);
    const first = this.huntingChoice;
    const other = first === "graph" ? "legacy" : "graph";
    try {
      return await this.hunt(first, query, options.timespan);
    } catch (error) {
      if (!this.canFallBack(first, error)) throw error;
      this.options.logger?.warn(
        { tenantId: this.tenantId, from: first, to: other, code: (error as DefenderError).code },
        "hunting API fallback",
      );
      try {
        const result = await this.hunt(other, query, options.timespan);
        this.huntingChoice = other;
        return result;
      } catch (second) {
        if (error instanceof DefenderPermissionError && second instanceof DefenderPermissionError) {
          throw new DefenderPermissionError(
            [...error.missingPermissions, ...second.missingPermissions],
            [...new Set([...error.grantedPermissions, ...second.grantedPermissions])],
            { status: 403, family: "hunting" },
          );
        }
        throw second;
      }
    }
  }

  private canFallBack(from: "graph" | "legacy", error: unknown): boolean {
    if (!(error instanceof DefenderError)) return false;
    if (error.code === "PERMISSION_MISSING" || error.code === "NOT_FOUND") return true;
    // Graph may be unreachable (egress rules) or not consented while the legacy API still works.
    return from === "graph" && (error.code === "UNAVAILABLE" || error.code === "CONSENT_REQUIRED");
  }

  private async hunt(
    api: "graph" | "legacy",
    query: string,
    timespan: string | undefined,
  ): Promise<HuntingResult> {
    const spec: CallSpec =
      api === "graph"
        ? {
            family: "huntingGraph",
            resource: "graph",
            method: "POST",
            url: this.url(this.graphBase, "/v1.0/security/runHuntingQuery", {}),
            body: timespan ? { Query: query, Timespan: timespan } : { Query: query },
          }
        : {
            family: "huntingLegacy",
            resource: "defender",
            method: "POST",
            url: this.url(this.defenderBase, "/api/advancedqueries/run", {}),
            body: { Query: query },
          };
    spec.timeoutMs = this.options.huntingTimeoutMs ?? 240_000;
    const body = await this.send(spec, (stream, encoding) => readJson(stream, encoding));
    const schema = parseHuntingSchema(pick(body, "schema"));
    const results = pick(body, "results");
    if (!Array.isArray(results))
      throw new DefenderError("MALFORMED_RESPONSE", `The ${api} hunting API returned no results array`);
    const rows: HuntingRow[] = [];
    for (let i = 0; i < results.length; i++) {
      this.stats.rowsRead++;
      const row = parseHuntingRow(results[i], schema);
      // Each parsed row replaces its raw one: a result of 40,000 rows is held once, not twice.
      results[i] = null;
      if (row) rows.push(row);
      else this.stats.rowsSkipped++;
    }
    return { api, schema, rows };
  }

  private parser<S extends RowSchema>(schema: S, source: string): RowParser<S> {
    let logged = 0;
    return new RowParser(schema, this.stats, (_row, reason) => {
      // One line per source is enough to diagnose drift; the count is in the stats.
      if (logged++ === 0)
        this.options.logger?.warn({ tenantId: this.tenantId, source, reason }, "malformed row skipped");
    });
  }

  private linkPaged<T>(
    family: EndpointFamily,
    path: string,
    parser: { parseAll(rows: unknown[]): T[] },
  ): AsyncGenerator<T[]> {
    return pageByNextLink({
      maxPages: this.maxPages,
      isAllowedHost: (host) => host === this.defenderBase.host.toLowerCase() || DEFENDER_HOST.test(host),
      fetchPage: (skipToken) =>
        this.streamPage(
          family,
          this.url(this.defenderBase, path, { pageSize: this.pageSize, $skiptoken: skipToken }),
          parser,
        ),
    });
  }

  /** One page's rows in batches as they arrive, then its nextLink. */
  private async *streamPage<T>(
    family: EndpointFamily,
    url: string,
    parser: { parseAll(rows: unknown[]): T[] },
  ): AsyncGenerator<T[], string | undefined> {
    const envelope = yield* this.resumable(
      family,
      () => this.send({ family, resource: "defender", method: "GET", url }, async (s, enc) => decode(s, enc)),
      (body) => streamArrayProperty(textChunks(body), "value", this.batchSize),
      (items) => parser.parseAll(items),
      true,
    );
    return listOf(family, envelope).nextLink;
  }

  private async *exportFiles<T>(
    family: EndpointFamily,
    path: string,
    parser: { parse(row: unknown): T | undefined },
  ): AsyncGenerator<T[]> {
    const url = this.url(this.defenderBase, path, { sasValidHours: this.options.sasValidHours ?? 6 });
    const body = await this.send({ family, resource: "defender", method: "GET", url }, (stream, encoding) =>
      readJson(stream, encoding),
    );
    const parsed = exportEnvelope.safeParse({
      exportFiles: pick(body, "exportFiles"),
      generatedTime: pick(body, "generatedTime"),
    });
    if (!parsed.success)
      throw new DefenderError("MALFORMED_RESPONSE", "The export response lists no files", { family });
    for (const fileUrl of parsed.data.exportFiles) {
      this.checkExportLink(fileUrl);
      yield* this.readExportFile(fileUrl, parser);
    }
  }

  private checkExportLink(fileUrl: string): void {
    let url: URL;
    try {
      url = new URL(fileUrl);
    } catch {
      throw new DefenderError("EXPORT_LINK_REJECTED", "An export file link is not a URL");
    }
    const host = url.host.toLowerCase();
    if (
      url.protocol !== "https:" ||
      !(host === this.defenderBase.host.toLowerCase() || BLOB_HOST.test(url.hostname.toLowerCase()))
    ) {
      throw new DefenderError(
        "EXPORT_LINK_REJECTED",
        `An export file link names an unexpected host (${url.host})`,
      );
    }
  }

  /** Streams one gzip JSON-lines file; a blank or unparseable line is skipped and counted by the parser. */
  private readExportFile<T>(
    fileUrl: string,
    parser: { parse(row: unknown): T | undefined },
  ): AsyncGenerator<T[]> {
    return this.resumable(
      "exportFile",
      () => this.send({ family: "exportFile", resource: null, method: "GET", url: fileUrl }, async (s) => s),
      (body) => lineBatches(pipeline(body, createGunzip(), noop), this.batchSize),
      (lines) => {
        const rows: T[] = [];
        for (const text of lines as string[]) {
          if (!text.trim()) continue;
          const row = parser.parse(parseJsonLine(text));
          if (row) rows.push(row);
        }
        return rows;
      },
      false,
    );
  }

  /**
   * Rows from one streamed body, cut into units (lines, items) by `units` and parsed by `rows`. A body
   * that breaks off (or, with `retryMalformed`, turns out garbled) is fetched again, bounded like a
   * 5xx, and the units already passed on are skipped: no row is lost or repeated.
   */
  private async *resumable<T, R>(
    family: EndpointFamily,
    open: () => Promise<Readable>,
    units: (body: Readable) => AsyncGenerator<unknown[], R>,
    rows: (units: unknown[]) => T[],
    retryMalformed: boolean,
  ): AsyncGenerator<T[], R> {
    const budget = new RetryBudget(this.policy, this.clock);
    let consumed = 0;
    for (;;) {
      const body = await open();
      const batches = units(body);
      let seen = 0;
      try {
        for (;;) {
          const next = await batches.next();
          if (next.done) return next.value;
          const fresh = next.value.slice(Math.max(0, consumed - seen));
          seen += next.value.length;
          consumed += fresh.length;
          const parsed = fresh.length ? rows(fresh) : [];
          if (parsed.length) yield parsed;
        }
      } catch (error) {
        const malformed = error instanceof DefenderError && error.code === "MALFORMED_RESPONSE";
        const retryable =
          (retryMalformed && malformed) ||
          isRetryableNetworkError(error) ||
          /^Z_/.test(String((error as { code?: unknown }).code));
        const reason = malformed ? "malformed_body" : "network";
        const waitMs = retryable ? budget.next(reason) : undefined;
        if (waitMs === undefined) {
          throw error instanceof DefenderError
            ? error
            : new DefenderError("UNAVAILABLE", `A ${family} download failed: ${(error as Error).message}`, {
                family,
                cause: error,
              });
        }
        this.countRetry(family, reason);
        await this.clock.sleep(waitMs);
      } finally {
        await batches.return(undefined as R);
        body.destroy();
      }
    }
  }

  private async getList(family: EndpointFamily, url: string, options: { notFoundAsEmpty?: boolean } = {}) {
    let body: unknown;
    try {
      body = await this.send({ family, resource: "defender", method: "GET", url }, (stream, encoding) =>
        readJson(stream, encoding),
      );
    } catch (error) {
      if (options.notFoundAsEmpty && error instanceof DefenderError && error.code === "NOT_FOUND")
        return { value: [], nextLink: undefined };
      throw error;
    }
    return listOf(family, body);
  }

  /** One logical call: budget, token, request, retries (the policy in retry.ts), logging and metrics. */
  private async send<T>(
    spec: CallSpec,
    read: (body: Readable, encoding: string | undefined) => Promise<T>,
  ): Promise<T> {
    let forceRefresh = false;
    /** The token Entra issued on our last forced refresh: a 401 for it is final. */
    let refreshedToken: string | undefined;
    /** The last attempt's log line, written once the policy has said whether it is retried. */
    let entry: Record<string, unknown> | undefined;
    const attempt = async (n: number): Promise<Attempt<T>> => {
      entry = undefined;
      const token = spec.resource
        ? await this.options.tokens.getToken(this.tenantId, spec.resource, { forceRefresh })
        : undefined;
      if (forceRefresh) refreshedToken = token?.token;
      forceRefresh = false;
      // Taken last, so the call goes out as soon as the budget allows.
      const answered = await this.limiter.acquire(this.tenantId, spec.family);
      const started = this.clock.now();
      let status = "error";
      try {
        this.stats.calls++;
        const response = await request(spec.url, {
          method: spec.method,
          dispatcher: this.options.dispatcher,
          headers: {
            accept: "application/json",
            "accept-encoding": "gzip, deflate",
            ...(token ? { authorization: `Bearer ${token.token}` } : {}),
            ...(spec.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          headersTimeout: spec.timeoutMs ?? this.options.requestTimeoutMs ?? 120_000,
          bodyTimeout: spec.timeoutMs ?? this.options.requestTimeoutMs ?? 120_000,
        }).finally(answered);
        status = String(response.statusCode);
        const encoding = header(response.headers["content-encoding"]);
        if (response.statusCode >= 200 && response.statusCode < 300) {
          try {
            return { value: await read(response.body, encoding) };
          } catch (error) {
            if (!(error instanceof DefenderError && error.code === "MALFORMED_RESPONSE")) throw error;
            // A truncated or garbled body is treated like a 5xx: fetch the page again, bounded.
            return { retry: "malformed_body", giveUp: () => rethrow(error) };
          }
        }
        const errorBody = errorEnvelope.parse(
          safeJson(await readText(decode(response.body, encoding)).catch(() => "")),
        );
        const fail = () =>
          rethrow(
            this.statusError(
              spec,
              response.statusCode,
              errorBody.error.code,
              errorBody.error.message,
              token?.claims.roles,
            ),
          );
        const retryAfter = response.headers["retry-after"];
        if (response.statusCode === 429) {
          this.stats.throttled++;
          const throttled = new DefenderError(
            "THROTTLED",
            `Defender kept throttling ${spec.family} after ${this.policy.maxThrottledAttempts} attempts`,
            { status: 429, family: spec.family },
          );
          return { retry: "throttled", retryAfter, giveUp: () => rethrow(throttled) };
        }
        if (
          (response.statusCode === 401 || response.statusCode === 403) &&
          token &&
          token.token !== refreshedToken
        ) {
          // 401: expired or revoked. 403: a cached token keeps the roles it was issued with, so a
          // permission granted since (or still propagating) needs a new one. Once, past msal's cache.
          forceRefresh = true;
          return { retry: response.statusCode === 401 ? "unauthorized" : "forbidden", giveUp: fail };
        }
        if (isRetryableStatus(response.statusCode))
          return { retry: "server_error", retryAfter, giveUp: fail };
        return fail();
      } catch (error) {
        if (error instanceof DefenderError) throw error;
        const unavailable = new DefenderError(
          "UNAVAILABLE",
          `The ${spec.family} call failed: ${(error as Error).message}`,
          { family: spec.family, cause: error },
        );
        if (!isRetryableNetworkError(error)) throw unavailable;
        return { retry: "network", giveUp: () => rethrow(unavailable) };
      } finally {
        const durationMs = this.clock.now() - started;
        defenderCalls.inc({ family: spec.family, status });
        defenderCallDuration.observe({ family: spec.family }, durationMs / 1000);
        entry = {
          tenantId: this.tenantId,
          family: spec.family,
          method: spec.method,
          status,
          durationMs,
          attempt: n,
        };
      }
    };
    try {
      return await withRetries(this.policy, this.clock, attempt, ({ reason, waitMs }) => {
        // A 429 pauses the tenant's whole budget, so concurrent callers of it wait too.
        if (reason === "throttled") this.limiter.block(this.tenantId, spec.family, this.clock.now() + waitMs);
        this.countRetry(spec.family, reason);
        this.options.logger?.info({ ...entry, retryReason: reason, waitMs }, "defender call retried");
        entry = undefined;
      });
    } finally {
      if (entry) this.options.logger?.debug(entry, "defender call");
    }
  }

  private countRetry(family: EndpointFamily, reason: RetryReason): void {
    this.stats.retries++;
    defenderRetries.inc({ family, reason });
  }

  private statusError(
    spec: CallSpec,
    status: number,
    serverCode?: string,
    serverMessage?: string,
    roles: string[] = [],
  ): DefenderError {
    const details = { status, family: spec.family, serverCode };
    const suffix = serverMessage ? `: ${serverMessage}` : "";
    if (status === 401) {
      return new DefenderAuthError(
        "UNAUTHORIZED",
        `Defender rejected a fresh token for ${spec.family}${suffix}`,
        details,
      );
    }
    if (status === 403) {
      if (!spec.resource)
        return new DefenderError(
          "EXPORT_LINK_REJECTED",
          "An export file link was refused (expired?)",
          details,
        );
      const source = FAMILY_SOURCE[spec.family];
      const required = source ? [REQUIRED_PERMISSIONS[source].permission] : [];
      return new DefenderPermissionError(required, roles, { ...details, serverMessage });
    }
    if (status === 404 || status === 410)
      return new DefenderError("NOT_FOUND", `${spec.family} is not available (${status})${suffix}`, details);
    if (status === 429 || status >= 500 || status === 408) {
      return new DefenderError("UNAVAILABLE", `${spec.family} kept failing (${status})${suffix}`, details);
    }
    return new DefenderError("BAD_REQUEST", `${spec.family} was refused (${status})${suffix}`, details);
  }

  private url(base: URL, path: string, query: Record<string, string | number | undefined>): string {
    const url = new URL(base.pathname.replace(/\/+$/, "") + path, base);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, String(value));
    // OData names keep their `$`: some servers do not decode %24.
    return url.toString().replace(/%24/g, "$");
  }
}

/** An OData list response's rows and next link (a streamed page's rows were taken out before). */
function listOf(family: EndpointFamily, body: unknown): z.infer<typeof listEnvelope> {
  const parsed = listEnvelope.safeParse({
    value: pick(body, "value"),
    nextLink: pick(body, "@odata.nextLink"),
  });
  if (!parsed.success)
    throw new DefenderError("MALFORMED_RESPONSE", `The ${family} response has no value array`, { family });
  return parsed.data;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function decode(body: Readable, encoding: string | undefined): Readable {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
      return pipeline(body, createGunzip(), noop);
    case "deflate":
      return pipeline(body, createInflate(), noop);
    case "br":
      return pipeline(body, createBrotliDecompress(), noop);
    default:
      return body;
  }
}

/** Errors surface on the pipeline's last stream, where the reader awaits them. */
function noop(): void {}

async function readJson(body: Readable, encoding: string | undefined): Promise<unknown> {
  const text = await readText(decode(body, encoding));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DefenderError("MALFORMED_RESPONSE", "A response body is not valid JSON", { cause: error });
  }
}

/** Throws `error`: lets an arrow function that gives up be typed as returning a value. */
function rethrow(error: unknown): never {
  throw error;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** A text stream's lines in arrays of up to `size`. */
async function* lineBatches(text: Readable, size: number): AsyncGenerator<string[], undefined> {
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  try {
    let batch: string[] = [];
    for await (const line of lines) {
      batch.push(line);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return undefined;
  } finally {
    lines.close();
  }
}

/** A line that is not JSON is handed to the row parser as nothing, which skips and counts it. */
function parseJsonLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
