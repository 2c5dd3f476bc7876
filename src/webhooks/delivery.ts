/**
 * Delivering the outbox (docs/webhooks.md): a pass claims due deliveries, POSTs each signed body with a
 * 10-second limit and no redirects, and records the outcome. A failed delivery is tried again on a
 * widening schedule until it succeeds (at least once: the `webhook-id` stays the same, so receivers can
 * drop repeats); a webhook whose deliveries have all failed for 24 hours is disabled. Time comes from an
 * injected clock, so tests drive retries without waiting.
 */
import { Agent, request } from "undici";
import type { Logger } from "../config/logger";
import type { DueDelivery, Store, WebhookDeliveryRow } from "../store";
import { guardedLookup, urlRefusal, type DeliveryPolicy, type Resolve } from "./address-policy";
import { signatureHeaders } from "./signing";

export const DELIVERY_TIMEOUT_MS = 10_000;
/** A webhook whose every attempt failed for this long is disabled. */
export const DISABLE_AFTER_MS = 24 * 3_600_000;
/** Waits after the 1st, 2nd, … failed attempt (the Standard Webhooks reference schedule); the last repeats. */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];
/** A claimed delivery not recorded by then (its worker died) is due again. */
const CLAIM_LEASE_MS = 120_000;
const USER_AGENT = "agent-inventory-webhooks";

/** The wait after `attempts` failed attempts. */
export function retryDelayMs(attempts: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1];
}

export interface SendResult {
  delivered: boolean;
  responseStatus: number | null;
  error: string | null;
}

export interface SenderOptions {
  policy: DeliveryPolicy;
  /** Injected in tests (e.g. a name that resolves to a private address). */
  resolve?: Resolve;
  timeoutMs?: number;
}

/** POSTs signed deliveries; refuses addresses the policy forbids, at the connection itself. */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(private readonly options: SenderOptions) {
    const timeout = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.agent = new Agent({
      connect: { lookup: guardedLookup(options.policy, options.resolve), timeout },
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
  }

  async send(delivery: Pick<DueDelivery, "id" | "url" | "secret" | "payload">): Promise<SendResult> {
    // The URL's form and an IP literal are checked here; a name is checked by the connection's lookup.
    const refusal = urlRefusal(delivery.url, this.options.policy);
    if (refusal) return { delivered: false, responseStatus: null, error: refusal };
    const body = JSON.stringify(delivery.payload);
    try {
      const response = await request(delivery.url, {
        method: "POST",
        dispatcher: this.agent,
        // The signature's timestamp is the real time of sending: receivers compare it with their own clocks.
        headers: {
          "content-type": "application/json",
          "user-agent": USER_AGENT,
          ...signatureHeaders(delivery.secret, delivery.id, new Date(), body),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DELIVERY_TIMEOUT_MS),
      });
      await response.body.dump();
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        delivered: ok,
        responseStatus: response.statusCode,
        error: ok ? null : `HTTP ${response.statusCode}`,
      };
    } catch (error) {
      return { delivered: false, responseStatus: null, error: describe(error) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`.slice(0, 500);
}

export interface DelivererOptions {
  /** On the worker's pool. */
  store: Store;
  sender: WebhookSender;
  logger: Logger;
  now?: () => Date;
  /** Deliveries claimed at a time. */
  batchSize?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
}

export class WebhookDeliverer {
  private readonly now: () => Date;

  constructor(private readonly options: DelivererOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Delivers everything due now; returns the number of attempts made. */
  async deliverDue(): Promise<number> {
    const { store, batchSize = 100 } = this.options;
    let attempts = 0;
    for (;;) {
      const now = this.now();
      const due = await store.webhooks.claimDue(now, new Date(now.getTime() + CLAIM_LEASE_MS), batchSize);
      if (!due.length) return attempts;
      await this.inParallel(due, (delivery) => this.attempt(delivery));
      attempts += due.length;
    }
  }

  /** Sends `testWebhook`'s delivery now, once, and records it. */
  async sendTest(delivery: DueDelivery): Promise<WebhookDeliveryRow> {
    const result = await this.options.sender.send(delivery);
    return this.options.store.webhooks.recordTestAttempt({
      tenantId: delivery.tenantId,
      id: delivery.id,
      webhookId: delivery.webhookId,
      ...result,
      at: this.now(),
    });
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const result = await this.options.sender.send(delivery);
    const at = this.now();
    const disabled = await this.options.store.webhooks.recordAttempt(
      {
        tenantId: delivery.tenantId,
        id: delivery.id,
        webhookId: delivery.webhookId,
        ...result,
        at,
        retryAt: new Date(at.getTime() + retryDelayMs(delivery.attempts)),
      },
      DISABLE_AFTER_MS,
    );
    if (!result.delivered) {
      const log = { tenantId: delivery.tenantId, webhookId: delivery.webhookId, deliveryId: delivery.id };
      this.options.logger.info(
        { ...log, attempt: delivery.attempts, error: result.error },
        "webhook delivery failed",
      );
      if (disabled) this.options.logger.warn(log, "webhook disabled after a day of failed deliveries");
    }
  }

  private async inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    const queue = items.slice();
    const lanes = Array.from({ length: Math.min(this.options.concurrency ?? 8, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    });
    await Promise.all(lanes);
  }
}
