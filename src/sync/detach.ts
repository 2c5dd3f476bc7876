/**
 * Strings taken from a parsed response may be slices of the whole response text (V8's JSON.parse
 * makes substrings), so keeping one small value would keep a 30 MB page alive. Everything the sync
 * keeps beyond a page is copied out with these.
 */

/** A copy of `value` that shares no memory with the text it was parsed from. */
export function detach<T extends string | null | undefined>(value: T): T {
  // A round trip through bytes yields a flat string of its own (concatenating and slicing would keep a
  // 32-byte slice header pointing at a copy).
  return (typeof value === "string" ? Buffer.from(value).toString() : value) as T;
}

/** `detach` for every string value of a flat record. */
export function detachAll<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record))
    out[key] = typeof value === "string" ? detach(value) : value;
  return out as T;
}

/**
 * One detached copy of each distinct string: a fleet repeats the same versions, vendors, OS names and
 * user keys on every device, and a sync keeps them for its whole run.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  intern<T extends string | null | undefined>(value: T): T {
    if (typeof value !== "string") return value;
    let kept = this.strings.get(value);
    if (kept === undefined) {
      kept = detach(value);
      this.strings.set(kept, kept);
    }
    return kept as T;
  }
}
