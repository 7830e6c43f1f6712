import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../server/cli.js';
import { DAY_MS } from '../server/kernel/clock.js';
import { issueServerCertificate } from '../server/pki/issue.js';
import { generateKeyPair } from '../server/pki/keys.js';
import { toPem } from '../server/pki/pem.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { foreignCertificate } from './support/openssl-chain.js';

const CREATE_CERTIFICATE = `mutation($clientId: ID!, $input: CreateCertificateInput!) {
  createCertificate(clientId: $clientId, input: $input) {
    password
    bundle { filename mediaType contentBase64 }
    credential { id type status expiresAt certificate { serialNumber thumbprintSha256 subject notBefore notAfter keyAlgorithm fromCsr } }
  }
}`;

let kw: TestKeyward;
let admin: string;
let work: string;

beforeAll(async () => {
  kw = await startKeyward({ persistent: true });
  admin = await kw.login();
  work = mkdtempSync(join(tmpdir(), 'keyward-certs-'));
});
afterAll(async () => {
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** expiresAt in whole seconds, as X.509 carries it. */
const inDays = (days: number) => new Date(Math.floor((Date.now() + days * DAY_MS) / 1000) * 1000).toISOString();

const run = (command: string, args: string[], input?: string) => spawnSync(command, args, { cwd: work, encoding: 'utf8', input });
const openssl = (...args: string[]) => {
  const result = run('openssl', args);
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
};

async function newClient(name: string) {
  const result = await kw.gql(
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
    { input: { name, contactEmails: ['ops@example.com'] } },
    admin,
  );
  return result.data!.createApiClient as { id: string; clientId: string };
}

async function issue(clientId: string, input: Record<string, unknown>) {
  return kw.gql(CREATE_CERTIFICATE, { clientId, input: { expiresAt: inDays(90), ...input } }, admin);
}

/** Unzips a bundle into a folder of its own and lists the files in it. */
async function unpack(contentBase64: string, folder: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(Buffer.from(contentBase64, 'base64'));
  const dir = join(work, folder);
  execFileSync('mkdir', ['-p', dir]);
  const names = Object.keys(zip.files);
  for (const name of names) writeFileSync(join(dir, name), await zip.files[name].async('nodebuffer'));
  return names;
}

describe('a certificate with a generated key', () => {
  let client: { id: string; clientId: string };
  let result: any;
  let dir: string;

  beforeAll(async () => {
    client = await newClient('mTLS client');
    result = (await issue(client.id, { description: 'payments gateway' })).data?.createCertificate;
    dir = join(work, 'rsa');
    expect(await unpack(result.bundle.contentBase64, 'rsa')).toEqual([
      `${client.clientId}.pfx`,
      `${client.clientId}.jks`,
      `${client.clientId}.crt`,
      'ca.cert.pem',
      'intermediate.cert.pem',
      'ca-chain.cert.pem',
    ]);
  });

  it('comes as a zip with a password of at least 20 characters', () => {
    expect(result.bundle.mediaType).toBe('application/zip');
    expect(result.bundle.filename).toMatch(new RegExp(`^${client.clientId}-[0-9a-f]{8}\\.zip$`));
    expect(result.password.length).toBeGreaterThanOrEqual(20);
    expect(result.credential).toMatchObject({ type: 'CERTIFICATE', status: 'ACTIVE' });
  });

  it('has a PFX that openssl opens with the password (and not without it) holding the matching key', () => {
    const pfx = join(dir, `${client.clientId}.pfx`);
    expect(run('openssl', ['pkcs12', '-in', pfx, '-passin', `pass:${result.password}`, '-noout']).status).toBe(0);
    expect(run('openssl', ['pkcs12', '-in', pfx, '-passin', 'pass:not-the-password', '-noout']).status).not.toBe(0);
    const key = openssl('pkcs12', '-in', pfx, '-passin', `pass:${result.password}`, '-nocerts', '-nodes');
    writeFileSync(join(dir, 'key.pem'), key);
    const keyPublic = openssl('pkey', '-in', join(dir, 'key.pem'), '-pubout');
    const certPublic = openssl('x509', '-in', join(dir, `${client.clientId}.crt`), '-pubkey', '-noout');
    expect(keyPublic).toBe(certPublic);
  });

  it('has a JKS that keytool lists as one PrivateKeyEntry with a chain of 3', () => {
    const listing = run('keytool', [
      '-list',
      '-v',
      '-keystore',
      join(dir, `${client.clientId}.jks`),
      '-storetype',
      'JKS',
      '-storepass',
      result.password,
    ]);
    expect(listing.status).toBe(0);
    expect(listing.stdout).toContain('Your keystore contains 1 entry');
    expect(listing.stdout).toContain('Entry type: PrivateKeyEntry');
    expect(listing.stdout).toContain('Certificate chain length: 3');
    expect(listing.stdout).toContain(`Alias name: ${client.clientId}`);
  });

  it('has a certificate that the CA chain verifies, with the subject, EKU, serial and notAfter of docs/formats.md#client-certificates', () => {
    const crt = join(dir, `${client.clientId}.crt`);
    expect(openssl('verify', '-CAfile', join(dir, 'ca-chain.cert.pem'), crt).trim()).toBe(`${crt}: OK`);
    const certificate = new X509Certificate(readFileSync(crt));
    expect(certificate.subject.split('\n').sort()).toEqual([`CN=${client.clientId}`, 'O=Default']);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(certificate.ca).toBe(false);
    expect(certificate.serialNumber.replace(/^00/, '')).toHaveLength(32);
    expect(new Date(certificate.validTo).toISOString()).toBe(result.credential.expiresAt);
    const text = openssl('x509', '-in', crt, '-noout', '-text');
    expect(text).toContain('TLS Web Client Authentication');
    expect(text).toMatch(/Subject Key Identifier/);
    expect(text).toMatch(/Authority Key Identifier/);
    expect(text).toMatch(/Signature Algorithm: (ecdsa-with-SHA256|sha256WithRSAEncryption)/);
    expect(text).toMatch(/Public-Key: \(2048 bit\)/);
    expect(result.credential.certificate).toMatchObject({
      serialNumber: certificate.serialNumber.toLowerCase().replace(/^00/, ''),
      thumbprintSha256: createHash('sha256').update(certificate.raw).digest('hex'),
      subject: `CN=${client.clientId},O=Default`,
      keyAlgorithm: 'RSA_2048',
      fromCsr: false,
    });
  });

  it('never leaves a private key, the PFX or the password in the database', async () => {
    const keyDer = Buffer.from(
      readFileSync(join(dir, 'key.pem'), 'utf8')
        .split('\n')
        .filter((line) => line && !line.startsWith('-----') && !line.includes(':'))
        .join(''),
      'base64',
    );
    const pfx = readFileSync(join(dir, `${client.clientId}.pfx`));
    const needles = [
      'PRIVATE KEY',
      keyDer.toString('base64').slice(40, 100),
      keyDer.toString('hex').slice(80, 200),
      pfx.toString('base64').slice(40, 100),
      result.password,
    ];
    const columns = await kw.sql<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea')",
    );
    for (const needle of needles) {
      for (const { table_name, column_name } of columns) {
        const rows = await kw.sql(`select 1 from "${table_name}" where "${column_name}"::text like ?`, [`%${needle}%`]);
        expect(rows, `${needle.slice(0, 12)}… found in ${table_name}.${column_name}`).toEqual([]);
      }
    }
  });

  it('opens a mutual-TLS handshake with a server that trusts the chain; a certificate from another CA is refused', async () => {
    const chain = readFileSync(join(dir, 'ca-chain.cert.pem'), 'utf8');
    const ca = kw.keyward.services.certificateAuthority;
    const serverKeys = await generateKeyPair('EC_P256');
    const serverCert = await issueServerCertificate({
      issuer: ca.intermediate,
      subjectPublicKeySpki: serverKeys.publicKeySpki,
      dnsNames: ['localhost'],
      notAfter: new Date(Date.now() + DAY_MS),
    });
    const server = tls.createServer({
      key: toPem(serverKeys.privateKeyPkcs8, 'PRIVATE KEY'),
      cert: toPem(serverCert.certificateDer, 'CERTIFICATE') + ca.certificatesPem().intermediate,
      ca: chain,
      requestCert: true,
      rejectUnauthorized: true,
    });
    server.on('secureConnection', (socket) => socket.end('hello'));
    const refusals: Error[] = [];
    server.on('tlsClientError', (error) => refusals.push(error));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const connect = (options: tls.ConnectionOptions) =>
      new Promise<string>((resolve) => {
        const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: chain, ...options }, () => undefined);
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('close', () => resolve(data));
        socket.on('error', (error) => resolve(`refused: ${error.message}`));
      });
    try {
      const pfx = readFileSync(join(dir, `${client.clientId}.pfx`));
      expect(await connect({ pfx, passphrase: result.password })).toBe('hello');
      expect(refusals).toEqual([]);

      const other = foreignCertificate(work, client.clientId);
      // TLS 1.3: the server refuses after the handshake, so the client just sees the connection end without data.
      expect(await connect({ key: readFileSync(other.key), cert: readFileSync(other.cert) })).not.toBe('hello');
      // Node reports the refused handshake on the server as a tlsClientError (its message is only "socket hang up").
      await expect.poll(() => refusals.length).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('certificates', () => {
  it('can use a generated EC P-256 key', async () => {
    const client = await newClient('EC client');
    const created = (await issue(client.id, { keyAlgorithm: 'EC_P256' })).data?.createCertificate;
    expect(created.credential.certificate.keyAlgorithm).toBe('EC_P256');
    await unpack(created.bundle.contentBase64, 'ec');
    const pfx = join(work, 'ec', `${client.clientId}.pfx`);
    expect(run('openssl', ['pkcs12', '-in', pfx, '-passin', `pass:${created.password}`, '-noout']).status).toBe(0);
    expect(openssl('x509', '-in', join(work, 'ec', `${client.clientId}.crt`), '-noout', '-text')).toMatch(/ASN1 OID: prime256v1/);
  });

  describe('from a CSR', () => {
    let client: { id: string; clientId: string };
    beforeAll(async () => {
      client = await newClient('CSR client');
      openssl(
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'csr.key',
        '-out',
        'good.csr',
        '-subj',
        '/CN=attacker/O=Evil Corp',
      );
      openssl('req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', 'weak.key', '-out', 'weak.csr', '-subj', '/CN=weak');
      const newCsr = (name: string, ...newkey: string[]) =>
        openssl('req', '-new', '-newkey', ...newkey, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=x');
      newCsr('e3', 'rsa:2048', '-pkeyopt', 'rsa_keygen_pubexp:3');
      newCsr('p521', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521');
      newCsr('ed25519', 'ed25519');
      newCsr('p384', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384');
      openssl('req', '-new', '-key', 'csr.key', '-sha1', '-out', 'sha1.csr', '-subj', '/CN=x');
    });

    // Asynchronous: the server under test runs in this process and must keep answering while curl waits.
    const tokenOverMtls = async (folder: string, cert: string, key: string) => {
      const { stdout } = await promisify(execFile)(
        'curl',
        ['-s', '--max-time', '10', '--cacert', join(work, folder, 'ca-chain.cert.pem'), '--cert', cert, '--key', key].concat([
          '-d',
          `grant_type=client_credentials&client_id=${client.clientId}`,
          `${kw.mtlsUrl}/oauth2/token`,
        ]),
        { encoding: 'utf8' },
      );
      return JSON.parse(stdout) as Record<string, unknown>;
    };

    it.each([
      ['ed25519', 'ED25519'],
      ['p384', 'EC_P384'],
    ])('certifies an %s CSR; openssl verifies the certificate and it gets a token on the mTLS listener', async (name, keyAlgorithm) => {
      const created = (await issue(client.id, { csr: readFileSync(join(work, `${name}.csr`), 'utf8') })).data?.createCertificate;
      expect(created.credential.certificate).toMatchObject({ keyAlgorithm, fromCsr: true });
      await unpack(created.bundle.contentBase64, `csr-${name}`);
      const crt = join(work, `csr-${name}`, `${client.clientId}.crt`);
      expect(openssl('verify', '-CAfile', join(work, `csr-${name}`, 'ca-chain.cert.pem'), crt)).toContain('OK');
      const token = await tokenOverMtls(`csr-${name}`, crt, join(work, `${name}.key`));
      expect(token.token_type, JSON.stringify(token)).toBe('Bearer');
      await kw.gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id: created.credential.id }, admin);
    });

    it('certifies the CSR’s public key under Keyward’s subject; the zip holds no key and there is no password', async () => {
      const created = (await issue(client.id, { csr: readFileSync(join(work, 'good.csr'), 'utf8') })).data?.createCertificate;
      expect(created.password).toBeNull();
      expect(await unpack(created.bundle.contentBase64, 'csr')).toEqual([
        `${client.clientId}.crt`,
        'ca.cert.pem',
        'intermediate.cert.pem',
        'ca-chain.cert.pem',
      ]);
      const crt = join(work, 'csr', `${client.clientId}.crt`);
      expect(openssl('x509', '-in', crt, '-pubkey', '-noout')).toBe(openssl('req', '-in', join(work, 'good.csr'), '-pubkey', '-noout'));
      const subject = openssl('x509', '-in', crt, '-noout', '-subject');
      expect(subject).toContain(`CN = ${client.clientId}`);
      expect(subject).not.toMatch(/attacker|Evil/);
      expect(created.credential.certificate.fromCsr).toBe(true);
      expect(openssl('verify', '-CAfile', join(work, 'csr', 'ca-chain.cert.pem'), crt)).toContain('OK');
    });

    it.each([
      ['garbage', () => 'this is not a certificate request', /not PEM/],
      [
        'a PEM certificate instead of a CSR',
        () => readFileSync(join(work, 'csr', 'ca.cert.pem'), 'utf8'),
        /PEM CERTIFICATE, not a certificate signing request/,
      ],
      [
        'a CSR whose signature was tampered with',
        () => {
          const pem = readFileSync(join(work, 'good.csr'), 'utf8');
          const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
          der[der.length - 10] ^= 0xff;
          return `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE REQUEST-----\n`;
        },
        /signature does not verify/,
      ],
      ['an RSA-1024 CSR', () => readFileSync(join(work, 'weak.csr'), 'utf8'), /RSA key is 1024 bits; use 2048 to 8192 bits/],
      ['an RSA CSR with exponent 3', () => readFileSync(join(work, 'e3.csr'), 'utf8'), /public exponent 3; use .*exponent 65537/],
      ['a P-521 CSR', () => readFileSync(join(work, 'p521.csr'), 'utf8'), /EC curve P-521; use P-256 or P-384/],
      [
        'a SHA-1 signed CSR',
        () => readFileSync(join(work, 'sha1.csr'), 'utf8'),
        /signed with sha1WithRSAEncryption, which is no longer safe; sign it with SHA-256 or stronger/,
      ],
    ])('refuses %s with BAD_USER_INPUT naming csr and saying why', async (_case, csr, message) => {
      const before = await kw.sql('select id from credential');
      const result = await issue(client.id, { csr: csr() });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csr' });
      expect(result.errors?.[0].message).toMatch(message);
      expect(await kw.sql('select id from credential')).toEqual(before);
    });
  });

  it('follow the same expiry rules and share the 5-credential limit with secrets', async () => {
    const client = await newClient('Shared limit');
    const tooLong = await issue(client.id, { expiresAt: inDays(366), keyAlgorithm: 'EC_P256' });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
    for (let i = 0; i < 3; i++) {
      await kw.gql(
        'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret } }',
        { id: client.id, e: inDays(30) },
        admin,
      );
    }
    for (let i = 0; i < 2; i++) expect((await issue(client.id, { keyAlgorithm: 'EC_P256' })).errors).toBeUndefined();
    const sixth = await issue(client.id, { keyAlgorithm: 'EC_P256' });
    expect(sixth.errors?.[0]).toMatchObject({
      message: 'This API client already has 5 secrets/certificates, the maximum allowed. Delete one before adding a new one.',
      extensions: { code: 'LIMIT_EXCEEDED' },
    });
  });

  it('is revoked when deleted: its serial is on the CRL signed by the intermediate', async () => {
    const client = await newClient('Revoked');
    const created = (await issue(client.id, { keyAlgorithm: 'EC_P256' })).data?.createCertificate;
    await unpack(created.bundle.contentBase64, 'revoked');
    const serial = created.credential.certificate.serialNumber as string;
    const crlBefore = Buffer.from(await (await fetch(`${kw.baseUrl}/pki/crl`)).arrayBuffer());
    writeFileSync(join(work, 'before.crl'), crlBefore);
    expect(openssl('crl', '-inform', 'DER', '-in', 'before.crl', '-text', '-noout').toLowerCase()).not.toContain(serial);

    await kw.gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id: created.credential.id }, admin);
    const response = await fetch(`${kw.baseUrl}/pki/crl`);
    expect(response.headers.get('content-type')).toBe('application/pkix-crl');
    writeFileSync(join(work, 'after.crl'), Buffer.from(await response.arrayBuffer()));
    const text = openssl('crl', '-inform', 'DER', '-in', 'after.crl', '-text', '-noout');
    expect(text.toLowerCase().replace(/:/g, '')).toContain(serial.replace(/^0+/, ''));
    expect(text).toContain('Keyward Intermediate CA');
    const verified = run('openssl', [
      'crl',
      '-inform',
      'DER',
      '-in',
      'after.crl',
      '-CAfile',
      join(work, 'revoked', 'ca-chain.cert.pem'),
      '-noout',
    ]);
    expect(verified.status).toBe(0);
    expect(verified.stderr + verified.stdout).toMatch(/verify OK/);
  });

  it('CLI ca print shows the same CA certificates as the bundles', async () => {
    // The operator stops the server first when it runs on the embedded database (one process only).
    await kw.stopServer();
    let out = '';
    const code = await runCli(['ca', 'print'], { stdout: (t) => (out += t), stderr: () => undefined, env: kw.cliEnv });
    expect(code).toBe(0);
    const root = readFileSync(join(work, 'rsa', 'ca.cert.pem'), 'utf8');
    const intermediate = readFileSync(join(work, 'rsa', 'intermediate.cert.pem'), 'utf8');
    expect(out).toBe(`# Keyward Root CA\n${root}# Keyward Intermediate CA\n${intermediate}`);
  });
});
