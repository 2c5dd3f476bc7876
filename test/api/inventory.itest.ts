/** The inventory queries: lists with filters, ordering and keyset pages; relations; summary; change feed. */
import { fromGlobalId, toGlobalId } from "../../src/graphql/relay";
import { bumpInventoryVersion } from "../../src/store/inventory-write.repository";
import { seedInventory, type SeededInventory } from "../support/inventory";
import { startTestService, type TestService } from "../support/service";

const CREATE_TENANT = `mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } } }`;

describe("inventory queries", () => {
  let api: TestService;
  let tenant: string;
  let seeded: SeededInventory;

  const query = async (q: string, variables: Record<string, unknown> = {}) => {
    const result = await api.gql<any>(q, { tenant, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const installationNames = async (filter: unknown) =>
    (
      await query(
        `query($tenant: ID!, $filter: InstallationFilter) { tenant(id: $tenant) { installations(filter: $filter, first: 100) { totalCount nodes { device { name } } } } }`,
        { filter },
      )
    ).tenant.installations;

  beforeAll(async () => {
    api = await startTestService();
    tenant = (await api.gql<any>(CREATE_TENANT, { name: "Alpha" })).data.createTenant.tenant.id;
    seeded = await seedInventory(api.database.dataSource, fromGlobalId(tenant)!.key, "alpha", 12);
  });
  afterAll(() => api.stop());

  it("lists installations with agent, device, user and evidence", async () => {
    const data = await query(`query($tenant: ID!) { tenant(id: $tenant) { installations(first: 3) {
      totalCount pageInfo { hasNextPage hasPreviousPage }
      nodes { id status version channel agent { key name category policy } device { name osPlatform } user { upn }
        evidence { source confidence catalogVersion identifiers { key value } firstSeenAt } } } } }`);
    const page = data.tenant.installations;
    expect(page.totalCount).toBe(12);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    expect(page.nodes).toHaveLength(3);
    const first = page.nodes[0];
    expect(first.evidence[0]).toMatchObject({ source: "SOFTWARE_INVENTORY", confidence: 0.95 });
    expect(first.evidence[0].identifiers).toContainEqual({ key: "softwareVendor", value: "vendor" });
    const copilot = await installationNames({ agentKey: { eq: "github-copilot" } });
    expect(copilot.totalCount).toBe(3);
  });

  it("filters installations by agent, category, status, device, OS, group, tag, user and policy, with and/or/not", async () => {
    const count = async (filter: unknown) => (await installationNames(filter)).totalCount;
    expect(await count({ agentKey: { in: ["cursor", "ollama"] } })).toBe(6);
    expect(await count({ agentCategory: { eq: "LOCAL_RUNTIME" } })).toBe(3);
    expect(await count({ status: { eq: "REMOVED" } })).toBe(2);
    expect(await count({ removedAt: { isNull: false } })).toBe(2);
    expect(await count({ channel: { eq: "DESKTOP_APP" } })).toBe(12);
    expect(await count({ version: { startsWith: "1.1" } })).toBe(3); // 1.1.0, 1.10.0, 1.11.0
    expect(await count({ deviceName: { containsIgnoreCase: "DEV-0" } })).toBe(10);
    expect(await count({ osPlatform: { eq: "macOS" } })).toBe(4);
    expect(await count({ rbacGroupName: { eq: "Group A" } })).toBe(6);
    expect(await count({ deviceTag: "prod" })).toBe(6);
    expect(await count({ userUpn: { eq: "user00@alpha.example" } })).toBe(1);
    expect(await count({ userUpn: { isNull: true } })).toBe(0); // EXISTS on a user: unattributed rows never match
    expect(await count({ agentPolicy: { eq: "SANCTIONED" } })).toBe(3);
    expect(await count({ agentPolicy: { isNull: true } })).toBe(9);
    expect(await count({ firstSeenAt: { gte: "2026-10-01T01:00:00.000Z" } })).toBe(6);
    expect(await count({ or: [{ agentKey: { eq: "cursor" } }, { osPlatform: { eq: "Linux" } }] })).toBe(6);
    expect(await count({ not: { agentKey: { eq: "cursor" } }, status: { eq: "ACTIVE" } })).toBe(8);
    expect(await count({ and: [{ agentKey: { eq: "cursor" } }, { status: { eq: "ACTIVE" } }] })).toBe(2);
  });

  it("filters devices by name, OS, health, stale, has-agent, agent and last seen; users by UPN and has-agent", async () => {
    const devices = async (filter: unknown) =>
      (
        await query(
          `query($tenant: ID!, $filter: DeviceFilter) { tenant(id: $tenant) { devices(filter: $filter) { totalCount } } }`,
          { filter },
        )
      ).tenant.devices.totalCount;
    expect(await devices({ name: { containsIgnoreCase: "DEV-1" } })).toBe(2);
    expect(await devices({ osPlatform: { eq: "Windows11" } })).toBe(4);
    expect(await devices({ healthStatus: { eq: "Active" } })).toBe(6);
    expect(await devices({ stale: true })).toBe(2);
    expect(await devices({ hasAgent: true })).toBe(10);
    expect(await devices({ hasAgent: false })).toBe(2);
    expect(await devices({ agentKey: { eq: "cursor" } })).toBe(2);
    expect(await devices({ lastSeenAt: { isNull: true } })).toBe(2);
    const users = async (filter: unknown) =>
      (
        await query(
          `query($tenant: ID!, $filter: UserFilter) { tenant(id: $tenant) { users(filter: $filter) { totalCount } } }`,
          { filter },
        )
      ).tenant.users.totalCount;
    expect(await users({ upn: { startsWith: "user0" } })).toBe(10);
    expect(await users({ accountName: { eq: "user3" } })).toBe(1);
    expect(await users({ hasAgent: true })).toBe(
      seeded.installations.filter((i) => i.userId && i.status === "ACTIVE").length,
    );
  });

  it("orders with the id tie-breaker and pages forward and backward with keyset cursors", async () => {
    const page = (args: string) =>
      query(`query($tenant: ID!) { tenant(id: $tenant) { devices(${args}) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { name } } } }`);
    const all = (
      await page(`first: 100, orderBy: [{ field: OS_PLATFORM, direction: DESC }, { field: NAME }]`)
    ).tenant.devices.nodes.map((n: any) => n.name);
    const expected = seeded.devices
      .map((d, i) => ({ name: d.name, os: ["Windows11", "macOS", "Linux"][i % 3] }))
      .sort((a, b) => (a.os === b.os ? a.name.localeCompare(b.name) : a.os < b.os ? 1 : -1))
      .map((d) => d.name);
    expect(all).toEqual(expected);

    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await query(
        `query($tenant: ID!, $after: String) { tenant(id: $tenant) { devices(first: 5, after: $after, orderBy: [{ field: LAST_SEEN_AT, direction: DESC }]) {
          pageInfo { hasNextPage endCursor } nodes { name lastSeenAt } } } }`,
        { after },
      );
      walked.push(...data.tenant.devices.nodes.map((n: any) => n.name));
      if (!data.tenant.devices.pageInfo.hasNextPage) break;
      after = data.tenant.devices.pageInfo.endCursor;
    }
    expect(walked).toHaveLength(12);
    expect(new Set(walked).size).toBe(12);
    // Descending puts the devices Defender never saw (NULL) first, like PostgreSQL.
    expect(walked.slice(0, 2).sort()).toEqual(["alpha-dev-05", "alpha-dev-11"]);

    const last = await query(
      `query($tenant: ID!) { tenant(id: $tenant) { devices(last: 4, orderBy: [{ field: NAME }]) { pageInfo { hasPreviousPage startCursor } nodes { name } } } }`,
    );
    expect(last.tenant.devices.nodes.map((n: any) => n.name)).toEqual(expected.slice().sort().slice(8));
    const before = await query(
      `query($tenant: ID!, $before: String) { tenant(id: $tenant) { devices(last: 4, before: $before, orderBy: [{ field: NAME }]) { nodes { name } } } }`,
      { before: last.tenant.devices.pageInfo.startCursor },
    );
    expect(before.tenant.devices.nodes.map((n: any) => n.name)).toEqual(expected.slice().sort().slice(4, 8));
  });

  it("rejects pages above 100 and cursors of another ordering", async () => {
    const big = await api.gql<any>(
      `query($tenant: ID!) { tenant(id: $tenant) { installations(first: 101) { totalCount } } }`,
      { tenant },
    );
    expect(big.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const cursor = (
      await query(
        `query($tenant: ID!) { tenant(id: $tenant) { devices(first: 1, orderBy: [{ field: NAME }]) { pageInfo { endCursor } } } }`,
      )
    ).tenant.devices.pageInfo.endCursor;
    const mixed = await api.gql<any>(
      `query($tenant: ID!, $after: String) { tenant(id: $tenant) { devices(first: 1, after: $after, orderBy: [{ field: LAST_SEEN_AT }]) { totalCount } } }`,
      { tenant, after: cursor },
    );
    expect(mixed.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("resolves nested lists: a device's installations and users, a user's devices and installations", async () => {
    const data =
      await query(`query($tenant: ID!) { tenant(id: $tenant) { devices(first: 12, orderBy: [{ field: NAME }]) { nodes {
      name installations(first: 5) { totalCount nodes { agent { key } } } users(first: 3) { totalCount nodes { upn devices(first: 3) { nodes { name } } installations(first: 3) { totalCount } } } } } } }`);
    const nodes = data.tenant.devices.nodes;
    expect(nodes[0].installations).toEqual({ totalCount: 1, nodes: [{ agent: { key: "cursor" } }] });
    expect(nodes[0].users.nodes[0]).toEqual({
      upn: "user00@alpha.example",
      devices: { nodes: [{ name: "alpha-dev-00" }] },
      installations: { totalCount: 1 },
    });
    expect(nodes[2].users.nodes[0].installations.totalCount).toBe(0); // device 2's installation has no user
  });

  it("summarizes by agent, category and OS, with changes in a window and coverage", async () => {
    const data = await query(`query($tenant: ID!) { tenant(id: $tenant) { summary {
      byAgent { agent { key } installations devices users } byCategory { category installations }
      byOs { osPlatform installations devices }
      changes(since: "2026-10-01T00:00:00Z", until: "2026-10-01T01:00:00Z") { installed removed }
      coverage { devices devicesWithSoftwareData devicesWithoutSoftwareData devicesWithAgents } } } }`);
    const summary = data.tenant.summary;
    expect(summary.byAgent.find((a: any) => a.agent.key === "cursor")).toEqual({
      agent: { key: "cursor" },
      installations: 2,
      devices: 2,
      users: 1, // device 4's is removed, device 8's has no user
    });
    expect(summary.byAgent.reduce((n: number, a: any) => n + a.installations, 0)).toBe(10);
    expect(summary.byOs.reduce((n: number, a: any) => n + a.installations, 0)).toBe(10);
    expect(summary.changes).toEqual({ installed: 6, removed: 0 });
    expect(summary.coverage).toEqual({
      devices: 12,
      devicesWithSoftwareData: 9,
      devicesWithoutSoftwareData: 3,
      devicesWithAgents: 10,
    });
  });

  it("serves the change feed forward from a cursor, and backwards from the newest event", async () => {
    const feed = (after: string | null) =>
      query(
        `query($tenant: ID!, $after: String) { tenant(id: $tenant) { installationEvents(first: 5, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { seq type installation { id } syncRun { status } } } } }`,
        { after },
      );
    const first = (await feed(null)).tenant.installationEvents;
    expect(first.nodes).toHaveLength(5);
    expect(first.nodes[0].syncRun).toEqual({ status: "SUCCEEDED" });
    const second = (await feed(first.pageInfo.endCursor)).tenant.installationEvents;
    expect(Number(second.nodes[0].seq)).toBeGreaterThan(Number(first.nodes[4].seq));
    const all = (
      await query(
        `query($tenant: ID!) { tenant(id: $tenant) { installationEvents(first: 100) { nodes { seq } } } }`,
      )
    ).tenant.installationEvents.nodes.map((n: { seq: string }) => n.seq);
    const newest = (
      await query(
        `query($tenant: ID!) { tenant(id: $tenant) { installationEvents(last: 2) { totalCount
          pageInfo { hasPreviousPage startCursor } nodes { seq } } } }`,
      )
    ).tenant.installationEvents;
    expect(newest.nodes.map((n: { seq: string }) => n.seq)).toEqual(all.slice(-2));
    expect(newest.pageInfo.hasPreviousPage).toBe(true);
    const before = (
      await query(
        `query($tenant: ID!, $before: String) { tenant(id: $tenant) { installationEvents(last: 2, before: $before) {
          nodes { seq } } } }`,
        { before: newest.pageInfo.startCursor },
      )
    ).tenant.installationEvents;
    expect(before.nodes.map((n: { seq: string }) => n.seq)).toEqual(all.slice(-4, -2));
  });

  it("resolves every node type through node(id:), and the catalog through agents", async () => {
    const ids = [
      toGlobalId("Device", seeded.tenantId, seeded.devices[0].id),
      toGlobalId("User", seeded.tenantId, seeded.users[0].id),
      toGlobalId("Installation", seeded.tenantId, seeded.installations[0].id),
      toGlobalId("InstallationEvent", seeded.tenantId, seeded.events[0].id),
      toGlobalId("SyncRun", seeded.tenantId, seeded.syncRuns[0].id),
    ];
    for (const id of ids) {
      const data = await query(`query($id: ID!) { node(id: $id) { id __typename } }`, { id });
      expect(data.node?.id).toBe(id);
    }
    const agents = (await query(`{ agents { id key policy } }`)).agents;
    expect(agents.length).toBeGreaterThan(30);
    const node = await query(`query($id: ID!) { node(id: $id) { ... on Agent { key } } }`, {
      id: agents[0].id,
    });
    expect(node.node.key).toBe(agents[0].key);
  });

  it("reads only the selected device columns, and still pages by keys it does not return", async () => {
    const walk = async (after: string | null) =>
      (
        await query(
          `query($tenant: ID!, $after: String) { tenant(id: $tenant) { devices(first: 7, after: $after, orderBy: [{ field: OS_PLATFORM }]) {
            pageInfo { endCursor } edges { cursor node { ...Name } } } } }
          fragment Name on Device { name }`,
          { after },
        )
      ).tenant.devices;
    const first = await walk(null);
    const second = await walk(first.pageInfo.endCursor);
    const names = [...first.edges, ...second.edges].map((e: any) => e.node.name);
    expect(new Set(names).size).toBe(12);
    expect(first.edges[0].node).toEqual({ name: expect.stringMatching(/^alpha-dev-/) });
  });

  it("gives the same values whichever way a page is read: joined lists, device detail and by id", async () => {
    const fields = `id status version channel hostIdes firstSeenAt lastSeenAt removedAt
      evidence { source catalogVersion firstSeenAt lastSeenAt identifiers { key value } }`;
    const deviceFields = `id name osPlatform tags firstSeenAt lastSeenAt staleSince softwareSeenAt`;
    const list = (
      await query(`query($tenant: ID!) { tenant(id: $tenant) { installations(first: 100) { nodes { ${fields}
        device { ${deviceFields} } user { id upn lastSeenAt } } } } }`)
    ).tenant.installations.nodes;
    expect(list).toHaveLength(12);
    for (const installation of list) {
      const byId = (
        await query(
          `query($id: ID!) { node(id: $id) { ... on Installation { ${fields}
        device { ${deviceFields} } user { id upn lastSeenAt } } } }`,
          { id: installation.id },
        )
      ).node;
      expect(installation).toEqual(byId);
      // Device detail reads the device and this page in one statement; without evidence it skips it.
      const detail = (
        await query(
          `query($id: ID!) { node(id: $id) { ... on Device { ${deviceFields}
        installations(first: 50) { nodes { id firstSeenAt lastSeenAt removedAt } } } } }`,
          { id: installation.device.id },
        )
      ).node;
      expect(detail).toMatchObject(installation.device);
      expect(detail.installations.nodes).toContainEqual({
        id: installation.id,
        firstSeenAt: installation.firstSeenAt,
        lastSeenAt: installation.lastSeenAt,
        removedAt: installation.removedAt,
      });
    }
    const removed = list.find((i: any) => i.status === "REMOVED");
    expect(removed.removedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const searched = (
      await query(
        `query($tenant: ID!) { tenant(id: $tenant) { devices(first: 100) { nodes { ${deviceFields} } } } }`,
      )
    ).tenant.devices.nodes;
    expect(searched).toContainEqual(list[0].device);
  });

  it("keeps whole-inventory aggregates until the inventory's version changes, as syncs and purges change it", async () => {
    const active = async () => {
      const { summary } = (
        await query(`query($tenant: ID!) { tenant(id: $tenant) { summary {
          byAgent { installations } byCategory { installations } byOs { installations } coverage { devicesWithAgents } } } }`)
      ).tenant;
      const sum = (list: Array<{ installations: number }>) => list.reduce((n, x) => n + x.installations, 0);
      return [
        sum(summary.byAgent),
        sum(summary.byCategory),
        sum(summary.byOs),
        summary.coverage.devicesWithAgents,
      ];
    };
    const db = api.database.dataSource;
    const tenantId = fromGlobalId(tenant)!.key;
    const setStatus = (status: string, id: string) =>
      db.query(`UPDATE installation SET status = $3 WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        id,
        status,
      ]);
    const [{ id }] = await db.query(
      `SELECT id FROM installation WHERE tenant_id = $1 AND status = 'ACTIVE' ORDER BY id LIMIT 1`,
      [tenantId],
    );
    expect(await active()).toEqual([10, 10, 10, 10]);
    // Only the service writes the inventory, and its writes bump the version: an outside write is not seen…
    await setStatus("REMOVED", id);
    expect(await active()).toEqual([10, 10, 10, 10]);
    // …until the version moves, as it does in a sync's write transaction and in a purge.
    await bumpInventoryVersion(api.service.sql, tenantId);
    const after = await active();
    expect(after.slice(0, 3)).toEqual([9, 9, 9]);
    await setStatus("ACTIVE", id);
    await bumpInventoryVersion(api.service.sql, tenantId);
    expect(await active()).toEqual([10, 10, 10, 10]);
  });
});
