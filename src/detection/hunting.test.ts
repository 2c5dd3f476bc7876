import { CATALOG } from "./catalog";
import { buildHuntingQueries, shardConditions, type HuntingQuery } from "./hunting";
import { markerVariants } from "./lookup";

// The KQL subset the simulator implements (contracts: "Supported KQL subset").
const TABLES = ["DeviceProcessEvents", "DeviceFileEvents", "DeviceTvmBrowserExtensions", "AgentsInfo"];
const OPERATORS = [
  "where",
  "project",
  "project-away",
  "extend",
  "summarize",
  "distinct",
  "take",
  "limit",
  "order by",
  "sort by",
];
const FUNCTIONS = [
  "ago",
  "now",
  "datetime",
  "tolower",
  "toupper",
  "strcat",
  "coalesce",
  "iff",
  "isempty",
  "isnotempty",
  "tostring",
  "count",
  "dcount",
  "min",
  "max",
  "make_set",
  "arg_max",
  "any",
  "not",
  "dynamic",
];

/** The query with every string literal replaced by S, so only KQL syntax is left to inspect. */
function syntaxOnly(kql: string): string {
  return kql.replace(/@'[^']*'|@"[^"]*"|"[^"]*"|'[^']*'/g, "S");
}

function quoted(value: string): string[] {
  return value.includes("\\") ? [`@'${value}'`] : [`"${value}"`];
}

const bySource = (queries: HuntingQuery[], source: HuntingQuery["source"]) =>
  queries.filter((q) => q.source === source);

describe("buildHuntingQueries", () => {
  const queries = buildHuntingQueries();
  const kqlOf = (source: HuntingQuery["source"]) =>
    bySource(queries, source)
      .map((q) => q.kql.toLowerCase())
      .join("\n");

  it("returns one query per source by default", () => {
    expect(queries.map((q) => [q.name, q.source])).toEqual([
      ["process-events", "PROCESS_EVENTS"],
      ["file-events", "FILE_EVENTS"],
      ["browser-extensions", "BROWSER_EXTENSIONS"],
      ["agents-info", "AGENTS_INFO"],
    ]);
  });

  it.each(queries.map((q) => [q.name, q] as const))(
    "%s uses only the supported KQL subset",
    (_name, query) => {
      const syntax = syntaxOnly(query.kql);
      const [table, ...stages] = syntax.split(/\n\| /);
      expect(TABLES).toContain(table);
      for (const stage of stages) expect(OPERATORS.some((op) => stage.startsWith(`${op} `))).toBe(true);
      const functions = [...syntax.matchAll(/([A-Za-z_][\w-]*)\(/g)].map((m) => m[1]);
      for (const fn of functions) expect(FUNCTIONS).toContain(fn);
      expect(syntax).not.toMatch(/\b(case|join|mv-expand|matches|regex|extract|parse|let|union|lookup)\b/);
    },
  );

  it("summarizes events in Defender per device, user and signal, with first/last seen and versions", () => {
    for (const source of ["PROCESS_EVENTS", "FILE_EVENTS"] as const) {
      const kql = kqlOf(source);
      expect(kql).toContain("summarize firstseen = min(timestamp), lastseen = max(timestamp)");
      expect(kql).toMatch(/by deviceid, devicename, .*account.*folderpath/);
    }
    expect(kqlOf("PROCESS_EVENTS")).toContain("make_set(processversioninfoproductversion, 10)");
    expect(kqlOf("AGENTS_INFO")).toContain("summarize arg_max(timestamp, *) by agentid");
  });

  describe("derives every filter value from the catalog", () => {
    const lower = (values: string[]) => values.map((v) => v.toLowerCase());
    const cases = CATALOG.flatMap((agent) => [
      ...lower((agent.processes ?? []).flatMap((p) => p.images ?? [])).map(
        (v) => ["PROCESS_EVENTS", agent.key, "image", v] as const,
      ),
      ...lower((agent.processes ?? []).flatMap((p) => (p.images ? [] : (p.folders ?? [])))).flatMap((v) =>
        markerVariants(v).map((m) => ["PROCESS_EVENTS", agent.key, "folder", m] as const),
      ),
      ...lower((agent.processes ?? []).flatMap((p) => p.commandLines ?? [])).flatMap((v) =>
        markerVariants(v).map((m) => ["PROCESS_EVENTS", agent.key, "command line", m] as const),
      ),
      ...lower(agent.ideExtensions ?? []).flatMap((v) => [
        ["PROCESS_EVENTS", agent.key, "extension", v] as const,
        ["FILE_EVENTS", agent.key, "extension", v] as const,
      ]),
      ...lower(agent.jetbrainsPlugins ?? []).flatMap((v) => [
        ["PROCESS_EVENTS", agent.key, "plugin", v] as const,
        ["FILE_EVENTS", agent.key, "plugin", v] as const,
      ]),
      ...lower((agent.files ?? []).map((f) => f.path)).flatMap((path) => {
        const segments = path.split("/");
        const folder = segments.slice(0, -1).join("/");
        return [
          ["FILE_EVENTS", agent.key, "file name", segments[segments.length - 1]] as const,
          ...(folder
            ? markerVariants(folder).map((m) => ["FILE_EVENTS", agent.key, "file folder", m] as const)
            : []),
        ];
      }),
      ...lower(agent.browserExtensions ?? []).map(
        (v) => ["BROWSER_EXTENSIONS", agent.key, "browser extension", v] as const,
      ),
      ...lower((agent.agentsInfo ?? []).map((n) => n.name)).map(
        (v) => ["AGENTS_INFO", agent.key, "AgentsInfo name", v] as const,
      ),
    ]);

    it.each(cases)("%s has %s's %s %s", (source, _agent, _kind, value) => {
      const kql = kqlOf(source);
      expect(quoted(value).some((q) => kql.includes(q))).toBe(true);
    });
  });

  it("names each command-line marker in the summarized rows, longest marker first", () => {
    const kql = bySource(queries, "PROCESS_EVENTS")[0].kql;
    const named = (marker: string) => kql.indexOf(`), "${marker}", iff(`);
    expect(named("@github/copilot-language-server")).toBeGreaterThan(0);
    expect(named("@github/copilot-language-server")).toBeLessThan(named("@github/copilot"));
  });

  it("looks back 30 days by default, never more, or from an instant", () => {
    expect(queries[0].kql).toContain("where Timestamp > ago(30d)");
    expect(buildHuntingQueries({ lookbackDays: 90 })[0].kql).toContain("ago(30d)");
    expect(buildHuntingQueries({ lookbackDays: 7 })[0].kql).toContain("ago(7d)");
    const since = buildHuntingQueries({ since: new Date("2026-11-20T06:00:00Z") });
    expect(since[0].kql).toContain("where Timestamp > datetime(2026-11-20T06:00:00.000Z)");
    expect(since.find((q) => q.source === "AGENTS_INFO")?.kql).toContain(
      "datetime(2026-11-20T06:00:00.000Z)",
    );
  });

  it("shards event and inventory queries by DeviceId prefix, not AgentsInfo", () => {
    const sharded = buildHuntingQueries({ deviceShards: 16 });
    expect(bySource(sharded, "PROCESS_EVENTS")).toHaveLength(16);
    expect(bySource(sharded, "FILE_EVENTS")).toHaveLength(16);
    expect(bySource(sharded, "BROWSER_EXTENSIONS")).toHaveLength(16);
    expect(bySource(sharded, "AGENTS_INFO")).toHaveLength(1);
    expect(sharded[0]).toMatchObject({ name: "process-events-shard-1-of-16" });
    expect(sharded[0].kql).toContain('where (DeviceId startswith "0")');
  });

  it.each([2, 3, 16, 20, 256])("splits the DeviceId space into %i disjoint, complete shards", (count) => {
    const shards = shardConditions(count);
    expect(shards).toHaveLength(count);
    const prefixes = shards.flatMap((s) =>
      [...(s ?? "").matchAll(/startswith "([0-9a-f]+)"/g)].map((m) => m[1]),
    );
    const width = prefixes[0].length;
    expect(new Set(prefixes).size).toBe(16 ** width);
    expect(prefixes).toHaveLength(16 ** width);
  });
});
