import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("applies the contract's defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      dataDir: "./.data",
      authorityHost: "https://login.microsoftonline.com",
      defenderApiUrl: "https://api.security.microsoft.com",
      defenderScope: "https://api.securitycenter.microsoft.com/.default",
      graphApiUrl: "https://graph.microsoft.com",
      syncIntervalMinutes: 60,
      staleDeviceDays: 30,
      roles: ["api", "worker"],
      apiStatementTimeoutMs: 30_000,
      rateLimits: { perKey: 600, perAddress: 1200, authFailuresPerAddress: 30 },
      trustProxyHops: 0,
      logLevel: "info",
      graphiql: true,
    });
    expect(config.azure).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: "eighty" }, /PORT/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: expected a postgres/],
    [
      { AZURE_CLIENT_ID: "not-a-guid", AZURE_CLIENT_SECRET: "s" },
      /AZURE_CLIENT_ID: expected the application/,
    ],
    [
      { AZURE_CLIENT_ID: "11111111-1111-1111-1111-111111111111" },
      /AZURE_CLIENT_SECRET: AZURE_CLIENT_ID is set/,
    ],
    [{ AZURE_AUTHORITY_HOST: "http://login.example" }, /AZURE_AUTHORITY_HOST must be an https/],
    [{ PROCESS_ROLES: "api,scheduler" }, /PROCESS_ROLES/],
    [{ SYNC_INTERVAL_MINUTES: "0" }, /SYNC_INTERVAL_MINUTES/],
    [{ RATE_LIMIT_KEY_PER_MINUTE: "-1" }, /RATE_LIMIT_KEY_PER_MINUTE: expected 0 \(off\)/],
    [{ API_STATEMENT_TIMEOUT_MS: "0" }, /API_STATEMENT_TIMEOUT_MS/],
  ])("rejects %j with a message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("never echoes a secret in the error", () => {
    expect(() => loadConfig({ ADMIN_API_KEY: "short" })).toThrow(
      /^Invalid configuration: ADMIN_API_KEY: [^"]*$/,
    );
  });

  it("refuses an ADMIN_API_KEY shorter than 32 characters, in one line", () => {
    const twelve = "abcdefghijkl";
    expect(() => loadConfig({ ADMIN_API_KEY: twelve })).toThrow(
      /^Invalid configuration: ADMIN_API_KEY: expected at least 32 characters[^\n]*$/,
    );
    expect(() => loadConfig({ ADMIN_API_KEY: twelve })).not.toThrow(new RegExp(twelve));
    expect(loadConfig({ ADMIN_API_KEY: "k".repeat(32) }).adminApiKey).toBe("k".repeat(32));
  });

  it("turns a rate limit off with 0", () => {
    expect(loadConfig({ RATE_LIMIT_ADDRESS_PER_MINUTE: "0" }).rateLimits.perAddress).toBe(0);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ AZURE_CLIENT_ID: "", PORT: "" })).toMatchObject({ azure: undefined, port: 4000 });
  });

  it("turns GraphiQL off in production unless asked for", () => {
    expect(loadConfig({ NODE_ENV: "production" }).graphiql).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", GRAPHIQL: "true" }).graphiql).toBe(true);
  });

  it("reads the Azure application and single-organization tenant", () => {
    const config = loadConfig({
      AZURE_CLIENT_ID: "11111111-1111-1111-1111-111111111111",
      AZURE_CLIENT_SECRET: "secret",
      AZURE_TENANT_ID: "22222222-2222-2222-2222-222222222222",
      PROCESS_ROLES: "worker",
    });
    expect(config.azure).toEqual({
      clientId: "11111111-1111-1111-1111-111111111111",
      clientSecret: "secret",
    });
    expect(config.singleTenantId).toBe("22222222-2222-2222-2222-222222222222");
    expect(config.roles).toEqual(["worker"]);
  });

  it("reads the outbound proxy in either case", () => {
    expect(loadConfig({ HTTPS_PROXY: "http://proxy:3128", NO_PROXY: "localhost" })).toMatchObject({
      httpsProxy: "http://proxy:3128",
      noProxy: "localhost",
    });
    expect(loadConfig({ https_proxy: "http://p:8080" }).httpsProxy).toBe("http://p:8080");
    expect(loadConfig({}).httpsProxy).toBeUndefined();
  });
});
