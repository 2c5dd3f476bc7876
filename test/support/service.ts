/** Starts the whole service in-process on a fresh database, and speaks GraphQL to it over HTTP. */
import type { DestinationStream } from "pino";
import { loadConfig } from "../../src/config/config";
import { createLogger } from "../../src/config/logger";
import { startService, type RunningService, type ServiceOptions } from "../../src/service";
import { createTestDatabase, type TestDatabase } from "./database";

/** ADMIN_API_KEY of the tests: configured keys need at least 32 characters. */
export const ADMIN_KEY = "test-admin-key-0123456789abcdefghijklmnop";

export interface TestService {
  url: string;
  service: RunningService;
  database: TestDatabase;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; requestId?: string } }>;
}

/** A log destination that keeps every line, parsed (pass LOG_LEVEL to let lines through). */
export function captureLogs(): {
  lines: Array<{ level: number; msg: string }>;
  destination: DestinationStream;
} {
  const lines: Array<{ level: number; msg: string }> = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

export interface TestServiceSetup {
  /** Another service's database: this instance shares it and leaves dropping it to its owner. */
  database?: TestDatabase;
  /** Where the service's log lines go (to read what it logged). */
  logs?: DestinationStream;
}

export async function startTestService(
  env: Record<string, string> = {},
  options: ServiceOptions = {},
  setup: TestServiceSetup = {},
): Promise<TestService> {
  const database = setup.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    DATABASE_URL: database.url,
    ADMIN_API_KEY: ADMIN_KEY,
    PROCESS_ROLES: "api",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    // An application that is never called unless a test points it at a simulator; keeps demo mode off.
    AZURE_CLIENT_ID: "00000000-0000-4000-8000-000000000001",
    AZURE_CLIENT_SECRET: "unused-in-this-test",
    AZURE_AUTHORITY_HOST: "https://login.invalid",
    ...env,
  });
  const service = await startService(config, createLogger(config.logLevel, setup.logs), options);
  const url = service.url!;
  return {
    url,
    service,
    database,
    async gql(query, variables, key = ADMIN_KEY) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async stop() {
      await service.stop();
      if (!setup.database) await database.drop();
    },
  };
}
