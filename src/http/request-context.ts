/** Per-request facts handed to route handlers: the request id and its logger. */
import type { Logger } from "pino";

export interface RequestContext {
  requestId: string;
  logger: Logger;
}
