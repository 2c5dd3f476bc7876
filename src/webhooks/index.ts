/**
 * Webhooks out: where deliveries may go (address-policy.ts), how they are signed (signing.ts), the
 * delivery of the outbox with retries (delivery.ts) and its pg-boss worker (worker.ts). The outbox rows
 * themselves are written by the store, in the transactions that make the events.
 */
export {
  addressRefusal,
  isPublicAddress,
  urlRefusal,
  type DeliveryPolicy,
  type Resolve,
} from "./address-policy";
export {
  DELIVERY_TIMEOUT_MS,
  DISABLE_AFTER_MS,
  RETRY_DELAYS_MS,
  retryDelayMs,
  WebhookDeliverer,
  WebhookSender,
  type DelivererOptions,
} from "./delivery";
export { generateWebhookSecret, isValidWebhookSecret, signatureHeaders } from "./signing";
export { startWebhookWorker, WEBHOOK_QUEUE, type WebhookWorker } from "./worker";
