import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const HOUR_MS = 60 * 60 * 1000;
const CREATE = `mutation($input: WebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { signingSecret endpoint { id } }
}`;

const clock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
let kw: TestKeyward;
let admin: string;
let smtp: TestSmtp;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
  // The default retry schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) and the 24 hours: the clock walks them.
  kw = await startKeyward({ clock, env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, KEYWARD_OUTBOUND_ALLOW_ADDRESSES: '127.0.0.1' } });
});
// Sessions follow the clock too, and these tests walk it forward by days: each signs in afresh.
beforeEach(async () => {
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
  await smtp?.close();
  for (const receiver of receivers) await receiver.close();
});

async function endpointFor(eventTypes: string[]): Promise<{ id: string; receiver: WebhookReceiver }> {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const created = await kw.gql(CREATE, { input: { url: receiver.url, eventTypes } }, admin);
  expect(created.errors).toBeUndefined();
  receiver.secret = created.data!.createWebhookEndpoint.signingSecret;
  return { id: created.data!.createWebhookEndpoint.endpoint.id, receiver };
}

describe('webhooks on a walking clock', () => {
  it('credential.expiring arrives at every stage the reminder email goes out, with the stage, days left and that the email went out', async () => {
    const { receiver } = await endpointFor(['credential.expiring']);
    const expiresAt = new Date(clock.now().getTime() + 31 * DAY_MS);
    const secret = await kw.clientWithSecret(admin, { client: { name: 'Expiring feed', contactEmails: ['feed@example.com'] }, expiresAt });
    while (clock.now().getTime() < expiresAt.getTime() - 3.5 * DAY_MS) {
      clock.advance(6 * HOUR_MS);
      await kw.keyward.services.reminders.scan();
      await kw.keyward.services.reminders.sendDue();
    }
    const emailed = smtp.received
      .filter((mail) => mail.reminder.startsWith(`${secret.secretId}/`))
      .map((mail) => Number(mail.reminder.split('/')[1]));
    expect(emailed).toEqual([30, 15, 7, 6, 5, 4]);
    await kw.keyward.services.webhookDispatcher.deliverDue();
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 15_000 }).toBe(emailed.length);
    // At least once: a receiver deduplicates by webhook-id.
    const events = receiver.acceptedIds().map((id) => receiver.accepted().find((event) => event.id === id)!);
    expect(events.every((event) => event.verified)).toBe(true);
    expect(events.map((event) => event.payload.data.stage)).toEqual(emailed);
    for (const event of events) {
      expect(event.payload).toMatchObject({
        type: 'credential.expiring',
        data: {
          action: 'reminder.sent',
          emailSent: true,
          credential: { id: secret.secretId, kind: 'CLIENT_SECRET', expiresAt: expiresAt.toISOString() },
          client: { id: secret.id, clientId: secret.clientId },
          changes: { recipients: { to: 'feed@example.com' } },
        },
      });
      expect(event.payload.data.credential.daysLeft).toBeLessThanOrEqual(event.payload.data.stage);
      expect(event.body).not.toContain(secret.secret);
    }
  }, 120_000);

  it('an endpoint failing for 24 hours is disabled, audited, and its security administrators are emailed', async () => {
    await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email: 'developer@example.com' });
    const { id, receiver } = await endpointFor(['client.created']);
    receiver.failWith = 503;
    await kw.apiClient(admin, { name: 'Never heard' });
    const failedAt = clock.now().getTime();
    const state = async () =>
      (
        await kw.sql<{ enabled: boolean; disabled_reason: string | null }>(
          'select enabled, disabled_reason from webhook_endpoint where id = ?',
          [id],
        )
      )[0];
    await expect.poll(() => receiver.requests.length, { timeout: 10_000 }).toBe(1);
    // The clock goes to each retry's time, as the delivery job would find it.
    let disabledAfterMs: number | null = null;
    for (let attempt = 2; attempt <= 20 && disabledAfterMs === null; attempt++) {
      const [head] = await kw.sql<{ next_attempt_at: string }>(
        `select next_attempt_at from webhook_delivery where endpoint_id = ? and status = 'PENDING' order by seq limit 1`,
        [id],
      );
      clock.set(new Date(head.next_attempt_at));
      // This call, or the process's own wake-up that may hold the endpoint just now, makes the attempt.
      await expect
        .poll(async () => {
          await kw.keyward.services.webhookDispatcher.deliverDue();
          return receiver.requests.length;
        })
        .toBe(attempt);
      await expect
        .poll(
          async () =>
            (
              await kw.sql('select 1 from webhook_attempt a join webhook_delivery d on d.seq = a.delivery_seq where d.endpoint_id = ?', [
                id,
              ])
            ).length,
        )
        .toBe(attempt);
      if (!(await state()).enabled) disabledAfterMs = clock.now().getTime() - failedAt;
    }
    // Failures at 0, 5 s, 5 min 5 s, 35 min, 2 h 35 min, 7 h 35 min, 17 h 35 min: still on; the one at 27 h 35 min disables it.
    expect(disabledAfterMs).not.toBeNull();
    expect(disabledAfterMs!).toBeGreaterThanOrEqual(24 * HOUR_MS);
    expect(disabledAfterMs!).toBeLessThan(28 * HOUR_MS);
    expect(receiver.requests).toHaveLength(8);
    expect(new Set(receiver.requests.map((request) => request.id)).size).toBe(1);
    expect((await state()).disabled_reason).toMatch(/^Every delivery attempt since .* failed \(last: The endpoint answered HTTP 503/);
    const [audit] = await kw.sql<{ actor_type: string; changes: Record<string, unknown> }>(
      `select actor_type, changes from audit_event where action = 'webhook.endpoint_disabled' and target_id = ?`,
      [id],
    );
    expect(audit).toMatchObject({ actor_type: 'SYSTEM', changes: { enabled: { from: true, to: false } } });
    await expect.poll(() => smtp.received.filter((mail) => mail.subject.includes('webhook endpoint')).length, { timeout: 10_000 }).toBe(1);
    const [mail] = smtp.received.filter((m) => m.subject.includes('webhook endpoint'));
    expect(mail.to).toEqual(['admin@example.com']);
    expect(mail.subject).toBe('Keyward: a webhook endpoint failed for 24 hours and was disabled');
    expect(mail.text).toContain(receiver.url);
    expect(mail.text).toContain('/security#webhooks');
    // Disabled: nothing more is tried or kept for it.
    const tried = receiver.requests.length;
    await kw.apiClient(await kw.login(), { name: 'After the end' });
    clock.advance(DAY_MS);
    await kw.keyward.services.webhookDispatcher.deliverDue();
    expect(receiver.requests.length).toBe(tried);
  }, 120_000);

  it('credential.expired is recorded once when the expiry of a credential passes, and arrives as a webhook once', async () => {
    const { receiver } = await endpointFor(['credential.expired']);
    const expiresAt = new Date(clock.now().getTime() + 2 * DAY_MS);
    const secret = await kw.clientWithSecret(admin, { client: { name: 'Short-lived feed' }, expiresAt });
    const expired = () =>
      kw.sql<{ actor_type: string }>("select actor_type from audit_event where target_id = ? and action = 'credential.expired'", [
        secret.secretId,
      ]);

    // Not before its expiry…
    clock.advance(DAY_MS);
    await kw.keyward.services.expiredCredentials.run();
    expect(await expired()).toEqual([]);
    // …then once, however often the job runs.
    clock.advance(DAY_MS + 60_000);
    expect((await kw.keyward.services.expiredCredentials.run()).reported).toBeGreaterThanOrEqual(1);
    await kw.keyward.services.expiredCredentials.run();
    expect(await expired()).toEqual([{ actor_type: 'SYSTEM' }]);

    await kw.keyward.services.webhookDispatcher.deliverDue();
    // Other tests' credentials may expire on this walking clock too: this one's events are what count.
    const ofSecret = () => receiver.accepted().filter((event) => event.payload.data.credential?.id === secret.secretId);
    await expect.poll(() => new Set(ofSecret().map((event) => event.id)).size, { timeout: 15_000 }).toBe(1);
    const [event] = ofSecret();
    expect(event.verified).toBe(true);
    expect(event.payload).toMatchObject({
      type: 'credential.expired',
      data: {
        credential: { id: secret.secretId, kind: 'CLIENT_SECRET', expiresAt: expiresAt.toISOString() },
        client: { id: secret.id, clientId: secret.clientId },
        changes: { expiresAt: { to: expiresAt.toISOString() } },
      },
    });
  }, 60_000);

  it('credential.unused and credential.exposed arrive as webhooks, naming the credential and never its value', async () => {
    const { receiver } = await endpointFor(['credential.unused', 'credential.exposed']);
    const secret = await kw.clientWithSecret(admin, {
      client: { name: 'Forgotten feed' },
      expiresAt: new Date(clock.now().getTime() + 300 * DAY_MS),
    });
    // Never used: unused once the tenant's 90 days (the default) have passed since its creation.
    clock.advance(90 * DAY_MS + 60_000);
    admin = await kw.login();
    await kw.keyward.services.unusedCredentials.run();
    const reported = await kw.gql('mutation($value: String!) { reportLeakedCredential(value: $value) }', { value: secret.secret }, admin);
    expect(reported.errors).toBeUndefined();

    await kw.keyward.services.webhookDispatcher.deliverDue();
    const ofSecret = () => receiver.accepted().filter((event) => event.payload.data.credential?.id === secret.secretId);
    await expect
      .poll(() => [...new Set(ofSecret().map((event) => event.payload.type))], { timeout: 15_000 })
      .toEqual(['credential.unused', 'credential.exposed']);
    for (const event of ofSecret()) {
      expect(event.verified).toBe(true);
      expect(event.payload.data.client).toMatchObject({ id: secret.id, clientId: secret.clientId });
      expect(event.body).not.toContain(secret.secret);
    }
  }, 60_000);
});
