/**
 * The Defender connector: Entra tokens and the Defender/Graph API client (I/O only, typed results).
 * It owns outbound HTTP (proxy, CA), token acquisition and permission checks, rate budgets,
 * retries and lenient parsing. It never touches the database and never imports the simulator.
 * The Defender and Entra behaviour it relies on, with sources: docs/defender-api.md.
 */
export {
  createDefenderConnector,
  connectorSettingsFromConfig,
  type ConnectorSettings,
  type DefenderConnector,
  type TenantPermissions,
} from "./connector";
export {
  DefenderClient,
  INVENTORY_PAGE_SIZE,
  type DefenderClientOptions,
  type DefenderClientStats,
  type HuntingResult,
} from "./defender-client";
export { DefenderAuthError, DefenderError, DefenderPermissionError, type DefenderErrorCode } from "./errors";
export { createDispatcher, type DispatcherOptions } from "./http";
export type {
  BrowserExtensionRow,
  HuntingColumn,
  HuntingRow,
  LogonUser,
  Machine,
  SoftwareInventoryRow,
} from "./parse";
export {
  REQUIRED_PERMISSIONS,
  decodeTokenClaims,
  evaluatePermissions,
  type DefenderSource,
  type GrantedPermissions,
  type PermissionReport,
  type TokenClaims,
} from "./permissions";
export {
  DEFENDER_RATE_LIMITS,
  DefenderRateLimiter,
  systemClock,
  type Clock,
  type EndpointFamily,
  type RateBudget,
  type RateLimiterOptions,
  type RateWindow,
} from "./rate-limiter";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
export {
  TokenProvider,
  createMsalApplication,
  readGrantedPermissions,
  type AccessToken,
  type ClientCredential,
  type TokenSource,
} from "./token-provider";
