/**
 * The Apollo Server: schema, error formatting and the
 * per-request context (the caller is authenticated here; without a valid key nothing executes).
 */
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { GraphQLContext } from "./context";
import { formatError, isUnexpectedError } from "./errors";
import { storableTextPlugin } from "./input-text";
import { costLimitPlugin, depthAndAliasRules, LIMITS } from "./limits";

export interface ApolloOptions {
  schema: GraphQLSchema;
  logger: Logger;
}

export function createApolloServer(options: ApolloOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: options.schema,
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false, // main.ts owns shutdown order
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    introspection: true, // only authenticated callers ever reach execution
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: depthAndAliasRules(),
    // Bounds the work of validating fragment-heavy documents (fragment explosion).
    maxRecursiveSelections: 10_000,
    // Compact JSON: Apollo pretty-prints by default, which costs time and bytes on every response.
    stringifyResult: (result) => JSON.stringify(result),
    formatError,
    plugins: [
      requestIdPlugin(),
      storableTextPlugin(),
      costLimitPlugin(options.schema),
      // No HTTP caching of tenant data; without this plugin Apollo would wrap every resolver to compute hints.
      ApolloServerPluginCacheControlDisabled(),
      // The playground is served by http/ (graphql/playground.ts), with caching and compression.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

/** Logs unexpected errors with the request's logger and puts the request id in every error. */
function requestIdPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors.filter(isUnexpectedError)) {
            contextValue.logger.error({ err: unwrapResolverError(error) }, "unexpected GraphQL error");
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}
