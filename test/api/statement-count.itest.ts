/** Loaders keep the SQL of a page bounded: the statement count does not grow with the page size. */
import { Client } from "pg";
import { fromGlobalId, toGlobalId } from "../../src/graphql/relay";
import { seedInventory } from "../support/inventory";
import { startTestService, type TestService } from "../support/service";

const PAGE = `query($t: ID!, $n: Int) { tenant(id: $t) { installations(first: $n) {
  nodes { id version agent { key name policy } device { name osPlatform } user { upn } evidence { source } } } } }`;
const DEVICES = `query($t: ID!, $n: Int) { tenant(id: $t) { devices(first: $n) {
  nodes { name installations(first: 5) { totalCount nodes { agent { key } } } users { nodes { upn } } } } } }`;

describe("SQL statements per request", () => {
  let api: TestService;
  let tenant: string;
  let statements = 0;
  let device: string;
  const original = Client.prototype.query;

  beforeAll(async () => {
    // The health probe's statements would be counted with the request's: probe once an hour here.
    api = await startTestService({}, { healthIntervalMs: 3_600_000 });
    tenant = (await api.gql<any>(`mutation { createTenant(input: { name: "Alpha" }) { tenant { id } } }`))
      .data.createTenant.tenant.id;
    const seeded = await seedInventory(api.database.dataSource, fromGlobalId(tenant)!.key, "alpha", 110);
    device = toGlobalId("Device", seeded.tenantId, seeded.devices[0].id);
    // The service runs in this process, so every statement it sends passes through pg's Client.
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      statements++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await api.stop();
  });

  async function countStatements(query: string, n: number): Promise<number> {
    await api.gql(query, { t: tenant, n, d: device }); // warms the API key cache
    statements = 0;
    const result = await api.gql<any>(query, { t: tenant, n, d: device });
    expect(result.errors).toBeUndefined();
    return statements;
  }

  it("reads a page of 100 installations with agent, policy, device and user in at most 6 statements", async () => {
    const hundred = await countStatements(PAGE, 100);
    expect(hundred).toBeLessThanOrEqual(6);
    expect(await countStatements(PAGE, 10)).toBe(hundred);
  });

  it("reads nested installations and users of a page of devices in one statement per relation", async () => {
    const hundred = await countStatements(DEVICES, 100);
    expect(hundred).toBeLessThanOrEqual(7);
    expect(await countStatements(DEVICES, 10)).toBe(hundred);
  });

  it("reads a device with a page of its installations in one statement", async () => {
    const detail = `query($d: ID!, $n: Int) { node(id: $d) { ... on Device { name
      installations(first: $n) { totalCount nodes { version agent { key } } } } } }`;
    expect(await countStatements(detail.replace("totalCount ", ""), 50)).toBe(1);
    const result = await api.gql<any>(detail, { d: device, n: 50 });
    expect(result.data.node.installations).toEqual({
      totalCount: 1,
      nodes: [{ version: "1.0.0", agent: { key: "cursor" } }],
    });
  });
});
