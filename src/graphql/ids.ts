/**
 * Global IDs of arguments as the services take them: the row key of an ID of the expected type, or null
 * when the ID is malformed or names another type (a service then answers "not found"). Whether the
 * caller may see the row is the service's to decide.
 */
import { fromGlobalId } from "./relay";

/** The tenant row id behind a Tenant global ID; null when it is not one. */
export function tenantIdOf(globalId: string): string | null {
  const id = fromGlobalId(globalId);
  return id?.type === "Tenant" ? id.key : null;
}

/** The agent row id behind an Agent global ID (agents belong to no tenant); null when it is not one. */
export function agentIdOf(globalId: string): string | null {
  const id = fromGlobalId(globalId);
  return id?.type === "Agent" && !id.tenantId ? id.key : null;
}

/** The key behind an ApiKey global ID, with the tenant it names; null when it is not one. */
export function apiKeyOf(globalId: string): { tenantId: string | null; id: string } | null {
  const id = fromGlobalId(globalId);
  return id?.type === "ApiKey" ? { tenantId: id.tenantId, id: id.key } : null;
}
