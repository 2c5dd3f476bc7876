import { Length } from "class-validator";
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { isPlatformAdmin, requireRole } from "../../auth/caller";
import { Role } from "../../model/enums";
import type { GraphQLContext } from "../context";
import { visibleTenantId } from "../ids";
import { ConnectionArgs, pageRequest, toConnection, type Connection } from "../relay";
import { checkCursor } from "../repositories/sql";
import { ApiKeyType, toApiKeyType } from "../types/api-key.type";
import {
  DefenderIntegrationType,
  TenantConnection,
  TenantType,
  toIntegrationType,
  toLazyTenantType,
  toTenantType,
} from "../types/tenant.type";
import { UserError } from "../types/user-error";

@InputType({ description: "A new tenant." })
class CreateTenantInput {
  @Field({ description: "Display name (1–200 characters)." })
  @Length(1, 200)
  name!: string;
}

@ObjectType({ description: "Result of createTenant." })
class CreateTenantPayload {
  @Field(() => TenantType, { nullable: true, description: "The new tenant." })
  tenant!: TenantType | null;

  @Field(() => [UserError], { description: "Why the tenant was not created, if it was not." })
  userErrors!: UserError[];
}

/** Tenants are paged by (createdAt, id). */
const TENANT_CURSOR = [
  { kind: "timestamp", nullable: false },
  { kind: "uuid", nullable: false },
] as const;

/** The tenants the caller has a role in, as a connection (also `viewer.tenants`). */
export async function visibleTenants(
  args: ConnectionArgs,
  ctx: GraphQLContext,
): Promise<Connection<TenantType>> {
  const request = pageRequest(args);
  if (request.cursor) checkCursor(TENANT_CURSOR, request.cursor);
  const page = await ctx.services.tenants.list(ctx.caller, request);
  return toConnection(page.rows, request, (t) => [t.createdAt.toISOString(), t.id], toTenantType, page.total);
}

@Resolver(() => TenantType)
export class TenantResolver {
  @Query(() => TenantConnection, { description: "The tenants the caller has a role in." })
  tenants(@Args() args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<TenantType>> {
    return visibleTenants(args, ctx);
  }

  @Query(() => TenantType, {
    nullable: true,
    description: "A tenant by ID; null when it does not exist or is not visible.",
  })
  async tenant(
    @Arg("id", () => ID, { description: "Global ID of the tenant." }) id: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const tenantId = visibleTenantId(ctx.caller, id);
    if (!tenantId) return null;
    if (!isPlatformAdmin(ctx.caller)) {
      // A tenant key's tenant exists (keys are deleted with their tenant): skip the read unless fields need it.
      return toLazyTenantType(tenantId, async () => (await ctx.services.inventory.tenants.byId(tenantId))!);
    }
    const tenant = await ctx.services.inventory.tenants.byId(tenantId);
    return tenant ? toTenantType(tenant) : null;
  }

  @Mutation(() => CreateTenantPayload, { description: "Creates a tenant (PLATFORM_ADMIN)." })
  async createTenant(
    @Arg("input", () => CreateTenantInput, { description: "The tenant to create.", validate: true })
    input: CreateTenantInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreateTenantPayload> {
    const tenant = await ctx.services.tenants.create(ctx.caller, input.name.trim(), ctx.requestId);
    return { tenant: toTenantType(tenant), userErrors: [] };
  }

  @FieldResolver(() => DefenderIntegrationType, {
    description: "The Defender connection: status, permissions, schedule.",
  })
  async integration(
    @Root() tenant: TenantType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DefenderIntegrationType> {
    const integration = await ctx.services.tenants.integration(tenant.tenantId);
    if (!integration) throw new Error(`tenant ${tenant.tenantId} has no integration row`);
    return toIntegrationType(integration);
  }

  @FieldResolver(() => [ApiKeyType], {
    // Nullable: a caller below ADMIN gets FORBIDDEN on this field alone, and its siblings still resolve.
    nullable: true,
    description:
      "The tenant's API keys (ADMIN), revoked ones included; null, with a FORBIDDEN error, below ADMIN.",
  })
  async apiKeys(@Root() tenant: TenantType, @Ctx() ctx: GraphQLContext): Promise<ApiKeyType[]> {
    requireRole(ctx.caller, tenant.tenantId, Role.ADMIN);
    return (await ctx.services.apiKeys.listForTenant(tenant.tenantId)).map(toApiKeyType);
  }
}
