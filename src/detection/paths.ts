// Path and command-line helpers: segment-anchored matching in either slash direction, argument
// splitting, user and version extraction.
import type { UserRef } from "./types";

/**
 * Lowercase, "/"-separated, wrapped in "/" so patterns match whole segments with `includes`; "." and
 * ".." segments are resolved (npm's Windows shims run `%dp0%\..\<package>\…`).
 */
export function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.toLowerCase().split(/[\\/]+/)) {
    if (segment === "..") segments.pop();
    else if (segment && segment !== ".") segments.push(segment);
  }
  return `/${segments.join("/")}/`;
}

const patternCache = new Map<string, RegExp>();

/**
 * `pattern` is "/"-separated consecutive segments; a segment ending in "*" matches a segment prefix
 * ("python*" matches "python312").
 */
export function pathHas(normalized: string, pattern: string): boolean {
  let regex = patternCache.get(pattern);
  if (!regex) {
    const segments = pattern
      .toLowerCase()
      .split("/")
      .map((s) => (s.endsWith("*") ? `${escapeRegex(s.slice(0, -1))}[^/]*` : `${escapeRegex(s)}(?=/)`));
    regex = new RegExp(`/${segments.join("/")}`);
    patternCache.set(pattern, regex);
  }
  return regex.test(normalized);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The path with `fileName` appended unless the path already ends with it (FolderPath varies by table). */
export function joinFile(folderPath: string, fileName: string | undefined): string {
  const normalized = normalizePath(folderPath);
  if (!fileName) return normalized;
  const name = fileName.toLowerCase();
  return normalized.endsWith(`/${name}/`) ? normalized : `${normalized}${name}/`;
}

/** Ends a path segment inside a command line: a slash, whitespace, a quote or an option's "=". */
const SEGMENT_END = /[/\s"'=;,]/;

/** Where the segment starting at `from` ends in `text` (a normalized path or command line). */
export function segmentEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length && !SEGMENT_END.test(text[at])) at++;
  return at;
}

/** A path segment followed by "..", inside a command line. */
const PARENT_STEP = /\/(?!\.\.\/)[^/\s"'=]+\/\.\.(?=[/\s"']|$)/g;

/**
 * A command line lowercased with forward slashes, so paths in it compare like normalized paths:
 * doubled slashes and "." segments collapse, and "<segment>/.." steps are resolved.
 */
export function normalizeCommandLine(commandLine: string): string {
  let text = commandLine
    .toLowerCase()
    .replaceAll("\\", "/")
    .replace(/\/(?:\.?\/)+/g, "/");
  for (let previous = ""; previous !== text;) {
    previous = text;
    text = text.replace(PARENT_STEP, "");
  }
  return text;
}

/** Arguments of a normalized command line, unquoted: enough to find the program and what it runs. */
export function commandLineArgs(normalized: string): string[] {
  const args: string[] = [];
  for (const match of normalized.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g))
    args.push(match[1] ?? match[2] ?? match[3]);
  return args;
}

const EXECUTABLE_SUFFIX = /\.(exe|cmd|bat|ps1|js|cjs|mjs|py|pyw|sh|rb)$/;

/** The last path segment of an argument, without an executable or script extension. */
export function baseName(arg: string): string {
  const name = arg.slice(arg.lastIndexOf("/") + 1);
  return name.replace(EXECUTABLE_SUFFIX, "");
}

/** The folder an argument's file is in (its parent segment), "" for a bare name. */
export function parentName(arg: string): string {
  const end = arg.lastIndexOf("/");
  if (end < 0) return "";
  return arg.slice(arg.lastIndexOf("/", end - 1) + 1, end);
}

const PROFILE_PATTERNS = [
  /^[a-z]:[\\/]+users[\\/]+([^\\/]+)[\\/]/i,
  /^\/users\/([^/]+)\//i,
  /^\/home\/([^/]+)\//i,
];
/** Profiles no person owns; /home/linuxbrew is Homebrew's shared prefix on Linux (docs.brew.sh/Homebrew-on-Linux). */
const SHARED_PROFILES = new Set(["public", "default", "default user", "all users", "shared", "linuxbrew"]);

/** A normalized path's home folder (`/c:/users/<acct>/`, `/users/<acct>/`, `/home/<acct>/`, `/root/`). */
const HOME = /^\/(?:[a-z]:\/users\/[^/]+|users\/[^/]+|home\/[^/]+|root)\//;

/** A normalized path relative to its user's home folder ("/" ended), or undefined outside any home. */
export function homeRelative(normalized: string): string | undefined {
  const home = HOME.exec(normalized);
  return home ? normalized.slice(home[0].length) : undefined;
}

/** The account owning a per-user install path (`C:\Users\<acct>\…`, `/Users/<acct>/…`, `/home/<acct>/…`). */
export function accountFromPath(path: string): string | undefined {
  for (const pattern of PROFILE_PATTERNS) {
    const account = pattern.exec(path)?.[1];
    if (account) return SHARED_PROFILES.has(account.toLowerCase()) ? undefined : account;
  }
  return undefined;
}

/** The user SID of a per-user registry path (`HKEY_USERS\<sid>\…`); well-known service SIDs excluded. */
function sidFromRegistryPath(path: string): string | undefined {
  return /^HKEY_USERS\\(S-1-5-21-[\d-]+?)(?:_Classes)?\\/i.exec(path)?.[1];
}

/** Users owning the install paths of one software row; one UserRef per distinct account. */
export function usersFromInstallPaths(diskPaths: string[] = [], registryPaths: string[] = []): UserRef[] {
  const accounts = unique(diskPaths.map(accountFromPath));
  const sids = unique(registryPaths.map(sidFromRegistryPath));
  // A SID can only be paired with an account name when each is unambiguous.
  if (accounts.length === 1 && sids.length === 1) return [{ accountName: accounts[0], sid: sids[0] }];
  if (accounts.length > 0) return accounts.map((accountName) => ({ accountName }));
  return sids.map((sid) => ({ sid }));
}

function unique(values: (string | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (v && !seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return [...seen.values()];
}

/** A dotted numeric version and its pre-release or build suffix ("2025.11.25-d5b3271", "0.1.11-beta"). */
const VERSION = /^v?(\d+(?:\.\d+)+(?:-[0-9a-z][0-9a-z.]*)?)/;

/** The dotted numeric version a path segment or package spec starts with, if any. */
export function leadingVersion(text: string): string | null {
  return VERSION.exec(text)?.[1] ?? null;
}

/** `versions/<v>` under these belongs to a language runtime (pyenv), never to the program run. */
const RUNTIME_VERSION_ROOTS = new Set([".pyenv", "pyenv-win", "pyenv", ".rbenv", ".nodenv"]);

/**
 * A version from the layout of the agent's own install folder: `versions/<ver>` (native installers
 * keep one folder per version) or Squirrel's `app-<ver>`. Callers pass the path of the agent's own
 * executable, never an interpreter's.
 */
export function versionFromPath(normalized: string): string | null {
  const segments = normalized.split("/");
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    if (segments[i - 1] === "versions" && !RUNTIME_VERSION_ROOTS.has(segments[i - 2])) {
      const v = leadingVersion(segment);
      if (v) return v;
    }
    if (segment.startsWith("app-")) {
      const v = leadingVersion(segment.slice(4));
      if (v) return v;
    }
  }
  return null;
}

/**
 * Splits an extension folder name `publisher.name-1.2.3[-platform]` into id and version, the way
 * VS Code names the folders it installs to; a name without a version is all id.
 */
export function parseExtensionFolder(folder: string): { id: string; version: string | null } {
  const split = /^([^.]+\..+)-(\d+\.\d+\.\d+)(?:-(.+))?$/.exec(folder);
  return split ? { id: split[1], version: split[2] } : { id: folder, version: null };
}

/** Compares dotted numeric versions; non-numeric parts compare as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-+]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.\-+]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
