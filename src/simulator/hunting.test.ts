import { startSimulator, type RunningSimulator } from "./index";
import { simulatorClient } from "../../test/support/simulator-client";

describe("Advanced hunting over HTTP", () => {
  let sim: RunningSimulator;
  let client: ReturnType<typeof simulatorClient>;

  beforeAll(async () => {
    sim = await startSimulator({ devices: 60, seed: 8, rateLimits: false });
    client = simulatorClient(sim);
  });
  afterAll(() => sim.close());

  const query =
    "DeviceProcessEvents | summarize Launches = count() by FileName | order by Launches desc | take 3";

  it("answers the legacy API with Schema/Results", async () => {
    const reply = await client.call("/api/advancedqueries/run", {
      method: "POST",
      token: await client.token(),
      body: JSON.stringify({ Query: query }),
    });
    expect(reply.status).toBe(200);
    const body = reply.json<{ Schema: unknown[]; Results: unknown[] }>();
    expect(body.Schema).toEqual([
      { Name: "FileName", Type: "String" },
      { Name: "Launches", Type: "Int64" },
    ]);
    expect(body.Results).toHaveLength(3);
  });

  it("answers Graph runHuntingQuery with lowercase schema/results and honours Timespan", async () => {
    const token = await client.token("https://graph.microsoft.com/.default");
    const all = await client.call("/v1.0/security/runHuntingQuery", {
      method: "POST",
      token,
      body: JSON.stringify({ Query: "DeviceProcessEvents | count" }),
    });
    expect(all.status).toBe(200);
    const body = all.json<{ schema: unknown[]; results: { Count: number }[] }>();
    expect(body.schema).toEqual([{ name: "Count", type: "Int64" }]);
    const recent = await client.call("/v1.0/security/runHuntingQuery", {
      method: "POST",
      token,
      body: JSON.stringify({ Query: "DeviceProcessEvents | count", Timespan: "P1D" }),
    });
    expect(recent.json<{ results: { Count: number }[] }>().results[0].Count).toBeLessThan(
      body.results[0].Count,
    );
  });

  it("needs ThreatHunting.Read.All on the Graph token", async () => {
    sim.control.dropPermissions(["ThreatHunting.Read.All"]);
    try {
      const token = await client.token("https://graph.microsoft.com/.default");
      const reply = await client.call("/v1.0/security/runHuntingQuery", {
        method: "POST",
        token,
        body: JSON.stringify({ Query: "DeviceInfo | take 1" }),
      });
      expect(reply.status).toBe(403);
      expect(reply.json()).toMatchObject({
        error: { code: "Forbidden", message: expect.stringContaining("ThreatHunting.Read.All") },
      });
    } finally {
      sim.control.restorePermissions();
    }
  });

  it("answers unsupported KQL with 400 BadRequest saying what is unsupported", async () => {
    const reply = await client.call("/api/advancedqueries/run", {
      method: "POST",
      token: await client.token(),
      body: JSON.stringify({ Query: "DeviceInfo | join (DeviceProcessEvents) on DeviceId" }),
    });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({
      error: {
        code: "BadRequest",
        message: "Unsupported KQL: operator 'join' is not supported by the simulator",
      },
    });
  });

  it("reflects an advanced day in the data", async () => {
    const token = await client.token();
    const count = async () =>
      (
        await client.call("/api/advancedqueries/run", {
          method: "POST",
          token,
          body: JSON.stringify({
            Query:
              "AgentsInfo | summarize arg_max(Timestamp, *) by AgentId | summarize n = count() by LifecycleStatus",
          }),
        })
      ).json<{ Results: unknown[] }>().Results;
    const before = await count();
    sim.control.advanceDay(20);
    const after = await count();
    sim.control.setDay(0);
    expect(after).not.toEqual(before);
  });
});
