/**
 * The built service as a user starts it: no DATABASE_URL (embedded PostgreSQL under DATA_DIR), ready
 * within 20 s, surviving a `kill -9` and stopping cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADMIN_KEY } from "../support/service";

const ROOT = path.resolve(__dirname, "../..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function startService(dataDir: string, port: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: "warn",
  };
  for (const name of ["DATABASE_URL", "TEST_DATABASE_URL", "AZURE_CLIENT_ID", "AZURE_TENANT_ID"])
    delete env[name];
  return spawn(process.execPath, ["dist/src/main.js"], { cwd: ROOT, env, stdio: "ignore" });
}

async function waitReady(port: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready within ${timeoutMs} ms`);
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve(child.exitCode)
      : child.once("exit", resolve),
  );

function postmasterAlive(dataDir: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("starting the service on the embedded database", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "agent-inventory-e2e-"));
  let port: number;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited(child);
    }
  });

  it("is ready within 20 s and knows ADMIN_API_KEY as PLATFORM_ADMIN", async () => {
    child = startService(dataDir, port);
    await waitReady(port, 20_000);
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query: "{ viewer { role } }" }),
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({
      viewer: { role: "PLATFORM_ADMIN" },
    });
  });

  it("starts again after a kill -9 left its PostgreSQL running", async () => {
    child!.kill("SIGKILL");
    await exited(child!);
    expect(postmasterAlive(dataDir)).toBe(true);
    child = startService(dataDir, port);
    await waitReady(port, 20_000);
  });

  it("stops its PostgreSQL and exits 0 on SIGTERM", async () => {
    child!.kill("SIGTERM");
    expect(await exited(child!)).toBe(0);
    expect(postmasterAlive(dataDir)).toBe(false);
  });
});
