/**
 * Troubleshooting answers for the three questions administrators ask — "consent failed or permissions
 * error", "no agents discovered", "incomplete device coverage" — as checks with a status, a sentence and
 * the figures behind it. The store reads the facts (diagnostics.repository.ts); the judgement is a pure
 * function.
 */
import { IntegrationStatus, SyncRunStatus } from "../model/enums";
import type { DiagnosticFacts as StoredFacts } from "../store";

export enum DiagnosticStatus {
  OK = "OK",
  WARNING = "WARNING",
  ERROR = "ERROR",
}

export enum DiagnosticCategory {
  PERMISSIONS = "PERMISSIONS",
  DISCOVERY = "DISCOVERY",
  COVERAGE = "COVERAGE",
  /** Webhooks and other automation reaching out of the service. */
  AUTOMATION = "AUTOMATION",
}

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

/** What the checks judge: the stored facts, the stale threshold, and now. */
export interface DiagnosticFacts extends StoredFacts {
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
  const base = { key: "permissions", category: DiagnosticCategory.PERMISSIONS, figures };
  switch (f.integrationStatus) {
    case IntegrationStatus.NOT_CONNECTED:
    case IntegrationStatus.PENDING_CONSENT:
      return {
        ...base,
        status: DiagnosticStatus.ERROR,
        message: f.lastError
          ? `Not connected to Microsoft Defender. ${f.lastError}`
          : "Not connected to Microsoft Defender: an administrator must grant admin consent (connectDefender).",
      };
    case IntegrationStatus.REVOKED:
      return {
        ...base,
        status: DiagnosticStatus.ERROR,
        message: "The integration was revoked; connect again to resume discovery.",
      };
    case IntegrationStatus.ERROR:
      return {
        ...base,
        status: DiagnosticStatus.ERROR,
        message: `The integration is failing: ${f.lastError ?? "unknown error"}`,
      };
    default:
      break;
  }
  if (blocked.length === 0) {
    return {
      ...base,
      status: DiagnosticStatus.OK,
      message: `All required permissions are granted (${f.granted.join(", ")}).`,
    };
  }
  const described = blocked.map((s) => `${s.source} needs ${s.permissions[0]}`).join("; ");
  return {
    ...base,
    status: blocked.some((s) => s.essential) ? DiagnosticStatus.ERROR : DiagnosticStatus.WARNING,
    message: `Missing permissions: ${described}. Grant them to the app registration and connect again.`,
  };
}

function syncCheck(f: DiagnosticFacts): DiagnosticCheck {
  const base = { key: "sync", category: DiagnosticCategory.DISCOVERY };
  if (!f.lastRun) {
    return { ...base, status: DiagnosticStatus.WARNING, message: "No sync has finished yet.", figures: [] };
  }
  const incomplete = f.lastRun.sources.filter((s) => !s.complete);
  const figures = [
    { name: "sources", value: f.lastRun.sources.length },
    { name: "incompleteSources", value: incomplete.length },
  ];
  if (f.lastRun.status === SyncRunStatus.FAILED) {
    return {
      ...base,
      status: DiagnosticStatus.ERROR,
      message: `The last sync failed: ${f.lastRun.error ?? "unknown error"}`,
      figures,
    };
  }
  if (incomplete.length) {
    const which = incomplete.map((s) => `${s.source}${s.error ? ` (${s.error})` : ""}`).join("; ");
    return {
      ...base,
      status: DiagnosticStatus.WARNING,
      message: `The last sync was partial; nothing was marked removed. Incomplete: ${which}.`,
      figures,
    };
  }
  return {
    ...base,
    status: DiagnosticStatus.OK,
    message: "The last sync read every source completely.",
    figures,
  };
}

function huntingCheck(f: DiagnosticFacts): DiagnosticCheck {
  const base = { key: "hunting", category: DiagnosticCategory.DISCOVERY };
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
      status: DiagnosticStatus.WARNING,
      message:
        "Advanced hunting is unavailable (grant ThreatHunting.Read.All on Microsoft Graph): CLI agents and IDE extensions are only visible in process and file events.",
      figures,
    };
  }
  if (failed.length) {
    return {
      ...base,
      status: DiagnosticStatus.WARNING,
      message: `Advanced hunting failed: ${failed.map((s) => s.error ?? s.source).join("; ")}`,
      figures,
    };
  }
  return {
    ...base,
    status: DiagnosticStatus.OK,
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
  const base = { key: "discovery", category: DiagnosticCategory.DISCOVERY, figures };
  if (!f.firstSyncAt)
    return {
      ...base,
      status: DiagnosticStatus.WARNING,
      message: "Discovery has not completed a first sync yet.",
    };
  if (f.devices === 0) {
    return {
      ...base,
      status: DiagnosticStatus.ERROR,
      message: "Defender returned no devices: are devices onboarded to Microsoft Defender for Endpoint?",
    };
  }
  if (f.agentsFound === 0) {
    return {
      ...base,
      status: DiagnosticStatus.WARNING,
      message:
        f.devicesWithSoftware === 0
          ? "No agents found, and no device has software inventory yet (Defender refreshes it every few hours)."
          : "No AI coding agents were found on any device. If you expect some, check the hunting check: CLI agents and IDE extensions need advanced hunting.",
    };
  }
  return {
    ...base,
    status: DiagnosticStatus.OK,
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
    category: DiagnosticCategory.COVERAGE,
    status: share > 10 ? DiagnosticStatus.WARNING : DiagnosticStatus.OK,
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
    category: DiagnosticCategory.COVERAGE,
    status: active > 0 && without / active > 0.05 ? DiagnosticStatus.WARNING : DiagnosticStatus.OK,
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
    category: DiagnosticCategory.COVERAGE,
    status: DiagnosticStatus.OK,
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
