/**
 * Request limits: tokens, depth, aliases, cost (filters included), the statement timeout of the API's
 * pool; introspection only for authenticated callers.
 */
import { getIntrospectionQuery } from "graphql";
import { ADMIN_KEY, startTestService, type TestService } from "../support/service";

const DEVICE_SEARCH = `query($t: ID!, $f: DeviceFilter) { tenant(id: $t) { devices(first: 10, filter: $f) { nodes { name } } } }`;

const viewerKey = async (api: TestService, tenant: string): Promise<string> =>
  (
    await api.gql<any>(
      `mutation($t: ID!) { createApiKey(input: { tenantId: $t, name: "viewer", role: VIEWER }) { secret } }`,
      { t: tenant },
    )
  ).data.createApiKey.secret;

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
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
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
    expect(result.errors?.[0].message).toMatch(/aliases/i);
    const fine = await api.gql(`{ ${aliases.split(" a15:")[0]} }`);
    expect(fine.errors).toBeUndefined();
  });

  it("stops parsing documents of more than 3000 tokens", async () => {
    const result = await api.gql(`{ ${"__typename ".repeat(3000)} }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("rejects the 100 × 100 `or` of containsIgnoreCase from a VIEWER key as QUERY_TOO_COMPLEX, before running it", async () => {
    const key = await viewerKey(api, tenant);
    const inner = { or: Array.from({ length: 100 }, (_, i) => ({ name: { containsIgnoreCase: `n${i}` } })) };
    const filter = { or: Array.from({ length: 100 }, () => inner) };
    const result = await api.gql(DEVICE_SEARCH, { t: tenant, f: filter }, key);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(result.errors?.[0].message).toBe(
      "Filters in this request hold 20100 conditions; at most 200 are allowed",
    );
    expect(result.data).toBeUndefined();
  });

  it("prices every filter condition and allows at most 200 of them", async () => {
    const leaves = (n: number) => ({ or: Array.from({ length: n }, (_, i) => ({ name: { eq: `d${i}` } })) });
    const cheap = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query: DEVICE_SEARCH, variables: { t: tenant, f: leaves(3) } }),
    });
    // tenant 1 + connection (1 + 10 × 1 + 10 per condition × 6 conditions)
    expect(((await cheap.json()) as any).extensions.cost.requested).toBe(1 + 1 + 10 + 60);
    const twoHundred = await api.gql(DEVICE_SEARCH, { t: tenant, f: leaves(100) });
    expect(twoHundred.errors).toBeUndefined();
    const overCap = await api.gql(DEVICE_SEARCH, { t: tenant, f: leaves(101) });
    expect(overCap.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("prices text searches higher: 100 of them exceed the cost even below the condition cap", async () => {
    const searches = (n: number) => ({
      or: Array.from({ length: n }, (_, i) => ({ name: { containsIgnoreCase: `d${i}` } })),
    });
    expect((await api.gql(DEVICE_SEARCH, { t: tenant, f: searches(50) })).errors).toBeUndefined();
    const hundred = await api.gql(DEVICE_SEARCH, { t: tenant, f: searches(100) });
    expect(hundred.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(hundred.errors?.[0].message).toBe("Query cost 11012 exceeds the maximum of 10000");
  });

  it("counts the conditions of all filters in a request together", async () => {
    const filter = { or: Array.from({ length: 60 }, (_, i) => ({ name: { eq: `d${i}` } })) };
    const twice = `query($t: ID!, $f: DeviceFilter) { tenant(id: $t) {
      a: devices(first: 1, filter: $f) { nodes { name } } b: devices(first: 1, filter: $f) { nodes { name } } } }`;
    const result = await api.gql(twice, { t: tenant, f: filter });
    expect(result.errors?.[0].message).toBe(
      "Filters in this request hold 240 conditions; at most 200 are allowed",
    );
  });

  it("ends any statement of an API process after 30 seconds", async () => {
    const [row] = await api.service.apiSql!.rows<{ statement_timeout: string }>("SHOW statement_timeout");
    expect(row.statement_timeout).toBe("30s");
  });
});

describe("the API's statement timeout", () => {
  let api: TestService;
  let tenant: string;

  beforeAll(async () => {
    api = await startTestService({ PROCESS_ROLES: "api,worker", API_STATEMENT_TIMEOUT_MS: "500" });
    tenant = (await api.gql<any>(`mutation { createTenant(input: { name: "Beta" }) { tenant { id } } }`)).data
      .createTenant.tenant.id;
  });
  afterAll(() => api.stop());

  it("applies to the API's pool in a process that also runs the worker, and never to the worker's", async () => {
    const timeout = "SHOW statement_timeout";
    const [apiPool] = await api.service.apiSql!.rows<{ statement_timeout: string }>(timeout);
    expect(apiPool.statement_timeout).toBe("500ms");
    const [workerPool] = await api.service.sql.rows<{ statement_timeout: string }>(timeout);
    expect(workerPool.statement_timeout).toBe("0");
  });

  it("stops a read that runs past it and answers QUERY_TIMEOUT with what to do", async () => {
    const key = await viewerKey(api, tenant);
    // A read that cannot finish: the device table is locked until the test lets go.
    const blocker = api.database.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      await blocker.query("LOCK TABLE device IN ACCESS EXCLUSIVE MODE");
      const result = await api.gql(
        DEVICE_SEARCH,
        { t: tenant, f: { name: { containsIgnoreCase: "a" } } },
        key,
      );
      expect(result.errors?.[0].extensions?.code).toBe("QUERY_TIMEOUT");
      expect(result.errors?.[0].message).toMatch(/statement timeout and was stopped: narrow its filters/);
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
  });
});
