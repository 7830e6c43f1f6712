import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, UnsealError, unseal } from './sealed.js';

describe('sealed values', () => {
  const key = randomBytes(32);
  const secret = Buffer.from('-----BEGIN PRIVATE KEY----- not really');

  it('round-trip and never contain the plaintext', () => {
    const sealed = seal(key, secret, 'certificate-authority:root');
    expect(sealed).toMatch(/^aes256gcm-v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('PRIVATE');
    expect(unseal(key, sealed, 'certificate-authority:root')).toEqual(secret);
  });

  it('refuse another key, another context, or a changed byte', () => {
    const sealed = seal(key, secret, 'certificate-authority:root');
    expect(() => unseal(randomBytes(32), sealed, 'certificate-authority:root')).toThrow(UnsealError);
    expect(() => unseal(key, sealed, 'certificate-authority:intermediate')).toThrow(/KEYWARD_MASTER_KEY is not the key/);
    const [version, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => unseal(key, [version, iv, flipped.toString('base64url'), tag].join('.'), 'certificate-authority:root')).toThrow(
      UnsealError,
    );
    expect(() => unseal(key, 'something-else', 'x')).toThrow(/Unknown sealed-value format/);
  });
});
