/**
 * Cost declarations for fields: a connection costs its requested page size times what each item costs,
 * plus what its filter makes the database do (every condition is evaluated on every row it scans).
 */
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "./relay";

/** Declared on every connection field: `first`/`last` (or the default page size) × the child cost + filter. */
export function connectionCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const size = (args.first as number | undefined) ?? (args.last as number | undefined) ?? DEFAULT_PAGE_SIZE;
  return 1 + Math.max(size, 1) * childComplexity + measureFilter(args.filter).cost;
}

/** Declared on `nodes(ids:)`: each ID is a fetch of its own, priced as one item of a page. */
export function idListCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const ids = Array.isArray(args.ids) ? args.ids.length : 1;
  return 1 + Math.max(ids, 1) * childComplexity;
}

/** Aggregates scan a tenant's inventory: priced like a page of the default size. */
export const AGGREGATE_COST = DEFAULT_PAGE_SIZE;

/** What one filter condition adds to a connection's cost. */
export const FILTER_CONDITION_COST = 10;
/**
 * A text search reads every scanned row's text and no index serves it: measured at about 0.1 s per
 * search over 100,000 devices, ten times an equality.
 */
export const TEXT_SEARCH_COST = 100;

const NESTING = new Set(["and", "or", "not"]);
const TEXT_SEARCHES = new Set(["contains", "containsIgnoreCase", "startsWith"]);

/**
 * The conditions in a filter input and their price: every comparator operator, every element of an
 * `in`/`nin` list, and every filter nested in `and`, `or` or `not` (one for the nesting, plus its own
 * conditions) is a condition costing FILTER_CONDITION_COST, text searches TEXT_SEARCH_COST.
 */
export function measureFilter(filter: unknown): { conditions: number; cost: number } {
  const total = { conditions: 0, cost: 0 };
  const add = (conditions: number, each = FILTER_CONDITION_COST) => {
    total.conditions += conditions;
    total.cost += conditions * each;
  };
  const walk = (node: unknown): void => {
    if (!isInputObject(node)) return;
    for (const [field, value] of Object.entries(node)) {
      if (value === null || value === undefined) continue;
      if (NESTING.has(field)) {
        for (const nested of Array.isArray(value) ? value : [value]) {
          add(1);
          walk(nested);
        }
      } else if (isInputObject(value)) {
        for (const [operator, operand] of Object.entries(value)) {
          if (operand === null || operand === undefined) continue;
          if (Array.isArray(operand)) add(operand.length);
          else add(1, TEXT_SEARCHES.has(operator) ? TEXT_SEARCH_COST : FILTER_CONDITION_COST);
        }
      } else {
        add(1);
      }
    }
  };
  walk(filter);
  return total;
}

function isInputObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
