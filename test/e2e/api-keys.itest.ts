/**
 * API keys across processes, over HTTP: revocation heard by a second service instance on the same
 * database within a second (LISTEN/NOTIFY, also after its listening connection is cut), ADMIN_API_KEY
 * rotation, a too-short ADMIN_API_KEY refused at start, expiry, public ids that are no part of a secret,
 * and no key material in the logs of a failed write.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fromGlobalId } from "../../src/graphql/relay";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ADMIN_KEY, startTestService, type TestService } from "../support/service";

const ROOT = path.resolve(__dirname, "../..");
const SECOND_ADMIN_KEY = "rotated-admin-key-abcdefghijklmnopqrstuvwxyz";
const VIEWER = `{ viewer { role } }`;

/** Polls until `check` holds, for at most `withinMs`; returns how long it took. */
async function within(withinMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("API keys across two service instances on one database", () => {
  let database: TestDatabase;
  let first: TestService;
  let second: TestService;
  let tenant: string;

  const createKey = async (role = "ADMIN") => {
    const result = await first.gql<any>(
      `mutation($t: ID!, $r: Role!) { createApiKey(input: { tenantId: $t, name: "k", role: $r }) { apiKey { id prefix } secret } }`,
      { t: tenant, r: role },
    );
    return result.data.createApiKey as { apiKey: { id: string; prefix: string }; secret: string };
  };
  const revoke = (id: string) =>
    first.gql<any>(`mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } } }`, {
      id,
    });
  const listeners = async () =>
    Number(
      (
        await database.dataSource.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'agent-inventory:key-changes'`,
        )
      )[0].n,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestService({}, {}, { database });
    second = await startTestService({}, {}, { database });
    tenant = (await first.gql<any>(`mutation { createTenant(input: { name: "Keys" }) { tenant { id } } }`))
      .data.createTenant.tenant.id;
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await database?.drop();
  });

  it("refuses a key revoked in the first instance in the second within a second, even to mint a new key", async () => {
    const { apiKey, secret } = await createKey();
    // The second instance has the key cached as valid (for 30 s) before it is revoked.
    expect((await second.gql<any>(VIEWER, undefined, secret)).data.viewer.role).toBe("ADMIN");
    expect((await revoke(apiKey.id)).data.revokeApiKey.apiKey.revokedAt).not.toBeNull();
    await within(1_000, async () => (await second.gql(VIEWER, undefined, secret)).status === 401);
    const minted = await second.gql<any>(
      `mutation($t: ID!) { createApiKey(input: { tenantId: $t, name: "escape", role: ADMIN }) { secret } }`,
      { t: tenant },
      secret,
    );
    expect(minted.status).toBe(401);
    expect(minted.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("hears of revocations again after its listening connection is cut", async () => {
    expect(await listeners()).toBe(2);
    await database.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'agent-inventory:key-changes'`,
    );
    await within(10_000, async () => (await listeners()) === 2);
    const { apiKey, secret } = await createKey("VIEWER");
    expect((await second.gql(VIEWER, undefined, secret)).status).toBe(200);
    await revoke(apiKey.id);
    await within(1_000, async () => (await second.gql(VIEWER, undefined, secret)).status === 401);
  });

  it("stops accepting a key once its expiry has passed, whichever instance set it", async () => {
    const { apiKey, secret } = await createKey("VIEWER");
    expect((await second.gql(VIEWER, undefined, secret)).status).toBe(200);
    await database.dataSource.query(
      `UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [fromGlobalId(apiKey.id)!.key],
    );
    await within(1_000, async () => (await second.gql(VIEWER, undefined, secret)).status === 401);
  });

  it("takes an expiry in the future only", async () => {
    const expiring = await first.gql<any>(
      `mutation($t: ID!, $e: DateTime) { createApiKey(input: { tenantId: $t, name: "temp", role: VIEWER, expiresAt: $e }) { apiKey { expiresAt } secret userErrors { field code } } }`,
      { t: tenant, e: new Date(Date.now() + 3_600_000).toISOString() },
    );
    expect(expiring.data.createApiKey.apiKey.expiresAt).not.toBeNull();
    expect((await second.gql(VIEWER, undefined, expiring.data.createApiKey.secret)).status).toBe(200);
    const past = await first.gql<any>(
      `mutation($t: ID!, $e: DateTime) { createApiKey(input: { tenantId: $t, name: "old", role: VIEWER, expiresAt: $e }) { secret userErrors { field code } } }`,
      { t: tenant, e: new Date(Date.now() - 1_000).toISOString() },
    );
    expect(past.data.createApiKey).toEqual({
      secret: null,
      userErrors: [{ field: ["expiresAt"], code: "BAD_USER_INPUT" }],
    });
  });

  it("gives every key a random public id that is no part of its secret", async () => {
    const { apiKey, secret } = await createKey("VIEWER");
    expect(apiKey.prefix).toMatch(/^[0-9a-f]{12}$/);
    expect(secret.startsWith(`aik_${apiKey.prefix}_`)).toBe(true);
    expect(secret.slice(`aik_${apiKey.prefix}_`.length)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const platform = await first.gql<any>(`{ viewer { apiKey { prefix } } }`);
    const adminPrefix = platform.data.viewer.apiKey.prefix as string;
    expect(adminPrefix).toMatch(/^[0-9a-f]{12}$/);
    expect(ADMIN_KEY).not.toContain(adminPrefix);
  });
});

describe("ADMIN_API_KEY", () => {
  it("revokes the key of its previous value when it changes", async () => {
    const database = await createTestDatabase();
    try {
      const before = await startTestService({}, {}, { database });
      expect((await before.gql<any>(VIEWER)).data.viewer.role).toBe("PLATFORM_ADMIN");
      await before.stop();
      const after = await startTestService({ ADMIN_API_KEY: SECOND_ADMIN_KEY }, {}, { database });
      try {
        const old = await after.gql(VIEWER, undefined, ADMIN_KEY);
        expect(old.status).toBe(401);
        expect((await after.gql<any>(VIEWER, undefined, SECOND_ADMIN_KEY)).data.viewer.role).toBe(
          "PLATFORM_ADMIN",
        );
        const [row] = await database.dataSource.query(
          `SELECT count(*) FILTER (WHERE revoked_at IS NULL) AS working, count(*) AS total FROM api_key WHERE origin = 'ADMIN_API_KEY'`,
        );
        expect(row).toEqual({ working: "1", total: "2" });
      } finally {
        await after.stop();
      }
    } finally {
      await database.drop();
    }
  });

  it("stops the start with one line when it is shorter than 32 characters, never echoing it", async () => {
    const twelve = "abcdefghijkl";
    const child = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      env: {
        ...process.env,
        ADMIN_API_KEY: twelve,
        PORT: "0",
        LOG_LEVEL: "warn",
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "agent-inventory-short-key-")),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // A service that accepted the key would run on: stop it rather than wait for the test's timeout.
    const guard = setTimeout(() => child.kill("SIGTERM"), 20_000);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(guard);
    expect(code).toBe(1);
    expect(output.trim().split("\n")).toEqual([
      expect.stringMatching(/^Invalid configuration: ADMIN_API_KEY: expected at least 32 characters/),
    ]);
    expect(output).not.toContain(twelve);
  });
});

describe("a failed key write", () => {
  it("logs the failure without the key's secret or hash", async () => {
    let logs = "";
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    const api = await startTestService({ LOG_LEVEL: "error" }, {}, { logs: sink });
    try {
      const tenant = (
        await api.gql<any>(`mutation { createTenant(input: { name: "Fail" }) { tenant { id } } }`)
      ).data.createTenant.tenant.id;
      await api.database.dataSource.query(
        `ALTER TABLE api_key ADD CONSTRAINT refuse_doomed CHECK (name <> 'doomed')`,
      );
      const result = await api.gql<any>(
        `mutation($t: ID!) { createApiKey(input: { tenantId: $t, name: "doomed", role: VIEWER }) { secret } }`,
        { t: tenant },
      );
      expect(result.errors?.[0].extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      await within(2_000, async () => logs.includes("unexpected GraphQL error"));
      expect(logs).toContain("could not be stored (PostgreSQL error 23514)");
      expect(logs).not.toMatch(/[0-9a-f]{64}/);
      expect(logs).not.toContain("aik_");
    } finally {
      await api.stop();
    }
  });
});
