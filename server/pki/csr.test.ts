import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from './ca.js';
import { CsrError, parseCsr } from './csr.js';
import { issueClientCertificate } from './issue.js';
import { fromPem, toPem } from './pem.js';
import type { CertificateAuthority } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-csr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface OpensslCsr {
  pem: string;
  keyFile: string;
  /** What `openssl req -pubkey` says the CSR's key is, DER. */
  spki: Buffer;
}

/** `openssl req -new -newkey <newkey> -nodes -subj /CN=attacker/O=Evil`, with extra -pkeyopt options. */
function opensslCsr(name: string, newkey: string, ...pkeyopts: string[]): OpensslCsr {
  const keyFile = join(dir, `${name}.key`);
  const csrFile = join(dir, `${name}.csr`);
  const options = pkeyopts.flatMap((option) => ['-pkeyopt', option]);
  openssl('req', '-new', '-newkey', newkey, ...options, '-nodes', '-keyout', keyFile, '-subj', '/CN=attacker/O=Evil', '-out', csrFile);
  const spki = fromPem(openssl('req', '-in', csrFile, '-pubkey', '-noout'))[0].der;
  return { pem: readFileSync(csrFile, 'utf8'), keyFile, spki };
}

/** The same key, signed again with another digest (`openssl req -new -key … -<digest>`). */
function resigned(name: string, keyFile: string, digest: string): string {
  const csrFile = join(dir, `${name}.csr`);
  openssl('req', '-new', '-key', keyFile, `-${digest}`, '-subj', '/CN=attacker/O=Evil', '-out', csrFile);
  return readFileSync(csrFile, 'utf8');
}

/**
 * RSA keys at and past the 8192-bit limit, made once with `openssl req -new -newkey rsa:<bits> -nodes -subj /CN=x`
 * (generating them takes openssl 20 to 30 seconds each, too long for every run).
 */
const testdata = (file: string) => readFileSync(join(import.meta.dirname, 'testdata', file), 'utf8');

async function refusalOf(pem: string): Promise<CsrError> {
  try {
    await parseCsr(pem);
  } catch (error) {
    if (error instanceof CsrError) return error;
    throw error;
  }
  throw new Error('the CSR was accepted');
}

let csrs: Record<'rsa2048' | 'p256' | 'p384' | 'rsa1024' | 'rsa2048e3' | 'ed25519' | 'ed448' | 'p521' | 'secp256k1', OpensslCsr>;
let ca: CertificateAuthority;

beforeAll(async () => {
  ca = await createCertificateAuthority({ organization: 'Acme Corp' });
  csrs = {
    rsa2048: opensslCsr('rsa2048', 'rsa:2048'),
    p256: opensslCsr('p256', 'ec', 'ec_paramgen_curve:P-256'),
    p384: opensslCsr('p384', 'ec', 'ec_paramgen_curve:P-384'),
    rsa1024: opensslCsr('rsa1024', 'rsa:1024'),
    rsa2048e3: opensslCsr('rsa2048e3', 'rsa:2048', 'rsa_keygen_pubexp:3'),
    ed25519: opensslCsr('ed25519', 'ed25519'),
    ed448: opensslCsr('ed448', 'ed448'),
    p521: opensslCsr('p521', 'ec', 'ec_paramgen_curve:P-521'),
    secp256k1: opensslCsr('secp256k1', 'ec', 'ec_paramgen_curve:secp256k1'),
  };
});

describe('parseCsr accepts', () => {
  it.each([
    ['rsa2048', 'RSA_2048'],
    ['p256', 'EC_P256'],
    ['p384', 'EC_P384'],
    ['ed25519', 'ED25519'],
  ] as const)('an openssl %s CSR, returning the key openssl reports', async (name, keyAlgorithm) => {
    const parsed = await parseCsr(csrs[name].pem);
    expect(parsed.keyAlgorithm).toBe(keyAlgorithm);
    expect(parsed.publicKeySpki.equals(csrs[name].spki)).toBe(true);
    expect(parsed.subject).toBe('O=Evil,CN=attacker');
  });

  /** A client certificate for the CSR's key, as Keyward issues one. */
  const issueFor = (parsed: { publicKeySpki: Buffer }) =>
    issueClientCertificate({
      issuer: ca.intermediate,
      subjectPublicKeySpki: parsed.publicKeySpki,
      clientId: 'acme-billing',
      organization: 'Acme Corp',
      notAfter: new Date(Date.now() + 24 * 60 * 60 * 1000),
    });

  it("issues Keyward's subject, not the CSR's, for the CSR's own key", async () => {
    const parsed = await parseCsr(csrs.rsa2048.pem);
    const issued = await issueFor(parsed);
    const leafFile = join(dir, 'from-csr.pem');
    writeFileSync(leafFile, toPem(issued.certificateDer, 'CERTIFICATE'));
    const text = openssl('x509', '-in', leafFile, '-noout', '-text');
    expect(text).toContain('Subject: O = Acme Corp, CN = acme-billing');
    expect(text).not.toMatch(/attacker|Evil/);
    expect(issued.subject).toBe('CN=acme-billing,O=Acme Corp');
    expect(openssl('x509', '-in', leafFile, '-pubkey', '-noout')).toBe(openssl('pkey', '-in', csrs.rsa2048.keyFile, '-pubout'));
    const chainFile = join(dir, 'chain.pem');
    writeFileSync(chainFile, toPem(ca.intermediate.certificateDer, 'CERTIFICATE') + toPem(ca.root.certificateDer, 'CERTIFICATE'));
    expect(openssl('verify', '-CAfile', chainFile, leafFile).trim()).toBe(`${leafFile}: OK`);
  });

  it('an RSA key of 8192 bits, the largest allowed', async () => {
    expect((await parseCsr(testdata('rsa-8192.csr'))).keyAlgorithm).toBe('RSA_OTHER');
  });

  it.each(['sha384', 'sha512'])('a CSR signed with %s', async (digest) => {
    expect((await parseCsr(resigned(`p256-${digest}`, csrs.p256.keyFile, digest))).keyAlgorithm).toBe('EC_P256');
  });

  it.each(['ed25519', 'p384'] as const)('an %s CSR, issuing a certificate for its key that openssl verifies', async (name) => {
    const parsed = await parseCsr(csrs[name].pem);
    const issued = await issueFor(parsed);
    expect(issued.keyAlgorithm).toBe(parsed.keyAlgorithm);
    const leafFile = join(dir, `from-${name}.pem`);
    writeFileSync(leafFile, toPem(issued.certificateDer, 'CERTIFICATE'));
    expect(openssl('x509', '-in', leafFile, '-pubkey', '-noout')).toBe(openssl('pkey', '-in', csrs[name].keyFile, '-pubout'));
    const chainFile = join(dir, `chain-${name}.pem`);
    writeFileSync(chainFile, toPem(ca.intermediate.certificateDer, 'CERTIFICATE') + toPem(ca.root.certificateDer, 'CERTIFICATE'));
    expect(openssl('verify', '-CAfile', chainFile, leafFile).trim()).toBe(`${leafFile}: OK`);
  });

  it('pasted with CRLF line ends and surrounding whitespace', async () => {
    const parsed = await parseCsr(`\r\n   ${csrs.p256.pem.replace(/\n/g, '\r\n')}  \r\n\t`);
    expect(parsed.publicKeySpki.equals(csrs.p256.spki)).toBe(true);
  });

  it('with the legacy NEW CERTIFICATE REQUEST label', async () => {
    const parsed = await parseCsr(csrs.p256.pem.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST'));
    expect(parsed.keyAlgorithm).toBe('EC_P256');
  });
});

describe('parseCsr refuses, saying why and what to do', () => {
  it('text that is not PEM', async () => {
    const error = await refusalOf('hello, here is my certificate request');
    expect(error.reason).toBe('not_pem');
    expect(error.message).toBe(
      'The CSR is not PEM text. Paste the whole request, from -----BEGIN CERTIFICATE REQUEST----- to -----END CERTIFICATE REQUEST-----.',
    );
  });

  it('a PEM certificate instead of a CSR, naming the type found', async () => {
    const error = await refusalOf(toPem(ca.root.certificateDer, 'CERTIFICATE'));
    expect(error.reason).toBe('wrong_pem_type');
    expect(error.message).toBe(
      'This is a PEM CERTIFICATE, not a certificate signing request. Paste a CSR (-----BEGIN CERTIFICATE REQUEST-----), e.g. from `openssl req -new`.',
    );
  });

  it('a private key, with a warning not to share it', async () => {
    const error = await refusalOf(readFileSync(csrs.p256.keyFile, 'utf8'));
    expect(error.reason).toBe('wrong_pem_type');
    expect(error.message).toBe(
      'This is a PEM PRIVATE KEY, not a certificate signing request. Paste a CSR (-----BEGIN CERTIFICATE REQUEST-----), e.g. from `openssl req -new`. Never share a private key: keep it where it was created.',
    );
  });

  it.each(['rsa2048', 'p256', 'ed25519'] as const)('a %s CSR whose signature was tampered with', async (name) => {
    const der = fromPem(csrs[name].pem)[0].der;
    // The signature BIT STRING is the last element of the CSR: flip its last byte.
    der[der.length - 1] ^= 0x01;
    const error = await refusalOf(toPem(der, 'CERTIFICATE REQUEST'));
    expect(error.reason).toBe('bad_signature');
    expect(error.message).toBe(
      "The CSR's signature does not verify: it was changed after it was signed, or signed with another key. Create a new CSR.",
    );
  });

  const HOW_TO = '(e.g. `openssl req -new -newkey rsa:3072 -nodes -keyout client.key -out client.csr`)';

  it('an RSA-1024 key as weak', async () => {
    const error = await refusalOf(csrs.rsa1024.pem);
    expect(error.reason).toBe('weak_key');
    expect(error.message).toBe(`The CSR's RSA key is 1024 bits; use 2048 to 8192 bits ${HOW_TO}.`);
  });

  it('an RSA key of 8704 bits as too large', async () => {
    const error = await refusalOf(testdata('rsa-8704.csr'));
    expect(error.reason).toBe('unsupported_key');
    expect(error.message).toBe(`The CSR's RSA key is 8704 bits; use 2048 to 8192 bits ${HOW_TO}.`);
  });

  it('an RSA-2048 key with public exponent 3', async () => {
    const error = await refusalOf(csrs.rsa2048e3.pem);
    expect(error.reason).toBe('weak_key');
    expect(error.message).toBe(
      `The CSR's RSA key has the public exponent 3; use a key with exponent 65537, the default of openssl and other tools ${HOW_TO}.`,
    );
  });

  it.each([
    ['p521', 'P-521'],
    ['secp256k1', 'secp256k1'],
  ] as const)('an EC %s key, naming the curve', async (name, curve) => {
    const error = await refusalOf(csrs[name].pem);
    expect(error.reason).toBe('unsupported_key');
    expect(error.message).toBe(
      `The CSR's key is on the EC curve ${curve}; use P-256 or P-384 (e.g. \`openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout client.key -out client.csr\`), or RSA 2048 to 8192 bits, or Ed25519.`,
    );
  });

  it('an Ed448 key as unsupported', async () => {
    const error = await refusalOf(csrs.ed448.pem);
    expect(error.reason).toBe('unsupported_key');
    expect(error.message).toBe(
      `The CSR's key type (Ed448) is not supported. Use RSA 2048 to 8192 bits, EC P-256 or P-384, or Ed25519 ${HOW_TO}.`,
    );
  });

  it.each([
    ['rsa2048', 'sha1', 'sha1WithRSAEncryption'],
    ['p256', 'sha1', 'ecdsa-with-SHA1'],
    ['rsa2048', 'md5', 'md5WithRSAEncryption'],
  ] as const)('a %s CSR signed with %s, though its signature verifies', async (name, digest, algorithm) => {
    const pem = resigned(`${name}-${digest}`, csrs[name].keyFile, digest);
    expect(openssl('req', '-in', join(dir, `${name}-${digest}.csr`), '-noout', '-verify')).toBe('');
    const error = await refusalOf(pem);
    expect(error.reason).toBe('weak_signature');
    expect(error.message).toBe(
      `The CSR is signed with ${algorithm}, which is no longer safe; sign it with SHA-256 or stronger, the openssl default (e.g. \`openssl req -new -sha256 -key client.key -out client.csr\`).`,
    );
  });

  // Found by the CSR fuzz run (seed -1362478227): openssl's RSA-PSS request with its signature algorithm changed to
  // md2WithRSAEncryption (one byte of the OID), the PSS parameters left in place.
  it('a request signed with MD2, however odd its algorithm parameters', async () => {
    const base64 = [
      'MIICmDCCAUsCAQAwHjENMAsGA1UEAwwEZnV6ejENMAsGA1UECgwERnV6ejCCASIw',
      'DQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAJcQRh1sKEyGVW+b3kSA9PCeBaAY',
      'QXcwbdR6o+TMFkXbEP+4q8FzisXnDuXVQneNJ5A/8vDPp7J6MfkDcHRjs1lTFGYL',
      'BWi5WXWLbTdghU2ty7psRdba/lsgDHjuVXxALdGgWo58z7ixs0SgI3UrfiKz4y2P',
      'Alvu0opm7Gq6yNaNuYbkbPI3kWjXeROCosxf/MvesZjDKybKutloYgh+U89IQYbb',
      'hQmL3cqmAQGh8H2mzPPfo0kExn1kqU2tyb2BpjYOCbB6olHMhqGhZNMmUP6GnkFX',
      'tyOFyE0+GmcSQRbsn469BSFqJh5XNTPLGxP31wbFYzekdRoIviBvYqoYIPECAwEA',
      'AaAAMEIGCSqGSIb3DQEBAjA1oA8wDQYJYIZIAWUDBAIBBQChHDAaBgkqhkiG9w0B',
      'AQgwDQYJYIZIAWUDBAIBBQCiBAICAN4DggEBAIxFb4mGSvOb5LMcgRZvUYpyDnCO',
      'nyUvP9TRwDWBFJ0il10TXET/PCDt9Hl+ZPJQb6dyUJgw8/sXbbl2otgj031fBIMN',
      '27HdHRqzZkPwvzWlugZHQx/RYBNYh853k7sX/7lAiPgTeJ5gwXSGzmf+kPsEc/NV',
      'Vyw1xZTqt9IkLCtN4HowEoe7/uBH0FBLdfNjb4TuMlVEheZFemEwybS/xFK0f4Dv',
      'GNzsq96uD7zvvGGkDWZpspiDV5iU8Tw8ZIiphghnOwXy67P00GoB4wGkCmJsE2QM',
      'JwYty3/BoDPDJXBfwNCKOSQpoVMBEiPNnIMRNPuvNVRXLDOCkOpCHy6NtzY=',
    ].join('\n');
    const error = await refusalOf(`-----BEGIN CERTIFICATE REQUEST-----\n${base64}\n-----END CERTIFICATE REQUEST-----\n`);
    expect(error.reason).toBe('weak_signature');
    expect(error.message).toBe(
      'The CSR is signed with md2WithRSAEncryption, which is no longer safe; sign it with SHA-256 or stronger, the openssl default (e.g. `openssl req -new -sha256 -key client.key -out client.csr`).',
    );
  });

  it('a CERTIFICATE REQUEST block that does not hold a PKCS#10 request', async () => {
    const error = await refusalOf(toPem(ca.root.certificateDer, 'CERTIFICATE REQUEST'));
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(/^The CSR could not be decoded: its content is not a PKCS#10 certificate request\. Create a new CSR/);
  });

  it('a request whose base64 was damaged', async () => {
    const error = await refusalOf(csrs.p256.pem.replace(/\n(.{10})/, '\n$1*!'));
    expect(error.reason).toBe('malformed');
    expect(error.message).toBe(
      'The CSR could not be decoded: the text between the BEGIN and END lines is not valid base64. Paste the request again, unchanged.',
    );
  });

  it('more than 64 KiB of text', async () => {
    const error = await refusalOf(csrs.p256.pem + ' '.repeat(64 * 1024));
    expect(error.reason).toBe('malformed');
    expect(error.message).toBe(
      'The CSR could not be decoded: the text is larger than 64 KiB, far more than any certificate request. Paste only the request.',
    );
  });

  it('two requests at once', async () => {
    const error = await refusalOf(csrs.p256.pem + csrs.p384.pem);
    expect(error.reason).toBe('malformed');
    expect(error.message).toBe('The text holds 2 certificate requests. Paste exactly one.');
  });
});
