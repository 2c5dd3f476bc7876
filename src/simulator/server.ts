// Request routing: Entra, Defender, Graph, export blobs and the loopback-only control API, with
// the gate every Defender/Graph call passes (latency, token, permission, faults, rate limits).
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  downloadBlob,
  exportFiles,
  getMachine,
  hunting,
  inventoryPage,
  listMachines,
  logonUsers,
  type DefenderContext,
} from "./defender";
import {
  adminConsent,
  authorize as authorizeSignIn,
  DEFENDER_AUDIENCE,
  EntraError,
  GRAPH_AUDIENCE,
  handleToken,
  instanceDiscovery,
  openIdConfiguration,
  resolveTenant,
  sendEntraError,
  type EntraContext,
} from "./entra";
import { HttpError, readBody, sendDefenderError, sendGraphError, sendJson } from "./http";
import type { RateLimiter } from "./rate-limit";
import type { SimulatorControl } from "./state";

export interface ServerContext extends EntraContext, DefenderContext {
  limiter: RateLimiter | null;
  control: SimulatorControl;
}

interface ApiRoute {
  method: "GET" | "POST";
  pattern: RegExp;
  endpoint: string;
  family: string;
  graph: boolean;
  /** Any one of these application permissions grants access. */
  permissions: string[];
  handle(
    ctx: ServerContext,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    match: RegExpExecArray,
  ): Promise<void> | void;
}

const MACHINE_READ = ["Machine.Read.All", "Machine.ReadWrite.All"];
const SOFTWARE_READ = ["Software.Read.All"];

const API_ROUTES: ApiRoute[] = [
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines$/,
    endpoint: "machines",
    family: "machines",
    graph: false,
    permissions: MACHINE_READ,
    handle: (ctx, _req, res, url) => listMachines(ctx, res, url),
  },
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines\/softwareinventorybymachine$/,
    endpoint: "softwareInventory",
    family: "softwareJson",
    graph: false,
    permissions: SOFTWARE_READ,
    handle: (ctx, _req, res, url) => inventoryPage(ctx, res, url, "cpe"),
  },
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines\/softwareinventorynoproductcodebymachine$/,
    endpoint: "softwareInventoryNoProductCode",
    family: "softwareJson",
    graph: false,
    permissions: SOFTWARE_READ,
    handle: (ctx, _req, res, url) => inventoryPage(ctx, res, url, "noncpe"),
  },
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines\/browserextensionsinventorybymachine$/,
    endpoint: "browserExtensions",
    family: "softwareJson",
    graph: false,
    permissions: SOFTWARE_READ,
    handle: (ctx, _req, res, url) => inventoryPage(ctx, res, url, "browser"),
  },
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines\/softwareinventoryexport$/,
    endpoint: "softwareInventoryExport",
    family: "exports",
    graph: false,
    permissions: SOFTWARE_READ,
    handle: (ctx, _req, res, url) => exportFiles(ctx, res, url, "cpe"),
  },
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines\/softwareinventorynoncpeexport$/,
    endpoint: "softwareInventoryNonCpeExport",
    family: "exports",
    graph: false,
    permissions: SOFTWARE_READ,
    handle: (ctx, _req, res, url) => exportFiles(ctx, res, url, "noncpe"),
  },
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines\/browserextensionsinventoryexport$/,
    endpoint: "browserExtensionsExport",
    family: "exports",
    graph: false,
    permissions: SOFTWARE_READ,
    handle: (ctx, _req, res, url) => exportFiles(ctx, res, url, "browser"),
  },
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines\/([^/]+)\/logonusers$/,
    endpoint: "logonUsers",
    family: "machines",
    graph: false,
    permissions: ["User.Read.All"],
    handle: (ctx, _req, res, _url, m) => logonUsers(ctx, res, decodeURIComponent(m[1])),
  },
  {
    method: "GET",
    pattern: /^\/api(?:\/v1\.0)?\/machines\/([^/]+)$/,
    endpoint: "machine",
    family: "machines",
    graph: false,
    permissions: MACHINE_READ,
    handle: (ctx, _req, res, _url, m) => getMachine(ctx, res, decodeURIComponent(m[1])),
  },
  {
    method: "POST",
    pattern: /^\/api(?:\/v1\.0)?\/advancedqueries\/run$/,
    endpoint: "advancedQueries",
    family: "hunting",
    graph: false,
    permissions: ["AdvancedQuery.Read.All", "AdvancedQuery.ReadWrite.All"],
    handle: async (ctx, req, res) => hunting(ctx, res, await readBody(req), false),
  },
  {
    method: "POST",
    pattern: /^\/v1\.0\/security\/runhuntingquery$/,
    endpoint: "runHuntingQuery",
    family: "graphHunting",
    graph: true,
    permissions: ["ThreatHunting.Read.All"],
    handle: async (ctx, req, res) => hunting(ctx, res, await readBody(req), true),
  },
];

function unauthorized(graph: boolean, message: string): HttpError {
  return new HttpError(401, graph ? "InvalidAuthenticationToken" : "Unauthorized", message);
}

/** Checks the bearer token: ours, for this tenant, for the route's audience, unexpired, with a granted role. */
function authorize(ctx: ServerContext, req: IncomingMessage, route: ApiRoute): void {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Bearer "))
    throw unauthorized(
      route.graph,
      route.graph ? "Access token is empty." : "Authorization header is missing or is not a Bearer token.",
    );
  const claims = ctx.signer.verify(header.slice(7).trim());
  if (!claims)
    throw unauthorized(
      route.graph,
      route.graph ? "Access token validation failure. Invalid signature." : "Invalid access token.",
    );
  const audience = route.graph ? GRAPH_AUDIENCE : DEFENDER_AUDIENCE;
  if (claims.aud !== audience)
    throw unauthorized(
      route.graph,
      route.graph
        ? "Access token validation failure. Invalid audience."
        : `Invalid token audience '${claims.aud}'; expected '${audience}'.`,
    );
  if (claims.tid !== ctx.tenantId)
    throw unauthorized(route.graph, "The token was issued for another tenant.");
  const now = ctx.state.now() / 1000;
  if (claims.exp <= now || claims.nbf > now + 300)
    throw unauthorized(
      route.graph,
      route.graph ? "Access token has expired or is not yet valid." : "The access token has expired.",
    );
  if (!route.permissions.some((p) => claims.roles.includes(p))) {
    throw new HttpError(
      403,
      "Forbidden",
      `The application does not have any of the required application permissions (${route.permissions.join(", ")}) to access the resource.`,
    );
  }
}

/** Injected faults (every Nth call) and the documented per-tenant rate limits. */
function admit(ctx: ServerContext, route: ApiRoute): void {
  const faults = ctx.state.faults;
  const n = ++ctx.state.apiCalls;
  if (faults.throttleEvery > 0 && n % faults.throttleEvery === 0) {
    throw new HttpError(429, "TooManyRequests", "API calls quota exceeded! Simulated throttling.", {
      "Retry-After": "1",
    });
  }
  if (faults.failEvery > 0 && n % faults.failEvery === 0) throw new HttpError(500, "InternalServerError", "");
  const verdict = ctx.limiter?.take(ctx.tenantId, route.family);
  if (verdict && verdict.retryAfter > 0) {
    throw new HttpError(
      429,
      "TooManyRequests",
      `API calls quota exceeded! Maximum admitted ${verdict.limit ?? ""}.`,
      { "Retry-After": String(verdict.retryAfter) },
    );
  }
}

async function serveApi(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: ApiRoute,
  match: RegExpExecArray,
): Promise<void> {
  try {
    if (ctx.state.faults.latencyMs > 0) await sleep(ctx.state.faults.latencyMs);
    authorize(ctx, req, route);
    admit(ctx, route);
    await route.handle(ctx, req, res, url, match);
    ctx.state.record(route.endpoint, "ok");
  } catch (err) {
    const error = err instanceof HttpError ? err : new HttpError(500, "InternalServerError", "");
    ctx.state.record(route.endpoint, error.status === 429 ? "throttled" : "failed");
    if (res.headersSent) return void res.destroy();
    (route.graph ? sendGraphError : sendDefenderError)(res, error);
  }
}

/** Runs an Entra/blob handler and records its outcome in the call statistics. */
async function tracked(
  ctx: ServerContext,
  endpoint: string,
  work: () => Promise<void> | void,
): Promise<true> {
  try {
    await work();
    ctx.state.record(endpoint, "ok");
  } catch (err) {
    ctx.state.record(endpoint, "failed");
    throw err;
  }
  return true;
}

async function serveEntra(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
): Promise<boolean> {
  const [tenant, ...rest] = segments;
  const path = rest.join("/").toLowerCase();
  const method = req.method ?? "GET";
  if (method === "POST" && path === "oauth2/v2.0/token")
    return tracked(ctx, "token", () => handleToken(ctx, req, res, tenant, "v2"));
  if (method === "POST" && path === "oauth2/token")
    return tracked(ctx, "token", () => handleToken(ctx, req, res, tenant, "v1"));
  if (method !== "GET") return false;
  if (path === "v2.0/.well-known/openid-configuration")
    return tracked(ctx, "openidConfiguration", () => openIdConfiguration(ctx, res, tenant, "v2"));
  if (path === ".well-known/openid-configuration")
    return tracked(ctx, "openidConfiguration", () => openIdConfiguration(ctx, res, tenant, "v1"));
  if (path === "discovery/v2.0/keys" || path === "discovery/keys")
    return tracked(ctx, "keys", () => (resolveTenant(ctx, tenant, true), sendJson(res, 200, { keys: [] })));
  if (path === "oauth2/v2.0/authorize")
    return tracked(ctx, "authorize", () => authorizeSignIn(ctx, res, url, tenant));
  if (path === "v2.0/adminconsent")
    return tracked(ctx, "adminConsent", () => adminConsent(ctx, res, url, tenant, "v2"));
  if (path === "adminconsent")
    return tracked(ctx, "adminConsent", () => adminConsent(ctx, res, url, tenant, "v1"));
  if (tenant === "common" && path === "discovery/instance")
    return tracked(ctx, "instanceDiscovery", () => instanceDiscovery(ctx, res, url));
  return false;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

async function serveControl(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? ""))
    throw new HttpError(403, "Forbidden", "The control API only answers loopback clients.");
  const body =
    req.method === "GET" || req.method === "DELETE"
      ? {}
      : (JSON.parse((await readBody(req)) || "{}") as Record<string, unknown>);
  const control = ctx.control;
  switch (name) {
    case "faults":
      if (req.method !== "GET") control.setFaults(body);
      return sendJson(res, 200, control.faults());
    case "consent":
      if (body.decision === "approve" || body.decision === "decline")
        control.setConsentDecision(body.decision);
      if (body.revoke === true) control.revokeConsent();
      return sendJson(res, 200, { consented: ctx.state.consented, decision: ctx.state.consentDecision });
    case "permissions":
      if (Array.isArray(body.drop)) control.dropPermissions(body.drop.map(String));
      if (body.restore === true) control.restorePermissions();
      return sendJson(res, 200, { dropped: [...ctx.state.dropped] });
    case "day":
      if (typeof body.advance === "number") control.advanceDay(body.advance);
      if (typeof body.day === "number") control.setDay(body.day);
      return sendJson(res, 200, { day: control.day() });
    case "stats":
      if (req.method === "DELETE") control.resetStats();
      return sendJson(res, 200, control.stats());
    default:
      throw new HttpError(404, "NotFound", `Unknown control resource '${name}'.`);
  }
}

export async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", ctx.url);
  const lower = url.pathname.toLowerCase().replace(/\/+$/, "") || "/";
  try {
    if (lower.startsWith("/_control/"))
      return await serveControl(ctx, req, res, lower.slice("/_control/".length));
    if (lower.startsWith("/_blob/") && req.method === "GET")
      return void (await tracked(ctx, "blob", () => downloadBlob(ctx, res, url)));
    for (const api of API_ROUTES) {
      const match = api.pattern.exec(lower);
      if (match && api.method === req.method) return await serveApi(ctx, req, res, url, api, match);
    }
    const segments = url.pathname.split("/").filter(Boolean);
    if (segments.length >= 2 && (await serveEntra(ctx, req, res, url, segments))) return;
    throw new HttpError(404, "NotFound", `No route for ${req.method ?? "GET"} ${url.pathname}.`);
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    if (err instanceof EntraError) return sendEntraError(res, err, ctx.state.now());
    sendDefenderError(
      res,
      err instanceof HttpError
        ? err
        : new HttpError(
            err instanceof SyntaxError ? 400 : 500,
            err instanceof SyntaxError ? "BadRequest" : "InternalServerError",
            err instanceof SyntaxError ? "Malformed JSON body." : "",
          ),
    );
  }
}
