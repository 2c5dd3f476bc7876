import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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

  it("removes the certificate folder it made in the temporary directory when it closes", async () => {
    const sim = await startSimulator(parseCliOptions(["--devices", "1"]));
    expect(existsSync(sim.caPath)).toBe(true);
    await sim.close();
    expect(existsSync(path.dirname(sim.caPath))).toBe(false);
  });

  it("leaves a folder it was given (--cert-dir) in place", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sim-given-"));
    const sim = await startSimulator(parseCliOptions(["--devices", "1", "--cert-dir", dir]));
    await sim.close();
    expect(existsSync(path.join(dir, "ca.pem"))).toBe(true);
    rmSync(dir, { recursive: true });
  });
});
