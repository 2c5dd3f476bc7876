/** `createApiKey` and `revokeApiKey`. */
import { Length } from "class-validator";
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import { Role } from "../../model/enums";
import type { GraphQLContext } from "../context";
import { apiKeyOf, tenantIdOf } from "../ids";
import { ApiKeyType, toApiKeyType } from "../types/api-key.type";
import { DateTimeScalar } from "../types/scalars";
import { payloadOf, UserError } from "../types/user-error";

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
    @Arg("input", () => CreateApiKeyInput, { description: "The key to create." })
    input: CreateApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreateApiKeyPayload> {
    return payloadOf<CreateApiKeyPayload>(
      async () => {
        const { key, secret } = await ctx.services.apiKeys.create(ctx.caller, {
          tenantId: input.tenantId ? tenantIdOf(input.tenantId) : undefined,
          name: input.name,
          role: input.role,
          expiresAt: input.expiresAt,
        });
        return { apiKey: toApiKeyType(key), secret, userErrors: [] };
      },
      (userErrors) => ({ apiKey: null, secret: null, userErrors }),
      input,
    );
  }

  @Mutation(() => RevokeApiKeyPayload, {
    description: "Revokes an API key (ADMIN of its tenant, or PLATFORM_ADMIN).",
  })
  async revokeApiKey(
    @Arg("input", () => RevokeApiKeyInput, { description: "The key to revoke." }) input: RevokeApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RevokeApiKeyPayload> {
    return payloadOf<RevokeApiKeyPayload>(
      async () => ({
        apiKey: toApiKeyType(await ctx.services.apiKeys.revoke(ctx.caller, apiKeyOf(input.id))),
        userErrors: [],
      }),
      (userErrors) => ({ apiKey: null, userErrors }),
    );
  }
}
