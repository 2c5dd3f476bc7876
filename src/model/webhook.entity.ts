import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { Tenant } from "./tenant.entity";

/**
 * A tenant's webhook: where to POST which events, signed with its secret (Standard Webhooks). The
 * secret is kept as given, because signing needs it (docs/webhooks.md says how it is protected).
 */
@Entity("webhook")
@Index("webhook_tenant_created_idx", ["tenantId", "createdAt", "id"])
export class Webhook {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("varchar", { length: 2000 })
  url!: string;

  /** `WebhookEventType` values; text rather than a database enum, so a new event needs no migration. */
  @Column("varchar", { length: 50, array: true })
  events!: string[];

  /** `whsec_` and the base64 of the signing key. */
  @Column("varchar", { length: 200 })
  secret!: string;

  @Column("boolean", { default: true })
  enabled!: boolean;

  /** Why the service disabled it (deliveries failing for 24 hours); null when enabled or disabled by a caller. */
  @Column("varchar", { length: 500, nullable: true })
  disabledReason!: string | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  disabledAt!: Date | null;

  /** Since when every delivery attempt has failed; null after a success. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  failingSince!: Date | null;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
