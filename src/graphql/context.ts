/** What every resolver gets: the authenticated caller, the request id and the services. */
import type { Logger } from "pino";
import type { Caller } from "../auth/caller";
import type { Services } from "./services";

export interface GraphQLContext {
  caller: Caller;
  requestId: string;
  logger: Logger;
  services: Services;
}
