import { parseCliOptions, startupLines } from "./cli-options";
import { startSimulator } from "./index";

describe("simulator CLI", () => {
  it("turns flags into simulator options", () => {
    const options = parseCliOptions([
      "--devices",
      "300",
      "--seed",
      "4",
      "--port",
      "8443",
      "--throttle-every",
      "5",
      "--fail-every",
      "7",
      "--latency-ms",
      "20",
      "--token-lifetime",
      "120",
      "--no-rate-limits",
      "--day",
      "3",
      "--require-consent",
    ]);
    expect(options).toMatchObject({
      devices: 300,
      seed: 4,
      port: 8443,
      day: 3,
      rateLimits: false,
      consented: false,
      faults: { throttleEvery: 5, failEvery: 7, latencyMs: 20, tokenLifetimeSeconds: 120 },
    });
    expect(parseCliOptions([], "/tmp/certs")).toMatchObject({
      devices: 300,
      rateLimits: true,
      consented: true,
      certDir: "/tmp/certs",
    });
  });

  it("rejects bad numbers and unknown flags", () => {
    expect(() => parseCliOptions(["--devices", "many"])).toThrow(/--devices must be a non-negative integer/);
    expect(() => parseCliOptions(["--bogus"])).toThrow();
  });

  it("ends its start-up text with one JSON line naming url, caPath and credentials", async () => {
    const options = parseCliOptions(["--devices", "5"]);
    const sim = await startSimulator(options);
    try {
      const lines = startupLines(sim, options);
      expect(lines.join("\n")).toContain(`NODE_EXTRA_CA_CERTS=${sim.caPath}`);
      const last = JSON.parse(lines[lines.length - 1]) as Record<string, string>;
      expect(Object.keys(last)).toEqual(["url", "caPath", "tenantId", "clientId", "clientSecret"]);
      expect(last.url).toBe(sim.url);
    } finally {
      await sim.close();
    }
  });
});
