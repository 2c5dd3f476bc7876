import { Column, Entity, ForeignKey, Index, PrimaryColumn } from "typeorm";
import { Device } from "./device.entity";
import { Tenant } from "./tenant.entity";
import { User } from "./user.entity";

/** Who uses which device (logon users, hunting attribution). */
@Entity("device_user")
@Index("device_user_tenant_user_idx", ["tenantId", "userId", "deviceId"])
@ForeignKey(() => Device, ["tenantId", "deviceId"], ["tenantId", "id"], { onDelete: "CASCADE" })
@ForeignKey(() => User, ["tenantId", "userId"], ["tenantId", "id"], { onDelete: "CASCADE" })
export class DeviceUser {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  deviceId!: string;

  @PrimaryColumn("uuid")
  userId!: string;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  firstSeenAt!: Date | null;

  @Column("timestamp with time zone", { nullable: true, precision: 3 })
  lastSeenAt!: Date | null;
}
