import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientSecret } from '../server/credentials/client-secret.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { requestToken } from './support/oauth.js';
import { spawnKeyward, waitReady } from './support/processes.js';
import { type ReceivedMail, startSmtp, type TestSmtp } from './support/smtp.js';

// docs/leaked-credentials.md: a scanner's signed report (GitHub secret scanning's partner format) or a person's
// reportLeakedCredential stops a live client secret or personal API key at once, emails its people, records
// credential.exposed / apikey.exposed; the answer is the same whether or not a value matched.
const KEY_ID = 'test-scanner-key-1';
const trusted = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const untrusted = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let kw: TestKeyward;
let smtp: TestSmtp;
let admin: string;

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
  kw = await startKeyward({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      KEYWARD_LEAK_REPORT_KEYS: JSON.stringify({ [KEY_ID]: trusted.publicKey.export({ type: 'spki', format: 'pem' }) }),
    },
  });
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
  await smtp?.close();
});

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

/** A report as GitHub sends one: the JSON array, signed over the exact bytes with the key named in the headers. */
async function report(
  entries: Record<string, unknown>[],
  { keyId = KEY_ID, key = trusted.privateKey, signature }: { keyId?: string; key?: KeyObject; signature?: string } = {},
): Promise<Answer> {
  const body = JSON.stringify(entries);
  const response = await fetch(`${kw.baseUrl}/security/leaked-credentials`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'Github-Public-Key-Identifier': keyId,
      'Github-Public-Key-Signature': signature ?? sign('sha256', Buffer.from(body), key).toString('base64'),
    },
    body,
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

const found = (token: string) => ({
  token,
  type: 'keyward_client_secret',
  url: 'https://github.com/octo-org/billing/blob/4f2a1c9/.env',
  source: 'content',
});

async function tokenStatus(clientId: string, secret: string): Promise<number> {
  return (await requestToken(kw.baseUrl, clientId, secret)).status;
}

const auditCount = async () => Number((await kw.sql<{ n: string }>('select count(*) as n from audit_event'))[0].n);
const eventsOf = (targetId: string, action: string) =>
  kw.sql<{ actor_type: string; changes: Record<string, { from: unknown; to: unknown }> }>(
    'select actor_type, changes from audit_event where target_id = ? and action = ? order by seq',
    [targetId, action],
  );

async function mailsTo(address: string, count = 1): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mails = smtp.received.filter((mail) => mail.to.includes(address));
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('POST /security/leaked-credentials', () => {
  it('revokes a live client secret at once, emails each contact, records credential.exposed; an unknown value gets the same bytes and changes nothing', async () => {
    const contacts = ['billing-oncall@example.com', 'billing-lead@example.com'];
    const leaked = await kw.clientWithSecret(admin, { client: { name: 'Billing export', contactEmails: contacts } });
    expect(await tokenStatus(leaked.clientId, leaked.secret)).toBe(200);

    const matched = await report([found(leaked.secret)]);
    expect(matched).toEqual({ status: 200, contentType: 'application/json; charset=utf-8', body: '[]' });
    // The very next request is refused, as a wrong secret is.
    const refused = await requestToken(kw.baseUrl, leaked.clientId, leaked.secret);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed.' });

    const [event, ...more] = await eventsOf(leaked.secretId, 'credential.exposed');
    expect(more).toHaveLength(0);
    expect(event.actor_type).toBe('SYSTEM');
    expect(event.changes).toMatchObject({
      enabled: { from: true, to: false },
      source: { to: 'content' },
      url: { to: 'https://github.com/octo-org/billing/blob/4f2a1c9/.env' },
      reportedBy: { to: 'GitHub secret scanning' },
    });
    // It stays stopped: expired now, so enabling it again brings nothing back.
    const enabled = await kw.gql(
      'mutation($id: ID!) { setCredentialEnabled(id: $id, enabled: true) { status } }',
      { id: leaked.secretId },
      admin,
    );
    expect(enabled.data?.setCredentialEnabled.status).toBe('EXPIRED');
    expect(await tokenStatus(leaked.clientId, leaked.secret)).toBe(401);

    for (const contact of contacts) {
      const [mail, ...others] = await mailsTo(contact);
      expect(others).toHaveLength(0);
      expect(mail.to).toEqual([contact]);
      expect(mail.subject).toBe('Keyward: a client secret of "Billing export" was found exposed and no longer works');
      expect(mail.text).toContain('https://github.com/octo-org/billing/blob/4f2a1c9/.env');
      expect(mail.text).toContain(`${kw.baseUrl}/clients/${leaked.id}`);
      expect(mail.raw).not.toContain(leaked.secret);
    }

    // A value that is no secret of Keyward's, and the same secret reported again: byte-identical answers, nothing recorded or sent.
    const before = { audit: await auditCount(), mails: smtp.received.length };
    expect(await report([found(generateClientSecret().secret)])).toEqual(matched);
    expect(await report([found('ghp_notakeywardvalue')])).toEqual(matched);
    expect(await report([found(leaked.secret)])).toEqual(matched);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect({ audit: await auditCount(), mails: smtp.received.length }).toEqual(before);

    const everything = JSON.stringify(await kw.sql('select * from audit_event')) + kw.logs.join('');
    expect(everything).not.toContain(leaked.secret);
  });

  it('revokes a live personal API key and emails its owner (apikey.exposed)', async () => {
    const created = await kw.gql(
      'mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token apiKey { id } } }',
      { input: { name: 'Laptop script' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const { token, apiKey } = created.data?.createPersonalApiKey ?? ({} as { token: string; apiKey: { id: string } });
    const asKey = () =>
      fetch(`${kw.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { permissions } }' }),
      }).then((response) => response.json() as Promise<{ data?: unknown; errors?: { message: string }[] }>);
    expect((await asKey()).errors).toBeUndefined();

    expect(await report([{ ...found(token), type: 'keyward_personal_api_key' }])).toMatchObject({ status: 200, body: '[]' });
    expect((await asKey()).errors?.[0].message).toContain('"Laptop script" was revoked');
    expect(await eventsOf(apiKey.id, 'apikey.exposed')).toHaveLength(1);
    const [mail] = await mailsTo('admin@example.com');
    expect(mail.subject).toBe('Keyward: your personal API key "Laptop script" was found exposed and has been revoked');
    expect(mail.raw).not.toContain(token);
  });

  it('refuses a report that is unsigned, signed by an untrusted key, or names an unknown key, and changes nothing', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Still fine' } });
    const attempts = [
      await report([found(client.secret)], { key: untrusted.privateKey }),
      await report([found(client.secret)], { keyId: 'some-other-key' }),
      await report([found(client.secret)], { signature: '' }),
      await report([found(client.secret)], { signature: 'bm90IGEgc2lnbmF0dXJl' }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(401);
      expect(JSON.parse(attempt.body).error).toBe('invalid_credentials');
    }
    expect(JSON.parse(attempts[0].body).message).toContain('does not verify');
    expect(JSON.parse(attempts[1].body).message).toContain('"some-other-key"');
    expect(JSON.parse(attempts[2].body).message).toContain('must be signed');
    expect(await tokenStatus(client.clientId, client.secret)).toBe(200);
    expect(await eventsOf(client.secretId, 'credential.exposed')).toHaveLength(0);
  });
});

describe('reportLeakedCredential', () => {
  const REPORT = 'mutation($value: String!) { reportLeakedCredential(value: $value) }';

  it('lets any signed-in user stop a leaked secret, with the same answer for a value that matches nothing', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Chat paste', contactEmails: ['chat-owner@example.com'] } });
    const someone = await kw.userWith([]);
    const matched = await kw.gql(REPORT, { value: client.secret }, someone);
    expect(matched).toEqual({ data: { reportLeakedCredential: true } });
    expect(await tokenStatus(client.clientId, client.secret)).toBe(401);
    const [event] = await eventsOf(client.secretId, 'credential.exposed');
    expect(event.changes.reportedBy.to).toMatch(/^reported in Keyward by /);
    expect(await mailsTo('chat-owner@example.com')).toHaveLength(1);

    const before = await auditCount();
    expect(await kw.gql(REPORT, { value: generateClientSecret().secret }, someone)).toEqual(matched);
    expect(await kw.gql(REPORT, { value: 'just some text' }, someone)).toEqual(matched);
    expect(await auditCount()).toBe(before);

    expect((await kw.gql(REPORT, { value: 'x' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('takes 20 reports a minute from one person, then says when to go on', async () => {
    const reporter = await kw.userWith([]);
    for (let i = 0; i < 20; i++) {
      expect((await kw.gql(REPORT, { value: generateClientSecret().secret }, reporter)).data?.reportLeakedCredential).toBe(true);
    }
    const refused = await kw.gql(REPORT, { value: generateClientSecret().secret }, reporter);
    expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0].message).toMatch(/^Too many leaked-credential reports in a minute\. Wait \d+ seconds/);
  });
});

// The change feed is PostgreSQL LISTEN/NOTIFY: with the embedded database there is a single process and nothing to tell.
describe.skipIf(!process.env.DATABASE_URL)('a leaked secret in another process', () => {
  let b: ChildProcess;
  let bUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    b = spawnKeyward(kw, port, { LOG_LEVEL: 'warn', KEYWARD_REMINDER_SCHEDULER: 'off' });
    await waitReady(bUrl, 60_000, b);
  });
  afterAll(() => {
    b?.kill('SIGTERM');
  });

  it('is refused by a second process that had the client cached, once the report through the first has answered', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Cached elsewhere' } });
    // B holds the client in its cache now.
    expect((await requestToken(bUrl, client.clientId, client.secret)).status).toBe(200);
    expect((await requestToken(bUrl, client.clientId, client.secret)).status).toBe(200);
    expect(await report([found(client.secret)])).toMatchObject({ status: 200, body: '[]' });
    await expect
      .poll(async () => (await requestToken(bUrl, client.clientId, client.secret)).status, { timeout: 5000, interval: 20 })
      .toBe(401);
  });
});
