import { IntegrationStatus, SyncRunStatus } from "../model/enums";
import { evaluateDiagnostics, type DiagnosticFacts } from "./diagnostics";

const ALL = [
  "Machine.Read.All",
  "Software.Read.All",
  "User.Read.All",
  "AdvancedQuery.Read.All",
  "ThreatHunting.Read.All",
];
const source = (name: string, complete = true, error: string | null = null) => ({
  source: name,
  complete,
  rowsRead: 10,
  rowsSkipped: 0,
  apiCalls: 1,
  throttledCalls: 0,
  error,
  durationMs: 5,
});

const healthy: DiagnosticFacts = {
  integrationStatus: IntegrationStatus.CONNECTED,
  lastError: null,
  granted: ALL,
  missing: [],
  firstSyncAt: new Date("2026-11-27T06:00:00Z"),
  lastRun: {
    status: SyncRunStatus.SUCCEEDED,
    sources: [source("machines"), source("hunting:processes")],
    error: null,
  },
  devices: 100,
  staleDevices: 2,
  potentialDuplicates: 0,
  devicesWithSoftware: 97,
  devicesByOs: { windows: 60, macos: 30, linux: 8, other: 0 },
  activeInstallations: 120,
  agentsFound: 9,
  devicesBySource: { SOFTWARE_INVENTORY: 40, PROCESS_EVENTS: 55 },
  staleDeviceDays: 30,
  now: new Date("2026-11-27T08:00:00Z"),
};

const check = (facts: DiagnosticFacts, key: string) => evaluateDiagnostics(facts).find((c) => c.key === key)!;

describe("evaluateDiagnostics", () => {
  it("reports a healthy tenant as OK everywhere", () => {
    expect(evaluateDiagnostics(healthy).map((c) => [c.key, c.status])).toEqual([
      ["permissions", "OK"],
      ["sync", "OK"],
      ["hunting", "OK"],
      ["discovery", "OK"],
      ["coverage.stale", "OK"],
      ["coverage.software", "OK"],
      ["coverage.os", "OK"],
    ]);
    expect(check(healthy, "discovery").figures).toContainEqual({ name: "hoursSinceFirstSync", value: 2 });
  });

  it("names a missing essential permission as an ERROR", () => {
    const facts = {
      ...healthy,
      integrationStatus: IntegrationStatus.DEGRADED,
      granted: ALL.filter((p) => p !== "Software.Read.All"),
      missing: ["Software.Read.All"],
    };
    const permissions = check(facts, "permissions");
    expect(permissions.status).toBe("ERROR");
    expect(permissions.message).toContain("software inventory needs Software.Read.All");
  });

  it("explains why hunting is unavailable", () => {
    const facts = { ...healthy, granted: ["Machine.Read.All", "Software.Read.All", "User.Read.All"] };
    expect(check(facts, "hunting")).toMatchObject({
      status: "WARNING",
      message: expect.stringContaining("ThreatHunting.Read.All"),
    });
    expect(check(facts, "permissions").status).toBe("WARNING");
  });

  it("says a declined consent is why nothing is connected", () => {
    const facts = {
      ...healthy,
      integrationStatus: IntegrationStatus.NOT_CONNECTED,
      lastError: "Consent failed (AADSTS65004): The administrator declined to grant consent.",
    };
    expect(check(facts, "permissions")).toMatchObject({
      status: "ERROR",
      message: expect.stringContaining("declined"),
    });
  });

  it("warns when no agents were discovered, pointing at hunting", () => {
    expect(check({ ...healthy, agentsFound: 0, activeInstallations: 0 }, "discovery")).toMatchObject({
      status: "WARNING",
      message: expect.stringContaining("hunting"),
    });
  });

  it("reports partial syncs with the failing source", () => {
    const facts = {
      ...healthy,
      lastRun: {
        status: SyncRunStatus.PARTIAL,
        sources: [source("machines"), source("softwareInventory", false, "Software.Read.All missing")],
        error: null,
      },
    };
    expect(check(facts, "sync")).toMatchObject({
      status: "WARNING",
      message: expect.stringContaining("softwareInventory (Software.Read.All missing)"),
    });
  });

  it("flags devices without software inventory and stale devices by share", () => {
    const facts = { ...healthy, staleDevices: 20, devicesWithSoftware: 50 };
    expect(check(facts, "coverage.stale").status).toBe("WARNING");
    expect(check(facts, "coverage.software")).toMatchObject({
      status: "WARNING",
      figures: expect.arrayContaining([{ name: "devicesWithoutSoftwareData", value: 30 }]),
    });
    expect(check(healthy, "coverage.os").message).toContain("8 of 98 active devices run Linux");
  });

  it("names older duplicate records of re-onboarded devices apart from the devices it counts", () => {
    const stale = check({ ...healthy, potentialDuplicates: 3 }, "coverage.stale");
    expect(stale.message).toMatch(/^2 of 100 devices .* 3 more records are older duplicates/);
    expect(stale.figures).toContainEqual({ name: "potentialDuplicateDevices", value: 3 });
    expect(check(healthy, "coverage.stale").message).not.toContain("duplicates");
  });
});
