import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_API_KEY } from '../../server/apikeys/personal-api-key.service.js';
import { generateClientSecret } from '../../server/credentials/client-secret.js';
import { Actor, ActorType } from '../../server/kernel/actor.js';
import { DAY_MS } from '../../server/kernel/clock.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type GraphQLResult, startKeyward, type TestKeyward } from '../support/keyward.js';
import { databaseRows } from '../support/leaks.js';
import { basicAuth } from '../support/oauth.js';
import { parseMail } from '../support/smtp.js';

/**
 * Issue #8, "Secrets never leak": every flow that handles a secret — sign-in, users and their passwords, client
 * secrets and their rotation, token requests, certificates with generated keys and from a CSR, personal API keys,
 * reminders, and the failures of each — runs against one Keyward logging at debug level. Every secret, password,
 * private key and bearer token the test saw is then searched for in every log line, every row of every table,
 * the audit trail as the API shows it, every error answer, and the files in the data directory: zero hits.
 *
 * Access tokens and session tokens are bearer credentials like secrets (docs/formats.md#secrets-at-rest-and-in-logs: Authorization headers are redacted), so
 * they are held to the same rule: Keyward keeps only a revoked token's `jti` and a session's SHA-256, nothing that
 * could be presented again. The master key is searched for everywhere but its own file.
 */

const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }';
const DELETE_CLIENT = 'mutation($id: ID!) { deleteApiClient(id: $id) }';
const CREATE_SECRET = `mutation($clientId: ID!, $input: CreateClientSecretInput!) {
  createClientSecret(clientId: $clientId, input: $input) { secret credential { id secretHint } }
}`;
const ROTATE = `mutation($id: ID!, $input: RotateClientSecretInput!) {
  rotateClientSecret(id: $id, input: $input) { secret credential { id secretHint } previous { id status } }
}`;
const DELETE_CREDENTIAL = 'mutation($id: ID!) { deleteCredential(id: $id) }';
const CREATE_CERTIFICATE = `mutation($clientId: ID!, $input: CreateCertificateInput!) {
  createCertificate(clientId: $clientId, input: $input) { password bundle { filename contentBase64 } credential { id } }
}`;
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { temporaryPassword user { id } } }';
const CHANGE_PASSWORD = 'mutation($current: String!, $next: String!) { changeMyPassword(currentPassword: $current, newPassword: $next) }';
const CREATE_KEY = 'mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token apiKey { id } } }';
const REGENERATE_KEY = 'mutation($id: ID!) { regeneratePersonalApiKey(id: $id) { token apiKey { id } } }';
const REVOKE_KEY = 'mutation($id: ID!) { revokePersonalApiKey(id: $id) { status } }';
const VIEWER = '{ viewer { actor { type displayName } } }';
const AUDIT_PAGE = `query($after: String) {
  auditEvents(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id occurredAt action apiClientId ipAddress userAgent requestId
      actor { type id displayName } target { type id name } changes { field from to }
    } }
  }
}`;

/** A value that must never be found, and the strings that would give it away (the value itself, and parts or encodings of it). */
interface Sensitive {
  label: string;
  needles: string[];
}
/** A place searched: one log line, one database row, one audit event, one error answer, one file. */
interface Place {
  where: string;
  text: string;
}
type Auth = { cookie?: string; bearer?: string };

let kw: TestKeyward;
let work: string;
const sensitive: Sensitive[] = [];
/** Every answer Keyward gave to a request that failed: GraphQL errors, OAuth errors, refused sign-ins. */
const failureAnswers: Place[] = [];

beforeAll(async () => {
  kw = await startKeyward({ env: { LOG_LEVEL: 'debug' } });
  work = mkdtempSync(join(tmpdir(), 'keyward-leaks-'));
});
afterAll(async () => {
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

const tag = () => randomBytes(4).toString('hex');
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
/** Certificates end on a whole second (X.509 carries no milliseconds). */
const inWholeDays = (days: number) => new Date(Math.floor((Date.now() + days * DAY_MS) / 1000) * 1000).toISOString();
/**
 * Records a value the test saw; long values are also searched for by a 24-character piece from their middle, unless
 * they contain public parts (a PFX, JKS or zip holds the CA certificates, which are stored), where only the whole value is.
 */
function collect(label: string, value: string | null | undefined, extra: string[] = [], { middle = true } = {}): string {
  if (typeof value !== 'string' || value.length === 0) throw new Error(`${label}: no value to collect`);
  const needles = new Set([value, ...extra]);
  if (middle && value.length >= 40) needles.add(value.slice(value.length / 2 - 12, value.length / 2 + 12));
  for (const needle of needles) expect(needle.length, `${label}: a needle this short would match by chance`).toBeGreaterThanOrEqual(10);
  sensitive.push({ label, needles: [...needles] });
  return value;
}

/** A client secret, also as its body without the prefix and as the Basic header that carried it. */
function collectSecret(label: string, clientId: string, secret: string): string {
  return collect(label, secret, [secret.slice('kwcs_'.length), basicAuth(clientId, secret).slice('Basic '.length)]);
}

/** An access token (a JWT): its signature is the part no other token shares. */
function collectAccessToken(label: string, token: string | undefined): string {
  return collect(label, token, [token?.split('.')[2] ?? '']);
}

/** The PEM block of a private key, and the strings that would give its private part away in any usual encoding. */
function privateKeyNeedles(pem: string): string[] {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, '');
  const der = Buffer.from(body, 'base64');
  const jwk = createPrivateKey(pem).export({ format: 'jwk' });
  const needles = [pem.trim(), body];
  for (const part of [jwk.d, jwk.p]) {
    if (!part) continue;
    const bytes = Buffer.from(part, 'base64url');
    needles.push(part, bytes.toString('base64'), bytes.toString('hex').slice(0, 64));
    // The private part within the PEM's own base64 (the public part is in the certificate, which is stored), cut at its 64-character lines.
    const offset = der.indexOf(bytes);
    expect(offset, 'the private part is inside the key').toBeGreaterThan(0);
    const from = Math.ceil(offset / 3) * 4;
    const to = Math.floor((offset + bytes.length) / 3) * 4;
    for (let line = Math.floor(from / 64) * 64; line < to; line += 64) {
      const chunk = body.slice(Math.max(from, line), Math.min(to, line + 64));
      if (chunk.length >= 16) needles.push(chunk);
    }
  }
  return needles;
}

function collectPrivateKey(label: string, text: string): string {
  const pem = /-----BEGIN ([A-Z ]*PRIVATE KEY)-----[\s\S]+?-----END \1-----/.exec(text)?.[0];
  if (!pem) throw new Error(`${label}: no PEM private key in ${text.slice(0, 40)}`);
  return collect(label, pem, privateKeyNeedles(pem));
}

async function graphql(query: string, variables: Record<string, unknown>, auth: Auth, what: string) {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
      ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as GraphQLResult<any>;
  if (result.errors) failureAnswers.push({ where: `the GraphQL errors answering ${what}`, text: JSON.stringify(result.errors) });
  return { ...result, status: response.status, requestId: response.headers.get('x-request-id') ?? '' };
}

async function ok(query: string, variables: Record<string, unknown>, auth: Auth, what: string) {
  const result = await graphql(query, variables, auth, what);
  expect(result.errors, `${what}: ${JSON.stringify(result.errors)}`).toBeUndefined();
  return result.data as Record<string, any>;
}

async function refused(query: string, variables: Record<string, unknown>, auth: Auth, code: string, what: string) {
  const result = await graphql(query, variables, auth, what);
  expect(result.errors?.[0]?.extensions?.code, `${what}: ${JSON.stringify(result)}`).toBe(code);
  return result.errors![0];
}

async function login(email: string, password: string): Promise<{ status: number; cookie: string }> {
  const response = await fetch(`${kw.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await response.text();
  const cookie =
    response.headers
      .getSetCookie()
      .find((c) => c.startsWith('kw_session='))
      ?.split(';')[0] ?? '';
  if (response.status !== 200) failureAnswers.push({ where: `the refused sign-in of ${email} (${response.status})`, text });
  // The session token is a bearer credential too: only its hash may be stored.
  else collect(`session token of ${email}`, cookie.slice('kw_session='.length));
  return { status: response.status, cookie };
}

/** A POST to an OAuth endpoint; a refusal's answer (body and headers) is kept for the search. */
async function oauth(path: string, params: Record<string, string>, headers: Record<string, string>, what: string) {
  const response = await fetch(`${kw.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  if (response.status >= 400) {
    failureAnswers.push({ where: `the answer to ${what} (${response.status})`, text: text + JSON.stringify([...response.headers]) });
  }
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

const tokenWithBasic = (clientId: string, secret: string, what: string) =>
  oauth('/oauth2/token', { grant_type: 'client_credentials' }, { authorization: basicAuth(clientId, secret) }, what);
const tokenWithPost = (clientId: string, secret: string, what: string) =>
  oauth('/oauth2/token', { grant_type: 'client_credentials', client_id: clientId, client_secret: secret }, {}, what);

/** tls_client_auth on the mTLS listener, with a certificate and key Keyward issued. */
function tokenWithCertificate(clientId: string, cert: string, key: string, ca: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }).toString();
    const request = httpsRequest(
      `${kw.mtlsUrl}/oauth2/token`,
      { method: 'POST', key, cert, ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A generated-key certificate: its zip unpacked, its PFX opened with the password, and every secret part collected. */
async function certificateWithGeneratedKey(auth: Auth, client: { id: string; clientId: string }, keyAlgorithm: 'RSA_2048' | 'EC_P256') {
  const issued = (
    await ok(
      CREATE_CERTIFICATE,
      { clientId: client.id, input: { expiresAt: inWholeDays(90), keyAlgorithm } },
      auth,
      `createCertificate ${keyAlgorithm}`,
    )
  ).createCertificate;
  collect(`PFX/JKS password (${keyAlgorithm})`, issued.password);
  collect(`certificate bundle zip (${keyAlgorithm})`, issued.bundle.contentBase64, [], { middle: false });
  const zip = await JSZip.loadAsync(Buffer.from(issued.bundle.contentBase64, 'base64'));
  const file = (name: string) => zip.files[name].async('nodebuffer');
  const pfx = await file(`${client.clientId}.pfx`);
  const jks = await file(`${client.clientId}.jks`);
  expect(jks.subarray(0, 4).toString('hex')).toBe('feedfeed');
  collect(`PFX file (${keyAlgorithm})`, pfx.toString('base64'), [pfx.toString('hex')], { middle: false });
  collect(`JKS file (${keyAlgorithm})`, jks.toString('base64'), [jks.toString('hex')], { middle: false });
  const pfxPath = join(work, `${keyAlgorithm}.pfx`);
  writeFileSync(pfxPath, pfx);
  const key = collectPrivateKey(
    `private key generated by Keyward (${keyAlgorithm})`,
    openssl('pkcs12', '-in', pfxPath, '-passin', `pass:${issued.password}`, '-nocerts', '-nodes'),
  );
  return {
    credentialId: issued.credential.id as string,
    key,
    cert: await zip.files[`${client.clientId}.crt`].async('string'),
    chain: await zip.files['ca-chain.cert.pem'].async('string'),
  };
}

/** Every file under a directory, but the one named `except`, with its path relative to the directory. */
function filesUnder(dir: string, except: string): { path: string; content: Buffer }[] {
  const files: { path: string; content: Buffer }[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path !== except) files.push({ path: relative(dir, path), content: readFileSync(path) });
    }
  };
  walk(dir);
  return files;
}

describe('secrets never leak (issue #8)', () => {
  it('no secret, password, private key or token seen in any flow is in the logs, the database, the audit trail, an error or a data file', async () => {
    const started = Date.now();

    // Sign-in: the bootstrap admin, after two failures (a wrong password, an unknown account).
    collect('bootstrap admin password', ADMIN_PASSWORD);
    expect((await login(ADMIN_EMAIL, collect('wrong admin password', `not-the-admin-password-${tag()}`))).status).toBe(401);
    expect((await login(`nobody-${tag()}@example.com`, collect('password of an unknown account', `unknown-account-${tag()}`))).status).toBe(
      401,
    );
    const admin: Auth = { cookie: (await login(ADMIN_EMAIL, ADMIN_PASSWORD)).cookie };
    const adminSessionHash = createHash('sha256').update(admin.cookie!.slice('kw_session='.length)).digest('hex');
    const controlRequest = await graphql(VIEWER, {}, admin, 'viewer');

    // A user: temporary password, a refused and a successful change, a wrong password, sign-out, an operator's reset.
    const email = `leak-check-${tag()}@example.com`;
    const temporary = collect(
      'temporary password (createUser)',
      (await ok(CREATE_USER, { input: { email, name: 'Leak Check', teamIds: [] } }, admin, 'createUser')).createUser.temporaryPassword,
    );
    const newcomer: Auth = { cookie: (await login(email, temporary)).cookie };
    const wrongCurrent = collect('wrong current password (changeMyPassword)', `wrong-current-${tag()}`);
    const notAttempted = collect('new password of a refused change', `refused-new-password-${tag()}`);
    await refused(
      CHANGE_PASSWORD,
      { current: wrongCurrent, next: notAttempted },
      newcomer,
      'BAD_USER_INPUT',
      'changeMyPassword, wrong current',
    );
    const tooShort = collect('too short new password', `Sh-${tag()}`);
    await refused(CHANGE_PASSWORD, { current: temporary, next: tooShort }, newcomer, 'BAD_USER_INPUT', 'changeMyPassword, too short');
    const chosen = collect('new password (changeMyPassword)', `chosen-password-${tag()}-${tag()}`);
    expect((await ok(CHANGE_PASSWORD, { current: temporary, next: chosen }, newcomer, 'changeMyPassword')).changeMyPassword).toBe(true);
    expect((await login(email, collect('mistyped password of a user', `${chosen}-typo`))).status).toBe(401);
    const signedIn = await login(email, chosen);
    expect(signedIn.status).toBe(200);
    expect((await fetch(`${kw.baseUrl}/auth/logout`, { method: 'POST', headers: { cookie: signedIn.cookie } })).status).toBe(200);
    await refused(VIEWER, {}, { cookie: signedIn.cookie }, 'UNAUTHENTICATED', 'viewer after sign-out');
    // An operator's reset (`keyward user reset-password` without --password runs this and prints the password once).
    const reset = await kw.keyward.services.tenants.resetPassword(email, undefined, Actor.of(ActorType.SYSTEM, null, 'Keyward CLI'));
    const generated = collect('password generated by an operator’s reset', reset.generatedPassword);
    expect((await login(email, generated)).status).toBe(200);

    // Client secrets: created, used with both methods, rotated twice, deleted; refused when wrong, mistyped, deleted or out of grace.
    const orders = await kw.clientWithSecret(admin.cookie!, { client: { name: 'Leak check orders', scopes: ['orders:read'] } });
    collectSecret('client secret (clientWithSecret)', orders.clientId, orders.secret);
    collectAccessToken(
      'access token (client_secret_basic)',
      (await tokenWithBasic(orders.clientId, orders.secret, 'basic')).body.access_token,
    );
    collectAccessToken(
      'access token (client_secret_post)',
      (await tokenWithPost(orders.clientId, orders.secret, 'post')).body.access_token,
    );
    const second = (
      await ok(CREATE_SECRET, { clientId: orders.id, input: { expiresAt: inDays(60), description: 'second' } }, admin, 'createClientSecret')
    ).createClientSecret;
    collectSecret('client secret (createClientSecret)', orders.clientId, second.secret);
    const rotated = (await ok(ROTATE, { id: orders.secretId, input: { expiresAt: inDays(90) } }, admin, 'rotateClientSecret'))
      .rotateClientSecret;
    collectSecret('client secret (rotateClientSecret)', orders.clientId, rotated.secret);
    expect(rotated.previous).toMatchObject({ id: orders.secretId, status: 'ACTIVE' });
    collectAccessToken(
      'access token (rotated-out secret in its grace period)',
      (await tokenWithBasic(orders.clientId, orders.secret, 'grace')).body.access_token,
    );
    collectAccessToken(
      'access token (rotated-in secret)',
      (await tokenWithBasic(orders.clientId, rotated.secret, 'rotated')).body.access_token,
    );
    const again = (
      await ok(
        ROTATE,
        { id: rotated.credential.id, input: { expiresAt: inDays(120), gracePeriodHours: 0 } },
        admin,
        'rotateClientSecret again',
      )
    ).rotateClientSecret;
    const current = collectSecret('client secret (rotated again)', orders.clientId, again.secret);
    expect((await tokenWithBasic(orders.clientId, rotated.secret, 'a secret rotated out without grace')).status).toBe(401);
    expect((await ok(DELETE_CREDENTIAL, { id: second.credential.id }, admin, 'deleteCredential')).deleteCredential).toBe(
      second.credential.id,
    );
    expect((await tokenWithBasic(orders.clientId, second.secret, 'the secret of a deleted credential')).status).toBe(401);
    const neverIssued = collectSecret('well-formed secret never issued', orders.clientId, generateClientSecret().secret);
    expect((await tokenWithBasic(orders.clientId, neverIssued, 'a wrong secret, basic')).status).toBe(401);
    expect((await tokenWithPost(orders.clientId, neverIssued, 'a wrong secret, post')).status).toBe(401);
    const middle = current.length / 2;
    const mistyped = collectSecret(
      'mistyped secret',
      orders.clientId,
      current.slice(0, middle) + (current[middle] === 'a' ? 'b' : 'a') + current.slice(middle + 1),
    );
    expect((await tokenWithPost(orders.clientId, mistyped, 'a mistyped secret, post')).status).toBe(401);
    expect((await tokenWithBasic(orders.clientId, mistyped, 'a mistyped secret, basic')).status).toBe(401);
    // Credentials in the URL, against RFC 6749 §2.3.1: refused, and the URL is not logged with them.
    const inUrl = await fetch(`${kw.baseUrl}/oauth2/token?${new URLSearchParams({ client_id: orders.clientId, client_secret: current })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    failureAnswers.push({ where: `the answer to a secret in the URL (${inUrl.status})`, text: await inUrl.text() });
    expect(inUrl.status).toBe(401);
    // Pasted into the wrong field: refused without repeating it.
    await refused(
      CREATE_SECRET,
      { clientId: orders.id, input: { expiresAt: current } },
      admin,
      'BAD_USER_INPUT',
      'createClientSecret with a secret as expiresAt',
    );

    // Introspection and revocation, by a gateway client; a management token used on GraphQL, and a forged one.
    const gateway = await kw.clientWithSecret(admin.cookie!, {
      client: { name: 'Leak check gateway', scopes: ['keyward:tokens.introspect'] },
    });
    collectSecret('client secret (gateway)', gateway.clientId, gateway.secret);
    const revocable = collectAccessToken(
      'access token (revoked)',
      (await tokenWithBasic(orders.clientId, current, 'token')).body.access_token,
    );
    const introspect = (token: string) =>
      oauth('/oauth2/introspect', { token }, { authorization: basicAuth(gateway.clientId, gateway.secret) }, 'introspect');
    expect((await introspect(revocable)).body.active).toBe(true);
    expect(
      (await oauth('/oauth2/revoke', { token: revocable }, { authorization: basicAuth(orders.clientId, current) }, 'revoke')).status,
    ).toBe(200);
    expect((await introspect(revocable)).body).toEqual({ active: false });
    const automation = await kw.clientWithSecret(admin.cookie!, {
      client: { name: 'Leak check automation', scopes: ['keyward:clients.read', 'keyward:clients.create'] },
    });
    collectSecret('client secret (management client)', automation.clientId, automation.secret);
    const management = collectAccessToken(
      'management access token',
      (await tokenWithPost(automation.clientId, automation.secret, 'management')).body.access_token,
    );
    const made = (
      await ok(
        CREATE_CLIENT,
        { input: { name: 'Made by a token', contactEmails: ['ops@example.com'] } },
        { bearer: management },
        'createApiClient by token',
      )
    ).createApiClient;
    const [header, payload, signature] = management.split('.');
    const forged = collectAccessToken('forged access token', `${header}.${payload}.${signature.slice(0, 20)}${signature.slice(21)}A`);
    await refused(VIEWER, {}, { bearer: forged }, 'UNAUTHENTICATED', 'viewer with a forged access token');

    // Certificates: generated keys (RSA and EC), the EC one used for tls_client_auth, then deleted; one from a CSR; a key pasted as a CSR.
    const mtls = (
      await ok(CREATE_CLIENT, { input: { name: 'Leak check mTLS', contactEmails: ['pki@example.com'] } }, admin, 'createApiClient')
    ).createApiClient as { id: string; clientId: string };
    await certificateWithGeneratedKey(admin, mtls, 'RSA_2048');
    const ec = await certificateWithGeneratedKey(admin, mtls, 'EC_P256');
    const bound = await tokenWithCertificate(mtls.clientId, ec.cert, ec.key, ec.chain);
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    collectAccessToken('certificate-bound access token (tls_client_auth)', bound.body.access_token);
    await ok(DELETE_CREDENTIAL, { id: ec.credentialId }, admin, 'deleteCredential (certificate)');
    const revokedCertificate = await tokenWithCertificate(mtls.clientId, ec.cert, ec.key, ec.chain);
    expect(revokedCertificate.status).toBe(401);
    failureAnswers.push({
      where: 'the answer to tls_client_auth with a deleted certificate',
      text: JSON.stringify(revokedCertificate.body),
    });
    openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'csr.key', '-out', 'csr.pem', '-subj', '/CN=leak-check');
    collectPrivateKey('private key behind a CSR (stays with the test)', readFileSync(join(work, 'csr.key'), 'utf8'));
    const fromCsr = (
      await ok(
        CREATE_CERTIFICATE,
        { clientId: mtls.id, input: { expiresAt: inWholeDays(90), csr: readFileSync(join(work, 'csr.pem'), 'utf8') } },
        admin,
        'createCertificate from a CSR',
      )
    ).createCertificate;
    expect(fromCsr.password).toBeNull();
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'pasted.key');
    const pasted = collectPrivateKey('private key pasted into the CSR field', readFileSync(join(work, 'pasted.key'), 'utf8'));
    const wrongPem = await refused(
      CREATE_CERTIFICATE,
      { clientId: mtls.id, input: { expiresAt: inWholeDays(90), csr: pasted } },
      admin,
      'BAD_USER_INPUT',
      'createCertificate with a private key as the CSR',
    );
    expect(wrongPem.extensions?.field).toBe('csr');

    // Personal API keys: created, used (also for a change), regenerated; the old value, a forged and a mistyped one refused; revoked.
    const issuedKey = (await ok(CREATE_KEY, { input: { name: 'Leak check key' } }, admin, 'createPersonalApiKey')).createPersonalApiKey;
    const firstKey = collect('personal API key (created)', issuedKey.token);
    expect((await ok(VIEWER, {}, { bearer: firstKey }, 'viewer with a key')).viewer.actor.type).toBe('API_KEY');
    const byKey = (
      await ok(
        CREATE_CLIENT,
        { input: { name: 'Made with a key', contactEmails: ['ops@example.com'] } },
        { bearer: firstKey },
        'createApiClient by key',
      )
    ).createApiClient;
    await ok(DELETE_CLIENT, { id: byKey.id }, { bearer: firstKey }, 'deleteApiClient by key');
    const nextKey = collect(
      'personal API key (regenerated)',
      (await ok(REGENERATE_KEY, { id: issuedKey.apiKey.id }, admin, 'regeneratePersonalApiKey')).regeneratePersonalApiKey.token,
    );
    await refused(VIEWER, {}, { bearer: firstKey }, 'UNAUTHENTICATED', 'viewer with a regenerated-away key');
    expect((await ok(VIEWER, {}, { bearer: nextKey }, 'viewer with the new key')).viewer.actor.type).toBe('API_KEY');
    await refused(
      VIEWER,
      {},
      { bearer: collect('personal API key never issued', PERSONAL_API_KEY.generate().token) },
      'UNAUTHENTICATED',
      'a forged key',
    );
    const typoKey = collect('mistyped personal API key', `${nextKey.slice(0, 20)}${nextKey[20] === 'x' ? 'y' : 'x'}${nextKey.slice(21)}`);
    await refused(VIEWER, {}, { bearer: typoKey }, 'UNAUTHENTICATED', 'a mistyped key');
    expect((await ok(REVOKE_KEY, { id: issuedKey.apiKey.id }, admin, 'revokePersonalApiKey')).revokePersonalApiKey.status).toBe('REVOKED');

    // Expiry reminders, written as .eml files to the outbox in the data directory (no SMTP_URL).
    const expiring = await kw.clientWithSecret(admin.cookie!, {
      client: { name: 'Leak check expiring', contactEmails: ['owner@example.com'] },
      expiresAt: new Date(Date.now() + 10 * DAY_MS),
    });
    collectSecret('client secret (reminded about)', expiring.clientId, expiring.secret);
    expect(await kw.keyward.services.reminders.scan()).toBeGreaterThan(0);
    expect((await kw.keyward.services.reminders.sendDue()).sent).toBeGreaterThan(0);

    // What Keyward publishes holds no private key part: the JWKS has public keys only.
    const jwks = (await (await fetch(`${kw.baseUrl}/oauth2/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(Object.keys(key)).not.toEqual(expect.arrayContaining(['d']));

    // Clean-up as a user would do it, so deletions are in the trail too.
    await ok(DELETE_CLIENT, { id: made.id }, admin, 'deleteApiClient');
    await refused(DELETE_CREDENTIAL, { id: second.credential.id }, admin, 'NOT_FOUND', 'deleteCredential of a deleted one');

    // The master key, known to the test from the data directory.
    const dataDir = kw.cliEnv.KEYWARD_DATA_DIR;
    const masterKeyFile = join(dataDir, 'master.key');
    collect('master key', readFileSync(masterKeyFile, 'utf8').trim());

    // The places searched.
    const logLines = kw.logs.flatMap((chunk) => chunk.split('\n')).filter((line) => line.trim() !== '');
    expect(
      logLines.some((line) => line.includes('"level":20')),
      'debug lines are written',
    ).toBe(true);
    const logs: Place[] = logLines.map((text, i) => {
      const msg = (() => {
        try {
          return String(JSON.parse(text).msg);
        } catch {
          return 'not JSON';
        }
      })();
      return { where: `log line ${i + 1} ("${msg}")`, text };
    });
    const tables = await databaseRows(kw);
    const rows: Place[] = [...tables].flatMap(([table, texts]) =>
      texts.map((text, i) => ({ where: `table ${table}, row ${i + 1}`, text })),
    );
    const events: Record<string, any>[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const page: Record<string, any> = (await ok(AUDIT_PAGE, { after }, admin, 'auditEvents')).auditEvents;
      events.push(...page.edges.map((edge: { node: unknown }) => edge.node));
      totalCount = page.totalCount;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(events).toHaveLength(totalCount);
    const audit: Place[] = events.map((event) => ({ where: `audit event ${event.action} ${event.id}`, text: JSON.stringify(event) }));
    const files: Place[] = filesUnder(dataDir, masterKeyFile).map(({ path, content }) => {
      const raw = content.toString('utf8');
      // A mail's parts are quoted-printable or base64: searched decoded as well as raw.
      const mail = path.endsWith('.eml') ? parseMail(raw, []) : null;
      return { where: `file ${path}`, text: mail ? `${raw}\n${mail.subject}\n${mail.text}\n${mail.html}` : raw };
    });
    expect(
      files.some((file) => file.where.endsWith('.eml')),
      'the outbox holds the reminders',
    ).toBe(true);
    const places = [...logs, ...rows, ...audit, ...failureAnswers, ...files];
    const foundIn = (needle: string) => places.filter((place) => place.text.includes(needle)).map((place) => place.where);

    // Positive controls: the same search finds what is meant to be there, in each kind of place.
    expect(foundIn(controlRequest.requestId).some((where) => where.startsWith('log line'))).toBe(true);
    const ordersFound = foundIn(orders.clientId);
    expect(ordersFound.some((where) => where.startsWith('table api_client,'))).toBe(true);
    expect(ordersFound.some((where) => where.startsWith('table audit_event,'))).toBe(true);
    expect(ordersFound.some((where) => where.startsWith('audit event client.created'))).toBe(true);
    expect(foundIn(second.credential.id).some((where) => where.startsWith('the GraphQL errors answering deleteCredential'))).toBe(true);
    expect(foundIn(expiring.clientId).some((where) => where.startsWith('file ') && where.endsWith('.eml'))).toBe(true);
    // The session is stored, as the SHA-256 of its token only.
    expect(foundIn(adminSessionHash)).toEqual([expect.stringMatching(/^table session, row \d+$/)]);
    expect(foundIn(again.credential.secretHint).some((where) => where.startsWith('table credential,'))).toBe(true);

    const hits: string[] = [];
    let needles = 0;
    for (const { label, needles: forms } of sensitive) {
      for (const needle of forms) {
        needles++;
        for (const where of foundIn(needle)) hits.push(`${label} (as "${needle.slice(0, 12)}…", ${needle.length} chars) in ${where}`);
      }
    }
    console.log(
      [
        '',
        'Secrets never leak (issue #8)',
        `  sensitive values checked: ${sensitive.length} (${needles} search strings)`,
        `  log lines searched:       ${logLines.length} (LOG_LEVEL=debug)`,
        `  tables / rows searched:   ${tables.size} / ${rows.length}`,
        `  audit events searched:    ${events.length}`,
        `  error answers searched:   ${failureAnswers.length}`,
        `  data files searched:      ${files.length} (besides master.key)`,
        `  hits:                     ${hits.length}`,
        `  time:                     ${((Date.now() - started) / 1000).toFixed(1)} s`,
      ].join('\n'),
    );
    expect(hits).toEqual([]);
  }, 180_000);
});
