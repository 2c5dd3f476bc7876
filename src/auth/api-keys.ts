/**
 * API keys: random secrets shown once, stored as SHA-256 hashes (generated secrets are 256-bit random and
 * configured ones at least 32 characters, so a fast hash is enough), looked up per request through a
 * short-lived cache. Other processes learn of revocations through `KeyChangeListener`; the cache's TTL is
 * the fallback when that connection is down.
 */
import { createHash, randomBytes } from "node:crypto";
import { IsNull, Not, type DataSource, type Repository } from "typeorm";
import { ApiKey } from "../model/api-key.entity";
import { ApiKeyOrigin, Role } from "../model/enums";
import type { Caller } from "./caller";

const SECRET_PREFIX = "aik_";
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashSecret = (secret: string): string =>
  createHash("sha256").update(secret, "utf8").digest("hex");

/** The public id of a key: 12 random hex characters, shown in listings and in generated secrets. */
export const newKeyPrefix = (): string => randomBytes(6).toString("hex");

/** `aik_<public id>_<256 random bits>`: the id lets a holder match a secret to its listing. */
export function generateSecret(prefix: string): string {
  return `${SECRET_PREFIX}${prefix}_${randomBytes(32).toString("base64url")}`;
}

export interface CreatedApiKey {
  key: ApiKey;
  /** Shown once; never stored. */
  secret: string;
}

export interface NewApiKey {
  name: string;
  role: Role;
  tenantId: string | null;
  expiresAt?: Date | null;
}

interface CacheEntry {
  caller: Caller | null;
  /** When this answer must be asked of the database again (TTL, or the key's own expiry). */
  expires: number;
  lastUsedAt: number;
}

/**
 * A failed write must not carry the key's hash into logs: TypeORM errors hold the statement's parameters
 * and PostgreSQL's detail names the conflicting value. Only the SQLSTATE survives.
 */
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
    const failure = error as { driverError?: { code?: unknown }; code?: unknown };
    const code = failure.driverError?.code ?? failure.code;
    throw new ApiKeyStoreError(typeof code === "string" ? code : undefined);
  }
}

export class ApiKeyService {
  private readonly keys: Repository<ApiKey>;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly dataSource: DataSource,
    /** The clock keys expire by (injected in tests). */
    readonly now: () => number = Date.now,
  ) {
    this.keys = dataSource.getRepository(ApiKey);
  }

  /** A new key with a generated secret (or, for configured keys, the given one). */
  async create(
    input: NewApiKey,
    configured?: { secret: string; origin: ApiKeyOrigin },
  ): Promise<CreatedApiKey> {
    const prefix = newKeyPrefix();
    const secret = configured?.secret ?? generateSecret(prefix);
    const key = await storing(() =>
      this.keys.save(
        this.keys.create({
          ...input,
          expiresAt: input.expiresAt ?? null,
          prefix,
          secretHash: hashSecret(secret),
          origin: configured?.origin ?? ApiKeyOrigin.API,
        }),
      ),
    );
    return { key, secret };
  }

  /**
   * Ensures a working platform-admin key whose secret is exactly `secret` (ADMIN_API_KEY, or the demo's
   * generated key), and revokes every other key of the same origin: changing the variable and restarting
   * retires the previous value. Returns the key and the ids it revoked.
   */
  async ensureConfiguredKey(
    secret: string,
    origin: ApiKeyOrigin.ADMIN_API_KEY | ApiKeyOrigin.DEMO,
    /** The public id a generated secret carries; a new random one for configured secrets. */
    prefix = newKeyPrefix(),
  ): Promise<{ key: ApiKey; revoked: string[] }> {
    const secretHash = hashSecret(secret);
    return storing(() =>
      this.dataSource.transaction(async (manager) => {
        const keys = manager.getRepository(ApiKey);
        // ON CONFLICT: processes starting together with the same value must not fail on the unique hash.
        await keys
          .createQueryBuilder()
          .insert()
          .values({
            name: origin,
            role: Role.PLATFORM_ADMIN,
            tenantId: null,
            prefix,
            secretHash,
            origin,
          })
          .orIgnore()
          .execute();
        const key = await keys.findOneByOrFail({ secretHash });
        const working = !key.revokedAt && !key.expiresAt && key.role === Role.PLATFORM_ADMIN && !key.tenantId;
        if (!working || key.origin !== origin) {
          await keys.update(
            { id: key.id },
            { role: Role.PLATFORM_ADMIN, tenantId: null, revokedAt: null, expiresAt: null, origin },
          );
        }
        const previous = await keys.findBy({ origin, revokedAt: IsNull(), id: Not(key.id) });
        if (previous.length) {
          await keys.update(
            previous.map((k) => k.id),
            { revokedAt: new Date(this.now()) },
          );
        }
        this.cache.clear();
        return { key: await keys.findOneByOrFail({ id: key.id }), revoked: previous.map((k) => k.id) };
      }),
    );
  }

  /** The caller behind a secret, or null when it is unknown, revoked or expired. */
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
    const expiresAt = key?.expiresAt?.getTime() ?? Infinity;
    const caller = key && expiresAt > now ? { keyId: key.id, role: key.role, tenantId: key.tenantId } : null;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, {
      caller,
      expires: Math.min(now + CACHE_TTL_MS, caller ? expiresAt : Infinity),
      lastUsedAt: caller ? now : 0,
    });
    if (caller) this.touch(caller.keyId, hash, now);
    return caller;
  }

  /** Drops what the cache knows about a key (it was revoked or changed, here or in another process). */
  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) {
      if (entry.caller?.keyId === keyId) this.cache.delete(hash);
    }
  }

  /** Drops the whole cache (changes may have been missed while the listener was disconnected). */
  forgetAll(): void {
    this.cache.clear();
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
    this.forget(id);
    return this.keys.findOneByOrFail({ id });
  }

  private touch(keyId: string, hash: string, now: number): void {
    const cached = this.cache.get(hash);
    if (cached) cached.lastUsedAt = now;
    // Best effort: usage stamps must never fail or slow a request.
    void this.keys.update({ id: keyId }, { lastUsedAt: new Date(now) }).catch(() => undefined);
  }
}
