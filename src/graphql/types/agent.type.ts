/** The `Agent` type: a catalog entry, with the policy of the tenant it is seen from. */
import { Field, ObjectType } from "type-graphql";
import { AgentCategory } from "../../model/enums";
import type { AgentRow } from "../../store";
import { Node, toGlobalId } from "../relay";
import "./enums";

@ObjectType("Agent", {
  implements: Node,
  simpleResolvers: true,
  description: "An AI coding agent of the detection catalog.",
})
export class AgentType extends Node {
  /** The agent row id. */
  agentId!: string;
  /** The tenant whose policy `policy` reports (the caller's, or the installation's); null for none. */
  scopeTenantId!: string | null;

  @Field({ description: 'Stable slug, e.g. "cursor", "github-copilot", "claude-code".' })
  key!: string;

  @Field({ description: 'Display name, e.g. "Cursor".' })
  name!: string;

  @Field({ description: "Who makes it." })
  vendor!: string;

  @Field(() => AgentCategory, { description: "What kind of product it is." })
  category!: AgentCategory;

  @Field({ description: "The catalog version that last described this agent." })
  catalogVersion!: string;
}

export function toAgentType(row: AgentRow, scopeTenantId: string | null): AgentType {
  return Object.assign(new AgentType(), {
    id: toGlobalId("Agent", null, row.id),
    agentId: row.id,
    scopeTenantId,
    key: row.key,
    name: row.name,
    vendor: row.vendor,
    category: row.category,
    catalogVersion: row.catalogVersion,
  });
}
