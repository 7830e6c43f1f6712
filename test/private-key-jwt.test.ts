import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, decodeJwt, exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose';
import * as oauth from 'oauth4webapi';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { spawnKeyward, waitReady } from './support/processes.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CREATE = `mutation($clientId: ID!, $input: CreatePrivateKeyJwtCredentialInput!) {
  createPrivateKeyJwtCredential(clientId: $clientId, input: $input) { id type status privateKeyJwt { keyId thumbprintSha256 jwksUri } }
}`;

let kw: TestKeyward;
let admin: string;
let smtp: TestSmtp;
let jwksServer: Server;
/** What the test's JWKS endpoint serves now; a test replaces it to rotate keys. */
let served: { keys: JWK[] } = { keys: [] };
let jwksUrl: string;

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
  kw = await startKeyward({
    env: {
      KEYWARD_OUTBOUND_ALLOW_PRIVATE: 'true',
      KEYWARD_TOKEN_MAX_FAILURES_PER_CLIENT: '1000',
      KEYWARD_TOKEN_MAX_FAILURES_PER_IP: '1000',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    },
  });
  admin = await kw.login();
  jwksServer = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(served));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
});
afterAll(async () => {
  await kw?.destroy();
  await smtp?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

type Alg = 'RS256' | 'PS256' | 'ES256' | 'EdDSA';

async function keyPair(alg: Alg, kid: string): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey; jwk: JWK; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid }, kid };
}

const newClient = (name: string) => kw.apiClient(admin, { name, scopes: ['orders:read'] });

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

async function createCredential(clientId: string, input: Record<string, unknown>) {
  return kw.gql(CREATE, { clientId, input: { expiresAt: inDays(30), ...input } }, admin);
}

/** A client assertion as a client library makes one, with `claims` and `header` overriding the defaults. */
async function assertion(
  client: { clientId: string },
  key: { privateKey: CryptoKey; kid: string },
  alg: Alg,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: client.clientId, sub: client.clientId, aud: kw.baseUrl, jti: randomUUID(), iat: now, exp: now + 60, ...claims })
    .setProtectedHeader({ alg, kid: key.kid, ...header })
    .sign(key.privateKey);
}

async function tokenWith(clientAssertion: string, url = kw.baseUrl) {
  const response = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: clientAssertion,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('private_key_jwt with real OAuth libraries', () => {
  it.each(['RS256', 'PS256', 'ES256', 'EdDSA'] as const)(
    'openid-client and oauth4webapi get a token with an uploaded %s public key',
    async (alg) => {
      const client = await newClient(`Signed ${alg}`);
      const key = await keyPair(alg, `key-${alg}`);
      // The ES256 key is uploaded as PEM (its kid is then its thumbprint); the others as JWK with their own kid.
      const upload = alg === 'ES256' ? await exportSPKI(key.publicKey) : JSON.stringify(key.jwk);
      const created = await createCredential(client.id, { description: `${alg} key`, publicKey: upload });
      expect(created.errors).toBeUndefined();
      const credential = created.data?.createPrivateKeyJwtCredential;
      expect(credential).toMatchObject({ type: 'PRIVATE_KEY_JWT', status: 'ACTIVE', privateKeyJwt: { jwksUri: null } });
      expect(credential.privateKeyJwt.thumbprintSha256).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const kid = alg === 'ES256' ? credential.privateKeyJwt.thumbprintSha256 : key.kid;
      expect(credential.privateKeyJwt.keyId).toBe(kid);

      const config = await oidc.discovery(
        new URL(kw.baseUrl),
        client.clientId,
        undefined,
        oidc.PrivateKeyJwt({ key: key.privateKey, kid }),
        {
          execute: [oidc.allowInsecureRequests],
        },
      );
      expect(config.serverMetadata().token_endpoint_auth_methods_supported).toContain('private_key_jwt');
      expect(config.serverMetadata().token_endpoint_auth_signing_alg_values_supported).toEqual([
        'RS256',
        'PS256',
        'ES256',
        'EdDSA',
        'Ed25519',
      ]);
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'orders:read' });
      expect(decodeJwt(tokens.access_token)).toMatchObject({ client_id: client.clientId, scope: 'orders:read' });

      const issuer = new URL(kw.baseUrl);
      const as = await oauth.processDiscoveryResponse(
        issuer,
        await oauth.discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true }),
      );
      const response = await oauth.clientCredentialsGrantRequest(
        as,
        { client_id: client.clientId },
        oauth.PrivateKeyJwt({ key: key.privateKey, kid }),
        new URLSearchParams({ scope: 'orders:read' }),
        { [oauth.allowInsecureRequests]: true },
      );
      const result = await oauth.processClientCredentialsResponse(as, { client_id: client.clientId }, response);
      expect(decodeJwt(result.access_token).kw_cid).toBe(credential.id);
    },
  );

  it('fetches a jwksUri served on 127.0.0.1 and picks up a rotated key (new kid) without a restart', async () => {
    const client = await newClient('JWKS client');
    const first = await keyPair('ES256', 'first');
    served = { keys: [first.jwk] };
    const created = await createCredential(client.id, { jwksUri: jwksUrl });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createPrivateKeyJwtCredential.privateKeyJwt).toEqual({ keyId: null, thumbprintSha256: null, jwksUri: jwksUrl });
    expect((await tokenWith(await assertion(client, first, 'ES256'))).status).toBe(200);

    const second = await keyPair('RS256', 'second');
    served = { keys: [second.jwk] };
    // An unknown kid fetches the set again (at most once per few seconds): the new key works soon, the old one no more.
    await expect
      .poll(async () => (await tokenWith(await assertion(client, second, 'RS256'))).status, { timeout: 15_000, interval: 1000 })
      .toBe(200);
    const old = await tokenWith(await assertion(client, first, 'ES256'));
    expect(old.status).toBe(401);
    expect(old.body.error_description).toBe(
      "No key of this client has kid 'first', or its signature does not verify; register the key (or publish it at the jwksUri) first.",
    );
  });
});

describe('private_key_jwt refusals', () => {
  let client: { id: string; clientId: string };
  let key: Awaited<ReturnType<typeof keyPair>>;
  beforeAll(async () => {
    client = await newClient('Refusals');
    key = await keyPair('RS256', 'main');
    const created = await createCredential(client.id, { publicKey: JSON.stringify(key.jwk) });
    expect(created.errors).toBeUndefined();
  });

  const refused = async (clientAssertion: string, description: string | RegExp) => {
    const { status, body } = await tokenWith(clientAssertion);
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    if (typeof description === 'string') expect(body.error_description).toBe(description);
    else expect(body.error_description).toMatch(description);
  };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = () => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: client.clientId, sub: client.clientId, aud: kw.baseUrl, jti: randomUUID(), exp: now + 60 };
  };

  it('a good assertion works once; the same one again is refused as replayed', async () => {
    const once = await assertion(client, key, 'RS256');
    expect((await tokenWith(once)).status).toBe(200);
    await refused(once, 'This client assertion was already used (its jti was seen before); sign a new one for each request.');
  });

  it('refuses a wrong aud, an expired assertion, one expiring more than 10 minutes ahead, and iss ≠ sub', async () => {
    await refused(
      await assertion(client, key, 'RS256', { aud: 'https://elsewhere.example.com' }),
      `The client assertion's aud must be the issuer (${kw.baseUrl}) or its token endpoint (${kw.baseUrl}/oauth2/token).`,
    );
    const now = Math.floor(Date.now() / 1000);
    await refused(
      await assertion(client, key, 'RS256', { exp: now - 60, iat: now - 120 }),
      'The client assertion has expired (exp is in the past).',
    );
    await refused(
      await assertion(client, key, 'RS256', { exp: now + 15 * 60 }),
      "The client assertion's exp is more than 10 minutes ahead; make assertions short-lived.",
    );
    await refused(
      await assertion(client, key, 'RS256', { iss: 'someone-else' }),
      "The client assertion's iss and sub must both be the client ID.",
    );
  });

  it('refuses an unknown kid, alg none and HS256 signed with the public key', async () => {
    await refused(
      await assertion(client, key, 'RS256', {}, { kid: 'nope' }),
      "No key of this client has kid 'nope', or its signature does not verify; register the key (or publish it at the jwksUri) first.",
    );
    await refused(
      `${b64({ alg: 'none', kid: 'main' })}.${b64(claims())}.`,
      "The client assertion is signed with alg 'none'; Keyward accepts RS256, PS256, ES256, EdDSA, Ed25519.",
    );
    const publicPem = new TextEncoder().encode(await exportSPKI(key.publicKey));
    const hs256 = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'main' }).sign(publicPem);
    await refused(hs256, "The client assertion is signed with alg 'HS256'; Keyward accepts RS256, PS256, ES256, EdDSA, Ed25519.");
  });

  it('refuses bad keys at creation, naming the field', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ publicKey: JSON.stringify(await exportJWK(privateKey)) }, 'publicKey', /private or secret key material/],
      [{ publicKey: 'not a key' }, 'publicKey', /must be a JWK \(JSON\) or a PEM public key/],
      [{ publicKey: JSON.stringify(key.jwk), jwksUri: jwksUrl }, 'jwksUri', /either the public key .* or a jwksUri/],
      [{}, 'publicKey', /either the public key .* or a jwksUri/],
    ];
    for (const [input, field, message] of cases) {
      const result = await createCredential(client.id, input);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0].message).toMatch(message);
    }
  });
});

describe('a private_key_jwt credential under the common rules', () => {
  it('is audited with its kid and thumbprint (no key material), records lastUsedAt, and stops when disabled', async () => {
    const client = await newClient('Common rules');
    const key = await keyPair('EdDSA', 'ed-1');
    const created = await createCredential(client.id, { publicKey: JSON.stringify(key.jwk), description: 'Ed25519' });
    const credential = created.data?.createPrivateKeyJwtCredential;
    const [event] = await kw.sql<{ changes: any; target_name: string }>(
      "select changes, target_name from audit_event where action = 'credential.created' and target_id = ?",
      [credential.id],
    );
    expect(event.target_name).toBe('Common rules: private key JWT key ed-1 (Ed25519)');
    const changes = typeof event.changes === 'string' ? JSON.parse(event.changes) : event.changes;
    expect(JSON.stringify(changes)).toContain(credential.privateKeyJwt.thumbprintSha256);
    expect(JSON.stringify(changes)).toContain('"ed-1"');
    expect(JSON.stringify(changes)).not.toContain(key.jwk.x as string);

    expect((await tokenWith(await assertion(client, key, 'EdDSA'))).status).toBe(200);
    await kw.keyward.services.usage.flush();
    const read = await kw.gql('query($id: ID!) { apiClient(id: $id) { credentials { id lastUsedAt status } } }', { id: client.id }, admin);
    expect(read.data?.apiClient.credentials[0].lastUsedAt).not.toBeNull();

    const disabled = await kw.gql(
      'mutation($id: ID!) { setCredentialEnabled(id: $id, enabled: false) { status } }',
      { id: credential.id },
      admin,
    );
    expect(disabled.data?.setCredentialEnabled.status).toBe('DISABLED');
    const refused = await tokenWith(await assertion(client, key, 'EdDSA'));
    expect(refused.status).toBe(401);
    expect(refused.body.error_description).toBe('This client has no usable private_key_jwt credential.');
  });

  it('counts towards the limit of 5, expires, and gets expiry reminders naming its key', async () => {
    const client = await newClient('Limit and reminders');
    const keys = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => keyPair('ES256', `k${n}`)));
    const ids: string[] = [];
    for (const key of keys.slice(0, 5)) {
      const created = await createCredential(client.id, { publicKey: JSON.stringify(key.jwk), expiresAt: inDays(2) });
      ids.push(created.data?.createPrivateKeyJwtCredential.id);
    }
    const sixth = await createCredential(client.id, { publicKey: JSON.stringify(keys[5].jwk) });
    expect(sixth.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');

    await kw.keyward.services.reminders.scan();
    await kw.keyward.services.reminders.sendDue();
    const mail = smtp.received.find((m) => m.reminder.startsWith(`${ids[0]}/`));
    expect(mail?.subject).toMatch(/^Keyward: private key JWT credential of "Limit and reminders"/);
    expect(mail?.text).toContain('(key k1)');

    // Past its expiry: EXPIRED, and refused at the token endpoint.
    await kw.sql("update credential set expires_at = now() - interval '1 minute' where id = ?", [ids[0]]);
    kw.keyward.services.clientCache.invalidate(client.clientId);
    const read = await kw.gql('query($id: ID!) { apiClient(id: $id) { credentials { id status } } }', { id: client.id }, admin);
    expect(read.data?.apiClient.credentials.find((c: { id: string }) => c.id === ids[0]).status).toBe('EXPIRED');
    expect((await tokenWith(await assertion(client, keys[0], 'ES256'))).status).toBe(401);
    expect((await tokenWith(await assertion(client, keys[1], 'ES256'))).status).toBe(200);
  });
});

describe('the SSRF guard at creation', () => {
  let guarded: TestKeyward;
  let cookie: string;
  beforeAll(async () => {
    guarded = await startKeyward();
    cookie = await guarded.login();
  });
  afterAll(async () => guarded?.destroy());

  it('refuses a loopback, private or metadata jwksUri without KEYWARD_OUTBOUND_ALLOW_PRIVATE, and plain http', async () => {
    const created = await guarded.gql(
      'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }',
      { input: { name: 'Guarded', contactEmails: ['ops@example.com'] } },
      cookie,
    );
    const id = created.data?.createApiClient.id;
    const attempt = (jwksUri: string) => guarded.gql(CREATE, { clientId: id, input: { expiresAt: inDays(30), jwksUri } }, cookie);
    const cases: [string, string][] = [
      ['https://127.0.0.1:8443/jwks.json', '127.0.0.1, a loopback address'],
      ['https://localhost:8443/jwks.json', 'a loopback address'],
      ['https://169.254.169.254/latest/meta-data', '169.254.169.254, a cloud metadata address'],
      ['https://10.1.2.3/jwks.json', '10.1.2.3, a private or reserved address'],
      ['https://[::1]/jwks.json', '::1, a loopback address'],
    ];
    for (const [uri, words] of cases) {
      const result = await attempt(uri);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'jwksUri' });
      expect(result.errors?.[0].message).toContain(words);
      expect(result.errors?.[0].message).toContain('KEYWARD_OUTBOUND_ALLOW_PRIVATE=true');
    }
    const http = await attempt(jwksUrl);
    expect(http.errors?.[0].message).toBe('The jwksUri must be an https:// URL; http is not accepted.');
    const listed = await guarded.gql('query($id: ID!) { apiClient(id: $id) { credentials { id } } }', { id }, cookie);
    expect(listed.data?.apiClient.credentials).toEqual([]);
  });
});

describe('addresses an operator trusts with KEYWARD_OUTBOUND_ALLOW_ADDRESSES', () => {
  let trusting: TestKeyward;
  let cookie: string;
  beforeAll(async () => {
    trusting = await startKeyward({ env: { KEYWARD_OUTBOUND_ALLOW_ADDRESSES: '127.0.0.1' } });
    cookie = await trusting.login();
  });
  afterAll(async () => trusting?.destroy());

  it('fetches a jwksUri at a listed address, over plain http, while other loopback and private addresses stay refused', async () => {
    const created = await trusting.gql(
      'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }',
      { input: { name: 'Behind the gateway', contactEmails: ['ops@example.com'] } },
      cookie,
    );
    const id = created.data?.createApiClient.id;
    const attempt = (jwksUri: string) => trusting.gql(CREATE, { clientId: id, input: { expiresAt: inDays(30), jwksUri } }, cookie);
    served = { keys: [(await keyPair('ES256', 'gateway')).jwk] };
    const listed = await attempt(jwksUrl);
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.createPrivateKeyJwtCredential.privateKeyJwt.jwksUri).toBe(jwksUrl);
    const port = new URL(jwksUrl).port;
    for (const [uri, words] of [
      [`http://127.0.0.2:${port}/jwks.json`, '127.0.0.2, a loopback address'],
      ['https://10.1.2.3/jwks.json', '10.1.2.3, a private or reserved address'],
      ['http://169.254.169.254/latest/meta-data', '169.254.169.254, a cloud metadata address'],
    ]) {
      const result = await attempt(uri);
      expect(result.errors?.[0].extensions, uri).toMatchObject({ code: 'BAD_USER_INPUT', field: 'jwksUri' });
      expect(result.errors?.[0].message, uri).toContain(words);
    }
  });
});

// Two processes share one database only on a PostgreSQL server (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)('replayed client assertions across two Keyward processes', () => {
  let b: ChildProcess;
  let bUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    b = spawnKeyward(kw, port, { LOG_LEVEL: 'warn', KEYWARD_OUTBOUND_ALLOW_PRIVATE: 'true' });
    await waitReady(bUrl, 60_000, b);
  });
  afterAll(() => {
    b?.kill('SIGTERM');
  });

  it('an assertion used at one process is refused at the other, either way round', async () => {
    const client = await newClient('Two processes');
    const key = await keyPair('PS256', 'ps');
    await createCredential(client.id, { publicKey: JSON.stringify(key.jwk) });
    const first = await assertion(client, key, 'PS256');
    expect((await tokenWith(first, kw.baseUrl)).status).toBe(200);
    const again = await tokenWith(first, bUrl);
    expect(again.status).toBe(401);
    expect(again.body.error_description).toMatch(/already used/);
    const second = await assertion(client, key, 'PS256');
    expect((await tokenWith(second, bUrl)).status).toBe(200);
    expect((await tokenWith(second, kw.baseUrl)).status).toBe(401);
  });
});
