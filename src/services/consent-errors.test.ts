import { explainConsentError } from "./consent-errors";

describe("explainConsentError", () => {
  it.each([
    ["access_denied", "AADSTS65004: User declined to consent to access the app.", "AADSTS65004", /declined/],
    [
      "access_denied",
      "AADSTS50020: User account from identity provider does not exist in tenant.",
      "AADSTS50020",
      /different directory/,
    ],
    [
      "invalid_request",
      "AADSTS90094: The grant requires admin permission.",
      "AADSTS90094",
      /not allowed to grant/,
    ],
    ["access_denied", undefined, "access_denied", /declined/],
  ])("explains %s / %s", (error, description, code, reason) => {
    const failure = explainConsentError(error, description);
    expect(failure.code).toBe(code);
    expect(failure.reason).toMatch(reason);
    expect(failure.action.length).toBeGreaterThan(10);
  });

  it("passes an unknown error through in a sentence, first line only", () => {
    const failure = explainConsentError("server_error", "Something odd\nTrace ID: 1");
    expect(failure).toMatchObject({
      code: "server_error",
      reason: 'Microsoft reported "server_error": Something odd.',
    });
  });
});
