import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, provisionDatabase } from './support/keyward.js';
import { spawnKeyward, waitReady } from './support/processes.js';

// Several processes on one database need a PostgreSQL server (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)('processes started at the same moment on an empty PostgreSQL database', () => {
  const children: ChildProcess[] = [];
  let drop = async () => {};
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await drop();
  });

  it('all become ready and share one set of migrations, tenant, CA, signing key and master key', async () => {
    const database = await provisionDatabase();
    drop = database.drop;
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      KEYWARD_ADMIN_EMAIL: ADMIN_EMAIL,
      KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KEYWARD_REMINDER_SCHEDULER: 'on',
      ...database.env,
    };
    // One data directory too, as replicas sharing a volume would: the development master key is created once.
    const spawned = ports.map((port) => spawnKeyward({ cliEnv: env, baseUrl: urls[0] }, port, {}));
    children.push(...spawned);
    await Promise.all(urls.map((url, i) => waitReady(url, 90_000, spawned[i])));

    const db = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();
    const { rows: counts } = await db.query<{ name: string; count: number }>(
      `select 'tenant' as name, count(*)::int as count from tenant
       union all select 'app_user', count(*)::int from app_user
       union all select 'certificate_authority', count(*)::int from certificate_authority
       union all select 'signing_key', count(*)::int from signing_key
       union all select 'agenda_jobs', count(*)::int from agenda_jobs`,
    );
    await db.end();
    expect(Object.fromEntries(counts.map((row) => [row.name, row.count]))).toEqual({
      tenant: 1,
      app_user: 1,
      certificate_authority: 2, // root and intermediate
      signing_key: 1,
      // The recurring reminder scan and send jobs, the housekeeping job, the vault's renewals, the unused-credential findings and
      // webhook delivery, once each.
      agenda_jobs: 6,
    });
    expect(readdirSync(database.env.KEYWARD_DATA_DIR).filter((name) => name.startsWith('master.key'))).toEqual(['master.key']);

    // A secret issued through the first process works on all three: they derived the same pepper from one key.
    const login = await fetch(`${urls[0]}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('kw_session=')) ?? '').split(';')[0];
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${urls[0]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query, variables }),
      });
      return ((await response.json()) as { data: Record<string, any> }).data;
    };
    const { createApiClient } = await gql('mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }', {
      input: { name: 'Started together', contactEmails: ['ops@example.com'] },
    });
    const { createClientSecret } = await gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret } }',
      { id: createApiClient.id, e: new Date(Date.now() + 86_400_000).toISOString() },
    );
    const basic = Buffer.from(`${createApiClient.clientId}:${createClientSecret.secret}`).toString('base64');
    const statuses = await Promise.all(
      urls.map((url) =>
        fetch(`${url}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
          body: 'grant_type=client_credentials',
        }).then((response) => response.status),
      ),
    );
    expect(statuses).toEqual([200, 200, 200]);
  }, 180_000);
});
