/** Builds the GraphQL schema from the resolver classes (type-graphql, with class-validator on inputs). */
import type { GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { AgentResolver } from "./resolvers/agent.resolver";
import { ApiKeyResolver } from "./resolvers/api-key.resolver";
import { DeviceResolver } from "./resolvers/device.resolver";
import { IntegrationResolver } from "./resolvers/integration.resolver";
import { InstallationEventResolver } from "./resolvers/installation-event.resolver";
// Registers Installation with node(id:); its relations are getters on the type, not a resolver class.
import "./resolvers/installation.resolver";
import {
  DeviceMcpServerResolver,
  InstallationMcpServerResolver,
  McpServerResolver,
  TenantMcpServerResolver,
} from "./resolvers/mcp-server.resolver";
import { NodeResolver } from "./resolvers/node.resolver";
import { AgentSummaryResolver, SummaryResolver } from "./resolvers/summary.resolver";
import { SyncResolver } from "./resolvers/sync.resolver";
import { TenantInventoryResolver } from "./resolvers/tenant-inventory.resolver";
import { TenantResolver } from "./resolvers/tenant.resolver";
import { UserResolver } from "./resolvers/user.resolver";
import { ViewerResolver } from "./resolvers/viewer.resolver";
import { TenantWebhooksResolver, WebhookResolver } from "./resolvers/webhook.resolver";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  ViewerResolver,
  TenantResolver,
  ApiKeyResolver,
  TenantInventoryResolver,
  DeviceResolver,
  UserResolver,
  AgentResolver,
  InstallationEventResolver,
  SummaryResolver,
  AgentSummaryResolver,
  SyncResolver,
  IntegrationResolver,
  TenantMcpServerResolver,
  McpServerResolver,
  DeviceMcpServerResolver,
  InstallationMcpServerResolver,
  TenantWebhooksResolver,
  WebhookResolver,
];

export async function buildAppSchema(): Promise<GraphQLSchema> {
  // class-validator runs only on mutation inputs, in `payloadOf`, which reports what it finds as the
  // payload's `userErrors`: run on every argument it would cost each read a promise and a metadata walk.
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    validate: false,
    emitSchemaFile: false,
  });
  // type-graphql cannot describe the root types; every type of the schema has a description.
  schema.getQueryType()!.description = "Reads: the caller, tenants and their inventory, the agent catalog.";
  schema.getMutationType()!.description =
    "Changes: tenants, API keys, the Defender integration, syncs, policies, webhooks.";
  return schema;
}
