import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** A customer organization. Every other tenant-owned row carries its id. */
@Entity("tenant")
export class Tenant {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("varchar", { length: 200 })
  name!: string;

  /** The Entra (Azure AD) tenant bound by admin consent; one Entra tenant belongs to at most one tenant. */
  @Index("tenant_entra_tenant_id_key", { unique: true })
  @Column("uuid", { nullable: true })
  entraTenantId!: string | null;

  /** Overrides SYNC_INTERVAL_MINUTES for this tenant. */
  @Column("int", { nullable: true })
  syncIntervalMinutes!: number | null;

  /**
   * Bumped in the transaction of every write to the tenant's inventory (a sync's write phase, a purge):
   * what is computed from the inventory can be kept until it changes.
   */
  @Column("int", { default: 0 })
  inventoryVersion!: number;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
