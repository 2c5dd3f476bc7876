import { nextSync, progressWorthWriting, PROGRESS_EVERY_ROWS } from "./pacing";

describe("when a tenant syncs next", () => {
  it("syncs a tenant that never synced now", () => {
    expect(nextSync({ unproductive: 0, everProductive: false }, 60)).toEqual({
      delayMinutes: 0,
      from: "now",
      regular: false,
    });
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [6, 32],
    [12, 32],
  ])(
    "retries after %i failed or empty syncs in %i minutes, not at the next interval",
    (failures, minutes) => {
      expect(nextSync({ unproductive: failures, everProductive: false }, 60)).toEqual({
        delayMinutes: minutes,
        from: "now",
        regular: false,
      });
    },
  );

  it("never retries later than the tenant's interval", () => {
    expect(nextSync({ unproductive: 6, everProductive: true }, 15).delayMinutes).toBe(15);
  });

  it("runs the interval from the last sync after a sync that found devices", () => {
    expect(nextSync({ unproductive: 0, everProductive: true }, 60)).toEqual({
      delayMinutes: 60,
      from: "lastSync",
      regular: true,
    });
  });
});

describe("when a run's progress is written", () => {
  const at = (phase: string, rowsRead: number, detail?: string) => ({ phase, rowsRead, detail });

  it("writes the first progress and every new phase at once", () => {
    expect(progressWorthWriting(null, at("machines", 0), 0)).toBe(true);
    expect(progressWorthWriting(at("machines", 10), at("softwareInventory", 10), 0)).toBe(true);
  });

  it(`writes every ${PROGRESS_EVERY_ROWS} rows within a phase`, () => {
    expect(progressWorthWriting(at("s", 0), at("s", PROGRESS_EVERY_ROWS - 1), 0)).toBe(false);
    expect(progressWorthWriting(at("s", 0), at("s", PROGRESS_EVERY_ROWS), 0)).toBe(true);
  });

  it("writes a new detail within a phase at most once a second", () => {
    expect(progressWorthWriting(at("writing", 5, "devices"), at("writing", 5, "users"), 200)).toBe(false);
    expect(progressWorthWriting(at("writing", 5, "devices"), at("writing", 5, "users"), 1_000)).toBe(true);
    expect(progressWorthWriting(at("writing", 5, "users"), at("writing", 5, "users"), 5_000)).toBe(false);
  });
});
