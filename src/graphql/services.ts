/** The services resolvers call; built once per process and shared by all requests. */
import type { DataSource } from "typeorm";
import { ApiKeyService } from "../auth/api-keys";
import { TenantService } from "../auth/tenant.service";

export interface Services {
  dataSource: DataSource;
  apiKeys: ApiKeyService;
  tenants: TenantService;
}

export function createServices(dataSource: DataSource): Services {
  return {
    dataSource,
    apiKeys: new ApiKeyService(dataSource),
    tenants: new TenantService(dataSource),
  };
}
