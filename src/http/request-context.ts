/** Per-request context carried through async calls: the request id and its logger. */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";

export interface RequestContext {
  requestId: string;
  logger: Logger;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
