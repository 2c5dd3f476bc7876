import { HttpError } from "../http";

/** A 400 whose message says what the simulator's KQL subset does not support. */
export function unsupported(what: string): HttpError {
  return new HttpError(400, "BadRequest", `Unsupported KQL: ${what} is not supported by the simulator`);
}

export function syntaxError(message: string, position: number): HttpError {
  return new HttpError(400, "BadRequest", `Query could not be parsed: ${message} at position ${position}`);
}

export function semanticError(message: string): HttpError {
  return new HttpError(400, "BadRequest", `Semantic error: ${message}`);
}
