/** Mutation payloads' `userErrors`: expected refusals, reported in the payload rather than as errors. */
import { validate } from "class-validator";
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
 * Runs a mutation's use case, after checking its input's declared constraints (class-validator): a
 * field that breaks one, or a refusal about one input (a FieldError from the services), becomes the
 * payload's `userErrors`, and nothing runs or changes; anything else is raised as a GraphQL error.
 * One rule for every mutation: problems with its input are `userErrors` (README, "Errors").
 */
export async function payloadOf<P>(
  work: () => Promise<P>,
  failed: (errors: UserError[]) => P,
  input?: object,
): Promise<P> {
  const invalid = input
    ? await validate(input, { forbidUnknownValues: false, skipMissingProperties: true })
    : [];
  if (invalid.length) {
    return failed(
      invalid.map((e) =>
        userError(ErrorCode.BAD_USER_INPUT, Object.values(e.constraints ?? {}).join("; "), [e.property]),
      ),
    );
  }
  try {
    return await work();
  } catch (error) {
    if (error instanceof FieldError) return failed([userError(error.code, error.message, [error.field])]);
    throw error;
  }
}
