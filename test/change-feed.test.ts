import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientTransactions } from '../server/clients/client-transaction.js';
import { DAY_MS } from '../server/kernel/clock.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type ClientWithSecret, freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { requestToken } from './support/oauth.js';
import { spawnKeyward, waitReady } from './support/processes.js';

// The change feed: a module publishes its changes in the transaction that makes them, caches subscribe. Several
// processes hear each other through PostgreSQL LISTEN/NOTIFY, which needs a PostgreSQL server (CI sets DATABASE_URL);
// on the embedded database there is one process, and the feed delivers its changes locally.

const onServer = Boolean(process.env.DATABASE_URL);
/** The channel every Keyward version sends on (the wire format a rolling upgrade relies on). */
const CHANNEL = 'keyward_cache';
const poll = { timeout: 5000, interval: 20 };

const tokenStatus = (baseUrl: string, client: Pick<ClientWithSecret, 'clientId' | 'secret'>) =>
  requestToken(baseUrl, client.clientId, client.secret).then((response) => response.status);

/** What the in-process instance sent to its database while `work` ran: every statement, as SQL text. */
async function statementsDuring(kw: TestKeyward, work: () => Promise<void>): Promise<string[]> {
  const knex = kw.keyward.database.orm.em.getConnection().getKnex();
  const statements: string[] = [];
  const record = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', record);
  try {
    await work();
  } finally {
    knex.off('query', record);
  }
  return statements;
}

const readsClients = (sql: string) => /\b(from|join)\s+"(api_client|credential)"/i.test(sql);

/**
 * Resolves once the instance's LISTEN connection has heard everything committed before now: a marker sent with plain
 * SQL (so only LISTEN can deliver it) arrives after every earlier notification, in commit order.
 */
async function heardEverythingSoFar(kw: TestKeyward): Promise<void> {
  const marker = randomBytes(6).toString('hex');
  const heard: string[] = [];
  kw.keyward.services.changeFeed.subscribe('test-marker', (key) => heard.push(key ?? ''));
  await kw.sql('select pg_notify(?, ?)', [CHANNEL, `test-marker:${marker}`]);
  await vi.waitFor(() => expect(heard).toContain(marker), poll);
}

describe('one Keyward process', () => {
  let kw: TestKeyward;
  let admin: string;
  let tenantId: string;

  beforeAll(async () => {
    kw = await startKeyward({ env: { LOG_LEVEL: 'warn' } });
    admin = await kw.login();
    tenantId = (await kw.sql<{ id: string }>("select id from tenant where slug = 'default'"))[0].id;
  });
  afterAll(async () => {
    await kw?.destroy();
  });

  it('a signing-key rotation leaves known clients cached: the next token request reads nothing from the database', async () => {
    const client = await kw.clientWithSecret(admin);
    // The first request loads the client: the observation below does see a database read when there is one.
    const first = await statementsDuring(kw, async () => expect(await tokenStatus(kw.baseUrl, client)).toBe(200));
    expect(first.filter(readsClients).length).toBeGreaterThan(0);

    const { kid } = await kw.keyward.services.signingKeys.rotate(tenantId, { now: true });
    // On a server the rotation also arrives through LISTEN (where an earlier version emptied the client cache).
    if (onServer) await heardEverythingSoFar(kw);

    let accessToken = '';
    const next = await statementsDuring(kw, async () => {
      const response = await requestToken(kw.baseUrl, client.clientId, client.secret);
      expect(response.status).toBe(200);
      accessToken = ((await response.json()) as { access_token: string }).access_token;
    });
    expect(next.filter(readsClients)).toEqual([]);
    expect(kw.keyward.services.clientCache.peek(client.clientId)?.clientId).toBe(client.clientId);
    // The rotation itself took effect: the token is signed with the new key.
    expect(JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString()).kid).toBe(kid);
  });

  it('delivers a change to this process once its transaction commits, and nothing when it rolls back', async () => {
    const feed = kw.keyward.services.changeFeed;
    const heard: (string | null)[] = [];
    feed.subscribe('test-local', (key) => heard.push(key));
    const orm = kw.keyward.database.orm;
    await orm.em.fork().transactional(async (em) => {
      await feed.publish(em, 'test-local', 'committed');
      // Not before the commit: a cache dropping its copy now could reload the old row and keep it.
      expect(heard).toEqual([]);
    });
    // Here by the time the transaction returns (on a server it also comes back through LISTEN, later).
    expect(heard).toContain('committed');
    await expect(
      orm.em.fork().transactional(async (em) => {
        await feed.publish(em, 'test-local', 'rolled-back');
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    if (onServer) await heardEverythingSoFar(kw);
    expect(new Set(heard)).toEqual(new Set(['committed']));
    await expect(feed.publish(orm.em.fork(), 'test-local', 'outside')).rejects.toThrow(/inside a transaction/);
  });

  it('refuses a client write that names no changed client (it would leave stale copies elsewhere)', async () => {
    const transaction = clientTransactions(kw.keyward.database.orm, kw.keyward.services.changeFeed);
    await expect(transaction(async () => 'forgot')).rejects.toThrow(/must name the clients it changed/);
  });

  it.runIf(onServer)('hears the NOTIFY payloads earlier versions send (client:<id>, signing-keys), for a rolling upgrade', async () => {
    const client = await kw.clientWithSecret(admin);
    expect(await tokenStatus(kw.baseUrl, client)).toBe(200);
    const cache = kw.keyward.services.clientCache;
    expect(cache.peek(client.clientId)).toBeDefined();
    const reload = vi.spyOn(kw.keyward.services.signingKeys, 'reload');
    try {
      await kw.sql('select pg_notify(?, ?)', [CHANNEL, `client:${client.clientId}`]);
      await kw.sql('select pg_notify(?, ?)', [CHANNEL, 'signing-keys']);
      await vi.waitFor(() => expect(cache.peek(client.clientId)).toBeUndefined(), poll);
      await vi.waitFor(() => expect(reload).toHaveBeenCalled(), poll);
    } finally {
      reload.mockRestore();
    }
  });

  it.runIf(onServer)('fails closed when its LISTEN connection drops: the cache is emptied, and again once it hears', async () => {
    const client = await kw.clientWithSecret(admin);
    expect(await tokenStatus(kw.baseUrl, client)).toBe(200);
    const cache = kw.keyward.services.clientCache;
    expect(cache.peek(client.clientId)).toBeDefined();
    const feed = kw.keyward.services.changeFeed;
    const transitions: boolean[] = [];
    feed.onHearingChange((hearing) => transitions.push(hearing));
    // This test's database has one listener: this instance's change feed.
    const terminated = await kw.sql<{ done: boolean }>(
      `select pg_terminate_backend(pid) as done from pg_stat_activity
       where datname = current_database() and query = 'listen ${CHANNEL}' and pid <> pg_backend_pid()`,
    );
    expect(terminated).toEqual([{ done: true }]);
    await vi.waitFor(() => expect(transitions).toEqual([false, true]), poll);
    expect(feed.hearing).toBe(true);
    expect(cache.peek(client.clientId)).toBeUndefined();
    // Hearing again, it serves and keeps clients as before.
    expect(await tokenStatus(kw.baseUrl, client)).toBe(200);
    expect(cache.peek(client.clientId)).toBeDefined();
  });
});

describe.skipIf(!onServer)('two Keyward processes on one PostgreSQL, through the change feed', () => {
  let a: TestKeyward;
  let b: ChildProcess;
  let bUrl: string;
  let admin: string;

  beforeAll(async () => {
    a = await startKeyward({ env: { LOG_LEVEL: 'warn' } });
    admin = await a.login();
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    b = spawnKeyward(a, port, { LOG_LEVEL: 'warn' });
    await waitReady(bUrl, 60_000, b);
  });
  afterAll(async () => {
    if (b && b.exitCode === null && b.signalCode === null) {
      const exited = new Promise((resolve) => b.once('exit', resolve));
      b.kill('SIGTERM');
      await exited;
    }
    await a?.destroy();
  });

  const newClient = () => a.clientWithSecret(admin, { client: { name: 'Shared' }, expiresAt: new Date(Date.now() + DAY_MS) });

  it('a secret deleted through process A is refused by process B', async () => {
    const client = await newClient();
    // Twice: B has the client in its cache now.
    expect(await tokenStatus(bUrl, client)).toBe(200);
    expect(await tokenStatus(bUrl, client)).toBe(200);
    const deleted = await a.gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id: client.secretId }, admin);
    expect(deleted.errors).toBeUndefined();
    await expect.poll(() => tokenStatus(bUrl, client), poll).toBe(401);
  });

  it("a client disabled through process B reaches A's change feed, and A refuses it", async () => {
    const client = await newClient();
    expect(await tokenStatus(a.baseUrl, client)).toBe(200);
    expect(a.keyward.services.clientCache.peek(client.clientId)).toBeDefined();
    const heard: (string | null)[] = [];
    a.keyward.services.changeFeed.subscribe('client', (key) => heard.push(key));
    const login = await fetch(`${bUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('kw_session=')) ?? '').split(';')[0];
    const disabled = await fetch(`${bUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        query: 'mutation($id: ID!) { updateApiClient(id: $id, input: { enabled: false }) { enabled } }',
        variables: { id: client.id },
      }),
    }).then((response) => response.json());
    expect(disabled).toEqual({ data: { updateApiClient: { enabled: false } } });
    await expect.poll(() => heard, poll).toContain(client.clientId);
    expect(await tokenStatus(a.baseUrl, client)).toBe(401);
  });

  it("a signing-key rotation in process A is published in process B's JWKS", async () => {
    const tenantId = (await a.sql<{ id: string }>("select id from tenant where slug = 'default'"))[0].id;
    const { kid } = await a.keyward.services.signingKeys.rotate(tenantId);
    const published = () =>
      fetch(`${bUrl}/oauth2/jwks`)
        .then((response) => response.json() as Promise<{ keys: { kid: string }[] }>)
        .then((jwks) => jwks.keys.map((key) => key.kid));
    await expect.poll(published, poll).toContain(kid);
  });
});
