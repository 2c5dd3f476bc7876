/** Cost declarations for fields: a connection costs its requested page size times what each item costs. */
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "./relay";

/** Declared on every connection field: `first`/`last` (or the default page size) × the child cost. */
export function connectionCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const size = (args.first as number | undefined) ?? (args.last as number | undefined) ?? DEFAULT_PAGE_SIZE;
  return 1 + Math.max(size, 1) * childComplexity;
}

/** Aggregates scan a tenant's inventory: priced like a page of the default size. */
export const AGGREGATE_COST = DEFAULT_PAGE_SIZE;
