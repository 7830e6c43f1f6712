import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import JSZip from 'jszip';
import { ClientCredentials } from 'simple-oauth2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientWithSecret, startKeyward, type TestKeyward } from './support/keyward.js';
import { basicAuth } from './support/oauth.js';

/**
 * The OAuth endpoints against the standards they implement (RFC 6749, 7009, 7662, 8414, 8705), on both listeners: the
 * main one and the mTLS one answer every request the same way, because they serve the same OAuth surface.
 */
const execFileAsync = promisify(execFile);
const MTLS_PUBLIC_URL = 'https://mtls.example.test:8443';
/** RFC 6749 section 5.2: error_description is %x20-21 / %x23-5B / %x5D-7E. */
const DESCRIPTION = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;
const FORM = 'application/x-www-form-urlencoded';

let kw: TestKeyward;
let admin: string;
let work: string;
/** The CA chain the mTLS listener's certificate (and every client certificate) is issued under. */
let caChain: string;
/** Every error_description any response in this file carried. */
const descriptions: string[] = [];

beforeAll(async () => {
  kw = await startKeyward({
    env: {
      KEYWARD_MTLS_PUBLIC_URL: MTLS_PUBLIC_URL,
      KEYWARD_TOKEN_MAX_FAILURES_PER_CLIENT: '1000',
      KEYWARD_TOKEN_MAX_FAILURES_PER_IP: '1000',
    },
  });
  admin = await kw.login();
  await kw.createTenant('acme');
  work = mkdtempSync(join(tmpdir(), 'keyward-conformance-'));
  const chain = await fetch(`${kw.baseUrl}/pki/ca-chain.pem`);
  expect(chain.status).toBe(200);
  caChain = await chain.text();
});
afterAll(async () => {
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The JSON body, or null when there is none (HEAD) or it is not JSON. */
  json: Record<string, any> | null;
}

interface Send {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A client certificate and key (PEM), for the mTLS listener. */
  cert?: string;
  key?: string;
}

/** One HTTP request to either listener, as bytes on the wire: the mTLS listener is verified against Keyward's CA. */
function send(base: string, path: string, { method = 'POST', headers = {}, body, cert, key }: Send = {}): Promise<Answer> {
  const url = new URL(path, base);
  const tls = url.protocol === 'https:';
  const options = {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) },
    ...(tls ? { ca: caChain, cert, key, servername: 'localhost' } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (tls ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, any> | null = null;
        try {
          json = text ? (JSON.parse(text) as Record<string, any>) : null;
        } catch {
          json = null;
        }
        if (json && typeof json.error_description === 'string') descriptions.push(json.error_description);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An RFC 6749 section 5.2 refusal: the status, exactly `error` and `error_description`, never cached, as JSON. */
function expectRefusal(answer: Answer, status: number, error: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json, answer.text).not.toBeNull();
  expect(Object.keys(answer.json ?? {}).sort()).toEqual(['error', 'error_description']);
  expect(answer.json?.error).toBe(error);
  expect(answer.json?.error_description).toMatch(DESCRIPTION);
  expect(answer.json?.error_description.length).toBeGreaterThan(0);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers.pragma).toBe('no-cache');
  expect(answer.headers['content-type']).toMatch(/^application\/json(;|$)/);
  if (status === 401) expect(answer.headers['www-authenticate']).toMatch(/^Basic /);
}

/** The parts of a refusal both listeners must agree on. */
const shapeOf = (answer: Answer) => ({
  status: answer.status,
  body: answer.json,
  cacheControl: answer.headers['cache-control'],
  pragma: answer.headers.pragma,
  contentType: answer.headers['content-type'],
  allow: answer.headers.allow,
  wwwAuthenticate: answer.headers['www-authenticate'],
  retryAfter: answer.headers['retry-after'],
});

let client: ClientWithSecret;
beforeAll(async () => {
  client = await kw.clientWithSecret(admin, { client: { name: 'Conformance client' } });
});

describe('the mTLS listener refuses what the main listener refuses, in the same way', () => {
  const auth = () => ({ authorization: basicAuth(client.clientId, client.secret) });
  const cases: [string, () => Send, number, string][] = [
    ['a malformed form body', () => ({ headers: { 'content-type': FORM, ...auth() }, body: '%E0%A4%A&=&&%' }), 400, 'invalid_request'],
    [
      'a repeated parameter',
      () => ({ headers: { 'content-type': FORM, ...auth() }, body: 'grant_type=client_credentials&grant_type=client_credentials' }),
      400,
      'invalid_request',
    ],
    [
      'a body over 64 KiB',
      () => ({ headers: { 'content-type': FORM, ...auth() }, body: `grant_type=client_credentials&pad=${'x'.repeat(64 * 1024)}` }),
      413,
      'invalid_request',
    ],
    [
      'a JSON body',
      () => ({ headers: { 'content-type': 'application/json', ...auth() }, body: '{"grant_type":"client_credentials"}' }),
      400,
      'invalid_request',
    ],
    [
      'a text/plain body',
      () => ({ headers: { 'content-type': 'text/plain', ...auth() }, body: 'grant_type=client_credentials' }),
      400,
      'invalid_request',
    ],
    ['no Content-Type at all', () => ({ headers: auth(), body: 'grant_type=client_credentials' }), 415, 'invalid_request'],
    [
      'an unsupported grant_type',
      () => ({ headers: { 'content-type': FORM, ...auth() }, body: 'grant_type=password' }),
      400,
      'unsupported_grant_type',
    ],
    ['no grant_type', () => ({ headers: { 'content-type': FORM, ...auth() }, body: 'scope=a' }), 400, 'invalid_request'],
  ];

  it.each(cases)('%s', async (_name, request, status, error) => {
    const main = await send(kw.baseUrl, '/oauth2/token', request());
    const mtls = await send(kw.mtlsUrl, '/oauth2/token', request());
    expectRefusal(main, status, error);
    expectRefusal(mtls, status, error);
    expect(shapeOf(mtls)).toEqual(shapeOf(main));
  });

  it('the same on introspection and revocation', async () => {
    for (const path of ['/oauth2/introspect', '/oauth2/revoke']) {
      const request = { headers: { 'content-type': 'text/plain', ...auth() }, body: 'token=x' };
      const main = await send(kw.baseUrl, path, request);
      const mtls = await send(kw.mtlsUrl, path, request);
      expectRefusal(main, 400, 'invalid_request');
      expect(shapeOf(mtls)).toEqual(shapeOf(main));
    }
  });
});

describe('only POST is defined for the OAuth endpoints', () => {
  const listeners = () => [
    ['main', kw.baseUrl],
    ['mTLS', kw.mtlsUrl],
  ];

  it('GET and HEAD /oauth2/token answer 405 with Allow: POST on both listeners, at the root and under a tenant', async () => {
    for (const [name, base] of listeners()) {
      for (const path of ['/oauth2/token', '/tenants/acme/oauth2/token']) {
        const get = await send(base, path, { method: 'GET' });
        expect(get.status, `${name} GET ${path}`).toBe(405);
        expect(get.headers.allow, `${name} GET ${path}`).toBe('POST');
        expectRefusal(get, 405, 'invalid_request');
        const head = await send(base, path, { method: 'HEAD' });
        expect(head.status, `${name} HEAD ${path}`).toBe(405);
        expect(head.headers.allow, `${name} HEAD ${path}`).toBe('POST');
        expect(head.headers['cache-control'], `${name} HEAD ${path}`).toBe('no-store');
        expect(head.text, `${name} HEAD ${path}`).toBe('');
      }
    }
  });

  it('GET on introspection and revocation answers 405 too', async () => {
    for (const [name, base] of listeners()) {
      for (const path of ['/oauth2/introspect', '/oauth2/revoke']) {
        const get = await send(base, path, { method: 'GET' });
        expect(get.headers.allow, `${name} ${path}`).toBe('POST');
        expectRefusal(get, 405, 'invalid_request');
      }
    }
  });
});

describe('the form media type', () => {
  it('is recognised whatever its case and parameters', async () => {
    for (const type of ['Application/X-WWW-Form-Urlencoded; charset=UTF-8', 'APPLICATION/X-WWW-FORM-URLENCODED', `${FORM};charset=utf-8`]) {
      const answer = await send(kw.baseUrl, '/oauth2/token', {
        headers: { 'content-type': type, authorization: basicAuth(client.clientId, client.secret) },
        body: 'grant_type=client_credentials',
      });
      expect(answer.status, `${type}: ${answer.text}`).toBe(200);
      expect(answer.json?.token_type).toBe('Bearer');
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('client authentication', () => {
  it('answers a Bearer (or any non-Basic) Authorization header with 401 invalid_client and WWW-Authenticate, on both listeners', async () => {
    const { json } = await send(kw.baseUrl, '/oauth2/token', {
      headers: { 'content-type': FORM, authorization: basicAuth(client.clientId, client.secret) },
      body: 'grant_type=client_credentials',
    });
    for (const base of [kw.baseUrl, kw.mtlsUrl]) {
      for (const path of ['/oauth2/token', '/oauth2/introspect', '/oauth2/revoke']) {
        for (const authorization of [`Bearer ${json?.access_token}`, 'Digest username="x"']) {
          const answer = await send(base, path, {
            headers: { 'content-type': FORM, authorization },
            body: path === '/oauth2/token' ? 'grant_type=client_credentials' : `token=${json?.access_token}`,
          });
          expectRefusal(answer, 401, 'invalid_client');
        }
      }
    }
  });

  it('without a client certificate, an empty client secret is a failed authentication', async () => {
    expectRefusal(
      await send(kw.baseUrl, '/oauth2/token', {
        headers: { 'content-type': FORM },
        body: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=`,
      }),
      401,
      'invalid_client',
    );
    expectRefusal(
      await send(kw.baseUrl, '/oauth2/token', {
        headers: { 'content-type': FORM, authorization: basicAuth(client.clientId, '') },
        body: 'grant_type=client_credentials',
      }),
      401,
      'invalid_client',
    );
  });

  it('spells a description that echoes the client’s input in the characters RFC 6749 allows', async () => {
    const answer = await send(kw.baseUrl, '/oauth2/token', {
      headers: { 'content-type': FORM, authorization: basicAuth(client.clientId, client.secret) },
      body: new URLSearchParams({ grant_type: 'pass"wörd’s\\§\u0007' }).toString(),
    });
    expectRefusal(answer, 400, 'unsupported_grant_type');
    const scope = await send(kw.baseUrl, '/oauth2/token', {
      headers: { 'content-type': FORM, authorization: basicAuth(client.clientId, client.secret) },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: '“orders” 名前' }).toString(),
    });
    expectRefusal(scope, 400, 'invalid_scope');
  });
});

describe('revocation (RFC 7009)', () => {
  let owner: ClientWithSecret;
  let other: ClientWithSecret;
  let gateway: ClientWithSecret;

  beforeAll(async () => {
    owner = await kw.clientWithSecret(admin, { client: { name: 'Token owner' } });
    other = await kw.clientWithSecret(admin, { client: { name: 'Another client' } });
    gateway = await kw.clientWithSecret(admin, { client: { name: 'Gateway', scopes: ['keyward:tokens.introspect'] } });
  });

  const tokenOf = async (c: ClientWithSecret) => {
    const answer = await send(kw.baseUrl, '/oauth2/token', {
      headers: { 'content-type': FORM, authorization: basicAuth(c.clientId, c.secret) },
      body: 'grant_type=client_credentials',
    });
    expect(answer.status, answer.text).toBe(200);
    return answer.json?.access_token as string;
  };
  const revoke = (token: string, by: ClientWithSecret) =>
    send(kw.baseUrl, '/oauth2/revoke', {
      headers: { 'content-type': FORM, authorization: basicAuth(by.clientId, by.secret) },
      body: new URLSearchParams({ token }).toString(),
    });
  const active = async (token: string) => {
    const answer = await send(kw.baseUrl, '/oauth2/introspect', {
      headers: { 'content-type': FORM, authorization: basicAuth(gateway.clientId, gateway.secret) },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(answer.status, answer.text).toBe(200);
    return answer.json?.active as boolean;
  };

  it('refuses another client’s token with 400 unauthorized_client, and the token stays active', async () => {
    const token = await tokenOf(owner);
    expectRefusal(await revoke(token, other), 400, 'unauthorized_client');
    expect(await active(token)).toBe(true);
  });

  it('revokes the client’s own token: 200 with no body, and the token is no longer active', async () => {
    const token = await tokenOf(owner);
    const answer = await revoke(token, owner);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).toBe('');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(await active(token)).toBe(false);
    // Revoking it again, or a token that is no token, is still 200 (RFC 7009 section 2.2).
    expect((await revoke(token, owner)).status).toBe(200);
    expect((await revoke('not-a-token', owner)).status).toBe(200);
  });
});

describe('simple-oauth2 over mTLS with a Keyward-issued certificate', () => {
  let certClient: ClientWithSecret;
  let cert: string;
  let key: string;
  let thumbprint: string;

  beforeAll(async () => {
    certClient = await kw.clientWithSecret(admin, { client: { name: 'simple-oauth2 client' } });
    const created = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { password bundle { contentBase64 } } }',
      { id: certClient.id, e: new Date(Math.floor((Date.now() + 30 * 86_400_000) / 1000) * 1000).toISOString() },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const { password, bundle } = created.data?.createCertificate ?? {};
    const zip = await JSZip.loadAsync(Buffer.from(bundle.contentBase64, 'base64'));
    cert = await zip.files[`${certClient.clientId}.crt`].async('string');
    const pfx = join(work, `${certClient.clientId}.pfx`);
    writeFileSync(pfx, await zip.files[`${certClient.clientId}.pfx`].async('nodebuffer'));
    // Asynchronous: the server under test runs in this process.
    await execFileAsync('openssl', [
      'pkcs12',
      '-in',
      pfx,
      '-passin',
      `pass:${password}`,
      '-nocerts',
      '-nodes',
      '-out',
      join(work, 'client.key'),
    ]);
    key = readFileSync(join(work, 'client.key'), 'utf8');
    thumbprint = createHash('sha256').update(new X509Certificate(cert).raw).digest('base64url');
  });

  it.each([
    ['an empty Basic password', 'header'],
    ['an empty client_secret in the body', 'body'],
  ] as const)('gets a certificate-bound token, sending %s', async (_what, authorizationMethod) => {
    const oauth = new ClientCredentials({
      client: { id: certClient.clientId, secret: '' },
      auth: { tokenHost: kw.mtlsUrl, tokenPath: '/oauth2/token' },
      options: { authorizationMethod },
      http: { agent: new Agent({ cert, key, ca: caChain, servername: 'localhost' }) },
    });
    const accessToken = await oauth.getToken({});
    expect(accessToken.token.token_type).toBe('Bearer');
    const claims = decodeJwt(accessToken.token.access_token as string);
    expect(claims).toMatchObject({ client_id: certClient.clientId, cnf: { 'x5t#S256': thumbprint } });
  });

  it('still refuses two secrets at once next to a certificate', async () => {
    const answer = await send(kw.mtlsUrl, '/oauth2/token', {
      headers: { 'content-type': FORM, authorization: basicAuth(certClient.clientId, certClient.secret) },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: certClient.clientId,
        client_secret: certClient.secret,
      }).toString(),
      cert,
      key,
    });
    expectRefusal(answer, 400, 'invalid_request');
  });
});

describe('KEYWARD_MTLS_PUBLIC_URL', () => {
  it('is the base of the mtls_endpoint_aliases in discovery, for the root issuer and a tenant’s', async () => {
    const root = (await send(kw.baseUrl, '/.well-known/oauth-authorization-server', { method: 'GET' })).json;
    expect(root?.mtls_endpoint_aliases).toEqual({
      token_endpoint: `${MTLS_PUBLIC_URL}/oauth2/token`,
      introspection_endpoint: `${MTLS_PUBLIC_URL}/oauth2/introspect`,
      revocation_endpoint: `${MTLS_PUBLIC_URL}/oauth2/revoke`,
    });
    const acme = (await send(kw.baseUrl, '/.well-known/oauth-authorization-server/tenants/acme', { method: 'GET' })).json;
    expect(acme?.mtls_endpoint_aliases).toEqual({
      token_endpoint: `${MTLS_PUBLIC_URL}/tenants/acme/oauth2/token`,
      introspection_endpoint: `${MTLS_PUBLIC_URL}/tenants/acme/oauth2/introspect`,
      revocation_endpoint: `${MTLS_PUBLIC_URL}/tenants/acme/oauth2/revoke`,
    });
  });
});

describe('KEYWARD_TRUSTED_PROXIES with an entry that is not an address or CIDR block', () => {
  const START = join(import.meta.dirname, '..', 'dist/server/start.cjs');

  it.each(['10.0.0.0/33', '::1/129', '1.2.3/8', 'abc'])(
    '%s stops the start with a message naming it and the fix, no stack trace',
    async (entry) => {
      expect(existsSync(START), 'dist/server/start.cjs is missing: run `npm run build:server` first').toBe(true);
      // Asynchronous: the server of this file keeps running in this process. cwd has no .env to load.
      const started = await execFileAsync(process.execPath, [START], {
        cwd: work,
        encoding: 'utf8',
        timeout: 30_000,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          PORT: '0',
          KEYWARD_MTLS_PORT: 'off',
          KEYWARD_DATA_DIR: join(work, 'data'),
          KEYWARD_TRUSTED_PROXIES: `127.0.0.1/32,${entry}`,
        },
      }).then(
        () => ({ code: 0, output: '' }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
      );
      expect(started.code).toBe(1);
      expect(started.output).toContain(
        `Keyward cannot start: KEYWARD_TRUSTED_PROXIES has an entry that is not an IP address or CIDR block: "${entry}"`,
      );
      expect(started.output).toContain(
        'List the addresses of your TLS-terminating proxies, comma-separated, such as 10.0.0.5,192.168.0.0/16,2001:db8::/32',
      );
      expect(started.output).not.toContain('    at ');
    },
  );
});

describe('error_description', () => {
  it('is in the characters RFC 6749 section 5.2 allows in every refusal this file saw', () => {
    expect(descriptions.length).toBeGreaterThan(30);
    for (const description of descriptions) expect(description).toMatch(DESCRIPTION);
  });
});
