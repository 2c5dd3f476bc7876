import { redactArguments, redactUrl } from "./redact";

const R = "[REDACTED]";

describe("redacting credentials from MCP arguments and URLs", () => {
  it.each([
    [
      ["--api-key", "abc123"],
      ["--api-key", R],
    ],
    [["--token=abc123"], [`--token=${R}`]],
    [
      ["--access-token", "x"],
      ["--access-token", R],
    ],
    [
      ["-e", "GITHUB_TOKEN=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
      ["-e", `GITHUB_TOKEN=${R}`],
    ],
    [["BRAVE_API_KEY=BSA123"], [`BRAVE_API_KEY=${R}`]],
    [["DB_PASSWORD=hunter2"], [`DB_PASSWORD=${R}`]],
    [
      ["--header", "Authorization: Bearer abc.def"],
      ["--header", `Authorization: ${R}`],
    ],
    [
      ["--header", "Authorization:Bearer abc"],
      ["--header", `Authorization: ${R}`],
    ],
    [
      ["Bearer", "abc"],
      ["Bearer", R],
    ],
    [
      ["--repository", "/src/repo"],
      ["--repository", "/src/repo"],
    ],
    [
      ["-e", "GITHUB_PERSONAL_ACCESS_TOKEN"],
      ["-e", "GITHUB_PERSONAL_ACCESS_TOKEN"],
    ],
  ])("%j → %j", (args, expected) => {
    expect(redactArguments(args)).toEqual(expected);
  });

  it.each([
    ["ghp_0123456789abcdefghijABCDEFGHIJ012345"],
    ["github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"],
    ["sk-proj-abcdefghijklmnop1234"],
    ["sk_live_51Habcdefghij"],
    ["xoxb-123456789012-abcdefghijkl"],
    ["AKIAIOSFODNN7EXAMPLE"],
    ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"],
  ])("recognizes the token shape of %s anywhere", (token) => {
    expect(redactArguments(["--some-flag", `prefix:${token}`]).join(" ")).not.toContain(token);
  });

  it.each([
    ["https://user:pass@mcp.example.com/sse", `https://${R}@mcp.example.com/sse`],
    ["https://mcp.example.com/sse?token=abc&team=x", `https://mcp.example.com/sse?token=${R}&team=x`],
    [
      "https://x.blob.core.windows.net/c?sv=2024&sig=abc%2F",
      `https://x.blob.core.windows.net/c?sv=2024&sig=${R}`,
    ],
    [
      "https://mcp.example.com/mcp?api_key=k1&apiKey=k2",
      `https://mcp.example.com/mcp?api_key=${R}&apiKey=${R}`,
    ],
    ["postgresql://u:p@db:5432/x", `postgresql://${R}@db:5432/x`],
  ])("%s → %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactArguments([url])).toEqual([expected]);
  });
});
