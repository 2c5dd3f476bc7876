/** Turns global IDs from arguments into row keys, treating malformed and foreign IDs as not found. */
import { canSee, type Caller } from "../auth/caller";
import { ErrorCode } from "../auth/errors";
import type { GraphQLContext } from "./context";
import { fromGlobalId } from "./relay";
import { userError, type UserError } from "./types/user-error";

/** The tenant row id behind a Tenant global ID, if the caller may see that tenant; else null. */
export function visibleTenantId(caller: Caller, globalId: string): string | null {
  const id = fromGlobalId(globalId);
  if (!id || id.type !== "Tenant" || !canSee(caller, id.key)) return null;
  return id.key;
}

/**
 * The tenant a mutation names, if it exists and the caller may see it; else null, and the mutation
 * answers `tenantNotFound` without touching anything. A tenant the caller may not see and one that does
 * not exist are told apart by no one.
 */
export async function mutationTenantId(ctx: GraphQLContext, globalId: string): Promise<string | null> {
  const tenantId = visibleTenantId(ctx.caller, globalId);
  if (!tenantId) return null;
  return (await ctx.services.inventory.tenants.byId(tenantId)) ? tenantId : null;
}

export const tenantNotFound = (field = "tenantId"): UserError =>
  userError(ErrorCode.NOT_FOUND, "Tenant not found", [field]);
