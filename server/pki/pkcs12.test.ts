import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOpensslChain, type OpensslChain } from '../../test/support/openssl-chain.js';
import { generateBundlePassword } from './password.js';
import { buildPkcs12, PKCS12_MAC_ITERATIONS, PKCS12_PBKDF2_ITERATIONS } from './pkcs12.js';

let chain: OpensslChain;
let dir: string;
let leaves: OpensslChain['leaves'];
const openssl = (...args: string[]) => chain.openssl(...args);
const run = (command: string, args: string[]) => chain.run(command, args);

beforeAll(() => {
  chain = makeOpensslChain('pkcs12');
  ({ dir, leaves } = chain);
});

afterAll(() => chain?.remove());

describe.each(['RSA', 'EC'] as const)('a PKCS#12 bundle for an %s key', (kind) => {
  const password = generateBundlePassword();
  const friendlyName = `acme-${kind.toLowerCase()}`;
  let pfxFile: string;

  beforeAll(async () => {
    const leaf = leaves[kind];
    const pfx = await buildPkcs12({ privateKeyPkcs8: leaf.pkcs8, certificateChain: leaf.chain, password, friendlyName });
    pfxFile = `${kind}.pfx`;
    writeFileSync(join(dir, pfxFile), pfx);
  });

  it('opens with OpenSSL 3 and the password, without -legacy', () => {
    const result = run('openssl', ['pkcs12', '-in', pfxFile, '-passin', `pass:${password}`, '-noout']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is refused by OpenSSL with a wrong password', () => {
    const result = run('openssl', ['pkcs12', '-in', pfxFile, '-passin', 'pass:not-the-password', '-noout']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/mac verify (failure|error)/i);
  });

  it('is protected by an HMAC-SHA-256 MAC and PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key and the certificates', () => {
    const { stderr, status } = run('openssl', ['pkcs12', '-in', pfxFile, '-passin', `pass:${password}`, '-nodes', '-info']);
    expect(status).toBe(0);
    expect(stderr).toContain(`MAC: sha256, Iteration ${PKCS12_MAC_ITERATIONS}`);
    expect(stderr).toContain(`Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration ${PKCS12_PBKDF2_ITERATIONS}, PRF hmacWithSHA256`);
    expect(stderr).toContain(`PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration ${PKCS12_PBKDF2_ITERATIONS}, PRF hmacWithSHA256`);
  });

  it("holds the leaf certificate's private key", () => {
    const keyPem = openssl('pkcs12', '-in', pfxFile, '-passin', `pass:${password}`, '-nocerts', '-nodes');
    writeFileSync(join(dir, `${kind}.extracted.key`), keyPem);
    expect(openssl('pkey', '-in', `${kind}.extracted.key`, '-pubout')).toBe(leaves[kind].publicKeyPem);
  });

  it('holds the leaf, intermediate and root certificates, and names the key and leaf with the client ID', () => {
    const output = openssl('pkcs12', '-in', pfxFile, '-passin', `pass:${password}`, '-nokeys');
    const pems = output.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    const ders = pems.map((pem) => Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
    expect(ders).toEqual(leaves[kind].chain);

    const info = openssl('pkcs12', '-in', pfxFile, '-passin', `pass:${password}`, '-nodes');
    const localKeyId = createHash('sha1').update(leaves[kind].chain[0]).digest('hex').toUpperCase().match(/../g)!.join(' ');
    // Key bag and leaf bag carry the same friendlyName and localKeyID; the CA certificates carry none.
    expect(info.match(new RegExp(`friendlyName: ${friendlyName}`, 'g'))).toHaveLength(2);
    expect(info.match(new RegExp(`localKeyID: ${localKeyId}`, 'g'))).toHaveLength(2);
  });

  it('is read by keytool as one PrivateKeyEntry with a chain of three certificates', () => {
    const result = run('keytool', ['-list', '-v', '-keystore', pfxFile, '-storetype', 'PKCS12', '-storepass', password]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Your keystore contains 1 entry');
    expect(result.stdout).toContain(`Alias name: ${friendlyName}`);
    expect(result.stdout).toContain('Entry type: PrivateKeyEntry');
    expect(result.stdout).toContain('Certificate chain length: 3');
  });
});

describe('PKCS#12 build time', () => {
  // No assertion: the figures inform the iteration counts (target: a whole RSA bundle ≤ 300 ms, EC ≤ 50 ms).
  it.each(['RSA', 'EC'] as const)('is measured for an %s key', async (kind) => {
    const leaf = leaves[kind];
    const durations: number[] = [];
    for (let i = 0; i < 11; i++) {
      const started = performance.now();
      await buildPkcs12({
        privateKeyPkcs8: leaf.pkcs8,
        certificateChain: leaf.chain,
        password: generateBundlePassword(),
        friendlyName: 'timing',
      });
      durations.push(performance.now() - started);
    }
    durations.sort((a, b) => a - b);
    console.info(
      `buildPkcs12 ${kind}: p50 ${durations[5].toFixed(1)} ms, min ${durations[0].toFixed(1)} ms, max ${durations[10].toFixed(1)} ms ` +
        `(PBKDF2 ${PKCS12_PBKDF2_ITERATIONS}, MAC ${PKCS12_MAC_ITERATIONS})`,
    );
    expect(durations).toHaveLength(11);
  });
});
