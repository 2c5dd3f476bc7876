/**
 * Starts and stops the whole service for a configuration: database and migrations, the admin key, the
 * HTTP/GraphQL API and (later) the sync worker. `main.ts` calls it; end-to-end tests call it too.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Logger } from "pino";
import type { Config } from "./config/config";
import { migrationsApplied, runMigrations } from "./db/data-source";
import { openDatabase, type Database } from "./db/database";
import { createApolloServer } from "./graphql/apollo";
import { buildAppSchema } from "./graphql/schema";
import { createServices } from "./graphql/services";
import { createHttpServer } from "./http/server";
import { upsertCatalogAgents } from "./sync/catalog-agents";
import { createSyncControl } from "./sync/scheduler";

export interface RunningService {
  /** Base URL of the HTTP listener, when this process runs the API. */
  url: string | null;
  database: Database;
  stop(): Promise<void>;
}

export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const database = await openDatabase(config, logger);
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
    await upsertCatalogAgents(database.dataSource);
    const sync = await createSyncControl({
      dataSource: database.dataSource,
      databaseUrl: database.url,
      logger,
      schedule: { intervalMinutes: config.syncIntervalMinutes },
    });
    stops.push(["sync control", () => sync.close()]);
    const services = createServices(database.dataSource, sync);
    if (config.adminApiKey) await services.apiKeys.ensurePlatformKey(config.adminApiKey);

    let url: string | null = null;
    if (config.roles.includes("api")) {
      const apollo = createApolloServer({
        schema: await buildAppSchema(),
        logger,
        graphiql: config.graphiql,
      });
      await apollo.start();
      stops.push(["graphql", () => apollo.stop()]);
      let migrated = false;
      const server = createHttpServer({
        apollo,
        services,
        logger,
        isReady: async () => {
          await database.dataSource.query("SELECT 1");
          migrated ||= await migrationsApplied(database.dataSource);
          return migrated;
        },
      });
      url = await listen(server, config.port, config.host);
      stops.push(["http", () => closeServer(server)]);
      logger.info({ url, graphql: `${url}/graphql` }, "API listening");
    }
    return { url, database, stop };
  } catch (error) {
    await stop();
    throw error;
  }
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
