/** The `Webhook` and `WebhookDelivery` types (a webhook's secret is never among their fields). */
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { WebhookDeliveryStatus, WebhookEventType } from "../../model/enums";
import { WEBHOOK_EVENT_NAMES } from "../../model/webhook-events";
import type { WebhookDeliveryRow, WebhookRow } from "../../store";
import { connectionType, Node, toGlobalId } from "../relay";
import { described } from "./enums";
import { DateTimeScalar } from "./scalars";

registerEnumType(WebhookEventType, {
  name: "WebhookEventType",
  description: "What a webhook can subscribe to; each delivery's payload `type` is the event's wire name.",
  valuesConfig: Object.fromEntries(
    Object.entries(WEBHOOK_EVENT_NAMES).map(([value, name]) => [
      value,
      { description: `Payload type \`${name}\`.` },
    ]),
  ),
});
registerEnumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description:
    "Where a delivery stands: PENDING (tried again later), DELIVERED, or FAILED (a test delivery).",
  valuesConfig: described<WebhookDeliveryStatus>({
    PENDING: "Waiting for its first or next attempt (retried with backoff until delivered).",
    DELIVERED: "The receiver answered with a 2xx status.",
    FAILED: "A test delivery that did not get a 2xx (test deliveries are tried once).",
  }),
});

@ObjectType("Webhook", {
  implements: Node,
  description:
    "Where the tenant's events are POSTed, signed in the Standard Webhooks format with the secret shown once at creation.",
})
export class WebhookType extends Node {
  /** Row ids for nested fields. */
  tenantId!: string;
  rowId!: string;

  @Field({ description: "The receiver's URL." })
  url!: string;

  @Field(() => [WebhookEventType], { description: "The events delivered to it." })
  events!: WebhookEventType[];

  @Field({ description: "False after `disableWebhook`, or when every delivery failed for 24 hours." })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Why the service disabled it (deliveries failing for 24 hours); null otherwise.",
  })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was disabled; null while enabled." })
  disabledAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Since when every delivery attempt has failed; null after a success.",
  })
  failingSince!: Date | null;

  @Field(() => DateTimeScalar, { description: "When it was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When it was last changed." })
  updatedAt!: Date;
}

export const WebhookConnection = connectionType("Webhook", WebhookType);

@ObjectType("WebhookDelivery", {
  implements: Node,
  description: "One event for one webhook: the outbox entry and its delivery log.",
})
export class WebhookDeliveryType extends Node {
  @Field({
    description:
      "The `webhook-id` header of every attempt of this delivery: the same across retries, so receivers can drop repeats.",
  })
  messageId!: string;

  @Field({ description: "The payload's `type`, e.g. `installation.created` or `webhook.test`." })
  eventType!: string;

  @Field(() => WebhookDeliveryStatus, { description: "Where the delivery stands." })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: "Attempts made so far." })
  attempts!: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When it is tried next; null when not pending.",
  })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was last tried." })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status at the last attempt." })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed." })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { description: "When the event was written to the outbox." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the receiver accepted it (2xx)." })
  deliveredAt!: Date | null;
}

export const WebhookDeliveryConnection = connectionType("WebhookDelivery", WebhookDeliveryType);

export function toWebhookType(row: WebhookRow): WebhookType {
  return Object.assign(new WebhookType(), {
    id: toGlobalId("Webhook", row.tenantId, row.id),
    tenantId: row.tenantId,
    rowId: row.id,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt,
    failingSince: row.failingSince,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function toWebhookDeliveryType(row: WebhookDeliveryRow): WebhookDeliveryType {
  return Object.assign(new WebhookDeliveryType(), {
    id: toGlobalId("WebhookDelivery", row.tenantId, row.id),
    messageId: row.id,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    responseStatus: row.responseStatus,
    lastError: row.lastError,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
  });
}
