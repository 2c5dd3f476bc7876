// Cursor paging over per-device row lists. The $skiptoken mirrors Defender's base64 export cursor
// and pins the snapshot day, so a walk reads one consistent snapshot even if the day advances.
import type { Device, Fleet } from "./fleet";
import { HttpError } from "./http";

export interface Cursor {
  day: number;
  deviceIndex: number;
  row: number;
}

export function encodeCursor(cursor: Cursor): string {
  const date = new Date(Date.UTC(2026, 0, 1) + cursor.day * 86_400_000).toISOString().slice(0, 10);
  const body = {
    ExportDefinition: { TimePath: `${date}/0200/`, Day: cursor.day },
    ExportFileIndex: cursor.deviceIndex,
    LineStoppedAt: cursor.row,
  };
  return Buffer.from(JSON.stringify(body)).toString("base64");
}

export function decodeCursor(token: string): Cursor {
  try {
    const body = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as {
      ExportDefinition: { Day: number };
      ExportFileIndex: number;
      LineStoppedAt: number;
    };
    const cursor = {
      day: body.ExportDefinition.Day,
      deviceIndex: body.ExportFileIndex,
      row: body.LineStoppedAt,
    };
    if ([cursor.day, cursor.deviceIndex, cursor.row].every(Number.isInteger)) return cursor;
  } catch {
    // fall through to the error below
  }
  throw new HttpError(400, "BadRequest", "Invalid $skiptoken.");
}

export interface Page<T> {
  rows: Iterable<T>;
  /** Set once `rows` is exhausted: where the next page starts, or null at the end. */
  next(): Cursor | null;
}

/** Yields up to `size` rows starting at `start`, finding the next cursor by looking one row ahead. */
export function pageOf<R, T>(
  fleet: Fleet,
  start: Cursor,
  size: number,
  rowsOf: (device: Device) => R[],
  render: (device: Device, row: R) => T,
): Page<T> {
  let next: Cursor | null = null;
  function* rows(): Generator<T> {
    let count = 0;
    for (const device of fleet.reportingDevices(start.day, start.deviceIndex)) {
      const list = rowsOf(device);
      for (let r = device.index === start.deviceIndex ? start.row : 0; r < list.length; r++) {
        if (count === size) {
          next = { day: start.day, deviceIndex: device.index, row: r };
          return;
        }
        count++;
        yield render(device, list[r]);
      }
    }
  }
  return { rows: rows(), next: () => next };
}
