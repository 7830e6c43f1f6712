import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { spawnKeyward, waitReady, whileRunning } from './support/processes.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const DELIVERING = {
  KEYWARD_OUTBOUND_ALLOW_ADDRESSES: '127.0.0.1',
  KEYWARD_WEBHOOK_RETRY_SECONDS: Array.from({ length: 20 }, () => '1').join(','),
  KEYWARD_WEBHOOK_TIMEOUT_SECONDS: '2',
  // The test server's environment (cliEnv) turns delivery off for itself.
  KEYWARD_WEBHOOK_DELIVERY: 'on',
  LOG_LEVEL: 'warn',
};

// Several processes on one database need a PostgreSQL server (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)('webhooks when the delivering Keyward process crashes', () => {
  let base: TestKeyward;
  let admin: string;
  let receiver: WebhookReceiver;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The test's own server only writes the outbox: the child processes deliver it.
    base = await startKeyward({ env: { KEYWARD_OUTBOUND_ALLOW_ADDRESSES: '127.0.0.1', KEYWARD_WEBHOOK_DELIVERY: 'off' } });
    admin = await base.login();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await base?.destroy();
    await receiver?.close();
  });

  const start = async () => {
    const port = await freePort();
    const child = spawnKeyward(base, port, DELIVERING);
    children.push(child);
    await waitReady(`http://127.0.0.1:${port}`, 90_000, child);
    return child;
  };

  it('loses nothing committed before a kill -9: the next process delivers every event, in order', async () => {
    const created = await base.gql(
      'mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { signingSecret endpoint { id } } }',
      { input: { url: receiver.url, eventTypes: ['audit.event'] } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    receiver.secret = created.data!.createWebhookEndpoint.signingSecret;
    const [{ id: tenantId }] = await base.sql<{ id: string }>(`select id from tenant where slug = 'default'`);
    const [{ seq: from }] = await base.sql<{ seq: string }>('select max(seq)::text as seq from audit_event where tenant_id = ?', [
      tenantId,
    ]);

    receiver.failWith = 503;
    const first = await start();
    const client = await base.apiClient(admin, { name: 'Survives a crash' });
    for (let i = 1; i <= 3; i++)
      await base.gql(
        'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id } }',
        {
          id: client.id,
          input: { description: `before the crash ${i}` },
        },
        admin,
      );
    // The first process heard the commits and is retrying the head.
    await whileRunning(first, 'the first process trying the head twice', () => expect(receiver.requests.length).toBeGreaterThanOrEqual(2), {
      timeout: 30_000,
    });
    const exited = once(first, 'exit');
    first.kill('SIGKILL');
    await exited;
    // Committed while no process delivers.
    await base.gql(
      'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id } }',
      {
        id: client.id,
        input: { description: 'while nobody delivers' },
      },
      admin,
    );
    const expected = (
      await base.sql<{ seq: string }>('select seq::text as seq from audit_event where tenant_id = ? and seq > ? order by audit_event.seq', [
        tenantId,
        from,
      ])
    ).map((row) => Number(row.seq));
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(receiver.acceptedIds()).toEqual([]);

    receiver.failWith = null;
    const second = await start();
    // An endpoint the killed process held (it may have been mid-attempt) is taken over once its lease runs out: 2 × 2 s + 5 s.
    await whileRunning(second, 'every event delivered', () => expect(receiver.acceptedIds().length).toBe(expected.length), {
      timeout: 60_000,
      interval: 200,
    });
    const firstOfEach = receiver.acceptedIds().map((id) => receiver.accepted().find((request) => request.id === id)!);
    expect(firstOfEach.map((request) => request.payload.data.seq)).toEqual(expected);
    expect(receiver.requests.every((request) => request.verified)).toBe(true);
  }, 180_000);
});
