/** The `Tenant` and `DefenderIntegration` types. */
import { Field, Int, ObjectType } from "type-graphql";
import { Cloud, IntegrationStatus } from "../../model/enums";
import type { IntegrationRow, TenantRow } from "../../store";
import { connectionType, lazy, Node, toGlobalId } from "../relay";
import { DateTimeScalar, UUIDScalar } from "./scalars";
import "./enums";

@ObjectType("DefenderIntegration", {
  description: "A tenant's connection to Microsoft Defender for Endpoint.",
})
export class DefenderIntegrationType {
  @Field(() => IntegrationStatus, { description: "Connection state." })
  status!: IntegrationStatus;

  @Field(() => Cloud, {
    description: "The Microsoft cloud: picks the sign-in authority, Defender host and scopes.",
  })
  cloud!: Cloud;

  @Field(() => [String], { description: "Application permissions the consented token carries." })
  grantedPermissions!: string[];

  @Field(() => [String], { description: "Permissions the service needs that the token lacks." })
  missingPermissions!: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: "When admin consent was last granted." })
  consentedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the last sync finished." })
  lastSyncAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the next scheduled sync is due." })
  nextSyncAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The last persistent token or API failure, if any." })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When `lastError` happened." })
  lastErrorAt!: Date | null;
}

@ObjectType("Tenant", { implements: Node, description: "A customer organization and its inventory." })
export class TenantType extends Node {
  /** The row id; resolvers use it to scope nested fields. */
  tenantId!: string;

  @Field({ description: "Display name." })
  name!: string;

  @Field(() => UUIDScalar, {
    nullable: true,
    description: "The Entra tenant bound by admin consent; null until consent.",
  })
  entraTenantId!: string | null;

  @Field(() => DateTimeScalar, { description: "When the tenant was created." })
  createdAt!: Date;

  @Field(() => Int, {
    nullable: true,
    description: "Minutes between scheduled syncs for this tenant; null means the service default.",
  })
  syncIntervalMinutes!: number | null;
}

export const TenantConnection = connectionType("Tenant", TenantType);

export function toTenantType(tenant: TenantRow): TenantType {
  return Object.assign(new TenantType(), {
    id: toGlobalId("Tenant", null, tenant.id),
    tenantId: tenant.id,
    name: tenant.name,
    entraTenantId: tenant.entraTenantId,
    createdAt: tenant.createdAt,
    syncIntervalMinutes: tenant.syncIntervalMinutes,
  });
}

export function toIntegrationType(integration: IntegrationRow): DefenderIntegrationType {
  return Object.assign(new DefenderIntegrationType(), integration);
}

/**
 * A tenant whose own fields are read only if selected: most queries only walk into its inventory, which
 * needs nothing but the id. Use only for tenants known to exist (a tenant key's own tenant).
 */
export function toLazyTenantType(tenantId: string, load: () => Promise<TenantRow>): TenantType {
  const row = lazy(load);
  const field = <K extends keyof TenantRow>(key: K) =>
    lazy(async () => (await row)[key]) as unknown as TenantRow[K];
  return Object.assign(new TenantType(), {
    id: toGlobalId("Tenant", null, tenantId),
    tenantId,
    name: field("name"),
    entraTenantId: field("entraTenantId"),
    createdAt: field("createdAt"),
    syncIntervalMinutes: field("syncIntervalMinutes"),
  });
}
