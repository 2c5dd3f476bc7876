/**
 * Integration tests get a PostgreSQL: the server named by TEST_DATABASE_URL (or DATABASE_URL), else an
 * embedded one in a fresh temporary data dir. A template database with every migration applied is made
 * once per run; each test file clones it (CREATE DATABASE … TEMPLATE) for a fresh, isolated database.
 */
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLogger } from "../src/config/logger";
import { createDataSource, runMigrations } from "../src/db/data-source";
import { dropDatabase, ensureDatabase } from "../src/db/database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../src/db/embedded-postgres";

declare global {
  var __embeddedPostgres: EmbeddedPostgres | undefined;
}

export default async function globalSetup(): Promise<void> {
  // End-to-end tests run the built service as a child process.
  execFileSync("npm", ["run", "-s", "build"], { cwd: path.resolve(__dirname, ".."), stdio: "inherit" });

  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let serverUrl = configured;
  if (!serverUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "agent-inventory-test-"));
    globalThis.__embeddedPostgres = await startEmbeddedPostgres(dataDir, createLogger("warn"));
    serverUrl = globalThis.__embeddedPostgres.url;
  }
  const template = `agent_inventory_test_template_${process.pid}`;
  await dropDatabase(serverUrl, template);
  const templateUrl = await ensureDatabase(serverUrl, template);
  const dataSource = createDataSource({ url: templateUrl });
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  process.env.AI_TEST_SERVER_URL = serverUrl;
  process.env.AI_TEST_TEMPLATE = template;
  process.env.AI_TEST_EMBEDDED = configured ? "" : "1";
}
