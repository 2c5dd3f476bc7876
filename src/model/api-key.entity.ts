import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from "typeorm";
import { Role } from "./enums";
import { Tenant } from "./tenant.entity";

/**
 * An API key. Only a SHA-256 hash of the secret is stored; the secret is shown once at creation.
 * Platform keys (PLATFORM_ADMIN) have no tenant.
 */
@Entity("api_key")
@Index("api_key_tenant_idx", ["tenantId", "createdAt", "id"])
export class ApiKey {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { nullable: true })
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string | null;

  @Column("varchar", { length: 200 })
  name!: string;

  @Column("enum", { enum: Role, enumName: "role" })
  role!: Role;

  /** The first characters of the secret, to recognize a key in listings. */
  @Column("varchar", { length: 16 })
  prefix!: string;

  @Index("api_key_secret_hash_key", { unique: true })
  @Column("char", { length: 64 })
  secretHash!: string;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastUsedAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  revokedAt!: Date | null;
}
