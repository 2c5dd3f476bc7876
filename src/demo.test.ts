import { demoBanner, playgroundLink } from "./demo";

const url = "http://127.0.0.1:4000";

describe("demoBanner", () => {
  it("shows a generated key this once, and where it is kept", () => {
    const banner = demoBanner(url, url, {
      kind: "generated",
      secret: "aik_0123456789ab_secret",
      file: "/d/demo-admin-key",
    });
    expect(banner).toMatch(
      /Admin key:\s+aik_0123456789ab_secret\s+║\n║\s+\(shown this once; also saved in \/d\/demo-admin-key/,
    );
    expect(banner).toContain(`export AGENT_INVENTORY_KEY="$(cat '/d/demo-admin-key')"`);
  });

  it("points to the saved file on later starts, without the key", () => {
    const banner = demoBanner(url, url, { kind: "saved", file: "/d/demo-admin-key" });
    expect(banner).toContain("Admin key:   saved in /d/demo-admin-key (readable only by you)");
    expect(banner).not.toContain("aik_");
  });

  it("never prints a configured ADMIN_API_KEY: the examples read it from the environment", () => {
    const banner = demoBanner(url, url, { kind: "configured" });
    expect(banner).toContain("Admin key:   the value of ADMIN_API_KEY");
    expect(banner).toContain('export AGENT_INVENTORY_KEY="$ADMIN_API_KEY"');
    expect(banner).toContain('-H "authorization: Bearer $AGENT_INVENTORY_KEY"');
  });

  it("links the playground with a generated key in the fragment, which browsers never send", () => {
    const generated = { kind: "generated", secret: "aik_0123456789ab_s+cret", file: "/d/k" } as const;
    expect(playgroundLink(url, generated)).toBe(`${url}/graphql#key=aik_0123456789ab_s%2Bcret`);
    expect(demoBanner(url, url, generated)).toContain(
      `Playground:  ${url}/graphql#key=aik_0123456789ab_s%2Bcret`,
    );
    expect(playgroundLink(url, { kind: "saved", file: "/d/k" })).toBe(`${url}/graphql`);
    expect(playgroundLink(url, { kind: "configured" })).toBe(`${url}/graphql`);
  });

  it("frames the links and the key, so they stand out from log lines", () => {
    const lines = demoBanner(url, url, { kind: "configured" }).split("\n");
    const top = lines.findIndex((line) => line.startsWith("╔"));
    const bottom = lines.findIndex((line) => line.startsWith("╚"));
    expect(lines.slice(top + 1, bottom).every((line) => line.startsWith("║ ") && line.endsWith(" ║"))).toBe(
      true,
    );
    expect(new Set(lines.slice(top, bottom + 1).map((line) => line.length)).size).toBe(1);
    expect(lines.slice(top, bottom).join("\n")).toContain("Playground:");
  });
});
