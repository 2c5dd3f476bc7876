/**
 * Paging strategies for Defender's list endpoints, as lazy async iterators (one page in memory).
 * `/api/machines` cannot be trusted to return a usable `@odata.nextLink` (missing with `$top`,
 * malformed with `$filter`), so it is paged by `$skip`; the inventory exports follow `$skiptoken`
 * (docs/defender-api.md, "Paging").
 */
import { DefenderError } from "./errors";

export interface SkipPagingOptions<T> {
  /** Fetches `top` rows starting at `skip`; returns the raw page length and the parsed rows. */
  fetchPage(skip: number, top: number): Promise<{ rawCount: number; rows: T[] }>;
  idOf(row: T): string;
  top: number;
  maxPages: number;
}

/**
 * `$top`/`$skip` until a short page, de-duplicated by id, bounded. A full page with nothing new
 * means the server ignores `$skip`: an error, never a silently truncated list.
 */
export async function* pageBySkip<T>(options: SkipPagingOptions<T>): AsyncGenerator<T[]> {
  const seen = new Set<string>();
  for (let page = 0; ; page++) {
    if (page >= options.maxPages) {
      throw new DefenderError(
        "PAGING_FAILED",
        `Paging stopped after ${options.maxPages} pages without reaching the end`,
      );
    }
    const { rawCount, rows } = await options.fetchPage(page * options.top, options.top);
    const fresh = rows.filter((row) => {
      const id = options.idOf(row);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (fresh.length) yield fresh;
    if (rawCount < options.top) return;
    if (!fresh.length && rows.length) {
      throw new DefenderError(
        "PAGING_FAILED",
        `Page ${page + 1} repeated earlier rows only; the server ignores $skip`,
      );
    }
  }
}

export interface LinkPagingOptions<T> {
  /**
   * Reads one page, the first (token undefined) or the one after `$skiptoken`: yields its rows in
   * batches as they arrive, and returns the page's `@odata.nextLink`.
   */
  fetchPage(skipToken: string | undefined): AsyncGenerator<T[], string | undefined>;
  /** Hosts a nextLink may name; anything else is rejected rather than followed. */
  isAllowedHost(host: string): boolean;
  maxPages: number;
}

/**
 * Follows `@odata.nextLink` by its `$skiptoken` only: the request is rebuilt against our own base
 * URL, so a link naming another host never receives the bearer token, and a link whose other
 * parameters were mangled still resumes the same snapshot.
 */
export async function* pageByNextLink<T>(options: LinkPagingOptions<T>): AsyncGenerator<T[]> {
  const tokens = new Set<string>();
  let skipToken: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= options.maxPages) {
      throw new DefenderError(
        "PAGING_FAILED",
        `Paging stopped after ${options.maxPages} pages without reaching the end`,
      );
    }
    const nextLink = yield* options.fetchPage(skipToken);
    if (!nextLink) return;
    skipToken = skipTokenOf(nextLink, options.isAllowedHost);
    if (tokens.has(skipToken)) {
      throw new DefenderError("PAGING_FAILED", "The next page link repeats an earlier page");
    }
    tokens.add(skipToken);
  }
}

export function skipTokenOf(nextLink: string, isAllowedHost: (host: string) => boolean): string {
  let url: URL;
  try {
    url = new URL(nextLink);
  } catch {
    throw new DefenderError("PAGING_FAILED", "The next page link is not a URL");
  }
  if (url.protocol !== "https:" || !isAllowedHost(url.host.toLowerCase())) {
    throw new DefenderError("PAGING_FAILED", `The next page link names an unexpected host (${url.host})`);
  }
  for (const [name, value] of url.searchParams) {
    if (name.toLowerCase() === "$skiptoken" && value) return value;
  }
  throw new DefenderError("PAGING_FAILED", "The next page link carries no $skiptoken");
}
