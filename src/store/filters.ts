/**
 * Filters and orders of the inventory lists, and their compilation to SQL: comparators on text, instants
 * and enums, combined with and/or/not, every value a positional parameter. The API's filter inputs
 * implement these shapes; a new filter field is a property here, a line in its repository's
 * `filterFields` and a field on the input (docs/architecture.md).
 */
import type {
  AgentCategory,
  AgentPolicyValue,
  InstallationActivity,
  InstallationChannel,
  InstallationStatus,
  IntegrationStatus,
  SyncRunStatus,
  SyncTrigger,
} from "../model/enums";
import { DomainError, ErrorCode } from "../model/errors";

/** Collects positional parameters while a statement is assembled. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const MAX_LIST = 100;
/** Filters may nest and/or/not; variables bypass the depth rule, so the compiler bounds nesting itself. */
export const MAX_FILTER_DEPTH = 6;

export function badInput(message: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message);
}

function list(values: unknown[], name: string): unknown[] {
  if (values.length > MAX_LIST) throw badInput(`\`${name}\` takes at most ${MAX_LIST} values`);
  return values;
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface StringCompare {
  eq?: string | null;
  neq?: string | null;
  in?: string[] | null;
  nin?: string[] | null;
  contains?: string | null;
  containsIgnoreCase?: string | null;
  startsWith?: string | null;
  isNull?: boolean | null;
}

export interface DateTimeCompare {
  eq?: Date | null;
  lt?: Date | null;
  lte?: Date | null;
  gt?: Date | null;
  gte?: Date | null;
  isNull?: boolean | null;
}

export interface EnumCompare<E> {
  eq?: E | null;
  neq?: E | null;
  in?: E[] | null;
  nin?: E[] | null;
  isNull?: boolean | null;
}

export function compareString(expr: string, c: StringCompare, p: Params): string[] {
  const out: string[] = [];
  if (c.eq != null) out.push(`${expr} = ${p.add(c.eq)}`);
  if (c.neq != null) out.push(`${expr} IS DISTINCT FROM ${p.add(c.neq)}`);
  if (c.in != null) out.push(`${expr} = ANY(${p.add(list(c.in, "in"))}::text[])`);
  if (c.nin != null) out.push(`NOT (${expr} = ANY(${p.add(list(c.nin, "nin"))}::text[]))`);
  if (c.contains != null) out.push(`${expr} LIKE ${p.add(`%${escapeLike(c.contains)}%`)}`);
  if (c.containsIgnoreCase != null)
    out.push(`${expr} ILIKE ${p.add(`%${escapeLike(c.containsIgnoreCase)}%`)}`);
  if (c.startsWith != null) out.push(`${expr} LIKE ${p.add(`${escapeLike(c.startsWith)}%`)}`);
  if (c.isNull != null) out.push(`${expr} IS ${c.isNull ? "" : "NOT "}NULL`);
  return out;
}

export function compareDateTime(expr: string, c: DateTimeCompare, p: Params): string[] {
  const out: string[] = [];
  if (c.eq != null) out.push(`${expr} = ${p.add(c.eq)}`);
  if (c.lt != null) out.push(`${expr} < ${p.add(c.lt)}`);
  if (c.lte != null) out.push(`${expr} <= ${p.add(c.lte)}`);
  if (c.gt != null) out.push(`${expr} > ${p.add(c.gt)}`);
  if (c.gte != null) out.push(`${expr} >= ${p.add(c.gte)}`);
  if (c.isNull != null) out.push(`${expr} IS ${c.isNull ? "" : "NOT "}NULL`);
  return out;
}

/** Enum columns are compared as text so one array type serves every enum. */
export function compareEnum<E>(expr: string, c: EnumCompare<E>, p: Params): string[] {
  const out: string[] = [];
  if (c.eq != null) out.push(`${expr}::text = ${p.add(c.eq)}`);
  if (c.neq != null) out.push(`${expr}::text <> ${p.add(c.neq)}`);
  if (c.in != null) out.push(`${expr}::text = ANY(${p.add(list(c.in, "in"))}::text[])`);
  if (c.nin != null) out.push(`NOT (${expr}::text = ANY(${p.add(list(c.nin, "nin"))}::text[]))`);
  if (c.isNull != null) out.push(`${expr} IS ${c.isNull ? "" : "NOT "}NULL`);
  return out;
}

export interface Logical<F> {
  and?: F[] | null;
  or?: F[] | null;
  not?: F | null;
}

/** Compiles a filter with and/or/not into one SQL condition (TRUE when empty). */
export function compileLogical<F extends Logical<F>>(
  filter: F | null | undefined,
  p: Params,
  fields: (filter: F, p: Params) => string[],
  depth = 0,
): string {
  if (!filter) return "TRUE";
  if (depth > MAX_FILTER_DEPTH) throw badInput(`Filters nest at most ${MAX_FILTER_DEPTH} levels deep`);
  const parts = fields(filter, p);
  if (filter.and) {
    for (const f of list(filter.and, "and") as F[]) parts.push(compileLogical(f, p, fields, depth + 1));
  }
  if (filter.or) {
    const any = (list(filter.or, "or") as F[]).map((f) => compileLogical(f, p, fields, depth + 1));
    parts.push(any.length ? `(${any.join(" OR ")})` : "FALSE");
  }
  if (filter.not) parts.push(`NOT (${compileLogical(filter.not, p, fields, depth + 1)})`);
  return parts.length ? `(${parts.join(" AND ")})` : "TRUE";
}

/** Which installations to return; all given conditions must hold. */
export interface InstallationFilter extends Logical<InstallationFilter> {
  agentKey?: StringCompare | null;
  agentCategory?: EnumCompare<AgentCategory> | null;
  agentPolicy?: EnumCompare<AgentPolicyValue> | null;
  status?: EnumCompare<InstallationStatus> | null;
  channel?: EnumCompare<InstallationChannel> | null;
  version?: StringCompare | null;
  firstSeenAt?: DateTimeCompare | null;
  lastSeenAt?: DateTimeCompare | null;
  removedAt?: DateTimeCompare | null;
  activity?: EnumCompare<InstallationActivity> | null;
  lastUsedAt?: DateTimeCompare | null;
  deviceName?: StringCompare | null;
  osPlatform?: StringCompare | null;
  rbacGroupName?: StringCompare | null;
  deviceTag?: string | null;
  userUpn?: StringCompare | null;
}

/** Which devices to return; all given conditions must hold. */
export interface DeviceFilter extends Logical<DeviceFilter> {
  name?: StringCompare | null;
  osPlatform?: StringCompare | null;
  healthStatus?: StringCompare | null;
  rbacGroupName?: StringCompare | null;
  tag?: string | null;
  stale?: boolean | null;
  hasAgent?: boolean | null;
  agentKey?: StringCompare | null;
  lastSeenAt?: DateTimeCompare | null;
}

/** Which users to return; all given conditions must hold. */
export interface UserFilter extends Logical<UserFilter> {
  upn?: StringCompare | null;
  accountName?: StringCompare | null;
  hasAgent?: boolean | null;
  agentKey?: StringCompare | null;
}

/** Which tenants to return; all given conditions must hold. */
export interface TenantFilter {
  nameContains?: string | null;
  status?: EnumCompare<IntegrationStatus> | null;
}

/** Which sync runs to return; all given conditions must hold. */
export interface SyncRunFilter {
  status?: EnumCompare<SyncRunStatus> | null;
  trigger?: EnumCompare<SyncTrigger> | null;
}

/** Which audit events to return; all given conditions must hold. */
export interface AuditEventFilter {
  /** The acting API key's id; null: an ID that names no key (matches nothing). */
  actorKeyId?: string | null;
  action?: StringCompare | null;
  occurredAt?: DateTimeCompare | null;
}

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}

export enum InstallationOrderField {
  ID = "ID",
  FIRST_SEEN_AT = "FIRST_SEEN_AT",
  LAST_SEEN_AT = "LAST_SEEN_AT",
  REMOVED_AT = "REMOVED_AT",
  VERSION = "VERSION",
  LAST_USED_AT = "LAST_USED_AT",
}

export enum DeviceOrderField {
  ID = "ID",
  NAME = "NAME",
  LAST_SEEN_AT = "LAST_SEEN_AT",
  FIRST_SEEN_AT = "FIRST_SEEN_AT",
  OS_PLATFORM = "OS_PLATFORM",
}

export enum UserOrderField {
  ID = "ID",
  UPN = "UPN",
  ACCOUNT_NAME = "ACCOUNT_NAME",
  LAST_SEEN_AT = "LAST_SEEN_AT",
}

/** One sort key of a list: what to sort by, and which way. */
export interface Order<F extends string> {
  field: F;
  direction: OrderDirection;
}

export interface InstallationQuery {
  filter?: InstallationFilter | null;
  orderBy?: Order<InstallationOrderField>[] | null;
}

export interface DeviceQuery {
  filter?: DeviceFilter | null;
  orderBy?: Order<DeviceOrderField>[] | null;
}

export interface UserQuery {
  filter?: UserFilter | null;
  orderBy?: Order<UserOrderField>[] | null;
}
