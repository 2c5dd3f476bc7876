import { buildSchema, parse, validate } from "graphql";
import { depthAndAliasRules } from "./limits";

const schema = buildSchema(`
  type Node { name: String child: Node }
  type Query { node: Node }
`);

const errorsOf = (query: string) =>
  validate(schema, parse(query), depthAndAliasRules({ maxDepth: 3, maxAliases: 2 })).map((e) => e.message);

describe("depth and alias limits", () => {
  it("accepts a query exactly at the depth limit and reports one a level deeper", () => {
    expect(errorsOf(`{ node { child { name } } }`)).toEqual([]);
    expect(errorsOf(`{ node { child { child { name } } } }`)).toEqual([
      "Syntax Error: Query depth limit of 3 exceeded, found 4.",
    ]);
  });

  it("counts the fields inside fragments, not the fragments themselves", () => {
    const query = `{ node { ...F } } fragment F on Node { child { name } }`;
    expect(errorsOf(query)).toEqual([]);
  });

  it("does not count the introspection tree", () => {
    expect(errorsOf(`{ __schema { types { fields { type { name } } } } }`)).toEqual([]);
  });

  it("allows aliases up to the limit, not counting aliased __typename", () => {
    expect(errorsOf(`{ a: node { name } b: node { name } t1: __typename t2: __typename }`)).toEqual([]);
    expect(errorsOf(`{ a: node { name } b: node { name } c: node { name } }`)).toEqual([
      "Syntax Error: Aliases limit of 2 exceeded, found 3.",
    ]);
  });
});
