/**
 * Reconciliation: what a sync observed against the installations already stored, as a pure function.
 * It decides inserts, changes, last-seen stamps and the change feed's events. It alone decides what a
 * sync may remove, per source (Cartography's rule: cleanup only after a complete read of that source):
 * an installation is removed only when every source that evidenced it was read to the end, whatever
 * happened to the others; and the newest evidence wins: a sighting older than what says the
 * installation is gone does not keep it.
 */
import {
  EvidenceSource,
  InstallationChannel,
  InstallationEventType,
  InstallationStatus,
  SyncMode,
} from "../model/enums";
import type { EvidenceRecord } from "../model/installation.entity";
import type { EventWrite, InstallationState } from "../store";

/** One installation as this sync saw it, merged over all sources and detections. */
export interface ObservedInstallation {
  deviceId: string;
  agentId: string;
  userId: string | null;
  channel: InstallationChannel;
  hostIdes: string[];
  version: string | null;
  /** Evidence per source; a source whose every detection said "removed" is absent here. */
  evidence: EvidenceRecord[];
  /** True when the only evidence is removal evidence (AgentsInfo Deleted/Uninstalled, deleted files). */
  removed: boolean;
  firstSeenAt: Date | null;
  /** Use evidence, when any (settled apart from reconciliation: src/sync/activity.ts). */
  use?: ObservedUse | null;
}

/** UTC day numbers with use, and the newest use. */
export interface ObservedUse {
  days: number[];
  lastUsedAt: Date;
}

/** An installation as the store holds it: what reconciliation reads, and writes back. */
export type StoredInstallation = InstallationState;

/**
 * One read of a sync (a page set, an export, one hunting shard) and the evidence source it feeds. A
 * source is complete when it was read and every read feeding it ended without error.
 */
export interface SourceRead {
  evidence: EvidenceSource;
  complete: boolean;
}

export interface ReconcileInput {
  mode: SyncMode;
  now: Date;
  observed: ObservedInstallation[];
  stored: StoredInstallation[];
  /** Every read of this sync; only the absence of evidence in a complete source means anything. */
  reads: readonly SourceRead[];
  /** Stale or missing devices: their silence says nothing about their installations. */
  staleDeviceIds: ReadonlySet<string>;
  /**
   * Devices that had software inventory rows in this sync (an empty inventory is no evidence), with
   * when that inventory was taken (epoch ms): Defender's last full report of the device.
   */
  devicesWithSoftware: ReadonlyMap<string, number>;
  newId: () => string;
}

export interface ReconcileResult {
  /** New installations, in their stored shape. */
  inserts: InstallationState[];
  /** Rows whose state changed (version, hosts, status, evidence). */
  updates: InstallationState[];
  /** Rows seen again unchanged: only `last_seen_at` moves. */
  stamps: string[];
  events: EventWrite[];
}

export function naturalKey(i: {
  deviceId: string;
  agentId: string;
  userId: string | null;
  channel: InstallationChannel;
}): string {
  return `${i.deviceId}|${i.agentId}|${i.userId ?? ""}|${i.channel}`;
}

/** The evidence sources this sync read to the end: read at least once, and no read of them failed. */
export function completeSources(reads: readonly SourceRead[]): Set<EvidenceSource> {
  const failed = new Set(reads.filter((r) => !r.complete).map((r) => r.evidence));
  return new Set(reads.map((r) => r.evidence).filter((source) => !failed.has(source)));
}

export function reconcileInstallations(input: ReconcileInput): ReconcileResult {
  const result: ReconcileResult = { inserts: [], updates: [], stamps: [], events: [] };
  const storedByKey = new Map(input.stored.map((s) => [naturalKey(s), s]));
  const seen = new Set<string>();
  const complete = completeSources(input.reads);
  // In a FULL sync, a completely read source that no longer reports the installation stops evidencing it.
  const fullyRead = input.mode === SyncMode.FULL ? complete : new Set<EvidenceSource>();
  const event = (
    installationId: string,
    type: InstallationEventType,
    from: string | null,
    to: string | null,
  ) => result.events.push({ installationId, type, fromVersion: from, toVersion: to });

  for (const observation of input.observed) {
    const key = naturalKey(observation);
    const stored = storedByKey.get(key);
    if (observation.removed) continue; // removal evidence only: handled as "not seen" below
    const obs = currentEvidence(observation, stored, { ...input, completeSources: complete });
    if (!obs) continue; // older than what says it is gone: handled as "not seen" below
    seen.add(key);
    if (!stored) {
      const id = input.newId();
      result.inserts.push({
        ...obs,
        id,
        status: InstallationStatus.ACTIVE,
        firstSeenAt: obs.firstSeenAt && obs.firstSeenAt < input.now ? obs.firstSeenAt : input.now,
        lastSeenAt: input.now,
        removedAt: null,
      });
      event(id, InstallationEventType.INSTALLED, null, obs.version);
      continue;
    }
    // A source that stops reporting a version does not erase the one we know.
    const version = obs.version ?? stored.version;
    const hostIdes = union(stored.hostIdes, obs.hostIdes);
    const evidence = mergeEvidence(stored.evidence, obs.evidence, fullyRead);
    const reinstalled = stored.status === InstallationStatus.REMOVED;
    const versionChanged =
      !reinstalled && !!obs.version && !!stored.version && obs.version !== stored.version;
    const changed =
      reinstalled ||
      version !== stored.version ||
      !sameList(hostIdes, stored.hostIdes) ||
      !sameEvidence(evidence, stored.evidence);
    if (!changed) {
      result.stamps.push(stored.id);
      continue;
    }
    result.updates.push({
      ...stored,
      version,
      hostIdes,
      evidence,
      status: InstallationStatus.ACTIVE,
      lastSeenAt: input.now,
      removedAt: null,
    });
    if (reinstalled) event(stored.id, InstallationEventType.REINSTALLED, stored.version, version);
    else if (versionChanged) event(stored.id, InstallationEventType.VERSION_CHANGED, stored.version, version);
  }

  if (input.mode !== SyncMode.FULL) return result;
  for (const stored of input.stored) {
    if (stored.status !== InstallationStatus.ACTIVE || seen.has(naturalKey(stored))) continue;
    if (!removable(stored, input, complete)) continue;
    result.updates.push({ ...stored, status: InstallationStatus.REMOVED, removedAt: input.now });
    event(stored.id, InstallationEventType.REMOVED, stored.version, null);
  }
  return result;
}

/**
 * The observation without sightings that what says the installation is gone outranks, or null when
 * none is left. A REMOVED installation comes back only on evidence newer than its removal; an app a
 * complete software read no longer lists stays only on a sighting newer than that read's snapshot
 * (an app uninstalled yesterday still has last week's process launches in the hunting window).
 */
export function currentEvidence(
  obs: ObservedInstallation,
  stored: StoredInstallation | undefined,
  input: Pick<ReconcileInput, "mode" | "devicesWithSoftware"> & {
    completeSources: ReadonlySet<EvidenceSource>;
  },
): ObservedInstallation | null {
  let goneAt = -Infinity;
  if (stored?.status === InstallationStatus.REMOVED && stored.removedAt) goneAt = stored.removedAt.getTime();
  const snapshot = input.devicesWithSoftware.get(obs.deviceId);
  const softwareDropped =
    input.mode === SyncMode.FULL &&
    input.completeSources.has(EvidenceSource.SOFTWARE_INVENTORY) &&
    snapshot !== undefined &&
    stored?.evidence.some((e) => e.source === EvidenceSource.SOFTWARE_INVENTORY) === true &&
    !obs.evidence.some((e) => e.source === EvidenceSource.SOFTWARE_INVENTORY);
  if (softwareDropped) goneAt = Math.max(goneAt, snapshot);
  if (goneAt === -Infinity) return obs;
  const evidence = obs.evidence.filter((e) => Date.parse(e.lastSeenAt) > goneAt);
  if (!evidence.length) return null;
  return evidence.length === obs.evidence.length ? obs : { ...obs, evidence };
}

/**
 * Every source that ever evidenced the installation read completely (the others' failures say nothing
 * about it), and the device is reporting.
 */
function removable(
  stored: StoredInstallation,
  input: ReconcileInput,
  completeSources: ReadonlySet<EvidenceSource>,
): boolean {
  if (input.staleDeviceIds.has(stored.deviceId)) return false;
  const sources = new Set(stored.evidence.map((e) => e.source));
  if (sources.size === 0) return false;
  for (const source of sources) {
    if (!completeSources.has(source)) return false;
    if (source === EvidenceSource.SOFTWARE_INVENTORY && !input.devicesWithSoftware.has(stored.deviceId))
      return false;
  }
  return true;
}

/**
 * One record per source: the new observation replaces the stored one but keeps its first-seen time;
 * sources not read completely keep their record (they may still evidence the installation).
 */
function mergeEvidence(
  stored: EvidenceRecord[],
  observed: EvidenceRecord[],
  fullyRead: ReadonlySet<EvidenceSource>,
): EvidenceRecord[] {
  const bySource = new Map(stored.filter((e) => !fullyRead.has(e.source)).map((e) => [e.source, e]));
  const previousOf = new Map(stored.map((e) => [e.source, e]));
  for (const record of observed) {
    const previous = previousOf.get(record.source);
    bySource.set(record.source, previous ? { ...record, firstSeenAt: previous.firstSeenAt } : record);
  }
  return [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source));
}

/** Evidence equality ignoring its time stamps, which move on every sync. */
function sameEvidence(a: EvidenceRecord[], b: EvidenceRecord[]): boolean {
  if (a.length !== b.length) return false;
  const key = (e: EvidenceRecord) =>
    JSON.stringify([e.source, e.confidence, e.catalogVersion, Object.entries(e.identifiers).sort()]);
  const keys = new Set(b.map(key));
  return a.every((e) => keys.has(key(e)));
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
