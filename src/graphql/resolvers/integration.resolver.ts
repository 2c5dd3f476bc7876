/** `connectDefender` and `Tenant.diagnostics`. */
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from "type-graphql";
import { Cloud } from "../../model/enums";
import type { GraphQLContext } from "../context";
import { tenantIdOf } from "../ids";
import { DiagnosticCheckType } from "../types/diagnostic.type";
import { DateTimeScalar } from "../types/scalars";
import { TenantType } from "../types/tenant.type";
import { payloadOf, UserError } from "../types/user-error";

@InputType({ description: "The tenant to connect to Microsoft Defender." })
class ConnectDefenderInput {
  @Field(() => ID, { description: "Global ID of the tenant." })
  tenantId!: string;

  @Field(() => Cloud, {
    nullable: true,
    description: "The tenant's Microsoft cloud (default: unchanged, PUBLIC at first).",
  })
  cloud?: Cloud;
}

@ObjectType({ description: "Result of connectDefender: where to send an Entra administrator." })
class ConnectDefenderPayload {
  @Field(() => String, {
    nullable: true,
    description:
      "Microsoft's admin-consent page for this service's application; valid once, until expiresAt.",
  })
  consentUrl!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the consent URL stops working (10 minutes).",
  })
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The redirect URI the app registration must list." })
  redirectUri!: string | null;

  @Field(() => [UserError], { description: "Why no consent URL was made, if none was." })
  userErrors!: UserError[];
}

@Resolver(() => TenantType)
export class IntegrationResolver {
  @Mutation(() => ConnectDefenderPayload, {
    description:
      "Starts 'Connect with Microsoft' (ADMIN): returns the admin-consent URL for an Entra administrator.",
  })
  async connectDefender(
    @Arg("input", () => ConnectDefenderInput, { description: "The tenant to connect." })
    input: ConnectDefenderInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectDefenderPayload> {
    return payloadOf<ConnectDefenderPayload>(
      async () => ({
        ...(await ctx.services.integrations.connect(ctx.caller, tenantIdOf(input.tenantId), input.cloud)),
        userErrors: [],
      }),
      (userErrors) => ({ consentUrl: null, expiresAt: null, redirectUri: null, userErrors }),
    );
  }

  @FieldResolver(() => [DiagnosticCheckType], {
    description:
      "Troubleshooting checks: permissions, discovery and coverage, each with a status, a sentence and figures.",
  })
  diagnostics(@Root() tenant: TenantType, @Ctx() ctx: GraphQLContext): Promise<DiagnosticCheckType[]> {
    return ctx.services.integrations.diagnostics(ctx.caller, tenant.tenantId);
  }
}
