/** MCP servers: tenant `mcpServers`, `Device.mcpServers`, `McpServer.sightings`, `setMcpServerPolicy`. */
import DataLoader from "dataloader";
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from "type-graphql";
import { McpServerPolicy } from "../../model/mcp-server.entity";
import { McpServerOrderField, OrderDirection } from "../../store";
import type { GraphQLContext } from "../context";
import { connectionCost } from "../cost";
import { fromGlobalId, ConnectionArgs, pageRequest, toConnection, type Connection } from "../relay";
import { DeviceType } from "../types/device.type";
import { InstallationType } from "../types/installation.type";
import {
  McpConfigFileType,
  McpServerConnection,
  McpServerFilterInput,
  McpServerOrderInput,
  McpServerSightingType,
  McpServerType,
  toMcpConfigFileType,
  toMcpServerType,
  toMcpSightingType,
} from "../types/mcp-server.type";
import { TenantType } from "../types/tenant.type";
import { payloadOf, UserError } from "../types/user-error";
import { registerNodeType } from "./node.resolver";
import { tenantKey } from "../loaders";
import type { McpConfigFileRow, McpSightingRow } from "../../store";

@ArgsType()
class McpServerListArgs extends ConnectionArgs {
  @Field(() => McpServerFilterInput, { nullable: true, description: "Which servers to return." })
  filter?: McpServerFilterInput | null;

  @Field(() => McpServerOrderInput, {
    nullable: true,
    description: "Sort key; the id breaks ties (default: by name).",
  })
  orderBy?: McpServerOrderInput | null;
}

@InputType({ description: "A tenant's stance on an MCP server." })
class SetMcpServerPolicyInput {
  @Field(() => ID, { description: "Global ID of the MCP server (it names its tenant)." })
  serverId!: string;

  @Field(() => McpServerPolicy, { description: "ALLOWED, DENIED or UNREVIEWED." })
  policy!: McpServerPolicy;
}

@ObjectType({ description: "Result of setMcpServerPolicy." })
class SetMcpServerPolicyPayload {
  @Field(() => McpServerType, { nullable: true, description: "The server, with the tenant's policy." })
  mcpServer!: McpServerType | null;

  @Field(() => [UserError], { description: "Why the policy was not set, if it was not." })
  userErrors!: UserError[];
}

type SightingParent = "serverId" | "deviceId" | "installationId";
type Batched = {
  sightings: Record<SightingParent, DataLoader<string, McpSightingRow[]>>;
  configFiles: DataLoader<string, McpConfigFileRow[]>;
};
const perRequest = new WeakMap<GraphQLContext, Batched>();

/** Groups `tenant:id` keys by tenant: one statement per relation and tenant for a whole page of parents. */
function batch<R>(
  fetch: (tenantId: string, ids: string[]) => Promise<R[]>,
  parentOf: (row: R) => string | null,
): DataLoader<string, R[]> {
  return new DataLoader<string, R[]>(async (keys) => {
    const byTenant = new Map<string, string[]>();
    for (const key of keys) {
      const [tenantId, id] = key.split(":");
      byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), id]);
    }
    const found = new Map<string, R[]>();
    for (const [tenantId, ids] of byTenant)
      for (const row of await fetch(tenantId, ids)) {
        const key = tenantKey(tenantId, parentOf(row) ?? "");
        found.set(key, [...(found.get(key) ?? []), row]);
      }
    return keys.map((key) => found.get(key) ?? []);
  });
}

/** The request's MCP loaders (they live as long as its context, and read with its caller). */
function mcpLoaders(ctx: GraphQLContext): Batched {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    const sightings = (by: SightingParent) =>
      batch(
        (tenantId, ids) => ctx.services.mcpServers.sightings(ctx.caller, tenantId, by, ids),
        (row) => row[by],
      );
    loaders = {
      sightings: {
        serverId: sightings("serverId"),
        deviceId: sightings("deviceId"),
        installationId: sightings("installationId"),
      },
      configFiles: batch(
        (tenantId, ids) => ctx.services.mcpServers.configFiles(ctx.caller, tenantId, ids),
        (row) => row.deviceId,
      ),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

registerNodeType("McpServer", async (ctx, id) => {
  if (!id.tenantId) return null;
  const [row] = await ctx.services.mcpServers.byIds(ctx.caller, id.tenantId, [id.key]);
  return row ? toMcpServerType(id.tenantId, row) : null;
});

@Resolver(() => TenantType)
export class TenantMcpServerResolver {
  @FieldResolver(() => McpServerConnection, {
    description:
      "MCP servers the tenant's agents run or connect to, with the devices and people running them now (docs/mcp-servers.md).",
    complexity: connectionCost,
  })
  async mcpServers(
    @Root() tenant: TenantType,
    @Args() args: McpServerListArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<McpServerType>> {
    const request = pageRequest(args);
    const page = await ctx.services.mcpServers.list(
      ctx.caller,
      tenant.tenantId,
      { known: args.filter?.known ?? undefined, policyIn: args.filter?.policyIn ?? undefined },
      {
        field: args.orderBy?.field ?? McpServerOrderField.NAME,
        direction: args.orderBy?.direction ?? OrderDirection.ASC,
      },
      request,
    );
    return toConnection(page, request, (row) => toMcpServerType(tenant.tenantId, row), page.total);
  }
}

@Resolver(() => McpServerType)
export class McpServerResolver {
  @FieldResolver(() => [McpServerSightingType], {
    description: "Where the server runs now: one sighting per device, person and agent.",
    complexity: 50,
  })
  async sightings(
    @Root() server: McpServerType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<McpServerSightingType[]> {
    const rows = await mcpLoaders(ctx).sightings.serverId.load(tenantKey(server.tenantId, server.serverId));
    return rows.map((row) => toMcpSightingType(server.tenantId, row));
  }

  @Mutation(() => SetMcpServerPolicyPayload, {
    description:
      "Sets the tenant's policy for an MCP server (ADMIN): ALLOWED, DENIED or UNREVIEWED; filterable on mcpServers.",
  })
  async setMcpServerPolicy(
    @Arg("input", () => SetMcpServerPolicyInput, { description: "The policy to set." })
    input: SetMcpServerPolicyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SetMcpServerPolicyPayload> {
    return payloadOf<SetMcpServerPolicyPayload>(
      async () => {
        const id = fromGlobalId(input.serverId);
        const named = id?.type === "McpServer" ? id : null;
        const { tenantId, server } = await ctx.services.mcpServers.setPolicy(
          ctx.caller,
          named?.tenantId ?? null,
          named?.key ?? null,
          input.policy,
        );
        return { mcpServer: toMcpServerType(tenantId, server), userErrors: [] };
      },
      (userErrors) => ({ mcpServer: null, userErrors }),
    );
  }
}

@Resolver(() => DeviceType)
export class DeviceMcpServerResolver {
  @FieldResolver(() => [McpServerSightingType], {
    description: "MCP servers running on this device now: one sighting per server, person and agent.",
    complexity: 50,
  })
  async mcpServers(@Root() device: DeviceType, @Ctx() ctx: GraphQLContext): Promise<McpServerSightingType[]> {
    const rows = await mcpLoaders(ctx).sightings.deviceId.load(tenantKey(device.tenantId, device.deviceId));
    return rows.map((row) => toMcpSightingType(device.tenantId, row));
  }

  @FieldResolver(() => [McpConfigFileType], {
    description: "Agents' MCP configuration files on this device, newest change first.",
    complexity: 50,
  })
  async mcpConfigFiles(@Root() device: DeviceType, @Ctx() ctx: GraphQLContext): Promise<McpConfigFileType[]> {
    const rows = await mcpLoaders(ctx).configFiles.load(tenantKey(device.tenantId, device.deviceId));
    return rows.map(toMcpConfigFileType);
  }
}

@Resolver(() => InstallationType)
export class InstallationMcpServerResolver {
  @FieldResolver(() => [McpServerSightingType], {
    description:
      "MCP servers this installation ran or connected to (its agent's process was the host), one sighting per server and person.",
    complexity: 50,
  })
  async mcpServers(
    @Root() installation: InstallationType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<McpServerSightingType[]> {
    const rows = await mcpLoaders(ctx).sightings.installationId.load(
      tenantKey(installation.tenantId, installation.installationId),
    );
    return rows.map((row) => toMcpSightingType(installation.tenantId, row));
  }
}
