/**
 * One formatter for every GraphQL error: domain errors keep their code and message, GraphQL's own
 * request errors keep theirs, and anything unexpected becomes INTERNAL_SERVER_ERROR with the request id
 * (the full error goes to the log, never to the caller).
 */
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { DomainError, ErrorCode } from "../auth/errors";

const PASS_THROUGH = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.BAD_REQUEST,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.THROTTLED,
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

export function domainGraphQLError(error: DomainError): GraphQLError {
  const status = error.code === ErrorCode.UNAUTHENTICATED ? 401 : undefined;
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...(status ? { http: { status } } : {}) },
  });
}

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  requestId: string | undefined,
  onUnexpected: (error: unknown) => void,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, requestId } };
  }
  if (original instanceof ArgumentValidationError) {
    const fields = original.extensions.validationErrors as Array<{
      property: string;
      constraints?: Record<string, string>;
    }>;
    const detail = fields?.flatMap((f) => Object.values(f.constraints ?? {})).join("; ");
    return {
      ...base,
      message: detail ? `Invalid argument: ${detail}` : formatted.message,
      extensions: { code: ErrorCode.BAD_USER_INPUT, requestId },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PASS_THROUGH.has(code)) {
    return { ...base, message: formatted.message, extensions: { code, requestId } };
  }
  onUnexpected(original);
  return {
    ...base,
    message: `Internal server error (request ${requestId ?? "unknown"})`,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}
