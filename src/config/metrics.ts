/**
 * Prometheus metrics (prom-client): one registry per process and every metric definition, at the
 * bottom of the import graph so any folder may count; http/ serves the registry at GET /metrics.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP request duration by route and status",
  labelNames: ["route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const defenderCalls = new Counter({
  name: "defender_api_calls_total",
  help: "Calls to the Defender, Graph and Entra APIs by endpoint family and outcome",
  labelNames: ["family", "status"] as const,
  registers: [metricsRegistry],
});

export const defenderCallDuration = new Histogram({
  name: "defender_api_call_duration_seconds",
  help: "Duration of calls to the Defender, Graph and Entra APIs by endpoint family",
  labelNames: ["family"] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

export const defenderRetries = new Counter({
  name: "defender_api_retries_total",
  help: "Retried calls to the Defender and Graph APIs by endpoint family and reason",
  labelNames: ["family", "reason"] as const,
  registers: [metricsRegistry],
});
