/**
 * The data layer: every read and write of tenant data, in one query style (parameterized SQL through
 * `Sql`, sql.ts), every method that reads a tenant's data keyed by its tenant. A `Store` is the set of
 * repositories over one pool or one transaction. Nothing outside this folder writes SQL or imports `pg`.
 */
import { AgentRepository } from "./agent.repository";
import { ApiKeyRepository } from "./api-key.repository";
import { AuditRepository } from "./audit.repository";
import { DeviceRepository } from "./device.repository";
import { DiagnosticsRepository } from "./diagnostics.repository";
import { enterSyncWrite } from "./fence";
import { InstallationEventRepository } from "./installation-event.repository";
import { InstallationRepository } from "./installation.repository";
import { IntegrationRepository } from "./integration.repository";
import { McpServerRepository } from "./mcp-server.repository";
import { InventoryWriter } from "./inventory-write.repository";
import type { Sql } from "./sql";
import { SummaryRepository } from "./summary.repository";
import { SyncRunRepository } from "./sync-run.repository";
import { TenantRepository } from "./tenant.repository";
import { UserRepository } from "./user.repository";
import { WebhookRepository } from "./webhook.repository";

export class Store {
  readonly tenants: TenantRepository;
  readonly integrations: IntegrationRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditRepository;
  readonly agents: AgentRepository;
  readonly devices: DeviceRepository;
  readonly users: UserRepository;
  readonly installations: InstallationRepository;
  readonly events: InstallationEventRepository;
  readonly syncRuns: SyncRunRepository;
  readonly summary: SummaryRepository;
  readonly diagnostics: DiagnosticsRepository;
  readonly mcpServers: McpServerRepository;
  readonly webhooks: WebhookRepository;

  constructor(readonly sql: Sql) {
    this.tenants = new TenantRepository(sql);
    this.integrations = new IntegrationRepository(sql);
    this.apiKeys = new ApiKeyRepository(sql);
    this.audit = new AuditRepository(sql);
    this.agents = new AgentRepository(sql);
    this.devices = new DeviceRepository(sql);
    this.users = new UserRepository(sql);
    this.installations = new InstallationRepository(sql);
    this.events = new InstallationEventRepository(sql);
    this.syncRuns = new SyncRunRepository(sql);
    this.summary = new SummaryRepository(sql);
    this.diagnostics = new DiagnosticsRepository(sql);
    this.mcpServers = new McpServerRepository(sql);
    this.webhooks = new WebhookRepository(sql);
  }

  /** Runs `work` in one transaction, with the repositories bound to it. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.sql.transaction((sql) => work(new Store(sql)));
  }

  /**
   * Call first in a sync's write transaction: waits for a revocation in progress, then throws
   * SyncFencedError unless the integration may still be synced and the run is still this worker's.
   */
  enterSyncWrite(tenantId: string, runId: string): Promise<void> {
    return enterSyncWrite(this.sql, tenantId, runId);
  }

  /** The tenant's inventory in the shape a sync reads and writes it. */
  inventoryOf(tenantId: string): InventoryWriter {
    return new InventoryWriter(this.sql, tenantId);
  }
}

export { ping, SqlPool, type Sql } from "./sql";
export type { AgentPolicyRow, AgentRow, CatalogEntry } from "./agent.repository";
export type { ApiKeyRow } from "./api-key.repository";
export type { DeviceRow, InstallationRow, UserRow } from "./columns";
export type { DiagnosticFacts } from "./diagnostics.repository";
export { SyncFencedError } from "./fence";
export * from "./filters";
export type { InstallationEventRow } from "./installation-event.repository";
export type { InstallationParent, InstallationWithRelations, JoinedFields } from "./installation.repository";
export type { GrantedPermissions, IntegrationRow, PurgeCounts } from "./integration.repository";
export type {
  EventWrite,
  ActivityWrite,
  InstallationActivityState,
  InstallationOwner,
  InstallationState,
  InventoryWriter,
  MachineRow,
  StoredDevice,
  StoredUser,
  UserWrite,
} from "./inventory-write.repository";
export { KeyChangeListener } from "./key-changes";
export { mcpSightingKey, McpServerOrderField } from "./mcp-server.repository";
export type {
  McpConfigFileRow,
  McpConfigFileWrite,
  McpServerFilter,
  McpServerRow,
  McpServerWrite,
  McpSightingRow,
  McpSightingWrite,
} from "./mcp-server.repository";
export type { PageRequest } from "./keyset";
export type { Page, PagesByParent, Rows } from "./page";
export type { AgentCount, CategoryCount, Changes, Coverage, OsCount } from "./summary.repository";
export type { RunOutcome, SyncHistory, SyncRunRow, SyncTarget } from "./sync-run.repository";
export type { TenantRow } from "./tenant.repository";
export type {
  AttemptOutcome,
  DueDelivery,
  WebhookChanges,
  WebhookDeliveryRow,
  WebhookRow,
} from "./webhook.repository";
export { WorkerLease } from "./worker-lease";
export type { AuditEntry, AuditEventRow } from "./audit.repository";
