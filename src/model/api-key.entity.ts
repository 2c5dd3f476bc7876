import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from "typeorm";
import { ApiKeyOrigin, Role } from "./enums";
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

  /** A random public id to recognize a key in listings; never derived from the secret. */
  @Index("api_key_prefix_key", { unique: true })
  @Column("varchar", { length: 16 })
  prefix!: string;

  @Index("api_key_secret_hash_key", { unique: true })
  @Column("char", { length: 64 })
  secretHash!: string;

  /** Where the secret came from: a `createApiKey` call, the ADMIN_API_KEY variable, or demo start-up. */
  @Column("enum", { enum: ApiKeyOrigin, enumName: "api_key_origin", default: ApiKeyOrigin.API })
  origin!: ApiKeyOrigin;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastUsedAt!: Date | null;

  /** After this instant the key no longer works; null for keys that do not expire. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  expiresAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  revokedAt!: Date | null;
}
