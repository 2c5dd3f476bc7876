// Mutable simulator state behind the control API: clock, churn day, consent, permissions, faults
// and per-endpoint call statistics.
import { Fleet } from "./fleet";

export interface Faults {
  /** Every Nth Defender/Graph call answers 429 (0 = off). */
  throttleEvery: number;
  /** Every Nth Defender/Graph call answers 500 (0 = off). */
  failEvery: number;
  latencyMs: number;
  tokenLifetimeSeconds: number;
}

export interface EndpointStats {
  calls: number;
  throttled: number;
  failed: number;
}

export type ConsentDecision = "approve" | "decline";

export interface SimulatorControl {
  setFaults(faults: Partial<Faults>): void;
  faults(): Faults;
  setConsentDecision(decision: ConsentDecision): void;
  revokeConsent(): void;
  dropPermissions(names: string[]): void;
  restorePermissions(): void;
  /** Moves the churn clock forward and returns the new day. */
  advanceDay(days?: number): number;
  setDay(day: number): void;
  day(): number;
  stats(): Record<string, EndpointStats>;
  resetStats(): void;
}

export const DEFENDER_ROLES = [
  "Machine.Read.All",
  "Software.Read.All",
  "User.Read.All",
  "AdvancedQuery.Read.All",
  "Vulnerability.Read.All",
];
export const GRAPH_ROLES = ["ThreatHunting.Read.All"];

export const DEFAULT_FAULTS: Faults = {
  throttleEvery: 0,
  failEvery: 0,
  latencyMs: 0,
  tokenLifetimeSeconds: 3599,
};

export class SimulatorState {
  day: number;
  readonly startDay: number;
  consented: boolean;
  consentDecision: ConsentDecision = "approve";
  readonly dropped = new Set<string>();
  faults: Faults;
  apiCalls = 0;
  readonly stats = new Map<string, EndpointStats>();

  constructor(
    readonly fleet: Fleet,
    readonly now: () => number,
    options: { day: number; consented: boolean; faults: Partial<Faults> },
  ) {
    this.day = options.day;
    this.startDay = options.day;
    this.consented = options.consented;
    this.faults = { ...DEFAULT_FAULTS, ...options.faults };
  }

  /** Data time: the injected clock shifted by the days the churn clock has advanced. */
  asOf(): number {
    return this.now() + (this.day - this.startDay) * 86_400_000;
  }

  grantedRoles(all: string[]): string[] {
    return all.filter((role) => !this.dropped.has(role));
  }

  record(endpoint: string, outcome: "ok" | "throttled" | "failed"): void {
    const entry = this.stats.get(endpoint) ?? { calls: 0, throttled: 0, failed: 0 };
    entry.calls++;
    if (outcome === "throttled") entry.throttled++;
    if (outcome === "failed") entry.failed++;
    this.stats.set(endpoint, entry);
  }

  control(): SimulatorControl {
    return {
      setFaults: (faults) => void (this.faults = { ...this.faults, ...faults }),
      faults: () => ({ ...this.faults }),
      setConsentDecision: (decision) => void (this.consentDecision = decision),
      revokeConsent: () => void (this.consented = false),
      dropPermissions: (names) => names.forEach((name) => this.dropped.add(name)),
      restorePermissions: () => this.dropped.clear(),
      advanceDay: (days = 1) => (this.day += days),
      setDay: (day) => void (this.day = day),
      day: () => this.day,
      stats: () => Object.fromEntries([...this.stats].map(([k, v]) => [k, { ...v }])),
      resetStats: () => this.stats.clear(),
    };
  }
}
