/**
 * The store's one query style: parameterized SQL through `Sql`, over a pg Pool the store opens itself
 * (pg's public API; TypeORM stays in db/ for entities and migrations). A transaction hands its work the
 * same interface bound to one connection. The API's pool prepares statements by name, as PostGraphile
 * does: PostgreSQL parses each once per connection and may settle on a generic plan, which also serves
 * `ILIKE '%term%'` searches by walking the (tenant_id, name, id) index in order instead of sorting a scan.
 */
import { createHash } from "node:crypto";
import { Pool, type PoolClient, type QueryConfig } from "pg";
import type { Logger } from "../config/logger";

export interface Sql {
  /** The rows of one parameterized statement. */
  rows<T>(text: string, values?: readonly unknown[]): Promise<T[]>;
  /** Runs one statement; resolves to the number of rows it inserted, updated or deleted. */
  execute(text: string, values?: readonly unknown[]): Promise<number>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
   * throws. Inside a transaction, `transaction` joins it.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

export interface PoolOptions {
  url: string;
  /** Connections at most (default 10). */
  max?: number;
  /** Milliseconds; ends every statement on the pool's connections that runs longer. */
  statementTimeoutMs?: number;
  applicationName: string;
  /** Prepare statements by name (see above); for the API's pool, whose statements are few and hot. */
  prepared?: boolean;
  logger: Logger;
}

/** Distinct statement texts prepared per process; filters can vary without bound, the hot paths cannot. */
const MAX_PREPARED = 500;

/** A stable name per statement text, for the first MAX_PREPARED texts. */
class StatementNames {
  private readonly names = new Map<string, string>();

  of(text: string): string | undefined {
    let name = this.names.get(text);
    if (!name && this.names.size < MAX_PREPARED) {
      name = `st_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
  }
}

function statement(text: string, values: readonly unknown[], names: StatementNames | null): QueryConfig {
  const name = names?.of(text);
  return name ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] };
}

/** A pool of connections; `close()` ends them. */
export class SqlPool implements Sql {
  private readonly pool: Pool;
  private readonly names: StatementNames | null;

  constructor(options: PoolOptions) {
    this.pool = new Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      application_name: options.applicationName,
      statement_timeout: options.statementTimeoutMs,
    });
    // An idle connection's error (the server restarted, the network dropped) must not end the process:
    // the pool drops that connection, and the database health check reports the outage.
    this.pool.on("error", (err) => options.logger.warn({ err }, "idle database connection lost"));
    this.names = options.prepared ? new StatementNames() : null;
  }

  async rows<T>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    return (await this.pool.query(statement(text, values, this.names))).rows as T[];
  }

  async execute(text: string, values: readonly unknown[] = []): Promise<number> {
    return (await this.pool.query(statement(text, values, this.names))).rowCount ?? 0;
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await work(new ConnectionSql(client, this.names));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((failed: Error) => (broken = failed));
      throw error;
    } finally {
      // A connection whose rollback failed is in no known state: it is closed, not reused.
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** One connection inside a transaction. */
class ConnectionSql implements Sql {
  constructor(
    private readonly client: PoolClient,
    private readonly names: StatementNames | null,
  ) {}

  async rows<T>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    return (await this.client.query(statement(text, values, this.names))).rows as T[];
  }

  async execute(text: string, values: readonly unknown[] = []): Promise<number> {
    return (await this.client.query(statement(text, values, this.names))).rowCount ?? 0;
  }

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return work(this);
  }
}

/** Resolves when the database answers a trivial statement (readiness, the worker's own health check). */
export async function ping(sql: Sql): Promise<void> {
  await sql.rows("SELECT 1");
}
