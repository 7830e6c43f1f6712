import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import JSZip from 'jszip';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { type ClientWithSecret, startKeyward, type TestKeyward } from './support/keyward.js';
import { curlTokenWithCertificate } from './support/mtls-curl.js';
import { basicAuth } from './support/oauth.js';
import { foreignCertificate } from './support/openssl-chain.js';

const clock = new ManualClock(new Date());
let kw: TestKeyward;
let admin: string;
let work: string;

beforeAll(async () => {
  kw = await startKeyward({ clock, env: { KEYWARD_TOKEN_MAX_FAILURES_PER_CLIENT: '5', KEYWARD_TOKEN_MAX_FAILURES_PER_IP: '1000' } });
  admin = await kw.login();
  work = mkdtempSync(join(tmpdir(), 'keyward-oauth-'));
});
afterAll(async () => {
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

type Client = ClientWithSecret;

function newClient(input: Record<string, unknown> = {}): Promise<Client> {
  return kw.clientWithSecret(admin, {
    client: { name: 'Token client', scopes: ['orders:read', 'orders:write'], ...input },
    expiresAt: new Date(clock.now().getTime() + 30 * DAY_MS),
  });
}

async function tokenRequest(params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${kw.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

const getToken = (client: Client, extra: Record<string, string> = {}) =>
  tokenRequest({ grant_type: 'client_credentials', ...extra }, { authorization: basicAuth(client.clientId, client.secret) });

const expectError = (response: Awaited<ReturnType<typeof tokenRequest>>, status: number, error: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.error).toBe(error);
  expect(typeof response.body.error_description).toBe('string');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  if (status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
};
describe('the token endpoint with real OAuth libraries', () => {
  let client: Client;
  beforeAll(async () => {
    client = await newClient();
  });

  it.each([
    ['client_secret_basic', () => oidc.ClientSecretBasic(client.secret)],
    ['client_secret_post', () => oidc.ClientSecretPost(client.secret)],
  ])('openid-client discovers Keyward and gets a token with %s that jose verifies', async (_method, auth) => {
    const config = await oidc.discovery(new URL(kw.baseUrl), client.clientId, undefined, auth(), { execute: [oidc.allowInsecureRequests] });
    expect(config.serverMetadata().token_endpoint).toBe(`${kw.baseUrl}/oauth2/token`);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'orders:read' });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);

    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${kw.baseUrl}/oauth2/jwks`)), {
      issuer: kw.baseUrl,
      audience: 'https://api.example.com/orders',
      typ: 'at+jwt',
      currentDate: clock.now(),
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({ sub: client.clientId, client_id: client.clientId, scope: 'orders:read', tenant: 'default' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(3600);
    expect(payload.jti).toBeTruthy();
  });

  it('grants every scope of the client when none is asked for, for the one API they belong to', async () => {
    const response = await getToken(client);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const claims = decodeJwt(response.body.access_token);
    expect(claims.scope).toBe('orders:read orders:write');
    expect(claims.aud).toBe('https://api.example.com/orders');
  });

  it('gives a client whose scopes span two APIs a token for one of them only: chosen by resource or scope, else invalid_target', async () => {
    const twoApis = await newClient({ scopes: ['orders:read', 'customers:read'] });
    const refused = await getToken(twoApis);
    expectError(refused, 400, 'invalid_target');
    expect(refused.body.error_description).toMatch(/send resource with the audience URI/);
    const byResource = await getToken(twoApis, { resource: 'https://api.example.com/customers' });
    expect(byResource.status).toBe(200);
    expect(decodeJwt(byResource.body.access_token)).toMatchObject({ aud: 'https://api.example.com/customers', scope: 'customers:read' });
    const byScope = await getToken(twoApis, { scope: 'orders:read' });
    expect(decodeJwt(byScope.body.access_token)).toMatchObject({ aud: 'https://api.example.com/orders', scope: 'orders:read' });
    expectError(await getToken(twoApis, { scope: 'orders:read customers:read' }), 400, 'invalid_target');
    expectError(await getToken(twoApis, { resource: 'https://api.example.com/orders', scope: 'customers:read' }), 400, 'invalid_target');
    expectError(await getToken(twoApis, { resource: 'https://elsewhere.example.com/' }), 400, 'invalid_target');
  });

  it('serves RFC 8414 metadata at both well-known addresses, with the mTLS alias', async () => {
    for (const path of ['oauth-authorization-server', 'openid-configuration']) {
      const metadata = (await (await fetch(`${kw.baseUrl}/.well-known/${path}`)).json()) as Record<string, any>;
      expect(metadata).toMatchObject({
        issuer: kw.baseUrl,
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'tls_client_auth', 'private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519'],
        grant_types_supported: ['client_credentials'],
        tls_client_certificate_bound_access_tokens: true,
      });
      expect(metadata.mtls_endpoint_aliases.token_endpoint).toMatch(/^https:\/\/localhost:\d+\/oauth2\/token$/);
    }
  });

  it('records lastUsedAt on the secret and the client (coalesced, written on flush)', async () => {
    await getToken(client);
    await kw.keyward.services.usage.flush();
    const result = await kw.gql(
      'query($id: ID!) { apiClient(id: $id) { lastUsedAt credentials { lastUsedAt } } }',
      { id: client.id },
      admin,
    );
    expect(result.data?.apiClient.lastUsedAt).toBe(clock.now().toISOString());
    expect(result.data?.apiClient.credentials[0].lastUsedAt).toBe(clock.now().toISOString());
  });
});

describe('refusals (RFC 6749 §5.2), never a 500', () => {
  let client: Client;
  beforeAll(async () => {
    client = await newClient({ scopes: ['orders:read'] });
  });

  it('an unknown client, a wrong secret and a mistyped secret are invalid_client (401)', async () => {
    const other = await newClient();
    expectError(
      await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basicAuth('default-nobody', client.secret) }),
      401,
      'invalid_client',
    );
    expectError(
      await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basicAuth(client.clientId, other.secret) }),
      401,
      'invalid_client',
    );
    const typo = `${client.secret.slice(0, -1)}${client.secret.endsWith('a') ? 'b' : 'a'}`;
    expectError(
      await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basicAuth(client.clientId, typo) }),
      401,
      'invalid_client',
    );
  });

  it('no authentication is invalid_client; two methods at once are invalid_request', async () => {
    expectError(await tokenRequest({ grant_type: 'client_credentials', client_id: client.clientId }), 401, 'invalid_client');
    expectError(
      await tokenRequest(
        { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret },
        { authorization: basicAuth(client.clientId, client.secret) },
      ),
      400,
      'invalid_request',
    );
  });

  it('an unsupported or missing grant type, a JSON body and a repeated parameter are refused', async () => {
    expectError(await getToken(client, { grant_type: 'password' }), 400, 'unsupported_grant_type');
    expectError(await tokenRequest({}, { authorization: basicAuth(client.clientId, client.secret) }), 400, 'invalid_request');
    const json = await fetch(`${kw.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuth(client.clientId, client.secret) },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    const repeated = await fetch(`${kw.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(client.clientId, client.secret) },
      body: 'grant_type=client_credentials&scope=a&scope=b',
    });
    expect(repeated.status).toBe(400);
  });

  it('a scope not granted to the client is invalid_scope', async () => {
    expectError(await getToken(client, { scope: 'orders:read orders:write' }), 400, 'invalid_scope');
  });

  it('a disabled client, an expired secret and a deleted secret are invalid_client', async () => {
    const disabled = await newClient();
    await kw.gql('mutation($id: ID!) { updateApiClient(id: $id, input: { enabled: false }) { id } }', { id: disabled.id }, admin);
    expectError(await getToken(disabled), 401, 'invalid_client');

    const expiring = await newClient();
    await kw.sql('update credential set expires_at = ? where id = ?', [new Date(clock.now().getTime() - 1000), expiring.secretId]);
    kw.keyward.services.clientCache.invalidate(expiring.clientId);
    expectError(await getToken(expiring), 401, 'invalid_client');

    const deleted = await newClient();
    expect((await getToken(deleted)).status).toBe(200);
    await kw.gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id: deleted.secretId }, admin);
    expectError(await getToken(deleted), 401, 'invalid_client');
  });

  it('an address outside allowedIpRanges is refused; X-Forwarded-For is believed only from trusted proxies', async () => {
    const fenced = await newClient({ allowedIpRanges: ['203.0.113.0/24'] });
    expectError(await getToken(fenced), 400, 'unauthorized_client');
    // Not a trusted proxy here: the header cannot move the request into the allowed range.
    expectError(await getToken(fenced, {}), 400, 'unauthorized_client');
    const spoofed = await tokenRequest(
      { grant_type: 'client_credentials' },
      { authorization: basicAuth(fenced.clientId, fenced.secret), 'x-forwarded-for': '203.0.113.9' },
    );
    expectError(spoofed, 400, 'unauthorized_client');

    const proxied = await startKeyward({ env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1/32' } });
    try {
      const cookie = await proxied.login();
      const { clientId, secret } = await proxied.clientWithSecret(cookie, {
        client: { name: 'Fenced', allowedIpRanges: ['203.0.113.0/24'] },
      });
      const via = (forwardedFor: string) =>
        fetch(`${proxied.baseUrl}/oauth2/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: basicAuth(clientId, secret),
            'x-forwarded-for': forwardedFor,
          },
          body: 'grant_type=client_credentials',
        });
      expect((await via('203.0.113.9')).status).toBe(200);
      expect((await via('198.51.100.1')).status).toBe(400);
    } finally {
      await proxied.destroy();
    }
  });

  it('repeated failures for a client are rate-limited with 429 and Retry-After; its right secret still gets a token', async () => {
    const target = await newClient();
    const wrong = () => tokenRequest({ grant_type: 'client_credentials' }, { authorization: basicAuth(target.clientId, 'kwcs_wrong') });
    for (let i = 0; i < 5; i++) expectError(await wrong(), 401, 'invalid_client');
    const limited = await wrong();
    expectError(limited, 429, 'temporarily_unavailable');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await getToken(target)).status).toBe(200);
    expectError(await wrong(), 429, 'temporarily_unavailable');
  });
});

describe('introspection and revocation', () => {
  let gateway: Client;
  let client: Client;
  const introspect = async (token: string, caller = gateway) => {
    const response = await fetch(`${kw.baseUrl}/oauth2/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(caller.clientId, caller.secret) },
      body: new URLSearchParams({ token }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    gateway = await newClient({ name: 'Gateway', scopes: ['keyward:tokens.introspect'] });
    client = await newClient();
  });

  it('needs the keyward:tokens.introspect scope', async () => {
    const token = (await getToken(client)).body.access_token;
    expect(await introspect(token, client)).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });
    expect((await introspect(token)).body).toMatchObject({
      active: true,
      client_id: client.clientId,
      scope: 'orders:read orders:write',
      token_type: 'Bearer',
    });
  });

  it('reports a token inactive after its secret is deleted, its client disabled, it is revoked, or it expires', async () => {
    const victim = await newClient();
    const afterDelete = (await getToken(victim)).body.access_token;
    await kw.gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id: victim.secretId }, admin);
    expect((await introspect(afterDelete)).body).toEqual({ active: false });

    const disabled = await newClient();
    const afterDisable = (await getToken(disabled)).body.access_token;
    expect((await introspect(afterDisable)).body.active).toBe(true);
    await kw.gql('mutation($id: ID!) { updateApiClient(id: $id, input: { enabled: false }) { id } }', { id: disabled.id }, admin);
    expect((await introspect(afterDisable)).body).toEqual({ active: false });

    const revoked = (await getToken(client)).body.access_token;
    const revocation = await fetch(`${kw.baseUrl}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(client.clientId, client.secret) },
      body: new URLSearchParams({ token: revoked }),
    });
    expect(revocation.status).toBe(200);
    expect((await introspect(revoked)).body).toEqual({ active: false });

    const expiring = (await getToken(client)).body.access_token;
    expect((await introspect(expiring)).body.active).toBe(true);
    clock.advance(3600 * 1000 + 1000);
    expect((await introspect(expiring)).body).toEqual({ active: false });
    clock.set(new Date());
  });
});

describe('tls_client_auth on the mTLS listener', () => {
  let client: Client;
  let certificate: { id: string; password: string; dir: string; thumbprint: string };

  beforeAll(async () => {
    client = await newClient();
    const created = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { password bundle { contentBase64 } credential { id } } }',
      { id: client.id, e: new Date(Math.floor((clock.now().getTime() + 30 * DAY_MS) / 1000) * 1000).toISOString() },
      admin,
    );
    const { password, bundle, credential } = created.data!.createCertificate;
    const dir = join(work, 'mtls');
    execFileSync('mkdir', ['-p', dir]);
    const zip = await JSZip.loadAsync(Buffer.from(bundle.contentBase64, 'base64'));
    for (const name of Object.keys(zip.files)) writeFileSync(join(dir, name), await zip.files[name].async('nodebuffer'));
    execFileSync(
      'openssl',
      ['pkcs12', '-in', `${client.clientId}.pfx`, '-passin', `pass:${password}`, '-nocerts', '-nodes', '-out', 'client.key'],
      { cwd: dir },
    );
    const der = new X509Certificate(readFileSync(join(dir, `${client.clientId}.crt`))).raw;
    certificate = { id: credential.id, password, dir, thumbprint: createHash('sha256').update(der).digest('base64url') };
  });

  const curl = (cert: string, key: string) =>
    curlTokenWithCertificate({
      tokenUrl: `${kw.mtlsUrl}/oauth2/token`,
      caFile: join(certificate.dir, 'ca-chain.cert.pem'),
      cert,
      key,
      clientId: client.clientId,
    });

  it('gives curl --cert/--key a token bound to the certificate (cnf.x5t#S256)', async () => {
    const response = await curl(join(certificate.dir, `${client.clientId}.crt`), join(certificate.dir, 'client.key'));
    expect(response.token_type).toBe('Bearer');
    expect(decodeJwt(response.access_token).cnf).toEqual({ 'x5t#S256': certificate.thumbprint });
  });

  it('refuses a certificate of another CA and the certificate of a deleted credential', async () => {
    const other = foreignCertificate(certificate.dir, client.clientId);
    expect((await curl(other.cert, other.key)).error).toBe('invalid_client');
    await kw.gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id: certificate.id }, admin);
    expect((await curl(join(certificate.dir, `${client.clientId}.crt`), join(certificate.dir, 'client.key'))).error).toBe('invalid_client');
  });
});

describe('tls_client_auth behind a TLS-terminating proxy', () => {
  it('believes X-Client-Cert only from KEYWARD_TRUSTED_PROXIES', async () => {
    const proxied = await startKeyward({ env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1/32' } });
    try {
      const cookie = await proxied.login();
      const created = await proxied.gql(
        'mutation { createApiClient(input: { name: "Behind proxy", contactEmails: ["a@example.com"] }) { id clientId } }',
        {},
        cookie,
      );
      const { id, clientId } = created.data!.createApiClient;
      const issued = await proxied.gql(
        'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { bundle { contentBase64 } } }',
        { id, e: new Date(Math.floor((Date.now() + DAY_MS) / 1000) * 1000).toISOString() },
        cookie,
      );
      const zip = await JSZip.loadAsync(Buffer.from(issued.data!.createCertificate.bundle.contentBase64, 'base64'));
      const pem = await zip.files[`${clientId}.crt`].async('string');
      const send = (url: string) =>
        fetch(`${url}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-client-cert': encodeURIComponent(pem) },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }),
        });
      const accepted = await send(proxied.baseUrl);
      expect(accepted.status).toBe(200);
      const thumbprint = createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url');
      expect(decodeJwt(((await accepted.json()) as { access_token: string }).access_token).cnf).toEqual({ 'x5t#S256': thumbprint });
      // The main test server trusts no proxy: the same header is ignored there.
      expect((await send(kw.baseUrl)).status).toBe(401);
    } finally {
      await proxied.destroy();
    }
  });
});

describe('GraphQL with a management access token (docs/permissions.md#management-scopes)', () => {
  const bearer = (token: string, query: string, variables: Record<string, unknown> = {}) =>
    fetch(`${kw.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json() as Promise<Record<string, any>>);

  it('lists clients with keyward:clients.read, is FORBIDDEN without it, and is audited as the client', async () => {
    const automation = await newClient({ name: 'Automation', scopes: ['keyward:clients.read', 'keyward:clients.create', 'orders:read'] });
    const readToken = (await getToken(automation, { scope: 'keyward:clients.read' })).body.access_token;
    const listed = await bearer(readToken, '{ viewer { actor { type displayName } permissions } apiClients { totalCount } }');
    expect(listed.errors).toBeUndefined();
    expect(listed.data.viewer).toEqual({
      actor: { type: 'CLIENT', displayName: `API client ${automation.clientId}` },
      permissions: ['CLIENT_ADMINISTRATION'],
    });
    expect(listed.data.apiClients.totalCount).toBeGreaterThan(1);

    const ordersToken = (await getToken(automation, { scope: 'orders:read' })).body.access_token;
    const wrongAudience = await bearer(ordersToken, '{ apiClients { totalCount } }');
    expect(wrongAudience.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const createToken = (await getToken(automation, { scope: 'keyward:clients.create' })).body.access_token;
    const forbidden = await bearer(createToken, '{ apiClients { totalCount } }');
    expect(forbidden.errors[0].extensions.code).toBe('FORBIDDEN');

    const created = await bearer(
      createToken,
      'mutation { createApiClient(input: { name: "Made by automation", contactEmails: ["bot@example.com"] }) { id } }',
    );
    const seen = await kw.gql(
      'query($id: ID!) { apiClient(id: $id) { createdBy { type id } } }',
      { id: created.data.createApiClient.id },
      admin,
    );
    expect(seen.data?.apiClient.createdBy).toEqual({ type: 'CLIENT', id: automation.id });
    const [event] = await kw.sql<{ actor_type: string; actor_id: string; actor_name: string }>(
      'select actor_type, actor_id, actor_name from audit_event where target_id = ? and action = ?',
      [created.data.createApiClient.id, 'client.created'],
    );
    expect(event).toEqual({ actor_type: 'CLIENT', actor_id: automation.id, actor_name: `API client ${automation.clientId}` });
  });
});

describe('signing key rotation', () => {
  it('never lets a key superseded before it signed take over later (a rotation, then an emergency one)', async () => {
    const client = await newClient();
    const tenantId = (await kw.sql<{ id: string }>('select id from tenant where root_issuer'))[0].id;
    const keys = kw.keyward.services.signingKeys;
    const pending = await keys.rotate(tenantId);
    expect(pending.activatesAt.getTime()).toBeGreaterThan(clock.now().getTime());
    const emergency = await keys.rotate(tenantId, { now: true });
    expect(decodeProtectedHeader((await getToken(client)).body.access_token).kid).toBe(emergency.kid);
    clock.advance(pending.activatesAt.getTime() - clock.now().getTime() + 1000);
    expect(decodeProtectedHeader((await getToken(client)).body.access_token).kid).toBe(emergency.kid);
  });

  it('keeps tokens signed with the previous key verifying through the JWKS after an emergency rotation', async () => {
    const client = await newClient();
    const before = (await getToken(client)).body.access_token;
    const oldKid = decodeProtectedHeader(before).kid;
    // What `npm run keyward -- keys rotate --now` runs (the CLI itself is tested in cli.test.ts with the server stopped).
    const tenantId = (await kw.sql<{ id: string }>('select id from tenant where root_issuer'))[0].id;
    const { retired } = await kw.keyward.services.signingKeys.rotate(tenantId, { now: true });
    expect(retired).toEqual([oldKid]);
    const after = (await getToken(client)).body.access_token;
    expect(decodeProtectedHeader(after).kid).not.toBe(oldKid);
    const jwks = createRemoteJWKSet(new URL(`${kw.baseUrl}/oauth2/jwks`));
    for (const token of [before, after]) {
      await expect(jwtVerify(token, jwks, { issuer: kw.baseUrl, typ: 'at+jwt', currentDate: clock.now() })).resolves.toBeTruthy();
    }
  });
});
