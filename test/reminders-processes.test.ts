import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { spawnKeyward, waitReady } from './support/processes.js';
import { remindersSettled } from './support/reminder-jobs.js';
import { startSmtp } from './support/smtp.js';

const HOUR_MS = 60 * 60 * 1000;
/** KEYWARD_REMINDER_SEND_CONCURRENCY's default: the most messages one process has in flight. */
const IN_FLIGHT = 8;

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

  /** How many reminders of `clientId`'s credentials are recorded SENT, and how many are still waiting (PENDING). */
  async function deliveries(clientId: string): Promise<{ sent: number; pending: number }> {
    const [row] = await base.sql<{ sent: string; pending: string }>(
      `select count(*) filter (where d.status = 'SENT') as sent, count(*) filter (where d.status = 'PENDING') as pending
       from reminder_delivery d join credential c on c.id = d.credential_id where c.api_client_id = ?`,
      [clientId],
    );
    return { sent: Number(row.sent), pending: Number(row.pending) };
  }

  /**
   * Instead of sleeping "long enough for a duplicate to show up": every reminder of `clientId` is recorded (none
   * PENDING), a scan started and finished after that (a scan sends what it claims), and the processes have exited
   * (nothing of theirs is in flight). After that no further message can arrive.
   */
  async function settled(clientId: string, processes: ChildProcess[]): Promise<void> {
    await remindersSettled(base, async () => (await deliveries(clientId)).pending);
    await Promise.all(
      processes.map((child) => {
        const exited = child.exitCode !== null || child.signalCode !== null ? null : once(child, 'exit');
        child.kill('SIGTERM');
        return exited;
      }),
    );
  }

  it('two processes scanning and sending at the same time send no message twice', async () => {
    const smtpPort = await freePort();
    const smtp = await startSmtp(smtpPort);
    try {
      const clientId = await dueSecrets('Two workers', 300);
      const ids = (await base.sql<{ id: string }>('select id from credential where api_client_id = ?', [clientId])).map((r) => r.id);
      const ours = () => smtp.received.map((mail) => mail.reminder).filter((reminder) => ids.includes(reminder.split('/')[0]));
      const [one, two] = await Promise.all([start(smtpPort), start(smtpPort)]);
      await expect
        .poll(() => new Set(ours()).size, { message: 'distinct reminders received', timeout: 60_000, interval: 100 })
        .toBeGreaterThanOrEqual(300);
      await settled(clientId, [one, two]);
      expect(new Set(ours()).size).toBe(300);
      expect(ours()).toHaveLength(300);
      expect((await deliveries(clientId)).sent).toBe(300);
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
      await expect.poll(() => ours().length, { message: 'reminders received', timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(300);
      first.kill('SIGKILL');
      const atKill = ours().length;
      expect(atKill).toBeGreaterThanOrEqual(300);
      expect(atKill).toBeLessThan(1000);
      const second = await start(smtpPort, { KEYWARD_REMINDER_LEASE_SECONDS: '3' });
      await expect
        .poll(() => new Set(ours()).size, { message: 'distinct reminders received after the restart', timeout: 90_000, interval: 100 })
        .toBeGreaterThanOrEqual(1000);
      await settled(clientId, [second]);
      const duplicates = ours().length - new Set(ours()).size;
      console.info(
        `SIGKILL after ${atKill} of 1000 reminders: ${new Set(ours()).size} delivered after restart, ${duplicates} duplicate(s)`,
      );
      expect(new Set(ours()).size).toBe(1000);
      // A process has at most KEYWARD_REMINDER_SEND_CONCURRENCY (default 8) messages in flight; only those can repeat.
      expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT);
    } finally {
      await smtp.close();
    }
  }, 300_000);
});
