import { CATALOG, CATALOG_VERSION } from "./catalog";
import { normalizeSoftwareName, normalizeVendor } from "./lookup";

// The agent keys: stored in the agent table, served as `Agent.key`, and named by the field corpus's
// records (`agentKey`, docs/detection-sources.md "What a record says"). Renaming one breaks all three.
const AGENT_KEYS = [
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
  it("has exactly one entry per agent key, at least 30", () => {
    const keys = CATALOG.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...AGENT_KEYS].sort());
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

  it("keeps software tokens in their normalized form and ids lowercase", () => {
    for (const agent of CATALOG) {
      for (const rule of agent.software ?? []) {
        for (const vendor of rule.vendors) expect(normalizeVendor(vendor)).toBe(vendor);
        for (const name of rule.names) expect(normalizeSoftwareName(name)).toBe(name);
      }
      const ids = [
        ...(agent.ideExtensions ?? []),
        ...(agent.companionExtensions ?? []),
        ...(agent.jetbrainsPlugins ?? []),
      ];
      for (const id of ids) expect(id).toBe(id.toLowerCase());
    }
  });

  // Names other products also use (class 4): such an image needs a folder, package or publisher.
  const GENERIC = [
    "goose",
    "copilot",
    "continue",
    "claude",
    "aider",
    "cursor",
    "warp",
    "amp",
    "q",
    "zed",
    "jan",
    "cody",
  ];

  it("never lets a short generic image name stand alone", () => {
    const alone = CATALOG.flatMap((agent) =>
      (agent.processes ?? [])
        .filter((rule) => !rule.folders?.length && !rule.publishers?.length && !rule.homebrew?.length)
        .flatMap((rule) => rule.images ?? [])
        .filter((image) => GENERIC.includes(image.replace(/\.exe$/, "")))
        .map((image) => `${agent.key}: ${image}`),
    );
    expect(alone).toEqual([]);
  });

  it("keeps folder-only rules free of wildcards (the hunting query filters on them verbatim)", () => {
    for (const rule of CATALOG.flatMap((a) => a.processes ?? []).filter((p) => !p.images))
      for (const folder of rule.folders ?? []) expect(folder).not.toContain("*");
  });

  it("names Homebrew installs as cellar/<formula> or caskroom/<cask>", () => {
    for (const name of CATALOG.flatMap((a) => a.processes ?? []).flatMap((p) => p.homebrew ?? []))
      expect(name).toMatch(/^(cellar|caskroom)\/[a-z0-9@._+-]+$/);
  });

  it("has a calendar-style version", () => {
    expect(CATALOG_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  });
});
