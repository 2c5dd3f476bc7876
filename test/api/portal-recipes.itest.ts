/**
 * The README's "Portal recipes" are real: each query runs without errors against a seeded tenant, and
 * costs what the README says it costs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fromGlobalId } from "../../src/graphql/relay";
import { seedInventory } from "../support/inventory";
import { ADMIN_KEY, startTestService, type TestService } from "../support/service";

const README = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
const section = README.slice(README.indexOf("## Portal recipes"), README.indexOf("## Operations"));
const recipes = [
  ...section.matchAll(/\*\*(\d\. [^*]+)\*\* \(cost (\d+)\)[\s\S]*?```graphql\n([\s\S]*?)```/g),
].map(([, title, cost, query]) => ({ title, cost: Number(cost), query }));

describe("the README's portal recipes", () => {
  let api: TestService;

  beforeAll(async () => {
    api = await startTestService();
    const { data } = await api.gql<any>(
      `mutation { createTenant(input: { name: "Recipes" }) { tenant { id } } }`,
    );
    await seedInventory(
      api.database.dataSource,
      fromGlobalId(data.createTenant.tenant.id)!.key,
      "recipes",
      6,
    );
  });
  afterAll(() => api.stop());

  it("lists five", () => {
    expect(recipes.map((r) => r.title)).toHaveLength(5);
  });

  it.each(recipes)("$title: answers, at the cost stated", async ({ query, cost }) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      extensions?: { cost?: { requested: number } };
    };
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.cost?.requested).toBe(cost);
  });
});
