/** The read and write repositories behind the inventory part of the schema; the only place with its SQL. */
import type { DataSource } from "typeorm";
import { AgentRepository } from "./agent.repository";
import { DeviceRepository } from "./device.repository";
import { InstallationEventRepository } from "./installation-event.repository";
import { InstallationRepository } from "./installation.repository";
import { IntegrationRepository } from "./integration.repository";
import { SqlExecutor } from "./sql";
import { SummaryRepository } from "./summary.repository";
import { SyncRunRepository } from "./sync-run.repository";
import { TenantRepository } from "./tenant.repository";
import { UserRepository } from "./user.repository";

export interface InventoryRepositories {
  tenants: TenantRepository;
  agents: AgentRepository;
  devices: DeviceRepository;
  users: UserRepository;
  installations: InstallationRepository;
  events: InstallationEventRepository;
  syncRuns: SyncRunRepository;
  summary: SummaryRepository;
  integrations: IntegrationRepository;
}

/** Needs an initialized DataSource (the executor uses its pool). */
export function createInventoryRepositories(dataSource: DataSource): InventoryRepositories {
  const db = new SqlExecutor(dataSource);
  return {
    tenants: new TenantRepository(db),
    agents: new AgentRepository(db),
    devices: new DeviceRepository(db),
    users: new UserRepository(db),
    installations: new InstallationRepository(db),
    events: new InstallationEventRepository(db),
    syncRuns: new SyncRunRepository(db),
    summary: new SummaryRepository(db),
    integrations: new IntegrationRepository(dataSource),
  };
}
