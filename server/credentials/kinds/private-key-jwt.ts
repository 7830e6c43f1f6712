import { constants, createPublicKey, type KeyObject, verify as verifySignature } from 'node:crypto';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWK,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import type { Orm } from '../../db/orm.js';
import { pooledQuery } from '../../db/pooled-query.js';
import type { Clock } from '../../kernel/clock.js';
import { BadUserInputError } from '../../kernel/errors.js';
import { OutboundRefused } from '../../outbound/outbound.js';
import { type IssuerTenant, tenantIssuer } from '../../tenants/issuer.js';
import { type Credential, CredentialType } from '../credential.entity.js';
import type { AssertionKeys, CachedCredential, CredentialKind, UploadedPublicKey } from './kind.js';
import type { RemoteKeySets } from './remote-key-sets.js';

/**
 * PRIVATE_KEY_JWT (RFC 7523 client assertions, docs/concepts.md#credentials): the client signs a short-lived JWT with its own private
 * key; Keyward holds only the public key, uploaded (JWK or PEM) or fetched from the client's jwksUri.
 */

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** EdDSA and its fully-specified name Ed25519 (RFC 9864), which oauth4webapi and openid-client send for Ed25519 keys. */
export const ASSERTION_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519'] as const;
/** An assertion's `exp` may be at most this far ahead: its `jti` is kept until then. */
export const ASSERTION_MAX_LIFETIME_SECONDS = 600;
/** How far the client's clock may be off when `exp` and `nbf` are checked. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** The validated form of `Credential.details` for this kind: exactly one of an uploaded public key or a jwksUri. */
export type PrivateKeyJwtDetails = { source: 'key'; jwk: JWK; keyId: string; thumbprint: string } | { source: 'jwksUri'; jwksUri: string };

export function privateKeyJwtDetails(credential: Pick<Credential, 'type' | 'details'>): PrivateKeyJwtDetails | null {
  if (credential.type !== CredentialType.PRIVATE_KEY_JWT || !credential.details) return null;
  const details = credential.details as Partial<Record<string, unknown>>;
  if (details.source === 'jwksUri' && typeof details.jwksUri === 'string') return { source: 'jwksUri', jwksUri: details.jwksUri };
  if (details.source === 'key' && details.jwk && typeof details.keyId === 'string' && typeof details.thumbprint === 'string')
    return { source: 'key', jwk: details.jwk as JWK, keyId: details.keyId, thumbprint: details.thumbprint };
  return null;
}

/** What kind of public key this is, in people's words, or why it cannot sign the accepted algorithms. */
function checkKeyType(key: KeyObject, field: string): void {
  if (key.type !== 'public')
    throw new BadUserInputError(field, 'This is a private key: paste the public key only, and keep the private key to yourself.');
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      if ((details?.modulusLength ?? 0) < 2048)
        throw new BadUserInputError(
          field,
          `The RSA key has ${details?.modulusLength} bits; Keyward accepts RSA keys of 2048 bits or more.`,
        );
      return;
    case 'ec':
      if (details?.namedCurve !== 'prime256v1')
        throw new BadUserInputError(field, `The EC key is on curve ${details?.namedCurve}; Keyward accepts EC keys on P-256 (ES256).`);
      return;
    case 'ed25519':
      return;
    default:
      throw new BadUserInputError(
        field,
        `A ${key.asymmetricKeyType} key cannot sign RS256, PS256, ES256 or EdDSA; use an RSA (2048 bits or more), EC P-256 or Ed25519 key.`,
      );
  }
}

/**
 * An uploaded public key as stored: a JWK (JSON, or a JWKS of exactly one key) or a PEM public key. Its `kid` is the one
 * given, or else its RFC 7638 thumbprint, which the client's assertions must then name (or leave out).
 */
export async function parsePublicKey(raw: string): Promise<Extract<PrivateKeyJwtDetails, { source: 'key' }>> {
  const field = 'publicKey';
  const text = raw.trim();
  let given: JWK | null = null;
  let key: KeyObject;
  try {
    if (text.startsWith('{')) {
      const parsed = JSON.parse(text) as JWK & { keys?: JWK[] };
      if (Array.isArray(parsed.keys)) {
        if (parsed.keys.length !== 1)
          throw new BadUserInputError(field, `This JWK set holds ${parsed.keys.length} keys; paste one key, or give its jwksUri instead.`);
        given = parsed.keys[0];
      } else given = parsed;
      if (given.d !== undefined || given.k !== undefined)
        throw new BadUserInputError(field, 'This JWK holds private or secret key material: paste the public key only.');
      key = createPublicKey({ key: given as import('node:crypto').JsonWebKey, format: 'jwk' });
    } else if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
      throw new BadUserInputError(field, 'This is a private key: paste the public key only, and keep the private key to yourself.');
    } else if (text.startsWith('-----BEGIN ')) {
      key = createPublicKey(text);
    } else {
      throw new BadUserInputError(field, 'The public key must be a JWK (JSON) or a PEM public key (-----BEGIN PUBLIC KEY-----).');
    }
  } catch (error) {
    if (error instanceof BadUserInputError) throw error;
    throw new BadUserInputError(
      field,
      'The public key could not be read: give a JWK (JSON) or a PEM public key (-----BEGIN PUBLIC KEY-----).',
    );
  }
  checkKeyType(key, field);
  const exported = key.export({ format: 'jwk' }) as JWK;
  const thumbprint = await calculateJwkThumbprint(exported, 'sha256');
  const keyId = typeof given?.kid === 'string' && given.kid.trim() ? given.kid.trim().slice(0, 200) : thumbprint;
  const alg = typeof given?.alg === 'string' && (ASSERTION_ALGORITHMS as readonly string[]).includes(given.alg) ? given.alg : undefined;
  return { source: 'key', jwk: { ...exported, kid: keyId, ...(alg ? { alg } : {}) }, keyId, thumbprint };
}

/** The client ID an assertion names (its `sub`), read without verifying anything; null when it is no JWT. */
export function subjectOfAssertion(assertion: string): string | null {
  try {
    const { sub } = decodeJwt(assertion);
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

/** Why a client assertion was refused, as the caller reads it in error_description. */
export class AssertionRefused extends Error {}

/** The header and claims of a client assertion, read before its signature is checked (to find the key and the rule). */
export function decodeAssertion(assertion: string): { header: ReturnType<typeof decodeProtectedHeader>; claims: JWTPayload } {
  try {
    return { header: decodeProtectedHeader(assertion), claims: decodeJwt(assertion) };
  } catch {
    throw new AssertionRefused('client_assertion is not a signed JWT (three base64url parts: header, claims, signature).');
  }
}

/**
 * Per accepted algorithm: the key jose's key set would match to it (JWK kty and crv, node:crypto key type) and how
 * node:crypto checks its signature (PS256 with a 32-byte salt as JWA says, ES256 as the 64-byte JWS form, EdDSA unhashed).
 */
const AT_ONCE: Record<
  string,
  { kty: string; crv?: string; keyType: string; digest: string | null; padding?: number; saltLength?: number; dsaEncoding?: 'ieee-p1363' }
> = {
  RS256: { kty: 'RSA', keyType: 'rsa', digest: 'sha256' },
  PS256: { kty: 'RSA', keyType: 'rsa', digest: 'sha256', padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
  ES256: { kty: 'EC', crv: 'P-256', keyType: 'ec', digest: 'sha256', dsaEncoding: 'ieee-p1363' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519', keyType: 'ed25519', digest: null },
  Ed25519: { kty: 'OKP', crv: 'Ed25519', keyType: 'ed25519', digest: null },
};

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * An uploaded JWK as a ready node:crypto key, or null when the fast check must leave it to jose: a JWK restricted by
 * `use`, `key_ops` or `ext`, or an RSA key under 2048 bits, which jose refuses (uploads never have either).
 */
export function uploadedPublicKey(jwk: JWK): UploadedPublicKey | null {
  if (jwk.use !== undefined || jwk.key_ops !== undefined || jwk.ext !== undefined || typeof jwk.kid !== 'string') return null;
  try {
    const key = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    if (key.type !== 'public' || (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)) return null;
    return { key, kid: jwk.kid, alg: typeof jwk.alg === 'string' ? jwk.alg : undefined, kty: String(jwk.kty), crv: jwk.crv };
  } catch {
    return null;
  }
}

/**
 * The token endpoint's fast check of an assertion signed with an uploaded key: true only when jose's jwtVerify with
 * the options in ClientAssertions.verify would accept it too; false sends it to jose, whose answer (and refusal message)
 * stands. Why by hand: jose verifies through WebCrypto, an async job on the thread pool per request, which made the
 * private_key_jwt token path a third slower than oidc-provider's (bench/README.md); node:crypto's `verify` with a key
 * imported once is synchronous and about half the CPU. What it checks, as jose does: the compact form (three base64url
 * parts, no `crit`), the algorithm on the allow-list (checked by the caller) and a key of its type (kty, curve, the
 * JWK's own kid and alg when it names them), the signature, then the claims — `aud` the issuer or its token endpoint,
 * `iat` a number when present, `nbf` not ahead and `exp` not past (within the clock tolerance). `iss`, `sub`, `jti` and
 * the most an `exp` may be ahead are checked by the caller before.
 */
export function acceptsAtOnce(
  publicKey: UploadedPublicKey,
  assertion: string,
  header: ReturnType<typeof decodeProtectedHeader>,
  claims: JWTPayload,
  audience: string[],
  nowMs: number,
): boolean {
  const algorithm = AT_ONCE[header.alg as string];
  if (!algorithm || header.crit !== undefined || !COMPACT_JWS.test(assertion)) return false;
  if (publicKey.kty !== algorithm.kty || publicKey.key.asymmetricKeyType !== algorithm.keyType) return false;
  if ((algorithm.crv !== undefined && publicKey.crv !== algorithm.crv) || (publicKey.alg !== undefined && publicKey.alg !== header.alg))
    return false;
  if (header.kid !== undefined && header.kid !== publicKey.kid) return false;
  const signed = assertion.lastIndexOf('.');
  const signature = assertion.slice(signed + 1);
  // One base64url character more than a whole number of bytes is no valid encoding; Buffer would just drop it.
  if (signature.length % 4 === 1) return false;
  try {
    const key = { key: publicKey.key, padding: algorithm.padding, saltLength: algorithm.saltLength, dsaEncoding: algorithm.dsaEncoding };
    if (!verifySignature(algorithm.digest, Buffer.from(assertion.slice(0, signed)), key, Buffer.from(signature, 'base64url'))) return false;
  } catch {
    return false;
  }
  const { aud, iat, nbf, exp } = claims;
  if (!(typeof aud === 'string' ? audience.includes(aud) : Array.isArray(aud) && audience.some((a) => aud.includes(a)))) return false;
  if (iat !== undefined && typeof iat !== 'number') return false;
  const now = Math.floor(nowMs / 1000);
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + CLOCK_TOLERANCE_SECONDS)) return false;
  return typeof exp === 'number' && exp > now - CLOCK_TOLERANCE_SECONDS;
}

/** The client an assertion is checked for: which client it must name, and the issuer its audience must be. */
export interface AssertionClient extends IssuerTenant {
  id: string;
  clientId: string;
}

/**
 * Verifies client assertions (RFC 7523 §3) for the token endpoint: an accepted algorithm, `iss` = `sub` = the client ID,
 * `aud` the tenant's issuer or token endpoint, `exp` at most ten minutes ahead, a `jti` never seen before (across
 * processes: the client_assertion table), and a signature by one of the client's usable PRIVATE_KEY_JWT credentials.
 */
export class ClientAssertions {
  constructor(
    private readonly orm: Orm,
    private readonly keySets: RemoteKeySets,
    private readonly publicUrl: string,
    private readonly clock: Clock,
  ) {}

  async verify(client: AssertionClient, credentials: CachedCredential[], assertion: string): Promise<CachedCredential> {
    const { header, claims } = decodeAssertion(assertion);
    if (!header.alg || !(ASSERTION_ALGORITHMS as readonly string[]).includes(header.alg))
      throw new AssertionRefused(
        `The client assertion is signed with alg '${String(header.alg).slice(0, 20)}'; Keyward accepts ${ASSERTION_ALGORITHMS.join(', ')}.`,
      );
    if (claims.iss !== claims.sub || claims.sub !== client.clientId)
      throw new AssertionRefused("The client assertion's iss and sub must both be the client ID.");
    if (typeof claims.jti !== 'string' || claims.jti === '' || claims.jti.length > 255)
      throw new AssertionRefused('The client assertion needs a jti (a unique ID of at most 255 characters), so it cannot be replayed.');
    const nowMs = this.clock.now().getTime();
    if (typeof claims.exp !== 'number') throw new AssertionRefused('The client assertion needs an exp (expiry time).');
    if (claims.exp * 1000 - nowMs > ASSERTION_MAX_LIFETIME_SECONDS * 1000)
      throw new AssertionRefused(
        `The client assertion's exp is more than ${ASSERTION_MAX_LIFETIME_SECONDS / 60} minutes ahead; make assertions short-lived.`,
      );
    const issuer = tenantIssuer(this.publicUrl, client);
    const audience = [issuer, `${issuer}/oauth2/token`];
    const candidates = credentials.filter((c) => c.assertionKeys !== null);
    if (candidates.length === 0) throw new AssertionRefused('This client has no usable private_key_jwt credential.');

    for (const credential of candidates) {
      const source = credential.assertionKeys as AssertionKeys;
      if (source.source === 'key' && source.publicKey && acceptsAtOnce(source.publicKey, assertion, header, claims, audience, nowMs)) {
        await this.spendJti(client.id, claims.jti, new Date(claims.exp * 1000));
        return credential;
      }
      const keys = await this.keysOf(credential, header.kid);
      try {
        await jwtVerify(assertion, keys, {
          algorithms: [...ASSERTION_ALGORITHMS],
          issuer: client.clientId,
          subject: client.clientId,
          audience,
          currentDate: new Date(nowMs),
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
      } catch (error) {
        // Not this credential's key: try the next one.
        if (
          error instanceof errors.JWKSNoMatchingKey ||
          error instanceof errors.JWSSignatureVerificationFailed ||
          error instanceof errors.JWKSMultipleMatchingKeys
        )
          continue;
        if (error instanceof errors.JWTExpired) throw new AssertionRefused('The client assertion has expired (exp is in the past).');
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
          throw new AssertionRefused(
            `The client assertion's aud must be the issuer (${issuer}) or its token endpoint (${issuer}/oauth2/token).`,
          );
        if (error instanceof errors.JWTClaimValidationFailed)
          throw new AssertionRefused(`The client assertion's ${error.claim} claim is not valid: ${error.reason}.`);
        continue;
      }
      await this.spendJti(client.id, claims.jti, new Date(claims.exp * 1000));
      return credential;
    }
    throw new AssertionRefused(
      header.kid
        ? `No key of this client has kid '${header.kid.slice(0, 100)}', or its signature does not verify; register the key (or publish it at the jwksUri) first.`
        : "The client assertion's signature does not verify with any key of this client.",
    );
  }

  private async keysOf(credential: CachedCredential, kid: string | undefined): Promise<ReturnType<typeof createLocalJWKSet>> {
    const source = credential.assertionKeys as AssertionKeys;
    if (source.source === 'key') return source.keys;
    try {
      return await this.keySets.keysFor(source.jwksUri, kid);
    } catch (error) {
      throw new AssertionRefused(error instanceof OutboundRefused ? error.message : "The client's jwksUri could not be fetched.");
    }
  }

  /** Records the jti until `expiresAt`; a second use, by any process, is refused. */
  private async spendJti(apiClientId: string, jti: string, expiresAt: Date): Promise<void> {
    if (!(await spendAssertionJti(this.orm, apiClientId, jti, expiresAt)))
      throw new AssertionRefused('This client assertion was already used (its jti was seen before); sign a new one for each request.');
  }
}

/**
 * Records an assertion's jti until `expiresAt` (swept by housekeeping); false when any process recorded it before.
 * Its commit waits for the WAL flush like every other: committing it asynchronously doubled the inserts PostgreSQL
 * could take alone, but did not make the token endpoint measurably faster (bench/README.md), so a PostgreSQL crash
 * still loses no jti.
 */
export async function spendAssertionJti(orm: Orm, apiClientId: string, jti: string, expiresAt: Date): Promise<boolean> {
  const result = await pooledQuery(
    orm,
    'insert into client_assertion (api_client_id, jti, expires_at) values ($1, $2, $3) on conflict do nothing returning 1 as inserted',
    [apiClientId, jti, expiresAt],
  );
  return result.rows.length > 0;
}

export const PRIVATE_KEY_JWT_KIND: CredentialKind = {
  type: CredentialType.PRIVATE_KEY_JWT,
  words: 'private key JWT',
  hint: (credential) => {
    const details = privateKeyJwtDetails({ type: CredentialType.PRIVATE_KEY_JWT, details: credential.details });
    if (!details) return null;
    return details.source === 'key' ? `key ${details.keyId.slice(0, 16)}` : details.jwksUri;
  },
  auditLabel: (credential) => `private key JWT ${PRIVATE_KEY_JWT_KIND.hint(credential) ?? ''}`,
  snapshot: (credential) => {
    const details = privateKeyJwtDetails(credential);
    if (!details) return {};
    return details.source === 'key'
      ? { keyId: details.keyId, thumbprint: details.thumbprint, keyType: details.jwk.kty }
      : { jwksUri: details.jwksUri };
  },
  deletionChanges: (credential) => {
    const details = privateKeyJwtDetails(credential);
    if (!details) return {};
    return details.source === 'key' ? { keyId: { from: details.keyId, to: null } } : { jwksUri: { from: details.jwksUri, to: null } };
  },
  cached: (credential) => {
    const details = privateKeyJwtDetails(credential);
    const assertionKeys: AssertionKeys | null = !details
      ? null
      : details.source === 'key'
        ? { source: 'key', keys: createLocalJWKSet({ keys: [details.jwk] }), publicKey: uploadedPublicKey(details.jwk) }
        : { source: 'jwksUri', jwksUri: details.jwksUri };
    return { secretHash: null, thumbprint: null, assertionKeys, federation: null };
  },
};
