/** The relational model: TypeORM entities and the enumerations they share with the API. */
import { Agent } from "./agent.entity";
import { AgentPolicy } from "./agent-policy.entity";
import { ApiKey } from "./api-key.entity";
import { AuditEvent } from "./audit-event.entity";
import { ConsentRequest } from "./consent-request.entity";
import { DefenderIntegration } from "./defender-integration.entity";
import { Device } from "./device.entity";
import { DeviceUser } from "./device-user.entity";
import { Installation } from "./installation.entity";
import { InstallationEvent } from "./installation-event.entity";
import { McpConfigFile, McpServer, McpServerEvent, McpServerSighting } from "./mcp-server.entity";
import { SyncRun } from "./sync-run.entity";
import { Tenant } from "./tenant.entity";
import { User } from "./user.entity";
import { Webhook } from "./webhook.entity";
import { WebhookDelivery } from "./webhook-delivery.entity";

export * from "./enums";
export { McpServerEventType, McpServerPolicy, McpTransport } from "./mcp-server.entity";
export type { EvidenceRecord } from "./installation.entity";
export type { SyncProgress, SyncSourceResult, SyncStats } from "./sync-run.entity";
export {
  Agent,
  AgentPolicy,
  ApiKey,
  AuditEvent,
  ConsentRequest,
  DefenderIntegration,
  Device,
  DeviceUser,
  Installation,
  InstallationEvent,
  McpConfigFile,
  McpServer,
  McpServerEvent,
  McpServerSighting,
  SyncRun,
  Tenant,
  User,
  Webhook,
  WebhookDelivery,
};

export const ENTITIES = [
  Tenant,
  DefenderIntegration,
  ConsentRequest,
  Device,
  User,
  DeviceUser,
  Agent,
  AgentPolicy,
  Installation,
  InstallationEvent,
  McpConfigFile,
  McpServer,
  McpServerEvent,
  McpServerSighting,
  SyncRun,
  ApiKey,
  AuditEvent,
  Webhook,
  WebhookDelivery,
];
