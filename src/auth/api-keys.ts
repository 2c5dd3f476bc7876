/**
 * API keys: random secrets shown once, stored as SHA-256 hashes (the secrets are 256-bit random, so a
 * fast hash is enough), looked up per request through a short-lived cache.
 */
import { createHash, randomBytes } from "node:crypto";
import { IsNull, type DataSource, type Repository } from "typeorm";
import { ApiKey } from "../model/api-key.entity";
import { Role } from "../model/enums";
import type { Caller } from "./caller";

const SECRET_PREFIX = "aik_";
const CACHE_TTL_MS = 30_000;
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashSecret = (secret: string): string =>
  createHash("sha256").update(secret, "utf8").digest("hex");

export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64url");
}

export interface CreatedApiKey {
  key: ApiKey;
  /** Shown once; never stored. */
  secret: string;
}

export class ApiKeyService {
  private readonly keys: Repository<ApiKey>;
  private readonly cache = new Map<string, { caller: Caller | null; expires: number; lastUsedAt: number }>();

  constructor(
    dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = dataSource.getRepository(ApiKey);
  }

  async create(
    input: { name: string; role: Role; tenantId: string | null },
    secret = generateSecret(),
  ): Promise<CreatedApiKey> {
    const key = await this.keys.save(
      this.keys.create({ ...input, prefix: secret.slice(0, 12), secretHash: hashSecret(secret) }),
    );
    return { key, secret };
  }

  /** Ensures a platform-admin key whose secret is exactly `secret` (ADMIN_API_KEY). */
  async ensurePlatformKey(secret: string): Promise<ApiKey> {
    const existing = await this.keys.findOneBy({ secretHash: hashSecret(secret) });
    if (existing && !existing.revokedAt && existing.role === Role.PLATFORM_ADMIN) return existing;
    if (existing) {
      await this.keys.update(
        { id: existing.id },
        { role: Role.PLATFORM_ADMIN, tenantId: null, revokedAt: null },
      );
      this.cache.clear();
      return (await this.keys.findOneByOrFail({ id: existing.id }))!;
    }
    return (await this.create({ name: "ADMIN_API_KEY", role: Role.PLATFORM_ADMIN, tenantId: null }, secret))
      .key;
  }

  /** The caller behind a secret, or null when it is unknown or revoked. */
  async authenticate(secret: string): Promise<Caller | null> {
    const hash = hashSecret(secret);
    const now = this.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expires > now) {
      if (cached.caller && now - cached.lastUsedAt > LAST_USED_RESOLUTION_MS)
        this.touch(cached.caller.keyId, hash, now);
      return cached.caller;
    }
    const key = await this.keys.findOneBy({ secretHash: hash, revokedAt: IsNull() });
    const caller = key ? { keyId: key.id, role: key.role, tenantId: key.tenantId } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { caller, expires: now + CACHE_TTL_MS, lastUsedAt: caller ? now : 0 });
    if (caller) this.touch(caller.keyId, hash, now);
    return caller;
  }

  async findById(id: string): Promise<ApiKey | null> {
    return this.keys.findOneBy({ id });
  }

  listForTenant(tenantId: string | null): Promise<ApiKey[]> {
    return this.keys.find({
      where: { tenantId: tenantId ?? IsNull() },
      order: { createdAt: "ASC", id: "ASC" },
    });
  }

  async revoke(id: string): Promise<ApiKey> {
    await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: new Date(this.now()) });
    this.cache.clear();
    return this.keys.findOneByOrFail({ id });
  }

  private touch(keyId: string, hash: string, now: number): void {
    const cached = this.cache.get(hash);
    if (cached) cached.lastUsedAt = now;
    // Best effort: usage stamps must never fail or slow a request.
    void this.keys.update({ id: keyId }, { lastUsedAt: new Date(now) }).catch(() => undefined);
  }
}
