/** The DataSource the TypeORM CLI uses (`migration:generate`); it needs DATABASE_URL (the npm scripts set it). */
import "reflect-metadata";
import { loadConfig } from "./src/config/config";
import { createDataSource } from "./src/db/data-source";

const { databaseUrl } = loadConfig();
if (!databaseUrl) throw new Error("ormconfig: DATABASE_URL is not set (use `npm run migration:generate`)");

export default createDataSource({ url: databaseUrl });
