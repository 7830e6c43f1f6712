/**
 * An upgrade from the real previous release (98b6667: one issuer, one signing key, one CA for the installation) to
 * this one (an issuer, keys and CA per tenant): the old release's server, built from git, makes tokens and a client
 * certificate; this release's server then starts on the same database, data directory, master key, URL and ports.
 * For a single-tenant install nothing may change: the old tokens stay valid, the old secret and certificate keep
 * working, and the old certificate chains to both the old and the new CA chain and is checked against the new CRLs.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../server/cli.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, provisionDatabase } from './support/keyward.js';
import { spawnKeyward, waitReady } from './support/processes.js';

const REPO = join(import.meta.dirname, '..');
const PREVIOUS_RELEASE = '98b6667';
const HEAD_MAIN = join(REPO, 'dist/server/start.cjs');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** A command run asynchronously (a server may be answering in this process's event loop meanwhile). */
function run(command: string, args: string[], cwd?: string, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({
        status: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        stdout,
        stderr: stderr || (error ? String(error) : ''),
      }),
    );
    // A command that exits before reading its input (e.g. one refusing at once) closes the pipe: its exit status tells.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

async function must(command: string, args: string[], cwd?: string, input?: string): Promise<string> {
  const result = await run(command, args, cwd, input);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

let work: string;
let oldDir: string;
let database: Awaited<ReturnType<typeof provisionDatabase>> | undefined;
let env: Record<string, string>;
let port: number;
let mtlsPort: number;
let publicUrl: string;
let mtlsUrl: string;
const children = new Set<ChildProcess>();

function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

async function login(): Promise<string> {
  const response = await fetch(`${publicUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kw_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0];
}

async function gql(cookie: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${publicUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const inDays = (days: number) => new Date(Math.floor((Date.now() + days * 86_400_000) / 1000) * 1000).toISOString();

async function clientWithSecret(cookie: string, name: string, scopes: string[]) {
  const { createApiClient } = await gql(
    cookie,
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
    { input: { name, contactEmails: ['ops@example.com'], scopes } },
  );
  const { createClientSecret } = await gql(
    cookie,
    'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret credential { id } } }',
    { id: createApiClient.id, e: inDays(30) },
  );
  return { id: createApiClient.id as string, clientId: createApiClient.clientId as string, secret: createClientSecret.secret as string };
}

async function tokenWithSecret(clientId: string, secret: string) {
  const response = await fetch(`${publicUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(clientId, secret) },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** curl on the mTLS listener with the client certificate; the listener's server certificate is checked with `cacert`. */
async function tokenWithCertificate(clientId: string, cert: string, key: string, cacert: string) {
  const stdout = await must('curl', [
    '-sS',
    '--max-time',
    '10',
    '--cacert',
    cacert,
    '--cert',
    cert,
    '--key',
    key,
    '-d',
    `grant_type=client_credentials&client_id=${clientId}`,
    `${mtlsUrl}/oauth2/token`,
  ]);
  return JSON.parse(stdout) as Record<string, any>;
}

async function discovery(): Promise<Record<string, any>> {
  const response = await fetch(`${publicUrl}/.well-known/oauth-authorization-server`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

async function download(path: string, file: string): Promise<string> {
  const response = await fetch(`${publicUrl}${path}`);
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  const target = join(work, file);
  writeFileSync(target, Buffer.from(await response.arrayBuffer()));
  return target;
}

/** The intermediate CA certificate of a PEM chain file. */
function intermediateOf(chain: string): X509Certificate {
  const pems = readFileSync(chain, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const found = pems.map((pem) => new X509Certificate(pem)).find((certificate) => certificate.subject !== certificate.issuer);
  if (!found) throw new Error(`${chain} holds no intermediate CA certificate`);
  return found;
}

/** The new server's intermediate and root CRLs (DER), as one PEM file for `openssl verify -CRLfile`. */
async function newCrls(name: string): Promise<string> {
  const pems: string[] = [];
  for (const [path, file] of [
    ['/pki/crl', `${name}-intermediate.crl`],
    ['/pki/root.crl', `${name}-root.crl`],
  ]) {
    const der = await download(path, file);
    pems.push(await must('openssl', ['crl', '-inform', 'DER', '-in', der, '-outform', 'PEM']));
  }
  const target = join(work, `${name}-crls.pem`);
  writeFileSync(target, pems.join(''));
  return target;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

/** What the old release made, kept for the checks after the upgrade. */
const before = {
  cookie: '',
  client: { id: '', clientId: '', secret: '' },
  certificateId: '',
  cert: '',
  key: '',
  oldChain: '',
  secretToken: '',
  mtlsToken: '',
  issuer: '',
  jwks: { keys: [] as Record<string, unknown>[] },
};
let newServer: ChildProcess;

beforeAll(async () => {
  const found = await run('git', ['-C', REPO, 'cat-file', '-e', `${PREVIOUS_RELEASE}^{commit}`]);
  if (found.status !== 0) {
    throw new Error(
      `The git history lacks commit ${PREVIOUS_RELEASE} (the release before per-tenant issuers), which this test builds and ` +
        'upgrades from. This is probably a shallow clone: fetch the full history (git fetch --unshallow); CI clones all of it.',
    );
  }
  if (!existsSync(HEAD_MAIN)) throw new Error('dist/server/start.cjs is missing: run `npm run build` first (`npm test` does).');

  work = mkdtempSync(join(tmpdir(), 'keyward-upgrade-'));
  oldDir = join(work, 'old');
  mkdirSync(oldDir);
  await must('sh', ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'sh', REPO, PREVIOUS_RELEASE, oldDir]);
  symlinkSync(join(REPO, 'node_modules'), join(oldDir, 'node_modules'), 'dir');
  await must(join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], oldDir);
  const oldMain = join(oldDir, 'dist/server/start.cjs');
  if (!existsSync(oldMain)) throw new Error(`building ${PREVIOUS_RELEASE} made no ${oldMain}`);

  database = await provisionDatabase();
  port = await freePort();
  mtlsPort = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  mtlsUrl = `https://127.0.0.1:${mtlsPort}`;
  env = {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    KEYWARD_PUBLIC_URL: publicUrl,
    KEYWARD_MTLS_PORT: String(mtlsPort),
    KEYWARD_MTLS_HOSTNAMES: 'localhost,127.0.0.1',
    KEYWARD_ADMIN_EMAIL: ADMIN_EMAIL,
    KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KEYWARD_MASTER_KEY: randomBytes(32).toString('base64'),
    KEYWARD_REMINDER_SCHEDULER: 'off',
    LOG_LEVEL: 'warn',
    ...database.env,
  };

  // The previous release, as its operators ran it.
  const old = spawn(process.execPath, [oldMain], { cwd: oldDir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(old);
  let oldStderr = '';
  old.stderr?.on('data', (chunk: Buffer) => (oldStderr = (oldStderr + chunk).slice(-4096)));
  try {
    await waitReady(publicUrl, 30_000, old);
  } catch (error) {
    throw new Error(`the ${PREVIOUS_RELEASE} server did not start: ${(error as Error).message}\n${oldStderr}`);
  }

  before.cookie = await login();
  before.client = await clientWithSecret(before.cookie, 'Before the upgrade', ['orders:read']);
  const { createCertificate } = await gql(
    before.cookie,
    'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { password bundle { contentBase64 } credential { id } } }',
    { id: before.client.id, e: inDays(30) },
  );
  before.certificateId = createCertificate.credential.id;
  const bundle = join(work, 'bundle');
  mkdirSync(bundle);
  const zip = await JSZip.loadAsync(Buffer.from(createCertificate.bundle.contentBase64, 'base64'));
  for (const name of Object.keys(zip.files)) writeFileSync(join(bundle, name), await zip.files[name].async('nodebuffer'));
  before.cert = join(bundle, `${before.client.clientId}.crt`);
  before.key = join(bundle, 'client.key');
  await must('openssl', [
    'pkcs12',
    '-in',
    join(bundle, `${before.client.clientId}.pfx`),
    '-passin',
    `pass:${createCertificate.password}`,
    '-nocerts',
    '-nodes',
    '-out',
    before.key,
  ]);

  const secretToken = await tokenWithSecret(before.client.clientId, before.client.secret);
  expect(secretToken.status, JSON.stringify(secretToken.body)).toBe(200);
  before.secretToken = secretToken.body.access_token;
  const mtlsToken = await tokenWithCertificate(before.client.clientId, before.cert, before.key, join(bundle, 'ca-chain.cert.pem'));
  expect(mtlsToken.access_token, JSON.stringify(mtlsToken)).toBeTypeOf('string');
  before.mtlsToken = mtlsToken.access_token;

  const metadata = await discovery();
  before.issuer = metadata.issuer;
  before.jwks = (await (await fetch(metadata.jwks_uri)).json()) as typeof before.jwks;
  before.oldChain = await download('/pki/ca-chain.pem', 'old-ca-chain.pem');
  // The previous release had a single CRL and no root CRL: this is the old code, not this release's.
  expect((await fetch(`${publicUrl}/pki/root.crl`)).status, 'the old server serves /pki/root.crl').toBe(404);
  await stop(old);
  expect(old.exitCode, `the ${PREVIOUS_RELEASE} server's exit on SIGTERM:\n${oldStderr}`).toBe(0);

  // The upgrade: this release on the same database, data directory, master key, URL and ports.
  newServer = spawnKeyward({ cliEnv: env, baseUrl: publicUrl }, port, { KEYWARD_MTLS_PORT: String(mtlsPort) });
  children.add(newServer);
  await waitReady(publicUrl, 30_000, newServer);
}, 150_000);

afterAll(async () => {
  for (const child of [...children]) await stop(child);
  await database?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('upgrading a single-tenant install from the previous release', () => {
  it('keeps the issuer of the root discovery document', async () => {
    expect(before.issuer).toBe(publicUrl);
    expect((await discovery()).issuer).toBe(publicUrl);
    const openid = await fetch(`${publicUrl}/.well-known/openid-configuration`);
    expect(((await openid.json()) as Record<string, unknown>).issuer).toBe(publicUrl);
  });

  it('keeps tokens issued before the upgrade valid: they verify against the new JWKS and introspect as active', async () => {
    const jwks = createRemoteJWKSet(new URL((await discovery()).jwks_uri));
    for (const token of [before.secretToken, before.mtlsToken]) {
      const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: publicUrl, typ: 'at+jwt' });
      expect(protectedHeader.alg).toBe('ES256');
      expect(payload.client_id).toBe(before.client.clientId);
    }
    // The old key is still published under its key ID.
    const newJwks = (await (await fetch((await discovery()).jwks_uri)).json()) as typeof before.jwks;
    for (const key of before.jwks.keys) expect(newJwks.keys.map((k) => k.kid)).toContain(key.kid);

    const cookie = await login();
    const gateway = await clientWithSecret(cookie, 'Gateway after the upgrade', ['keyward:tokens.introspect']);
    for (const token of [before.secretToken, before.mtlsToken]) {
      const response = await fetch(`${publicUrl}/oauth2/introspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(gateway.clientId, gateway.secret) },
        body: new URLSearchParams({ token }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ active: true, client_id: before.client.clientId, scope: 'orders:read' });
    }
  });

  it('lets the secret made before the upgrade get tokens, from the same issuer', async () => {
    const response = await tokenWithSecret(before.client.clientId, before.client.secret);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(decodeJwt(response.body.access_token).iss).toBe(decodeJwt(before.secretToken).iss);
    const jwks = createRemoteJWKSet(new URL((await discovery()).jwks_uri));
    await jwtVerify(response.body.access_token, jwks, { issuer: publicUrl, typ: 'at+jwt' });
  });

  it('lets the certificate made before the upgrade get a token on the mTLS listener; it chains to the new and the old CA chain', async () => {
    const newChain = await download('/pki/ca-chain.pem', 'new-ca-chain.pem');
    for (const cacert of [before.oldChain, newChain]) {
      const response = await tokenWithCertificate(before.client.clientId, before.cert, before.key, cacert);
      expect(response.access_token, JSON.stringify(response)).toBeTypeOf('string');
      expect(decodeJwt(response.access_token).iss).toBe(publicUrl);
    }
    // The intermediate was re-issued (now naming its CRL and issuer URLs) with the old one's name and key.
    const [oldIntermediate, newIntermediate] = [intermediateOf(before.oldChain), intermediateOf(newChain)];
    expect(newIntermediate.subject).toBe(oldIntermediate.subject);
    expect(newIntermediate.publicKey.export({ type: 'spki', format: 'der' })).toEqual(
      oldIntermediate.publicKey.export({ type: 'spki', format: 'der' }),
    );
    const text = await must('openssl', ['x509', '-noout', '-text'], undefined, newIntermediate.toString());
    expect(text).toContain(`${publicUrl}/pki/root.crl`);
    for (const chain of [newChain, before.oldChain]) {
      const verified = await run('openssl', ['verify', '-CAfile', chain, before.cert]);
      expect(verified.stderr + verified.stdout, chain).toContain(`${before.cert}: OK`);
      expect(verified.status).toBe(0);
    }
  });

  it('checks the certificate made before the upgrade against the new CRLs: good until its credential is deleted', async () => {
    const newChain = await download('/pki/ca-chain.pem', 'new-ca-chain-crl.pem');
    const good = await run('openssl', ['verify', '-crl_check_all', '-CAfile', newChain, '-CRLfile', await newCrls('before'), before.cert]);
    expect(good.stderr + good.stdout).toContain(`${before.cert}: OK`);
    expect(good.status).toBe(0);

    await gql(await login(), 'mutation($id: ID!) { deleteCredential(id: $id) }', { id: before.certificateId });
    const revoked = await run('openssl', [
      'verify',
      '-crl_check_all',
      '-CAfile',
      newChain,
      '-CRLfile',
      await newCrls('after'),
      before.cert,
    ]);
    expect(revoked.status).not.toBe(0);
    expect(revoked.stderr + revoked.stdout).toMatch(/certificate revoked/);
    const refused = await tokenWithCertificate(before.client.clientId, before.cert, before.key, before.oldChain);
    expect(refused.error).toBe('invalid_client');
  });

  it('re-keys the audit chain the previous release wrote (SHA-256): it verifies with the master key, the events after the upgrade included', async () => {
    // Last: the CLI needs the server stopped when the database is the embedded one.
    await stop(newServer);
    let out = '';
    let err = '';
    const code = await runCli(['audit', 'verify'], {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env: { ...env, LOG_LEVEL: 'silent' },
    });
    expect(code, err + out).toBe(0);
    expect(out).toMatch(/^OK {6}tenant default: \d+ events, chain intact\.$/m);
  });
});
