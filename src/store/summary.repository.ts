/** Aggregates over a tenant's inventory for dashboards: counts by agent, category and OS; changes; coverage. */
import type { AgentCategory } from "../model/enums";
import type { Sql } from "./sql";

export interface AgentCount {
  agentId: string;
  installations: number;
  devices: number;
  users: number;
  /** The seat view: installations used in the last 7 and 30 days, and the people using them. */
  activeInstallations7: number;
  activeInstallations30: number;
  activeUsers7: number;
  activeUsers30: number;
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
/** Used in the last 7 days (activity ACTIVE), and in the last 30 (ACTIVE or IDLE): src/sync/activity.ts. */
const USED_7 = `i.activity = 'ACTIVE'`;
const USED_30 = `i.activity IN ('ACTIVE', 'IDLE')`;

/** Distinct (tenant, aggregate) entries kept per process; a deployment has far fewer tenants. */
const MAX_CACHED = 10_000;

/**
 * The aggregates over a whole inventory are a function of it alone, and it changes only in the
 * transactions that bump `tenant.inventory_version` (a sync's writes, a purge). So each is computed
 * once per version and process: a dashboard polled by many users costs a primary-key read per request
 * between syncs instead of a scan of the tenant's installations. Concurrent misses share one computation.
 */
class PerVersion {
  private readonly entries = new Map<string, { version: number; value: Promise<unknown> }>();

  /** `version` null (no such tenant, so no rows): computed, nothing worth keeping. */
  get<T>(tenantId: string, version: number | null, aggregate: string, compute: () => Promise<T>): Promise<T> {
    if (version === null) return compute();
    const key = `${tenantId}|${aggregate}`;
    const cached = this.entries.get(key);
    if (cached && cached.version === version) return cached.value as Promise<T>;
    if (this.entries.size >= MAX_CACHED) this.entries.clear();
    const value = compute();
    const entry = { version, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}

/** The whole-inventory aggregates take the tenant's `version` (see `version`), read once per request. */
export class SummaryRepository {
  private readonly cache = new PerVersion();

  constructor(private readonly db: Sql) {}

  /** The tenant's inventory version; null when there is no such tenant. */
  async version(tenantId: string): Promise<number | null> {
    const [row] = await this.db.rows<{ version: number }>(
      `SELECT inventory_version AS version FROM tenant WHERE id = $1`,
      [tenantId],
    );
    return row?.version ?? null;
  }

  byAgent(tenantId: string, version: number | null): Promise<AgentCount[]> {
    return this.cache.get(tenantId, version, "byAgent", () => this.computeByAgent(tenantId));
  }

  byCategory(tenantId: string, version: number | null): Promise<CategoryCount[]> {
    return this.cache.get(tenantId, version, "byCategory", () => this.computeByCategory(tenantId));
  }

  byOs(tenantId: string, version: number | null): Promise<OsCount[]> {
    return this.cache.get(tenantId, version, "byOs", () => this.computeByOs(tenantId));
  }

  coverage(tenantId: string, version: number | null): Promise<Coverage> {
    return this.cache.get(tenantId, version, "coverage", () => this.computeCoverage(tenantId));
  }

  private computeByAgent(tenantId: string): Promise<AgentCount[]> {
    return this.db.rows(
      `SELECT i.agent_id AS "agentId", count(*)::int AS installations,
         count(DISTINCT i.device_id)::int AS devices, count(DISTINCT i.user_id)::int AS users,
         count(*) FILTER (WHERE ${USED_7})::int AS "activeInstallations7",
         count(*) FILTER (WHERE ${USED_30})::int AS "activeInstallations30",
         count(DISTINCT i.user_id) FILTER (WHERE ${USED_7})::int AS "activeUsers7",
         count(DISTINCT i.user_id) FILTER (WHERE ${USED_30})::int AS "activeUsers30"
       FROM installation i WHERE ${ACTIVE} GROUP BY i.agent_id ORDER BY installations DESC, i.agent_id`,
      [tenantId],
    );
  }

  private computeByCategory(tenantId: string): Promise<CategoryCount[]> {
    return this.db.rows(
      `SELECT a.category, count(*)::int AS installations, count(DISTINCT i.device_id)::int AS devices
       FROM installation i JOIN agent a ON a.id = i.agent_id
       WHERE ${ACTIVE} GROUP BY a.category ORDER BY installations DESC, a.category`,
      [tenantId],
    );
  }

  private computeByOs(tenantId: string): Promise<OsCount[]> {
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

  /** Older duplicate records of re-onboarded hosts are one machine counted twice: they are left out. */
  private async computeCoverage(tenantId: string): Promise<Coverage> {
    const [row] = await this.db.rows<Coverage>(
      `SELECT count(*)::int AS devices,
         count(d.software_seen_at)::int AS "devicesWithSoftwareData",
         (count(*) - count(d.software_seen_at))::int AS "devicesWithoutSoftwareData",
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM installation i
           WHERE ${ACTIVE} AND i.device_id = d.id))::int AS "devicesWithAgents"
       FROM device d WHERE d.tenant_id = $1 AND NOT d.potential_duplicate`,
      [tenantId],
    );
    return row;
  }
}
