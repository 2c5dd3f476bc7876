/**
 * Whether the database answers. A probe every few seconds decides a state, up or down, that readiness,
 * the GraphQL endpoint and the sync worker follow (the worker pauses while the database is down and
 * resumes when it returns); embedded PostgreSQL restarts its server from here. Losing the database is a
 * state the service waits out, never a crash.
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";

export interface DatabaseHealthOptions {
  /** Resolves when the database answers (e.g. `SELECT 1`). */
  probe: () => Promise<unknown>;
  logger: Logger;
  /** Between probes (default 2 s). */
  intervalMs?: number;
  /** A probe that takes longer counts as failed (default 5 s). */
  timeoutMs?: number;
  /** Consecutive failed probes before the database counts as down (default 2). */
  failuresBeforeDown?: number;
  /** Runs before each probe after a failed one: embedded PostgreSQL restarts its server here. */
  recover?: () => Promise<void>;
}

/** Connection-level failures: the database is unreachable, not the statement wrong. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
/** admin_shutdown, crash_shutdown, cannot_connect_now, and class 08 (connection exception). */
const UNREACHABLE_STATES = /^(57P0[123]|08...)$/;
const UNREACHABLE_MESSAGES =
  /Connection terminated|terminating connection|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed/i;

/** True when `error` (pg's, or TypeORM's wrapping of it) says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError];
  return candidates.some((e) => {
    if (!e || typeof e !== "object") return false;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || UNREACHABLE_STATES.test(code)))
      return true;
    return typeof message === "string" && UNREACHABLE_MESSAGES.test(message);
  });
}

export class DatabaseHealth {
  private up = true;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<boolean> | undefined;
  private downSince: Date | null = null;
  private waiters: Array<() => void> = [];
  private readonly events = new EventEmitter();

  constructor(private readonly options: DatabaseHealthOptions) {}

  get isUp(): boolean {
    return this.up;
  }

  /** Probes on an interval until `stop()`. */
  start(): void {
    if (this.timer) return;
    const schedule = () => {
      this.timer = setTimeout(() => void this.check().finally(() => this.timer && schedule()), this.interval);
      this.timer.unref();
    };
    schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.events.removeAllListeners();
    this.release();
  }

  /** Called when the database goes down (after the failed probes); `whenUp()` tells when it is back. */
  onDown(listener: () => void): void {
    this.events.on("down", listener);
  }

  /** Resolves at once while up; else when the database is back (or monitoring stops). */
  whenUp(): Promise<void> {
    if (this.up) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Probes now (one probe at a time); resolves to whether the database answered. */
  private check(): Promise<boolean> {
    this.probing ??= this.probeOnce().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private get interval(): number {
    return this.options.intervalMs ?? 2_000;
  }

  private async probeOnce(): Promise<boolean> {
    const { logger } = this.options;
    if (this.failures > 0 && this.options.recover) {
      await this.options
        .recover()
        .catch((err: unknown) => logger.warn({ err }, "database recovery attempt failed"));
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error("database probe timed out")),
        this.options.timeoutMs ?? 5_000,
      );
    });
    try {
      await Promise.race([this.options.probe(), timeout]);
    } catch (err) {
      this.failures++;
      if (this.up && this.failures >= (this.options.failuresBeforeDown ?? 2)) {
        this.up = false;
        this.downSince = new Date();
        logger.error({ err }, "database unreachable: readiness fails, syncs pause until it is back");
        this.events.emit("down");
      }
      return false;
    } finally {
      clearTimeout(timer);
    }
    this.failures = 0;
    if (!this.up) {
      this.up = true;
      logger.info({ downSince: this.downSince }, "database reachable again: resuming");
      this.downSince = null;
      this.release();
    }
    return true;
  }
}
