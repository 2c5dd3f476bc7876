/**
 * The `state` of an admin-consent redirect: the tenant and a single-use nonce, with an expiry, signed
 * with HMAC-SHA256 so a forged or altered state is rejected before the database is asked. Single use is
 * enforced by the consent_request row the nonce names.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface ConsentState {
  tenantId: string;
  nonce: string;
  expiresAt: Date;
}

export function signConsentState(state: ConsentState, key: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({ t: state.tenantId, n: state.nonce, e: state.expiresAt.getTime() }),
    "utf8",
  ).toString("base64url");
  return `${payload}.${mac(payload, key)}`;
}

/** The state if its signature is valid and it has not expired; null otherwise. */
export function verifyConsentState(value: string, key: Buffer, now: Date): ConsentState | null {
  const [payload, signature, extra] = value.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, key), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { t, n, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      t: unknown;
      n: unknown;
      e: unknown;
    };
    if (typeof t !== "string" || typeof n !== "string" || typeof e !== "number") return null;
    if (e <= now.getTime()) return null;
    return { tenantId: t, nonce: n, expiresAt: new Date(e) };
  } catch {
    return null;
  }
}

function mac(payload: string, key: Buffer): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}
