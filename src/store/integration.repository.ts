/**
 * The Defender integration of each tenant (consent state, permissions, errors) and the consent requests
 * of "Connect with Microsoft"; the revocation and the purge of a tenant's inventory.
 */
import type { ConsentRequest } from "../model/consent-request.entity";
import type { DefenderIntegration } from "../model/defender-integration.entity";
import { IntegrationStatus, type Cloud } from "../model/enums";
import { enterRevocation } from "./fence";
import { bumpInventoryVersion } from "./inventory-write.repository";
import type { Sql } from "./sql";
import { withIntegrationStatusEvents } from "./webhook.repository";

export type IntegrationRow = Omit<DefenderIntegration, "createdAt" | "updatedAt">;

const SELECT = `tenant_id AS "tenantId", status, cloud, granted_permissions AS "grantedPermissions",
  missing_permissions AS "missingPermissions", last_error AS "lastError", last_error_at AS "lastErrorAt",
  consented_at AS "consentedAt", last_sync_at AS "lastSyncAt", next_sync_at AS "nextSyncAt",
  first_sync_at AS "firstSyncAt", revoked_at AS "revokedAt"`;

/** Inventory tables in delete order (children first), each keyed by tenant_id. */
const INVENTORY_TABLES = [
  "mcp_server_event",
  "mcp_server_sighting",
  "mcp_config_file",
  "mcp_server",
  "installation_event",
  "installation",
  "device_user",
  "device",
  "user_account",
  "sync_run",
] as const;

export type PurgeCounts = Record<(typeof INVENTORY_TABLES)[number], number>;

/** Granted and missing application permissions, as read from a token. */
export interface GrantedPermissions {
  granted: string[];
  missing: string[];
}

/** The sign-in step of a consent request, as the callback needs it. */
export type SignInStep = Pick<ConsentRequest, "codeVerifier" | "oidcNonce">;

export class IntegrationRepository {
  constructor(private readonly db: Sql) {}

  async find(tenantId: string): Promise<IntegrationRow | null> {
    const [row] = await this.db.rows<IntegrationRow>(
      `SELECT ${SELECT} FROM defender_integration WHERE tenant_id = $1`,
      [tenantId],
    );
    return row ?? null;
  }

  async status(tenantId: string): Promise<IntegrationStatus | null> {
    const [row] = await this.db.rows<{ status: IntegrationStatus }>(
      `SELECT status FROM defender_integration WHERE tenant_id = $1`,
      [tenantId],
    );
    return row?.status ?? null;
  }

  /** Is a tenant of this name connected (demo start-up: its simulator must then accept tokens at once)? */
  async connectedByTenantName(name: string): Promise<boolean> {
    const rows = await this.db.rows<{ status: IntegrationStatus }>(
      `SELECT i.status FROM tenant t JOIN defender_integration i ON i.tenant_id = t.id WHERE t.name = $1`,
      [name],
    );
    return rows.some(
      (r) => r.status === IntegrationStatus.CONNECTED || r.status === IntegrationStatus.DEGRADED,
    );
  }

  /** Consent is under way in `cloud`: PENDING_CONSENT, unless the tenant is connected already. */
  async consentStarted(tenantId: string, cloud: Cloud): Promise<void> {
    await this.db.execute(
      `UPDATE defender_integration SET cloud = $2, updated_at = now(),
         status = CASE WHEN status IN ('CONNECTED', 'DEGRADED') THEN status ELSE 'PENDING_CONSENT' END
       WHERE tenant_id = $1`,
      [tenantId, cloud],
    );
  }

  /** Admin consent bound a directory: its permissions, and no error or revocation any more. */
  async consented(tenantId: string, status: IntegrationStatus, permissions: GrantedPermissions, at: Date) {
    await this.db.execute(
      withIntegrationStatusEvents(`UPDATE defender_integration SET status = $2, granted_permissions = $3,
         missing_permissions = $4, consented_at = $5, last_error = NULL, last_error_at = NULL, revoked_at = NULL,
         updated_at = now()
       WHERE tenant_id = $1`),
      [tenantId, status, permissions.granted, permissions.missing, at],
    );
  }

  /** The permissions of a directory consented outside this service (single-organization mode). */
  async permissionsChecked(
    tenantId: string,
    status: IntegrationStatus,
    permissions: GrantedPermissions,
    at: Date,
  ): Promise<void> {
    await this.db.execute(
      withIntegrationStatusEvents(`UPDATE defender_integration SET status = $2, granted_permissions = $3,
         missing_permissions = $4, consented_at = coalesce(consented_at, $5), last_error = NULL,
         last_error_at = NULL, updated_at = now()
       WHERE tenant_id = $1`),
      [tenantId, status, permissions.granted, permissions.missing, at],
    );
  }

  /** The integration failed (or was never connected): its status and why. */
  async failed(tenantId: string, status: IntegrationStatus, lastError: string, at: Date): Promise<void> {
    await this.db.execute(
      withIntegrationStatusEvents(`UPDATE defender_integration SET status = $2, last_error = $3,
         last_error_at = $4, updated_at = now()
       WHERE tenant_id = $1`),
      [tenantId, status, lastError, at],
    );
  }

  /**
   * Marks the integration REVOKED and, when asked, deletes the tenant's whole inventory; call inside a
   * transaction (so the audit event commits with it or not at all). A sync's write in progress finishes
   * first and is deleted with the rest; a later one sees the revocation and writes nothing.
   */
  async revoke(tenantId: string, purge: boolean): Promise<PurgeCounts | null> {
    await enterRevocation(this.db, tenantId);
    await this.db.execute(
      withIntegrationStatusEvents(`UPDATE defender_integration SET status = $2, revoked_at = now(),
         next_sync_at = NULL, updated_at = now()
       WHERE tenant_id = $1`),
      [tenantId, IntegrationStatus.REVOKED],
    );
    if (!purge) return null;
    const counts = {} as PurgeCounts;
    for (const table of INVENTORY_TABLES)
      counts[table] = await this.db.execute(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    await bumpInventoryVersion(this.db, tenantId);
    return counts;
  }

  /** A new consent request: its sign-in step's PKCE verifier and nonce. */
  async createConsentRequest(request: {
    tenantId: string;
    id: string;
    expiresAt: Date;
    codeVerifier: string;
    oidcNonce: string;
  }): Promise<void> {
    await this.db.execute(
      `INSERT INTO consent_request (tenant_id, id, expires_at, code_verifier, oidc_nonce) VALUES ($1, $2, $3, $4, $5)`,
      [request.tenantId, request.id, request.expiresAt, request.codeVerifier, request.oidcNonce],
    );
  }

  /** Marks the sign-in step used and hands back what it needs, or null when it was used or expired. */
  takeSignIn(tenantId: string, id: string, now: Date): Promise<SignInStep | null> {
    return this.db.transaction(async (tx) => {
      const [request] = await tx.rows<SignInStep>(
        `SELECT code_verifier AS "codeVerifier", oidc_nonce AS "oidcNonce" FROM consent_request
         WHERE tenant_id = $1 AND id = $2 AND signed_in_at IS NULL AND expires_at > $3 FOR UPDATE`,
        [tenantId, id, now],
      );
      if (!request) return null;
      await tx.execute(
        `UPDATE consent_request SET signed_in_at = $3, code_verifier = NULL WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, now],
      );
      return request;
    });
  }

  /** The directory whose administrator signed in: consent may complete only for it. */
  async signedInTo(tenantId: string, id: string, entraTenantId: string): Promise<void> {
    await this.db.execute(
      `UPDATE consent_request SET entra_tenant_id = $3 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, entraTenantId],
    );
  }

  /** Marks the consent step used; false when it was used, expired, or is not for `directory`. */
  async takeConsent(tenantId: string, id: string, directory: string, now: Date): Promise<boolean> {
    const used = await this.db.execute(
      `UPDATE consent_request SET used_at = $4
       WHERE tenant_id = $1 AND id = $2 AND entra_tenant_id = $3 AND signed_in_at IS NOT NULL
         AND used_at IS NULL AND expires_at > $4`,
      [tenantId, id, directory, now],
    );
    return used > 0;
  }
}
