import { agentsInfoRows, fileEvents, processEvents, type Row } from "../events";
import { Fleet } from "../fleet";
import { HttpError } from "../http";
import { mcpProcessEvents } from "../mcp";
import { runHunting } from "./index";

const NOW = Date.parse("2026-11-27T08:00:00Z");
const DAY = 86_400_000;
const fleet = new Fleet({ devices: 80, seed: 21 });
const run = (query: string, day = 0) => runHunting(fleet, query, { day, now: NOW });

function direct(rowsOf: typeof processEvents, day = 0): Row[] {
  return [...fleet.reportingDevices(day)].flatMap((device) => rowsOf(fleet, device, day, NOW));
}

// The process table holds agents' own processes and the MCP servers they start.
const processes = direct((f, device, day, now) => [
  ...processEvents(f, device, day, now),
  ...mcpProcessEvents(f, device, day, now),
]);
const files = direct(fileEvents);
const agents = direct(agentsInfoRows);
const lower = (v: unknown) => String(v ?? "").toLowerCase();

function failure(query: string): string {
  try {
    run(query);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    return (err as HttpError).message;
  }
  throw new Error(`expected ${query} to fail`);
}

describe("KQL subset", () => {
  it("filters with ==, !=, =~ and in~ exactly like the generator's rows", () => {
    expect(run('DeviceProcessEvents | where FileName == "node.exe"').rows).toHaveLength(
      processes.filter((r) => r.FileName === "node.exe").length,
    );
    expect(run('DeviceProcessEvents | where FileName != "node.exe"').rows).toHaveLength(
      processes.filter((r) => r.FileName !== "node.exe").length,
    );
    expect(run("DeviceProcessEvents | where FileName =~ 'CURSOR.EXE'").rows).toHaveLength(
      processes.filter((r) => lower(r.FileName) === "cursor.exe").length,
    );
    const names = ["code.exe", "copilot.exe", "git"];
    expect(
      run("DeviceProcessEvents | where FileName in~ ('Code.exe', 'COPILOT.exe', 'git')").rows,
    ).toHaveLength(processes.filter((r) => names.includes(lower(r.FileName))).length);
    expect(run("DeviceProcessEvents | where FileName !in ('explorer.exe', 'chrome.exe')").rows).toHaveLength(
      processes.filter((r) => !["explorer.exe", "chrome.exe"].includes(String(r.FileName))).length,
    );
  });

  it("matches has as a whole term, has_any, contains, startswith and endswith case-insensitively", () => {
    const hasCopilot = run("DeviceFileEvents | where FolderPath has 'github.copilot'").rows;
    expect(hasCopilot.length).toBe(
      files.filter((r) => /(^|[^a-z0-9])github\.copilot($|[^a-z0-9])/.test(lower(r.FolderPath))).length,
    );
    expect(hasCopilot.length).toBeGreaterThan(0);
    expect(run("DeviceProcessEvents | where ProcessCommandLine has 'claude'").rows.length).toBe(
      processes.filter((r) => /(^|[^a-z0-9])claude($|[^a-z0-9])/.test(lower(r.ProcessCommandLine))).length,
    );
    const anyOf = run(
      "DeviceProcessEvents | where ProcessCommandLine has_any ('@anthropic-ai/claude-code', '@openai/codex')",
    ).rows;
    expect(anyOf.length).toBe(
      processes.filter((r) =>
        ["@anthropic-ai/claude-code", "@openai/codex"].some((n) => lower(r.ProcessCommandLine).includes(n)),
      ).length,
    );
    expect(run("DeviceFileEvents | where FolderPath contains 'EXTENSIONS'").rows.length).toBe(
      files.filter((r) => lower(r.FolderPath).includes("extensions")).length,
    );
    expect(run("DeviceProcessEvents | where FolderPath startswith @'C:\\Users\\'").rows.length).toBe(
      processes.filter((r) => lower(r.FolderPath).startsWith("c:\\users\\")).length,
    );
    expect(run("DeviceFileEvents | where FileName endswith '.JSON'").rows.length).toBe(
      files.filter((r) => lower(r.FileName).endsWith(".json")).length,
    );
  });

  it("combines and, or and not() and compares timestamps against ago()", () => {
    const query =
      "DeviceProcessEvents | where Timestamp > ago(7d) and (FileName == 'node' or FileName == 'node.exe') and not(AccountName startswith 'j')";
    const expected = processes.filter(
      (r) =>
        (r.Timestamp as Date).getTime() > NOW - 7 * DAY &&
        ["node", "node.exe"].includes(String(r.FileName)) &&
        !lower(r.AccountName).startsWith("j"),
    );
    expect(run(query).rows).toHaveLength(expected.length);
    expect(run("DeviceProcessEvents | where Timestamp < ago(31d)").rows).toHaveLength(0);
  });

  it("takes datetime literals quoted and bare, as KQL does", () => {
    const since = new Date(NOW - 7 * DAY).toISOString();
    const quoted = run(`DeviceProcessEvents | where Timestamp > datetime('${since}') | count`).rows;
    const bare = run(`DeviceProcessEvents | where Timestamp > datetime(${since}) | count`).rows;
    expect(bare).toEqual(quoted);
    expect(run("DeviceProcessEvents | where Timestamp > ago(7d) | count").rows).toEqual(bare);
  });

  it("projects, extends with functions, renames and drops columns", () => {
    const result = run(
      "DeviceProcessEvents | take 5 | extend fn = tolower(FileName), Who = strcat(AccountDomain, '\\\\', AccountName), Upn = coalesce(AccountUpn, AccountName), Npm = iff(FileName in~ ('node', 'node.exe'), true, false) | project-away SHA1 | project fn, Who, Upn, Npm, When = Timestamp",
    );
    expect(result.schema).toEqual([
      { name: "fn", type: "String" },
      { name: "Who", type: "String" },
      { name: "Upn", type: "String" },
      { name: "Npm", type: "Boolean" },
      { name: "When", type: "DateTime" },
    ]);
    expect(result.rows).toHaveLength(5);
    expect(String(result.rows[0].Who)).toContain("\\");
    expect(String(result.rows[0].When)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(run("DeviceProcessEvents | project-away SHA1 | take 1").schema.map((c) => c.name)).not.toContain(
      "SHA1",
    );
  });

  it("summarizes count(), dcount(), min(), max() and make_set() by columns", () => {
    const result = run(
      "DeviceProcessEvents | summarize Launches = count(), Devices = dcount(DeviceId), First = min(Timestamp), Last = max(Timestamp), Names = make_set(FileName, 3) by AccountDomain",
    );
    const domains = new Set(processes.map((r) => r.AccountDomain));
    expect(result.rows).toHaveLength(domains.size);
    for (const row of result.rows) {
      const mine = processes.filter((r) => r.AccountDomain === row.AccountDomain);
      expect(row.Launches).toBe(mine.length);
      expect(row.Devices).toBe(new Set(mine.map((r) => r.DeviceId)).size);
      expect(Date.parse(String(row.Last))).toBe(
        Math.max(...mine.map((r) => (r.Timestamp as Date).getTime())),
      );
      expect(Date.parse(String(row.First))).toBe(
        Math.min(...mine.map((r) => (r.Timestamp as Date).getTime())),
      );
      expect((row.Names as string[]).length).toBeLessThanOrEqual(3);
    }
    expect(run("DeviceProcessEvents | summarize count()").rows).toEqual([{ count_: processes.length }]);
  });

  it("bins instants to their UTC day with startofday(), as make_set() of the days a key was seen", () => {
    const result = run(
      "DeviceProcessEvents | summarize Days = make_set(startofday(Timestamp), 31) by DeviceId",
    );
    for (const row of result.rows) {
      const mine = processes.filter((r) => r.DeviceId === row.DeviceId);
      const days = new Set(
        mine.map((r) => (r.Timestamp as Date).toISOString().slice(0, 10) + "T00:00:00.000Z"),
      );
      expect(new Set(row.Days as string[])).toEqual(days);
    }
  });

  it("keeps the latest row per key with arg_max(Timestamp, *) and reads dynamic members", () => {
    const result = run(
      "AgentsInfo | where Platform == 'LocalAgents' | summarize arg_max(Timestamp, *) by AgentId | extend Meta = RawAgentInfo.localAgentMetadata | project AgentId, Name, LifecycleStatus, Host = tostring(Meta.relatedProcess), Device = tostring(Meta.deviceName)",
    );
    const latest = new Map<string, Row>();
    for (const row of agents) {
      const seen = latest.get(String(row.AgentId));
      if (!seen || (row.Timestamp as Date) > (seen.Timestamp as Date)) latest.set(String(row.AgentId), row);
    }
    expect(result.rows).toHaveLength(latest.size);
    for (const row of result.rows) {
      const expected = latest.get(String(row.AgentId)) as Row;
      const meta = (expected.RawAgentInfo as { localAgentMetadata: Record<string, string> })
        .localAgentMetadata;
      expect(row).toEqual({
        AgentId: expected.AgentId,
        Name: expected.Name,
        LifecycleStatus: expected.LifecycleStatus,
        Host: meta.relatedProcess,
        Device: meta.deviceName,
      });
    }
    const picked = run("AgentsInfo | summarize arg_max(Timestamp, Name, Version) by AgentId");
    expect(picked.schema.map((c) => c.name)).toEqual(["AgentId", "Timestamp", "Name", "Version"]);
  });

  it("supports distinct, take/limit, order by asc/desc, dynamic() lists and any()", () => {
    const distinct = run("DeviceProcessEvents | distinct FileName").rows.map((r) => r.FileName);
    expect(new Set(distinct)).toEqual(new Set(processes.map((r) => r.FileName)));
    expect(run("DeviceProcessEvents | limit 3").rows).toHaveLength(3);
    const sorted = run("DeviceProcessEvents | order by Timestamp asc | take 4").rows.map((r) =>
      Date.parse(String(r.Timestamp)),
    );
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
    expect(sorted[0]).toBe(Math.min(...processes.map((r) => (r.Timestamp as Date).getTime())));
    const desc = run("DeviceProcessEvents | sort by Timestamp | take 2").rows.map((r) =>
      Date.parse(String(r.Timestamp)),
    );
    expect(desc[0]).toBeGreaterThanOrEqual(desc[1]);
    expect(run("DeviceProcessEvents | where FileName in (dynamic(['git', 'python3']))").rows).toHaveLength(
      processes.filter((r) => ["git", "python3"].includes(String(r.FileName))).length,
    );
    expect(
      run("DeviceProcessEvents | summarize any(FileName) by DeviceId").schema.map((c) => c.name),
    ).toEqual(["DeviceId", "any_FileName"]);
  });

  it("serves DeviceInfo, DeviceLogonEvents, DeviceTvmSoftwareInventory and DeviceTvmBrowserExtensions", () => {
    const devices = [...fleet.reportingDevices(0)];
    expect(run("DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId").rows).toHaveLength(
      devices.filter((d) => fleet.snapshotDay(d, 0) > -30).length,
    );
    expect(run("DeviceLogonEvents | distinct AccountName").rows.length).toBeGreaterThan(0);
    const cursor = run(
      "DeviceTvmSoftwareInventory | where SoftwareVendor == 'anysphere' and SoftwareName == 'cursor' | project DeviceId, SoftwareVersion",
    ).rows;
    const expected = devices.flatMap((d) =>
      fleet
        .softwareRows(d, 0)
        .filter((r) => r.item.vendor === "anysphere" && r.item.name === "cursor")
        .map((r) => ({ DeviceId: d.id, SoftwareVersion: r.version })),
    );
    expect(cursor).toEqual(expected);
    expect(
      run("DeviceTvmBrowserExtensions | where ExtensionId == 'fcoeoabgfenejglbffodgkkbkcdhcgfn'").rows,
    ).toHaveLength(
      devices
        .flatMap((d) => fleet.browserExtensions(d, 0))
        .filter((r) => r.artifact.extensionId === "fcoeoabgfenejglbffodgkkbkcdhcgfn").length,
    );
  });

  it("answers unsupported syntax with a 400 saying what is unsupported", () => {
    expect(failure("DeviceProcessEvents | join kind=inner (DeviceInfo) on DeviceId")).toBe(
      "Unsupported KQL: operator 'join' is not supported by the simulator",
    );
    expect(failure("let x = 1; DeviceInfo")).toContain("statement 'let'");
    expect(failure("DeviceProcessEvents | extend a = case(FileName == 'x', 1, 2)")).toBe(
      "Unsupported KQL: function 'case' is not supported by the simulator",
    );
    expect(failure("DeviceProcessEvents | where FileName matches regex 'x'")).toContain(
      "Unsupported KQL: operator 'matches regex'",
    );
    expect(failure("DeviceProcessEvents | mv-expand FileName")).toBe(
      "Unsupported KQL: operator 'mv-expand' is not supported by the simulator",
    );
    expect(failure("NoSuchTable | take 1")).toContain("NoSuchTable");
    expect(failure("DeviceProcessEvents | project Nope")).toContain("'Nope'");
    expect(failure("DeviceProcessEvents | where FileName == ")).toContain("could not be parsed");
  });

  it("refuses results above 100,000 rows with a 400", () => {
    const big = new Fleet({ devices: 1300, seed: 1 });
    expect(() => runHunting(big, "DeviceTvmSoftwareInventory", { day: 0, now: NOW })).toThrow(
      /exceeded the limit of 100000 rows/,
    );
    expect(
      runHunting(big, "DeviceTvmSoftwareInventory | summarize count()", { day: 0, now: NOW }).rows[0].count_,
    ).toBeGreaterThan(100_000);
  });
});
