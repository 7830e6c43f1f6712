import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import JSZip from 'jszip';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../server/crypto/sealed.js';
import { DAY_MS, systemClock } from '../server/kernel/clock.js';
import { createCertificateAuthority } from '../server/pki/ca.js';
import { CertificateAuthorityService } from '../server/pki/ca.service.js';
import { issueClientCertificate } from '../server/pki/issue.js';
import { generateKeyPair } from '../server/pki/keys.js';
import { toPem } from '../server/pki/pem.js';
import { OID } from '../server/pki/pkijs-engine.js';
import { TenantDirectory } from '../server/tenants/tenant-directory.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { whileRunning } from './support/processes.js';

/**
 * Relying parties that check revocation on their own — nginx `ssl_crl`, `openssl verify -crl_check_all`, Java PKIX
 * with CRL Distribution Points — against every tenant's CA, and Keyward's own mTLS listener.
 * Every child process runs asynchronously: the server under test runs in this process and must keep answering.
 */

let kw: TestKeyward;
let work: string;
const tenants: Record<'first' | 'second', { cookie: string; issuer: string }> = {} as never;

beforeAll(async () => {
  kw = await startKeyward();
  work = mkdtempSync(join(tmpdir(), 'keyward-relying-'));
  tenants.first = { cookie: await kw.login(), issuer: kw.baseUrl };
  tenants.second = { cookie: (await kw.createTenant('beta')).cookie, issuer: `${kw.baseUrl}/tenants/beta` };
});
afterAll(async () => {
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
  status: number;
  output: string;
}

/** Runs a command to its end; stdout and stderr together (openssl verify reports on both). */
function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd ?? work, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, output: `${stdout}${stderr}` });
    });
  });
}

async function ok(command: string, args: string[], cwd?: string): Promise<string> {
  const result = await run(command, args, { cwd });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.output}`);
  return result.output;
}

interface Issued {
  clientUuid: string;
  clientId: string;
  credentialId: string;
  dir: string;
  cert: string;
  key: string;
  chain: string;
  root: string;
  intermediate: string;
}

async function newClient(cookie: string, name: string): Promise<{ id: string; clientId: string }> {
  const created = await kw.gql(
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
    { input: { name, contactEmails: ['ops@example.com'], scopes: ['orders:read'] } },
    cookie,
  );
  if (!created.data?.createApiClient) throw new Error(`createApiClient failed: ${JSON.stringify(created.errors)}`);
  return created.data.createApiClient;
}

/** A certificate with a generated EC key, unpacked into a folder of its own (key extracted from the PFX). */
async function issue(cookie: string, client: { id: string; clientId: string }): Promise<Issued> {
  const expiresAt = new Date(Math.floor((Date.now() + 30 * DAY_MS) / 1000) * 1000).toISOString();
  const created = await kw.gql(
    'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { password bundle { contentBase64 } credential { id } } }',
    { id: client.id, e: expiresAt },
    cookie,
  );
  if (!created.data?.createCertificate) throw new Error(`createCertificate failed: ${JSON.stringify(created.errors)}`);
  const { password, bundle, credential } = created.data.createCertificate;
  const dir = join(work, `${client.clientId}-${randomBytes(3).toString('hex')}`);
  mkdirSync(dir);
  const zip = await JSZip.loadAsync(Buffer.from(bundle.contentBase64, 'base64'));
  for (const name of Object.keys(zip.files)) writeFileSync(join(dir, name), await zip.files[name].async('nodebuffer'));
  await ok(
    'openssl',
    ['pkcs12', '-in', `${client.clientId}.pfx`, '-passin', `pass:${password}`, '-nocerts', '-nodes', '-out', 'client.key'],
    dir,
  );
  return {
    clientUuid: client.id,
    clientId: client.clientId,
    credentialId: credential.id,
    dir,
    cert: join(dir, `${client.clientId}.crt`),
    key: join(dir, 'client.key'),
    chain: join(dir, 'ca-chain.cert.pem'),
    root: join(dir, 'ca.cert.pem'),
    intermediate: join(dir, 'intermediate.cert.pem'),
  };
}

async function deleteCredential(cookie: string, id: string) {
  const result = await kw.gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id }, cookie);
  expect(result.errors).toBeUndefined();
}

async function deleteClient(cookie: string, id: string) {
  const result = await kw.gql('mutation($id: ID!) { deleteApiClient(id: $id) }', { id }, cookie);
  expect(result.errors).toBeUndefined();
}

async function download(url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
}

/** The tenant's two CRLs as fetched from its URLs, in one PEM file (what nginx `ssl_crl` and `-CRLfile` take). */
async function fetchCrls(issuer: string, name: string): Promise<string> {
  const pem: string[] = [];
  for (const path of ['/pki/crl', '/pki/root.crl']) {
    const response = await download(`${issuer}${path}`);
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/pkix-crl');
    pem.push(toPem(response.body, 'X509 CRL'));
  }
  const file = join(work, `${name}.crls.pem`);
  writeFileSync(file, pem.join(''));
  return file;
}

function crlNumber(der: Buffer): bigint {
  const crl = new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(new Uint8Array(der)).result });
  const extension = crl.crlExtensions?.extensions.find((e) => e.extnID === OID.crlNumber);
  if (!extension) throw new Error('CRL without a cRLNumber');
  return (extension.parsedValue as asn1js.Integer).toBigInt();
}

const verify = (chain: string, crls: string, cert: string) =>
  run('openssl', ['verify', '-crl_check_all', '-CAfile', chain, '-CRLfile', crls, cert]);

describe('what issued certificates and the PKI endpoints carry', () => {
  it('a client certificate names its CRL and its issuer under its tenant; the intermediate names the root CRL', async () => {
    for (const tenant of [tenants.first, tenants.second]) {
      const issued = await issue(tenant.cookie, await newClient(tenant.cookie, 'Extensions'));
      const leaf = await ok('openssl', ['x509', '-in', issued.cert, '-noout', '-text']);
      expect(leaf).toMatch(new RegExp(`X509v3 CRL Distribution Points:\\s+Full Name:\\s+URI:${tenant.issuer}/pki/crl\\n`));
      expect(leaf).toContain(`CA Issuers - URI:${tenant.issuer}/pki/intermediate.crt`);
      const intermediate = await ok('openssl', ['x509', '-in', issued.intermediate, '-noout', '-text']);
      expect(intermediate).toMatch(new RegExp(`X509v3 CRL Distribution Points:\\s+Full Name:\\s+URI:${tenant.issuer}/pki/root.crl\\n`));
      expect(intermediate).toContain(`CA Issuers - URI:${tenant.issuer}/pki/root.crt`);

      // The AIA URLs serve the bundle's own CA certificates, DER.
      const served = await download(`${tenant.issuer}/pki/intermediate.crt`);
      expect(served.type).toBe('application/pkix-cert');
      expect(toPem(served.body, 'CERTIFICATE')).toBe(readFileSync(issued.intermediate, 'utf8'));
      expect(toPem((await download(`${tenant.issuer}/pki/root.crt`)).body, 'CERTIFICATE')).toBe(readFileSync(issued.root, 'utf8'));
      expect((await download(`${tenant.issuer}/pki/ca-chain.pem`)).body.toString()).toBe(readFileSync(issued.chain, 'utf8'));
    }
  });

  it('gives each tenant its own CA (O = tenant name) and serves the root tenant only at the root', async () => {
    const first = (await download(`${kw.baseUrl}/pki/ca-chain.pem`)).body.toString();
    const second = (await download(`${kw.baseUrl}/tenants/beta/pki/ca-chain.pem`)).body.toString();
    expect(second).not.toBe(first);
    writeFileSync(join(work, 'beta-chain.pem'), second);
    expect(await ok('openssl', ['x509', '-in', join(work, 'beta-chain.pem'), '-noout', '-subject'])).toContain(
      'O = Tenant beta, CN = Keyward Intermediate CA',
    );
    for (const path of ['/tenants/nobody/pki/crl', '/tenants/default/pki/crl', '/tenants/default/pki/ca-chain.pem']) {
      const response = await fetch(`${kw.baseUrl}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'not_found' });
    }
  });
});

describe('openssl verify -crl_check_all with the CRLs from the tenant URLs', () => {
  for (const which of ['first', 'second'] as const) {
    it(`accepts a valid certificate and refuses a revoked one (${which} tenant)`, async () => {
      const { cookie, issuer } = tenants[which];
      const valid = await issue(cookie, await newClient(cookie, 'Valid'));
      const revoked = await issue(cookie, await newClient(cookie, 'Revoked'));
      await deleteCredential(cookie, revoked.credentialId);
      const crls = await fetchCrls(issuer, `openssl-${which}`);
      const accepted = await verify(valid.chain, crls, valid.cert);
      expect(accepted.output.trim()).toBe(`${valid.cert}: OK`);
      const refused = await verify(revoked.chain, crls, revoked.cert);
      expect(refused.status).not.toBe(0);
      expect(refused.output).toContain('certificate revoked');
    });
  }

  it("refuses a certificate of the second tenant against the first tenant's chain", async () => {
    const second = await issue(tenants.second.cookie, await newClient(tenants.second.cookie, 'Isolated'));
    const first = await issue(tenants.first.cookie, await newClient(tenants.first.cookie, 'Other tenant'));
    const refused = await run('openssl', ['verify', '-CAfile', first.chain, second.cert]);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('unable to get local issuer certificate');
    expect((await run('openssl', ['verify', '-CAfile', second.chain, second.cert])).output.trim()).toBe(`${second.cert}: OK`);
  });

  it('lists the certificates of a deleted API client', async () => {
    const { cookie, issuer } = tenants.second;
    const client = await newClient(cookie, 'Deleted with its certificates');
    const [one, two] = [await issue(cookie, client), await issue(cookie, client)];
    await deleteClient(cookie, client.id);
    const crls = await fetchCrls(issuer, 'deleted-client');
    for (const issued of [one, two]) expect((await verify(issued.chain, crls, issued.cert)).output).toContain('certificate revoked');
    const [event] = await kw.sql<{ changes: Record<string, { to: string[] }> }>(
      'select changes from audit_event where target_id = ? and action = ?',
      [client.id, 'client.deleted'],
    );
    expect(event.changes.revokedSerials.to).toHaveLength(2);
  });
});

describe('CRL numbers', () => {
  it('strictly increase with each revocation, and stay the same while nothing changes', async () => {
    const { cookie, issuer } = tenants.second;
    const issued = await issue(cookie, await newClient(cookie, 'Numbered'));
    const before = crlNumber((await download(`${issuer}/pki/crl`)).body);
    expect(crlNumber((await download(`${issuer}/pki/crl`)).body)).toBe(before);
    await deleteCredential(cookie, issued.credentialId);
    const after = crlNumber((await download(`${issuer}/pki/crl`)).body);
    expect(after).toBeGreaterThan(before);
    const another = await issue(cookie, await newClient(cookie, 'Numbered again'));
    await deleteCredential(cookie, another.credentialId);
    expect(crlNumber((await download(`${issuer}/pki/crl`)).body)).toBeGreaterThan(after);
    // The root's CRL has a counter of its own.
    expect(crlNumber((await download(`${issuer}/pki/root.crl`)).body)).toBeGreaterThan(0n);
  });
});

describe('nginx with ssl_verify_client and ssl_crl from the tenant URLs', () => {
  let nginx: ChildProcess | null = null;
  let port: number;
  let valid: Issued;
  let revoked: Issued;
  let ofDeletedClient: Issued;

  beforeAll(async () => {
    const { cookie, issuer } = tenants.second;
    valid = await issue(cookie, await newClient(cookie, 'Behind nginx'));
    revoked = await issue(cookie, await newClient(cookie, 'Revoked behind nginx'));
    const doomed = await newClient(cookie, 'Deleted behind nginx');
    ofDeletedClient = await issue(cookie, doomed);
    await deleteCredential(cookie, revoked.credentialId);
    await deleteClient(cookie, doomed.id);
    const crls = await fetchCrls(issuer, 'nginx');

    const dir = join(work, 'nginx');
    mkdirSync(join(dir, 'temp'), { recursive: true });
    await ok('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(dir, 'server.key'),
      '-out',
      join(dir, 'server.crt'),
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
    ]);
    port = await freePort();
    const asRoot = process.getuid?.() === 0;
    writeFileSync(
      join(dir, 'nginx.conf'),
      `${asRoot ? 'user root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${dir}/server.crt;
    ssl_certificate_key ${dir}/server.key;
    ssl_client_certificate ${valid.chain};
    ssl_verify_client on;
    ssl_verify_depth 2;
    ssl_crl ${crls};
    location / { default_type text/plain; return 200 "hello $ssl_client_s_dn\\n"; }
  }
}
`,
    );
    const started = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    nginx = started;
    // Ready once it accepts connections.
    await whileRunning(
      started,
      'nginx listened',
      () =>
        get(valid).catch((error: Error) => {
          throw new Error(`nginx did not start listening: ${error.message}`);
        }),
      { timeout: 10_000 },
      () => readFileSync(join(dir, 'error.log'), 'utf8'),
    );
  });
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
  });

  function get(issued: Issued): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port,
          path: '/',
          key: readFileSync(issued.key),
          cert: readFileSync(issued.cert),
          rejectUnauthorized: false,
          agent: false,
        },
        (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  it('accepts a valid Keyward certificate', async () => {
    const response = await get(valid);
    expect(response.status).toBe(200);
    expect(response.body).toContain(`CN=${valid.clientId}`);
  });

  it('refuses the certificate of a deleted credential and of a deleted API client', async () => {
    for (const issued of [revoked, ofDeletedClient]) {
      const response = await get(issued);
      expect(response.status).toBe(400);
      expect(response.body).toContain('The SSL certificate error');
    }
    const log = readFileSync(join(work, 'nginx', 'error.log'), 'utf8');
    expect(log).toContain('certificate revoked');
  });
});

describe('Java PKIX validation with revocation checking (CRLs from the CRL Distribution Points)', () => {
  const CHECK = `import java.io.FileInputStream;
import java.security.cert.*;
import java.util.List;
import java.util.Set;

public class Check {
  public static void main(String[] args) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    X509Certificate root = read(factory, args[0]);
    X509Certificate intermediate = read(factory, args[1]);
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    parameters.setRevocationEnabled(true);
    CertPathValidator validator = CertPathValidator.getInstance("PKIX");
    for (int i = 2; i < args.length; i++) {
      CertPath path = factory.generateCertPath(List.of(read(factory, args[i]), intermediate));
      try {
        validator.validate(path, parameters);
        System.out.println(args[i] + ": OK");
      } catch (CertPathValidatorException e) {
        System.out.println(args[i] + ": REFUSED " + e.getReason() + " " + e.getMessage());
      }
    }
  }

  private static X509Certificate read(CertificateFactory factory, String file) throws Exception {
    try (FileInputStream in = new FileInputStream(file)) {
      return (X509Certificate) factory.generateCertificate(in);
    }
  }
}
`;

  it('accepts a valid certificate and refuses a revoked one, for each tenant', async () => {
    const dir = join(work, 'java');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Check.java'), CHECK);
    for (const which of ['first', 'second'] as const) {
      const { cookie } = tenants[which];
      const valid = await issue(cookie, await newClient(cookie, 'Java valid'));
      const revoked = await issue(cookie, await newClient(cookie, 'Java revoked'));
      await deleteCredential(cookie, revoked.credentialId);
      const { output } = await run(
        'java',
        ['-Dcom.sun.security.enableCRLDP=true', 'Check.java', valid.root, valid.intermediate, valid.cert, revoked.cert],
        { cwd: dir },
      );
      expect(output, which).toContain(`${valid.cert}: OK`);
      expect(output, which).toMatch(new RegExp(`${revoked.cert}: REFUSED REVOKED .*reason: UNSPECIFIED`));
    }
  });
});

describe("Keyward's own mTLS listener", () => {
  it("authenticates a second tenant's client with its certificate (tls_client_auth)", async () => {
    const { cookie } = tenants.second;
    const issued = await issue(cookie, await newClient(cookie, 'Beta over mTLS'));
    const first = await issue(tenants.first.cookie, await newClient(tenants.first.cookie, 'For the server chain'));
    // tls_client_auth with the tenant's certificate; the listener's own certificate chains to the first tenant's CA.
    const tokenRequest = () =>
      ok('curl', [
        '-s',
        '--max-time',
        '10',
        '--cacert',
        first.chain,
        '--cert',
        issued.cert,
        '--key',
        issued.key,
        '-d',
        `grant_type=client_credentials&client_id=${issued.clientId}`,
        `${kw.mtlsUrl}/oauth2/token`,
      ]);
    const token = await tokenRequest();
    expect(JSON.parse(token)).toMatchObject({ token_type: 'Bearer' });
    await deleteCredential(cookie, issued.credentialId);
    const refused = await tokenRequest();
    expect(JSON.parse(refused).error).toBe('invalid_client');
  });
});

describe('the CA from before CAs per tenant', () => {
  it('gets its intermediate re-issued once, same key and subject, so certificates it issued still chain', async () => {
    // A CA as the installation had it: no CRL Distribution Point on the intermediate, keys sealed without the tenant.
    await kw.createTenant('legacy');
    const [tenant] = await kw.sql<{ id: string }>("select id from tenant where slug = 'legacy'");
    // The running server's own CA service and sealing key: it serves the tenant's PKI endpoints below.
    const service = kw.keyward.services.certificateAuthority;
    const sealingKey = (service as unknown as { sealingKey: Buffer }).sealingKey;
    const old = await createCertificateAuthority({ organization: 'Keyward' });
    for (const kind of ['root', 'intermediate'] as const) {
      await kw.sql(
        'insert into certificate_authority (tenant_id, kind, certificate, sealed_private_key, created_at, crl_number) values (?, ?, ?, ?, now(), ?)',
        [
          tenant.id,
          kind,
          old[kind].certificateDer.toString('base64'),
          seal(sealingKey, old[kind].privateKeyPkcs8, `certificate-authority:${kind}`),
          1_700_000_000,
        ],
      );
    }
    const key = await generateKeyPair('EC_P256');
    const before = await issueClientCertificate({
      issuer: old.intermediate,
      subjectPublicKeySpki: key.publicKeySpki,
      clientId: 'legacy-client',
      organization: 'Keyward',
      notAfter: new Date(Date.now() + DAY_MS),
    });

    const ca = await service.forTenant(tenant.id);
    expect(ca.intermediate.privateKeyPkcs8).toEqual(old.intermediate.privateKeyPkcs8);
    expect(ca.root.certificateDer).toEqual(old.root.certificateDer);
    const dir = join(work, 'legacy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'chain.pem'), ca.pem.chain);
    writeFileSync(join(dir, 'old-intermediate.pem'), toPem(old.intermediate.certificateDer, 'CERTIFICATE'));
    writeFileSync(join(dir, 'leaf.pem'), toPem(before.certificateDer, 'CERTIFICATE'));
    const reissued = await ok('openssl', ['x509', '-in', join(dir, 'chain.pem'), '-noout', '-text']);
    expect(reissued).toContain('Subject: O = Keyward, CN = Keyward Intermediate CA');
    expect(reissued).toContain(`URI:${kw.baseUrl}/tenants/legacy/pki/root.crl`);
    const subjectKeyId = async (file: string) =>
      (await ok('openssl', ['x509', '-in', file, '-noout', '-ext', 'subjectKeyIdentifier'])).split('\n')[1].trim();
    expect(await subjectKeyId(join(dir, 'chain.pem'))).toBe(await subjectKeyId(join(dir, 'old-intermediate.pem')));
    // A certificate issued before the upgrade verifies with the new chain, CRLs checked chain-wide.
    const crls = await fetchCrls(`${kw.baseUrl}/tenants/legacy`, 'legacy');
    expect((await verify(join(dir, 'chain.pem'), crls, join(dir, 'leaf.pem'))).output.trim()).toBe(`${join(dir, 'leaf.pem')}: OK`);
    // Its CRL numbers continue above what the old CA published.
    const [row] = await kw.sql<{ crl_number: string; sealed_private_key: string }>(
      "select crl_number::text, sealed_private_key from certificate_authority where tenant_id = ? and kind = 'intermediate'",
      [tenant.id],
    );
    expect(BigInt(row.crl_number)).toBeGreaterThan(1_700_000_000n);
    // Re-issued once: a second process loads it as it is.
    const orm = kw.keyward.database.orm;
    const again = await new CertificateAuthorityService(
      orm,
      sealingKey,
      systemClock,
      kw.baseUrl,
      new TenantDirectory(orm, kw.baseUrl),
    ).forTenant(tenant.id);
    expect(again.intermediate.certificateDer).toEqual(ca.intermediate.certificateDer);
  });
});

describe('several processes at once', () => {
  it('make a new tenant its CA once, and sign one CRL per change with one number', async () => {
    await kw.createTenant('gamma');
    const [tenant] = await kw.sql<{ id: string }>("select id from tenant where slug = 'gamma'");
    const orm = kw.keyward.database.orm;
    const sealingKey = (kw.keyward.services.certificateAuthority as unknown as { sealingKey: Buffer }).sealingKey;
    // Services of their own stand for processes: each has its own memory and takes its own database connections.
    const processes = [1, 2, 3].map(
      () => new CertificateAuthorityService(orm, sealingKey, systemClock, kw.baseUrl, new TenantDirectory(orm, kw.baseUrl)),
    );
    const cas = await Promise.all(processes.map((p) => p.forTenant(tenant.id)));
    for (const ca of cas) expect(ca.intermediate.certificateDer).toEqual(cas[0].intermediate.certificateDer);
    expect(await kw.sql('select kind from certificate_authority where tenant_id = ? order by kind', [tenant.id])).toEqual([
      { kind: 'intermediate' },
      { kind: 'root' },
    ]);

    const first = await Promise.all(processes.map((p, i) => p.crl(cas[i], 'intermediate')));
    expect(new Set(first.map(crlNumber))).toEqual(new Set([1n]));
    // A revocation marks the CRL stale; the three then serve one new CRL, with the next number.
    await kw.sql("update certificate_authority set crl = null where tenant_id = ? and kind = 'intermediate'", [tenant.id]);
    const second = await Promise.all(processes.map((p, i) => p.crl(cas[i], 'intermediate')));
    expect(new Set(second.map(crlNumber))).toEqual(new Set([2n]));
    expect(second[1]).toEqual(second[0]);
  });
});
