/**
 * What the connector may read: the application permissions (`roles`) in the tenant's tokens,
 * compared with what each source needs, so the integration can name exactly what is missing.
 * Tokens are decoded without verifying the signature: the API itself is the authority; this only
 * explains its answers.
 */
import { z } from "zod";
import type { HuntingApi } from "../config/config";

export type DefenderSource =
  | "machines"
  | "softwareInventory"
  | "softwareExport"
  | "browserExtensions"
  | "logonUsers"
  | "huntingLegacy"
  | "huntingGraph";

export type ApiResource = "defender" | "graph";

export interface RequiredPermission {
  resource: ApiResource;
  permission: string;
}

export const REQUIRED_PERMISSIONS: Record<DefenderSource, RequiredPermission> = {
  machines: { resource: "defender", permission: "Machine.Read.All" },
  softwareInventory: { resource: "defender", permission: "Software.Read.All" },
  softwareExport: { resource: "defender", permission: "Software.Read.All" },
  browserExtensions: { resource: "defender", permission: "Software.Read.All" },
  logonUsers: { resource: "defender", permission: "User.Read.All" },
  huntingLegacy: { resource: "defender", permission: "AdvancedQuery.Read.All" },
  huntingGraph: { resource: "graph", permission: "ThreatHunting.Read.All" },
};

/** Broader permissions that include the read-only one. */
const IMPLIED_BY: Record<string, string[]> = {
  "Machine.Read.All": ["Machine.ReadWrite.All"],
  "User.Read.All": ["User.ReadWrite.All"],
};

const claimsSchema = z.object({
  tid: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  roles: z.array(z.string()).catch([]).optional(),
  exp: z.number().optional(),
  appid: z.string().optional(),
  azp: z.string().optional(),
});

export interface TokenClaims {
  tenantId?: string;
  audience?: string;
  roles: string[];
  expiresAt?: Date;
  appId?: string;
}

/** Claims of a JWT access token (payload only; no signature check). Unreadable tokens give no roles. */
export function decodeTokenClaims(token: string): TokenClaims {
  const payload = token.split(".")[1];
  let raw: unknown = {};
  try {
    raw = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
  } catch {
    // opaque token: nothing to explain with
  }
  const claims = claimsSchema.safeParse(raw).data ?? {};
  return {
    tenantId: claims.tid,
    audience: Array.isArray(claims.aud) ? claims.aud[0] : claims.aud,
    roles: claims.roles ?? [],
    expiresAt: claims.exp === undefined ? undefined : new Date(claims.exp * 1000),
    appId: claims.appid ?? claims.azp,
  };
}

/** Granted application permissions per resource (from each resource's token). */
export type GrantedPermissions = Record<ApiResource, string[]>;

export function hasPermission(granted: GrantedPermissions, required: RequiredPermission): boolean {
  const roles = granted[required.resource];
  return [required.permission, ...(IMPLIED_BY[required.permission] ?? [])].some((p) => roles.includes(p));
}

export interface PermissionReport {
  /** Every role granted, e.g. ["Machine.Read.All", "ThreatHunting.Read.All"]. */
  granted: string[];
  /** Permissions to add so every requested source can be read; empty when nothing is missing. */
  missing: string[];
  /** Sources that cannot be read now. */
  blockedSources: DefenderSource[];
}

/**
 * Compares granted roles with the sources' needs. Hunting is one need met by either API in `auto`
 * mode; when neither is granted, the Graph permission is named since the legacy API is retiring.
 */
export function evaluatePermissions(
  granted: GrantedPermissions,
  huntingApi: HuntingApi,
  sources: DefenderSource[] = [
    "machines",
    "softwareInventory",
    "browserExtensions",
    "logonUsers",
    "huntingGraph",
    "huntingLegacy",
  ],
): PermissionReport {
  const missing = new Set<string>();
  const blockedSources: DefenderSource[] = [];
  const isHunting = (source: DefenderSource) => source === "huntingGraph" || source === "huntingLegacy";
  for (const source of sources.filter((s) => !isHunting(s))) {
    if (!hasPermission(granted, REQUIRED_PERMISSIONS[source])) {
      blockedSources.push(source);
      missing.add(REQUIRED_PERMISSIONS[source].permission);
    }
  }
  const graph = hasPermission(granted, REQUIRED_PERMISSIONS.huntingGraph);
  const legacy = hasPermission(granted, REQUIRED_PERMISSIONS.huntingLegacy);
  const huntingSatisfied = huntingApi === "auto" ? graph || legacy : huntingApi === "graph" ? graph : legacy;
  if (sources.some(isHunting) && !huntingSatisfied) {
    blockedSources.push(...sources.filter(isHunting));
    missing.add(REQUIRED_PERMISSIONS[huntingApi === "legacy" ? "huntingLegacy" : "huntingGraph"].permission);
  }
  return {
    granted: [...new Set([...granted.defender, ...granted.graph])].sort(),
    missing: [...missing].sort(),
    blockedSources,
  };
}
