/**
 * The `state` of the two redirects of "Connect with Microsoft": the administrator's sign-in, then admin
 * consent. It names the tenant, the consent request (single use, enforced by its consent_request row)
 * and the step; the consent step also names the directory whose administrator signed in, so consent can
 * only complete for that directory. Signed with HMAC-SHA256 and expiring, so a forged or altered state is
 * rejected before the database is asked.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type ConsentStep = "sign-in" | "consent";

export interface ConsentState {
  tenantId: string;
  /** The consent_request row this redirect belongs to. */
  requestId: string;
  expiresAt: Date;
  step: ConsentStep;
  /** The directory (Entra tenant id) an administrator of which signed in; only on the consent step. */
  directory?: string;
}

export function signConsentState(state: ConsentState, key: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({
      t: state.tenantId,
      r: state.requestId,
      e: state.expiresAt.getTime(),
      s: state.step,
      ...(state.directory ? { d: state.directory } : {}),
    }),
    "utf8",
  ).toString("base64url");
  return `${payload}.${mac(payload, key)}`;
}

/** The state if its signature is valid, it has not expired and it is well formed; null otherwise. */
export function verifyConsentState(value: string, key: Buffer, now: Date): ConsentState | null {
  const [payload, signature, extra] = value.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, key), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { t, r, e, s, d } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<
      string,
      unknown
    >;
    if (typeof t !== "string" || typeof r !== "string" || typeof e !== "number") return null;
    if (e <= now.getTime()) return null;
    if (s === "sign-in" && d === undefined)
      return { tenantId: t, requestId: r, expiresAt: new Date(e), step: s };
    if (s === "consent" && typeof d === "string")
      return { tenantId: t, requestId: r, expiresAt: new Date(e), step: s, directory: d };
    return null;
  } catch {
    return null;
  }
}

function mac(payload: string, key: Buffer): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}
