/** The services resolvers call; built once per process and shared by all requests. */
import type { DataSource } from "typeorm";
import { ApiKeyService } from "../auth/api-keys";
import { TenantService } from "../auth/tenant.service";
import type { IntegrationService } from "../integration/integration.service";
import type { SyncControl } from "../sync/sync-control";
import { createInventoryRepositories, type InventoryRepositories } from "./repositories";

export interface Services {
  dataSource: DataSource;
  apiKeys: ApiKeyService;
  tenants: TenantService;
  /** Queues, stops and reschedules syncs (pg-boss behind it). */
  sync: SyncControl;
  /** The inventory's SQL (needs the DataSource initialized). */
  inventory: InventoryRepositories;
  /** Admin consent and the Defender integration's lifecycle. */
  integrations: IntegrationService;
}

export function createServices(
  dataSource: DataSource,
  sync: SyncControl,
  integrations: IntegrationService,
): Services {
  return {
    dataSource,
    apiKeys: new ApiKeyService(dataSource),
    tenants: new TenantService(dataSource),
    sync,
    inventory: createInventoryRepositories(dataSource),
    integrations,
  };
}
