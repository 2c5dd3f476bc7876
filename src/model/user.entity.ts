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
 * A person or account seen on devices. Defender names users in several ways (UPN, domain\account, SID);
 * `identityKey` is the normalized strongest one and makes the natural key (tenant, identityKey).
 */
@Entity("user_account")
@Index("user_tenant_identity_key", ["tenantId", "identityKey"], { unique: true })
@Index("user_tenant_upn_idx", ["tenantId", "upn", "id"])
@Index("user_tenant_account_idx", ["tenantId", "accountName", "id"])
export class User {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("varchar", { length: 400 })
  identityKey!: string;

  @Column("varchar", { length: 300, nullable: true })
  upn!: string | null;

  @Column("varchar", { length: 200, nullable: true })
  accountName!: string | null;

  @Column("varchar", { length: 200, nullable: true })
  accountDomain!: string | null;

  @Column("varchar", { length: 200, nullable: true })
  sid!: string | null;

  @Column("uuid", { nullable: true })
  aadObjectId!: string | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastSeenAt!: Date | null;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
