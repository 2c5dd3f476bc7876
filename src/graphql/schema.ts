/** Builds the GraphQL schema from the resolver classes (type-graphql, with class-validator on inputs). */
import type { GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { ApiKeyResolver } from "./resolvers/api-key.resolver";
import { NodeResolver } from "./resolvers/node.resolver";
import { TenantResolver } from "./resolvers/tenant.resolver";
import { ViewerResolver } from "./resolvers/viewer.resolver";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  ViewerResolver,
  TenantResolver,
  ApiKeyResolver,
];

export function buildAppSchema(): Promise<GraphQLSchema> {
  // type-graphql 2 does not validate inputs unless asked to.
  return buildSchema({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}
