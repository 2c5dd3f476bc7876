/**
 * MCP servers of a tenant, their sightings per device, person and agent installation, and the change
 * feed of servers appearing and disappearing. A sync writes all three in its one write transaction.
 */
import { McpServerPolicy, type McpTransport } from "../model/mcp-server.entity";
import { batches } from "./batches";
import { OrderDirection, Params } from "./filters";
import type { PageRequest } from "./keyset";
import { fetchPage, type Page } from "./page";
import type { Sql } from "./sql";
import { enqueueMcpServerFirstSeen } from "./webhook.repository";

/** A server as a sync saw it (all text already redacted). */
export interface McpServerWrite {
  key: string;
  name: string;
  publisher: string | null;
  transport: McpTransport;
  launcher: string;
  packageType: string;
  packageName: string;
  known: boolean;
  capabilities: string[];
}

export interface McpSightingWrite {
  serverKey: string;
  deviceId: string;
  userId: string | null;
  agentKey: string | null;
  hostProcess: string | null;
  evidence: string[];
  version: string | null;
  pinned: boolean | null;
  remoteUrl: string | null;
  arguments: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** A sighting's natural key (`mcp_server_sighting.sighting_key`): one row per server, device, person and agent. */
export function mcpSightingKey(
  s: Pick<McpSightingWrite, "serverKey" | "deviceId" | "userId" | "agentKey">,
): string {
  return `${s.serverKey}|${s.deviceId}|${s.userId ?? ""}|${s.agentKey ?? ""}`;
}

export interface McpServerRow extends McpServerWrite {
  id: string;
  policy: McpServerPolicy;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deviceCount: number;
  userCount: number;
}

/** A stored sighting: what the sync wrote, keyed by its server's row id and tied to an installation when known. */
export interface McpSightingRow extends Omit<McpSightingWrite, "serverKey"> {
  id: string;
  serverId: string;
  installationId: string | null;
}

export interface McpConfigFileWrite {
  deviceId: string;
  userId: string | null;
  agentKey: string;
  path: string;
  lastChangedAt: Date;
  deleted: boolean;
}

export interface McpConfigFileRow {
  deviceId: string;
  userId: string | null;
  agentKey: string;
  path: string;
  lastChangedAt: Date;
}

export interface McpServerFilter {
  known?: boolean;
  policyIn?: McpServerPolicy[];
}

export enum McpServerOrderField {
  NAME = "NAME",
  FIRST_SEEN = "FIRST_SEEN",
  LAST_SEEN = "LAST_SEEN",
}

const SERVER_SELECT =
  `s.id, s.key, s.name, s.publisher, s.transport, s.launcher, s.package_type AS "packageType",` +
  ` s.package_name AS "packageName", s.known, s.capabilities, s.policy, s.first_seen_at AS "firstSeenAt",` +
  ` s.last_seen_at AS "lastSeenAt",` +
  ` (SELECT count(DISTINCT g.device_id)::int FROM mcp_server_sighting g WHERE g.tenant_id = s.tenant_id AND g.server_id = s.id AND g.removed_at IS NULL) AS "deviceCount",` +
  ` (SELECT count(DISTINCT g.user_id)::int FROM mcp_server_sighting g WHERE g.tenant_id = s.tenant_id AND g.server_id = s.id AND g.removed_at IS NULL) AS "userCount"`;

const SIGHTING_SELECT =
  `g.id, g.server_id AS "serverId", g.device_id AS "deviceId", g.user_id AS "userId", g.installation_id AS "installationId",` +
  ` g.agent_key AS "agentKey", g.host_process AS "hostProcess", g.evidence, g.version, g.pinned, g.remote_url AS "remoteUrl",` +
  ` g.arguments, g.first_seen_at AS "firstSeenAt", g.last_seen_at AS "lastSeenAt"`;

const ORDER: Record<McpServerOrderField, { expr: string; field: string; kind: "text" | "timestamp" }> = {
  NAME: { expr: "s.name", field: "name", kind: "text" },
  FIRST_SEEN: { expr: "s.first_seen_at", field: "firstSeenAt", kind: "timestamp" },
  LAST_SEEN: { expr: "s.last_seen_at", field: "lastSeenAt", kind: "timestamp" },
};

export class McpServerRepository {
  constructor(private readonly db: Sql) {}

  /**
   * Writes one sync's servers and sightings: new sightings (and ones seen again after they disappeared)
   * become FIRST_SEEN events, with their webhook outbox rows (store/webhook.repository.ts); with `removeUnseen` (a complete full read of the window), present sightings
   * this sync did not see disappear, each a DISAPPEARED event.
   */
  async writeSync(
    tenantId: string,
    servers: McpServerWrite[],
    sightings: Iterable<McpSightingWrite>,
    options: { now: Date; syncRunId: string; removeUnseen: boolean },
  ): Promise<{ appeared: number; disappeared: number }> {
    const { now, syncRunId } = options;
    const ids = new Map<string, string>();
    if (servers.length) {
      const rows = await this.db.rows<{ id: string; key: string }>(
        `INSERT INTO mcp_server (tenant_id, key, name, publisher, transport, launcher, package_type, package_name, known,
           capabilities, first_seen_at, last_seen_at)
         SELECT $1, x.key, x.name, x.publisher, x.transport::mcp_transport, x.launcher, x.package_type, x.package_name, x.known,
           string_to_array(x.capabilities, ',')::text[], $11, $11
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::text[])
           AS x(key, name, publisher, transport, launcher, package_type, package_name, known, capabilities)
         ON CONFLICT (tenant_id, key) DO UPDATE SET name = EXCLUDED.name, publisher = EXCLUDED.publisher,
           transport = EXCLUDED.transport, launcher = EXCLUDED.launcher, package_type = EXCLUDED.package_type,
           package_name = EXCLUDED.package_name, known = EXCLUDED.known, capabilities = EXCLUDED.capabilities,
           last_seen_at = EXCLUDED.last_seen_at
         RETURNING id, key`,
        [
          tenantId,
          servers.map((s) => s.key),
          servers.map((s) => s.name),
          servers.map((s) => s.publisher),
          servers.map((s) => s.transport),
          servers.map((s) => s.launcher),
          servers.map((s) => s.packageType),
          servers.map((s) => s.packageName),
          servers.map((s) => s.known),
          servers.map((s) => s.capabilities.join(",")),
          now,
        ],
      );
      for (const row of rows) ids.set(row.key, row.id);
    }
    let appeared = 0;
    // In slices (store/batches.ts): a large fleet's sightings are taken from the sync as they are written.
    for (const batch of batches(sightings)) {
      // New sightings, and ones that had disappeared, are FIRST_SEEN; the upsert then marks them present.
      const firstSeen = await this.db.rows<{ id: string }>(
        `WITH x AS (
           SELECT * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
             $9::text[], $10::boolean[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[])
             AS x(sighting_key, server_id, device_id, user_id, agent_key, host_process, evidence, version, pinned,
               remote_url, arguments, first_seen_at, last_seen_at)
         ), prior AS (
           SELECT g.sighting_key, g.removed_at FROM mcp_server_sighting g
           WHERE g.tenant_id = $1 AND g.sighting_key = ANY($2::text[])
         ), upserted AS (
           INSERT INTO mcp_server_sighting (tenant_id, sighting_key, server_id, device_id, user_id, installation_id, agent_key,
             host_process, evidence, version, pinned, remote_url, arguments, first_seen_at, last_seen_at, removed_at, last_sync_at)
           SELECT $1, x.sighting_key, x.server_id, x.device_id, x.user_id,
             (SELECT i.id FROM installation i JOIN agent a ON a.id = i.agent_id
               WHERE i.tenant_id = $1 AND i.device_id = x.device_id AND a.key = x.agent_key AND i.status <> 'REMOVED'
               ORDER BY (i.user_id IS NOT DISTINCT FROM x.user_id) DESC, i.id LIMIT 1),
             x.agent_key, x.host_process, string_to_array(x.evidence, ',')::text[], x.version, x.pinned, x.remote_url,
             x.arguments, x.first_seen_at, x.last_seen_at, NULL, $15
           FROM x
           ON CONFLICT (tenant_id, sighting_key) DO UPDATE SET
             installation_id = coalesce(EXCLUDED.installation_id, mcp_server_sighting.installation_id),
             host_process = EXCLUDED.host_process,
             evidence = ARRAY(SELECT DISTINCT unnest(mcp_server_sighting.evidence || EXCLUDED.evidence) ORDER BY 1),
             version = coalesce(EXCLUDED.version, mcp_server_sighting.version), pinned = EXCLUDED.pinned,
             remote_url = EXCLUDED.remote_url, arguments = EXCLUDED.arguments,
             first_seen_at = least(mcp_server_sighting.first_seen_at, EXCLUDED.first_seen_at),
             last_seen_at = greatest(mcp_server_sighting.last_seen_at, EXCLUDED.last_seen_at),
             removed_at = NULL, last_sync_at = EXCLUDED.last_sync_at
           RETURNING id, sighting_key, server_id, device_id, installation_id
         )
         INSERT INTO mcp_server_event (tenant_id, server_id, sighting_id, device_id, installation_id, type, occurred_at, sync_run_id)
         SELECT $1, u.server_id, u.id, u.device_id, u.installation_id, 'FIRST_SEEN', $15, $16
         FROM upserted u LEFT JOIN prior p ON p.sighting_key = u.sighting_key
         WHERE p.sighting_key IS NULL OR p.removed_at IS NOT NULL
         RETURNING id`,
        [
          tenantId,
          batch.map(mcpSightingKey),
          batch.map((s) => ids.get(s.serverKey)),
          batch.map((s) => s.deviceId),
          batch.map((s) => s.userId),
          batch.map((s) => s.agentKey),
          batch.map((s) => s.hostProcess),
          batch.map((s) => s.evidence.join(",")),
          batch.map((s) => s.version),
          batch.map((s) => s.pinned),
          batch.map((s) => s.remoteUrl),
          batch.map((s) => s.arguments),
          batch.map((s) => s.firstSeenAt),
          batch.map((s) => s.lastSeenAt),
          now,
          syncRunId,
        ],
      );
      appeared += firstSeen.length;
      await enqueueMcpServerFirstSeen(
        this.db,
        tenantId,
        firstSeen.map((e) => e.id),
      );
    }
    let disappeared = 0;
    if (options.removeUnseen)
      disappeared = await this.db.execute(
        `WITH gone AS (
           UPDATE mcp_server_sighting SET removed_at = $2
           WHERE tenant_id = $1 AND removed_at IS NULL AND last_sync_at < $2
           RETURNING id, server_id, device_id, installation_id
         )
         INSERT INTO mcp_server_event (tenant_id, server_id, sighting_id, device_id, installation_id, type, occurred_at, sync_run_id)
         SELECT $1, server_id, id, device_id, installation_id, 'DISAPPEARED', $2, $3 FROM gone`,
        [tenantId, now, syncRunId],
      );
    return { appeared, disappeared };
  }

  /** The tenant's servers with the devices and people running them now. */
  list(
    tenantId: string,
    filter: McpServerFilter,
    order: { field: McpServerOrderField; direction: OrderDirection },
    request: PageRequest,
  ): Promise<Page<McpServerRow>> {
    const params = new Params();
    const where = [`s.tenant_id = ${params.add(tenantId)}`];
    if (filter.known !== undefined) where.push(`s.known = ${params.add(filter.known)}`);
    if (filter.policyIn?.length)
      where.push(`s.policy = ANY(${params.add(filter.policyIn)}::mcp_server_policy[])`);
    const sort = ORDER[order.field];
    const desc = order.direction === OrderDirection.DESC;
    return fetchPage<McpServerRow>(
      this.db,
      {
        select: SERVER_SELECT,
        from: "mcp_server s",
        where,
        params,
        keys: [
          { expr: sort.expr, kind: sort.kind, nullable: false, desc },
          { expr: "s.id", kind: "uuid", nullable: false, desc },
        ],
        fields: [sort.field, "id"],
      },
      request,
    );
  }

  async byIds(tenantId: string, ids: readonly string[]): Promise<McpServerRow[]> {
    return this.db.rows<McpServerRow>(
      `SELECT ${SERVER_SELECT} FROM mcp_server s WHERE s.tenant_id = $1 AND s.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  /** Present sightings of the given servers, devices or installations (one statement per relation and page). */
  async sightingsOf(
    tenantId: string,
    by: "serverId" | "deviceId" | "installationId",
    ids: readonly string[],
  ): Promise<McpSightingRow[]> {
    const column = { serverId: "server_id", deviceId: "device_id", installationId: "installation_id" }[by];
    return this.db.rows<McpSightingRow>(
      `SELECT ${SIGHTING_SELECT} FROM mcp_server_sighting g
       WHERE g.tenant_id = $1 AND g.${column} = ANY($2::uuid[]) AND g.removed_at IS NULL
       ORDER BY g.last_seen_at DESC, g.id`,
      [tenantId, ids],
    );
  }

  /** Sets the tenant's policy for a server; false when the tenant has no such server. */
  async setPolicy(tenantId: string, serverId: string, policy: McpServerPolicy): Promise<boolean> {
    return (
      (await this.db.execute(`UPDATE mcp_server SET policy = $3 WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        serverId,
        policy,
      ])) > 0
    );
  }

  /**
   * Records MCP config files as a sync saw them: the newest change wins; a deletion newer than every
   * stored change removes the file. Files nobody changed inside the window stay as they were stored.
   */
  async writeConfigFiles(tenantId: string, files: McpConfigFileWrite[]): Promise<void> {
    const rows = `unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::boolean[])
      AS x(device_id, user_id, agent_key, path, last_changed_at, deleted)`;
    for (const batch of batches(files)) {
      const values = [
        tenantId,
        batch.map((f) => f.deviceId),
        batch.map((f) => f.userId),
        batch.map((f) => f.agentKey),
        batch.map((f) => f.path),
        batch.map((f) => f.lastChangedAt),
        batch.map((f) => f.deleted),
      ];
      await this.db.execute(
        `INSERT INTO mcp_config_file (tenant_id, device_id, user_id, agent_key, path, last_changed_at)
         SELECT $1, x.device_id, x.user_id, x.agent_key, x.path, x.last_changed_at FROM ${rows} WHERE NOT x.deleted
         ON CONFLICT (tenant_id, device_id, path) DO UPDATE SET
           user_id = coalesce(EXCLUDED.user_id, mcp_config_file.user_id), agent_key = EXCLUDED.agent_key,
           last_changed_at = greatest(mcp_config_file.last_changed_at, EXCLUDED.last_changed_at)`,
        values,
      );
      await this.db.execute(
        `DELETE FROM mcp_config_file f USING ${rows}
         WHERE f.tenant_id = $1 AND x.deleted AND f.device_id = x.device_id AND f.path = x.path
           AND f.last_changed_at < x.last_changed_at`,
        values,
      );
    }
  }

  /** The MCP config files on the given devices. */
  configFilesOf(tenantId: string, deviceIds: readonly string[]): Promise<McpConfigFileRow[]> {
    return this.db.rows<McpConfigFileRow>(
      `SELECT f.device_id AS "deviceId", f.user_id AS "userId", f.agent_key AS "agentKey", f.path,
         f.last_changed_at AS "lastChangedAt"
       FROM mcp_config_file f WHERE f.tenant_id = $1 AND f.device_id = ANY($2::uuid[])
       ORDER BY f.last_changed_at DESC, f.path`,
      [tenantId, deviceIds],
    );
  }
}
