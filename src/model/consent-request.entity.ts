import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from "typeorm";
import { Tenant } from "./tenant.entity";

/**
 * One "Connect with Microsoft" attempt, named by its id in the signed `state`: the administrator's
 * sign-in (PKCE verifier and OIDC nonce, each usable once), the directory that sign-in proved, then
 * admin consent for that directory. Expires after 10 minutes.
 */
@Entity("consent_request")
export class ConsentRequest {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  id!: string;

  @Column("timestamp with time zone", { precision: 3 })
  expiresAt!: Date;

  /** PKCE code verifier of the sign-in; cleared once the sign-in step is used. */
  @Column("varchar", { length: 128, nullable: true })
  codeVerifier!: string | null;

  /** The nonce the sign-in's ID token must carry. */
  @Column("varchar", { length: 64, nullable: true })
  oidcNonce!: string | null;

  /** When the sign-in step was used (whether or not it proved an administrator). */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  signedInAt!: Date | null;

  /** The directory whose administrator signed in: consent may complete only for it. */
  @Column("uuid", { nullable: true })
  entraTenantId!: string | null;

  /** When the consent step was used. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  usedAt!: Date | null;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
