/**
 * The use cases, each taking the caller first: roles are checked and audit events written here, once.
 * Built once per process over the API's store and shared by every request; GraphQL resolvers and the
 * HTTP routes only delegate to them.
 */
import type { Connectors } from "../defender/connectors";
import type { Store } from "../store";
import type { SyncControl } from "../sync";
import type { DeliveryPolicy, WebhookDeliverer } from "../webhooks";
import { AgentService } from "./agents";
import { IntegrationService, type IntegrationServiceDeps } from "./integration";
import { InventoryService } from "./inventory";
import { ApiKeyService } from "./keys";
import { McpServerService } from "./mcp-servers";
import { SyncService } from "./sync";
import { ExportService } from "./exports";
import { TenantService } from "./tenants";
import { WebhookService } from "./webhooks";

export interface Services {
  tenants: TenantService;
  apiKeys: ApiKeyService;
  agents: AgentService;
  /** Reads of the inventory (what loaders and list fields call). */
  inventory: InventoryService;
  /** Triggering and scheduling syncs; revoking the integration. */
  sync: SyncService;
  /** "Connect with Microsoft", the consent callback, diagnostics, single-organization mode. */
  integrations: IntegrationService;
  /** MCP servers and their policies. */
  mcpServers: McpServerService;
  /** A tenant's webhooks and their delivery log. */
  webhooks: WebhookService;
  /** Installations as rows to stream, and CycloneDX documents. */
  exports: ExportService;
}

export interface ServicesOptions {
  store: Store;
  /** Queues, stops and reschedules syncs (pg-boss behind it). */
  sync: SyncControl;
  connectors: Connectors;
  integration: Omit<IntegrationServiceDeps, "store" | "tenants" | "connectors" | "sync">;
  /** Where webhooks may deliver, and what sends `testWebhook`'s delivery. */
  webhooks: { policy: DeliveryPolicy; deliverer: WebhookDeliverer };
}

export function createServices(options: ServicesOptions): Services {
  const { store, sync, connectors } = options;
  const tenants = new TenantService(store);
  return {
    tenants,
    apiKeys: new ApiKeyService(store, tenants),
    agents: new AgentService(store, tenants),
    inventory: new InventoryService(store),
    sync: new SyncService(store, tenants, sync, () => connectors.forgetCachedTokens()),
    integrations: new IntegrationService({ ...options.integration, store, tenants, connectors, sync }),
    mcpServers: new McpServerService(store, tenants),
    webhooks: new WebhookService({ ...options.webhooks, store, tenants }),
    exports: new ExportService(store),
  };
}

export { generateSecret, newKeyPrefix, type ApiKeyService } from "./keys";
export { CALLBACK_PATH, consentStateKey, type ConsentOutcome, type ConsentPage } from "./integration";
export type { DiagnosticCheck } from "./diagnostics";
export { EXPORT_COLUMNS, type ExportedInstallation } from "./exports";
export type { WebhookRef } from "./webhooks";
