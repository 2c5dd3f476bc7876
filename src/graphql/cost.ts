/**
 * Cost declarations for fields: a connection costs its requested page size times what each item costs,
 * plus what its filter makes the database do (every condition is evaluated on every row it scans).
 */
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "./relay";

/** Declared on every connection field: `first`/`last` (or the default page size) × the child cost + filter. */
export function connectionCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const size = (args.first as number | undefined) ?? (args.last as number | undefined) ?? DEFAULT_PAGE_SIZE;
  return 1 + Math.max(size, 1) * childComplexity + FILTER_CONDITION_COST * filterConditions(args.filter);
}

/** Aggregates scan a tenant's inventory: priced like a page of the default size. */
export const AGGREGATE_COST = DEFAULT_PAGE_SIZE;

/** What one filter condition adds to a connection's cost. */
export const FILTER_CONDITION_COST = 10;

const NESTING = new Set(["and", "or", "not"]);

/**
 * The conditions in a filter input: every comparator operator, every element of an `in`/`nin` list, and
 * every filter nested in `and`, `or` or `not` (one for the nesting, plus its own conditions).
 */
export function filterConditions(filter: unknown): number {
  if (!isInputObject(filter)) return 0;
  let total = 0;
  for (const [field, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    if (NESTING.has(field)) {
      for (const nested of Array.isArray(value) ? value : [value]) total += 1 + filterConditions(nested);
    } else if (isInputObject(value)) {
      for (const operand of Object.values(value)) {
        if (operand === null || operand === undefined) continue;
        total += Array.isArray(operand) ? operand.length : 1;
      }
    } else {
      total += 1;
    }
  }
  return total;
}

function isInputObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
