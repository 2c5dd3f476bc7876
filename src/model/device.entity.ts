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

/** A machine onboarded to Defender, keyed naturally by (tenant, Defender machine id). */
@Entity("device")
@Index("device_tenant_defender_id_key", ["tenantId", "defenderId"], { unique: true })
@Index("device_tenant_name_idx", ["tenantId", "name", "id"])
@Index("device_tenant_last_seen_idx", ["tenantId", "lastSeenAt", "id"])
@Index("device_tenant_aad_device_idx", ["tenantId", "aadDeviceId"])
export class Device {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("varchar", { length: 100 })
  defenderId!: string;

  @Column("varchar", { length: 300 })
  name!: string;

  @Column("varchar", { length: 100, nullable: true })
  osPlatform!: string | null;

  @Column("varchar", { length: 100, nullable: true })
  osVersion!: string | null;

  @Column("varchar", { length: 100, nullable: true })
  healthStatus!: string | null;

  @Column("varchar", { length: 100, nullable: true })
  onboardingStatus!: string | null;

  @Column("varchar", { length: 100, nullable: true })
  rbacGroupId!: string | null;

  @Column("varchar", { length: 300, nullable: true })
  rbacGroupName!: string | null;

  @Column("text", { array: true, default: () => "'{}'" })
  tags!: string[];

  @Column("uuid", { nullable: true })
  aadDeviceId!: string | null;

  /** Defender's firstSeen. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  firstSeenAt!: Date | null;

  /** Defender's lastSeen: the last full device report, not live presence. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastSeenAt!: Date | null;

  /** Set when Defender has not seen the device for STALE_DEVICE_DAYS or it left the machine list. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  staleSince!: Date | null;

  /** The last complete machine list that did not contain this device. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  missingSince!: Date | null;

  /** The last sync in which a software inventory source had rows for this device. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  softwareSeenAt!: Date | null;

  /**
   * An older record of a host onboarded to Defender again under a new id (Defender's
   * isPotentialDuplication): kept and shown, left out of coverage counts. Records Defender merged
   * into another are folded into that device instead.
   */
  @Column("boolean", { default: false })
  potentialDuplicate!: boolean;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
