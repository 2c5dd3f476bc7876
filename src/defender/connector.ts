/**
 * Wiring for the rest of the service: one dispatcher, one token provider and one rate limiter per
 * process, and a DefenderClient per tenant sharing them. Demo mode passes the simulator's URL,
 * credentials and CA here; production passes the configuration.
 */
import type { Dispatcher } from "undici";
import type { Config, HuntingApi } from "../config/config";
import type { Logger } from "../config/logger";
import { DefenderClient, type DefenderClientOptions } from "./defender-client";
import { createDispatcher } from "./http";
import { evaluatePermissions, type DefenderSource, type PermissionReport } from "./permissions";
import { reportDefenderBudgets } from "../config/metrics";
import { DefenderRateLimiter, type Clock, type RateLimiterOptions } from "./rate-limiter";
import type { RetryPolicy } from "./retry";
import {
  TokenProvider,
  loadClientCredential,
  readGrantedPermissions,
  type ClientCredential,
} from "./token-provider";

export interface ConnectorSettings {
  clientId: string;
  credential: ClientCredential;
  authorityHost: string;
  defenderApiUrl: string;
  graphApiUrl: string;
  defenderScope?: string;
  /** Defaults to `${graphApiUrl}/.default` for Microsoft Graph hosts, else the public Graph scope. */
  graphScope?: string;
  huntingApi?: HuntingApi;
  httpsProxy?: string;
  noProxy?: string;
  /** Extra trusted CA (PEM), e.g. the simulator's in demo mode. */
  trustCa?: string;
  /** `false` turns the client-side rate budget off. */
  rateLimits?: RateLimiterOptions["limits"];
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  logger?: Logger;
  /** Page sizes and bounds for every client. */
  client?: Pick<
    DefenderClientOptions,
    | "pageSize"
    | "machinesPageSize"
    | "maxPages"
    | "batchSize"
    | "sasValidHours"
    | "requestTimeoutMs"
    | "huntingTimeoutMs"
  >;
}

export interface TenantPermissions extends PermissionReport {
  /** The tenant the token was issued for (`tid`). */
  tenantId?: string;
}

export interface DefenderConnector {
  readonly tokens: TokenProvider;
  /** A client for one tenant; cheap, so one per sync is fine (budgets are shared). */
  client(tenantId: string): DefenderClient;
  /** Granted and missing permissions for the sources in use, from fresh tokens. */
  permissions(tenantId: string, sources?: DefenderSource[]): Promise<TenantPermissions>;
  close(): Promise<void>;
}

const MICROSOFT_GRAPH_HOST =
  /^(graph\.microsoft\.(com|us)|dod-graph\.microsoft\.us|microsoftgraph\.chinacloudapi\.cn)$/;

export function createDefenderConnector(settings: ConnectorSettings): DefenderConnector {
  const dispatcher: Dispatcher = createDispatcher({
    httpsProxy: settings.httpsProxy,
    noProxy: settings.noProxy,
    trustCa: settings.trustCa,
  });
  const graphHost = new URL(settings.graphApiUrl).hostname.toLowerCase();
  const tokens = new TokenProvider({
    clientId: settings.clientId,
    credential: settings.credential,
    authorityHost: settings.authorityHost,
    defenderScope: settings.defenderScope,
    graphScope:
      settings.graphScope ??
      (MICROSOFT_GRAPH_HOST.test(graphHost)
        ? `${settings.graphApiUrl.replace(/\/+$/, "")}/.default`
        : "https://graph.microsoft.com/.default"),
    dispatcher,
    clock: settings.clock,
    retry: settings.retry,
    logger: settings.logger,
  });
  const rateLimiter = new DefenderRateLimiter({ clock: settings.clock, limits: settings.rateLimits });
  reportDefenderBudgets(() =>
    rateLimiter.remaining().map(({ windowMs, ...r }) => ({ ...r, windowSeconds: windowMs / 1000 })),
  );
  const huntingApi = settings.huntingApi ?? "auto";
  return {
    tokens,
    client: (tenantId) =>
      new DefenderClient({
        tenantId,
        tokens,
        dispatcher,
        defenderApiUrl: settings.defenderApiUrl,
        graphApiUrl: settings.graphApiUrl,
        huntingApi,
        rateLimiter,
        clock: settings.clock,
        retry: settings.retry,
        logger: settings.logger,
        ...settings.client,
      }),
    permissions: async (tenantId, sources) => {
      const { tenantId: tid, granted } = await readGrantedPermissions(tokens, tenantId);
      return { tenantId: tid, ...evaluatePermissions(granted, huntingApi, sources) };
    },
    close: () => dispatcher.close(),
  };
}

/** Settings from the service configuration (reads the certificate file when one is configured). */
export async function connectorSettingsFromConfig(
  config: Config,
  logger?: Logger,
): Promise<ConnectorSettings> {
  if (!config.azure)
    throw new Error(
      "connectorSettingsFromConfig needs AZURE_CLIENT_ID (demo mode passes the simulator's settings)",
    );
  return {
    clientId: config.azure.clientId,
    credential: await loadClientCredential(config.azure),
    authorityHost: config.authorityHost,
    defenderApiUrl: config.defenderApiUrl,
    graphApiUrl: config.graphApiUrl,
    defenderScope: config.defenderScope,
    huntingApi: config.huntingApi,
    httpsProxy: config.httpsProxy,
    noProxy: config.noProxy,
    logger,
  };
}
