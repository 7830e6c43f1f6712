import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from './ca.js';
import { issueClientCertificate, issueServerCertificate, parseCertificate, publicKeyAlgorithmOf, signCertificate } from './issue.js';
import { generateKeyPair } from './keys.js';
import { fromPem, toPem } from './pem.js';
import { buildName, keyIdentifier } from './pkijs-engine.js';
import type { CaMaterial, CertificateAuthority, IssuedCertificate, KeyPairDer } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-issue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const pemOf = (der: Buffer) => toPem(der, 'CERTIFICATE');

function writeTemp(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function keyIdentifierAfter(text: string, heading: string): string {
  const match = new RegExp(`${heading}:\\s*\\n\\s*(?:keyid:)?([0-9A-F:]+)`).exec(text);
  if (!match) throw new Error(`${heading} not found`);
  return match[1].replace(/:/g, '').toLowerCase();
}

const DAY_MS = 24 * 60 * 60 * 1000;
let ca: CertificateAuthority;
let chainFile: string;
let keys: Record<'RSA_2048' | 'EC_P256', KeyPairDer>;

beforeAll(async () => {
  const [authority, rsa, ec] = await Promise.all([
    createCertificateAuthority({ organization: 'Acme Corp' }),
    generateKeyPair('RSA_2048'),
    generateKeyPair('EC_P256'),
  ]);
  ca = authority;
  keys = { RSA_2048: rsa, EC_P256: ec };
  chainFile = writeTemp('ca-chain.pem', pemOf(ca.intermediate.certificateDer) + pemOf(ca.root.certificateDer));
});

describe.each(['RSA_2048', 'EC_P256'] as const)('a client certificate for an %s key', (algorithm) => {
  const notAfter = new Date(Date.now() + 90 * DAY_MS + 789); // sub-second part on purpose
  const now = new Date();
  let issued: IssuedCertificate;
  let leafFile: string;
  let text: string;

  beforeAll(async () => {
    issued = await issueClientCertificate({
      issuer: ca.intermediate,
      subjectPublicKeySpki: keys[algorithm].publicKeySpki,
      clientId: 'acme-billing',
      organization: 'Acme Corp',
      notAfter,
      now,
    });
    leafFile = writeTemp(`leaf-${algorithm}.pem`, pemOf(issued.certificateDer));
    text = openssl('x509', '-in', leafFile, '-noout', '-text');
  });

  it('verifies with openssl against ca-chain.pem (intermediate, then root) as a TLS client certificate', () => {
    expect(openssl('verify', '-purpose', 'sslclient', '-CAfile', chainFile, leafFile).trim()).toBe(`${leafFile}: OK`);
  });

  it('names the client (CN = client ID) and the tenant (O), and reports the RFC 4514 subject', () => {
    expect(text).toContain('Subject: O = Acme Corp, CN = acme-billing');
    expect(text).toContain('Issuer: O = Acme Corp, CN = Keyward Intermediate CA');
    expect(issued.subject).toBe('CN=acme-billing,O=Acme Corp');
  });

  it('is a v3 end-entity certificate for TLS client authentication only', () => {
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE\n/);
    expect(text).toMatch(/X509v3 Extended Key Usage: \s+TLS Web Client Authentication\n/);
    const keyUsage = algorithm === 'RSA_2048' ? 'Digital Signature, Key Encipherment' : 'Digital Signature';
    expect(text).toMatch(new RegExp(`X509v3 Key Usage: critical\\s+${keyUsage}\\n`));
  });

  it('carries SKI = SHA-1 of its key and AKI = the intermediate SKI', () => {
    const intermediateText = openssl(
      'x509',
      '-in',
      writeTemp('intermediate.pem', pemOf(ca.intermediate.certificateDer)),
      '-noout',
      '-text',
    );
    const ski = keyIdentifierAfter(text, 'X509v3 Subject Key Identifier');
    const publicKeyInfo = pkijs.PublicKeyInfo.fromBER(keys[algorithm].publicKeySpki);
    expect(ski).toBe(keyIdentifier(publicKeyInfo).toString('hex'));
    expect(keyIdentifierAfter(text, 'X509v3 Authority Key Identifier')).toBe(
      keyIdentifierAfter(intermediateText, 'X509v3 Subject Key Identifier'),
    );
  });

  it('has a positive random serial: 16 bytes, DER-encoded in 16 bytes or 17 with a 0x00 sign byte', async () => {
    expect(issued.serialHex).toMatch(/^[0-9a-f]{32}$/);
    expect(issued.serialHex.startsWith('00')).toBe(false);
    expect(openssl('x509', '-in', leafFile, '-noout', '-serial').trim()).toBe(`serial=${issued.serialHex.toUpperCase()}`);
    const derSerial = Buffer.from(parseCertificate(issued.certificateDer).serialNumber.valueBlock.valueHexView);
    const highBitSet = Number.parseInt(issued.serialHex.slice(0, 2), 16) >= 0x80;
    expect(derSerial.toString('hex')).toBe(highBitSet ? `00${issued.serialHex}` : issued.serialHex);

    const again = await issueClientCertificate({
      issuer: ca.intermediate,
      subjectPublicKeySpki: keys[algorithm].publicKeySpki,
      clientId: 'acme-billing',
      organization: 'Acme Corp',
      notAfter,
    });
    expect(again.serialHex).not.toBe(issued.serialHex);
  });

  it('ends at the given notAfter, truncated down to the second, and starts 5 minutes before now', () => {
    const expectedEnd = new Date(Math.floor(notAfter.getTime() / 1000) * 1000);
    const expectedStart = new Date(Math.floor((now.getTime() - 5 * 60 * 1000) / 1000) * 1000);
    expect(issued.notAfter).toEqual(expectedEnd);
    expect(issued.notBefore).toEqual(expectedStart);
    const dates = openssl('x509', '-in', leafFile, '-noout', '-dates', '-dateopt', 'iso_8601');
    expect(dates).toContain(`notAfter=${expectedEnd.toISOString().replace('T', ' ').replace('.000Z', 'Z')}`);
    expect(dates).toContain(`notBefore=${expectedStart.toISOString().replace('T', ' ').replace('.000Z', 'Z')}`);
  });

  it('is signed with ECDSA-SHA256 by the EC P-256 intermediate', () => {
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
  });

  it('certifies exactly the generated public key, which matches the generated private key', () => {
    const certificatePublicKey = openssl('x509', '-in', leafFile, '-pubkey', '-noout');
    expect(fromPem(certificatePublicKey)[0].der.equals(keys[algorithm].publicKeySpki)).toBe(true);
    const keyFile = writeTemp(`key-${algorithm}.pem`, toPem(keys[algorithm].privateKeyPkcs8, 'PRIVATE KEY'));
    expect(openssl('pkey', '-in', keyFile, '-pubout')).toBe(certificatePublicKey);
    expect(issued.keyAlgorithm).toBe(algorithm);
  });

  it('reports the SHA-256 thumbprint openssl computes', () => {
    const fingerprint = openssl('x509', '-in', leafFile, '-noout', '-fingerprint', '-sha256').trim();
    expect(fingerprint).toBe(`sha256 Fingerprint=${issued.thumbprintSha256.toUpperCase().match(/../g)!.join(':')}`);
  });
});

describe('issuing rules', () => {
  it('escapes special characters in the RFC 4514 subject as openssl does', async () => {
    const issued = await issueClientCertificate({
      issuer: ca.intermediate,
      subjectPublicKeySpki: keys.EC_P256.publicKeySpki,
      clientId: 'billing+eu',
      organization: 'Acme, Inc.',
      notAfter: new Date(Date.now() + DAY_MS),
    });
    expect(issued.subject).toBe('CN=billing\\+eu,O=Acme\\, Inc.');
    const file = writeTemp('escaped.pem', pemOf(issued.certificateDer));
    expect(openssl('x509', '-in', file, '-noout', '-subject', '-nameopt', 'RFC2253').trim()).toBe(`subject=${issued.subject}`);
  });

  it('signs with sha256WithRSAEncryption when the issuing CA has an RSA key', async () => {
    const rsaCaKey = await generateKeyPair('RSA_2048');
    const rsaCa = await signCertificate(
      {
        subject: buildName({ organization: 'Test', commonName: 'RSA Test CA' }),
        publicKeyInfo: pkijs.PublicKeyInfo.fromBER(rsaCaKey.publicKeySpki),
        notBefore: new Date(Date.now() - DAY_MS),
        notAfter: new Date(Date.now() + 10 * DAY_MS),
        extensions: [],
      },
      { privateKeyPkcs8: rsaCaKey.privateKeyPkcs8 },
    );
    const issuer: CaMaterial = { certificateDer: rsaCa.der, privateKeyPkcs8: rsaCaKey.privateKeyPkcs8 };
    const issued = await issueClientCertificate({
      issuer,
      subjectPublicKeySpki: keys.EC_P256.publicKeySpki,
      clientId: 'acme-billing',
      organization: 'Acme Corp',
      notAfter: new Date(Date.now() + DAY_MS),
    });
    const file = writeTemp('rsa-signed.pem', pemOf(issued.certificateDer));
    expect(openssl('x509', '-in', file, '-noout', '-text')).toContain('Signature Algorithm: sha256WithRSAEncryption');
  });

  it('refuses a notAfter in the past or beyond the intermediate CA', async () => {
    const base = { issuer: ca.intermediate, subjectPublicKeySpki: keys.EC_P256.publicKeySpki, clientId: 'c', organization: 'o' };
    await expect(issueClientCertificate({ ...base, notAfter: new Date(Date.now() - 1000) })).rejects.toThrow('in the future');
    await expect(issueClientCertificate({ ...base, notAfter: new Date(Date.now() + 11 * 365 * DAY_MS) })).rejects.toThrow(
      'after the issuing CA expires',
    );
  });

  it('classifies issuable public keys (Ed25519 included) and refuses others', async () => {
    expect(publicKeyAlgorithmOf(keys.RSA_2048.publicKeySpki)).toBe('RSA_2048');
    expect(publicKeyAlgorithmOf(keys.EC_P256.publicKeySpki)).toBe('EC_P256');
    const ed25519 = fromPem(openssl('genpkey', '-algorithm', 'ed25519'))[0].der;
    const edFile = writeTemp('ed.pem', toPem(ed25519, 'PRIVATE KEY'));
    const edSpki = fromPem(openssl('pkey', '-in', edFile, '-pubout'))[0].der;
    expect(publicKeyAlgorithmOf(edSpki)).toBe('ED25519');
    const ed448 = fromPem(openssl('genpkey', '-algorithm', 'ed448'))[0].der;
    const ed448File = writeTemp('ed448.pem', toPem(ed448, 'PRIVATE KEY'));
    const ed448Spki = fromPem(openssl('pkey', '-in', ed448File, '-pubout'))[0].der;
    expect(() => publicKeyAlgorithmOf(ed448Spki)).toThrow('Unsupported public key: Ed448');
  });
});

describe('mTLS with Keyward certificates', () => {
  let server: tls.Server;
  let port: number;
  let clientCredentials: { cert: string; key: string };
  let foreignCredentials: { cert: string; key: string };
  const peerSubjects: string[] = [];
  const clientErrors: string[] = [];

  beforeAll(async () => {
    const [serverKey, foreignCa] = await Promise.all([generateKeyPair('EC_P256'), createCertificateAuthority({ organization: 'Evil' })]);
    const notAfter = new Date(Date.now() + DAY_MS);
    const serverCertificate = await issueServerCertificate({
      issuer: ca.intermediate,
      subjectPublicKeySpki: serverKey.publicKeySpki,
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
      notAfter,
    });
    const client = await issueClientCertificate({
      issuer: ca.intermediate,
      subjectPublicKeySpki: keys.RSA_2048.publicKeySpki,
      clientId: 'acme-billing',
      organization: 'Acme Corp',
      notAfter,
    });
    const foreign = await issueClientCertificate({
      issuer: foreignCa.intermediate,
      subjectPublicKeySpki: keys.EC_P256.publicKeySpki,
      clientId: 'acme-billing',
      organization: 'Acme Corp',
      notAfter,
    });
    const intermediatePem = pemOf(ca.intermediate.certificateDer);
    clientCredentials = { cert: pemOf(client.certificateDer) + intermediatePem, key: toPem(keys.RSA_2048.privateKeyPkcs8, 'PRIVATE KEY') };
    foreignCredentials = {
      cert: pemOf(foreign.certificateDer) + pemOf(foreignCa.intermediate.certificateDer),
      key: toPem(keys.EC_P256.privateKeyPkcs8, 'PRIVATE KEY'),
    };

    server = tls.createServer(
      {
        cert: pemOf(serverCertificate.certificateDer) + intermediatePem,
        key: toPem(serverKey.privateKeyPkcs8, 'PRIVATE KEY'),
        ca: [pemOf(ca.root.certificateDer), intermediatePem],
        requestCert: true,
        rejectUnauthorized: true,
      },
      (socket) => {
        peerSubjects.push(`${socket.authorized}:${socket.getPeerCertificate().subject.CN}`);
        socket.end('hello');
      },
    );
    server.on('tlsClientError', (error) => clientErrors.push(error.message));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Connects, verifying the server against Keyward's root; resolves with what the server sent or the error. */
  function connect(credentials: { cert: string; key: string }): Promise<{ authorized: boolean; data: string; error?: string }> {
    return new Promise((resolve) => {
      let data = '';
      const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pemOf(ca.root.certificateDer), ...credentials });
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => {
        data += chunk;
      });
      socket.on('error', (error) => {
        socket.destroy();
        resolve({ authorized: socket.authorized, data, error: error.message });
      });
      socket.on('close', () => resolve({ authorized: socket.authorized, data }));
    });
  }

  it('accepts a client with an issued certificate, and the client trusts the server certificate', async () => {
    const result = await connect(clientCredentials);
    expect(result).toEqual({ authorized: true, data: 'hello' });
    expect(peerSubjects.at(-1)).toBe('true:acme-billing');
  });

  it('rejects a client whose certificate comes from another CA', async () => {
    const acceptedBefore = peerSubjects.length;
    const errorsBefore = clientErrors.length;
    const result = await connect(foreignCredentials);
    expect(result.data).toBe('');
    expect(peerSubjects).toHaveLength(acceptedBefore);
    // Node's server verifies the client certificate after the TLS 1.3 handshake and, with
    // rejectUnauthorized, destroys the socket without an alert: the server sees a client error,
    // the client just sees the connection end.
    expect(clientErrors).toHaveLength(errorsBefore + 1);
  });
});
