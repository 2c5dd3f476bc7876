import { createLogger } from "../config/logger";
import { DatabaseHealth, isDatabaseUnavailable } from "./health";

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("database health", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function monitor() {
    const state = { reachable: true, recoveries: 0, downs: 0 };
    const health = new DatabaseHealth({
      probe: async () => {
        if (!state.reachable) throw refused();
      },
      recover: async () => void state.recoveries++,
      logger: createLogger("silent"),
      intervalMs: 1_000,
    });
    health.onDown(() => state.downs++);
    health.start();
    return { health, state };
  }

  it("counts the database down after two failed probes, once, trying to recover it after each failure", async () => {
    const { health, state } = monitor();
    state.reachable = false;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(health.isUp).toBe(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(health.isUp).toBe(false);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(state.downs).toBe(1);
    expect(state.recoveries).toBe(4);
    health.stop();
  });

  it("releases whoever waits for it when the database answers again", async () => {
    const { health, state } = monitor();
    state.reachable = false;
    await jest.advanceTimersByTimeAsync(2_000);
    let back = false;
    void health.whenUp().then(() => (back = true));
    await jest.advanceTimersByTimeAsync(2_000);
    expect(back).toBe(false);
    state.reachable = true;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(back).toBe(true);
    expect(health.isUp).toBe(true);
    health.stop();
  });

  it.each([
    [refused(), true],
    [new Error("Connection terminated unexpectedly"), true],
    [
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      true,
    ],
    [{ driverError: refused() }, true],
    [Object.assign(new Error('date/time field value out of range: "0000-01-01"'), { code: "22008" }), false],
    [new Error("syntax error"), false],
  ])("tells an unreachable database (%p) from a failed statement", (error, unreachable) => {
    expect(isDatabaseUnavailable(error)).toBe(unreachable);
  });
});
