/**
 * Text arguments must be text PostgreSQL can take (see `isStorableText`). Checked once per request, over
 * the variables and the document's string literals, before any resolver: such input is a 400, never a
 * SQL error.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, visit, type DocumentNode } from "graphql";
import { ErrorCode } from "../model/errors";
import { isStorableText } from "../model/text";

/** The first string inside a variables value that is not storable text, if any. */
function unstorableIn(value: unknown): string | undefined {
  if (typeof value === "string") return isStorableText(value) ? undefined : value;
  if (Array.isArray(value)) return value.map(unstorableIn).find((v) => v !== undefined);
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const found = isStorableText(key) ? unstorableIn(inner) : key;
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function literalsAreStorable(document: DocumentNode): boolean {
  let storable = true;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (!isStorableText(node.value)) storable = false;
    },
  });
  return storable;
}

export function storableTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (unstorableIn(request.variables) !== undefined || !literalsAreStorable(document)) {
            throw new GraphQLError(
              "Text arguments may not contain NUL characters or unpaired UTF-16 surrogates",
              { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
