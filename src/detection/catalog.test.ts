import { CATALOG, CATALOG_VERSION } from "./catalog";

// The agent keys shared with the simulator's ground truth (contracts: "Agent keys").
const CONTRACT_KEYS = [
  "cursor",
  "github-copilot",
  "claude-code",
  "claude-desktop",
  "windsurf",
  "cline",
  "roo-code",
  "kilo-code",
  "continue",
  "aider",
  "codex",
  "chatgpt-desktop",
  "gemini-cli",
  "gemini-code-assist",
  "antigravity",
  "amazon-q",
  "kiro",
  "tabnine",
  "cody",
  "amp",
  "jetbrains-ai",
  "junie",
  "zed",
  "supermaven",
  "augment",
  "opencode",
  "goose",
  "warp",
  "trae",
  "qoder",
  "codeium",
  "openclaw",
  "ollama",
  "lm-studio",
  "kimi-code",
  "factory-droid",
  "crush",
];

describe("catalog", () => {
  it("has exactly one entry per contract agent key, at least 30", () => {
    const keys = CATALOG.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...CONTRACT_KEYS].sort());
    expect(keys.length).toBeGreaterThanOrEqual(30);
  });

  it("gives every agent a name, vendor, category and at least one signal", () => {
    for (const agent of CATALOG) {
      expect(agent.name && agent.vendor && agent.category).toBeTruthy();
      const signals = [
        agent.software,
        agent.processes,
        agent.files,
        agent.ideExtensions,
        agent.jetbrainsPlugins,
        agent.browserExtensions,
        agent.agentsInfo,
      ].filter((s) => s && s.length > 0);
      expect({ key: agent.key, signals: signals.length > 0 }).toEqual({ key: agent.key, signals: true });
    }
  });

  it("marks the agents Defender's local agent discovery lists", () => {
    const covered = CATALOG.filter((a) => a.defenderDiscovery).map((a) => a.key);
    expect(covered).toEqual(
      expect.arrayContaining(["claude-code", "cursor", "github-copilot", "codex", "cline"]),
    );
    expect(covered).not.toEqual(expect.arrayContaining(["aider"]));
    for (const agent of CATALOG.filter((a) => a.agentsInfo)) expect(agent.defenderDiscovery).toBe(true);
  });

  it("keeps software tokens normalized (lowercase, no spaces) and ids lowercase", () => {
    for (const agent of CATALOG) {
      for (const token of (agent.software ?? []).flatMap((r) => [...r.vendors, ...r.names])) {
        expect(token).toMatch(/^[a-z0-9_.()\-+]+$/);
      }
      for (const id of [...(agent.ideExtensions ?? []), ...(agent.jetbrainsPlugins ?? [])]) {
        expect(id).toBe(id.toLowerCase());
      }
    }
  });

  it("has a calendar-style version", () => {
    expect(CATALOG_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  });
});
