/** The `ApiKey` type (never its secret or hash). */
import { Field, ObjectType } from "type-graphql";
import type { ApiKeyRow } from "../../store";
import { Role } from "../../model/enums";
import { Node, toGlobalId } from "../relay";
import { DateTimeScalar } from "./scalars";
import "./enums";

@ObjectType("ApiKey", {
  implements: Node,
  description: "An API key. Its secret is shown only once, at creation.",
})
export class ApiKeyType extends Node {
  @Field({ description: "A label to recognize the key." })
  name!: string;

  @Field(() => Role, { description: "What the key may do." })
  role!: Role;

  @Field({
    description:
      "A random public id to recognize the key, never part of its secret; generated secrets begin with `aik_<prefix>_`.",
  })
  prefix!: string;

  @Field(() => DateTimeScalar, { description: "When the key was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the key was last used (to the minute)." })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the key stops working; null if never." })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the key was revoked; null while it works.",
  })
  revokedAt!: Date | null;
}

export function toApiKeyType(key: ApiKeyRow): ApiKeyType {
  return Object.assign(new ApiKeyType(), {
    id: toGlobalId("ApiKey", key.tenantId, key.id),
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  });
}
