/** Installations of a tenant: by id, filtered keyset pages (also per device or user), and their events. */
import type { Installation } from "../../model/installation.entity";
import type { InstallationFilter, InstallationOrder } from "../inputs/filters";
import { InstallationOrderField, OrderDirection } from "../inputs/filters";
import type { PageRequest } from "../relay";
import { deviceColumns, selectDevice, type DeviceRow } from "./device.repository";
import {
  countFor,
  fetchCount,
  fetchPage,
  fetchPagesFor,
  type ListSpec,
  type Page,
  type WithInstants,
} from "./page";
import { userColumns, type UserRow } from "./user.repository";
import {
  keysetCondition,
  orderByClause,
  compareDateTime,
  compareEnum,
  compareString,
  compileLogical,
  Params,
  type SortKey,
  type SqlExecutor,
} from "./sql";

export type InstallationRow = WithInstants<Omit<Installation, "createdAt" | "updatedAt">>;

const COLUMNS: Array<[string, string]> = [
  ["tenant_id", "tenantId"],
  ["id", "id"],
  ["device_id", "deviceId"],
  ["agent_id", "agentId"],
  ["user_id", "userId"],
  ["channel", "channel"],
  ["host_ides", "hostIdes"],
  ["version", "version"],
  ["status", "status"],
  ["first_seen_at", "firstSeenAt"],
  ["last_seen_at", "lastSeenAt"],
  ["removed_at", "removedAt"],
  ["evidence", "evidence"],
];
/** Always read: the keys that scope an installation and reach its agent, device and user. */
const KEY_PROPERTIES = new Set(["tenantId", "id", "deviceId", "agentId", "userId"]);

/**
 * The columns as [SQL, property]; with `only`, just those properties (plus the keys): a page that does
 * not show the evidence does not read, send and parse it.
 */
function installationColumns(only?: ReadonlySet<string> | null): Array<[string, string]> {
  return COLUMNS.filter(([, property]) => !only || only.has(property) || KEY_PROPERTIES.has(property));
}

function selectInstallation(only?: ReadonlySet<string> | null): string {
  return installationColumns(only)
    .map(([column, property]) => `i.${column} AS "${property}"`)
    .join(", ");
}

const SELECT = selectInstallation();

const SORT: Record<InstallationOrderField, Omit<SortKey, "desc"> & { field: string }> = {
  [InstallationOrderField.ID]: { expr: "i.id", kind: "uuid", nullable: false, field: "id" },
  [InstallationOrderField.FIRST_SEEN_AT]: {
    expr: "i.first_seen_at",
    kind: "timestamp",
    nullable: false,
    field: "firstSeenAt",
  },
  [InstallationOrderField.LAST_SEEN_AT]: {
    expr: "i.last_seen_at",
    kind: "timestamp",
    nullable: false,
    field: "lastSeenAt",
  },
  [InstallationOrderField.REMOVED_AT]: {
    expr: "i.removed_at",
    kind: "timestamp",
    nullable: true,
    field: "removedAt",
  },
  [InstallationOrderField.VERSION]: { expr: "i.version", kind: "text", nullable: true, field: "version" },
};

export function installationSortKeys(orderBy: InstallationOrder[] | null | undefined) {
  return sortKeys(SORT, InstallationOrderField.ID, orderBy);
}

/** Turns `orderBy` into sort keys ending with the id tie-breaker (in the last key's direction). */
export function sortKeys<F extends string>(
  table: Record<F, Omit<SortKey, "desc"> & { field: string }>,
  idField: F,
  orderBy: Array<{ field: F; direction: OrderDirection }> | null | undefined,
): { keys: SortKey[]; fields: string[] } {
  const keys: SortKey[] = [];
  const fields: string[] = [];
  let lastDesc = false;
  for (const order of orderBy ?? []) {
    const { field, ...key } = table[order.field];
    lastDesc = order.direction === OrderDirection.DESC;
    if (fields.includes(field)) continue;
    keys.push({ ...key, desc: lastDesc });
    fields.push(field);
    if (order.field === idField) return { keys, fields };
  }
  const { field, ...id } = table[idField];
  keys.push({ ...id, desc: lastDesc });
  fields.push(field);
  return { keys, fields };
}

function filterFields(f: InstallationFilter, p: Params): string[] {
  const out: string[] = [];
  const agent = [
    ...(f.agentKey ? compareString("a.key", f.agentKey, p) : []),
    ...(f.agentCategory ? compareEnum("a.category", f.agentCategory, p) : []),
  ];
  if (agent.length) out.push(`i.agent_id IN (SELECT a.id FROM agent a WHERE ${agent.join(" AND ")})`);
  if (f.agentPolicy) {
    const policy =
      "(SELECT ap.policy FROM agent_policy ap WHERE ap.tenant_id = i.tenant_id AND ap.agent_id = i.agent_id)";
    out.push(...compareEnum(policy, f.agentPolicy, p));
  }
  if (f.status) out.push(...compareEnum("i.status", f.status, p));
  if (f.channel) out.push(...compareEnum("i.channel", f.channel, p));
  if (f.version) out.push(...compareString("i.version", f.version, p));
  if (f.firstSeenAt) out.push(...compareDateTime("i.first_seen_at", f.firstSeenAt, p));
  if (f.lastSeenAt) out.push(...compareDateTime("i.last_seen_at", f.lastSeenAt, p));
  if (f.removedAt) out.push(...compareDateTime("i.removed_at", f.removedAt, p));
  const device = [
    ...(f.deviceName ? compareString("d.name", f.deviceName, p) : []),
    ...(f.osPlatform ? compareString("d.os_platform", f.osPlatform, p) : []),
    ...(f.rbacGroupName ? compareString("d.rbac_group_name", f.rbacGroupName, p) : []),
    ...(f.deviceTag != null ? [`d.tags @> ARRAY[${p.add(f.deviceTag)}]::text[]`] : []),
  ];
  if (device.length) {
    out.push(
      `EXISTS (SELECT 1 FROM device d WHERE d.tenant_id = i.tenant_id AND d.id = i.device_id AND ${device.join(" AND ")})`,
    );
  }
  if (f.userUpn) {
    const user = compareString("u.upn", f.userUpn, p);
    if (user.length) {
      out.push(
        `EXISTS (SELECT 1 FROM user_account u WHERE u.tenant_id = i.tenant_id AND u.id = i.user_id AND ${user.join(" AND ")})`,
      );
    }
  }
  return out;
}

export interface InstallationQuery {
  filter?: InstallationFilter | null;
  orderBy?: InstallationOrder[] | null;
}

/** `columns`: the installation fields a query selects, when known (the sort keys are added). */
function spec(tenantId: string, query: InstallationQuery, columns?: ReadonlySet<string> | null): ListSpec {
  const params = new Params();
  const tenant = `i.tenant_id = ${params.add(tenantId)}`;
  const filter = compileLogical(query.filter, params, filterFields);
  const { keys, fields } = installationSortKeys(query.orderBy);
  return {
    select: columns ? selectInstallation(new Set([...columns, ...fields])) : SELECT,
    from: "installation i",
    where: filter === "TRUE" ? [tenant] : [tenant, filter],
    params,
    keys,
    fields,
  };
}

export type InstallationParent = "device" | "user";
const PARENT_COLUMN: Record<InstallationParent, string> = { device: "i.device_id", user: "i.user_id" };

/** An installation with its device and user, read in the same statement. */
export interface InstallationWithRelations {
  installation: InstallationRow;
  device: DeviceRow;
  user: UserRow | null;
}

const JOINS = `installation i
  JOIN device jd ON jd.tenant_id = i.tenant_id AND jd.id = i.device_id
  LEFT JOIN user_account ju ON ju.tenant_id = i.tenant_id AND ju.id = i.user_id`;

/** Copies `properties.length` values of an array row, from `offset`, into an object. */
function objectAt<T>(properties: string[], row: unknown[], offset: number): T {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < properties.length; i++) object[properties[i]] = row[offset + i];
  return object as T;
}

/** The fields of the installation and of the joined device and user a query selects, when known (null: all). */
export interface JoinedFields {
  installation: ReadonlySet<string> | null;
  device: ReadonlySet<string> | null;
  user: ReadonlySet<string> | null;
}

/** The select list of the joined page (no aliases: it travels as JSON arrays), and how to split its rows. */
function joinedSelect(fields: JoinedFields, sortFields: string[]) {
  const parts = [
    {
      alias: "i",
      columns: installationColumns(fields.installation && new Set([...fields.installation, ...sortFields])),
    },
    { alias: "jd", columns: deviceColumns(fields.device) },
    { alias: "ju", columns: userColumns(fields.user) },
  ].map((part) => ({ ...part, properties: part.columns.map(([, property]) => property) }));
  const [installation, device, user] = parts;
  const deviceOffset = installation.properties.length;
  const userOffset = deviceOffset + device.properties.length;
  const userId = userOffset + user.properties.indexOf("id");
  return {
    select: parts.flatMap((p) => p.columns.map(([column]) => `${p.alias}.${column}`)).join(", "),
    split: (row: unknown[]): InstallationWithRelations => ({
      installation: objectAt(installation.properties, row, 0),
      device: objectAt(device.properties, row, deviceOffset),
      user: row[userId] ? objectAt(user.properties, row, userOffset) : null,
    }),
  };
}

export class InstallationRepository {
  constructor(private readonly db: SqlExecutor) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<InstallationRow[]> {
    return this.db.rows(
      `SELECT ${SELECT} FROM installation i WHERE i.tenant_id = $1 AND i.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  page(tenantId: string, query: InstallationQuery, request: PageRequest): Promise<Page<InstallationRow>> {
    return fetchPage(this.db, spec(tenantId, query), request);
  }

  /**
   * A page with each installation's device and user joined in: the portal's main list in one statement
   * instead of three (the counting query stays on the installation table alone).
   */
  async pageWithRelations(
    tenantId: string,
    query: InstallationQuery,
    request: PageRequest,
    fields: JoinedFields = { installation: null, device: null, user: null },
  ): Promise<Page<InstallationWithRelations>> {
    const base = spec(tenantId, query);
    const joined = joinedSelect(fields, base.fields);
    const page = await fetchPage<unknown[]>(
      this.db,
      { ...base, select: joined.select, from: JOINS },
      request,
      "arrays",
    );
    const countSpec = spec(tenantId, query);
    return {
      rows: page.rows.map(joined.split),
      total: () => fetchCount(this.db, countSpec),
    };
  }

  /**
   * A device and one page of its installations in one statement (device detail), as one JSON value
   * (see `JsonPage`). PostgreSQL feeds json_agg the ordered, limited subquery in order, so the page
   * keeps its order. `columns`: the installation fields the page shows, when known.
   */
  async deviceWithPage(
    tenantId: string,
    deviceId: string,
    query: InstallationQuery,
    request: PageRequest,
    columns?: ReadonlySet<string> | null,
  ): Promise<{ device: DeviceRow; installations: InstallationRow[] } | null> {
    const page = spec(tenantId, query, columns);
    const deviceParam = page.params.add(deviceId);
    const keyset = keysetCondition(page.keys, request, page.params);
    const sql =
      `SELECT to_json(r) AS found FROM (SELECT ${selectDevice("d")}, (SELECT coalesce(json_agg(x), '[]'::json)` +
      ` FROM (SELECT ${page.select} FROM installation i WHERE ${page.where.join(" AND ")} AND i.device_id = d.id` +
      ` AND ${keyset} ORDER BY ${orderByClause(page.keys, request)} LIMIT ${request.limit + 1}) x) AS "__installations"` +
      ` FROM device d WHERE d.tenant_id = $1 AND d.id = ${deviceParam}::uuid) r`;
    const [row] = await this.db.rows<{ found: DeviceRow & { __installations: InstallationRow[] } }>(
      sql,
      page.params.values,
    );
    if (!row) return null;
    const { __installations: installations, ...device } = row.found;
    return { device, installations };
  }

  pagesFor(
    tenantId: string,
    parent: InstallationParent,
    parentIds: readonly string[],
    query: InstallationQuery,
    request: PageRequest,
  ): Promise<Map<string, InstallationRow[]>> {
    return fetchPagesFor(this.db, spec(tenantId, query), PARENT_COLUMN[parent], parentIds, request);
  }

  countsFor(
    tenantId: string,
    parent: InstallationParent,
    parentIds: readonly string[],
    query: InstallationQuery,
  ): Promise<Map<string, number>> {
    return countFor(this.db, spec(tenantId, query), PARENT_COLUMN[parent], parentIds);
  }
}
