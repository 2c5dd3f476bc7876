import { FakeClock } from "../../test/support/fake-clock";
import { DefenderRateLimiter, type EndpointFamily } from "./rate-limiter";

/** One call whose response arrives at once. */
async function call(limiter: DefenderRateLimiter, tenantId: string, family: EndpointFamily) {
  const answered = await limiter.acquire(tenantId, family);
  answered();
}

describe("DefenderRateLimiter", () => {
  it("lets a family's calls through until its per-minute budget is spent, then waits for the window", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({ clock, marginMs: 0 });
    const start = clock.now();
    for (let i = 0; i < 30; i++) await call(limiter, "t1", "softwareInventory");
    expect(clock.now()).toBe(start);
    await call(limiter, "t1", "softwareInventory");
    expect(clock.now()).toBe(start + 60_000);
  });

  it("never admits more than the limit in any sliding minute", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({ clock, marginMs: 0 });
    const starts: number[] = [];
    for (let i = 0; i < 200; i++) {
      await call(limiter, "t1", "huntingLegacy");
      starts.push(clock.now());
      clock.advance(i % 7 === 0 ? 3_000 : 100);
    }
    for (let i = 45; i < starts.length; i++)
      expect(starts[i] - starts[i - 45]).toBeGreaterThanOrEqual(60_000);
  });

  it("keeps the hourly budget as well as the per-minute one", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({ clock, marginMs: 0 });
    const start = clock.now();
    for (let i = 0; i < 21; i++) await call(limiter, "t1", "softwareExport");
    // 5/min would allow the 21st call after 4 minutes; 20/h holds it for the hour.
    expect(clock.now()).toBe(start + 3_600_000);
  });

  it("keeps tenants and budgets apart", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({ clock, marginMs: 0 });
    for (let i = 0; i < 5; i++) await call(limiter, "t1", "softwareExport");
    await call(limiter, "t2", "softwareExport");
    await call(limiter, "t1", "machines");
    await call(limiter, "t1", "exportFile");
    expect(clock.sleeps).toEqual([]);
  });

  it("counts endpoints with the same quota in one budget", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({ clock, marginMs: 0 });
    for (let i = 0; i < 3; i++) await call(limiter, "t1", "softwareExport");
    for (let i = 0; i < 2; i++) await call(limiter, "t1", "nonCpeSoftwareExport");
    expect(clock.sleeps).toEqual([]);
    await call(limiter, "t1", "nonCpeSoftwareExport");
    expect(clock.sleeps).toEqual([60_000]);
  });

  it("holds every caller of a budget until a 429's Retry-After has passed", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({ clock });
    limiter.block("t1", "machines", clock.now() + 37_000);
    const start = clock.now();
    await call(limiter, "t1", "machines");
    expect(clock.now()).toBe(start + 37_000);
    await call(limiter, "t1", "machines");
    expect(clock.now()).toBe(start + 37_000);
  });

  it("serialises concurrent callers so they cannot share the last slot", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({
      clock,
      marginMs: 0,
      limits: { machines: [{ limit: 2, windowMs: 1000 }] },
    });
    const times: number[] = [];
    await Promise.all(
      [1, 2, 3, 4].map(() =>
        limiter.acquire("t1", "machines").then((answered) => {
          times.push(clock.now());
          answered();
        }),
      ),
    );
    const start = times[0];
    expect(times.map((t) => t - start)).toEqual([0, 0, 1000, 1000]);
  });

  it("can be switched off", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({ clock, limits: false });
    for (let i = 0; i < 100; i++) await call(limiter, "t1", "softwareExport");
    expect(clock.sleeps).toEqual([]);
  });

  it("counts a call from its response, so a slow answer moves the window with it", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({
      clock,
      marginMs: 0,
      limits: { machines: [{ limit: 1, windowMs: 60_000 }] },
    });
    const start = clock.now();
    const answered = await limiter.acquire("t1", "machines");
    clock.advance(5_000); // the server (or our event loop) held the call
    answered();
    await call(limiter, "t1", "machines");
    expect(clock.now()).toBe(start + 65_000);
  });

  it("holds a slot for a call still in flight", async () => {
    const clock = new FakeClock();
    const limiter = new DefenderRateLimiter({
      clock,
      marginMs: 0,
      limits: { machines: [{ limit: 1, windowMs: 1_000 }] },
    });
    const start = clock.now();
    const answered = await limiter.acquire("t1", "machines");
    // The first call's response arrives during the second caller's third wait.
    const sleep = clock.sleep;
    clock.sleep = async (ms) => {
      await sleep(ms);
      if (clock.sleeps.length === 3) answered();
    };
    await call(limiter, "t1", "machines");
    expect(clock.now()).toBe(start + 4_000);
  });
});
