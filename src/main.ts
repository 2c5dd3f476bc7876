/** Entry point: configuration, logger, the service, and signal handling. Wiring only. */
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config/config";
import { createLogger } from "./config/logger";
import { startService } from "./service";
// Demo start-up is the one production path allowed to start the simulator (CONTRACT §1).
import { startSimulator } from "./simulator";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const service = await startService(config, logger, {
    startDemoSimulator: (options) => startSimulator({ ...options, port: 0 }),
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `agent-inventory failed to start: ${error.message}` : error);
  process.exit(1);
});
