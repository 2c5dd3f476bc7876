/**
 * The MCP server source of a sync (docs/mcp-servers.md): the MCP hunting queries' rows → sightings
 * (redacted by the parsers) → one per server, device, person and agent, folded across rows and queries
 * → rows for the store, written in the sync's transaction with the other inventory changes.
 *
 * A large fleet has a sighting or more per developer device, kept for the whole sync: each is folded
 * into a small record of pooled strings, and handed to the store one at a time as it is written.
 */
import type { McpConfigFileSighting, McpEvidenceSource, McpServerRef, McpSighting } from "../detection/mcp";
import { McpTransport } from "../model/mcp-server.entity";
import {
  mcpSightingKey,
  type McpConfigFileWrite,
  type McpServerWrite,
  type McpSightingWrite,
} from "../store";
import { detachAll, type StringPool } from "./detach";

/** Resolves a Defender id to its device's row id, and a user key to its person's row id. */
export interface RowIds {
  deviceIdOf(defenderId: string): string | undefined;
  userIdOf(userKey: string): string | null;
}

/** MCP config files of one sync, the newest event per device and path. */
export class McpConfigFiles {
  private readonly newest = new Map<
    string,
    { file: McpConfigFileSighting; defenderId: string; userKey: string | null }
  >();

  constructor(private readonly strings: StringPool) {}

  add(file: McpConfigFileSighting, defenderId: string, userKey: string | null): void {
    const key = `${defenderId}|${file.path.toLowerCase()}`;
    const known = this.newest.get(key);
    if (!known || file.lastChangedAt > known.file.lastChangedAt)
      this.newest.set(key, {
        file: { ...file, agentKey: this.strings.intern(file.agentKey), path: this.strings.intern(file.path) },
        defenderId,
        userKey,
      });
  }

  /** The files on stored devices, with row ids for devices and people; the set is released. */
  resolve({ deviceIdOf, userIdOf }: RowIds): McpConfigFileWrite[] {
    const writes: McpConfigFileWrite[] = [];
    for (const { file, defenderId, userKey } of this.newest.values()) {
      const deviceId = deviceIdOf(defenderId);
      if (!deviceId) continue;
      writes.push({
        deviceId,
        userId: userKey ? userIdOf(userKey) : null,
        agentKey: file.agentKey,
        path: file.path,
        lastChangedAt: file.lastChangedAt,
        deleted: file.deleted,
      });
    }
    this.newest.clear();
    return writes;
  }
}

/** Evidence sources in the order a write lists them, each one bit of a folded sighting. */
const EVIDENCE: readonly McpEvidenceSource[] = ["NETWORK_EVENTS", "PROCESS_EVENTS"];
const LAUNCH = 1 << EVIDENCE.indexOf("PROCESS_EVENTS");

interface Folded {
  serverKey: string;
  /** The Defender id until `resolve`, then the device's row id. */
  device: string;
  /** The user key until `resolve`, then the person's row id. */
  user: string | null;
  agentKey: string | null;
  hostProcess: string | null;
  /** Bits of EVIDENCE. */
  evidence: number;
  version: string | null;
  pinned: boolean | null;
  remoteUrl: string | null;
  arguments: string | null;
  /** Epoch milliseconds. */
  firstSeenAt: number;
  lastSeenAt: number;
}

/**
 * Sightings of one sync, folded by server, device, person and agent (the newest launch's details win);
 * each server described once (by its newest launch, else its first connection).
 */
export class McpSightings {
  private folded = new Map<string, Folded>();
  private readonly described = new Map<string, { server: McpServerRef; launchedAt: number | null }>();

  constructor(private readonly strings: StringPool) {}

  get size(): number {
    return this.folded.size;
  }

  add(sighting: McpSighting, defenderId: string, userKey: string | null, now: Date): void {
    const first = (sighting.firstSeenAt ?? sighting.lastSeenAt ?? now).getTime();
    const last = sighting.lastSeenAt?.getTime() ?? first;
    const pool = this.strings;
    const serverKey = pool.intern(sighting.server.key);
    const evidence = 1 << EVIDENCE.indexOf(sighting.evidence);
    this.describe(serverKey, sighting.server, evidence === LAUNCH ? last : null);
    this.fold(this.folded, {
      serverKey,
      device: defenderId,
      user: userKey,
      agentKey: pool.intern(sighting.agentKey),
      hostProcess: pool.intern(sighting.hostProcess),
      evidence,
      version: pool.intern(sighting.version),
      pinned: sighting.pinned,
      remoteUrl: pool.intern(sighting.remoteUrl),
      arguments: pool.intern(sighting.arguments),
      firstSeenAt: first,
      lastSeenAt: last,
    });
  }

  /** One write per server seen. */
  servers(): McpServerWrite[] {
    return [...this.described.values()].map(({ server }) => ({
      key: server.key,
      name: server.name,
      publisher: server.publisher,
      transport: server.transport === "HTTP" ? McpTransport.HTTP : McpTransport.STDIO,
      launcher: server.launcher,
      packageType: server.packageType,
      packageName: server.packageName,
      known: server.known,
      capabilities: server.capabilities,
    }));
  }

  /**
   * Gives every sighting its device's and person's row ids (to be called while the sync still knows its
   * people), dropping those on devices not stored; two folded under different names of one person
   * become one.
   */
  resolve({ deviceIdOf, userIdOf }: RowIds): void {
    const resolved = new Map<string, Folded>();
    for (const [key, sighting] of this.folded) {
      this.folded.delete(key);
      const deviceId = deviceIdOf(sighting.device);
      if (!deviceId) continue;
      sighting.device = deviceId;
      sighting.user = sighting.user ? userIdOf(sighting.user) : null;
      this.fold(resolved, sighting);
    }
    this.folded = resolved;
  }

  /** The resolved sightings for the store, each released as it is taken. */
  *writes(): Generator<McpSightingWrite> {
    for (const [key, f] of this.folded) {
      this.folded.delete(key);
      yield {
        serverKey: f.serverKey,
        deviceId: f.device,
        userId: f.user,
        agentKey: f.agentKey,
        hostProcess: f.hostProcess,
        evidence: EVIDENCE.filter((_, bit) => f.evidence & (1 << bit)),
        version: f.version,
        pinned: f.pinned,
        remoteUrl: f.remoteUrl,
        arguments: f.arguments,
        firstSeenAt: new Date(f.firstSeenAt),
        lastSeenAt: new Date(f.lastSeenAt),
      };
    }
  }

  private describe(key: string, server: McpServerRef, launchedAt: number | null): void {
    const known = this.described.get(key);
    const newer = launchedAt !== null && (known?.launchedAt == null || launchedAt > known.launchedAt);
    if (!known || newer) this.described.set(key, { server: { ...detachAll(server), key }, launchedAt });
  }

  private fold(into: Map<string, Folded>, sighting: Folded): void {
    // The store's key, so sightings folded once resolved are exactly the rows written.
    const { serverKey, device: deviceId, user: userId, agentKey } = sighting;
    const key = mcpSightingKey({ serverKey, deviceId, userId, agentKey });
    const known = into.get(key);
    if (!known) {
      into.set(key, sighting);
      return;
    }
    known.evidence |= sighting.evidence;
    known.firstSeenAt = Math.min(known.firstSeenAt, sighting.firstSeenAt);
    if (sighting.lastSeenAt < known.lastSeenAt) return;
    known.lastSeenAt = sighting.lastSeenAt;
    // A launch tells more than a connection: keep its details unless this one is also a launch.
    if (sighting.evidence & LAUNCH || known.version === null) {
      known.version = sighting.version ?? known.version;
      known.pinned = sighting.pinned ?? known.pinned;
      known.remoteUrl = sighting.remoteUrl ?? known.remoteUrl;
      known.arguments = sighting.arguments ?? known.arguments;
      known.hostProcess = sighting.hostProcess ?? known.hostProcess;
    }
  }
}
