import { dropDatabase } from "../src/db/database";

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.AI_TEST_SERVER_URL;
  const template = process.env.AI_TEST_TEMPLATE;
  if (serverUrl && template) await dropDatabase(serverUrl, template).catch(() => undefined);
  await globalThis.__embeddedPostgres?.stop();
}
