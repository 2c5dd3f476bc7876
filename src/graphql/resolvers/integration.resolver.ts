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
import { mutationTenantId, tenantNotFound } from "../ids";
import {
  DiagnosticCheckType,
  type DiagnosticCategory,
  type DiagnosticStatus,
} from "../types/diagnostic.type";
import { DateTimeScalar } from "../types/scalars";
import { TenantType } from "../types/tenant.type";
import { UserError } from "../types/user-error";

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
    const tenantId = await mutationTenantId(ctx, input.tenantId);
    if (!tenantId)
      return { consentUrl: null, expiresAt: null, redirectUri: null, userErrors: [tenantNotFound()] };
    const { consentUrl, expiresAt } = await ctx.services.integrations.connect(
      ctx.caller,
      tenantId,
      input.cloud,
      ctx.requestId,
    );
    return { consentUrl, expiresAt, redirectUri: ctx.services.integrations.redirectUri(), userErrors: [] };
  }

  @FieldResolver(() => [DiagnosticCheckType], {
    description:
      "Troubleshooting checks: permissions, discovery and coverage, each with a status, a sentence and figures.",
  })
  async diagnostics(@Root() tenant: TenantType, @Ctx() ctx: GraphQLContext): Promise<DiagnosticCheckType[]> {
    const checks = await ctx.services.integrations.diagnostics(ctx.caller, tenant.tenantId);
    return checks.map((check) => ({
      ...check,
      category: check.category as DiagnosticCategory,
      status: check.status as DiagnosticStatus,
    }));
  }
}
