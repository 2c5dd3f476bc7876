/**
 * A new user's first run: no DATABASE_URL, no Azure variables, no ADMIN_API_KEY. `npm start` must print the
 * URLs, an admin key (kept in DATA_DIR, mode 0600) and example queries, and the first example must return
 * installations of several agents within 60 s of start. After that first sync, /metrics carries its
 * series for the operator.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

describe("demo mode on a fresh machine", () => {
  let child: ChildProcess | undefined;
  let graphqlUrl = "";
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child!.once("exit", resolve));
    }
  });

  it("prints the URLs, a key and example queries, and the first query finds several agents within 60 s", async () => {
    const started = Date.now();
    const dataDir = mkdtempSync(path.join(tmpdir(), "agent-inventory-demo-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "warn",
    };
    for (const name of [
      "DATABASE_URL",
      "TEST_DATABASE_URL",
      "ADMIN_API_KEY",
      "AZURE_CLIENT_ID",
      "AZURE_CLIENT_SECRET",
      "AZURE_TENANT_ID",
    ]) {
      delete env[name];
    }
    child = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    while (!/Example queries[\s\S]*3\. /.test(output) || !output.trimEnd().endsWith("'")) {
      if (Date.now() - started > 60_000) throw new Error(`no banner within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    graphqlUrl = /GraphQL:\s+(\S+)/.exec(output)![1];
    const key = /Admin key:\s+(aik_\S+)/.exec(output)![1];
    expect(output).toContain(
      `Playground:  ${/(http:\/\/localhost:\d+)/.exec(output)![1]}/graphql#key=${key}`,
    );
    // Printed this once; kept for later starts in a file only its owner can read.
    const keyFile = path.join(dataDir, "demo-admin-key");
    expect(readFileSync(keyFile, "utf8").trim()).toBe(key);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const firstQuery = JSON.parse(/-d '(\{"query".*?\})'/.exec(output)![1]) as { query: string };

    let agents = new Set<string>();
    while (agents.size < 3) {
      expect(Date.now() - started).toBeLessThan(60_000);
      const response = await fetch(graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify(firstQuery),
      });
      const body = (await response.json()) as any;
      expect(body.errors).toBeUndefined();
      const nodes = body.data.tenants.nodes[0]?.installations.nodes ?? [];
      agents = new Set(nodes.map((n: { agent: { name: string } }) => n.agent.name));
      if (agents.size < 3) await new Promise((r) => setTimeout(r, 500));
    }
    expect(agents.size).toBeGreaterThanOrEqual(3);
  });

  it("shows the first sync in /metrics: runs by outcome, duration, rows per source, installations, last success, budget", async () => {
    expect(graphqlUrl).not.toBe("");
    // The first sync may still be writing when the first query sees its devices: wait for its outcome.
    const finished = /sync_runs_total\{tenant_id="([0-9a-f-]{36})",status="SUCCEEDED"\} 1/;
    let metrics = "";
    for (const until = Date.now() + 90_000; !finished.test(metrics) && Date.now() < until;) {
      metrics = await (await fetch(graphqlUrl.replace(/\/graphql$/, "/metrics"))).text();
      if (!finished.test(metrics)) await new Promise((r) => setTimeout(r, 500));
    }
    const tenant = finished.exec(metrics)?.[1];
    expect(tenant).toBeDefined();
    for (const series of [
      `sync_duration_seconds_count{tenant_id="${tenant}",status="SUCCEEDED"} 1`,
      `sync_source_rows_read_total{tenant_id="${tenant}",source="machines"}`,
      `sync_source_throttled_calls_total{tenant_id="${tenant}",source="machines"} 0`,
      `sync_last_success_timestamp_seconds{tenant_id="${tenant}"}`,
      `inventory_installations{tenant_id="${tenant}",status="ACTIVE"}`,
      `defender_rate_budget_remaining{tenant_id="`,
    ]) {
      expect(metrics).toContain(series);
    }
    const machines = new RegExp(
      `sync_source_rows_read_total\\{tenant_id="${tenant}",source="machines"\\} (\\d+)`,
    );
    expect(Number(machines.exec(metrics)![1])).toBeGreaterThan(0);
  });
});
