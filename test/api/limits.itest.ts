/** Request limits: tokens, depth, aliases, cost; introspection only for authenticated callers. */
import { getIntrospectionQuery } from "graphql";
import { startTestService, type TestService } from "../support/service";

describe("request limits", () => {
  let api: TestService;
  let tenant: string;

  beforeAll(async () => {
    api = await startTestService();
    tenant = (await api.gql<any>(`mutation { createTenant(input: { name: "Alpha" }) { tenant { id } } }`))
      .data.createTenant.tenant.id;
  });
  afterAll(() => api.stop());

  it("answers GraphiQL's introspection query for a key, and refuses it without one", async () => {
    const authenticated = await api.gql<any>(
      getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
    );
    expect(authenticated.errors).toBeUndefined();
    expect(authenticated.data.__schema.queryType.name).toBe("Query");
    const anonymous = await api.gql<any>(getIntrospectionQuery(), undefined, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.data).toBeUndefined();
  });

  it("reports the query cost in extensions", async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer test-admin-key" },
      body: JSON.stringify({
        query: `query($t: ID!) { tenant(id: $t) { installations(first: 10) { nodes { agent { key } } } } }`,
        variables: { t: tenant },
      }),
    });
    const body = (await response.json()) as any;
    expect(body.extensions.cost).toEqual({ requested: 1 + 1 + 10 * 2 + 0, maximum: 10_000 });
  });

  it("rejects a query costing more than the maximum as QUERY_TOO_COMPLEX, before running it", async () => {
    const result = await api.gql(
      `query($t: ID!) { tenant(id: $t) { installations(first: 100) { nodes { device { installations(first: 100) { nodes { agent { key } user { upn } } } } } } } }`,
      { t: tenant },
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(result.data).toBeUndefined();
  });

  it("rejects queries deeper than 10 levels", async () => {
    const deep = `query($t: ID!) { tenant(id: $t) { installations(first: 1) { nodes { device { installations(first: 1) { nodes { user { installations(first: 1) { nodes { agent { key } } } } } } } } } } }`;
    const result = await api.gql(deep, { t: tenant });
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toMatch(/depth/);
  });

  it("rejects more than 15 aliases", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: viewer { role }`).join(" ");
    const result = await api.gql(`{ ${aliases} }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toMatch(/aliases/);
    const fine = await api.gql(`{ ${aliases.split(" a15:")[0]} }`);
    expect(fine.errors).toBeUndefined();
  });

  it("stops parsing documents of more than 3000 tokens", async () => {
    const result = await api.gql(`{ ${"__typename ".repeat(3000)} }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("ends any statement of an API process after 30 seconds", async () => {
    const [row] = await api.service.database.dataSource.query("SHOW statement_timeout");
    expect(row.statement_timeout).toBe("30s");
  });
});
