/**
 * The process-wide pino logger. Secrets are redacted by path wherever they might be logged. JSON lines
 * for collectors; on a terminal, pino-pretty's readable lines instead (same fields, redacted alike).
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

export const REDACTED_PATHS = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  "clientSecret",
  "*.clientSecret",
  "client_secret",
  "*.client_secret",
  "access_token",
  "*.access_token",
  "accessToken",
  "*.accessToken",
  "apiKey",
  "*.apiKey",
  "secret",
  "*.secret",
  "password",
  "*.password",
];

export function createLogger(level = "info", destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, base: { service: "agent-inventory" } },
    destination ?? (process.stdout.isTTY ? readableLines() : undefined),
  );
}

/** Human-readable lines, written synchronously so they interleave with the demo banner in order. */
export function readableLines(destination: NodeJS.WritableStream = process.stdout): pino.DestinationStream {
  return pretty({
    destination,
    sync: true,
    colorize: process.stdout.isTTY === true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,service",
  });
}

export type { Logger };
