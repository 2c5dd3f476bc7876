/** Turns global IDs from arguments into row keys, treating malformed and foreign IDs as not found. */
import { canSee, type Caller } from "../auth/caller";
import { DomainError, ErrorCode } from "../auth/errors";
import { fromGlobalId } from "./relay";

/** The tenant row id behind a Tenant global ID, if the caller may see that tenant; else null. */
export function visibleTenantId(caller: Caller, globalId: string): string | null {
  const id = fromGlobalId(globalId);
  if (!id || id.type !== "Tenant" || !canSee(caller, id.key)) return null;
  return id.key;
}

export function requireVisibleTenantId(caller: Caller, globalId: string): string {
  const tenantId = visibleTenantId(caller, globalId);
  if (!tenantId) throw new DomainError(ErrorCode.NOT_FOUND, "Tenant not found");
  return tenantId;
}
