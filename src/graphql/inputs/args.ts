/** Arguments of the inventory connections. */
import { ArgsType, Field } from "type-graphql";
import { ConnectionArgs } from "../relay";
import { DateTimeScalar } from "../types/scalars";
import {
  AuditEventFilter,
  DeviceFilter,
  DeviceOrder,
  InstallationFilter,
  InstallationOrder,
  SyncRunFilter,
  TenantFilter,
  UserFilter,
  UserOrder,
} from "./filters";

@ArgsType()
export class InstallationListArgs extends ConnectionArgs {
  @Field(() => InstallationFilter, { nullable: true, description: "Which installations to return." })
  filter?: InstallationFilter | null;

  @Field(() => [InstallationOrder], {
    nullable: true,
    description: "Sort keys in order of precedence; the id breaks ties (default: by id).",
  })
  orderBy?: InstallationOrder[] | null;
}

@ArgsType()
export class NestedInstallationArgs extends ConnectionArgs {
  @Field(() => InstallationFilter, { nullable: true, description: "Which installations to return." })
  filter?: InstallationFilter | null;
}

@ArgsType()
export class DeviceListArgs extends ConnectionArgs {
  @Field(() => DeviceFilter, { nullable: true, description: "Which devices to return." })
  filter?: DeviceFilter | null;

  @Field(() => [DeviceOrder], {
    nullable: true,
    description: "Sort keys in order of precedence; the id breaks ties (default: by id).",
  })
  orderBy?: DeviceOrder[] | null;
}

@ArgsType()
export class UserListArgs extends ConnectionArgs {
  @Field(() => UserFilter, { nullable: true, description: "Which users to return." })
  filter?: UserFilter | null;

  @Field(() => [UserOrder], {
    nullable: true,
    description: "Sort keys in order of precedence; the id breaks ties (default: by id).",
  })
  orderBy?: UserOrder[] | null;
}

@ArgsType()
export class EventFeedArgs extends ConnectionArgs {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Only events observed at or after this time (for a first read without a cursor).",
  })
  since?: Date | null;
}

@ArgsType()
export class TenantListArgs extends ConnectionArgs {
  @Field(() => TenantFilter, { nullable: true, description: "Which tenants to return." })
  filter?: TenantFilter | null;
}

@ArgsType()
export class SyncRunListArgs extends ConnectionArgs {
  @Field(() => SyncRunFilter, { nullable: true, description: "Which sync runs to return." })
  filter?: SyncRunFilter | null;
}

@ArgsType()
export class AuditEventListArgs extends ConnectionArgs {
  @Field(() => AuditEventFilter, { nullable: true, description: "Which audit events to return." })
  filter?: AuditEventFilter | null;
}
