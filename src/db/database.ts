/**
 * Opens the service's database: the server named by DATABASE_URL, or an embedded PostgreSQL under
 * DATA_DIR (with its own `agent_inventory` database) when it is unset. Its health is watched from the
 * start; an embedded server that dies is started again.
 */
import { Client } from "pg";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { createDataSource } from "./data-source";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { DatabaseHealth } from "./health";

export interface Database {
  url: string;
  embedded: boolean;
  dataSource: DataSource;
  /** Up or down, probed every few seconds. */
  health: DatabaseHealth;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = "agent_inventory";

export async function openDatabase(
  options: {
    databaseUrl?: string;
    dataDir: string;
    poolSize?: number;
    statementTimeoutMs?: number;
    /** Between health probes (default 2 s). */
    healthIntervalMs?: number;
  },
  logger: Logger,
): Promise<Database> {
  const embedded = options.databaseUrl ? undefined : await startEmbeddedPostgres(options.dataDir, logger);
  try {
    const url = options.databaseUrl ?? (await ensureDatabase(embedded!.url, EMBEDDED_DATABASE));
    const dataSource = createDataSource({
      url,
      poolSize: options.poolSize,
      statementTimeoutMs: options.statementTimeoutMs,
    });
    await dataSource.initialize();
    const health = new DatabaseHealth({
      probe: () => dataSource.query("SELECT 1"),
      logger,
      intervalMs: options.healthIntervalMs,
      recover: embedded && (() => embedded.ensureRunning()),
    });
    health.start();
    return {
      url,
      embedded: Boolean(embedded),
      dataSource,
      health,
      async close() {
        health.stop();
        await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** Creates `name` on the server if missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
