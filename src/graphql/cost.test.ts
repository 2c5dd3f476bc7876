import { connectionCost, FILTER_CONDITION_COST, measureFilter, TEXT_SEARCH_COST } from "./cost";

const conditions = (filter: unknown) => measureFilter(filter).conditions;

describe("measureFilter", () => {
  it("counts each comparator operator and each list element", () => {
    expect(conditions({ agentKey: { in: ["cursor", "cline", "aider"] }, status: { eq: "ACTIVE" } })).toBe(4);
    expect(conditions({ deviceTag: "vip", name: { eq: "a", isNull: false } })).toBe(3);
  });

  it("counts every nested filter once plus its own conditions", () => {
    const leaf = { name: { eq: "x" } };
    expect(conditions({ not: leaf })).toBe(2);
    expect(conditions({ and: [leaf, leaf], or: [] })).toBe(4);
  });

  it("prices text searches ten times an equality, which no index serves", () => {
    expect(measureFilter({ name: { eq: "a" } }).cost).toBe(FILTER_CONDITION_COST);
    expect(measureFilter({ name: { containsIgnoreCase: "a" }, osPlatform: { startsWith: "Win" } }).cost).toBe(
      2 * TEXT_SEARCH_COST,
    );
    expect(measureFilter({ name: { in: ["a", "b"] } }).cost).toBe(2 * FILTER_CONDITION_COST);
  });

  it("prices the 100 × 100 `or` of containsIgnoreCase far beyond any page", () => {
    const leaf = { name: { containsIgnoreCase: "x" } };
    const inner = { or: Array.from({ length: 100 }, () => leaf) };
    const filter = { or: Array.from({ length: 100 }, () => inner) };
    expect(measureFilter(filter)).toEqual({
      conditions: 100 * (1 + 100 * 2),
      cost: 100 * (FILTER_CONDITION_COST + 100 * (FILTER_CONDITION_COST + TEXT_SEARCH_COST)),
    });
    expect(connectionCost({ args: { first: 1, filter }, childComplexity: 1 } as never)).toBeGreaterThan(
      1_000_000,
    );
  });

  it("ignores absent filters and null fields", () => {
    expect(measureFilter(undefined)).toEqual({ conditions: 0, cost: 0 });
    expect(conditions({ name: null, and: null })).toBe(0);
    expect(connectionCost({ args: { first: 10 }, childComplexity: 2 } as never)).toBe(21);
    expect(
      connectionCost({ args: { first: 10, filter: { name: { eq: "a" } } }, childComplexity: 2 } as never),
    ).toBe(21 + FILTER_CONDITION_COST);
  });
});
