/** Typed comparators for filters (Linear / pg_graphql style): each field is ANDed with the others. */
import { Field, InputType, type ClassType } from "type-graphql";
import type { DateTimeCompare, EnumCompare, StringCompare } from "../../store";
import { DateTimeScalar } from "../types/scalars";

@InputType({ description: "Conditions on a text value; all given conditions must hold." })
export class StringComparator implements StringCompare {
  @Field(() => String, { nullable: true, description: "Equal to." })
  eq?: string | null;

  @Field(() => String, { nullable: true, description: "Not equal to (NULL counts as different)." })
  neq?: string | null;

  @Field(() => [String], { nullable: true, description: "Equal to one of these (at most 100)." })
  in?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Equal to none of these (at most 100)." })
  nin?: string[] | null;

  @Field(() => String, { nullable: true, description: "Contains this text (case-sensitive)." })
  contains?: string | null;

  @Field(() => String, { nullable: true, description: "Contains this text, ignoring case." })
  containsIgnoreCase?: string | null;

  @Field(() => String, { nullable: true, description: "Starts with this text (case-sensitive)." })
  startsWith?: string | null;

  @Field(() => Boolean, { nullable: true, description: "True: the value is missing; false: it is present." })
  isNull?: boolean | null;
}

@InputType({ description: "Conditions on a point in time; all given conditions must hold." })
export class DateTimeComparator implements DateTimeCompare {
  @Field(() => DateTimeScalar, { nullable: true, description: "Exactly at." })
  eq?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Before." })
  lt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "At or before." })
  lte?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "After." })
  gt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "At or after." })
  gte?: Date | null;

  @Field(() => Boolean, { nullable: true, description: "True: the value is missing; false: it is present." })
  isNull?: boolean | null;
}

/** Declares `<Name>Comparator` for an enum registered with type-graphql. */
export function enumComparator<E extends string>(name: string, enumType: object): ClassType<EnumCompare<E>> {
  @InputType(`${name}Comparator`, { description: `Conditions on a ${name} value; all must hold.` })
  class Comparator implements EnumCompare<E> {
    @Field(() => enumType, { nullable: true, description: "Equal to." })
    eq?: E | null;

    @Field(() => enumType, { nullable: true, description: "Not equal to." })
    neq?: E | null;

    @Field(() => [enumType], { nullable: true, description: "One of these." })
    in?: E[] | null;

    @Field(() => [enumType], { nullable: true, description: "None of these." })
    nin?: E[] | null;

    @Field(() => Boolean, { nullable: true, description: "True: no value is set; false: one is." })
    isNull?: boolean | null;
  }
  return Comparator;
}
