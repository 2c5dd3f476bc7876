/** Entry point: configuration, logger, the service, and signal handling. Wiring only. */
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config/config";
import { createLogger } from "./config/logger";
import { startService, type RunningService } from "./service";
// Demo start-up is the one production path allowed to start the simulator (docs/architecture.md).
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
  const lifecycle: { service?: RunningService; signal?: string } = {};
  const stop = (running: RunningService) =>
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  // Handlers go in before start-up, so a signal during it still ends in an orderly stop.
  const shutdown = (signal: string) => {
    if (lifecycle.signal) return;
    lifecycle.signal = signal;
    logger.info({ signal }, "shutting down");
    if (lifecycle.service) void stop(lifecycle.service);
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  // A promise nobody awaited (a library's background call, typically while the database is away) must
  // not end the service: log it and keep serving. Database loss itself is handled as a state (db/health.ts).
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));

  lifecycle.service = await startService(config, logger, {
    startDemoSimulator: (options) => startSimulator({ ...options, port: 0 }),
  });
  if (lifecycle.signal) await stop(lifecycle.service);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `agent-inventory failed to start: ${error.message}` : error);
  process.exit(1);
});
