import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { Agent } from "./agent.entity";
import { AgentPolicyValue } from "./enums";
import { Tenant } from "./tenant.entity";

/** A tenant's stance on an agent (sanctioned, unsanctioned, under review). */
@Entity("agent_policy")
export class AgentPolicy {
  @PrimaryColumn("uuid")
  @ForeignKey(() => Tenant, { onDelete: "CASCADE" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  @ForeignKey(() => Agent, { onDelete: "CASCADE" })
  agentId!: string;

  @Column("enum", { enum: AgentPolicyValue, enumName: "agent_policy_value" })
  policy!: AgentPolicyValue;

  @Column("text", { nullable: true })
  note!: string | null;

  @UpdateDateColumn({ type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
