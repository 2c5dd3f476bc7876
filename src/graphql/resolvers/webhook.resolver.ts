/**
 * Webhooks: `Tenant.webhooks`, `Webhook.deliveries` (the delivery log) and the mutations creating,
 * changing, disabling, deleting and testing them. The webhook service checks roles (ADMIN) and audits.
 */
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
  Resolver,
  Root,
} from "type-graphql";
import { WebhookEventType } from "../../model/enums";
import type { WebhookRef } from "../../services";
import type { GraphQLContext } from "../context";
import { connectionCost } from "../cost";
import { tenantIdOf } from "../ids";
import { ConnectionArgs, fromGlobalId, pageRequest, toConnection, type Connection } from "../relay";
import { TenantType } from "../types/tenant.type";
import { payloadOf, UserError } from "../types/user-error";
import {
  toWebhookDeliveryType,
  toWebhookType,
  WebhookConnection,
  WebhookDeliveryConnection,
  WebhookDeliveryType,
  WebhookType,
} from "../types/webhook.type";
import { registerNodeType } from "./node.resolver";

/** The webhook a global ID names, with its tenant; null when it is not a Webhook ID. */
function webhookOf(globalId: string): WebhookRef | null {
  const id = fromGlobalId(globalId);
  return id?.type === "Webhook" && id.tenantId ? { tenantId: id.tenantId, id: id.key } : null;
}

registerNodeType("Webhook", async (ctx, id) => {
  const [row] = await ctx.services.webhooks.byIds(ctx.caller, id.tenantId!, [id.key]);
  return row ? toWebhookType(row) : null;
});

@InputType({ description: "A new webhook." })
class CreateWebhookInput {
  @Field(() => ID, { description: "Global ID of the tenant." })
  tenantId!: string;

  @Field({
    description:
      "The receiver: https (http only where the operator allows it), on a public address unless the operator allows private ones.",
  })
  @Length(1, 2000)
  url!: string;

  @Field(() => [WebhookEventType], { description: "The events to deliver (at least one)." })
  events!: WebhookEventType[];

  @Field(() => String, {
    nullable: true,
    description:
      "The signing secret, `whsec_` and the base64 of 24 to 64 random bytes; omit to have one generated.",
  })
  secret?: string | null;
}

@ObjectType({ description: "Result of createWebhook." })
class CreateWebhookPayload {
  @Field(() => WebhookType, { nullable: true, description: "The new webhook." })
  webhook!: WebhookType | null;

  @Field(() => String, {
    nullable: true,
    description: "The signing secret. Returned only here, only once: store it with the receiver.",
  })
  secret!: string | null;

  @Field(() => [UserError], { description: "Why the webhook was not created, if it was not." })
  userErrors!: UserError[];
}

@InputType({ description: "Changes to a webhook; omitted fields stay as they are." })
class UpdateWebhookInput {
  @Field(() => ID, { description: "Global ID of the webhook." })
  id!: string;

  @Field(() => String, { nullable: true, description: "A new receiver URL." })
  @Length(1, 2000)
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true, description: "A new set of events." })
  events?: WebhookEventType[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True enables it again (its pending deliveries resume); false disables it.",
  })
  enabled?: boolean | null;
}

@InputType({ description: "The webhook to act on." })
class WebhookIdInput {
  @Field(() => ID, { description: "Global ID of the webhook." })
  id!: string;
}

@ObjectType({ description: "Result of updateWebhook and disableWebhook." })
class WebhookPayload {
  @Field(() => WebhookType, { nullable: true, description: "The webhook as it now is." })
  webhook!: WebhookType | null;

  @Field(() => [UserError], { description: "Why nothing changed, if nothing did." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of deleteWebhook." })
class DeleteWebhookPayload {
  @Field(() => ID, { nullable: true, description: "Global ID of the deleted webhook." })
  deletedWebhookId!: string | null;

  @Field(() => [UserError], { description: "Why the webhook was not deleted, if it was not." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Result of testWebhook." })
class TestWebhookPayload {
  @Field(() => WebhookDeliveryType, {
    nullable: true,
    description: "The test delivery as the log records it: DELIVERED, or FAILED with the reason.",
  })
  delivery!: WebhookDeliveryType | null;

  @Field(() => [UserError], { description: "Why no test was sent, if none was." })
  userErrors!: UserError[];
}

@Resolver(() => TenantType)
export class TenantWebhooksResolver {
  @FieldResolver(() => WebhookConnection, {
    description: "The tenant's webhooks, newest first (ADMIN).",
    complexity: connectionCost,
  })
  async webhooks(
    @Root() tenant: TenantType,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<WebhookType>> {
    const request = pageRequest(args);
    const page = await ctx.services.webhooks.list(ctx.caller, tenant.tenantId, request);
    return toConnection(page, request, toWebhookType, page.total);
  }
}

@Resolver(() => WebhookType)
export class WebhookResolver {
  @FieldResolver(() => WebhookDeliveryConnection, {
    description: "The delivery log: every event for this webhook, newest first, with its attempts.",
    complexity: connectionCost,
  })
  async deliveries(
    @Root() webhook: WebhookType,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<WebhookDeliveryType>> {
    const request = pageRequest(args);
    const ref = { tenantId: webhook.tenantId, id: webhook.rowId };
    const page = await ctx.services.webhooks.deliveries(ctx.caller, ref, request);
    return toConnection(page, request, toWebhookDeliveryType, page.total);
  }

  @Mutation(() => CreateWebhookPayload, {
    description:
      "Creates a webhook (ADMIN). Its signing secret, given or generated, is returned once and never again.",
  })
  async createWebhook(
    @Arg("input", () => CreateWebhookInput, { description: "The webhook to create.", validate: true })
    input: CreateWebhookInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreateWebhookPayload> {
    return payloadOf<CreateWebhookPayload>(
      async () => {
        const { webhook, secret } = await ctx.services.webhooks.create(ctx.caller, {
          tenantId: tenantIdOf(input.tenantId),
          url: input.url,
          events: input.events,
          secret: input.secret,
        });
        return { webhook: toWebhookType(webhook), secret, userErrors: [] };
      },
      (userErrors) => ({ webhook: null, secret: null, userErrors }),
    );
  }

  @Mutation(() => WebhookPayload, {
    description: "Changes a webhook's URL, events or whether it is enabled (ADMIN).",
  })
  async updateWebhook(
    @Arg("input", () => UpdateWebhookInput, { description: "The changes.", validate: true })
    input: UpdateWebhookInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookPayload> {
    return payloadOf<WebhookPayload>(
      async () => {
        const webhook = await ctx.services.webhooks.update(ctx.caller, webhookOf(input.id), input);
        return { webhook: toWebhookType(webhook), userErrors: [] };
      },
      (userErrors) => ({ webhook: null, userErrors }),
    );
  }

  @Mutation(() => WebhookPayload, {
    description:
      "Disables a webhook (ADMIN): nothing is delivered until it is enabled again; events keep queuing.",
  })
  async disableWebhook(
    @Arg("input", () => WebhookIdInput, { description: "The webhook to disable." }) input: WebhookIdInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookPayload> {
    return payloadOf<WebhookPayload>(
      async () => {
        const webhook = await ctx.services.webhooks.update(ctx.caller, webhookOf(input.id), {
          enabled: false,
        });
        return { webhook: toWebhookType(webhook), userErrors: [] };
      },
      (userErrors) => ({ webhook: null, userErrors }),
    );
  }

  @Mutation(() => DeleteWebhookPayload, {
    description: "Deletes a webhook and its delivery log (ADMIN); undelivered events are dropped.",
  })
  async deleteWebhook(
    @Arg("input", () => WebhookIdInput, { description: "The webhook to delete." }) input: WebhookIdInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeleteWebhookPayload> {
    return payloadOf<DeleteWebhookPayload>(
      async () => {
        const deleted = await ctx.services.webhooks.delete(ctx.caller, webhookOf(input.id));
        return { deletedWebhookId: toWebhookType(deleted).id, userErrors: [] };
      },
      (userErrors) => ({ deletedWebhookId: null, userErrors }),
    );
  }

  @Mutation(() => TestWebhookPayload, {
    description:
      "Sends a signed `webhook.test` delivery now, once (ADMIN), and returns how it went; it appears in the delivery log.",
  })
  async testWebhook(
    @Arg("input", () => WebhookIdInput, { description: "The webhook to test." }) input: WebhookIdInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TestWebhookPayload> {
    return payloadOf<TestWebhookPayload>(
      async () => ({
        delivery: toWebhookDeliveryType(await ctx.services.webhooks.test(ctx.caller, webhookOf(input.id))),
        userErrors: [],
      }),
      (userErrors) => ({ delivery: null, userErrors }),
    );
  }
}
