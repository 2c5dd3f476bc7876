/**
 * The TypeORM DataSource: entities, migrations and pool settings. Schema changes only ever come from
 * migrations (never `synchronize`).
 */
import { DataSource } from "typeorm";
import { ENTITIES } from "../model";
import { SnakeNamingStrategy } from "./naming-strategy";

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  /** Milliseconds; applies to every statement on the pool's connections. */
  statementTimeoutMs?: number;
  applicationName?: string;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    entities: ENTITIES,
    // Compiled migrations live beside the compiled sources (dist/migrations); tests load the .ts ones.
    migrations: [`${__dirname}/../../migrations/*.{js,ts}`],
    migrationsTableName: "typeorm_migrations",
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: "pgcrypto",
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? "agent-inventory",
    extra: options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : undefined,
  });
}

/** Applies pending migrations, all in one transaction. Returns the names applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: "all" });
  return applied.map((m) => m.name);
}

/** True when every migration known to the code has been applied. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
