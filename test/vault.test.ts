import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { basicAuth } from './support/oauth.js';
import { PARTNER_AUDIENCE, type PartnerProvider, startPartnerProvider } from './support/partner-provider.js';

// docs/vault.md: credentials Keyward keeps for calling other services (SPEC §18).
const clock = new ManualClock(new Date());
let kw: TestKeyward;
let admin: string;

/** What the partner API the credentials are for accepts; each test sets what it expects. */
const partner = {
  server: null as Server | null,
  url: '',
  /** The last request it got. */
  last: null as { headers: IncomingMessage['headers']; url: string } | null,
  /** Answers 200 when this says the request is authorized; otherwise 401 with a reason. */
  accepts: (_request: IncomingMessage, _url: URL): boolean | Promise<boolean> => true,
};
/** A server that takes the connection and never answers. */
let silent: Server;
let silentUrl = '';

/** The OAuth provider of the partner (node-oidc-provider, as its users run it), client credentials with JWT access tokens. */
let provider: PartnerProvider;
const OAUTH_CLIENT = { id: 'keyward-vault', secret: `provider-secret-${randomBytes(12).toString('hex')}` };
const PARTNER_HOST = '127.0.0.3';

beforeAll(async () => {
  partner.server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://partner');
    partner.last = { headers: request.headers, url: request.url ?? '' };
    if (url.pathname === '/redirect-to-metadata') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    if (await partner.accepts(request, url)) response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    else response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Invalid API credentials"}');
  });
  // On 127.0.0.3 (all of 127/8 is loopback on Linux), so a Keyward that trusts only that address still refuses 127.0.0.1.
  await new Promise<void>((resolve) => partner.server?.listen(0, PARTNER_HOST, resolve));
  partner.url = `http://${PARTNER_HOST}:${(partner.server.address() as AddressInfo).port}`;
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;

  provider = await startPartnerProvider({
    clients: [
      {
        client_id: OAUTH_CLIENT.id,
        client_secret: OAUTH_CLIENT.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'partner:read',
      },
    ],
    accessTokenTtlSeconds: 600,
  });

  kw = await startKeyward({
    clock,
    env: { KEYWARD_OUTBOUND_ALLOW_PRIVATE: 'true', KEYWARD_VAULT_TIMEOUT_SECONDS: '2', LOG_LEVEL: 'debug' },
  });
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
  for (const server of [partner.server, silent, provider?.server]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
});

const FIELDS = `id name description type status contactEmails testUrl hint expiresAt enabled lastUsedAt lastRenewedAt
  accessTokenExpiresAt lastRenewalError createdAt createdBy { displayName } updatedAt
  settings { placement parameterName grant tokenUrl authorizationUrl clientId scopes audience resource tokenExpiresAt username headerNames }`;
const CREATE = `mutation($input: VaultCredentialInput!) { createVaultCredential(input: $input) { ${FIELDS} } }`;
const AUTHORIZATION = `query($id: ID!) { vaultCredentialAuthorization(id: $id) { headers { name value } queryParameters { name value } expiresAt } }`;
const TEST = 'mutation($id: ID!, $url: String) { testVaultCredential(id: $id, url: $url) { ok status latencyMs message url } }';

async function create(input: Record<string, unknown>, cookie = admin) {
  return kw.gql(CREATE, { input: { contactEmails: ['integrations@example.com'], ...input } }, cookie);
}

/** Calls the partner API with what vaultCredentialAuthorization handed out, as an integration does. */
async function callPartner(authorization: {
  headers: { name: string; value: string }[];
  queryParameters: { name: string; value: string }[];
}) {
  const url = new URL(`${partner.url}/v1/orders`);
  for (const { name, value } of authorization.queryParameters) url.searchParams.set(name, value);
  const response = await fetch(url, { headers: Object.fromEntries(authorization.headers.map(({ name, value }) => [name, value])) });
  return response.status;
}

describe('vault credentials of every type', () => {
  const secrets = {
    apiKey: `pk_live_${randomBytes(16).toString('hex')}`,
    queryKey: `qk_${randomBytes(16).toString('hex')}`,
    bearer: `bt_${randomBytes(20).toString('hex')}`,
    password: `pw-${randomBytes(6).toString('hex')}`,
    header: `hv_${randomBytes(16).toString('hex')}`,
  };
  const cases = [
    {
      name: 'Partner API key',
      input: { type: 'API_KEY', apiKey: { key: secrets.apiKey, name: 'X-Partner-Key' } },
      accepts: (request: IncomingMessage) => request.headers['x-partner-key'] === secrets.apiKey,
      hint: `X-Partner-Key: ••••${secrets.apiKey.slice(-4)}`,
    },
    {
      name: 'Partner key in the query',
      input: { type: 'API_KEY', apiKey: { key: secrets.queryKey, placement: 'QUERY', name: 'api_key' } },
      accepts: (_request: IncomingMessage, url: URL) => url.searchParams.get('api_key') === secrets.queryKey,
      hint: `api_key: ••••${secrets.queryKey.slice(-4)}`,
    },
    {
      name: 'Partner bearer token',
      input: { type: 'BEARER_TOKEN', bearerToken: { token: secrets.bearer } },
      accepts: (request: IncomingMessage) => request.headers.authorization === `Bearer ${secrets.bearer}`,
      hint: `••••${secrets.bearer.slice(-4)}`,
    },
    {
      name: 'Partner basic auth',
      input: { type: 'BASIC_AUTH', basicAuth: { username: 'keyward', password: secrets.password } },
      accepts: (request: IncomingMessage) =>
        request.headers.authorization === `Basic ${Buffer.from(`keyward:${secrets.password}`).toString('base64')}`,
      hint: 'keyward: ••••',
    },
    {
      name: 'Partner custom headers',
      input: {
        type: 'CUSTOM_HEADERS',
        customHeaders: [
          { name: 'X-Tenant', value: 'acme' },
          { name: 'X-Signature', value: secrets.header },
        ],
      },
      accepts: (request: IncomingMessage) => request.headers['x-tenant'] === 'acme' && request.headers['x-signature'] === secrets.header,
      hint: 'X-Tenant: ••••, X-Signature: ••••',
    },
  ];

  it('are stored with a masked hint only, and hand out authorization the partner API accepts', async () => {
    for (const { name, input, accepts, hint } of cases) {
      const created = await create({ name, testUrl: `${partner.url}/v1/me`, ...input });
      expect(created.errors, name).toBeUndefined();
      const credential = created.data?.createVaultCredential;
      expect(credential).toMatchObject({ name, type: input.type, status: 'VALID', hint, createdBy: { displayName: expect.any(String) } });

      const handedOut = await kw.gql(AUTHORIZATION, { id: credential.id }, admin);
      expect(handedOut.errors, name).toBeUndefined();
      partner.accepts = accepts;
      expect(await callPartner(handedOut.data?.vaultCredentialAuthorization), name).toBe(200);
      // The partner refuses what it does not expect: the check above could fail.
      partner.accepts = () => false;
      expect(await callPartner(handedOut.data?.vaultCredentialAuthorization)).toBe(401);

      const tested = await kw.gql(TEST, { id: credential.id }, admin);
      partner.accepts = accepts;
      const again = await kw.gql(TEST, { id: credential.id }, admin);
      expect(tested.data?.testVaultCredential).toMatchObject({ ok: false, status: 401 });
      expect(again.data?.testVaultCredential).toMatchObject({ ok: true, status: 200, latencyMs: expect.any(Number) });
    }
    const used = await kw.gql(`{ vaultCredentials { name lastUsedAt } }`, {}, admin);
    for (const { name } of cases)
      expect(used.data?.vaultCredentials.find((c: { name: string }) => c.name === name)?.lastUsedAt).not.toBeNull();
  });

  it('never shows a value again: not in any query, any database column, the logs (at debug level) or the audit trail', async () => {
    const everything = JSON.stringify(await kw.gql(`{ vaultCredentials { ${FIELDS} } }`, {}, admin));
    const trail = JSON.stringify(await kw.sql('select action, target_name, changes from audit_event order by seq'));
    expect(trail).toMatch(/vault\.created/);
    expect(trail).toMatch(/vault\.used/);
    expect(trail).toMatch(/vault\.tested/);
    // Every text-like column of every table, as PostgreSQL holds it.
    const columns = await kw.sql<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = current_schema() and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    const dump: string[] = [];
    for (const { table_name, column_name } of columns) {
      const rows = await kw.sql<{ value: string | null }>(`select "${column_name}"::text as value from "${table_name}"`);
      for (const row of rows) if (row.value) dump.push(row.value);
    }
    const stored = dump.join('\n');
    const logs = kw.logs.join('');
    expect(kw.logs.length).toBeGreaterThan(0);
    for (const value of Object.values(secrets)) {
      expect(everything).not.toContain(value);
      expect(trail).not.toContain(value);
      expect(stored).not.toContain(value);
      expect(logs).not.toContain(value);
    }
  });

  it('an update keeps the stored secret when it is left out, and replaces it when given (audited without the value)', async () => {
    const key = `k_${randomBytes(16).toString('hex')}`;
    const created = await create({ name: 'Rotating key', type: 'API_KEY', apiKey: { key } });
    const id = created.data?.createVaultCredential.id;
    const UPDATE = `mutation($id: ID!, $input: VaultCredentialInput!) { updateVaultCredential(id: $id, input: $input) { ${FIELDS} } }`;
    const renamed = await kw.gql(UPDATE, { id, input: { description: 'Billing sync', apiKey: { key: '' } } }, admin);
    expect(renamed.errors).toBeUndefined();
    partner.accepts = (request) => request.headers['x-api-key'] === key;
    expect(await callPartner((await kw.gql(AUTHORIZATION, { id }, admin)).data?.vaultCredentialAuthorization)).toBe(200);
    const next = `k_${randomBytes(16).toString('hex')}`;
    await kw.gql(UPDATE, { id, input: { apiKey: { key: next } } }, admin);
    partner.accepts = (request) => request.headers['x-api-key'] === next;
    expect(await callPartner((await kw.gql(AUTHORIZATION, { id }, admin)).data?.vaultCredentialAuthorization)).toBe(200);
    const events = await kw.sql<{ changes: Record<string, unknown> }>(
      `select changes from audit_event where action = 'vault.updated' and target_id = ? order by seq`,
      [id],
    );
    expect(events.map((e) => Object.keys(e.changes).sort())).toEqual([['description'], ['hint', 'secret']]);
    expect(JSON.stringify(events)).not.toContain(next);
    const changedType = await kw.gql(UPDATE, { id, input: { type: 'BEARER_TOKEN' } }, admin);
    expect(changedType.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'type' } });
  });

  it('bad input is refused naming each field and its fix', async () => {
    const refused = await kw.gql(
      CREATE,
      { input: { name: ' ', type: 'API_KEY', contactEmails: [], apiKey: { key: 'x', name: 'Bad Header' }, testUrl: 'ftp://x' } },
      admin,
    );
    const errors = refused.errors?.[0].extensions as { errors: { field: string; message: string }[] };
    expect(errors.errors.map((e) => e.field)).toEqual(['name', 'contactEmails', 'testUrl', 'apiKey.name']);
    expect(errors.errors[3].message).toMatch(/not a header name/);
    const wrongKind = await create({ name: 'Mixed', type: 'BASIC_AUTH', apiKey: { key: 'k' } });
    expect(wrongKind.errors?.[0].message).toMatch(/apiKey is for API_KEY credentials; this one is BASIC_AUTH/);
    const taken = await create({ name: 'Partner API key', type: 'BEARER_TOKEN', bearerToken: { token: 'abc' } });
    expect(taken.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'name' } });
  });
});

describe('OAUTH2 against a real OAuth server (node-oidc-provider)', () => {
  let id: string;
  beforeAll(async () => {
    const created = await create({
      name: 'Partner OAuth',
      type: 'OAUTH2',
      oauth2: { tokenUrl: `${provider.url}/token`, clientId: OAUTH_CLIENT.id, clientSecret: OAUTH_CLIENT.secret, scopes: ['partner:read'] },
    });
    expect(created.errors).toBeUndefined();
    id = created.data?.createVaultCredential.id;
  });

  /** The partner API verifies the provider's JWT access token, as a resource server does. */
  const acceptsProviderTokens = async (request: IncomingMessage) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return false;
    try {
      await jwtVerify(token, provider.jwks, { issuer: provider.url, audience: PARTNER_AUDIENCE });
      return true;
    } catch {
      return false;
    }
  };

  it('gets an access token with the client credentials grant, the partner API accepts it, and it is reused while fresh', async () => {
    partner.accepts = acceptsProviderTokens;
    const first = (await kw.gql(AUTHORIZATION, { id }, admin)).data?.vaultCredentialAuthorization;
    expect(await callPartner(first)).toBe(200);
    expect(new Date(first.expiresAt).getTime()).toBeGreaterThan(clock.now().getTime() + 500_000);
    const second = (await kw.gql(AUTHORIZATION, { id }, admin)).data?.vaultCredentialAuthorization;
    expect(second.headers).toEqual(first.headers);
    const read = await kw.gql(`query($id: ID!) { vaultCredential(id: $id) { status lastRenewedAt accessTokenExpiresAt } }`, { id }, admin);
    expect(read.data?.vaultCredential).toMatchObject({ status: 'VALID', lastRenewedAt: expect.any(String) });
  });

  it('renews the access token before it runs out, with no 401 needed', async () => {
    const before = (await kw.gql(AUTHORIZATION, { id }, admin)).data?.vaultCredentialAuthorization;
    // 600 s tokens: 9 and a half minutes on, less than the minute's margin is left.
    clock.advance(570_000);
    const after = (await kw.gql(AUTHORIZATION, { id }, admin)).data?.vaultCredentialAuthorization;
    expect(after.headers).not.toEqual(before.headers);
    expect(await callPartner(after)).toBe(200);
    const renewals = await kw.sql(`select 1 from audit_event where action = 'vault.renewed' and target_id = ?`, [id]);
    expect(renewals.length).toBe(2);
  });

  it('Test obtains a token first; a wrong client secret is reported in the provider’s words', async () => {
    partner.accepts = acceptsProviderTokens;
    const good = await kw.gql(TEST, { id, url: `${partner.url}/v1/me` }, admin);
    expect(good.data?.testVaultCredential).toMatchObject({ ok: true, status: 200 });
    const draft = await kw.gql(
      'mutation($input: VaultCredentialInput!, $url: String) { testVaultCredentialDraft(input: $input, url: $url) { ok status message } }',
      {
        input: { type: 'OAUTH2', oauth2: { tokenUrl: `${provider.url}/token`, clientId: OAUTH_CLIENT.id, clientSecret: 'wrong-secret' } },
        url: `${partner.url}/v1/me`,
      },
      admin,
    );
    expect(draft.data?.testVaultCredentialDraft).toMatchObject({ ok: false, status: 401 });
    expect(draft.data?.testVaultCredentialDraft.message).toMatch(/^No access token: the token URL answered HTTP 401: invalid_client/);
    expect(draft.data?.testVaultCredentialDraft.message).not.toContain('wrong-secret');
  });
});

describe('Test', () => {
  let id: string;
  beforeAll(async () => {
    const created = await create({ name: 'Tested key', type: 'API_KEY', apiKey: { key: 'a-test-key-0123456789' } });
    id = created.data?.createVaultCredential.id;
  });

  it('reports a wrong credential with the service’s status and reason, and a silent host as a timeout', async () => {
    partner.accepts = () => false;
    const wrong = await kw.gql(TEST, { id, url: `${partner.url}/v1/me` }, admin);
    expect(wrong.data?.testVaultCredential).toMatchObject({ ok: false, status: 401 });
    expect(wrong.data?.testVaultCredential.message).toBe(
      'The service answered HTTP 401 (Unauthorized — the service did not accept the credential): “Invalid API credentials”.',
    );
    const timeout = await kw.gql(TEST, { id, url: `${silentUrl}/v1/me` }, admin);
    expect(timeout.data?.testVaultCredential).toMatchObject({ ok: false, status: null });
    expect(timeout.data?.testVaultCredential.message).toMatch(/did not answer within 2 seconds/);
  });

  it('needs a URL when the credential has no test URL', async () => {
    const refused = await kw.gql(TEST, { id }, admin);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'url' } });
  });
});

describe('the outbound guard, with KEYWARD_OUTBOUND_ALLOW_PRIVATE off', () => {
  let guarded: TestKeyward;
  let cookie: string;
  let id: string;
  beforeAll(async () => {
    // The partner's loopback address is trusted as an operator would trust an internal gateway; nothing else is.
    guarded = await startKeyward({ env: { KEYWARD_OUTBOUND_ALLOW_ADDRESSES: `${PARTNER_HOST}/32` } });
    cookie = await guarded.login();
    const created = await guarded.gql(
      CREATE,
      {
        input: {
          name: 'Guarded',
          type: 'BEARER_TOKEN',
          contactEmails: ['ops@example.com'],
          bearerToken: { token: 'a-guarded-token-0123456789' },
        },
      },
      cookie,
    );
    expect(created.errors).toBeUndefined();
    id = created.data?.createVaultCredential.id;
  });
  afterAll(async () => guarded?.destroy());

  it.each([
    ['a loopback address', 'http://127.0.0.2:9/', /127\.0\.0\.2, a loopback address/],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254, a cloud metadata address/],
  ])('refuses %s as the URL to test, naming the field', async (_case, url, message) => {
    const tested = await guarded.gql(TEST, { id, url }, cookie);
    expect(tested.errors?.[0]).toMatchObject({
      message: expect.stringMatching(message),
      extensions: { code: 'BAD_USER_INPUT', field: 'url' },
    });
  });

  it.each([
    ['a host name that resolves to a loopback address', 'http://localhost:9/', /resolves to 127\.0\.0\.1, a loopback address/],
    ['a redirect to the metadata address', () => `${partner.url}/redirect-to-metadata`, /169\.254\.169\.254, a cloud metadata address/],
  ])('refuses %s when calling, without connecting', async (_case, url, message) => {
    const tested = await guarded.gql(TEST, { id, url: typeof url === 'function' ? url() : url }, cookie);
    expect(tested.errors).toBeUndefined();
    expect(tested.data?.testVaultCredential).toMatchObject({ ok: false, status: null });
    expect(tested.data?.testVaultCredential.message).toMatch(message);
    expect(tested.data?.testVaultCredential.message).not.toContain('a-guarded-token');
  });

  it('lets the trusted address through', async () => {
    partner.accepts = (request) => request.headers.authorization === 'Bearer a-guarded-token-0123456789';
    const tested = await guarded.gql(TEST, { id, url: `${partner.url}/v1/me` }, cookie);
    expect(tested.data?.testVaultCredential).toMatchObject({ ok: true, status: 200 });
  });
});

describe('who may do what', () => {
  let id: string;
  beforeAll(async () => {
    const created = await create({
      name: 'Guarded by permissions',
      type: 'BEARER_TOKEN',
      bearerToken: { token: 'perm-token-0123456789abcdef' },
    });
    id = created.data?.createVaultCredential.id;
  });

  it('VAULT_ADMINISTRATION sees metadata only; VAULT_MANAGE changes and uses; others are FORBIDDEN', async () => {
    const reader = await kw.userWith([Permission.VAULT_ADMINISTRATION], { email: 'vault-reader@example.com' });
    const manager = await kw.userWith([Permission.VAULT_MANAGE], { email: 'vault-manager@example.com' });
    const other = await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.SECRET_CREATE], { email: 'not-vault@example.com' });
    expect((await kw.gql('{ vaultCredentials { name hint } }', {}, reader)).errors).toBeUndefined();
    for (const [cookie, who] of [
      [reader, 'reader'],
      [other, 'other'],
    ] as const) {
      expect((await kw.gql(AUTHORIZATION, { id }, cookie)).errors?.[0].extensions?.code, who).toBe('FORBIDDEN');
      expect(
        (await create({ name: `By ${who}`, type: 'BEARER_TOKEN', bearerToken: { token: 'x' } }, cookie)).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      expect((await kw.gql('mutation($id: ID!) { deleteVaultCredential(id: $id) }', { id }, cookie)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    expect((await kw.gql('{ vaultCredentials { name } }', {}, other)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await kw.gql(AUTHORIZATION, { id }, manager)).errors).toBeUndefined();
    const made = await create({ name: 'By manager', type: 'BEARER_TOKEN', bearerToken: { token: 'manager-token-0123456789' } }, manager);
    expect(made.errors).toBeUndefined();
  });

  it('an API client needs keyward:vault.use to get authorization; other management scopes do not give it', async () => {
    const withUse = await kw.clientWithSecret(admin, { client: { name: 'Integration', scopes: ['keyward:vault.use'] } });
    const without = await kw.clientWithSecret(admin, { client: { name: 'Reader', scopes: ['keyward:clients.read'] } });
    const tokenOf = async (client: { clientId: string; secret: string }) => {
      const response = await fetch(`${kw.baseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(client.clientId, client.secret) },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope: client === withUse ? 'keyward:vault.use' : 'keyward:clients.read',
        }),
      });
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const ask = async (token: string, query: string) => {
      const response = await fetch(`${kw.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { id } }),
      });
      return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
    };
    const used = await ask(await tokenOf(withUse), AUTHORIZATION);
    expect(used.errors).toBeUndefined();
    expect(used.data.vaultCredentialAuthorization.headers).toEqual([
      { name: 'Authorization', value: 'Bearer perm-token-0123456789abcdef' },
    ]);
    // The scope hands out authorization and nothing else of the vault.
    expect((await ask(await tokenOf(withUse), '{ vaultCredentials { name } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ask(await tokenOf(without), AUTHORIZATION)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const actors = await kw.sql<{ actor_type: string }>(
      `select actor_type from audit_event where action = 'vault.used' and target_id = ? order by seq`,
      [id],
    );
    expect(actors.map((a) => a.actor_type)).toContain('CLIENT');
  });

  it('another tenant cannot see or use it (NOT_FOUND), and a sealed value copied into another row or tenant does not decrypt', async () => {
    const { cookie } = await kw.createTenant('vault-other');
    for (const query of [AUTHORIZATION, `query($id: ID!) { vaultCredential(id: $id) { name } }`])
      expect((await kw.gql(query, { id }, cookie)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // The other tenant's own credential, then this tenant's sealed value copied over its own.
    const theirs = await kw.gql(
      CREATE,
      {
        input: { name: 'Theirs', type: 'BEARER_TOKEN', contactEmails: ['x@example.com'], bearerToken: { token: 'their-token-0123456789' } },
      },
      cookie,
    );
    const theirId = theirs.data?.createVaultCredential.id;
    const mine = await create({ name: 'Mine too', type: 'BEARER_TOKEN', bearerToken: { token: 'my-second-token-0123456789' } });
    const mineId = mine.data?.createVaultCredential.id;
    await kw.sql(
      `update vault_credential set sealed_secrets = (select sealed_secrets from vault_credential where id = ?) where id in (?, ?)`,
      [id, theirId, mineId],
    );
    expect((await kw.gql(AUTHORIZATION, { id: theirId }, cookie)).errors?.[0].message).toMatch(/could not be decrypted/);
    expect((await kw.gql(AUTHORIZATION, { id: mineId }, admin)).errors?.[0].message).toMatch(/could not be decrypted/);
    // The original still works.
    expect((await kw.gql(AUTHORIZATION, { id }, admin)).errors).toBeUndefined();
  });
});
