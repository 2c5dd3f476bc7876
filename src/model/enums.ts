/** Enumerations shared by the entities, the sync engine and the GraphQL schema. */

export enum Role {
  VIEWER = "VIEWER",
  OPERATOR = "OPERATOR",
  ADMIN = "ADMIN",
  PLATFORM_ADMIN = "PLATFORM_ADMIN",
}

/** Where an API key's secret came from (only keys made from configuration are rotated at start). */
export enum ApiKeyOrigin {
  API = "API",
  ADMIN_API_KEY = "ADMIN_API_KEY",
  DEMO = "DEMO",
}

export enum IntegrationStatus {
  NOT_CONNECTED = "NOT_CONNECTED",
  PENDING_CONSENT = "PENDING_CONSENT",
  CONNECTED = "CONNECTED",
  DEGRADED = "DEGRADED",
  ERROR = "ERROR",
  REVOKED = "REVOKED",
}

export enum Cloud {
  PUBLIC = "PUBLIC",
  GCC = "GCC",
  GCC_HIGH = "GCC_HIGH",
  DOD = "DOD",
}

export enum AgentCategory {
  IDE = "IDE",
  IDE_EXTENSION = "IDE_EXTENSION",
  CLI = "CLI",
  DESKTOP_APP = "DESKTOP_APP",
  TERMINAL = "TERMINAL",
  LOCAL_RUNTIME = "LOCAL_RUNTIME",
}

export enum InstallationChannel {
  DESKTOP_APP = "DESKTOP_APP",
  CLI = "CLI",
  IDE_EXTENSION = "IDE_EXTENSION",
  BROWSER_EXTENSION = "BROWSER_EXTENSION",
}

export enum InstallationStatus {
  ACTIVE = "ACTIVE",
  REMOVED = "REMOVED",
}

/** Whether an installation is used, as of the tenant's last sync (README "Activity"). */
export enum InstallationActivity {
  ACTIVE = "ACTIVE",
  IDLE = "IDLE",
  NO_USE_SEEN = "NO_USE_SEEN",
}

export enum InstallationEventType {
  INSTALLED = "INSTALLED",
  REMOVED = "REMOVED",
  VERSION_CHANGED = "VERSION_CHANGED",
  REINSTALLED = "REINSTALLED",
}

export enum EvidenceSource {
  SOFTWARE_INVENTORY = "SOFTWARE_INVENTORY",
  BROWSER_EXTENSIONS = "BROWSER_EXTENSIONS",
  PROCESS_EVENTS = "PROCESS_EVENTS",
  FILE_EVENTS = "FILE_EVENTS",
  AGENTS_INFO = "AGENTS_INFO",
}

export enum SyncTrigger {
  SCHEDULE = "SCHEDULE",
  MANUAL = "MANUAL",
  CONSENT = "CONSENT",
}

export enum SyncMode {
  FULL = "FULL",
  INCREMENTAL = "INCREMENTAL",
}

export enum SyncRunStatus {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  PARTIAL = "PARTIAL",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
}

export enum AgentPolicyValue {
  SANCTIONED = "SANCTIONED",
  UNSANCTIONED = "UNSANCTIONED",
  UNDER_REVIEW = "UNDER_REVIEW",
}

/** How a troubleshooting check (services/diagnostics.ts) judges what it looked at. */
export enum DiagnosticStatus {
  OK = "OK",
  WARNING = "WARNING",
  ERROR = "ERROR",
}

/** The question a troubleshooting check answers. */
export enum DiagnosticCategory {
  PERMISSIONS = "PERMISSIONS",
  DISCOVERY = "DISCOVERY",
  COVERAGE = "COVERAGE",
  /** Webhooks and other automation reaching out of the service. */
  AUTOMATION = "AUTOMATION",
}

/**
 * What a webhook can subscribe to. Each value's wire name (the payload's `type`) is in
 * `WEBHOOK_EVENT_NAMES` (model/webhook-events.ts); a new event is one value here and one entry there.
 */
export enum WebhookEventType {
  INSTALLATION_CREATED = "INSTALLATION_CREATED",
  INSTALLATION_REMOVED = "INSTALLATION_REMOVED",
  INSTALLATION_VERSION_CHANGED = "INSTALLATION_VERSION_CHANGED",
  SYNC_FAILED = "SYNC_FAILED",
  SYNC_PARTIAL = "SYNC_PARTIAL",
  INTEGRATION_DEGRADED = "INTEGRATION_DEGRADED",
  INTEGRATION_REVOKED = "INTEGRATION_REVOKED",
  MCP_SERVER_FIRST_SEEN = "MCP_SERVER_FIRST_SEEN",
}

export enum WebhookDeliveryStatus {
  /** Waiting for its first or next attempt. */
  PENDING = "PENDING",
  DELIVERED = "DELIVERED",
  /** A test delivery that did not get a 2xx (test deliveries are tried once). */
  FAILED = "FAILED",
}
