/**
 * Detections of one sync folded into one observation per installation (device, agent, user, channel),
 * the shape reconciliation compares with what is stored. Pure.
 */
import type { Detection } from "../detection";
import { EvidenceSource, InstallationChannel, InstallationStatus } from "../model/enums";
import type { EvidenceRecord } from "../model/installation.entity";
import { naturalKey, type ObservedInstallation, type StoredInstallation } from "./reconcile";

/** A detection once its device and user are resolved: what is kept of it for the rest of the sync. */
export type Sighting = Omit<Detection, "device" | "user">;

export interface ResolvedDetection {
  detection: Sighting;
  deviceId: string;
  userId: string | null;
}

/** A sighting with the Defender device id and raw user reference key it was seen under. */
export interface LocatedSighting {
  sighting: Sighting;
  defenderId: string;
  userKey: string | null;
}

/**
 * Folds a sighting into `into` by (source, device, agent, channel, host, user, removed): pages and
 * shards that report the same installation collapse into one, keeping the strongest evidence.
 */
export function addSighting(into: Map<string, LocatedSighting>, located: LocatedSighting): void {
  const { sighting } = located;
  const key = [
    sighting.evidence.source,
    located.defenderId,
    sighting.agentKey,
    sighting.channel,
    sighting.hostIde ?? "",
    located.userKey ?? "",
    sighting.removed ? "removed" : "",
  ].join("|");
  const previous = into.get(key)?.sighting;
  if (!previous) {
    into.set(key, located);
    return;
  }
  if (sighting.evidence.confidence > previous.evidence.confidence) previous.evidence = sighting.evidence;
  if (
    sighting.version &&
    (!previous.version || compareVersionStrings(sighting.version, previous.version) > 0)
  )
    previous.version = sighting.version;
  if (sighting.firstSeenAt && (!previous.firstSeenAt || sighting.firstSeenAt < previous.firstSeenAt))
    previous.firstSeenAt = sighting.firstSeenAt;
  if (sighting.lastSeenAt && (!previous.lastSeenAt || sighting.lastSeenAt > previous.lastSeenAt))
    previous.lastSeenAt = sighting.lastSeenAt;
}

/** Whose version wins when sources disagree: the inventories report installed versions exactly. */
const VERSION_PRIORITY: EvidenceSource[] = [
  EvidenceSource.SOFTWARE_INVENTORY,
  EvidenceSource.AGENTS_INFO,
  EvidenceSource.BROWSER_EXTENSIONS,
  EvidenceSource.PROCESS_EVENTS,
  EvidenceSource.FILE_EVENTS,
];

export function observeInstallations(
  detections: ResolvedDetection[],
  stored: StoredInstallation[],
  agentIds: ReadonlyMap<string, string>,
  now: Date,
): ObservedInstallation[] {
  const attributed = attributeUnownedInstallations(detections, stored, agentIds);
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
    const firstSeen = live.map((d) => d.firstSeenAt?.getTime()).filter((t): t is number => t !== undefined);
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
  stored: StoredInstallation[],
  agentIds: ReadonlyMap<string, string>,
): ResolvedDetection[] {
  const owners = new Map<string, Set<string>>();
  const note = (deviceId: string, agentId: string, channel: string, userId: string | null) => {
    if (!userId) return;
    const key = `${deviceId}|${agentId}|${channel}`;
    const set = owners.get(key) ?? new Set();
    set.add(userId);
    owners.set(key, set);
  };
  for (const s of stored)
    if (s.status === InstallationStatus.ACTIVE) note(s.deviceId, s.agentId, s.channel, s.userId);
  for (const d of detections) {
    const agentId = agentIds.get(d.detection.agentKey);
    if (agentId && !d.detection.removed) note(d.deviceId, agentId, d.detection.channel, d.userId);
  }
  return detections.map((d) => {
    if (d.userId) return d;
    const set = owners.get(`${d.deviceId}|${agentIds.get(d.detection.agentKey)}|${d.detection.channel}`);
    return set?.size === 1 ? { ...d, userId: [...set][0] } : d;
  });
}

/**
 * Detections that still show the installation: removal evidence (AgentsInfo Deleted, files deleted)
 * outweighs event sightings older than it, while inventory rows (no time stamp) are current state.
 */
function liveDetections(detections: Sighting[]): Sighting[] {
  const removedAt = Math.max(
    ...detections.filter((d) => d.removed).map((d) => d.lastSeenAt?.getTime() ?? Infinity),
    -Infinity,
  );
  return detections.filter(
    (d) => !d.removed && (d.lastSeenAt === undefined || d.lastSeenAt.getTime() > removedAt),
  );
}

function versionOf(detections: Sighting[]): string | null {
  for (const source of VERSION_PRIORITY) {
    const versions = detections
      .filter((d) => d.evidence.source === source && d.version)
      .map((d) => d.version!);
    if (versions.length) return versions.sort(compareVersionStrings).at(-1)!;
  }
  return null;
}

/** The strongest detection per source becomes that source's evidence record. */
function evidenceOf(detections: Sighting[], now: Date): EvidenceRecord[] {
  const best = new Map<string, Sighting>();
  for (const d of detections) {
    const current = best.get(d.evidence.source);
    if (!current || d.evidence.confidence > current.evidence.confidence) best.set(d.evidence.source, d);
  }
  return [...best.values()]
    .map((d) => {
      const { catalogVersion = "", ...identifiers } = d.evidence.identifiers;
      return {
        source: d.evidence.source as EvidenceSource,
        identifiers,
        confidence: d.evidence.confidence,
        catalogVersion,
        firstSeenAt: (d.firstSeenAt ?? now).toISOString(),
        lastSeenAt: (d.lastSeenAt ?? now).toISOString(),
      };
    })
    .sort((a, b) => a.source.localeCompare(b.source));
}

/** Numeric-aware comparison ("1.10" after "1.9"), enough to pick the newest of a few versions. */
const compareVersionStrings = new Intl.Collator("en", { numeric: true }).compare;
