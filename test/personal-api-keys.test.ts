import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PersonalApiKey } from '../server/apikeys/personal-api-key.entity.js';
import { PERSONAL_API_KEY } from '../server/apikeys/personal-api-key.service.js';
import { Migration20261202050000 } from '../server/db/migrations/Migration20261202050000.js';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { humanDate } from '../server/kernel/human-date.js';
import { Permission } from '../server/kernel/permissions.js';
import { ALL, type GraphQLResult, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';
import { tablesHolding } from './support/leaks.js';

const KEY_FIELDS = 'id name hint permissions createdAt regeneratedAt expiresAt lastUsedAt lastUsedIp status revokedAt';
const CREATE_KEY = `mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token apiKey { ${KEY_FIELDS} } } }`;
const MY_KEYS = `{ myApiKeys { ${KEY_FIELDS} } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokePersonalApiKey(id: $id) { ${KEY_FIELDS} } }`;
const REGENERATE_KEY = `mutation($id: ID!) { regeneratePersonalApiKey(id: $id) { token apiKey { ${KEY_FIELDS} } } }`;
const VIEWER = '{ viewer { actor { type id displayName } user { email } permissions tenant { slug } } }';
const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id createdBy { type displayName } } }';
const DELETE_CLIENT = 'mutation($id: ID!) { deleteApiClient(id: $id) }';
const TRAIL = `query($filter: AuditEventFilter) {
  auditEvents(filter: $filter, first: 100) { edges { node { action actor { type id displayName } target { type id name } changes { field from to } } } }
}`;
/** docs/formats.md#secret-tokens: `kwpat_` + 43 base62 characters (256 bits) + a 6-character checksum. */
const KEY_FORMAT = /^kwpat_[0-9A-Za-z]{49}$/;
const NOT_A_KEY = 'This is not a Keyward personal API key (kwpat_…): check that it was copied whole.';
const OWNER_ONLY =
  'Personal API keys are managed by their owner, signed in to Keyward; an API key or access token cannot create or change keys.';

interface KeyNode {
  id: string;
  name: string;
  hint: string;
  permissions: Permission[];
  createdAt: string;
  regeneratedAt: string | null;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  status: 'VALID' | 'SUSPENDED' | 'EXPIRED' | 'REVOKED';
  revokedAt: string | null;
}
interface IssuedKey {
  token: string;
  apiKey: KeyNode;
}
interface Person {
  email: string;
  cookie: string;
}
type Result = GraphQLResult<any>;
const EXCEPT_SECURITY_ADMINISTRATION = ALL.filter((p) => p !== Permission.SECURITY_ADMINISTRATION);

// Services read this clock (key expiry and status); sessions and the audit trail keep real time.
const clock = new ManualClock(new Date());
let kw: TestKeyward;
let admin: string;

beforeAll(async () => {
  // Sessions follow the clock too: these tests move it by days, so sessions last the longest allowed (30 days).
  const longSessions = { KEYWARD_SESSION_TTL_SECONDS: String(30 * 86_400), KEYWARD_SESSION_IDLE_SECONDS: String(30 * 86_400) };
  kw = await startKeyward({ clock, env: { LOG_LEVEL: 'debug', ...longSessions } });
  admin = await kw.login();
});
afterAll(async () => kw?.destroy());
afterEach(() => clock.set(new Date()));

const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY_MS);

async function person(permissions: Permission[] = [Permission.CLIENT_ADMINISTRATION]): Promise<Person> {
  const email = `key-owner-${randomBytes(4).toString('hex')}@example.com`;
  return { email, cookie: await kw.userWith(permissions, { email }) };
}

async function createKey(cookie: string, input: Record<string, unknown>): Promise<IssuedKey> {
  const result = await kw.gql(CREATE_KEY, { input }, cookie);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data?.createPersonalApiKey;
}

async function myKeys(cookie: string): Promise<KeyNode[]> {
  const result = await kw.gql(MY_KEYS, {}, cookie);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data?.myApiKeys;
}

async function myKey(cookie: string, id: string): Promise<KeyNode | undefined> {
  return (await myKeys(cookie)).find((key) => key.id === id);
}

/** A GraphQL request authenticated only by `Authorization: Bearer <token>`. */
async function withBearer(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Result & { status: number }> {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Result) };
}

async function expectRefusedKey(token: string, message: string | RegExp) {
  const result = await withBearer(token, VIEWER);
  expect(result.status).not.toBe(500);
  expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  if (typeof message === 'string') expect(result.errors?.[0].message).toBe(message);
  else expect(result.errors?.[0].message).toMatch(message);
  expect(result.data?.viewer ?? null).toBeNull();
}

async function trail(filter: Record<string, unknown>) {
  const result = await kw.gql(TRAIL, { filter }, admin);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data?.auditEvents.edges.map((e: { node: unknown }) => e.node) as {
    action: string;
    actor: { type: string; id: string | null; displayName: string };
    target: { type: string; id: string; name: string | null } | null;
    changes: { field: string; from: unknown; to: unknown }[];
  }[];
}

describe('a personal API key', () => {
  it('is shown once, in the create payload, and found nowhere else: not in the list, the database or the logs', async () => {
    const owner = await person();
    const { token, apiKey } = await createKey(owner.cookie, { name: '  ERP Integration  ' });
    expect(token).toMatch(KEY_FORMAT);
    expect(apiKey).toMatchObject({
      name: 'ERP Integration',
      hint: `kwpat_…${token.slice(-4)}`,
      status: 'VALID',
      revokedAt: null,
      regeneratedAt: null,
      lastUsedAt: null,
      lastUsedIp: null,
    });
    // Without an expiry it lasts 90 days.
    expect(new Date(apiKey.expiresAt).getTime() - new Date(apiKey.createdAt).getTime()).toBe(90 * DAY_MS);

    const listed = await myKeys(owner.cookie);
    expect(listed).toEqual([apiKey]);
    expect(JSON.stringify(listed)).not.toContain(token.slice(6, -4));

    // Use it, so any request logging has had its chance to leak it.
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();
    // The random part of the key, in case something stored or logged it without its prefix.
    const body = token.slice('kwpat_'.length, -4);
    expect(await tablesHolding(kw, token)).toEqual([]);
    expect(await tablesHolding(kw, body)).toEqual([]);
    const [stored] = await kw.sql<{ token_hash: string }>('select token_hash from personal_api_key where id = ?', [apiKey.id]);
    expect(stored.token_hash).toMatch(/^hmac-sha256\.v1\$[A-Za-z0-9_-]{43}$/);
    const logs = kw.logs.join('\n');
    expect(logs).toContain('"fields":["createPersonalApiKey"]');
    expect(logs).not.toContain(body);

    const [created] = (await trail({ action: 'apikey.created' })).filter((e) => e.target?.id === apiKey.id);
    expect(created).toMatchObject({
      action: 'apikey.created',
      actor: { type: 'USER', displayName: `Test User <${owner.email}>` },
      target: { type: 'PERSONAL_API_KEY', id: apiKey.id, name: 'ERP Integration' },
    });
    expect(created.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', from: null, to: 'ERP Integration' },
        { field: 'hint', from: null, to: apiKey.hint },
      ]),
    );
  });

  it('works as a Bearer token on /graphql, as its owner, and a change made with it is audited as "<owner> via API key <name>"', async () => {
    const owner = await person([Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE]);
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Deploy pipeline', expiresAt: inDays(30).toISOString() });
    const via = `Test User <${owner.email}> via API key Deploy pipeline`;

    const read = await withBearer(
      token,
      '{ viewer { actor { type id displayName } user { email } permissions tenant { slug } } apiClients { totalCount } }',
    );
    expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
    expect(read.data?.viewer).toEqual({
      actor: { type: 'API_KEY', id: apiKey.id, displayName: via },
      user: { email: owner.email },
      permissions: [Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE].sort(),
      tenant: { slug: 'default' },
    });
    expect(read.data?.apiClients.totalCount).toBeGreaterThanOrEqual(0);

    const created = await withBearer(token, CREATE_CLIENT, { input: { name: 'Made with a key', contactEmails: ['ops@example.com'] } });
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const client = created.data?.createApiClient;
    expect(client.createdBy).toEqual({ type: 'API_KEY', displayName: via });
    const [event] = await trail({ apiClientId: client.id, action: 'client.created' });
    expect(event.actor).toEqual({ type: 'API_KEY', id: apiKey.id, displayName: via });
    expect((await kw.gql(DELETE_CLIENT, { id: client.id }, admin)).errors).toBeUndefined();
  });

  it('never has more permissions than its owner has right now: leaving a team takes effect on the next request', async () => {
    const owner = await person([Permission.CLIENT_ADMINISTRATION]);
    const { token } = await createKey(owner.cookie, { name: 'Reporting' });
    expect((await withBearer(token, '{ apiClients { totalCount } }')).errors).toBeUndefined();

    await kw.sql('delete from team_member where user_id = (select id from app_user where email = ?)', [owner.email]);
    const refused = await withBearer(token, '{ apiClients { totalCount } }');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('CLIENT_ADMINISTRATION');
    expect((await withBearer(token, VIEWER)).data?.viewer.permissions).toEqual([]);
  });

  it('records when and from where it was last used, at most once a minute and without an audit event', async () => {
    const owner = await person();
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Nightly export' });
    const eventsBefore = (await kw.sql('select id from audit_event')).length;

    const firstUse = clock.now().toISOString();
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();
    await vi.waitFor(async () =>
      expect(await myKey(owner.cookie, apiKey.id)).toMatchObject({ lastUsedAt: firstUse, lastUsedIp: '127.0.0.1' }),
    );

    // Used again 30 seconds later: not written again.
    clock.advance(30_000);
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await myKey(owner.cookie, apiKey.id))?.lastUsedAt).toBe(firstUse);

    // More than a minute after the recorded use: written.
    clock.advance(31_000);
    const laterUse = clock.now().toISOString();
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();
    await vi.waitFor(async () => expect((await myKey(owner.cookie, apiKey.id))?.lastUsedAt).toBe(laterUse));

    expect((await kw.sql('select id from audit_event')).length).toBe(eventsBefore);
  });

  it('the list shows the viewer’s own keys only, newest first', async () => {
    const alice = await person();
    const bob = await person();
    const first = await createKey(alice.cookie, { name: 'First' });
    clock.advance(1000);
    const second = await createKey(alice.cookie, { name: 'Second' });
    const bobs = await createKey(bob.cookie, { name: 'Bob’s' });
    expect((await myKeys(alice.cookie)).map((k) => k.name)).toEqual(['Second', 'First']);
    expect((await myKeys(bob.cookie)).map((k) => k.id)).toEqual([bobs.apiKey.id]);
    // Not even a security administrator sees someone else's keys.
    const adminSees = (await myKeys(admin)).map((k) => k.id);
    for (const id of [first.apiKey.id, second.apiKey.id, bobs.apiKey.id]) expect(adminSees).not.toContain(id);
  });
});

describe('status and expiry', () => {
  it('VALID turns EXPIRED when the clock passes expiresAt, and the key is then refused with the date and what to do', async () => {
    const owner = await person();
    const expiresAt = inDays(2);
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Short-lived', expiresAt: expiresAt.toISOString() });
    expect(apiKey).toMatchObject({ status: 'VALID', expiresAt: expiresAt.toISOString() });
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();

    clock.set(new Date(expiresAt.getTime() - 1000));
    expect((await myKey(owner.cookie, apiKey.id))?.status).toBe('VALID');
    clock.set(expiresAt);
    expect((await myKey(owner.cookie, apiKey.id))?.status).toBe('EXPIRED');
    const when = humanDate(expiresAt);
    await expectRefusedKey(token, `The personal API key "Short-lived" expired on ${when}; create a new one under My API keys.`);
  });

  it('VALID turns SUSPENDED while the owner is disabled, and VALID again when the owner is enabled', async () => {
    const owner = await person();
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Owner may leave' });

    // A security administrator disables the owner (docs/concepts.md#personal-api-keys: SUSPENDED), then enables them again.
    const [{ id: ownerId }] = await kw.sql<{ id: string }>('select id from app_user where email = ?', [owner.email]);
    const disabled = await kw.gql('mutation($id: ID!) { disableUser(id: $id) { status } }', { id: ownerId }, admin);
    expect(disabled.data?.disableUser).toEqual({ status: 'DISABLED' });
    await expectRefusedKey(token, /^The personal API key "Owner may leave" cannot be used while its owner's account is disabled\./);
    // The owner cannot sign in to look, so the status is read as Keyward derives it for any reader.
    const em = kw.keyward.database.orm.em.fork();
    const stored = await em.findOneOrFail(PersonalApiKey, apiKey.id, { populate: ['owner'] });
    expect(kw.keyward.services.personalApiKeys.statusOf(stored)).toBe('SUSPENDED');

    const enabled = await kw.gql('mutation($id: ID!) { enableUser(id: $id) { status } }', { id: ownerId }, admin);
    expect(enabled.data?.enableUser).toEqual({ status: 'ACTIVE' });
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();
    // Disabling ended the owner's sessions: they sign in again to see the key.
    expect((await kw.gql(VIEWER, {}, owner.cookie)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await myKey(await kw.login(owner.email, USER_PASSWORD), apiKey.id))?.status).toBe('VALID');
  });

  it('is REVOKED at once: refused on the next request; revoking again changes nothing and records no second event', async () => {
    const owner = await person();
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Leaked in a gist' });
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();

    const revoked = await kw.gql(REVOKE_KEY, { id: apiKey.id }, owner.cookie);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data?.revokePersonalApiKey).toMatchObject({ id: apiKey.id, status: 'REVOKED', revokedAt: clock.now().toISOString() });
    const when = humanDate(clock.now());
    await expectRefusedKey(token, `The personal API key "Leaked in a gist" was revoked on ${when}; create a new one under My API keys.`);
    expect((await myKey(owner.cookie, apiKey.id))?.status).toBe('REVOKED');

    clock.advance(60_000);
    const again = await kw.gql(REVOKE_KEY, { id: apiKey.id }, owner.cookie);
    expect(again.data?.revokePersonalApiKey).toEqual(revoked.data?.revokePersonalApiKey);
    const events = await trail({ action: 'apikey.revoked' });
    expect(events.filter((e) => e.target?.id === apiKey.id)).toHaveLength(1);
    expect(events.find((e) => e.target?.id === apiKey.id)?.actor).toEqual({
      type: 'USER',
      id: expect.any(String),
      displayName: `Test User <${owner.email}>`,
    });

    const regenerated = await kw.gql(REGENERATE_KEY, { id: apiKey.id }, owner.cookie);
    expect(regenerated.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(regenerated.errors?.[0].message).toContain('was revoked');
    expect(regenerated.errors?.[0].message).toContain('Create a new key instead.');
  });
});

describe('regenerating a key', () => {
  it('gives it a new value at once: the old one is refused, the new one works, the name stays and the lifetime is renewed', async () => {
    const owner = await person();
    const { token: oldToken, apiKey } = await createKey(owner.cookie, { name: 'CI runner', expiresAt: inDays(10).toISOString() });
    expect((await withBearer(oldToken, VIEWER)).errors).toBeUndefined();

    clock.advance(3 * DAY_MS);
    const result = await kw.gql(REGENERATE_KEY, { id: apiKey.id }, owner.cookie);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const issued: IssuedKey = result.data?.regeneratePersonalApiKey;
    const { token, apiKey: renewed } = issued;
    expect(token).toMatch(KEY_FORMAT);
    expect(token).not.toBe(oldToken);
    expect(renewed).toMatchObject({
      id: apiKey.id,
      name: 'CI runner',
      hint: `kwpat_…${token.slice(-4)}`,
      status: 'VALID',
      createdAt: apiKey.createdAt,
      regeneratedAt: clock.now().toISOString(),
      // Same lifetime as before (10 days), counted from now.
      expiresAt: inDays(10).toISOString(),
    });

    await expectRefusedKey(
      oldToken,
      'This personal API key is not valid; it may have been regenerated or revoked. Use its current value, or create a new key under My API keys.',
    );
    const viewer = await withBearer(token, VIEWER);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data?.viewer.actor).toMatchObject({ type: 'API_KEY', id: apiKey.id });
    // One key, the same one, now last used with its new value.
    const now = clock.now().toISOString();
    await vi.waitFor(async () => expect(await myKeys(owner.cookie)).toEqual([{ ...renewed, lastUsedAt: now }]));
    expect(await tablesHolding(kw, token.slice(6, -4))).toEqual([]);

    const [event] = (await trail({ action: 'apikey.regenerated' })).filter((e) => e.target?.id === apiKey.id);
    expect(event.changes).toEqual(
      expect.arrayContaining([
        { field: 'hint', from: apiKey.hint, to: renewed.hint },
        { field: 'expiresAt', from: apiKey.expiresAt, to: renewed.expiresAt },
      ]),
    );

    // Regenerated again later: the lifetime is still the 10 days it was given, not 13.
    clock.advance(DAY_MS);
    const again = await kw.gql(REGENERATE_KEY, { id: apiKey.id }, owner.cookie);
    expect(again.data?.regeneratePersonalApiKey.apiKey.expiresAt).toBe(inDays(10).toISOString());
  });
});

describe('who may manage keys', () => {
  it('any signed-in user manages their own keys, even after leaving every team; such a key can then only see who it is', async () => {
    const owner = await person();
    const { token, apiKey } = await createKey(owner.cookie, { name: 'No permissions left' });
    await kw.sql('delete from team_member where user_id = (select id from app_user where email = ?)', [owner.email]);
    const loner = owner.cookie;
    expect((await myKeys(loner)).map((k) => k.id)).toEqual([apiKey.id]);
    const viewer = await withBearer(token, VIEWER);
    expect(viewer.data?.viewer).toMatchObject({ actor: { type: 'API_KEY' }, permissions: [] });
    expect((await withBearer(token, '{ apiClients { totalCount } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const regenerated = await kw.gql(REGENERATE_KEY, { id: apiKey.id }, loner);
    expect(regenerated.errors).toBeUndefined();
    const revoked = await kw.gql(REVOKE_KEY, { id: apiKey.id }, loner);
    expect(revoked.data?.revokePersonalApiKey.status).toBe('REVOKED');
  });

  it.each([
    ['no credentials', undefined],
    ['a garbage session cookie', 'kw_session=nonsense'],
  ])('with %s, each of the four operations is UNAUTHENTICATED and changes nothing', async (_who, cookie) => {
    const owner = await person();
    const { apiKey } = await createKey(owner.cookie, { name: 'Untouched' });
    const before = await kw.sql('select id, token_hash, revoked_at from personal_api_key order by id');
    for (const [query, variables] of [
      [MY_KEYS, {}],
      [CREATE_KEY, { input: { name: 'Anonymous' } }],
      [REVOKE_KEY, { id: apiKey.id }],
      [REGENERATE_KEY, { id: apiKey.id }],
    ] as const) {
      const result = await kw.gql(query, variables, cookie);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
    }
    expect(await kw.sql('select id, token_hash, revoked_at from personal_api_key order by id')).toEqual(before);
  });
});

describe('whose keys', () => {
  it('one user cannot list, revoke or regenerate another user’s keys: NOT_FOUND, as for a key that does not exist', async () => {
    const alice = await person();
    const mallory = await person(ALL);
    const { token, apiKey } = await createKey(alice.cookie, { name: 'Alice’s key' });

    expect((await myKeys(mallory.cookie)).map((k) => k.id)).not.toContain(apiKey.id);
    const unknownId = '00000000-0000-4000-8000-000000000000';
    for (const mutation of [REVOKE_KEY, REGENERATE_KEY]) {
      const theirs = await kw.gql(mutation, { id: apiKey.id }, mallory.cookie);
      const unknown = await kw.gql(mutation, { id: unknownId }, mallory.cookie);
      const malformed = await kw.gql(mutation, { id: 'not-an-id' }, mallory.cookie);
      for (const refused of [theirs, unknown, malformed]) {
        expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
        expect(refused.data).toBeNull();
      }
      // The refusal says nothing that tells someone else's key from no key at all.
      expect(theirs.errors?.[0].message.replace(apiKey.id, unknownId)).toBe(unknown.errors?.[0].message);
    }
    expect(await myKey(alice.cookie, apiKey.id)).toEqual(apiKey);
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();
  });

  it('an API key or a management access token cannot create, list or change keys (FORBIDDEN), so a leaked one cannot mint more', async () => {
    const owner = await person(ALL);
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Automation' });
    const client = await kw.clientWithSecret(admin, { client: { name: 'Key minting attempt', scopes: ['keyward:clients.read'] } });
    const grant = await fetch(`${kw.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.secret,
        scope: 'keyward:clients.read',
      }),
    });
    expect(grant.status).toBe(200);
    const accessToken = ((await grant.json()) as { access_token: string }).access_token;
    const keysBefore = await kw.sql('select id, token_hash, revoked_at from personal_api_key order by id');

    for (const bearer of [token, accessToken]) {
      const attempts = [
        await withBearer(bearer, CREATE_KEY, { input: { name: 'Minted' } }),
        await withBearer(bearer, MY_KEYS),
        await withBearer(bearer, REVOKE_KEY, { id: apiKey.id }),
        await withBearer(bearer, REGENERATE_KEY, { id: apiKey.id }),
      ];
      for (const refused of attempts) {
        expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(refused.errors?.[0].message).toContain(OWNER_ONLY);
        expect(refused.data ?? null).toBeNull();
      }
    }
    expect(await kw.sql('select id, token_hash, revoked_at from personal_api_key order by id')).toEqual(keysBefore);
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();
    expect((await kw.gql(DELETE_CLIENT, { id: client.id }, admin)).errors).toBeUndefined();
  });
});

describe('bad input', () => {
  it.each([
    ['an empty name', { name: '' }, 'name', 'Name is required'],
    ['a name of spaces', { name: '   ' }, 'name', 'Name is required'],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name', 'shorten it to at most 100'],
    ['an expiry more than 365 days ahead', { name: 'Too long', expiresAt: 366 }, 'expiresAt', 'more than 365 days ahead'],
    ['an expiry in the past', { name: 'Too late', expiresAt: -1 }, 'expiresAt', 'must be in the future'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is created', async (_case, input, field, says) => {
    const owner = await person();
    const { expiresAt, ...rest } = input as { name: string; expiresAt?: number };
    const result = await kw.gql(
      CREATE_KEY,
      { input: { ...rest, ...(expiresAt ? { expiresAt: inDays(expiresAt).toISOString() } : {}) } },
      owner.cookie,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toContain(says);
    expect(await myKeys(owner.cookie)).toEqual([]);
  });

  it('an expiry of exactly 365 days is accepted', async () => {
    const owner = await person();
    const { apiKey } = await createKey(owner.cookie, { name: 'A year', expiresAt: inDays(365).toISOString() });
    expect(apiKey.expiresAt).toBe(inDays(365).toISOString());
  });

  it('a malformed key, or one with a wrong checksum, is UNAUTHENTICATED with a message saying so — never a 500', async () => {
    const owner = await person();
    const { token } = await createKey(owner.cookie, { name: 'Typo target' });
    const last = token.at(-1) === 'a' ? 'b' : 'a';
    for (const presented of [
      'kwpat_',
      'kwpat_short',
      `${token}x`,
      `${token.slice(0, 20)}-${token.slice(21)}`,
      `${token.slice(0, -1)}${last}`,
    ]) {
      await expectRefusedKey(presented, NOT_A_KEY);
    }
    // Well formed, with a valid checksum, but never issued.
    await expectRefusedKey(
      PERSONAL_API_KEY.generate().token,
      /^This personal API key is not valid; it may have been regenerated or revoked\./,
    );
    expect((await withBearer(token, VIEWER)).errors).toBeUndefined();
  });
});

describe('the permissions a key carries (docs/permissions.md#personal-api-key-permissions)', () => {
  const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }';
  const CREATE_TEAM = 'mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }';
  const UPDATE_TEAM = 'mutation($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { id permissions } }';
  const newUser = () => ({ input: { email: `made-by-key-${randomBytes(4).toString('hex')}@example.com`, name: 'Made by a key' } });

  /** The one team `person()` put the owner in. */
  async function teamOf(owner: Person): Promise<string> {
    const [row] = await kw.sql<{ team_id: string }>(
      'select team_id from team_member where user_id = (select id from app_user where email = ?)',
      [owner.email],
    );
    return row.team_id;
  }

  it('left out: all of the owner’s except SECURITY_ADMINISTRATION, so a full administrator’s key cannot manage users or teams', async () => {
    const owner = await person(ALL);
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Default permissions' });
    expect(apiKey.permissions).toEqual(EXCEPT_SECURITY_ADMINISTRATION);
    expect(await myKey(owner.cookie, apiKey.id)).toMatchObject({ permissions: EXCEPT_SECURITY_ADMINISTRATION });
    expect((await withBearer(token, VIEWER)).data?.viewer.permissions).toEqual([...EXCEPT_SECURITY_ADMINISTRATION].sort());

    const team = await kw.gql(CREATE_TEAM, { input: { name: `Key target ${randomBytes(3).toString('hex')}`, permissions: [] } }, admin);
    const teamId = team.data?.createTeam.id;
    for (const [query, variables] of [
      [CREATE_USER, newUser()],
      [CREATE_TEAM, { input: { name: 'Made by a key', permissions: [] } }],
      [UPDATE_TEAM, { id: teamId, input: { permissions: [Permission.CLIENT_REMOVE] } }],
    ] as const) {
      const refused = await withBearer(token, query, variables);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toContain('SECURITY_ADMINISTRATION');
      expect(refused.data ?? null).toBeNull();
    }
    const [stored] = await kw.sql<{ permissions: string[] }>('select permissions from team where id = ?', [teamId]);
    expect(stored.permissions).toEqual([]);
    // What the key does carry works.
    expect((await withBearer(token, '{ apiClients { totalCount } }')).errors).toBeUndefined();
  });

  it('SECURITY_ADMINISTRATION chosen by name: that key manages users and teams', async () => {
    const owner = await person(ALL);
    const { token, apiKey } = await createKey(owner.cookie, {
      name: 'Provisioning',
      permissions: [Permission.SECURITY_ADMINISTRATION, Permission.CLIENT_ADMINISTRATION],
    });
    // Stored in the order of the Permission enum, whatever order they were sent in.
    expect(apiKey.permissions).toEqual([Permission.CLIENT_ADMINISTRATION, Permission.SECURITY_ADMINISTRATION]);
    const user = await withBearer(token, CREATE_USER, newUser());
    expect(user.errors, JSON.stringify(user.errors)).toBeUndefined();
    const team = await withBearer(token, CREATE_TEAM, { input: { name: `By key ${randomBytes(3).toString('hex')}`, permissions: [] } });
    expect(team.errors, JSON.stringify(team.errors)).toBeUndefined();
    const updated = await withBearer(token, UPDATE_TEAM, {
      id: team.data?.createTeam.id,
      input: { permissions: [Permission.CLIENT_ADMINISTRATION] },
    });
    expect(updated.errors, JSON.stringify(updated.errors)).toBeUndefined();
    expect(updated.data?.updateTeam.permissions).toEqual([Permission.CLIENT_ADMINISTRATION]);
  });

  it('a key with only CLIENT_ADMINISTRATION lists clients but cannot create one, though its owner can', async () => {
    const owner = await person([Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE]);
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Read only', permissions: [Permission.CLIENT_ADMINISTRATION] });
    expect(apiKey.permissions).toEqual([Permission.CLIENT_ADMINISTRATION]);
    expect((await withBearer(token, '{ apiClients { totalCount } }')).errors).toBeUndefined();

    const refused = await withBearer(token, CREATE_CLIENT, { input: { name: 'Not with this key', contactEmails: ['ops@example.com'] } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('CLIENT_CREATE');
    expect(await kw.sql("select id from api_client where name = 'Not with this key'")).toEqual([]);
    // The owner, signed in, still can: the key is narrower than its owner, not the other way round.
    const byOwner = await kw.gql(CREATE_CLIENT, { input: { name: 'By its owner', contactEmails: ['ops@example.com'] } }, owner.cookie);
    expect(byOwner.errors, JSON.stringify(byOwner.errors)).toBeUndefined();
    expect((await kw.gql(DELETE_CLIENT, { id: byOwner.data?.createApiClient.id }, admin)).errors).toBeUndefined();
  });

  it('acts with (chosen ∩ owner’s current): a permission taken from the owner’s team leaves the key at once, one given later never reaches it', async () => {
    const owner = await person([Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE]);
    const { token, apiKey } = await createKey(owner.cookie, { name: 'Narrowed' });
    expect(apiKey.permissions).toEqual([Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE]);
    const teamId = await teamOf(owner);

    const narrowed = await kw.gql(UPDATE_TEAM, { id: teamId, input: { permissions: [Permission.CLIENT_ADMINISTRATION] } }, admin);
    expect(narrowed.errors, JSON.stringify(narrowed.errors)).toBeUndefined();
    const refused = await withBearer(token, CREATE_CLIENT, { input: { name: 'After narrowing', contactEmails: ['ops@example.com'] } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('CLIENT_CREATE');
    expect((await withBearer(token, VIEWER)).data?.viewer.permissions).toEqual([Permission.CLIENT_ADMINISTRATION]);
    // The key still lists what was chosen for it.
    expect((await myKey(owner.cookie, apiKey.id))?.permissions).toEqual([Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE]);

    // Given back, and one more the key was never given.
    const widened = await kw.gql(
      UPDATE_TEAM,
      { id: teamId, input: { permissions: [Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE, Permission.CLIENT_REMOVE] } },
      admin,
    );
    expect(widened.errors, JSON.stringify(widened.errors)).toBeUndefined();
    expect((await withBearer(token, VIEWER)).data?.viewer.permissions).toEqual([
      Permission.CLIENT_ADMINISTRATION,
      Permission.CLIENT_CREATE,
    ]);
    expect((await withBearer(token, DELETE_CLIENT, { id: '00000000-0000-4000-8000-000000000000' })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('naming a permission the owner does not hold is FORBIDDEN, naming it; an empty choice is BAD_USER_INPUT; nothing is created', async () => {
    const owner = await person([Permission.CLIENT_ADMINISTRATION]);
    const escalation = await kw.gql(
      CREATE_KEY,
      { input: { name: 'Escalation', permissions: [Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_REMOVE] } },
      owner.cookie,
    );
    expect(escalation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(escalation.errors?.[0].message).toBe(
      'A key can carry only permissions you hold, and you do not hold CLIENT_REMOVE (Security Remove Clients). Leave it out of permissions, or ask a security administrator to add it to one of your teams.',
    );
    const security = await kw.gql(
      CREATE_KEY,
      { input: { name: 'Escalation', permissions: [Permission.SECURITY_ADMINISTRATION] } },
      owner.cookie,
    );
    expect(security.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(security.errors?.[0].message).toContain('SECURITY_ADMINISTRATION (Security Administration)');

    const empty = await kw.gql(CREATE_KEY, { input: { name: 'Nothing', permissions: [] } }, owner.cookie);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permissions' });
    expect(empty.errors?.[0].message).toContain('Choose at least one permission');

    // Left out, by someone who holds nothing to default to.
    const loner = await person([]);
    const nothing = await kw.gql(CREATE_KEY, { input: { name: 'Nothing to carry' } }, loner.cookie);
    expect(nothing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permissions' });
    expect(nothing.errors?.[0].message).toContain('You hold no permissions');
    const securityOnly = await person([Permission.SECURITY_ADMINISTRATION]);
    const onlyByName = await kw.gql(CREATE_KEY, { input: { name: 'Admin script' } }, securityOnly.cookie);
    expect(onlyByName.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permissions' });
    expect(onlyByName.errors?.[0].message).toContain('permissions: [SECURITY_ADMINISTRATION]');

    expect(await myKeys(owner.cookie)).toEqual([]);
    expect(await myKeys(loner.cookie)).toEqual([]);
    expect(await myKeys(securityOnly.cookie)).toEqual([]);
  });

  it('are kept when the key is regenerated, and audited when it is created', async () => {
    const owner = await person([Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION]);
    const { apiKey } = await createKey(owner.cookie, { name: 'Secrets report', permissions: [Permission.SECRET_ADMINISTRATION] });
    const regenerated = await kw.gql(REGENERATE_KEY, { id: apiKey.id }, owner.cookie);
    expect(regenerated.errors, JSON.stringify(regenerated.errors)).toBeUndefined();
    const issued: IssuedKey = regenerated.data?.regeneratePersonalApiKey;
    const { token, apiKey: renewed } = issued;
    expect(renewed.permissions).toEqual([Permission.SECRET_ADMINISTRATION]);
    expect((await withBearer(token, VIEWER)).data?.viewer.permissions).toEqual([Permission.SECRET_ADMINISTRATION]);

    const [created] = (await trail({ action: 'apikey.created' })).filter((e) => e.target?.id === apiKey.id);
    expect(created.changes).toContainEqual({ field: 'permissions', from: null, to: [Permission.SECRET_ADMINISTRATION] });
  });
});

describe('at most 20 live keys per user (docs/limits.md#personal-api-key-limits)', () => {
  const LIMIT_MESSAGE =
    'You already have 20 personal API keys that are not revoked or expired, the most one person may hold. Revoke a key you no longer need under My API keys (revokePersonalApiKey), then create the new one.';

  it('the 21st live key is LIMIT_EXCEEDED; revoked and expired keys do not count; revoking one makes room', async () => {
    const owner = await person();
    const expired = await createKey(owner.cookie, { name: 'Soon expired', expiresAt: inDays(1).toISOString() });
    const revoked = await createKey(owner.cookie, { name: 'Revoked' });
    expect((await kw.gql(REVOKE_KEY, { id: revoked.apiKey.id }, owner.cookie)).errors).toBeUndefined();
    clock.advance(2 * DAY_MS);

    const live: IssuedKey[] = [];
    for (let i = 1; i <= 20; i++) live.push(await createKey(owner.cookie, { name: `Key ${i}` }));
    const refused = await kw.gql(CREATE_KEY, { input: { name: 'Key 21' } }, owner.cookie);
    expect(refused.errors?.[0]).toMatchObject({ message: LIMIT_MESSAGE, extensions: { code: 'LIMIT_EXCEEDED', limit: 20 } });
    expect(refused.data).toBeNull();
    // Regenerating the expired key would bring a 21st back to life.
    const revived = await kw.gql(REGENERATE_KEY, { id: expired.apiKey.id }, owner.cookie);
    expect(revived.errors?.[0]).toMatchObject({ message: LIMIT_MESSAGE, extensions: { code: 'LIMIT_EXCEEDED' } });
    // A live key can still be regenerated: it stays one key.
    expect((await kw.gql(REGENERATE_KEY, { id: live[0].apiKey.id }, owner.cookie)).errors).toBeUndefined();
    expect(await myKeys(owner.cookie)).toHaveLength(22);

    expect((await kw.gql(REVOKE_KEY, { id: live[5].apiKey.id }, owner.cookie)).errors).toBeUndefined();
    await createKey(owner.cookie, { name: 'Key 21' });
    expect((await kw.gql(CREATE_KEY, { input: { name: 'Key 22' } }, owner.cookie)).errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    // The limit is per person: someone else still creates keys.
    await createKey((await person()).cookie, { name: 'Someone else’s' });
  });

  it('holds when requests race: with 19 live keys, of 6 concurrent creates exactly one succeeds', async () => {
    const owner = await person();
    for (let i = 1; i <= 19; i++) await createKey(owner.cookie, { name: `Key ${i}` });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => kw.gql(CREATE_KEY, { input: { name: `Racer ${i}` } }, owner.cookie)),
    );
    expect(results.filter((r) => r.data?.createPersonalApiKey).length).toBe(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(Array(5).fill('LIMIT_EXCEEDED'));
    expect(await myKeys(owner.cookie)).toHaveLength(20);
  });
});

describe('the tenant’s credential-lifetime maximum (docs/limits.md#personal-api-key-limits)', () => {
  const SET_MAX =
    'mutation($days: Int!) { updateTenantSettings(input: { maxCredentialLifetimeDays: $days }) { maxCredentialLifetimeDays } }';

  async function setTenantMax(days: number) {
    const result = await kw.gql(SET_MAX, { days }, admin);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  }

  it('caps a key’s lifetime: beyond it is BAD_USER_INPUT naming the maximum in days; the default and a regeneration stay within it', async () => {
    const owner = await person();
    const yearLong = await createKey(owner.cookie, { name: 'Made before', expiresAt: inDays(365).toISOString() });
    await setTenantMax(30);
    try {
      const refused = await kw.gql(CREATE_KEY, { input: { name: 'Too long', expiresAt: inDays(31).toISOString() } }, owner.cookie);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
      expect(refused.errors?.[0].message).toBe(
        `The expiry date is more than 30 days ahead, the longest this tenant allows a credential, and so a personal API key, to last. Choose ${humanDate(inDays(30))} or earlier, and make a new key before then.`,
      );

      const longest = await createKey(owner.cookie, { name: 'Thirty days', expiresAt: inDays(30).toISOString() });
      expect(longest.apiKey.expiresAt).toBe(inDays(30).toISOString());
      // Left out: 90 days would be too long here, so the tenant's maximum.
      const byDefault = await createKey(owner.cookie, { name: 'Default lifetime' });
      expect(byDefault.apiKey.expiresAt).toBe(inDays(30).toISOString());
      // A key made for a year before the tenant lowered its maximum gets no more than the maximum when regenerated.
      const regenerated = await kw.gql(REGENERATE_KEY, { id: yearLong.apiKey.id }, owner.cookie);
      expect(regenerated.data?.regeneratePersonalApiKey.apiKey.expiresAt).toBe(inDays(30).toISOString());
    } finally {
      await setTenantMax(365);
    }
  });
});

describe('keys made before keys carried permissions (Migration20261202050000)', () => {
  it('get their owner’s permissions at upgrade time except SECURITY_ADMINISTRATION, as a key made without choosing', async () => {
    const old = await startKeyward();
    try {
      const query = 'mutation($p: [Permission!]) { createPersonalApiKey(input: { name: "Old key", permissions: $p }) { token } }';
      const owners = {
        full: await old.login(),
        reader: await old.userWith([Permission.SECRET_ADMINISTRATION, Permission.CLIENT_ADMINISTRATION]),
        security: await old.userWith([Permission.SECURITY_ADMINISTRATION]),
      };
      const tokens: Record<string, string> = {};
      for (const [who, cookie] of Object.entries(owners)) {
        const created = await old.gql(
          query,
          { p: [who === 'security' ? Permission.SECURITY_ADMINISTRATION : Permission.CLIENT_ADMINISTRATION] },
          cookie,
        );
        expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
        tokens[who] = created.data?.createPersonalApiKey.token;
      }
      // Back to the table as it was before the upgrade, then the migration.
      await old.sql('alter table personal_api_key drop column permissions');
      const migration = new Migration20261202050000(old.keyward.database.orm.em.getDriver(), old.keyward.database.orm.config);
      await migration.up();
      for (const sql of migration.getQueries()) await old.sql(String(sql));

      const listed = async (cookie: string) => (await old.gql('{ myApiKeys { permissions } }', {}, cookie)).data?.myApiKeys;
      // That migration orders the permissions it knew (the first eight); the vault's, added later, come after them in any order.
      expect((await listed(owners.full)).map((k: { permissions: string[] }) => k.permissions.sort())).toEqual([
        [...EXCEPT_SECURITY_ADMINISTRATION].sort(),
      ]);
      expect(await listed(owners.reader)).toEqual([{ permissions: [Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION] }]);
      expect(await listed(owners.security)).toEqual([{ permissions: [] }]);
      const viewer = await fetch(`${old.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.full}` },
        body: JSON.stringify({ query: '{ viewer { permissions } }' }),
      });
      expect(((await viewer.json()) as Result).data?.viewer.permissions).toEqual([...EXCEPT_SECURITY_ADMINISTRATION].sort());
    } finally {
      await old.destroy();
    }
  });
});
