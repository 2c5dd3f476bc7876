import { readdirSync, readFileSync } from "fs";
import { join, relative } from "path";
import { CATALOG } from "../catalog";
import {
  FIELD_RECORDS,
  fill,
  LOOK_ALIKES,
  renderFile,
  renderInventory,
  renderProcess,
  varsFor,
  type FieldRecord,
  type LookAlikeRecord,
  type RenderContext,
} from "./index";

const CONTEXT: Record<string, RenderContext> = {
  windows: {
    os: "windows",
    home: "C:\\Users\\jdoe7",
    user: "jdoe7",
    sid: "S-1-5-21-1-2-3-1107",
    version: "1.2.3",
    uuid: "0f6d1c1e-5b0a-4a51-9a7e-2f6c7b3d9e11",
    ts: "1764230400000",
    pid: "4242",
  },
  macos: {
    os: "macos",
    home: "/Users/jdoe7",
    user: "jdoe7",
    sid: "",
    version: "1.2.3",
    uuid: "0f6d1c1e-5b0a-4a51-9a7e-2f6c7b3d9e11",
    ts: "1764230400000",
    pid: "4242",
  },
  linux: {
    os: "linux",
    home: "/home/jdoe7",
    user: "jdoe7",
    sid: "",
    version: "1.2.3",
    uuid: "0f6d1c1e-5b0a-4a51-9a7e-2f6c7b3d9e11",
    ts: "1764230400000",
    pid: "4242",
  },
};

/** Every string a record shows, for each of its variants. */
function rendered(record: FieldRecord | LookAlikeRecord): string[] {
  const out: string[] = [];
  for (const variant of record.variants?.length ? record.variants : [undefined]) {
    const vars = varsFor(record, variant, CONTEXT[record.os]);
    for (const p of record.processes ?? []) {
      const r = renderProcess(p, vars);
      out.push(r.folderPath, r.commandLine, r.parent?.folderPath ?? "");
    }
    for (const f of record.files ?? []) out.push(renderFile(f, vars).folderPath);
    for (const row of renderInventory(record, vars))
      out.push(row.vendor, row.name, ...row.diskPaths, ...row.registryPaths);
    if (record.agentsInfo) out.push(fill(record.agentsInfo.relatedProcess, vars));
  }
  return out;
}

describe("the field corpus", () => {
  const keys = new Set(CATALOG.map((a) => a.key));

  it("has a record for every agent the product catalogues, and names no other agent", () => {
    const covered = new Set(FIELD_RECORDS.map((r) => r.agentKey));
    expect([...keys].filter((k) => !covered.has(k))).toEqual([]);
    expect([...covered].filter((k) => !keys.has(k))).toEqual([]);
  });

  it("gives each record a unique id and at least one public source", () => {
    const ids = [...FIELD_RECORDS, ...LOOK_ALIKES].map((r) => r.id);
    expect(ids.length).toBe(new Set(ids).size);
    for (const record of [...FIELD_RECORDS, ...LOOK_ALIKES])
      expect({
        id: record.id,
        sourced: record.sources.length > 0 && record.sources.every((s) => /^https:\/\//.test(s)),
      }).toEqual({
        id: record.id,
        sourced: true,
      });
  });

  it("fills every template of every variant, on every OS", () => {
    for (const record of [...FIELD_RECORDS, ...LOOK_ALIKES]) {
      const strings = rendered(record);
      expect(strings.filter((s) => /\{[A-Za-z][A-Za-z0-9]*\}/.test(s))).toEqual([]);
    }
  });

  it("spells paths with the separators of the record's OS", () => {
    for (const record of FIELD_RECORDS) {
      const vars = varsFor(record, record.variants?.[0], CONTEXT[record.os]);
      for (const p of record.processes ?? []) {
        const image = renderProcess(p, vars).folderPath;
        expect({
          id: record.id,
          image,
          ok: record.os === "windows" ? /^[A-Za-z]:\\/.test(image) : image.startsWith("/"),
        }).toMatchObject({ ok: true });
      }
    }
  });

  it("shows every record somewhere: an inventory row, a process, a file, AgentsInfo or a browser extension", () => {
    for (const record of [...FIELD_RECORDS, ...LOOK_ALIKES]) {
      const shows =
        !!record.inventory?.length ||
        !!record.processes?.length ||
        !!record.files?.length ||
        !!record.agentsInfo ||
        !!record.browserExtension;
      expect({ id: record.id, shows }).toEqual({ id: record.id, shows: true });
    }
  });

  it("hosts every IDE extension in a named IDE", () => {
    for (const record of FIELD_RECORDS.filter((r) => r.channel === "IDE_EXTENSION"))
      expect({
        id: record.id,
        hosted: !!record.variants?.length && record.variants.every((v) => v.host),
      }).toEqual({ id: record.id, hosted: true });
  });

  it("covers every OS and the install methods agents really ship with", () => {
    const methods = new Set(FIELD_RECORDS.map((r) => r.method));
    for (const method of [
      "user-installer",
      "system-installer",
      "msix",
      "winget",
      "homebrew-cask",
      "homebrew-formula",
      "npm-global",
      "npx",
      "bunx",
      "pnpm-dlx",
      "pipx",
      "pip",
      "uv-tool",
      "uvx",
      "python-module",
      "install-script",
      "deb",
      "appimage",
      "dmg",
      "vscode-marketplace",
      "jetbrains-marketplace",
      "chrome-web-store",
    ])
      expect(methods).toContain(method);
    expect(new Set(FIELD_RECORDS.map((r) => r.os))).toEqual(new Set(["windows", "macos", "linux"]));
  });

  it("lists look-alikes for the short names that collide in the field", () => {
    const resembled = new Set(LOOK_ALIKES.flatMap((l) => l.resembles));
    for (const key of [
      "goose",
      "github-copilot",
      "continue",
      "claude-code",
      "aider",
      "cursor",
      "warp",
      "amp",
      "zed",
      "amazon-q",
      "crush",
    ])
      expect(resembled).toContain(key);
  });

  it("is read only by the simulator and by tests, never by the product's detection", () => {
    const src = join(__dirname, "..", "..");
    const importers: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (
          /\.tsx?$/.test(entry.name) &&
          /from "[^"]*corpus(\/[^"]*)?"/.test(readFileSync(path, "utf8"))
        )
          importers.push(relative(src, path).split("\\").join("/"));
      }
    };
    walk(src);
    const allowed = (path: string): boolean =>
      path.startsWith("simulator/") || path.startsWith("detection/corpus/") || /\.test\.tsx?$/.test(path);
    expect(importers.filter((path) => !allowed(path))).toEqual([]);
  });
});
