// `npm run simulator -- --devices N --seed S --port P ...`: runs the simulator until SIGINT/SIGTERM.
// The last line of start-up output is one JSON object with the URL, CA path and credentials.
import { parseArgs } from "node:util";
import { startSimulator, type SimulatorOptions } from "./index";

const USAGE =
  "Usage: npm run simulator -- --devices N [--seed S] [--port P] [--host H] [--throttle-every N] [--fail-every N] [--latency-ms N] [--token-lifetime S] [--no-rate-limits] [--day D] [--require-consent] [--cert-dir DIR]";

function integer(name: string, raw: string | undefined, fallback?: number): number | undefined {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a non-negative integer, got '${raw}'`);
  return value;
}

function optionsFrom(argv: string[]): SimulatorOptions {
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
    certDir: values["cert-dir"] ?? process.env.SIMULATOR_CERT_DIR,
  };
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = optionsFrom(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const sim = await startSimulator(options);
  const lines = [
    `Defender + Entra simulator listening on ${sim.url}`,
    `  fleet: ${options.devices} devices, seed ${options.seed ?? 1}, day ${options.day ?? 0}; rate limits ${options.rateLimits ? "on" : "off"}${options.consented ? "" : "; admin consent required"}`,
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
  process.stdout.write(`${lines.join("\n")}\n`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main();
