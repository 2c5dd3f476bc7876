import { Column, Entity, ForeignKey, Generated, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstallationEventType } from "./enums";
import { Installation } from "./installation.entity";
import { Tenant } from "./tenant.entity";

/** A change to an installation, in the order syncs observed it: the change feed for automation. */
@Entity("installation_event")
@Index("installation_event_tenant_seq_idx", ["tenantId", "seq"])
@Index("installation_event_tenant_installation_idx", ["tenantId", "installationId", "seq"])
@ForeignKey(() => Installation, ["tenantId", "installationId"], ["tenantId", "id"], { onDelete: "CASCADE" })
export class InstallationEvent {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** Monotonic position in the feed; cursors are built from it. */
  @Column("bigint")
  @Generated("increment")
  seq!: string;

  @Column("uuid")
  installationId!: string;

  @Column("enum", { enum: InstallationEventType, enumName: "installation_event_type" })
  type!: InstallationEventType;

  @Column("varchar", { length: 100, nullable: true })
  fromVersion!: string | null;

  @Column("varchar", { length: 100, nullable: true })
  toVersion!: string | null;

  @Column("timestamp with time zone", { precision: 3 })
  occurredAt!: Date;

  @Column("uuid", { nullable: true })
  syncRunId!: string | null;
}
