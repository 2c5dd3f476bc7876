/** Devices of a tenant: by id, filtered keyset pages, and the devices of users (through device_user). */
import type { Device } from "../../model/device.entity";
import { DeviceOrderField, type DeviceFilter, type DeviceOrder } from "../inputs/filters";
import type { PageRequest } from "../relay";
import { sortKeys } from "./installation.repository";
import { countFor, fetchPage, fetchPagesFor, type ListSpec, type Page, type WithInstants } from "./page";
import {
  compareDateTime,
  compareString,
  compileLogical,
  Params,
  type SortKey,
  type SqlExecutor,
} from "./sql";

export type DeviceRow = WithInstants<
  Omit<Device, "createdAt" | "updatedAt" | "missingSince" | "rbacGroupId">
>;

/** Columns as [SQL, property]; `selectDevice` aliases them, optionally with a prefix for joins. */
const COLUMNS: Array<[string, string]> = [
  ["tenant_id", "tenantId"],
  ["id", "id"],
  ["defender_id", "defenderId"],
  ["name", "name"],
  ["os_platform", "osPlatform"],
  ["os_version", "osVersion"],
  ["health_status", "healthStatus"],
  ["onboarding_status", "onboardingStatus"],
  ["rbac_group_name", "rbacGroupName"],
  ["tags", "tags"],
  ["aad_device_id", "aadDeviceId"],
  ["first_seen_at", "firstSeenAt"],
  ["last_seen_at", "lastSeenAt"],
  ["stale_since", "staleSince"],
  ["software_seen_at", "softwareSeenAt"],
  ["potential_duplicate", "potentialDuplicate"],
];

/** Always read: the tenant and id scope every relation of a device. */
const KEY_PROPERTIES = new Set(["tenantId", "id"]);

/** The columns as [SQL, property]; with `only`, just those properties (plus the keys). */
export function deviceColumns(only?: ReadonlySet<string> | null): Array<[string, string]> {
  return COLUMNS.filter(([, property]) => !only || only.has(property) || KEY_PROPERTIES.has(property));
}

/** The aliased columns; with `only`, just those properties (plus the keys) — the rest stay undefined. */
export function selectDevice(alias: string, prefix = "", only?: ReadonlySet<string> | null): string {
  return deviceColumns(only)
    .map(([column, property]) => `${alias}.${column} AS "${prefix}${property}"`)
    .join(", ");
}

const SELECT = selectDevice("d");

const SORT: Record<DeviceOrderField, Omit<SortKey, "desc"> & { field: string }> = {
  [DeviceOrderField.ID]: { expr: "d.id", kind: "uuid", nullable: false, field: "id" },
  [DeviceOrderField.NAME]: { expr: "d.name", kind: "text", nullable: false, field: "name" },
  [DeviceOrderField.LAST_SEEN_AT]: {
    expr: "d.last_seen_at",
    kind: "timestamp",
    nullable: true,
    field: "lastSeenAt",
  },
  [DeviceOrderField.FIRST_SEEN_AT]: {
    expr: "d.first_seen_at",
    kind: "timestamp",
    nullable: true,
    field: "firstSeenAt",
  },
  [DeviceOrderField.OS_PLATFORM]: {
    expr: "d.os_platform",
    kind: "text",
    nullable: true,
    field: "osPlatform",
  },
};

/** An active installation on the device, optionally of agents matching `agentCondition`. */
function activeInstallation(agentCondition: string | null): string {
  const agent = agentCondition ? ` AND i.agent_id IN (SELECT a.id FROM agent a WHERE ${agentCondition})` : "";
  return `EXISTS (SELECT 1 FROM installation i WHERE i.tenant_id = d.tenant_id AND i.device_id = d.id AND i.status = 'ACTIVE'${agent})`;
}

function filterFields(f: DeviceFilter, p: Params): string[] {
  const out: string[] = [];
  if (f.name) out.push(...compareString("d.name", f.name, p));
  if (f.osPlatform) out.push(...compareString("d.os_platform", f.osPlatform, p));
  if (f.healthStatus) out.push(...compareString("d.health_status", f.healthStatus, p));
  if (f.rbacGroupName) out.push(...compareString("d.rbac_group_name", f.rbacGroupName, p));
  if (f.tag != null) out.push(`d.tags @> ARRAY[${p.add(f.tag)}]::text[]`);
  if (f.stale != null) out.push(`d.stale_since IS ${f.stale ? "NOT " : ""}NULL`);
  if (f.hasAgent != null) out.push(`${f.hasAgent ? "" : "NOT "}${activeInstallation(null)}`);
  if (f.agentKey) {
    const key = compareString("a.key", f.agentKey, p);
    if (key.length) out.push(activeInstallation(key.join(" AND ")));
  }
  if (f.lastSeenAt) out.push(...compareDateTime("d.last_seen_at", f.lastSeenAt, p));
  return out;
}

export interface DeviceQuery {
  filter?: DeviceFilter | null;
  orderBy?: DeviceOrder[] | null;
}

export function deviceSortKeys(orderBy: DeviceOrder[] | null | undefined) {
  return sortKeys(SORT, DeviceOrderField.ID, orderBy);
}

/**
 * `columns`: the device fields a query selects, when known; a list then reads only those (and its sort
 * keys), as a page of search results needs five columns of fifteen.
 */
function spec(
  tenantId: string,
  query: DeviceQuery,
  from = "device d",
  columns?: ReadonlySet<string> | null,
): ListSpec {
  const params = new Params();
  const tenant = `d.tenant_id = ${params.add(tenantId)}`;
  const filter = compileLogical(query.filter, params, filterFields);
  const { keys, fields } = deviceSortKeys(query.orderBy);
  const select = columns ? selectDevice("d", "", new Set([...columns, ...fields])) : SELECT;
  return { select, from, where: filter === "TRUE" ? [tenant] : [tenant, filter], params, keys, fields };
}

const VIA_USERS = "device_user du JOIN device d ON d.tenant_id = du.tenant_id AND d.id = du.device_id";

export class DeviceRepository {
  constructor(private readonly db: SqlExecutor) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<DeviceRow[]> {
    return this.db.rows(`SELECT ${SELECT} FROM device d WHERE d.tenant_id = $1 AND d.id = ANY($2::uuid[])`, [
      tenantId,
      ids,
    ]);
  }

  page(
    tenantId: string,
    query: DeviceQuery,
    request: PageRequest,
    columns?: ReadonlySet<string> | null,
  ): Promise<Page<DeviceRow>> {
    return fetchPage(this.db, spec(tenantId, query, "device d", columns), request, "objects");
  }

  /** The devices each user was seen on, one page per user. */
  pagesForUsers(tenantId: string, userIds: readonly string[], request: PageRequest) {
    return fetchPagesFor<DeviceRow>(this.db, spec(tenantId, {}, VIA_USERS), "du.user_id", userIds, request);
  }

  countsForUsers(tenantId: string, userIds: readonly string[]) {
    return countFor(this.db, spec(tenantId, {}, VIA_USERS), "du.user_id", userIds);
  }
}
