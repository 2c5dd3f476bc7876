/**
 * The events webhooks deliver, by wire name (Standard Webhooks' `type`, "noun.verb"), and which
 * change-feed event types each installation event stands for. A new event is one enum value in
 * `WebhookEventType` and one entry here, plus the write that emits it (docs/webhooks.md).
 */
import { InstallationEventType, WebhookEventType } from "./enums";

export const WEBHOOK_EVENT_NAMES: Record<WebhookEventType, string> = {
  [WebhookEventType.INSTALLATION_CREATED]: "installation.created",
  [WebhookEventType.INSTALLATION_REMOVED]: "installation.removed",
  [WebhookEventType.INSTALLATION_VERSION_CHANGED]: "installation.version_changed",
  [WebhookEventType.SYNC_FAILED]: "sync.failed",
  [WebhookEventType.SYNC_PARTIAL]: "sync.partial",
  [WebhookEventType.INTEGRATION_DEGRADED]: "integration.degraded",
  [WebhookEventType.INTEGRATION_REVOKED]: "integration.revoked",
  [WebhookEventType.MCP_SERVER_FIRST_SEEN]: "mcp_server.first_seen",
};

/** The wire name of `testWebhook`'s delivery (not subscribable: every webhook can be tested). */
export const TEST_EVENT_NAME = "webhook.test";

/** The webhook event a change-feed event is delivered as (a reinstall is an installation created again). */
export const INSTALLATION_WEBHOOK_EVENTS: Record<InstallationEventType, WebhookEventType> = {
  [InstallationEventType.INSTALLED]: WebhookEventType.INSTALLATION_CREATED,
  [InstallationEventType.REINSTALLED]: WebhookEventType.INSTALLATION_CREATED,
  [InstallationEventType.REMOVED]: WebhookEventType.INSTALLATION_REMOVED,
  [InstallationEventType.VERSION_CHANGED]: WebhookEventType.INSTALLATION_VERSION_CHANGED,
};
