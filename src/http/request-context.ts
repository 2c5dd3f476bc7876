/** Per-request facts handed to route handlers: the request id, its logger and the client's address. */
import type { Logger } from "pino";

export interface RequestContext {
  requestId: string;
  logger: Logger;
  /** The client's address (the socket peer, or as the trusted proxies report it). */
  address: string;
}
