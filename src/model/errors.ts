/**
 * Domain errors carry a code from a closed set and a message safe to show to the caller. The GraphQL
 * error formatter maps them to `extensions.code`; anything else is masked.
 */
export enum ErrorCode {
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  NOT_FOUND = "NOT_FOUND",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  CONFLICT = "CONFLICT",
  THROTTLED = "THROTTLED",
  QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX",
  QUERY_TIMEOUT = "QUERY_TIMEOUT",
  GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED",
  BAD_REQUEST = "BAD_REQUEST",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
  /** The database is unreachable for the moment; the request may be retried. */
  SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE",
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * A refusal about one input of a mutation (a tenant that is not there, a role a key may not grant): the
 * API reports it in the payload's `userErrors`, with the input field it concerns, rather than as an error.
 */
export class FieldError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly field: string,
  ) {
    super(code, message);
    this.name = "FieldError";
  }
}
