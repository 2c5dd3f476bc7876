/** `InstallationEvent` and `SyncRun` through `node(id:)`, and an event's relations. */
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context";
import { loaders, tenantKey } from "../loaders";
import { InstallationEventObject, toInstallationEventObject } from "../types/installation-event.type";
import { InstallationType, toInstallationType } from "../types/installation.type";
import { SyncRunType, toSyncRunType } from "../types/sync-run.type";
import { installationRelations } from "./installation.resolver";
import { registerNodeType } from "./node.resolver";

registerNodeType("InstallationEvent", async (ctx, id) => {
  const row = await loaders(ctx).event.load(tenantKey(id.tenantId!, id.key));
  return row ? toInstallationEventObject(row) : null;
});

registerNodeType("SyncRun", async (ctx, id) => {
  const row = await loaders(ctx).syncRun.load(tenantKey(id.tenantId!, id.key));
  return row ? toSyncRunType(row) : null;
});

@Resolver(() => InstallationEventObject)
export class InstallationEventResolver {
  @FieldResolver(() => InstallationType, { description: "The installation that changed." })
  async installation(
    @Root() event: InstallationEventObject,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InstallationType> {
    const row = await loaders(ctx).installation.load(tenantKey(event.tenantId, event.installationId));
    if (!row) throw new Error(`event ${event.id} references a missing installation`);
    return toInstallationType(row, installationRelations(ctx));
  }

  @FieldResolver(() => SyncRunType, { nullable: true, description: "The sync that observed the change." })
  async syncRun(
    @Root() event: InstallationEventObject,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncRunType | null> {
    if (!event.syncRunId) return null;
    const row = await loaders(ctx).syncRun.load(tenantKey(event.tenantId, event.syncRunId));
    return row ? toSyncRunType(row) : null;
  }
}
