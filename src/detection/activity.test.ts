// What counts as use (README "Activity"): rows as the generated hunting queries return them, with the
// day bins (`Days`) and the install flag (`Setup`) the queries compute.
import type { FileSummaryRow, ProcessSummaryRow } from "./hunting";
import { matchFileSummaries, matchProcessSummaries } from "./matchers";

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY);

const process = (image: string, extra: Partial<ProcessSummaryRow> = {}): ProcessSummaryRow => {
  const slash = Math.max(image.lastIndexOf("\\"), image.lastIndexOf("/"));
  return {
    DeviceId: "d1",
    AccountName: "jdoe",
    FileName: image.slice(slash + 1),
    FolderPath: image.slice(0, slash),
    FirstSeen: "2026-11-20T08:00:00Z",
    LastSeen: "2026-12-02T17:30:00Z",
    Days: ["2026-11-20T00:00:00Z", "2026-11-28T00:00:00Z", "2026-12-02T00:00:00Z"],
    Setup: false,
    ...extra,
  };
};

const file = (path: string, writer: string, extra: Partial<FileSummaryRow> = {}): FileSummaryRow => {
  const at = (p: string) => Math.max(p.lastIndexOf("\\"), p.lastIndexOf("/"));
  return {
    DeviceId: "d1",
    InitiatingProcessAccountName: "jdoe",
    FolderPath: path.slice(0, at(path)),
    FileName: path.slice(at(path) + 1),
    ActionType: "FileModified",
    FirstSeen: "2026-11-25T08:00:00Z",
    LastSeen: "2026-12-01T09:00:00Z",
    Days: ["2026-11-25T00:00:00Z", "2026-12-01T00:00:00Z"],
    InitiatingProcessFileName: writer.slice(at(writer) + 1),
    InitiatingProcessFolderPath: writer.slice(0, at(writer)),
    InitiatingProcessCommandLine: writer,
    Setup: false,
    ...extra,
  };
};

const use = (detections: ReturnType<typeof matchProcessSummaries>) =>
  detections.map((d) => ({
    agent: `${d.agentKey} ${d.channel}`,
    useDays: d.useDays ?? null,
    lastUsedAt: d.lastUsedAt?.toISOString() ?? null,
  }));

describe("use, as process events show it", () => {
  it("is the agent's own process running: every UTC day it ran, and its newest run", () => {
    const found = matchProcessSummaries([
      process("/Users/jdoe/.local/share/claude/versions/2.1.3/claude", { CommandLine: "claude" }),
    ]);
    expect(use(found)).toEqual([
      {
        agent: "claude-code CLI",
        useDays: [dayOf("2026-11-20"), dayOf("2026-11-28"), dayOf("2026-12-02")],
        lastUsedAt: "2026-12-02T17:30:00.000Z",
      },
    ]);
  });

  it("is an IDE's extension host running the extension's own program", () => {
    const found = matchProcessSummaries([
      process("C:\\Users\\jdoe\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe", {
        FileName: "",
        FolderPath: "",
        CommandLine:
          '"C:\\Users\\jdoe\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe" c:\\Users\\jdoe\\.vscode\\extensions\\github.copilot-chat-0.32.4\\dist\\extension.js',
      }),
    ]);
    expect(use(found).map((u) => [u.agent, u.useDays?.length])).toEqual([
      ["github-copilot IDE_EXTENSION", 3],
    ]);
  });

  it("is not a package manager installing the agent (npm install -g): that is install evidence", () => {
    const found = matchProcessSummaries([
      process("C:\\Program Files\\nodejs\\node.exe", {
        CommandLine:
          '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" install -g @anthropic-ai/claude-code',
        Setup: true,
      }),
    ]);
    expect(use(found)).toEqual([{ agent: "claude-code CLI", useDays: null, lastUsedAt: null }]);
  });

  it("is not the vendor's installer running", () => {
    const found = matchProcessSummaries([
      process("C:\\Users\\jdoe\\Downloads\\CursorUserSetup-x64-2.0.77.exe", { Setup: true }),
    ]);
    expect(use(found)).toEqual([{ agent: "cursor DESKTOP_APP", useDays: null, lastUsedAt: null }]);
  });

  it("is not the installer even when the query could not flag it: the matcher knows its package name", () => {
    const found = matchProcessSummaries([
      process("C:\\Users\\jdoe\\Downloads\\CursorUserSetup-x64-2.0.77.exe"),
    ]);
    expect(use(found)).toEqual([{ agent: "cursor DESKTOP_APP", useDays: null, lastUsedAt: null }]);
  });

  it("joins the days of install and use rows of one installation, counting only the use", () => {
    const found = matchProcessSummaries([
      process("/Users/jdoe/.local/share/claude/versions/2.1.3/claude", {
        CommandLine: "claude update",
        Setup: true,
        Days: ["2026-11-01T00:00:00Z"],
        LastSeen: "2026-11-01T10:00:00Z",
      }),
      process("/Users/jdoe/.local/share/claude/versions/2.1.3/claude", {
        CommandLine: "claude",
        Days: ["2026-11-03T00:00:00Z"],
        LastSeen: "2026-11-03T10:00:00Z",
      }),
    ]);
    expect(use(found)).toEqual([
      { agent: "claude-code CLI", useDays: [dayOf("2026-11-03")], lastUsedAt: "2026-11-03T10:00:00.000Z" },
    ]);
  });
});

describe("use, as file events show it", () => {
  it("is the agent writing its data folder", () => {
    const found = matchFileSummaries([
      file(
        "/Users/jdoe/.claude/projects/x/session.jsonl",
        "/Users/jdoe/.local/share/claude/versions/2.1.3/claude",
      ),
    ]);
    expect(use(found)).toEqual([
      {
        agent: "claude-code CLI",
        useDays: [dayOf("2026-11-25"), dayOf("2026-12-01")],
        lastUsedAt: "2026-12-01T09:00:00.000Z",
      },
    ]);
  });

  it("is not the install writing the package's own files", () => {
    const found = matchFileSummaries([
      file(
        "C:\\Users\\jdoe\\AppData\\Roaming\\npm\\node_modules\\@anthropic-ai\\claude-code\\package.json",
        "C:\\Program Files\\nodejs\\node.exe",
        { Setup: true },
      ),
    ]);
    expect(use(found)).toEqual([{ agent: "claude-code CLI", useDays: null, lastUsedAt: null }]);
  });

  it("is not an installer or install command writing the data folder", () => {
    const found = matchFileSummaries([
      file("/Users/jdoe/.claude/settings.json", "/Users/jdoe/.claude/downloads/claude-2.1.3-darwin-arm64", {
        InitiatingProcessCommandLine: "/Users/jdoe/.claude/downloads/claude-2.1.3-darwin-arm64 install",
        Setup: true,
      }),
    ]);
    expect(use(found).every((u) => u.useDays === null)).toBe(true);
  });

  it("is not a deletion", () => {
    const found = matchFileSummaries([
      file(
        "/Users/jdoe/.claude/projects/x/session.jsonl",
        "/Users/jdoe/.local/share/claude/versions/2.1.3/claude",
        {
          ActionType: "FileDeleted",
        },
      ),
    ]);
    expect(use(found).every((u) => u.useDays === null)).toBe(true);
  });
});
