import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditQueryService } from '../../server/audit/audit.query.js';
import { DAY_MS } from '../../server/kernel/clock.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, type GraphQLResult, startKeyward, type TestKeyward } from '../support/keyward.js';
import { basicAuth } from '../support/oauth.js';
import { spawnKeyward, waitReady } from '../support/processes.js';
import { remindersSettled } from '../support/reminder-jobs.js';
import { type RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// Issue #8 "Scale-out": three Keyward processes on one PostgreSQL behind a round-robin proxy. Limits hold under
// concurrent creates spread over the processes, reminders are sent once, and a revocation, deleted secret or
// disabled client made through one process is honoured by every process within 1 s. Several processes on one
// database need a PostgreSQL server (CI sets DATABASE_URL).

const HOUR_MS = 60 * 60 * 1000;
/** Far from every reminder stage (the largest is 30 days), in whole seconds as certificates need. */
const notDueExpiry = () => new Date(Math.floor((Date.now() + 90 * DAY_MS) / 1000) * 1000).toISOString();
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }';
const CREATE_SECRET =
  'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret credential { id } } }';
const CREATE_CERTIFICATE =
  'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { password credential { id } } }';

describe.skipIf(!process.env.DATABASE_URL)('three Keyward processes on one PostgreSQL behind a round-robin proxy', () => {
  let proxy: RoundRobinProxy;
  let smtp: TestSmtp;
  /** The first process (in this test process); it also owns the database the others share. */
  let first: TestKeyward;
  const children: ChildProcess[] = [];
  /** Each process's own address, for asking every one of them directly. */
  let backends: string[];
  let admin: string;

  beforeAll(async () => {
    proxy = await startRoundRobinProxy();
    const smtpPort = await freePort();
    smtp = await startSmtp(smtpPort);
    // One public URL for all: the issuer of every token, and the origin of the session cookie.
    const env = {
      KEYWARD_PUBLIC_URL: proxy.url,
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      KEYWARD_REMINDER_SCHEDULER: 'on',
      KEYWARD_REMINDER_SCAN_SECONDS: '1',
    };
    first = await startKeyward({ env });
    const ports = [await freePort(), await freePort()];
    children.push(...ports.map((port) => spawnKeyward(first, port, env)));
    await Promise.all(ports.map((port, i) => waitReady(`http://127.0.0.1:${port}`, 60_000, children[i])));
    backends = [first.baseUrl, ...ports.map((port) => `http://127.0.0.1:${port}`)];
    proxy.setBackends(backends);
    admin = await login(ADMIN_EMAIL);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode !== null || child.signalCode !== null ? null : new Promise((resolve) => child.once('exit', resolve)),
      ),
    );
    await proxy?.close();
    await smtp?.close();
    await first?.destroy();
  });

  /** Signs in through the proxy; the session works on every process. */
  async function login(email: string): Promise<string> {
    const response = await fetch(`${proxy.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return (response.headers.getSetCookie().find((c) => c.startsWith('kw_session=')) ?? '').split(';')[0];
  }

  /** GraphQL through the proxy (or at `url`), as a signed-in user (cookie) or with a Bearer token. */
  async function gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    auth: { cookie: string } | { bearer: string },
    url = proxy.url,
  ): Promise<GraphQLResult<T>> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...('cookie' in auth ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.bearer}` }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  }

  /** What `work` sent to each process through the proxy. */
  async function perBackend<T>(work: () => Promise<T>): Promise<{ result: T; requests: number[] }> {
    const before = [...proxy.counts];
    const result = await work();
    return { result, requests: proxy.counts.map((count, i) => count - before[i]) };
  }

  /** Each process got its fair share of the requests: the load really was spread. */
  function expectSpread(requests: number[]): void {
    for (const count of requests) expect(count).toBeGreaterThanOrEqual(Math.floor(sum(requests) / requests.length));
  }

  async function newClient(cookie: string, input: Record<string, unknown>): Promise<{ id: string; clientId: string }> {
    const created = await gql(CREATE_CLIENT, { input: { contactEmails: ['ops@example.com'], ...input } }, { cookie });
    expect(created.errors).toBeUndefined();
    return created.data?.createApiClient;
  }

  async function newSecret(cookie: string, id: string, expiresAt = notDueExpiry()): Promise<{ secret: string; id: string }> {
    const created = await gql(CREATE_SECRET, { id, e: expiresAt }, { cookie });
    expect(created.errors).toBeUndefined();
    return { secret: created.data?.createClientSecret.secret, id: created.data?.createClientSecret.credential.id };
  }

  const tokenRequest = (url: string, clientId: string, secret: string) =>
    fetch(`${url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(clientId, secret) },
      body: 'grant_type=client_credentials',
    });

  /** Milliseconds from `start` until `refused()` first holds, polling every 20 ms; Infinity if it does not within 5 s. */
  async function refusedAfter(start: number, refused: () => Promise<boolean>): Promise<number> {
    let failed: { error: unknown } | undefined;
    const check = async () => {
      const now = await refused().catch((error: unknown) => {
        failed = { error };
        return true; // a failing request, not a "not yet": ends the wait, and the test below
      });
      expect(now).toBe(true);
    };
    const timeout = Math.max(0, start + 5000 - performance.now());
    const elapsed = await vi.waitFor(check, { timeout, interval: 20 }).then(
      () => performance.now() - start,
      () => Number.POSITIVE_INFINITY,
    );
    if (failed) throw failed.error;
    return elapsed;
  }

  const ms = (times: number[]) => times.map((t) => `${t.toFixed(0)} ms`).join(', ');

  it('3N concurrent createApiClient spread over the processes: exactly N (the tenant limit) succeed, each audited once', async () => {
    const limit = 10;
    for (let round = 1; round <= 3; round++) {
      // A tenant of its own per round (made as the CLI does), administered through the proxy.
      const { adminEmail } = await first.createTenant(`scale-${round}`);
      const cookie = await login(adminEmail);
      const settings = await gql(
        'mutation($n: Int!) { updateTenantSettings(input: { maxClients: $n }) { maxClients } }',
        { n: limit },
        { cookie },
      );
      expect(settings.data?.updateTenantSettings.maxClients).toBe(limit);

      const attempted = 3 * limit;
      const { result, requests } = await perBackend(() =>
        Promise.all(
          Array.from({ length: attempted }, (_, i) =>
            gql(CREATE_CLIENT, { input: { name: `Concurrent ${round}-${i}`, contactEmails: ['ops@example.com'] } }, { cookie }),
          ),
        ),
      );
      expectSpread(requests);
      const created: string[] = result.flatMap((r) => (r.data?.createApiClient ? [r.data.createApiClient.id] : []));
      const refused = result.filter((r) => !r.data?.createApiClient);
      expect(created).toHaveLength(limit);
      for (const r of refused) {
        expect(r.errors).toEqual([
          expect.objectContaining({
            message: `This tenant already has ${limit} API clients, the maximum allowed. Delete an API client you no longer need before adding a new one.`,
            extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit }),
          }),
        ]);
      }

      const [tenant] = await first.sql<{ id: string }>('select id from tenant where slug = ?', [`scale-${round}`]);
      const stored = (await first.sql<{ id: string }>('select id from api_client where tenant_id = ?', [tenant.id])).map((r) => r.id);
      const audited = (
        await first.sql<{ target_id: string }>(`select target_id from audit_event where tenant_id = ? and action = 'client.created'`, [
          tenant.id,
        ])
      ).map((r) => r.target_id);
      expect(stored.sort()).toEqual([...created].sort());
      expect(audited.sort()).toEqual([...created].sort());
      // The tenant's audit hash chain stayed one unbroken line while three processes appended to it at once.
      expect(await new AuditQueryService(first.keyward.database.orm).verify(tenant.id)).toEqual([
        { chainKey: tenant.id, events: expect.any(Number), brokenAt: null },
      ]);
      const listed = await gql('{ apiClients(first: 1) { totalCount } }', {}, { cookie });
      expect(listed.data?.apiClients.totalCount).toBe(limit);
      console.info(
        `scale-out clients, round ${round}: ${attempted} attempted, ${created.length} succeeded, ${refused.length} refused (LIMIT_EXCEEDED), ` +
          `${stored.length} in the database, ${audited.length} client.created events; requests per process ${requests.join('/')}`,
      );
    }
  });

  it('3× the credential limit of concurrent secret and certificate creates for one client: exactly up to the limit succeed', async () => {
    const limit = 5; // maxCredentialsPerClient's default (docs/limits.md#tenant-limits)
    for (let round = 1; round <= 3; round++) {
      const client = await newClient(admin, { name: `Credential race ${round}` });
      // Certificates the client already holds (none, one, two) count against the same limit as secrets.
      const held = round - 1;
      for (let i = 0; i < held; i++) {
        expect((await gql(CREATE_CERTIFICATE, { id: client.id, e: notDueExpiry() }, { cookie: admin })).errors).toBeUndefined();
      }
      const attempted = 3 * limit;
      // Every fifth create is a certificate.
      const { result, requests } = await perBackend(() =>
        Promise.all(
          Array.from({ length: attempted }, (_, i) =>
            gql(i % 5 === 4 ? CREATE_CERTIFICATE : CREATE_SECRET, { id: client.id, e: notDueExpiry() }, { cookie: admin }),
          ),
        ),
      );
      expectSpread(requests);
      const created: string[] = result.flatMap((r) => {
        const payload = r.data?.createClientSecret ?? r.data?.createCertificate;
        return payload ? [payload.credential.id] : [];
      });
      const refused = result.filter((r) => !r.data);
      expect(created).toHaveLength(limit - held);
      expect(refused).toHaveLength(attempted - (limit - held));
      for (const r of refused) {
        expect(r.errors).toEqual([
          expect.objectContaining({
            message: `This API client already has ${limit} secrets/certificates, the maximum allowed. Delete one before adding a new one.`,
            extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit }),
          }),
        ]);
      }

      const stored = (await first.sql<{ id: string }>('select id from credential where api_client_id = ?', [client.id])).map((r) => r.id);
      const audited = (
        await first.sql<{ target_id: string }>(
          `select target_id from audit_event where api_client_id = ? and action = 'credential.created'`,
          [client.id],
        )
      ).map((r) => r.target_id);
      expect(stored).toHaveLength(limit);
      expect(stored.filter((id) => created.includes(id))).toHaveLength(created.length);
      expect(audited.sort()).toEqual([...stored].sort());
      const certificates = result.filter((r) => r.data?.createCertificate).length;
      console.info(
        `scale-out credentials, round ${round}: ${held} held, ${attempted} attempted (${attempted / 5} certificates), ` +
          `${created.length} succeeded (${certificates} certificates), ${refused.length} refused (LIMIT_EXCEEDED), ` +
          `${stored.length} in the database, ${audited.length} credential.created events; requests per process ${requests.join('/')}`,
      );
    }
  });

  it('reminders for 50 due credentials, with all three processes scanning every second, reach each contact exactly once', async () => {
    const clients = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        newClient(admin, { name: `Due ${i}`, contactEmails: [`owner-${i}@example.com`, `oncall-${i}@example.com`] }),
      ),
    );
    // Due for the 5-day stage now (the processes use the real clock): 10 clients × the 5-credential limit.
    const expiresAt = new Date(Date.now() + 5 * DAY_MS - HOUR_MS).toISOString();
    const { result: secrets, requests } = await perBackend(() =>
      Promise.all(clients.flatMap((client) => Array.from({ length: 5 }, () => newSecret(admin, client.id, expiresAt)))),
    );
    expectSpread(requests);
    const contactsOf = new Map(
      secrets.map((secret, n) => {
        const i = Math.floor(n / 5);
        return [secret.id, [`oncall-${i}@example.com`, `owner-${i}@example.com`]];
      }),
    );
    const ours = () => smtp.received.filter((mail) => contactsOf.has(mail.reminder.split('/')[0]));

    // One message per contact (each with only its own address in To): two per credential.
    const expectedMessages = sum([...contactsOf.values()].map((addresses) => addresses.length));
    const sentPairs = () => new Set(ours().flatMap((mail) => mail.to.map((address) => `${mail.reminder} ${address}`))).size;
    await expect
      .poll(sentPairs, { message: '(credential, stage, address) pairs received', timeout: 30_000, interval: 100 })
      .toBeGreaterThanOrEqual(expectedMessages);
    // Rather than waiting for a duplicate to show up, if any: every delivery recorded, then a whole scan (which sends
    // what it claims) run after that on one of the processes.
    const pending = async () =>
      Number(
        (
          await first.sql<{ count: string }>(
            `select count(*) from reminder_delivery d join credential c on c.id = d.credential_id
             join api_client a on a.id = c.api_client_id where a.name like 'Due %' and d.status = 'PENDING'`,
          )
        )[0].count,
      );
    await remindersSettled(first, pending);

    const deliveries = new Map<string, number>(); // "credential/stage address" → messages
    for (const mail of ours()) {
      for (const address of mail.to)
        deliveries.set(`${mail.reminder} ${address}`, (deliveries.get(`${mail.reminder} ${address}`) ?? 0) + 1);
    }
    const expected = [...contactsOf].flatMap(([id, addresses]) => addresses.map((address) => `${id}/5 ${address}`));
    const duplicates = sum([...deliveries.values()].map((count) => count - 1));
    const allDuplicates = smtp.received.length - new Set(smtp.received.map((mail) => `${mail.reminder} ${mail.to.join(',')}`)).size;
    console.info(
      `scale-out reminders: ${contactsOf.size} credentials due, ${ours().length} messages sent to ${deliveries.size} of ` +
        `${expected.length} (credential, stage, address) pairs, ${duplicates} duplicate(s); ${allDuplicates} duplicate(s) among all ` +
        `${smtp.received.length} messages`,
    );
    expect([...deliveries.keys()].sort()).toEqual(expected.sort());
    expect(duplicates).toBe(0);
    expect(allDuplicates).toBe(0);
    expect(ours()).toHaveLength(expectedMessages);
    for (const mail of ours()) expect(mail.to).toHaveLength(1);
    const [sent] = await first.sql<{ count: string }>(
      `select count(*) from reminder_delivery d join credential c on c.id = d.credential_id
       join api_client a on a.id = c.api_client_id where a.name like 'Due %' and d.status = 'SENT' and d.stage = 5`,
    );
    expect(Number(sent.count)).toBe(expectedMessages);
  });

  describe('a change made through one process is honoured by every process within 1 second', () => {
    it('a revoked access token: introspection and GraphQL refuse it at every process', async () => {
      const gateway = await newClient(admin, { name: 'Gateway', scopes: ['keyward:tokens.introspect'] });
      const gatewaySecret = await newSecret(admin, gateway.id);
      const automation = await newClient(admin, { name: 'Automation', scopes: ['keyward:clients.read'] });
      const automationSecret = await newSecret(admin, automation.id);
      const issued = await tokenRequest(proxy.url, automation.clientId, automationSecret.secret);
      expect(issued.status).toBe(200);
      const { access_token: token } = (await issued.json()) as { access_token: string };

      const introspect = async (url: string) => {
        const response = await fetch(`${url}/oauth2/introspect`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: basicAuth(gateway.clientId, gatewaySecret.secret),
          },
          body: new URLSearchParams({ token }),
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { active: boolean }).active;
      };
      const viewer = (url: string) => gql('{ viewer { permissions } }', {}, { bearer: token }, url);
      // Every process accepts the token first (and has its client cached).
      for (const url of backends) {
        expect(await introspect(url)).toBe(true);
        expect((await viewer(url)).data?.viewer.permissions).toEqual(['CLIENT_ADMINISTRATION']);
      }

      const { result: revoked, requests } = await perBackend(() =>
        fetch(`${proxy.url}/oauth2/revoke`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: basicAuth(automation.clientId, automationSecret.secret),
          },
          body: new URLSearchParams({ token }),
        }),
      );
      expect(revoked.status).toBe(200);
      const start = performance.now();
      const introspection = await Promise.all(backends.map((url) => refusedAfter(start, async () => !(await introspect(url)))));
      const graphql = await Promise.all(
        backends.map((url) => refusedAfter(start, async () => (await viewer(url)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED')),
      );
      console.info(
        `scale-out revocation (revoked at process ${requests.indexOf(1) + 1}): introspection inactive at the three processes after ` +
          `${ms(introspection)}; GraphQL refused after ${ms(graphql)}`,
      );
      for (const elapsed of [...introspection, ...graphql]) expect(elapsed).toBeLessThan(1000);
    });

    it('a client secret deleted through the proxy gets no token from any process', async () => {
      const client = await newClient(admin, { name: 'Deleted secret' });
      const { secret, id } = await newSecret(admin, client.id);
      for (const url of backends) expect((await tokenRequest(url, client.clientId, secret)).status).toBe(200);

      const deleted = await gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id }, { cookie: admin });
      expect(deleted.data?.deleteCredential).toBe(id);
      const start = performance.now();
      const times = await Promise.all(
        backends.map((url) => refusedAfter(start, async () => (await tokenRequest(url, client.clientId, secret)).status === 401)),
      );
      console.info(`scale-out deleted secret: refused by the three processes after ${ms(times)}`);
      for (const elapsed of times) expect(elapsed).toBeLessThan(1000);
    });

    it('a client disabled through the proxy gets no token from any process', async () => {
      const client = await newClient(admin, { name: 'Disabled client' });
      const { secret } = await newSecret(admin, client.id);
      for (const url of backends) expect((await tokenRequest(url, client.clientId, secret)).status).toBe(200);

      const disabled = await gql(
        'mutation($id: ID!) { updateApiClient(id: $id, input: { enabled: false }) { enabled } }',
        { id: client.id },
        { cookie: admin },
      );
      expect(disabled.data?.updateApiClient.enabled).toBe(false);
      const start = performance.now();
      const times = await Promise.all(
        backends.map((url) => refusedAfter(start, async () => (await tokenRequest(url, client.clientId, secret)).status === 401)),
      );
      console.info(`scale-out disabled client: refused by the three processes after ${ms(times)}`);
      for (const elapsed of times) expect(elapsed).toBeLessThan(1000);
    });
  });
});
