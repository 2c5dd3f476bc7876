import { MCP_CONNECTION_EXAMPLES, MCP_LAUNCH_EXAMPLES, NOT_MCP_COMMAND_LINES } from "../corpus/mcp";
import { parseMcpLaunch, remoteServer } from "./launch";

describe("recognizing MCP servers from the command lines agents start them with", () => {
  it.each(MCP_LAUNCH_EXAMPLES.map((e) => [e.id, e] as const))("%s", (_id, example) => {
    const launch = parseMcpLaunch(example.commandLine);
    expect(launch).toBeDefined();
    expect({
      key: launch!.key,
      known: launch!.known,
      launcher: launch!.launcher,
      packageName: launch!.packageName,
      version: launch!.version,
      pinned: launch!.pinned,
      ...(example.expected.remoteUrl !== undefined ? { remoteUrl: launch!.remoteUrl } : {}),
    }).toEqual(example.expected);
  });

  it.each(MCP_LAUNCH_EXAMPLES.filter((e) => e.secrets).map((e) => [e.id, e] as const))(
    "keeps no credential of %s in anything it returns",
    (_id, example) => {
      const text = JSON.stringify(parseMcpLaunch(example.commandLine));
      for (const secret of example.secrets!) expect(text).not.toContain(secret);
    },
  );

  it.each(NOT_MCP_COMMAND_LINES.map((e) => [e.commandLine] as const))(
    "does not take `%s` for an MCP server",
    (commandLine) => {
      expect(parseMcpLaunch(commandLine)).toBeUndefined();
    },
  );

  it("says a server with shell reach and one with filesystem reach can do so", () => {
    expect(parseMcpLaunch("npx -y @wonderwhy-er/desktop-commander")!.capabilities).toEqual([
      "SHELL",
      "FILESYSTEM",
    ]);
    expect(parseMcpLaunch("npx -y @modelcontextprotocol/server-filesystem /tmp")!.capabilities).toEqual([
      "FILESYSTEM",
    ]);
  });

  it("reads pins: an exact version, a digest or a non-latest tag; ranges and latest are not pins", () => {
    expect(parseMcpLaunch("npx -y @playwright/mcp@^0.0.41")!.pinned).toBe(false);
    expect(parseMcpLaunch("uvx mcp-server-fetch==2025.4.7")).toMatchObject({
      version: "2025.4.7",
      pinned: true,
    });
    expect(parseMcpLaunch("docker run -i --rm mcp/fetch@sha256:0123abcd")!.pinned).toBe(true);
    expect(parseMcpLaunch("docker run -i --rm mcp/fetch:latest")!.pinned).toBe(false);
  });
});

describe("recognizing remote MCP servers from the URLs agents connect to", () => {
  it.each(MCP_CONNECTION_EXAMPLES.map((e) => [e.id, e] as const))("%s", (_id, example) => {
    expect(remoteServer(example.remoteUrl)?.key ?? null).toBe(example.key);
  });
});
