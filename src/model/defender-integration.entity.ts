import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { Cloud, IntegrationStatus } from "./enums";
import { Tenant } from "./tenant.entity";

/** The tenant's connection to Microsoft Defender: consent state, permissions and schedule. */
@Entity("defender_integration")
export class DefenderIntegration {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @Column("enum", {
    enum: IntegrationStatus,
    enumName: "integration_status",
    default: IntegrationStatus.NOT_CONNECTED,
  })
  status!: IntegrationStatus;

  @Column("enum", { enum: Cloud, enumName: "cloud", default: Cloud.PUBLIC })
  cloud!: Cloud;

  @Column("text", { array: true, default: () => "'{}'" })
  grantedPermissions!: string[];

  @Column("text", { array: true, default: () => "'{}'" })
  missingPermissions!: string[];

  @Column("text", { nullable: true })
  lastError!: string | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastErrorAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  consentedAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastSyncAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  nextSyncAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  firstSyncAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
