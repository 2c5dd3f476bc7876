import { DomainError, ErrorCode, FieldError } from "../../model/errors";
import { payloadOf, type UserError } from "./user-error";

interface Payload {
  ok: boolean;
  userErrors: UserError[];
}
const failed = (userErrors: UserError[]): Payload => ({ ok: false, userErrors });

describe("payloadOf (a mutation's payload)", () => {
  it("is the use case's result when it succeeds", async () => {
    expect(await payloadOf(async () => ({ ok: true, userErrors: [] }), failed)).toEqual({
      ok: true,
      userErrors: [],
    });
  });

  it("reports a refusal about one input as a user error naming that input", async () => {
    const refusal = new FieldError(ErrorCode.NOT_FOUND, "No tenant with that ID", "tenantId");
    const payload = await payloadOf(() => Promise.reject(refusal), failed);
    expect(payload).toEqual({
      ok: false,
      userErrors: [{ code: ErrorCode.NOT_FOUND, message: "No tenant with that ID", field: ["tenantId"] }],
    });
  });

  it.each([
    ["a refusal of the caller (FORBIDDEN)", new DomainError(ErrorCode.FORBIDDEN, "Requires ADMIN")],
    ["an unexpected failure", new Error("connection terminated")],
  ])("raises %s as a GraphQL error, never as a user error", async (_label, error) => {
    await expect(payloadOf(() => Promise.reject(error), failed)).rejects.toBe(error);
  });
});
