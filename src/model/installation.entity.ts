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
import { Agent } from "./agent.entity";
import { Device } from "./device.entity";
import { EvidenceSource, InstallationActivity, InstallationChannel, InstallationStatus } from "./enums";
import { User } from "./user.entity";

/** What a Defender source reported for an installation, kept so every row can say why it exists. */
export interface EvidenceRecord {
  source: EvidenceSource;
  /** The raw identifiers that matched (software vendor/name, image name, extension id, …). */
  identifiers: Record<string, string>;
  confidence: number;
  catalogVersion: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * An agent on a device, for a user when one can be attributed, through one channel. The natural key
 * (tenant_id, device_id, agent_id, user_id, channel) is a NULLS NOT DISTINCT unique index created by hand
 * in a migration (TypeORM cannot express it), hence `synchronize: false` on it. It also serves the lookups
 * of a device's installations (it leads with tenant_id, device_id), so they have no index of their own.
 */
@Entity("installation")
@Index("installation_natural_key", { synchronize: false })
@Index("installation_tenant_agent_idx", ["tenantId", "agentId", "status", "id"])
@Index("installation_tenant_user_idx", ["tenantId", "userId", "id"])
@Index("installation_tenant_last_seen_idx", ["tenantId", "lastSeenAt", "id"])
@Index("installation_tenant_first_seen_idx", ["tenantId", "firstSeenAt", "id"])
@Index("installation_tenant_last_used_idx", ["tenantId", "lastUsedAt", "id"])
@ForeignKey(() => Device, ["tenantId", "deviceId"], ["tenantId", "id"], { onDelete: "CASCADE" })
@ForeignKey(() => User, ["tenantId", "userId"], ["tenantId", "id"], { onDelete: "CASCADE" })
export class Installation {
  /**
   * No foreign key of its own: the device's (tenant_id, device_id) key already proves the tenant, and a
   * first sync inserts ~150,000 installations, each of which would check it again.
   */
  @PrimaryColumn("uuid")
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid")
  deviceId!: string;

  @Column("uuid")
  @ForeignKey(() => Agent)
  agentId!: string;

  @Column("uuid", { nullable: true })
  userId!: string | null;

  @Column("enum", { enum: InstallationChannel, enumName: "installation_channel" })
  channel!: InstallationChannel;

  /** For IDE extensions: the IDE(s) hosting it, e.g. "vscode", "cursor". */
  @Column("text", { array: true, default: () => "'{}'" })
  hostIdes!: string[];

  @Column("varchar", { length: 100, nullable: true })
  version!: string | null;

  @Column("enum", {
    enum: InstallationStatus,
    enumName: "installation_status",
    default: InstallationStatus.ACTIVE,
  })
  status!: InstallationStatus;

  @Column("timestamp with time zone", { precision: 3 })
  firstSeenAt!: Date;

  @Column("timestamp with time zone", { precision: 3 })
  lastSeenAt!: Date;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  removedAt!: Date | null;

  @Column("jsonb", { default: () => "'[]'" })
  evidence!: EvidenceRecord[];

  /**
   * Use as of the tenant's last sync (README "Activity", src/sync/activity.ts): the newest use
   * evidence ever read, and the distinct UTC days with use in the last 30 days (bounded: at most 30).
   */
  @Column("enum", {
    enum: InstallationActivity,
    enumName: "installation_activity",
    default: InstallationActivity.NO_USE_SEEN,
  })
  activity!: InstallationActivity;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastUsedAt!: Date | null;

  /** Read by the sync only, as 'YYYY-MM-DD' text: a calendar day, not an instant. */
  @Column("date", { array: true, default: () => "'{}'" })
  activeDays!: string[];

  @Column("smallint", { default: 0 })
  activeDays7!: number;

  @Column("smallint", { default: 0 })
  activeDays30!: number;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
