/**
 * Typed errors of the Defender connector. Each carries a stable `code` so the integration and the
 * sync engine can say exactly what is wrong (consent, credential, permission, throttling, outage)
 * without parsing messages. Messages are safe to show: they never contain tokens or secrets.
 */

export type DefenderErrorCode =
  | "CONSENT_REQUIRED"
  | "INVALID_CLIENT_CREDENTIAL"
  | "UNKNOWN_TENANT"
  | "TOKEN_REQUEST_FAILED"
  | "UNAUTHORIZED"
  | "PERMISSION_MISSING"
  | "THROTTLED"
  | "UNAVAILABLE"
  | "NOT_FOUND"
  | "BAD_REQUEST"
  | "MALFORMED_RESPONSE"
  | "PAGING_FAILED"
  | "EXPORT_LINK_REJECTED";

export class DefenderError extends Error {
  constructor(
    readonly code: DefenderErrorCode,
    message: string,
    readonly details: { status?: number; family?: string; serverCode?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
  }
}

/** Entra refused a token: consent missing or revoked, bad client credential, unknown tenant, or other. */
export class DefenderAuthError extends DefenderError {
  /** Entra's AADSTS number, e.g. "7000215" (bad secret) or "7000229" (not consented). */
  readonly aadsts?: string;

  constructor(
    code:
      | "CONSENT_REQUIRED"
      | "INVALID_CLIENT_CREDENTIAL"
      | "UNKNOWN_TENANT"
      | "TOKEN_REQUEST_FAILED"
      | "UNAUTHORIZED",
    message: string,
    details: { status?: number; family?: string; serverCode?: string; cause?: unknown; aadsts?: string } = {},
  ) {
    super(code, message, details);
    this.aadsts = details.aadsts;
  }
}

/** A 403: the token lacks an application permission the endpoint needs. */
export class DefenderPermissionError extends DefenderError {
  constructor(
    /** Permissions that would each fix the call (usually one; two for hunting in `auto` mode). */
    readonly missingPermissions: string[],
    readonly grantedPermissions: string[],
    details: { status?: number; family?: string; serverCode?: string; serverMessage?: string } = {},
  ) {
    super(
      "PERMISSION_MISSING",
      `The application lacks the ${missingPermissions.join(" or ")} application permission` +
        (details.family ? ` needed for ${details.family}` : "") +
        `; granted: ${grantedPermissions.length ? grantedPermissions.join(", ") : "none"}`,
      details,
    );
  }
}
