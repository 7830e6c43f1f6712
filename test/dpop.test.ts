import type { ChildProcess } from 'node:child_process';
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import JSZip from 'jszip';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../server/kernel/clock.js';
import { DpopProofs } from '../server/oauth/dpop.js';
import { type ClientWithSecret, freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { basicAuth } from './support/oauth.js';
import { spawnKeyward, waitReady } from './support/processes.js';

// docs/token-service.md#dpop: tokens bound to a client's key (RFC 9449), at the token endpoint and on Keyward's own /graphql.
let kw: TestKeyward;
let admin: string;
let client: ClientWithSecret;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let key: KeyPair;
let publicJwk: JWK;
let otherKey: KeyPair;

beforeAll(async () => {
  // The proxy's X-Client-Cert is believed (tls_client_auth over plain HTTP), for the certificate-bound case.
  kw = await startKeyward({ env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1/32' } });
  admin = await kw.login();
  client = await kw.clientWithSecret(admin, {
    client: { name: 'DPoP automation', scopes: ['keyward:clients.read', 'keyward:tokens.introspect'] },
  });
  key = await generateKeyPair('ES256');
  publicJwk = await exportJWK(key.publicKey);
  otherKey = await generateKeyPair('ES256');
});
afterAll(async () => kw?.destroy());

const tokenUrl = () => `${kw.baseUrl}/oauth2/token`;
const graphqlUrl = () => `${kw.baseUrl}/graphql`;

/** A DPoP proof as a client makes it; `claims` and `header` override what a correct proof holds. */
async function proof(
  options: {
    htm?: string;
    htu?: string;
    accessToken?: string;
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
    with?: KeyPair;
  } = {},
): Promise<string> {
  const signer = options.with ?? key;
  const jwk = await exportJWK(signer.publicKey);
  return new SignJWT({
    htm: options.htm ?? 'POST',
    htu: options.htu ?? tokenUrl(),
    jti: randomUUID(),
    iat: Math.floor(Date.now() / 1000),
    ...(options.accessToken ? { ath: createHash('sha256').update(options.accessToken).digest('base64url') } : {}),
    ...options.claims,
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk, ...options.header })
    .sign(signer.privateKey);
}

/** A client-credentials request to Keyward, or to the Keyward process at `at` (same public URL, same database). */
async function tokenRequest(who: ClientWithSecret, headers: Record<string, string> = {}, scope = 'keyward:clients.read', at = kw.baseUrl) {
  const response = await fetch(`${at}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(who.clientId, who.secret), ...headers },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const LIST = '{ viewer { actor { type } } apiClients { totalCount } }';

async function graphql(authorization: string, dpop?: string, at = kw.baseUrl) {
  const response = await fetch(`${at}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, ...(dpop ? { dpop } : {}) },
    body: JSON.stringify({ query: LIST }),
  });
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body: (await response.json()) as Record<string, any>,
  };
}

async function dpopToken(): Promise<string> {
  const response = await tokenRequest(client, { dpop: await proof() });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.access_token;
}

describe('DPoP at the token endpoint', () => {
  it('discovery names the proof algorithms', async () => {
    const metadata = (await (await fetch(`${kw.baseUrl}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(metadata.dpop_signing_alg_values_supported).toEqual(['ES256', 'EdDSA', 'RS256', 'PS256']);
  });

  it('a token requested with a proof is a DPoP token bound to the key (cnf.jkt), and introspection says so', async () => {
    const response = await tokenRequest(client, { dpop: await proof() });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.token_type).toBe('DPoP');
    const jkt = await calculateJwkThumbprint(publicJwk, 'sha256');
    expect(decodeJwt(response.body.access_token).cnf).toEqual({ jkt });

    const introspected = await fetch(`${kw.baseUrl}/oauth2/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(client.clientId, client.secret) },
      body: new URLSearchParams({ token: response.body.access_token }),
    }).then((r) => r.json() as Promise<Record<string, any>>);
    expect(introspected).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt } });

    // Without a proof the same client gets a plain bearer token, bound to nothing.
    const bearer = await tokenRequest(client);
    expect(bearer.body.token_type).toBe('Bearer');
    expect(decodeJwt(bearer.body.access_token).cnf).toBeUndefined();
  });

  it.each([
    ['a proof for another address', { htu: `${'http://127.0.0.1:1'}/oauth2/token` }, /htu/],
    ['a proof for another method', { htm: 'GET' }, /htm/],
    ['a proof made 10 minutes ago', { claims: { iat: Math.floor(Date.now() / 1000) - 600 } }, /iat/],
    ['a proof whose key is a private key', { header: { jwk: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' } } }, /private key/],
    ['a proof of another type', { header: { typ: 'JWT' } }, /typ/],
  ])('refuses %s as invalid_dpop_proof', async (_case, options, reason) => {
    const response = await tokenRequest(client, { dpop: await proof(options) });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_dpop_proof');
    expect(response.body.error_description).toMatch(reason);
  });

  it('refuses a proof used before, also when another process checks it (the used jti is in PostgreSQL)', async () => {
    const once = await proof();
    expect((await tokenRequest(client, { dpop: once })).status).toBe(200);
    const again = await tokenRequest(client, { dpop: once });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_dpop_proof', error_description: expect.stringMatching(/used before/) });
    // A second checker holds nothing in memory of the first: only the database's unique key can refuse it.
    const elsewhere = new DpopProofs(kw.keyward.database.orm, systemClock, kw.baseUrl);
    await expect(elsewhere.verify(once, { method: 'POST', url: '/oauth2/token' })).rejects.toThrow(/used before/);
  });
});

describe('a DPoP-bound token on /graphql', () => {
  let token: string;
  beforeAll(async () => {
    token = await dpopToken();
  });

  it('works as "Authorization: DPoP" with a fresh proof by its key', async () => {
    const response = await graphql(`DPoP ${token}`, await proof({ htu: graphqlUrl(), accessToken: token }));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.viewer.actor.type).toBe('CLIENT');
  });

  it.each([
    ['without a proof', async () => undefined, /DPoP proof in the DPoP header/],
    ['with a proof by another key', async () => proof({ htu: graphqlUrl(), accessToken: token, with: otherKey }), /another key/],
    ['with a proof for another token (ath)', async () => proof({ htu: graphqlUrl(), accessToken: `${token}x` }), /ath/],
    ['with a proof without ath', async () => proof({ htu: graphqlUrl() }), /ath/],
    ['with a proof for another method', async () => proof({ htm: 'GET', htu: graphqlUrl(), accessToken: token }), /htm/],
    ['with a proof for another address', async () => proof({ htu: tokenUrl(), accessToken: token }), /htu/],
    [
      'with a proof made 10 minutes ago',
      async () => proof({ htu: graphqlUrl(), accessToken: token, claims: { iat: Math.floor(Date.now() / 1000) - 600 } }),
      /iat/,
    ],
    [
      'with a proof dated 10 minutes ahead',
      async () => proof({ htu: graphqlUrl(), accessToken: token, claims: { iat: Math.floor(Date.now() / 1000) + 600 } }),
      /iat/,
    ],
  ])('is refused %s: 401, with a DPoP challenge naming the problem', async (_case, makeProof, reason) => {
    const response = await graphql(`DPoP ${token}`, await makeProof());
    expect(response.status).toBe(401);
    expect(response.challenge).toMatch(/^DPoP error="invalid_dpop_proof", error_description="[^"]+"/);
    expect(response.challenge).toMatch(reason);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(response.body.errors[0].message).toMatch(reason);
    expect(response.body.data).toBeUndefined();
  });

  it('is refused with a proof used before', async () => {
    const once = await proof({ htu: graphqlUrl(), accessToken: token });
    expect((await graphql(`DPoP ${token}`, once)).status).toBe(200);
    const replayed = await graphql(`DPoP ${token}`, once);
    expect(replayed.status).toBe(401);
    expect(replayed.challenge).toMatch(/^DPoP error="invalid_dpop_proof".*used before/);
  });

  it('is refused as a plain Bearer token, even with a proof', async () => {
    for (const dpop of [undefined, await proof({ htu: graphqlUrl(), accessToken: token })]) {
      const response = await graphql(`Bearer ${token}`, dpop);
      expect(response.status).toBe(401);
      expect(response.challenge).toMatch(/^DPoP error="invalid_token".*DPoP-bound/);
      expect(response.body.errors[0].message).toMatch(/Authorization: DPoP/);
    }
  });

  it('a bearer token sent with the DPoP scheme is refused, and as Bearer works', async () => {
    const bearer = (await tokenRequest(client)).body.access_token;
    const refused = await graphql(`DPoP ${bearer}`, await proof({ htu: graphqlUrl(), accessToken: bearer }));
    expect(refused.status).toBe(401);
    expect(refused.challenge).toMatch(/^DPoP error="invalid_token".*not DPoP-bound/);
    expect((await graphql(`Bearer ${bearer}`)).body.data.apiClients.totalCount).toBeGreaterThan(0);
  });
});

describe('oauth4webapi', () => {
  it('gets a DPoP token with its DPoP handle and calls /graphql with it', async () => {
    const issuer = new URL(kw.baseUrl);
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', [oauth.allowInsecureRequests]: true }),
    );
    const oauthClient: oauth.Client = { client_id: client.clientId };
    const keyPair = await oauth.generateKeyPair('ES256');
    const DPoP = oauth.DPoP(oauthClient, keyPair);
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      oauthClient,
      oauth.ClientSecretBasic(client.secret),
      { scope: 'keyward:clients.read' },
      { DPoP, [oauth.allowInsecureRequests]: true },
    );
    const tokens = await oauth.processClientCredentialsResponse(as, oauthClient, response);
    expect(tokens.token_type).toBe('dpop');
    expect((decodeJwt(tokens.access_token).cnf as { jkt: string }).jkt).toBe(
      await calculateJwkThumbprint(await exportJWK(keyPair.publicKey), 'sha256'),
    );

    const called = await oauth.protectedResourceRequest(
      tokens.access_token,
      'POST',
      new URL(graphqlUrl()),
      new Headers({ 'content-type': 'application/json' }),
      JSON.stringify({ query: LIST }),
      { DPoP, [oauth.allowInsecureRequests]: true },
    );
    expect(called.status).toBe(200);
    const body = (await called.json()) as Record<string, any>;
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer.actor.type).toBe('CLIENT');
  });
});

describe('a client that requires sender-constrained tokens', () => {
  let strict: ClientWithSecret;
  beforeAll(async () => {
    strict = await kw.clientWithSecret(admin, {
      client: { name: 'Strict automation', scopes: ['keyward:clients.read'], requireSenderConstrainedTokens: true },
    });
  });

  it('is refused a token without DPoP or a client certificate (invalid_request), and gets one with a proof', async () => {
    const refused = await tokenRequest(strict);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_request');
    expect(refused.body.error_description).toMatch(/DPoP proof.*client certificate/);
    const bound = await tokenRequest(strict, { dpop: await proof() });
    expect(bound.status).toBe(200);
    expect(bound.body.token_type).toBe('DPoP');
  });

  it('gets a certificate-bound token with its client certificate (cnf x5t#S256)', async () => {
    const issued = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { bundle { contentBase64 } } }',
      { id: strict.id, e: new Date(Math.floor((Date.now() + 86_400_000) / 1000) * 1000).toISOString() },
      admin,
    );
    expect(issued.errors).toBeUndefined();
    const zip = await JSZip.loadAsync(Buffer.from(issued.data!.createCertificate.bundle.contentBase64, 'base64'));
    const pem = await zip.files[`${strict.clientId}.crt`].async('string');
    const response = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-client-cert': encodeURIComponent(pem) },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: strict.clientId, scope: 'keyward:clients.read' }),
    });
    const body = (await response.json()) as Record<string, any>;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.token_type).toBe('Bearer');
    const thumbprint = createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url');
    expect(decodeJwt(body.access_token).cnf).toEqual({ 'x5t#S256': thumbprint });
  });

  it('is a client setting read and changed over GraphQL, and the change is audited', async () => {
    const read = await kw.gql('query($id: ID!) { apiClient(id: $id) { requireSenderConstrainedTokens } }', { id: strict.id }, admin);
    expect(read.data?.apiClient.requireSenderConstrainedTokens).toBe(true);
    const updated = await kw.gql(
      'mutation($id: ID!) { updateApiClient(id: $id, input: { requireSenderConstrainedTokens: false }) { requireSenderConstrainedTokens } }',
      { id: strict.id },
      admin,
    );
    expect(updated.data?.updateApiClient.requireSenderConstrainedTokens).toBe(false);
    const events = await kw.gql(
      'query($f: AuditEventFilter) { auditEvents(filter: $f, first: 1) { edges { node { action changes { field from to } } } } }',
      { f: { apiClientId: strict.id } },
      admin,
    );
    expect(events.data?.auditEvents.edges[0].node).toEqual({
      action: 'client.updated',
      changes: [{ field: 'requireSenderConstrainedTokens', from: true, to: false }],
    });
    // The change reaches the token endpoint at once: a plain bearer token is given again.
    expect((await tokenRequest(strict)).body.token_type).toBe('Bearer');
  });
});

// Two processes share one database only on a PostgreSQL server (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)('DPoP proofs replayed across two Keyward processes', () => {
  let b: ChildProcess;
  let bUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    // Both processes answer for the same public URL (as behind a load balancer), so a proof's htu fits either.
    b = spawnKeyward(kw, port, { LOG_LEVEL: 'warn' });
    await waitReady(bUrl, 60_000, b);
  });
  afterAll(() => {
    b?.kill('SIGTERM');
  });

  it('a proof used at the token endpoint of one process is refused at the other', async () => {
    const once = await proof();
    expect((await tokenRequest(client, { dpop: once }, undefined, bUrl)).status).toBe(200);
    const again = await tokenRequest(client, { dpop: once });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_dpop_proof', error_description: expect.stringMatching(/used before/) });
  });

  it('a proof used with a DPoP-bound token on /graphql of one process is refused on the other', async () => {
    const token = await dpopToken();
    const once = await proof({ htu: graphqlUrl(), accessToken: token });
    const first = await graphql(`DPoP ${token}`, once);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const replayed = await graphql(`DPoP ${token}`, once, bUrl);
    expect(replayed.status).toBe(401);
    expect(replayed.challenge).toMatch(/^DPoP error="invalid_dpop_proof".*used before/);
    // A fresh proof works at the other process: it is only the replay that is refused.
    const fresh = await graphql(`DPoP ${token}`, await proof({ htu: graphqlUrl(), accessToken: token }), bUrl);
    expect(fresh.status).toBe(200);
  });
});
