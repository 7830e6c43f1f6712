import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyward, type TestKeyward } from './support/keyward.js';

const CREATE = `mutation Create($input: CreateApiClientInput!) {
  createApiClient(input: $input) { id clientId identifier name description contactEmails allowedIpRanges accessTokenLifetimeSeconds enabled scopes { name } createdBy { type displayName } }
}`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateApiClientInput!) {
  updateApiClient(id: $id, input: $input) { id clientId name enabled scopes { name } contactEmails }
}`;
const COUNT = '{ apiClients { totalCount } }';

let kw: TestKeyward;
let admin: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
});
afterAll(async () => kw?.destroy());

const valid = { name: 'Billing sync', contactEmails: ['ops@example.com'] };

async function rowCounts() {
  const [row] = await kw.sql<{ clients: string; events: string }>(
    'select (select count(*) from api_client) as clients, (select count(*) from audit_event) as events',
  );
  return row;
}

describe('creating an API client', () => {
  it('derives the client ID from the tenant slug and the identifier, and applies the defaults', async () => {
    const result = await kw.gql(CREATE, { input: { ...valid, identifier: 'billing-sync', scopes: ['orders:read'] } }, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data?.createApiClient).toMatchObject({
      clientId: 'default-billing-sync',
      identifier: 'billing-sync',
      name: 'Billing sync',
      accessTokenLifetimeSeconds: 3600,
      enabled: true,
      allowedIpRanges: [],
      scopes: [{ name: 'orders:read' }],
      createdBy: { type: 'USER', displayName: 'Administrator <admin@example.com>' },
    });
  });

  it('without an identifier gets the tenant prefix and 16 random base32 characters', async () => {
    const result = await kw.gql(CREATE, { input: valid }, admin);
    expect(result.data?.createApiClient.clientId).toMatch(/^default-[a-z2-7]{16}$/);
    expect(result.data?.createApiClient.identifier).toBeNull();
  });

  it('trims the name and deduplicates contact emails case-insensitively', async () => {
    const result = await kw.gql(
      CREATE,
      {
        input: {
          name: '  Spaced  ',
          contactEmails: ['Ops@Example.com', 'ops@example.com', 'dev@example.com'],
          allowedIpRanges: ['203.0.113.7', '2001:DB8::/32'],
        },
      },
      admin,
    );
    expect(result.data?.createApiClient).toMatchObject({
      name: 'Spaced',
      contactEmails: ['Ops@Example.com', 'dev@example.com'],
      allowedIpRanges: ['203.0.113.7', '2001:db8::/32'],
    });
  });

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    ['no contact email', { contactEmails: [] }, 'contactEmails', /at least one contact email/],
    ['a missing contactEmails field', { contactEmails: undefined }, 'contactEmails', /contactEmails/],
    [
      'a bad email',
      { contactEmails: ['not-an-email'] },
      'contactEmails',
      /^Contact email "not-an-email" is not a valid email address; use an address such as ops@example.com\.$/,
    ],
    [
      '11 emails',
      { contactEmails: Array.from({ length: 11 }, (_, i) => `p${i}@example.com`) },
      'contactEmails',
      /11 contact emails.*at most 10/,
    ],
    [
      'a bad CIDR',
      { allowedIpRanges: ['10.0.0.0/33'] },
      'allowedIpRanges',
      /^Allowed IP range "10.0.0.0\/33" is not an IP address or CIDR block; /,
    ],
    ['a host name instead of an address', { allowedIpRanges: ['example.com'] }, 'allowedIpRanges', /not an IP address/],
    ['an identifier with capitals', { identifier: 'Billing' }, 'identifier', /3 to 40 lowercase letters/],
    ['an identifier too short', { identifier: 'ab' }, 'identifier', /3 to 40/],
    ['a lifetime below 300', { accessTokenLifetimeSeconds: 299 }, 'accessTokenLifetimeSeconds', /from 300 .* to 86400/],
    ['a lifetime above 86400', { accessTokenLifetimeSeconds: 86401 }, 'accessTokenLifetimeSeconds', /from 300 .* to 86400/],
    ['an empty name', { name: '   ' }, 'name', /Name is required/],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, 'name', /at most 100/],
    ['a description of 501 characters', { description: 'd'.repeat(501) }, 'description', /at most 500/],
    ['an unknown scope', { scopes: ['orders:delete'] }, 'scopes', /Unknown scope "orders:delete"/],
  ];

  it.each(refusals)('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, change, field, message) => {
    const before = await rowCounts();
    const result = await kw.gql(CREATE, { input: { ...valid, ...change } }, admin);
    expect(result.data?.createApiClient ?? null).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a duplicate identifier with CONFLICT and writes nothing', async () => {
    await kw.gql(CREATE, { input: { ...valid, identifier: 'dupe' } }, admin);
    const before = await rowCounts();
    const result = await kw.gql(CREATE, { input: { ...valid, identifier: 'dupe' } }, admin);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'identifier' });
    expect(result.errors?.[0].message).toContain('already uses the identifier "dupe"');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses control characters in a one-line name (CR, LF, tab, escape codes) naming the field, and keeps line breaks in the description', async () => {
    const before = await rowCounts();
    for (const [name, what] of [
      ['Billing\r\nBcc: victim@example.com', 'a line break'],
      ['Billing\nsync', 'a line break'],
      ['Billing\tsync', 'a tab'],
      ['Billing\u001b[31m', 'a control character'],
      ['Billing\u0085', 'a control character'],
    ]) {
      const result = await kw.gql(CREATE, { input: { ...valid, name } }, admin);
      expect(result.errors?.[0].extensions, JSON.stringify(name)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      expect(result.errors?.[0].message).toMatch(
        new RegExp(`^Name contains ${what} at character 8; write it on one line of plain text\\.$`),
      );
    }
    expect(await rowCounts()).toEqual(before);
    const described = await kw.gql(CREATE, { input: { ...valid, description: 'First line\r\nsecond line' } }, admin);
    expect(described.errors).toBeUndefined();
    const stored = await kw.sql<{ description: string }>('select description from api_client where id = ?', [
      described.data?.createApiClient.id,
    ]);
    expect(stored[0].description).toBe('First line\nsecond line');
    const escaped = await kw.gql(CREATE, { input: { ...valid, description: 'bell\u0007' } }, admin);
    expect(escaped.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
  });
});

describe('updating an API client', () => {
  it('changes only the given fields and keeps the client ID', async () => {
    const created = await kw.gql(CREATE, { input: { ...valid, identifier: 'to-edit' } }, admin);
    const id = created.data?.createApiClient.id;
    const result = await kw.gql(
      UPDATE,
      { id, input: { name: 'Renamed', enabled: false, scopes: ['customers:read', 'orders:write'] } },
      admin,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateApiClient).toMatchObject({
      clientId: 'default-to-edit',
      name: 'Renamed',
      enabled: false,
      contactEmails: ['ops@example.com'],
    });
    expect(result.data?.updateApiClient.scopes.map((s: { name: string }) => s.name).sort()).toEqual(['customers:read', 'orders:write']);
  });

  it('refuses invalid fields the same way as create', async () => {
    const created = await kw.gql(CREATE, { input: valid }, admin);
    const result = await kw.gql(UPDATE, { id: created.data?.createApiClient.id, input: { contactEmails: [] } }, admin);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contactEmails' });
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const result = await kw.gql(UPDATE, { id, input: { name: 'x' } }, admin);
      expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });
});

describe('listing API clients', () => {
  it('searches by name and client ID and pages with cursors', async () => {
    for (const n of [1, 2, 3]) await kw.gql(CREATE, { input: { ...valid, name: `Paging ${n}`, identifier: `paging-${n}` } }, admin);
    const search = await kw.gql('{ apiClients(search: "paging-2") { totalCount edges { node { clientId } } } }', {}, admin);
    expect(search.data?.apiClients.totalCount).toBe(1);
    expect(search.data?.apiClients.edges[0].node.clientId).toBe('default-paging-2');

    const first = await kw.gql(
      '{ apiClients(first: 2, search: "Paging") { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }',
      {},
      admin,
    );
    expect(first.data?.apiClients.totalCount).toBe(3);
    expect(first.data?.apiClients.edges.map((e: any) => e.node.name)).toEqual(['Paging 3', 'Paging 2']);
    expect(first.data?.apiClients.pageInfo.hasNextPage).toBe(true);
    const next = await kw.gql(
      'query($after: String) { apiClients(first: 2, after: $after, search: "Paging") { edges { node { name } } pageInfo { hasNextPage } } }',
      { after: first.data?.apiClients.pageInfo.endCursor },
      admin,
    );
    expect(next.data?.apiClients.edges.map((e: any) => e.node.name)).toEqual(['Paging 1']);
    expect(next.data?.apiClients.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a page size over 100 and a forged cursor', async () => {
    const big = await kw.gql('{ apiClients(first: 10000) { totalCount } }', {}, admin);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await kw.gql('{ apiClients(after: "garbage") { totalCount } }', {}, admin);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('deleting an API client', () => {
  it('removes it but keeps its audit history', async () => {
    const created = await kw.gql(CREATE, { input: { ...valid, identifier: 'doomed' } }, admin);
    const id = created.data?.createApiClient.id;
    const deleted = await kw.gql('mutation($id: ID!) { deleteApiClient(id: $id) }', { id }, admin);
    expect(deleted.data?.deleteApiClient).toBe(id);
    const gone = await kw.gql('query($id: ID!) { apiClient(id: $id) { id } }', { id }, admin);
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const history = await kw.gql(
      'query($id: ID!) { auditEvents(filter: { apiClientId: $id }) { edges { node { action } } } }',
      { id },
      admin,
    );
    expect(history.data?.auditEvents.edges.map((e: any) => e.node.action)).toEqual(['client.deleted', 'client.created']);
  });
});

describe('the tenant limit of 20 API clients', () => {
  it('holds under 50 concurrent creates on a tenant holding 15; the next gets LIMIT_EXCEEDED with the message', async () => {
    const { cookie } = await kw.createTenant('limits');
    for (let i = 0; i < 15; i++) await kw.gql(CREATE, { input: { ...valid, name: `Existing ${i}` } }, cookie);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => kw.gql(CREATE, { input: { ...valid, name: `Racer ${i}` } }, cookie)),
    );
    const created = results.filter((r) => r.data?.createApiClient);
    const refused = results.filter((r) => r.errors?.[0].extensions?.code === 'LIMIT_EXCEEDED');
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(45);
    expect((await kw.gql(COUNT, {}, cookie)).data?.apiClients.totalCount).toBe(20);

    const next = await kw.gql(CREATE, { input: valid }, cookie);
    expect(next.errors?.[0]).toMatchObject({
      message:
        'This tenant already has 20 API clients, the maximum allowed. Delete an API client you no longer need before adding a new one.',
      extensions: { code: 'LIMIT_EXCEEDED', limit: 20 },
    });
    // Nothing half-written: exactly one client.created event per client that exists.
    const [row] = await kw.sql<{ events: string }>(
      "select count(*) as events from audit_event e join tenant t on t.id = e.tenant_id where t.slug = 'limits' and e.action = 'client.created'",
    );
    expect(Number(row.events)).toBe(20);
  });
});
