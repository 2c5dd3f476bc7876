/**
 * The MCP server source of a sync (docs/mcp-servers.md): the MCP hunting queries' rows → sightings
 * (redacted by the parsers) → one per server, device, person and agent, folded across rows and queries
 * → rows for the store, written in the sync's transaction with the other inventory changes.
 */
import type { McpConfigFileSighting, McpServerRef, McpSighting } from "../detection/mcp";
import { McpTransport } from "../model/mcp-server.entity";
import type { McpConfigFileWrite, McpServerWrite, McpSightingWrite } from "../store";

/** MCP config files of one sync, the newest event per device and path. */
export class McpConfigFiles {
  private readonly newest = new Map<
    string,
    { file: McpConfigFileSighting; defenderId: string; userKey: string | null }
  >();

  add(file: McpConfigFileSighting, defenderId: string, userKey: string | null): void {
    const key = `${defenderId}|${file.path.toLowerCase()}`;
    const known = this.newest.get(key);
    if (!known || file.lastChangedAt > known.file.lastChangedAt)
      this.newest.set(key, { file, defenderId, userKey });
  }

  resolve(
    deviceIdOf: (defenderId: string) => string | undefined,
    userIdOf: (userKey: string) => string | null,
  ): McpConfigFileWrite[] {
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

interface Folded {
  server: McpServerRef;
  defenderId: string;
  userKey: string | null;
  agentKey: string | null;
  hostProcess: string | null;
  evidence: Set<string>;
  version: string | null;
  pinned: boolean | null;
  remoteUrl: string | null;
  arguments: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** Sightings of one sync, folded by server, device, person and agent (the newest launch's details win). */
export class McpSightings {
  private readonly folded = new Map<string, Folded>();

  get size(): number {
    return this.folded.size;
  }

  add(sighting: McpSighting, defenderId: string, userKey: string | null, now: Date): void {
    const key = [sighting.server.key, defenderId, userKey ?? "", sighting.agentKey ?? ""].join("|");
    const first = sighting.firstSeenAt ?? sighting.lastSeenAt ?? now;
    const last = sighting.lastSeenAt ?? first;
    const known = this.folded.get(key);
    if (!known) {
      this.folded.set(key, {
        server: sighting.server,
        defenderId,
        userKey,
        agentKey: sighting.agentKey,
        hostProcess: sighting.hostProcess,
        evidence: new Set([sighting.evidence]),
        version: sighting.version,
        pinned: sighting.pinned,
        remoteUrl: sighting.remoteUrl,
        arguments: sighting.arguments,
        firstSeenAt: first,
        lastSeenAt: last,
      });
      return;
    }
    known.evidence.add(sighting.evidence);
    if (first < known.firstSeenAt) known.firstSeenAt = first;
    if (last >= known.lastSeenAt) {
      known.lastSeenAt = last;
      // A launch tells more than a connection: keep its details unless this one is also a launch.
      if (sighting.evidence === "PROCESS_EVENTS" || known.version === null) {
        known.server = sighting.evidence === "PROCESS_EVENTS" ? sighting.server : known.server;
        known.version = sighting.version ?? known.version;
        known.pinned = sighting.pinned ?? known.pinned;
        known.remoteUrl = sighting.remoteUrl ?? known.remoteUrl;
        known.arguments = sighting.arguments ?? known.arguments;
        known.hostProcess = sighting.hostProcess ?? known.hostProcess;
      }
    }
  }

  /** One write per server seen. */
  servers(): McpServerWrite[] {
    const byKey = new Map<string, McpServerWrite>();
    for (const { server } of this.folded.values())
      byKey.set(server.key, {
        key: server.key,
        name: server.name,
        publisher: server.publisher,
        transport: server.transport === "HTTP" ? McpTransport.HTTP : McpTransport.STDIO,
        launcher: server.launcher,
        packageType: server.packageType,
        packageName: server.packageName,
        known: server.known,
        capabilities: server.capabilities,
      });
    return [...byKey.values()];
  }

  /** The sightings on stored devices, with row ids for devices and people; the folded set is released. */
  resolve(
    deviceIdOf: (defenderId: string) => string | undefined,
    userIdOf: (userKey: string) => string | null,
  ): McpSightingWrite[] {
    const writes: McpSightingWrite[] = [];
    for (const f of this.folded.values()) {
      const deviceId = deviceIdOf(f.defenderId);
      if (!deviceId) continue;
      writes.push({
        serverKey: f.server.key,
        deviceId,
        userId: f.userKey ? userIdOf(f.userKey) : null,
        agentKey: f.agentKey,
        hostProcess: f.hostProcess,
        evidence: [...f.evidence].sort(),
        version: f.version,
        pinned: f.pinned,
        remoteUrl: f.remoteUrl,
        arguments: f.arguments,
        firstSeenAt: f.firstSeenAt,
        lastSeenAt: f.lastSeenAt,
      });
    }
    return writes;
  }
}
