import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from './ca.js';
import { toPem } from './pem.js';
import type { CertificateAuthority } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-ca-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function keyIdentifierAfter(text: string, heading: string): string {
  const match = new RegExp(`${heading}:\\s*\\n\\s*(?:keyid:)?([0-9A-F:]+)`).exec(text);
  if (!match) throw new Error(`${heading} not found`);
  return match[1];
}

describe('createCertificateAuthority', () => {
  const now = new Date('2025-03-01T12:00:00.750Z');
  let ca: CertificateAuthority;
  let rootText: string;
  let intermediateText: string;
  const rootFile = join(dir, 'root.pem');
  const intermediateFile = join(dir, 'intermediate.pem');

  beforeAll(async () => {
    ca = await createCertificateAuthority({ organization: 'Acme Corp', now });
    writeFileSync(rootFile, toPem(ca.root.certificateDer, 'CERTIFICATE'));
    writeFileSync(intermediateFile, toPem(ca.intermediate.certificateDer, 'CERTIFICATE'));
    rootText = openssl('x509', '-in', rootFile, '-noout', '-text');
    intermediateText = openssl('x509', '-in', intermediateFile, '-noout', '-text');
  });

  it('creates a self-signed EC P-384 root valid for 20 years that may only sign certificates and CRLs', () => {
    expect(rootText).toContain('Version: 3 (0x2)');
    expect(rootText).toContain('Subject: O = Acme Corp, CN = Keyward Root CA');
    expect(rootText).toContain('Issuer: O = Acme Corp, CN = Keyward Root CA');
    expect(rootText).toContain('NIST CURVE: P-384');
    expect(rootText).toContain('Signature Algorithm: ecdsa-with-SHA384');
    expect(rootText).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE\n/);
    expect(rootText).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    expect(rootText).toContain('X509v3 Subject Key Identifier');
    const root = new X509Certificate(ca.root.certificateDer);
    expect(root.ca).toBe(true);
    expect(new Date(root.validFrom).toISOString()).toBe('2025-03-01T11:55:00.000Z');
    expect(new Date(root.validTo).toISOString()).toBe('2045-03-01T12:00:00.000Z');
    expect(root.verify(root.publicKey)).toBe(true);
  });

  it('creates an EC P-256 intermediate for 10 years, signed by the root, with pathlen 0', () => {
    expect(intermediateText).toContain('Subject: O = Acme Corp, CN = Keyward Intermediate CA');
    expect(intermediateText).toContain('Issuer: O = Acme Corp, CN = Keyward Root CA');
    expect(intermediateText).toContain('NIST CURVE: P-256');
    expect(intermediateText).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0\n/);
    expect(intermediateText).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign\n/);
    expect(keyIdentifierAfter(intermediateText, 'X509v3 Authority Key Identifier')).toBe(
      keyIdentifierAfter(rootText, 'X509v3 Subject Key Identifier'),
    );
    expect(intermediateText).not.toContain('CRL Distribution Points');
    const intermediate = new X509Certificate(ca.intermediate.certificateDer);
    expect(new Date(intermediate.validTo).toISOString()).toBe('2035-03-01T12:00:00.000Z');
  });

  it('produces an intermediate that openssl verifies against the root', () => {
    expect(openssl('verify', '-CAfile', rootFile, intermediateFile).trim()).toBe(`${intermediateFile}: OK`);
  });

  it('gives each CA certificate a private key that matches it', () => {
    for (const material of [ca.root, ca.intermediate]) {
      const keyFile = join(dir, 'key.pem');
      const certFile = join(dir, 'cert.pem');
      writeFileSync(keyFile, toPem(material.privateKeyPkcs8, 'PRIVATE KEY'));
      writeFileSync(certFile, toPem(material.certificateDer, 'CERTIFICATE'));
      expect(openssl('pkey', '-in', keyFile, '-pubout')).toBe(openssl('x509', '-in', certFile, '-pubkey', '-noout'));
    }
  });
});
