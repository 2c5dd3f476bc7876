/**
 * The Defender integration's life: NOT_CONNECTED → PENDING_CONSENT → CONNECTED / DEGRADED → ERROR →
 * REVOKED. It issues admin-consent URLs with a signed, single-use, expiring `state`, completes the
 * consent callback without trusting its `tenant` parameter (a token for that tenant must carry the same
 * `tid`), binds the Entra tenant, records granted and missing permissions and enqueues the first sync.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { DataSource, EntityManager } from "typeorm";
import { writeAudit } from "../auth/audit";
import { requireRole, type Caller } from "../auth/caller";
import { DefenderError, type ClientCredential, type TenantPermissions } from "../defender";
import { ConsentRequest } from "../model/consent-request.entity";
import { DefenderIntegration } from "../model/defender-integration.entity";
import { Cloud, IntegrationStatus, Role, SyncMode, SyncTrigger } from "../model/enums";
import { Tenant } from "../model/tenant.entity";
import type { SyncControl } from "../sync/sync-control";
import { explainConsentError } from "./consent-errors";
import { evaluateDiagnostics, readDiagnosticFacts, type DiagnosticCheck } from "./diagnostics";
import { signConsentState, verifyConsentState } from "./consent-state";
import type { Connectors } from "./connectors";

export const CONSENT_TTL_MS = 10 * 60 * 1000;
export const CALLBACK_PATH = "/integrations/defender/callback";

/** A directory id or domain, as Entra may name it in `tenant`. */
const TENANT_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$/;

export interface IntegrationServiceDeps {
  dataSource: DataSource;
  connectors: Connectors;
  sync: SyncControl;
  clientId: string;
  /** HMAC key for consent `state`. */
  stateKey: Buffer;
  /** External base URL (known once the HTTP server listens). */
  publicUrl: () => string;
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Waits between permission reads right after consent, while new roles propagate. */
  propagationDelaysMs?: number[];
  staleDeviceDays: number;
}

/** What the consent callback tells the administrator. */
export interface ConsentOutcome {
  ok: boolean;
  httpStatus: number;
  title: string;
  message: string;
  action?: string;
  status?: IntegrationStatus;
  missingPermissions?: string[];
}

export class IntegrationService {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly delays: number[];

  constructor(private readonly deps: IntegrationServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.delays = deps.propagationDelaysMs ?? [2_000, 4_000, 8_000, 16_000];
  }

  /** An admin-consent URL for the tenant (ADMIN), valid for 10 minutes and usable once. */
  async connect(
    caller: Caller,
    tenantId: string,
    cloud?: Cloud,
    requestId?: string,
  ): Promise<{ consentUrl: string; expiresAt: Date }> {
    requireRole(caller, tenantId, Role.ADMIN);
    const expiresAt = new Date(this.now().getTime() + CONSENT_TTL_MS);
    const nonce = randomUUID();
    const integration = await this.deps.dataSource.transaction(async (manager) => {
      await manager.insert(ConsentRequest, { tenantId, id: nonce, expiresAt });
      const current = await manager.findOneByOrFail(DefenderIntegration, { tenantId });
      const connected =
        current.status === IntegrationStatus.CONNECTED || current.status === IntegrationStatus.DEGRADED;
      await manager.update(
        DefenderIntegration,
        { tenantId },
        {
          cloud: cloud ?? current.cloud,
          ...(connected ? {} : { status: IntegrationStatus.PENDING_CONSENT }),
        },
      );
      await writeAudit(manager, {
        tenantId,
        actorKeyId: caller.keyId,
        action: "integration.connect",
        details: { cloud },
        requestId,
      });
      return { ...current, cloud: cloud ?? current.cloud };
    });
    const tenant = await this.deps.dataSource.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    const { authorityHost, defenderScope } = this.deps.connectors.endpoints(integration.cloud);
    // The tenant's own directory when known; else `organizations` (never `common`) lets the admin pick it.
    const url = new URL(`${authorityHost}/${tenant.entraTenantId ?? "organizations"}/v2.0/adminconsent`);
    url.searchParams.set("client_id", this.deps.clientId);
    url.searchParams.set("scope", defenderScope);
    url.searchParams.set("redirect_uri", this.redirectUri());
    url.searchParams.set("state", signConsentState({ tenantId, nonce, expiresAt }, this.deps.stateKey));
    return { consentUrl: url.toString(), expiresAt };
  }

  /** Troubleshooting checks for a tenant the caller may see. */
  async diagnostics(caller: Caller, tenantId: string): Promise<DiagnosticCheck[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    const facts = await readDiagnosticFacts(this.deps.dataSource, tenantId, {
      staleDeviceDays: this.deps.staleDeviceDays,
      now: this.now(),
    });
    return evaluateDiagnostics(facts);
  }

  /** After a revocation no cached token may outlive the consent. */
  forgetCachedTokens(): void {
    this.deps.connectors.forgetCachedTokens();
  }

  redirectUri(): string {
    return `${this.deps.publicUrl()}${CALLBACK_PATH}`;
  }

  /** Handles the redirect back from Microsoft's admin-consent page. */
  async completeConsent(params: URLSearchParams, requestId?: string): Promise<ConsentOutcome> {
    const state = verifyConsentState(params.get("state") ?? "", this.deps.stateKey, this.now());
    if (!state) {
      return refused(
        "This consent link is invalid or has expired.",
        "Start the connection again from the portal.",
      );
    }
    const consumed = await this.deps.dataSource
      .createQueryBuilder()
      .update(ConsentRequest)
      .set({ usedAt: this.now() })
      .where("tenant_id = :tenantId AND id = :nonce AND used_at IS NULL AND expires_at > :now", {
        tenantId: state.tenantId,
        nonce: state.nonce,
        now: this.now(),
      })
      .execute();
    if (!consumed.affected) {
      return refused(
        "This consent link was already used or has expired.",
        "Start the connection again from the portal.",
      );
    }

    const error = params.get("error");
    if (error) {
      const failure = explainConsentError(error, params.get("error_description"));
      await this.record(
        state.tenantId,
        IntegrationStatus.NOT_CONNECTED,
        `Consent failed (${failure.code}): ${failure.reason}`,
        requestId,
        {
          action: "integration.consent_failed",
          code: failure.code,
        },
      );
      return {
        ok: false,
        httpStatus: 200,
        title: "Consent was not granted",
        message: failure.reason,
        action: failure.action,
        status: IntegrationStatus.NOT_CONNECTED,
      };
    }

    const claimedTenant = params.get("tenant");
    if (!claimedTenant || !TENANT_NAME.test(claimedTenant)) {
      return refused(
        "Microsoft's answer did not name the directory that granted consent.",
        "Start the connection again.",
      );
    }
    const integration = await this.deps.dataSource
      .getRepository(DefenderIntegration)
      .findOneByOrFail({ tenantId: state.tenantId });
    let permissions: TenantPermissions;
    try {
      permissions = await this.readPermissionsAfterConsent(integration.cloud, claimedTenant);
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      await this.record(
        state.tenantId,
        IntegrationStatus.ERROR,
        `Could not get a token after consent: ${message}`,
        requestId,
        {
          action: "integration.token_failed",
        },
      );
      return {
        ok: false,
        httpStatus: 502,
        title: "Consent was recorded, but Microsoft would not issue a token",
        message,
        action: "Wait a minute and start the connection again; new consents can take a while to apply.",
        status: IntegrationStatus.ERROR,
      };
    }
    // Never trust the `tenant` query parameter: the token's tid must say the same.
    if (permissions.tenantId?.toLowerCase() !== claimedTenant.toLowerCase()) {
      await this.audit(state.tenantId, "integration.tenant_mismatch", requestId, {
        claimedTenant,
        tokenTenant: permissions.tenantId,
      });
      return refused(
        "The directory named in the redirect does not match the token Microsoft issued.",
        "Start the connection again.",
      );
    }
    return this.bind(state.tenantId, claimedTenant.toLowerCase(), permissions, requestId);
  }

  private async bind(
    tenantId: string,
    entraTenantId: string,
    permissions: TenantPermissions,
    requestId?: string,
  ): Promise<ConsentOutcome> {
    const status = permissions.missing.length ? IntegrationStatus.DEGRADED : IntegrationStatus.CONNECTED;
    const bound = await this.deps.dataSource.transaction(async (manager) => {
      const owner = await manager.findOneBy(Tenant, { entraTenantId });
      if (owner && owner.id !== tenantId) return false;
      await manager.update(Tenant, { id: tenantId }, { entraTenantId });
      await manager.update(
        DefenderIntegration,
        { tenantId },
        {
          status,
          grantedPermissions: permissions.granted,
          missingPermissions: permissions.missing,
          consentedAt: this.now(),
          lastError: null,
          lastErrorAt: null,
          revokedAt: null,
        },
      );
      await writeAudit(manager, {
        tenantId,
        actorKeyId: null,
        action: "integration.connected",
        details: { entraTenantId, status, missing: permissions.missing },
        requestId,
      });
      return true;
    });
    if (!bound) {
      await this.audit(tenantId, "integration.tenant_already_bound", requestId, { entraTenantId });
      return refused(
        "This Microsoft directory is already connected to another tenant of this service.",
        "Disconnect it there first, or connect a different directory.",
      );
    }
    await this.deps.sync.trigger(tenantId, { mode: SyncMode.FULL, trigger: SyncTrigger.CONSENT });
    this.deps.logger.info(
      { tenantId, entraTenantId, status },
      "Defender integration connected; first sync queued",
    );
    return {
      ok: true,
      httpStatus: 200,
      title:
        status === IntegrationStatus.CONNECTED
          ? "Connected to Microsoft Defender"
          : "Connected, with permissions missing",
      message:
        status === IntegrationStatus.CONNECTED
          ? "Discovery has started. The first sync may take several minutes depending on fleet size."
          : `Discovery has started, but these permissions were not granted: ${permissions.missing.join(", ")}. Some sources will be skipped.`,
      action:
        status === IntegrationStatus.CONNECTED
          ? undefined
          : "Grant the missing permissions in the app registration, then connect again.",
      status,
      missingPermissions: permissions.missing,
    };
  }

  /** Tokens issued right after consent may lack the new roles; read again with backoff before settling. */
  private async readPermissionsAfterConsent(cloud: Cloud, entraTenantId: string): Promise<TenantPermissions> {
    const connector = this.deps.connectors.forCloud(cloud);
    let last: TenantPermissions | undefined;
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.delays.length; attempt++) {
      if (attempt > 0) await this.sleep(this.delays[attempt - 1]);
      try {
        last = await connector.permissions(entraTenantId);
        if (last.missing.length === 0) return last;
      } catch (error) {
        if (!(error instanceof DefenderError)) throw error;
        lastError = error;
      }
    }
    if (last) return last;
    throw lastError;
  }

  /**
   * Single-organization mode: the Entra tenant of AZURE_TENANT_ID, consented in the Azure portal, is
   * ensured as a tenant and its integration checked and marked CONNECTED or DEGRADED.
   */
  async ensureSingleOrganization(entraTenantId: string): Promise<Tenant> {
    const id = entraTenantId.toLowerCase();
    const tenants = this.deps.dataSource.getRepository(Tenant);
    let tenant = await tenants.findOneBy({ entraTenantId: id });
    if (!tenant) {
      tenant = await this.deps.dataSource.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(Tenant, { name: `Entra tenant ${id}`, entraTenantId: id }),
        );
        await manager.insert(DefenderIntegration, { tenantId: created.id });
        return created;
      });
    }
    const integration = await this.deps.dataSource
      .getRepository(DefenderIntegration)
      .findOneByOrFail({ tenantId: tenant.id });
    try {
      const permissions = await this.deps.connectors.forCloud(integration.cloud).permissions(id);
      await this.deps.dataSource.getRepository(DefenderIntegration).update(
        { tenantId: tenant.id },
        {
          status: permissions.missing.length ? IntegrationStatus.DEGRADED : IntegrationStatus.CONNECTED,
          grantedPermissions: permissions.granted,
          missingPermissions: permissions.missing,
          consentedAt: integration.consentedAt ?? this.now(),
          lastError: null,
          lastErrorAt: null,
        },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.record(
        tenant.id,
        IntegrationStatus.ERROR,
        `Single-organization tenant check failed: ${message}`,
      );
    }
    await this.deps.sync.reschedule(tenant.id);
    return tenant;
  }

  private async record(
    tenantId: string,
    status: IntegrationStatus,
    lastError: string,
    requestId?: string,
    audit?: { action: string } & Record<string, unknown>,
  ): Promise<void> {
    await this.deps.dataSource.transaction(async (manager: EntityManager) => {
      await manager.update(DefenderIntegration, { tenantId }, { status, lastError, lastErrorAt: this.now() });
      if (audit) {
        const { action, ...details } = audit;
        await writeAudit(manager, {
          tenantId,
          actorKeyId: null,
          action,
          details: { ...details, lastError },
          requestId,
        });
      }
    });
    this.deps.logger.warn({ tenantId, status, lastError }, "Defender integration not connected");
  }

  private async audit(
    tenantId: string,
    action: string,
    requestId: string | undefined,
    details: Record<string, unknown>,
  ): Promise<void> {
    await writeAudit(this.deps.dataSource.manager, {
      tenantId,
      actorKeyId: null,
      action,
      details,
      requestId,
    });
    this.deps.logger.warn({ tenantId, action, ...details }, "consent callback refused");
  }
}

/**
 * The key that signs consent `state`: derived from the application's credential, so every replica
 * shares it without another secret to configure or store.
 */
export function consentStateKey(settings: { clientId: string; credential: ClientCredential }): Buffer {
  const secret =
    "clientSecret" in settings.credential
      ? settings.credential.clientSecret
      : settings.credential.certificatePem;
  return createHash("sha256")
    .update(`agent-inventory/consent-state\0${settings.clientId}\0${secret}`)
    .digest();
}

function refused(message: string, action: string): ConsentOutcome {
  return { ok: false, httpStatus: 400, title: "This consent could not be completed", message, action };
}
