/**
 * Strings taken from a parsed response may be slices of the whole response text (V8's JSON.parse
 * makes substrings), so keeping one small value would keep a 30 MB page alive. Everything the sync
 * keeps beyond a page is copied out with these.
 */

/** A copy of `value` that shares no memory with the text it was parsed from. */
export function detach<T extends string | null | undefined>(value: T): T {
  // Concatenation then slicing forces a flat copy; the slice then refers to that copy only.
  return (typeof value === "string" ? (value + " ").slice(0, -1) : value) as T;
}

/** `detach` for every string value of a flat record. */
export function detachAll<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record))
    out[key] = typeof value === "string" ? detach(value) : value;
  return out as T;
}
