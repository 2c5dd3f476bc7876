/** What every resolver gets: the authenticated caller, the request id and the services. */
import type { Logger } from "pino";
import type { Caller } from "../model/caller";
import type { Services } from "../services";

export interface GraphQLContext {
  /** The API key making the request, with the request's id (named in the audit events it writes). */
  caller: Caller;
  requestId: string;
  logger: Logger;
  services: Services;
}
