/**
 * Troubleshooting answers for the three questions administrators ask — "consent failed or permissions
 * error", "no agents discovered", "incomplete device coverage" — as checks with a status, a sentence and
 * the figures behind it. Facts are read with one round of SQL; the judgement is a pure function.
 */
import type { DataSource } from "typeorm";
import { IntegrationStatus, SyncRunStatus } from "../model/enums";
import type { SyncSourceResult } from "../model/sync-run.entity";

export type DiagnosticStatus = "OK" | "WARNING" | "ERROR";
export type DiagnosticCategory = "PERMISSIONS" | "DISCOVERY" | "COVERAGE";

export interface DiagnosticFigure {
  name: string;
  value: number;
}

export interface DiagnosticCheck {
  key: string;
  category: DiagnosticCategory;
  status: DiagnosticStatus;
  message: string;
  figures: DiagnosticFigure[];
}

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
  staleDeviceDays: number;
  now: Date;
}

/** Which permission each source needs, as the administrator sees it in the app registration. */
const SOURCE_PERMISSIONS: Array<{ source: string; permissions: string[]; essential: boolean }> = [
  { source: "device list", permissions: ["Machine.Read.All", "Machine.ReadWrite.All"], essential: true },
  { source: "software inventory", permissions: ["Software.Read.All"], essential: true },
  { source: "browser extensions", permissions: ["Software.Read.All"], essential: false },
  { source: "logon users", permissions: ["User.Read.All", "User.ReadWrite.All"], essential: false },
  {
    source: "advanced hunting",
    permissions: ["ThreatHunting.Read.All", "AdvancedQuery.Read.All"],
    essential: false,
  },
];

const HUNTING_SOURCE = /hunt|process|file|agentsinfo|agents_info/i;
const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

export function evaluateDiagnostics(f: DiagnosticFacts): DiagnosticCheck[] {
  return [
    permissionsCheck(f),
    syncCheck(f),
    huntingCheck(f),
    discoveryCheck(f),
    staleCheck(f),
    softwareCoverageCheck(f),
    osCoverageCheck(f),
  ];
}

function permissionsCheck(f: DiagnosticFacts): DiagnosticCheck {
  const blocked = SOURCE_PERMISSIONS.filter((s) => !s.permissions.some((p) => f.granted.includes(p)));
  const figures = [
    { name: "grantedPermissions", value: f.granted.length },
    { name: "missingPermissions", value: f.missing.length },
    { name: "blockedSources", value: blocked.length },
  ];
  const base = { key: "permissions", category: "PERMISSIONS" as const, figures };
  switch (f.integrationStatus) {
    case IntegrationStatus.NOT_CONNECTED:
    case IntegrationStatus.PENDING_CONSENT:
      return {
        ...base,
        status: "ERROR",
        message: f.lastError
          ? `Not connected to Microsoft Defender. ${f.lastError}`
          : "Not connected to Microsoft Defender: an administrator must grant admin consent (connectDefender).",
      };
    case IntegrationStatus.REVOKED:
      return {
        ...base,
        status: "ERROR",
        message: "The integration was revoked; connect again to resume discovery.",
      };
    case IntegrationStatus.ERROR:
      return {
        ...base,
        status: "ERROR",
        message: `The integration is failing: ${f.lastError ?? "unknown error"}`,
      };
    default:
      break;
  }
  if (blocked.length === 0) {
    return {
      ...base,
      status: "OK",
      message: `All required permissions are granted (${f.granted.join(", ")}).`,
    };
  }
  const described = blocked.map((s) => `${s.source} needs ${s.permissions[0]}`).join("; ");
  return {
    ...base,
    status: blocked.some((s) => s.essential) ? "ERROR" : "WARNING",
    message: `Missing permissions: ${described}. Grant them to the app registration and connect again.`,
  };
}

function syncCheck(f: DiagnosticFacts): DiagnosticCheck {
  const base = { key: "sync", category: "DISCOVERY" as const };
  if (!f.lastRun) {
    return { ...base, status: "WARNING", message: "No sync has finished yet.", figures: [] };
  }
  const incomplete = f.lastRun.sources.filter((s) => !s.complete);
  const figures = [
    { name: "sources", value: f.lastRun.sources.length },
    { name: "incompleteSources", value: incomplete.length },
  ];
  if (f.lastRun.status === SyncRunStatus.FAILED) {
    return {
      ...base,
      status: "ERROR",
      message: `The last sync failed: ${f.lastRun.error ?? "unknown error"}`,
      figures,
    };
  }
  if (incomplete.length) {
    const which = incomplete.map((s) => `${s.source}${s.error ? ` (${s.error})` : ""}`).join("; ");
    return {
      ...base,
      status: "WARNING",
      message: `The last sync was partial; nothing was marked removed. Incomplete: ${which}.`,
      figures,
    };
  }
  return { ...base, status: "OK", message: "The last sync read every source completely.", figures };
}

function huntingCheck(f: DiagnosticFacts): DiagnosticCheck {
  const base = { key: "hunting", category: "DISCOVERY" as const };
  const granted =
    f.granted.includes("ThreatHunting.Read.All") || f.granted.includes("AdvancedQuery.Read.All");
  const hunting = f.lastRun?.sources.filter((s) => HUNTING_SOURCE.test(s.source)) ?? [];
  const failed = hunting.filter((s) => !s.complete);
  const figures = [
    { name: "huntingQueries", value: hunting.length },
    { name: "failedHuntingQueries", value: failed.length },
  ];
  if (!granted) {
    return {
      ...base,
      status: "WARNING",
      message:
        "Advanced hunting is unavailable (grant ThreatHunting.Read.All on Microsoft Graph): CLI agents and IDE extensions are only visible in process and file events.",
      figures,
    };
  }
  if (failed.length) {
    return {
      ...base,
      status: "WARNING",
      message: `Advanced hunting failed: ${failed.map((s) => s.error ?? s.source).join("; ")}`,
      figures,
    };
  }
  return {
    ...base,
    status: "OK",
    message: hunting.length ? "Advanced hunting is available." : "Advanced hunting is permitted.",
    figures,
  };
}

function discoveryCheck(f: DiagnosticFacts): DiagnosticCheck {
  const hoursSinceFirstSync = f.firstSyncAt
    ? Math.round((f.now.getTime() - f.firstSyncAt.getTime()) / 360_000) / 10
    : -1;
  const figures = [
    { name: "onboardedDevices", value: f.devices - f.staleDevices },
    { name: "devicesWithSoftwareData", value: f.devicesWithSoftware },
    { name: "agentsFound", value: f.agentsFound },
    { name: "activeInstallations", value: f.activeInstallations },
    { name: "hoursSinceFirstSync", value: hoursSinceFirstSync },
  ];
  const base = { key: "discovery", category: "DISCOVERY" as const, figures };
  if (!f.firstSyncAt)
    return { ...base, status: "WARNING", message: "Discovery has not completed a first sync yet." };
  if (f.devices === 0) {
    return {
      ...base,
      status: "ERROR",
      message: "Defender returned no devices: are devices onboarded to Microsoft Defender for Endpoint?",
    };
  }
  if (f.agentsFound === 0) {
    return {
      ...base,
      status: "WARNING",
      message:
        f.devicesWithSoftware === 0
          ? "No agents found, and no device has software inventory yet (Defender refreshes it every few hours)."
          : "No AI coding agents were found on any device. If you expect some, check the hunting check: CLI agents and IDE extensions need advanced hunting.",
    };
  }
  return {
    ...base,
    status: "OK",
    message: `${f.agentsFound} agents found in ${f.activeInstallations} installations.`,
  };
}

function staleCheck(f: DiagnosticFacts): DiagnosticCheck {
  const share = pct(f.staleDevices, f.devices);
  const duplicates = f.potentialDuplicates
    ? ` ${f.potentialDuplicates} more records are older duplicates of devices onboarded again and are not counted.`
    : "";
  return {
    key: "coverage.stale",
    category: "COVERAGE",
    status: share > 10 ? "WARNING" : "OK",
    message: `${f.staleDevices} of ${f.devices} devices (${share}%) have not reported to Defender for ${f.staleDeviceDays} days or left its device list.${duplicates}`,
    figures: [
      { name: "staleDevices", value: f.staleDevices },
      { name: "staleShare", value: share },
      { name: "staleDeviceDays", value: f.staleDeviceDays },
      { name: "potentialDuplicateDevices", value: f.potentialDuplicates },
    ],
  };
}

function softwareCoverageCheck(f: DiagnosticFacts): DiagnosticCheck {
  const active = f.devices - f.staleDevices;
  const without = Math.max(0, active - f.devicesWithSoftware);
  const share = pct(f.devicesWithSoftware, active);
  return {
    key: "coverage.software",
    category: "COVERAGE",
    status: active > 0 && without / active > 0.05 ? "WARNING" : "OK",
    message: `${without} active devices have no software inventory (${share}% covered); desktop IDEs on them can only be found through hunting.`,
    figures: [
      { name: "devicesWithoutSoftwareData", value: without },
      { name: "softwareCoverage", value: share },
    ],
  };
}

function osCoverageCheck(f: DiagnosticFacts): DiagnosticCheck {
  const { windows, macos, linux, other } = f.devicesByOs;
  const total = windows + macos + linux + other;
  // Defender's local AI agent discovery (AgentsInfo) and browser extension inventory cover Windows and macOS only.
  const uncovered = linux + other;
  const sourceFigures = Object.entries(f.devicesBySource).map(([source, devices]) => ({
    name: `devicesEvidencedBy${source}`,
    value: devices,
  }));
  return {
    key: "coverage.os",
    category: "COVERAGE",
    status: "OK",
    message:
      uncovered > 0
        ? `${uncovered} of ${total} active devices run Linux or another OS that Defender's local agent discovery and browser extension inventory do not cover; they rely on software inventory and hunting.`
        : "Every active device runs an OS that every signal covers.",
    figures: [
      { name: "windowsDevices", value: windows },
      { name: "macosDevices", value: macos },
      { name: "linuxDevices", value: linux },
      { name: "otherDevices", value: other },
      { name: "agentsInfoEligibleShare", value: pct(windows + macos, total) },
      ...sourceFigures,
    ],
  };
}

/** Reads the facts for one tenant (every query filtered by tenant_id). */
export async function readDiagnosticFacts(
  dataSource: DataSource,
  tenantId: string,
  options: { staleDeviceDays: number; now: Date },
): Promise<DiagnosticFacts> {
  const [integration] = await dataSource.query(
    `SELECT status, last_error, granted_permissions, missing_permissions, first_sync_at
       FROM defender_integration WHERE tenant_id = $1`,
    [tenantId],
  );
  const [lastRun] = await dataSource.query(
    `SELECT status, sources, error FROM sync_run
      WHERE tenant_id = $1 AND status IN ('SUCCEEDED', 'PARTIAL', 'FAILED')
      ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT 1`,
    [tenantId],
  );
  // Older duplicate records of re-onboarded hosts would count one machine twice.
  const [devices] = await dataSource.query(
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
  const [installations] = await dataSource.query(
    `SELECT count(*)::int AS active, count(DISTINCT agent_id)::int AS agents
       FROM installation WHERE tenant_id = $1 AND status = 'ACTIVE'`,
    [tenantId],
  );
  const bySource: { source: string; devices: number }[] = await dataSource.query(
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
    staleDeviceDays: options.staleDeviceDays,
    now: options.now,
  };
}
