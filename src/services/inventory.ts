/**
 * Reads of a tenant's inventory for the API (the read facade loaders and resolvers use): devices, users,
 * installations, sync runs, the change feed and the dashboard aggregates. Every read takes the caller
 * first and needs a role in the tenant; a tenant the caller may not see is not found.
 */
import { requireRole, type Caller } from "../model/caller";
import { Role } from "../model/enums";
import { DomainError, ErrorCode } from "../model/errors";
import type {
  AgentCount,
  CategoryCount,
  Changes,
  Coverage,
  DeviceQuery,
  DeviceRow,
  InstallationEventRow,
  InstallationParent,
  InstallationQuery,
  InstallationRow,
  InstallationWithRelations,
  JoinedFields,
  OsCount,
  Page,
  PageRequest,
  PagesByParent,
  SyncRunFilter,
  Rows,
  Store,
  SyncRunRow,
  UserQuery,
  UserRow,
} from "../store";

/** The window `summary.changes` covers when not given. */
const DEFAULT_CHANGES_WINDOW_MS = 7 * 24 * 3600 * 1000;

export class InventoryService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  devicesByIds(caller: Caller, tenantId: string, ids: readonly string[]): Promise<DeviceRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.devices.byIds(tenantId, ids);
  }

  /** `columns`: the device fields the caller selects, when known (the others are not read). */
  devices(
    caller: Caller,
    tenantId: string,
    query: DeviceQuery,
    request: PageRequest,
    columns?: ReadonlySet<string> | null,
  ): Promise<Page<DeviceRow>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.devices.page(tenantId, query, request, columns);
  }

  /** A device and one page of its installations, in one read (device detail); null when not found. */
  deviceWithInstallations(
    caller: Caller,
    tenantId: string,
    deviceId: string,
    query: InstallationQuery,
    request: PageRequest,
    columns?: ReadonlySet<string> | null,
  ): Promise<{ device: DeviceRow; installations: Rows<InstallationRow> } | null> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.installations.deviceWithPage(tenantId, deviceId, query, request, columns);
  }

  devicesOfUsers(
    caller: Caller,
    tenantId: string,
    userIds: readonly string[],
    request: PageRequest,
  ): Promise<PagesByParent<DeviceRow>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.devices.pagesForUsers(tenantId, userIds, request);
  }

  deviceCountsOfUsers(caller: Caller, tenantId: string, userIds: readonly string[]) {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.devices.countsForUsers(tenantId, userIds);
  }

  usersByIds(caller: Caller, tenantId: string, ids: readonly string[]): Promise<UserRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.users.byIds(tenantId, ids);
  }

  users(caller: Caller, tenantId: string, query: UserQuery, request: PageRequest): Promise<Page<UserRow>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.users.page(tenantId, query, request);
  }

  usersOfDevices(
    caller: Caller,
    tenantId: string,
    deviceIds: readonly string[],
    request: PageRequest,
  ): Promise<PagesByParent<UserRow>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.users.pagesForDevices(tenantId, deviceIds, request);
  }

  userCountsOfDevices(caller: Caller, tenantId: string, deviceIds: readonly string[]) {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.users.countsForDevices(tenantId, deviceIds);
  }

  installationsByIds(caller: Caller, tenantId: string, ids: readonly string[]): Promise<InstallationRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.installations.byIds(tenantId, ids);
  }

  /** A page of installations with their device and user (`fields`: what the caller selects of each). */
  installations(
    caller: Caller,
    tenantId: string,
    query: InstallationQuery,
    request: PageRequest,
    fields?: JoinedFields,
  ): Promise<Page<InstallationWithRelations>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.installations.pageWithRelations(tenantId, query, request, fields);
  }

  /** The installations of each device (or user), one page per parent. */
  installationsOf(
    caller: Caller,
    tenantId: string,
    parent: InstallationParent,
    parentIds: readonly string[],
    query: InstallationQuery,
    request: PageRequest,
  ): Promise<PagesByParent<InstallationRow>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.installations.pagesFor(tenantId, parent, parentIds, query, request);
  }

  installationCountsOf(
    caller: Caller,
    tenantId: string,
    parent: InstallationParent,
    parentIds: readonly string[],
    query: InstallationQuery,
  ): Promise<Map<string, number>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.installations.countsFor(tenantId, parent, parentIds, query);
  }

  syncRunsByIds(caller: Caller, tenantId: string, ids: readonly string[]): Promise<SyncRunRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.syncRuns.byIds(tenantId, ids);
  }

  /** The tenant's sync runs, newest first. */
  syncRuns(
    caller: Caller,
    tenantId: string,
    request: PageRequest,
    filter?: SyncRunFilter | null,
  ): Promise<Page<SyncRunRow>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.syncRuns.page(tenantId, request, filter);
  }

  eventsByIds(caller: Caller, tenantId: string, ids: readonly string[]): Promise<InstallationEventRow[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.events.byIds(tenantId, ids);
  }

  /** The change feed in `seq` order, optionally only events that occurred since a time. */
  events(
    caller: Caller,
    tenantId: string,
    since: Date | null,
    request: PageRequest,
  ): Promise<Page<InstallationEventRow>> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.events.feed(tenantId, since, request);
  }

  /** The tenant's inventory version: the aggregates below are computed once per version. */
  inventoryVersion(caller: Caller, tenantId: string): Promise<number | null> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.summary.version(tenantId);
  }

  byAgent(caller: Caller, tenantId: string, version: number | null): Promise<AgentCount[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.summary.byAgent(tenantId, version);
  }

  byCategory(caller: Caller, tenantId: string, version: number | null): Promise<CategoryCount[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.summary.byCategory(tenantId, version);
  }

  byOs(caller: Caller, tenantId: string, version: number | null): Promise<OsCount[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.summary.byOs(tenantId, version);
  }

  coverage(caller: Caller, tenantId: string, version: number | null): Promise<Coverage> {
    requireRole(caller, tenantId, Role.VIEWER);
    return this.store.summary.coverage(tenantId, version);
  }

  /** Installations first seen, and removed, in [since, until) (default: the 7 days before now). */
  async changes(
    caller: Caller,
    tenantId: string,
    since?: Date | null,
    until?: Date | null,
  ): Promise<Changes & { since: Date; until: Date }> {
    requireRole(caller, tenantId, Role.VIEWER);
    const end = until ?? this.now();
    const start = since ?? new Date(end.getTime() - DEFAULT_CHANGES_WINDOW_MS);
    if (start >= end) throw new DomainError(ErrorCode.BAD_USER_INPUT, "`since` must be before `until`");
    return { since: start, until: end, ...(await this.store.summary.changes(tenantId, start, end)) };
  }
}
