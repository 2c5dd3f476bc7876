/**
 * Typed configuration (every variable: README.md, "Configuration"). Read and validated once at start;
 * nothing else reads process.env.
 * A bad value becomes a ConfigError whose message names the variable and what is expected.
 */
import { z } from "zod";

const httpsUrl = (name: string) =>
  z
    .url({ protocol: /^https$/, error: `${name} must be an https:// URL` })
    .transform((u) => u.replace(/\/+$/, ""));
const httpUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ""));
const positiveInt = z.coerce.number().int().positive();
/** A per-minute budget; 0 turns the limit off. */
const perMinute = z.coerce
  .number()
  .int()
  .min(0, "expected 0 (off) or a positive number of requests a minute");

const processRole = z.enum(["api", "worker"]);
const huntingApi = z.enum(["auto", "graph", "legacy"]);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// URL")
      .optional(),
    DATA_DIR: z.string().min(1).default("./.data"),
    ADMIN_API_KEY: z
      .string()
      .min(32, "expected at least 32 characters (for example the output of `openssl rand -base64 32`)")
      .regex(/^\S+$/, "expected no spaces")
      .optional(),
    AZURE_CLIENT_ID: z.guid({ error: "expected the application (client) id, a GUID" }).optional(),
    AZURE_CLIENT_SECRET: z.string().min(1).optional(),
    AZURE_CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
    AZURE_TENANT_ID: z.guid({ error: "expected the Entra tenant id, a GUID" }).optional(),
    AZURE_AUTHORITY_HOST: httpsUrl("AZURE_AUTHORITY_HOST").default("https://login.microsoftonline.com"),
    DEFENDER_API_URL: httpsUrl("DEFENDER_API_URL").default("https://api.security.microsoft.com"),
    DEFENDER_SCOPE: z
      .string()
      .regex(/^https:\/\/\S+\/\.default$/, "expected a resource URI ending in /.default")
      .default("https://api.securitycenter.microsoft.com/.default"),
    GRAPH_API_URL: httpsUrl("GRAPH_API_URL").default("https://graph.microsoft.com"),
    HUNTING_API: huntingApi.default("auto"),
    PUBLIC_URL: httpUrl.optional(),
    SYNC_INTERVAL_MINUTES: positiveInt.default(60),
    STALE_DEVICE_DAYS: positiveInt.default(30),
    SOFTWARE_EXPORT_MIN_DEVICES: positiveInt.default(50000),
    PROCESS_ROLES: z
      .string()
      .default("api,worker")
      .transform((s) =>
        s
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean),
      )
      .pipe(z.array(processRole).min(1, "expected api, worker or api,worker")),
    API_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    RATE_LIMIT_KEY_PER_MINUTE: perMinute.default(600),
    RATE_LIMIT_ADDRESS_PER_MINUTE: perMinute.default(1200),
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: perMinute.default(30),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    GRAPHIQL: z.enum(["true", "false"]).optional(),
    DEMO_DEVICES: positiveInt.default(3000),
    WEBHOOK_ALLOW_HTTP: z.enum(["true", "false"]).optional(),
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.enum(["true", "false"]).default("false"),
    HTTPS_PROXY: z.string().optional(),
    https_proxy: z.string().optional(),
    NO_PROXY: z.string().optional(),
    no_proxy: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.AZURE_CLIENT_ID && !env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_CERTIFICATE_PATH) {
      ctx.addIssue({
        code: "custom",
        path: ["AZURE_CLIENT_SECRET"],
        message: "AZURE_CLIENT_ID is set: set AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH",
      });
    }
    if (env.AZURE_CLIENT_SECRET && env.AZURE_CLIENT_CERTIFICATE_PATH) {
      ctx.addIssue({
        code: "custom",
        path: ["AZURE_CLIENT_CERTIFICATE_PATH"],
        message: "set only one of AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH",
      });
    }
    if (env.AZURE_TENANT_ID && !env.AZURE_CLIENT_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["AZURE_TENANT_ID"],
        message: "AZURE_TENANT_ID needs AZURE_CLIENT_ID",
      });
    }
  });

export type ProcessRole = z.infer<typeof processRole>;
export type HuntingApi = z.infer<typeof huntingApi>;

export interface AzureApplication {
  clientId: string;
  clientSecret?: string;
  clientCertificatePath?: string;
}

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  adminApiKey?: string;
  /** The service's Entra application; absent in demo mode. */
  azure?: AzureApplication;
  /** Single-organization mode: this Entra tenant is ensured as connected at start. */
  singleTenantId?: string;
  authorityHost: string;
  defenderApiUrl: string;
  defenderScope: string;
  graphApiUrl: string;
  huntingApi: HuntingApi;
  /** External base URL; unset means http://localhost:<the port actually listened on>. */
  publicUrl?: string;
  syncIntervalMinutes: number;
  staleDeviceDays: number;
  /** At or above this many devices, software inventory is read through the "via files" exports. */
  softwareExportMinDevices: number;
  roles: ProcessRole[];
  /** Every statement on the API's pool ends after this long, whatever else the process runs. */
  apiStatementTimeoutMs: number;
  /** Requests a minute per API process (0 = no limit); see the README's "Limits". */
  rateLimits: { perKey: number; perAddress: number; authFailuresPerAddress: number };
  /** Reverse proxies in front of the service whose X-Forwarded-For entries name the client. */
  trustProxyHops: number;
  logLevel: string;
  graphiql: boolean;
  demoDevices: number;
  /**
   * Where webhooks may deliver: http receivers (WEBHOOK_ALLOW_HTTP, default only when NODE_ENV is
   * development, as in demo mode) and private, loopback or link-local addresses
   * (WEBHOOK_ALLOW_PRIVATE_ADDRESSES, default false).
   */
  webhooks: { allowHttp: boolean; allowPrivateAddresses: boolean };
  /** HTTPS_PROXY / NO_PROXY for outbound calls (upper or lower case, as curl reads them). */
  httpsProxy?: string;
  noProxy?: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (as docker compose passes `${X:-}`) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? "environment");
    const value = env[variable];
    const shown = value === undefined || /SECRET|KEY/.test(variable) ? "" : ` (got "${value}")`;
    throw new ConfigError(`Invalid configuration: ${variable}: ${issue.message}${shown}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    adminApiKey: e.ADMIN_API_KEY,
    azure: e.AZURE_CLIENT_ID
      ? {
          clientId: e.AZURE_CLIENT_ID,
          clientSecret: e.AZURE_CLIENT_SECRET,
          clientCertificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH,
        }
      : undefined,
    singleTenantId: e.AZURE_TENANT_ID,
    authorityHost: e.AZURE_AUTHORITY_HOST,
    defenderApiUrl: e.DEFENDER_API_URL,
    defenderScope: e.DEFENDER_SCOPE,
    graphApiUrl: e.GRAPH_API_URL,
    huntingApi: e.HUNTING_API,
    publicUrl: e.PUBLIC_URL,
    syncIntervalMinutes: e.SYNC_INTERVAL_MINUTES,
    staleDeviceDays: e.STALE_DEVICE_DAYS,
    softwareExportMinDevices: e.SOFTWARE_EXPORT_MIN_DEVICES,
    roles: e.PROCESS_ROLES,
    apiStatementTimeoutMs: e.API_STATEMENT_TIMEOUT_MS,
    rateLimits: {
      perKey: e.RATE_LIMIT_KEY_PER_MINUTE,
      perAddress: e.RATE_LIMIT_ADDRESS_PER_MINUTE,
      authFailuresPerAddress: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    },
    trustProxyHops: e.TRUST_PROXY_HOPS,
    logLevel: e.LOG_LEVEL,
    graphiql: e.GRAPHIQL ? e.GRAPHIQL === "true" : e.NODE_ENV !== "production",
    demoDevices: e.DEMO_DEVICES,
    webhooks: {
      allowHttp: e.WEBHOOK_ALLOW_HTTP ? e.WEBHOOK_ALLOW_HTTP === "true" : e.NODE_ENV === "development",
      allowPrivateAddresses: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === "true",
    },
    httpsProxy: e.HTTPS_PROXY || e.https_proxy || undefined,
    noProxy: e.NO_PROXY || e.no_proxy || undefined,
  };
}
