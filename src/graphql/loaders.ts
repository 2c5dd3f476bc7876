/**
 * Per-request DataLoaders, keyed by tenant: every relation of a page is fetched in one statement per
 * relation, whatever the page size. Loaders live exactly as long as the request's context (a cached row
 * must never outlive the caller that was allowed to read it).
 */
import DataLoader from "dataloader";
import type { AgentPolicyValue } from "../model/enums";
import type { GraphQLContext } from "./context";
import type { InventoryRepositories } from "./repositories";
import type { AgentRow } from "./repositories/agent.repository";
import type { DeviceRow } from "./repositories/device.repository";
import type { InstallationEventRow } from "./repositories/installation-event.repository";
import type {
  InstallationParent,
  InstallationQuery,
  InstallationRow,
} from "./repositories/installation.repository";
import type { SyncRunRow } from "./repositories/sync-run.repository";
import type { UserRow } from "./repositories/user.repository";
import type { PageRequest } from "./relay";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const tenantKey = (tenantId: string, id: string): string => `${tenantId}:${id}`;

/** Groups `tenant:id` keys by tenant and fetches each tenant's rows with one call. */
function byTenant<R extends { id: string }>(fetch: (tenantId: string, ids: string[]) => Promise<R[]>) {
  return new DataLoader<string, R | null>(async (keys) => {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const [tenantId, id] = key.split(":");
      if (!UUID.test(id)) continue; // forged keys find nothing instead of failing the cast
      groups.set(tenantId, [...(groups.get(tenantId) ?? []), id]);
    }
    const found = new Map<string, R>();
    await Promise.all(
      [...groups].map(async ([tenantId, ids]) => {
        for (const row of await fetch(tenantId, ids)) found.set(tenantKey(tenantId, row.id), row);
      }),
    );
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** Loaders whose key is a parent id, for one nested connection shape (same arguments). */
type PagesLoader<R> = DataLoader<string, R[]>;

export class Loaders {
  readonly agent: DataLoader<string, AgentRow | null>;
  /** Key `tenant:agent`. */
  readonly policy: DataLoader<string, AgentPolicyValue | null>;
  readonly device: DataLoader<string, DeviceRow | null>;
  readonly user: DataLoader<string, UserRow | null>;
  readonly installation: DataLoader<string, InstallationRow | null>;
  readonly syncRun: DataLoader<string, SyncRunRow | null>;
  readonly event: DataLoader<string, InstallationEventRow | null>;
  private readonly nested = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly repos: InventoryRepositories) {
    this.agent = new DataLoader(async (ids) => {
      const rows = await repos.agents.byIds(ids.filter((id) => UUID.test(id)));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.policy = new DataLoader(async (keys) => {
      const groups = new Map<string, string[]>();
      for (const key of keys) {
        const [tenantId, agentId] = key.split(":");
        groups.set(tenantId, [...(groups.get(tenantId) ?? []), agentId]);
      }
      const found = new Map<string, AgentPolicyValue>();
      await Promise.all(
        [...groups].map(async ([tenantId, agentIds]) => {
          for (const row of await repos.agents.policies(tenantId, agentIds))
            found.set(tenantKey(tenantId, row.agentId), row.policy);
        }),
      );
      return keys.map((key) => found.get(key) ?? null);
    });
    this.device = byTenant((t, ids) => repos.devices.byIds(t, ids));
    this.user = byTenant((t, ids) => repos.users.byIds(t, ids));
    this.installation = byTenant((t, ids) => repos.installations.byIds(t, ids));
    this.syncRun = byTenant((t, ids) => repos.syncRuns.byIds(t, ids));
    this.event = byTenant((t, ids) => repos.events.byIds(t, ids));
  }

  /** Installations of many devices (or users) with the same arguments: one LATERAL statement. */
  installationsOf(
    tenantId: string,
    parent: InstallationParent,
    query: InstallationQuery,
    request: PageRequest,
  ): PagesLoader<InstallationRow> {
    return this.nestedLoader(["installations", tenantId, parent, query, request], (ids) =>
      this.repos.installations.pagesFor(tenantId, parent, ids, query, request),
    );
  }

  installationCountsOf(tenantId: string, parent: InstallationParent, query: InstallationQuery) {
    return this.nestedLoader(["installationCounts", tenantId, parent, query], (ids) =>
      this.repos.installations.countsFor(tenantId, parent, ids, query),
    );
  }

  devicesOfUsers(tenantId: string, request: PageRequest): PagesLoader<DeviceRow> {
    return this.nestedLoader(["devicesOfUsers", tenantId, request], (ids) =>
      this.repos.devices.pagesForUsers(tenantId, ids, request),
    );
  }

  deviceCountsOfUsers(tenantId: string) {
    return this.nestedLoader(["deviceCountsOfUsers", tenantId], (ids) =>
      this.repos.devices.countsForUsers(tenantId, ids),
    );
  }

  usersOfDevices(tenantId: string, request: PageRequest): PagesLoader<UserRow> {
    return this.nestedLoader(["usersOfDevices", tenantId, request], (ids) =>
      this.repos.users.pagesForDevices(tenantId, ids, request),
    );
  }

  userCountsOfDevices(tenantId: string) {
    return this.nestedLoader(["userCountsOfDevices", tenantId], (ids) =>
      this.repos.users.countsForDevices(tenantId, ids),
    );
  }

  private nestedLoader<V>(
    signature: unknown[],
    fetch: (ids: readonly string[]) => Promise<Map<string, V>>,
  ): DataLoader<string, V> {
    const key = JSON.stringify(signature);
    let loader = this.nested.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(async (ids) => {
        const found = await fetch(ids);
        return ids.map((id) => found.get(id) as V);
      });
      this.nested.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}

const perRequest = new WeakMap<GraphQLContext, Loaders>();

export function loaders(ctx: GraphQLContext): Loaders {
  let found = perRequest.get(ctx);
  if (!found) {
    found = new Loaders(ctx.services.inventory);
    perRequest.set(ctx, found);
  }
  return found;
}
