import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from "typeorm";
import { Tenant } from "./tenant.entity";

/** A pending admin-consent redirect: the nonce in its signed `state`, single use, expiring. */
@Entity("consent_request")
export class ConsentRequest {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  id!: string;

  @Column("timestamp with time zone", { precision: 3 })
  expiresAt!: Date;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  usedAt!: Date | null;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
