// Command-line parsing and start-up text for the simulator CLI (kept apart from cli.ts so tests
// can check them without spawning a process).
import { parseArgs } from "node:util";
import type { RunningSimulator, SimulatorOptions } from "./index";

export const USAGE =
  "Usage: npm run simulator -- --devices N [--seed S] [--port P] [--host H] [--throttle-every N] [--fail-every N] [--latency-ms N] [--token-lifetime S] [--no-rate-limits] [--day D] [--require-consent] [--cert-dir DIR]";

function integer(name: string, raw: string | undefined, fallback?: number): number | undefined {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a non-negative integer, got '${raw}'`);
  return value;
}

export function parseCliOptions(argv: string[], certDirFromEnv?: string): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      devices: { type: "string" },
      seed: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      "throttle-every": { type: "string" },
      "fail-every": { type: "string" },
      "latency-ms": { type: "string" },
      "token-lifetime": { type: "string" },
      "no-rate-limits": { type: "boolean" },
      day: { type: "string" },
      "require-consent": { type: "boolean" },
      "cert-dir": { type: "string" },
    },
  });
  const faults = {
    throttleEvery: integer("throttle-every", values["throttle-every"], 0),
    failEvery: integer("fail-every", values["fail-every"], 0),
    latencyMs: integer("latency-ms", values["latency-ms"], 0),
    tokenLifetimeSeconds: integer("token-lifetime", values["token-lifetime"], 3599),
  } as SimulatorOptions["faults"];
  return {
    devices: integer("devices", values.devices, 300) as number,
    seed: integer("seed", values.seed, 1),
    port: integer("port", values.port, 0),
    host: values.host,
    day: integer("day", values.day, 0),
    rateLimits: !values["no-rate-limits"],
    consented: !values["require-consent"],
    faults,
    certDir: values["cert-dir"] ?? certDirFromEnv,
  };
}

/** Human start-up text; the last line is the JSON object scripts read. */
export function startupLines(sim: RunningSimulator, options: SimulatorOptions): string[] {
  const consent = options.consented === false ? "; admin consent required" : "";
  return [
    `Defender + Entra simulator listening on ${sim.url}`,
    `  fleet: ${options.devices} devices, seed ${options.seed ?? 1}, day ${options.day ?? 0}; rate limits ${options.rateLimits === false ? "off" : "on"}${consent}`,
    `  trust its certificate with: NODE_EXTRA_CA_CERTS=${sim.caPath}`,
    `  control API (loopback only): ${sim.url}/_control/{faults,consent,permissions,day,stats}`,
    JSON.stringify({
      url: sim.url,
      caPath: sim.caPath,
      tenantId: sim.tenantId,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    }),
  ];
}
