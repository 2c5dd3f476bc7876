/** The agent catalog (shared by all tenants) and each tenant's policies for agents. */
import type { Agent } from "../../model/agent.entity";
import type { AgentPolicyValue } from "../../model/enums";
import type { SqlExecutor } from "./sql";

export type AgentRow = Agent;

const SELECT = `a.id, a.key, a.name, a.vendor, a.category, a.catalog_version AS "catalogVersion"`;

export class AgentRepository {
  constructor(private readonly db: SqlExecutor) {}

  all(): Promise<AgentRow[]> {
    return this.db.rows(`SELECT ${SELECT} FROM agent a ORDER BY a.name, a.id`, []);
  }

  byIds(ids: readonly string[]): Promise<AgentRow[]> {
    return this.db.rows(`SELECT ${SELECT} FROM agent a WHERE a.id = ANY($1::uuid[])`, [ids]);
  }

  policies(
    tenantId: string,
    agentIds: readonly string[],
  ): Promise<Array<{ agentId: string; policy: AgentPolicyValue }>> {
    return this.db.rows(
      `SELECT agent_id AS "agentId", policy FROM agent_policy WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[])`,
      [tenantId, agentIds],
    );
  }

  /** Sets (or, with null, clears) the tenant's policy for an agent. */
  async setPolicy(tenantId: string, agentId: string, policy: AgentPolicyValue | null, note: string | null) {
    if (policy === null) {
      await this.db.rows(`DELETE FROM agent_policy WHERE tenant_id = $1 AND agent_id = $2`, [
        tenantId,
        agentId,
      ]);
      return;
    }
    await this.db.rows(
      `INSERT INTO agent_policy (tenant_id, agent_id, policy, note, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (tenant_id, agent_id) DO UPDATE SET policy = EXCLUDED.policy, note = EXCLUDED.note, updated_at = now()`,
      [tenantId, agentId, policy, note],
    );
  }
}
