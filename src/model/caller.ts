/**
 * The authenticated caller of a request and what it may do. Roles are per tenant (VIEWER < OPERATOR <
 * ADMIN) or platform-wide (PLATFORM_ADMIN). A caller never learns of a tenant it has no role in: such a
 * tenant is reported as not found, never as forbidden.
 */
import { Role } from "./enums";
import { DomainError, ErrorCode } from "./errors";

export interface Caller {
  keyId: string;
  role: Role;
  /** The tenant the key belongs to; null for platform keys. */
  tenantId: string | null;
  /** The request being served, named in the audit events it writes. */
  requestId?: string | null;
}

const RANK: Record<Role, number> = {
  [Role.VIEWER]: 1,
  [Role.OPERATOR]: 2,
  [Role.ADMIN]: 3,
  [Role.PLATFORM_ADMIN]: 4,
};

export const isPlatformAdmin = (caller: Caller): boolean => caller.role === Role.PLATFORM_ADMIN;

/** The caller's role in a tenant, or null when it has none. */
export function roleIn(caller: Caller, tenantId: string): Role | null {
  if (isPlatformAdmin(caller)) return Role.PLATFORM_ADMIN;
  return caller.tenantId === tenantId ? caller.role : null;
}

export function canSee(caller: Caller, tenantId: string): boolean {
  return roleIn(caller, tenantId) !== null;
}

/** Throws NOT_FOUND if the tenant is invisible to the caller, FORBIDDEN if its role is too low. */
export function requireRole(caller: Caller, tenantId: string, needed: Role): void {
  const role = roleIn(caller, tenantId);
  if (role === null) throw new DomainError(ErrorCode.NOT_FOUND, "Tenant not found");
  if (RANK[role] < RANK[needed]) {
    throw new DomainError(ErrorCode.FORBIDDEN, `This operation needs the ${needed} role on the tenant`);
  }
}

export function requirePlatformAdmin(caller: Caller): void {
  if (!isPlatformAdmin(caller))
    throw new DomainError(ErrorCode.FORBIDDEN, "This operation needs the PLATFORM_ADMIN role");
}

/** Roles a caller may hand out when creating keys: never above its own. */
export function canGrant(caller: Caller, role: Role): boolean {
  return RANK[role] <= RANK[caller.role];
}
