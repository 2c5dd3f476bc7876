/**
 * A fresh database per test file, cloned from the migrated template made by global-setup: a TypeORM
 * DataSource for tests' own SQL, and the store's executor for what the product code takes.
 */
import { randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import { createLogger } from "../../src/config/logger";
import { createDataSource } from "../../src/db/data-source";
import { dropDatabase, ensureDatabase } from "../../src/db/database";
import { SqlPool } from "../../src/store";

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  /** A pool as the worker's (no statement timeout). */
  sql: SqlPool;
  drop(): Promise<void>;
}

export function testServerUrl(): string {
  const url = process.env.AI_TEST_SERVER_URL;
  if (!url)
    throw new Error(
      "integration tests need test/global-setup.ts (run them through jest's integration project)",
    );
  return url;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = `agent_inventory_test_${randomBytes(6).toString("hex")}`;
  const url = await ensureDatabase(serverUrl, name, process.env.AI_TEST_TEMPLATE);
  const dataSource = createDataSource({ url, poolSize: 5 });
  await dataSource.initialize();
  const sql = new SqlPool({
    url,
    max: 5,
    applicationName: "agent-inventory:test",
    logger: createLogger("silent"),
  });
  return {
    url,
    dataSource,
    sql,
    async drop() {
      await sql.close();
      await dataSource.destroy();
      await dropDatabase(serverUrl, name);
    },
  };
}
