// `npm run simulator -- --devices N --seed S --port P ...`: runs the simulator until SIGINT/SIGTERM.
// The last line of start-up output is one JSON object with the URL, CA path and credentials.
import { parseCliOptions, startupLines, USAGE } from "./cli-options";
import { startSimulator, type SimulatorOptions } from "./index";

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env.SIMULATOR_CERT_DIR);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const sim = await startSimulator(options);
  process.stdout.write(`${startupLines(sim, options).join("\n")}\n`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main();
