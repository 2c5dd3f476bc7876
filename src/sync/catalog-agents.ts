/** Mirrors the detection catalog into the `agent` table at start, so installations can reference agents. */
import type { DataSource } from "typeorm";
import { CATALOG, CATALOG_VERSION } from "../detection";
import { Agent } from "../model/agent.entity";
import type { AgentCategory } from "../model/enums";

export async function upsertCatalogAgents(dataSource: DataSource): Promise<void> {
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(Agent)
    .values(
      CATALOG.map((agent) => ({
        key: agent.key,
        name: agent.name,
        vendor: agent.vendor,
        category: agent.category as AgentCategory,
        catalogVersion: CATALOG_VERSION,
      })),
    )
    .orUpdate(["name", "vendor", "category", "catalog_version"], ["key"])
    .execute();
}
