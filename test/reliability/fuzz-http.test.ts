import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsrError, type CsrRefusal, parseCsr } from '../../server/pki/csr.js';
import {
  databaseFingerprint,
  errorLogLines,
  fuzzRuns,
  HOSTILE_STRINGS,
  INTERNALS,
  UNPAIRED_SURROGATE,
  watchForUnhandled,
} from '../support/fuzz.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type ClientWithSecret, startKeyward, type TestKeyward } from '../support/keyward.js';
import { basicAuth } from '../support/oauth.js';

/**
 * Property-based bad input over Keyward's HTTP surface outside GraphQL (issue #8): the token endpoint's form and
 * headers, the sign-in endpoint, the CSR parser (directly, and through createCertificate), and bodies that are
 * too large, not UTF-8, of the wrong type or cut short. Nothing may answer 5xx, throw past its handler or log an
 * error; every refusal has its endpoint's documented shape. A failure prints fast-check's seed and path;
 * FUZZ_SEED=<seed> replays it.
 */

const RUNS = { token: 3000, validToken: 300, limited: 150, login: 1500, csr: 4000, csrGraphql: 300, malformed: 300 };

/** RFC 6749 §5.2 codes, RFC 8707's invalid_target, and temporarily_unavailable for the 429 of repeated failures. */
const OAUTH_ERRORS = new Set([
  'invalid_target',
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'temporarily_unavailable',
]);
const TOKEN_STATUSES = new Set([200, 400, 401, 413, 415, 429]);
const LOGIN_STATUSES = new Set([200, 400, 401, 413, 415, 429]);
const LOGIN_ERRORS = new Set(['invalid_request', 'invalid_credentials', 'rate_limited']);
const CSR_REFUSALS = new Set<CsrRefusal>([
  'not_pem',
  'wrong_pem_type',
  'malformed',
  'bad_signature',
  'weak_signature',
  'weak_key',
  'unsupported_key',
]);
const MiB = 1024 * 1024;

let kw: TestKeyward;
/** A second Keyward with the default-like low failure limits, for the 429s. */
let limited: TestKeyward;
let admin: string;
let client: ClientWithSecret;
let limitedClient: ClientWithSecret;
let watch: ReturnType<typeof watchForUnhandled>;
let fingerprint: () => Promise<string>;
let csrDir: string;
/** DER of CSRs made by openssl: good ones and ones Keyward refuses (weak key or signature, unsupported key, RSA-PSS signature). */
let csrDers: Buffer[];

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  watch = watchForUnhandled();
  const many = '100000';
  [kw, limited] = await Promise.all([
    startKeyward({
      env: {
        LOG_LEVEL: 'warn',
        KEYWARD_TOKEN_MAX_FAILURES_PER_CLIENT: many,
        KEYWARD_TOKEN_MAX_FAILURES_PER_IP: many,
        KEYWARD_LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
        KEYWARD_LOGIN_MAX_FAILURES_PER_IP: many,
      },
    }),
    startKeyward({
      env: {
        LOG_LEVEL: 'warn',
        KEYWARD_TOKEN_MAX_FAILURES_PER_CLIENT: '3',
        KEYWARD_TOKEN_MAX_FAILURES_PER_IP: '10',
        KEYWARD_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
        KEYWARD_LOGIN_MAX_FAILURES_PER_IP: '10',
      },
    }),
  ]);
  admin = await kw.login();
  // Scopes of one API, so a request without scope or resource gets a token (customers:read stays ungranted: invalid_scope).
  const scopes = { name: 'Fuzzed client', scopes: ['orders:read', 'orders:write'] };
  client = await kw.clientWithSecret(admin, { client: scopes });
  limitedClient = await limited.clientWithSecret(await limited.login(), { client: scopes });
  fingerprint = await databaseFingerprint(kw);
  csrDir = mkdtempSync(join(tmpdir(), 'keyward-fuzz-http-'));
  csrDers = [
    ['rsa2048', '-newkey', 'rsa:2048'],
    ['p256', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    ['p384', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'],
    ['rsa1024', '-newkey', 'rsa:1024'],
    ['ed25519', '-newkey', 'ed25519'],
    ['secp256k1', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp256k1'],
    ['pss', '-newkey', 'rsa:2048', '-sigopt', 'rsa_padding_mode:pss'],
    ['sha1', '-newkey', 'rsa:2048', '-sha1'],
  ].map(([name, ...options]) => {
    const out = join(csrDir, `${name}.csr`);
    openssl(
      'req',
      '-new',
      ...options,
      '-nodes',
      '-keyout',
      join(csrDir, `${name}.key`),
      '-subj',
      '/CN=fuzz/O=Fuzz',
      '-outform',
      'DER',
      '-out',
      out,
    );
    return readFileSync(out);
  });
});

afterAll(async () => {
  watch?.stop();
  await Promise.all([kw?.destroy(), limited?.destroy()]);
  if (csrDir) rmSync(csrDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** A POST with exactly these headers: a Buffer body gets no Content-Type of fetch's choosing. */
async function post(base: string, path: string, headers: Record<string, string>, body: Buffer | string): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? Buffer.from(body) : body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function json(answer: Answer, where: string): Record<string, any> {
  try {
    return JSON.parse(answer.text);
  } catch {
    throw new Error(`${where}: ${answer.status} answer is not JSON: ${answer.text.slice(0, 300)}`);
  }
}

// ---- the token endpoint ----------------------------------------------------------------------------

/** Percent sequences that are not UTF-8, or not percent-encoding at all. */
const BAD_PERCENT = ['%C3%28', '%FF', '%', '%G1', '%E2%82', '%00', '%ED%A0%80', '%C0%AF', '%F4%90%80%80', '%2', '%%', '%FE%FF'];

/** encodeURIComponent, which throws on half a surrogate pair: that half goes as U+FFFD, as a browser would send it. */
const percentEncode = (value: string) => encodeURIComponent(value.replace(UNPAIRED_SURROGATE, '\uFFFD'));

/** A form value encoded the way a client might: properly, with + for spaces, raw, or with broken percent sequences. */
function encoded(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: value.map(percentEncode) },
    { weight: 1, arbitrary: value.map((v) => percentEncode(v).replace(/%20/g, '+')) },
    { weight: 1, arbitrary: value },
    {
      weight: 2,
      arbitrary: fc.tuple(value, fc.nat(), fc.constantFrom(...BAD_PERCENT)).map(([v, at, bad]) => {
        const text = percentEncode(v);
        const i = at % (text.length + 1);
        return `${text.slice(0, i)}${bad}${text.slice(i)}`;
      }),
    },
  );
}

const hostileShort = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 30 }));
/** Also long values, one of them over the form limit on its own. */
const hostile = fc.oneof(
  { weight: 8, arbitrary: hostileShort },
  { weight: 1, arbitrary: fc.constantFrom(10, 1000, 60_000, 70_000).map((n) => 'x'.repeat(n)) },
);

/** A client secret that is nearly the real one: one character changed, cut short, or a well-formed stranger. */
function nearSecret(secret: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom('A', 'z', '0', '_')).map(([at, c]) => {
      const i = 5 + (at % (secret.length - 5));
      return `${secret.slice(0, i)}${secret[i] === c ? 'B' : c}${secret.slice(i + 1)}`;
    }),
    fc.nat().map((n) => secret.slice(0, n % secret.length)),
    fc.stringMatching(/^kwcs_[A-Za-z0-9]{49}$/),
    fc.constant(`${secret} `),
  );
}

/** The form's parameters: each known one present or not, some unknown ones, now and then one twice; in any order. */
function tokenParameters(): fc.Arbitrary<[string, string][]> {
  const scopes = ['orders:read', 'customers:read', 'orders:write', 'keyward:clients.read', 'admin'];
  const values: Record<string, fc.Arbitrary<string>> = {
    grant_type: fc.oneof(
      { weight: 6, arbitrary: fc.constant('client_credentials') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('password', 'authorization_code', 'refresh_token', 'CLIENT_CREDENTIALS', 'client_credentials ', ''),
      },
      { weight: 1, arbitrary: hostile },
    ),
    client_id: fc.oneof(
      { weight: 4, arbitrary: fc.constant(client.clientId) },
      { weight: 1, arbitrary: fc.constantFrom('default-does-not-exist', client.clientId.toUpperCase(), `${client.clientId} `, '') },
      { weight: 1, arbitrary: hostile },
    ),
    client_secret: fc.oneof(
      { weight: 4, arbitrary: fc.constant(client.secret) },
      { weight: 2, arbitrary: nearSecret(client.secret) },
      { weight: 1, arbitrary: hostile },
    ),
    scope: fc.oneof(
      { weight: 4, arbitrary: fc.subarray(scopes).map((names) => names.join(' ')) },
      { weight: 1, arbitrary: fc.constantFrom('', '   ', 'orders:read\torders:read', Array(1000).fill('orders:read').join(' ')) },
      { weight: 1, arbitrary: hostile },
    ),
  };
  // Each known parameter is there four times in five.
  const known = fc.record(
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, fc.option(encoded(value), { freq: 5, nil: undefined })])),
  );
  const unknown = fc.tuple(
    encoded(
      fc.oneof(fc.constantFrom('audience', 'resource', 'client_assertion', '', 'grant_type[]', 'SCOPE'), fc.string({ maxLength: 8 })),
    ),
    encoded(hostile),
  );
  const repeated = fc
    .constantFrom(...Object.keys(values))
    .chain((name) => encoded(values[name]).map((value): [string, string] => [name, value]));
  return fc
    .tuple(
      known,
      fc.array(unknown, { maxLength: 2 }),
      fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: repeated }),
      fc.nat(),
    )
    .map(([present, others, twice, shuffle]) => {
      const params: [string, string][] = [
        ...(Object.entries(present).filter(([, value]) => value !== undefined) as [string, string][]),
        ...others,
        ...(twice ? [twice] : []),
      ];
      return params
        .map((p, i) => [(i * 7919 + shuffle) % 104_729, p] as const)
        .sort(([a], [b]) => a - b)
        .map(([, p]) => p);
    });
}

const tokenAuthorization = (): fc.Arbitrary<string | null> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.constant(basicAuth(client.clientId, client.secret)) },
    { weight: 2, arbitrary: nearSecret(client.secret).map((secret) => basicAuth(client.clientId, secret)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => `Basic ${Buffer.from(text).toString('base64')}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'Basic',
        'Basic ',
        'Basic !!!',
        'Basic =',
        'BASIC eDp5',
        'Bearer abc.def.ghi',
        'Digest username="x"',
        `Basic ${'A'.repeat(12_000)}`,
        `Basic ${Buffer.from('%E0%A4%A:%ZZ').toString('base64')}`,
        `Basic ${Buffer.from('no-colon-here').toString('base64')}`,
        `Basic ${Buffer.from('a:b:c').toString('base64')}`,
        `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0xc3, 0x28]).toString('base64')}`,
      ),
    },
  );

const FORM = 'application/x-www-form-urlencoded';
const tokenContentType: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(FORM) },
  { weight: 1, arbitrary: fc.constantFrom(`${FORM}; charset=utf-8`, `${FORM};charset=ISO-8859-1`, FORM.toUpperCase()) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      'text/plain',
      'application/json',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '',
      `${FORM}, text/plain`,
      'x/y;;;',
    ),
  },
);

interface TokenCase {
  params: [string, string][];
  noise: string;
  authorization: string | null;
  contentType: string | null;
}

/** Built once the real client exists. */
const tokenCase = (): fc.Arbitrary<TokenCase> =>
  fc.record({
    params: tokenParameters(),
    noise: fc.constantFrom('', '', '', '&', '&&', '=', '&=x'),
    authorization: tokenAuthorization(),
    contentType: tokenContentType,
  });

const tokenBody = (c: TokenCase) => [...c.params.map(([name, value]) => `${name}=${value}`), ...(c.noise ? [c.noise] : [])].join('&');
const tokenHeaders = (c: { authorization: string | null; contentType: string | null }) => ({
  ...(c.contentType !== null ? { 'content-type': c.contentType } : {}),
  ...(c.authorization !== null ? { authorization: c.authorization } : {}),
});

/** The assertions every token endpoint answer must pass. */
function checkTokenAnswer(answer: Answer, where: string): Record<string, any> {
  expect(TOKEN_STATUSES, `${where} → ${answer.status} ${answer.text.slice(0, 300)}`).toContain(answer.status);
  expect(answer.headers.get('cache-control'), where).toBe('no-store');
  const body = json(answer, where);
  if (answer.status === 200) return body;
  expect(OAUTH_ERRORS, `${where} → ${answer.text.slice(0, 300)}`).toContain(body.error);
  expect(body.error_description, where).toEqual(expect.any(String));
  expect(body.error_description, where).not.toMatch(INTERNALS);
  expect(body.error_description.length, where).toBeLessThan(600);
  if (answer.status === 401) expect(answer.headers.get('www-authenticate'), where).toMatch(/^Basic /);
  if (answer.status === 429) expect(answer.headers.get('retry-after'), where).toMatch(/^[1-9]\d*$/);
  return body;
}

function checkAccessToken(body: Record<string, any>, expectedScopes: string[], where: string): void {
  expect(body, where).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) });
  expect(decodeProtectedHeader(body.access_token), where).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
  const claims = decodeJwt(body.access_token);
  expect(claims.client_id, where).toBe(client.clientId);
  expect(String(claims.scope).split(' ').sort(), where).toEqual([...expectedScopes].sort());
  expect(body.scope.split(' ').sort(), where).toEqual([...expectedScopes].sort());
}

describe('the token endpoint, fed generated forms and headers', () => {
  it('answers every request with a documented status, an RFC 6749 error and no-store, and a token only for the real secret', async () => {
    const statuses: Record<number, number> = {};
    let tokens = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(tokenCase(), async (c) => {
        const body = tokenBody(c);
        const where = `POST /oauth2/token ${JSON.stringify({ ...c, body: body.slice(0, 300), params: undefined, noise: undefined })}`;
        const answer = await post(kw.baseUrl, '/oauth2/token', tokenHeaders(c), body);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        const parsed = checkTokenAnswer(answer, where);
        if (answer.status === 200) {
          tokens++;
          // No token without the real secret, in the body or the Authorization header.
          expect(body.includes(client.secret) || c.authorization === basicAuth(client.clientId, client.secret), where).toBe(true);
          expect(decodeJwt(parsed.access_token).client_id, where).toBe(client.clientId);
        }
      }),
      fuzzRuns(RUNS.token),
    );
    console.log(
      `token endpoint: ${RUNS.token} generated requests in ${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(statuses)}`,
    );
    // The generator reaches both sides: tokens issued and every kind of refusal.
    expect(tokens).toBeGreaterThan(0);
    expect(Object.keys(statuses).map(Number)).toEqual(expect.arrayContaining([200, 400, 401, 413, 415]));
  }, 120_000);

  it('gives a token to every valid request, whatever harmless variation it has (auth method, order, encoding, unknown parameters)', async () => {
    const unknownName = fc
      .stringMatching(/^[a-z_]{1,12}$/)
      .filter((name) => !['grant_type', 'scope', 'client_id', 'client_secret', 'resource'].includes(name));
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('client_secret_basic', 'client_secret_post'),
          scope: fc.constantFrom(
            null,
            '',
            ' ',
            'orders:read',
            'orders:write',
            'orders:read orders:write',
            'orders:write  orders:read orders:read',
          ),
          unknown: fc.uniqueArray(fc.tuple(unknownName, encoded(hostileShort)), { maxLength: 3, selector: ([name]) => name }),
          shuffle: fc.nat(),
          plusForSpace: fc.boolean(),
          contentType: fc.constantFrom(FORM, `${FORM}; charset=utf-8`, `${FORM};charset=UTF-8`),
        }),
        async (v) => {
          const enc = (value: string) => (v.plusForSpace ? encodeURIComponent(value).replace(/%20/g, '+') : encodeURIComponent(value));
          const params: string[] = [`grant_type=client_credentials`, ...v.unknown.map(([name, value]) => `${name}=${value}`)];
          if (v.scope !== null) params.push(`scope=${enc(v.scope)}`);
          if (v.method === 'client_secret_post') params.push(`client_id=${enc(client.clientId)}`, `client_secret=${enc(client.secret)}`);
          const ordered = params.map((p, i) => [(i * 7919 + v.shuffle) % 104729, p] as const).sort(([a], [b]) => a - b);
          const body = ordered.map(([, p]) => p).join('&');
          const authorization = v.method === 'client_secret_basic' ? basicAuth(client.clientId, client.secret) : null;
          const where = `valid token request ${JSON.stringify(v)}`;
          const answer = await post(kw.baseUrl, '/oauth2/token', tokenHeaders({ authorization, contentType: v.contentType }), body);
          expect(answer.status, `${where} → ${answer.text}`).toBe(200);
          const parsed = checkTokenAnswer(answer, where);
          const requested = [...new Set((v.scope ?? '').trim().split(/\s+/).filter(Boolean))];
          checkAccessToken(parsed, requested.length > 0 ? requested : ['orders:read', 'orders:write'], where);
        },
      ),
      fuzzRuns(RUNS.validToken),
    );
    console.log(
      `token endpoint: ${RUNS.validToken} valid variations in ${((Date.now() - started) / 1000).toFixed(1)} s, all 200 with a JWT`,
    );
  }, 60_000);

  it('answers 429 with Retry-After once failures pass the limit, and only then', async () => {
    const statuses: Record<number, number> = {};
    const limitedCase = fc.record({
      secret: fc.oneof(fc.constant(limitedClient.secret), nearSecret(limitedClient.secret)),
      viaHeader: fc.boolean(),
      extra: fc.array(fc.tuple(fc.constantFrom('scope', 'grant_type', 'client_id', 'x'), encoded(hostile)), { maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(limitedCase, async (c) => {
        const params = ['grant_type=client_credentials', ...c.extra.map(([name, value]) => `${name}=${value}`)];
        if (!c.viaHeader)
          params.push(`client_id=${encodeURIComponent(limitedClient.clientId)}`, `client_secret=${encodeURIComponent(c.secret)}`);
        const authorization = c.viaHeader ? basicAuth(limitedClient.clientId, c.secret) : null;
        const where = `limited token request ${JSON.stringify(c)}`;
        const answer = await post(limited.baseUrl, '/oauth2/token', tokenHeaders({ authorization, contentType: FORM }), params.join('&'));
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        const body = checkTokenAnswer(answer, where);
        if (answer.status === 429) {
          expect(body.error).toBe('temporarily_unavailable');
          expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        }
      }),
      fuzzRuns(RUNS.limited),
    );
    console.log(`token endpoint with low failure limits: ${RUNS.limited} requests, statuses ${JSON.stringify(statuses)}`);
    expect(statuses[429]).toBeGreaterThan(0);
  }, 60_000);
});

// ---- sign-in -----------------------------------------------------------------------------------------

const loginEmail = fc.oneof(
  { weight: 4, arbitrary: fc.constant(ADMIN_EMAIL) },
  { weight: 1, arbitrary: fc.constantFrom(' ADMIN@Example.com ', `${ADMIN_EMAIL}\u0000`, `${ADMIN_EMAIL}.`, 'a'.repeat(100_000)) },
  { weight: 2, arbitrary: fc.emailAddress() },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([ADMIN_EMAIL]), fc.constant({ email: ADMIN_EMAIL })),
  },
);
const loginPassword = fc.oneof(
  { weight: 4, arbitrary: fc.constant(ADMIN_PASSWORD) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(`${ADMIN_PASSWORD} `, ADMIN_PASSWORD.toUpperCase(), '', 'a'.repeat(100_000), `${ADMIN_PASSWORD}\u0000`),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([ADMIN_PASSWORD]), fc.constant({})) },
);

interface LoginCase {
  body: Buffer;
  contentType: string | null;
  /** The request a person signing in correctly would send: JSON, the admin's address and password. */
  right: boolean;
}

const loginObject = fc
  .tuple(
    fc.record({ email: loginEmail, password: loginPassword }, { requiredKeys: [] }),
    fc.option(fc.dictionary(fc.constantFrom('remember', 'tenant', 'otp', 'role'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), {
      nil: undefined,
    }),
  )
  .map(([credentials, extra]) => ({ ...(extra ?? {}), ...credentials }));

const rightCredentials = (value: Record<string, unknown>) =>
  typeof value.email === 'string' && value.email.trim().toLowerCase() === ADMIN_EMAIL && value.password === ADMIN_PASSWORD;

const loginCase: fc.Arbitrary<LoginCase> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(loginObject, fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8'))
      .map(([value, contentType]) => ({ body: Buffer.from(JSON.stringify(value)), contentType, right: rightCredentials(value) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.oneof(
          loginObject.map((value) => Buffer.from(JSON.stringify(value))),
          fc.jsonValue({ maxDepth: 2 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
          fc.tuple(loginObject, fc.nat()).map(([value, at]) => {
            const text = JSON.stringify(value);
            return Buffer.from(text.slice(0, at % text.length));
          }),
          fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
          fc
            .uint8Array({ minLength: 1, maxLength: 8 })
            .map((bytes) =>
              Buffer.concat([
                Buffer.from('{"email":"'),
                Buffer.from([0xff, ...bytes, 0xc3, 0x28]),
                Buffer.from(`","password":"${ADMIN_PASSWORD}"}`),
              ]),
            ),
          loginObject.map((value) =>
            Buffer.from(new URLSearchParams(Object.entries(value).map(([k, v]): [string, string] => [k, String(v)])).toString()),
          ),
        ),
        fc.constantFrom(
          'application/json',
          'text/plain',
          FORM,
          null,
          'multipart/form-data; boundary=x',
          'application/xml',
          'APPLICATION/JSON',
          'application/json; charset=utf-16',
        ),
      )
      .map(([body, contentType]) => ({ body, contentType, right: false })),
  },
);

/** Sign-in cases sent at once: password hashing runs on the thread pool, so the two cores both work. */
const LOGIN_BATCH = 4;

describe('sign-in, fed generated bodies', () => {
  it('answers every body with a documented status and error, and sets a session cookie only for the right credentials', async () => {
    const statuses: Record<number, number> = {};
    let signedIn = 0;
    const started = Date.now();
    const check = async (c: LoginCase) => {
      const where = `POST /auth/login (${c.contentType}) ${c.body.toString('utf8').slice(0, 300)}`;
      const answer = await post(kw.baseUrl, '/auth/login', c.contentType === null ? {} : { 'content-type': c.contentType }, c.body);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      expect(LOGIN_STATUSES, `${where} → ${answer.status} ${answer.text.slice(0, 300)}`).toContain(answer.status);
      const body = json(answer, where);
      const session = answer.headers.getSetCookie().some((cookie) => cookie.startsWith('kw_session='));
      if (c.right) expect(answer.status, `${where} → ${answer.text}`).toBe(200);
      if (answer.status === 200) {
        signedIn++;
        expect(session, where).toBe(true);
        expect(body.user.email, where).toBe(ADMIN_EMAIL);
        // Only a body that holds the password signs in (JSON or, as browsers may send, a form).
        expect(c.body.includes(ADMIN_PASSWORD), where).toBe(true);
        return;
      }
      expect(session, `${where}: a refused sign-in set a session cookie`).toBe(false);
      expect(LOGIN_ERRORS, `${where} → ${answer.text.slice(0, 300)}`).toContain(body.error);
      expect(body.message, where).toEqual(expect.any(String));
      expect(body.message, where).not.toMatch(INTERNALS);
      expect(body.message.length, where).toBeLessThan(600);
      if (body.field !== undefined) expect(['email', 'password'], where).toContain(body.field);
      if (answer.status === 429) expect(answer.headers.get('retry-after'), where).toMatch(/^[1-9]\d*$/);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(loginCase, { minLength: LOGIN_BATCH, maxLength: LOGIN_BATCH }), async (cases) => {
        await Promise.all(cases.map(check));
      }),
      fuzzRuns(RUNS.login / LOGIN_BATCH),
    );
    console.log(
      `sign-in: ${RUNS.login} generated bodies in ${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(statuses)}`,
    );
    expect(signedIn).toBeGreaterThan(0);
    expect(Object.keys(statuses).map(Number)).toEqual(expect.arrayContaining([200, 400, 401, 415]));
  }, 150_000);

  it('answers repeated failed sign-ins with 429 and Retry-After, without a session cookie', async () => {
    const email = `locked-${Date.now()}@example.com`;
    let limitedAnswer: Answer | undefined;
    for (let attempt = 0; attempt < 6 && !limitedAnswer; attempt++) {
      const answer = await post(
        limited.baseUrl,
        '/auth/login',
        { 'content-type': 'application/json' },
        JSON.stringify({ email, password: 'wrong-password-123' }),
      );
      expect([401, 429]).toContain(answer.status);
      if (answer.status === 429) limitedAnswer = answer;
    }
    expect(limitedAnswer?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(limitedAnswer?.headers.getSetCookie()).toEqual([]);
    expect(JSON.parse(limitedAnswer?.text ?? '{}')).toMatchObject({ error: 'rate_limited', message: expect.any(String) });
  });
});

// ---- the CSR parser ----------------------------------------------------------------------------------

/** A DER of nested SEQUENCEs, indefinite length: deep enough to exhaust a recursive decoder's stack. */
const deeplyNested = Buffer.from(Array.from({ length: 30_000 }, () => [0x30, 0x80]).flat());

/** Random ASN.1: a tag, a length (sometimes lying) and content (sometimes more ASN.1). */
const asn1: fc.Arbitrary<Buffer> = fc.letrec<{ node: Buffer }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(fc.constantFrom(0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0x18, 0x31, 0xa0, 0xff), fc.uint8Array({ maxLength: 40 }))
      .map(([tag, content]) => Buffer.from([tag, content.length, ...content])),
    fc
      .tuple(fc.constantFrom(0x30, 0x31, 0xa0, 0xa3), fc.array(tie('node'), { maxLength: 4 }), fc.integer({ min: -2, max: 2 }))
      .map(([tag, children, lie]) => {
        const content = Buffer.concat(children);
        const length = Math.max(0, content.length + lie);
        const lengthBytes = length < 0x80 ? [length] : [0x82, length >> 8, length & 0xff];
        return Buffer.concat([Buffer.from([tag, ...lengthBytes]), content]);
      }),
  ),
})).node;

/** Bytes that look like a CSR to a varying degree. */
function derLike(): fc.Arbitrary<Buffer> {
  const valid = fc.constantFrom(...csrDers);
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    {
      weight: 5,
      arbitrary: fc
        .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }))
        .map(([der, flips]) => {
          const copy = Buffer.from(der);
          for (const [at, bit] of flips) copy[at % copy.length] ^= 1 << bit;
          return copy;
        }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }))
        .map(([der, bytes]) => {
          const copy = Buffer.from(der);
          for (const [at, value] of bytes) copy[at % copy.length] = value;
          return copy;
        }),
    },
    { weight: 2, arbitrary: fc.tuple(valid, fc.nat()).map(([der, n]) => der.subarray(0, n % der.length)) },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.uint8Array({ minLength: 1, maxLength: 20 })).map(([der, extra]) => Buffer.concat([der, extra])),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, valid, fc.nat(), fc.nat())
        .map(([a, b, i, j]) => Buffer.concat([a.subarray(0, i % a.length), b.subarray(j % b.length)])),
    },
    { weight: 2, arbitrary: asn1 },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(deeplyNested) },
  );
}

const pemLines = (der: Buffer) => (der.toString('base64').match(/.{1,64}/g) ?? []).join('\n');

/** Text a person might paste where a CSR is asked for. */
function csrText(): fc.Arbitrary<string> {
  const label = fc.oneof(
    { weight: 6, arbitrary: fc.constant('CERTIFICATE REQUEST') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'NEW CERTIFICATE REQUEST',
        'CERTIFICATE',
        'PRIVATE KEY',
        'PUBLIC KEY',
        'X509 CRL',
        'RSA PRIVATE KEY',
        'certificate request',
        'CERTIFICATE REQUEST ',
      ),
    },
  );
  const wrapped = fc.tuple(derLike(), label, fc.nat()).map(([der, name, style]) => {
    const body = pemLines(der);
    switch (style % 9) {
      case 0:
        return `-----BEGIN ${name}-----\r\n${body.replace(/\n/g, '\r\n')}\r\n-----END ${name}-----\r\n`;
      case 1:
        return `  -----BEGIN ${name}-----\n  ${body.replace(/\n/g, '\n  ')}\n  -----END ${name}-----`;
      case 2:
        return `-----BEGIN ${name}-----\n${body}\n-----END CERTIFICATE-----\n`;
      case 3:
        return `-----BEGIN ${name}-----\n${body.replace(/=+$/, '')}!\n-----END ${name}-----\n`;
      case 4:
        return `Certificate Request:\n    Data: ...\n-----BEGIN ${name}-----\n${body}\n-----END ${name}-----\ntrailing text`;
      case 5:
        return `-----BEGIN ${name}-----\n${body}\n-----END ${name}-----\n`.repeat(2);
      case 6:
        return body;
      default:
        return `-----BEGIN ${name}-----\n${body}\n-----END ${name}-----\n`;
    }
  });
  return fc.oneof(
    { weight: 12, arbitrary: wrapped },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `-----BEGIN CERTIFICATE REQUEST-----\n${'QUFB'.repeat(20_000)}\n-----END CERTIFICATE REQUEST-----\n`,
        '-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n',
        '-----BEGIN CERTIFICATE REQUEST-----\n',
        `-----BEGIN CERTIFICATE REQUEST-----\n${'💥'.repeat(100)}\n-----END CERTIFICATE REQUEST-----\n`,
      ),
    },
  );
}

/** What parseCsr did: parsed it, refused it with its own error, or failed some other way (the bug this looks for). */
async function parseOutcome(text: string): Promise<{ parsed: true } | { refused: CsrError } | { failed: string }> {
  try {
    const parsed = await parseCsr(text);
    expect(['RSA_2048', 'RSA_3072', 'RSA_4096', 'RSA_OTHER', 'EC_P256', 'EC_P384', 'ED25519']).toContain(parsed.keyAlgorithm);
    expect(parsed.publicKeySpki.length).toBeGreaterThan(32);
    expect(parsed.subject).toEqual(expect.any(String));
    return { parsed: true };
  } catch (error) {
    if (error instanceof CsrError) return { refused: error };
    return { failed: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

describe('the CSR parser, fed generated requests', () => {
  it('parses a request or refuses it with a CsrError saying why, never another error', async () => {
    const outcomes: Record<string, number> = {};
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(csrText(), async (text) => {
        const outcome = await parseOutcome(text);
        const kind = 'parsed' in outcome ? 'parsed' : 'refused' in outcome ? outcome.refused.reason : 'failed';
        outcomes[kind] = (outcomes[kind] ?? 0) + 1;
        if ('failed' in outcome) throw new Error(`parseCsr failed with ${outcome.failed} on ${JSON.stringify(text.slice(0, 400))}`);
        if ('refused' in outcome) {
          expect(CSR_REFUSALS).toContain(outcome.refused.reason);
          expect(outcome.refused.message).not.toMatch(INTERNALS);
          expect(outcome.refused.message.length).toBeLessThan(400);
        }
      }),
      fuzzRuns(RUNS.csr),
    );
    console.log(
      `CSR parser: ${RUNS.csr} generated requests in ${((Date.now() - started) / 1000).toFixed(1)} s, outcomes ${JSON.stringify(outcomes)}`,
    );
    // Every kind of refusal is reached, and some requests still parse.
    expect(Object.keys(outcomes).sort()).toEqual([...CSR_REFUSALS, 'parsed'].sort());
  }, 120_000);

  it('refuses the bad ones through createCertificate with BAD_USER_INPUT naming csr, the same message, and no change', async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    let sent = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(csrText(), async (csr) => {
        const outcome = await parseOutcome(csr);
        // Blank text is no CSR at all: Keyward then generates the key pair.
        fc.pre(csr.trim() !== '' && 'refused' in outcome);
        if (!('refused' in outcome)) return;
        sent++;
        const before = await fingerprint();
        const answer = await post(
          kw.baseUrl,
          '/graphql',
          { 'content-type': 'application/json', cookie: admin },
          JSON.stringify({
            query:
              'mutation($id: ID!, $input: CreateCertificateInput!) { createCertificate(clientId: $id, input: $input) { credential { id } } }',
            variables: { id: client.id, input: { csr, expiresAt } },
          }),
        );
        expect(answer.status).toBeLessThan(500);
        const body = json(answer, 'createCertificate');
        expect(body.data ?? null, answer.text.slice(0, 300)).toBeNull();
        // Text PostgreSQL cannot store is refused before the parser runs, with its own message.
        const unstorable = csr.includes('\u0000') || csr.replace(UNPAIRED_SURROGATE, '') !== csr;
        const message = unstorable ? expect.stringMatching(/^CSR contains /) : outcome.refused.message;
        expect(body.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', field: 'csr' } })]);
        expect(await fingerprint()).toBe(before);
      }),
      fuzzRuns(RUNS.csrGraphql),
    );
    console.log(`createCertificate: ${sent} refused CSRs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(sent).toBeGreaterThan(RUNS.csrGraphql * 0.8);
  }, 90_000);
});

// ---- bodies that are too large, not UTF-8, of the wrong type or cut short ------------------------------

interface Endpoint {
  path: string;
  /** The content type it reads. */
  contentType: string;
  /** A small valid body, and one with a 10 MB string inside. */
  valid: () => string;
  huge: () => string;
  /** The most it reads. */
  limit: number;
}

const TEN_MB = 'x'.repeat(10 * 1000 * 1000);
const ENDPOINTS: Endpoint[] = [
  {
    path: '/graphql',
    contentType: 'application/json',
    valid: () =>
      JSON.stringify({
        query: 'query($n: String) { viewer { permissions } apiClients(search: $n) { totalCount } }',
        variables: { n: 'x' },
      }),
    huge: () => JSON.stringify({ query: 'query($n: String) { apiClients(search: $n) { totalCount } }', variables: { n: TEN_MB } }),
    limit: MiB,
  },
  {
    path: '/auth/login',
    contentType: 'application/json',
    valid: () => JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    huge: () => JSON.stringify({ email: ADMIN_EMAIL, password: TEN_MB }),
    limit: MiB,
  },
  {
    path: '/oauth2/token',
    contentType: FORM,
    valid: () => `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.secret}`,
    huge: () => `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${TEN_MB}`,
    limit: 64 * 1024,
  },
];

const headersFor = (endpoint: Endpoint, contentType: string | null) => ({
  ...(contentType === null ? {} : { 'content-type': contentType }),
  ...(endpoint.path === '/graphql' ? { cookie: admin } : {}),
});

/** The refusal every non-GraphQL answer (and GraphQL's own refusals before it runs) must have. */
function checkRefusal(endpoint: Endpoint, answer: Answer, where: string): Record<string, any> {
  expect(answer.status, `${where} → ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${where} → ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  const body = json(answer, where);
  const message: string =
    endpoint.path === '/oauth2/token'
      ? body.error_description
      : (body.message ?? body.errors?.map((e: { message: string }) => e.message).join(' '));
  expect(message, `${where} → ${answer.text.slice(0, 300)}`).toEqual(expect.any(String));
  expect(message, where).not.toMatch(INTERNALS);
  if (endpoint.path === '/oauth2/token') {
    expect(OAUTH_ERRORS).toContain(body.error);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  }
  return body;
}

async function stillAnswers(): Promise<void> {
  for (const endpoint of ENDPOINTS) {
    const answer = await post(kw.baseUrl, endpoint.path, headersFor(endpoint, endpoint.contentType), endpoint.valid());
    expect(answer.status, `${endpoint.path} after the bad bodies → ${answer.text.slice(0, 300)}`).toBe(200);
    const body = json(answer, endpoint.path);
    if (endpoint.path === '/graphql') expect(body.errors).toBeUndefined();
  }
}

describe('bodies that are too large, not UTF-8, of the wrong type or cut short', () => {
  it('refuses a 10 MB string inside valid JSON or form, and a body just over the limit, with 413 naming the limit', async () => {
    for (const endpoint of ENDPOINTS) {
      const readable = endpoint.limit >= MiB ? `${endpoint.limit / MiB} MiB` : `${endpoint.limit / 1024} KiB`;
      for (const body of [endpoint.huge(), `${endpoint.valid()}${' '.repeat(endpoint.limit)}`]) {
        const where = `${endpoint.path} with ${body.length} bytes`;
        const answer = await post(kw.baseUrl, endpoint.path, headersFor(endpoint, endpoint.contentType), body);
        expect(answer.status, where).toBe(413);
        const refusal = checkRefusal(endpoint, answer, where);
        expect(endpoint.path === '/oauth2/token' ? refusal.error_description : refusal.message).toBe(
          `The request body is larger than ${readable}, the most Keyward accepts, so nothing was read or changed. Send less in one request, or split it into several.`,
        );
      }
    }
    await stillAnswers();
  }, 60_000);

  it('answers generated malformed bodies (invalid UTF-8, cut short, wrong or missing content type) with a 4xx or a normal answer, never a 5xx', async () => {
    const statuses: Record<string, number> = {};
    const started = Date.now();
    const malformed = fc.record({
      endpoint: fc.constantFrom(...ENDPOINTS),
      body: fc.oneof(
        fc.tuple(fc.nat(), fc.constant(null)).map(
          ([cut]) =>
            (endpoint: Endpoint) =>
              Buffer.from(endpoint.valid()).subarray(0, cut % endpoint.valid().length),
        ),
        fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 })).map(([at, bytes]) => (endpoint: Endpoint) => {
          // Bytes that are not UTF-8 (0xFF, a lone continuation, a cut sequence) spliced into the body.
          const valid = Buffer.from(endpoint.valid());
          const i = at % valid.length;
          return Buffer.concat([valid.subarray(0, i), Buffer.from([0xff, 0xc3, 0x28, ...bytes, 0xe2, 0x82]), valid.subarray(i)]);
        }),
        fc.uint8Array({ maxLength: 300 }).map((bytes) => () => Buffer.from(bytes)),
        fc.constant(() => Buffer.alloc(0)),
      ),
      contentType: fc.oneof(
        { weight: 4, arbitrary: fc.constant('own') },
        {
          weight: 3,
          arbitrary: fc.constantFrom(
            null,
            'text/plain',
            'application/json',
            FORM,
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/octet-stream',
            'application/json; charset=latin1',
            '',
          ),
        },
      ),
    });
    await fc.assert(
      fc.asyncProperty(malformed, async (c) => {
        const body = c.body(c.endpoint);
        const contentType = c.contentType === 'own' ? c.endpoint.contentType : c.contentType;
        const where = `${c.endpoint.path} (${contentType}) ${JSON.stringify(body.toString('latin1').slice(0, 200))}`;
        const answer = await post(kw.baseUrl, c.endpoint.path, headersFor(c.endpoint, contentType), body);
        statuses[`${c.endpoint.path} ${answer.status}`] = (statuses[`${c.endpoint.path} ${answer.status}`] ?? 0) + 1;
        expect(answer.status, `${where} → ${answer.text.slice(0, 300)}`).toBeLessThan(500);
        if (answer.status >= 400) checkRefusal(c.endpoint, answer, where);
        else json(answer, where);
      }),
      fuzzRuns(RUNS.malformed),
    );
    console.log(`malformed bodies: ${RUNS.malformed} in ${((Date.now() - started) / 1000).toFixed(1)} s, ${JSON.stringify(statuses)}`);
    await stillAnswers();
  }, 60_000);
});

describe('while all of the above ran', () => {
  it('no rejection went unhandled, no exception was uncaught and nothing was logged as an error', () => {
    expect(watch.events).toEqual([]);
    expect(errorLogLines(kw)).toEqual([]);
    expect(errorLogLines(limited)).toEqual([]);
  });
});
