import { connectionCost, filterConditions, FILTER_CONDITION_COST } from "./cost";

describe("filterConditions", () => {
  it("counts each comparator operator and each list element", () => {
    expect(
      filterConditions({ agentKey: { in: ["cursor", "cline", "aider"] }, status: { eq: "ACTIVE" } }),
    ).toBe(4);
    expect(filterConditions({ deviceTag: "vip", name: { containsIgnoreCase: "a", isNull: false } })).toBe(3);
  });

  it("counts every nested filter once plus its own conditions", () => {
    const leaf = { name: { containsIgnoreCase: "x" } };
    expect(filterConditions({ not: leaf })).toBe(2);
    expect(filterConditions({ and: [leaf, leaf], or: [] })).toBe(4);
  });

  it("prices the 100 × 100 `or` of containsIgnoreCase far beyond any page", () => {
    const leaf = { name: { containsIgnoreCase: "x" } };
    const inner = { or: Array.from({ length: 100 }, () => leaf) };
    const filter = { or: Array.from({ length: 100 }, () => inner) };
    expect(filterConditions(filter)).toBe(100 * (1 + 100 * 2));
    expect(connectionCost({ args: { first: 1, filter }, childComplexity: 1 } as never)).toBeGreaterThan(
      200_000,
    );
  });

  it("ignores absent filters and null fields", () => {
    expect(filterConditions(undefined)).toBe(0);
    expect(filterConditions({ name: null, and: null })).toBe(0);
    expect(connectionCost({ args: { first: 10 }, childComplexity: 2 } as never)).toBe(21);
    expect(
      connectionCost({ args: { first: 10, filter: { name: { eq: "a" } } }, childComplexity: 2 } as never),
    ).toBe(21 + FILTER_CONDITION_COST);
  });
});
