// Path helpers: segment-anchored matching in either slash direction, user and version extraction.
import type { UserRef } from "./types";

/** Lowercase, "/"-separated, wrapped in "/" so patterns match whole segments with `includes`. */
function normalizePath(path: string): string {
  const segments = path
    .toLowerCase()
    .split(/[\\/]+/)
    .filter(Boolean);
  return `/${segments.join("/")}/`;
}

/** `pattern` is "/"-separated segments; a trailing "*" matches a segment prefix. */
export function pathHas(normalized: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  return p.endsWith("*") ? normalized.includes(`/${p.slice(0, -1)}`) : normalized.includes(`/${p}/`);
}

/** The path with `fileName` appended unless the path already ends with it (FolderPath varies by table). */
export function joinFile(folderPath: string, fileName: string | undefined): string {
  const normalized = normalizePath(folderPath);
  if (!fileName) return normalized;
  const name = fileName.toLowerCase();
  return normalized.endsWith(`/${name}/`) ? normalized : `${normalized}${name}/`;
}

const PROFILE_PATTERNS = [
  /^[a-z]:[\\/]+users[\\/]+([^\\/]+)[\\/]/i,
  /^\/users\/([^/]+)\//i,
  /^\/home\/([^/]+)\//i,
];
const SHARED_PROFILES = new Set(["public", "default", "default user", "all users", "shared"]);

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

const VERSION = /^v?(\d+(?:\.\d+)+)/;

/** A version taken from the folder layout: Squirrel `app-<ver>`, `versions/<ver>`, `<name>-<ver>`. */
export function versionFromPath(normalized: string): string | null {
  const segments = normalized.split("/");
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segments[i - 1] === "versions") {
      const v = VERSION.exec(segment)?.[1];
      if (v) return v;
    }
    if (segment.startsWith("app-")) {
      const v = VERSION.exec(segment.slice(4))?.[1];
      if (v) return v;
    }
  }
  return null;
}

/** Splits an extension folder name `publisher.name-1.2.3[-platform]` into id and version. */
export function parseExtensionFolder(folder: string): { id: string; version: string | null } {
  const split = /^(.+?)-(\d[^/]*)$/.exec(folder);
  if (!split) return { id: folder, version: null };
  return { id: split[1], version: VERSION.exec(split[2])?.[1] ?? (/^\d+$/.test(split[2]) ? split[2] : null) };
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
