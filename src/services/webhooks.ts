/**
 * A tenant's webhooks (ADMIN only; every change audited): create with a given or generated secret
 * (shown once), list, update, disable, delete, test, and the delivery log. Receiver URLs are checked
 * against the delivery policy when saved (and again at every delivery, webhooks/address-policy.ts).
 */
import { requireRole, type Caller } from "../model/caller";
import { Role, WebhookEventType } from "../model/enums";
import { ErrorCode, FieldError } from "../model/errors";
import type { Page, PageRequest, Store, WebhookDeliveryRow, WebhookRow } from "../store";
import {
  addressRefusal,
  generateWebhookSecret,
  isValidWebhookSecret,
  type DeliveryPolicy,
  type Resolve,
  type WebhookDeliverer,
} from "../webhooks";
import { DiagnosticCategory, DiagnosticStatus } from "../model/enums";
import type { DiagnosticCheck } from "./diagnostics";
import type { TenantService } from "./tenants";

const MAX_URL_LENGTH = 2000;

/** A webhook as its global ID names it. */
export interface WebhookRef {
  tenantId: string;
  id: string;
}

export interface NewWebhook {
  /** null when the named tenant does not exist. */
  tenantId: string | null;
  url: string;
  events: WebhookEventType[];
  secret?: string | null;
}

export interface CreatedWebhook {
  webhook: WebhookRow;
  /** Shown once, at creation; never returned again. */
  secret: string;
}

export interface WebhookUpdate {
  url?: string | null;
  events?: WebhookEventType[] | null;
  enabled?: boolean | null;
}

export interface WebhookServiceDeps {
  store: Store;
  tenants: TenantService;
  policy: DeliveryPolicy;
  /** Sends `testWebhook`'s delivery now. */
  deliverer: WebhookDeliverer;
  resolve?: Resolve;
}

export class WebhookService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  async create(caller: Caller, input: NewWebhook): Promise<CreatedWebhook> {
    const tenantId = await this.deps.tenants.requireExisting(caller, input.tenantId);
    requireRole(caller, tenantId, Role.ADMIN);
    const events = checkEvents(input.events);
    await this.checkUrl(input.url);
    if (input.secret != null && !isValidWebhookSecret(input.secret))
      throw new FieldError(
        ErrorCode.BAD_USER_INPUT,
        "A secret is `whsec_` followed by the base64 of 24 to 64 random bytes",
        "secret",
      );
    const secret = input.secret ?? generateWebhookSecret();
    const webhook = await this.deps.store.transaction(async (tx) => {
      const created = await tx.webhooks.create(tenantId, input.url, events, secret);
      await this.audit(tx, caller, "webhook.create", created, { url: created.url, events });
      return created;
    });
    return { webhook, secret };
  }

  /** The tenant's webhooks, newest first. */
  list(caller: Caller, tenantId: string, request: PageRequest): Promise<Page<WebhookRow>> {
    requireRole(caller, tenantId, Role.ADMIN);
    return this.deps.store.webhooks.page(tenantId, request);
  }

  /** Webhooks by id for `node(id:)`; none unless the caller is the tenant's ADMIN. */
  async byIds(caller: Caller, tenantId: string, ids: readonly string[]): Promise<WebhookRow[]> {
    requireRole(caller, tenantId, Role.ADMIN);
    return this.deps.store.webhooks.byIds(tenantId, ids);
  }

  async update(caller: Caller, ref: WebhookRef | null, changes: WebhookUpdate): Promise<WebhookRow> {
    const existing = await this.require(caller, ref);
    const events = changes.events == null ? undefined : checkEvents(changes.events);
    if (changes.url != null) await this.checkUrl(changes.url);
    return this.deps.store.transaction(async (tx) => {
      const updated = (await tx.webhooks.update(existing.tenantId, existing.id, {
        url: changes.url ?? undefined,
        events,
        enabled: changes.enabled ?? undefined,
      }))!;
      await this.audit(tx, caller, "webhook.update", updated, {
        url: changes.url ?? undefined,
        events,
        enabled: changes.enabled ?? undefined,
      });
      return updated;
    });
  }

  async delete(caller: Caller, ref: WebhookRef | null): Promise<WebhookRow> {
    const existing = await this.require(caller, ref);
    await this.deps.store.transaction(async (tx) => {
      await tx.webhooks.delete(existing.tenantId, existing.id);
      await this.audit(tx, caller, "webhook.delete", existing, { url: existing.url });
    });
    return existing;
  }

  /** Sends a `webhook.test` delivery now, once; returns it as the delivery log records it. */
  async test(caller: Caller, ref: WebhookRef | null): Promise<WebhookDeliveryRow> {
    const existing = await this.require(caller, ref);
    const delivery = await this.deps.store.transaction(async (tx) => {
      await this.audit(tx, caller, "webhook.test", existing, {});
      return tx.webhooks.createTestDelivery(existing.tenantId, existing.id, new Date());
    });
    return this.deps.deliverer.sendTest(delivery!);
  }

  /** The webhook's delivery log, newest first. */
  async deliveries(caller: Caller, ref: WebhookRef, request: PageRequest): Promise<Page<WebhookDeliveryRow>> {
    requireRole(caller, ref.tenantId, Role.ADMIN);
    return this.deps.store.webhooks.deliveries(ref.tenantId, ref.id, request);
  }

  private async require(caller: Caller, ref: WebhookRef | null): Promise<WebhookRow> {
    const found = ref && (await this.deps.tenants.get(caller, ref.tenantId)) ? ref : null;
    if (found) requireRole(caller, found.tenantId, Role.ADMIN);
    const webhook = found && (await this.deps.store.webhooks.find(found.tenantId, found.id));
    if (!webhook) throw new FieldError(ErrorCode.NOT_FOUND, "Webhook not found", "id");
    return webhook;
  }

  private async checkUrl(url: string): Promise<void> {
    const refusal =
      url.length > MAX_URL_LENGTH
        ? `At most ${MAX_URL_LENGTH} characters`
        : await addressRefusal(url, this.deps.policy, this.deps.resolve);
    if (refusal) throw new FieldError(ErrorCode.BAD_USER_INPUT, refusal, "url");
  }

  private audit(
    tx: Store,
    caller: Caller,
    action: string,
    webhook: WebhookRow,
    details: Record<string, unknown>,
  ): Promise<void> {
    return tx.audit.write({
      tenantId: webhook.tenantId,
      actorKeyId: caller.keyId,
      action,
      details: { webhookId: webhook.id, ...details },
      requestId: caller.requestId,
    });
  }
}

function checkEvents(events: WebhookEventType[]): WebhookEventType[] {
  const distinct = [...new Set(events)];
  if (!distinct.length) throw new FieldError(ErrorCode.BAD_USER_INPUT, "Name at least one event", "events");
  return distinct;
}

/** The diagnostics check of a tenant's webhooks: OK, or a WARNING naming each one disabled after a day of failures. */
export function webhooksCheck(disabled: WebhookRow[]): DiagnosticCheck {
  const base = {
    key: "webhooks",
    category: DiagnosticCategory.AUTOMATION,
    figures: [{ name: "webhooksDisabledForFailures", value: disabled.length }],
  };
  if (!disabled.length)
    return {
      ...base,
      status: DiagnosticStatus.OK,
      message: "No webhook was disabled for failing deliveries",
    };
  return {
    ...base,
    status: DiagnosticStatus.WARNING,
    message: disabled.map((w) => `${w.url}: ${w.disabledReason}`).join("; "),
  };
}
