import { describe, expect, it } from 'vitest';
import type { PublicKeyAlgorithm } from '../server/pki/types.js';

// The SPA's module, compiled by Vite's rules (extensionless imports), so loaded at run time rather than typechecked here.
const SPA_LABELS = '../client/src/features/credentials/labels.ts';
const { keyAlgorithmLabel } = (await import(SPA_LABELS)) as { keyAlgorithmLabel: (algorithm: string) => string };

// Every key algorithm the API can report (PublicKeyAlgorithm) is shown in people's words on the credentials page.
const REPORTED: Record<PublicKeyAlgorithm, string> = {
  RSA_2048: 'RSA 2048',
  RSA_3072: 'RSA 3072',
  RSA_4096: 'RSA 4096',
  RSA_OTHER: 'RSA',
  EC_P256: 'EC P-256',
  EC_P384: 'EC P-384',
  ED25519: 'Ed25519',
};

describe('key algorithm labels', () => {
  it.each(Object.entries(REPORTED))('%s is shown as %s', (algorithm, label) => {
    expect(keyAlgorithmLabel(algorithm)).toBe(label);
  });
});
