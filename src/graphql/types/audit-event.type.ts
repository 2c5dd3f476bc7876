/** The `AuditEvent` type: one recorded action on a tenant, for its ADMINs. */
import { JSONObjectResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import type { AuditEventRow } from "../../store";
import { connectionType, toGlobalId } from "../relay";
import { DateTimeScalar, type Instant } from "./scalars";

@ObjectType("AuditEvent", {
  simpleResolvers: true,
  description: "Who did what to the tenant, and when: every mutation and consent outcome.",
})
export class AuditEventType {
  @Field(() => ID, { description: "Opaque ID of the event." })
  id!: string;

  @Field({ description: "What was done, e.g. `apiKey.create`, `sync.trigger`, `integration.connected`." })
  action!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Global ID of the API key that acted (an `ApiKey`); null for the service itself.",
  })
  actor!: string | null;

  @Field(() => JSONObjectResolver, { description: "What the action concerned (never a secret)." })
  details!: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: "The request id, as in the service's logs." })
  requestId!: string | null;

  @Field(() => DateTimeScalar, { description: "When it happened." })
  occurredAt!: Instant;
}

export const AuditEventConnection = connectionType("AuditEvent", AuditEventType);

export function toAuditEventType(row: AuditEventRow): AuditEventType {
  return {
    id: toGlobalId("AuditEvent", row.tenantId, row.id),
    action: row.action,
    actor: row.actorKeyId && toGlobalId("ApiKey", row.actorKeyTenantId, row.actorKeyId),
    details: row.details,
    requestId: row.requestId,
    occurredAt: row.occurredAt,
  };
}
