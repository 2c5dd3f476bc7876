import { decodeTokenClaims, evaluatePermissions } from "./permissions";

const jwt = (payload: object) =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.sig`;

describe("decodeTokenClaims", () => {
  it("reads tid, aud, roles and exp without verifying", () => {
    const claims = decodeTokenClaims(
      jwt({
        tid: "t1",
        aud: "https://api.securitycenter.microsoft.com",
        roles: ["Machine.Read.All"],
        exp: 1_800_000_000,
        appid: "a",
      }),
    );
    expect(claims).toEqual({
      tenantId: "t1",
      audience: "https://api.securitycenter.microsoft.com",
      roles: ["Machine.Read.All"],
      expiresAt: new Date(1_800_000_000_000),
      appId: "a",
    });
  });

  it("treats a token without roles, or an opaque one, as granting nothing", () => {
    expect(decodeTokenClaims(jwt({ tid: "t1" })).roles).toEqual([]);
    expect(decodeTokenClaims("opaque").roles).toEqual([]);
  });
});

describe("evaluatePermissions", () => {
  const all = {
    defender: ["Machine.Read.All", "Software.Read.All", "User.Read.All", "AdvancedQuery.Read.All"],
    graph: ["ThreatHunting.Read.All"],
  };

  it("reports nothing missing when everything is granted", () => {
    expect(evaluatePermissions(all, "auto")).toEqual({
      granted: [
        "AdvancedQuery.Read.All",
        "Machine.Read.All",
        "Software.Read.All",
        "ThreatHunting.Read.All",
        "User.Read.All",
      ],
      missing: [],
      blockedSources: [],
    });
  });

  it("names a dropped Software.Read.All and the sources it blocks", () => {
    const report = evaluatePermissions(
      { ...all, defender: all.defender.filter((p) => p !== "Software.Read.All") },
      "auto",
    );
    expect(report.missing).toEqual(["Software.Read.All"]);
    expect(report.blockedSources).toEqual(["softwareInventory", "browserExtensions"]);
  });

  it("accepts either hunting permission in auto mode, and names the Graph one when both are absent", () => {
    expect(evaluatePermissions({ ...all, graph: [] }, "auto").missing).toEqual([]);
    expect(
      evaluatePermissions(
        { defender: ["Machine.Read.All", "Software.Read.All", "User.Read.All"], graph: [] },
        "auto",
      ).missing,
    ).toEqual(["ThreatHunting.Read.All"]);
  });

  it("requires the configured hunting API's permission in graph or legacy mode", () => {
    expect(evaluatePermissions({ ...all, graph: [] }, "graph").missing).toEqual(["ThreatHunting.Read.All"]);
    expect(evaluatePermissions({ ...all, defender: all.defender.slice(0, 3) }, "legacy").missing).toEqual([
      "AdvancedQuery.Read.All",
    ]);
  });

  it("counts a ReadWrite permission as the Read one", () => {
    const report = evaluatePermissions({ defender: ["Machine.ReadWrite.All"], graph: [] }, "auto", [
      "machines",
    ]);
    expect(report.missing).toEqual([]);
  });
});
