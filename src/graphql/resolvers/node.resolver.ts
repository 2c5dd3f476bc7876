/** `node(id:)`: any object by its global ID, through the fetcher its type registers. */
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../context";
import { idListCost } from "../cost";
import { DomainError, ErrorCode } from "../../model/errors";
import { fromGlobalId, MAX_PAGE_SIZE, Node, type GlobalId } from "../relay";
import { toApiKeyType } from "../types/api-key.type";
import { toTenantType } from "../types/tenant.type";

/** `info` lets a fetcher read ahead (e.g. a device with its installations in one statement). */
type NodeFetcher = (ctx: GraphQLContext, id: GlobalId, info: GraphQLResolveInfo) => Promise<Node | null>;

/**
 * How each node type is fetched. Every fetcher receives an ID whose tenant the caller may see and must
 * read with that tenant id, so an ID forged with a visible tenant and a foreign row finds nothing.
 */
const fetchers = new Map<string, NodeFetcher>([
  [
    "Tenant",
    async (ctx, id) => {
      const tenant = await ctx.services.tenants.get(ctx.caller, id.key);
      return tenant ? toTenantType(tenant) : null;
    },
  ],
  [
    "ApiKey",
    async (ctx, id) => {
      // Keys are visible where they can be managed: tenant ADMINs and platform admins.
      const key = await ctx.services.apiKeys.find(ctx.caller, { tenantId: id.tenantId, id: id.key });
      return key && toApiKeyType(key);
    },
  ],
]);

/** Types of shared, public rows (the agent catalog): visible to every authenticated caller. */
const publicTypes = new Set<string>();

/**
 * Lets other modules make their types resolvable through `node(id:)`. Tenant-owned types get IDs with
 * the owning tenant; `public` types have no tenant and need no role.
 */
export function registerNodeType(type: string, fetch: NodeFetcher, options: { public?: boolean } = {}): void {
  fetchers.set(type, fetch);
  if (options.public) publicTypes.add(type);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: "Any object by its global ID; null when missing or not visible.",
  })
  async node(
    @Arg("id", () => ID, { description: "A global ID." }) id: string,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return nodeById(id, ctx, info);
  }

  @Query(() => [Node], {
    nullable: "items",
    complexity: idListCost,
    description: `Objects by their global IDs (at most ${MAX_PAGE_SIZE}), in the order given; null for each one missing or not visible, as with \`node\`.`,
  })
  async nodes(
    @Arg("ids", () => [ID], { description: `Global IDs (at most ${MAX_PAGE_SIZE}).` }) ids: string[],
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (ids.length > MAX_PAGE_SIZE) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `\`ids\` takes at most ${MAX_PAGE_SIZE} IDs`);
    }
    // Each fetcher reads through the request's loaders, so IDs of one type share a statement.
    return Promise.all(ids.map((id) => nodeById(id, ctx, info)));
  }
}

/** `node(id:)`'s one rule, for `nodes(ids:)` too: a visible tenant's row read with that tenant, or null. */
async function nodeById(id: string, ctx: GraphQLContext, info: GraphQLResolveInfo): Promise<Node | null> {
  const globalId = fromGlobalId(id);
  if (!globalId) return null;
  const fetch = fetchers.get(globalId.type);
  if (!fetch) return null;
  const scope = globalId.type === "Tenant" ? globalId.key : globalId.tenantId;
  if (publicTypes.has(globalId.type)) {
    if (scope) return null;
  } else if (!ctx.services.tenants.canSee(ctx.caller, scope)) return null;
  return fetch(ctx, globalId, info);
}
