/**
 * Starts and stops the whole service for a configuration: database and migrations, the store's pools,
 * the admin key, the HTTP/GraphQL API and the sync worker. Wiring only: `main.ts` calls it; end-to-end
 * tests call it too.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Logger } from "pino";
import type { Config } from "./config/config";
import { migrationsApplied, runMigrations } from "./db/data-source";
import { openDatabase, type Database } from "./db/database";
import { connectorSettingsFromConfig } from "./defender";
import { Connectors } from "./defender/connectors";
import {
  connectDemoTenant,
  demoAdminKey,
  demoBanner,
  demoTenantConnected,
  startDemoSimulator,
  type DemoSimulator,
  type StartDemoSimulator,
} from "./demo";
import { CATALOG, CATALOG_VERSION } from "./detection";
import { createApolloServer } from "./graphql/apollo";
import { buildPlayground } from "./graphql/playground";
import { buildAppSchema } from "./graphql/schema";
import { RateLimits } from "./http/rate-limits";
import { createHttpServer } from "./http/server";
import { ApiKeyOrigin } from "./model/enums";
import { consentStateKey, createServices } from "./services";
import { KeyChangeListener, ping, SqlPool, Store, type Sql } from "./store";
import { createSyncControl, startSyncWorker, type SyncWorker } from "./sync";
import { startWebhookWorker, WebhookDeliverer, WebhookSender } from "./webhooks";

export interface RunningService {
  /** Base URL of the HTTP listener, when this process runs the API. */
  url: string | null;
  database: Database;
  /** The sync worker, when this process runs one (its `tick()` runs the minute's scheduling now). */
  worker?: SyncWorker;
  /** The store's main pool: the worker's, migrations aside (no statement timeout). */
  sql: Sql;
  /** The API's own pool (statement timeout on every statement), when this process runs the API. */
  apiSql: Sql | null;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Demo mode's simulator, injected by main.ts (the only production module that may import it). */
  startDemoSimulator?: StartDemoSimulator;
  /** An extra CA (PEM) to trust for outbound calls, for in-process use where NODE_EXTRA_CA_CERTS cannot apply. */
  trustCa?: string;
  /** Waits between permission reads after consent (defaults to 2, 4, 8 and 16 s). */
  consentRetryDelaysMs?: number[];
  /** The clock of the sync schedule and of syncs' stamps (tests inject one). */
  now?: () => Date;
  /** Between database health probes (default 2 s). */
  healthIntervalMs?: number;
}

export async function startService(
  requested: Config,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<RunningService> {
  let config = requested;
  const runsApi = config.roles.includes("api");
  const runsWorker = config.roles.includes("worker");
  // TypeORM's own pool serves migrations and the health probe only.
  const database = await openDatabase(
    { ...config, poolSize: 2, healthIntervalMs: options.healthIntervalMs },
    logger,
  );
  const stops: Array<[string, () => Promise<void>]> = [["database", () => database.close()]];
  const stop = async () => {
    for (const [name, step] of stops.reverse()) {
      logger.debug({ step: name }, "stopping");
      await step().catch((err: unknown) => logger.error({ err, step: name }, "shutdown step failed"));
    }
  };
  try {
    const applied = await runMigrations(database.dataSource);
    if (applied.length) logger.info({ applied }, "migrations applied");
    // The main pool has no statement timeout: the worker's reconciliations may run long. An API-only
    // process needs it only for start-up and queueing syncs.
    const mainPool = new SqlPool({
      url: database.url,
      max: runsWorker ? 10 : 3,
      applicationName: "agent-inventory",
      logger,
    });
    stops.push(["database pool", () => mainPool.close()]);
    const store = new Store(mainPool);
    await store.agents.upsertCatalog(CATALOG, CATALOG_VERSION);
    // Everything the API does runs on its own pool, where every statement ends at the statement timeout.
    let apiPool: SqlPool | null = null;
    if (runsApi) {
      const pool = new SqlPool({
        url: database.url,
        statementTimeoutMs: config.apiStatementTimeoutMs,
        applicationName: "agent-inventory:api",
        prepared: true,
        logger,
      });
      apiPool = pool;
      stops.push(["API database pool", () => pool.close()]);
    }
    const serving = apiPool ? new Store(apiPool) : store;

    let demo: DemoSimulator | undefined;
    if (!config.azure) {
      if (!options.startDemoSimulator)
        throw new Error("AZURE_CLIENT_ID is not set and demo mode is unavailable");
      const started = await startDemoSimulator(
        config,
        options.startDemoSimulator,
        await demoTenantConnected(store),
      );
      demo = started.simulator;
      config = started.config;
      stops.push(["demo simulator", () => started.simulator.close()]);
      logger.info({ simulator: demo.url }, "demo mode: Defender simulator started in-process");
    }
    const connectors = new Connectors({
      ...(await connectorSettingsFromConfig(config, logger)),
      trustCa: demo?.ca ?? options.trustCa,
    });
    stops.push(["defender connectors", () => connectors.close()]);
    const syncBase = { store, databaseUrl: database.url, logger };
    // A worker process runs syncs and the schedule and is its own SyncControl; an API-only one enqueues.
    let onRunFinished: ((tenantId: string) => void) | undefined;
    const worker = runsWorker
      ? await startSyncWorker({
          ...syncBase,
          onRunFinished: (tenantId) => onRunFinished?.(tenantId),
          health: database.health,
          now: options.now,
          clientFor: (target) => connectors.forCloud(target.cloud).client(target.entraTenantId),
          settings: {
            intervalMinutes: config.syncIntervalMinutes,
            staleDeviceDays: config.staleDeviceDays,
            softwareExportMinDevices: config.softwareExportMinDevices,
          },
        })
      : undefined;
    const control = worker
      ? undefined
      : await createSyncControl({
          ...syncBase,
          schedule: { intervalMinutes: config.syncIntervalMinutes, now: options.now },
        });
    const sync = worker?.control ?? control!;
    stops.push(["sync", () => (worker ? worker.stop() : control!.close())]);
    // Webhook deliveries: the worker delivers the outbox; any process sends `testWebhook`'s at once.
    const sender = new WebhookSender({ policy: config.webhooks });
    stops.push(["webhook sender", () => sender.close()]);
    const deliverer = new WebhookDeliverer({ store, sender, logger, now: options.now });
    if (runsWorker) {
      const webhookWorker = await startWebhookWorker({ databaseUrl: database.url, logger, deliverer });
      stops.push(["webhook worker", () => webhookWorker.stop()]);
    }
    let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
    const services = createServices({
      store: serving,
      sync,
      connectors,
      integration: {
        clientId: config.azure!.clientId,
        stateKey: consentStateKey(connectors.settings),
        publicUrl: () => publicUrl,
        logger,
        staleDeviceDays: config.staleDeviceDays,
        propagationDelaysMs: options.consentRetryDelaysMs,
      },
      webhooks: { policy: config.webhooks, deliverer },
    });
    if (config.adminApiKey) {
      const { revoked } = await services.apiKeys.ensureConfiguredKey(
        config.adminApiKey,
        ApiKeyOrigin.ADMIN_API_KEY,
      );
      if (revoked.length)
        logger.warn(
          { revokedKeyIds: revoked },
          "ADMIN_API_KEY changed: the key of its previous value was revoked",
        );
    }

    let url: string | null = null;
    if (runsApi) {
      const keyChanges = new KeyChangeListener({
        url: database.url,
        onChange: (keyId) => services.apiKeys.forget(keyId),
        onResync: () => services.apiKeys.forgetAll(),
        logger,
      });
      await keyChanges.start();
      stops.push(["API key change listener", () => keyChanges.stop()]);
      const schema = await buildAppSchema();
      const apollo = createApolloServer({
        schema,
        logger,
      });
      await apollo.start();
      stops.push(["graphql", () => apollo.stop()]);
      let migrated = false;
      const server = createHttpServer({
        apollo,
        schema,
        services,
        logger,
        isReady: async () => {
          if (!database.health.isUp) return false;
          await ping(serving.sql);
          migrated ||= await migrationsApplied(database.dataSource);
          return migrated;
        },
        databaseUp: () => database.health.isUp,
        rateLimits: new RateLimits(config.rateLimits),
        trustProxyHops: config.trustProxyHops,
        playground: config.graphiql
          ? buildPlayground({ endpoint: "/graphql", title: "agent-inventory GraphiQL" })
          : undefined,
      });
      url = await listen(server, config.port, config.host);
      publicUrl = config.publicUrl ?? `http://localhost:${new URL(url).port}`;
      stops.push(["http", () => closeServer(server)]);
      logger.info({ url, graphql: `${url}/graphql` }, "API listening");
    }
    if (config.singleTenantId) await services.integrations.ensureSingleOrganization(config.singleTenantId);
    if (demo) {
      const admin = await demoAdminKey(config, services.apiKeys);
      if (url) {
        // Connecting starts the first sync; the banner waits for it (within bounds), so it comes after
        // that sync's log lines and its example queries answer at once.
        const firstSync =
          worker && !(await demoTenantConnected(store))
            ? new Promise<void>((resolve) => (onRunFinished = () => resolve()))
            : null;
        await connectDemoTenant({
          store,
          integrations: services.integrations,
          simulator: demo,
          actorKeyId: admin.keyId,
          logger,
        });
        const synced = firstSync ? await settledWithin(firstSync, DEMO_FIRST_SYNC_WAIT_MS) : true;
        onRunFinished = undefined;
        // The terminal, not the log: the one place a generated demo key is shown, once.
        console.log(demoBanner(url, publicUrl, admin.source, synced));
      }
    }
    return { url, database, worker, sql: mainPool, apiSql: apiPool, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * How long demo start-up holds the banner for the first sync: long enough for the simulated fleet on a
 * developer's machine, short enough that a slow one still shows where to go soon.
 */
const DEMO_FIRST_SYNC_WAIT_MS = 20_000;

/** True when `work` settled within `ms`, false when the time ran out first. */
function settledWithin(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([work.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost === "0.0.0.0" ? "127.0.0.1" : shownHost}:${address.port}`);
    });
  });
}

/** Stops accepting connections and waits (up to 10 s) for requests in flight. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
