/**
 * Where the source modules hand their detections: each is resolved to its device and person as it
 * arrives and kept only as a slim sighting (sync/observations.ts), so a sync never holds a page, or the
 * software inventory, beyond the page being matched.
 */
import type { Detection } from "../detection";
import type { McpFindings } from "../detection/mcp";
import type { McpConfigFileWrite, McpServerWrite, McpSightingWrite, StoredUser } from "../store";
import { detach, detachAll, StringPool } from "./detach";
import { DeviceDirectory, UserDirectory } from "./identities";
import { McpConfigFiles, McpSightings } from "./mcp-servers";
import { Sightings, toSighting, type ResolvedDetection } from "./observations";
import type { DetectionSink } from "./sources/module";

export class Collector implements DetectionSink {
  /** Defender ids of devices with software rows in this sync. */
  readonly softwareDevices = new Set<string>();
  /** Detections on devices neither listed nor stored: skipped. */
  unresolved = 0;
  /** MCP servers seen (sync/mcp-servers.ts), folded by server, device, person and agent. */
  private readonly mcpSightings: McpSightings;
  private readonly mcpConfigFiles: McpConfigFiles;

  constructor(
    private directory: DeviceDirectory,
    private users: UserDirectory,
    /** Strings kept beyond a page: one copy of each distinct value. */
    private readonly strings: StringPool,
    /** Detections folded per source and installation. */
    readonly sightings: Sightings,
  ) {
    this.mcpSightings = new McpSightings(strings);
    this.mcpConfigFiles = new McpConfigFiles(strings);
  }

  add(detections: Detection[]): void {
    for (const detection of detections) {
      const { device: ref, user } = detection;
      const device = this.directory.resolve(ref);
      if (!device) {
        this.unresolved++;
        continue;
      }
      const userKey = user ? this.strings.intern(this.users.add(detachAll(user), device.defenderId)) : null;
      this.sightings.add(toSighting(detection, device.defenderId, userKey, this.strings));
    }
  }

  addMcp(findings: McpFindings, seenAt: Date): void {
    for (const seen of [...findings.sightings, ...findings.configFiles]) {
      const device = this.directory.resolve({ machineId: seen.machineId, deviceName: seen.deviceName });
      if (!device) {
        this.unresolved++;
        continue;
      }
      const userKey = seen.user
        ? this.strings.intern(this.users.add(detachAll(seen.user), device.defenderId))
        : null;
      if ("server" in seen) this.mcpSightings.add(seen, device.defenderId, userKey, seenAt);
      else this.mcpConfigFiles.add(seen, device.defenderId, userKey);
    }
  }

  reportedSoftware(deviceId: string): void {
    const id = deviceId.toLowerCase();
    // The directory's copy of the id when it has one: one string per device for the whole sync.
    this.softwareDevices.add(this.directory.resolve({ machineId: id })?.defenderId ?? detach(id));
  }

  /** The device a listed machine's merge target resolves to, if the sync knows it. */
  resolveDevice(defenderId: string): string | undefined {
    return this.directory.resolve({ machineId: defenderId })?.defenderId;
  }

  /** Every person the detections named, merged with the stored ones (for the users' upsert). */
  people(stored: StoredUser[]) {
    this.users.addStored(stored);
    return this.users.users();
  }

  /** The devices are written: their directory is no longer needed. */
  releaseDevices(): void {
    this.directory = new DeviceDirectory([]);
  }

  /**
   * The MCP servers seen, and their sightings and config files with their devices' and people's row
   * ids; to be called before `release`, which releases the people. The sightings are handed out one at
   * a time as the store writes them (sync/mcp-servers.ts).
   */
  resolveMcp(
    deviceIds: Map<string, string>,
    userIds: Map<string, string>,
  ): { servers: McpServerWrite[]; sightings: Iterable<McpSightingWrite>; configFiles: McpConfigFileWrite[] } {
    const rowIds = {
      deviceIdOf: (defenderId: string) => deviceIds.get(defenderId),
      userIdOf: (userKey: string) => this.userIdOf(userKey, userIds),
    };
    this.mcpSightings.resolve(rowIds);
    return {
      servers: this.mcpSightings.servers(),
      sightings: this.mcpSightings.writes(),
      configFiles: this.mcpConfigFiles.resolve(rowIds),
    };
  }

  /**
   * The sightings on these stored devices (Defender id and row id), with their device's and person's
   * row ids; each device's are handed out once and no longer held.
   */
  resolveDevices(
    devices: [defenderId: string, deviceId: string][],
    userIds: Map<string, string>,
  ): ResolvedDetection[] {
    const resolved: ResolvedDetection[] = [];
    for (const [defenderId, deviceId] of devices)
      for (const sighting of this.sightings.take(defenderId)) {
        const userId = sighting.userKey ? this.userIdOf(sighting.userKey, userIds) : null;
        resolved.push({ detection: sighting, deviceId, userId });
      }
    return resolved;
  }

  /** The write is done: sightings left (on devices not stored) and people are released. */
  release(): void {
    this.sightings.clear();
    this.users = new UserDirectory([]);
  }

  /** The row id of the person a user key names (`userIds`: stored people by identity key). */
  private userIdOf(userKey: string, userIds: Map<string, string>): string | null {
    return userIds.get(this.users.resolve(userKey).identityKey) ?? null;
  }
}
