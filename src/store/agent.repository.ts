/**
 * The agent catalog (shared by all tenants: mirrored from the detection catalog at start) and each
 * tenant's policies for agents.
 */
import type { Agent } from "../model/agent.entity";
import type { AgentCategory, AgentPolicyValue } from "../model/enums";
import type { Sql } from "./sql";

export type AgentRow = Agent;

/** A catalog entry as the agent table keeps it. */
export interface CatalogEntry {
  key: string;
  name: string;
  vendor: string;
  category: `${AgentCategory}`;
}

const SELECT = `a.id, a.key, a.name, a.vendor, a.category, a.catalog_version AS "catalogVersion"`;

/** The catalog changes only when a process starts with a new one; a minute of staleness is harmless. */
const CATALOG_TTL_MS = 60_000;

/** A tenant's policy for an agent, with the note its ADMIN gave. */
export interface AgentPolicyRow {
  agentId: string;
  policy: AgentPolicyValue;
  note: string | null;
}

export class AgentRepository {
  private catalog: { rows: AgentRow[]; byId: Map<string, AgentRow>; expires: number } | undefined;
  private loading: Promise<AgentRow[]> | undefined;

  constructor(
    private readonly db: Sql,
    private readonly now: () => number = Date.now,
  ) {}

  /** The whole catalog by name, cached process-wide: it is public data shared by every tenant. */
  async all(): Promise<AgentRow[]> {
    if (this.catalog && this.catalog.expires > this.now()) return this.catalog.rows;
    this.loading ??= this.db
      .rows<AgentRow>(`SELECT ${SELECT} FROM agent a ORDER BY a.name, a.id`, [])
      .then((rows) => {
        this.catalog = {
          rows,
          byId: new Map(rows.map((r) => [r.id, r])),
          expires: this.now() + CATALOG_TTL_MS,
        };
        return rows;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** The agent from the cached catalog, when the cache is warm; lets resolvers answer without a promise. */
  cached(id: string): AgentRow | undefined {
    return this.catalog && this.catalog.expires > this.now() ? this.catalog.byId.get(id) : undefined;
  }

  async byIds(ids: readonly string[]): Promise<AgentRow[]> {
    await this.all();
    return ids.flatMap((id) => this.catalog?.byId.get(id) ?? []);
  }

  policies(tenantId: string, agentIds: readonly string[]): Promise<AgentPolicyRow[]> {
    return this.db.rows(
      `SELECT agent_id AS "agentId", policy, note FROM agent_policy WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[])`,
      [tenantId, agentIds],
    );
  }

  /** Sets (or, with null, clears) the tenant's policy for an agent. */
  async setPolicy(tenantId: string, agentId: string, policy: AgentPolicyValue | null, note: string | null) {
    if (policy === null) {
      await this.db.execute(`DELETE FROM agent_policy WHERE tenant_id = $1 AND agent_id = $2`, [
        tenantId,
        agentId,
      ]);
      return;
    }
    await this.db.execute(
      `INSERT INTO agent_policy (tenant_id, agent_id, policy, note, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (tenant_id, agent_id) DO UPDATE SET policy = EXCLUDED.policy, note = EXCLUDED.note, updated_at = now()`,
      [tenantId, agentId, policy, note],
    );
  }

  /** Mirrors the detection catalog into the agent table (at start), so installations can reference agents. */
  async upsertCatalog(entries: readonly CatalogEntry[], catalogVersion: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO agent (key, name, vendor, category, catalog_version)
       SELECT x.key, x.name, x.vendor, x.category::agent_category, $5
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(key, name, vendor, category)
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, vendor = EXCLUDED.vendor,
         category = EXCLUDED.category, catalog_version = EXCLUDED.catalog_version`,
      [
        entries.map((e) => e.key),
        entries.map((e) => e.name),
        entries.map((e) => e.vendor),
        entries.map((e) => e.category),
        catalogVersion,
      ],
    );
  }
}
