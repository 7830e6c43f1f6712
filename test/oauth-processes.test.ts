import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { spawnKeyward, waitReady, whileRunning } from './support/processes.js';

// Cross-process invalidation is PostgreSQL LISTEN/NOTIFY: it needs a PostgreSQL server (CI sets DATABASE_URL).
// The embedded database serves a single process, so there is nothing to invalidate across.

describe.skipIf(!process.env.DATABASE_URL)('two Keyward processes on one PostgreSQL', () => {
  let a: TestKeyward;
  let b: ChildProcess;
  let bUrl: string;
  let admin: string;

  beforeAll(async () => {
    a = await startKeyward();
    admin = await a.login();
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    b = spawnKeyward(a, port, { LOG_LEVEL: 'warn' });
    await waitReady(bUrl, 60_000, b);
  });
  afterAll(async () => {
    b?.kill('SIGTERM');
    await a?.destroy();
  });

  const newSecretClient = () => a.clientWithSecret(admin, { client: { name: 'Shared' }, expiresAt: new Date(Date.now() + DAY_MS) });

  const tokenFromB = (clientId: string, secret: string) =>
    fetch(`${bUrl}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    }).then((r) => r.status);

  /** Resolves once `check` answers 401 (polled every 20 ms for up to 5 s), with the milliseconds that took. */
  async function refusedAfter(check: () => Promise<number>): Promise<number> {
    const start = performance.now();
    await expect.poll(check, { message: 'process B refusing the token request', timeout: 5000, interval: 20 }).toBe(401);
    return performance.now() - start;
  }

  // How soon (within 1 s at every process) is asserted in the reliability suite: test/reliability/scale-out.test.ts.
  it('a secret deleted through process A is refused by process B', async () => {
    const client = await newSecretClient();
    // B has the client in its cache now.
    expect(await tokenFromB(client.clientId, client.secret)).toBe(200);
    expect(await tokenFromB(client.clientId, client.secret)).toBe(200);
    await a.gql('mutation($id: ID!) { deleteCredential(id: $id) }', { id: client.secretId }, admin);
    const elapsed = await refusedAfter(() => tokenFromB(client.clientId, client.secret));
    console.info(`process B refused the deleted secret ${elapsed.toFixed(0)} ms after the delete returned`);
  });

  it('a client disabled through process A is refused by process B', async () => {
    const client = await newSecretClient();
    expect(await tokenFromB(client.clientId, client.secret)).toBe(200);
    await a.gql('mutation($id: ID!) { updateApiClient(id: $id, input: { enabled: false }) { id } }', { id: client.id }, admin);
    await refusedAfter(() => tokenFromB(client.clientId, client.secret));
  });

  it('KEYWARD_WORKERS=2 runs two worker processes on one port that both issue tokens, and stops cleanly', async () => {
    const client = await newSecretClient();
    const port = await freePort();
    const workers = spawnKeyward(a, port, { KEYWARD_WORKERS: '2', LOG_LEVEL: 'info' }, ['ignore', 'pipe', 'pipe']);
    let output = '';
    workers.stdout?.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => workers.on('exit', (code) => resolve(code)));
    try {
      // Both workers report ready (their log lines); the start banner for the person at the terminal comes once.
      const ready = () => (output.match(/"msg":"Keyward is ready"/g) ?? []).length;
      await whileRunning(
        workers,
        'both workers were ready',
        () => expect(ready(), 'workers logging "Keyward is ready"').toBe(2),
        {
          timeout: 30_000,
        },
        () => output.slice(-3000),
      );
      await expect
        .poll(() => output.match(/Keyward is ready: open/g), { message: 'the start banner', timeout: 5000, interval: 100 })
        .toHaveLength(1);
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`http://127.0.0.1:${port}/oauth2/token`, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString('base64')}`,
            },
            body: 'grant_type=client_credentials',
          }).then((r) => r.status),
        ),
      );
      expect(statuses).toEqual(Array(20).fill(200));
    } finally {
      workers.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('shutdown complete: all workers stopped');
  });
});
