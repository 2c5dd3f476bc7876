/**
 * The Defender integration's life: NOT_CONNECTED → PENDING_CONSENT → CONNECTED / DEGRADED → ERROR →
 * REVOKED. "Connect with Microsoft" binds a directory only when an administrator of it completed this
 * very flow: the callback first receives the administrator's OpenID Connect sign-in (code + PKCE, nonce,
 * ID token checked for `tid` and a consent-granting role in `wids`), then sends the browser to admin
 * consent for exactly that directory, and on its return binds it, records granted and missing
 * permissions and enqueues the first sync. Each step's `state` is signed, expiring and single use; a
 * redirect alone, or its `tenant` parameter, is never proof. Refusals say what to do and never whose a
 * directory is.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { DataSource, EntityManager } from "typeorm";
import { writeAudit } from "../auth/audit";
import { requireRole, type Caller } from "../auth/caller";
import { DomainError, ErrorCode } from "../auth/errors";
import { DefenderError, type ClientCredential, type TenantPermissions } from "../defender";
import { ConsentRequest } from "../model/consent-request.entity";
import { DefenderIntegration } from "../model/defender-integration.entity";
import { Cloud, IntegrationStatus, Role, SyncMode, SyncTrigger } from "../model/enums";
import { Tenant } from "../model/tenant.entity";
import type { SyncControl } from "../sync/sync-control";
import { explainConsentError } from "./consent-errors";
import { evaluateDiagnostics, readDiagnosticFacts, type DiagnosticCheck } from "./diagnostics";
import { SignInRejected, type SignedInAdmin } from "./admin-sign-in";
import { signConsentState, verifyConsentState, type ConsentState } from "./consent-state";
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
  /** HMAC key of both steps' `state`. */
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

/** What the consent callback does: show the administrator a page, or send the browser on to Microsoft. */
export type ConsentOutcome = ConsentPage | { redirect: string };

/** What the consent callback tells the administrator. */
export interface ConsentPage {
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

  /**
   * The URL where an administrator of the organization signs in and then grants admin consent (ADMIN of
   * the tenant); valid for 10 minutes and usable once.
   */
  async connect(
    caller: Caller,
    tenantId: string,
    cloud?: Cloud,
    requestId?: string,
  ): Promise<{ consentUrl: string; expiresAt: Date }> {
    requireRole(caller, tenantId, Role.ADMIN);
    const tenant = await this.deps.dataSource.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!tenant) throw new DomainError(ErrorCode.NOT_FOUND, "Tenant not found");
    const expiresAt = new Date(this.now().getTime() + CONSENT_TTL_MS);
    const id = randomUUID();
    const integration = await this.deps.dataSource
      .getRepository(DefenderIntegration)
      .findOneByOrFail({ tenantId });
    const chosenCloud = cloud ?? integration.cloud;
    // Known directory: its own sign-in page; else `organizations` lets the admin pick theirs.
    const signIn = await this.deps.connectors.signIn(chosenCloud).start({
      directory: tenant.entraTenantId,
      redirectUri: this.redirectUri(),
      state: signConsentState({ tenantId, requestId: id, expiresAt, step: "sign-in" }, this.deps.stateKey),
    });
    await this.deps.dataSource.transaction(async (manager) => {
      await manager.insert(ConsentRequest, {
        tenantId,
        id,
        expiresAt,
        codeVerifier: signIn.codeVerifier,
        oidcNonce: signIn.nonce,
      });
      const connected =
        integration.status === IntegrationStatus.CONNECTED ||
        integration.status === IntegrationStatus.DEGRADED;
      await manager.update(
        DefenderIntegration,
        { tenantId },
        { cloud: chosenCloud, ...(connected ? {} : { status: IntegrationStatus.PENDING_CONSENT }) },
      );
      await writeAudit(manager, {
        tenantId,
        actorKeyId: caller.keyId,
        action: "integration.connect",
        details: { cloud },
        requestId,
      });
    });
    return { consentUrl: signIn.url, expiresAt };
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

  /** Handles both redirects back from Microsoft: the administrator's sign-in, then admin consent. */
  async completeConsent(params: URLSearchParams, requestId?: string): Promise<ConsentOutcome> {
    const state = verifyConsentState(params.get("state") ?? "", this.deps.stateKey, this.now());
    if (!state) {
      return refused(
        "This consent link is invalid or has expired.",
        "Start the connection again from the portal.",
      );
    }
    return state.step === "sign-in"
      ? this.completeSignIn(state, params, requestId)
      : this.completeAdminConsent(state, params, requestId);
  }

  /**
   * The sign-in step: used once whatever comes of it. Only a code that redeems to an ID token of an
   * administrator able to grant consent sends the browser on, to admin consent for that directory.
   */
  private async completeSignIn(
    state: ConsentState,
    params: URLSearchParams,
    requestId?: string,
  ): Promise<ConsentOutcome> {
    const request = await this.takeSignIn(state);
    if (!request?.codeVerifier || !request.oidcNonce) {
      return refused(
        "This consent link was already used or has expired.",
        "Start the connection again from the portal.",
      );
    }
    const error = params.get("error");
    if (error) return this.recordConsentFailure(state.tenantId, error, params, requestId);
    const code = params.get("code");
    if (!code) {
      await this.audit(state.tenantId, "integration.consent_refused", requestId, { reason: "NO_SIGN_IN" });
      return refused(
        "This page was opened without signing in to Microsoft, so it proves nothing about who consented.",
        "Start the connection again from the portal and sign in as an administrator of the organization to connect.",
      );
    }
    const integration = await this.deps.dataSource
      .getRepository(DefenderIntegration)
      .findOneByOrFail({ tenantId: state.tenantId });
    let admin: SignedInAdmin;
    try {
      admin = await this.deps.connectors.signIn(integration.cloud).finish({
        code,
        redirectUri: this.redirectUri(),
        codeVerifier: request.codeVerifier,
        nonce: request.oidcNonce,
      });
    } catch (failure) {
      const reason = failure instanceof SignInRejected ? failure.reason : signInErrorCode(failure);
      await this.audit(state.tenantId, "integration.consent_refused", requestId, { reason });
      if (reason === "NOT_A_CONSENT_ADMIN") {
        return refused(
          "The account that signed in does not hold an Entra role that can grant tenant-wide admin consent to this application.",
          "Start again and sign in as a Global Administrator or Privileged Role Administrator of the organization to connect.",
        );
      }
      return refused(
        "Microsoft did not confirm this sign-in.",
        "Start the connection again from the portal.",
      );
    }
    const tenant = await this.deps.dataSource.getRepository(Tenant).findOneByOrFail({ id: state.tenantId });
    if (tenant.entraTenantId && tenant.entraTenantId !== admin.directoryId) {
      await this.audit(state.tenantId, "integration.consent_refused", requestId, {
        reason: "OTHER_DIRECTORY",
      });
      return refused(
        "You signed in to a different Microsoft directory than the one this tenant is connected to.",
        "Start again and sign in with an administrator account of the connected directory, or revoke the integration first to connect another one.",
      );
    }
    if (await this.boundElsewhere(state.tenantId, admin.directoryId)) {
      await this.audit(state.tenantId, "integration.consent_refused", requestId, {
        reason: "DIRECTORY_UNAVAILABLE",
        entraTenantId: admin.directoryId,
      });
      return directoryUnavailable();
    }
    await this.deps.dataSource
      .getRepository(ConsentRequest)
      .update({ tenantId: state.tenantId, id: state.requestId }, { entraTenantId: admin.directoryId });
    await this.audit(state.tenantId, "integration.admin_signed_in", requestId, {
      entraTenantId: admin.directoryId,
      userObjectId: admin.userObjectId,
    });
    return { redirect: this.adminConsentUrl(integration.cloud, state, admin.directoryId) };
  }

  /** Admin consent for exactly the directory whose administrator signed in, with a state bound to it. */
  private adminConsentUrl(cloud: Cloud, state: ConsentState, directory: string): string {
    const { authorityHost, defenderScope } = this.deps.connectors.endpoints(cloud);
    const url = new URL(`${authorityHost}/${directory}/v2.0/adminconsent`);
    url.searchParams.set("client_id", this.deps.clientId);
    url.searchParams.set("scope", defenderScope);
    url.searchParams.set("redirect_uri", this.redirectUri());
    url.searchParams.set(
      "state",
      signConsentState({ ...state, step: "consent", directory }, this.deps.stateKey),
    );
    return url.toString();
  }

  /** The consent step: used once; binds the directory the sign-in proved, if a token for it agrees. */
  private async completeAdminConsent(
    state: ConsentState,
    params: URLSearchParams,
    requestId?: string,
  ): Promise<ConsentOutcome> {
    const directory = state.directory!;
    const consumed = await this.deps.dataSource
      .createQueryBuilder()
      .update(ConsentRequest)
      .set({ usedAt: this.now() })
      .where(
        "tenant_id = :tenantId AND id = :id AND entra_tenant_id = :directory AND signed_in_at IS NOT NULL AND used_at IS NULL AND expires_at > :now",
        { tenantId: state.tenantId, id: state.requestId, directory, now: this.now() },
      )
      .execute();
    if (!consumed.affected) {
      return refused(
        "This consent link was already used or has expired.",
        "Start the connection again from the portal.",
      );
    }
    const error = params.get("error");
    if (error) return this.recordConsentFailure(state.tenantId, error, params, requestId);

    const claimedTenant = params.get("tenant");
    if (claimedTenant?.toLowerCase() !== directory) {
      await this.audit(state.tenantId, "integration.tenant_mismatch", requestId, {
        entraTenantId: directory,
        claimedTenant: claimedTenant && TENANT_NAME.test(claimedTenant) ? claimedTenant : null,
      });
      return refused(
        "Microsoft's answer does not name the directory whose administrator signed in.",
        "Start the connection again from the portal.",
      );
    }
    const integration = await this.deps.dataSource
      .getRepository(DefenderIntegration)
      .findOneByOrFail({ tenantId: state.tenantId });
    let permissions: TenantPermissions;
    try {
      permissions = await this.readPermissionsAfterConsent(integration.cloud, directory);
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
    // The token Entra issues for the directory must name it too.
    if (permissions.tenantId?.toLowerCase() !== directory) {
      await this.audit(state.tenantId, "integration.tenant_mismatch", requestId, {
        entraTenantId: directory,
        tokenTenant: permissions.tenantId,
      });
      return refused(
        "The directory that granted consent does not match the token Microsoft issued.",
        "Start the connection again from the portal.",
      );
    }
    return this.bind(state.tenantId, directory, permissions, requestId);
  }

  /** Marks the sign-in step used and hands back what it needs, or null when it was used or expired. */
  private takeSignIn(state: ConsentState): Promise<ConsentRequest | null> {
    return this.deps.dataSource.transaction(async (manager) => {
      const request = await manager
        .getRepository(ConsentRequest)
        .createQueryBuilder("c")
        .setLock("pessimistic_write")
        .where("c.tenantId = :tenantId AND c.id = :id AND c.signedInAt IS NULL AND c.expiresAt > :now", {
          tenantId: state.tenantId,
          id: state.requestId,
          now: this.now(),
        })
        .getOne();
      if (!request) return null;
      await manager.update(
        ConsentRequest,
        { tenantId: state.tenantId, id: state.requestId },
        { signedInAt: this.now(), codeVerifier: null },
      );
      return request;
    });
  }

  private async boundElsewhere(tenantId: string, entraTenantId: string): Promise<boolean> {
    const owner = await this.deps.dataSource.getRepository(Tenant).findOneBy({ entraTenantId });
    return Boolean(owner && owner.id !== tenantId);
  }

  private async recordConsentFailure(
    tenantId: string,
    error: string,
    params: URLSearchParams,
    requestId?: string,
  ): Promise<ConsentPage> {
    const failure = explainConsentError(error, params.get("error_description"));
    await this.record(
      tenantId,
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

  private async bind(
    tenantId: string,
    entraTenantId: string,
    permissions: TenantPermissions,
    requestId?: string,
  ): Promise<ConsentPage> {
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
      await this.audit(tenantId, "integration.consent_refused", requestId, {
        reason: "DIRECTORY_UNAVAILABLE",
        entraTenantId,
      });
      return directoryUnavailable();
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

  /** Audits a step of the callback; anything but the administrator's proven sign-in is a refusal. */
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
    if (action === "integration.admin_signed_in")
      this.deps.logger.info({ tenantId, ...details }, "administrator signed in; on to admin consent");
    else this.deps.logger.warn({ tenantId, action, ...details }, "consent callback refused");
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

function refused(message: string, action: string): ConsentPage {
  return { ok: false, httpStatus: 400, title: "This consent could not be completed", message, action };
}

/** The same words whoever asks: never whether, or to whom, the directory is connected. */
function directoryUnavailable(): ConsentPage {
  return refused(
    "This Microsoft directory cannot be connected to this tenant.",
    "Connect the directory of your own organization, or ask the operator of this service for help.",
  );
}

/** msal's error code for a failed code exchange (never the error's text, which may quote a token). */
function signInErrorCode(failure: unknown): string {
  const code = (failure as { errorCode?: unknown }).errorCode;
  return typeof code === "string" && /^[\w.-]{1,80}$/.test(code) ? code : "SIGN_IN_FAILED";
}
