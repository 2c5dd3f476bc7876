/** A manual clock for tests: `sleep` advances virtual time at once, so no test waits on real time. */
import type { Clock } from "../../src/defender/rate-limiter";

export class FakeClock implements Clock {
  /** Every sleep requested, in order (tests assert on throttling waits). */
  readonly sleeps: number[] = [];

  constructor(private current = Date.UTC(2026, 10, 27, 8, 0, 0)) {}

  now = (): number => this.current;

  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.current += Math.max(0, ms);
  };

  advance(ms: number): void {
    this.current += ms;
  }
}
