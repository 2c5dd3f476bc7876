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

  @Column("timestamptz")
  expiresAt!: Date;

  @Column("timestamptz", { nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;
}
