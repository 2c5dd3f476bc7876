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
import { DefenderError, type ClientCredential, type TenantPermissions } from "../defender";
import { SignInRejected, type SignedInAdmin } from "../defender/admin-sign-in";
import type { Connectors } from "../defender/connectors";
import { requireRole, type Caller } from "../model/caller";
import { Cloud, IntegrationStatus, Role, SyncMode, SyncTrigger } from "../model/enums";
import type { Store, TenantRow } from "../store";
import type { SyncControl } from "../sync";
import { explainConsentError } from "./consent-errors";
import { signConsentState, verifyConsentState, type ConsentState } from "./consent-state";
import { evaluateDiagnostics, type DiagnosticCheck } from "./diagnostics";
import { webhooksCheck } from "./webhooks";
import type { TenantService } from "./tenants";

export const CONSENT_TTL_MS = 10 * 60 * 1000;
export const CALLBACK_PATH = "/integrations/defender/callback";

/** A directory id or domain, as Entra may name it in `tenant`. */
const TENANT_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$/;

export interface IntegrationServiceDeps {
  store: Store;
  tenants: TenantService;
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
    tenantId: string | null,
    cloud?: Cloud,
  ): Promise<{ consentUrl: string; expiresAt: Date; redirectUri: string }> {
    const tenant = (await this.deps.store.tenants.byId(
      await this.deps.tenants.requireExisting(caller, tenantId),
    ))!;
    requireRole(caller, tenant.id, Role.ADMIN);
    const expiresAt = new Date(this.now().getTime() + CONSENT_TTL_MS);
    const id = randomUUID();
    const integration = (await this.deps.store.integrations.find(tenant.id))!;
    const chosenCloud = cloud ?? integration.cloud;
    // Known directory: its own sign-in page; else `organizations` lets the admin pick theirs.
    const signIn = await this.deps.connectors.signIn(chosenCloud).start({
      directory: tenant.entraTenantId,
      redirectUri: this.redirectUri(),
      state: signConsentState(
        { tenantId: tenant.id, requestId: id, expiresAt, step: "sign-in" },
        this.deps.stateKey,
      ),
    });
    await this.deps.store.transaction(async (tx) => {
      await tx.integrations.createConsentRequest({
        tenantId: tenant.id,
        id,
        expiresAt,
        codeVerifier: signIn.codeVerifier,
        oidcNonce: signIn.nonce,
      });
      await tx.integrations.consentStarted(tenant.id, chosenCloud);
      await tx.audit.write({
        tenantId: tenant.id,
        actorKeyId: caller.keyId,
        action: "integration.connect",
        details: { cloud },
        requestId: caller.requestId,
      });
    });
    return { consentUrl: signIn.url, expiresAt, redirectUri: this.redirectUri() };
  }

  /** Troubleshooting checks for a tenant the caller may see. */
  async diagnostics(caller: Caller, tenantId: string): Promise<DiagnosticCheck[]> {
    requireRole(caller, tenantId, Role.VIEWER);
    const facts = await this.deps.store.diagnostics.facts(tenantId);
    return [
      ...evaluateDiagnostics({ ...facts, staleDeviceDays: this.deps.staleDeviceDays, now: this.now() }),
      webhooksCheck(await this.deps.store.webhooks.disabledForFailures(tenantId)),
    ];
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
    const integration = (await this.deps.store.integrations.find(state.tenantId))!;
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
    const tenant = (await this.deps.store.tenants.byId(state.tenantId))!;
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
    await this.deps.store.integrations.signedInTo(state.tenantId, state.requestId, admin.directoryId);
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
    const consumed = await this.deps.store.integrations.takeConsent(
      state.tenantId,
      state.requestId,
      directory,
      this.now(),
    );
    if (!consumed) {
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
    const integration = (await this.deps.store.integrations.find(state.tenantId))!;
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
  private takeSignIn(state: ConsentState) {
    return this.deps.store.integrations.takeSignIn(state.tenantId, state.requestId, this.now());
  }

  private async boundElsewhere(tenantId: string, entraTenantId: string): Promise<boolean> {
    const owner = await this.deps.store.tenants.byEntraTenantId(entraTenantId);
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
    const bound = await this.deps.store.transaction(async (tx) => {
      const owner = await tx.tenants.byEntraTenantId(entraTenantId);
      if (owner && owner.id !== tenantId) return false;
      await tx.tenants.bindEntraTenant(tenantId, entraTenantId);
      await tx.integrations.consented(tenantId, status, permissions, this.now());
      await tx.audit.write({
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
  async ensureSingleOrganization(entraTenantId: string): Promise<TenantRow> {
    const id = entraTenantId.toLowerCase();
    const tenant =
      (await this.deps.store.tenants.byEntraTenantId(id)) ??
      (await this.deps.store.tenants.create(`Entra tenant ${id}`, id));
    const integration = (await this.deps.store.integrations.find(tenant.id))!;
    try {
      const permissions = await this.deps.connectors.forCloud(integration.cloud).permissions(id);
      await this.deps.store.integrations.permissionsChecked(
        tenant.id,
        permissions.missing.length ? IntegrationStatus.DEGRADED : IntegrationStatus.CONNECTED,
        permissions,
        this.now(),
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
    await this.deps.store.transaction(async (tx) => {
      await tx.integrations.failed(tenantId, status, lastError, this.now());
      if (audit) {
        const { action, ...details } = audit;
        await tx.audit.write({
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
    await this.deps.store.audit.write({ tenantId, actorKeyId: null, action, details, requestId });
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
