import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from './ca.js';
import { buildCrl } from './crl.js';
import { issueClientCertificate } from './issue.js';
import { generateKeyPair } from './keys.js';
import { toPem } from './pem.js';
import type { CertificateAuthority, IssuedCertificate } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-crl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs openssl; stdout and stderr together, since `-verify` reports on stderr. */
function openssl(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

function writeTemp(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const HOUR_MS = 60 * 60 * 1000;
let ca: CertificateAuthority;
let chainFile: string;
let revokedCertificates: IssuedCertificate[];
let keptCertificate: IssuedCertificate;

beforeAll(async () => {
  ca = await createCertificateAuthority({ organization: 'Acme Corp' });
  chainFile = writeTemp('chain.pem', toPem(ca.intermediate.certificateDer, 'CERTIFICATE') + toPem(ca.root.certificateDer, 'CERTIFICATE'));
  const key = await generateKeyPair('EC_P256');
  const issue = (clientId: string) =>
    issueClientCertificate({
      issuer: ca.intermediate,
      subjectPublicKeySpki: key.publicKeySpki,
      clientId,
      organization: 'Acme Corp',
      notAfter: new Date(Date.now() + 24 * HOUR_MS),
    });
  revokedCertificates = await Promise.all([issue('first'), issue('second')]);
  keptCertificate = await issue('kept');
});

describe('buildCrl', () => {
  const thisUpdate = new Date();
  const nextUpdate = new Date(thisUpdate.getTime() + 24 * HOUR_MS);
  let crlFile: string;
  let text: string;

  beforeAll(async () => {
    const der = await buildCrl({
      issuer: ca.intermediate,
      revoked: revokedCertificates.map((certificate) => ({ serialHex: certificate.serialHex, revokedAt: new Date() })),
      thisUpdate,
      nextUpdate,
    });
    crlFile = writeTemp('crl.der', der);
    writeTemp('crl.pem', toPem(der, 'X509 CRL'));
    text = openssl('crl', '-inform', 'DER', '-in', crlFile, '-text', '-noout').output;
  });

  it('is a v2 CRL from the intermediate listing both revoked serials', () => {
    expect(text).toContain('Version 2 (0x1)');
    expect(text).toContain('Issuer: O = Acme Corp, CN = Keyward Intermediate CA');
    expect(text).toContain('Signature Algorithm: ecdsa-with-SHA256');
    const listed = [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((match) => match[1].toLowerCase());
    expect(listed.sort()).toEqual(revokedCertificates.map((certificate) => certificate.serialHex).sort());
  });

  it('carries the authority key identifier and a CRL number', () => {
    expect(text).toContain('X509v3 Authority Key Identifier');
    expect(text).toMatch(new RegExp(`X509v3 CRL Number: \\s+${Math.floor(thisUpdate.getTime() / 1000)}\\n`));
  });

  it('has a signature openssl verifies with the CA chain', () => {
    const result = openssl('crl', '-inform', 'DER', '-in', crlFile, '-CAfile', chainFile, '-noout', '-verify');
    expect(result.output.trim()).toBe('verify OK');
    expect(result.status).toBe(0);
  });

  it('makes openssl refuse the revoked certificates and accept the others', () => {
    const withCrl = (certificate: IssuedCertificate, name: string) =>
      openssl(
        'verify',
        '-crl_check',
        '-CRLfile',
        join(dir, 'crl.pem'),
        '-CAfile',
        chainFile,
        writeTemp(name, toPem(certificate.certificateDer, 'CERTIFICATE')),
      );
    expect(withCrl(revokedCertificates[0], 'revoked.pem').output).toContain('certificate revoked');
    expect(withCrl(keptCertificate, 'kept.pem').output).toContain('kept.pem: OK');
  });
});

describe('buildCrl edge cases', () => {
  it('encodes a serial whose high bit is set as a positive number', async () => {
    const serialHex = `f0${'0a'.repeat(15)}`;
    const der = await buildCrl({
      issuer: ca.intermediate,
      revoked: [{ serialHex, revokedAt: new Date() }],
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + HOUR_MS),
    });
    const text = openssl('crl', '-inform', 'DER', '-in', writeTemp('high-bit.der', der), '-text', '-noout').output;
    expect(text).toContain(`Serial Number: ${serialHex.toUpperCase()}`);
  });

  it('builds a verifiable CRL with no revoked certificates', async () => {
    const der = await buildCrl({
      issuer: ca.intermediate,
      revoked: [],
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + HOUR_MS),
    });
    const file = writeTemp('empty.der', der);
    expect(openssl('crl', '-inform', 'DER', '-in', file, '-text', '-noout').output).toContain('No Revoked Certificates.');
    expect(openssl('crl', '-inform', 'DER', '-in', file, '-CAfile', chainFile, '-noout', '-verify').output.trim()).toBe('verify OK');
  });
});
