import { Length } from "class-validator";
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import { canGrant, isPlatformAdmin, requirePlatformAdmin, requireRole } from "../../auth/caller";
import { ErrorCode } from "../../auth/errors";
import { writeAudit } from "../../auth/audit";
import { Role } from "../../model/enums";
import type { GraphQLContext } from "../context";
import { mutationTenantId, tenantNotFound } from "../ids";
import { fromGlobalId } from "../relay";
import { ApiKeyType, toApiKeyType } from "../types/api-key.type";
import { DateTimeScalar } from "../types/scalars";
import { UserError, userError } from "../types/user-error";

@InputType({ description: "A new API key." })
class CreateApiKeyInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "The tenant the key acts on; omit only for PLATFORM_ADMIN keys (created by platform admins).",
  })
  tenantId?: string;

  @Field({ description: "A label to recognize the key (1–200 characters)." })
  @Length(1, 200)
  name!: string;

  @Field(() => Role, { description: "What the key may do; never more than the caller's own role." })
  role!: Role;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the key stops working (in the future); omit for a key that does not expire.",
  })
  expiresAt?: Date | null;
}

@ObjectType({ description: "Result of createApiKey." })
class CreateApiKeyPayload {
  @Field(() => ApiKeyType, { nullable: true, description: "The new key." })
  apiKey!: ApiKeyType | null;

  @Field(() => String, { nullable: true, description: "The key's secret. Shown only here, only once." })
  secret!: string | null;

  @Field(() => [UserError], { description: "Why the key was not created, if it was not." })
  userErrors!: UserError[];
}

@InputType({ description: "The key to revoke." })
class RevokeApiKeyInput {
  @Field(() => ID, { description: "Global ID of the API key." })
  id!: string;
}

@ObjectType({ description: "Result of revokeApiKey." })
class RevokeApiKeyPayload {
  @Field(() => ApiKeyType, { nullable: true, description: "The revoked key." })
  apiKey!: ApiKeyType | null;

  @Field(() => [UserError], { description: "Why the key was not revoked, if it was not." })
  userErrors!: UserError[];
}

@Resolver()
export class ApiKeyResolver {
  @Mutation(() => CreateApiKeyPayload, {
    description:
      "Creates an API key (ADMIN of the tenant; PLATFORM_ADMIN for platform keys). The secret is returned once.",
  })
  async createApiKey(
    @Arg("input", () => CreateApiKeyInput, { description: "The key to create.", validate: true })
    input: CreateApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreateApiKeyPayload> {
    const platformKey = input.role === Role.PLATFORM_ADMIN;
    let tenantId: string | null = null;
    if (platformKey) {
      requirePlatformAdmin(ctx.caller);
      if (input.tenantId) {
        return failed(
          userError(ErrorCode.BAD_USER_INPUT, "PLATFORM_ADMIN keys belong to no tenant", ["tenantId"]),
        );
      }
    } else {
      if (!input.tenantId)
        return failed(userError(ErrorCode.BAD_USER_INPUT, "tenantId is required", ["tenantId"]));
      tenantId = await mutationTenantId(ctx, input.tenantId);
      if (!tenantId) return failed(tenantNotFound());
      requireRole(ctx.caller, tenantId, Role.ADMIN);
    }
    if (!canGrant(ctx.caller, input.role)) {
      return failed(userError(ErrorCode.FORBIDDEN, "A key cannot grant more than its own role", ["role"]));
    }
    if (input.expiresAt && input.expiresAt.getTime() <= ctx.services.apiKeys.now()) {
      return failed(userError(ErrorCode.BAD_USER_INPUT, "expiresAt must be in the future", ["expiresAt"]));
    }
    const { key, secret } = await ctx.services.apiKeys.create({
      name: input.name.trim(),
      role: input.role,
      tenantId,
      expiresAt: input.expiresAt ?? null,
    });
    await writeAudit(ctx.services.dataSource.manager, {
      tenantId,
      actorKeyId: ctx.caller.keyId,
      action: "apiKey.create",
      details: { apiKeyId: key.id, role: key.role, name: key.name, expiresAt: key.expiresAt },
      requestId: ctx.requestId,
    });
    return { apiKey: toApiKeyType(key), secret, userErrors: [] };
  }

  @Mutation(() => RevokeApiKeyPayload, {
    description: "Revokes an API key (ADMIN of its tenant, or PLATFORM_ADMIN).",
  })
  async revokeApiKey(
    @Arg("input", () => RevokeApiKeyInput, { description: "The key to revoke." }) input: RevokeApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RevokeApiKeyPayload> {
    const id = fromGlobalId(input.id);
    const key = id?.type === "ApiKey" ? await ctx.services.apiKeys.findById(id.key) : null;
    const visible =
      key &&
      id &&
      key.tenantId === id.tenantId &&
      (isPlatformAdmin(ctx.caller) || key.tenantId === ctx.caller.tenantId);
    if (!key || !visible) {
      return { apiKey: null, userErrors: [userError(ErrorCode.NOT_FOUND, "API key not found", ["id"])] };
    }
    if (key.tenantId) requireRole(ctx.caller, key.tenantId, Role.ADMIN);
    else requirePlatformAdmin(ctx.caller);
    const revoked = await ctx.services.apiKeys.revoke(key.id);
    await writeAudit(ctx.services.dataSource.manager, {
      tenantId: key.tenantId,
      actorKeyId: ctx.caller.keyId,
      action: "apiKey.revoke",
      details: { apiKeyId: key.id },
      requestId: ctx.requestId,
    });
    return { apiKey: toApiKeyType(revoked), userErrors: [] };
  }
}

function failed(error: UserError): CreateApiKeyPayload {
  return { apiKey: null, secret: null, userErrors: [error] };
}
