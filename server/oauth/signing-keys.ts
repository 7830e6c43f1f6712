import { createPrivateKey, type KeyObject, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createLocalJWKSet, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import { seal, unseal } from '../crypto/sealed.js';
import { ADVISORY_LOCKS, lockForTransaction } from '../db/advisory-locks.js';
import type { ChangeFeed } from '../db/change-feed.js';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../kernel/clock.js';
import { tenantIssuer } from '../tenants/issuer.js';
import { Tenant, type TokenSigningAlgorithm } from '../tenants/tenant.entity.js';
import { SigningKey } from './oauth.entities.js';

/** Longest access-token lifetime (docs/limits.md#access-token-lifetime): a retired key stays published this long (plus the margin) after it stops signing. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;

export interface SigningKeyTimings {
  /** Cache-Control max-age of the JWKS: how long a resource server may hold a copy without the newest key. */
  jwksMaxAgeSeconds: number;
  /** Added before a new key signs, and after the longest token lifetime before a retired key leaves the JWKS. */
  marginSeconds: number;
}

interface LoadedKey {
  kid: string;
  alg: TokenSigningAlgorithm;
  privateKey: KeyObject;
  /** The base64url JOSE header every token of this key carries. */
  header: string;
  activatesAt: number;
  /** When the next key took over; null while no later key has been made. */
  retiredAt: number | null;
}

/** One tenant's keys as the token endpoint and the verifiers use them, built once per reload. */
export interface TenantKeys {
  tenantId: string;
  tenantSlug: string;
  issuer: string;
  /** Every published key with its private half, newest activation first. */
  keys: LoadedKey[];
  jwks: { keys: JWK[] };
  verifier: ReturnType<typeof createLocalJWKSet>;
  algorithms: TokenSigningAlgorithm[];
  /** The key that signs now, and until when (ms) that answer holds before `current` must look again. */
  current: LoadedKey;
  currentUntil: number;
}

/** The change feed topic of key rotations (no key: `signing-keys` on the wire). */
const SIGNING_KEY_CHANGES = 'signing-keys';

/**
 * Each tenant's token-signing keys (docs/token-service.md#signing-keys-and-rotation): a tenant's JWKS holds only its own keys, and its tokens name its own
 * issuer. A tenant's first key is made on first need. `rotate()` publishes the next key at once and lets it sign only
 * once every JWKS cached before the rotation has expired (max-age plus a margin), so no resource server meets an
 * unknown kid; `now` skips the wait in an emergency. Other processes pick up a rotation through `reload()` (when the
 * change feed announces it, and every minute).
 */
export class SigningKeyService {
  private byTenant = new Map<string, TenantKeys>();
  private byKid = new Map<string, TenantKeys>();
  private loading: Promise<void> | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly feed: ChangeFeed,
    private readonly sealingKey: Buffer,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    readonly timings: SigningKeyTimings,
  ) {
    feed.subscribe(SIGNING_KEY_CHANGES, () => void this.reload().catch(() => undefined));
  }

  /** Gives every tenant without a key its first one, and loads them all (at start). */
  async ensure(): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      await lockForTransaction(em, ADVISORY_LOCKS.signingKeys);
      const tenants = await em.find(Tenant, {});
      const keyed = new Set(
        (
          await em
            .getConnection()
            .execute<{ tenant_id: string }[]>('select distinct tenant_id from signing_key', [], 'all', em.getTransactionContext())
        ).map((row) => row.tenant_id),
      );
      for (const tenant of tenants)
        if (!keyed.has(tenant.id)) await this.createKey(em, tenant, tenant.tokenSigningAlgorithm, this.clock.now());
    });
    await this.reload();
  }

  /** The tenant's keys; a tenant made since the last reload (by another process or the CLI) gets its first key now. */
  async forTenant(tenantId: string): Promise<TenantKeys> {
    const loaded = this.byTenant.get(tenantId);
    if (loaded) return loaded;
    await this.orm.em.fork().transactional(async (em) => {
      await lockForTransaction(em, ADVISORY_LOCKS.signingKeys);
      const tenant = await em.findOneOrFail(Tenant, tenantId);
      if ((await em.count(SigningKey, { tenant })) === 0) await this.createKey(em, tenant, tenant.tokenSigningAlgorithm, this.clock.now());
    });
    await this.reload();
    const keys = this.byTenant.get(tenantId);
    if (!keys) throw new Error(`No signing key for tenant ${tenantId} after creating one.`);
    return keys;
  }

  /** The tenant's keys when loaded (the hot path: no await). */
  peek(tenantId: string): TenantKeys | undefined {
    return this.byTenant.get(tenantId);
  }

  /** The keys a token's `kid` belongs to, or null for a kid no tenant publishes. */
  byKeyId(kid: string): TenantKeys | null {
    return this.byKid.get(kid) ?? null;
  }

  /**
   * The key that signs the tenant's tokens now: the most recently activated one. Synchronous while loaded (the token
   * endpoint's hot path); a key that activates later is picked up at its activation time without a reload.
   */
  current(keys: TenantKeys): LoadedKey {
    const now = this.clock.now().getTime();
    if (now < keys.currentUntil) return keys.current;
    // A key superseded before it ever signed (a rotation, then an emergency `--now` one) never signs.
    const signs = (key: LoadedKey) => key.activatesAt <= now && (key.retiredAt === null || key.retiredAt > now);
    const signing = keys.keys.find(signs) ?? keys.keys.find((key) => key.retiredAt === null) ?? keys.keys[0];
    const next = keys.keys
      .flatMap((key) => [key.activatesAt, key.retiredAt ?? Infinity])
      .filter((at) => at > now)
      .reduce((soonest, at) => Math.min(soonest, at), Infinity);
    keys.current = signing;
    keys.currentUntil = next;
    return signing;
  }

  /**
   * A new key for the tenant, published now. It signs from `activatesAt`: now with `now`, else once every JWKS
   * fetched before this moment has expired. Keys it replaces stay published until their last token has expired.
   */
  async rotate(
    tenantId: string,
    options: { now?: boolean; algorithm?: TokenSigningAlgorithm } = {},
  ): Promise<{ kid: string; alg: TokenSigningAlgorithm; activatesAt: Date; retired: string[] }> {
    const result = await this.orm.em.fork().transactional(async (em) => {
      await lockForTransaction(em, ADVISORY_LOCKS.signingKeys);
      const tenant = await em.findOneOrFail(Tenant, tenantId);
      const now = this.clock.now();
      const wait = options.now ? 0 : (this.timings.jwksMaxAgeSeconds + this.timings.marginSeconds) * 1000;
      const activatesAt = new Date(now.getTime() + wait);
      const replaced = await em.find(SigningKey, { tenant, $or: [{ retiredAt: null }, { retiredAt: { $gt: activatesAt } }] });
      for (const key of replaced) {
        key.retiredAt = activatesAt;
        key.expiresAt = new Date(activatesAt.getTime() + (MAX_TOKEN_LIFETIME_SECONDS + this.timings.marginSeconds) * 1000);
      }
      const alg = options.algorithm ?? tenant.tokenSigningAlgorithm;
      const kid = await this.createKey(em, tenant, alg, activatesAt);
      await this.feed.publish(em, SIGNING_KEY_CHANGES);
      return { kid, alg, activatesAt, retired: replaced.map((k) => k.kid) };
    });
    await this.reload();
    return result;
  }

  /** Loads every tenant's published keys; concurrent calls share one load. */
  reload(): Promise<void> {
    if (!this.loading) this.loading = this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<void> {
    const now = this.clock.now();
    const em = this.orm.em.fork();
    const tenants = new Map((await em.find(Tenant, {})).map((tenant) => [tenant.id, tenant]));
    const rows = await em.find(
      SigningKey,
      { $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
      { orderBy: { activatesAt: 'desc', createdAt: 'desc' } },
    );
    const byTenant = new Map<string, TenantKeys>();
    const byKid = new Map<string, TenantKeys>();
    const grouped = new Map<string, SigningKey[]>();
    for (const row of rows) grouped.set(row.tenant.id, [...(grouped.get(row.tenant.id) ?? []), row]);
    for (const [tenantId, tenantRows] of grouped) {
      const tenant = tenants.get(tenantId);
      if (!tenant) continue;
      const keys = tenantRows.map((row) => this.open(row));
      const jwks = { keys: tenantRows.map((row) => ({ ...(row.publicJwk as JWK), kid: row.kid, alg: row.alg, use: 'sig' })) };
      const entry: TenantKeys = {
        tenantId,
        tenantSlug: tenant.slug,
        issuer: tenantIssuer(this.publicUrl, tenant),
        keys,
        jwks,
        verifier: createLocalJWKSet(jwks),
        algorithms: [...new Set(keys.map((key) => key.alg))],
        current: keys[0],
        currentUntil: 0,
      };
      this.current(entry);
      byTenant.set(tenantId, entry);
      for (const key of keys) byKid.set(key.kid, entry);
    }
    this.byTenant = byTenant;
    this.byKid = byKid;
  }

  private open(row: SigningKey): LoadedKey {
    const pkcs8 = unseal(this.sealingKey, row.sealedPrivateKey, `signing-key:${row.kid}`).toString('utf8');
    return {
      kid: row.kid,
      alg: row.alg,
      privateKey: createPrivateKey(pkcs8),
      header: Buffer.from(JSON.stringify({ alg: row.alg, typ: 'at+jwt', kid: row.kid })).toString('base64url'),
      activatesAt: row.activatesAt.getTime(),
      retiredAt: row.retiredAt?.getTime() ?? null,
    };
  }

  private async createKey(em: EntityManager, tenant: Tenant, alg: TokenSigningAlgorithm, activatesAt: Date): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(alg === 'EdDSA' ? 'Ed25519' : alg, { extractable: true, modulusLength: 2048 });
    const kid = `kw-${this.clock.now().toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`;
    const pkcs8 = await exportPKCS8(privateKey);
    const publicJwk = await exportJWK(publicKey);
    em.create(SigningKey, {
      kid,
      tenant,
      alg,
      activatesAt,
      createdAt: this.clock.now(),
      publicJwk: { ...publicJwk },
      sealedPrivateKey: seal(this.sealingKey, Buffer.from(pkcs8), `signing-key:${kid}`),
    });
    await em.flush();
    return kid;
  }
}
