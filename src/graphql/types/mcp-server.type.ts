/** `McpServer`, its sightings, connection, filter and order. */
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { McpServerPolicy, McpTransport } from "../../model/mcp-server.entity";
import {
  McpServerOrderField,
  OrderDirection,
  type McpConfigFileRow,
  type McpServerRow,
  type McpSightingRow,
} from "../../store";
import { connectionType, Node, toGlobalId } from "../relay";
import { described } from "./enums";
import { DateTimeScalar } from "./scalars";

registerEnumType(McpTransport, {
  name: "McpTransport",
  description: "STDIO: a local process the agent starts; HTTP: a remote endpoint.",
  valuesConfig: described<McpTransport>({
    STDIO: "A local process the agent or IDE starts and talks to over standard input and output.",
    HTTP: "A remote endpoint the agent calls over HTTP, directly or through a bridge such as mcp-remote.",
  }),
});
registerEnumType(McpServerPolicy, {
  name: "McpServerPolicy",
  description: "A tenant's stance on an MCP server.",
  valuesConfig: described<McpServerPolicy>({
    ALLOWED: "Reviewed and allowed in this tenant.",
    DENIED: "Reviewed and not allowed: its sightings are findings to act on.",
    UNREVIEWED: "Nobody has decided yet (every server starts here).",
  }),
});
registerEnumType(McpServerOrderField, {
  name: "McpServerOrderField",
  description: "Sort keys of MCP servers (the id always breaks ties).",
  valuesConfig: described<McpServerOrderField>({
    NAME: "The server's name (the package or endpoint for an unknown one).",
    FIRST_SEEN: "When the server was first seen in the tenant.",
    LAST_SEEN: "When the server was last seen in the tenant.",
  }),
});

@ObjectType("McpServer", {
  implements: Node,
  description:
    "An MCP server the tenant's agents run (a launch seen in process events) or connect to (network events, a bridge's URL). Unknown servers are named by their raw package, image, program or host; arguments and URLs are stored with secrets redacted.",
})
export class McpServerType extends Node {
  tenantId!: string;
  serverId!: string;

  @Field({
    description: "The catalog key, else `<npm|pypi|container|binary|script>:<package>` or `remote:<host>`.",
  })
  key!: string;

  @Field({ description: "Display name (the package or host for unknown servers)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Publisher, for catalog servers." })
  publisher!: string | null;

  @Field(() => McpTransport, { description: "How agents reach it." })
  transport!: McpTransport;

  @Field({
    description:
      "How it was last launched: NPX, BUNX, PNPM_DLX, YARN_DLX, NPM_EXEC, UVX, PIPX, PYTHON_MODULE, DOCKER, PODMAN, NODE, BINARY, or REMOTE (a direct connection).",
  })
  launcher!: string;

  @Field({ description: "NPM, PYPI, CONTAINER, BINARY, SCRIPT or REMOTE." })
  packageType!: string;

  @Field({ description: "Package, image, executable or script; host (and path) of a remote server." })
  packageName!: string;

  @Field({ description: "In the MCP catalog (docs/mcp-servers.md)." })
  known!: boolean;

  @Field(() => [String], {
    description:
      "What it can reach, for catalog servers: FILESYSTEM, SHELL, BROWSER, CLOUD, SOURCE_CONTROL, DATA, WEB.",
  })
  capabilities!: string[];

  @Field(() => McpServerPolicy, { description: "The tenant's policy (UNREVIEWED until set)." })
  policy!: McpServerPolicy;

  @Field(() => Int, { description: "Devices it is on now." })
  deviceCount!: number;

  @Field(() => Int, { description: "People it runs for now (sightings naming a person)." })
  userCount!: number;

  @Field(() => DateTimeScalar, { description: "When a sync first saw it in the tenant." })
  firstSeenAt!: Date;

  @Field(() => DateTimeScalar, { description: "When a sync last saw it." })
  lastSeenAt!: Date;
}

@ObjectType("McpServerSighting", { description: "One MCP server on one device, for one person and agent." })
export class McpServerSightingType {
  tenantId!: string;
  serverId!: string;
  deviceId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The agent whose process ran it (catalog key), when its host process names one.",
  })
  agentKey!: string | null;

  @Field(() => String, { nullable: true, description: "The host process (agent or IDE executable)." })
  hostProcess!: string | null;

  @Field(() => [String], { description: "PROCESS_EVENTS (a launch), NETWORK_EVENTS (a connection)." })
  evidence!: string[];

  @Field(() => String, {
    nullable: true,
    description: "Version the launch named (`@1.2.3`, `==1.2.3`, an image tag).",
  })
  version!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Launched at an exact version or digest; null where pinning does not apply.",
  })
  pinned!: boolean | null;

  @Field(() => String, { nullable: true, description: "A bridge's target URL (secrets redacted)." })
  remoteUrl!: string | null;

  @Field(() => String, { nullable: true, description: "The launch's arguments (secrets redacted)." })
  arguments!: string | null;

  @Field(() => DateTimeScalar, { description: "First launch or connection seen." })
  firstSeenAt!: Date;

  @Field(() => DateTimeScalar, { description: "Last launch or connection seen." })
  lastSeenAt!: Date;

  @Field({ description: "Global ID of the device." })
  deviceGlobalId!: string;

  @Field({ description: "Global ID of the server." })
  serverGlobalId!: string;
}

@ObjectType("McpConfigFile", {
  description:
    "An agent's MCP configuration file on a device and when it last changed: servers are configured there, even when none ran. Defender does not see what the file holds.",
})
export class McpConfigFileType {
  @Field({ description: "The agent whose configuration it is (catalog key)." })
  agentKey!: string;

  @Field({ description: "The file's path as Defender recorded it." })
  path!: string;

  @Field(() => DateTimeScalar, { description: "The newest write seen." })
  lastChangedAt!: Date;
}

export function toMcpConfigFileType(row: McpConfigFileRow): McpConfigFileType {
  return Object.assign(new McpConfigFileType(), {
    agentKey: row.agentKey,
    path: row.path,
    lastChangedAt: row.lastChangedAt,
  });
}

export const McpServerConnection = connectionType("McpServer", McpServerType);

@InputType({ description: "Which MCP servers to return." })
export class McpServerFilterInput {
  @Field(() => Boolean, {
    nullable: true,
    description: "Only catalog servers (true) or only unknown ones (false).",
  })
  known?: boolean | null;

  @Field(() => [McpServerPolicy], {
    nullable: true,
    description: "Only servers with one of these policies (e.g. DENIED, UNREVIEWED).",
  })
  policyIn?: McpServerPolicy[] | null;
}

@InputType({ description: "Sort key and direction of MCP servers." })
export class McpServerOrderInput {
  @Field(() => McpServerOrderField, { description: "Sort key." })
  field!: McpServerOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "ASC (default) or DESC." })
  direction?: OrderDirection | null;
}

export function toMcpServerType(tenantId: string, row: McpServerRow): McpServerType {
  return Object.assign(new McpServerType(), {
    ...row,
    id: toGlobalId("McpServer", tenantId, row.id),
    tenantId,
    serverId: row.id,
  });
}

export function toMcpSightingType(tenantId: string, row: McpSightingRow): McpServerSightingType {
  return Object.assign(new McpServerSightingType(), {
    ...row,
    tenantId,
    deviceGlobalId: toGlobalId("Device", tenantId, row.deviceId),
    serverGlobalId: toGlobalId("McpServer", tenantId, row.serverId),
  });
}
