// The Defender + Entra simulator, started in-process: tests, benchmarks and demo start-up import
// this; product code reaches the simulator only through its URL.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { Fleet } from "./fleet";
import { guid, hashString, hex40 } from "./random";
import { RateLimiter } from "./rate-limit";
import { route, type ServerContext } from "./server";
import { SimulatorState, type Faults, type SimulatorControl } from "./state";
import { simulatedDirectories, type SimulatedDirectory } from "./entra";
import { createCertificates } from "./tls";
import { TokenSigner } from "./tokens";

export { Fleet, type PlantedInstallation, type Device } from "./fleet";
export { DIRECTORY_ROLE_IDS, type SimulatedDirectory, type SimulatedUser } from "./entra";
export type { ConsentDecision, EndpointStats, Faults, SimulatorControl } from "./state";

export interface SimulatorOptions {
  devices: number;
  seed?: number;
  /** 0 or undefined = any free port. */
  port?: number;
  host?: string;
  /** Starting day of the churn clock (default 0). */
  day?: number;
  /** Default true; false = tokens fail until admin consent approves. */
  consented?: boolean;
  /** Default true: documented per-endpoint limits per tenant. */
  rateLimits?: boolean;
  faults?: Partial<Faults>;
  /** Injected clock (ms) for token expiry, rate windows and data time. */
  now?: () => number;
  /** Where ca.pem is written (default a temp dir). */
  certDir?: string;
}

export interface RunningSimulator {
  url: string;
  caPath: string;
  ca: string;
  tenantId: string;
  /** The home directory (`tenantId`, the fleet's) first, then a second one; each with its users. */
  directories: SimulatedDirectory[];
  clientId: string;
  clientSecret: string;
  control: SimulatorControl;
  fleet: Fleet;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const seed = options.seed ?? 1;
  const fleet = new Fleet({ devices: options.devices, seed });
  const state = new SimulatorState(fleet, options.now ?? Date.now, {
    day: options.day ?? 0,
    consented: options.consented ?? true,
    faults: options.faults ?? {},
  });
  const certs = await createCertificates(options.certDir);
  const host = options.host ?? "127.0.0.1";
  const directories = simulatedDirectories(seed);
  const ctx: ServerContext = {
    url: "",
    tenantId: directories[0].id,
    tenantDomain: directories[0].domain,
    directories,
    consentedDirectories: new Set(),
    codes: new Map(),
    clientId: guid(hashString("client"), seed),
    clientSecret: `sim~${hex40(hashString("secret"), seed).slice(0, 32)}`,
    state,
    signer: new TokenSigner(),
    blobKey: randomBytes(32),
    limiter: options.rateLimits === false ? null : new RateLimiter(state.now),
    control: state.control(),
  };
  const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => void route(ctx, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  ctx.url = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: ctx.url,
    caPath: certs.caPath,
    ca: certs.ca,
    tenantId: ctx.tenantId,
    directories,
    clientId: ctx.clientId,
    clientSecret: ctx.clientSecret,
    control: ctx.control,
    fleet,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // A folder of our own making goes with us; a given one (the demo's DATA_DIR) stays.
      if (certs.temporaryDir) await rm(certs.temporaryDir, { recursive: true, force: true });
    },
  };
}
