import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../server/cli.js';
import { Permission } from '../server/kernel/permissions.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';

const CREATE = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id name } }';
const EVENTS = `query($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id action occurredAt actor { type id displayName } target { type id name } apiClientId changes { field from to } ipAddress userAgent requestId } }
  }
}`;

let kw: TestKeyward;
let admin: string;

beforeAll(async () => {
  kw = await startKeyward({ persistent: true });
  admin = await kw.login();
});
afterAll(async () => kw?.destroy());

async function eventCount(): Promise<number> {
  const [row] = await kw.sql<{ n: string }>('select count(*) as n from audit_event');
  return Number(row.n);
}

async function graphqlWithHeaders(query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin, 'user-agent': 'audit-test/1.0' },
    body: JSON.stringify({ query, variables }),
  });
  return { requestId: response.headers.get('x-request-id'), body: (await response.json()) as any };
}

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: kw.cliEnv });
  return { code, out, err };
}

describe('the audit trail as CSV (GET /audit/export.csv)', () => {
  const exportCsv = (query: string, cookie: string | null = admin) =>
    fetch(`${kw.baseUrl}/audit/export.csv${query}`, { headers: cookie ? { cookie } : {} });

  /** RFC 4180 rows: quoted cells may hold commas, quotes and line breaks. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else cell += c;
    }
    return rows;
  }

  it('downloads the filtered list, newest first, the same events as the auditEvents query', async () => {
    for (const [name, description] of [
      ['Csv one', null],
      ['Csv, "two"', 'two\nlines'],
    ])
      await kw.gql(CREATE, { input: { name, description, contactEmails: ['csv@example.com'] } }, admin);
    const response = await exportCsv('?action=client.created');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="keyward-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await response.text();
    // Every cell quoted, the empty ones too: no reader has to guess where a cell ends.
    const cellsQuoted = /^(?:"(?:[^"]|"")*",)*"(?:[^"]|"")*"$/;
    expect(text.split('\r\n')[0]).toMatch(/^"occurred_at","actor_type","actor","actor_id","action",/);
    expect(text.split('\r\n')[1]).toMatch(cellsQuoted);
    const [header, ...rows] = parseCsv(text);
    expect(header.slice(0, 5)).toEqual(['occurred_at', 'actor_type', 'actor', 'actor_id', 'action']);
    const listed = await kw.gql(EVENTS, { filter: { action: 'client.created' }, first: 100 }, admin);
    expect(rows.map((row) => row[header.indexOf('event_id')])).toEqual(listed.data?.auditEvents.edges.map((e: any) => e.node.id));
    const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
    expect(column('action').every((action) => action === 'client.created')).toBe(true);
    // A name with a comma and quotes, and a description with a line break, survive the round trip.
    expect(column('target').slice(0, 2)).toEqual(['Csv, "two"', 'Csv one']);
    expect(column('changes')[0]).toContain('name: Csv, "two"');
    expect(column('changes')[0]).toContain('description: two\nlines');
  });

  it('defuses cells a spreadsheet would run as a formula', async () => {
    await kw.gql(CREATE, { input: { name: '=HYPERLINK("https://evil.example")', contactEmails: ['csv@example.com'] } }, admin);
    const [header, ...rows] = parseCsv(await (await exportCsv('?action=client.created')).text());
    expect(rows[0][header.indexOf('target')]).toBe('\'=HYPERLINK("https://evil.example")');
  });

  it('applies the time range and the client filter, and refuses a malformed date naming the parameter', async () => {
    const future = await exportCsv(`?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`);
    expect(parseCsv(await future.text())).toHaveLength(1);
    const bad = await exportCsv('?from=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'from', message: expect.stringContaining('ISO-8601') });
    const yearZero = await exportCsv('?from=0000-01-01');
    expect(yearZero.status).toBe(400);
    expect(await yearZero.json()).toMatchObject({ field: 'from', message: '"from" must be a date between the years 1 and 9999.' });
  });

  it('needs a sign-in and CLIENT_ADMINISTRATION or SECURITY_ADMINISTRATION, like the auditEvents query', async () => {
    expect((await exportCsv('', null)).status).toBe(401);
    const creator = await kw.userWith([Permission.CLIENT_CREATE]);
    const refused = await exportCsv('', creator);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain('CLIENT_ADMINISTRATION');
    // Client administrators see the events about API clients only, not sign-ins or security changes.
    const clientAdmin = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    const [header, ...rows] = parseCsv(await (await exportCsv('', clientAdmin)).text());
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row[header.indexOf('api_client_id')] !== '')).toBe(true);
  });

  it('is refused, like every GraphQL field, to a user who still has to change a temporary password', async () => {
    const created = await kw.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { temporaryPassword } }',
      { input: { email: 'csv-newcomer@example.com', name: 'Csv Newcomer', teamIds: [] } },
      admin,
    );
    const newcomer = await kw.login('csv-newcomer@example.com', created.data?.createUser.temporaryPassword);
    await kw.sql(
      `insert into team_member (team_id, user_id) select t.id, u.id from team t, app_user u where t.name = 'Administrators' and u.email = ?`,
      ['csv-newcomer@example.com'],
    );
    const refused = await exportCsv('', newcomer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^Change your temporary password first/);
  });
});

describe('the audit trail', () => {
  let clientId: string;

  it('records one client.created event with actor, target, field changes and request facts', async () => {
    const before = await eventCount();
    const { requestId, body } = await graphqlWithHeaders(CREATE, {
      input: { name: 'Payroll', identifier: 'payroll', contactEmails: ['pay@example.com'], scopes: ['orders:read'] },
    });
    clientId = body.data.createApiClient.id;
    expect(await eventCount()).toBe(before + 1);
    const events = await kw.gql(EVENTS, { filter: { apiClientId: clientId } }, admin);
    const [event] = events.data?.auditEvents.edges.map((e: any) => e.node) ?? [];
    expect(event).toMatchObject({
      action: 'client.created',
      actor: { type: 'USER', displayName: 'Administrator <admin@example.com>' },
      target: { type: 'API_CLIENT', id: clientId, name: 'Payroll' },
      apiClientId: clientId,
      ipAddress: '127.0.0.1',
      userAgent: 'audit-test/1.0',
      requestId,
    });
    expect(event.actor.id).toMatch(/^[0-9a-f-]{36}$/);
    const changes = Object.fromEntries(event.changes.map((c: any) => [c.field, c]));
    expect(changes.clientId).toEqual({ field: 'clientId', from: null, to: 'default-payroll' });
    expect(changes.scopes).toEqual({ field: 'scopes', from: null, to: ['orders:read'] });
  });

  it('records one client.updated event holding only the fields that changed, from → to', async () => {
    const before = await eventCount();
    await kw.gql(
      'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id } }',
      { id: clientId, input: { name: 'Payroll v2', enabled: false, contactEmails: ['pay@example.com'] } },
      admin,
    );
    expect(await eventCount()).toBe(before + 1);
    const events = await kw.gql(EVENTS, { filter: { apiClientId: clientId }, first: 1 }, admin);
    const event = events.data?.auditEvents.edges[0].node;
    expect(event.action).toBe('client.updated');
    expect(event.target.name).toBe('Payroll v2');
    expect(event.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', from: 'Payroll', to: 'Payroll v2' },
        { field: 'enabled', from: true, to: false },
      ]),
    );
    expect(event.changes).toHaveLength(2);
  });

  it('records one client.deleted event, and nothing for a refused mutation', async () => {
    const before = await eventCount();
    const refused = await kw.gql(CREATE, { input: { name: 'x', contactEmails: [] } }, admin);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await eventCount()).toBe(before);
    await kw.gql('mutation($id: ID!) { deleteApiClient(id: $id) }', { id: clientId }, admin);
    expect(await eventCount()).toBe(before + 1);
    const events = await kw.gql(EVENTS, { filter: { action: 'client.deleted' } }, admin);
    expect(events.data?.auditEvents.edges[0].node).toMatchObject({
      action: 'client.deleted',
      target: { id: clientId, name: 'Payroll v2' },
    });
  });

  it('fails the change when its audit event cannot be written', async () => {
    await kw.sql("alter table audit_event add constraint refuse_creates check (action <> 'client.created') not valid");
    try {
      const result = await kw.gql(
        CREATE,
        { input: { name: 'Unaudited', identifier: 'unaudited', contactEmails: ['a@example.com'] } },
        admin,
      );
      expect(result.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.errors?.[0].message).toMatch(/nothing was changed/);
      expect(JSON.stringify(result)).not.toMatch(/refuse_creates|constraint|audit_event/);
    } finally {
      await kw.sql('alter table audit_event drop constraint refuse_creates');
    }
    expect(await kw.sql("select id from api_client where identifier = 'unaudited'")).toEqual([]);
  });

  it('filters by action prefix, actor and time range, newest first, with cursor pages', async () => {
    for (const n of [1, 2, 3]) await kw.gql(CREATE, { input: { name: `Filter ${n}`, contactEmails: ['a@example.com'] } }, admin);
    const page1 = await kw.gql(EVENTS, { filter: { action: 'client.*' }, first: 2 }, admin);
    const nodes1 = page1.data?.auditEvents.edges.map((e: any) => e.node);
    expect(nodes1.map((n: any) => n.target.name)).toEqual(['Filter 3', 'Filter 2']);
    const page2 = await kw.gql(
      EVENTS,
      { filter: { action: 'client.*' }, first: 2, after: page1.data?.auditEvents.pageInfo.endCursor },
      admin,
    );
    expect(page2.data?.auditEvents.edges[0].node.target.name).toBe('Filter 1');

    const actorId = nodes1[0].actor.id;
    const byActor = await kw.gql(EVENTS, { filter: { actorId, action: 'client.created' } }, admin);
    expect(byActor.data?.auditEvents.totalCount).toBeGreaterThanOrEqual(3);
    const future = await kw.gql(EVENTS, { filter: { from: new Date(Date.now() + 60_000).toISOString() } }, admin);
    expect(future.data?.auditEvents.totalCount).toBe(0);
    const reversed = await kw.gql(EVENTS, { filter: { from: '2030-01-01T00:00:00Z', to: '2029-01-01T00:00:00Z' } }, admin);
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
    // Year 0 is a date to JavaScript but not to PostgreSQL (found by fuzz-graphql): a refusal naming the field, not a 500.
    const yearZero = await kw.gql(EVENTS, { filter: { from: '0000-01-01T00:00:00Z' } }, admin);
    expect(yearZero.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
    expect(yearZero.errors?.[0].message).toBe('"from" must be a date between the years 1 and 9999.');
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => kw.gql(CREATE, { input: { name: `Concurrent ${i}`, contactEmails: ['a@example.com'] } }, admin)),
    );
    const forks = await kw.sql<{ n: string }>(
      'select count(*) as n from audit_event a join audit_event b on a.chain_key = b.chain_key and a.prev_hash = b.prev_hash and a.id < b.id',
    );
    expect(Number(forks[0].n)).toBe(0);
  });

  it('CLI audit verify accepts the intact chain, then names the first event that was altered', async () => {
    const [victim] = await kw.sql<{ id: string; seq: string }>(
      "select id, seq::text as seq from audit_event where action = 'client.updated' order by seq limit 1",
    );
    await kw.stopServer();

    const intact = await cli('audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/OK +tenant default: \d+ events, chain intact/);

    const { openKeywardDatabase } = await import('../server/app/runtime.js');
    const { loadConfig } = await import('../server/config.js');
    const tamper = async (sql: string) => {
      const db = await openKeywardDatabase(loadConfig(kw.cliEnv));
      try {
        await db.orm.em.getConnection().execute(sql, [victim.id]);
      } finally {
        await db.close();
      }
    };
    await tamper(`update audit_event set changes = '{"name":{"from":"Payroll","to":"Someone else"}}' where id = ?`);
    const altered = await cli('audit', 'verify', '--tenant', 'default');
    expect(altered.code).toBe(1);
    expect(altered.out).toContain(
      `BROKEN  tenant default: first broken link is event ${victim.id} (#${victim.seq}): its content was changed after it was recorded.`,
    );

    await tamper('delete from audit_event where id = ?');
    const deleted = await cli('audit', 'verify');
    expect(deleted.code).toBe(1);
    expect(deleted.out).toContain(`event #${victim.seq} is missing before it (deleted?)`);
  });
});
