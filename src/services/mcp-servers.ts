/** MCP servers of a tenant (VIEWER reads them) and its policy for each (ADMIN sets it; audited). */
import { requireRole, type Caller } from "../model/caller";
import { Role } from "../model/enums";
import { ErrorCode, FieldError } from "../model/errors";
import type { McpServerPolicy } from "../model/mcp-server.entity";
import type {
  McpConfigFileRow,
  McpServerFilter,
  McpServerOrderField,
  McpServerRow,
  McpSightingRow,
  OrderDirection,
  Page,
  PageRequest,
  Store,
} from "../store";
import type { TenantService } from "./tenants";

export class McpServerService {
  constructor(
    private readonly store: Store,
    private readonly tenants: TenantService,
  ) {}

  list(
    caller: Caller,
    tenantId: string,
    filter: McpServerFilter,
    order: { field: McpServerOrderField; direction: OrderDirection },
    request: PageRequest,
  ): Promise<Page<McpServerRow>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.mcpServers.list(tenantId, filter, order, request);
  }

  byIds(caller: Caller, tenantId: string, ids: readonly string[]): Promise<McpServerRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.mcpServers.byIds(tenantId, ids);
  }

  /** Present sightings of servers, devices or installations of the tenant. */
  sightings(
    caller: Caller,
    tenantId: string,
    by: "serverId" | "deviceId" | "installationId",
    ids: readonly string[],
  ): Promise<McpSightingRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.mcpServers.sightingsOf(tenantId, by, ids);
  }

  /** MCP config files on devices of the tenant. */
  configFiles(caller: Caller, tenantId: string, deviceIds: readonly string[]): Promise<McpConfigFileRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.mcpServers.configFilesOf(tenantId, deviceIds);
  }

  /** Sets the tenant's policy for one of its servers (ADMIN); audited in the same transaction. */
  async setPolicy(
    caller: Caller,
    tenantId: string | null,
    serverId: string | null,
    policy: McpServerPolicy,
  ): Promise<{ tenantId: string; server: McpServerRow }> {
    // The server's ID names its tenant: an unknown or invisible tenant is an unknown server.
    const tenant = await this.tenants.requireExisting(caller, tenantId, "serverId");
    requireRole(caller, tenant, Role.ADMIN);
    return this.store.transaction(async (tx) => {
      const updated = serverId ? await tx.mcpServers.setPolicy(tenant, serverId, policy) : false;
      if (!updated) throw new FieldError(ErrorCode.NOT_FOUND, "MCP server not found", "serverId");
      const [server] = await tx.mcpServers.byIds(tenant, [serverId!]);
      await tx.audit.write({
        tenantId: tenant,
        actorKeyId: caller.keyId,
        action: "mcpServerPolicy.set",
        details: { serverKey: server.key, policy },
        requestId: caller.requestId,
      });
      return { tenantId: tenant, server };
    });
  }
}
