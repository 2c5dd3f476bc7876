/**
 * App-only access tokens for customer tenants: one msal-node ConfidentialClientApplication (secret
 * or certificate), a per-tenant authority, msal's cache, and Entra's AADSTS errors turned into
 * typed errors (consent missing, bad credential, unknown tenant).
 */
import { X509Certificate, createPrivateKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import type { Dispatcher } from "undici";
import type { AzureApplication } from "../config/config";
import type { Logger } from "../config/logger";
import { DefenderAuthError, DefenderError } from "./errors";
import { createMsalNetworkClient } from "./http";
import {
  decodeTokenClaims,
  type ApiResource,
  type GrantedPermissions,
  type TokenClaims,
} from "./permissions";
import type { Clock } from "./rate-limiter";
import type { RetryPolicy } from "./retry";

export type ClientCredential = { clientSecret: string } | { certificatePem: string };

export interface AccessToken {
  token: string;
  expiresOn: Date | null;
  claims: TokenClaims;
}

/** What the API client needs from a token provider (tests may supply their own). */
export interface TokenSource {
  getToken(
    tenantId: string,
    resource: ApiResource,
    options?: { forceRefresh?: boolean },
  ): Promise<AccessToken>;
}

export interface TokenProviderOptions {
  clientId: string;
  credential: ClientCredential;
  /** e.g. https://login.microsoftonline.com; any other https host is trusted as given. */
  authorityHost: string;
  /** Defaults to https://api.securitycenter.microsoft.com/.default. */
  defenderScope?: string;
  /** Defaults to https://graph.microsoft.com/.default. */
  graphScope?: string;
  dispatcher: Dispatcher;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
}

/** Hosts msal has built-in metadata for; any other host needs knownAuthorities + authorityMetadata. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.windows.net",
  "login.microsoft.com",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
]);

export interface MsalApplicationOptions {
  clientId: string;
  credential: ClientCredential;
  /** e.g. https://login.microsoftonline.com; any other https host is trusted as given. */
  authorityHost: string;
  dispatcher: Dispatcher;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
}

/**
 * The service's Entra application as msal-node sees it, for one sign-in host: client credentials here,
 * and the administrator's sign-in during consent (admin-sign-in.ts).
 */
export function createMsalApplication(options: MsalApplicationOptions): ConfidentialClientApplication {
  const authorityHost = options.authorityHost.replace(/\/+$/, "");
  const host = new URL(authorityHost).host.toLowerCase();
  const custom = !MICROSOFT_AUTHORITY_HOSTS.has(host);
  const auth: Configuration["auth"] = {
    clientId: options.clientId,
    authority: `${authorityHost}/organizations`,
    ...("clientSecret" in options.credential
      ? { clientSecret: options.credential.clientSecret }
      : { clientCertificate: certificateCredential(options.credential.certificatePem) }),
    // A non-Microsoft host (the simulator, a sovereign test cloud) is trusted as configured,
    // with its endpoints given here so msal asks nobody else about it. msal fills in {tenant}.
    ...(custom
      ? {
          knownAuthorities: [host],
          authorityMetadata: JSON.stringify({
            token_endpoint: `${authorityHost}/{tenant}/oauth2/v2.0/token`,
            authorization_endpoint: `${authorityHost}/{tenant}/oauth2/v2.0/authorize`,
            issuer: `${authorityHost}/{tenant}/v2.0`,
            jwks_uri: `${authorityHost}/{tenant}/discovery/v2.0/keys`,
          }),
        }
      : {}),
  };
  return new ConfidentialClientApplication({
    auth,
    system: {
      networkClient: createMsalNetworkClient({
        dispatcher: options.dispatcher,
        clock: options.clock,
        retry: options.retry,
        logger: options.logger,
      }),
    },
  });
}

export class TokenProvider implements TokenSource {
  private readonly app: ConfidentialClientApplication;
  private readonly authorityHost: string;
  private readonly scopes: Record<ApiResource, string>;
  private readonly logger?: Logger;

  constructor(options: TokenProviderOptions) {
    this.authorityHost = options.authorityHost.replace(/\/+$/, "");
    this.scopes = {
      defender: options.defenderScope ?? "https://api.securitycenter.microsoft.com/.default",
      graph: options.graphScope ?? "https://graph.microsoft.com/.default",
    };
    this.logger = options.logger;
    this.app = createMsalApplication(options);
  }

  /**
   * Drops cached tokens (after an integration is revoked). msal keeps one in-memory cache per
   * application and offers no per-tenant eviction, so every tenant's token is re-acquired on next use.
   */
  forgetCachedTokens(): void {
    this.app.clearCache();
  }

  /** A token for `resource` in `tenantId`; `forceRefresh` bypasses msal's cache (after a 401). */
  async getToken(
    tenantId: string,
    resource: ApiResource,
    options: { forceRefresh?: boolean } = {},
  ): Promise<AccessToken> {
    let result;
    try {
      result = await this.app.acquireTokenByClientCredential({
        scopes: [this.scopes[resource]],
        authority: `${this.authorityHost}/${encodeURIComponent(tenantId)}`,
        skipCache: options.forceRefresh ?? false,
      });
    } catch (error) {
      const mapped = mapEntraError(error, tenantId);
      this.logger?.warn(
        { tenantId, resource, code: mapped.code, aadsts: (mapped as DefenderAuthError).aadsts },
        "token request failed",
      );
      throw mapped;
    }
    if (!result?.accessToken) {
      throw new DefenderAuthError(
        "TOKEN_REQUEST_FAILED",
        `Entra returned no access token for tenant ${tenantId}`,
      );
    }
    return {
      token: result.accessToken,
      expiresOn: result.expiresOn,
      claims: decodeTokenClaims(result.accessToken),
    };
  }
}

/**
 * The tenant's granted application permissions, from fresh tokens (roles change on consent and
 * msal would otherwise return the older token). `tenantId` is the token's `tid`: the proof of
 * which tenant consented, since a consent callback's `tenant` parameter can be forged. A Graph
 * token Entra refuses counts as no Graph roles; a refused Defender token is the error.
 */
export async function readGrantedPermissions(
  tokens: TokenSource,
  tenantId: string,
): Promise<{ tenantId?: string; granted: GrantedPermissions }> {
  const defender = await tokens.getToken(tenantId, "defender", { forceRefresh: true });
  const graph = await tokens.getToken(tenantId, "graph", { forceRefresh: true }).catch((error: unknown) => {
    if (error instanceof DefenderAuthError && error.code === "CONSENT_REQUIRED") return undefined;
    throw error;
  });
  return {
    tenantId: defender.claims.tenantId,
    granted: { defender: defender.claims.roles, graph: graph?.claims.roles ?? [] },
  };
}

/** The configured credential: the secret, or the certificate PEM file read once. */
export async function loadClientCredential(app: AzureApplication): Promise<ClientCredential> {
  if (app.clientSecret) return { clientSecret: app.clientSecret };
  if (app.clientCertificatePath) return { certificatePem: await readFile(app.clientCertificatePath, "utf8") };
  throw new DefenderError("INVALID_CLIENT_CREDENTIAL", "No client secret or certificate is configured");
}

/** PEM with the private key and certificate(s) → what msal signs client assertions with. */
export function certificateCredential(pem: string): {
  thumbprintSha256: string;
  privateKey: string;
  x5c: string;
} {
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  const key =
    /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.exec(
      pem,
    );
  if (!certificates || !key) {
    throw new DefenderAuthError(
      "INVALID_CLIENT_CREDENTIAL",
      "The client certificate PEM must hold a private key and a certificate",
    );
  }
  try {
    return {
      thumbprintSha256: new X509Certificate(certificates[0]).fingerprint256.replace(/:/g, "").toLowerCase(),
      privateKey: createPrivateKey(key[0]).export({ format: "pem", type: "pkcs8" }).toString(),
      x5c: certificates.join("\n"),
    };
  } catch (error) {
    throw new DefenderAuthError("INVALID_CLIENT_CREDENTIAL", "The client certificate PEM could not be read", {
      cause: error,
    });
  }
}

const CONSENT_CODES = new Set([
  "65001",
  "65004",
  "650051",
  "650052",
  "500011",
  "700016",
  "7000112",
  "7000229",
]);
const CREDENTIAL_CODES = new Set(["7000215", "7000222", "700027", "700024", "50012", "7000218", "700023"]);
const TENANT_CODES = new Set(["90002", "900023", "90019", "90072"]);

/** Entra's AADSTS number decides; the OAuth error code is the fallback. */
export function mapEntraError(error: unknown, tenantId: string): DefenderError {
  const e = error as {
    errorCode?: string;
    errorMessage?: string;
    errorNo?: string | number;
    status?: number;
    message?: string;
  };
  const aadsts = e.errorNo ? String(e.errorNo) : /AADSTS(\d+)/.exec(e.errorMessage ?? e.message ?? "")?.[1];
  const details = { status: e.status, serverCode: e.errorCode, aadsts, cause: error };
  const described = aadsts ? ` (AADSTS${aadsts})` : e.errorCode ? ` (${e.errorCode})` : "";
  if (
    (aadsts && CONSENT_CODES.has(aadsts)) ||
    e.errorCode === "unauthorized_client" ||
    e.errorCode === "consent_required"
  ) {
    return new DefenderAuthError(
      "CONSENT_REQUIRED",
      `Admin consent is missing or was revoked in tenant ${tenantId}${described}`,
      details,
    );
  }
  if ((aadsts && CREDENTIAL_CODES.has(aadsts)) || e.errorCode === "invalid_client") {
    return new DefenderAuthError(
      "INVALID_CLIENT_CREDENTIAL",
      `Entra rejected the application's credential${described}`,
      details,
    );
  }
  if ((aadsts && TENANT_CODES.has(aadsts)) || e.errorCode === "invalid_tenant") {
    return new DefenderAuthError(
      "UNKNOWN_TENANT",
      `Entra does not know tenant ${tenantId}${described}`,
      details,
    );
  }
  if (e.errorCode === "network_error" || e.errorCode === "endpoints_resolution_error") {
    return new DefenderError("UNAVAILABLE", `Entra could not be reached${described}`, details);
  }
  return new DefenderAuthError(
    "TOKEN_REQUEST_FAILED",
    `Entra refused a token for tenant ${tenantId}${described}`,
    details,
  );
}
