/**
 * The columns of the inventory's rows as the API reads them, as [SQL column, row property]: one list per
 * table, shared by that table's repository and by the statements that join it (an installation page
 * with its device and user, a device with its installations).
 */
import type { Device } from "../model/device.entity";
import type { Installation } from "../model/installation.entity";
import type { User } from "../model/user.entity";
import type { WithInstants } from "./page";

export type Column = [column: string, property: string];

export type DeviceRow = WithInstants<
  Omit<Device, "createdAt" | "updatedAt" | "missingSince" | "rbacGroupId">
>;
export type UserRow = WithInstants<Omit<User, "createdAt" | "updatedAt" | "identityKey">>;
/** The day list behind the activity counts stays with the sync (src/sync/activity.ts). */
export type InstallationRow = WithInstants<Omit<Installation, "createdAt" | "updatedAt" | "activeDays">>;

const DEVICE: Column[] = [
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

const USER: Column[] = [
  ["tenant_id", "tenantId"],
  ["id", "id"],
  ["upn", "upn"],
  ["account_name", "accountName"],
  ["account_domain", "accountDomain"],
  ["sid", "sid"],
  ["aad_object_id", "aadObjectId"],
  ["last_seen_at", "lastSeenAt"],
];

const INSTALLATION: Column[] = [
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
  ["activity", "activity"],
  ["last_used_at", "lastUsedAt"],
  ["active_days7", "activeDays7"],
  ["active_days30", "activeDays30"],
];

/** Always read: the tenant and id scope every relation of a row. */
const ROW_KEYS = new Set(["tenantId", "id"]);
/** An installation also always reads the keys that reach its agent, device and user. */
const INSTALLATION_KEYS = new Set([...ROW_KEYS, "deviceId", "agentId", "userId"]);

/**
 * A table's columns; with `only`, just those properties (plus the keys): a page that does not show a
 * column (an installation's evidence, most of a device) does not read, send and parse it.
 */
function pick(columns: Column[], keys: ReadonlySet<string>, only?: ReadonlySet<string> | null): Column[] {
  return columns.filter(([, property]) => !only || only.has(property) || keys.has(property));
}

export const deviceColumns = (only?: ReadonlySet<string> | null) => pick(DEVICE, ROW_KEYS, only);
export const userColumns = (only?: ReadonlySet<string> | null) => pick(USER, ROW_KEYS, only);
export const installationColumns = (only?: ReadonlySet<string> | null) =>
  pick(INSTALLATION, INSTALLATION_KEYS, only);

/** A select list of `columns` read from `alias`, each aliased to its property. */
export function selectList(alias: string, columns: Column[]): string {
  return columns.map(([column, property]) => `${alias}.${column} AS "${property}"`).join(", ");
}
