/** `tenants`, `tenant(id:)`, `createTenant`, and a tenant's integration and API keys. */
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
import type { GraphQLContext } from "../context";
import { connectionCost } from "../cost";
import { apiKeyOf, tenantIdOf } from "../ids";
import { loaders } from "../loaders";
import { AuditEventListArgs, TenantListArgs } from "../inputs/args";
import { ConnectionArgs, pageRequest, toConnection, type Connection } from "../relay";
import { ApiKeyType, toApiKeyType } from "../types/api-key.type";
import { AuditEventConnection, AuditEventType, toAuditEventType } from "../types/audit-event.type";
import {
  DefenderIntegrationType,
  TenantConnection,
  TenantType,
  toIntegrationType,
  toLazyTenantType,
  toTenantType,
} from "../types/tenant.type";
import { payloadOf, UserError } from "../types/user-error";

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

/** The tenants the caller has a role in, as a connection (also `viewer.tenants`). */
export async function visibleTenants(
  args: ConnectionArgs & Partial<TenantListArgs>,
  ctx: GraphQLContext,
): Promise<Connection<TenantType>> {
  const request = pageRequest(args);
  const page = await ctx.services.tenants.list(ctx.caller, request, args.filter);
  return toConnection(page, request, toTenantType, page.total);
}

/**
 * The tenant that owns an object the caller was shown (so a tenant the caller may see): its own row is
 * read only if a field of it is selected, once per request and tenant.
 */
export function owningTenant(ctx: GraphQLContext, tenantId: string): TenantType {
  return toLazyTenantType(tenantId, async () => {
    const tenant = await loaders(ctx).tenant.load(tenantId);
    if (!tenant) throw new Error(`tenant ${tenantId} of a visible object is missing`);
    return tenant;
  });
}

@Resolver(() => TenantType)
export class TenantResolver {
  @Query(() => TenantConnection, {
    description: "The tenants the caller has a role in, oldest first.",
    complexity: connectionCost,
  })
  tenants(@Args() args: TenantListArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<TenantType>> {
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
    const tenantId = tenantIdOf(id);
    if (!tenantId) return null;
    if (ctx.services.tenants.knownToExist(ctx.caller, tenantId)) {
      // Most queries only walk into the tenant's inventory: its own row is read only if fields need it.
      return toLazyTenantType(tenantId, async () => (await ctx.services.tenants.get(ctx.caller, tenantId))!);
    }
    const tenant = await ctx.services.tenants.get(ctx.caller, tenantId);
    return tenant ? toTenantType(tenant) : null;
  }

  @Mutation(() => CreateTenantPayload, { description: "Creates a tenant (PLATFORM_ADMIN)." })
  async createTenant(
    @Arg("input", () => CreateTenantInput, { description: "The tenant to create." })
    input: CreateTenantInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreateTenantPayload> {
    return payloadOf<CreateTenantPayload>(
      async () => ({
        tenant: toTenantType(await ctx.services.tenants.create(ctx.caller, input.name.trim())),
        userErrors: [],
      }),
      (userErrors) => ({ tenant: null, userErrors }),
      input,
    );
  }

  @FieldResolver(() => DefenderIntegrationType, {
    description: "The Defender connection: status, permissions, schedule.",
  })
  async integration(
    @Root() tenant: TenantType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DefenderIntegrationType> {
    return toIntegrationType(await ctx.services.tenants.integration(ctx.caller, tenant.tenantId));
  }

  @FieldResolver(() => AuditEventConnection, {
    // Nullable like `apiKeys`: below ADMIN, FORBIDDEN on this field alone.
    nullable: true,
    description:
      "Who did what to the tenant, newest first (ADMIN); null, with a FORBIDDEN error, below ADMIN.",
    complexity: connectionCost,
  })
  async auditEvents(
    @Root() tenant: TenantType,
    @Args() args: AuditEventListArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<AuditEventType>> {
    const request = pageRequest(args);
    const { actor, ...filter } = args.filter ?? {};
    const actorKeyId = actor == null ? undefined : (apiKeyOf(actor)?.id ?? null);
    const page = await ctx.services.tenants.auditEvents(ctx.caller, tenant.tenantId, request, {
      ...filter,
      actorKeyId,
    });
    return toConnection(page, request, toAuditEventType, page.total);
  }

  @FieldResolver(() => [ApiKeyType], {
    // Nullable: a caller below ADMIN gets FORBIDDEN on this field alone, and its siblings still resolve.
    nullable: true,
    description:
      "The tenant's API keys (ADMIN), revoked ones included; null, with a FORBIDDEN error, below ADMIN.",
  })
  async apiKeys(@Root() tenant: TenantType, @Ctx() ctx: GraphQLContext): Promise<ApiKeyType[]> {
    return (await ctx.services.apiKeys.listForTenant(ctx.caller, tenant.tenantId)).map(toApiKeyType);
  }
}
