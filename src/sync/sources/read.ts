/**
 * Reading one Defender source to the end and recording how it went: the bookkeeping every source
 * module shares. Each read becomes one `SyncSourceResult` of the run (its calls, rows and error) and
 * one `SourceRead` for reconciliation (the evidence it feeds and whether it was read completely).
 */
import type { Logger } from "../../config/logger";
import { DefenderAuthError, type DefenderClient, type DefenderClientStats } from "../../defender";
import type { EvidenceSource } from "../../model/enums";
import type { SyncSourceResult } from "../../model/sync-run.entity";
import type { SourceRead } from "../reconcile";
import type { RunContext } from "../scheduler";

export class SourceReader {
  /** One per read, in the order they ended: the run's per-source completeness. */
  readonly results: SyncSourceResult[] = [];
  /** The same reads as reconciliation weighs them. */
  readonly reads: SourceRead[] = [];
  /** The last authentication failure, the clearest reason when no source could be read. */
  authError: DefenderAuthError | null = null;
  private rowsRead = 0;

  constructor(
    private readonly context: RunContext,
    private readonly log: Logger,
    /** What the run's progress says besides its rows, e.g. how many sightings it holds. */
    private readonly detail: () => string,
  ) {}

  get totalRowsRead(): number {
    return this.rowsRead;
  }

  /**
   * Reads `pages` to the end, handing each to `onPage`. A failure makes the read (and the evidence it
   * feeds) incomplete but keeps what was read; only cancellation stops the sync. Returns whether the
   * read was complete.
   */
  async read<T>(
    name: string,
    evidence: EvidenceSource | null,
    client: Pick<DefenderClient, "snapshot">,
    pages: AsyncIterable<T[]>,
    onPage: (page: T[]) => void,
  ): Promise<boolean> {
    const before = client.snapshot();
    const started = Date.now();
    let error: string | null = null;
    this.context.progress({ phase: name, rowsRead: this.rowsRead });
    try {
      for await (const page of prefetch(pages)) {
        this.context.signal.throwIfAborted();
        onPage(page);
        this.rowsRead += page.length;
        this.context.progress({ phase: name, rowsRead: this.rowsRead, detail: this.detail() });
      }
    } catch (err) {
      if (this.context.signal.aborted) throw err;
      if (err instanceof DefenderAuthError) this.authError = err;
      error = err instanceof Error ? err.message : String(err);
    }
    const delta = diff(client.snapshot(), before);
    const result: SyncSourceResult = {
      source: name,
      complete: error === null,
      rowsRead: delta.rowsRead,
      rowsSkipped: delta.rowsSkipped,
      apiCalls: delta.calls,
      throttledCalls: delta.throttled,
      error,
      durationMs: Date.now() - started,
    };
    this.results.push(result);
    if (evidence) this.reads.push({ evidence, complete: error === null });
    this.log[error ? "warn" : "info"](result, "sync source read");
    return error === null;
  }
}

function diff(after: DefenderClientStats, before: DefenderClientStats): DefenderClientStats {
  return {
    calls: after.calls - before.calls,
    throttled: after.throttled - before.throttled,
    retries: after.retries - before.retries,
    rowsRead: after.rowsRead - before.rowsRead,
    rowsSkipped: after.rowsSkipped - before.rowsSkipped,
  };
}

/**
 * Requests page n+1 while page n is matched, so Defender's (or the network's) time overlaps ours.
 * At most one page ahead: memory stays bounded by two pages.
 */
export async function* prefetch<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      // Observed here so an abandoned read does not surface as an unhandled rejection.
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}
