/**
 * Hostile input, swept from the schema itself: every argument of every root field and mutation, and of
 * the fields of Viewer, Tenant, its summary, Device and User, gets huge numbers, NUL bytes, lone surrogates,
 * impossible dates, foreign and malformed IDs and forged cursors. None may answer 500 or
 * INTERNAL_SERVER_ERROR, or log at error level. Unknown tenants in mutations are NOT_FOUND in userErrors
 * and change nothing; an oversized body is a 413.
 */
import { randomUUID } from "node:crypto";
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import { toGlobalId } from "../../src/graphql/relay";
import { seedInventory, type SeededInventory } from "../support/inventory";
import { ADMIN_KEY, captureLogs, startTestService, type TestService } from "../support/service";

const cursor = (values: unknown) => Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
const text = (value: string) => Buffer.from(value, "utf8").toString("base64url");

describe("hostile input", () => {
  const logs = captureLogs();
  let api: TestService;
  let schema: GraphQLSchema;
  let seeded: SeededInventory;
  let tenant: string;
  let foreignTenant: string;
  let agentId: string;
  const unknownTenant = toGlobalId("Tenant", null, randomUUID());

  beforeAll(async () => {
    // The sweep sends thousands of requests from one address and key: the rate limits are tested elsewhere.
    api = await startTestService(
      { LOG_LEVEL: "warn", RATE_LIMIT_KEY_PER_MINUTE: "0", RATE_LIMIT_ADDRESS_PER_MINUTE: "0" },
      {},
      { logs: logs.destination },
    );
    const create = `mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } } }`;
    tenant = (await api.gql<any>(create, { name: "Alpha" })).data.createTenant.tenant.id;
    foreignTenant = (await api.gql<any>(create, { name: "Bravo" })).data.createTenant.tenant.id;
    const [{ id: rowId }] = await api.database.dataSource.query(`SELECT id FROM tenant WHERE name = 'Alpha'`);
    await api.database.dataSource.query(
      `UPDATE defender_integration SET status = 'CONNECTED' WHERE tenant_id = $1`,
      [rowId],
    );
    seeded = await seedInventory(api.database.dataSource, rowId, "alpha");
    agentId = (await api.gql<any>(`{ agents { id } }`)).data.agents[0].id;
    const introspection = await api.gql<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data!);
  });
  afterAll(() => api.stop());

  /** Hostile values for a named input type (scalars and enums); input objects are swept field by field. */
  function hostile(type: GraphQLNamedType, name: string): unknown[] {
    const strings = ["\u0000", "a\u0000b", "\ud800", "x\udfff", "%_\\", "' OR 1=1 --", "x".repeat(20_000)];
    const numbers = [2147483648, -2147483649, 1e308, -1e308, 1.5];
    const dates = [
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z",
      "2026-13-45T99:99:99Z",
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00+01:00",
      "2026-02-29T00:00:00Z",
      "",
    ];
    const device = seeded.devices[0].id;
    const ids = [
      "",
      "not base64 at all",
      "\u0000",
      "\ud800",
      foreignTenant,
      unknownTenant,
      toGlobalId("Device", seeded.tenantId, randomUUID()),
      text(`Device:${seeded.tenantId}:not-a-uuid`),
      text(`Device:not-a-tenant:${device}`),
      text(`Tenant::${"9".repeat(40)}`),
      text(`Installation:${seeded.tenantId}:${device}\u0000`),
      toGlobalId("Agent", null, randomUUID()),
      toGlobalId("ApiKey", seeded.tenantId, randomUUID()),
    ];
    const cursors = [
      cursor(["2026-13-45T99:99:99Z", device]),
      cursor(["0000-01-01T00:00:00Z", device]),
      cursor(["\u0000", device]),
      cursor(["9999999999999999999"]),
      cursor([1e308, device]),
      cursor(["a", "b", "c", "d"]),
      cursor(null),
      text("not json"),
      "\u0000",
    ];
    if (isEnumType(type)) return ["NOT_A_VALUE", "\u0000", 7];
    switch (type.name) {
      case "Int":
      case "Float":
        return [...numbers, "1"];
      case "Boolean":
        return ["true", 2];
      case "ID":
        return ids;
      case "DateTime":
        return [...dates, "\u0000", 1e308];
      case "UUID":
        return ["not-a-uuid", "\u0000", "00000000-0000-0000-0000-00000000000g"];
      case "String":
        return name === "after" || name === "before" ? [...cursors, ...strings] : strings;
      default:
        return [...strings, ...numbers];
    }
  }

  /** A value the argument accepts, so that each request is hostile in one place only. */
  function valid(type: GraphQLInputType, name: string): unknown {
    if (isNonNullType(type)) return valid(type.ofType, name);
    if (isListType(type)) return [valid(type.ofType, name)];
    if (isInputObjectType(type)) {
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((f) => isNonNullType(f.type))
          .map((f) => [f.name, valid(f.type, f.name)]),
      );
    }
    if (isEnumType(type)) return type.getValues()[0].value;
    switch (type.name) {
      case "Int":
        return 1;
      case "Float":
        return 1.5;
      case "Boolean":
        return false;
      case "ID":
        return /agent/i.test(name)
          ? agentId
          : name === "id"
            ? toGlobalId("Device", seeded.tenantId, seeded.devices[0].id)
            : tenant;
      case "DateTime":
        return "2026-01-01T00:00:00Z";
      case "UUID":
        return randomUUID();
      default:
        return "x";
    }
  }

  /** Every (path into the argument, hostile value) pair, input objects swept one field at a time. */
  function variants(
    type: GraphQLInputType,
    name: string,
    seen = new Set<string>(),
  ): Array<[string[], unknown]> {
    const named = getNamedType(type);
    const out: Array<[string[], unknown]> = hostile(named, name).map((v) => [[], v]);
    out.push([[], [null]], [[], { nope: 1 }]);
    if (isInputObjectType(named) && !seen.has(named.name)) {
      const inner = new Set(seen).add(named.name);
      for (const field of Object.values(named.getFields())) {
        for (const [path, value] of variants(field.type, field.name, inner))
          out.push([[field.name, ...path], value]);
      }
    }
    return out;
  }

  /** `base` (a valid value of `type`) with the hostile value put at `path`. */
  function place(type: GraphQLInputType, base: unknown, path: string[], value: unknown): unknown {
    if (!path.length) return value;
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return value;
    const field = named.getFields()[path[0]];
    const object = (Array.isArray(base) ? base[0] : base) as Record<string, unknown> | null;
    const inner = {
      ...(object ?? {}),
      [path[0]]: place(field.type, object?.[path[0]] ?? valid(field.type, field.name), path.slice(1), value),
    };
    return isListType(isNonNullType(type) ? type.ofType : type) ? [inner] : inner;
  }

  /** The smallest selection that still runs the field's resolvers (and a connection's count). */
  function selection(field: GraphQLField<unknown, unknown>): string {
    const named = getNamedType(field.type);
    if (!isObjectType(named)) return "";
    const fields = named.getFields();
    const parts = ["__typename"];
    if (fields.totalCount) parts.push("totalCount");
    if (fields.nodes) parts.push("nodes { __typename }");
    if (fields.userErrors) parts.push("userErrors { code }");
    return `{ ${parts.join(" ")} }`;
  }

  type Outcome = { status: number; codes: string[] };

  /** How a field is reached: the operation, the body around the field's call, and the owner's variable. */
  interface Reach {
    operation: "query" | "mutation";
    body: (call: string) => string;
    declarations: string[];
    variables: Record<string, unknown>;
  }
  const fromRoot = (operation: Reach["operation"]): Reach => ({
    operation,
    body: (call) => `{ ${call} }`,
    declarations: [],
    variables: {},
  });

  /** Requests the field once per hostile value of each of its arguments (the others valid). */
  async function sweep(field: GraphQLField<unknown, unknown>, reach: Reach): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const args = field.args as readonly GraphQLArgument[];
    for (const arg of args) {
      for (const [path, value] of variants(arg.type, arg.name)) {
        const variables: Record<string, unknown> = { ...reach.variables };
        const declarations = [...reach.declarations];
        const passed: string[] = [];
        for (const other of args) {
          const base = valid(other.type, other.name);
          if (other === arg) variables[other.name] = place(other.type, base, path, value);
          else if (isNonNullType(other.type)) variables[other.name] = base;
          else continue;
          declarations.push(`$${other.name}: ${other.type.toString()}`);
          passed.push(`${other.name}: $${other.name}`);
        }
        const call = `${field.name}(${passed.join(", ")}) ${selection(field)}`;
        const signature = declarations.length ? `(${declarations.join(", ")})` : "";
        const result = await api.gql<any>(`${reach.operation}${signature} ${reach.body(call)}`, variables);
        const outcome = {
          status: result.status,
          codes: (result.errors ?? []).map((e) => e.extensions?.code ?? ""),
        };
        outcomes.push(outcome);
        if (outcome.status >= 500 || outcome.codes.includes("INTERNAL_SERVER_ERROR")) {
          const where = `${field.name}(${[arg.name, ...path].join(".")} = ${JSON.stringify(value)?.slice(0, 80)})`;
          throw new Error(`${where} → ${result.status} ${JSON.stringify(result.errors)}`);
        }
      }
    }
    return outcomes;
  }

  it("sweeps every argument of every root field and mutation: no 500, no INTERNAL_SERVER_ERROR, no error log", async () => {
    const outcomes: Outcome[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields()))
      outcomes.push(...(await sweep(field, fromRoot("query"))));
    for (const field of Object.values(schema.getMutationType()!.getFields()))
      outcomes.push(...(await sweep(field, fromRoot("mutation"))));
    expect(outcomes.length).toBeGreaterThan(300);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    // Bad variables are answered 400 BAD_USER_INPUT before anything runs.
    expect(outcomes.some((o) => o.status === 400 && o.codes.includes("BAD_USER_INPUT"))).toBe(true);
    expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("sweeps the arguments of the fields of Viewer, Tenant, its summary, Device and User the same way", async () => {
    const owners: Array<[string, Reach]> = [
      [
        "Viewer",
        { operation: "query", body: (call) => `{ viewer { ${call} } }`, declarations: [], variables: {} },
      ],
      [
        "Tenant",
        {
          operation: "query",
          body: (call) => `{ tenant(id: $owner) { ${call} } }`,
          declarations: ["$owner: ID!"],
          variables: { owner: tenant },
        },
      ],
      [
        "InventorySummary",
        {
          operation: "query",
          body: (call) => `{ tenant(id: $owner) { summary { ${call} } } }`,
          declarations: ["$owner: ID!"],
          variables: { owner: tenant },
        },
      ],
      ...(["Device", "User"] as const).map((type): [string, Reach] => [
        type,
        {
          operation: "query",
          body: (call) => `{ node(id: $owner) { ... on ${type} { ${call} } } }`,
          declarations: ["$owner: ID!"],
          variables: {
            owner: toGlobalId(
              type,
              seeded.tenantId,
              type === "Device" ? seeded.devices[0].id : seeded.users[0].id,
            ),
          },
        },
      ]),
    ];
    let requests = 0;
    for (const [type, reach] of owners) {
      const object = schema.getType(type);
      if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
      for (const field of Object.values(object.getFields()).filter((f) => f.args.length)) {
        requests += (await sweep(field, reach)).length;
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("answers each mutation on a well-formed tenant id that does not exist NOT_FOUND in userErrors, writing nothing and auditing nothing", async () => {
    const counts = () =>
      api.database.dataSource.query(
        `SELECT (SELECT count(*) FROM audit_event)::int AS audit, (SELECT count(*) FROM api_key)::int AS keys,
                (SELECT count(*) FROM consent_request)::int AS consents, (SELECT count(*) FROM sync_run)::int AS runs,
                (SELECT count(*) FROM agent_policy)::int AS policies,
                (SELECT count(*) FROM defender_integration WHERE status = 'REVOKED')::int AS revoked`,
      );
    const before = await counts();
    const mutations = [
      `mutation($t: ID!) { createApiKey(input: { tenantId: $t, name: "k", role: VIEWER }) { userErrors { code field } } }`,
      `mutation($t: ID!) { connectDefender(input: { tenantId: $t }) { userErrors { code field } } }`,
      `mutation($t: ID!) { triggerSync(input: { tenantId: $t, mode: FULL }) { userErrors { code field } } }`,
      `mutation($t: ID!) { updateSyncSchedule(input: { tenantId: $t, intervalMinutes: 60 }) { userErrors { code field } } }`,
      `mutation($t: ID!) { revokeIntegration(input: { tenantId: $t, purgeData: true }) { userErrors { code field } } }`,
      `mutation($t: ID!, $a: ID!) { setAgentPolicy(input: { tenantId: $t, agentId: $a, policy: SANCTIONED }) { userErrors { code field } } }`,
    ];
    for (const mutation of mutations) {
      for (const t of [
        unknownTenant,
        text(`Tenant::not-a-uuid`),
        toGlobalId("Device", seeded.tenantId, seeded.devices[0].id),
      ]) {
        const result = await api.gql<any>(mutation, { t, a: agentId });
        expect(result.errors).toBeUndefined();
        expect(Object.values(result.data)[0]).toEqual({
          userErrors: [{ code: "NOT_FOUND", field: ["tenantId"] }],
        });
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("answers a 10 MB body 413, and keeps serving", async () => {
    const body = JSON.stringify({
      query: "{ viewer { role } }",
      variables: { padding: "x".repeat(10 * 1024 * 1024) },
    });
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
    expect((await api.gql<any>(`{ viewer { role } }`)).data).toEqual({ viewer: { role: "PLATFORM_ADMIN" } });
  });
});
