/**
 * Webhook secrets and signatures in the Standard Webhooks format (https://www.standardwebhooks.com):
 * `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of
 * `id.timestamp.body`), computed by the specification's own JavaScript library.
 */
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

const SECRET_PREFIX = "whsec_";
/** The specification allows keys of 24 to 64 bytes; generated ones have 32. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/** A new secret: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** Whether a secret a caller gives is one the format accepts: `whsec_` and base64 of 24 to 64 bytes. */
export function isValidWebhookSecret(secret: string): boolean {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : null;
  if (!encoded || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return false;
  const bytes = Buffer.from(encoded, "base64").length;
  return bytes >= MIN_KEY_BYTES && bytes <= MAX_KEY_BYTES;
}

/** The three headers of a signed delivery. */
export function signatureHeaders(
  secret: string,
  messageId: string,
  timestamp: Date,
  body: string,
): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, timestamp, body),
  };
}
