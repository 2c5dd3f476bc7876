/** The `User` type and its connection. */
import { Field, ObjectType } from "type-graphql";
import type { UserRow } from "../../store";
import { connectionType, Node, toGlobalId } from "../relay";
import { DateTimeScalar, UUIDScalar, type Instant } from "./scalars";

@ObjectType("User", {
  implements: Node,
  simpleResolvers: true,
  description: "A person or account Defender saw on devices.",
})
export class UserType extends Node {
  tenantId!: string;
  userId!: string;

  @Field(() => String, { nullable: true, description: "User principal name, when Defender reports one." })
  upn!: string | null;

  @Field(() => String, { nullable: true, description: "The account name (without domain)." })
  accountName!: string | null;

  @Field(() => String, { nullable: true, description: "The account's domain." })
  accountDomain!: string | null;

  @Field(() => String, { nullable: true, description: "The Windows security identifier." })
  sid!: string | null;

  @Field(() => UUIDScalar, { nullable: true, description: "The Entra object id." })
  aadObjectId!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When a sync last saw the user." })
  lastSeenAt!: Instant | null;
}

export const UserConnection = connectionType("User", UserType);

export function toUserType(row: UserRow): UserType {
  const user = Object.assign(new UserType(), row);
  user.id = toGlobalId("User", row.tenantId, row.id);
  user.userId = row.id;
  return user;
}
