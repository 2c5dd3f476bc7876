import { signConsentState, verifyConsentState, type ConsentState } from "./consent-state";

const key = Buffer.from("k".repeat(32));
const now = new Date("2026-11-27T08:00:00Z");
const signIn: ConsentState = {
  tenantId: "a6a9cf3c-3f4e-4a71-9f5c-0c6a8e6d2b11",
  requestId: "b1",
  expiresAt: new Date("2026-11-27T08:10:00Z"),
  step: "sign-in",
};
const consent: ConsentState = {
  ...signIn,
  step: "consent",
  directory: "d2c6d2b0-7d3e-4a57-8b1a-0f3f0c2d9e11",
};

const withPayload = (
  state: string,
  change: (payload: Record<string, unknown>) => Record<string, unknown>,
) => {
  const [payload, signature] = state.split(".");
  const changed = change(JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>);
  return `${Buffer.from(JSON.stringify(changed)).toString("base64url")}.${signature}`;
};

describe("consent state", () => {
  it("round-trips the sign-in and the consent steps", () => {
    expect(verifyConsentState(signConsentState(signIn, key), key, now)).toEqual(signIn);
    expect(verifyConsentState(signConsentState(consent, key), key, now)).toEqual(consent);
  });

  it("rejects a state signed with another key", () => {
    expect(verifyConsentState(signConsentState(signIn, Buffer.from("x".repeat(32))), key, now)).toBeNull();
  });

  it("rejects an altered payload: another tenant, another directory, a skipped step", () => {
    expect(
      verifyConsentState(
        withPayload(signConsentState(signIn, key), (p) => ({ ...p, t: "other" })),
        key,
        now,
      ),
    ).toBeNull();
    expect(
      verifyConsentState(
        withPayload(signConsentState(consent, key), (p) => ({ ...p, d: "another" })),
        key,
        now,
      ),
    ).toBeNull();
    expect(
      verifyConsentState(
        withPayload(signConsentState(signIn, key), (p) => ({ ...p, s: "consent", d: consent.directory })),
        key,
        now,
      ),
    ).toBeNull();
  });

  it("rejects an expired state", () => {
    expect(
      verifyConsentState(signConsentState(signIn, key), key, new Date("2026-11-27T08:10:00Z")),
    ).toBeNull();
  });

  it("rejects a consent step without its directory, and a sign-in step with one", () => {
    const { directory: _omitted, ...noDirectory } = consent;
    expect(verifyConsentState(signConsentState(noDirectory, key), key, now)).toBeNull();
    expect(verifyConsentState(signConsentState({ ...signIn, directory: "x" }, key), key, now)).toBeNull();
  });

  it.each(["", "abc", "a.b.c", "%%%.%%%"])("rejects garbage %j", (value) => {
    expect(verifyConsentState(value, key, now)).toBeNull();
  });
});
