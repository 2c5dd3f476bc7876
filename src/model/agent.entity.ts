import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { AgentCategory } from "./enums";

/**
 * An entry of the detection catalog, mirrored into the database at start so installations can reference
 * it. Shared by all tenants (the catalog is public data).
 */
@Entity("agent")
export class Agent {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("varchar", { length: 100, unique: true })
  key!: string;

  @Column("varchar", { length: 200 })
  name!: string;

  @Column("varchar", { length: 200 })
  vendor!: string;

  @Column("enum", { enum: AgentCategory, enumName: "agent_category" })
  category!: AgentCategory;

  @Column("varchar", { length: 40 })
  catalogVersion!: string;
}
