import { runPipeline } from "../simulator/kql/evaluate";
import { parseQuery } from "../simulator/kql/parser";
import { TABLES as EVENT_TABLES } from "../simulator/kql/tables";
import { CATALOG } from "./catalog";
import {
  buildHuntingQueries,
  shardConditions,
  type FileSummaryRow,
  type HuntingQuery,
  type ProcessSummaryRow,
} from "./hunting";
import { markerVariants } from "./lookup";
import { matchFileSummaries, matchProcessSummaries } from "./matchers";
import type { Detection } from "./types";

// The KQL subset the generated queries keep to: what the simulator's parser accepts
// (src/simulator/README.md, "KQL"; src/simulator/kql/kql.test.ts).
const TABLES = ["DeviceProcessEvents", "DeviceFileEvents", "AgentsInfo"];
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
  "startofday",
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
    for (const source of ["PROCESS_EVENTS", "FILE_EVENTS"] as const)
      expect(kqlOf(source)).toContain("summarize firstseen = min(timestamp), lastseen = max(timestamp)");
    const process = kqlOf("PROCESS_EVENTS");
    expect(process).toContain("versions = make_set(processversioninfoproductversion, 10)");
    expect(process).toContain("publishers = make_set(processversioninfocompanyname, 5)");
    expect(process).toContain("products = make_set(processversioninfoproductname, 5)");
    expect(process).toContain("arg_max(timestamp, commandline)");
    expect(process).toMatch(
      /by deviceid, devicename, accountupn, accountdomain, accountname, accountsid, filename = iff\(own, filename, ""\), folderpath = iff\(own, folderpath, ""\), commandlinemarker, setup$/,
    );
    const files = kqlOf("FILE_EVENTS");
    // The writer of the newest file tells which of an agent's installations a shared file belongs to.
    expect(files).toContain(
      "arg_max(timestamp, folderpath, filename, initiatingprocessfilename, initiatingprocesscommandline)",
    );
    expect(files).toMatch(
      /by deviceid, devicename, initiatingprocessaccountupn, .*, pathkey, actiontype, initiatingprocessfolderpath, setup$/,
    );
    expect(kqlOf("AGENTS_INFO")).toContain("summarize arg_max(timestamp, *) by agentid");
  });

  it('bins each row\'s events by UTC day and keeps installs apart from use (README "Activity")', () => {
    for (const source of ["PROCESS_EVENTS", "FILE_EVENTS"] as const)
      // At most 31 calendar days touch a 30-day window: one row never grows past that.
      expect(kqlOf(source)).toContain("days = make_set(startofday(timestamp), 31)");
    // Install, update and removal commands (npm install -g, claude update, code --install-extension) and
    // installers, run or writing files, are rows of their own.
    expect(kqlOf("PROCESS_EVENTS")).toMatch(
      /extend setup = processcommandline has_any \("install", "reinstall", "uninstall", "update", "upgrade"\) or filename has_any \([^)]*"cursorusersetup"[^)]*\) or filename in~ \([^)]*"msiexec.exe"/,
    );
    expect(kqlOf("FILE_EVENTS")).toMatch(
      /extend setup = initiatingprocesscommandline has_any \("install", [^)]*\) or initiatingprocessfilename has_any \([^)]*"cursorusersetup"/,
    );
    // A vendor's bare name is the app itself, never an installer (Cursor.exe).
    expect(kqlOf("PROCESS_EVENTS")).not.toMatch(
      /filename has_any \("antigravity", "antigravitysetup"[^)]*\) or filename in~ \("apt"/,
    );
  });

  it("reads extension ids in the command line of a process and of the process that started it", () => {
    const process = kqlOf("PROCESS_EVENTS");
    for (const id of ["github.copilot", "saoudrizwan.claude-dev", "anthropic.claude-code"]) {
      expect(process).toMatch(new RegExp(`processcommandline has_any \\([^)]*"${id.replace(".", "\\.")}"`));
      expect(process).toMatch(
        new RegExp(`initiatingprocesscommandline has_any \\([^)]*"${id.replace(".", "\\.")}"`),
      );
    }
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
      ...lower((agent.processes ?? []).flatMap((p) => [...(p.npm ?? []), ...(p.homebrew ?? [])])).flatMap(
        (v) => markerVariants(v).map((m) => ["PROCESS_EVENTS", agent.key, "package", m] as const),
      ),
      ...lower((agent.processes ?? []).flatMap((p) => [...(p.pypi ?? []), ...(p.modules ?? [])])).map(
        (v) => ["PROCESS_EVENTS", agent.key, "Python package", v] as const,
      ),
      ...lower((agent.processes ?? []).flatMap((p) => p.scripts ?? [])).map(
        (v) => ["PROCESS_EVENTS", agent.key, "launcher script", `bin/${v}`] as const,
      ),
      ...lower((agent.processes ?? []).flatMap((p) => p.npm ?? [])).flatMap((v) =>
        markerVariants(`node_modules/${v}`).map(
          (m) => ["FILE_EVENTS", agent.key, "npm package folder", m] as const,
        ),
      ),
      ...lower([...(agent.ideExtensions ?? []), ...(agent.companionExtensions ?? [])]).flatMap((v) => [
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
      ...lower((agent.agentsInfo ?? []).map((n) => n.name)).map(
        (v) => ["AGENTS_INFO", agent.key, "AgentsInfo name", v] as const,
      ),
    ]);

    it.each(cases)("%s has %s's %s %s", (source, _agent, _kind, value) => {
      const kql = kqlOf(source);
      expect(quoted(value).some((q) => kql.includes(q))).toBe(true);
    });
  });

  it("names each command-line marker in the summarized rows, a longer term before one it contains", () => {
    const kql = bySource(queries, "PROCESS_EVENTS")[0].kql;
    const named = (label: string) => kql.indexOf(`), "${label}", iff(`);
    expect(named("github-copilot/IDE_EXTENSION")).toBeGreaterThan(0);
    expect(named("github-copilot/IDE_EXTENSION")).toBeLessThan(named("github-copilot/CLI"));
    expect(named("github.copilot-chat")).toBeGreaterThan(0);
    expect(named("github.copilot-chat")).toBeLessThan(named("github.copilot"));
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

  it("shards event queries by DeviceId prefix, not AgentsInfo", () => {
    const sharded = buildHuntingQueries({ deviceShards: 16 });
    expect(bySource(sharded, "PROCESS_EVENTS")).toHaveLength(16);
    expect(bySource(sharded, "FILE_EVENTS")).toHaveLength(16);
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

describe("the generated queries over event rows", () => {
  // The simulator's evaluator of the KQL subset runs them over rows written here, as Defender would.
  const NOW = Date.parse("2026-11-27T12:00:00Z");
  const run = (source: HuntingQuery["source"], rows: Record<string, unknown>[]) => {
    const query = buildHuntingQueries().find((q) => q.source === source)!;
    const table = EVENT_TABLES[query.kql.split("\n")[0]];
    const complete = rows.map((row) =>
      Object.fromEntries(table.columns.map((c) => [c.name, row[c.name] ?? null])),
    );
    return [...runPipeline(parseQuery(query.kql), { schema: table.columns, rows: complete }, NOW).rows];
  };
  const at = (daysAgo: number, minute = 0) => new Date(NOW - daysAgo * 86_400_000 + minute * 60_000);
  const device = { DeviceId: "1e5bc9d7", DeviceName: "mac-17", AccountName: "jdoe", AccountDomain: "mac-17" };
  const fileDevice = { DeviceId: "1e5bc9d7", DeviceName: "mac-17", InitiatingProcessAccountName: "jdoe" };
  const helper =
    "/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)";
  const claudeInExtension =
    "/Users/jdoe/.vscode/extensions/anthropic.claude-code-2.1.3-darwin-arm64/resources/native-binary/claude";

  it("returns an extension host's launches as one row with the newest command line", () => {
    const launches = Array.from({ length: 40 }, (_, i) => ({
      ...device,
      Timestamp: at(20 - i / 4),
      FileName: "Code Helper (Plugin)",
      FolderPath: helper,
      ProcessVersionInfoProductVersion: "1.105.1",
      ProcessCommandLine: `${helper} --ms-enable-electron-run-as-node /Users/jdoe/.vscode/extensions/github.copilot-1.37${i < 30 ? 0 : 2}.0/dist/language-server.js --stdio --clientProcessId=${3000 + i}`,
    }));
    const rows = run("PROCESS_EVENTS", [
      ...launches,
      { ...device, Timestamp: at(1), FileName: "ls", FolderPath: "/bin/ls" },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ CommandLineMarker: "github.copilot", FileName: "Code Helper (Plugin)" });
    expect(found(rows)).toEqual(["github-copilot IDE_EXTENSION vscode 1.372.0"]);
  });

  it("folds the children of an extension's process into one row for the command line that started them", () => {
    const children = ["git", "rg", "bash", "zsh", "node", "python3", "grep", "sed", "find", "cat"].map(
      (name, i) => ({
        ...device,
        Timestamp: at(3, i),
        FileName: name,
        FolderPath: `/usr/bin/${name}`,
        ProcessCommandLine: `${name} --version`,
        InitiatingProcessCommandLine: `${claudeInExtension} --output-format stream-json`,
      }),
    );
    const rows = run("PROCESS_EVENTS", children);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ FileName: "", FolderPath: "" });
    expect(found(rows)).toEqual(["claude-code IDE_EXTENSION vscode 2.1.3"]);
  });

  it("returns interpreters running agents, each agent on its own row", () => {
    const python = { ...device, FileName: "python3.12", FolderPath: "/usr/bin/python3.12" };
    const rows = run("PROCESS_EVENTS", [
      { ...python, Timestamp: at(2), ProcessCommandLine: "python3 -m aider --model sonnet" },
      {
        ...python,
        Timestamp: at(2, 5),
        ProcessCommandLine: "/usr/bin/python3.12 /home/jdoe/.local/bin/kimi",
      },
      { ...python, Timestamp: at(2, 9), ProcessCommandLine: "python3 -m http.server" },
    ]);
    expect(found(rows).sort()).toEqual(["aider CLI null", "kimi-code CLI null"]);
  });

  it("returns an extension's storage writes and installed files as one row per folder kind", () => {
    const storage =
      "/Users/jdoe/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/tasks";
    const writes = Array.from({ length: 300 }, (_, i) => ({
      ...fileDevice,
      Timestamp: at(10 - i / 100),
      ActionType: "FileModified",
      FolderPath: `${storage}/${1731000000 + i}`,
      FileName: i % 2 ? "api_conversation_history.json" : "ui_messages.json",
    }));
    const installed = Array.from({ length: 120 }, (_, i) => ({
      ...fileDevice,
      Timestamp: at(25),
      ActionType: "FileCreated",
      FolderPath: `/Users/jdoe/.vscode/extensions/saoudrizwan.claude-dev-3.35.0/dist/chunk-${i}`,
      FileName: `part-${i}.js`,
    }));
    const rows = run("FILE_EVENTS", [...writes, ...installed]);
    expect(rows).toHaveLength(2);
    expect(found(matchFileSummaries(rows as unknown as FileSummaryRow[]))).toEqual([
      "cline IDE_EXTENSION vscode 3.35.0",
    ]);
  });
});

function found(rows: Record<string, unknown>[] | Detection[]): string[] {
  const detections =
    rows.length && "agentKey" in rows[0]
      ? (rows as Detection[])
      : matchProcessSummaries(rows as unknown as ProcessSummaryRow[]);
  return detections.map((d) => `${d.agentKey} ${d.channel}${d.hostIde ? ` ${d.hostIde}` : ""} ${d.version}`);
}
