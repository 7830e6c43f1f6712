import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { type DocumentNode, getOperationAST, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as generated from '../client/src/gql/graphql.js';
import { spaDirectory } from '../server/http/spa.js';
import { type ClientWithSecret, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

let kw: TestKeyward;
let admin: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
});
afterAll(async () => kw?.destroy());

interface Sent {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  const response = await fetch(`${kw.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** A POST naming `host` as its Host header, as a proxy forwards it (fetch cannot set Host). */
function postWithHost(path: string, body: unknown, host: string, headers: Record<string, string> = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      `${kw.baseUrl}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', host, ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: new Headers(), body: text ? JSON.parse(text) : {} }));
      },
    );
    sent.on('error', reject);
    sent.end(JSON.stringify(body));
  });
}

const graphql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post('/graphql', { query, variables }, headers);

/** An access token for the Keyward Management API, from Keyward's own token endpoint. */
async function managementToken(client: ClientWithSecret, scope: string): Promise<string> {
  const response = await fetch(`${kw.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret, scope }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

describe('GraphQL query limits', () => {
  // That refusing costs less CPU than validating would is asserted in the reliability suite: test/reliability/timing-bounds.test.ts.
  it('refuses an operation with 4,000 aliases before running or validating it, naming the alias limit', async () => {
    const aliases = Array.from({ length: 4000 }, (_, i) => `a${i}: viewer { tenant { id } }`).join(' ');
    const response = await graphql(`{ ${aliases} }`, {}, { cookie: admin });
    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].message).toMatch(/more than 50 aliases, the most Keyward runs in one operation \(the alias limit\)/);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('reports at most 10 errors: validation stops at the tenth, and execution errors past nine are summed up', async () => {
    const unknown = await graphql(`{ ${Array.from({ length: 300 }, (_, i) => `f${i}`).join(' ')} }`, {}, { cookie: admin });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toHaveLength(10);
    expect(unknown.body.errors[0].message).toMatch(/Cannot query field "f0"/);
    expect(unknown.body.errors[9].message).toMatch(/Too many validation errors/);
    const nobody = await kw.userWith([]);
    // A nullable field, so each refusal is an error of its own (a non-null one would end the whole operation at the first).
    const forbidden = Array.from({ length: 30 }, (_, i) => `c${i}: apiClient(id: "00000000-0000-0000-0000-000000000000") { id }`).join(' ');
    const refused = await graphql(`{ ${forbidden} }`, {}, { cookie: nobody });
    expect(refused.body.errors, JSON.stringify(refused.body.errors).slice(0, 400)).toHaveLength(10);
    expect(refused.body.errors.slice(0, 9).every((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    expect(refused.body.errors[9]).toEqual({
      message: '21 more errors were left out: a response reports at most 10. Fix these and send the operation again.',
      extensions: { code: 'TOO_MANY_ERRORS' },
    });
  });

  it('runs an operation with exactly 50 aliases, and does not count colons in arguments, variables or object values', async () => {
    // Aliases below the top level: 50 top-level fields would pass the cost limit (graphql-abuse.test.ts).
    const fifty = Array.from({ length: 50 }, (_, i) => `a${i}: totalCount`).join(' ');
    const response = await graphql(
      `query Q($s: String = "a:b") { apiClients(first: 1, search: $s) @skip(if: false) { ${fifty} } auditEvents(filter: { action: "client.created" }, first: 1) { totalCount } }`,
      {},
      { cookie: admin },
    );
    expect(response.body.errors).toBeUndefined();
    expect(Object.keys(response.body.data.apiClients)).toHaveLength(50);
    const accepted = await graphql(`{ apiClients(first: 1, search: "x") { ${fifty} } }`, {}, { cookie: admin });
    expect(accepted.body.errors).toBeUndefined();
    expect(Object.keys(accepted.body.data.apiClients)).toHaveLength(50);
    const fiftyOne = await graphql(`{ apiClients(first: 1) { ${fifty} } b: viewer { permissions } }`, {}, { cookie: admin });
    expect(fiftyOne.body.errors[0].message).toMatch(/alias limit/);
  });

  it('a query nested 20 levels deep is refused, naming the depth, the limit and the fix', async () => {
    // ApiClient.credentials → Credential.apiClient → … is a cycle, so any depth can be written.
    let selection = 'id';
    for (let level = 0; level < 18; level++) selection = `${level % 2 === 0 ? 'apiClient' : 'credentials'} { ${selection} }`;
    const response = await graphql(`{ apiClient(id: "00000000-0000-0000-0000-000000000000") { ${selection} } }`, {}, { cookie: admin });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        message: 'This query is nested 20 levels deep; the limit is 10. Ask for fewer nested fields, or make several requests.',
        locations: [{ line: 1, column: 1 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/stack|at .*\.ts/);
  });

  it('asking for 10,000 API clients at once is refused, naming the page size and how to page instead', async () => {
    const response = await graphql('{ apiClients(first: 10000) { edges { node { id name } } } }', {}, { cookie: admin });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(response.body.errors[0].message).toBe(
      'This query could return about 30,002 fields (apiClients first: 10000); the limit is 10,000. Ask for smaller pages (first ≤ 100) and follow pageInfo.endCursor.',
    );

    // Through a variable the size is unknown until execution: the page-size rule refuses it there.
    const viaVariable = await graphql('query($n: Int) { apiClients(first: $n) { totalCount } }', { n: 10000 }, { cookie: admin });
    expect(viaVariable.body.errors[0]).toMatchObject({
      message: '"first" must be from 1 to 100; 10000 was given. Fetch more pages with "after" instead.',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });

  it('lists nested in lists are refused once their estimated size passes the limit, naming the lists', async () => {
    const response = await graphql(
      '{ apiClients(first: 100) { edges { node { credentials { reminders { id stage status sentAt recipients } } } } } }',
      {},
      { cookie: admin },
    );
    expect(response.body.errors[0].message).toBe(
      'This query could return about 51,202 fields (apiClients first: 100 × credentials ~10 each × reminders ~10 each); the limit is 10,000. Ask for smaller pages, fewer fields or fewer nested lists, and follow pageInfo.endCursor for the rest.',
    );
  });

  it('passes every operation of the SPA (client/src/gql), and runs its queries as the admin without errors', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'SPA query target' } });
    const variables: Record<string, Record<string, unknown>> = {
      ApiClientList: { first: 25, withSecrets: true },
      ApiClient: { id: client.id },
      ClientCredentials: { id: client.id },
      AuditEvents: { first: 50 },
      ExpiringCredentials: { withinDays: 30 },
    };
    const documents = Object.entries(generated).filter(([name, value]) => name.endsWith('Document') && typeof value === 'object');
    expect(documents.length).toBeGreaterThan(10);
    for (const [name, document] of documents) {
      const operation = getOperationAST(document as DocumentNode);
      if (!operation?.name) continue;
      const query = print(document as DocumentNode);
      // Validation (where the limits are) runs before the operation is chosen: naming one that does not exist
      // checks a mutation against the limits without running it.
      const checked = await post('/graphql', { query, operationName: 'NotAnOperation' }, { cookie: admin });
      const refused = (checked.body.errors ?? []).filter((e: any) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
      expect(refused, `${name} is refused`).toEqual([]);
      if (operation.operation === 'query' && (variables[operation.name.value] || !operation.variableDefinitions?.length)) {
        const ran = await graphql(query, variables[operation.name.value] ?? {}, { cookie: admin });
        expect(ran.body.errors, `${name} fails`).toBeUndefined();
      }
    }
  });
});

describe('cross-site request forgery with the session cookie', () => {
  const createClient = (name: string) => ({
    query: 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }',
    variables: { input: { name, contactEmails: ['ops@example.com'] } },
  });
  const clientsNamed = async (name: string) =>
    (await kw.gql('query($s: String) { apiClients(search: $s) { totalCount } }', { s: name }, admin)).data?.apiClients.totalCount;

  it('a mutation from another site carrying the session is refused with 403 and changes nothing', async () => {
    const fromEvil = await post('/graphql', createClient('Forged by evil'), { cookie: admin, origin: 'https://evil.example' });
    expect(fromEvil.status).toBe(403);
    expect(fromEvil.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(
            /^This request came from another site \(https:\/\/evil\.example\) and carries your Keyward session, so it was refused\. Nothing was changed\./,
          ),
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });

    const noOrigin = await post('/graphql', createClient('Forged without origin'), { cookie: admin, 'sec-fetch-site': 'cross-site' });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.body.errors[0].message).toMatch(/^This request came from another site and carries your Keyward session/);

    // A sibling origin on the same site (a page on another subdomain) is not Keyward either.
    const sibling = await post('/graphql', createClient('Forged by a sibling'), {
      cookie: admin,
      origin: 'http://other.127.0.0.1.example',
      'sec-fetch-site': 'same-site',
    });
    expect(sibling.status).toBe(403);

    expect(await clientsNamed('Forged')).toBe(0);
  });

  it('a mutation from the same host on another port, or from Keyward under another name, is refused', async () => {
    const { port } = new URL(kw.baseUrl);
    const otherPort = String(Number(port) + 1);
    // A page on the same host, another port, posting straight to Keyward.
    const direct = await post('/graphql', createClient('Forged next door'), { cookie: admin, origin: `http://127.0.0.1:${otherPort}` });
    expect(direct.status).toBe(403);
    // The same through a proxy on that host and port (the request then names it as its Host), and Keyward reached as
    // localhost instead of KEYWARD_PUBLIC_URL's 127.0.0.1: neither is the public URL's origin.
    for (const host of [`127.0.0.1:${otherPort}`, `localhost:${port}`]) {
      const proxied = await postWithHost('/graphql', createClient('Forged by host'), host, { cookie: admin, origin: `http://${host}` });
      expect(proxied.status, host).toBe(403);
      expect(proxied.body.errors[0].message).toContain(`(http://${host})`);
    }
    expect(await clientsNamed('Forged')).toBe(0);
  });

  it("the same request from Keyward's own origin works", async () => {
    const own = await post('/graphql', createClient('Made in the SPA'), {
      cookie: admin,
      origin: kw.baseUrl,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
    expect(own.body.errors).toBeUndefined();
    expect(await clientsNamed('Made in the SPA')).toBe(1);
  });

  it('scripts are not affected: a Bearer token works without Origin, and from another origin too', async () => {
    const robot = await kw.clientWithSecret(admin, { client: { name: 'CSRF robot', scopes: ['keyward:clients.create'] } });
    const token = await managementToken(robot, 'keyward:clients.create');
    const curl = await post('/graphql', createClient('Made by curl'), { authorization: `Bearer ${token}` });
    expect(curl.status).toBe(200);
    expect(curl.body.errors).toBeUndefined();
    const tool = await post('/graphql', createClient('Made by a web tool'), {
      authorization: `Bearer ${token}`,
      origin: 'https://tools.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(tool.body.errors).toBeUndefined();
    // A request without Origin or Sec-Fetch-Site cannot come from a browser page: the cookie alone is fine.
    const script = await post('/graphql', createClient('Made by a cookie script'), { cookie: admin });
    expect(script.body.errors).toBeUndefined();
  });

  it('a cross-site sign-out is refused and the session goes on', async () => {
    const cookie = await kw.login();
    const logout = await post('/auth/logout', {}, { cookie, origin: 'https://evil.example' });
    expect(logout.status).toBe(403);
    expect(logout.body).toEqual({ error: 'cross_site_request', message: expect.stringContaining('(https://evil.example)') });
    expect((await kw.gql('{ viewer { actor { type } } }', {}, cookie)).errors).toBeUndefined();
  });

  it('a cross-site sign-in is refused (login CSRF) and sets no cookie', async () => {
    const login = await post(
      '/auth/login',
      { email: 'admin@example.com', password: 'correct-horse-battery-staple' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(login.status).toBe(403);
    expect(login.body).toEqual({
      error: 'cross_site_request',
      message: `This sign-in came from another site (https://evil.example), so it was refused. Sign in on Keyward's own page at ${kw.baseUrl}.`,
    });
    expect(login.headers.getSetCookie()).toEqual([]);
    const own = await post(
      '/auth/login',
      { email: 'admin@example.com', password: 'correct-horse-battery-staple' },
      { origin: kw.baseUrl, 'sec-fetch-site': 'same-origin' },
    );
    expect(own.status).toBe(200);
  });
});

describe('sessions a user can list and revoke', () => {
  const SESSIONS = '{ mySessions { id createdAt expiresAt lastSeenAt ipAddress userAgent current } }';
  interface SessionRow {
    id: string;
    current: boolean;
  }
  async function mySessions(cookie: string): Promise<SessionRow[]> {
    const listed = await kw.gql<{ mySessions: SessionRow[] }>(SESSIONS, {}, cookie);
    if (!listed.data) throw new Error(`mySessions failed: ${JSON.stringify(listed.errors)}`);
    return listed.data.mySessions;
  }
  const signedIn = async (cookie: string) =>
    (await kw.gql('{ viewer { actor { type } } }', {}, cookie)).errors?.[0]?.extensions?.code ?? 'OK';

  async function userWithSessions(count: number): Promise<{ email: string; cookies: string[] }> {
    const email = `sessions-${randomBytes(4).toString('hex')}@example.com`;
    const first = await kw.userWith([], { email });
    const cookies = [first];
    for (let i = 1; i < count; i++) cookies.push(await kw.login(email, USER_PASSWORD));
    return { email, cookies };
  }

  it('lists your sessions with an id that is not the token hash, this one marked current', async () => {
    const { cookies } = await userWithSessions(2);
    const listed = await kw.gql(SESSIONS, {}, cookies[0]);
    expect(listed.errors).toBeUndefined();
    const sessions = listed.data?.mySessions as Record<string, any>[];
    expect(sessions).toHaveLength(2);
    expect(sessions.map((s) => s.current)).toEqual([true, false]);
    expect(sessions[0]).toMatchObject({ ipAddress: '127.0.0.1', userAgent: expect.any(String) });
    const hashes = (await kw.sql<{ token_hash: string }>('select token_hash from session')).map((r) => r.token_hash);
    for (const session of sessions) {
      expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(hashes.some((hash) => hash.includes(session.id.replaceAll('-', '')) || session.id.includes(hash))).toBe(false);
    }
  });

  it('revoking one signs that browser out at once and is audited without the token', async () => {
    const { cookies } = await userWithSessions(2);
    const other = (await mySessions(cookies[0])).find((s) => !s.current);
    const revoked = await kw.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: other?.id }, cookies[0]);
    expect(revoked).toEqual({ data: { revokeSession: other?.id } });
    expect(await signedIn(cookies[1])).toBe('UNAUTHENTICATED');
    expect(await signedIn(cookies[0])).toBe('OK');

    const [event] = await kw.sql<Record<string, unknown>>(
      "select * from audit_event where action = 'auth.session_revoked' and target_id = ?",
      [other?.id],
    );
    expect(event).toMatchObject({ actor_type: 'USER', target_type: 'SESSION' });
    const hashes = (await kw.sql<{ token_hash: string }>('select token_hash from session')).map((r) => r.token_hash);
    const token = cookies[1].split('=')[1];
    expect(JSON.stringify(event)).not.toContain(token);
    for (const hash of hashes) expect(JSON.stringify(event)).not.toContain(hash);

    const again = await kw.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: other?.id }, cookies[0]);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('revoking the others keeps this one', async () => {
    const { cookies } = await userWithSessions(3);
    const revoked = await kw.gql('mutation { revokeOtherSessions }', {}, cookies[0]);
    expect(revoked).toEqual({ data: { revokeOtherSessions: 2 } });
    expect(await Promise.all(cookies.map(signedIn))).toEqual(['OK', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await mySessions(cookies[0])).toHaveLength(1);
  });

  it("another user's session id is NOT_FOUND and stays signed in", async () => {
    const mine = await userWithSessions(1);
    const theirs = await userWithSessions(1);
    const [their] = await mySessions(theirs.cookies[0]);
    const attempt = await kw.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: their.id }, mine.cookies[0]);
    expect(attempt.errors?.[0]).toMatchObject({
      message: 'You have no session with this id; it may have ended already. List your sessions again (mySessions).',
      extensions: { code: 'NOT_FOUND' },
    });
    expect(await signedIn(theirs.cookies[0])).toBe('OK');
    const garbage = await kw.gql('mutation { revokeSession(id: "not-a-uuid") }', {}, mine.cookies[0]);
    expect(garbage.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a session past its lifetime, or idle too long, is signed out and swept at the next sign-in', async () => {
    const { email, cookies } = await userWithSessions(3);
    const ids = (await mySessions(cookies[0])).map((s) => s.id);
    const [current, expiring, idle] = ids;
    await kw.sql("update session set expires_at = now() - interval '1 second' where public_id = ?", [expiring]);
    await kw.sql("update session set last_seen_at = now() - interval '2 hours 1 second' where public_id = ?", [idle]);
    const byId = async (id: string) => (await kw.sql('select public_id from session where public_id = ?', [id])).length;

    // Which cookie belongs to which id: the sessions themselves say, via `current`.
    const states = await Promise.all(cookies.map(signedIn));
    expect(states.filter((s) => s === 'UNAUTHENTICATED')).toHaveLength(2);
    expect((await mySessions(cookies[0])).map((s) => s.id)).toEqual([current]);

    await kw.login(email, USER_PASSWORD);
    expect(await byId(expiring)).toBe(0);
    expect(await byId(idle)).toBe(0);
  });

  it('records when a session was last used, at most once a minute', async () => {
    const { cookies } = await userWithSessions(1);
    const [{ id }] = await mySessions(cookies[0]);
    const lastSeen = async () =>
      new Date(
        (await kw.sql<{ last_seen_at: string }>('select last_seen_at from session where public_id = ?', [id]))[0].last_seen_at,
      ).getTime();
    await kw.sql("update session set last_seen_at = now() - interval '5 minutes' where public_id = ?", [id]);
    const stale = await lastSeen();
    await signedIn(cookies[0]);
    const touched = await lastSeen();
    expect(touched - stale).toBeGreaterThan(4 * 60_000);
    await signedIn(cookies[0]);
    await signedIn(cookies[0]);
    expect(await lastSeen()).toBe(touched);
  });

  it('an access token or a personal API key is refused with FORBIDDEN and told why', async () => {
    const robot = await kw.clientWithSecret(admin, { client: { name: 'Session robot', scopes: ['keyward:clients.read'] } });
    const accessToken = await managementToken(robot, 'keyward:clients.read');
    const created = await kw.gql<{ createPersonalApiKey: { token: string } }>(
      'mutation { createPersonalApiKey(input: { name: "Sessions check" }) { token } }',
      {},
      admin,
    );
    const apiKey = created.data?.createPersonalApiKey.token;
    expect(apiKey).toMatch(/^kwpat_/);
    for (const token of [accessToken, apiKey]) {
      for (const query of [SESSIONS, 'mutation { revokeOtherSessions }']) {
        const response = await graphql(query, {}, { authorization: `Bearer ${token}` });
        expect(response.body.errors[0]).toMatchObject({
          message:
            'Sessions belong to people signed in to Keyward in a browser; this request uses an API key or access token. Sign in with your email and password to see or end your sessions.',
          extensions: { code: 'FORBIDDEN' },
        });
      }
    }
    expect(await signedIn(admin)).toBe('OK');
  });
});

describe('the HTTP surface', () => {
  it('a 2 MiB POST to /graphql is refused with 413 and a message, not a 500', async () => {
    const response = await post('/graphql', { query: `{ viewer { actor { type } } } #${'x'.repeat(2 * 1024 * 1024)}` }, { cookie: admin });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      error: 'invalid_request',
      message:
        'The request body is larger than 1 MiB, the most Keyward accepts, so nothing was read or changed. Send less in one request, or split it into several.',
    });
  });

  it('serves the SPA with a Content-Security-Policy that allows no inline script, and the built page has none', async () => {
    const index = join(spaDirectory(), 'index.html');
    expect(existsSync(index), 'build the SPA first: npm run build').toBe(true);
    const response = await fetch(`${kw.baseUrl}/`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    const html = readFileSync(index, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
  });
});

describe('in production', () => {
  let prod: TestKeyward;
  let cookie: string;
  beforeAll(async () => {
    prod = await startKeyward({ env: { NODE_ENV: 'production', KEYWARD_MASTER_KEY: randomBytes(32).toString('base64') } });
    cookie = await prod.login();
  });
  afterAll(async () => prod?.destroy());

  it('introspection is refused with a message saying where the schema is', async () => {
    const response = await prod.gql('{ __schema { types { name } } }', {}, cookie);
    expect(response.errors).toEqual([
      {
        message:
          'This Keyward runs in production, where the schema cannot be read by introspection (__schema, __type). Use schema.graphql from the Keyward release you run instead.',
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('an unexpected error is INTERNAL_SERVER_ERROR without its message, stack or internals', async () => {
    const clients = prod.keyward.services.clients;
    const list = clients.list;
    clients.list = async () => {
      throw new Error('relation "secret_internal_table" does not exist at /srv/keyward/server/db.ts:42');
    };
    try {
      const response = await fetch(`${prod.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: '{ apiClients { totalCount } }' }),
      });
      const text = await response.text();
      const body = JSON.parse(text);
      expect(body.errors[0]).toEqual({
        message: expect.stringMatching(/^Something went wrong on Keyward’s side and nothing was changed\./),
        locations: [{ line: 1, column: 3 }],
        path: ['apiClients'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(text).not.toMatch(/secret_internal_table|db\.ts|stacktrace|exception/i);
    } finally {
      clients.list = list;
    }
  });
});

describe('operational endpoints and response headers', () => {
  let secured: TestKeyward;
  const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
  beforeAll(async () => {
    secured = await startKeyward({ env: { KEYWARD_PUBLIC_URL: 'https://keyward.example.test', KEYWARD_METRICS_TOKEN: METRICS_TOKEN } });
  });
  afterAll(async () => secured?.destroy());

  it('serves /metrics without a token only to this machine, never to another address (forwarded headers change nothing)', async () => {
    expect((await fetch(`${kw.baseUrl}/metrics`)).status).toBe(200);
    const remote = await kw.keyward.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().message).toContain('KEYWARD_METRICS_TOKEN');
    expect(remote.body).not.toContain('keyward_http_requests_total');
    const spoofed = await kw.keyward.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(spoofed.statusCode).toBe(403);
  });

  it('with KEYWARD_METRICS_TOKEN, serves /metrics only with that Bearer token, from any address', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789abcdef', METRICS_TOKEN, `Basic ${METRICS_TOKEN}`]) {
      const refused = await fetch(`${secured.baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(refused.status, String(authorization)).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    const allowed = await secured.keyward.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toContain('keyward_http_requests_total');
  });

  it('sends Permissions-Policy on every answer, and HSTS only when the public URL is https', async () => {
    const plain = await fetch(`${kw.baseUrl}/healthz`);
    expect(plain.headers.get('permissions-policy')).toContain('camera=()');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    for (const path of ['/healthz', '/oauth2/jwks', '/does-not-exist']) {
      const https = await fetch(`${secured.baseUrl}${path}`);
      expect(https.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains');
      expect(https.headers.get('permissions-policy'), path).toContain('geolocation=()');
    }
  });

  it('refuses a metrics token too short to be a secret, at start, naming the variable', async () => {
    const { loadConfig, ConfigError } = await import('../server/config.js');
    expect(() => loadConfig({ KEYWARD_METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ KEYWARD_METRICS_TOKEN: 'short' })).toThrow(/KEYWARD_METRICS_TOKEN must be at least 16 characters/);
  });
});
