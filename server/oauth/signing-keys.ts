import { createPrivateKey, type KeyObject, randomBytes } from 'node:crypto';
import { createLocalJWKSet, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import type { Clock } from '../clock.js';
import { seal, unseal } from '../crypto/sealed.js';
import { ADVISORY_LOCKS, lockForTransaction } from '../db/advisory-locks.js';
import type { Orm } from '../db/orm.js';
import { SigningKey } from './oauth.entities.js';

/** Longest access-token lifetime (SPEC §3): a retired key stays published this long after rotation. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;
const ALG = 'ES256';

interface LoadedKey {
  kid: string;
  privateKey: KeyObject;
  /** The base64url JOSE header every token of this key carries. */
  header: string;
}

/**
 * ES256 keys that sign access tokens. Created on first start; `rotate()` makes a new current key and keeps
 * the previous one in the JWKS until every token it signed has expired. Other processes pick up a rotation
 * through `reload()` (on a NOTIFY, and every minute).
 */
export class SigningKeyService {
  private current: LoadedKey | null = null;
  private published: JWK[] = [];
  private verifier: ReturnType<typeof createLocalJWKSet> | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly sealingKey: Buffer,
    private readonly clock: Clock,
  ) {}

  async ensure(): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      await lockForTransaction(em, ADVISORY_LOCKS.signingKeys);
      if ((await em.count(SigningKey, { retiredAt: null })) === 0) await this.createKey(em);
    });
    await this.reload();
  }

  /** A new current key; the old one is retired but published until its tokens have expired. Returns the new kid. */
  async rotate(): Promise<{ kid: string; retired: string[] }> {
    const result = await this.orm.em.fork().transactional(async (em) => {
      await lockForTransaction(em, ADVISORY_LOCKS.signingKeys);
      const now = this.clock.now();
      const previous = await em.find(SigningKey, { retiredAt: null });
      for (const key of previous) {
        key.retiredAt = now;
        key.expiresAt = new Date(now.getTime() + (MAX_TOKEN_LIFETIME_SECONDS + 300) * 1000);
      }
      const kid = await this.createKey(em);
      await em.getConnection().execute("select pg_notify('keyward_cache', 'signing-keys')", [], 'all', em.getTransactionContext());
      return { kid, retired: previous.map((k) => k.kid) };
    });
    await this.reload();
    return result;
  }

  async reload(): Promise<void> {
    const now = this.clock.now();
    const keys = await this.orm.em
      .fork()
      .find(SigningKey, { $or: [{ retiredAt: null }, { expiresAt: { $gt: now } }] }, { orderBy: { createdAt: 'desc' } });
    const current = keys.find((k) => !k.retiredAt);
    if (!current) throw new Error('No current token-signing key: start Keyward once to create it.');
    const pkcs8 = unseal(this.sealingKey, current.sealedPrivateKey, `signing-key:${current.kid}`).toString('utf8');
    this.current = {
      kid: current.kid,
      privateKey: createPrivateKey(pkcs8),
      header: Buffer.from(JSON.stringify({ alg: ALG, typ: 'at+jwt', kid: current.kid })).toString('base64url'),
    };
    this.published = keys.map((k) => ({ ...(k.publicJwk as JWK), kid: k.kid, alg: ALG, use: 'sig' }));
    this.verifier = createLocalJWKSet({ keys: this.published });
  }

  signingKey(): LoadedKey {
    if (!this.current) throw new Error('Signing keys are not loaded: call ensure() at start-up.');
    return this.current;
  }

  /** The published keys as a jose key set, built once per reload (not per verified token). */
  verificationKeys(): ReturnType<typeof createLocalJWKSet> {
    if (!this.verifier) throw new Error('Signing keys are not loaded: call ensure() at start-up.');
    return this.verifier;
  }

  /** The JWKS: the current key and every retired key whose tokens may still be valid. */
  jwks(): { keys: JWK[] } {
    return { keys: this.published };
  }

  private async createKey(em: ReturnType<Orm['em']['fork']>): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = `kw-${this.clock.now().toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`;
    const pkcs8 = await exportPKCS8(privateKey);
    const publicJwk = await exportJWK(publicKey);
    em.create(SigningKey, {
      kid,
      publicJwk: { ...publicJwk },
      sealedPrivateKey: seal(this.sealingKey, Buffer.from(pkcs8), `signing-key:${kid}`),
    });
    await em.flush();
    return kid;
  }
}
