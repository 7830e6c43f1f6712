import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { freePort, type GraphQLResult, startKeyward, type TestKeyward } from './support/keyward.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

/**
 * Audit entries of credentials need SECRET_ADMINISTRATION (docs/permissions.md#what-each-permission-reaches): a reader
 * who may not see a client's secrets and certificates does not learn their hints, serials or expiry dates from the
 * audit trail or its CSV export either. Everything else of the trail reads as before.
 */

const DAY_MS = 86_400_000;
const TRAIL = `query($filter: AuditEventFilter, $after: String) {
  auditEvents(filter: $filter, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { action target { type id name } apiClientId changes { field from to } } }
  }
}`;
const CREATE_CERTIFICATE = `mutation($clientId: ID!, $input: CreateCertificateInput!) {
  createCertificate(clientId: $clientId, input: $input) { credential { id } }
}`;
const ROTATE = `mutation($id: ID!, $input: RotateClientSecretInput!) {
  rotateClientSecret(id: $id, input: $input) { credential { id secretHint } }
}`;

interface Node {
  action: string;
  target: { type: string; id: string; name: string | null } | null;
  apiClientId: string | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

let kw: TestKeyward;
let smtp: TestSmtp;
let admin: string;
/** The client whose credentials made events, and one deleted with its certificate. */
let client: { id: string; secretId: string };
let deletedClientId: string;
/** What identifies the credentials: the hints of both secrets and the serials of both certificates. */
const identifying: string[] = [];

const inDays = (days: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + days * DAY_MS).toISOString();

async function adminSends(query: string, variables: Record<string, unknown>) {
  const result = await kw.gql(query, variables, admin);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as Record<string, any>;
}

async function certificateOf(clientId: string): Promise<{ id: string; serial: string }> {
  const data = await adminSends(CREATE_CERTIFICATE, { clientId, input: { expiresAt: inDays(60), keyAlgorithm: 'EC_P256' } });
  const id = data.createCertificate.credential.id;
  const [row] = await kw.sql<{ cert_serial: string }>('select cert_serial from credential where id = ?', [id]);
  return { id, serial: row.cert_serial };
}

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
  kw = await startKeyward({ env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
  admin = await kw.login();

  // credential.created (a secret expiring in 10 days, so a reminder is due), reminder.sent, credential.rotated, a
  // certificate, credential.deleted; and a client deleted with its certificate (client.deleted names its serial).
  const made = await kw.clientWithSecret(admin, { client: { name: 'Payments gateway' }, expiresAt: new Date(inDays(10)) });
  client = { id: made.id, secretId: made.secretId };
  const [first] = await kw.sql<{ secret_hint: string }>('select secret_hint from credential where id = ?', [made.secretId]);
  identifying.push(first.secret_hint);
  await kw.keyward.services.reminders.scan();
  await kw.keyward.services.reminders.sendDue();
  const rotated = await adminSends(ROTATE, { id: made.secretId, input: { expiresAt: inDays(90) } });
  identifying.push(rotated.rotateClientSecret.credential.secretHint);
  const certificate = await certificateOf(client.id);
  identifying.push(certificate.serial);
  await adminSends('mutation($id: ID!) { deleteCredential(id: $id) }', { id: certificate.id });

  const doomed = await adminSends('mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }', {
    input: { name: 'Retired partner', contactEmails: ['ops@example.com'] },
  });
  deletedClientId = doomed.createApiClient.id;
  identifying.push((await certificateOf(deletedClientId)).serial);
  await adminSends('mutation($id: ID!) { deleteApiClient(id: $id) }', { id: deletedClientId });

  // The setup made every kind of event these tests are about.
  const actions = (await kw.sql<{ action: string }>('select distinct action from audit_event')).map((r) => r.action);
  expect(actions).toEqual(
    expect.arrayContaining(['credential.created', 'credential.rotated', 'credential.deleted', 'reminder.sent', 'client.deleted']),
  );
  for (const value of identifying) expect(value).toBeTruthy();
});
afterAll(async () => {
  await kw?.destroy();
  await smtp?.close();
});

/** Every event the caller can page through, newest first. */
async function trailOf(cookie: string, filter: Record<string, unknown> = {}): Promise<{ totalCount: number; nodes: Node[]; text: string }> {
  const nodes: Node[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let text = '';
  for (;;) {
    const result: GraphQLResult<any> = await kw.gql(TRAIL, { filter, after }, cookie);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const page = result.data?.auditEvents;
    totalCount = page.totalCount;
    text += JSON.stringify(page);
    nodes.push(...page.edges.map((e: { node: Node }) => e.node));
    if (!page.pageInfo.hasNextPage) return { totalCount, nodes, text };
    after = page.pageInfo.endCursor;
  }
}

/** The CSV export as rows of named cells (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
async function csvOf(cookie: string, query = ''): Promise<{ rows: Record<string, string>[]; text: string }> {
  const response = await fetch(`${kw.baseUrl}/audit/export.csv${query}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const text = await response.text();
  const table: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      table.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  const [header, ...lines] = table;
  return { rows: lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i]]))), text };
}

const isAboutCredentials = (action: string, targetType: string | null | undefined) =>
  action.startsWith('credential.') || action.startsWith('reminder.') || targetType === 'CREDENTIAL';

function expectNoCredentials(nodes: Node[], text: string) {
  expect(nodes.filter((n) => isAboutCredentials(n.action, n.target?.type)).map((n) => n.action)).toEqual([]);
  for (const value of identifying) expect(text).not.toContain(value);
}

describe('a reader of the audit trail without SECRET_ADMINISTRATION', () => {
  it('with CLIENT_ADMINISTRATION only, sees the events of API clients but none of their credentials, over GraphQL', async () => {
    const cookie = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    const { totalCount, nodes, text } = await trailOf(cookie);
    expectNoCredentials(nodes, text);
    expect(nodes.map((n) => n.action)).toEqual(expect.arrayContaining(['client.created', 'client.deleted']));
    expect(nodes.every((n) => n.apiClientId !== null)).toBe(true);
    // The count agrees with the page: it counts only what the reader may see.
    expect(totalCount).toBe(nodes.length);
    const [row] = await kw.sql<{ n: number }>(
      `select count(*)::int as n from audit_event where api_client_id is not null
         and action not like 'credential.%' and coalesce(target_type, '') <> 'CREDENTIAL'`,
    );
    expect(totalCount).toBe(row.n);

    // The deletion of a client is there, without the serials of the certificates revoked with it.
    const deleted = nodes.find((n) => n.action === 'client.deleted' && n.apiClientId === deletedClientId);
    expect(deleted?.changes.map((c) => c.field)).toContain('name');
    expect(deleted?.changes.map((c) => c.field)).not.toContain('revokedSerials');

    // Asking for them by action or by client does not widen the view.
    for (const action of ['credential.*', 'credential.created', 'reminder.*', 'reminder.sent']) {
      expect((await trailOf(cookie, { action })).totalCount).toBe(0);
    }
    const ofClient = await trailOf(cookie, { apiClientId: client.id });
    expectNoCredentials(ofClient.nodes, ofClient.text);
    expect(ofClient.nodes.map((n) => n.action)).toEqual(['client.created']);
  });

  it('with CLIENT_ADMINISTRATION only, exports a CSV without credential events', async () => {
    const cookie = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    const { rows, text } = await csvOf(cookie);
    expect(rows.filter((r) => isAboutCredentials(r.action, r.target_type)).map((r) => r.action)).toEqual([]);
    for (const value of identifying) expect(text).not.toContain(value);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['client.created', 'client.deleted']));
    expect(rows).toHaveLength((await trailOf(cookie)).totalCount);

    expect((await csvOf(cookie, '?action=credential.*')).rows).toEqual([]);
    expect((await csvOf(cookie, `?apiClientId=${client.id}`)).rows.map((r) => r.action)).toEqual(['client.created']);
  });

  it('with SECURITY_ADMINISTRATION only, sees sign-ins and users but not the events of credentials', async () => {
    const cookie = await kw.userWith([Permission.SECURITY_ADMINISTRATION]);
    const { nodes, text } = await trailOf(cookie);
    expectNoCredentials(nodes, text);
    expect(nodes.map((n) => n.action)).toEqual(expect.arrayContaining(['tenant.created', 'auth.login', 'client.created']));
    const csv = await csvOf(cookie);
    for (const value of identifying) expect(csv.text).not.toContain(value);
  });
});

describe('a reader of the audit trail with SECRET_ADMINISTRATION too', () => {
  it('sees the events of credentials, their hints and serials, over GraphQL and in the CSV', async () => {
    const cookie = await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION]);
    const { totalCount, nodes, text } = await trailOf(cookie);
    expect(nodes.map((n) => n.action)).toEqual(
      expect.arrayContaining(['credential.created', 'credential.rotated', 'credential.deleted', 'reminder.sent', 'client.deleted']),
    );
    for (const value of identifying) expect(text).toContain(value);
    const [row] = await kw.sql<{ n: number }>('select count(*)::int as n from audit_event where api_client_id is not null');
    expect(totalCount).toBe(row.n);
    const deleted = nodes.find((n) => n.action === 'client.deleted' && n.apiClientId === deletedClientId);
    expect(deleted?.changes.map((c) => c.field)).toContain('revokedSerials');

    const csv = await csvOf(cookie);
    expect(csv.rows).toHaveLength(totalCount);
    expect(csv.rows.filter((r) => isAboutCredentials(r.action, r.target_type)).length).toBeGreaterThanOrEqual(5);
    for (const value of identifying) expect(csv.text).toContain(value);
  });

  it('with SECURITY_ADMINISTRATION, still reads the whole trail', async () => {
    const cookie = await kw.userWith([Permission.SECURITY_ADMINISTRATION, Permission.SECRET_ADMINISTRATION]);
    const { totalCount } = await trailOf(cookie);
    const [row] = await kw.sql<{ n: number }>(
      "select count(*)::int as n from audit_event e join tenant t on t.id = e.tenant_id where t.slug = 'default'",
    );
    expect(totalCount).toBe(row.n);
  });
});
