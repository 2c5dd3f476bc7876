/**
 * Rows a write sends in one statement: PostgreSQL takes them as arrays (`unnest`, `json_to_recordset`),
 * and a statement's parameters are built in memory at once, so a sync's largest writes go in slices.
 */
export const WRITE_BATCH = 5_000;

/** `items` in slices of `size`; an iterable is read only as far as the slice being written. */
export function* batches<T>(items: Iterable<T>, size = WRITE_BATCH): Generator<T[]> {
  if (Array.isArray(items)) {
    for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
    return;
  }
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
