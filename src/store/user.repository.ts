/** Users of a tenant: by id, filtered keyset pages, and the users of devices (through device_user). */
import { selectList, userColumns, type UserRow } from "./columns";
import {
  compareString,
  compileLogical,
  Params,
  UserOrderField,
  type UserFilter,
  type UserQuery,
} from "./filters";
import { sortKeys, type PageRequest, type SortField } from "./keyset";
import { countFor, fetchPage, fetchPagesFor, type ListSpec, type Page, type PagesByParent } from "./page";
import type { Sql } from "./sql";

const SELECT = selectList("u", userColumns());

const SORT: Record<UserOrderField, SortField> = {
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

function spec(tenantId: string, query: UserQuery, from = "user_account u"): ListSpec {
  const params = new Params();
  const tenant = `u.tenant_id = ${params.add(tenantId)}`;
  const filter = compileLogical(query.filter, params, filterFields);
  const { keys, fields } = sortKeys(SORT, UserOrderField.ID, query.orderBy);
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
  constructor(private readonly db: Sql) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<UserRow[]> {
    return this.db.rows(
      `SELECT ${SELECT} FROM user_account u WHERE u.tenant_id = $1 AND u.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  page(tenantId: string, query: UserQuery, request: PageRequest): Promise<Page<UserRow>> {
    return fetchPage(this.db, spec(tenantId, query), request);
  }

  /** The users seen on each device, one page per device, by id. */
  pagesForDevices(
    tenantId: string,
    deviceIds: readonly string[],
    request: PageRequest,
  ): Promise<PagesByParent<UserRow>> {
    return fetchPagesFor<UserRow>(
      this.db,
      spec(tenantId, {}, VIA_DEVICES),
      "du.device_id",
      deviceIds,
      request,
    );
  }

  countsForDevices(tenantId: string, deviceIds: readonly string[]): Promise<Map<string, number>> {
    return countFor(this.db, spec(tenantId, {}, VIA_DEVICES), "du.device_id", deviceIds);
  }
}
