/**
 * The delivery worker on pg-boss: queue `webhook-delivery` (policy `singleton`: one delivery pass at a
 * time across processes) is fed each minute by a pg-boss cron schedule, and on demand by `wake()`. Each
 * job runs one pass over the outbox (delivery.ts); the outbox, not the queue, holds what must be sent, so
 * a lost job loses nothing.
 */
import PgBoss from "pg-boss";
import type { Logger } from "../config/logger";
import type { WebhookDeliverer } from "./delivery";

export const WEBHOOK_QUEUE = "webhook-delivery";
/** pg-boss's schema, shared with the sync scheduler. */
const BOSS_SCHEMA = "pgboss";

export interface WebhookWorkerOptions {
  databaseUrl: string;
  logger: Logger;
  deliverer: WebhookDeliverer;
  /** The pass's cron (default each minute). */
  cron?: string;
}

export interface WebhookWorker {
  /** Asks for a delivery pass now (after a change that made events). */
  wake(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebhookWorker(options: WebhookWorkerOptions): Promise<WebhookWorker> {
  const logger = options.logger.child({ component: "webhook-worker" });
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: BOSS_SCHEMA,
    max: 2,
    supervise: false,
    schedule: true,
  });
  boss.on("error", (err) => logger.warn({ err }, "pg-boss error"));
  await boss.start();
  await boss.createQueue(WEBHOOK_QUEUE, {
    name: WEBHOOK_QUEUE,
    policy: "singleton",
    expireInHours: 1,
    retryLimit: 0,
  });
  await boss.work(WEBHOOK_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const attempts = await options.deliverer.deliverDue();
    if (attempts) logger.debug({ attempts }, "webhook delivery pass");
  });
  await boss.schedule(WEBHOOK_QUEUE, options.cron ?? "* * * * *");
  logger.info("webhook worker started");
  return {
    async wake() {
      await boss.send(WEBHOOK_QUEUE, {});
    },
    // Not graceful: a delivery cut short is tried again when its claim's lease ends (at least once).
    stop: () => boss.stop({ graceful: false, wait: true }),
  };
}
