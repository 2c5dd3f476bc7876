/**
 * API keys: random secrets shown once, stored as SHA-256 hashes (generated secrets are 256-bit random and
 * configured ones at least 32 characters, so a fast hash is enough), looked up per request through a
 * short-lived cache. Other processes learn of revocations through the store's `KeyChangeListener`; the
 * cache's TTL is the fallback when that connection is down. Creating and revoking keys is role-checked
 * and audited here.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  canGrant,
  isPlatformAdmin,
  requirePlatformAdmin,
  requireRole,
  roleIn,
  type Caller,
} from "../model/caller";
import { ApiKeyOrigin, Role } from "../model/enums";
import { ErrorCode, FieldError } from "../model/errors";
import type { ApiKeyRow, Store } from "../store";
import type { TenantService } from "./tenants";

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
  key: ApiKeyRow;
  /** Shown once; never stored. */
  secret: string;
}

export interface NewApiKey {
  /** The tenant the key acts on: undefined when none is named, null when the named one does not exist. */
  tenantId?: string | null;
  name: string;
  role: Role;
  expiresAt?: Date | null;
}

/** A key as its global ID names it: its tenant (null for platform keys) and its id. */
export interface ApiKeyRef {
  tenantId: string | null;
  id: string;
}

interface CacheEntry {
  caller: Caller | null;
  /** When this answer must be asked of the database again (TTL, or the key's own expiry). */
  expires: number;
  lastUsedAt: number;
}

export class ApiKeyService {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly store: Store,
    private readonly tenants: TenantService,
    /** The clock keys expire by (injected in tests). */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A new key with a generated secret (ADMIN of its tenant; PLATFORM_ADMIN for platform keys), never
   * granting more than the caller's own role; audited.
   */
  async create(caller: Caller, input: NewApiKey): Promise<CreatedApiKey> {
    let tenantId: string | null = null;
    if (input.role === Role.PLATFORM_ADMIN) {
      requirePlatformAdmin(caller);
      if (input.tenantId !== undefined)
        throw new FieldError(ErrorCode.BAD_USER_INPUT, "PLATFORM_ADMIN keys belong to no tenant", "tenantId");
    } else {
      if (input.tenantId === undefined)
        throw new FieldError(ErrorCode.BAD_USER_INPUT, "tenantId is required", "tenantId");
      tenantId = await this.tenants.requireExisting(caller, input.tenantId);
      requireRole(caller, tenantId, Role.ADMIN);
    }
    if (!canGrant(caller, input.role))
      throw new FieldError(ErrorCode.FORBIDDEN, "A key cannot grant more than its own role", "role");
    if (input.expiresAt && input.expiresAt.getTime() <= this.now())
      throw new FieldError(ErrorCode.BAD_USER_INPUT, "expiresAt must be in the future", "expiresAt");
    const prefix = newKeyPrefix();
    const secret = generateSecret(prefix);
    const key = await this.store.apiKeys.create({
      name: input.name.trim(),
      role: input.role,
      tenantId,
      expiresAt: input.expiresAt ?? null,
      prefix,
      secretHash: hashSecret(secret),
      origin: ApiKeyOrigin.API,
    });
    await this.store.audit.write({
      tenantId,
      actorKeyId: caller.keyId,
      action: "apiKey.create",
      details: { apiKeyId: key.id, role: key.role, name: key.name, expiresAt: key.expiresAt },
      requestId: caller.requestId,
    });
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
  ): Promise<{ key: ApiKeyRow; revoked: string[] }> {
    const ensured = await this.store.apiKeys.ensurePlatformKey(
      hashSecret(secret),
      origin,
      prefix,
      new Date(this.now()),
    );
    this.cache.clear();
    return ensured;
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
    const key = await this.store.apiKeys.unrevokedByHash(hash);
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

  /** The key making the request. */
  async own(caller: Caller): Promise<ApiKeyRow> {
    const key = await this.store.apiKeys.byId(caller.keyId);
    if (!key) throw new Error("authenticated key vanished");
    return key;
  }

  /** A key where it can be managed (ADMIN of its tenant, or a platform admin); else null. */
  async find(caller: Caller, ref: ApiKeyRef): Promise<ApiKeyRow | null> {
    const role = ref.tenantId ? roleIn(caller, ref.tenantId) : isPlatformAdmin(caller) ? caller.role : null;
    if (role !== Role.ADMIN && role !== Role.PLATFORM_ADMIN) return null;
    const key = await this.store.apiKeys.byId(ref.id);
    return key && key.tenantId === ref.tenantId ? key : null;
  }

  /** A tenant's keys, revoked ones included (ADMIN). */
  listForTenant(caller: Caller, tenantId: string): Promise<ApiKeyRow[]> {
    requireRole(caller, tenantId, Role.ADMIN);
    return this.store.apiKeys.listForTenant(tenantId);
  }

  /** Revokes a key (ADMIN of its tenant, or PLATFORM_ADMIN); audited. `ref` null: no such key. */
  async revoke(caller: Caller, ref: ApiKeyRef | null): Promise<ApiKeyRow> {
    const key = ref ? await this.store.apiKeys.byId(ref.id) : null;
    const visible =
      key && key.tenantId === ref!.tenantId && (isPlatformAdmin(caller) || key.tenantId === caller.tenantId);
    if (!key || !visible) throw new FieldError(ErrorCode.NOT_FOUND, "API key not found", "id");
    if (key.tenantId) requireRole(caller, key.tenantId, Role.ADMIN);
    else requirePlatformAdmin(caller);
    const revoked = await this.store.apiKeys.revoke(key.id, new Date(this.now()));
    this.forget(key.id);
    await this.store.audit.write({
      tenantId: key.tenantId,
      actorKeyId: caller.keyId,
      action: "apiKey.revoke",
      details: { apiKeyId: key.id },
      requestId: caller.requestId,
    });
    return revoked;
  }

  private touch(keyId: string, hash: string, now: number): void {
    const cached = this.cache.get(hash);
    if (cached) cached.lastUsedAt = now;
    // Best effort: usage stamps must never fail or slow a request.
    void this.store.apiKeys.touch(keyId, new Date(now)).catch(() => undefined);
  }
}
