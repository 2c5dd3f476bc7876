// Entra ID endpoints: client-credentials tokens (v1 and v2), a user's OpenID Connect sign-in
// (authorize, authorization code with PKCE, ID token with tid, wids and nonce), OpenID and
// instance-discovery metadata, and admin consent redirects, with Entra's error shapes and AADSTS codes.
// Two directories: the home one holding the fleet, and another with its own administrator.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, readBody, sendJson } from "./http";
import { guid, hashString } from "./random";
import { DEFENDER_ROLES, GRAPH_ROLES, type SimulatorState } from "./state";
import { base64url, decodeJwtPart, type TokenClaims, type TokenSigner } from "./tokens";

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

/** Built-in role template ids as Entra puts them in `wids`. */
export const DIRECTORY_ROLE_IDS = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  cloudApplicationAdministrator: "158c047a-c907-4556-b7ef-446551a6b5f7",
  /** Every member user holds the "User" role template. */
  user: "b79fbf4d-3ef9-4689-8143-76b194e85509",
} as const;

export interface SimulatedUser {
  upn: string;
  objectId: string;
  displayName: string;
  /** Role template ids (`wids`). */
  roles: string[];
}

export interface SimulatedDirectory {
  id: string;
  domain: string;
  users: SimulatedUser[];
}

function user(
  directory: string,
  seed: number,
  name: string,
  displayName: string,
  roles: string[],
): SimulatedUser {
  return {
    upn: `${name}@${directory}`,
    objectId: guid(hashString(`user:${name}@${directory}`), seed),
    displayName,
    roles: [...roles, DIRECTORY_ROLE_IDS.user],
  };
}

/**
 * The home directory (Contoso: the fleet, and the id the simulator reports as its tenant) and Fabrikam.
 * In each, `admin@` is a Global Administrator and `user@` holds no admin role; Contoso's `appadmin@` is a
 * Cloud Application Administrator (who may not grant Microsoft Graph application permissions).
 */
export function simulatedDirectories(seed: number): SimulatedDirectory[] {
  const contoso = "contoso.onmicrosoft.com";
  const fabrikam = "fabrikam.onmicrosoft.com";
  return [
    {
      id: guid(hashString("tenant"), seed),
      domain: contoso,
      users: [
        user(contoso, seed, "admin", "Contoso Admin", [DIRECTORY_ROLE_IDS.globalAdministrator]),
        user(contoso, seed, "appadmin", "Contoso App Admin", [
          DIRECTORY_ROLE_IDS.cloudApplicationAdministrator,
        ]),
        user(contoso, seed, "user", "Contoso User", []),
      ],
    },
    {
      id: guid(hashString("tenant:fabrikam"), seed),
      domain: fabrikam,
      users: [
        user(fabrikam, seed, "admin", "Fabrikam Admin", [DIRECTORY_ROLE_IDS.globalAdministrator]),
        user(fabrikam, seed, "user", "Fabrikam User", []),
      ],
    },
  ];
}

/** An authorization code until it is redeemed (once) or expires. */
interface IssuedCode {
  clientId: string;
  redirectUri: string;
  directory: string;
  user: SimulatedUser;
  scopes: string[];
  nonce: string | null;
  challenge: string | null;
  challengeMethod: "S256" | "plain";
  expiresAt: number;
  redeemed: boolean;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface EntraContext {
  url: string;
  /** The home directory (the fleet's). */
  tenantId: string;
  tenantDomain: string;
  /** Every directory, the home one first. */
  directories: SimulatedDirectory[];
  /** Directories other than the home one that granted admin consent (the home one: `state.consented`). */
  consentedDirectories: Set<string>;
  codes: Map<string, IssuedCode>;
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

const ALIASES = new Set(["organizations", "common"]);

export function resolveTenant(ctx: EntraContext, tenant: string, allowAliases: boolean): string {
  const lower = tenant.toLowerCase();
  const directory = ctx.directories.find((d) => d.id === lower || d.domain === lower);
  if (directory) return directory.id;
  if (allowAliases && ALIASES.has(lower)) return ctx.tenantId;
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
  const form = new URLSearchParams(await readBody(req));
  const grant = form.get("grant_type");
  if (version === "v2" && grant === "authorization_code") return redeemCode(ctx, req, res, form, tenant);
  const tenantId = resolveTenant(ctx, tenant, false);
  if (grant !== "client_credentials")
    throw new EntraError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grant ?? ""}'.`,
    );
  const client = authenticateClient(ctx, req, form, tenantId);
  const target = requestedResource(form, version, tenantId);
  if (!consented(ctx, tenantId))
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

/** The `redirect_uri` of a browser request from our client; Entra shows an error page otherwise. */
function redirectTarget(ctx: EntraContext, params: URLSearchParams, directory: string): string {
  const clientId = params.get("client_id");
  const redirectUri = params.get("redirect_uri");
  if (clientId !== ctx.clientId)
    throw new HttpError(
      400,
      "AADSTS700016",
      `AADSTS700016: Application with identifier '${clientId ?? ""}' was not found in the directory '${directory}'.`,
    );
  if (!redirectUri)
    throw new HttpError(
      400,
      "AADSTS900144",
      "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.",
    );
  return redirectUri;
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
  const target = new URL(redirectTarget(ctx, url.searchParams, tid));
  const state = url.searchParams.get("state");
  if (ctx.state.consentDecision === "approve") {
    if (tid === ctx.tenantId) ctx.state.consented = true;
    else ctx.consentedDirectories.add(tid);
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

function consented(ctx: EntraContext, directory: string): boolean {
  return directory === ctx.tenantId ? ctx.state.consented : ctx.consentedDirectories.has(directory);
}

/**
 * The sign-in page, decided at once: the user named by `login_hint` (else the home directory's Global
 * Administrator) signs in, and the browser returns to `redirect_uri` with a single-use code bound to
 * the client, the redirect URI, the nonce and the PKCE challenge.
 */
export function authorize(ctx: EntraContext, res: ServerResponse, url: URL, tenant: string): void {
  const params = url.searchParams;
  const redirectUri = redirectTarget(ctx, params, tenant);
  const named = ALIASES.has(tenant.toLowerCase()) ? null : resolveTenant(ctx, tenant, false);
  const hint = params.get("login_hint")?.toLowerCase();
  const found = ctx.directories
    .flatMap((directory) => directory.users.map((u) => ({ directory: directory.id, user: u })))
    .find((entry) => (hint ? entry.user.upn === hint : entry.directory === ctx.tenantId));
  if (!found)
    throw new HttpError(
      400,
      "AADSTS50034",
      `AADSTS50034: The user account ${hint ?? ""} does not exist in the directory. To sign into this application, the account must be added to the directory.`,
    );
  if (named && named !== found.directory)
    throw new HttpError(
      400,
      "AADSTS50020",
      `AADSTS50020: User account '${found.user.upn}' from identity provider 'https://sts.windows.net/${found.directory}/' does not exist in tenant '${named}' and cannot access the application '${ctx.clientId}' in that tenant.`,
    );
  const target = new URL(redirectUri);
  const state = params.get("state");
  const reply = (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) target.searchParams.append(name, value);
    if (state !== null) target.searchParams.append("state", state);
    res.writeHead(302, { Location: target.toString(), "Content-Length": 0 });
    res.end();
  };
  if (params.get("response_type") !== "code")
    return reply({
      error: "unsupported_response_type",
      error_description: `AADSTS700054: response_type '${params.get("response_type") ?? ""}' is not enabled for the application.`,
    });
  const method = params.get("code_challenge_method") ?? "plain";
  if (method !== "S256" && method !== "plain")
    return reply({
      error: "invalid_request",
      error_description: `AADSTS501491: Invalid size of Code_Challenge parameter or unsupported code_challenge_method '${method}'.`,
    });
  const code = randomBytes(32).toString("base64url");
  ctx.codes.set(code, {
    clientId: ctx.clientId,
    redirectUri,
    directory: found.directory,
    user: found.user,
    scopes: (params.get("scope") ?? "").split(/\s+/).filter(Boolean),
    nonce: params.get("nonce"),
    challenge: params.get("code_challenge"),
    challengeMethod: method,
    expiresAt: ctx.state.now() + CODE_LIFETIME_MS,
    redeemed: false,
  });
  reply({ code, session_state: randomUUID() });
}

function invalidGrant(code: number, description: string): EntraError {
  return new EntraError(400, "invalid_grant", code, description);
}

/** The authorization-code grant: client, code, redirect URI and PKCE verifier checked; then the tokens. */
async function redeemCode(
  ctx: EntraContext,
  req: IncomingMessage,
  res: ServerResponse,
  form: URLSearchParams,
  tenant: string,
): Promise<void> {
  const named = ALIASES.has(tenant.toLowerCase()) ? null : resolveTenant(ctx, tenant, false);
  const client = authenticateClient(ctx, req, form, named ?? ctx.tenantId);
  const issued = ctx.codes.get(form.get("code") ?? "");
  if (!issued || issued.clientId !== client.clientId)
    throw invalidGrant(9002313, "Invalid request. Request is malformed or invalid.");
  if (issued.redeemed)
    throw invalidGrant(
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    );
  issued.redeemed = true;
  if (issued.expiresAt <= ctx.state.now())
    throw invalidGrant(
      70008,
      "The provided authorization code or refresh token has expired due to inactivity.",
    );
  if (named && named !== issued.directory)
    throw invalidGrant(9002313, "Invalid request. The code was issued by another directory.");
  if (form.get("redirect_uri") !== issued.redirectUri)
    throw invalidGrant(
      50148,
      "The redirect_uri specified in the token request does not match the redirect_uri used to obtain the authorization code.",
    );
  if (issued.challenge !== null) {
    const verifier = form.get("code_verifier") ?? "";
    const derived =
      issued.challengeMethod === "S256"
        ? createHash("sha256").update(verifier).digest("base64url")
        : verifier;
    if (!verifier || derived !== issued.challenge)
      throw invalidGrant(
        501481,
        "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
      );
  }
  const now = Math.floor(ctx.state.now() / 1000);
  const lifetime = ctx.state.faults.tokenLifetimeSeconds;
  const { user: who, directory } = issued;
  const scope = "openid profile email User.Read";
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope,
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: ctx.signer.sign({
      aud: "00000003-0000-0000-c000-000000000000",
      iss: `https://sts.windows.net/${directory}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      appid: client.clientId,
      idtyp: "user",
      oid: who.objectId,
      sub: who.objectId,
      tid: directory,
      upn: who.upn,
      scp: scope,
      roles: [],
      ver: "1.0",
    }),
    client_info: base64url(JSON.stringify({ uid: who.objectId, utid: directory })),
  };
  if (issued.scopes.includes("openid")) {
    body.id_token = ctx.signer.sign({
      aud: client.clientId,
      iss: `${ctx.url}/${directory}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: who.displayName,
      oid: who.objectId,
      preferred_username: who.upn,
      sub: base64url(createHash("sha256").update(`${who.objectId}:${client.clientId}`).digest()).slice(0, 43),
      tid: directory,
      ...(issued.nonce !== null ? { nonce: issued.nonce } : {}),
      // Emitted because the app registration asks for directory roles (groupMembershipClaims).
      wids: who.roles,
      ver: "2.0",
    });
  }
  sendJson(res, 200, body, { "Cache-Control": "no-store, no-cache", Pragma: "no-cache" });
}
