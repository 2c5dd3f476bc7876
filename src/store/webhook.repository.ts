/**
 * Webhooks and their outbox (`webhook_delivery`, docs/webhooks.md): the subscriptions a tenant's ADMIN
 * manages, the outbox rows written inside the transactions that make events (one per subscribed webhook
 * and event), and the delivery worker's claims and outcomes. Claims and outcomes span tenants: they are
 * the platform's delivery pass, as the scheduler's due-tenant list is.
 */
import { WebhookDeliveryStatus, WebhookEventType } from "../model/enums";
import type { WebhookDelivery } from "../model/webhook-delivery.entity";
import { INSTALLATION_WEBHOOK_EVENTS, TEST_EVENT_NAME, WEBHOOK_EVENT_NAMES } from "../model/webhook-events";
import type { Webhook } from "../model/webhook.entity";
import { Params } from "./filters";
import type { PageRequest, SortKey } from "./keyset";
import { fetchPage, type Page } from "./page";
import type { Sql } from "./sql";

/** A webhook as the API shows it: never its secret. */
export type WebhookRow = Omit<Webhook, "secret">;
export type WebhookDeliveryRow = Omit<WebhookDelivery, "payload">;

const WEBHOOK_SELECT = `w.tenant_id AS "tenantId", w.id, w.url, w.events, w.enabled,
  w.disabled_reason AS "disabledReason", w.disabled_at AS "disabledAt", w.failing_since AS "failingSince",
  w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;

const DELIVERY_SELECT = `d.tenant_id AS "tenantId", d.id, d.webhook_id AS "webhookId", d.event_type AS "eventType",
  d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_attempt_at AS "lastAttemptAt",
  d.response_status AS "responseStatus", d.last_error AS "lastError", d.created_at AS "createdAt",
  d.delivered_at AS "deliveredAt"`;

/** Each event's wire name, as a relation to join (the values come from a closed enum). */
const EVENT_NAMES = `(VALUES ${Object.entries(WEBHOOK_EVENT_NAMES)
  .map(([type, name]) => `('${type}', '${name}')`)
  .join(", ")}) AS n(type, name)`;

/**
 * An INSERT of one outbox row per enabled webhook of the tenant subscribed to the event, for each row of
 * `source` (columns `tenant_id`, `type` (a WebhookEventType), `occurred_at`, and `payload`: the body's
 * `data`). The body is Standard Webhooks' recommended envelope, `{ type, timestamp, data }`.
 */
export function outboxInsert(source: string): string {
  return `INSERT INTO webhook_delivery (tenant_id, webhook_id, event_type, payload)
    SELECT w.tenant_id, w.id, n.name, jsonb_build_object('type', n.name, 'timestamp', s.occurred_at, 'data', s.payload)
    FROM (${source}) s JOIN ${EVENT_NAMES} ON n.type = s.type
    JOIN webhook w ON w.tenant_id = s.tenant_id AND w.enabled AND s.type = ANY(w.events)`;
}

/** The webhook event of each change-feed event type, as SQL over `e.type`. */
const INSTALLATION_EVENT_TYPE = `CASE e.type::text ${Object.entries(INSTALLATION_WEBHOOK_EVENTS)
  .map(([change, type]) => `WHEN '${change}' THEN '${type}'`)
  .join(" ")} END`;

/** An installation's event as a webhook's `data`: the change, and whose agent on which device, with its policy. */
const INSTALLATION_EVENT_DATA = `jsonb_build_object(
  'eventId', e.id, 'change', e.type, 'fromVersion', e.from_version, 'toVersion', e.to_version,
  'occurredAt', e.occurred_at, 'syncRunId', e.sync_run_id,
  'installation', jsonb_build_object('id', i.id, 'status', i.status, 'channel', i.channel, 'version', i.version,
    'firstSeenAt', i.first_seen_at, 'lastSeenAt', i.last_seen_at, 'removedAt', i.removed_at),
  'agent', jsonb_build_object('key', a.key, 'name', a.name, 'vendor', a.vendor, 'category', a.category,
    'policy', ap.policy),
  'device', jsonb_build_object('id', dv.id, 'defenderId', dv.defender_id, 'name', dv.name,
    'osPlatform', dv.os_platform),
  'user', CASE WHEN u.id IS NULL THEN NULL
    ELSE jsonb_build_object('id', u.id, 'upn', u.upn, 'accountName', u.account_name) END)`;

/**
 * Writes the outbox rows of installation events just appended (by id); call in the transaction that
 * appended them. A tenant with no webhook reads nothing.
 */
export async function enqueueInstallationEvents(
  db: Sql,
  tenantId: string,
  eventIds: string[],
): Promise<void> {
  if (!eventIds.length) return;
  await db.execute(
    outboxInsert(`SELECT e.tenant_id, ${INSTALLATION_EVENT_TYPE} AS type, e.occurred_at, ${INSTALLATION_EVENT_DATA} AS payload
      FROM installation_event e
      JOIN installation i ON i.tenant_id = e.tenant_id AND i.id = e.installation_id
      JOIN agent a ON a.id = i.agent_id
      JOIN device dv ON dv.tenant_id = i.tenant_id AND dv.id = i.device_id
      LEFT JOIN user_account u ON u.tenant_id = i.tenant_id AND u.id = i.user_id
      LEFT JOIN agent_policy ap ON ap.tenant_id = i.tenant_id AND ap.agent_id = i.agent_id
      WHERE e.tenant_id = $1 AND e.id = ANY($2::uuid[])
        AND EXISTS (SELECT 1 FROM webhook w WHERE w.tenant_id = $1 AND w.enabled)`),
    [tenantId, eventIds],
  );
}

/**
 * An MCP server's first sighting as a webhook's `data`: the change-feed event, the server with the
 * tenant's policy, how it was launched (as stored: already redacted), and on whose device, for which agent.
 */
const MCP_SERVER_EVENT_DATA = `jsonb_build_object(
  'eventId', e.id, 'occurredAt', e.occurred_at, 'syncRunId', e.sync_run_id,
  'server', jsonb_build_object('id', s.id, 'key', s.key, 'name', s.name, 'publisher', s.publisher,
    'transport', s.transport, 'known', s.known, 'capabilities', s.capabilities, 'policy', s.policy),
  'launch', jsonb_build_object('launcher', s.launcher, 'packageType', s.package_type, 'packageName', s.package_name,
    'hostProcess', g.host_process, 'version', g.version, 'pinned', g.pinned, 'remoteUrl', g.remote_url,
    'arguments', g.arguments, 'evidence', g.evidence),
  'device', jsonb_build_object('id', dv.id, 'defenderId', dv.defender_id, 'name', dv.name,
    'osPlatform', dv.os_platform),
  'user', CASE WHEN u.id IS NULL THEN NULL
    ELSE jsonb_build_object('id', u.id, 'upn', u.upn, 'accountName', u.account_name) END,
  'agent', CASE WHEN a.id IS NULL THEN NULL
    ELSE jsonb_build_object('key', a.key, 'name', a.name, 'vendor', a.vendor, 'policy', ap.policy) END,
  'installation', CASE WHEN i.id IS NULL THEN NULL
    ELSE jsonb_build_object('id', i.id, 'status', i.status, 'channel', i.channel, 'version', i.version) END)`;

/**
 * Writes the outbox rows of MCP servers' FIRST_SEEN events just appended (by id); call in the
 * transaction that appended them. A tenant with no webhook reads nothing.
 */
export async function enqueueMcpServerFirstSeen(
  db: Sql,
  tenantId: string,
  eventIds: string[],
): Promise<void> {
  if (!eventIds.length) return;
  await db.execute(
    outboxInsert(`SELECT e.tenant_id, '${WebhookEventType.MCP_SERVER_FIRST_SEEN}' AS type, e.occurred_at,
        ${MCP_SERVER_EVENT_DATA} AS payload
      FROM mcp_server_event e
      JOIN mcp_server s ON s.tenant_id = e.tenant_id AND s.id = e.server_id
      JOIN mcp_server_sighting g ON g.tenant_id = e.tenant_id AND g.id = e.sighting_id
      JOIN device dv ON dv.tenant_id = e.tenant_id AND dv.id = e.device_id
      LEFT JOIN user_account u ON u.tenant_id = g.tenant_id AND u.id = g.user_id
      LEFT JOIN installation i ON i.tenant_id = e.tenant_id AND i.id = e.installation_id
      LEFT JOIN agent a ON a.key = g.agent_key
      LEFT JOIN agent_policy ap ON ap.tenant_id = e.tenant_id AND ap.agent_id = a.id
      WHERE e.tenant_id = $1 AND e.id = ANY($2::uuid[]) AND e.type = 'FIRST_SEEN'
        AND EXISTS (SELECT 1 FROM webhook w WHERE w.tenant_id = $1 AND w.enabled)`),
    [tenantId, eventIds],
  );
}

/**
 * Wraps the UPDATE of a run's outcome (`update`, RETURNING the run's row) so that a FAILED or PARTIAL run
 * writes its outbox rows in the same statement.
 */
export function withSyncOutcomeEvents(update: string): string {
  return `WITH run AS (${update} RETURNING tenant_id, id, status, mode, trigger, started_at, finished_at, error, stats)
    ${outboxInsert(`SELECT tenant_id, CASE status WHEN 'FAILED' THEN '${WebhookEventType.SYNC_FAILED}'
        ELSE '${WebhookEventType.SYNC_PARTIAL}' END AS type, finished_at AS occurred_at,
      jsonb_build_object('syncRunId', id, 'status', status, 'mode', mode, 'trigger', trigger,
        'startedAt', started_at, 'finishedAt', finished_at, 'error', error, 'stats', stats) AS payload
      FROM run WHERE status IN ('FAILED', 'PARTIAL')`)}`;
}

/**
 * Wraps an UPDATE of `defender_integration` for tenant `$1` (`update`, without RETURNING) so that a change
 * of its status to DEGRADED or REVOKED writes its outbox rows in the same statement (the CTE `before`
 * reads the row as it was: every part of one statement sees the same snapshot).
 */
export function withIntegrationStatusEvents(update: string): string {
  return `WITH before AS (SELECT status FROM defender_integration WHERE tenant_id = $1),
    after AS (${update} RETURNING tenant_id, status, missing_permissions, last_error)
    ${outboxInsert(`SELECT after.tenant_id, CASE after.status WHEN 'DEGRADED' THEN '${WebhookEventType.INTEGRATION_DEGRADED}'
        ELSE '${WebhookEventType.INTEGRATION_REVOKED}' END AS type, now() AS occurred_at,
      jsonb_build_object('status', after.status, 'previousStatus', before.status,
        'missingPermissions', after.missing_permissions, 'lastError', after.last_error) AS payload
      FROM after, before WHERE after.status IN ('DEGRADED', 'REVOKED') AND after.status IS DISTINCT FROM before.status`)}`;
}

/** What a delivery attempt needs: where, how to sign, and what. */
export interface DueDelivery {
  tenantId: string;
  id: string;
  webhookId: string;
  url: string;
  secret: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** How an attempt went. */
export interface AttemptOutcome {
  tenantId: string;
  id: string;
  webhookId: string;
  delivered: boolean;
  responseStatus: number | null;
  error: string | null;
  at: Date;
  /** When to try again (ignored when delivered). */
  retryAt: Date;
}

/** A webhook's change; absent fields stay. */
export interface WebhookChanges {
  url?: string;
  events?: WebhookEventType[];
  enabled?: boolean;
}

/** Newest first. */
const LIST_KEYS = (alias: string): SortKey[] => [
  { expr: `${alias}.created_at`, kind: "timestamp", nullable: false, desc: true },
  { expr: `${alias}.id`, kind: "uuid", nullable: false, desc: true },
];

export class WebhookRepository {
  constructor(private readonly db: Sql) {}

  async create(
    tenantId: string,
    url: string,
    events: WebhookEventType[],
    secret: string,
  ): Promise<WebhookRow> {
    const [row] = await this.db.rows<WebhookRow>(
      `INSERT INTO webhook AS w (tenant_id, url, events, secret) VALUES ($1, $2, $3, $4) RETURNING ${WEBHOOK_SELECT}`,
      [tenantId, url, events, secret],
    );
    return row;
  }

  async find(tenantId: string, id: string): Promise<WebhookRow | null> {
    const [row] = await this.db.rows<WebhookRow>(
      `SELECT ${WEBHOOK_SELECT} FROM webhook w WHERE w.tenant_id = $1 AND w.id = $2`,
      [tenantId, id],
    );
    return row ?? null;
  }

  byIds(tenantId: string, ids: readonly string[]): Promise<WebhookRow[]> {
    return this.db.rows(
      `SELECT ${WEBHOOK_SELECT} FROM webhook w WHERE w.tenant_id = $1 AND w.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  page(tenantId: string, request: PageRequest): Promise<Page<WebhookRow>> {
    const params = new Params();
    return fetchPage(
      this.db,
      {
        select: WEBHOOK_SELECT,
        from: "webhook w",
        where: [`w.tenant_id = ${params.add(tenantId)}`],
        params,
        keys: LIST_KEYS("w"),
        fields: ["createdAt", "id"],
      },
      request,
    );
  }

  /** Applies the changes; enabling clears why it was disabled and its failure streak. */
  async update(tenantId: string, id: string, changes: WebhookChanges): Promise<WebhookRow | null> {
    const [row] = await this.db.rows<WebhookRow>(
      `UPDATE webhook w SET url = coalesce($3, url), events = coalesce($4, events),
         enabled = coalesce($5, enabled),
         disabled_reason = CASE WHEN $5 IS NULL THEN disabled_reason ELSE NULL END,
         disabled_at = CASE WHEN $5 IS NULL THEN disabled_at WHEN $5 THEN NULL ELSE now() END,
         failing_since = CASE WHEN $5 THEN NULL ELSE failing_since END, updated_at = now()
       WHERE w.tenant_id = $1 AND w.id = $2 RETURNING ${WEBHOOK_SELECT}`,
      [tenantId, id, changes.url ?? null, changes.events ?? null, changes.enabled ?? null],
    );
    return row ?? null;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (
      (await this.db.execute(`DELETE FROM webhook WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) > 0
    );
  }

  /** The delivery log of a webhook, newest first. */
  deliveries(tenantId: string, webhookId: string, request: PageRequest): Promise<Page<WebhookDeliveryRow>> {
    const params = new Params();
    return fetchPage(
      this.db,
      {
        select: DELIVERY_SELECT,
        from: "webhook_delivery d",
        where: [`d.tenant_id = ${params.add(tenantId)}`, `d.webhook_id = ${params.add(webhookId)}`],
        params,
        keys: LIST_KEYS("d"),
        fields: ["createdAt", "id"],
      },
      request,
    );
  }

  /** A test delivery to send now, outside the outbox's pass; returns it with what sending needs. */
  async createTestDelivery(tenantId: string, webhookId: string, at: Date): Promise<DueDelivery | null> {
    const [row] = await this.db.rows<DueDelivery>(
      `WITH target AS (SELECT tenant_id, id, url, secret FROM webhook WHERE tenant_id = $1 AND id = $2),
       inserted AS (
         INSERT INTO webhook_delivery (tenant_id, webhook_id, event_type, payload, attempts, last_attempt_at)
         SELECT tenant_id, id, $3::text, jsonb_build_object('type', $3::text, 'timestamp', $4::timestamptz,
           'data', jsonb_build_object('webhookId', id)), 1, $4 FROM target
         RETURNING tenant_id, id, webhook_id, payload, attempts)
       SELECT i.tenant_id AS "tenantId", i.id, i.webhook_id AS "webhookId", t.url, t.secret, i.payload, i.attempts
       FROM inserted i JOIN target t ON t.id = i.webhook_id`,
      [tenantId, webhookId, TEST_EVENT_NAME, at.toISOString()],
    );
    return row ?? null;
  }

  /** Records a test delivery's single attempt: DELIVERED or FAILED, never retried. */
  async recordTestAttempt(outcome: Omit<AttemptOutcome, "retryAt">): Promise<WebhookDeliveryRow> {
    const [row] = await this.db.rows<WebhookDeliveryRow>(
      `UPDATE webhook_delivery d SET status = $3::webhook_delivery_status, response_status = $4,
         last_error = left($5, 500), delivered_at = CASE WHEN $3::text = 'DELIVERED' THEN $6::timestamptz END
       WHERE d.tenant_id = $1 AND d.id = $2 RETURNING ${DELIVERY_SELECT}`,
      [
        outcome.tenantId,
        outcome.id,
        outcome.delivered ? WebhookDeliveryStatus.DELIVERED : WebhookDeliveryStatus.FAILED,
        outcome.responseStatus,
        outcome.error,
        outcome.at.toISOString(),
      ],
    );
    return row;
  }

  /**
   * Claims up to `limit` due deliveries of enabled webhooks, across tenants, oldest first: each counts an
   * attempt and is not due again until `leaseUntil`, so a worker that dies mid-delivery leaves it to be
   * tried again then (at least once), and concurrent passes never take the same row.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]> {
    return this.db.rows<DueDelivery>(
      `UPDATE webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = $1, next_attempt_at = $2
       FROM (SELECT d2.tenant_id, d2.id, w.url, w.secret FROM webhook_delivery d2
             JOIN webhook w ON w.tenant_id = d2.tenant_id AND w.id = d2.webhook_id AND w.enabled
             WHERE d2.status = 'PENDING' AND (d2.next_attempt_at IS NULL OR d2.next_attempt_at <= $1)
             ORDER BY d2.next_attempt_at NULLS FIRST, d2.created_at LIMIT $3
             FOR UPDATE OF d2 SKIP LOCKED) c
       WHERE d.tenant_id = c.tenant_id AND d.id = c.id
       RETURNING d.tenant_id AS "tenantId", d.id, d.webhook_id AS "webhookId", c.url, c.secret, d.payload,
                 d.attempts`,
      [now.toISOString(), leaseUntil.toISOString(), limit],
    );
  }

  /**
   * Records an attempt: delivered, or due again at `retryAt`. The webhook's failure streak starts at its
   * first failure and ends at a success; a streak of `disableAfterMs` disables the webhook, with the reason.
   * Returns whether this attempt disabled it.
   */
  async recordAttempt(outcome: AttemptOutcome, disableAfterMs: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(
        `UPDATE webhook_delivery SET status = CASE WHEN $3 THEN 'DELIVERED'::webhook_delivery_status ELSE status END,
           response_status = $4, last_error = left($5, 500),
           delivered_at = CASE WHEN $3 THEN $6::timestamptz END,
           next_attempt_at = CASE WHEN $3 THEN NULL ELSE $7::timestamptz END
         WHERE tenant_id = $1 AND id = $2`,
        [
          outcome.tenantId,
          outcome.id,
          outcome.delivered,
          outcome.responseStatus,
          outcome.error,
          outcome.at.toISOString(),
          outcome.retryAt.toISOString(),
        ],
      );
      if (outcome.delivered) {
        await tx.execute(
          `UPDATE webhook SET failing_since = NULL WHERE tenant_id = $1 AND id = $2 AND failing_since IS NOT NULL`,
          [outcome.tenantId, outcome.webhookId],
        );
        return false;
      }
      const disabledAfter = new Date(outcome.at.getTime() - disableAfterMs).toISOString();
      const [row] = await tx.rows<{ disabled: boolean }>(
        `UPDATE webhook SET failing_since = coalesce(failing_since, $3),
           enabled = enabled AND NOT coalesce(failing_since <= $4, false),
           disabled_at = CASE WHEN enabled AND failing_since <= $4 THEN $3 ELSE disabled_at END,
           disabled_reason = CASE WHEN enabled AND failing_since <= $4
             THEN left($5, 500) ELSE disabled_reason END
         WHERE tenant_id = $1 AND id = $2
         RETURNING enabled = false AND disabled_at = $3 AS disabled`,
        [
          outcome.tenantId,
          outcome.webhookId,
          outcome.at.toISOString(),
          disabledAfter,
          `Disabled: every delivery failed for ${disableAfterMs / 3_600_000} hours (the last: ${
            outcome.error ?? "no response"
          }); enable it again once the receiver works`,
        ],
      );
      return row?.disabled ?? false;
    });
  }

  /** The tenant's webhooks the service disabled after a day of failures (its diagnostics name them). */
  disabledForFailures(tenantId: string): Promise<WebhookRow[]> {
    return this.db.rows(
      `SELECT ${WEBHOOK_SELECT} FROM webhook w WHERE w.tenant_id = $1 AND NOT w.enabled AND w.disabled_reason IS NOT NULL
       ORDER BY w.created_at`,
      [tenantId],
    );
  }
}
