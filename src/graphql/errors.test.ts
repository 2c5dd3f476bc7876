import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DomainError, ErrorCode } from "../model/errors";
import { formatError, isUnexpectedError } from "./errors";

const formatted = (message: string, code?: string): GraphQLFormattedError => ({
  message,
  path: ["node"],
  ...(code ? { extensions: { code } } : {}),
});

describe("formatError (what a caller sees of an error)", () => {
  it("keeps a domain error's code and message", () => {
    const error = new DomainError(ErrorCode.FORBIDDEN, "Requires ADMIN in this tenant");
    expect(formatError(formatted("x"), error)).toEqual({
      path: ["node"],
      locations: undefined,
      message: "Requires ADMIN in this tenant",
      extensions: { code: ErrorCode.FORBIDDEN },
    });
  });

  it("keeps GraphQL's own request errors (parse, validation, bad input) as they are", () => {
    const error = new GraphQLError("Syntax Error: Expected Name", {
      extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED },
    });
    expect(formatError(formatted(error.message, ErrorCode.GRAPHQL_PARSE_FAILED), error)).toMatchObject({
      message: "Syntax Error: Expected Name",
      extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED },
    });
  });

  it("names a statement the API's timeout stopped (PostgreSQL 57014) QUERY_TIMEOUT, with what to do", () => {
    const canceled = Object.assign(new Error("canceling statement due to statement timeout"), {
      code: "57014",
    });
    expect(formatError(formatted(canceled.message), canceled)).toMatchObject({
      extensions: { code: ErrorCode.QUERY_TIMEOUT },
      message: expect.stringContaining("narrow its filters"),
    });
  });

  it("masks anything unexpected as INTERNAL_SERVER_ERROR, without its message", () => {
    const error = new Error('relation "installation" does not exist');
    const shown = formatError(formatted(error.message), error);
    expect(shown).toMatchObject({
      message: "Internal server error",
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
    expect(JSON.stringify(shown)).not.toContain("relation");
    expect(isUnexpectedError(new GraphQLError(error.message, { originalError: error }))).toBe(true);
  });

  it("masks a code it does not know rather than passing it through", () => {
    expect(
      formatError(formatted("secret detail", "SOME_LIBRARY_CODE"), new Error("secret detail")),
    ).toMatchObject({ extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  });
});
