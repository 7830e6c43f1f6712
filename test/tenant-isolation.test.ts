import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { type GraphQLResult, startKeyward, type TestKeyward } from './support/keyward.js';

/**
 * docs/concepts.md#tenants and docs/permissions.md#how-permissions-are-enforced: every record belongs to exactly one tenant and nothing crosses tenants; a record
 * of another tenant answers NOT_FOUND (never FORBIDDEN, never revealing that it exists).
 * Tenant A is `default` (its bootstrap admin), tenant B is `tenant-b` (its own admin, every permission in B).
 */

type Result = GraphQLResult<any>;
interface Client {
  id: string;
  clientId: string;
  name: string;
  enabled: boolean;
  updatedAt: string;
  scopes: { id: string; name: string }[];
}
interface Resource {
  id: string;
  name: string;
  scopes: { id: string; name: string }[];
}
interface Secret {
  id: string;
  secret: string;
  hint: string;
}

const CLIENT_FIELDS = 'id clientId name enabled updatedAt scopes { id name }';
const GET = `query($id: ID!) { apiClient(id: $id) { ${CLIENT_FIELDS} } }`;
const CREATE = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { ${CLIENT_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { ${CLIENT_FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteApiClient(id: $id) }';
const LIST = `query($search: String) { apiClients(first: 100, search: $search) { totalCount edges { node { id clientId } } } }`;
const TRAIL = `query($filter: AuditEventFilter) {
  auditEvents(filter: $filter, first: 100) { totalCount edges { node { id action apiClientId target { type id } } } }
}`;
const RESOURCES = '{ apiResources { id name scopes { id name } } }';
const CREDENTIAL_FIELDS = 'id type secretHint expiresAt replacedById apiClientId';
const CREDENTIALS = `query($id: ID!) { apiClient(id: $id) { id credentialCount credentials { ${CREDENTIAL_FIELDS} } } }`;
const CREATE_SECRET = `mutation($clientId: ID!, $input: CreateClientSecretInput!) {
  createClientSecret(clientId: $clientId, input: $input) { credential { ${CREDENTIAL_FIELDS} } secret }
}`;
const ROTATE_SECRET = `mutation($id: ID!, $input: RotateClientSecretInput!) {
  rotateClientSecret(id: $id, input: $input) { credential { ${CREDENTIAL_FIELDS} } secret previous { id replacedById } }
}`;
const DELETE_CREDENTIAL = 'mutation($id: ID!) { deleteCredential(id: $id) }';

let kw: TestKeyward;
/** Session cookies of tenant A's admin and tenant B's admin. */
let a: string;
let b: string;
/** Tenant A's client that tenant B goes after. */
let aClient: Client;
/** Tenant A's secret (of `aClient`) that tenant B goes after. */
let aSecret: Secret;

const input = (extra: Record<string, unknown> = {}) => ({ contactEmails: ['ops@example.com'], ...extra });
/** 30 days ahead: a valid expiry (docs/limits.md#credential-lifetimes), so only the id decides the answer. */
const expiresAt = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
const secretInput = () => ({ description: 'Planted', expiresAt: expiresAt() });

async function createSecret(cookie: string, clientId: string): Promise<Secret> {
  const result = await kw.gql(CREATE_SECRET, { clientId, input: secretInput() }, cookie);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const { credential, secret } = result.data?.createClientSecret ?? {};
  return { id: credential.id, secret, hint: credential.secretHint };
}

async function create(cookie: string, extra: Record<string, unknown>): Promise<Client> {
  const result = await kw.gql(CREATE, { input: input(extra) }, cookie);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data?.createApiClient;
}

async function tenantId(slug: string): Promise<string> {
  const [row] = await kw.sql<{ id: string }>('select id from tenant where slug = ?', [slug]);
  return row.id;
}

/** Events about one client, whatever tenant recorded them. */
async function auditRowsAbout(clientId: string) {
  return kw.sql('select id, action from audit_event where api_client_id = ? order by seq', [clientId]);
}

/** A tenant's credential rows, everything a change to one would touch. */
async function credentialRowsOf(slug: string) {
  return kw.sql(
    'select id, api_client_id, type, description, expires_at, secret_hash, secret_hint, replaced_by_id from credential where tenant_id = ? order by id',
    [await tenantId(slug)],
  );
}

/** A tenant's whole audit trail, and the events in it whose actor is a user of another tenant. */
async function trailOf(slug: string) {
  const id = await tenantId(slug);
  const events = await kw.sql('select id, action, actor_id from audit_event where tenant_id = ? order by seq', [id]);
  const [foreign] = await kw.sql<{ n: number }>(
    'select count(*)::int as n from audit_event e join app_user u on u.id::text = e.actor_id where e.tenant_id = ? and u.tenant_id <> ?',
    [id, id],
  );
  return { events, byOtherTenants: foreign.n };
}

function expectNotFound(result: Result, field: string) {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect(result.data?.[field] ?? null).toBeNull();
}

beforeAll(async () => {
  kw = await startKeyward();
  a = await kw.login();
  aClient = await create(a, { name: 'Alpha payroll export', identifier: 'shared-name', scopes: ['orders:read'] });
  aSecret = await createSecret(a, aClient.id);
  ({ cookie: b } = await kw.createTenant('tenant-b'));
});
afterAll(async () => kw?.destroy());

describe('tenant B’s admin, who holds every permission in B', () => {
  it('is an administrator of tenant B only', async () => {
    const viewer = await kw.gql('{ viewer { tenant { slug } permissions } }', {}, b);
    expect(viewer.data?.viewer.tenant.slug).toBe('tenant-b');
    expect([...(viewer.data?.viewer.permissions ?? [])].sort()).toEqual(Object.values(Permission).sort());
  });

  it('gets NOT_FOUND, not FORBIDDEN, when reading tenant A’s client by its id', async () => {
    const result = await kw.gql(GET, { id: aClient.id }, b);
    expectNotFound(result, 'apiClient');
    // Nothing about the client leaks through the message.
    expect(result.errors?.[0].message).not.toContain(aClient.name);
    expect(result.errors?.[0].message).not.toContain(aClient.clientId);
  });

  it('gets the same answer for tenant A’s client as for an id that exists nowhere', async () => {
    const nowhere = randomUUID();
    const theirs = await kw.gql(GET, { id: aClient.id }, b);
    const missing = await kw.gql(GET, { id: nowhere }, b);
    expect(theirs.errors?.[0].message.replace(aClient.id, '<id>')).toBe(missing.errors?.[0].message.replace(nowhere, '<id>'));
    expect(theirs.errors?.[0].extensions).toEqual(missing.errors?.[0].extensions);
  });

  it('cannot edit tenant A’s client: NOT_FOUND, and the client stays as it was', async () => {
    const historyBefore = await auditRowsAbout(aClient.id);
    const result = await kw.gql(UPDATE, { id: aClient.id, input: { name: 'Hijacked', enabled: false, scopes: [] } }, b);
    expectNotFound(result, 'updateApiClient');

    const seenByA = await kw.gql(GET, { id: aClient.id }, a);
    expect(seenByA.data?.apiClient).toEqual(aClient);
    expect(await auditRowsAbout(aClient.id)).toEqual(historyBefore);
  });

  it('cannot delete tenant A’s client: NOT_FOUND, and the client is still there', async () => {
    const historyBefore = await auditRowsAbout(aClient.id);
    const result = await kw.gql(DELETE, { id: aClient.id }, b);
    expectNotFound(result, 'deleteApiClient');

    const seenByA = await kw.gql(GET, { id: aClient.id }, a);
    expect(seenByA.errors).toBeUndefined();
    expect(seenByA.data?.apiClient).toEqual(aClient);
    expect(await auditRowsAbout(aClient.id)).toEqual(historyBefore);
  });

  /** docs/concepts.md#the-graphql-api: the secret mutations, each pointed at tenant A's client or secret. */
  const attacks = [
    {
      field: 'createClientSecret',
      does: 'create a secret on tenant A’s client',
      query: CREATE_SECRET,
      target: () => aClient.id,
      variables: (id: string) => ({ clientId: id, input: secretInput() }),
    },
    {
      field: 'rotateClientSecret',
      does: 'rotate tenant A’s secret',
      query: ROTATE_SECRET,
      target: () => aSecret.id,
      variables: (id: string) => ({ id, input: { expiresAt: expiresAt(), gracePeriodHours: 0 } }),
    },
    {
      field: 'deleteCredential',
      does: 'delete tenant A’s secret',
      query: DELETE_CREDENTIAL,
      target: () => aSecret.id,
      variables: (id: string) => ({ id }),
    },
  ];

  it.each(attacks)(
    'cannot $does: NOT_FOUND as for an id that exists nowhere, and A’s credentials and trail stay as they were',
    async ({ field, query, target, variables }) => {
      const [rowsBefore, trailBefore, bRowsBefore] = [
        await credentialRowsOf('default'),
        await trailOf('default'),
        await credentialRowsOf('tenant-b'),
      ];
      const seenBefore = await kw.gql(CREDENTIALS, { id: aClient.id }, a);
      expect(seenBefore.data?.apiClient.credentials.map((c: { id: string }) => c.id)).toContain(aSecret.id);

      const theirs = await kw.gql(query, variables(target()), b);
      expectNotFound(theirs, field);
      // Nothing about the client or its secret leaks through the message.
      for (const leak of [aClient.name, aClient.clientId, aSecret.hint, aSecret.hint.slice(-4)])
        expect(theirs.errors?.[0].message).not.toContain(leak);
      const nowhere = randomUUID();
      const missing = await kw.gql(query, variables(nowhere), b);
      expectNotFound(missing, field);
      expect(theirs.errors?.[0].message.replace(target(), '<id>')).toBe(missing.errors?.[0].message.replace(nowhere, '<id>'));
      expect(theirs.errors?.[0].extensions).toEqual(missing.errors?.[0].extensions);

      expect(await credentialRowsOf('default')).toEqual(rowsBefore);
      expect(await credentialRowsOf('tenant-b')).toEqual(bRowsBefore);
      expect(await trailOf('default')).toEqual(trailBefore);
      expect(trailBefore.byOtherTenants).toBe(0);
      expect((await kw.gql(CREDENTIALS, { id: aClient.id }, a)).data).toEqual(seenBefore.data);
    },
  );

  it('sees only tenant B’s credentials on its own client', async () => {
    const mine = await create(b, { name: 'Beta with secrets' });
    const made = [await createSecret(b, mine.id), await createSecret(b, mine.id)];
    const result = await kw.gql(CREDENTIALS, { id: mine.id }, b);
    expect(result.errors).toBeUndefined();
    const seen = result.data?.apiClient as {
      credentialCount: number;
      credentials: { id: string; apiClientId: string; secretHint: string }[];
    };
    expect(seen.credentialCount).toBe(2);
    expect(seen.credentials.map((c) => c.id).sort()).toEqual(made.map((s) => s.id).sort());
    expect(seen.credentials.every((c) => c.apiClientId === mine.id)).toBe(true);
    expect(seen.credentials.map((c) => c.secretHint).sort()).toEqual(made.map((s) => s.hint).sort());

    const ofA = (await credentialRowsOf('default')).map((r) => r.id);
    expect(ofA).toContain(aSecret.id);
    expect(seen.credentials.filter((c) => ofA.includes(c.id))).toEqual([]);
    const rows = await kw.sql<{ id: string; tenant_id: string }>(
      'select id, tenant_id from credential where api_client_id = ? order by id',
      [mine.id],
    );
    expect(rows.map((r) => r.id)).toEqual(seen.credentials.map((c) => c.id).sort());
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([await tenantId('tenant-b')]));
    // And A's client's credentials are out of reach: the client itself is NOT_FOUND.
    expectNotFound(await kw.gql(CREDENTIALS, { id: aClient.id }, b), 'apiClient');
  });

  it('does not find tenant A’s client in the list, by client ID, name or otherwise', async () => {
    for (const search of [aClient.clientId, aClient.name, 'shared-name', 'default-']) {
      const result = await kw.gql(LIST, { search }, b);
      expect(result.errors).toBeUndefined();
      expect(result.data?.apiClients).toEqual({ totalCount: 0, edges: [] });
    }
    const [aIds, bIds] = await Promise.all(
      ['default', 'tenant-b'].map(async (slug) =>
        (await kw.sql<{ id: string }>('select id from api_client where tenant_id = ? order by id', [await tenantId(slug)])).map(
          (r) => r.id,
        ),
      ),
    );
    expect(aIds).toContain(aClient.id);
    const all = await kw.gql(LIST, {}, b);
    const listed = all.data?.apiClients.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    expect(listed).toEqual(bIds);
    expect(all.data?.apiClients.totalCount).toBe(bIds.length);
  });

  it('sees none of tenant A’s audit trail: not by client, not by actor, not unfiltered', async () => {
    const byClient = await kw.gql(TRAIL, { filter: { apiClientId: aClient.id } }, b);
    expect(byClient.errors).toBeUndefined();
    expect(byClient.data?.auditEvents).toEqual({ totalCount: 0, edges: [] });
    // …though tenant A does see that client's history.
    const forA = await kw.gql(TRAIL, { filter: { apiClientId: aClient.id } }, a);
    expect(forA.data?.auditEvents.totalCount).toBeGreaterThan(0);

    const [aAdmin] = await kw.sql<{ id: string }>("select id from app_user where email = 'admin@example.com'");
    const byActor = await kw.gql(TRAIL, { filter: { actorId: aAdmin.id } }, b);
    expect(byActor.data?.auditEvents.totalCount).toBe(0);

    const everything = await kw.gql(TRAIL, {}, b);
    expect(everything.errors).toBeUndefined();
    const seen = everything.data?.auditEvents.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    expect(everything.data?.auditEvents.totalCount).toBe(seen.length); // one page holds it all
    const aEvents = new Set(
      (await kw.sql<{ id: string }>('select id from audit_event where tenant_id = ?', [await tenantId('default')])).map((r) => r.id),
    );
    expect(aEvents.size).toBeGreaterThan(0);
    expect(seen.filter((id) => aEvents.has(id))).toEqual([]);
    const bEvents = await kw.sql<{ id: string }>('select id from audit_event where tenant_id = ?', [await tenantId('tenant-b')]);
    expect([...seen].sort()).toEqual(bEvents.map((r) => r.id).sort());

    // Exactly one tenant.created: B's own.
    const created = await kw.gql(TRAIL, { filter: { action: 'tenant.created' } }, b);
    expect(created.data?.auditEvents.edges.map((e: { node: { target: unknown } }) => e.node.target)).toEqual([
      { type: 'TENANT', id: await tenantId('tenant-b') },
    ]);
  });

  it('counts only tenant B’s clients in viewer.tenant.apiClientCount', async () => {
    await create(b, { name: 'Beta one' });
    await create(b, { name: 'Beta two' });
    const count = async (cookie: string) => (await kw.gql('{ viewer { tenant { slug apiClientCount } } }', {}, cookie)).data?.viewer.tenant;
    const countIn = async (slug: string) =>
      (await kw.sql<{ n: number }>('select count(*)::int as n from api_client where tenant_id = ?', [await tenantId(slug)]))[0].n;

    const [nA, nB] = [await countIn('default'), await countIn('tenant-b')];
    expect(nB).toBeGreaterThanOrEqual(2);
    expect(nA).not.toBe(nB);
    expect(await count(b)).toEqual({ slug: 'tenant-b', apiClientCount: nB });
    expect(await count(a)).toEqual({ slug: 'default', apiClientCount: nA });
    expect((await kw.gql('{ apiClients { totalCount } }', {}, b)).data?.apiClients.totalCount).toBe(nB);
  });

  it('sees its own scope catalog: same seeded names, different records', async () => {
    const [ofA, ofB] = await Promise.all(
      [a, b].map(async (cookie) => (await kw.gql(RESOURCES, {}, cookie)).data?.apiResources as Resource[]),
    );
    const resourceIds = (list: Resource[]) => list.map((r) => r.id);
    const scopeIds = (list: Resource[]) => list.flatMap((r) => r.scopes.map((s) => s.id));
    expect(ofB.length).toBeGreaterThan(0);
    expect(ofB.map((r) => r.name)).toEqual(ofA.map((r) => r.name));
    expect(resourceIds(ofB).filter((id) => resourceIds(ofA).includes(id))).toEqual([]);
    expect(scopeIds(ofB).filter((id) => scopeIds(ofA).includes(id))).toEqual([]);

    const bTenant = await tenantId('tenant-b');
    const rows = await kw.sql<{ id: string }>('select id from api_resource where tenant_id = ? order by id', [bTenant]);
    expect([...resourceIds(ofB)].sort()).toEqual(rows.map((r) => r.id));
  });
});

describe('the same names in two tenants', () => {
  it('B can use the identifier A uses: the tenant prefix keeps the client IDs apart', async () => {
    const mine = await create(b, { name: 'Beta payroll export', identifier: 'shared-name' });
    expect(mine.clientId).toBe('tenant-b-shared-name');
    expect(aClient.clientId).toBe('default-shared-name');
    expect(mine.id).not.toBe(aClient.id);

    // A's client is untouched, and within A the identifier is still taken.
    expect((await kw.gql(GET, { id: aClient.id }, a)).data?.apiClient).toEqual(aClient);
    const again = await kw.gql(CREATE, { input: input({ name: 'Again', identifier: 'shared-name' }) }, a);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('scope names resolve in the caller’s own catalog: B gets B’s orders:read, never A’s', async () => {
    const mine = await create(b, { name: 'Beta orders', scopes: ['orders:read'] });
    const ofB = (await kw.gql(RESOURCES, {}, b)).data?.apiResources as Resource[];
    const bOrdersRead = ofB.flatMap((r) => r.scopes).find((s) => s.name === 'orders:read');
    expect(mine.scopes).toEqual([bOrdersRead]);
    expect(mine.scopes[0].id).not.toBe(aClient.scopes[0].id);
    const [row] = await kw.sql<{ tenant_id: string }>(
      'select s.tenant_id from api_client_scope cs join scope s on s.id = cs.scope_id where cs.api_client_id = ?',
      [mine.id],
    );
    expect(row.tenant_id).toBe(await tenantId('tenant-b'));
  });

  it('a scope only in A’s catalog is unknown to B, on create and on update', async () => {
    const aTenant = await tenantId('default');
    const [orders] = await kw.sql<{ id: string }>("select id from api_resource where tenant_id = ? and name = 'Orders API'", [aTenant]);
    await kw.sql('insert into scope (id, tenant_id, api_resource_id, name, description) values (?, ?, ?, ?, ?)', [
      randomUUID(),
      aTenant,
      orders.id,
      'alpha-only:read',
      'Only in tenant A',
    ]);

    const [before] = await kw.sql<{ n: number }>('select count(*)::int as n from api_client');
    const refused = await kw.gql(CREATE, { input: input({ name: 'Beta greedy', scopes: ['alpha-only:read'] }) }, b);
    expect(refused.data?.createApiClient ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopes' });
    expect(refused.errors?.[0].message).toContain('Unknown scope "alpha-only:read"');
    expect((await kw.sql<{ n: number }>('select count(*)::int as n from api_client'))[0].n).toBe(before.n);

    const mine = await create(b, { name: 'Beta plain' });
    const update = await kw.gql(UPDATE, { id: mine.id, input: { scopes: ['alpha-only:read'] } }, b);
    expect(update.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopes' });
    expect((await kw.gql(GET, { id: mine.id }, b)).data?.apiClient.scopes).toEqual([]);

    // In A, where it exists, the same scope works.
    const ok = await create(a, { name: 'Alpha reader', scopes: ['alpha-only:read'] });
    expect(ok.scopes.map((s) => s.name)).toEqual(['alpha-only:read']);
  });
});

describe('client IDs across tenants (the token endpoint is shared)', () => {
  const NOT_AVAILABLE = 'This client ID is not available; choose another identifier';
  let acme: string;
  let acmeEu: string;

  beforeAll(async () => {
    ({ cookie: acme } = await kw.createTenant('acme'));
    ({ cookie: acmeEu } = await kw.createTenant('acme-eu'));
  });

  async function refusedAsTaken(cookie: string, identifier: string, slug: string) {
    const [before] = await kw.sql<{ clients: number; events: number }>(
      `select (select count(*)::int from api_client) as clients,
              (select count(*)::int from audit_event where tenant_id = ?) as events`,
      [await tenantId(slug)],
    );
    const result = await kw.gql(CREATE, { input: input({ name: `Wants ${identifier}`, identifier }) }, cookie);
    expect(result.data?.createApiClient ?? null).toBeNull();
    expect(result.errors, JSON.stringify(result)).toHaveLength(1);
    expect(result.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'identifier' });
    // Nothing about the holder: not its tenant, not its name.
    expect(result.errors?.[0].message).toBe(NOT_AVAILABLE);
    const [after] = await kw.sql<{ clients: number; events: number }>(
      `select (select count(*)::int from api_client) as clients,
              (select count(*)::int from audit_event where tenant_id = ?) as events`,
      [await tenantId(slug)],
    );
    expect(after).toEqual(before);
  }

  it('refuses a client ID another tenant holds, in either order, without naming that tenant', async () => {
    const billing = await create(acme, { name: 'Acme EU billing', identifier: 'eu-billing' });
    expect(billing.clientId).toBe('acme-eu-billing');
    await refusedAsTaken(acmeEu, 'billing', 'acme-eu');

    const reports = await create(acmeEu, { name: 'Acme EU reports', identifier: 'reports' });
    expect(reports.clientId).toBe('acme-eu-reports');
    await refusedAsTaken(acme, 'eu-reports', 'acme');

    // Another identifier is free, and the holder's client is untouched.
    expect((await create(acmeEu, { name: 'Acme EU invoices', identifier: 'invoices' })).clientId).toBe('acme-eu-invoices');
    expect((await kw.gql(GET, { id: billing.id }, acme)).data?.apiClient).toEqual(billing);
  });

  it('keeps the same-tenant message for an identifier the tenant itself uses', async () => {
    const again = await kw.gql(CREATE, { input: input({ name: 'Billing again', identifier: 'eu-billing' }) }, acme);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'identifier' });
    expect(again.errors?.[0].message).toBe(
      'Another API client in this tenant already uses the identifier "eu-billing". Choose a different identifier.',
    );
  });

  it('gives exactly one of two tenants racing for the same client ID, and the other the same refusal', async () => {
    for (let round = 0; round < 5; round++) {
      const [fromAcme, fromAcmeEu] = await Promise.all([
        kw.gql(CREATE, { input: input({ name: 'Race', identifier: `eu-race-${round}` }) }, acme),
        kw.gql(CREATE, { input: input({ name: 'Race', identifier: `race-${round}` }) }, acmeEu),
      ]);
      const results = [fromAcme, fromAcmeEu];
      const won = results.filter((r) => r.data?.createApiClient);
      const lost = results.filter((r) => r.errors);
      expect(won, JSON.stringify(results)).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].errors?.[0]).toMatchObject({ message: NOT_AVAILABLE, extensions: { code: 'CONFLICT', field: 'identifier' } });
      expect(await kw.sql('select id from api_client where client_id = ?', [`acme-eu-race-${round}`])).toHaveLength(1);
    }
  });
});

describe('isolation holds in both directions', () => {
  it('A’s admin gets NOT_FOUND for B’s client and does not list it', async () => {
    const theirs = await create(b, { name: 'Beta private', identifier: 'beta-private' });
    expectNotFound(await kw.gql(GET, { id: theirs.id }, a), 'apiClient');
    expectNotFound(await kw.gql(UPDATE, { id: theirs.id, input: { name: 'Hijacked' } }, a), 'updateApiClient');
    expectNotFound(await kw.gql(DELETE, { id: theirs.id }, a), 'deleteApiClient');
    expect((await kw.gql(LIST, { search: 'beta-private' }, a)).data?.apiClients.totalCount).toBe(0);
    expect((await kw.gql(GET, { id: theirs.id }, b)).data?.apiClient).toEqual(theirs);
  });

  it('A’s admin gets NOT_FOUND for B’s client and secret on the secret mutations, and B’s credentials stay as they were', async () => {
    const theirs = await create(b, { name: 'Beta secret keeper' });
    const secret = await createSecret(b, theirs.id);
    const [rowsBefore, trailBefore] = [await credentialRowsOf('tenant-b'), await trailOf('tenant-b')];
    expectNotFound(await kw.gql(CREATE_SECRET, { clientId: theirs.id, input: secretInput() }, a), 'createClientSecret');
    expectNotFound(await kw.gql(ROTATE_SECRET, { id: secret.id, input: { expiresAt: expiresAt() } }, a), 'rotateClientSecret');
    expectNotFound(await kw.gql(DELETE_CREDENTIAL, { id: secret.id }, a), 'deleteCredential');
    expect(await credentialRowsOf('tenant-b')).toEqual(rowsBefore);
    expect(await trailOf('tenant-b')).toEqual(trailBefore);
    expect(trailBefore.byOtherTenants).toBe(0);
  });
});

describe('ids that are not UUIDs', () => {
  const garbage: [string, string][] = [
    ['plain text', 'not-a-uuid'],
    ['an empty string', ''],
    ['a number', '1'],
    ['SQL', "' or '1'='1"],
    ['a client ID string instead of the id', 'default-shared-name'],
    ['a UUID with trailing junk', `${randomUUID()}x`],
    ['a NUL byte', 'abc\u0000def'],
    ['10,000 characters', 'x'.repeat(10_000)],
  ];

  it.each(garbage)(
    '%s answers NOT_FOUND, not a server error, on read, edit and delete, and on secret create, rotate and delete',
    async (_case, id) => {
      const before = await kw.sql('select id, expires_at, replaced_by_id from credential order by id');
      for (const cookie of [a, b]) {
        expectNotFound(await kw.gql(GET, { id }, cookie), 'apiClient');
        expectNotFound(await kw.gql(UPDATE, { id, input: { name: 'x' } }, cookie), 'updateApiClient');
        expectNotFound(await kw.gql(DELETE, { id }, cookie), 'deleteApiClient');
        expectNotFound(await kw.gql(CREATE_SECRET, { clientId: id, input: secretInput() }, cookie), 'createClientSecret');
        expectNotFound(await kw.gql(ROTATE_SECRET, { id, input: { expiresAt: expiresAt() } }, cookie), 'rotateClientSecret');
        expectNotFound(await kw.gql(DELETE_CREDENTIAL, { id }, cookie), 'deleteCredential');
      }
      expect(await kw.sql('select id, expires_at, replaced_by_id from credential order by id')).toEqual(before);
    },
  );

  it('A’s client id in capitals is still A’s client: found by A, NOT_FOUND for B', async () => {
    const upper = aClient.id.toUpperCase();
    expect((await kw.gql(GET, { id: upper }, a)).data?.apiClient.id).toBe(aClient.id);
    expectNotFound(await kw.gql(GET, { id: upper }, b), 'apiClient');
    expectNotFound(await kw.gql(DELETE, { id: upper }, b), 'deleteApiClient');
    expect((await kw.gql(GET, { id: aClient.id }, a)).data?.apiClient).toEqual(aClient);
  });

  it('A’s client and secret ids in capitals are still NOT_FOUND for B on the secret mutations', async () => {
    const rowsBefore = await credentialRowsOf('default');
    expectNotFound(await kw.gql(CREATE_SECRET, { clientId: aClient.id.toUpperCase(), input: secretInput() }, b), 'createClientSecret');
    const upper = aSecret.id.toUpperCase();
    expectNotFound(await kw.gql(ROTATE_SECRET, { id: upper, input: { expiresAt: expiresAt() } }, b), 'rotateClientSecret');
    expectNotFound(await kw.gql(DELETE_CREDENTIAL, { id: upper }, b), 'deleteCredential');
    expect(await credentialRowsOf('default')).toEqual(rowsBefore);
  });

  it('a non-UUID client filter on the audit trail is refused as bad input, not a server error', async () => {
    const result = await kw.gql(TRAIL, { filter: { apiClientId: 'not-a-uuid' } }, b);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.apiClientId' });
  });
});
