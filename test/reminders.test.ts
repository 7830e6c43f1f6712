import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { humanDate } from '../server/kernel/human-date.js';
import { Permission } from '../server/kernel/permissions.js';
import { REMINDER_STAGES } from '../server/reminders/cadence.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { type ReceivedMail, startSmtp, type TestSmtp } from './support/smtp.js';

const HOUR_MS = 60 * 60 * 1000;

/** Addresses the test server turns away for now (450, mailbox busy), until a test lets them through. */
const busy = new Set<string>();
/**
 * The test server refuses these recipients for good (550), as a mail server refuses an unknown mailbox, and
 * the busy ones for now.
 */
const REFUSING = { refuses: (address: string) => address.endsWith('@refused.example'), defers: (address: string) => busy.has(address) };

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
});
// Sessions follow the clock too, and these tests walk it forward by weeks: each signs in afresh.
beforeEach(async () => {
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
const stageOf = (mail: ReceivedMail) => Number(mail.reminder.split('/')[1]);
/** The stages each contact received about a credential, in order, by address (every message has one address). */
const stagesOf = (credentialId: string) => {
  const byContact: Record<string, number[]> = {};
  for (const mail of about(credentialId)) {
    expect(mail.to).toHaveLength(1);
    byContact[mail.to[0]] = [...(byContact[mail.to[0]] ?? []), stageOf(mail)];
  }
  return byContact;
};
/** The same stages for each of `contacts`. */
const toEach = (stages: number[], contacts = CONTACTS) => Object.fromEntries(contacts.map((contact) => [contact, stages]));

describe('expiry reminders through a real SMTP server', () => {
  let secret: { id: string; clientId: string; secretId: string };
  let certificateId: string;
  let deletedId: string;
  let rotatedAwayId: string;
  let expiresAt: Date;

  it('send every contact exactly nine messages per credential, at 30, 15, 7, 6, 5, 4, 3, 2 and 1 days left, each their own', async () => {
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

    expect(stagesOf(secret.secretId)).toEqual(toEach([...REMINDER_STAGES]));
    expect(stagesOf(certificateId)).toEqual(toEach([...REMINDER_STAGES]));
  }, 120_000);

  it('name the client, client ID, credential, expiry (UTC) and days left in the subject and both parts', () => {
    const fiveDays = about(secret.secretId).find((mail) => mail.reminder.endsWith('/5'));
    expect(fiveDays).toBeDefined();
    const expiry = humanDate(expiresAt);
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

  it('say when the credential was last used: the date in UTC, or never', async () => {
    const neverUsed = about(secret.secretId).find((mail) => mail.reminder.endsWith('/5'));
    expect(neverUsed?.text).toMatch(/Last used:\s+never\n/);
    expect(neverUsed?.html).toMatch(/Last used<\/td><td[^>]*>never</);

    const used = await kw.clientWithSecret(admin, {
      client: { name: 'Used lately', contactEmails: ['ops@example.com'] },
      expiresAt: new Date(clock.now().getTime() + 2 * DAY_MS - HOUR_MS),
    });
    const lastUsedAt = new Date(clock.now().getTime() - 3 * DAY_MS);
    await kw.sql('update credential set last_used_at = ? where id = ?', [lastUsedAt, used.secretId]);
    await tick();
    const [mail] = about(used.secretId);
    for (const part of [mail?.text, mail?.html]) {
      expect(part).toMatch(/Last used/);
      expect(part).toContain(humanDate(lastUsedAt));
    }
  });

  it('send nothing about a deleted credential or a secret replaced by a rotation', () => {
    expect(about(deletedId)).toEqual([]);
    expect(about(rotatedAwayId)).toEqual([]);
  });

  it('forget the reminders claimed about a credential deleted before they went out, and send the rest of the batch', async () => {
    const expires = new Date(clock.now().getTime() + 4 * DAY_MS - HOUR_MS);
    const doomed = await kw.clientWithSecret(admin, {
      client: { name: 'Deleted after the scan', contactEmails: CONTACTS },
      expiresAt: expires,
    });
    const kept = await kw.clientWithSecret(admin, { client: { name: 'Kept after the scan', contactEmails: CONTACTS }, expiresAt: expires });
    await kw.keyward.services.reminders.scan();
    const claimed = (credentialId: string) => kw.sql('select 1 from reminder_delivery where credential_id = ?', [credentialId]);
    expect(await claimed(doomed.secretId)).toHaveLength(CONTACTS.length);
    expect((await kw.gql(DELETE, { id: doomed.secretId }, admin)).errors).toBeUndefined();
    // Deleting the credential deleted its claimed reminders with it, as a foreign key's cascade did.
    expect(await claimed(doomed.secretId)).toEqual([]);
    // One claimed in the instant before its credential went away (nothing in the database ties the two any more).
    const [row] = await kw.sql<{ tenant_id: string }>('select tenant_id from credential where id = ?', [kept.secretId]);
    await kw.sql(
      `insert into reminder_delivery (id, tenant_id, credential_id, stage, recipient, status, claimed_at, attempts, next_attempt_at, recipients)
       values (gen_random_uuid(), ?, ?, 4, 'ops@example.com', 'PENDING', ?, 0, ?, '["ops@example.com"]')`,
      [row.tenant_id, doomed.secretId, clock.now(), clock.now()],
    );
    await kw.keyward.services.reminders.sendDue();
    expect(about(doomed.secretId)).toEqual([]);
    expect(await claimed(doomed.secretId)).toEqual([]);
    expect(stagesOf(kept.secretId)).toEqual(toEach([4]));
  });

  it('record each sent reminder (SENT, message ID) and audit it as reminder.sent by SYSTEM', async () => {
    const rows = await kw.sql<{ stage: number; recipient: string; status: string; message_id: string }>(
      'select stage, recipient, status, message_id from reminder_delivery where credential_id = ? order by stage desc, recipient',
      [secret.secretId],
    );
    expect(rows.map((r) => `${r.stage} ${r.recipient}`)).toEqual(
      [...REMINDER_STAGES].flatMap((stage) => [...CONTACTS].sort().map((contact) => `${stage} ${contact}`)),
    );
    expect(rows.every((r) => r.status === 'SENT' && r.message_id)).toBe(true);
    const audited = await kw.sql<{ actor_type: string; changes: unknown }>(
      `select actor_type, changes from audit_event where action = 'reminder.sent' and target_id = ?`,
      [secret.secretId],
    );
    expect(audited).toHaveLength(9 * CONTACTS.length);
    expect(audited.every((event) => event.actor_type === 'SYSTEM')).toBe(true);
    // Each event names the one contact its message went to.
    for (const event of audited) {
      const changes = JSON.stringify(event.changes);
      expect(CONTACTS.filter((contact) => changes.includes(contact))).toHaveLength(1);
    }
  });

  it('after downtime from 31 to 12 days left, send one message (stage 15), then go on from 7', async () => {
    const expires = new Date(clock.now().getTime() + 31 * DAY_MS);
    const client = await kw.clientWithSecret(admin, { client: { name: 'Downtime', contactEmails: CONTACTS }, expiresAt: expires });
    await tick();
    clock.advance(19 * DAY_MS);
    await tick();
    expect(stagesOf(client.secretId)).toEqual(toEach([15]));
    await walkTo(expires);
    expect(stagesOf(client.secretId)).toEqual(toEach([15, 7, 6, 5, 4, 3, 2, 1]));
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
    expect(pending).toEqual(CONTACTS.map(() => expect.objectContaining({ status: 'PENDING', attempts: 1 })));
    expect(pending.every((row) => row.last_error)).toBe(true);
    expect(about(client.secretId)).toEqual([]);

    smtp = await startSmtp(smtpPort, REFUSING);
    clock.advance(30 * 1000);
    await tick(); // before the retry delay: nothing yet
    expect(about(client.secretId)).toEqual([]);
    clock.advance(60 * 1000);
    await tick();
    await tick();
    expect(stagesOf(client.secretId)).toEqual(toEach([7]));
    const rows = await kw.sql<{ status: string }>('select status from reminder_delivery where credential_id = ?', [client.secretId]);
    expect(rows.map((row) => row.status)).toEqual(CONTACTS.map(() => 'SENT'));
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
    expect(stagesOf(client.secretId)).toEqual(toEach([6]));
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
    expect(stagesOf(client.secretId)).toEqual(toEach([4]));
  });
});

describe('each contact gets a reminder of their own', () => {
  const THREE = ['alice@example.com', 'bob@example.org', 'carol@example.net'];

  it('a client with 3 contacts: 3 messages, each To one address, no other contact anywhere in headers or body', async () => {
    const client = await kw.clientWithSecret(admin, {
      client: { name: 'Three contacts', contactEmails: THREE },
      expiresAt: new Date(clock.now().getTime() + 3 * DAY_MS - HOUR_MS),
    });
    await tick();
    const mails = about(client.secretId);
    expect(mails.map((mail) => mail.to).sort()).toEqual(THREE.map((contact) => [contact]));
    for (const mail of mails) {
      const [own] = mail.to;
      expect(mail.raw).toMatch(new RegExp(`^To: ${own.replaceAll('.', '\\.')}\\r?$`, 'm'));
      expect(mail.raw).not.toMatch(/^(Cc|Bcc):/im);
      const everything = [mail.raw, mail.text, mail.html].join('\n');
      for (const other of THREE.filter((contact) => contact !== own)) expect(everything).not.toContain(other);
    }
    const history = await kw.gql(
      'query($id: ID!) { apiClient(id: $id) { credentials { id reminders { stage status recipients } } } }',
      { id: client.id },
      admin,
    );
    expect(history.errors).toBeUndefined();
    const credential = history.data?.apiClient.credentials.find((c: { id: string }) => c.id === client.secretId);
    expect(credential.reminders).toEqual(THREE.map((contact) => ({ stage: 3, status: 'SENT', recipients: [contact] })));
  });

  it('a contact the mail server turns away for now is retried alone; one refused for good fails alone', async () => {
    const contacts = ['first@example.com', 'busy@example.com', 'gone@refused.example'];
    const client = await kw.clientWithSecret(admin, {
      client: { name: 'One busy contact', contactEmails: contacts },
      expiresAt: new Date(clock.now().getTime() + 2 * DAY_MS - HOUR_MS),
    });
    busy.add('busy@example.com');
    try {
      await tick();
      expect(stagesOf(client.secretId)).toEqual({ 'first@example.com': [2] });
      const rows = await kw.sql<{ recipient: string; status: string; attempts: number }>(
        'select recipient, status, attempts from reminder_delivery where credential_id = ? order by recipient',
        [client.secretId],
      );
      expect(rows).toEqual([
        { recipient: 'busy@example.com', status: 'PENDING', attempts: 1 },
        { recipient: 'first@example.com', status: 'SENT', attempts: 1 },
        { recipient: 'gone@refused.example', status: 'FAILED', attempts: 1 },
      ]);
    } finally {
      busy.delete('busy@example.com');
    }
    clock.advance(61 * 1000);
    await tick();
    await tick();
    expect(stagesOf(client.secretId)).toEqual({ 'first@example.com': [2], 'busy@example.com': [2] });
    const [busyRow] = await kw.sql<{ status: string; attempts: number }>(
      'select status, attempts from reminder_delivery where credential_id = ? and recipient = ?',
      [client.secretId, 'busy@example.com'],
    );
    expect(busyRow).toEqual({ status: 'SENT', attempts: 2 });
  });

  it('a contact removed before their message went out does not get it; one added later gets the current stage', async () => {
    const client = await kw.clientWithSecret(admin, {
      client: { name: 'Changing contacts', contactEmails: CONTACTS },
      expiresAt: new Date(clock.now().getTime() + 4 * DAY_MS - HOUR_MS),
    });
    await kw.keyward.services.reminders.scan();
    const update = 'mutation($id: ID!, $emails: [String!]!) { updateApiClient(id: $id, input: { contactEmails: $emails }) { id } }';
    expect((await kw.gql(update, { id: client.id, emails: [CONTACTS[0]] }, admin)).errors).toBeUndefined();
    await kw.keyward.services.reminders.sendDue();
    expect(stagesOf(client.secretId)).toEqual({ [CONTACTS[0]]: [4] });
    expect((await kw.gql(update, { id: client.id, emails: [CONTACTS[0], 'newcomer@example.com'] }, admin)).errors).toBeUndefined();
    await tick();
    await tick();
    expect(stagesOf(client.secretId)).toEqual({ [CONTACTS[0]]: [4], 'newcomer@example.com': [4] });
  });
});

describe('upgrading to per-contact reminders (Migration20261202040000)', () => {
  it('sends no stage already sent to every contact in one message; splits a pending one into one message per contact', async () => {
    // A Keyward of its own: the test takes its reminder table back to the schema before the migration.
    const upgraded = await startKeyward({ clock, env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
    try {
      const cookie = await upgraded.login();
      const expiresAt = new Date(clock.now().getTime() + 5 * DAY_MS - HOUR_MS);
      const sent = await upgraded.clientWithSecret(cookie, { client: { name: 'Sent before', contactEmails: CONTACTS }, expiresAt });
      const pending = await upgraded.clientWithSecret(cookie, { client: { name: 'Pending at', contactEmails: CONTACTS }, expiresAt });
      // The schema as it was: one record per (credential, stage), to every contact at once.
      await upgraded.sql('delete from mikro_orm_migrations where name = ?', ['Migration20261202040000']);
      await upgraded.sql('alter table reminder_delivery drop constraint reminder_delivery_credential_id_stage_recipient_unique');
      await upgraded.sql('alter table reminder_delivery drop column recipient');
      await upgraded.sql(
        'alter table reminder_delivery add constraint reminder_delivery_credential_id_stage_unique unique (credential_id, stage)',
      );
      const legacy = `insert into reminder_delivery (id, tenant_id, credential_id, stage, status, claimed_at, sent_at, attempts, next_attempt_at, recipients)
        select gen_random_uuid(), tenant_id, id, 5, ?, ?, ?, 1, ?, ?::jsonb from credential where id = ?`;
      const now = clock.now();
      await upgraded.sql(legacy, ['SENT', now, now, now, JSON.stringify(CONTACTS), sent.secretId]);
      await upgraded.sql(legacy, ['PENDING', now, null, now, '[]', pending.secretId]);

      await upgraded.keyward.database.orm.getMigrator().up();

      for (let i = 0; i < 2; i++) {
        await upgraded.keyward.services.reminders.scan();
        await upgraded.keyward.services.reminders.sendDue();
      }
      expect(about(sent.secretId)).toEqual([]);
      expect(stagesOf(pending.secretId)).toEqual(toEach([5]));
      const history = async (clientId: string) =>
        (
          await upgraded.gql(
            'query($id: ID!) { apiClient(id: $id) { credentials { reminders { stage status recipients } } } }',
            { id: clientId },
            cookie,
          )
        ).data?.apiClient.credentials[0].reminders;
      expect(await history(sent.id)).toEqual([{ stage: 5, status: 'SENT', recipients: CONTACTS }]);
      expect(await history(pending.id)).toEqual(
        [...CONTACTS].sort().map((contact) => ({ stage: 5, status: 'SENT', recipients: [contact] })),
      );
    } finally {
      await upgraded.destroy();
    }
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
    // One row per contact, each naming that contact alone.
    expect(expiresSoon?.reminders).toEqual(
      [...CONTACTS].sort().map((contact) =>
        expect.objectContaining({
          stage: 5,
          status: 'SENT',
          recipients: [contact],
          messageId: expect.any(String),
          sentAt: expect.any(String),
        }),
      ),
    );
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
      const ours = () => own.received.filter((mail) => mail.reminder.startsWith(`${client.secretId}/`));
      await expect
        .poll(() => ours().length, { message: 'reminders the scheduler sent', timeout: 30_000, interval: 200 })
        .toBeGreaterThanOrEqual(CONTACTS.length);
      expect(
        ours()
          .map((mail) => `${mail.reminder} ${mail.to.join(',')}`)
          .sort(),
      ).toEqual([...CONTACTS].sort().map((contact) => `${client.secretId}/5 ${contact}`));
      const jobs = await scheduled.sql<{ name: string }>('select distinct name from agenda_jobs order by name');
      // Housekeeping (docs/limits.md#housekeeping), the unused-credential findings (docs/usage-findings.md), the vault's
      // renewal job (docs/vault.md#renewal) and webhook delivery (docs/webhooks.md#ordering-and-delivery) run on the same scheduler.
      expect(jobs.map((job) => job.name)).toEqual([
        'credentials.lifecycle',
        'housekeeping',
        'reminders.scan',
        'reminders.send',
        'vault.renew',
        'webhooks.deliver',
      ]);
    } finally {
      await scheduled.destroy();
      await own.close();
    }
  }, 60_000);
});
