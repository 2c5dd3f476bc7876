// Building and de-duplicating detections; shared by every matcher.
import { CATALOG_VERSION } from "./catalog";
import { LOOKUP } from "./lookup";
import { accountFromPath, compareVersions } from "./paths";
import type { Channel, Detection, DeviceRef, EvidenceSource, UserRef } from "./types";

export interface DetectionFields {
  hostIde?: string;
  version: string | null;
  device: DeviceRef;
  user: UserRef | null;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
  removed?: boolean;
  channelCandidates?: Channel[];
  useDays?: number[];
  lastUsedAt?: Date;
}

export function makeDetection(
  agentKey: string,
  channel: Channel,
  source: EvidenceSource,
  identifiers: Record<string, string | null | undefined>,
  confidence: number,
  fields: DetectionFields,
): Detection {
  const ids: Record<string, string> = {};
  for (const [k, v] of Object.entries(identifiers)) if (v) ids[k] = v;
  ids.catalogVersion = CATALOG_VERSION;
  const detection: Detection = {
    agentKey,
    channel,
    ...fields,
    device: compact(fields.device),
    user: fields.user && compact(fields.user),
    evidence: { source, identifiers: ids, confidence },
  };
  const optional = [
    "hostIde",
    "firstSeenAt",
    "lastSeenAt",
    "removed",
    "channelCandidates",
    "useDays",
    "lastUsedAt",
  ] as const;
  for (const key of optional) {
    if (detection[key] === undefined) delete detection[key];
  }
  return detection;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}

function userKey(user: UserRef | null): string {
  if (!user) return "";
  const name = user.accountName ? `${user.accountDomain ?? ""}\\${user.accountName}` : "";
  return (user.upn ?? (name || user.sid) ?? "").toLowerCase();
}

/** Identifies one installation as one source sees it. */
export function installationKey(d: Detection): string {
  const { machineId = "", aadDeviceId = "", deviceName = "" } = d.device;
  const device = (machineId || aadDeviceId || deviceName).toLowerCase();
  return [d.evidence.source, device, d.agentKey, d.channel, d.hostIde ?? "", userKey(d.user)].join("|");
}

/**
 * One detection per (source, device, agent, channel, host IDE, user): several rows for the same
 * installation (versions, folders, AgentIds) collapse into the newest state, the strongest evidence,
 * and the version of the newest row that shows one, a main extension's before a companion's.
 */
export function mergeDetections(detections: Detection[]): Detection[] {
  const groups = new Map<string, Detection[]>();
  for (const d of detections) {
    const key = installationKey(d);
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()].map((group) => (group.length === 1 ? group[0] : combine(group)));
}

function combine(group: Detection[]): Detection {
  const newest = group.reduce((a, b) => (isNewer(b, a) ? b : a));
  const strongest = group.reduce((a, b) => (b.evidence.confidence > a.evidence.confidence ? b : a));
  const versioned = group.filter((d) => d.version);
  const own = versioned.filter((d) => !isCompanion(d));
  const pool = own.length ? own : versioned;
  const version = pool.length ? pool.reduce((a, b) => (isNewer(b, a) ? b : a)).version : null;
  const result: Detection = { ...newest, version, evidence: strongest.evidence };
  // Evidence that says how the agent is installed settles what evidence that does not say leaves open.
  if (group.some((d) => !d.channelCandidates)) delete result.channelCandidates;
  const first = group.reduce<Date | undefined>((t, d) => minDate(t, d.firstSeenAt), undefined);
  const last = group.reduce<Date | undefined>((t, d) => maxDate(t, d.lastSeenAt), undefined);
  if (first) result.firstSeenAt = first;
  if (last) result.lastSeenAt = last;
  const used = group.filter((d) => d.useDays);
  delete result.useDays;
  delete result.lastUsedAt;
  if (used.length) {
    result.useDays = [...new Set(used.flatMap((d) => d.useDays!))].sort((a, b) => a - b);
    result.lastUsedAt = used.reduce<Date | undefined>((t, d) => maxDate(t, d.lastUsedAt), undefined);
  }
  return result;
}

/** Evidence of a companion add-on (GitHub Copilot Chat beside GitHub Copilot): its version is its own. */
function isCompanion(d: Detection): boolean {
  const signal = d.evidence.identifiers.signal ?? "";
  return signal.startsWith("extension:") && LOOKUP.extensions.get(signal.slice(10))?.main === false;
}

function isNewer(b: Detection, a: Detection): boolean {
  const bt = b.lastSeenAt?.getTime() ?? 0;
  const at = a.lastSeenAt?.getTime() ?? 0;
  if (bt !== at) return bt > at;
  return !!b.version && (!a.version || compareVersions(b.version, a.version) > 0);
}

function minDate(a?: Date, b?: Date): Date | undefined {
  return a && b ? (a < b ? a : b) : (a ?? b);
}

function maxDate(a?: Date, b?: Date): Date | undefined {
  return a && b ? (a > b ? a : b) : (a ?? b);
}

/** Hunting results give datetimes as ISO strings. */
export function toDate(value: string | Date | undefined | null): Date | undefined {
  if (!value) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Dynamic columns arrive as JSON values or, from some clients, as JSON text. */
export function toList(value: unknown): string[] {
  const parsed = typeof value === "string" && value.startsWith("[") ? safeJson(value) : value;
  if (Array.isArray(parsed)) return parsed.filter((v): v is string => typeof v === "string" && v !== "");
  return typeof parsed === "string" && parsed ? [parsed] : [];
}

export function toObject(value: unknown): Record<string, unknown> {
  const parsed = typeof value === "string" ? safeJson(value) : value;
  return parsed && typeof parsed === "object" && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function highestVersion(versions: string[]): string | null {
  return versions.reduce<string | null>(
    (best, v) => (!best || compareVersions(v, best) > 0 ? v : best),
    null,
  );
}

const SYSTEM_ACCOUNTS = new Set(["system", "local service", "network service", ""]);

/**
 * The user of an event: the event's account, unless the file or process lives in another user's
 * profile (installers often run as SYSTEM or an admin), then the profile owner.
 */
export function eventUser(account: UserRef, rawPath: string): UserRef | null {
  const owner = accountFromPath(rawPath);
  const name = account.accountName?.toLowerCase() ?? "";
  const hasAccount = !SYSTEM_ACCOUNTS.has(name) || !!account.upn;
  if (owner && (!hasAccount || (name && name !== owner.toLowerCase()))) return { accountName: owner };
  if (!hasAccount) return null;
  const user: UserRef = {};
  for (const key of ["upn", "accountName", "accountDomain", "sid"] as const)
    if (account[key]) user[key] = account[key];
  return user;
}
