import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from "typeorm";
import { SyncMode, SyncRunStatus, SyncTrigger } from "./enums";
import { Tenant } from "./tenant.entity";

/** Per-source outcome of a sync: complete or not, rows read and skipped, the error if any. */
export interface SyncSourceResult {
  source: string;
  complete: boolean;
  rowsRead: number;
  rowsSkipped: number;
  apiCalls: number;
  throttledCalls: number;
  error: string | null;
  durationMs: number;
}

export interface SyncStats {
  devices: number;
  staleDevices: number;
  users: number;
  installationsNew: number;
  installationsUpdated: number;
  installationsRemoved: number;
  apiCalls: number;
  throttledCalls: number;
  rowsRead: number;
  rowsSkipped: number;
}

export interface SyncProgress {
  phase: string;
  rowsRead: number;
  detail?: string;
}

/** One sync of one tenant: a record whatever the outcome, updated while it runs. */
@Entity("sync_run")
@Index("sync_run_tenant_queued_idx", ["tenantId", "queuedAt", "id"])
@Index("sync_run_one_running_per_tenant", ["tenantId"], { unique: true, where: `"status" = 'RUNNING'` })
@Index("sync_run_one_queued_per_tenant", ["tenantId"], { unique: true, where: `"status" = 'QUEUED'` })
export class SyncRun {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("enum", { enum: SyncTrigger, enumName: "sync_trigger" })
  trigger!: SyncTrigger;

  @Column("enum", { enum: SyncMode, enumName: "sync_mode" })
  mode!: SyncMode;

  @Column("enum", { enum: SyncRunStatus, enumName: "sync_run_status", default: SyncRunStatus.QUEUED })
  status!: SyncRunStatus;

  @Column("timestamp with time zone", { precision: 3 })
  queuedAt!: Date;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  startedAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  finishedAt!: Date | null;

  /** Refreshed while running; a RUNNING run whose heartbeat stopped belongs to a dead worker. */
  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  heartbeatAt!: Date | null;

  @Column("varchar", { length: 200, nullable: true })
  workerId!: string | null;

  @Column("jsonb", { default: () => "'[]'" })
  sources!: SyncSourceResult[];

  @Column("jsonb", { nullable: true })
  stats!: SyncStats | null;

  @Column("jsonb", { nullable: true })
  progress!: SyncProgress | null;

  @Column("text", { nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
