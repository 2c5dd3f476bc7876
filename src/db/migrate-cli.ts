/** `npm run migration:run`: applies pending migrations to the configured (or embedded) database. */
import "reflect-metadata";
import { ConfigError, loadConfig } from "../config/config";
import { createLogger } from "../config/logger";
import { runMigrations } from "./data-source";
import { openDatabase } from "./database";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger);
  try {
    const applied = await runMigrations(database.dataSource);
    logger.info({ applied }, applied.length ? "migrations applied" : "no pending migrations");
    if (database.embedded) console.log(database.url.replace(/:[^:@/]+@/, ":***@"));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
