import { execFileSync } from 'node:child_process';
import type { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientSecret, hashClientSecret } from '../server/credentials/client-secret.js';
import { CredentialType } from '../server/credentials/credential.entity.js';
import { ClientAuthenticator } from '../server/oauth/client-auth.js';
import type { CachedClient, ClientCache } from '../server/oauth/client-cache.js';
import { InvalidClient } from '../server/oauth/errors.js';
import { type ClientWithSecret, startKeyward, type TestKeyward } from './support/keyward.js';
import { curlTokenWithCertificate } from './support/mtls-curl.js';
import { basicAuth } from './support/oauth.js';

/**
 * docs/limits.md#token-endpoint-limits: failures others make never refuse a client that authenticates; past a budget only failing
 * requests get 429; unknown and known client IDs cost the same on a miss; allowedIpRanges holds on introspect and
 * revoke. The server trusts 127.0.0.1 as a proxy, so X-Forwarded-For presents "another address".
 */
let kw: TestKeyward;
let admin: string;
let work: string;

beforeAll(async () => {
  // Default failure budgets: 10 per (client ID, address), 30 per address, a minute.
  kw = await startKeyward({ env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1/32' } });
  admin = await kw.login();
  work = mkdtempSync(join(tmpdir(), 'keyward-oauth-abuse-'));
});
afterAll(async () => {
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function post(path: string, params: Record<string, string>, headers: Record<string, string> = {}, base = kw.baseUrl) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

const from = (address: string | null): Record<string, string> => (address ? { 'x-forwarded-for': address } : {});

const getToken = (client: ClientWithSecret, address: string | null = null, prefix = '') =>
  post(
    `${prefix}/oauth2/token`,
    { grant_type: 'client_credentials' },
    { authorization: basicAuth(client.clientId, client.secret), ...from(address) },
  );

/** `count` requests naming `clientId` with a well-formed secret that is not its own, 20 at a time; their statuses. */
async function failNaming(clientId: string, address: string, count = 200, prefix = ''): Promise<Awaited<ReturnType<typeof post>>[]> {
  const answers: Awaited<ReturnType<typeof post>>[] = [];
  for (let sent = 0; sent < count; sent += 20) {
    const batch = Array.from({ length: Math.min(20, count - sent) }, () =>
      post(
        `${prefix}/oauth2/token`,
        { grant_type: 'client_credentials' },
        { authorization: basicAuth(clientId, generateClientSecret().secret), ...from(address) },
      ),
    );
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

/** 200 failures naming the client: the first 10 (its budget from that address) are 401, the rest 429 with Retry-After. */
function expectBudgetSpent(answers: Awaited<ReturnType<typeof post>>[]) {
  const unauthorized = answers.filter((a) => a.status === 401);
  const limited = answers.filter((a) => a.status === 429);
  expect(unauthorized).toHaveLength(10);
  expect(limited).toHaveLength(answers.length - 10);
  for (const answer of unauthorized) expect(answer.body.error).toBe('invalid_client');
  for (const answer of limited) {
    expect(answer.body).toMatchObject({ error: 'temporarily_unavailable' });
    expect(answer.body.error_description).toMatch(/^Too many failed requests\. Wait \d+ seconds/);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  }
}

describe('failures others make never refuse a client that authenticates', () => {
  it('200 failures naming a client from another address: they get 429 past the budget, its right secret still gets tokens', async () => {
    const target = await kw.clientWithSecret(admin, { client: { name: 'Target', scopes: ['orders:read'] } });
    expectBudgetSpent(await failNaming(target.clientId, '198.51.100.7'));

    expect((await getToken(target)).status).toBe(200);
    expect((await getToken(target, '203.0.113.20')).status).toBe(200);
    // Even from the address that failed: only requests that fail authentication are refused there.
    expect((await getToken(target, '198.51.100.7')).status).toBe(200);
    // The same secret in the body (client_secret_post) too.
    const posted = await post(
      '/oauth2/token',
      { grant_type: 'client_credentials', client_id: target.clientId, client_secret: target.secret },
      from('198.51.100.7'),
    );
    expect(posted.status).toBe(200);
    // And a failure from there is still answered 429 while the window lasts.
    expect((await failNaming(target.clientId, '198.51.100.7', 1))[0].status).toBe(429);
  });

  it('an address past its own budget (failures naming many clients) still gets tokens for a client that authenticates', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Shared NAT', scopes: ['orders:read'] } });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(
          '/oauth2/token',
          { grant_type: 'client_credentials' },
          { authorization: basicAuth(`nobody-${i}`, generateClientSecret().secret), ...from('198.51.100.30') },
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(30);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
    expect((await getToken(client, '198.51.100.30')).status).toBe(200);
  });

  it('the same holds on a tenant route (/tenants/:slug/oauth2/token)', async () => {
    const { cookie } = await kw.createTenant('abuse');
    const client = await kw.clientWithSecret(cookie, { client: { name: 'Tenant client', scopes: ['orders:read'] } });
    expectBudgetSpent(await failNaming(client.clientId, '198.51.100.40', 200, '/tenants/abuse'));
    const accepted = await getToken(client, null, '/tenants/abuse');
    expect(accepted.status).toBe(200);
    expect(accepted.body.token_type).toBe('Bearer');
  });

  describe('tls_client_auth on the mTLS listener', () => {
    let client: ClientWithSecret;
    let dir: string;
    beforeAll(async () => {
      client = await kw.clientWithSecret(admin, { client: { name: 'Certificate holder', scopes: ['orders:read'] } });
      const created = await kw.gql(
        'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { password bundle { contentBase64 } } }',
        { id: client.id, e: new Date(Math.floor((Date.now() + 30 * 86_400_000) / 1000) * 1000).toISOString() },
        admin,
      );
      const { password, bundle } = created.data!.createCertificate;
      dir = join(work, 'mtls');
      execFileSync('mkdir', ['-p', dir]);
      const zip = await JSZip.loadAsync(Buffer.from(bundle.contentBase64, 'base64'));
      for (const name of Object.keys(zip.files)) writeFileSync(join(dir, name), await zip.files[name].async('nodebuffer'));
      execFileSync(
        'openssl',
        ['pkcs12', '-in', `${client.clientId}.pfx`, '-passin', `pass:${password}`, '-nocerts', '-nodes', '-out', 'client.key'],
        { cwd: dir },
      );
    });

    const curl = (extra: string[] = []) =>
      curlTokenWithCertificate({
        tokenUrl: `${kw.mtlsUrl}/oauth2/token`,
        caFile: join(dir, 'ca-chain.cert.pem'),
        cert: join(dir, `${client.clientId}.crt`),
        key: join(dir, 'client.key'),
        clientId: client.clientId,
        extra,
      });

    it('200 failures naming the client from another address do not stop its certificate from getting tokens', async () => {
      expect((await curl()).token_type).toBe('Bearer');
      expectBudgetSpent(await failNaming(client.clientId, '198.51.100.50'));
      expect((await curl()).token_type).toBe('Bearer');
      expect((await curl(['-H', 'X-Forwarded-For: 198.51.100.50'])).token_type).toBe('Bearer');
    });
  });
});

describe('a miss costs the same for an unknown client ID as for a known one', () => {
  const pepper = Buffer.alloc(32, 7);
  const own = generateClientSecret().secret;
  const known: CachedClient = {
    id: 'c1',
    clientId: 'default-billing',
    name: 'Billing',
    tenantId: 't1',
    tenantSlug: 'default',
    enabled: true,
    tokensNotBefore: null,
    accessTokenLifetimeSeconds: 3600,
    allowedAddresses: null,
    scopes: new Map(),
    grantsByAudience: new Map(),
    credentials: [
      {
        id: 'k1',
        type: CredentialType.CLIENT_SECRET,
        secretHash: Buffer.from(hashClientSecret(own, pepper)),
        thumbprint: null,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    ],
  } as CachedClient;
  // Both answers come from the cache, as for any client ID asked about twice within seconds.
  const cache = {
    peek: (clientId: string) => (clientId === known.clientId ? known : null),
    get: async (clientId: string) => (clientId === known.clientId ? known : null),
    isUsable: () => true,
  } as unknown as ClientCache;
  const request = (clientId: string, secret: string) =>
    ({ headers: { authorization: basicAuth(clientId, secret) } }) as unknown as FastifyRequest;

  it('hashes the presented secret once for an unknown client ID, as for a wrong secret of a known one', async () => {
    let hashes = 0;
    const authenticator = new ClientAuthenticator(cache, pepper, (secret, key) => {
      hashes++;
      return hashClientSecret(secret, key);
    });
    const attempt = async (clientId: string, secret: string) => {
      hashes = 0;
      const presented = authenticator.presented(request(clientId, secret), {}, null as X509Certificate | null);
      const error = await authenticator.authenticate(presented).then(
        () => null,
        (e: unknown) => e,
      );
      return { hashes, error };
    };

    const unknown = await attempt('default-nobody', generateClientSecret().secret);
    const wrong = await attempt(known.clientId, generateClientSecret().secret);
    expect(unknown.hashes).toBe(1);
    expect(wrong.hashes).toBe(1);
    expect(unknown.error).toBeInstanceOf(InvalidClient);
    expect(wrong.error).toBeInstanceOf(InvalidClient);
    expect((unknown.error as Error).message).toBe((wrong.error as Error).message);
    // The right secret: the same single hash, and it authenticates.
    const right = await attempt(known.clientId, own);
    expect(right).toEqual({ hashes: 1, error: null });
  });
});

describe('allowedIpRanges holds on introspection and revocation', () => {
  let gateway: ClientWithSecret;
  let worker: ClientWithSecret;
  const inside = '203.0.113.9';
  const outside = '198.51.100.60';

  beforeAll(async () => {
    const fence = ['203.0.113.0/24'];
    gateway = await kw.clientWithSecret(admin, {
      client: { name: 'Fenced gateway', scopes: ['keyward:tokens.introspect'], allowedIpRanges: fence },
    });
    worker = await kw.clientWithSecret(admin, { client: { name: 'Fenced worker', scopes: ['orders:read'], allowedIpRanges: fence } });
  });

  const introspect = (token: string, address: string, prefix = '', caller = gateway) =>
    post(`${prefix}/oauth2/introspect`, { token }, { authorization: basicAuth(caller.clientId, caller.secret), ...from(address) });
  const revoke = (token: string, address: string) =>
    post('/oauth2/revoke', { token }, { authorization: basicAuth(worker.clientId, worker.secret), ...from(address) });

  const expectRefusedFrom = (answer: Awaited<ReturnType<typeof post>>, address: string) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error).toBe('unauthorized_client');
    expect(answer.body.error_description).toBe(
      `Requests from ${address} are not allowed for this client; its allowed IP ranges do not include this address.`,
    );
    expect(answer.headers.get('cache-control')).toBe('no-store');
  };

  it('refuses the token endpoint, introspection and revocation from outside the ranges alike', async () => {
    const token = (await getToken(worker, inside)).body.access_token as string;
    expect(token).toBeTruthy();
    expectRefusedFrom(await getToken(worker, outside), outside);
    const outsideIntrospection = await introspect(token, outside);
    expectRefusedFrom(outsideIntrospection, outside);
    expect(outsideIntrospection.body.active).toBeUndefined();
    expectRefusedFrom(await revoke(token, outside), outside);
    // The refused revocation changed nothing.
    expect((await introspect(token, inside)).body).toMatchObject({ active: true, client_id: worker.clientId });
  });

  it('allows introspection and revocation from inside the ranges', async () => {
    const token = (await getToken(worker, inside)).body.access_token as string;
    expect(await introspect(token, inside)).toMatchObject({ status: 200, body: { active: true } });
    expect((await revoke(token, inside)).status).toBe(200);
    expect(await introspect(token, inside)).toMatchObject({ status: 200, body: { active: false } });
  });

  it('holds on a tenant route (/tenants/:slug/oauth2/introspect)', async () => {
    const { cookie } = await kw.createTenant('fenced');
    const tenantGateway = await kw.clientWithSecret(cookie, {
      client: { name: 'Tenant gateway', scopes: ['keyward:tokens.introspect'], allowedIpRanges: ['203.0.113.0/24'] },
    });
    const tenantWorker = await kw.clientWithSecret(cookie, { client: { name: 'Tenant worker', scopes: ['orders:read'] } });
    const token = (await getToken(tenantWorker, null, '/tenants/fenced')).body.access_token as string;
    expectRefusedFrom(await introspect(token, outside, '/tenants/fenced', tenantGateway), outside);
    expect(await introspect(token, inside, '/tenants/fenced', tenantGateway)).toMatchObject({ status: 200, body: { active: true } });
  });
});
