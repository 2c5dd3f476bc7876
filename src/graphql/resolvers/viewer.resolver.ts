/** `viewer`: the API key making the request, its role and the tenants it may see. */
import { Args, Ctx, Field, FieldResolver, ObjectType, Query, Resolver } from "type-graphql";
import { Role } from "../../model/enums";
import type { GraphQLContext } from "../context";
import { ConnectionArgs, type Connection } from "../relay";
import { ApiKeyType, toApiKeyType } from "../types/api-key.type";
import { TenantConnection, TenantType } from "../types/tenant.type";
import { visibleTenants } from "./tenant.resolver";

@ObjectType("Viewer", { description: "The caller: the API key making this request." })
export class ViewerType {
  @Field(() => Role, { description: "The key's role." })
  role!: Role;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: "The caller: its role and the tenants it may see." })
  viewer(@Ctx() ctx: GraphQLContext): ViewerType {
    return Object.assign(new ViewerType(), { role: ctx.caller.role });
  }

  @FieldResolver(() => ApiKeyType, { description: "The API key making this request." })
  async apiKey(@Ctx() ctx: GraphQLContext): Promise<ApiKeyType> {
    return toApiKeyType(await ctx.services.apiKeys.own(ctx.caller));
  }

  @FieldResolver(() => TenantConnection, { description: "The tenants the caller has a role in." })
  tenants(@Args() args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<TenantType>> {
    return visibleTenants(args, ctx);
  }
}
