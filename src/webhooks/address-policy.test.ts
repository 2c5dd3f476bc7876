import type { LookupFunction } from "node:net";
import {
  addressRefusal,
  guardedLookup,
  isPublicAddress,
  urlRefusal,
  type DeliveryPolicy,
  type Resolve,
} from "./address-policy";

const STRICT: DeliveryPolicy = { allowHttp: false, allowPrivateAddresses: false };
const resolvesTo =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

/** Runs a lookup as net.connect would (one address, or all of them with `all: true`). */
function lookUp(lookup: LookupFunction, hostname: string, all = false): Promise<unknown> {
  return new Promise((resolve, reject) =>
    lookup(hostname, { all }, (error: Error | null, address: unknown) =>
      error ? reject(error) : resolve(address),
    ),
  );
}

describe("which addresses webhooks may reach", () => {
  // Ranges from RFC 1918, 1122, 3927, 4193, 4291, 6598 and 6890 (IANA special-purpose registries).
  it.each([
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["192.168.1.10", false],
    ["127.0.0.1", false],
    ["169.254.169.254", false], // the cloud metadata endpoint: link-local
    ["100.64.0.1", false], // carrier-grade NAT
    ["0.0.0.0", false],
    ["::1", false],
    ["fe80::1", false],
    ["fd00::1", false],
    ["::ffff:127.0.0.1", false], // IPv4-mapped loopback is judged as the IPv4 it carries
    ["224.0.0.1", false],
    ["8.8.8.8", true],
    ["2606:4700:4700::1111", true],
    ["::ffff:8.8.8.8", true],
    ["not an address", false],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it("takes https only, unless http is allowed, and never credentials in the URL", () => {
    expect(urlRefusal("https://hooks.example.com/x", STRICT)).toBeNull();
    expect(urlRefusal("http://hooks.example.com/x", STRICT)).toBe("Only https URLs are allowed");
    expect(urlRefusal("http://hooks.example.com/x", { ...STRICT, allowHttp: true })).toBeNull();
    expect(urlRefusal("ftp://hooks.example.com/x", { ...STRICT, allowHttp: true })).toMatch(/http and https/);
    expect(urlRefusal("https://user:pw@hooks.example.com/x", STRICT)).toMatch(/credentials/);
    expect(urlRefusal("not a url", STRICT)).toBe("Not a valid URL");
  });

  it("refuses IP literals of private, loopback and link-local addresses unless the operator allows them", () => {
    expect(urlRefusal("https://127.0.0.1:8443/x", STRICT)).toMatch(/not a public address/);
    expect(urlRefusal("https://[::1]/x", STRICT)).toMatch(/not a public address/);
    expect(urlRefusal("https://169.254.169.254/latest", STRICT)).toMatch(/not a public address/);
    expect(urlRefusal("https://127.0.0.1:8443/x", { ...STRICT, allowPrivateAddresses: true })).toBeNull();
  });

  it("resolves a name when a webhook is saved, and refuses one with any non-public address", async () => {
    expect(await addressRefusal("https://hooks.example.com", STRICT, resolvesTo("93.184.215.14"))).toBeNull();
    expect(
      await addressRefusal("https://hooks.example.com", STRICT, resolvesTo("93.184.215.14", "10.0.0.5")),
    ).toMatch(/resolves to 10.0.0.5/);
    expect(await addressRefusal("https://nowhere.invalid", STRICT, async () => [])).toMatch(
      /does not resolve/,
    );
  });

  it("checks the address a connection is about to use, so a name rebound to a private address is refused", async () => {
    let answer = "93.184.215.14";
    const lookup = guardedLookup(STRICT, async () => [{ address: answer, family: 4 }]);
    expect(await lookUp(lookup, "hooks.example.com")).toBe("93.184.215.14");
    answer = "127.0.0.1"; // the name now points inside
    await expect(lookUp(lookup, "hooks.example.com")).rejects.toThrow(
      /127.0.0.1, which is not a public address/,
    );
    await expect(lookUp(lookup, "hooks.example.com", true)).rejects.toThrow(/not a public address/);
  });

  it("hands every address to a connection that asks for all of them", async () => {
    const lookup = guardedLookup(
      STRICT,
      resolvesTo("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
    );
    expect(await lookUp(lookup, "hooks.example.com", true)).toEqual([
      { address: "93.184.215.14", family: 4 },
      { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
    ]);
  });
});
