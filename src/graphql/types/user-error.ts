/** Mutation payloads' `userErrors`: expected refusals, reported in the payload rather than as errors. */
import { Field, ObjectType } from "type-graphql";
import { ErrorCode, FieldError } from "../../model/errors";
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

/**
 * Runs a mutation's use case: a refusal about one of its inputs (a FieldError from the services)
 * becomes the payload's `userErrors`; anything else is raised as a GraphQL error.
 */
export async function payloadOf<P>(work: () => Promise<P>, failed: (errors: UserError[]) => P): Promise<P> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FieldError) return failed([userError(error.code, error.message, [error.field])]);
    throw error;
  }
}
