/**
 * Machines: the device list every other source's rows are resolved against. Not a source of
 * evidence: it decides which devices exist, are stale, or were merged. An INCREMENTAL sync lists only
 * the machines seen since the last sync.
 */
import type { MachineRow } from "../../store";
import { detach, type StringPool } from "../detach";
import type { SourceClient } from "./module";
import type { SourceReader } from "./read";

export interface MachineList {
  /** By lower-case Defender id. */
  machines: Map<string, MachineRow>;
  complete: boolean;
}

export async function readMachines(input: {
  client: SourceClient;
  reader: SourceReader;
  since: Date | null;
  strings: StringPool;
}): Promise<MachineList> {
  const { client, reader, since, strings: pool } = input;
  const machines = new Map<string, MachineRow>();
  const filter = since ? `lastSeen gt ${since.toISOString()}` : undefined;
  const complete = await reader.read("machines", null, client, client.machines({ filter }), (page) => {
    // Only the fields a device row keeps, low-cardinality values pooled: a 100,000-device fleet
    // stays small in memory.
    for (const m of page) {
      const id = detach(m.id);
      const mergedInto = m.mergedIntoMachineId?.toLowerCase();
      machines.set(id.toLowerCase(), {
        id,
        // Defender lists a host onboarded again under a new id; the older record is flagged, and
        // once merged names the record it became.
        potentialDuplicate: m.isPotentialDuplication === true || !!mergedInto,
        mergedInto: mergedInto && mergedInto !== id.toLowerCase() ? detach(mergedInto) : null,
        computerDnsName: detach(m.computerDnsName),
        osPlatform: pool.intern(m.osPlatform),
        osVersion: pool.intern(m.osVersion),
        healthStatus: pool.intern(m.healthStatus),
        onboardingStatus: pool.intern(m.onboardingStatus),
        rbacGroupId: pool.intern(m.rbacGroupId),
        rbacGroupName: pool.intern(m.rbacGroupName),
        aadDeviceId: detach(m.aadDeviceId),
        machineTags: m.machineTags.map((tag) => pool.intern(tag)),
        firstSeen: m.firstSeen?.getTime() ?? null,
        lastSeen: m.lastSeen?.getTime() ?? null,
      });
    }
  });
  return { machines, complete };
}
