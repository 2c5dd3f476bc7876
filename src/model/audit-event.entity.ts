import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * Who did what, when: every mutation and consent outcome. Kept when a tenant's inventory is purged;
 * platform-level actions have no tenant.
 */
@Entity("audit_event")
@Index("audit_event_tenant_time_idx", ["tenantId", "occurredAt", "id"])
export class AuditEvent {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { nullable: true })
  tenantId!: string | null;

  /** The API key that acted, or null for the service itself (consent callback, scheduler). */
  @Column("uuid", { nullable: true })
  actorKeyId!: string | null;

  @Column("varchar", { length: 100 })
  action!: string;

  @Column("jsonb", { default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column("varchar", { length: 100, nullable: true })
  requestId!: string | null;

  @Column("timestamp with time zone", { precision: 3, default: () => "now()" })
  occurredAt!: Date;
}
