import { Webhook } from "standardwebhooks";
import { generateWebhookSecret, isValidWebhookSecret, signatureHeaders } from "./signing";

describe("webhook signatures", () => {
  it("generates whsec_ secrets of 32 random bytes, different each time", () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it("accepts given secrets only in the Standard Webhooks form (24 to 64 bytes)", () => {
    // The specification's own example secret.
    expect(isValidWebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(true);
    expect(isValidWebhookSecret(generateWebhookSecret())).toBe(true);
    expect(isValidWebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(false);
    expect(isValidWebhookSecret(`whsec_${Buffer.alloc(16).toString("base64")}`)).toBe(false);
    expect(isValidWebhookSecret(`whsec_${Buffer.alloc(65).toString("base64")}`)).toBe(false);
    expect(isValidWebhookSecret("whsec_not base64!")).toBe(false);
  });

  it("signs so that the library's verifier accepts the delivery, and rejects a changed body", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({
      type: "installation.created",
      timestamp: "2026-12-01T00:00:00Z",
      data: {},
    });
    const headers = signatureHeaders(secret, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", new Date(), body);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace("created", "removed"), headers)).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });
});
