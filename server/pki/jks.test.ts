import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOpensslChain, type OpensslChain } from '../../test/support/openssl-chain.js';
import { buildJks, protectJksKey } from './jks.js';
import { generateBundlePassword } from './password.js';

let chain: OpensslChain;
let dir: string;
let leaves: OpensslChain['leaves'];
const openssl = (...args: string[]) => chain.openssl(...args);
const run = (command: string, args: string[]) => chain.run(command, args);

beforeAll(() => {
  chain = makeOpensslChain('jks');
  ({ dir, leaves } = chain);
});

afterAll(() => chain?.remove());

describe.each(['RSA', 'EC'] as const)('a JKS key store for an %s key', (kind) => {
  const password = generateBundlePassword();
  // Mixed case on purpose: Java's JKS matches aliases case-insensitively and stores them lower-cased.
  const alias = `Acme-${kind}`;
  const storedAlias = alias.toLowerCase();
  let jksFile: string;

  beforeAll(() => {
    const leaf = leaves[kind];
    jksFile = `${kind}.jks`;
    writeFileSync(
      join(dir, jksFile),
      buildJks({
        alias,
        privateKeyPkcs8: leaf.pkcs8,
        certificateChain: leaf.chain,
        password,
        createdAt: new Date('2025-01-02T03:04:05.678Z'),
      }),
    );
  });

  it('starts with the JKS magic FEEDFEED and format version 2', () => {
    expect(readFileSync(join(dir, jksFile)).subarray(0, 8).toString('hex')).toBe('feedfeed00000002');
  });

  it('is listed by keytool as one PrivateKeyEntry with a chain of three certificates', () => {
    const result = run('keytool', ['-list', '-v', '-keystore', jksFile, '-storetype', 'JKS', '-storepass', password]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Keystore type: JKS');
    expect(result.stdout).toContain('Your keystore contains 1 entry');
    expect(result.stdout).toContain(`Alias name: ${storedAlias}`);
    expect(result.stdout).toContain('Creation date: Jan 2, 2025');
    expect(result.stdout).toContain('Entry type: PrivateKeyEntry');
    expect(result.stdout).toContain('Certificate chain length: 3');
  });

  it('finds the entry by the alias as given', () => {
    const result = run('keytool', ['-list', '-keystore', jksFile, '-storetype', 'JKS', '-storepass', password, '-alias', alias]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('PrivateKeyEntry');
  });

  it('is refused by keytool with a wrong store password', () => {
    const result = run('keytool', ['-list', '-keystore', jksFile, '-storetype', 'JKS', '-storepass', `${password}x`]);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('Keystore was tampered with, or password was incorrect');
  });

  it('gives back the private key to keytool, which exports it to PKCS#12 for OpenSSL', () => {
    const exportPassword = generateBundlePassword();
    const result = run('keytool', [
      '-importkeystore',
      // keytool accepts -srckeypass only together with -srcalias.
      ...['-srckeystore', jksFile, '-srcstoretype', 'JKS', '-srcstorepass', password, '-srcalias', alias, '-srckeypass', password],
      ...['-destkeystore', `${kind}.converted.p12`, '-deststoretype', 'PKCS12', '-deststorepass', exportPassword],
      '-noprompt',
    ]);
    expect(result.stdout + result.stderr).not.toContain('keytool error');
    expect(result.status).toBe(0);

    const keyPem = openssl('pkcs12', '-in', `${kind}.converted.p12`, '-passin', `pass:${exportPassword}`, '-nocerts', '-nodes');
    writeFileSync(join(dir, `${kind}.converted.key`), keyPem);
    expect(openssl('pkey', '-in', `${kind}.converted.key`, '-pubout')).toBe(leaves[kind].publicKeyPem);
  });
});

describe("Sun's JKS key protector", () => {
  /** KeyProtector#recover, written independently of the implementation: regenerate the keystream, XOR, check the digest. */
  function recover(protectedKey: Buffer, password: string): Buffer {
    const passwordBytes = Buffer.from(password, 'utf16le').swap16();
    const salt = protectedKey.subarray(0, 20);
    const ciphertext = protectedKey.subarray(20, protectedKey.length - 20);
    const check = protectedKey.subarray(protectedKey.length - 20);
    const plaintext = Buffer.alloc(ciphertext.length);
    let digest: Buffer = salt;
    for (let offset = 0; offset < ciphertext.length; offset += 20) {
      digest = createHash('sha1')
        .update(Buffer.concat([passwordBytes, digest]))
        .digest();
      for (let i = 0; i < 20 && offset + i < ciphertext.length; i++) plaintext[offset + i] = ciphertext[offset + i] ^ digest[i];
    }
    const expected = createHash('sha1')
      .update(Buffer.concat([passwordBytes, plaintext]))
      .digest();
    if (!expected.equals(check)) throw new Error('Cannot recover key');
    return plaintext;
  }

  it('protects a key so that the same password recovers it exactly', () => {
    const password = generateBundlePassword();
    for (const length of [1, 19, 20, 21, 121, 1217]) {
      const plaintext = randomBytes(length);
      const protectedKey = protectJksKey(plaintext, password);
      expect(protectedKey).toHaveLength(20 + length + 20);
      // The key stream could leave a single byte as it was (1 in 256); 19 bytes or more never will in practice.
      if (length >= 19) expect(protectedKey.subarray(20, 20 + length).equals(plaintext)).toBe(false);
      expect(recover(protectedKey, password)).toEqual(plaintext);
    }
  });

  it('uses a fresh salt each time', () => {
    const plaintext = randomBytes(64);
    expect(protectJksKey(plaintext, 'pw').subarray(0, 20)).not.toEqual(protectJksKey(plaintext, 'pw').subarray(0, 20));
  });

  it('detects a wrong password through its check digest', () => {
    const protectedKey = protectJksKey(randomBytes(200), 'correct horse');
    expect(() => recover(protectedKey, 'correct hors')).toThrow('Cannot recover key');
  });

  it('takes the password as UTF-16BE, as Java does with char[]', () => {
    const plaintext = randomBytes(40);
    const protectedKey = protectJksKey(plaintext, 'pässwörd€');
    expect(recover(protectedKey, 'pässwörd€')).toEqual(plaintext);
  });
});
