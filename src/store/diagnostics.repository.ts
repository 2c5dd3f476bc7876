/**
 * The facts behind a tenant's troubleshooting checks, read in one round of statements (each filtered
 * by tenant); services/diagnostics.ts judges them.
 */
import { IntegrationStatus, type SyncRunStatus } from "../model/enums";
import type { SyncSourceResult } from "../model/sync-run.entity";
import type { Sql } from "./sql";

export interface DiagnosticFacts {
  integrationStatus: IntegrationStatus;
  lastError: string | null;
  granted: string[];
  missing: string[];
  firstSyncAt: Date | null;
  lastRun: { status: SyncRunStatus; sources: SyncSourceResult[]; error: string | null } | null;
  /** Devices counted: older duplicate records of re-onboarded hosts are not (see `potentialDuplicates`). */
  devices: number;
  staleDevices: number;
  /** Older records of hosts Defender lists again under a new id. */
  potentialDuplicates: number;
  devicesWithSoftware: number;
  /** Non-stale devices per OS family. */
  devicesByOs: { windows: number; macos: number; linux: number; other: number };
  activeInstallations: number;
  agentsFound: number;
  /** Devices with at least one active installation evidenced by each source. */
  devicesBySource: Record<string, number>;
}

export class DiagnosticsRepository {
  constructor(private readonly db: Sql) {}

  async facts(tenantId: string): Promise<DiagnosticFacts> {
    const [integration] = await this.db.rows<{
      status: IntegrationStatus;
      last_error: string | null;
      granted_permissions: string[];
      missing_permissions: string[];
      first_sync_at: Date | null;
    }>(
      `SELECT status, last_error, granted_permissions, missing_permissions, first_sync_at
         FROM defender_integration WHERE tenant_id = $1`,
      [tenantId],
    );
    const [lastRun] = await this.db.rows<{
      status: SyncRunStatus;
      sources: SyncSourceResult[] | null;
      error: string | null;
    }>(
      `SELECT status, sources, error FROM sync_run
        WHERE tenant_id = $1 AND status IN ('SUCCEEDED', 'PARTIAL', 'FAILED')
        ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT 1`,
      [tenantId],
    );
    // Older duplicate records of re-onboarded hosts would count one machine twice.
    const [devices] = await this.db.rows<{
      total: number;
      duplicates: number;
      stale: number;
      with_software: number;
      windows: number;
      macos: number;
      linux: number;
    }>(
      `SELECT count(*) FILTER (WHERE NOT potential_duplicate)::int AS total,
              count(*) FILTER (WHERE potential_duplicate)::int AS duplicates,
              count(*) FILTER (WHERE NOT potential_duplicate AND stale_since IS NOT NULL)::int AS stale,
              count(*) FILTER (WHERE current AND software_seen_at IS NOT NULL)::int AS with_software,
              count(*) FILTER (WHERE current AND os_platform ILIKE 'windows%')::int AS windows,
              count(*) FILTER (WHERE current AND (os_platform ILIKE 'mac%' OR os_platform ILIKE 'osx%'))::int AS macos,
              count(*) FILTER (WHERE current AND os_platform ~* '(linux|ubuntu|debian|rhel|redhat|centos|suse|fedora)')::int AS linux
         FROM (SELECT *, stale_since IS NULL AND NOT potential_duplicate AS current
               FROM device WHERE tenant_id = $1) d`,
      [tenantId],
    );
    const [installations] = await this.db.rows<{ active: number; agents: number }>(
      `SELECT count(*)::int AS active, count(DISTINCT agent_id)::int AS agents
         FROM installation WHERE tenant_id = $1 AND status = 'ACTIVE'`,
      [tenantId],
    );
    const bySource = await this.db.rows<{ source: string; devices: number }>(
      `SELECT e->>'source' AS source, count(DISTINCT i.device_id)::int AS devices
         FROM installation i CROSS JOIN LATERAL jsonb_array_elements(i.evidence) e
        WHERE i.tenant_id = $1 AND i.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM device d
                WHERE d.tenant_id = i.tenant_id AND d.id = i.device_id AND d.potential_duplicate)
        GROUP BY 1`,
      [tenantId],
    );
    const active = devices.total - devices.stale;
    return {
      integrationStatus: integration?.status ?? IntegrationStatus.NOT_CONNECTED,
      lastError: integration?.last_error ?? null,
      granted: integration?.granted_permissions ?? [],
      missing: integration?.missing_permissions ?? [],
      firstSyncAt: integration?.first_sync_at ?? null,
      lastRun: lastRun
        ? { status: lastRun.status, sources: lastRun.sources ?? [], error: lastRun.error }
        : null,
      devices: devices.total,
      staleDevices: devices.stale,
      potentialDuplicates: devices.duplicates,
      devicesWithSoftware: devices.with_software,
      devicesByOs: {
        windows: devices.windows,
        macos: devices.macos,
        linux: devices.linux,
        other: Math.max(0, active - devices.windows - devices.macos - devices.linux),
      },
      activeInstallations: installations.active,
      agentsFound: installations.agents,
      devicesBySource: Object.fromEntries(bySource.map((r) => [r.source, r.devices])),
    };
  }
}
