import { createLocalJWKSet, type JSONWebKeySet, type JWK } from 'jose';
import { BadUserInputError } from '../../kernel/errors.js';
import { fetchJson, type OutboundPolicy, OutboundRefused, outboundUrl } from '../../outbound/outbound.js';

/**
 * Public key sets Keyward fetches from other hosts — a PRIVATE_KEY_JWT client's jwksUri, a FEDERATED issuer's jwks_uri —
 * shared by both kinds: one cache per process, keyed by URL.
 */

/** A usable public JWK of a JWKS: an accepted key type without private parts. */
function usableJwk(jwk: JWK): boolean {
  if (jwk.d !== undefined) return false;
  return jwk.kty === 'RSA' || (jwk.kty === 'EC' && jwk.crv === 'P-256') || (jwk.kty === 'OKP' && jwk.crv === 'Ed25519');
}

/** How long a fetched JWKS is used before it is fetched again, and how soon an unknown `kid` may fetch it again. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
const JWKS_COOLDOWN_MS = 5_000;

interface KeySetEntry {
  keys: ReturnType<typeof createLocalJWKSet> | null;
  kids: Set<string>;
  fetchedAt: number;
  pending: Promise<void> | null;
}

/**
 * The clients' jwksUri key sets, fetched through the outbound guard and cached per URL: used for ten minutes, fetched
 * again at once when an assertion names a kid the cached set lacks (a rotated key), but not more than once per five
 * seconds, so unknown kids do not turn Keyward into a client's load generator. A small cache of our own rather than
 * jose's createRemoteJWKSet, which fetches with the global fetch (no address check per connection).
 */
export class RemoteKeySets {
  private readonly entries = new Map<string, KeySetEntry>();

  constructor(readonly policy: OutboundPolicy) {}

  /** Fetches and checks a jwksUri as a new credential gives it; the refusal names the field. */
  async checkNew(jwksUri: string): Promise<string> {
    try {
      const url = outboundUrl(jwksUri, this.policy, 'The jwksUri').toString();
      const set = await this.fetchSet(url);
      this.entries.set(url, { ...set, fetchedAt: Date.now(), pending: null });
      return url;
    } catch (error) {
      if (error instanceof OutboundRefused) throw new BadUserInputError('jwksUri', error.message);
      throw error;
    }
  }

  /** The key set of `jwksUri`, fetched again when it is old, or when it lacks `kid` and the cooldown has passed. */
  async keysFor(jwksUri: string, kid: string | undefined): Promise<ReturnType<typeof createLocalJWKSet>> {
    let entry = this.entries.get(jwksUri);
    const now = Date.now();
    const age = entry ? now - entry.fetchedAt : Number.POSITIVE_INFINITY;
    // A set that could not be fetched is tried again after the cooldown too: a client whose jwksUri is down costs one fetch per cooldown.
    const due = !entry?.keys
      ? age > JWKS_COOLDOWN_MS
      : age > JWKS_MAX_AGE_MS || (kid !== undefined && !entry.kids.has(kid) && age > JWKS_COOLDOWN_MS);
    if (due || entry?.pending) {
      if (!entry) {
        entry = { keys: null, kids: new Set(), fetchedAt: 0, pending: null };
        this.entries.set(jwksUri, entry);
      }
      const current = entry;
      current.pending ??= this.fetchSet(jwksUri)
        .then(
          (set) => {
            Object.assign(current, set, { fetchedAt: Date.now() });
          },
          (error) => {
            // A failed fetch keeps what was there before (if anything), and waits out the cooldown before the next.
            current.fetchedAt = Date.now();
            if (!current.keys) throw error;
          },
        )
        .finally(() => {
          current.pending = null;
        });
      await current.pending;
    }
    if (!entry?.keys) throw new OutboundRefused("The client's jwksUri could not be fetched; Keyward tries again in a few seconds.");
    return entry.keys;
  }

  private async fetchSet(url: string): Promise<Pick<KeySetEntry, 'keys' | 'kids'>> {
    const body = (await fetchJson(url, this.policy, 'The jwksUri')) as Partial<JSONWebKeySet> | null;
    if (!body || !Array.isArray(body.keys)) throw new OutboundRefused('The jwksUri did not answer with a JWK set ({"keys": [...]}).');
    const keys = body.keys.filter((jwk) => jwk && typeof jwk === 'object' && usableJwk(jwk));
    if (keys.length === 0)
      throw new OutboundRefused('The JWK set at the jwksUri holds no usable public key (RSA, EC P-256 or Ed25519, without private parts).');
    return { keys: createLocalJWKSet({ keys }), kids: new Set(keys.flatMap((jwk) => (jwk.kid ? [jwk.kid] : []))) };
  }
}
