/**
 * Exports of a tenant's inventory (VIEWER): installations as flat rows, read page by page along the
 * keyset of the installation list with the same filters as the GraphQL connection (the store's filter
 * machinery), so an export of any size holds one page at a time; and CycloneDX documents of a tenant's or
 * a device's agents (cyclonedx.ts). The HTTP routes (http/exports.ts) format and stream them.
 */
import { requireRole, type Caller } from "../model/caller";
import { InstallationStatus, Role, type AgentPolicyValue, type EvidenceSource } from "../model/enums";
import type { EvidenceRecord } from "../model/installation.entity";
import {
  InstallationOrderField,
  OrderDirection,
  type AgentRow,
  type InstallationFilter,
  type InstallationRow,
  type JoinedFields,
  type PageRequest,
  type Store,
} from "../store";
import { cycloneDxDocument, type BomAgent } from "./cyclonedx";

/** Rows read per statement: large enough to amortize the round trip, small enough to stay a few MB. */
export const EXPORT_PAGE_SIZE = 1_000;

/** One exported installation: flat values, in the column order of EXPORT_COLUMNS. */
export interface ExportedInstallation {
  installationId: string;
  status: string;
  channel: string;
  version: string | null;
  agentKey: string;
  agentName: string;
  agentVendor: string;
  agentCategory: string;
  agentPolicy: AgentPolicyValue | null;
  deviceId: string;
  deviceName: string;
  defenderDeviceId: string;
  osPlatform: string | null;
  userUpn: string | null;
  userAccountName: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  removedAt: string | null;
  /** Evidence sources, `;`-separated. */
  evidenceSources: string;
}

export const EXPORT_COLUMNS: (keyof ExportedInstallation)[] = [
  "installationId",
  "status",
  "channel",
  "version",
  "agentKey",
  "agentName",
  "agentVendor",
  "agentCategory",
  "agentPolicy",
  "deviceId",
  "deviceName",
  "defenderDeviceId",
  "osPlatform",
  "userUpn",
  "userAccountName",
  "firstSeenAt",
  "lastSeenAt",
  "removedAt",
  "evidenceSources",
];

/** Oldest first, the id breaking ties: a stable walk while syncs add rows. */
const EXPORT_ORDER = [{ field: InstallationOrderField.FIRST_SEEN_AT, direction: OrderDirection.ASC }];

/** The fleet document needs the installation's own columns only, not the device's or user's. */
const ONLY_KEYS: JoinedFields = {
  installation: new Set(["channel", "version", "evidence", "status"]),
  device: new Set(),
  user: new Set(),
};

const text = (instant: unknown): string | null =>
  instant == null ? null : instant instanceof Date ? instant.toISOString() : String(instant);

export class ExportService {
  constructor(private readonly store: Store) {}

  /** The tenant's installations matching `filter`, a page at a time. */
  async *installations(
    caller: Caller,
    tenantId: string,
    filter: InstallationFilter | null,
  ): AsyncGenerator<ExportedInstallation[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    const agents = await this.agents(tenantId);
    const query = { filter, orderBy: EXPORT_ORDER };
    for await (const rows of this.walk((request) =>
      this.store.installations.pageWithRelations(tenantId, query, request),
    )) {
      yield rows.map(({ installation, device, user }) => {
        const agent = agents.get(installation.agentId)!;
        return {
          installationId: installation.id,
          status: installation.status,
          channel: installation.channel,
          version: installation.version,
          agentKey: agent.row.key,
          agentName: agent.row.name,
          agentVendor: agent.row.vendor,
          agentCategory: agent.row.category,
          agentPolicy: agent.policy,
          deviceId: device.id,
          deviceName: device.name,
          defenderDeviceId: device.defenderId,
          osPlatform: device.osPlatform,
          userUpn: user?.upn ?? null,
          userAccountName: user?.accountName ?? null,
          firstSeenAt: text(installation.firstSeenAt)!,
          lastSeenAt: text(installation.lastSeenAt)!,
          removedAt: text(installation.removedAt),
          evidenceSources: sources(installation.evidence).join(";"),
        };
      });
    }
  }

  /**
   * A CycloneDX 1.6 JSON document of the active agents of a device (one component per installation,
   * with its evidence and user) or, without a device, of the tenant's fleet (one component per agent,
   * version and channel, with how many installations and devices have it); null when the device is not
   * found. Either is built from a walk of the installations, holding one page and the components.
   */
  async cycloneDx(caller: Caller, tenantId: string, deviceId: string | null): Promise<string | null> {
    requireRole(caller, tenantId, Role.VIEWER);
    const tenant = (await this.store.tenants.byId(tenantId))!;
    const agents = await this.agents(tenantId);
    const active = { filter: { status: { eq: InstallationStatus.ACTIVE } } };
    const base = (installation: InstallationRow) => {
      const agent = agents.get(installation.agentId)!;
      return {
        agent: agent.row,
        policy: agent.policy,
        channel: installation.channel,
        version: installation.version,
      };
    };
    if (deviceId) {
      const [device] = await this.store.devices.byIds(tenantId, [deviceId]);
      if (!device) return null;
      const components: BomAgent[] = [];
      for await (const rows of this.walk<InstallationRow>((request) =>
        this.store.installations
          .pagesFor(tenantId, "device", [deviceId], active, request)
          .then((p) => ({ rows: p.pages.get(deviceId)!, cursor: p.cursor })),
      )) {
        const userIds = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
        const users = new Map((await this.store.users.byIds(tenantId, userIds)).map((u) => [u.id, u]));
        for (const row of rows) {
          const user = row.userId ? users.get(row.userId) : undefined;
          const who = user?.upn ?? user?.accountName;
          components.push({
            ...base(row),
            ref: `installation:${row.id}`,
            evidence: row.evidence,
            facts: who ? [["user", who]] : [],
          });
        }
      }
      return cycloneDxDocument({ tenantName: tenant.name, device }, components);
    }
    const fleet = new Map<string, BomAgent & { devices: Set<string>; installations: number }>();
    // Walked unfiltered, in id order (the primary key's), REMOVED rows skipped here: a status condition
    // led the planner to sort the tenant's installations for every page.
    for await (const rows of this.walk((request) =>
      this.store.installations.pageWithRelations(tenantId, {}, request, ONLY_KEYS),
    )) {
      for (const { installation } of rows) {
        if (installation.status !== InstallationStatus.ACTIVE) continue;
        const ref = `agent:${installation.agentId}:${installation.channel}:${installation.version ?? ""}`;
        const entry =
          fleet.get(ref) ??
          fleet
            .set(ref, {
              ...base(installation),
              ref,
              evidence: [],
              facts: [],
              devices: new Set(),
              installations: 0,
            })
            .get(ref)!;
        entry.installations++;
        entry.devices.add(installation.deviceId);
        for (const source of sources(installation.evidence))
          if (!entry.evidence.some((e) => e.source === source)) entry.evidence.push({ source });
      }
    }
    const components = [...fleet.values()].map(({ devices, installations, ...item }) => ({
      ...item,
      facts: [
        ["installations", String(installations)],
        ["devices", String(devices.size)],
      ] as Array<[string, string]>,
    }));
    return cycloneDxDocument({ tenantName: tenant.name, device: null }, components);
  }

  /** Every row of a keyset list, a page at a time. */
  private async *walk<R>(
    read: (request: PageRequest) => Promise<{ rows: R[]; cursor: (row: R) => unknown[] }>,
  ): AsyncGenerator<R[]> {
    let cursor: unknown[] | null = null;
    for (;;) {
      const page = await read({ direction: "forward", limit: EXPORT_PAGE_SIZE, cursor });
      const rows = page.rows.slice(0, EXPORT_PAGE_SIZE);
      if (rows.length) yield rows;
      if (page.rows.length <= EXPORT_PAGE_SIZE) return;
      cursor = page.cursor(rows[rows.length - 1]);
    }
  }

  /** The catalog with the tenant's policy of each agent. */
  private async agents(
    tenantId: string,
  ): Promise<Map<string, { row: AgentRow; policy: AgentPolicyValue | null }>> {
    const catalog = await this.store.agents.all();
    const policies = new Map(
      (
        await this.store.agents.policies(
          tenantId,
          catalog.map((a) => a.id),
        )
      ).map((p) => [p.agentId, p.policy]),
    );
    return new Map(catalog.map((row) => [row.id, { row, policy: policies.get(row.id) ?? null }]));
  }
}

function sources(evidence: EvidenceRecord[]): EvidenceSource[] {
  return [...new Set(evidence.map((e) => e.source))].sort();
}
