/**
 * Per-request DataLoaders, keyed by tenant: every relation of a page is fetched in one statement per
 * relation, whatever the page size. They read through the services (services/inventory.ts, the read
 * facade), with the request's caller. Loaders live exactly as long as the request's context (a cached
 * row must never outlive the caller that was allowed to read it).
 */
import DataLoader from "dataloader";
import type {
  AgentPolicyRow,
  AgentRow,
  DeviceRow,
  InstallationEventRow,
  InstallationParent,
  InstallationQuery,
  InstallationRow,
  PageRequest,
  PagesByParent,
  Rows,
  SyncRunRow,
  UserRow,
  TenantRow,
} from "../store";
import type { GraphQLContext } from "./context";

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
type PagesLoader<R> = DataLoader<string, Rows<R>>;

export class Loaders {
  readonly agent: DataLoader<string, AgentRow | null>;
  /** Key `tenant:agent`. */
  readonly policy: DataLoader<string, AgentPolicyRow | null>;
  /** Tenants by id, for `tenant` on the objects a tenant owns: a page of them asks for one tenant, once. */
  readonly tenant: DataLoader<string, TenantRow | null>;
  readonly device: DataLoader<string, DeviceRow | null>;
  readonly user: DataLoader<string, UserRow | null>;
  readonly installation: DataLoader<string, InstallationRow | null>;
  readonly syncRun: DataLoader<string, SyncRunRow | null>;
  readonly event: DataLoader<string, InstallationEventRow | null>;
  private readonly nested = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly ctx: GraphQLContext) {
    const { inventory, agents } = ctx.services;
    const caller = ctx.caller;
    this.agent = new DataLoader(async (ids) => {
      const rows = await agents.byIds(ids.filter((id) => UUID.test(id)));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.policy = new DataLoader(async (keys) => {
      const groups = new Map<string, string[]>();
      for (const key of keys) {
        const [tenantId, agentId] = key.split(":");
        groups.set(tenantId, [...(groups.get(tenantId) ?? []), agentId]);
      }
      const found = new Map<string, AgentPolicyRow>();
      await Promise.all(
        [...groups].map(async ([tenantId, agentIds]) => {
          for (const row of await agents.policies(caller, tenantId, agentIds))
            found.set(tenantKey(tenantId, row.agentId), row);
        }),
      );
      return keys.map((key) => found.get(key) ?? null);
    });
    this.tenant = new DataLoader((ids) => Promise.all(ids.map((id) => ctx.services.tenants.get(caller, id))));
    this.device = byTenant((t, ids) => inventory.devicesByIds(caller, t, ids));
    this.user = byTenant((t, ids) => inventory.usersByIds(caller, t, ids));
    this.installation = byTenant((t, ids) => inventory.installationsByIds(caller, t, ids));
    this.syncRun = byTenant((t, ids) => inventory.syncRunsByIds(caller, t, ids));
    this.event = byTenant((t, ids) => inventory.eventsByIds(caller, t, ids));
  }

  /** Installations of many devices (or users) with the same arguments: one LATERAL statement. */
  installationsOf(
    tenantId: string,
    parent: InstallationParent,
    query: InstallationQuery,
    request: PageRequest,
  ): PagesLoader<InstallationRow> {
    return this.pagesLoader(["installations", tenantId, parent, query, request], (ids) =>
      this.ctx.services.inventory.installationsOf(this.ctx.caller, tenantId, parent, ids, query, request),
    );
  }

  installationCountsOf(tenantId: string, parent: InstallationParent, query: InstallationQuery) {
    return this.nestedLoader(["installationCounts", tenantId, parent, query], (ids) =>
      this.ctx.services.inventory.installationCountsOf(this.ctx.caller, tenantId, parent, ids, query),
    );
  }

  devicesOfUsers(tenantId: string, request: PageRequest): PagesLoader<DeviceRow> {
    return this.pagesLoader(["devicesOfUsers", tenantId, request], (ids) =>
      this.ctx.services.inventory.devicesOfUsers(this.ctx.caller, tenantId, ids, request),
    );
  }

  deviceCountsOfUsers(tenantId: string) {
    return this.nestedLoader(["deviceCountsOfUsers", tenantId], (ids) =>
      this.ctx.services.inventory.deviceCountsOfUsers(this.ctx.caller, tenantId, ids),
    );
  }

  usersOfDevices(tenantId: string, request: PageRequest): PagesLoader<UserRow> {
    return this.pagesLoader(["usersOfDevices", tenantId, request], (ids) =>
      this.ctx.services.inventory.usersOfDevices(this.ctx.caller, tenantId, ids, request),
    );
  }

  userCountsOfDevices(tenantId: string) {
    return this.nestedLoader(["userCountsOfDevices", tenantId], (ids) =>
      this.ctx.services.inventory.userCountsOfDevices(this.ctx.caller, tenantId, ids),
    );
  }

  /** A loader of one page per parent: each parent's rows with the page's cursor reader. */
  private pagesLoader<R>(
    signature: unknown[],
    fetch: (ids: readonly string[]) => Promise<PagesByParent<R>>,
  ): PagesLoader<R> {
    return this.nestedLoader(signature, async (ids) => {
      const { pages, cursor } = await fetch(ids);
      return new Map(ids.map((id) => [id, { rows: pages.get(id) ?? [], cursor }]));
    });
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
    found = new Loaders(ctx);
    perRequest.set(ctx, found);
  }
  return found;
}
