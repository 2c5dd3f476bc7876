/**
 * Tells this process at once when an API key is revoked, expires early, changes role or is deleted in any
 * process: a trigger on `api_key` sends `NOTIFY api_key_changed, '<key id>'` (migration
 * ApiKeyPublicIdExpiryAndChanges), and this listener holds a dedicated connection with `LISTEN` on it,
 * reconnecting with backoff when the connection drops. Notifications sent while it was away are lost, so
 * each reconnect drops the whole cache; until then the cache's 30 s TTL bounds how long a change can go
 * unseen.
 */
import { Client } from "pg";
import type { Logger } from "pino";

export const KEY_CHANGES_CHANNEL = "api_key_changed";

const DEFAULT_BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000];

export interface KeyChangeListenerOptions {
  url: string;
  /** A key changed: forget what the cache knows about it. */
  onChange: (keyId: string) => void;
  /** The connection came back: changes made meanwhile were not heard, so forget everything. */
  onResync: () => void;
  logger: Logger;
  /** Waits before each reconnect attempt; the last one repeats. */
  backoffMs?: number[];
}

export class KeyChangeListener {
  private client: Client | undefined;
  private stopped = false;
  private attempts = 0;
  private retry: NodeJS.Timeout | undefined;
  private readonly backoff: number[];

  constructor(private readonly options: KeyChangeListenerOptions) {
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  }

  /** Connects and listens; fails if the database cannot be reached now (start-up checks it anyway). */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.url,
      application_name: "agent-inventory:key-changes",
      keepAlive: true,
    });
    client.on("notification", (message) => {
      if (message.channel === KEY_CHANGES_CHANNEL && message.payload) this.options.onChange(message.payload);
    });
    // pg emits 'error' on a broken connection and then 'end'; either means this connection is gone.
    client.on("error", (error) => this.dropped(client, error));
    client.on("end", () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGES_CHANNEL}`);
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private dropped(client: Client, error?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    this.options.logger.warn(
      { err: error },
      "API key change listener lost its connection; reconnecting (cached keys are checked again within 30 s meanwhile)",
    );
    this.reconnectLater();
  }

  private reconnectLater(): void {
    const delay = this.backoff[Math.min(this.attempts, this.backoff.length - 1)];
    this.attempts++;
    this.retry = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.connect();
      if (this.stopped) return void (await client.end().catch(() => undefined));
      this.client = client;
      this.attempts = 0;
      this.options.onResync();
      this.options.logger.info("API key change listener reconnected");
    } catch (error) {
      this.options.logger.warn(
        { err: error, attempt: this.attempts },
        "API key change listener could not reconnect",
      );
      this.reconnectLater();
    }
  }
}
