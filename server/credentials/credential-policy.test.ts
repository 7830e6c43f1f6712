import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../kernel/clock.js';
import { CredentialType } from './credential.entity.js';
import {
  CredentialPolicyError,
  checkKindLifetime,
  checkPolicyUpdate,
  credentialViolations,
  DEFAULT_CREDENTIAL_POLICY,
  jwkKeyStrength,
  readCredentialPolicy,
  spkiKeyStrength,
} from './credential-policy.js';

const NOW = new Date(Date.UTC(2026, 11, 4, 12));

describe('credential policy rules', () => {
  it.each([2048, 3072, 2050])('reads the size of a %i-bit RSA key from its JWK and its SPKI', (bits) => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    expect(jwkKeyStrength(publicKey.export({ format: 'jwk' }) as Record<string, unknown>)).toEqual({ type: 'rsa', bits });
    expect(spkiKeyStrength(publicKey.export({ format: 'der', type: 'spki' }))).toEqual({ type: 'rsa', bits });
  });

  it('reads a stored policy it cannot make sense of as the defaults, which allow what was allowed before any policy', () => {
    expect(readCredentialPolicy({})).toEqual(DEFAULT_CREDENTIAL_POLICY);
    expect(readCredentialPolicy({ allowedKinds: [], minRsaKeyBits: 1024, maxLifetimeDays: { CLIENT_SECRET: -3 } })).toEqual(
      DEFAULT_CREDENTIAL_POLICY,
    );
  });

  it('keeps what an update leaves out, and puts back the default of what it sets to null', () => {
    const first = checkPolicyUpdate(
      DEFAULT_CREDENTIAL_POLICY,
      { allowedKinds: [CredentialType.CERTIFICATE], minRsaKeyBits: 4096 },
      365,
      365,
    );
    const second = checkPolicyUpdate(
      first,
      { minRsaKeyBits: null, kindLifetimes: [{ kind: CredentialType.CERTIFICATE, maxLifetimeDays: 30 }] },
      365,
      365,
    );
    expect(second).toMatchObject({ allowedKinds: [CredentialType.CERTIFICATE], minRsaKeyBits: 2048, maxLifetimeDays: { CERTIFICATE: 30 } });
  });

  it('lets a kind last its policy maximum to the millisecond, and refuses one more', () => {
    const policy = { ...DEFAULT_CREDENTIAL_POLICY, maxLifetimeDays: { [CredentialType.CLIENT_SECRET]: 10 } };
    const latest = new Date(NOW.getTime() + 10 * DAY_MS);
    expect(() => checkKindLifetime(policy, CredentialType.CLIENT_SECRET, latest, NOW, 365)).not.toThrow();
    expect(() => checkKindLifetime(policy, CredentialType.CLIENT_SECRET, new Date(latest.getTime() + 1), NOW, 365)).toThrow(
      CredentialPolicyError,
    );
    // The tenant's lower maximum wins over a per-kind one set when it was higher.
    expect(() => checkKindLifetime(policy, CredentialType.CLIENT_SECRET, latest, NOW, 5)).toThrow(/at most 5 days/);
  });

  it('names every rule an existing credential breaks', () => {
    const policy = {
      ...DEFAULT_CREDENTIAL_POLICY,
      allowedKinds: [CredentialType.PRIVATE_KEY_JWT],
      maxLifetimeDays: { [CredentialType.CERTIFICATE]: 30 },
      minRsaKeyBits: 3072,
    };
    const certificate = { type: CredentialType.CERTIFICATE, createdAt: NOW, expiresAt: new Date(NOW.getTime() + 31 * DAY_MS) };
    expect(credentialViolations(policy, { ...certificate, key: { type: 'rsa', bits: 2048 } })).toEqual([
      'allowedKinds',
      'maxLifetimeDays',
      'minRsaKeyBits',
    ]);
    expect(
      credentialViolations({ ...policy, allowedKinds: [CredentialType.CERTIFICATE] }, { ...certificate, key: { type: 'unknown' } }),
    ).toEqual(['maxLifetimeDays']);
  });
});
