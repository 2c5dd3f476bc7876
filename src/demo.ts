/**
 * Demo mode's start-up wiring (no AZURE_CLIENT_ID): the Defender simulator runs in-process and a
 * "Contoso (demo)" tenant is connected through the very consent flow production uses — the
 * administrator's sign-in on the simulator's Entra, our callback, admin consent, our callback again, a
 * token, the first sync. `main.ts` injects the simulator, so only start-up wiring ever starts it.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { fetch } from "undici";
import type { Config } from "./config/config";
import { createDispatcher } from "./defender";
import type { Caller } from "./model/caller";
import { ApiKeyOrigin, Role } from "./model/enums";
import { generateSecret, newKeyPrefix, type ApiKeyService, type Services } from "./services";
import type { Store, TenantRow } from "./store";

export const DEMO_TENANT_NAME = "Contoso (demo)";
const DEMO_SEED = 42;

export interface DemoSimulator {
  url: string;
  ca: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export type StartDemoSimulator = (options: {
  devices: number;
  seed: number;
  consented: boolean;
  certDir: string;
}) => Promise<DemoSimulator>;

/** Is the demo tenant already connected (a restart)? Then the simulator must accept its tokens at once. */
export function demoTenantConnected(store: Store): Promise<boolean> {
  return store.integrations.connectedByTenantName(DEMO_TENANT_NAME);
}

export async function startDemoSimulator(
  config: Config,
  start: StartDemoSimulator,
  connected: boolean,
): Promise<{ simulator: DemoSimulator; config: Config }> {
  const simulator = await start({
    devices: config.demoDevices,
    seed: DEMO_SEED,
    consented: connected,
    certDir: path.join(path.resolve(config.dataDir), "simulator"),
  });
  return {
    simulator,
    config: {
      ...config,
      azure: { clientId: simulator.clientId, clientSecret: simulator.clientSecret },
      authorityHost: simulator.url,
      defenderApiUrl: simulator.url,
      graphApiUrl: simulator.url,
    },
  };
}

/** The demo's admin key, and how the banner may point the user to it (never printing a configured one). */
export interface DemoAdminKey {
  keyId: string;
  source:
    | { kind: "configured" }
    | { kind: "generated"; secret: string; file: string }
    | { kind: "saved"; file: string };
}

/**
 * ADMIN_API_KEY when set; else a key generated at first start, written to DATA_DIR/demo-admin-key (mode
 * 0600) and shown once. Later starts read that file and never print it.
 */
export async function demoAdminKey(config: Config, apiKeys: ApiKeyService): Promise<DemoAdminKey> {
  if (config.adminApiKey) {
    const { key } = await apiKeys.ensureConfiguredKey(config.adminApiKey, ApiKeyOrigin.ADMIN_API_KEY);
    return { keyId: key.id, source: { kind: "configured" } };
  }
  const file = path.join(path.resolve(config.dataDir), "demo-admin-key");
  if (existsSync(file)) {
    const { key } = await apiKeys.ensureConfiguredKey(
      (await readFile(file, "utf8")).trim(),
      ApiKeyOrigin.DEMO,
    );
    return { keyId: key.id, source: { kind: "saved", file } };
  }
  const prefix = newKeyPrefix();
  const secret = generateSecret(prefix);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  const { key } = await apiKeys.ensureConfiguredKey(secret, ApiKeyOrigin.DEMO, prefix);
  return { keyId: key.id, source: { kind: "generated", secret, file } };
}

/** Creates the demo tenant if needed and, unless it is connected, runs admin consent against the simulator. */
export async function connectDemoTenant(options: {
  store: Store;
  integrations: Services["integrations"];
  simulator: DemoSimulator;
  actorKeyId: string;
  logger: Logger;
}): Promise<TenantRow> {
  const { store, integrations, simulator, logger } = options;
  const tenant =
    (await store.tenants.byName(DEMO_TENANT_NAME)) ?? (await store.tenants.create(DEMO_TENANT_NAME));
  if (await demoTenantConnected(store)) return tenant;

  const caller: Caller = { keyId: options.actorKeyId, role: Role.PLATFORM_ADMIN, tenantId: null };
  const { consentUrl } = await integrations.connect(caller, tenant.id);
  logger.info(
    "demo: the simulated administrator signs in and grants admin consent (the same flow a real administrator follows)",
  );
  // A browser's walk: sign-in → our callback → admin consent → our callback, following each redirect.
  const dispatcher = createDispatcher({ trustCa: simulator.ca });
  try {
    const page = await fetch(consentUrl, { redirect: "follow", dispatcher });
    if (!page.ok) throw new Error(`the consent flow ended with ${page.status}: ${await page.text()}`);
  } finally {
    await dispatcher.close();
  }
  return tenant;
}

/**
 * The playground's address; with the generated key in its fragment (`#key=`), which browsers keep to
 * themselves and the page moves into its headers box. A configured or saved key is never printed.
 */
export function playgroundLink(publicUrl: string, admin: DemoAdminKey["source"]): string {
  const page = `${publicUrl}/graphql`;
  return admin.kind === "generated" ? `${page}#key=${encodeURIComponent(admin.secret)}` : page;
}

/** Draws a frame around lines, so the banner stands out from the log lines around it. */
export function framed(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = "═".repeat(width + 2);
  return [`╔${rule}╗`, ...lines.map((line) => `║ ${line.padEnd(width)} ║`), `╚${rule}╝`].join("\n");
}

/**
 * What a new user needs to see: where to go and what to ask. A configured secret is never printed.
 * The links and the key come framed; the example commands follow unframed, so they copy cleanly.
 */
export function demoBanner(
  url: string,
  publicUrl: string,
  admin: DemoAdminKey["source"],
  firstSyncDone = true,
): string {
  const example = (query: string) =>
    `curl -s ${url}/graphql -H 'content-type: application/json' -H "authorization: Bearer $AGENT_INVENTORY_KEY" \\\n` +
    `    -d '${JSON.stringify({ query })}'`;
  const keyLine = {
    configured: "the value of ADMIN_API_KEY",
    generated: admin.kind === "generated" ? admin.secret : "",
    saved: admin.kind === "saved" ? `saved in ${admin.file} (readable only by you)` : "",
  }[admin.kind];
  const playgroundHint =
    admin.kind === "generated"
      ? "open in a browser: the key is in the link's #fragment, never sent to the server"
      : "open in a browser and put the admin key in the Headers box";
  const exported =
    admin.kind === "configured"
      ? 'export AGENT_INVENTORY_KEY="$ADMIN_API_KEY"'
      : `export AGENT_INVENTORY_KEY="$(cat '${admin.file}')"`;
  return [
    "",
    framed([
      'agent-inventory is running in demo mode (Defender simulator, tenant "Contoso (demo)").',
      "",
      `Playground:  ${playgroundLink(publicUrl, admin)}`,
      `             (${playgroundHint})`,
      `GraphQL:     ${url}/graphql`,
      `Admin key:   ${keyLine}`,
      ...(admin.kind === "generated"
        ? [`             (shown this once; also saved in ${admin.file}, readable only by you)`]
        : []),
    ]),
    "",
    firstSyncDone
      ? "Example queries (the first sync has finished):"
      : "Example queries (the first sync is still running; its progress is logged):",
    "",
    exported,
    "",
    "1. Installations of AI coding agents, with device and user:",
    example(
      "{ tenants(first: 1) { nodes { name installations(first: 10) { totalCount nodes { agent { name } version device { name } user { upn } } } } } }",
    ),
    "",
    "2. Which agents, how many installations each:",
    example(
      "{ tenants(first: 1) { nodes { summary { byAgent { agent { name } installations devices } } } } }",
    ),
    "",
    "3. The integration and the last syncs:",
    example(
      "{ tenants(first: 1) { nodes { integration { status lastSyncAt } syncRuns(first: 3) { nodes { status trigger stats { devices installationsNew } } } } } }",
    ),
    "",
  ].join("\n");
}
