import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyward, type TestKeyward } from './support/keyward.js';

const CREATE = 'mutation Create($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }';
const LIST = `query List($first: Int, $after: String, $orderBy: ApiClientOrder, $search: String) {
  apiClients(first: $first, after: $after, orderBy: $orderBy, search: $search) {
    totalCount edges { node { name } } pageInfo { endCursor hasNextPage }
  }
}`;

let kw: TestKeyward;
let admin: string;

// Created in this order; "used" is minutes ago (null: never used).
const CLIENTS: { name: string; used: number | null }[] = [
  { name: 'billing', used: 30 },
  { name: 'Zeta reports', used: null },
  { name: 'alpha sync', used: 5 },
  { name: 'Mailer', used: null },
  { name: 'Beta importer', used: 30 },
  { name: 'ALPHA export', used: 90 },
  { name: 'crm bridge', used: null },
];

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  for (const { name } of CLIENTS) {
    const result = await kw.gql(CREATE, { input: { name, contactEmails: ['ops@example.com'] } }, admin);
    expect(result.errors).toBeUndefined();
    // Distinct creation times, one second apart, oldest first.
    await kw.sql(
      "update api_client set created_at = now() - interval '1 hour' + (select count(*) from api_client) * interval '1 second' where name = ?",
      [name],
    );
  }
  for (const { name, used } of CLIENTS) {
    if (used !== null) await kw.sql(`update api_client set last_used_at = now() - ? * interval '1 minute' where name = ?`, [used, name]);
  }
});
afterAll(async () => kw?.destroy());

type ClientPage = { edges: { node: { name: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
type Order = { field: 'CREATED_AT' | 'NAME' | 'LAST_USED_AT'; direction: 'ASC' | 'DESC' };

/** Every name of the list, read two at a time through the cursors. */
async function readAll(orderBy: Order | null, search?: string): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const result = await kw.gql<{ apiClients: ClientPage }>(LIST, { first: 2, after, orderBy, search }, admin);
    expect(result.errors).toBeUndefined();
    const connection = result.data?.apiClients as ClientPage;
    names.push(...connection.edges.map((edge) => edge.node.name));
    if (!connection.pageInfo.hasNextPage) return names;
    after = connection.pageInfo.endCursor;
  }
  throw new Error(`more than 10 pages: ${names.join(', ')}`);
}

describe('the client list in the order asked for, page by page', () => {
  it('is newest first without an order, and oldest first when asked', async () => {
    const created = CLIENTS.map((c) => c.name);
    expect(await readAll(null)).toEqual([...created].reverse());
    expect(await readAll({ field: 'CREATED_AT', direction: 'ASC' })).toEqual(created);
  });

  it('sorts names ignoring case, both ways', async () => {
    const byName = ['ALPHA export', 'alpha sync', 'Beta importer', 'billing', 'crm bridge', 'Mailer', 'Zeta reports'];
    expect(await readAll({ field: 'NAME', direction: 'ASC' })).toEqual(byName);
    expect(await readAll({ field: 'NAME', direction: 'DESC' })).toEqual([...byName].reverse());
  });

  it('puts the most recently used first and the never used last, and the reverse for the least recently used', async () => {
    const recent = await readAll({ field: 'LAST_USED_AT', direction: 'DESC' });
    expect(recent.slice(0, 4)).toEqual(['alpha sync', ...recent.slice(1, 3), 'ALPHA export']);
    // billing and Beta importer were used at the same minute: the id decides between them, and every page agrees.
    expect(new Set(recent.slice(1, 3))).toEqual(new Set(['billing', 'Beta importer']));
    expect(new Set(recent.slice(4))).toEqual(new Set(['Zeta reports', 'Mailer', 'crm bridge']));
    expect(await readAll({ field: 'LAST_USED_AT', direction: 'ASC' })).toEqual([...recent].reverse());
  });

  it('keeps the order within a search', async () => {
    expect(await readAll({ field: 'NAME', direction: 'ASC' }, 'alpha')).toEqual(['ALPHA export', 'alpha sync']);
  });

  it('refuses a cursor given out for another order, naming the argument and the fix', async () => {
    const first = await kw.gql(LIST, { first: 2, orderBy: { field: 'NAME', direction: 'ASC' } }, admin);
    const after = first.data?.apiClients.pageInfo.endCursor;
    const result = await kw.gql(LIST, { first: 2, after, orderBy: { field: 'LAST_USED_AT', direction: 'DESC' } }, admin);
    expect(result.errors?.[0]).toMatchObject({
      message:
        'The "after" cursor is not one Keyward gave out for this list and order. Use the endCursor of the previous page, in the same order, or leave it out to start at the top.',
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });
});
