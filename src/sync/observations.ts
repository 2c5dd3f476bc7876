/**
 * Detections of one sync folded into one observation per installation (device, agent, user, channel),
 * the shape reconciliation compares with what is stored. Pure.
 */
import type { Detection } from "../detection";
import { EvidenceSource, InstallationChannel } from "../model/enums";
import type { EvidenceRecord } from "../model/installation.entity";
import type { StringPool } from "./detach";
import type { InstallationOwner } from "../store";
import { naturalKey, type ObservedInstallation, type ObservedUse } from "./reconcile";

/**
 * What a sync keeps of a detection once its device and user are known: one flat object of a fixed
 * shape, strings from a pool, times as epoch milliseconds. A 100,000-device fleet yields some 300,000
 * of them, so each byte here is 300 KB of the sync's memory.
 */
export interface Sighting {
  agentKey: string;
  channel: string;
  hostIde: string | null;
  version: string | null;
  source: EvidenceSource;
  confidence: number;
  /** The raw values that matched (shared with the evidence record written). */
  identifiers: Record<string, string>;
  catalogVersion: string;
  /** Epoch ms, NaN when the source has no time (inventories report current state). */
  firstSeenAt: number;
  lastSeenAt: number;
  removed: boolean;
  /** The channels the source may stand for when it did not say (see `Detection.channelCandidates`). */
  channelCandidates: readonly string[] | null;
  /** UTC day numbers with use (src/detection/activity.ts), null when it shows none; epoch ms of its newest. */
  useDays: number[] | null;
  lastUsedAt: number;
  /** The Defender id of the device it was seen on. */
  defenderId: string;
  /** The user reference key (UserDirectory), if the source named a person. */
  userKey: string | null;
}

/** A detection's kept form; `pool` holds one copy of each string, detached from the page it came from. */
export function toSighting(
  detection: Detection,
  defenderId: string,
  userKey: string | null,
  pool: StringPool,
): Sighting {
  const identifiers: Record<string, string> = {};
  let catalogVersion = "";
  for (const [key, value] of Object.entries(detection.evidence.identifiers)) {
    if (key === "catalogVersion") catalogVersion = pool.intern(value);
    else identifiers[pool.intern(key)] = pool.intern(value);
  }
  return {
    agentKey: pool.intern(detection.agentKey),
    channel: pool.intern(detection.channel),
    hostIde: pool.intern(detection.hostIde ?? null),
    version: pool.intern(detection.version),
    source: detection.evidence.source as EvidenceSource,
    confidence: detection.evidence.confidence,
    identifiers,
    catalogVersion,
    firstSeenAt: detection.firstSeenAt?.getTime() ?? NaN,
    lastSeenAt: detection.lastSeenAt?.getTime() ?? NaN,
    removed: detection.removed === true,
    channelCandidates: detection.channelCandidates ?? null,
    useDays: detection.useDays ?? null,
    lastUsedAt: detection.lastUsedAt?.getTime() ?? NaN,
    defenderId,
    userKey,
  };
}

export interface ResolvedDetection {
  detection: Sighting;
  deviceId: string;
  userId: string | null;
}

/**
 * The sightings of one sync, folded by (source, device, agent, channel, host, user, removed): pages and
 * shards that report the same installation collapse into one, keeping the strongest evidence. A
 * sighting that does not name its IDE (an extension's config file outside any IDE profile) joins one
 * that does. Held per device (a handful each) rather than under composite string keys, which would
 * cost ~100 bytes apiece.
 */
export class Sightings {
  private readonly byDevice = new Map<string, Sighting[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(sighting: Sighting): void {
    const list = this.byDevice.get(sighting.defenderId);
    const previous = list?.find((p) => sameFold(p, sighting));
    if (!previous) {
      // A new list of exact size: a device has a handful, and a pushed-to array reserves 17 slots.
      this.byDevice.set(sighting.defenderId, list ? [...list, sighting] : [sighting]);
      this.count++;
      return;
    }
    if (sighting.confidence > previous.confidence) {
      previous.confidence = sighting.confidence;
      previous.identifiers = sighting.identifiers;
      previous.catalogVersion = sighting.catalogVersion;
    }
    if (
      sighting.version &&
      (!previous.version || compareVersionStrings(sighting.version, previous.version) > 0)
    )
      previous.version = sighting.version;
    previous.hostIde ??= sighting.hostIde;
    if (!sighting.channelCandidates) previous.channelCandidates = null;
    // A missing time (NaN) never wins and is always replaced.
    if (sighting.firstSeenAt < previous.firstSeenAt || Number.isNaN(previous.firstSeenAt))
      previous.firstSeenAt = sighting.firstSeenAt;
    if (sighting.lastSeenAt > previous.lastSeenAt || Number.isNaN(previous.lastSeenAt))
      previous.lastSeenAt = sighting.lastSeenAt;
    if (sighting.useDays) previous.useDays = unionOfDays(previous.useDays, sighting.useDays);
    if (sighting.lastUsedAt > previous.lastUsedAt || Number.isNaN(previous.lastUsedAt))
      previous.lastUsedAt = sighting.lastUsedAt;
  }

  /** Every sighting, each device's once its inferred channels are settled (`settleInferredChannels`). */
  *values(): Generator<Sighting> {
    for (const list of this.byDevice.values()) yield* settleInferredChannels(list);
  }

  /** One device's sightings, settled as `values` gives them, and no longer held. */
  take(defenderId: string): Sighting[] {
    const list = this.byDevice.get(defenderId);
    if (!list) return [];
    this.byDevice.delete(defenderId);
    this.count -= list.length;
    return settleInferredChannels(list);
  }

  clear(): void {
    this.byDevice.clear();
    this.count = 0;
  }
}

/**
 * A sighting whose source named the agent but not how it is installed (AgentsInfo's "Goose", a data
 * folder the CLI and the IDE extension share) belongs to the installation the device's other sources
 * show, when they show the agent one way only and that way is one it may stand for: the same install
 * seen twice is one installation.
 */
function settleInferredChannels(list: Sighting[]): Sighting[] {
  if (!list.some((s) => s.channelCandidates)) return list;
  return list.map((s) => {
    if (!s.channelCandidates) return s;
    const others = list.filter((o) => !o.channelCandidates && o.agentKey === s.agentKey);
    const channels = new Set(others.map((o) => o.channel));
    const [channel] = channels;
    if (channels.size !== 1 || channel === s.channel || !s.channelCandidates.includes(channel)) return s;
    const hosts = new Set(others.map((o) => o.hostIde));
    return { ...s, channel, hostIde: hosts.size === 1 ? others[0].hostIde : null, channelCandidates: null };
  });
}

function sameFold(a: Sighting, b: Sighting): boolean {
  return (
    a.source === b.source &&
    a.agentKey === b.agentKey &&
    a.channel === b.channel &&
    (a.hostIde === b.hostIde || a.hostIde === null || b.hostIde === null) &&
    a.userKey === b.userKey &&
    a.removed === b.removed
  );
}

/**
 * Whose version wins when sources disagree: the inventories report installed versions exactly; event
 * sources together give the newest version they show (an upgrade's new folder outranks last week's
 * launches of the old one).
 */
const VERSION_PRIORITY: EvidenceSource[][] = [
  [EvidenceSource.SOFTWARE_INVENTORY],
  [EvidenceSource.AGENTS_INFO],
  [EvidenceSource.BROWSER_EXTENSIONS],
  [EvidenceSource.PROCESS_EVENTS, EvidenceSource.FILE_EVENTS],
];

export function observeInstallations(
  detections: ResolvedDetection[],
  owners: InstallationOwner[],
  agentIds: ReadonlyMap<string, string>,
  now: Date,
): ObservedInstallation[] {
  const attributed = attributeUnownedInstallations(detections, owners, agentIds);
  const groups = new Map<string, ResolvedDetection[]>();
  for (const item of attributed) {
    const agentId = agentIds.get(item.detection.agentKey);
    if (!agentId) continue;
    const key = naturalKey({ ...item, agentId, channel: item.detection.channel as InstallationChannel });
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const observed: ObservedInstallation[] = [];
  for (const group of groups.values()) {
    const { deviceId, userId, detection } = group[0];
    const live = liveDetections(group.map((g) => g.detection));
    const firstSeen = live.map((d) => d.firstSeenAt).filter((t) => !Number.isNaN(t));
    observed.push({
      deviceId,
      userId,
      agentId: agentIds.get(detection.agentKey)!,
      channel: detection.channel as InstallationChannel,
      hostIdes: [...new Set(live.flatMap((d) => (d.hostIde ? [d.hostIde] : [])))].sort(),
      version: versionOf(live),
      evidence: evidenceOf(live, now),
      removed: live.length === 0,
      firstSeenAt: firstSeen.length ? new Date(Math.min(...firstSeen)) : null,
      use: useOf(live),
    });
  }
  return observed;
}

/**
 * Some sources cannot tell whose an installation is (a machine-wide install folder, a browser
 * extension row). When exactly one person is otherwise known to have the agent on that device, the
 * installation is theirs; otherwise it stays unattributed.
 */
function attributeUnownedInstallations(
  detections: ResolvedDetection[],
  owners: InstallationOwner[],
  agentIds: ReadonlyMap<string, string>,
): ResolvedDetection[] {
  const known = new Map<string, Set<string>>();
  const note = (deviceId: string, agentId: string, channel: string, userId: string | null) => {
    if (!userId) return;
    const key = `${deviceId}|${agentId}|${channel}`;
    const set = known.get(key) ?? new Set();
    set.add(userId);
    known.set(key, set);
  };
  for (const o of owners) note(o.deviceId, o.agentId, o.channel, o.userId);
  for (const d of detections) {
    const agentId = agentIds.get(d.detection.agentKey);
    if (agentId && !d.detection.removed) note(d.deviceId, agentId, d.detection.channel, d.userId);
  }
  return detections.map((d) => {
    if (d.userId) return d;
    const set = known.get(`${d.deviceId}|${agentIds.get(d.detection.agentKey)}|${d.detection.channel}`);
    return set?.size === 1 ? { ...d, userId: [...set][0] } : d;
  });
}

/**
 * Detections that still show the installation: removal evidence (AgentsInfo Deleted, files deleted)
 * outweighs event sightings older than it, while inventory rows (no time stamp) are current state.
 */
function liveDetections(detections: Sighting[]): Sighting[] {
  const removedAt = Math.max(
    ...detections.filter((d) => d.removed).map((d) => (Number.isNaN(d.lastSeenAt) ? Infinity : d.lastSeenAt)),
    -Infinity,
  );
  return detections.filter((d) => !d.removed && (Number.isNaN(d.lastSeenAt) || d.lastSeenAt > removedAt));
}

/** The use the installation's detections show together (src/sync/activity.ts settles it). */
function useOf(detections: Sighting[]): ObservedUse | null {
  let days: number[] | null = null;
  let last = NaN;
  for (const d of detections) {
    if (!d.useDays) continue;
    days = unionOfDays(days, d.useDays);
    if (d.lastUsedAt > last || Number.isNaN(last)) last = d.lastUsedAt;
  }
  return days && !Number.isNaN(last) ? { days, lastUsedAt: new Date(last) } : null;
}

function unionOfDays(a: number[] | null, b: number[]): number[] {
  return a ? [...new Set([...a, ...b])].sort((x, y) => x - y) : b;
}

function versionOf(detections: Sighting[]): string | null {
  for (const sources of VERSION_PRIORITY) {
    const versions = detections.filter((d) => sources.includes(d.source) && d.version).map((d) => d.version!);
    if (versions.length) return versions.sort(compareVersionStrings).at(-1)!;
  }
  return null;
}

/**
 * The strongest detection per source becomes that source's evidence record, spanning the first and
 * the newest time the source saw the installation (reconciliation weighs the newest against removals).
 */
function evidenceOf(detections: Sighting[], now: Date): EvidenceRecord[] {
  const bySource = new Map<string, { best: Sighting; first: number; last: number }>();
  for (const d of detections) {
    const current = bySource.get(d.source);
    if (!current) bySource.set(d.source, { best: d, first: d.firstSeenAt, last: d.lastSeenAt });
    else {
      if (d.confidence > current.best.confidence) current.best = d;
      // A missing time (NaN) never wins and is always replaced.
      if (d.firstSeenAt < current.first || Number.isNaN(current.first)) current.first = d.firstSeenAt;
      if (d.lastSeenAt > current.last || Number.isNaN(current.last)) current.last = d.lastSeenAt;
    }
  }
  const nowIso = now.toISOString();
  const iso = (time: number) => (Number.isNaN(time) ? nowIso : new Date(time).toISOString());
  return [...bySource.values()]
    .map(({ best, first, last }) => ({
      source: best.source,
      identifiers: best.identifiers,
      confidence: best.confidence,
      catalogVersion: best.catalogVersion,
      firstSeenAt: iso(first),
      lastSeenAt: iso(last),
    }))
    .sort((a, b) => a.source.localeCompare(b.source));
}

/** Numeric-aware comparison ("1.10" after "1.9"), enough to pick the newest of a few versions. */
const compareVersionStrings = new Intl.Collator("en", { numeric: true }).compare;
