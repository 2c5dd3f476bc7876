import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../config/config";
import { connectorSettingsFromConfig, createDefenderConnector } from "./connector";

const CLIENT = "11111111-1111-1111-1111-111111111111";

describe("connectorSettingsFromConfig", () => {
  it("carries the configured endpoints, scope, hunting mode, proxy and secret", async () => {
    const config = loadConfig({
      AZURE_CLIENT_ID: CLIENT,
      AZURE_CLIENT_SECRET: "s3cret",
      AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us",
      DEFENDER_API_URL: "https://api-gov.securitycenter.microsoft.us",
      GRAPH_API_URL: "https://graph.microsoft.us",
      HUNTING_API: "legacy",
      HTTPS_PROXY: "http://proxy:3128",
      NO_PROXY: "localhost",
    });
    expect(await connectorSettingsFromConfig(config)).toMatchObject({
      clientId: CLIENT,
      credential: { clientSecret: "s3cret" },
      authorityHost: "https://login.microsoftonline.us",
      defenderApiUrl: "https://api-gov.securitycenter.microsoft.us",
      graphApiUrl: "https://graph.microsoft.us",
      defenderScope: "https://api.securitycenter.microsoft.com/.default",
      huntingApi: "legacy",
      httpsProxy: "http://proxy:3128",
      noProxy: "localhost",
    });
  });

  it("reads the certificate PEM file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "connector-"));
    const file = path.join(dir, "app.pem");
    await writeFile(file, "PEM CONTENT");
    const config = loadConfig({ AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_CERTIFICATE_PATH: file });
    expect((await connectorSettingsFromConfig(config)).credential).toEqual({ certificatePem: "PEM CONTENT" });
  });

  it("refuses demo-mode configuration (no application)", async () => {
    await expect(connectorSettingsFromConfig(loadConfig({}))).rejects.toThrow(/AZURE_CLIENT_ID/);
  });
});

describe("createDefenderConnector", () => {
  it("builds per-tenant clients over one token provider", async () => {
    const connector = createDefenderConnector({
      clientId: CLIENT,
      credential: { clientSecret: "s" },
      authorityHost: "https://login.microsoftonline.com",
      defenderApiUrl: "https://api.security.microsoft.com",
      graphApiUrl: "https://graph.microsoft.com",
    });
    const a = connector.client("00000000-0000-0000-0000-00000000000a");
    const b = connector.client("00000000-0000-0000-0000-00000000000b");
    expect([a.tenantId, b.tenantId]).toEqual([
      "00000000-0000-0000-0000-00000000000a",
      "00000000-0000-0000-0000-00000000000b",
    ]);
    expect(a.snapshot()).toEqual({ calls: 0, throttled: 0, retries: 0, rowsRead: 0, rowsSkipped: 0 });
    await connector.close();
  });
});
