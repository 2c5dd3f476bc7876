import { signConsentState, verifyConsentState } from "./consent-state";

const key = Buffer.from("k".repeat(32));
const now = new Date("2026-11-27T08:00:00Z");
const state = {
  tenantId: "a6a9cf3c-3f4e-4a71-9f5c-0c6a8e6d2b11",
  nonce: "b1",
  expiresAt: new Date("2026-11-27T08:10:00Z"),
};

describe("consent state", () => {
  it("round-trips a signed state", () => {
    expect(verifyConsentState(signConsentState(state, key), key, now)).toEqual(state);
  });

  it("rejects a state signed with another key", () => {
    expect(verifyConsentState(signConsentState(state, Buffer.from("x".repeat(32))), key, now)).toBeNull();
  });

  it("rejects an altered payload", () => {
    const [, signature] = signConsentState(state, key).split(".");
    const forged = Buffer.from(
      JSON.stringify({ t: "other", n: "b1", e: state.expiresAt.getTime() }),
    ).toString("base64url");
    expect(verifyConsentState(`${forged}.${signature}`, key, now)).toBeNull();
  });

  it("rejects an expired state", () => {
    expect(
      verifyConsentState(signConsentState(state, key), key, new Date("2026-11-27T08:10:00Z")),
    ).toBeNull();
  });

  it.each(["", "abc", "a.b.c", "%%%.%%%"])("rejects garbage %j", (value) => {
    expect(verifyConsentState(value, key, now)).toBeNull();
  });
});
