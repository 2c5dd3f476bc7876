/** Users of a tenant: by id, filtered keyset pages, and the users of devices (through device_user). */
import type { User } from "../../model/user.entity";
import { UserOrderField, type UserFilter, type UserOrder } from "../inputs/filters";
import type { PageRequest } from "../relay";
import { sortKeys } from "./installation.repository";
import { countFor, fetchPage, fetchPagesFor, type ListSpec, type Page, type WithInstants } from "./page";
import { compareString, compileLogical, Params, type SortKey, type SqlExecutor } from "./sql";

export type UserRow = WithInstants<Omit<User, "createdAt" | "updatedAt" | "identityKey">>;

/** Columns as [SQL, property]; `selectUser` aliases them, optionally with a prefix for joins. */
const COLUMNS: Array<[string, string]> = [
  ["tenant_id", "tenantId"],
  ["id", "id"],
  ["upn", "upn"],
  ["account_name", "accountName"],
  ["account_domain", "accountDomain"],
  ["sid", "sid"],
  ["aad_object_id", "aadObjectId"],
  ["last_seen_at", "lastSeenAt"],
];

export function selectUser(alias: string, prefix = ""): string {
  return COLUMNS.map(([column, property]) => `${alias}.${column} AS "${prefix}${property}"`).join(", ");
}

/** The columns as [SQL, property]; with `only`, just those properties (plus the keys). */
export function userColumns(only?: ReadonlySet<string> | null): Array<[string, string]> {
  return COLUMNS.filter(
    ([, property]) => !only || only.has(property) || property === "tenantId" || property === "id",
  );
}

const SELECT = selectUser("u");

const SORT: Record<UserOrderField, Omit<SortKey, "desc"> & { field: string }> = {
  [UserOrderField.ID]: { expr: "u.id", kind: "uuid", nullable: false, field: "id" },
  [UserOrderField.UPN]: { expr: "u.upn", kind: "text", nullable: true, field: "upn" },
  [UserOrderField.ACCOUNT_NAME]: {
    expr: "u.account_name",
    kind: "text",
    nullable: true,
    field: "accountName",
  },
  [UserOrderField.LAST_SEEN_AT]: {
    expr: "u.last_seen_at",
    kind: "timestamp",
    nullable: true,
    field: "lastSeenAt",
  },
};

function activeInstallation(agentCondition: string | null): string {
  const agent = agentCondition ? ` AND i.agent_id IN (SELECT a.id FROM agent a WHERE ${agentCondition})` : "";
  return `EXISTS (SELECT 1 FROM installation i WHERE i.tenant_id = u.tenant_id AND i.user_id = u.id AND i.status = 'ACTIVE'${agent})`;
}

function filterFields(f: UserFilter, p: Params): string[] {
  const out: string[] = [];
  if (f.upn) out.push(...compareString("u.upn", f.upn, p));
  if (f.accountName) out.push(...compareString("u.account_name", f.accountName, p));
  if (f.hasAgent != null) out.push(`${f.hasAgent ? "" : "NOT "}${activeInstallation(null)}`);
  if (f.agentKey) {
    const key = compareString("a.key", f.agentKey, p);
    if (key.length) out.push(activeInstallation(key.join(" AND ")));
  }
  return out;
}

export interface UserQuery {
  filter?: UserFilter | null;
  orderBy?: UserOrder[] | null;
}

export function userSortKeys(orderBy: UserOrder[] | null | undefined) {
  return sortKeys(SORT, UserOrderField.ID, orderBy);
}

function spec(tenantId: string, query: UserQuery, from = "user_account u"): ListSpec {
  const params = new Params();
  const tenant = `u.tenant_id = ${params.add(tenantId)}`;
  const filter = compileLogical(query.filter, params, filterFields);
  const { keys, fields } = userSortKeys(query.orderBy);
  return {
    select: SELECT,
    from,
    where: filter === "TRUE" ? [tenant] : [tenant, filter],
    params,
    keys,
    fields,
  };
}

const VIA_DEVICES = "device_user du JOIN user_account u ON u.tenant_id = du.tenant_id AND u.id = du.user_id";

export class UserRepository {
  constructor(private readonly db: SqlExecutor) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<UserRow[]> {
    return this.db.rows(
      `SELECT ${SELECT} FROM user_account u WHERE u.tenant_id = $1 AND u.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  page(tenantId: string, query: UserQuery, request: PageRequest): Promise<Page<UserRow>> {
    return fetchPage(this.db, spec(tenantId, query), request);
  }

  /** The users seen on each device, one page per device. */
  pagesForDevices(tenantId: string, deviceIds: readonly string[], request: PageRequest) {
    return fetchPagesFor<UserRow>(
      this.db,
      spec(tenantId, {}, VIA_DEVICES),
      "du.device_id",
      deviceIds,
      request,
    );
  }

  countsForDevices(tenantId: string, deviceIds: readonly string[]) {
    return countFor(this.db, spec(tenantId, {}, VIA_DEVICES), "du.device_id", deviceIds);
  }
}
