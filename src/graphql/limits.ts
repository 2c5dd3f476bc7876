/**
 * Request limits that run before any resolver: parser tokens (graphql-js's own `maxTokens` parse option,
 * through Apollo's `parseOptions`), depth and aliases (graphql-armor's validation rules), and static query
 * cost and filter size (an Apollo plugin over graphql-query-complexity). Cost is declared where
 * fields are declared (`complexity:` on connections and aggregates, filters included); leaves are free and
 * every object costs 1. What still runs long is ended by the API pool's statement timeout.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  getNamedType,
  getVariableValues,
  GraphQLError,
  isLeafType,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { ErrorCode } from "../model/errors";
import { measureFilter } from "./cost";

export const LIMITS = {
  /** Enough for GraphiQL's introspection query and generous analyst queries. */
  maxTokens: 3000,
  /** Tenant → installations → nodes → device → installations → nodes → agent → key is 8. */
  maxDepth: 10,
  /** Aliases are the batching-within-one-request vector (graphql-armor's default, 15). */
  maxAliases: 15,
  /** A page of 100 installations with agent, device and user costs about 400. */
  maxCost: 10_000,
  /** Filter conditions (operators, list elements, nested filters) in all filters of one request. */
  maxFilterConditions: 200,
} as const;

/**
 * Depth and alias limits as graphql-armor's validation rules: depth counts fields only (fragments are
 * flattened, the introspection `__schema` tree is not counted), aliases of `__typename` are free. A
 * rejection is reported as a validation error (GRAPHQL_VALIDATION_FAILED), never thrown.
 */
export function depthAndAliasRules(
  limits: { maxDepth: number; maxAliases: number } = LIMITS,
): ValidationRule[] {
  const report = [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)];
  const rejection = { exposeLimits: true, propagateOnRejection: false, onReject: report };
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...rejection }),
    maxAliasesRule({ n: limits.maxAliases, ...rejection }),
  ];
}

const COST_CACHE_SIZE = 1000;

/** Scalars and enums are free; every object field costs 1 plus its selection. */
const objectEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  isLeafType(getNamedType(field.type)) ? 0 : 1 + childComplexity;

/** Adds up the filter conditions of every field it sees and leaves the pricing to the next estimator. */
const filterTally =
  (tally: { conditions: number }): ComplexityEstimator =>
  ({ args }) => {
    tally.conditions += measureFilter(args.filter).conditions;
  };

/**
 * Rejects operations whose static cost exceeds `maxCost`, or whose filters hold more than
 * `maxFilterConditions` conditions, and reports the cost in `extensions.cost`.
 */
export function costLimitPlugin(
  schema: GraphQLSchema,
  limits: { maxCost: number; maxFilterConditions: number } = LIMITS,
): ApolloServerPlugin {
  const { maxCost, maxFilterConditions } = limits;
  // Clients repeat the same operations with the same variables (a portal's pages): the cost is a pure
  // function of both, so it is computed once per distinct pair (the map is emptied when it grows large).
  const costs = new Map<string, { cost: number; conditions: number }>();
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ request, document, queryHash, operation }) {
          const key = `${queryHash}\u0000${request.operationName ?? ""}\u0000${JSON.stringify(request.variables ?? {})}`;
          let priced = costs.get(key);
          if (priced === undefined) {
            // Cost is read from the variables before execution coerces them: variables that do not coerce
            // (an Int beyond 32 bits, an impossible DateTime) are answered here as execution would, 400.
            const definitions = operation?.variableDefinitions ?? [];
            const coerced = getVariableValues(schema, definitions, request.variables ?? {}, { maxErrors: 1 });
            if (coerced.errors?.length) {
              throw new GraphQLError(coerced.errors[0].message, {
                extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
              });
            }
            const tally = { conditions: 0 };
            const total = getComplexity({
              schema,
              operationName: request.operationName,
              query: document,
              variables: request.variables,
              estimators: [filterTally(tally), fieldExtensionsEstimator(), objectEstimator],
            });
            priced = { cost: total, conditions: tally.conditions };
            if (costs.size >= COST_CACHE_SIZE) costs.clear();
            costs.set(key, priced);
          }
          if (priced.conditions > maxFilterConditions) {
            throw new GraphQLError(
              `Filters in this request hold ${priced.conditions} conditions; at most ${maxFilterConditions} are allowed`,
              {
                extensions: {
                  code: ErrorCode.QUERY_TOO_COMPLEX,
                  filterConditions: { requested: priced.conditions, maximum: maxFilterConditions },
                  http: { status: 400 },
                },
              },
            );
          }
          cost = priced.cost;
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the maximum of ${maxCost}`, {
              extensions: {
                code: ErrorCode.QUERY_TOO_COMPLEX,
                cost: { requested: cost, maximum: maxCost },
                http: { status: 400 },
              },
            });
          }
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, maximum: maxCost } };
        },
      };
    },
  };
}
