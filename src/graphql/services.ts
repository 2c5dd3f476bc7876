/** The services resolvers call; built once per process and shared by all requests. */
import type { DataSource } from "typeorm";
import { ApiKeyService } from "../auth/api-keys";
import { TenantService } from "../auth/tenant.service";
import type { SyncControl } from "../sync/sync-control";

export interface Services {
  dataSource: DataSource;
  apiKeys: ApiKeyService;
  tenants: TenantService;
  /** Queues, stops and reschedules syncs (pg-boss behind it). */
  sync: SyncControl;
}

export function createServices(dataSource: DataSource, sync: SyncControl): Services {
  return {
    dataSource,
    apiKeys: new ApiKeyService(dataSource),
    tenants: new TenantService(dataSource),
    sync,
  };
}
