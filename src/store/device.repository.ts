/** Devices of a tenant: by id, filtered keyset pages, and the devices of users (through device_user). */
import { deviceColumns, selectList, type DeviceRow } from "./columns";
import {
  compareDateTime,
  compareString,
  compileLogical,
  DeviceOrderField,
  Params,
  type DeviceFilter,
  type DeviceQuery,
  type Order,
} from "./filters";
import { sortKeys, type Keyset, type PageRequest, type SortField } from "./keyset";
import { countFor, fetchPage, fetchPagesFor, type ListSpec, type Page, type PagesByParent } from "./page";
import type { Sql } from "./sql";

const SELECT = selectList("d", deviceColumns());

const SORT: Record<DeviceOrderField, SortField> = {
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

function deviceKeyset(orderBy: Order<DeviceOrderField>[] | null | undefined): Keyset {
  return sortKeys(SORT, DeviceOrderField.ID, orderBy);
}

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
  const { keys, fields } = deviceKeyset(query.orderBy);
  const select = columns ? selectList("d", deviceColumns(new Set([...columns, ...fields]))) : SELECT;
  return { select, from, where: filter === "TRUE" ? [tenant] : [tenant, filter], params, keys, fields };
}

const VIA_USERS = "device_user du JOIN device d ON d.tenant_id = du.tenant_id AND d.id = du.device_id";

export class DeviceRepository {
  constructor(private readonly db: Sql) {}

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

  /** The devices each user was seen on, one page per user, by id. */
  pagesForUsers(
    tenantId: string,
    userIds: readonly string[],
    request: PageRequest,
  ): Promise<PagesByParent<DeviceRow>> {
    return fetchPagesFor<DeviceRow>(this.db, spec(tenantId, {}, VIA_USERS), "du.user_id", userIds, request);
  }

  countsForUsers(tenantId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    return countFor(this.db, spec(tenantId, {}, VIA_USERS), "du.user_id", userIds);
  }
}
