/**
 * Seeds a tenant's inventory by SQL, deterministically: devices, users, who uses which device,
 * installations (some removed, some without a user), their events, sync runs and one agent policy.
 */
import type { DataSource } from "typeorm";

export interface SeededInventory {
  tenantId: string;
  devices: Array<{ id: string; name: string }>;
  users: Array<{ id: string; upn: string }>;
  installations: Array<{
    id: string;
    deviceId: string;
    userId: string | null;
    agentKey: string;
    status: string;
  }>;
  events: Array<{ id: string }>;
  syncRuns: Array<{ id: string }>;
}

export const SEED_AGENTS = ["cursor", "claude-code", "github-copilot", "ollama"];
export const SEED_BASE = Date.parse("2026-10-01T00:00:00.000Z");

/** Device i runs agent SEED_AGENTS[i % 4]; every 5th installation is REMOVED; every 3rd has no user. */
export async function seedInventory(
  dataSource: DataSource,
  tenantId: string,
  prefix: string,
  count = 12,
): Promise<SeededInventory> {
  const agents: Array<{ id: string; key: string }> = await dataSource.query(
    `SELECT id, key FROM agent WHERE key = ANY($1)`,
    [SEED_AGENTS],
  );
  const agentId = (key: string) => agents.find((a) => a.key === key)!.id;
  const at = (minutes: number) => new Date(SEED_BASE + minutes * 60_000).toISOString();

  const devices: SeededInventory["devices"] = [];
  const users: SeededInventory["users"] = [];
  const installations: SeededInventory["installations"] = [];
  const events: SeededInventory["events"] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-dev-${String(i).padStart(2, "0")}`;
    const [device] = await dataSource.query(
      `INSERT INTO device (tenant_id, defender_id, name, os_platform, health_status, rbac_group_name, tags,
         first_seen_at, last_seen_at, stale_since, software_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        tenantId,
        `${prefix}-machine-${i}`,
        name,
        ["Windows11", "macOS", "Linux"][i % 3],
        i % 2 ? "Inactive" : "Active",
        i % 2 ? "Group B" : "Group A",
        i % 2 ? [] : ["prod"],
        at(i),
        i % 6 === 5 ? null : at(1000 + i),
        i % 5 === 4 ? at(2000) : null,
        i % 4 === 3 ? null : at(3000),
      ],
    );
    devices.push({ id: device.id, name });
    const upn = `user${String(i).padStart(2, "0")}@${prefix}.example`;
    const [user] = await dataSource.query(
      `INSERT INTO user_account (tenant_id, identity_key, upn, account_name, account_domain, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [tenantId, `upn:${upn}`, upn, `user${i}`, prefix.toUpperCase(), at(500 + i)],
    );
    users.push({ id: user.id, upn });
    await dataSource.query(`INSERT INTO device_user (tenant_id, device_id, user_id) VALUES ($1, $2, $3)`, [
      tenantId,
      device.id,
      user.id,
    ]);
    const agentKey = SEED_AGENTS[i % SEED_AGENTS.length];
    const removed = i % 5 === 4;
    const userId = i % 3 === 2 ? null : user.id;
    const [installation] = await dataSource.query(
      `INSERT INTO installation (tenant_id, device_id, agent_id, user_id, channel, version, status,
         first_seen_at, last_seen_at, removed_at, evidence)
       VALUES ($1, $2, $3, $4, 'DESKTOP_APP', $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        tenantId,
        device.id,
        agentId(agentKey),
        userId,
        `1.${i}.0`,
        removed ? "REMOVED" : "ACTIVE",
        at(i * 10),
        at(1000 + i * 10),
        removed ? at(1500 + i) : null,
        JSON.stringify([
          {
            source: "SOFTWARE_INVENTORY",
            identifiers: { softwareVendor: "vendor", softwareName: agentKey },
            confidence: 0.95,
            catalogVersion: "2026.11.1",
            firstSeenAt: at(i * 10),
            lastSeenAt: at(1000 + i * 10),
          },
        ]),
      ],
    );
    installations.push({
      id: installation.id,
      deviceId: device.id,
      userId,
      agentKey,
      status: removed ? "REMOVED" : "ACTIVE",
    });
  }
  const syncRuns: SeededInventory["syncRuns"] = [];
  for (let r = 0; r < 3; r++) {
    const [run] = await dataSource.query(
      `INSERT INTO sync_run (tenant_id, trigger, mode, status, queued_at, started_at, finished_at, sources, stats)
       VALUES ($1, 'SCHEDULE', 'FULL', 'SUCCEEDED', $2, $2, $3, $4, $5) RETURNING id`,
      [
        tenantId,
        at(r * 60),
        at(r * 60 + 5),
        JSON.stringify([
          {
            source: "machines",
            complete: true,
            rowsRead: count,
            rowsSkipped: 0,
            apiCalls: 1,
            throttledCalls: 0,
            error: null,
            durationMs: 10,
          },
        ]),
        JSON.stringify({ devices: count, users: count, installationsNew: count }),
      ],
    );
    syncRuns.push({ id: run.id });
  }
  for (const installation of installations) {
    const [event] = await dataSource.query(
      `INSERT INTO installation_event (tenant_id, installation_id, type, to_version, occurred_at, sync_run_id)
       VALUES ($1, $2, 'INSTALLED', '1.0.0', $3, $4) RETURNING id`,
      [tenantId, installation.id, at(100), syncRuns[0].id],
    );
    events.push({ id: event.id });
  }
  await dataSource.query(
    `INSERT INTO agent_policy (tenant_id, agent_id, policy, updated_at) VALUES ($1, $2, 'SANCTIONED', now())`,
    [tenantId, agentId("github-copilot")],
  );
  return { tenantId, devices, users, installations, events, syncRuns };
}
