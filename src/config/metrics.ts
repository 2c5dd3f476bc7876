/**
 * Prometheus metrics (prom-client): one registry per process and every metric definition, at the
 * bottom of the import graph so any folder may count; http/ serves the registry at GET /metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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

// Syncs, per tenant (the tenant's row id: a bounded label, one series per tenant and outcome). Recorded
// by sync/scheduler.ts from each run's outcome, so every sync is counted once, whatever ended it.

export const syncRuns = new Counter({
  name: "sync_runs_total",
  help: "Finished sync runs by tenant and outcome (SUCCEEDED, PARTIAL, FAILED, CANCELLED)",
  labelNames: ["tenant_id", "status"] as const,
  registers: [metricsRegistry],
});

export const syncDuration = new Histogram({
  name: "sync_duration_seconds",
  help: "Duration of sync runs by tenant and outcome, from claim to recorded outcome",
  labelNames: ["tenant_id", "status"] as const,
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600],
  registers: [metricsRegistry],
});

export const syncRowsRead = new Counter({
  name: "sync_source_rows_read_total",
  help: "Rows read from each Defender source by syncs, by tenant and source",
  labelNames: ["tenant_id", "source"] as const,
  registers: [metricsRegistry],
});

export const syncThrottledCalls = new Counter({
  name: "sync_source_throttled_calls_total",
  help: "Defender calls answered 429 (throttled) during syncs, by tenant and source",
  labelNames: ["tenant_id", "source"] as const,
  registers: [metricsRegistry],
});

export const syncLastSuccess = new Gauge({
  name: "sync_last_success_timestamp_seconds",
  help: "When the tenant's last SUCCEEDED sync finished (Unix time)",
  labelNames: ["tenant_id"] as const,
  registers: [metricsRegistry],
});

export const installationsByStatus = new Gauge({
  name: "inventory_installations",
  help: "Installations by tenant and status (ACTIVE, REMOVED), as of the tenant's last finished sync",
  labelNames: ["tenant_id", "status"] as const,
  registers: [metricsRegistry],
});

/** What is left of one client-side Defender rate budget (defender/rate-limiter.ts) in one window. */
export interface BudgetReading {
  tenantId: string;
  budget: string;
  windowSeconds: number;
  remaining: number;
}

const budgetSources = new Set<() => BudgetReading[]>();

/** Lets a rate limiter report its budgets at each scrape (read then, so a refilled window shows full). */
export function reportDefenderBudgets(read: () => BudgetReading[]): void {
  budgetSources.add(read);
}

export const defenderBudgetRemaining = new Gauge({
  name: "defender_rate_budget_remaining",
  help: "Calls a tenant may still make to a Defender API budget within each window before the client waits",
  labelNames: ["tenant_id", "budget", "window_seconds"] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const read of budgetSources) {
      for (const r of read()) {
        this.set(
          { tenant_id: r.tenantId, budget: r.budget, window_seconds: String(r.windowSeconds) },
          r.remaining,
        );
      }
    }
  },
});
