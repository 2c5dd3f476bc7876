import {
  Column,
  Entity,
  ForeignKey,
  Generated,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from "typeorm";
import { Device } from "./device.entity";
import { Tenant } from "./tenant.entity";

/** How an agent talks to an MCP server: a local process on stdio, or a remote endpoint over HTTP. */
export enum McpTransport {
  STDIO = "STDIO",
  HTTP = "HTTP",
}

/** A tenant's stance on an MCP server. */
export enum McpServerPolicy {
  ALLOWED = "ALLOWED",
  DENIED = "DENIED",
  UNREVIEWED = "UNREVIEWED",
}

export enum McpServerEventType {
  /** The server was seen on a device (for that person and agent) for the first time, or again after it disappeared. */
  FIRST_SEEN = "FIRST_SEEN",
  /** A complete read of the hunting window no longer shows it there. */
  DISAPPEARED = "DISAPPEARED",
}

/** An MCP server seen in a tenant: a catalog server, or an unknown package, image, program or endpoint. */
@Entity("mcp_server")
@Unique("mcp_server_tenant_key_uq", ["tenantId", "key"])
export class McpServer {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** The catalog key, else `<npm|pypi|container|binary|script>:<package>` or `remote:<host>`. */
  @Column("varchar", { length: 400 })
  key!: string;

  @Column("varchar", { length: 400 })
  name!: string;

  @Column("varchar", { length: 200, nullable: true })
  publisher!: string | null;

  @Column("enum", { enum: McpTransport, enumName: "mcp_transport" })
  transport!: McpTransport;

  /** How it was last launched (NPX, UVX, DOCKER, … REMOTE). */
  @Column("varchar", { length: 30 })
  launcher!: string;

  /** NPM, PYPI, CONTAINER, BINARY, SCRIPT or REMOTE. */
  @Column("varchar", { length: 20 })
  packageType!: string;

  /** Package, image, executable or script; host (and path) for remote servers. Redacted. */
  @Column("varchar", { length: 400 })
  packageName!: string;

  @Column("boolean")
  known!: boolean;

  @Column("text", { array: true, default: () => "'{}'" })
  capabilities!: string[];

  @Column("enum", {
    enum: McpServerPolicy,
    enumName: "mcp_server_policy",
    default: McpServerPolicy.UNREVIEWED,
  })
  policy!: McpServerPolicy;

  @Column("timestamp with time zone", { precision: 3 })
  firstSeenAt!: Date;

  @Column("timestamp with time zone", { precision: 3 })
  lastSeenAt!: Date;
}

/** One MCP server on one device, for one person and agent: its evidence and when it was seen. */
@Entity("mcp_server_sighting")
@Unique("mcp_server_sighting_tenant_key_uq", ["tenantId", "sightingKey"])
@Index("mcp_server_sighting_tenant_server_idx", ["tenantId", "serverId"])
@Index("mcp_server_sighting_tenant_device_idx", ["tenantId", "deviceId"])
@Index("mcp_server_sighting_tenant_installation_idx", ["tenantId", "installationId"])
@ForeignKey(() => McpServer, ["tenantId", "serverId"], ["tenantId", "id"], { onDelete: "CASCADE" })
@ForeignKey(() => Device, ["tenantId", "deviceId"], ["tenantId", "id"], { onDelete: "CASCADE" })
export class McpServerSighting {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** server|device|person|agent: what makes a sighting one. */
  @Column("varchar", { length: 600 })
  sightingKey!: string;

  @Column("uuid")
  serverId!: string;

  @Column("uuid")
  deviceId!: string;

  @Column("uuid", { nullable: true })
  userId!: string | null;

  /** The agent installation on the device that ran it, when its host process names one. */
  @Column("uuid", { nullable: true })
  installationId!: string | null;

  @Column("varchar", { length: 100, nullable: true })
  agentKey!: string | null;

  @Column("varchar", { length: 200, nullable: true })
  hostProcess!: string | null;

  /** PROCESS_EVENTS, NETWORK_EVENTS. */
  @Column("text", { array: true })
  evidence!: string[];

  @Column("varchar", { length: 100, nullable: true })
  version!: string | null;

  @Column("boolean", { nullable: true })
  pinned!: boolean | null;

  /** A bridge's target URL, redacted. */
  @Column("text", { nullable: true })
  remoteUrl!: string | null;

  /** The launch's arguments after the package, redacted. */
  @Column("text", { nullable: true })
  arguments!: string | null;

  @Column("timestamp with time zone", { precision: 3 })
  firstSeenAt!: Date;

  @Column("timestamp with time zone", { precision: 3 })
  lastSeenAt!: Date;

  /** When a complete read no longer showed it (null while present). */
  @Column("timestamp with time zone", { precision: 3, nullable: true })
  removedAt!: Date | null;

  /** The sync that last saw it: a complete full sync removes what it did not see. */
  @Column("timestamp with time zone", { precision: 3 })
  lastSyncAt!: Date;
}

/** A server appearing on or disappearing from a device: the MCP part of the change feed. */
@Entity("mcp_server_event")
@Index("mcp_server_event_tenant_seq_idx", ["tenantId", "seq"])
export class McpServerEvent {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("bigint")
  @Generated("increment")
  seq!: string;

  @Column("uuid")
  serverId!: string;

  @Column("uuid")
  sightingId!: string;

  @Column("uuid")
  deviceId!: string;

  @Column("uuid", { nullable: true })
  installationId!: string | null;

  @Column("enum", { enum: McpServerEventType, enumName: "mcp_server_event_type" })
  type!: McpServerEventType;

  @Column("timestamp with time zone", { precision: 3 })
  occurredAt!: Date;

  @Column("uuid", { nullable: true })
  syncRunId!: string | null;
}

/**
 * An agent's MCP configuration file on a device, for the person who wrote it, with when it last
 * changed: evidence that servers are configured (Defender does not see what the file holds).
 */
@Entity("mcp_config_file")
@Unique("mcp_config_file_tenant_device_path_uq", ["tenantId", "deviceId", "path"])
@ForeignKey(() => Device, ["tenantId", "deviceId"], ["tenantId", "id"], { onDelete: "CASCADE" })
export class McpConfigFile {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid")
  deviceId!: string;

  @Column("uuid", { nullable: true })
  userId!: string | null;

  @Column("varchar", { length: 100 })
  agentKey!: string;

  @Column("text")
  path!: string;

  @Column("timestamp with time zone", { precision: 3 })
  lastChangedAt!: Date;
}
