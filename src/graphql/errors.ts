/**
 * One formatter for every GraphQL error: domain errors keep their code and message, GraphQL's own
 * request errors keep theirs, a database out of reach is SERVICE_UNAVAILABLE (the health check logs the
 * outage once), and anything unexpected becomes INTERNAL_SERVER_ERROR with the request id (the full
 * error goes to the log, never to the caller).
 */
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import { DomainError, ErrorCode } from "../model/errors";
import { isDatabaseUnavailable } from "../db/health";

const PASS_THROUGH = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.BAD_REQUEST,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.THROTTLED,
  ErrorCode.SERVICE_UNAVAILABLE,
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

export const DATABASE_UNAVAILABLE = {
  code: ErrorCode.SERVICE_UNAVAILABLE,
  message: "The database is unavailable at the moment; retry shortly",
};

/** PostgreSQL's query_canceled: on the API's pool, the statement timeout ended the statement. */
const QUERY_CANCELED = "57014";

function sqlState(error: unknown): unknown {
  const failure = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return failure?.driverError?.code ?? failure?.code;
}

/** Code and safe message of an error we expected; null for anything else, which is masked. */
function known(formatted: GraphQLFormattedError, error: unknown): { code: string; message: string } | null {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return { code: original.code, message: original.message };
  if (isDatabaseUnavailable(original)) return DATABASE_UNAVAILABLE;

  if (sqlState(original) === QUERY_CANCELED) {
    return {
      code: ErrorCode.QUERY_TIMEOUT,
      message:
        "The query ran longer than the API's statement timeout and was stopped: narrow its filters or ask for smaller pages",
    };
  }
  const code = formatted.extensions?.code;
  return typeof code === "string" && PASS_THROUGH.has(code) ? { code, message: formatted.message } : null;
}

export function isUnexpectedError(error: GraphQLError): boolean {
  return known(error, error) === null;
}

/** The error as the caller sees it; the request id is added when the response is sent. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const base = { locations: formatted.locations, path: formatted.path };
  const expected = known(formatted, error);
  if (expected) return { ...base, message: expected.message, extensions: { code: expected.code } };
  return { ...base, message: "Internal server error", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
