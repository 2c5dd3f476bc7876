/**
 * The administrator's sign-in that must precede admin consent: OpenID Connect through msal-node, with the
 * authorization code flow, PKCE (S256, from msal's CryptoProvider) and a nonce kept with the consent
 * request. msal checks that the ID token's `nonce` matches; `checkAdminIdToken` checks the rest: that the
 * token is for this application, from the sign-in host's issuer for its own directory (`tid`), current,
 * and that the user holds a directory role able to grant the application's permissions (`wids`).
 *
 * The ID token arrives from the token endpoint over TLS in the code exchange this process makes, so per
 * OpenID Connect Core 1.0 §3.1.3.7 (https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation)
 * the TLS server check stands in for the signature check.
 */
import { CryptoProvider, type ConfidentialClientApplication } from "@azure/msal-node";

/**
 * Built-in Entra roles, by the template ids that `wids` carries
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference).
 */
export const DIRECTORY_ROLES = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  cloudApplicationAdministrator: "158c047a-c907-4556-b7ef-446551a6b5f7",
  applicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
} as const;

/**
 * Who may grant tenant-wide admin consent
 * (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent): Global and Privileged
 * Role Administrators for any API; Cloud Application and Application Administrators for any API except
 * Microsoft Graph application permissions (app roles), which `ThreatHunting.Read.All` is.
 */
export function rolesThatCanConsent(requestsGraphAppRoles: boolean): string[] {
  const always = [DIRECTORY_ROLES.globalAdministrator, DIRECTORY_ROLES.privilegedRoleAdministrator];
  return requestsGraphAppRoles
    ? always
    : [...always, DIRECTORY_ROLES.cloudApplicationAdministrator, DIRECTORY_ROLES.applicationAdministrator];
}

/** Why an ID token does not prove an administrator's sign-in. */
export type SignInRejection =
  "WRONG_AUDIENCE" | "WRONG_ISSUER" | "EXPIRED" | "NONCE_MISMATCH" | "NOT_A_CONSENT_ADMIN";

export class SignInRejected extends Error {
  constructor(readonly reason: SignInRejection) {
    super(`The ID token was not accepted: ${reason}`);
    this.name = "SignInRejected";
  }
}

/** The verified facts of an administrator's sign-in. */
export interface SignedInAdmin {
  /** The directory the administrator signed in to (`tid`), lower case. */
  directoryId: string;
  /** The user's object id in that directory (`oid`), for the audit trail. */
  userObjectId: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLOCK_SKEW_SECONDS = 300;

/** Checks an ID token's claims as described above; throws SignInRejected, or returns who signed in. */
export function checkAdminIdToken(
  claims: Record<string, unknown>,
  expected: { clientId: string; authorityHost: string; nonce: string; consentRoles: string[]; now: Date },
): SignedInAdmin {
  const tid = typeof claims.tid === "string" && GUID.test(claims.tid) ? claims.tid.toLowerCase() : null;
  if (claims.aud !== expected.clientId) throw new SignInRejected("WRONG_AUDIENCE");
  const issuer = `${expected.authorityHost.replace(/\/+$/, "")}/${tid}/v2.0`;
  if (!tid || typeof claims.iss !== "string" || claims.iss.toLowerCase() !== issuer.toLowerCase())
    throw new SignInRejected("WRONG_ISSUER");
  const now = expected.now.getTime() / 1000;
  if (typeof claims.exp !== "number" || claims.exp + CLOCK_SKEW_SECONDS <= now)
    throw new SignInRejected("EXPIRED");
  if (typeof claims.nbf === "number" && claims.nbf - CLOCK_SKEW_SECONDS > now)
    throw new SignInRejected("EXPIRED");
  if (claims.nonce !== expected.nonce) throw new SignInRejected("NONCE_MISMATCH");
  const wids = Array.isArray(claims.wids) ? claims.wids.map((w) => String(w).toLowerCase()) : [];
  if (!wids.some((role) => expected.consentRoles.includes(role)))
    throw new SignInRejected("NOT_A_CONSENT_ADMIN");
  return { directoryId: tid, userObjectId: typeof claims.oid === "string" ? claims.oid : null };
}

/** What a sign-in needs to be finished later: kept server-side with the consent request. */
export interface PendingSignIn {
  url: string;
  codeVerifier: string;
  nonce: string;
}

export interface AdminSignInOptions {
  app: ConfidentialClientApplication;
  clientId: string;
  authorityHost: string;
  consentRoles: string[];
  now?: () => Date;
}

export class AdminSignIn {
  private readonly crypto = new CryptoProvider();
  private readonly now: () => Date;
  private readonly authorityHost: string;

  constructor(private readonly options: AdminSignInOptions) {
    this.now = options.now ?? (() => new Date());
    this.authorityHost = options.authorityHost.replace(/\/+$/, "");
  }

  /**
   * The sign-in URL: in `directory` when the tenant's directory is known, else `organizations` (any work
   * account, never personal ones).
   */
  async start(input: {
    directory: string | null;
    redirectUri: string;
    state: string;
  }): Promise<PendingSignIn> {
    const { verifier, challenge } = await this.crypto.generatePkceCodes();
    const nonce = this.crypto.createNewGuid();
    const url = await this.options.app.getAuthCodeUrl({
      authority: `${this.authorityHost}/${input.directory ?? "organizations"}`,
      scopes: [],
      redirectUri: input.redirectUri,
      responseMode: "query",
      state: input.state,
      nonce,
      codeChallenge: challenge,
      codeChallengeMethod: "S256",
      prompt: "select_account",
    });
    return { url, codeVerifier: verifier, nonce };
  }

  /** Redeems the code (PKCE verifier and nonce checked) and returns who signed in, or throws. */
  async finish(input: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
    nonce: string;
  }): Promise<SignedInAdmin> {
    const result = await this.options.app.acquireTokenByCode({
      authority: `${this.authorityHost}/organizations`,
      scopes: [],
      code: input.code,
      redirectUri: input.redirectUri,
      codeVerifier: input.codeVerifier,
      nonce: input.nonce,
    });
    // The user's tokens are not needed beyond this check: keep none in msal's cache.
    if (result.account) await this.options.app.getTokenCache().removeAccount(result.account);
    return checkAdminIdToken(result.idTokenClaims as Record<string, unknown>, {
      clientId: this.options.clientId,
      authorityHost: this.authorityHost,
      nonce: input.nonce,
      consentRoles: this.options.consentRoles,
      now: this.now(),
    });
  }
}
