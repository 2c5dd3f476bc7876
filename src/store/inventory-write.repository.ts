/**
 * A sync's reads and writes of one tenant's inventory: set-based upserts (`INSERT … SELECT FROM
 * unnest(…)`, or `json_to_recordset(…)` for installations, `ON CONFLICT …`) in batches, all in the
 * sync's one transaction so a failed sync writes nothing. Every statement names the tenant.
 */
import type { InstallationEventType } from "../model/enums";
import type { Installation } from "../model/installation.entity";
import { batches } from "./batches";
import type { Sql } from "./sql";
import { enqueueInstallationEvents } from "./webhook.repository";

/** The tables a sync writes, in the one order they are analyzed (concurrent syncs lock them alike). */
const INVENTORY_TABLES = ["device", "user_account", "device_user", "installation", "installation_event"];
/** PostgreSQL's default autovacuum analyze threshold and scale factor. */
const ANALYZE_BASE_ROWS = 50;
const ANALYZE_SCALE = 0.1;

/**
 * What a device row keeps of a Defender machine (Defender's field names); times as epoch milliseconds
 * (a Date costs 96 bytes).
 */
export interface MachineRow {
  id: string;
  computerDnsName: string | null;
  osPlatform: string | null;
  osVersion: string | null;
  healthStatus: string | null;
  onboardingStatus: string | null;
  rbacGroupId: string | null;
  rbacGroupName: string | null;
  machineTags: string[];
  aadDeviceId: string | null;
  firstSeen: number | null;
  lastSeen: number | null;
  /** An older record of a host onboarded again (flagged or merged by Defender). */
  potentialDuplicate: boolean;
  /** The Defender id (lowercase) of the record this one was merged into. */
  mergedInto: string | null;
}

/** A stored device as a sync resolves detections against it; `lastSeen` in epoch ms. */
export interface StoredDevice {
  id: string;
  defenderId: string;
  aadDeviceId: string | null;
  name: string;
  potentialDuplicate: boolean;
  stale: boolean;
  lastSeen: number | null;
}

/** A stored person, as resolving identities needs it. */
export interface StoredUser {
  id: string;
  identityKey: string;
  upn: string | null;
  accountName: string | null;
  accountDomain: string | null;
  sid: string | null;
}

/** A person seen in a sync, to store under its identity key. */
export type UserWrite = Omit<StoredUser, "id"> & { aadObjectId: string | null };

/** Activity columns: settled on their own (src/sync/activity.ts), not by reconciliation. */
type ActivityColumns = "activity" | "lastUsedAt" | "activeDays" | "activeDays7" | "activeDays30";

/** An installation's state as stored: what reconciliation reads, and writes back. */
export type InstallationState = Omit<Installation, "tenantId" | "createdAt" | "updatedAt" | ActivityColumns>;

/** An installation's activity as stored, with its natural key; `activeDays` as 'YYYY-MM-DD'. */
export type InstallationActivityState = Pick<
  Installation,
  "id" | "deviceId" | "agentId" | "userId" | "channel" | ActivityColumns
>;

/** New activity of one installation. */
export type ActivityWrite = Pick<Installation, "id" | ActivityColumns>;

/** Who an active stored installation belongs to. */
export type InstallationOwner = Pick<InstallationState, "deviceId" | "agentId" | "channel" | "userId">;

/** A change-feed event to append. */
export interface EventWrite {
  installationId: string;
  type: InstallationEventType;
  fromVersion: string | null;
  toVersion: string | null;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A batch of installations as rows, from the batch's JSON (`$2`). One native JSON.stringify replaces a
 * dozen per-column arrays that pg would escape value by value into array literals: at 150,000 rows that
 * work, and its garbage in a tight heap, cost more than the inserts themselves.
 */
const INSTALLATION_RECORDS = `json_to_recordset($2::json) AS x(id uuid, "deviceId" uuid, "agentId" uuid,
  "userId" uuid, channel installation_channel, "hostIdes" text[], version text, status installation_status,
  "firstSeenAt" timestamptz, "lastSeenAt" timestamptz, "removedAt" timestamptz, evidence jsonb)`;

const iso = (d: Date | number | null) => (d === null ? null : new Date(d).toISOString());

/**
 * A PostgreSQL array literal for one row's text[] column: unnest cannot take ragged 2-D arrays, so
 * each row passes its list as text and SQL casts it (cheaper than a subquery per row).
 */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

export class InventoryWriter {
  constructor(
    private readonly db: Sql,
    private readonly tenantId: string,
  ) {}

  /**
   * Upserts machines; a device Defender has not seen for `staleDays` becomes stale, one seen again
   * stops being stale or missing. Rows that did not change are not written.
   */
  async upsertDevices(
    machines: MachineRow[],
    now: Date,
    staleDays: number,
    softwareSeen: ReadonlySet<string>,
  ): Promise<void> {
    const staleBefore = new Date(now.getTime() - staleDays * 86_400_000);
    for (const batch of batches(machines)) {
      await this.db.execute(
        `INSERT INTO device AS d (tenant_id, defender_id, name, os_platform, os_version, health_status,
                onboarding_status, rbac_group_id, rbac_group_name, tags, aad_device_id, first_seen_at,
                last_seen_at, stale_since, software_seen_at, potential_duplicate)
         SELECT $1, m.defender_id, left(m.name, 300), left(m.os_platform, 100), left(m.os_version, 100),
                left(m.health_status, 100), left(m.onboarding_status, 100), left(m.rbac_group_id, 100),
                left(m.rbac_group_name, 300), m.tags::text[], m.aad_device_id, m.first_seen_at, m.last_seen_at,
                CASE WHEN m.last_seen_at < $14 THEN $15::timestamptz END,
                CASE WHEN m.software_seen THEN $15::timestamptz END, m.potential_duplicate
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::uuid[], $12::timestamptz[], $13::timestamptz[], $16::bool[],
                     $17::bool[])
              AS m(defender_id, name, os_platform, os_version, health_status, onboarding_status,
                   rbac_group_id, rbac_group_name, tags, aad_device_id, first_seen_at, last_seen_at, software_seen,
                   potential_duplicate)
         ON CONFLICT (tenant_id, defender_id) DO UPDATE SET
           name = EXCLUDED.name, os_platform = EXCLUDED.os_platform, os_version = EXCLUDED.os_version,
           health_status = EXCLUDED.health_status, onboarding_status = EXCLUDED.onboarding_status,
           rbac_group_id = EXCLUDED.rbac_group_id, rbac_group_name = EXCLUDED.rbac_group_name,
           tags = EXCLUDED.tags, aad_device_id = EXCLUDED.aad_device_id,
           first_seen_at = EXCLUDED.first_seen_at, last_seen_at = EXCLUDED.last_seen_at,
           stale_since = CASE WHEN EXCLUDED.stale_since IS NULL THEN NULL
                              ELSE coalesce(d.stale_since, EXCLUDED.stale_since) END,
           missing_since = NULL, software_seen_at = coalesce(EXCLUDED.software_seen_at, d.software_seen_at),
           potential_duplicate = EXCLUDED.potential_duplicate, updated_at = now()
         WHERE (d.name, d.os_platform, d.os_version, d.health_status, d.onboarding_status, d.rbac_group_id,
                d.rbac_group_name, d.tags, d.aad_device_id, d.first_seen_at, d.last_seen_at,
                d.stale_since IS NULL, d.missing_since, d.software_seen_at, d.potential_duplicate)
           IS DISTINCT FROM
               (EXCLUDED.name, EXCLUDED.os_platform, EXCLUDED.os_version, EXCLUDED.health_status,
                EXCLUDED.onboarding_status, EXCLUDED.rbac_group_id, EXCLUDED.rbac_group_name, EXCLUDED.tags,
                EXCLUDED.aad_device_id, EXCLUDED.first_seen_at, EXCLUDED.last_seen_at,
                EXCLUDED.stale_since IS NULL, NULL::timestamptz,
                coalesce(EXCLUDED.software_seen_at, d.software_seen_at), EXCLUDED.potential_duplicate)`,
        [
          this.tenantId,
          batch.map((m) => m.id.toLowerCase()),
          batch.map((m) => m.computerDnsName ?? m.id),
          batch.map((m) => m.osPlatform),
          batch.map((m) => m.osVersion),
          batch.map((m) => m.healthStatus),
          batch.map((m) => m.onboardingStatus),
          batch.map((m) => m.rbacGroupId),
          batch.map((m) => m.rbacGroupName),
          batch.map((m) => textArray(m.machineTags)),
          batch.map((m) => (m.aadDeviceId && UUID.test(m.aadDeviceId) ? m.aadDeviceId : null)),
          batch.map((m) => iso(m.firstSeen)),
          batch.map((m) => iso(m.lastSeen)),
          staleBefore.toISOString(),
          now.toISOString(),
          batch.map((m) => softwareSeen.has(m.id.toLowerCase())),
          batch.map((m) => m.potentialDuplicate),
        ],
      );
    }
  }

  /**
   * After a complete machine list: devices not in it are missing (and stale), never deleted. `<> ALL` of
   * the array is a hashed lookup (PostgreSQL 15+); an anti-join with `unnest` was planned as a nested
   * loop when the device table's statistics predated this sync's inserts: quadratic, 19 s at 20,000.
   */
  async markMissingDevices(listedDefenderIds: string[], now: Date): Promise<void> {
    await this.db.execute(
      `UPDATE device AS d SET missing_since = $3, stale_since = coalesce(d.stale_since, $3), updated_at = now()
       WHERE d.tenant_id = $1 AND d.missing_since IS NULL AND d.defender_id <> ALL($2::text[])`,
      [this.tenantId, listedDefenderIds, now.toISOString()],
    );
  }

  /** Read in the shape the sync takes (no second copy of 100,000 rows); `lastSeen` in epoch ms. */
  devices(): Promise<StoredDevice[]> {
    return this.db.rows(
      `SELECT id, defender_id AS "defenderId", aad_device_id AS "aadDeviceId", name,
              potential_duplicate AS "potentialDuplicate", stale_since IS NOT NULL AS stale,
              (extract(epoch FROM last_seen_at) * 1000)::float8 AS "lastSeen"
       FROM device WHERE tenant_id = $1`,
      [this.tenantId],
    );
  }

  /**
   * Folds stored devices Defender merged into others (`merged` → `into`, Defender ids) into them: their
   * installations and people move to the surviving device (an installation it already has keeps its
   * row, with the earlier first-seen time and the other's events), then the merged row goes. Rows are
   * looked up by id lists and paired here: within the sync's transaction the planner's statistics
   * predate the devices just written, and a self-join on them was planned as a cross product.
   */
  async mergeDevices(merges: { merged: string; into: string }[]): Promise<void> {
    if (!merges.length) return;
    const found = await this.db.rows<{ id: string; defenderId: string }>(
      `SELECT id, defender_id AS "defenderId" FROM device WHERE tenant_id = $1 AND defender_id = ANY($2::text[])`,
      [this.tenantId, merges.flatMap((m) => [m.merged, m.into])],
    );
    const idOf = new Map(found.map((d) => [d.defenderId, d.id]));
    const survivorOf = new Map<string, string>();
    for (const { merged, into } of merges) {
      const [from, to] = [idOf.get(merged), idOf.get(into)];
      if (from && to && from !== to) survivorOf.set(from, to);
    }
    if (!survivorOf.size) return;
    const [merged, survivors] = [[...survivorOf.keys()], [...survivorOf.values()]];
    const installations = await this.db.rows<InstallationOwner & { id: string; firstSeenAt: Date }>(
      `SELECT id, device_id AS "deviceId", agent_id AS "agentId", user_id AS "userId", channel,
              first_seen_at AS "firstSeenAt"
       FROM installation WHERE tenant_id = $1 AND device_id = ANY($2::uuid[])`,
      [this.tenantId, [...merged, ...survivors]],
    );
    const key = (deviceId: string, i: InstallationOwner) =>
      `${deviceId}|${i.agentId}|${i.userId ?? ""}|${i.channel}`;
    const survivorRows = new Map(
      installations.filter((i) => !survivorOf.has(i.deviceId)).map((i) => [key(i.deviceId, i), i]),
    );
    // The same installation on both devices: the survivor's row stays.
    const shared = new Map<string, { keep: string; firstSeenAt: Date }>();
    for (const old of installations) {
      const keep = survivorOf.has(old.deviceId) && survivorRows.get(key(survivorOf.get(old.deviceId)!, old));
      if (keep) shared.set(old.id, { keep: keep.id, firstSeenAt: old.firstSeenAt });
    }
    if (shared.size) {
      const [olds, keeps] = [[...shared.keys()], [...shared.values()].map((s) => s.keep)];
      await this.db.execute(
        `UPDATE installation_event e SET installation_id = x.keep FROM unnest($2::uuid[], $3::uuid[]) AS x(old, keep)
         WHERE e.tenant_id = $1 AND e.installation_id = x.old`,
        [this.tenantId, olds, keeps],
      );
      await this.db.execute(
        `UPDATE installation i SET first_seen_at = least(i.first_seen_at, x.first_seen_at), updated_at = now()
         FROM (SELECT keep, min(first_seen_at) AS first_seen_at FROM unnest($2::uuid[], $3::timestamptz[])
               AS u(keep, first_seen_at) GROUP BY keep) x
         WHERE i.tenant_id = $1 AND i.id = x.keep`,
        [this.tenantId, keeps, [...shared.values()].map((s) => iso(s.firstSeenAt))],
      );
      await this.db.execute(`DELETE FROM installation WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        this.tenantId,
        olds,
      ]);
    }
    const pairs = [this.tenantId, merged, survivors];
    await this.db.execute(
      `UPDATE installation i SET device_id = x.survivor, updated_at = now()
       FROM unnest($2::uuid[], $3::uuid[]) AS x(merged, survivor)
       WHERE i.tenant_id = $1 AND i.device_id = x.merged`,
      pairs,
    );
    await this.db.execute(
      `INSERT INTO device_user AS l (tenant_id, device_id, user_id, first_seen_at, last_seen_at)
       SELECT $1, x.survivor, du.user_id, du.first_seen_at, du.last_seen_at
       FROM unnest($2::uuid[], $3::uuid[]) AS x(merged, survivor)
       JOIN device_user du ON du.tenant_id = $1 AND du.device_id = x.merged
       ON CONFLICT (tenant_id, device_id, user_id) DO UPDATE SET
         first_seen_at = least(l.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = greatest(l.last_seen_at, EXCLUDED.last_seen_at)`,
      pairs,
    );
    await this.db.execute(`DELETE FROM device WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      this.tenantId,
      merged,
    ]);
  }

  async users(): Promise<StoredUser[]> {
    const rows = await this.db.rows<{
      id: string;
      identity_key: string;
      upn: string | null;
      account_name: string | null;
      account_domain: string | null;
      sid: string | null;
    }>(
      `SELECT id, identity_key, upn, account_name, account_domain, sid FROM user_account WHERE tenant_id = $1`,
      [this.tenantId],
    );
    return rows.map((r) => ({
      id: r.id,
      identityKey: r.identity_key,
      upn: r.upn,
      accountName: r.account_name,
      accountDomain: r.account_domain,
      sid: r.sid,
    }));
  }

  /** Upserts people seen in this sync; returns identity key → id. */
  async upsertUsers(users: UserWrite[], now: Date): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const batch of batches(users)) {
      const rows = await this.db.rows<{ id: string; identity_key: string }>(
        `INSERT INTO user_account AS u (tenant_id, identity_key, upn, account_name, account_domain, sid,
                aad_object_id, last_seen_at)
         SELECT $1, left(x.identity_key, 400), left(x.upn, 300), left(x.account_name, 200),
                left(x.account_domain, 200), left(x.sid, 200), x.aad_object_id, $8
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[])
              AS x(identity_key, upn, account_name, account_domain, sid, aad_object_id)
         ON CONFLICT (tenant_id, identity_key) DO UPDATE SET
           upn = coalesce(EXCLUDED.upn, u.upn), account_name = coalesce(EXCLUDED.account_name, u.account_name),
           account_domain = coalesce(EXCLUDED.account_domain, u.account_domain),
           sid = coalesce(EXCLUDED.sid, u.sid), aad_object_id = coalesce(EXCLUDED.aad_object_id, u.aad_object_id),
           last_seen_at = EXCLUDED.last_seen_at, updated_at = now()
         RETURNING id, identity_key`,
        [
          this.tenantId,
          batch.map((u) => u.identityKey),
          batch.map((u) => u.upn),
          batch.map((u) => u.accountName),
          batch.map((u) => u.accountDomain),
          batch.map((u) => u.sid),
          batch.map((u) => (u.aadObjectId && UUID.test(u.aadObjectId) ? u.aadObjectId : null)),
          now.toISOString(),
        ],
      );
      for (const row of rows) ids.set(row.identity_key, row.id);
    }
    return ids;
  }

  async upsertDeviceUsers(links: { deviceId: string; userId: string }[], now: Date): Promise<void> {
    for (const batch of batches(links)) {
      await this.db.execute(
        `INSERT INTO device_user AS l (tenant_id, device_id, user_id, first_seen_at, last_seen_at)
         SELECT $1, x.device_id, x.user_id, $4, $4 FROM unnest($2::uuid[], $3::uuid[]) AS x(device_id, user_id)
         ON CONFLICT (tenant_id, device_id, user_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
        [this.tenantId, batch.map((l) => l.deviceId), batch.map((l) => l.userId), now.toISOString()],
      );
    }
  }

  /** The installations on these devices (all when not given), in the shape reconciliation takes. */
  installations(deviceIds?: readonly string[]): Promise<InstallationState[]> {
    // Two texts rather than `$2 IS NULL OR …`, so the slice's lookup is planned on the device key's index.
    const columns = `id, device_id AS "deviceId", agent_id AS "agentId", user_id AS "userId", channel,
      host_ides AS "hostIdes", version, status, first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt",
      removed_at AS "removedAt", evidence`;
    return deviceIds
      ? this.db.rows(
          `SELECT ${columns} FROM installation WHERE tenant_id = $1 AND device_id = ANY($2::uuid[])`,
          [this.tenantId, deviceIds],
        )
      : this.db.rows(`SELECT ${columns} FROM installation WHERE tenant_id = $1`, [this.tenantId]);
  }

  /** The activity of the installations on these devices. */
  installationActivity(deviceIds: readonly string[]): Promise<InstallationActivityState[]> {
    return this.db.rows(
      `SELECT id, device_id AS "deviceId", agent_id AS "agentId", user_id AS "userId", channel, activity,
         last_used_at AS "lastUsedAt", active_days::text[] AS "activeDays", active_days7 AS "activeDays7",
         active_days30 AS "activeDays30"
       FROM installation WHERE tenant_id = $1 AND device_id = ANY($2::uuid[])`,
      [this.tenantId, deviceIds],
    );
  }

  async updateActivity(rows: ActivityWrite[]): Promise<void> {
    for (const batch of batches(rows)) {
      await this.db.execute(
        `UPDATE installation AS i SET activity = x.activity, last_used_at = x."lastUsedAt",
           active_days = x."activeDays", active_days7 = x."activeDays7", active_days30 = x."activeDays30"
         FROM json_to_recordset($2::json) AS x(id uuid, activity installation_activity, "lastUsedAt" timestamptz,
           "activeDays" date[], "activeDays7" smallint, "activeDays30" smallint)
         WHERE i.tenant_id = $1 AND i.id = x.id`,
        [this.tenantId, JSON.stringify(batch)],
      );
    }
  }

  async agentIds(): Promise<Map<string, string>> {
    const rows = await this.db.rows<{ id: string; key: string }>(`SELECT id, key FROM agent`);
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  async insertInstallations(rows: InstallationState[]): Promise<void> {
    for (const batch of batches(rows)) {
      await this.db.execute(
        `INSERT INTO installation (tenant_id, id, device_id, agent_id, user_id, channel, host_ides, version,
                status, first_seen_at, last_seen_at, removed_at, evidence)
         SELECT $1, x.id, x."deviceId", x."agentId", x."userId", x.channel, x."hostIdes", left(x.version, 100),
                x.status, x."firstSeenAt", x."lastSeenAt", x."removedAt", x.evidence
         FROM ${INSTALLATION_RECORDS}
         ON CONFLICT (tenant_id, device_id, agent_id, user_id, channel) DO NOTHING`,
        [this.tenantId, JSON.stringify(batch)],
      );
    }
  }

  async updateInstallations(rows: InstallationState[]): Promise<void> {
    for (const batch of batches(rows)) {
      await this.db.execute(
        `UPDATE installation AS i SET host_ides = x."hostIdes", version = left(x.version, 100), status = x.status,
                last_seen_at = x."lastSeenAt", removed_at = x."removedAt", evidence = x.evidence, updated_at = now()
         FROM ${INSTALLATION_RECORDS}
         WHERE i.tenant_id = $1 AND i.id = x.id`,
        [this.tenantId, JSON.stringify(batch)],
      );
    }
  }

  /** Seen again, unchanged: only the last-seen stamp moves. */
  async stampInstallations(ids: string[], now: Date): Promise<void> {
    for (const batch of batches(ids)) {
      await this.db.execute(
        `UPDATE installation SET last_seen_at = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [this.tenantId, batch, now.toISOString()],
      );
    }
  }

  /**
   * Appends events in the order given (their `seq` follows it), with their webhook outbox rows in the
   * same transaction (store/webhook.repository.ts).
   */
  async insertEvents(events: EventWrite[], syncRunId: string, now: Date): Promise<void> {
    for (const batch of batches(events)) {
      const inserted = await this.db.rows<{ id: string }>(
        `INSERT INTO installation_event (tenant_id, installation_id, type, from_version, to_version,
                occurred_at, sync_run_id)
         SELECT $1, x.installation_id, x.type::installation_event_type, left(x.from_version, 100),
                left(x.to_version, 100), $6, $7
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
              AS x(installation_id, type, from_version, to_version, ord)
         ORDER BY x.ord
         RETURNING id`,
        [
          this.tenantId,
          batch.map((e) => e.installationId),
          batch.map((e) => e.type),
          batch.map((e) => e.fromVersion),
          batch.map((e) => e.toVersion),
          now.toISOString(),
          syncRunId,
        ],
      );
      await enqueueInstallationEvents(
        this.db,
        this.tenantId,
        inserted.map((e) => e.id),
      );
    }
  }

  /** True until the tenant's first sync has written its inventory. */
  async isFirstWrite(): Promise<boolean> {
    const rows = await this.db.rows<{ first: boolean }>(
      `SELECT first_sync_at IS NULL AS first FROM defender_integration WHERE tenant_id = $1`,
      [this.tenantId],
    );
    return rows[0]?.first ?? true;
  }

  /**
   * ANALYZEs, inside this transaction (its own rows count), each inventory table it changed by more than
   * autovacuum's threshold (50 rows + 10 % of the table), or at all on the tenant's first write, whose
   * tenant id the statistics have never seen. Without it the first queries after a large sync were
   * planned on statistics of a near-empty table until autovacuum caught up minutes later.
   */
  async analyzeChangedTables(firstWrite: boolean): Promise<string[]> {
    const rows = await this.db.rows<{ table: string; changed: string; estimated: number }>(
      `SELECT s.relname AS table, s.n_tup_ins + s.n_tup_upd + s.n_tup_del AS changed, c.reltuples AS estimated
       FROM pg_stat_xact_user_tables s JOIN pg_class c ON c.oid = s.relid
       WHERE s.schemaname = current_schema() AND s.relname = ANY($1)`,
      [INVENTORY_TABLES],
    );
    const heavy = new Set(
      rows
        .filter((r) => {
          const changed = Number(r.changed);
          return firstWrite
            ? changed > 0
            : changed >= ANALYZE_BASE_ROWS + ANALYZE_SCALE * Math.max(r.estimated, 0);
        })
        .map((r) => r.table),
    );
    const analyzed = INVENTORY_TABLES.filter((table) => heavy.has(table));
    for (const table of analyzed) await this.db.execute(`ANALYZE ${table}`);
    return analyzed;
  }

  /** Records the sync on the integration; `error` set means Defender itself failed us. */
  async recordSync(now: Date, error: string | null, wroteInventory: boolean): Promise<void> {
    await this.db.execute(
      `UPDATE defender_integration SET
         last_sync_at = CASE WHEN $4 THEN $2 ELSE last_sync_at END,
         first_sync_at = CASE WHEN $4 THEN coalesce(first_sync_at, $2) ELSE first_sync_at END,
         last_error = $3, last_error_at = CASE WHEN $3::text IS NULL THEN last_error_at ELSE $2 END,
         updated_at = now()
       WHERE tenant_id = $1`,
      [this.tenantId, now.toISOString(), error, wroteInventory],
    );
    if (wroteInventory) await bumpInventoryVersion(this.db, this.tenantId);
  }
}

/** Marks the tenant's inventory as changed (see `Tenant.inventoryVersion`); call inside the writing transaction. */
export async function bumpInventoryVersion(db: Sql, tenantId: string): Promise<void> {
  await db.execute(`UPDATE tenant SET inventory_version = inventory_version + 1 WHERE id = $1`, [tenantId]);
}
