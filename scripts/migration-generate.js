#!/usr/bin/env node
// `npm run migration:generate -- <Name>`: runs the TypeORM CLI's migration:generate against the configured
// database, or against the embedded one under DATA_DIR when DATABASE_URL is unset, after applying the
// committed migrations. Writes migrations/<timestamp>-<Name>.ts, or nothing when entities and migrations agree.
require("reflect-metadata");
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { loadConfig } = require("../dist/src/config/config");
const { createLogger } = require("../dist/src/config/logger");
const { openDatabase } = require("../dist/src/db/database");
const { runMigrations } = require("../dist/src/db/data-source");

async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    console.error("usage: npm run migration:generate -- <PascalCaseName>");
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openDatabase(config, createLogger("warn"));
  let status = 1;
  try {
    await runMigrations(database.dataSource);
    const root = path.resolve(__dirname, "..");
    const result = spawnSync(
      process.execPath,
      [
        require.resolve("typeorm/cli.js"),
        "migration:generate",
        `migrations/${name}`,
        "-d",
        "dist/ormconfig.js",
        "-p",
      ],
      { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: database.url } },
    );
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    // The CLI exits 1 when entities and migrations agree; for us that is the good outcome.
    const unchanged = /No changes in database schema were found/.test(result.stdout ?? "");
    status = unchanged ? 0 : (result.status ?? 1);
  } finally {
    await database.close();
  }
  process.exit(status);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
