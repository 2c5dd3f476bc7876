/**
 * Filter and order inputs of the inventory connections: the schema of the store's filter and order
 * shapes (store/filters.ts), which compiles them to SQL.
 */
import { Field, ID, InputType, registerEnumType } from "type-graphql";
import {
  AgentCategory,
  AgentPolicyValue,
  InstallationActivity,
  InstallationChannel,
  InstallationStatus,
  IntegrationStatus,
  SyncRunStatus,
  SyncTrigger,
} from "../../model/enums";
import {
  DeviceOrderField,
  InstallationOrderField,
  OrderDirection,
  UserOrderField,
  type AuditEventFilter as AuditEventConditions,
  type DeviceFilter as DeviceConditions,
  type SyncRunFilter as SyncRunConditions,
  type TenantFilter as TenantConditions,
  type InstallationFilter as InstallationConditions,
  type Order,
  type UserFilter as UserConditions,
} from "../../store";
import { described } from "../types/enums";
import { DateTimeComparator, StringComparator, enumComparator } from "./comparators";

export const AgentCategoryComparator = enumComparator<AgentCategory>("AgentCategory", AgentCategory);
export const AgentPolicyComparator = enumComparator<AgentPolicyValue>("AgentPolicy", AgentPolicyValue);
export const InstallationStatusComparator = enumComparator<InstallationStatus>(
  "InstallationStatus",
  InstallationStatus,
);
export const InstallationActivityComparator = enumComparator<InstallationActivity>(
  "InstallationActivity",
  InstallationActivity,
);
export const InstallationChannelComparator = enumComparator<InstallationChannel>(
  "InstallationChannel",
  InstallationChannel,
);

export const IntegrationStatusComparator = enumComparator<IntegrationStatus>(
  "IntegrationStatus",
  IntegrationStatus,
);
export const SyncRunStatusComparator = enumComparator<SyncRunStatus>("SyncRunStatus", SyncRunStatus);
export const SyncTriggerComparator = enumComparator<SyncTrigger>("SyncTrigger", SyncTrigger);

@InputType({ description: "Which tenants to return; all given conditions must hold." })
export class TenantFilter implements TenantConditions {
  @Field(() => String, { nullable: true, description: "The name contains this text, ignoring case." })
  nameContains?: string | null;

  @Field(() => IntegrationStatusComparator, {
    nullable: true,
    description: "The Defender integration's status, e.g. `{ in: [DEGRADED, ERROR] }`.",
  })
  status?: InstanceType<typeof IntegrationStatusComparator> | null;
}

@InputType({ description: "Which sync runs to return; all given conditions must hold." })
export class SyncRunFilter implements SyncRunConditions {
  @Field(() => SyncRunStatusComparator, {
    nullable: true,
    description: "Where the run is in its life, e.g. `{ in: [PARTIAL, FAILED] }`.",
  })
  status?: InstanceType<typeof SyncRunStatusComparator> | null;

  @Field(() => SyncTriggerComparator, { nullable: true, description: "What started the run." })
  trigger?: InstanceType<typeof SyncTriggerComparator> | null;
}

@InputType({ description: "Which audit events to return; all given conditions must hold." })
export class AuditEventFilter implements Omit<AuditEventConditions, "actorKeyId"> {
  @Field(() => ID, { nullable: true, description: "Global ID of the API key that acted." })
  actor?: string | null;

  @Field(() => StringComparator, {
    nullable: true,
    description: 'The action, e.g. `{ eq: "apiKey.create" }` or `{ startsWith: "integration." }`.',
  })
  action?: StringComparator | null;

  @Field(() => DateTimeComparator, { nullable: true, description: "When it happened." })
  occurredAt?: DateTimeComparator | null;
}

@InputType({ description: "Which installations to return; all given conditions must hold." })
export class InstallationFilter implements InstallationConditions {
  @Field(() => StringComparator, { nullable: true, description: "The agent's catalog key, e.g. `cursor`." })
  agentKey?: StringComparator | null;

  @Field(() => AgentCategoryComparator, { nullable: true, description: "The agent's category." })
  agentCategory?: InstanceType<typeof AgentCategoryComparator> | null;

  @Field(() => AgentPolicyComparator, {
    nullable: true,
    description: "The tenant's policy for the agent (`isNull: true` for agents without one).",
  })
  agentPolicy?: InstanceType<typeof AgentPolicyComparator> | null;

  @Field(() => InstallationStatusComparator, { nullable: true, description: "ACTIVE or REMOVED." })
  status?: InstanceType<typeof InstallationStatusComparator> | null;

  @Field(() => InstallationChannelComparator, { nullable: true, description: "How the agent is installed." })
  channel?: InstanceType<typeof InstallationChannelComparator> | null;

  @Field(() => StringComparator, { nullable: true, description: "The installed version." })
  version?: StringComparator | null;

  @Field(() => DateTimeComparator, { nullable: true, description: "When the installation was first seen." })
  firstSeenAt?: DateTimeComparator | null;

  @Field(() => DateTimeComparator, { nullable: true, description: "When the installation was last seen." })
  lastSeenAt?: DateTimeComparator | null;

  @Field(() => DateTimeComparator, { nullable: true, description: "When the installation was removed." })
  removedAt?: DateTimeComparator | null;

  @Field(() => InstallationActivityComparator, {
    nullable: true,
    description: "ACTIVE, IDLE or NO_USE_SEEN, as of the last sync (see `Installation.activity`).",
  })
  activity?: InstanceType<typeof InstallationActivityComparator> | null;

  @Field(() => DateTimeComparator, {
    nullable: true,
    description: "When it was last used (`isNull: true`: no use ever seen).",
  })
  lastUsedAt?: DateTimeComparator | null;

  @Field(() => StringComparator, { nullable: true, description: "The device's name." })
  deviceName?: StringComparator | null;

  @Field(() => StringComparator, {
    nullable: true,
    description: "The device's OS platform, e.g. `Windows11`.",
  })
  osPlatform?: StringComparator | null;

  @Field(() => StringComparator, { nullable: true, description: "The device's Defender RBAC group name." })
  rbacGroupName?: StringComparator | null;

  @Field(() => String, { nullable: true, description: "The device carries this Defender tag." })
  deviceTag?: string | null;

  @Field(() => StringComparator, { nullable: true, description: "The attributed user's UPN." })
  userUpn?: StringComparator | null;

  @Field(() => [InstallationFilter], { nullable: true, description: "Every one of these filters holds." })
  and?: InstallationFilter[] | null;

  @Field(() => [InstallationFilter], { nullable: true, description: "At least one of these filters holds." })
  or?: InstallationFilter[] | null;

  @Field(() => InstallationFilter, { nullable: true, description: "This filter does not hold." })
  not?: InstallationFilter | null;
}

@InputType({ description: "Which devices to return; all given conditions must hold." })
export class DeviceFilter implements DeviceConditions {
  @Field(() => StringComparator, {
    nullable: true,
    description: "The device name (`containsIgnoreCase` for search).",
  })
  name?: StringComparator | null;

  @Field(() => StringComparator, {
    nullable: true,
    description: "The OS platform, e.g. `Windows11`, `macOS`.",
  })
  osPlatform?: StringComparator | null;

  @Field(() => StringComparator, { nullable: true, description: "Defender's health status, e.g. `Active`." })
  healthStatus?: StringComparator | null;

  @Field(() => StringComparator, { nullable: true, description: "The Defender RBAC group name." })
  rbacGroupName?: StringComparator | null;

  @Field(() => String, { nullable: true, description: "The device carries this Defender tag." })
  tag?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True: Defender has not seen the device for a while (or it left); false: it is current.",
  })
  stale?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "True: at least one active agent installation." })
  hasAgent?: boolean | null;

  @Field(() => StringComparator, {
    nullable: true,
    description: "Has an active installation of an agent whose key matches.",
  })
  agentKey?: StringComparator | null;

  @Field(() => DateTimeComparator, {
    nullable: true,
    description: "Defender's last full report of the device.",
  })
  lastSeenAt?: DateTimeComparator | null;

  @Field(() => [DeviceFilter], { nullable: true, description: "Every one of these filters holds." })
  and?: DeviceFilter[] | null;

  @Field(() => [DeviceFilter], { nullable: true, description: "At least one of these filters holds." })
  or?: DeviceFilter[] | null;

  @Field(() => DeviceFilter, { nullable: true, description: "This filter does not hold." })
  not?: DeviceFilter | null;
}

@InputType({ description: "Which users to return; all given conditions must hold." })
export class UserFilter implements UserConditions {
  @Field(() => StringComparator, { nullable: true, description: "The user principal name." })
  upn?: StringComparator | null;

  @Field(() => StringComparator, {
    nullable: true,
    description: "The account name (`domain\\name` without domain).",
  })
  accountName?: StringComparator | null;

  @Field(() => Boolean, { nullable: true, description: "True: at least one active agent installation." })
  hasAgent?: boolean | null;

  @Field(() => StringComparator, {
    nullable: true,
    description: "Has an active installation of an agent whose key matches.",
  })
  agentKey?: StringComparator | null;

  @Field(() => [UserFilter], { nullable: true, description: "Every one of these filters holds." })
  and?: UserFilter[] | null;

  @Field(() => [UserFilter], { nullable: true, description: "At least one of these filters holds." })
  or?: UserFilter[] | null;

  @Field(() => UserFilter, { nullable: true, description: "This filter does not hold." })
  not?: UserFilter | null;
}

registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction.",
  valuesConfig: described<OrderDirection>({
    ASC: "Smallest first (A to Z, oldest first); nulls last.",
    DESC: "Largest first (Z to A, newest first); nulls first.",
  }),
});

registerEnumType(InstallationOrderField, {
  name: "InstallationOrderField",
  description: "Installation sort keys (the id always breaks ties).",
  valuesConfig: described<InstallationOrderField>({
    ID: "The installation's id: a stable order, the cheapest to page.",
    FIRST_SEEN_AT: "When the installation was first seen.",
    LAST_SEEN_AT: "When the installation was last seen.",
    REMOVED_AT: "When the installation was removed (null for active ones).",
    VERSION: "The installed version, as text.",
    LAST_USED_AT:
      "When it was last used; never-used installations (null) come last ascending and first descending.",
  }),
});

registerEnumType(DeviceOrderField, {
  name: "DeviceOrderField",
  description: "Device sort keys (the id always breaks ties).",
  valuesConfig: described<DeviceOrderField>({
    ID: "The device's id: a stable order, the cheapest to page.",
    NAME: "The device name.",
    LAST_SEEN_AT: "Defender's last full report of the device.",
    FIRST_SEEN_AT: "When Defender first saw the device.",
    OS_PLATFORM: "The OS platform.",
  }),
});

registerEnumType(UserOrderField, {
  name: "UserOrderField",
  description: "User sort keys (the id always breaks ties).",
  valuesConfig: described<UserOrderField>({
    ID: "The user's id: a stable order, the cheapest to page.",
    UPN: "The user principal name.",
    ACCOUNT_NAME: "The account name.",
    LAST_SEEN_AT: "When a sync last saw the user.",
  }),
});

@InputType({ description: "One installation sort key." })
export class InstallationOrder implements Order<InstallationOrderField> {
  @Field(() => InstallationOrderField, { description: "What to sort by." })
  field!: InstallationOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Which way." })
  direction!: OrderDirection;
}

@InputType({ description: "One device sort key." })
export class DeviceOrder implements Order<DeviceOrderField> {
  @Field(() => DeviceOrderField, { description: "What to sort by." })
  field!: DeviceOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Which way." })
  direction!: OrderDirection;
}

@InputType({ description: "One user sort key." })
export class UserOrder implements Order<UserOrderField> {
  @Field(() => UserOrderField, { description: "What to sort by." })
  field!: UserOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Which way." })
  direction!: OrderDirection;
}
