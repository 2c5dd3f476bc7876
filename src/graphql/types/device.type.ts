/** The `Device` type and its connection. */
import { Field, ObjectType } from "type-graphql";
import type { DeviceRow } from "../../store";
import { connectionType, Node, toGlobalId } from "../relay";
import { DateTimeScalar, UUIDScalar, type Instant } from "./scalars";

@ObjectType("Device", {
  implements: Node,
  simpleResolvers: true,
  description: "A machine onboarded to Microsoft Defender for Endpoint.",
})
export class DeviceType extends Node {
  tenantId!: string;
  deviceId!: string;

  @Field({ description: "The Defender machine id." })
  defenderId!: string;

  @Field({ description: "The computerDnsName (or the machine id when Defender has none)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "OS platform, e.g. `Windows11`, `macOS`, `Linux`." })
  osPlatform!: string | null;

  @Field(() => String, { nullable: true, description: "OS version." })
  osVersion!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Defender's health status, e.g. `Active`, `Inactive`.",
  })
  healthStatus!: string | null;

  @Field(() => String, { nullable: true, description: "Defender's onboarding status." })
  onboardingStatus!: string | null;

  @Field(() => String, { nullable: true, description: "The Defender RBAC device group." })
  rbacGroupName!: string | null;

  @Field(() => [String], { description: "Defender machine tags." })
  tags!: string[];

  @Field(() => UUIDScalar, { nullable: true, description: "The Entra device id, when joined." })
  aadDeviceId!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Defender's firstSeen." })
  firstSeenAt!: Instant | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Defender's lastSeen: the last full device report, not live presence.",
  })
  lastSeenAt!: Instant | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Since when Defender has not seen the device (or it left the machine list); null while current.",
  })
  staleSince!: Instant | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "The last sync in which Defender reported software for it; null: no software data yet.",
  })
  softwareSeenAt!: Instant | null;

  @Field({
    description:
      "True for an older record of a host Defender lists again under a new id after it was onboarded " +
      "again (Defender's isPotentialDuplication): shown, but left out of coverage counts. Records " +
      "Defender has merged into another are that device: their installations and users move to it.",
  })
  potentialDuplicate!: boolean;
}

export const DeviceConnection = connectionType("Device", DeviceType);

export function toDeviceType(row: DeviceRow): DeviceType {
  const device = Object.assign(new DeviceType(), row);
  device.id = toGlobalId("Device", row.tenantId, row.id);
  device.deviceId = row.id;
  return device;
}
