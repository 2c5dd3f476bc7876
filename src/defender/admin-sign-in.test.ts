import { checkAdminIdToken, DIRECTORY_ROLES, rolesThatCanConsent, SignInRejected } from "./admin-sign-in";

const tid = "4b2d7c1e-9a8f-4e6d-b5c4-3a2b1c0d9e8f";
const now = new Date("2026-11-27T08:00:00Z");
const seconds = now.getTime() / 1000;
const expected = {
  clientId: "c0ffee00-0000-4000-8000-000000000001",
  authorityHost: "https://login.microsoftonline.com/",
  nonce: "n-1",
  consentRoles: rolesThatCanConsent(true),
  now,
};
const claims = (overrides: Record<string, unknown> = {}) => ({
  aud: expected.clientId,
  iss: `https://login.microsoftonline.com/${tid}/v2.0`,
  iat: seconds - 10,
  nbf: seconds - 10,
  exp: seconds + 3600,
  tid,
  oid: "0a1b2c3d-0000-4000-8000-000000000009",
  nonce: "n-1",
  wids: [DIRECTORY_ROLES.globalAdministrator, "b79fbf4d-3ef9-4689-8143-76b194e85509"],
  ...overrides,
});
const rejection = (token: Record<string, unknown>, roles = expected.consentRoles) => {
  try {
    checkAdminIdToken(token, { ...expected, consentRoles: roles });
    return null;
  } catch (error) {
    return (error as SignInRejected).reason;
  }
};

describe("checkAdminIdToken", () => {
  it("accepts a Global Administrator's token and names the directory and user", () => {
    expect(checkAdminIdToken(claims(), expected)).toEqual({
      directoryId: tid,
      userObjectId: "0a1b2c3d-0000-4000-8000-000000000009",
    });
  });

  it("refuses a token for another application or from another issuer", () => {
    expect(rejection(claims({ aud: "someone-else" }))).toBe("WRONG_AUDIENCE");
    expect(rejection(claims({ iss: `https://login.microsoftonline.com/${tid}/` }))).toBe("WRONG_ISSUER");
    expect(rejection(claims({ iss: "https://evil.example/" + tid + "/v2.0" }))).toBe("WRONG_ISSUER");
    // The issuer names the token's own directory: a tid swapped in alone does not match it.
    expect(rejection(claims({ tid: "11111111-2222-4333-8444-555555555555" }))).toBe("WRONG_ISSUER");
    expect(rejection(claims({ tid: "organizations" }))).toBe("WRONG_ISSUER");
  });

  it("refuses an expired or not yet valid token, allowing five minutes of clock skew", () => {
    expect(rejection(claims({ exp: seconds - 301 }))).toBe("EXPIRED");
    expect(rejection(claims({ exp: seconds - 200 }))).toBeNull();
    expect(rejection(claims({ nbf: seconds + 301 }))).toBe("EXPIRED");
  });

  it("refuses a token carrying another nonce, or none", () => {
    expect(rejection(claims({ nonce: "n-2" }))).toBe("NONCE_MISMATCH");
    expect(rejection(claims({ nonce: undefined }))).toBe("NONCE_MISMATCH");
  });

  it("refuses users without a role able to grant the app's permissions, or without wids at all", () => {
    expect(rejection(claims({ wids: ["b79fbf4d-3ef9-4689-8143-76b194e85509"] }))).toBe("NOT_A_CONSENT_ADMIN");
    expect(rejection(claims({ wids: undefined }))).toBe("NOT_A_CONSENT_ADMIN");
    expect(rejection(claims({ wids: [DIRECTORY_ROLES.privilegedRoleAdministrator] }))).toBeNull();
  });

  it("takes Cloud Application and Application Administrators only when no Microsoft Graph app role is asked", () => {
    const appAdmin = claims({ wids: [DIRECTORY_ROLES.cloudApplicationAdministrator] });
    expect(rejection(appAdmin, rolesThatCanConsent(true))).toBe("NOT_A_CONSENT_ADMIN");
    expect(rejection(appAdmin, rolesThatCanConsent(false))).toBeNull();
    expect(
      rejection(claims({ wids: [DIRECTORY_ROLES.applicationAdministrator] }), rolesThatCanConsent(false)),
    ).toBeNull();
  });
});
