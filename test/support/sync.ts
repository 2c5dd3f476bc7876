/** Helpers shared by the sync and store integration tests and the benchmarks (never imported by the service). */
import { CATALOG, CATALOG_VERSION } from "../../src/detection";
import type { RunningSimulator } from "../../src/simulator";
import { Store, type Sql } from "../../src/store";

/** Mirrors the detection catalog into the agent table, as the service does at start. */
export function upsertCatalog(sql: Sql): Promise<void> {
  return new Store(sql).agents.upsertCatalog(CATALOG, CATALOG_VERSION);
}

/** A tenant with a CONNECTED Defender integration; returns its id. */
export async function insertConnectedTenant(sql: Sql, entraTenantId?: string): Promise<string> {
  const [tenant] = await sql.rows<{ id: string }>(
    `INSERT INTO tenant (name, entra_tenant_id) VALUES ('sync test', $1) RETURNING id`,
    [entraTenantId ?? null],
  );
  await sql.execute(
    `INSERT INTO defender_integration (tenant_id, status, consented_at) VALUES ($1, 'CONNECTED', now())`,
    [tenant.id],
  );
  return tenant.id;
}

/** Polls `condition` until it holds (sync workers poll the queue, so tests must wait). */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The environment of a service whose Entra application and Defender are the simulator's, in
 * single-organization mode (the simulator's tenant is connected at start). The process must trust
 * `sim.caPath` (NODE_EXTRA_CA_CERTS, or `trustCa` in-process).
 */
export function simulatorServiceEnv(sim: RunningSimulator): Record<string, string> {
  return {
    AZURE_CLIENT_ID: sim.clientId,
    AZURE_CLIENT_SECRET: sim.clientSecret,
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_AUTHORITY_HOST: sim.url,
    DEFENDER_API_URL: sim.url,
    GRAPH_API_URL: sim.url,
  };
}
