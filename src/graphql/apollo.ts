/**
 * The Apollo Server: schema, error formatting, the offline GraphiQL page (when enabled) and the
 * per-request context (the caller is authenticated here; without a valid key nothing executes).
 */
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { GraphQLContext } from "./context";
import { formatError, isUnexpectedError } from "./errors";
import { storableTextPlugin } from "./input-text";
import { costLimitPlugin, depthAndAliasRules, LIMITS } from "./limits";

export interface ApolloOptions {
  schema: GraphQLSchema;
  logger: Logger;
  graphiql: boolean;
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
      options.graphiql ? graphiqlLandingPage() : ApolloServerPluginLandingPageDisabled(),
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

/** An offline GraphiQL (no CDN): every script, style and worker is inlined in the page. */
function graphiqlLandingPage() {
  let html: string | undefined;
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          html ??= renderGraphiQL({
            endpoint: "/graphql",
            title: "agent-inventory GraphiQL",
            headers: JSON.stringify({ Authorization: "Bearer <your API key>" }, null, 2),
            defaultQuery:
              "{\n  viewer {\n    role\n    tenants(first: 10) { nodes { id name integration { status } } }\n  }\n}\n",
          });
          return { html };
        },
      };
    },
  };
}
