import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/auth/permissions.js';
import { DAY_MS, ManualClock } from '../server/clock.js';
import { REMINDER_STAGES } from '../server/reminders/cadence.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

const HOUR_MS = 60 * 60 * 1000;

/** The test server refuses these recipients for good (550), as a mail server refuses an unknown mailbox. */
const REFUSING = { refuses: (address: string) => address.endsWith('@refused.example') };

const clock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
let kw: TestKeyward;
let admin: string;
let smtpPort: number;
let smtp: TestSmtp;
const CONTACTS = ['ops@example.com', 'oncall@example.com'];

const CREATE_CERTIFICATE = `mutation($clientId: ID!, $input: CreateCertificateInput!) {
  createCertificate(clientId: $clientId, input: $input) { credential { id } }
}`;
const ROTATE = 'mutation($id: ID!, $input: RotateClientSecretInput!) { rotateClientSecret(id: $id, input: $input) { credential { id } } }';
const DELETE = 'mutation($id: ID!) { deleteCredential(id: $id) }';

beforeAll(async () => {
  smtpPort = await freePort();
  smtp = await startSmtp(smtpPort, REFUSING);
  kw = await startKeyward({ clock, env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, KEYWARD_REMINDER_RETRY_SECONDS: '60' } });
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
  await smtp?.close();
});

/** One scheduler tick: the scan claims what is due, the sender sends it. */
async function tick(): Promise<void> {
  await kw.keyward.services.reminders.scan();
  await kw.keyward.services.reminders.sendDue();
}

async function walkTo(until: Date): Promise<void> {
  while (clock.now().getTime() < until.getTime()) {
    clock.advance(HOUR_MS);
    await tick();
  }
}

const about = (credentialId: string) => smtp.received.filter((mail) => mail.reminder.startsWith(`${credentialId}/`));
const stagesOf = (credentialId: string) => about(credentialId).map((mail) => Number(mail.reminder.split('/')[1]));

describe('expiry reminders through a real SMTP server', () => {
  let secret: { id: string; clientId: string; secretId: string };
  let certificateId: string;
  let deletedId: string;
  let rotatedAwayId: string;
  let expiresAt: Date;

  it('send exactly nine messages per credential, at 30, 15, 7, 6, 5, 4, 3, 2 and 1 days left, to every contact', async () => {
    expiresAt = new Date(clock.now().getTime() + 31 * DAY_MS);
    secret = await kw.clientWithSecret(admin, {
      client: { name: 'Orders sync', contactEmails: CONTACTS, scopes: ['orders:read'] },
      expiresAt,
    });
    const certificate = await kw.gql(
      CREATE_CERTIFICATE,
      { clientId: secret.id, input: { description: 'payments gateway', keyAlgorithm: 'EC_P256', expiresAt: expiresAt.toISOString() } },
      admin,
    );
    expect(certificate.errors).toBeUndefined();
    certificateId = certificate.data?.createCertificate.credential.id;

    const doomed = await kw.clientWithSecret(admin, { client: { name: 'Doomed', contactEmails: CONTACTS }, expiresAt });
    expect((await kw.gql(DELETE, { id: doomed.secretId }, admin)).errors).toBeUndefined();
    deletedId = doomed.secretId;
    const rotating = await kw.clientWithSecret(admin, { client: { name: 'Rotating', contactEmails: CONTACTS }, expiresAt });
    const rotated = await kw.gql(
      ROTATE,
      { id: rotating.secretId, input: { expiresAt: new Date(clock.now().getTime() + 200 * DAY_MS).toISOString() } },
      admin,
    );
    expect(rotated.errors).toBeUndefined();
    rotatedAwayId = rotating.secretId;

    await walkTo(expiresAt);

    expect(stagesOf(secret.secretId)).toEqual([...REMINDER_STAGES]);
    expect(stagesOf(certificateId)).toEqual([...REMINDER_STAGES]);
    for (const mail of [...about(secret.secretId), ...about(certificateId)]) expect(mail.to.sort()).toEqual([...CONTACTS].sort());
  }, 120_000);

  it('name the client, client ID, credential, expiry (UTC) and days left in the subject and both parts', () => {
    const fiveDays = about(secret.secretId).find((mail) => mail.reminder.endsWith('/5'));
    expect(fiveDays).toBeDefined();
    const expiry = expiresAt.toISOString().slice(0, 10);
    for (const part of [fiveDays?.text, fiveDays?.html]) {
      expect(part).toContain('Orders sync');
      expect(part).toContain(secret.clientId);
      expect(part).toMatch(/client secret/i);
      expect(part).toContain(expiry);
      expect(part).toContain('UTC');
      expect(part).toMatch(/5 days/);
      expect(part).toContain(`/clients/${secret.id}`);
    }
    expect(fiveDays?.subject).toContain('Orders sync');
    expect(fiveDays?.subject).toMatch(/5 days/);

    const certificateMail = about(certificateId).find((mail) => mail.reminder.endsWith('/1'));
    expect(certificateMail?.subject).toMatch(/certificate/i);
    expect(certificateMail?.text).toContain('payments gateway');
    expect(certificateMail?.text).toMatch(/1 day\b/);
  });

  it('send nothing about a deleted credential or a secret replaced by a rotation', () => {
    expect(about(deletedId)).toEqual([]);
    expect(about(rotatedAwayId)).toEqual([]);
  });

  it('record each sent reminder (SENT, message ID) and audit it as reminder.sent by SYSTEM', async () => {
    const rows = await kw.sql<{ stage: number; status: string; message_id: string }>(
      'select stage, status, message_id from reminder_delivery where credential_id = ? order by stage desc',
      [secret.secretId],
    );
    expect(rows.map((r) => r.stage)).toEqual([...REMINDER_STAGES]);
    expect(rows.every((r) => r.status === 'SENT' && r.message_id)).toBe(true);
    const audited = await kw.sql<{ actor_type: string }>(
      `select actor_type from audit_event where action = 'reminder.sent' and target_id = ?`,
      [secret.secretId],
    );
    expect(audited).toHaveLength(9);
    expect(audited.every((event) => event.actor_type === 'SYSTEM')).toBe(true);
  });

  it('after downtime from 31 to 12 days left, send one message (stage 15), then go on from 7', async () => {
    const expires = new Date(clock.now().getTime() + 31 * DAY_MS);
    const client = await kw.clientWithSecret(admin, { client: { name: 'Downtime', contactEmails: CONTACTS }, expiresAt: expires });
    await tick();
    clock.advance(19 * DAY_MS);
    await tick();
    expect(stagesOf(client.secretId)).toEqual([15]);
    await walkTo(expires);
    expect(stagesOf(client.secretId)).toEqual([15, 7, 6, 5, 4, 3, 2, 1]);
  }, 120_000);

  it('when the mail server refuses every recipient for good, record FAILED, audit reminder.failed and count it in /metrics', async () => {
    const expires = new Date(clock.now().getTime() + 3 * DAY_MS - HOUR_MS);
    const client = await kw.clientWithSecret(admin, {
      client: { name: 'Refused', contactEmails: ['nobody@refused.example'] },
      expiresAt: expires,
    });
    await tick();
    const [row] = await kw.sql<{ status: string; last_error: string }>(
      'select status, last_error from reminder_delivery where credential_id = ?',
      [client.secretId],
    );
    expect(row.status).toBe('FAILED');
    expect(row.last_error).toMatch(/nobody@refused\.example|refused|550/i);
    const audited = await kw.sql<{ actor_type: string }>(
      `select actor_type from audit_event where action = 'reminder.failed' and target_id = ?`,
      [client.secretId],
    );
    expect(audited).toEqual([{ actor_type: 'SYSTEM' }]);
    const metrics = await (await fetch(`${kw.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^keyward_reminders_failed_total 1$/m);
    expect(Number(/^keyward_reminders_sent_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(26);
    // A second tick does not try again.
    await tick();
    expect(about(client.secretId)).toEqual([]);
  });

  it('when SMTP refuses connections, record nothing as sent; when it is back, the retry delivers each message once', async () => {
    const expires = new Date(clock.now().getTime() + 7 * DAY_MS - HOUR_MS);
    const client = await kw.clientWithSecret(admin, { client: { name: 'Outage', contactEmails: CONTACTS }, expiresAt: expires });
    await smtp.close();
    await tick();
    const pending = await kw.sql<{ status: string; attempts: number; last_error: string }>(
      'select status, attempts, last_error from reminder_delivery where credential_id = ?',
      [client.secretId],
    );
    expect(pending).toEqual([expect.objectContaining({ status: 'PENDING', attempts: 1 })]);
    expect(pending[0].last_error).toBeTruthy();
    expect(about(client.secretId)).toEqual([]);

    smtp = await startSmtp(smtpPort, REFUSING);
    clock.advance(30 * 1000);
    await tick(); // before the retry delay: nothing yet
    expect(about(client.secretId)).toEqual([]);
    clock.advance(60 * 1000);
    await tick();
    await tick();
    expect(stagesOf(client.secretId)).toEqual([7]);
    const [row] = await kw.sql<{ status: string }>('select status from reminder_delivery where credential_id = ?', [client.secretId]);
    expect(row.status).toBe('SENT');
  });

  it('back off exponentially between attempts while the mail server is down: 60 s, then 120 s', async () => {
    const expires = new Date(clock.now().getTime() + 6 * DAY_MS - HOUR_MS);
    const client = await kw.clientWithSecret(admin, { client: { name: 'Backoff', contactEmails: CONTACTS }, expiresAt: expires });
    const retryIn = async () => {
      const [row] = await kw.sql<{ attempts: number; next_attempt_at: string }>(
        'select attempts, next_attempt_at from reminder_delivery where credential_id = ?',
        [client.secretId],
      );
      return { attempts: row.attempts, seconds: Math.round((new Date(row.next_attempt_at).getTime() - clock.now().getTime()) / 1000) };
    };
    await smtp.close();
    await tick();
    expect(await retryIn()).toEqual({ attempts: 1, seconds: 60 });
    clock.advance(61 * 1000);
    await tick();
    expect(await retryIn()).toEqual({ attempts: 2, seconds: 120 });
    smtp = await startSmtp(smtpPort, REFUSING);
    clock.advance(121 * 1000);
    await tick();
    expect(stagesOf(client.secretId)).toEqual([6]);
  });

  it('still remind about a disabled client’s credentials (SUSPENDED: they work again once it is enabled)', async () => {
    const client = await kw.clientWithSecret(admin, {
      client: { name: 'Disabled', contactEmails: CONTACTS },
      expiresAt: new Date(clock.now().getTime() + 4 * DAY_MS - HOUR_MS),
    });
    const disabled = await kw.gql(
      'mutation($id: ID!) { updateApiClient(id: $id, input: { enabled: false }) { enabled } }',
      { id: client.id },
      admin,
    );
    expect(disabled.data?.updateApiClient.enabled).toBe(false);
    await tick();
    expect(stagesOf(client.secretId)).toEqual([4]);
  });
});

const EXPIRING = `query($days: Int) {
  expiringCredentials(withinDays: $days) {
    id type daysLeft expiresAt apiClient { name clientId }
    reminders { stage status sentAt recipients messageId }
  }
}`;

describe('expiringCredentials over GraphQL', () => {
  it('lists the tenant’s credentials expiring within the window, soonest first, with days left and reminder history', async () => {
    const soon = await kw.clientWithSecret(admin, {
      client: { name: 'Expiring soon', contactEmails: CONTACTS },
      expiresAt: new Date(clock.now().getTime() + 5 * DAY_MS - HOUR_MS),
    });
    const later = await kw.clientWithSecret(admin, {
      client: { name: 'Expiring later', contactEmails: CONTACTS },
      expiresAt: new Date(clock.now().getTime() + 20 * DAY_MS),
    });
    const far = await kw.clientWithSecret(admin, {
      client: { name: 'Expiring far', contactEmails: CONTACTS },
      expiresAt: new Date(clock.now().getTime() + 90 * DAY_MS),
    });
    await tick();

    const result = await kw.gql(EXPIRING, {}, admin);
    expect(result.errors).toBeUndefined();
    const listed = result.data?.expiringCredentials as {
      id: string;
      daysLeft: number;
      apiClient: { name: string };
      reminders: unknown[];
    }[];
    const ids = listed.map((credential) => credential.id);
    expect(ids).toContain(soon.secretId);
    expect(ids).toContain(later.secretId);
    expect(ids).not.toContain(far.secretId);
    expect(ids.indexOf(soon.secretId)).toBeLessThan(ids.indexOf(later.secretId));
    const expiresSoon = listed.find((credential) => credential.id === soon.secretId);
    expect(expiresSoon).toMatchObject({ daysLeft: 5, apiClient: { name: 'Expiring soon' } });
    expect(expiresSoon?.reminders).toEqual([
      expect.objectContaining({
        stage: 5,
        status: 'SENT',
        recipients: CONTACTS,
        messageId: expect.any(String),
        sentAt: expect.any(String),
      }),
    ]);
    const narrow = await kw.gql(EXPIRING, { days: 7 }, admin);
    expect(narrow.data?.expiringCredentials.map((credential: { id: string }) => credential.id)).not.toContain(later.secretId);
  });

  it('needs SECRET_ADMINISTRATION, and refuses a window outside 1–365 days naming the field', async () => {
    const clientAdmin = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    const refused = await kw.gql(EXPIRING, {}, clientAdmin);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await kw.gql(EXPIRING, { days: 0 }, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'withinDays' });
    expect(bad.errors?.[0].message).toMatch(/1 to 365/);
  });
});

describe('the reminder scheduler (Agenda)', () => {
  it('scans and sends on its own, on the embedded database and on PostgreSQL alike', async () => {
    const port = await freePort();
    const own = await startSmtp(port);
    const schedulerClock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
    const scheduled = await startKeyward({
      clock: schedulerClock,
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, KEYWARD_REMINDER_SCHEDULER: 'on', KEYWARD_REMINDER_SCAN_SECONDS: '1' },
    });
    try {
      const cookie = await scheduled.login();
      const client = await scheduled.clientWithSecret(cookie, {
        client: { name: 'Scheduled', contactEmails: CONTACTS },
        expiresAt: new Date(schedulerClock.now().getTime() + 5 * DAY_MS - HOUR_MS),
      });
      const deadline = Date.now() + 30_000;
      while (!own.received.some((mail) => mail.reminder === `${client.secretId}/5`) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(own.received.filter((mail) => mail.reminder.startsWith(`${client.secretId}/`)).map((mail) => mail.reminder)).toEqual([
        `${client.secretId}/5`,
      ]);
      const jobs = await scheduled.sql<{ name: string }>('select distinct name from agenda_jobs order by name');
      expect(jobs.map((job) => job.name)).toEqual(['reminders.scan', 'reminders.send']);
    } finally {
      await scheduled.destroy();
      await own.close();
    }
  }, 60_000);
});
