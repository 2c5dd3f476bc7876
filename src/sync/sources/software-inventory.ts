/**
 * Software inventory: every installed program Defender lists per device, through the paged API, or
 * for a large fleet through the export files (docs/defender-api.md). The products without a CPE come
 * from their own endpoint; both feed SOFTWARE_INVENTORY, so it is complete only when both are.
 */
import { matchSoftwareRows } from "../../detection";
import { EvidenceSource } from "../../model/enums";
import type { SourceInput, SourceModule } from "./module";

export function softwareInventory(settings: { softwareExportMinDevices: number }): SourceModule {
  return {
    name: "software inventory",
    fullSyncOnly: true,
    async read({ client, reader, sink, deviceCount }: SourceInput) {
      const viaFiles = deviceCount >= settings.softwareExportMinDevices;
      const parts = viaFiles
        ? ([
            ["softwareExport", client.softwareInventoryExport()],
            ["nonCpeSoftwareExport", client.nonCpeSoftwareInventoryExport()],
          ] as const)
        : ([
            ["softwareInventory", client.softwareInventory()],
            ["nonCpeSoftwareInventory", client.nonCpeSoftwareInventory()],
          ] as const);
      for (const [name, pages] of parts)
        await reader.read(name, EvidenceSource.SOFTWARE_INVENTORY, client, pages, (page) => {
          let last = "";
          for (const row of page) {
            // Rows come grouped by device: one call per device, not per row.
            if (row.deviceId === last) continue;
            sink.reportedSoftware((last = row.deviceId));
          }
          sink.add(matchSoftwareRows(page));
        });
    },
  };
}
