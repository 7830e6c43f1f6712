import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSecretShape } from '../server/credentials/client-secret.js';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { requestToken } from './support/oauth.js';

const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }';
const CREATE_SECRET = `mutation($clientId: ID!, $input: CreateClientSecretInput!) {
  createClientSecret(clientId: $clientId, input: $input) { secret credential { id type description status secretHint expiresAt createdBy { displayName } apiClientId } }
}`;
const ROTATE = `mutation($id: ID!, $input: RotateClientSecretInput!) {
  rotateClientSecret(id: $id, input: $input) { secret credential { id status expiresAt } previous { id status expiresAt replacedById } }
}`;
const CREDENTIALS =
  'query($id: ID!) { apiClient(id: $id) { credentialCount credentials { id type description status secretHint expiresAt replacedById lastUsedAt } } }';
const DELETE = 'mutation($id: ID!) { deleteCredential(id: $id) }';

const clock = new ManualClock(new Date('2026-11-22T12:00:00.000Z'));
let kw: TestKeyward;
let admin: string;

beforeAll(async () => {
  // Sessions follow the clock too: these tests move it by days, so sessions last the longest allowed (30 days).
  const longSessions = { KEYWARD_SESSION_TTL_SECONDS: String(30 * 86_400), KEYWARD_SESSION_IDLE_SECONDS: String(30 * 86_400) };
  kw = await startKeyward({ clock, env: { LOG_LEVEL: 'debug', ...longSessions } });
  admin = await kw.login();
});
afterAll(async () => kw?.destroy());

/**
 * What the token endpoint answers this client ID and secret: 200 with a token, or 401 invalid_client. Anything else
 * (a 429 from the failure budget, say) fails the test rather than passing for a refusal.
 */
async function tokenStatus(clientId: string, secret: string): Promise<200 | 401> {
  const response = await requestToken(kw.baseUrl, clientId, secret);
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (response.status === 200 && body.access_token) return 200;
  if (response.status === 401 && body.error === 'invalid_client') return 401;
  throw new Error(`token endpoint answered ${response.status} ${JSON.stringify(body)}`);
}

const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY_MS).toISOString();

async function newClient(name = 'Secret holder') {
  const result = await kw.gql(CREATE_CLIENT, { input: { name, contactEmails: ['ops@example.com'] } }, admin);
  return result.data?.createApiClient as { id: string; clientId: string };
}

async function newSecret(clientId: string, input: Record<string, unknown> = { expiresAt: inDays(30) }) {
  return kw.gql(CREATE_SECRET, { clientId, input }, admin);
}

/** Every text and json column of every table, searched for the value. */
async function databaseHits(value: string): Promise<string[]> {
  const columns = await kw.sql<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb', 'character')`,
  );
  expect(columns.length).toBeGreaterThan(20);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await kw.sql(`select 1 from "${table_name}" where "${column_name}"::text like ?`, [`%${value}%`]);
    if (rows.length > 0) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

describe('a client secret', () => {
  it('is returned once, in the create payload, and is found nowhere else', async () => {
    const client = await newClient();
    const created = await newSecret(client.id, { expiresAt: inDays(30), description: 'ERP integration' });
    expect(created.errors).toBeUndefined();
    const { secret, credential } = created.data!.createClientSecret;
    expect(secret).toMatch(/^kwcs_[0-9A-Za-z]{49}$/);
    expect(credential).toMatchObject({
      type: 'CLIENT_SECRET',
      description: 'ERP integration',
      status: 'ACTIVE',
      secretHint: `kwcs_…${secret.slice(-4)}`,
      expiresAt: inDays(30),
      apiClientId: client.id,
      createdBy: { displayName: 'Administrator <admin@example.com>' },
    });

    const later = await kw.gql(CREDENTIALS, { id: client.id }, admin);
    expect(later.data?.apiClient.credentials).toHaveLength(1);
    expect(JSON.stringify(later)).not.toContain(secret.slice(5, 40));
    const audit = await kw.gql(
      '{ auditEvents(filter: { action: "credential.*" }) { edges { node { action changes { field from to } target { name } } } } }',
      {},
      admin,
    );
    expect(audit.data?.auditEvents.edges[0].node.action).toBe('credential.created');
    expect(JSON.stringify(audit)).not.toContain(secret.slice(5, 40));

    // Not the whole value, not its body without the prefix, not its first 20 characters: nowhere in the database.
    for (const fragment of [secret, secret.slice(5), secret.slice(0, 20)]) expect(await databaseHits(fragment)).toEqual([]);
    const [stored] = await kw.sql<{ secret_hash: string }>('select secret_hash from credential where id = ?', [credential.id]);
    expect(stored.secret_hash).toMatch(/^hmac-sha256\.v1\$[A-Za-z0-9_-]{43}$/);
    // The log, captured at debug level, never holds it either.
    const logs = kw.logs.join('\n');
    expect(logs).toContain('"fields":["createClientSecret"]');
    expect(logs).not.toContain(secret.slice(5, 40));
  });

  it('with one character changed fails the checksum before any lookup; the right one gets a token; another client’s does not', async () => {
    const client = await newClient('Verifier');
    const other = await newClient('Other');
    const { secret } = (await newSecret(client.id)).data!.createClientSecret;
    const { secret: otherSecret } = (await newSecret(other.id)).data!.createClientSecret;

    const position = 20;
    const typo = secret.slice(0, position) + (secret[position] === 'a' ? 'b' : 'a') + secret.slice(position + 1);
    expect(checkSecretShape(typo)).toEqual({ ok: false, reason: 'checksum' });
    expect(checkSecretShape(secret)).toEqual({ ok: true });
    // The token endpoint refuses the typo without reading the database (the client is not in its cache yet either).
    const lookups = vi.spyOn(kw.keyward.database.orm.em, 'fork');
    expect(await tokenStatus(client.clientId, typo)).toBe(401);
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();

    expect(await tokenStatus(client.clientId, secret)).toBe(200);
    expect(await tokenStatus(client.clientId, otherSecret)).toBe(401);
    expect(await tokenStatus(other.clientId, secret)).toBe(401);
  });

  describe('expiry', () => {
    let clientId: string;
    beforeAll(async () => {
      clientId = (await newClient('Expiry rules')).id;
    });

    it.each([
      ['a past date', () => '2020-01-01T00:00:00.000Z', /must be in the future/],
      ['now minus one second', () => new Date(clock.now().getTime() - 1000).toISOString(), /must be in the future/],
      ['exactly now', () => clock.now().toISOString(), /must be in the future/],
      ['366 days ahead', () => inDays(366), /more than 365 days ahead/],
    ])('refuses %s with BAD_USER_INPUT naming expiresAt, writing nothing', async (_case, expiresAt, message) => {
      const before = await kw.sql('select id from credential');
      const result = await newSecret(clientId, { expiresAt: expiresAt() });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
      expect(result.errors?.[0].message).toMatch(message);
      expect(await kw.sql('select id from credential')).toEqual(before);
    });

    it('refuses a missing or malformed expiresAt, naming it', async () => {
      for (const input of [{}, { expiresAt: 'next tuesday' }]) {
        const result = await newSecret(clientId, input);
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
      }
    });

    it('accepts exactly 365 days ahead', async () => {
      const result = await newSecret(clientId, { expiresAt: inDays(365) });
      expect(result.data?.createClientSecret.credential.expiresAt).toBe(inDays(365));
    });

    it('honours a tenant maximum of 90 days', async () => {
      await kw.sql("update tenant set max_credential_lifetime_days = 90 where slug = 'default'");
      try {
        const tooLong = await newSecret(clientId, { expiresAt: inDays(91) });
        expect(tooLong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'expiresAt' } });
        expect(tooLong.errors?.[0].message).toMatch(/more than 90 days ahead/);
        expect((await newSecret(clientId, { expiresAt: inDays(90) })).errors).toBeUndefined();
      } finally {
        await kw.sql("update tenant set max_credential_lifetime_days = 365 where slug = 'default'");
      }
    });
  });

  it('is limited to 5 per client under 20 concurrent creates; the next gets LIMIT_EXCEEDED; nothing half-written', async () => {
    const client = await newClient('Limit');
    const results = await Promise.all(Array.from({ length: 20 }, () => newSecret(client.id)));
    expect(results.filter((r) => r.data?.createClientSecret)).toHaveLength(5);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'LIMIT_EXCEEDED')).toHaveLength(15);
    const next = await newSecret(client.id);
    expect(next.errors?.[0]).toMatchObject({
      message: 'This API client already has 5 secrets/certificates, the maximum allowed. Delete one before adding a new one.',
      extensions: { code: 'LIMIT_EXCEEDED', limit: 5 },
    });
    const [counts] = await kw.sql<{ credentials: string; events: string }>(
      `select (select count(*) from credential where api_client_id = ?) as credentials,
              (select count(*) from audit_event where api_client_id = ? and action = 'credential.created') as events`,
      [client.id, client.id],
    );
    expect(counts).toEqual({ credentials: '5', events: '5' });
  });

  it('rotates without downtime: both work until the grace period ends, then only the new one', async () => {
    const client = await newClient('Rotation');
    const old = (await newSecret(client.id, { expiresAt: inDays(60), description: 'payroll' })).data?.createClientSecret;
    const eventsBefore = (await kw.sql('select id from audit_event')).length;
    const rotated = await kw.gql(ROTATE, { id: old.credential.id, input: { expiresAt: inDays(180) } }, admin);
    expect(rotated.errors).toBeUndefined();
    const { secret, credential, previous } = rotated.data!.rotateClientSecret;
    expect(secret).not.toBe(old.secret);
    expect(previous).toMatchObject({ id: old.credential.id, status: 'ACTIVE', expiresAt: inDays(7), replacedById: credential.id });
    expect((await kw.sql('select id from audit_event')).length).toBe(eventsBefore + 1);
    const [event] = await kw.sql<{ action: string; changes: Record<string, unknown> }>(
      "select action, changes from audit_event where action = 'credential.rotated'",
    );
    expect(event.changes).toMatchObject({
      previousCredentialId: { to: old.credential.id },
      previousExpiresAt: { from: inDays(60), to: inDays(7) },
    });

    expect(await tokenStatus(client.clientId, old.secret)).toBe(200);
    expect(await tokenStatus(client.clientId, secret)).toBe(200);
    clock.advance(7 * DAY_MS - 1000);
    expect(await tokenStatus(client.clientId, old.secret)).toBe(200);
    clock.advance(1000);
    expect(await tokenStatus(client.clientId, old.secret)).toBe(401);
    expect(await tokenStatus(client.clientId, secret)).toBe(200);
    const list = await kw.gql(CREDENTIALS, { id: client.id }, admin);
    expect(list.data?.apiClient.credentials.map((c: { status: string; description: string }) => [c.status, c.description])).toEqual([
      ['EXPIRED', 'payroll'],
      ['ACTIVE', 'payroll'],
    ]);

    const again = await kw.gql(ROTATE, { id: old.credential.id, input: { expiresAt: inDays(30) } }, admin);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('gives its client’s next expiry (nearestExpiry), leaving out a secret replaced by a rotation', async () => {
    const client = await newClient('Next expiry');
    const nearest = async () =>
      (await kw.gql('query($id: ID!) { apiClient(id: $id) { nearestExpiry } }', { id: client.id }, admin)).data?.apiClient.nearestExpiry;
    expect(await nearest()).toBeNull();
    const first = (await newSecret(client.id, { expiresAt: inDays(40) })).data?.createClientSecret;
    await newSecret(client.id, { expiresAt: inDays(90) });
    expect(await nearest()).toBe(inDays(40));
    // Rotated with a 3-day grace period: the old secret now ends in 3 days, by design, and is not what needs renewing.
    await kw.gql(ROTATE, { id: first.credential.id, input: { expiresAt: inDays(200), gracePeriodHours: 72 } }, admin);
    expect(await nearest()).toBe(inDays(90));
    // Like the credentials themselves, it needs SECRET_ADMINISTRATION.
    const clientAdmin = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    const refused = await kw.gql('query($id: ID!) { apiClient(id: $id) { name nearestExpiry } }', { id: client.id }, clientAdmin);
    expect(refused.data?.apiClient).toEqual({ name: 'Next expiry', nearestExpiry: null });
    expect(refused.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['apiClient.nearestExpiry', 'FORBIDDEN']]);
  });

  it('on a page of clients, counts and next expiries come from one query for the whole page, not one per client', async () => {
    for (let i = 0; i < 4; i++) await newSecret((await newClient(`Page ${i}`)).id, { expiresAt: inDays(20 + i) });
    const summaries = vi.spyOn(kw.keyward.services.credentials, 'summariesForClients');
    try {
      const page = await kw.gql('{ apiClients(first: 50) { edges { node { name credentialCount nearestExpiry } } } }', {}, admin);
      const nodes = page.data?.apiClients.edges.map((e: { node: { name: string } }) => e.node) ?? [];
      expect(nodes.length).toBeGreaterThanOrEqual(4);
      expect(nodes.find((n: { name: string }) => n.name === 'Page 2')).toEqual({
        name: 'Page 2',
        credentialCount: 1,
        nearestExpiry: inDays(22),
      });
      expect(summaries).toHaveBeenCalledTimes(1);
      expect(summaries.mock.calls[0][0]).toHaveLength(nodes.length);
    } finally {
      summaries.mockRestore();
    }
  });

  it('rotates with a shorter grace period, down to none', async () => {
    const client = await newClient('Immediate rotation');
    const old = (await newSecret(client.id)).data?.createClientSecret;
    const rotated = await kw.gql(ROTATE, { id: old.credential.id, input: { expiresAt: inDays(30), gracePeriodHours: 0 } }, admin);
    expect(rotated.data?.rotateClientSecret.previous.status).toBe('EXPIRED');
    expect(await tokenStatus(client.clientId, old.secret)).toBe(401);
    const tooLong = await kw.gql(
      ROTATE,
      { id: rotated.data?.rotateClientSecret.credential.id, input: { expiresAt: inDays(30), gracePeriodHours: 169 } },
      admin,
    );
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gracePeriodHours' });
  });

  it('is EXPIRED after expiresAt and SUSPENDED while its client is disabled', async () => {
    const client = await newClient('Status');
    const { secret, credential } = (await newSecret(client.id, { expiresAt: inDays(2) })).data!.createClientSecret;
    const status = async () => (await kw.gql(CREDENTIALS, { id: client.id }, admin)).data?.apiClient.credentials[0].status;
    const setEnabled = (enabled: boolean) =>
      kw.gql(
        'mutation($id: ID!, $enabled: Boolean!) { updateApiClient(id: $id, input: { enabled: $enabled }) { id } }',
        { id: client.id, enabled },
        admin,
      );
    const usable = async () => (await tokenStatus(client.clientId, secret)) === 200;

    expect([await status(), await usable()]).toEqual(['ACTIVE', true]);
    await setEnabled(false);
    expect([await status(), await usable()]).toEqual(['SUSPENDED', false]);
    await setEnabled(true);
    expect([await status(), await usable()]).toEqual(['ACTIVE', true]);
    clock.set(new Date(credential.expiresAt));
    expect([await status(), await usable()]).toEqual(['EXPIRED', false]);
  });

  it('stops working at once when deleted, and goes with its client', async () => {
    const client = await newClient('Deletion');
    const first = (await newSecret(client.id)).data?.createClientSecret;
    await newSecret(client.id);
    const deleted = await kw.gql(DELETE, { id: first.credential.id }, admin);
    expect(deleted.data?.deleteCredential).toBe(first.credential.id);
    expect(await tokenStatus(client.clientId, first.secret)).toBe(401);
    expect((await kw.gql(CREDENTIALS, { id: client.id }, admin)).data?.apiClient.credentialCount).toBe(1);
    expect((await kw.gql(DELETE, { id: first.credential.id }, admin)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const second = (await kw.gql(CREDENTIALS, { id: client.id }, admin)).data?.apiClient.credentials[0].id;
    const racing = await Promise.all([1, 2, 3].map(() => kw.gql(DELETE, { id: second }, admin)));
    expect(racing.filter((r) => r.data?.deleteCredential === second)).toHaveLength(1);
    expect(racing.filter((r) => r.errors?.[0].extensions?.code === 'NOT_FOUND')).toHaveLength(2);
    expect(await kw.sql("select id from audit_event where action = 'credential.deleted' and target_id = ?", [second])).toHaveLength(1);

    await newSecret(client.id);
    await kw.gql('mutation($id: ID!) { deleteApiClient(id: $id) }', { id: client.id }, admin);
    expect(await kw.sql('select id from credential where api_client_id = ?', [client.id])).toEqual([]);
    const history = await kw.gql(
      'query($id: ID!) { auditEvents(filter: { apiClientId: $id }) { edges { node { action } } } }',
      { id: client.id },
      admin,
    );
    expect(history.data?.auditEvents.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual([
      'client.deleted',
      'credential.created',
      'credential.deleted',
      'credential.deleted',
      'credential.created',
      'credential.created',
      'client.created',
    ]);
  });
});
