/** The `InstallationEvent` type of the change feed, and its connection. */
import { Field, ObjectType } from "type-graphql";
import { InstallationEventType as EventKind } from "../../model/enums";
import type { InstallationEventRow } from "../../store";
import { connectionType, Node, toGlobalId } from "../relay";
import { DateTimeScalar } from "./scalars";
import "./enums";

@ObjectType("InstallationEvent", {
  implements: Node,
  simpleResolvers: true,
  description: "A change to an installation, in the order syncs observed it.",
})
export class InstallationEventObject extends Node {
  tenantId!: string;
  installationId!: string;
  syncRunId!: string | null;

  @Field({ description: "Position in the tenant's change feed (increasing; the feed's cursor)." })
  seq!: string;

  @Field(() => EventKind, { description: "What changed." })
  type!: EventKind;

  @Field(() => String, { nullable: true, description: "The version before the change." })
  fromVersion!: string | null;

  @Field(() => String, { nullable: true, description: "The version after the change." })
  toVersion!: string | null;

  @Field(() => DateTimeScalar, { description: "When the change was observed." })
  occurredAt!: Date;
}

export const InstallationEventConnection = connectionType("InstallationEvent", InstallationEventObject);

export function toInstallationEventObject(row: InstallationEventRow): InstallationEventObject {
  return Object.assign(new InstallationEventObject(), {
    id: toGlobalId("InstallationEvent", row.tenantId, row.id),
    tenantId: row.tenantId,
    installationId: row.installationId,
    syncRunId: row.syncRunId,
    seq: row.seq,
    type: row.type,
    fromVersion: row.fromVersion,
    toVersion: row.toVersion,
    occurredAt: row.occurredAt,
  });
}
