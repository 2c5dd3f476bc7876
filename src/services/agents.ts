/** The agent catalog (public to every caller) and each tenant's policies for agents (ADMIN sets them; audited). */
import { requireRole, type Caller } from "../model/caller";
import { Role, type AgentPolicyValue } from "../model/enums";
import { ErrorCode, FieldError } from "../model/errors";
import type { AgentPolicyRow, AgentRow, Store } from "../store";
import type { TenantService } from "./tenants";

export class AgentService {
  constructor(
    private readonly store: Store,
    private readonly tenants: TenantService,
  ) {}

  /** The whole catalog by name (cached process-wide: public data shared by every tenant). */
  catalog(): Promise<AgentRow[]> {
    return this.store.agents.all();
  }

  /** The agent from the cached catalog when the cache is warm, so a page of installations needs no promise. */
  cached(id: string): AgentRow | undefined {
    return this.store.agents.cached(id);
  }

  byIds(ids: readonly string[]): Promise<AgentRow[]> {
    return this.store.agents.byIds(ids);
  }

  /** The tenant's policies for these agents. */
  policies(caller: Caller, tenantId: string, agentIds: readonly string[]): Promise<AgentPolicyRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.agents.policies(tenantId, agentIds);
  }

  /**
   * Sets (or, with null, clears) the tenant's policy for an agent (ADMIN); audited. `agentId` null: the
   * argument names no agent. Returns the agent.
   */
  async setPolicy(
    caller: Caller,
    tenantId: string | null,
    agentId: string | null,
    policy: AgentPolicyValue | null,
    note: string | null,
  ): Promise<{ tenantId: string; agent: AgentRow }> {
    const tenant = await this.tenants.requireExisting(caller, tenantId);
    requireRole(caller, tenant, Role.ADMIN);
    const [agent] = agentId ? await this.store.agents.byIds([agentId]) : [];
    if (!agent) throw new FieldError(ErrorCode.NOT_FOUND, "Agent not found", "agentId");
    await this.store.agents.setPolicy(tenant, agent.id, policy, note);
    await this.store.audit.write({
      tenantId: tenant,
      actorKeyId: caller.keyId,
      action: "agentPolicy.set",
      details: { agentKey: agent.key, policy },
      requestId: caller.requestId,
    });
    return { tenantId: tenant, agent };
  }
}
