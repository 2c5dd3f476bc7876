// Turns corpus templates into the concrete strings one device shows. Placeholders are `{name}`;
// values may hold placeholders themselves (a variant's `{npmRoot}` names `{home}`), so filling
// repeats until none is left. Context placeholders:
//   {home} profile folder, {user} account name, {sid} account SID, {version} installed version,
//   {homeUri} {home} with a lower-case drive letter (how VS Code spells paths it passes to forks),
//   {uuid} {ts} {pid} per-event identifiers (session files, task folders, process ids).
import { defenderToken } from "./inventory";
import type {
  AgentsInfoSighting,
  BrowserSighting,
  FieldRecord,
  FileSighting,
  LookAlikeRecord,
  Moment,
  Os,
  ProcessSighting,
  Variant,
} from "./types";

export interface RenderContext {
  os: Os;
  home: string;
  user: string;
  sid: string;
  version: string;
  uuid: string;
  ts: string;
  pid: string;
}

export interface RenderedProcess {
  fileName: string;
  folderPath: string;
  commandLine: string;
  company: string;
  product: string;
  productVersion: string;
  parent?: { fileName: string; folderPath: string };
}

export interface RenderedFile {
  fileName: string;
  folderPath: string;
  by?: { fileName: string; folderPath: string };
}

export interface RenderedInventory {
  vendor: string;
  name: string;
  cpe: boolean;
  version: string;
  diskPaths: string[];
  registryPaths: string[];
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const MAX_DEPTH = 6;

/**
 * Templates split at their placeholders ([text, name, text, name, …, text]), kept per template: the
 * corpus has a few thousand, and the simulator fills each one for many devices.
 */
const COMPILED = new Map<string, readonly string[]>();
const MAX_COMPILED = 20_000;

function compiled(template: string, keep: boolean): readonly string[] {
  let parts = COMPILED.get(template);
  if (!parts) {
    parts = template.split(PLACEHOLDER);
    if (keep && COMPILED.size < MAX_COMPILED) COMPILED.set(template, parts);
  }
  return parts;
}

export function fill(template: string, vars: Readonly<Record<string, string>>): string {
  let out = template;
  // Values may hold placeholders of their own (a record's vars name the device's home…).
  for (let depth = 0; depth < MAX_DEPTH && out.includes("{"); depth++) {
    const parts = compiled(out, depth === 0);
    if (parts.length === 1) break;
    let next = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const value = vars[parts[i]];
      if (value === undefined) throw new Error(`Corpus template names an unknown placeholder {${parts[i]}}`);
      next += value + parts[i + 1];
    }
    if (next === out) break;
    out = next;
  }
  return out;
}

/** The placeholders a device fills; all others belong to the record or its variant. */
const CONTEXT_KEYS = ["home", "homeUri", "user", "sid", "version", "uuid", "ts", "pid"] as const;

/**
 * The record with its own and its variant's placeholders filled, leaving only the device's
 * (CONTEXT_KEYS): done once per record and variant, so each event costs one cheap fill.
 */
export function prepare<T extends AnyRecord>(record: T, variant: Variant | undefined): T {
  const vars: Record<string, string> = { ...record.vars, ...variant?.vars };
  for (const key of CONTEXT_KEYS) vars[key] = `{${key}}`;
  const f = (t: string) => fill(t, vars);
  const optional = (t: string | undefined) => (t === undefined ? undefined : f(t));
  return {
    ...record,
    vars: undefined,
    variants: undefined,
    processes: record.processes?.map((p) => ({
      ...p,
      image: f(p.image),
      commandLine: f(p.commandLine),
      company: optional(p.company),
      product: optional(p.product),
      productVersion: optional(p.productVersion),
      parent: optional(p.parent),
    })),
    files: record.files?.map((x) => ({ ...x, path: f(x.path), by: optional(x.by) })),
    inventory: record.inventory?.map((row) => ({
      ...row,
      publisher: f(row.publisher),
      displayName: f(row.displayName),
      cpe: optional(row.cpe),
      version: optional(row.version),
      diskPaths: row.diskPaths?.map(f),
      registryPaths: row.registryPaths?.map(f),
    })),
    agentsInfo: record.agentsInfo && {
      name: f(record.agentsInfo.name),
      vendor: f(record.agentsInfo.vendor),
      relatedProcess: f(record.agentsInfo.relatedProcess),
    },
  };
}

export function separatorOf(os: Os): "\\" | "/" {
  return os === "windows" ? "\\" : "/";
}

/** Splits a full path at its last separator (either slash: some Windows command lines mix them). */
export function splitPath(fullPath: string): { folderPath: string; fileName: string } {
  const at = Math.max(fullPath.lastIndexOf("\\"), fullPath.lastIndexOf("/"));
  return { folderPath: fullPath.slice(0, at), fileName: fullPath.slice(at + 1) };
}

type AnyRecord = FieldRecord | LookAlikeRecord;

/** Every placeholder value for one installation: context, then the record's, then its variant's. */
export function varsFor(
  record: AnyRecord,
  variant: Variant | undefined,
  ctx: RenderContext,
): Record<string, string> {
  const homeUri = ctx.os === "windows" ? ctx.home[0].toLowerCase() + ctx.home.slice(1) : ctx.home;
  return {
    home: ctx.home,
    homeUri,
    user: ctx.user,
    sid: ctx.sid,
    version: ctx.version,
    uuid: ctx.uuid,
    ts: ctx.ts,
    pid: ctx.pid,
    ...record.vars,
    ...variant?.vars,
  };
}

function image(path: string): { fileName: string; folderPath: string } {
  const { fileName } = splitPath(path);
  return { fileName, folderPath: path };
}

export function renderProcess(p: ProcessSighting, vars: Record<string, string>): RenderedProcess {
  const path = fill(p.image, vars);
  return {
    fileName: path.slice(Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/")) + 1),
    folderPath: path,
    commandLine: fill(p.commandLine, vars),
    company: p.company ? fill(p.company, vars) : "",
    product: p.product ? fill(p.product, vars) : "",
    productVersion: p.productVersion ? fill(p.productVersion, vars) : "",
    parent: p.parent ? image(fill(p.parent, vars)) : undefined,
  };
}

export function renderFile(f: FileSighting, vars: Record<string, string>): RenderedFile {
  return { ...splitPath(fill(f.path, vars)), by: f.by ? image(fill(f.by, vars)) : undefined };
}

export function renderInventory(record: AnyRecord, vars: Record<string, string>): RenderedInventory[] {
  return (record.inventory ?? []).map((row) => {
    const cpe = row.cpe ? fill(row.cpe, vars) : "";
    const [cpeVendor, cpeProduct] = cpe ? cpe.split(":") : [];
    return {
      vendor: cpeVendor ?? defenderToken(fill(row.publisher, vars)),
      name: cpeProduct ?? defenderToken(fill(row.displayName, vars)),
      cpe: cpe !== "",
      version: fill(row.version ?? "{version}", vars),
      diskPaths: (row.diskPaths ?? []).map((p) => fill(p, vars)),
      registryPaths: (row.registryPaths ?? []).map((p) => fill(p, vars)),
    };
  });
}

export function renderAgentsInfo(info: AgentsInfoSighting, vars: Record<string, string>): AgentsInfoSighting {
  return {
    name: fill(info.name, vars),
    vendor: fill(info.vendor, vars),
    relatedProcess: fill(info.relatedProcess, vars),
  };
}

export function processesAt(record: AnyRecord, when: Moment): readonly ProcessSighting[] {
  return (record.processes ?? []).filter((p) => p.when === when);
}

export function filesAt(record: AnyRecord, when: Moment): readonly FileSighting[] {
  return (record.files ?? []).filter((f) => f.when === when);
}

const VERSION_MARK = "\u0001version\u0001";

/** Whether a template, once filled, shows the installed version (a versioned folder, a product version…). */
export function showsVersion(template: string | undefined, vars: Record<string, string>): boolean {
  return template !== undefined && fill(template, { ...vars, version: VERSION_MARK }).includes(VERSION_MARK);
}

export function processShowsVersion(p: ProcessSighting, vars: Record<string, string>): boolean {
  return (
    showsVersion(p.image, vars) || showsVersion(p.commandLine, vars) || showsVersion(p.productVersion, vars)
  );
}

export type { BrowserSighting };
