import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { auth } from 'express-oauth2-jwt-bearer';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ClientWithSecret, startKeyward, type TestKeyward } from './support/keyward.js';
import { basicAuth } from './support/oauth.js';

/**
 * docs/token-service.md (issuers per tenant, access tokens) seen from a resource server: what an API that validates Keyward's access tokens with a stock
 * library (express-oauth2-jwt-bearer, jose) accepts and refuses. Every tenant is its own issuer with its own keys,
 * every token has exactly one audience, and a key rotation never makes a cached JWKS refuse a token.
 *
 * Tenants: `default` (made at first start, the root issuer `kw.baseUrl`), `tenant-b` and `tenant-c` (issuers
 * `<base>/tenants/<slug>`), all seeded with the same example catalog, so they share the audience of the Orders API.
 * The README's "For resource servers" section shows the same resource-server code as `expressResourceServer` and
 * `joseVerifier` here.
 */

const ORDERS = 'https://api.example.com/orders';
const MANAGEMENT = 'urn:keyward:management-api';
/** Short JWKS lifetime and rotation margin, so a rotation's pre-publication window lasts 3 seconds. */
const JWKS_MAX_AGE_SECONDS = 2;
const ROTATION_MARGIN_SECONDS = 1;

let kw: TestKeyward;
const issuers: Record<string, string> = {};
const cookies: Record<string, string> = {};
const servers: Server[] = [];

beforeAll(async () => {
  kw = await startKeyward({
    env: {
      KEYWARD_JWKS_MAX_AGE_SECONDS: String(JWKS_MAX_AGE_SECONDS),
      KEYWARD_KEY_ROTATION_MARGIN_SECONDS: String(ROTATION_MARGIN_SECONDS),
    },
  });
  cookies.default = await kw.login();
  issuers.default = kw.baseUrl;
  for (const slug of ['tenant-b', 'tenant-c', 'tenant-rot']) {
    cookies[slug] = (await kw.createTenant(slug)).cookie;
    issuers[slug] = `${kw.baseUrl}/tenants/${slug}`;
  }
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await kw?.destroy();
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers: the OAuth client side and the two resource servers.

/** POST <endpointBase>/oauth2/token with client_secret_basic; `endpointBase` defaults to the root token endpoint. */
async function tokenRequest(client: ClientWithSecret, params: Record<string, string> = {}, endpointBase = kw.baseUrl) {
  const response = await fetch(`${endpointBase}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(client.clientId, client.secret) },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function accessToken(client: ClientWithSecret, params: Record<string, string> = {}, endpointBase = kw.baseUrl): Promise<string> {
  const { status, body } = await tokenRequest(client, params, endpointBase);
  expect(status, JSON.stringify(body)).toBe(200);
  expect(typeof body.access_token).toBe('string');
  return body.access_token;
}

const client = (slug: string, scopes: string[]) => kw.clientWithSecret(cookies[slug], { client: { name: `RS test ${slug}`, scopes } });

async function tenantId(slug: string): Promise<string> {
  const [row] = await kw.sql<{ id: string }>('select id from tenant where slug = ?', [slug]);
  if (!row) throw new Error(`no tenant ${slug}`);
  return row.id;
}

/** The discovery document a resource server reads for an issuer (RFC 8414 §3.1: well-known segment before the path). */
async function discovery(issuer: string): Promise<Record<string, any>> {
  const { origin, pathname } = new URL(issuer);
  const response = await fetch(`${origin}/.well-known/oauth-authorization-server${pathname === '/' ? '' : pathname}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

/** The README's express example: an Orders API that trusts exactly one Keyward issuer. */
async function expressResourceServer(issuer: string, audience = ORDERS): Promise<string> {
  const app = express();
  app.use(auth({ issuerBaseURL: issuer, audience, tokenSigningAlg: 'ES256', strict: true }));
  app.get('/orders', (req, res) => {
    res.json({ client: req.auth?.payload.client_id, scope: req.auth?.payload.scope });
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function callExpress(baseUrl: string, token: string) {
  const response = await fetch(`${baseUrl}/orders`, { headers: { authorization: `Bearer ${token}` } });
  // A refusal is express's own error page (the example adds no error handler); a success is the route's JSON.
  const text = await response.text();
  return {
    status: response.status,
    wwwAuthenticate: response.headers.get('www-authenticate'),
    body: (response.status === 200 ? JSON.parse(text) : { page: text.slice(0, 300) }) as Record<string, any>,
  };
}

/** The README's jose example: the JWKS named by the issuer's discovery document, and the standard claim checks. */
async function joseVerifier(issuer: string, audience = ORDERS) {
  const { jwks_uri } = await discovery(issuer);
  const jwks = createRemoteJWKSet(new URL(jwks_uri));
  return (token: string) => jwtVerify(token, jwks, { issuer, audience, typ: 'at+jwt', algorithms: ['ES256'] });
}

async function fetchJwks(url: string): Promise<{ jwks: JSONWebKeySet; cacheControl: string | null }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return { jwks: (await response.json()) as JSONWebKeySet, cacheControl: response.headers.get('cache-control') };
}

const kids = (jwks: JSONWebKeySet) => jwks.keys.map((key) => key.kid as string);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function graphqlWithBearer(token: string, query: string) {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

// ---------------------------------------------------------------------------------------------------------------

describe('a resource server trusts exactly one tenant', () => {
  const slugs = ['default', 'tenant-b', 'tenant-c'];
  /** Per tenant: an Orders token from the root token endpoint, and one from the tenant's own token endpoint. */
  const tokens: Record<string, { root: string; own: string }> = {};
  const expressApis: Record<string, string> = {};
  const joseApis: Record<string, Awaited<ReturnType<typeof joseVerifier>>> = {};

  beforeAll(async () => {
    for (const slug of slugs) {
      const orders = await client(slug, ['orders:read', 'orders:write']);
      tokens[slug] = { root: await accessToken(orders), own: await accessToken(orders, {}, issuers[slug]) };
      expressApis[slug] = await expressResourceServer(issuers[slug]);
      joseApis[slug] = await joseVerifier(issuers[slug]);
    }
  });

  it("tokens carry their client's tenant's issuer, whichever token endpoint issued them", () => {
    for (const slug of slugs) {
      for (const token of [tokens[slug].root, tokens[slug].own]) {
        expect(decodeJwt(token).iss).toBe(issuers[slug]);
        expect([decodeJwt(token).aud].flat()).toEqual([ORDERS]);
        expect(decodeProtectedHeader(token)).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
      }
    }
  });

  it('express-oauth2-jwt-bearer (strict) accepts its own tenant’s tokens and refuses every other tenant’s, same audience', async () => {
    for (const api of slugs) {
      for (const from of slugs) {
        for (const token of [tokens[from].root, tokens[from].own]) {
          const answer = await callExpress(expressApis[api], token);
          if (api === from) {
            expect(answer.status, `${from}'s token at ${api}'s API: ${JSON.stringify(answer.body)}`).toBe(200);
            expect(answer.body.client).toBe(decodeJwt(token).client_id);
          } else {
            expect(answer.status, `${from}'s token at ${api}'s API: ${JSON.stringify(answer.body)}`).toBe(401);
            expect(answer.wwwAuthenticate).toMatch(/^Bearer .*error="invalid_token"/);
          }
        }
      }
    }
  });

  it('jose jwtVerify with the tenant’s discovered JWKS accepts its own tenant’s tokens and refuses every other tenant’s', async () => {
    for (const api of slugs) {
      for (const from of slugs) {
        for (const token of [tokens[from].root, tokens[from].own]) {
          if (api === from) {
            const { payload } = await joseApis[api](token);
            expect(payload.iss).toBe(issuers[api]);
          } else {
            await expect(joseApis[api](token), `${from}'s token at ${api}'s API`).rejects.toThrow();
          }
        }
      }
    }
  });

  it('a tenant’s token is refused even when only its signature is checked against another tenant’s JWKS', async () => {
    // A resource server that skips the iss check still refuses: no other tenant's key signed the token.
    for (const api of slugs) {
      const { jwks_uri } = await discovery(issuers[api]);
      const jwks = createLocalJWKSet((await fetchJwks(jwks_uri)).jwks);
      for (const from of slugs.filter((s) => s !== api)) {
        await expect(jwtVerify(tokens[from].own, jwks), `${from}'s token against ${api}'s keys`).rejects.toThrow();
      }
    }
  });

  it('introspection at a tenant’s endpoint says active:false for another tenant’s token', async () => {
    const introspect = async (endpointBase: string, caller: ClientWithSecret, token: string) => {
      const response = await fetch(`${endpointBase}/oauth2/introspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(caller.clientId, caller.secret) },
        body: new URLSearchParams({ token }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    const gatewayA = await client('default', ['keyward:tokens.introspect']);
    const gatewayB = await client('tenant-b', ['keyward:tokens.introspect']);
    expect(await introspect(issuers.default, gatewayA, tokens['tenant-b'].own)).toEqual({ active: false });
    expect(await introspect(issuers.default, gatewayA, tokens['tenant-b'].root)).toEqual({ active: false });
    expect(await introspect(issuers['tenant-b'], gatewayB, tokens.default.root)).toEqual({ active: false });
    // Each gateway still sees its own tenant's tokens.
    expect(await introspect(issuers.default, gatewayA, tokens.default.root)).toMatchObject({ active: true, iss: issuers.default });
    expect(await introspect(issuers['tenant-b'], gatewayB, tokens['tenant-b'].own)).toMatchObject({
      active: true,
      iss: issuers['tenant-b'],
    });
  });
});

describe('discovery', () => {
  const documents = (slug: string) => {
    const prefix = slug === 'default' ? '' : `/tenants/${slug}`;
    return [`/.well-known/oauth-authorization-server${prefix}`, `${prefix}/.well-known/openid-configuration`];
  };

  it('names exactly the issuer it was fetched for, with every endpoint under that issuer', async () => {
    for (const slug of ['default', 'tenant-b', 'tenant-c']) {
      for (const path of documents(slug)) {
        const response = await fetch(`${kw.baseUrl}${path}`);
        expect(response.status, path).toBe(200);
        const metadata = (await response.json()) as Record<string, any>;
        expect(metadata.issuer, path).toBe(issuers[slug]);
        expect(metadata.token_endpoint, path).toBe(`${issuers[slug]}/oauth2/token`);
        for (const endpoint of ['jwks_uri', 'introspection_endpoint', 'revocation_endpoint']) {
          expect(metadata[endpoint], `${path} ${endpoint}`).toMatch(new RegExp(`^${issuers[slug].replace(/[.]/g, '\\.')}/`));
        }
        expect(metadata.access_token_signing_alg_values_supported, path).toContain('ES256');
      }
    }
  });

  it('answers 404 for a tenant that does not exist', async () => {
    for (const path of [
      ...documents('no-such-tenant'),
      '/tenants/no-such-tenant/oauth2/jwks',
      '/tenants/no-such-tenant/.well-known/jwks.json',
    ]) {
      expect((await fetch(`${kw.baseUrl}${path}`)).status, path).toBe(404);
    }
  });
});

describe('JWKS', () => {
  it('each tenant’s JWKS holds only its own public keys, at both of its addresses, with the configured max-age', async () => {
    const seen = new Map<string, string>();
    for (const slug of ['default', 'tenant-b', 'tenant-c']) {
      const prefix = slug === 'default' ? '' : `/tenants/${slug}`;
      const oauth2 = await fetchJwks(`${kw.baseUrl}${prefix}/oauth2/jwks`);
      const wellKnown = await fetchJwks(`${kw.baseUrl}${prefix}/.well-known/jwks.json`);
      expect(wellKnown.jwks).toEqual(oauth2.jwks);
      expect((await discovery(issuers[slug])).jwks_uri).toBe(`${issuers[slug]}/oauth2/jwks`);
      for (const { cacheControl } of [oauth2, wellKnown]) {
        expect(cacheControl).toMatch(new RegExp(`(^|[ ,])max-age=${JWKS_MAX_AGE_SECONDS}($|[ ,])`));
      }
      expect(oauth2.jwks.keys.length).toBeGreaterThan(0);
      for (const key of oauth2.jwks.keys) {
        expect(key.kid).toEqual(expect.any(String));
        expect(key, 'no private key material').not.toHaveProperty('d');
        const material = JSON.stringify([key.kty, key.crv, key.x, key.y, key.n]);
        expect(seen.get(key.kid as string), `kid ${key.kid} of ${slug}`).toBeUndefined();
        expect(seen.get(material), `key of ${slug}`).toBeUndefined();
        seen.set(key.kid as string, slug);
        seen.set(material, slug);
      }
    }
  });

  it('the root /.well-known/jwks.json is the first tenant’s /oauth2/jwks', async () => {
    const root = await fetchJwks(`${kw.baseUrl}/.well-known/jwks.json`);
    const oauth2 = await fetchJwks(`${kw.baseUrl}/oauth2/jwks`);
    expect(root.jwks).toEqual(oauth2.jwks);
    const token = await accessToken(await client('default', ['orders:read']));
    expect(kids(root.jwks)).toContain(decodeProtectedHeader(token).kid);
  });
});

describe('one audience per token', () => {
  let both: ClientWithSecret;
  let ordersApi: string;
  beforeAll(async () => {
    both = await client('tenant-b', ['orders:read', 'orders:write', 'keyward:clients.read']);
    ordersApi = await expressResourceServer(issuers['tenant-b']);
  });

  it('a client granted scopes of two APIs gets invalid_target without resource or scope, never a two-audience token', async () => {
    for (const endpointBase of [kw.baseUrl, issuers['tenant-b']]) {
      const { status, body } = await tokenRequest(both, {}, endpointBase);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(body.error).toBe('invalid_target');
      expect(body.error_description).toMatch(/resource/);
      expect(body.error_description).toMatch(/scope/);
    }
  });

  it('resource=<Orders audience> gives a token for the Orders API alone, which GraphQL refuses', async () => {
    const token = await accessToken(both, { resource: ORDERS });
    const claims = decodeJwt(token);
    expect([claims.aud].flat()).toEqual([ORDERS]);
    expect(String(claims.scope).split(' ').sort()).toEqual(['orders:read', 'orders:write']);
    expect((await callExpress(ordersApi, token)).status).toBe(200);
    const result = await graphqlWithBearer(token, '{ viewer { actor { type displayName } } }');
    expect(result.data?.viewer ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('scope=keyward:clients.read gives a management token that works on GraphQL and that the Orders API refuses', async () => {
    const token = await accessToken(both, { scope: 'keyward:clients.read' });
    const claims = decodeJwt(token);
    expect([claims.aud].flat()).toEqual([MANAGEMENT]);
    expect(claims.scope).toBe('keyward:clients.read');
    const result = await graphqlWithBearer(token, '{ viewer { actor { type displayName } tenant { id } } }');
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data.viewer.actor.type).toBe('CLIENT');
    expect(result.data.viewer.tenant.id).toBe(await tenantId('tenant-b'));
    const refused = await callExpress(ordersApi, token);
    expect(refused.status).toBe(401);
    expect(refused.wwwAuthenticate).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('resource=<management audience> also gives a token GraphQL accepts', async () => {
    const token = await accessToken(both, { resource: MANAGEMENT });
    expect([decodeJwt(token).aud].flat()).toEqual([MANAGEMENT]);
    const result = await graphqlWithBearer(token, '{ viewer { actor { type } } }');
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data.viewer.actor.type).toBe('CLIENT');
  });

  it('scope naming scopes of two APIs is invalid_target', async () => {
    const { status, body } = await tokenRequest(both, { scope: 'orders:read keyward:clients.read' });
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error).toBe('invalid_target');
  });
});

describe('signing-key rotation', () => {
  const slug = 'tenant-rot';
  const jwksUrl = () => `${issuers[slug]}/oauth2/jwks`;
  let orders: ClientWithSecret;
  let id: string;
  const verifyWith = (jwks: JSONWebKeySet | ReturnType<typeof createLocalJWKSet>, token: string) =>
    jwtVerify(token, typeof jwks === 'function' ? jwks : createLocalJWKSet(jwks), {
      issuer: issuers[slug],
      audience: ORDERS,
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });

  beforeAll(async () => {
    orders = await client(slug, ['orders:read']);
    id = await tenantId(slug);
  });

  it('publishes the next key at once and signs with it only after the JWKS max-age plus the margin', async () => {
    // The copy of the JWKS a resource server holds when the rotation happens.
    const before = await fetchJwks(jwksUrl());
    expect(before.cacheControl).toMatch(new RegExp(`(^|[ ,])max-age=${JWKS_MAX_AGE_SECONDS}($|[ ,])`));
    const cached = createLocalJWKSet(before.jwks);
    const oldKid = decodeProtectedHeader(await accessToken(orders)).kid as string;
    expect(kids(before.jwks)).toContain(oldKid);

    // A resource server that honours Cache-Control max-age and never refetches on an unknown kid.
    let honouring = { keys: cached, fetchedAt: Date.now() };
    const honouringVerify = async (token: string) => {
      if (Date.now() - honouring.fetchedAt >= JWKS_MAX_AGE_SECONDS * 1000) {
        honouring = { keys: createLocalJWKSet((await fetchJwks(jwksUrl())).jwks), fetchedAt: Date.now() };
      }
      return verifyWith(honouring.keys, token);
    };

    const rotatedAt = Date.now();
    const { kid, activatesAt, retired } = await kw.keyward.services.signingKeys.rotate(id);
    const returnedAt = Date.now();
    const activation = new Date(activatesAt).getTime();
    expect(kid).not.toBe(oldKid);
    expect(retired).toContain(oldKid);
    expect(activation).toBeGreaterThanOrEqual(rotatedAt + (JWKS_MAX_AGE_SECONDS + ROTATION_MARGIN_SECONDS) * 1000);
    expect(activation).toBeLessThanOrEqual(returnedAt + (JWKS_MAX_AGE_SECONDS + ROTATION_MARGIN_SECONDS) * 1000 + 1000);

    // Published at once, next to the key that still signs, at both JWKS addresses.
    const after = await fetchJwks(jwksUrl());
    expect(kids(after.jwks)).toEqual(expect.arrayContaining([oldKid, kid]));
    expect(kids((await fetchJwks(`${issuers[slug]}/.well-known/jwks.json`)).jwks)).toEqual(expect.arrayContaining([oldKid, kid]));

    // The whole pre-publication window: every new token is signed with the old key and verifies with the old copy.
    const windowTokens: string[] = [];
    for (let i = 0; i < 500 && Date.now() < activation - 250; i++) {
      const token = await accessToken(orders);
      expect(decodeProtectedHeader(token).kid, `token ${i}, ${activation - Date.now()} ms before activation`).toBe(oldKid);
      await verifyWith(cached, token);
      await honouringVerify(token);
      windowTokens.push(token);
      await sleep(100);
    }
    expect(windowTokens.length).toBeGreaterThanOrEqual(10);

    // From activation on the new key signs (allow up to 1 s for the switch to be picked up).
    await sleep(Math.max(0, activation - Date.now()));
    const first = await vi.waitFor(
      async () => {
        const token = await accessToken(orders);
        expect(decodeProtectedHeader(token).kid, 'the kid of a token issued after activation').toBe(kid);
        return token;
      },
      { timeout: 1000, interval: 50 },
    );
    for (let i = 0; i < 5; i++) {
      const token = await accessToken(orders);
      expect(decodeProtectedHeader(token).kid).toBe(kid);
      // The JWKS fetched right after the rotation (what any cache refreshed since holds) verifies the new key's tokens…
      await verifyWith(after.jwks, token);
      // …and so does a cache that refreshes when max-age runs out: it never met an unknown kid.
      await honouringVerify(token);
    }
    // The copy from before the rotation does not know the new key: refreshing it was needed, and max-age allowed it.
    await expect(verifyWith(cached, first)).rejects.toThrow();

    // The previous key stays published, so tokens it signed in the window keep verifying after a refresh.
    const later = await fetchJwks(jwksUrl());
    expect(kids(later.jwks)).toEqual(expect.arrayContaining([oldKid, kid]));
    for (const token of windowTokens.slice(-3)) await verifyWith(later.jwks, token);
  });

  it('rotate with now: true signs the very next token with the new key', async () => {
    const previousKid = decodeProtectedHeader(await accessToken(orders)).kid as string;
    const { kid } = await kw.keyward.services.signingKeys.rotate(id, { now: true });
    expect(kid).not.toBe(previousKid);
    const token = await accessToken(orders);
    expect(decodeProtectedHeader(token).kid).toBe(kid);
    const jwks = (await fetchJwks(jwksUrl())).jwks;
    expect(kids(jwks)).toEqual(expect.arrayContaining([previousKid, kid]));
    await verifyWith(jwks, token);
  });

  it('a rotation in one tenant changes nothing for another tenant’s tokens and keys', async () => {
    const other = await fetchJwks(`${issuers['tenant-b']}/oauth2/jwks`);
    const rotated = await fetchJwks(jwksUrl());
    expect(kids(other.jwks).filter((k) => kids(rotated.jwks).includes(k))).toEqual([]);
    const token = await accessToken(await client('tenant-b', ['orders:read']));
    expect(kids(other.jwks)).toContain(decodeProtectedHeader(token).kid);
  });
});
