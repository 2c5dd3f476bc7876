// Small HTTP helpers: bodies, Defender/Entra error shapes and bounded-memory JSON streaming.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "RequestEntityTooLarge", "Request body too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Defender's `{"error":{"code","message","target"}}` body. */
export function sendDefenderError(res: ServerResponse, error: HttpError): void {
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message, target: randomUUID() } },
    error.headers,
  );
}

/** Graph's error body: code, message and innerError with request ids. */
export function sendGraphError(res: ServerResponse, error: HttpError): void {
  const requestId = randomUUID();
  const innerError = {
    date: new Date().toISOString().slice(0, 19),
    "request-id": requestId,
    "client-request-id": requestId,
  };
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message, innerError } },
    error.headers,
  );
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Writes `head`, each item as JSON joined by commas, then `tail`, honouring back-pressure. */
export async function streamJsonArray(
  res: ServerResponse,
  head: string,
  items: Iterable<unknown>,
  tail: () => string,
): Promise<void> {
  res.writeHead(200, {
    "Content-Type": "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8",
    "OData-Version": "4.0",
  });
  let buffer = head;
  let first = true;
  for (const item of items) {
    if (res.destroyed) return;
    buffer += (first ? "" : ",") + JSON.stringify(item);
    first = false;
    if (buffer.length >= 64 * 1024) {
      const ok = res.write(buffer);
      buffer = "";
      if (!ok) await waitForDrain(res);
    }
  }
  res.end(buffer + tail());
}

export function queryParams(url: URL): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) params.set(key.toLowerCase(), value);
  return params;
}
