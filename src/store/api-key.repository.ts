/**
 * API keys as stored: a SHA-256 hash of the secret, never the secret, and the hash is never read back.
 * A failed write must not carry the hash into logs (PostgreSQL's error detail names the conflicting
 * value): it surfaces as ApiKeyStoreError with the SQLSTATE alone.
 */
import type { ApiKey } from "../model/api-key.entity";
import { ApiKeyOrigin, Role } from "../model/enums";
import type { Sql } from "./sql";

export type ApiKeyRow = Omit<ApiKey, "secretHash">;

/** A key to store: its public id, the hash of its secret, and where the secret came from. */
export interface ApiKeyWrite {
  name: string;
  role: Role;
  tenantId: string | null;
  expiresAt: Date | null;
  prefix: string;
  secretHash: string;
  origin: ApiKeyOrigin;
}

const SELECT = `k.id, k.tenant_id AS "tenantId", k.name, k.role, k.prefix, k.origin, k.created_at AS "createdAt",
  k.last_used_at AS "lastUsedAt", k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt"`;

export class ApiKeyStoreError extends Error {
  constructor(readonly sqlState: string | undefined) {
    super(`The API key could not be stored${sqlState ? ` (PostgreSQL error ${sqlState})` : ""}`);
    this.name = "ApiKeyStoreError";
  }
}

async function storing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ApiKeyStoreError(typeof code === "string" ? code : undefined);
  }
}

export class ApiKeyRepository {
  constructor(private readonly db: Sql) {}

  async create(key: ApiKeyWrite): Promise<ApiKeyRow> {
    const [row] = await storing(() =>
      this.db.rows<ApiKeyRow>(
        `INSERT INTO api_key AS k (name, role, tenant_id, expires_at, prefix, secret_hash, origin)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SELECT}`,
        [key.name, key.role, key.tenantId, key.expiresAt, key.prefix, key.secretHash, key.origin],
      ),
    );
    return row;
  }

  /**
   * Ensures a working platform-admin key with this secret hash, of this origin, and revokes every other
   * unrevoked key of the origin; returns the key and the ids it revoked. Processes starting together
   * with the same value must not fail on the unique hash: the insert does nothing if the key exists.
   */
  ensurePlatformKey(
    secretHash: string,
    origin: ApiKeyOrigin,
    prefix: string,
    now: Date,
  ): Promise<{ key: ApiKeyRow; revoked: string[] }> {
    return storing(() =>
      this.db.transaction(async (tx) => {
        await tx.execute(
          `INSERT INTO api_key (name, role, tenant_id, prefix, secret_hash, origin)
           VALUES ($1, $2, NULL, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [origin, Role.PLATFORM_ADMIN, prefix, secretHash, origin],
        );
        const [key] = await tx.rows<ApiKeyRow>(`SELECT ${SELECT} FROM api_key k WHERE k.secret_hash = $1`, [
          secretHash,
        ]);
        const working = !key.revokedAt && !key.expiresAt && key.role === Role.PLATFORM_ADMIN && !key.tenantId;
        if (!working || key.origin !== origin) {
          await tx.execute(
            `UPDATE api_key SET role = $2, tenant_id = NULL, revoked_at = NULL, expires_at = NULL, origin = $3
             WHERE id = $1`,
            [key.id, Role.PLATFORM_ADMIN, origin],
          );
        }
        const revoked = await tx.rows<{ id: string }>(
          `UPDATE api_key SET revoked_at = $3 WHERE origin = $1 AND revoked_at IS NULL AND id <> $2 RETURNING id`,
          [origin, key.id, now],
        );
        const [ensured] = await tx.rows<ApiKeyRow>(`SELECT ${SELECT} FROM api_key k WHERE k.id = $1`, [
          key.id,
        ]);
        return { key: ensured, revoked: revoked.map((r) => r.id) };
      }),
    );
  }

  /** The unrevoked key with this secret hash, if any (expiry is the caller's to judge). */
  async unrevokedByHash(secretHash: string): Promise<ApiKeyRow | null> {
    const [row] = await this.db.rows<ApiKeyRow>(
      `SELECT ${SELECT} FROM api_key k WHERE k.secret_hash = $1 AND k.revoked_at IS NULL`,
      [secretHash],
    );
    return row ?? null;
  }

  async byId(id: string): Promise<ApiKeyRow | null> {
    const [row] = await this.db.rows<ApiKeyRow>(`SELECT ${SELECT} FROM api_key k WHERE k.id = $1`, [id]);
    return row ?? null;
  }

  /** A tenant's keys (null: the platform keys), revoked ones included, oldest first. */
  listForTenant(tenantId: string | null): Promise<ApiKeyRow[]> {
    const order = "ORDER BY k.created_at, k.id";
    return tenantId === null
      ? this.db.rows(`SELECT ${SELECT} FROM api_key k WHERE k.tenant_id IS NULL ${order}`)
      : this.db.rows(`SELECT ${SELECT} FROM api_key k WHERE k.tenant_id = $1 ${order}`, [tenantId]);
  }

  /** Revokes the key (if it is not already) and returns it. */
  async revoke(id: string, at: Date): Promise<ApiKeyRow> {
    await this.db.execute(`UPDATE api_key SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      id,
      at,
    ]);
    return (await this.byId(id))!;
  }

  /** Stamps the key's last use. */
  async touch(id: string, at: Date): Promise<void> {
    await this.db.execute(`UPDATE api_key SET last_used_at = $2 WHERE id = $1`, [id, at]);
  }
}
