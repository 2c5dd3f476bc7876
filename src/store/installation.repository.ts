/** Installations of a tenant: by id, filtered keyset pages (also per device or user), and their relations. */
import {
  deviceColumns,
  installationColumns,
  selectList,
  userColumns,
  type DeviceRow,
  type InstallationRow,
  type UserRow,
} from "./columns";
import {
  compareDateTime,
  compareEnum,
  compareString,
  compileLogical,
  InstallationOrderField,
  Params,
  type InstallationFilter,
  type InstallationQuery,
  type Order,
} from "./filters";
import {
  cursorOf,
  keysetCondition,
  orderByClause,
  sortKeys,
  type Keyset,
  type PageRequest,
  type SortField,
} from "./keyset";
import {
  countFor,
  fetchCount,
  fetchPage,
  fetchPagesFor,
  type ListSpec,
  type Page,
  type PagesByParent,
  type Rows,
} from "./page";
import type { Sql } from "./sql";

const SELECT = selectList("i", installationColumns());

const SORT: Record<InstallationOrderField, SortField> = {
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
  [InstallationOrderField.LAST_USED_AT]: {
    expr: "i.last_used_at",
    kind: "timestamp",
    nullable: true,
    field: "lastUsedAt",
  },
};

function installationKeyset(orderBy: Order<InstallationOrderField>[] | null | undefined): Keyset {
  return sortKeys(SORT, InstallationOrderField.ID, orderBy);
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
  if (f.activity) out.push(...compareEnum("i.activity", f.activity, p));
  if (f.lastUsedAt) out.push(...compareDateTime("i.last_used_at", f.lastUsedAt, p));
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

/** `columns`: the installation fields a query selects, when known (the sort keys are added). */
function spec(tenantId: string, query: InstallationQuery, columns?: ReadonlySet<string> | null): ListSpec {
  const params = new Params();
  const tenant = `i.tenant_id = ${params.add(tenantId)}`;
  const filter = compileLogical(query.filter, params, filterFields);
  const { keys, fields } = installationKeyset(query.orderBy);
  return {
    select: columns ? selectList("i", installationColumns(new Set([...columns, ...fields]))) : SELECT,
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
  constructor(private readonly db: Sql) {}

  /** How many of the tenant's installations are in each status (for the operator's metrics). */
  async countByStatus(tenantId: string): Promise<Array<{ status: string; count: number }>> {
    return this.db.rows(
      `SELECT status, count(*)::int AS count FROM installation WHERE tenant_id = $1 GROUP BY status`,
      [tenantId],
    );
  }

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
    const cursor = cursorOf<InstallationRow>(base);
    return {
      rows: page.rows.map(joined.split),
      cursor: (row) => cursor(row.installation),
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
  ): Promise<{ device: DeviceRow; installations: Rows<InstallationRow> } | null> {
    const page = spec(tenantId, query, columns);
    const deviceParam = page.params.add(deviceId);
    const keyset = keysetCondition(page.keys, request, page.params);
    const sql =
      `SELECT to_json(r) AS found FROM (SELECT ${selectList("d", deviceColumns())}, (SELECT coalesce(json_agg(x), '[]'::json)` +
      ` FROM (SELECT ${page.select} FROM installation i WHERE ${page.where.join(" AND ")} AND i.device_id = d.id` +
      ` AND ${keyset} ORDER BY ${orderByClause(page.keys, request)} LIMIT ${request.limit + 1}) x) AS "__installations"` +
      ` FROM device d WHERE d.tenant_id = $1 AND d.id = ${deviceParam}::uuid) r`;
    const [row] = await this.db.rows<{ found: DeviceRow & { __installations: InstallationRow[] } }>(
      sql,
      page.params.values,
    );
    if (!row) return null;
    const { __installations: installations, ...device } = row.found;
    return { device, installations: { rows: installations, cursor: cursorOf(page) } };
  }

  pagesFor(
    tenantId: string,
    parent: InstallationParent,
    parentIds: readonly string[],
    query: InstallationQuery,
    request: PageRequest,
  ): Promise<PagesByParent<InstallationRow>> {
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
