import { constants, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ASSERTION_ALGORITHMS, acceptsAtOnce, uploadedPublicKey } from './private-key-jwt.js';

const ISSUER = 'https://keyward.example';
const AUDIENCE = [ISSUER, `${ISSUER}/oauth2/token`];
const NOW_MS = Date.UTC(2026, 11, 3, 12, 0, 0);
const NOW = NOW_MS / 1000;

const part = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

type Alg = 'RS256' | 'PS256' | 'ES256' | 'EdDSA' | 'Ed25519';

function keys(alg: Alg): { privateKey: KeyObject; jwk: JWK } {
  const pair =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA' || alg === 'Ed25519'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: pair.privateKey, jwk: { ...(pair.publicKey.export({ format: 'jwk' }) as JWK), kid: 'key-1' } };
}

function signed(alg: Alg, privateKey: KeyObject, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${part({ alg, ...header })}.${part(claims)}`;
  const options =
    alg === 'ES256'
      ? { key: privateKey, dsaEncoding: 'ieee-p1363' as const }
      : alg === 'PS256'
        ? { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
        : privateKey;
  const digest = alg === 'EdDSA' || alg === 'Ed25519' ? null : 'sha256';
  return `${input}.${sign(digest, Buffer.from(input), options).toString('base64url')}`;
}

/** What jose's jwtVerify says with the options ClientAssertions.verify gives it. */
async function joseAccepts(assertion: string, jwk: JWK): Promise<boolean> {
  try {
    await jwtVerify(assertion, createLocalJWKSet({ keys: [jwk] }), {
      algorithms: [...ASSERTION_ALGORITHMS],
      issuer: 'client-1',
      subject: 'client-1',
      audience: AUDIENCE,
      currentDate: new Date(NOW_MS),
      clockTolerance: 5,
    });
    return true;
  } catch {
    return false;
  }
}

function fastAccepts(assertion: string, jwk: JWK): boolean {
  const publicKey = uploadedPublicKey(jwk);
  if (!publicKey) return false;
  return acceptsAtOnce(publicKey, assertion, decodeProtectedHeader(assertion), decodeJwt(assertion), AUDIENCE, NOW_MS);
}

const good = { iss: 'client-1', sub: 'client-1', aud: `${ISSUER}/oauth2/token`, jti: 'j-1', iat: NOW, exp: NOW + 300 };

describe('the token endpoint’s fast check of a client assertion', () => {
  for (const alg of ['ES256', 'RS256', 'PS256', 'EdDSA', 'Ed25519'] as const) {
    it(`accepts exactly the ${alg} assertions that jose accepts`, async () => {
      const { privateKey, jwk } = keys(alg);
      const other = keys(alg);
      const wrongType = keys(alg === 'ES256' ? 'EdDSA' : 'ES256');
      const fine = signed(alg, privateKey, { kid: 'key-1' }, good);
      // [what, assertion, key, jose's verdict, the fast check's verdict when it leaves the assertion to jose instead]
      const cases: Array<[string, string, JWK, boolean, boolean?]> = [
        ['a good assertion', fine, jwk, true],
        ['one without a kid', signed(alg, privateKey, {}, good), jwk, true],
        ['aud the issuer, in a list', signed(alg, privateKey, {}, { ...good, aud: ['https://other', ISSUER] }), jwk, true],
        ['exp within the clock tolerance', signed(alg, privateKey, {}, { ...good, exp: NOW - 4 }), jwk, true],
        ['nbf within the clock tolerance', signed(alg, privateKey, {}, { ...good, nbf: NOW + 5 }), jwk, true],
        ['the key naming this alg', fine, { ...jwk, alg }, true],
        ['another kid', signed(alg, privateKey, { kid: 'key-2' }, good), jwk, false],
        ['a kid that is no string', signed(alg, privateKey, { kid: 1 }, good), jwk, false],
        ['the key naming another alg', fine, { ...jwk, alg: alg === 'RS256' ? 'PS256' : 'RS256' }, false],
        ['another key', fine, other.jwk, false],
        ['a key of another type', fine, wrongType.jwk, false],
        ['a key for encryption only', fine, { ...jwk, use: 'enc' }, false],
        ['another audience', signed(alg, privateKey, {}, { ...good, aud: 'https://other' }), jwk, false],
        ['no audience', signed(alg, privateKey, {}, { ...good, aud: undefined }), jwk, false],
        ['an audience that is a number', signed(alg, privateKey, {}, { ...good, aud: 7 }), jwk, false],
        ['expired', signed(alg, privateKey, {}, { ...good, exp: NOW - 5 }), jwk, false],
        ['exp not a number', signed(alg, privateKey, {}, { ...good, exp: String(NOW + 300) }), jwk, false],
        ['not yet valid', signed(alg, privateKey, {}, { ...good, nbf: NOW + 6 }), jwk, false],
        ['nbf not a number', signed(alg, privateKey, {}, { ...good, nbf: 'soon' }), jwk, false],
        ['iat not a number', signed(alg, privateKey, {}, { ...good, iat: 'now' }), jwk, false],
        ['a critical header', signed(alg, privateKey, { crit: ['b64'], b64: true }, good), jwk, true, false],
        ['an unencoded payload', signed(alg, privateKey, { crit: ['b64'], b64: false }, good), jwk, false],
        ['a changed claim', `${fine.split('.')[0]}.${part({ ...good, jti: 'j-2' })}.${fine.split('.')[2]}`, jwk, false],
        ['a signature with a character more', `${fine}A`, jwk, false],
        ['a signature padded with =', `${fine}=`, jwk, false],
        ['no signature', `${fine.slice(0, fine.lastIndexOf('.'))}.`, jwk, false],
      ];
      for (const [what, assertion, key, expected, fast = expected] of cases) {
        expect({ what, jose: await joseAccepts(assertion, key) }).toEqual({ what, jose: expected });
        expect({ what, fast: fastAccepts(assertion, key) }).toEqual({ what, fast });
      }
    });
  }

  it('leaves an RSA key under 2048 bits, or a JWK restricted by key_ops, to jose', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }) as JWK;
    expect(uploadedPublicKey({ ...small, kid: 'k' })).toBeNull();
    expect(uploadedPublicKey({ ...keys('ES256').jwk, key_ops: ['verify'] })).toBeNull();
    expect(uploadedPublicKey(keys('ES256').jwk)).not.toBeNull();
  });
});
