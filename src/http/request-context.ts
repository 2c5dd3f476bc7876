/** Per-request facts handed to route handlers (the request id, its logger and the client's address), and the handlers' shape. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export interface RequestContext {
  requestId: string;
  logger: Logger;
  /** The client's address (the socket peer, or as the trusted proxies report it). */
  address: string;
}

/** A route of the HTTP server (http/server.ts), keyed by its path. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  request: RequestContext,
) => Promise<void>;
