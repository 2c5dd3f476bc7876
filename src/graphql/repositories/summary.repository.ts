/** Aggregates over a tenant's inventory for dashboards: counts by agent, category and OS; changes; coverage. */
import type { AgentCategory } from "../../model/enums";
import type { SqlExecutor } from "./sql";

export interface AgentCount {
  agentId: string;
  installations: number;
  devices: number;
  users: number;
}

export interface CategoryCount {
  category: AgentCategory;
  installations: number;
  devices: number;
}

export interface OsCount {
  osPlatform: string | null;
  installations: number;
  devices: number;
}

export interface Changes {
  installed: number;
  removed: number;
}

export interface Coverage {
  devices: number;
  devicesWithSoftwareData: number;
  devicesWithoutSoftwareData: number;
  devicesWithAgents: number;
}

const ACTIVE = `i.tenant_id = $1 AND i.status = 'ACTIVE'`;

export class SummaryRepository {
  constructor(private readonly db: SqlExecutor) {}

  byAgent(tenantId: string): Promise<AgentCount[]> {
    return this.db.rows(
      `SELECT i.agent_id AS "agentId", count(*)::int AS installations,
         count(DISTINCT i.device_id)::int AS devices, count(DISTINCT i.user_id)::int AS users
       FROM installation i WHERE ${ACTIVE} GROUP BY i.agent_id ORDER BY installations DESC, i.agent_id`,
      [tenantId],
    );
  }

  byCategory(tenantId: string): Promise<CategoryCount[]> {
    return this.db.rows(
      `SELECT a.category, count(*)::int AS installations, count(DISTINCT i.device_id)::int AS devices
       FROM installation i JOIN agent a ON a.id = i.agent_id
       WHERE ${ACTIVE} GROUP BY a.category ORDER BY installations DESC, a.category`,
      [tenantId],
    );
  }

  byOs(tenantId: string): Promise<OsCount[]> {
    return this.db.rows(
      `SELECT d.os_platform AS "osPlatform", count(*)::int AS installations, count(DISTINCT d.id)::int AS devices
       FROM installation i JOIN device d ON d.tenant_id = i.tenant_id AND d.id = i.device_id
       WHERE ${ACTIVE} GROUP BY d.os_platform ORDER BY installations DESC, d.os_platform NULLS LAST`,
      [tenantId],
    );
  }

  /** Installations first seen, and removed, in [since, until). */
  async changes(tenantId: string, since: Date, until: Date): Promise<Changes> {
    const [row] = await this.db.rows<Changes>(
      `SELECT
         (SELECT count(*)::int FROM installation i
            WHERE i.tenant_id = $1 AND i.first_seen_at >= $2 AND i.first_seen_at < $3) AS installed,
         (SELECT count(*)::int FROM installation i
            WHERE i.tenant_id = $1 AND i.removed_at >= $2 AND i.removed_at < $3) AS removed`,
      [tenantId, since, until],
    );
    return row;
  }

  async coverage(tenantId: string): Promise<Coverage> {
    const [row] = await this.db.rows<Coverage>(
      `SELECT count(*)::int AS devices,
         count(d.software_seen_at)::int AS "devicesWithSoftwareData",
         (count(*) - count(d.software_seen_at))::int AS "devicesWithoutSoftwareData",
         (SELECT count(DISTINCT i.device_id)::int FROM installation i WHERE ${ACTIVE}) AS "devicesWithAgents"
       FROM device d WHERE d.tenant_id = $1`,
      [tenantId],
    );
    return row;
  }
}
