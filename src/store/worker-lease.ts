/**
 * A sync worker's liveness as PostgreSQL sees it: a session-level advisory lock that the worker holds on
 * a connection of its own. The lock ends with the session, at once, when the process dies (kill -9, a
 * crash, a lost host), so a RUNNING run whose worker holds no lease is known dead without waiting for its
 * heartbeat to age.
 */
import { Client } from "pg";
import type { Logger } from "../config/logger";

/** First key of every lease lock; the second is `hashtext(worker id)`. */
export const LEASE_LOCK_CLASS = 0x4149_4c57;

/** SQL: is the worker named by `workerIdExpr` holding its lease in this database? */
export const LEASE_HELD = (workerIdExpr: string): string =>
  `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.classid = ${LEASE_LOCK_CLASS}::oid AND l.objid = hashtext(${workerIdExpr})::oid AND l.objsubid = 2)`;

export class WorkerLease {
  private client: Client | null = null;
  private acquiring: Promise<void> | undefined;

  constructor(
    private readonly databaseUrl: string,
    readonly workerId: string,
    private readonly logger: Logger,
  ) {}

  get held(): boolean {
    return this.client !== null;
  }

  /** Holds the lease, taking it again on a new connection if the last one was lost. */
  ensure(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.acquiring ??= this.acquire().finally(() => (this.acquiring = undefined));
    return this.acquiring;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async acquire(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: "agent-inventory-worker-lease",
      keepAlive: true,
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.logger.warn(
        { err, workerId: this.workerId },
        "worker lease connection lost; taken again before the next run",
      );
    };
    client.on("error", lost);
    client.on("end", () => lost());
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`,
        [LEASE_LOCK_CLASS, this.workerId],
      );
      if (!rows[0].locked)
        throw new Error(`another live worker holds the lease of worker id ${this.workerId}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }
}
