import { createHash } from "node:crypto";
import { ADMIN_KEY, startTestService, type TestService } from "../support/service";

const CREATE_TENANT = `mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id name integration { status } } userErrors { code message } } }`;
const CREATE_KEY = `mutation($tenantId: ID, $name: String!, $role: Role!) {
  createApiKey(input: { tenantId: $tenantId, name: $name, role: $role }) { secret apiKey { id role prefix } userErrors { code field message } }
}`;

describe("authentication and tenant isolation", () => {
  let api: TestService;
  let tenantA: string;
  let tenantB: string;
  let keyA: string;
  let viewerA: string;

  beforeAll(async () => {
    api = await startTestService();
    tenantA = (await api.gql<any>(CREATE_TENANT, { name: "Alpha" })).data.createTenant.tenant.id;
    tenantB = (await api.gql<any>(CREATE_TENANT, { name: "Bravo" })).data.createTenant.tenant.id;
    keyA = (await api.gql<any>(CREATE_KEY, { tenantId: tenantA, name: "alpha admin", role: "ADMIN" })).data
      .createApiKey.secret;
    viewerA = (
      await api.gql<any>(CREATE_KEY, { tenantId: tenantA, name: "alpha viewer", role: "VIEWER" }, keyA)
    ).data.createApiKey.secret;
  });
  afterAll(() => api.stop());

  it("rejects a request without a key as UNAUTHENTICATED with HTTP 401", async () => {
    const result = await api.gql("{ viewer { role } }", undefined, null);
    expect(result.status).toBe(401);
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(result.data).toBeUndefined();
  });

  it("rejects an unknown key as UNAUTHENTICATED", async () => {
    const result = await api.gql("{ viewer { role } }", undefined, "aik_not-a-key");
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("knows the ADMIN_API_KEY as PLATFORM_ADMIN", async () => {
    expect((await api.gql<any>("{ viewer { role } }", undefined, ADMIN_KEY)).data.viewer.role).toBe(
      "PLATFORM_ADMIN",
    );
  });

  it("creates tenants with a NOT_CONNECTED integration", async () => {
    const result = await api.gql<any>(`query($id: ID!) { tenant(id: $id) { name integration { status } } }`, {
      id: tenantA,
    });
    expect(result.data.tenant).toEqual({ name: "Alpha", integration: { status: "NOT_CONNECTED" } });
  });

  it("shows a tenant key only its own tenant through tenants, viewer.tenants, tenant(id:) and node(id:)", async () => {
    const lists = await api.gql<any>(
      `{ tenants { totalCount nodes { id } } viewer { role tenants { nodes { name } } } }`,
      undefined,
      keyA,
    );
    expect(lists.data.tenants).toEqual({ totalCount: 1, nodes: [{ id: tenantA }] });
    expect(lists.data.viewer).toEqual({ role: "ADMIN", tenants: { nodes: [{ name: "Alpha" }] } });

    const foreign = await api.gql<any>(
      `query($id: ID!) { tenant(id: $id) { id name } node(id: $id) { id } }`,
      { id: tenantB },
      keyA,
    );
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data).toEqual({ tenant: null, node: null });
  });

  it("does not let a tenant key create keys for another tenant, and says only 'not found'", async () => {
    const result = await api.gql<any>(CREATE_KEY, { tenantId: tenantB, name: "sneaky", role: "ADMIN" }, keyA);
    expect(result.errors).toBeUndefined();
    expect(result.data.createApiKey).toMatchObject({ secret: null, userErrors: [{ code: "NOT_FOUND" }] });
    expect(JSON.stringify(result)).not.toContain("Bravo");
  });

  it("never grants more than the caller's role, and keeps VIEWERs out of key management", async () => {
    const fromViewer = await api.gql<any>(
      CREATE_KEY,
      { tenantId: tenantA, name: "x", role: "VIEWER" },
      viewerA,
    );
    expect(fromViewer.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const platform = await api.gql<any>(CREATE_KEY, { name: "x", role: "PLATFORM_ADMIN" }, keyA);
    expect(platform.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const tenantCreation = await api.gql<any>(CREATE_TENANT, { name: "Nope" }, keyA);
    expect(tenantCreation.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("answers a VIEWER's apiKeys FORBIDDEN on that field alone: the tenant and the rest of data stay", async () => {
    const result = await api.gql<any>(
      `{ viewer { role tenants { nodes { name apiKeys { id } } } } }`,
      undefined,
      viewerA,
    );
    expect(result.data).toEqual({
      viewer: { role: "VIEWER", tenants: { nodes: [{ name: "Alpha", apiKeys: null }] } },
    });
    expect(result.errors).toMatchObject([
      { path: ["viewer", "tenants", "nodes", 0, "apiKeys"], extensions: { code: "FORBIDDEN" } },
    ]);
  });

  it("stores only a hash of each secret and shows the secret once", async () => {
    const created = (
      await api.gql<any>(CREATE_KEY, { tenantId: tenantA, name: "hash check", role: "OPERATOR" }, keyA)
    ).data.createApiKey;
    const rows: Array<Record<string, unknown>> = await api.database.dataSource.query("SELECT * FROM api_key");
    expect(JSON.stringify(rows)).not.toContain(created.secret);
    const hash = createHash("sha256").update(created.secret).digest("hex");
    expect(rows.some((row) => row.secret_hash === hash)).toBe(true);
    const listed = await api.gql<any>(
      `query($id: ID!) { tenant(id: $id) { apiKeys { name prefix } } }`,
      { id: tenantA },
      keyA,
    );
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it("revokes a key so that it no longer authenticates", async () => {
    const created = (
      await api.gql<any>(CREATE_KEY, { tenantId: tenantA, name: "short-lived", role: "VIEWER" }, keyA)
    ).data.createApiKey;
    expect((await api.gql<any>("{ viewer { role } }", undefined, created.secret)).data.viewer.role).toBe(
      "VIEWER",
    );
    const revoked = await api.gql<any>(
      `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } userErrors { code } } }`,
      { id: created.apiKey.id },
      keyA,
    );
    expect(revoked.data.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    expect(
      (await api.gql("{ viewer { role } }", undefined, created.secret)).errors?.[0].extensions?.code,
    ).toBe("UNAUTHENTICATED");
  });

  it("rejects a page size above 100 instead of clamping it", async () => {
    const result = await api.gql<any>("{ tenants(first: 101) { nodes { id } } }");
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("pages tenants forward and backward with cursors", async () => {
    const first = (
      await api.gql<any>(
        "{ tenants(first: 1) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }",
      )
    ).data.tenants;
    expect(first.edges[0].node.name).toBe("Alpha");
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await api.gql<any>(
        `query($after: String) { tenants(first: 1, after: $after) { nodes { name } pageInfo { hasPreviousPage } } }`,
        {
          after: first.pageInfo.endCursor,
        },
      )
    ).data.tenants;
    expect(second).toEqual({ nodes: [{ name: "Bravo" }], pageInfo: { hasPreviousPage: true } });
    const last = (await api.gql<any>("{ tenants(last: 1) { nodes { name } pageInfo { hasPreviousPage } } }"))
      .data.tenants;
    expect(last).toEqual({ nodes: [{ name: "Bravo" }], pageInfo: { hasPreviousPage: true } });
  });

  it("masks unexpected errors but keeps the request id", async () => {
    const result = await api.gql<any>("{ nope }");
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].extensions?.requestId).toEqual(expect.any(String));
  });
});
