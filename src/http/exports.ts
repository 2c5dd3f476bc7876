/**
 * The export routes (README "Automation"), authenticated like GraphQL (`Authorization: Bearer <api key>`)
 * and scoped to one tenant (`tenantId`, its global ID):
 * - `GET /exports/installations.csv` and `/exports/installations.ndjson`: the tenant's installations,
 *   filtered by `filter` (JSON of the GraphQL `InstallationFilter` input, coerced by that very input type,
 *   so the two APIs accept the same filters), streamed page by page with backpressure: memory stays flat
 *   whatever the size. CSV is RFC 4180 (CRLF, quoted where needed), UTF-8 with a byte-order mark so
 *   spreadsheets read it as UTF-8, and cells a spreadsheet would run as a formula are prefixed with `'`.
 * - `GET /exports/cyclonedx.json`: a CycloneDX 1.6 document of the tenant's agents, or of one device's
 *   (`deviceId`, its global ID).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { coerceInputValue, isInputType, type GraphQLSchema } from "graphql";
import { tenantIdOf } from "../graphql/ids";
import { fromGlobalId } from "../graphql/relay";
import type { Caller } from "../model/caller";
import { DomainError, ErrorCode } from "../model/errors";
import { EXPORT_COLUMNS, type ExportedInstallation, type Services } from "../services";
import type { InstallationFilter } from "../store";
import type { RateLimits } from "./rate-limits";
import type { RequestContext, RouteHandler } from "./request-context";

export const EXPORT_PATHS = {
  csv: "/exports/installations.csv",
  ndjson: "/exports/installations.ndjson",
  cycloneDx: "/exports/cyclonedx.json",
} as const;

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.THROTTLED]: 429,
};

export interface ExportRouteOptions {
  services: Services;
  rateLimits: RateLimits;
  /** The GraphQL schema, whose `InstallationFilter` input reads the `filter` parameter. */
  schema: GraphQLSchema;
}

export function exportRoutes(options: ExportRouteOptions): Record<string, RouteHandler> {
  const filterType = options.schema.getType("InstallationFilter");
  if (!filterType || !isInputType(filterType)) throw new Error("the schema has no InstallationFilter input");
  const route =
    (
      handle: (caller: Caller, tenantId: string, url: URL, res: ServerResponse) => Promise<void>,
    ): RouteHandler =>
    async (req, res, url, request) => {
      if (req.method !== "GET") return void res.writeHead(405, { allow: "GET" }).end();
      try {
        const caller = await authenticate(req, options, request);
        const tenantId = tenantIdOf(url.searchParams.get("tenantId") ?? "");
        if (!tenantId)
          throw new DomainError(ErrorCode.BAD_USER_INPUT, "`tenantId` must be a Tenant's global ID");
        await handle(caller, tenantId, url, res);
      } catch (error) {
        if (!(error instanceof DomainError) || res.headersSent) throw error;
        if (error.code === ErrorCode.THROTTLED) res.setHeader("retry-after", "60");
        res.writeHead(HTTP_STATUS[error.code] ?? 400, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ error: error.message, code: error.code }));
      }
    };

  const installations = (format: "csv" | "ndjson") =>
    route(async (caller, tenantId, url, res) => {
      const pages = options.services.exports.installations(caller, tenantId, parseFilter(url, filterType));
      // The first page is read before the headers: a refused role or a bad filter is still a clean error.
      const first = await pages.next();
      res.writeHead(200, {
        "content-type": format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson",
        "content-disposition": `attachment; filename="installations.${format}"`,
        "cache-control": "no-store",
      });
      async function* rows(): AsyncGenerator<ExportedInstallation> {
        if (first.done) return;
        yield* first.value;
        for await (const page of pages) yield* page;
      }
      if (format === "csv") {
        const csv = stringify({
          header: true,
          columns: EXPORT_COLUMNS,
          bom: true,
          record_delimiter: "windows",
          escape_formulas: true,
        });
        await pipeline(Readable.from(rows()), csv, res);
      } else {
        await pipeline(
          Readable.from(rows()).map((row: ExportedInstallation) => `${JSON.stringify(row)}\n`),
          res,
        );
      }
    });

  return {
    [EXPORT_PATHS.csv]: installations("csv"),
    [EXPORT_PATHS.ndjson]: installations("ndjson"),
    [EXPORT_PATHS.cycloneDx]: route(async (caller, tenantId, url, res) => {
      const device = url.searchParams.get("deviceId");
      const deviceId = device ? fromGlobalId(device) : null;
      if (device && (deviceId?.type !== "Device" || deviceId.tenantId !== tenantId))
        throw new DomainError(ErrorCode.NOT_FOUND, "Device not found");
      const document = await options.services.exports.cycloneDx(caller, tenantId, deviceId?.key ?? null);
      if (document === null) throw new DomainError(ErrorCode.NOT_FOUND, "Device not found");
      res.writeHead(200, {
        "content-type": "application/vnd.cyclonedx+json; version=1.6",
        "cache-control": "no-store",
      });
      res.end(document);
    }),
  };
}

/** `filter` as the GraphQL input would take it; a value it would refuse is a 400. */
function parseFilter(
  url: URL,
  filterType: Parameters<typeof coerceInputValue>[1],
): InstallationFilter | null {
  const raw = url.searchParams.get("filter");
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, "`filter` must be JSON (an InstallationFilter)");
  }
  return coerceInputValue(value, filterType, (path, _invalid, error) => {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      `Invalid filter${path.length ? ` at ${path.join(".")}` : ""}: ${error.message}`,
    );
  }) as InstallationFilter;
}

/** The caller of a bearer key, counting refusals per address and requests per key as GraphQL does. */
async function authenticate(req: IncomingMessage, options: ExportRouteOptions, request: RequestContext) {
  const { rateLimits, services } = options;
  if (await rateLimits.authFailureWait(request.address))
    throw new DomainError(ErrorCode.THROTTLED, "Too many requests with a missing or invalid API key");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  const caller = match ? await services.apiKeys.authenticate(match[1]) : null;
  if (!caller) {
    await rateLimits.recordAuthFailure(request.address);
    throw new DomainError(ErrorCode.UNAUTHENTICATED, "Missing, invalid, expired or revoked API key");
  }
  if (await rateLimits.admitKey(caller.keyId))
    throw new DomainError(ErrorCode.THROTTLED, "Too many requests for this API key");
  return { ...caller, requestId: request.requestId };
}
