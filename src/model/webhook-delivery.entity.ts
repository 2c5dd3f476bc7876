import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { WebhookDeliveryStatus } from "./enums";
import { Webhook } from "./webhook.entity";

/**
 * The webhook outbox and delivery log: one row per (webhook, event), written in the transaction that
 * makes the event (a sync's write, a run's outcome, an integration's status), so a rolled-back change
 * sends nothing and a committed one is never lost. Its id is the `webhook-id` every attempt carries.
 */
@Entity("webhook_delivery")
@Index("webhook_delivery_log_idx", ["tenantId", "webhookId", "createdAt", "id"])
@Index("webhook_delivery_due_idx", ["nextAttemptAt"], { where: `status = 'PENDING'` })
@ForeignKey(() => Webhook, ["tenantId", "webhookId"], ["tenantId", "id"], { onDelete: "CASCADE" })
export class WebhookDelivery {
  @PrimaryColumn("uuid")
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid")
  webhookId!: string;

  /** The payload's `type` (a wire name of WEBHOOK_EVENT_NAMES, or `webhook.test`). */
  @Column("varchar", { length: 50 })
  eventType!: string;

  /** The body sent, `{ type, timestamp, data }`. */
  @Column("jsonb")
  payload!: Record<string, unknown>;

  @Column("enum", {
    enum: WebhookDeliveryStatus,
    enumName: "webhook_delivery_status",
    default: WebhookDeliveryStatus.PENDING,
  })
  status!: WebhookDeliveryStatus;

  @Column("int", { default: 0 })
  attempts!: number;

  /** When it is next tried; null: as soon as a delivery pass runs. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  nextAttemptAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastAttemptAt!: Date | null;

  /** The receiver's HTTP status of the last attempt; null when none was received. */
  @Column("int", { nullable: true })
  responseStatus!: number | null;

  @Column("varchar", { length: 500, nullable: true })
  lastError!: string | null;

  @Column("timestamp with time zone", { precision: 3, default: () => "now()" })
  createdAt!: Date;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  deliveredAt!: Date | null;
}
