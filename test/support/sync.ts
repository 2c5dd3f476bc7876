/** Helpers shared by the sync and store integration tests and the benchmarks (never imported by the service). */
import { createLogger } from "../../src/config/logger";
import { createDefenderConnector, type DefenderClient, type DefenderConnector } from "../../src/defender";
import { CATALOG, CATALOG_VERSION } from "../../src/detection";
import { SyncMode, SyncTrigger } from "../../src/model/enums";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { Store, type RunOutcome, type Sql, type SyncRunRow } from "../../src/store";
import { createTenantSync, type TenantSyncSettings } from "../../src/sync/tenant-sync";
import { FakeClock } from "./fake-clock";

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

/**
 * A Defender fleet of its own (a simulator started for the test) and a tenant connected to it, in a
 * test database shared with other tests: what a sync test sets up before it syncs. Tenants of the
 * same world share its fleet; a sync binds the fleet's Entra tenant to the tenant it syncs.
 */
export interface SyncWorld {
  sim: RunningSimulator;
  connector: DefenderConnector;
  /** The world's first tenant. */
  tenantId: string;
  /** Another tenant on the same fleet (e.g. a control synced without failures). */
  addTenant(): Promise<string>;
  /** Binds the fleet's Entra tenant to `tenantId` (a tenant id is bound to one tenant only). */
  bind(tenantId: string): Promise<void>;
  /** One sync run, claimed and finished as the worker does. */
  sync(options?: {
    tenantId?: string;
    mode?: SyncMode;
    /** Wraps each client the sync gets (to inject a failure). */
    wrap?: (client: DefenderClient) => DefenderClient;
    connector?: DefenderConnector;
  }): Promise<{ run: SyncRunRow; outcome: RunOutcome }>;
  /** A connector with its own token cache (a dropped permission shows in new tokens only). */
  connect(): DefenderConnector;
  close(): Promise<void>;
}

export async function startSyncWorld(
  sql: Sql,
  options: { devices: number; seed: number; settings: TenantSyncSettings },
): Promise<SyncWorld> {
  const logger = createLogger("silent");
  const sim = await startSimulator({ devices: options.devices, seed: options.seed, rateLimits: false });
  const connect = () =>
    createDefenderConnector({
      clientId: sim.clientId,
      credential: { clientSecret: sim.clientSecret },
      authorityHost: sim.url,
      defenderApiUrl: sim.url,
      graphApiUrl: sim.url,
      trustCa: sim.ca,
      rateLimits: false,
      // Retry-After and backoff waits pass in virtual time: no test sleeps for throttling.
      clock: new FakeClock(),
      client: { pageSize: 5_000 },
    });
  const connector = connect();
  const store = new Store(sql);
  const bind = async (tenantId: string) => {
    await sql.execute(`UPDATE tenant SET entra_tenant_id = NULL WHERE entra_tenant_id = $1 AND id <> $2`, [
      sim.tenantId,
      tenantId,
    ]);
    await sql.execute(`UPDATE tenant SET entra_tenant_id = $2 WHERE id = $1`, [tenantId, sim.tenantId]);
  };
  const tenantId = await insertConnectedTenant(sql);
  return {
    sim,
    connector,
    tenantId,
    addTenant: () => insertConnectedTenant(sql),
    bind,
    connect,
    async sync({
      tenantId: tenant = tenantId,
      mode = SyncMode.FULL,
      wrap = (c: DefenderClient) => c,
      connector: through,
    } = {}) {
      await bind(tenant);
      const queued = (await store.syncRuns.createQueued(tenant, mode, SyncTrigger.MANUAL))!;
      const run = (await store.syncRuns.claimQueued(tenant, queued.id, "test"))!;
      const execute = createTenantSync({
        store,
        clientFor: (t) => wrap((through ?? connector).client(t.entraTenantId)),
        settings: options.settings,
        logger,
      });
      const outcome = await execute(run, { signal: new AbortController().signal, progress: () => undefined });
      await store.syncRuns.finish(tenant, run.id, outcome);
      return { run, outcome };
    },
    async close() {
      await connector.close();
      await sim.close();
    },
  };
}
