import { Field, ObjectType } from "type-graphql";
import { ErrorCode } from "../../auth/errors";
import "./enums";

/** An expected failure of a mutation, reported in its payload instead of as a GraphQL error. */
@ObjectType({ description: "An expected failure of a mutation: bad input, a conflict, a missing object." })
export class UserError {
  @Field(() => [String], { nullable: true, description: "Path to the input field at fault, if any." })
  field!: string[] | null;

  @Field({ description: "What went wrong, for people." })
  message!: string;

  @Field(() => ErrorCode, { description: "What went wrong, for programs." })
  code!: ErrorCode;
}

export const userError = (code: ErrorCode, message: string, field: string[] | null = null): UserError => ({
  field,
  message,
  code,
});
