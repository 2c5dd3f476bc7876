// JWT-shaped access tokens. Header says RS256 like Entra's; the signature is an HMAC only the
// simulator can check, so forged or edited tokens are rejected.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  azp?: string;
  appidacr: string;
  idtyp: "app";
  oid: string;
  sub: string;
  tid: string;
  roles: string[];
  ver: "1.0" | "2.0";
}

export function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export function decodeJwtPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class TokenSigner {
  private readonly key = randomBytes(32);

  /** Signs app-only access tokens (TokenClaims) and the sign-in's user tokens alike. */
  sign(claims: TokenClaims | Record<string, unknown>): string {
    const header = base64url(JSON.stringify({ typ: "JWT", alg: "RS256", kid: "simulator" }));
    const payload = base64url(JSON.stringify(claims));
    return `${header}.${payload}.${this.mac(`${header}.${payload}`)}`;
  }

  /** Returns the claims when the token is one this simulator issued, else undefined. */
  verify(token: string): TokenClaims | undefined {
    const parts = token.split(".");
    if (parts.length !== 3) return undefined;
    const expected = Buffer.from(this.mac(`${parts[0]}.${parts[1]}`));
    const actual = Buffer.from(parts[2]);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    return decodeJwtPart(parts[1]) as TokenClaims | undefined;
  }

  private mac(input: string): string {
    return createHmac("sha256", this.key).update(input).digest("base64url");
  }
}
