import type { IncomingMessage } from "node:http";
import { clientAddress, RateLimits } from "./rate-limits";

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }) as unknown as IncomingMessage;

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(request("192.0.2.1", "203.0.113.5"), 0)).toBe("192.0.2.1");
  });

  it("takes the entry the outermost trusted proxy appended, never the client's own entries", () => {
    expect(clientAddress(request("10.0.0.2", "203.0.113.9, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress(request("10.0.0.2", "203.0.113.9, 198.51.100.7, 10.0.0.1"), 2)).toBe("198.51.100.7");
  });

  it("falls back to the furthest address known when the header is shorter than the trusted chain", () => {
    expect(clientAddress(request("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientAddress(request("10.0.0.2", "198.51.100.7"), 3)).toBe("198.51.100.7");
  });
});

describe("RateLimits", () => {
  it("admits up to the limit, then names the wait in whole seconds", async () => {
    const limits = new RateLimits({ perKey: 2, perAddress: 0, authFailuresPerAddress: 0 });
    expect(await limits.admitKey("k")).toBe(0);
    expect(await limits.admitKey("k")).toBe(0);
    const wait = await limits.admitKey("k");
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limits.admitKey("other")).toBe(0);
  });

  it("never limits what is set to 0", async () => {
    const limits = new RateLimits({ perKey: 0, perAddress: 0, authFailuresPerAddress: 0 });
    for (let i = 0; i < 100; i++) expect(await limits.admitAddress("a")).toBe(0);
    await limits.recordAuthFailure("a");
    expect(await limits.authFailureWait("a")).toBe(0);
  });

  it("makes an address wait once it has presented too many refused keys", async () => {
    const limits = new RateLimits({ perKey: 0, perAddress: 0, authFailuresPerAddress: 2 });
    await limits.recordAuthFailure("a");
    expect(await limits.authFailureWait("a")).toBe(0);
    await limits.recordAuthFailure("a");
    expect(await limits.authFailureWait("a")).toBeGreaterThanOrEqual(1);
    expect(await limits.authFailureWait("b")).toBe(0);
  });
});
