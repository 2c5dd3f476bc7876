/**
 * The export routes over HTTP: CSV that spreadsheets open safely (RFC 4180, formulas neutralized), NDJSON
 * with the GraphQL connection's filters, CycloneDX 1.6 documents valid against the specification's schema
 * (the CycloneDX library's own validator), all behind the API key and its tenant.
 */
import * as CDX from "@cyclonedx/cyclonedx-library";
import { parse } from "csv-parse/sync";
import { fromGlobalId, toGlobalId } from "../../src/graphql/relay";
import { seedInventory, type SeededInventory } from "../support/inventory";
import { ADMIN_KEY, startTestService, type TestService } from "../support/service";

const CREATE_TENANT = `mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } } }`;
/**
 * Device names a hostile or careless admin could give, each of which a spreadsheet would run as a formula
 * (OWASP "CSV Injection"): leading =, +, -, @, and a tab.
 */
const FORMULAS = [
  '=HYPERLINK("http://evil.example","x")',
  "+SUM(1,1)",
  "-2+3",
  "@cmd|' /C calc'!A0",
  "\t=1+1",
];

describe("exports", () => {
  let api: TestService;
  let tenant: string;
  let seeded: SeededInventory;
  let viewerKey: string;
  let otherKey: string;

  const get = (path: string, params: Record<string, string>, key: string | null = ADMIN_KEY) =>
    fetch(`${api.url}${path}?${new URLSearchParams(params)}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
  const keyFor = async (tenantId: string, role: string) =>
    (
      await api.gql<any>(
        `mutation($t: ID!, $r: Role!) { createApiKey(input: { tenantId: $t, name: "k", role: $r }) { secret } }`,
        { t: tenantId, r: role },
      )
    ).data.createApiKey.secret as string;

  beforeAll(async () => {
    api = await startTestService();
    tenant = (await api.gql<any>(CREATE_TENANT, { name: "Exports" })).data.createTenant.tenant.id;
    seeded = await seedInventory(api.database.dataSource, fromGlobalId(tenant)!.key, "exp", 12);
    for (const [i, name] of FORMULAS.entries())
      await api.database.dataSource.query(`UPDATE device SET name = $2 WHERE id = $1`, [
        seeded.devices[i].id,
        name,
      ]);
    // A name with a comma, a quote and a line break, which RFC 4180 quotes.
    await api.database.dataSource.query(`UPDATE device SET name = $2 WHERE id = $1`, [
      seeded.devices[6].id,
      'Lab, "B"\nrack 2',
    ]);
    viewerKey = await keyFor(tenant, "VIEWER");
    const other = (await api.gql<any>(CREATE_TENANT, { name: "Other" })).data.createTenant.tenant.id;
    otherKey = await keyFor(other, "ADMIN");
  });
  afterAll(() => api.stop());

  it("exports installations as RFC 4180 CSV in UTF-8, with every formula-leading cell neutralized", async () => {
    const response = await get("/exports/installations.csv", { tenantId: tenant }, viewerKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
    const text = bytes.subarray(3).toString("utf8");
    expect(text.split("\r\n").length).toBeGreaterThan(12); // CRLF records
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows).toHaveLength(12);
    const names = rows.map((r) => r.deviceName);
    for (const formula of FORMULAS) expect(names).toContain(`'${formula}`);
    expect(names).toContain('Lab, "B"\nrack 2');
    // No cell of the whole file starts with a character a spreadsheet would evaluate.
    const cells = (parse(text) as string[][]).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining(["agentKey", "agentPolicy", "version", "evidenceSources"]),
    );
  });

  it("takes the GraphQL connection's filters, and streams NDJSON", async () => {
    const filter = { agentKey: { eq: "cursor" }, status: { eq: "ACTIVE" } };
    const viaGraphQL = await api.gql<any>(
      `query($t: ID!, $f: InstallationFilter) { tenant(id: $t) { installations(filter: $f, first: 100) { totalCount nodes { id } } } }`,
      { t: tenant, f: filter },
    );
    const expected = viaGraphQL.data.tenant.installations.nodes
      .map((n: any) => fromGlobalId(n.id)!.key)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const response = await get("/exports/installations.ndjson", {
      tenantId: tenant,
      filter: JSON.stringify(filter),
    });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await response.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.installationId).sort()).toEqual(expected);
    expect(lines.every((l) => l.agentKey === "cursor" && l.status === "ACTIVE")).toBe(true);
  });

  it("refuses a filter the GraphQL input would refuse, a missing key, and another tenant's key", async () => {
    const bad = await get("/exports/installations.csv", {
      tenantId: tenant,
      filter: `{"agentKey":{"like":"x"}}`,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Invalid filter/);
    expect((await get("/exports/installations.csv", { tenantId: tenant }, null)).status).toBe(401);
    const foreign = await get("/exports/installations.ndjson", { tenantId: tenant }, otherKey);
    expect(foreign.status).toBe(404);
    expect((await get("/exports/cyclonedx.json", { tenantId: tenant }, otherKey)).status).toBe(404);
  });

  it("exports the tenant's agents as a CycloneDX 1.6 document that validates against the 1.6 schema", async () => {
    const response = await get("/exports/cyclonedx.json", { tenantId: tenant }, viewerKey);
    expect(response.headers.get("content-type")).toBe("application/vnd.cyclonedx+json; version=1.6");
    const text = await response.text();
    const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
    expect(await validator.validate(text)).toBeNull();
    const bom = JSON.parse(text);
    expect(bom).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" });
    expect(bom.metadata.component).toMatchObject({ type: "platform", name: "Exports" });
    const installationsOf = (c: any) =>
      Number(c.properties.find((p: any) => p.name === "agent-inventory:installations").value);
    const active = seeded.installations.filter((i) => i.status === "ACTIVE");
    expect(bom.components.reduce((n: number, c: any) => n + installationsOf(c), 0)).toBe(active.length);
    const names = bom.components.map(
      (c: any) => c.properties.find((p: any) => p.name === "agent-inventory:agent.key").value,
    );
    expect(new Set(names)).toEqual(new Set(active.map((i) => i.agentKey)));
    // The validator does find fault with a document that breaks the schema.
    expect(
      await validator.validate(JSON.stringify({ ...bom, components: [{ name: "no type" }] })),
    ).not.toBeNull();
  });

  it("exports one device's agents with their evidence and policy as a valid CycloneDX 1.6 document", async () => {
    const device = seeded.installations.find((i) => i.status === "ACTIVE")!.deviceId;
    const tenantId = fromGlobalId(tenant)!.key;
    const response = await get("/exports/cyclonedx.json", {
      tenantId: tenant,
      deviceId: toGlobalId("Device", tenantId, device),
    });
    const text = await response.text();
    expect(await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(text)).toBeNull();
    const bom = JSON.parse(text);
    expect(bom.metadata.component.type).toBe("device");
    const mine = seeded.installations.filter((i) => i.deviceId === device && i.status === "ACTIVE");
    expect(bom.components).toHaveLength(mine.length);
    const properties = bom.components[0].properties.map((p: any) => p.name);
    expect(properties).toEqual(
      expect.arrayContaining(["agent-inventory:policy", "agent-inventory:evidence"]),
    );
    const missing = await get("/exports/cyclonedx.json", {
      tenantId: tenant,
      deviceId: toGlobalId("Device", tenantId, "00000000-0000-4000-8000-000000000000"),
    });
    expect(missing.status).toBe(404);
  });
});
