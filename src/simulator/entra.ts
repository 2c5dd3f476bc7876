// Entra ID endpoints: client-credentials tokens (v1 and v2), OpenID and instance-discovery
// metadata, and admin consent redirects, with Entra's error shapes and AADSTS codes.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, readBody, sendJson } from "./http";
import { guid, hashString } from "./random";
import { DEFENDER_ROLES, GRAPH_ROLES, type SimulatorState } from "./state";
import { decodeJwtPart, type TokenClaims, type TokenSigner } from "./tokens";

export const DEFENDER_AUDIENCE = "https://api.securitycenter.microsoft.com";
export const GRAPH_AUDIENCE = "https://graph.microsoft.com";

/** Resource identifiers accepted in `scope`/`resource`, with the audience and roles they grant. */
const RESOURCES: Record<string, { aud: string; roles: string[] }> = {
  "https://api.securitycenter.microsoft.com": { aud: DEFENDER_AUDIENCE, roles: DEFENDER_ROLES },
  "https://securitycenter.onmicrosoft.com/windowsatpservice": {
    aud: DEFENDER_AUDIENCE,
    roles: DEFENDER_ROLES,
  },
  "https://graph.microsoft.com": { aud: GRAPH_AUDIENCE, roles: GRAPH_ROLES },
};

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface EntraContext {
  url: string;
  tenantId: string;
  tenantDomain: string;
  clientId: string;
  clientSecret: string;
  state: SimulatorState;
  signer: TokenSigner;
}

/** An Entra token-endpoint error: `error`, AADSTS `error_description`, codes and ids. */
export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export function sendEntraError(res: ServerResponse, err: EntraError, now: number): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(now).toISOString().replace("T", " ").slice(0, 19) + "Z";
  sendJson(res, err.status, {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
  });
}

export function resolveTenant(ctx: EntraContext, tenant: string, allowAliases: boolean): string {
  const lower = tenant.toLowerCase();
  if (lower === ctx.tenantId || lower === ctx.tenantDomain) return ctx.tenantId;
  if (allowAliases && (lower === "organizations" || lower === "common")) return ctx.tenantId;
  throw new EntraError(
    400,
    "invalid_request",
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

interface ClientAuth {
  clientId: string;
  method: "secret" | "assertion";
}

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const at = decoded.indexOf(":");
  return { id: formDecode(decoded.slice(0, at)), secret: formDecode(decoded.slice(at + 1)) };
}

/** RFC 6749 form-encodes Basic credentials; tolerate clients that do not. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

function authenticateClient(
  ctx: EntraContext,
  req: IncomingMessage,
  form: URLSearchParams,
  tenantId: string,
): ClientAuth {
  const basic = basicCredentials(req);
  const clientId = form.get("client_id") ?? basic?.id;
  if (!clientId)
    throw new EntraError(
      400,
      "invalid_request",
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  if (clientId !== ctx.clientId)
    throw new EntraError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  const secret = form.get("client_secret") ?? basic?.secret;
  const assertion = form.get("client_assertion");
  if (secret !== undefined && secret !== null) {
    if (secret !== ctx.clientSecret)
      throw new EntraError(
        401,
        "invalid_client",
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
    return { clientId, method: "secret" };
  }
  if (assertion) {
    checkAssertion(ctx, form.get("client_assertion_type"), assertion, clientId, tenantId);
    return { clientId, method: "assertion" };
  }
  throw new EntraError(
    401,
    "invalid_client",
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );
}

/** Checks a client assertion's shape, issuer/subject, audience and lifetime (not its signature). */
function checkAssertion(
  ctx: EntraContext,
  type: string | null,
  assertion: string,
  clientId: string,
  tenantId: string,
): void {
  if (type !== ASSERTION_TYPE)
    throw new EntraError(
      400,
      "invalid_request",
      50027,
      `Invalid client_assertion_type '${type ?? ""}'. Expected '${ASSERTION_TYPE}'.`,
    );
  const parts = assertion.split(".");
  const header = parts.length === 3 ? decodeJwtPart(parts[0]) : undefined;
  const payload = parts.length === 3 ? decodeJwtPart(parts[1]) : undefined;
  if (!header || !payload || !parts[2])
    throw new EntraError(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
  if (payload.iss !== clientId || payload.sub !== clientId)
    throw new EntraError(
      401,
      "invalid_client",
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .",
    );
  const audiences = [
    `${ctx.url}/${tenantId}/oauth2/v2.0/token`,
    `${ctx.url}/${tenantId}/oauth2/token`,
    `${ctx.url}/${tenantId}/v2.0`,
  ];
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!aud.some((a) => audiences.includes(String(a))))
    throw new EntraError(
      401,
      "invalid_client",
      700212,
      `No matching federated identity record found for presented assertion audience '${String(payload.aud)}'.`,
    );
  if (typeof payload.exp === "number" && payload.exp * 1000 < ctx.state.now())
    throw new EntraError(
      401,
      "invalid_client",
      700024,
      "Client assertion is not within its valid time range.",
    );
}

function requestedResource(
  form: URLSearchParams,
  version: "v1" | "v2",
  tenantId: string,
): { resource: string; aud: string; roles: string[] } {
  let resource: string;
  if (version === "v2") {
    const scope = form.get("scope");
    if (!scope)
      throw new EntraError(
        400,
        "invalid_request",
        900144,
        "The request body must contain the following parameter: 'scope'.",
      );
    const scopes = scope.trim().split(/\s+/);
    if (scopes.length !== 1 || !scopes[0].endsWith("/.default"))
      throw new EntraError(
        400,
        "invalid_scope",
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    resource = scopes[0].slice(0, -"/.default".length);
  } else {
    resource = form.get("resource") ?? "";
    if (!resource)
      throw new EntraError(
        400,
        "invalid_request",
        900144,
        "The request body must contain the following parameter: 'resource'.",
      );
  }
  const known = RESOURCES[resource.replace(/\/$/, "")];
  if (!known)
    throw new EntraError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  return { resource, ...known };
}

export async function handleToken(
  ctx: EntraContext,
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
  version: "v1" | "v2",
): Promise<void> {
  const tenantId = resolveTenant(ctx, tenant, false);
  const form = new URLSearchParams(await readBody(req));
  if (form.get("grant_type") !== "client_credentials")
    throw new EntraError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${form.get("grant_type") ?? ""}'.`,
    );
  const client = authenticateClient(ctx, req, form, tenantId);
  const target = requestedResource(form, version, tenantId);
  if (!ctx.state.consented)
    throw new EntraError(
      400,
      "invalid_client",
      7000229,
      `The client application ${client.clientId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
    );
  const lifetime = ctx.state.faults.tokenLifetimeSeconds;
  const now = Math.floor(ctx.state.now() / 1000);
  const servicePrincipal = guid(hashString(ctx.clientId), hashString(tenantId));
  const claims: TokenClaims = {
    aud: target.aud,
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + lifetime,
    appid: client.clientId,
    appidacr: client.method === "secret" ? "1" : "2",
    idtyp: "app",
    oid: servicePrincipal,
    sub: servicePrincipal,
    tid: tenantId,
    roles: ctx.state.grantedRoles(target.roles),
    ver: "1.0",
  };
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: ctx.signer.sign(claims),
  };
  if (version === "v1")
    Object.assign(body, {
      expires_on: String(now + lifetime),
      not_before: String(now),
      resource: target.resource,
    });
  sendJson(res, 200, body, { "Cache-Control": "no-store, no-cache", Pragma: "no-cache" });
}

export function openIdConfiguration(
  ctx: EntraContext,
  res: ServerResponse,
  tenant: string,
  version: "v1" | "v2",
): void {
  const tid = resolveTenant(ctx, tenant, true);
  const base = `${ctx.url}/${tid}`;
  const v2 = version === "v2";
  sendJson(res, 200, {
    token_endpoint: v2 ? `${base}/oauth2/v2.0/token` : `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: v2 ? `${base}/v2.0` : `https://sts.windows.net/${tid}/`,
    authorization_endpoint: v2 ? `${base}/oauth2/v2.0/authorize` : `${base}/oauth2/authorize`,
    end_session_endpoint: v2 ? `${base}/oauth2/v2.0/logout` : `${base}/oauth2/logout`,
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
  });
}

export function instanceDiscovery(ctx: EntraContext, res: ServerResponse, url: URL): void {
  const host = new URL(ctx.url).host;
  const authorize = url.searchParams.get("authorization_endpoint") ?? "";
  const tenant = authorize.replace(ctx.url, "").split("/").filter(Boolean)[0] ?? "common";
  sendJson(res, 200, {
    tenant_discovery_endpoint: `${ctx.url}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

/** Admin consent: redirects to redirect_uri with Entra's approve or decline parameters. */
export function adminConsent(
  ctx: EntraContext,
  res: ServerResponse,
  url: URL,
  tenant: string,
  version: "v1" | "v2",
): void {
  const tid = resolveTenant(ctx, tenant, true);
  const clientId = url.searchParams.get("client_id");
  const redirectUri = url.searchParams.get("redirect_uri");
  if (clientId !== ctx.clientId)
    throw new HttpError(
      400,
      "AADSTS700016",
      `AADSTS700016: Application with identifier '${clientId ?? ""}' was not found in the directory '${tid}'.`,
    );
  if (!redirectUri)
    throw new HttpError(
      400,
      "AADSTS900144",
      "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.",
    );
  const target = new URL(redirectUri);
  const state = url.searchParams.get("state");
  if (ctx.state.consentDecision === "approve") {
    ctx.state.consented = true;
    appendApproval(target, tid, version, url.searchParams.get("scope"), state);
  } else {
    target.searchParams.append("error", "access_denied");
    target.searchParams.append("error_subcode", "cancel");
    target.searchParams.append(
      "error_description",
      "AADSTS65004: User declined to consent to access the app.",
    );
    target.searchParams.append("error_uri", "https://login.microsoftonline.com/error?code=65004");
    target.searchParams.append("admin_consent", "True");
    if (state !== null) target.searchParams.append("state", state);
  }
  res.writeHead(302, { Location: target.toString(), "Content-Length": 0 });
  res.end();
}

function appendApproval(
  target: URL,
  tid: string,
  version: "v1" | "v2",
  scope: string | null,
  state: string | null,
): void {
  if (version === "v2") {
    target.searchParams.append("admin_consent", "True");
    target.searchParams.append("tenant", tid);
    target.searchParams.append("scope", scope ?? `${DEFENDER_AUDIENCE}/.default`);
    if (state !== null) target.searchParams.append("state", state);
    return;
  }
  target.searchParams.append("tenant", tid);
  if (state !== null) target.searchParams.append("state", state);
  target.searchParams.append("admin_consent", "True");
}
