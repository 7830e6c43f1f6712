import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describePublicKey, generateKeyPair } from './keys.js';
import { fromPem, toPem } from './pem.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslKeyText(privateKeyPkcs8: Buffer): { text: string; publicSpki: Buffer } {
  const file = join(dir, 'key.pem');
  writeFileSync(file, toPem(privateKeyPkcs8, 'PRIVATE KEY'));
  const text = execFileSync('openssl', ['pkey', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
  const publicPem = execFileSync('openssl', ['pkey', '-in', file, '-pubout'], { encoding: 'utf8' });
  return { text, publicSpki: fromPem(publicPem)[0].der };
}

describe('generateKeyPair', () => {
  it('makes an RSA-2048 key with exponent 65537 whose SPKI matches its private key', async () => {
    const pair = await generateKeyPair('RSA_2048');
    const { text, publicSpki } = opensslKeyText(pair.privateKeyPkcs8);
    expect(text).toContain('Private-Key: (2048 bit');
    expect(text).toContain('publicExponent: 65537');
    expect(publicSpki.equals(pair.publicKeySpki)).toBe(true);
    expect(pair.algorithm).toBe('RSA_2048');
    expect(describePublicKey(pair.publicKeySpki)).toEqual({ type: 'rsa', modulusBits: 2048, publicExponent: 65537n });
  });

  it('makes an EC P-256 key whose SPKI matches its private key', async () => {
    const pair = await generateKeyPair('EC_P256');
    const { text, publicSpki } = opensslKeyText(pair.privateKeyPkcs8);
    expect(text).toContain('NIST CURVE: P-256');
    expect(publicSpki.equals(pair.publicKeySpki)).toBe(true);
    expect(describePublicKey(pair.publicKeySpki)).toEqual({ type: 'ec', curve: 'P-256' });
  });

  it('describes a key Node cannot read as "unknown" instead of throwing', () => {
    expect(describePublicKey(Buffer.from('not a key'))).toEqual({ type: 'other', name: 'unknown' });
  });
});
