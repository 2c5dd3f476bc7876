// The installation exports at 100,000 installations: the service (API only, in this process) streams CSV,
// NDJSON and a fleet CycloneDX document of a seeded tenant while memory is sampled every 20 ms; a tenant of
// 10,000 installations is exported the same way, so the peak's growth with the export's size shows.
// Seeds by set-based SQL on DATABASE_URL's server (else an embedded PostgreSQL). Run with --expose-gc.
// Last line of output: one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { loadConfig } from "../src/config/config";
import { createLogger } from "../src/config/logger";
import { dropDatabase, ensureDatabase } from "../src/db/database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../src/db/embedded-postgres";
import { toGlobalId } from "../src/graphql/relay";
import { startService } from "../src/service";

const ADMIN_KEY = "bench-export-admin-key-0123456789abcdefghij";
const LARGE = 100_000;
const SMALL = 10_000;
const MB = 1024 * 1024;

/** A tenant with `installations` installations (4 agents on each of installations/4 devices, a user each). */
async function seedTenant(databaseUrl: string, name: string, installations: number): Promise<string> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const [{ id }] = (await db.query(`INSERT INTO tenant (name) VALUES ($1) RETURNING id`, [name])).rows;
    await db.query(`INSERT INTO defender_integration (tenant_id, status) VALUES ($1, 'CONNECTED')`, [id]);
    const devices = installations / 4;
    await db.query(
      `INSERT INTO device (tenant_id, defender_id, name, os_platform, tags, first_seen_at, last_seen_at)
       SELECT $1, 'm' || g, 'host-' || g || '.contoso.com', (ARRAY['Windows11', 'macOS', 'Linux'])[1 + g % 3],
              '{}', now() - interval '1 day', now() FROM generate_series(1, $2::int) AS g`,
      [id, devices],
    );
    await db.query(
      `INSERT INTO user_account (tenant_id, identity_key, upn, account_name)
       SELECT $1, 'u' || g, 'user' || g || '@contoso.com', 'user' || g FROM generate_series(1, $2::int) AS g`,
      [id, devices],
    );
    await db.query(
      `WITH agents AS (SELECT array_agg(id ORDER BY key) AS ids FROM agent WHERE key IN ('cursor', 'claude-code', 'github-copilot', 'ollama'))
       INSERT INTO installation (tenant_id, device_id, agent_id, user_id, channel, version, status, first_seen_at,
         last_seen_at, evidence)
       SELECT d.tenant_id, d.id, agents.ids[a], u.id, 'DESKTOP_APP', '1.' || a || '.' || (k % 50), 'ACTIVE',
         now() - interval '1 minute' * k, now(),
         jsonb_build_array(jsonb_build_object('source', 'SOFTWARE_INVENTORY',
           'identifiers', jsonb_build_object('softwareVendor', 'vendor', 'softwareName', 'product-' || a),
           'confidence', 0.95, 'catalogVersion', '2026.11.1', 'firstSeenAt', '2026-11-01T00:00:00.000Z',
           'lastSeenAt', '2026-12-01T00:00:00.000Z'))
       FROM device d CROSS JOIN agents CROSS JOIN generate_series(1, 4) AS a
       CROSS JOIN LATERAL (SELECT substring(d.defender_id FROM 2)::int AS k) n
       JOIN user_account u ON u.tenant_id = d.tenant_id AND u.identity_key = 'u' || n.k
       WHERE d.tenant_id = $1`,
      [id],
    );
    await db.query(`ANALYZE device; ANALYZE user_account; ANALYZE installation`);
    return id as string;
  } finally {
    await db.end();
  }
}

/** Reads the whole response without keeping it, sampling this process's memory meanwhile. */
async function measure(url: string) {
  global.gc?.();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heapUsed: base.heapUsed, retained: base.heapUsed };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  }, 20);
  // What the heap holds after a collection: garbage not yet collected is not memory the export keeps.
  const collector = setInterval(() => {
    global.gc?.();
    peak.retained = Math.max(peak.retained, process.memoryUsage().heapUsed);
  }, 250);
  const started = Date.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  clearInterval(sampler);
  clearInterval(collector);
  return {
    seconds: Math.round((Date.now() - started) / 100) / 10,
    mb: Math.round((bytes / MB) * 10) / 10,
    lines,
    peakRssMb: Math.round(peak.rss / MB),
    peakHeapUsedMb: Math.round(peak.heapUsed / MB),
    heapGrowthMb: Math.round((peak.heapUsed - base.heapUsed) / MB),
    retainedHeapGrowthMb: Math.round((peak.retained - base.heapUsed) / MB),
  };
}

async function main(): Promise<void> {
  const logger = createLogger("warn");
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = mkdtempSync(path.join(tmpdir(), "agent-inventory-bench-"));
    embedded = await startEmbeddedPostgres(dataDir, logger);
    serverUrl = embedded.url;
  }
  const name = "agent_inventory_bench_export";
  await dropDatabase(serverUrl, name);
  const databaseUrl = await ensureDatabase(serverUrl, name);
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    ADMIN_API_KEY: ADMIN_KEY,
    PROCESS_ROLES: "api",
    LOG_LEVEL: "warn",
    AZURE_CLIENT_ID: "00000000-0000-4000-8000-000000000001",
    AZURE_CLIENT_SECRET: "unused-in-this-benchmark",
    AZURE_AUTHORITY_HOST: "https://login.invalid",
    RATE_LIMIT_KEY_PER_MINUTE: "0",
    RATE_LIMIT_ADDRESS_PER_MINUTE: "0",
  });
  const service = await startService(config, logger);
  try {
    const large = await seedTenant(databaseUrl, "Large", LARGE);
    const small = await seedTenant(databaseUrl, "Small", SMALL);
    const route = (tenant: string, file: string) =>
      `${service.url}/exports/${file}?tenantId=${encodeURIComponent(toGlobalId("Tenant", null, tenant))}`;
    // One warm-up export, so both measured sizes start from a warmed process.
    await measure(route(small, "installations.ndjson"));
    const results = {
      csv: await measure(route(large, "installations.csv")),
      ndjson: await measure(route(large, "installations.ndjson")),
      cycloneDx: await measure(route(large, "cyclonedx.json")),
      csvSmall: await measure(route(small, "installations.csv")),
    };
    for (const [part, figures] of Object.entries(results)) console.log(part, JSON.stringify(figures));
    // Peak heap counts garbage the collector had not reached yet; the retained growth is what the export holds.
    console.log(
      JSON.stringify({
        bench: "export",
        installations: LARGE,
        csvPeakRssMb: results.csv.peakRssMb,
        csvPeakHeapUsedMb: results.csv.peakHeapUsedMb,
        csvHeapGrowthMb: results.csv.heapGrowthMb,
        csvRetainedHeapGrowthMb: results.csv.retainedHeapGrowthMb,
        csvRetainedHeapGrowthMbAt10k: results.csvSmall.retainedHeapGrowthMb,
        csvSeconds: results.csv.seconds,
        csvMb: results.csv.mb,
        csvRows: results.csv.lines - 1,
        ndjsonPeakRssMb: results.ndjson.peakRssMb,
        ndjsonRetainedHeapGrowthMb: results.ndjson.retainedHeapGrowthMb,
        ndjsonSeconds: results.ndjson.seconds,
        ndjsonRows: results.ndjson.lines,
        cycloneDxPeakRssMb: results.cycloneDx.peakRssMb,
        cycloneDxSeconds: results.cycloneDx.seconds,
      }),
    );
  } finally {
    await service.stop();
    await dropDatabase(serverUrl, name);
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
