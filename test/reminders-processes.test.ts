import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/clock.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { spawnKeyward, waitReady } from './support/processes.js';
import { startSmtp } from './support/smtp.js';

const HOUR_MS = 60 * 60 * 1000;
/** KEYWARD_REMINDER_SEND_CONCURRENCY's default: the most messages one process has in flight. */
const IN_FLIGHT = 2;

// Several processes on one database need a PostgreSQL server (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)('reminders with several Keyward processes on one PostgreSQL', () => {
  let base: TestKeyward;
  let admin: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    base = await startKeyward();
    admin = await base.login();
  });
  /** Each test stops its processes, so none goes on claiming the next test's reminders. */
  const stopAll = () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  };
  afterEach(stopAll);
  afterAll(async () => {
    stopAll();
    await base?.destroy();
  });

  /** `count` secrets of one new client, all due for their 5-day reminder now (real time: the processes use the system clock). */
  async function dueSecrets(name: string, count: number): Promise<string> {
    const client = await base.clientWithSecret(admin, {
      client: { name, contactEmails: ['ops@example.com'] },
      expiresAt: new Date(Date.now() + 60 * DAY_MS),
    });
    // More than the 5-credential limit: written straight into the table, as a fixture.
    await base.sql(
      `insert into credential (id, tenant_id, api_client_id, type, description, created_at, created_by_type, created_by_name, expires_at)
       select gen_random_uuid(), c.tenant_id, c.id, 'CLIENT_SECRET', 'fixture ' || n, now(), 'SYSTEM', 'test', ?
       from api_client c, generate_series(1, ?) n where c.id = ?`,
      [new Date(Date.now() + 5 * DAY_MS - HOUR_MS), count, client.id],
    );
    return client.id;
  }

  const start = async (smtpPort: number, env: Record<string, string> = {}) => {
    const port = await freePort();
    const child = spawnKeyward(base, port, {
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      KEYWARD_REMINDER_SCHEDULER: 'on',
      KEYWARD_REMINDER_SCAN_SECONDS: '1',
      ...env,
    });
    children.push(child);
    // Generous: CI starts these while other test files keep both cores busy.
    await waitReady(`http://127.0.0.1:${port}`, 90_000, child);
    return child;
  };

  async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  it('two processes scanning and sending at the same time send no message twice', async () => {
    const smtpPort = await freePort();
    const smtp = await startSmtp(smtpPort);
    try {
      const clientId = await dueSecrets('Two workers', 300);
      const ids = (await base.sql<{ id: string }>('select id from credential where api_client_id = ?', [clientId])).map((r) => r.id);
      const ours = () => smtp.received.map((mail) => mail.reminder).filter((reminder) => ids.includes(reminder.split('/')[0]));
      const [one, two] = await Promise.all([start(smtpPort), start(smtpPort)]);
      await until(() => new Set(ours()).size >= 300, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 3000)); // time for a duplicate to show up, if any
      one.kill('SIGTERM');
      two.kill('SIGTERM');
      expect(new Set(ours()).size).toBe(300);
      expect(ours()).toHaveLength(300);
      const sent = await base.sql<{ count: string }>(
        `select count(*) from reminder_delivery d join credential c on c.id = d.credential_id where c.api_client_id = ? and d.status = 'SENT'`,
        [clientId],
      );
      expect(Number(sent[0].count)).toBe(300);
    } finally {
      await smtp.close();
    }
  }, 240_000);

  it('a process killed with SIGKILL while sending 1,000 reminders: after a restart all are delivered, none more than the in-flight ones twice', async () => {
    const smtpPort = await freePort();
    const smtp = await startSmtp(smtpPort, { delayMs: 5 });
    try {
      const clientId = await dueSecrets('Killed mid-send', 1000);
      const ids = new Set(
        (await base.sql<{ id: string }>('select id from credential where api_client_id = ?', [clientId])).map((r) => r.id),
      );
      const ours = () => smtp.received.map((mail) => mail.reminder).filter((reminder) => ids.has(reminder.split('/')[0]));
      const first = await start(smtpPort, { KEYWARD_REMINDER_LEASE_SECONDS: '3' });
      await until(() => ours().length >= 300, 60_000);
      first.kill('SIGKILL');
      const atKill = ours().length;
      expect(atKill).toBeGreaterThanOrEqual(300);
      expect(atKill).toBeLessThan(1000);
      await start(smtpPort, { KEYWARD_REMINDER_LEASE_SECONDS: '3' });
      await until(() => new Set(ours()).size >= 1000, 90_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const duplicates = ours().length - new Set(ours()).size;
      console.info(
        `SIGKILL after ${atKill} of 1000 reminders: ${new Set(ours()).size} delivered after restart, ${duplicates} duplicate(s)`,
      );
      expect(new Set(ours()).size).toBe(1000);
      // A process has at most KEYWARD_REMINDER_SEND_CONCURRENCY (default 2) messages in flight; only those can repeat.
      expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT);
    } finally {
      await smtp.close();
    }
  }, 300_000);
});
