/**
 * The HTTP server (node:http, no framework): GraphQL, health, readiness, metrics, the consent
 * callback and the exports (exports.ts). Every request gets an id (from `x-request-id` when it is sane) echoed in the response and
 * carried in its logs. Requests other than health and metrics are rate-limited per client address, and
 * GraphQL requests per API key (429 with `Retry-After`).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../db/health";
import type { GraphQLContext } from "../graphql/context";
import { DATABASE_UNAVAILABLE } from "../graphql/errors";
import type { Caller } from "../model/caller";
import { ErrorCode } from "../model/errors";
import { CALLBACK_PATH, type Services } from "../services";
import { PLAYGROUND_ASSETS_PATH, type Playground } from "../graphql/playground";
import { consentCallbackRoute } from "./consent-callback";
import { exportRoutes } from "./exports";
import { httpRequestDuration, metricsRegistry } from "../config/metrics";
import { clientAddress, type RateLimits } from "./rate-limits";
import type { RequestContext, RouteHandler } from "./request-context";
import { StaticResponder } from "./static-content";

const MAX_BODY_BYTES = 1024 * 1024;
const SLOW_REQUEST_SECONDS = 1;
/** Probes and scrapes are never rate-limited. */
const UNLIMITED_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

export interface HttpServerOptions {
  apollo: ApolloServer<GraphQLContext>;
  /** The schema Apollo serves (the export routes read filters with its input types). */
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
  /** Readiness: database reachable and migrations applied. */
  isReady: () => Promise<boolean>;
  /** False while the database health check finds the database down: GraphQL answers 503 at once. */
  databaseUp?: () => boolean;
  rateLimits: RateLimits;
  /** Reverse proxies in front whose X-Forwarded-For entries name the client. */
  trustProxyHops: number;
  /** The GraphiQL page and its assets, when GRAPHIQL is on. */
  playground?: Playground;
}

export function createHttpServer(options: HttpServerOptions): Server {
  const { apollo, logger } = options;
  const playground = options.playground && playgroundRoutes(options.playground);
  const routes: Record<string, RouteHandler> = {
    "/healthz": async (_req, res) => sendJson(res, 200, { status: "ok" }),
    "/readyz": async (_req, res) => {
      const ready = await options.isReady().catch(() => false);
      sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready" });
    },
    "/metrics": async (_req, res) => {
      res.writeHead(200, { "content-type": metricsRegistry.contentType });
      res.end(await metricsRegistry.metrics());
    },
    "/graphql": async (req, res, url, request) => {
      // A browser asking for a page gets the playground; GraphQL over GET and POST goes to Apollo.
      if (playground && (req.method === "GET" || req.method === "HEAD") && wantsHtml(req)) {
        return playground.page.send(req, res);
      }
      if (options.databaseUp && !options.databaseUp()) {
        res.setHeader("retry-after", "5");
        return sendJson(res, 503, {
          errors: [{ ...DATABASE_UNAVAILABLE, extensions: { code: DATABASE_UNAVAILABLE.code } }],
        });
      }
      return handleGraphQL(req, res, url, request, apollo, options.services, options.rateLimits);
    },
    [CALLBACK_PATH]: consentCallbackRoute(options.services.integrations),
    ...exportRoutes(options),
  };

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const incomingId = req.headers["x-request-id"];
    const requestId =
      typeof incomingId === "string" && /^[\w.-]{1,100}$/.test(incomingId) ? incomingId : randomUUID();
    const requestLogger = logger.child({ requestId });
    res.setHeader("x-request-id", requestId);
    const url = new URL(req.url ?? "/", "http://localhost");
    const route: RouteHandler | undefined = Object.hasOwn(routes, url.pathname)
      ? routes[url.pathname]
      : playground && url.pathname.startsWith(PLAYGROUND_ASSETS_PATH)
        ? playground.asset
        : undefined;
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const label = route ? url.pathname : "unmatched";
      httpRequestDuration.observe({ route: label, status: String(res.statusCode) }, seconds);
      // Every request at debug (a line per request costs a measurable share of a busy API); slow or
      // failed ones at info/warn so they are seen by default. Durations are in /metrics either way.
      const level = res.statusCode >= 500 ? "warn" : seconds >= SLOW_REQUEST_SECONDS ? "info" : "debug";
      if (url.pathname !== "/healthz" && url.pathname !== "/metrics" && requestLogger.isLevelEnabled(level)) {
        requestLogger[level](
          { method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(seconds * 1000) },
          "request",
        );
      }
    });
    const handle =
      route ?? (async (_q: IncomingMessage, r: ServerResponse) => sendJson(r, 404, { error: "not found" }));
    const address = clientAddress(req, options.trustProxyHops);
    const limited = async (): Promise<void> => {
      if (!UNLIMITED_PATHS.has(url.pathname)) {
        const wait = await options.rateLimits.admitAddress(address);
        if (wait) return throttled(res, wait, "Too many requests from this address");
      }
      await handle(req, res, url, { requestId, logger: requestLogger, address });
    };
    limited().catch((error: unknown) => {
      requestLogger.error({ err: error }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal server error", requestId });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 60_000;
  return server;
}

/** The playground's page and hashed assets, each with its ETag and compressed forms. */
function playgroundRoutes(built: Playground): { page: StaticResponder; asset: RouteHandler } {
  const page = new StaticResponder({
    body: built.page,
    contentType: "text/html; charset=utf-8",
    immutable: false,
  });
  const assets = new Map(
    built.assets.map((a) => [
      a.name,
      new StaticResponder({ body: a.body, contentType: a.contentType, immutable: true }),
    ]),
  );
  return {
    page,
    asset: async (req, res, url) => {
      const asset = assets.get(url.pathname.slice(PLAYGROUND_ASSETS_PATH.length));
      if (!asset) return sendJson(res, 404, { error: "not found" });
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
        return;
      }
      return asset.send(req, res);
    },
  };
}

/** A browser navigating: it lists text/html among what it accepts (GraphQL clients ask for JSON). */
function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? "").toLowerCase().includes("text/html");
}

async function handleGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: RequestContext,
  apollo: ApolloServer<GraphQLContext>,
  services: Services,
  rateLimits: RateLimits,
): Promise<void> {
  if (req.method !== "GET" && req.method !== "POST") {
    res.writeHead(405, { allow: "GET, POST" }).end();
    return;
  }
  // Refused keys are counted per address before any key is looked up: guessing keys is slowed down.
  const failureWait = await rateLimits.authFailureWait(context.address);
  if (failureWait) {
    return throttled(
      res,
      failureWait,
      "Too many requests with a missing or invalid API key from this address",
    );
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  let body: unknown;
  if (req.method === "POST") {
    const raw = await readBody(req);
    if (raw === null) {
      res.setHeader("connection", "close");
      return void sendJson(res, 413, {
        errors: [
          {
            message: `Request body too large (at most ${MAX_BODY_BYTES} bytes)`,
            extensions: { code: "BAD_REQUEST" },
          },
        ],
      });
    }
    body = parseJsonBody(raw, headers.get("content-type"));
    if (body === INVALID_JSON) {
      return void sendJson(res, 400, {
        errors: [{ message: "Malformed JSON body", extensions: { code: "BAD_REQUEST" } }],
      });
    }
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
    context: async () => ({
      caller: {
        ...(await authenticate(headers.get("authorization"), services, rateLimits, context.address)),
        requestId: context.requestId,
      },
      requestId: context.requestId,
      logger: context.logger,
      services,
    }),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

async function authenticate(
  header: string | undefined,
  services: Services,
  rateLimits: RateLimits,
  address: string,
): Promise<Caller> {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const caller = match
    ? await services.apiKeys.authenticate(match[1]).catch((error: unknown) => {
        if (!isDatabaseUnavailable(error)) throw error;
        throw new GraphQLError(DATABASE_UNAVAILABLE.message, {
          extensions: { code: DATABASE_UNAVAILABLE.code, http: { status: 503 } },
        });
      })
    : null;
  if (!caller) {
    await rateLimits.recordAuthFailure(address);
    throw new GraphQLError(
      header
        ? "Invalid, expired or revoked API key"
        : "Missing API key: send `Authorization: Bearer <api key>`",
      { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } },
    );
  }
  const wait = await rateLimits.admitKey(caller.keyId);
  if (wait) {
    // Apollo reads `http.headers` as a Map; typed loosely because graphql-yoga's typings declare a record.
    const extensions: Record<string, unknown> = {
      code: ErrorCode.THROTTLED,
      http: { status: 429, headers: new HeaderMap([["retry-after", String(wait)]]) },
    };
    throw new GraphQLError(`Too many requests for this API key: retry after ${wait} s`, { extensions });
  }
  return caller;
}

/** 429 with `Retry-After`, in GraphQL's error shape so clients handle it like any other error. */
function throttled(res: ServerResponse, retryAfterSeconds: number, reason: string): void {
  res.setHeader("retry-after", String(retryAfterSeconds));
  sendJson(res, 429, {
    errors: [
      {
        message: `${reason}: retry after ${retryAfterSeconds} s`,
        extensions: { code: ErrorCode.THROTTLED },
      },
    ],
  });
}

const INVALID_JSON = Symbol("invalid JSON");

function parseJsonBody(raw: string, contentType: string | undefined): unknown {
  // Apollo rejects non-JSON content types itself (CSRF prevention); only JSON is parsed here.
  if (!contentType?.toLowerCase().includes("json")) return raw;
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return INVALID_JSON;
  }
}

/** Bodies beyond the limit are read to the end (discarded, up to this much) so the client gets its 413. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/**
 * The body as text, or null when it exceeds MAX_BODY_BYTES. An oversized body is drained rather than cut
 * off: a client still sending would see a connection reset instead of the 413.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Far too large to be worth reading: answer now (the client may see the connection close early).
    if (Number(req.headers["content-length"]) > MAX_DISCARDED_BYTES) return resolve(null);
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DISCARDED_BYTES) req.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("close", () => resolve(null)); // destroyed before its end: nothing more will come
    req.on("error", reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
