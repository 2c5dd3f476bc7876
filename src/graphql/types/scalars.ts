/** Scalars from graphql-scalars, registered once for type-graphql. */
import { DateTimeResolver, UUIDResolver } from "graphql-scalars";

export const DateTimeScalar = DateTimeResolver;
export const UUIDScalar = UUIDResolver;
