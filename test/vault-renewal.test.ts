import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { humanDate } from '../server/kernel/human-date.js';
import { freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { basicAuth } from './support/oauth.js';
import { type PartnerProvider, startPartnerProvider } from './support/partner-provider.js';
import { type ReceivedMail, startSmtp, type TestSmtp } from './support/smtp.js';

// docs/vault.md#renewal: OAuth2 tokens renewed by a job before they run out, failures retried with backoff, then
// NEEDS_REAUTHORIZATION with one email per contact; and expiry reminders of vault credentials.
const clock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
let kw: TestKeyward;
let admin: string;
let smtp: TestSmtp;

const OAUTH_CLIENT = { id: 'keyward-vault', secret: `provider-secret-${randomBytes(12).toString('hex')}` };
/** The provider's access tokens live 15 minutes: renewed when a fifth (3 minutes) is left. */
const TOKEN_TTL_S = 900;
let provider: PartnerProvider;

/**
 * A loopback server in front of the provider's token endpoint, one path per credential (`/<name>/token`), that records
 * each token request at Keyward's clock and can stand in for a provider in trouble: answering 500, or passing the
 * request on with a client secret the provider does not know (as after the secret was changed there).
 */
const proxy = {
  server: null as Server | null,
  url: '',
  modes: {} as Record<string, 'pass' | 'fail' | 'wrong-secret'>,
  hits: [] as { name: string; at: number }[],
};
const hitsOf = (name: string) => proxy.hits.filter((hit) => hit.name === name).map((hit) => hit.at);

beforeAll(async () => {
  provider = await startPartnerProvider({
    clients: [
      {
        client_id: OAUTH_CLIENT.id,
        client_secret: OAUTH_CLIENT.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'partner:read',
      },
    ],
    accessTokenTtlSeconds: TOKEN_TTL_S,
  });

  proxy.server = createServer((request, response) => {
    const name = (request.url ?? '/').split('/')[1];
    proxy.hits.push({ name, at: clock.now().getTime() });
    const mode = proxy.modes[name] ?? 'pass';
    if (mode === 'fail') {
      request.resume();
      response.writeHead(500, { 'content-type': 'text/plain' }).end('upstream trouble');
      return;
    }
    const headers = { ...request.headers, host: new URL(provider.url).host };
    if (mode === 'wrong-secret') headers.authorization = basicAuth(OAUTH_CLIENT.id, 'a-secret-the-provider-no-longer-has');
    const upstream = httpRequest(`${provider.url}/token`, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.server?.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;

  const smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
  kw = await startKeyward({
    clock,
    env: { KEYWARD_OUTBOUND_ALLOW_PRIVATE: 'true', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, KEYWARD_VAULT_TIMEOUT_SECONDS: '5' },
  });
});
// Sessions follow the clock, and these tests walk it forward: each signs in afresh.
beforeEach(async () => {
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
  await smtp?.close();
  for (const server of [proxy.server, provider?.server]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
});

const CREATE = 'mutation($input: VaultCredentialInput!) { createVaultCredential(input: $input) { id } }';
const READ = `query($id: ID!) { vaultCredential(id: $id) {
  status accessTokenExpiresAt lastRenewedAt lastRenewalError nextRenewalAttemptAt } }`;
const AUTHORIZATION = 'query($id: ID!) { vaultCredentialAuthorization(id: $id) { headers { name value } expiresAt } }';

/** One run of the vault's renewal job, as the scheduler runs it (the scheduler itself is off in tests). */
const runJob = () => kw.keyward.services.vaultRenewals.run();

/** An OAUTH2 credential whose token requests go through the proxy under `name`, holding its first access token. */
async function oauthCredential(name: string, contactEmails: string[]): Promise<string> {
  proxy.modes[name] = 'pass';
  const created = await kw.gql(
    CREATE,
    {
      input: {
        name,
        type: 'OAUTH2',
        contactEmails,
        oauth2: {
          tokenUrl: `${proxy.url}/${name}/token`,
          clientId: OAUTH_CLIENT.id,
          clientSecret: OAUTH_CLIENT.secret,
          scopes: ['partner:read'],
        },
      },
    },
    admin,
  );
  expect(created.errors).toBeUndefined();
  const id = created.data?.createVaultCredential.id as string;
  const first = await kw.gql(AUTHORIZATION, { id }, admin);
  expect(first.errors).toBeUndefined();
  return id;
}

const read = async (id: string) => (await kw.gql(READ, { id }, admin)).data?.vaultCredential;
const auditOf = (id: string, action: string) =>
  kw.sql<{ actor_type: string; changes: Record<string, { to: unknown }> }>(
    'select actor_type, changes from audit_event where target_id = ? and action = ? order by occurred_at',
    [id, action],
  );
const noticeOf = (mail: ReceivedMail) => /^X-Keyward-Vault-Notice:\s*(\S+)/im.exec(mail.raw)?.[1] ?? '';
const mailsAbout = (id: string) => smtp.received.filter((mail) => noticeOf(mail).startsWith(`${id}/`));

describe('expiry reminders of vault credentials', () => {
  it('go to each contact on the reminder cadence: 30, 15, then every day from 7 to 1 day before, one message each', async () => {
    const contacts = ['partners@example.com', 'oncall@example.com'];
    const expiresAt = new Date(clock.now().getTime() + 31 * DAY_MS);
    const created = await kw.gql(
      CREATE,
      {
        input: {
          name: 'Partner key that expires',
          type: 'API_KEY',
          contactEmails: contacts,
          expiresAt: expiresAt.toISOString(),
          apiKey: { key: `pk_${randomBytes(16).toString('hex')}`, name: 'X-Partner-Key' },
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data?.createVaultCredential.id as string;
    while (clock.now().getTime() < expiresAt.getTime() + DAY_MS) {
      clock.advance(6 * 60 * 60 * 1000);
      await runJob();
    }
    const stages: Record<string, number[]> = {};
    for (const mail of mailsAbout(id)) {
      expect(mail.to).toHaveLength(1);
      stages[mail.to[0]] = [...(stages[mail.to[0]] ?? []), Number(noticeOf(mail).split('/expiry:')[1].split('@')[0])];
    }
    for (const contact of contacts) expect(stages[contact]).toEqual([30, 15, 7, 6, 5, 4, 3, 2, 1]);
    const last = mailsAbout(id).at(-1) as ReceivedMail;
    expect(last.subject).toBe(`Keyward: the vault credential "Partner key that expires" expires in 1 day, on ${humanDate(expiresAt)}`);
    expect(last.text).toContain(`${kw.baseUrl}/vault`);
    expect(last.text).toContain('enter the new value');
    expect((await auditOf(id, 'vault.reminder_sent')).length).toBe(18);
  });
});

describe('proactive OAuth2 renewal (the renewal job)', () => {
  it('renews an access token before it runs out, without anyone asking for it', async () => {
    const id = await oauthCredential('steady', ['steady@example.com']);
    const [before] = await kw.sql<{ sealed_tokens: string; access_token_expires_at: Date }>(
      'select sealed_tokens, access_token_expires_at from vault_credential where id = ?',
      [id],
    );
    const headersBefore = (await kw.gql(AUTHORIZATION, { id }, admin)).data?.vaultCredentialAuthorization.headers;
    expect(hitsOf('steady')).toHaveLength(1);

    // 11 minutes on, 4 are left: more than the margin (a fifth of 15 minutes), nothing happens.
    clock.advance(11 * 60_000);
    expect((await runJob()).renewed).toBe(0);
    expect(hitsOf('steady')).toHaveLength(1);

    // 12½ minutes on, 2½ are left: renewed.
    clock.advance(90_000);
    expect((await runJob()).renewed).toBe(1);
    expect(hitsOf('steady')).toHaveLength(2);
    const [after] = await kw.sql<{ sealed_tokens: string; access_token_expires_at: Date }>(
      'select sealed_tokens, access_token_expires_at from vault_credential where id = ?',
      [id],
    );
    expect(after.sealed_tokens).not.toBe(before.sealed_tokens);
    expect(new Date(after.access_token_expires_at).getTime()).toBe(clock.now().getTime() + TOKEN_TTL_S * 1000);
    const renewals = await auditOf(id, 'vault.renewed');
    expect(renewals.at(-1)?.actor_type).toBe('SYSTEM');
    expect(renewals).toHaveLength(2);

    // The integration gets the renewed token at once: no token request of its own.
    const headersAfter = (await kw.gql(AUTHORIZATION, { id }, admin)).data?.vaultCredentialAuthorization.headers;
    expect(headersAfter).not.toEqual(headersBefore);
    expect(hitsOf('steady')).toHaveLength(2);
    expect(await read(id)).toMatchObject({ status: 'VALID', lastRenewalError: null, nextRenewalAttemptAt: null });
  });

  it('retries a failing renewal with backoff (1, 2, 4, 8 minutes), then NEEDS_REAUTHORIZATION: one email per contact, one audit event', async () => {
    const contacts = ['integrations@example.com', 'partner-owner@example.com'];
    const id = await oauthCredential('flaky', contacts);
    const start = clock.now().getTime();
    proxy.modes.flaky = 'fail';
    // Due at 12 minutes (3 of 15 left).
    clock.advance(12 * 60_000);
    const firstAttempt = clock.now().getTime();
    await runJob();
    expect(hitsOf('flaky')).toEqual([start, firstAttempt]);
    expect(await read(id)).toMatchObject({
      status: 'VALID',
      nextRenewalAttemptAt: new Date(firstAttempt + 60_000).toISOString(),
      lastRenewalError: expect.stringContaining('HTTP 500'),
    });

    // Walk the clock 10 s at a time for 20 minutes, running the job at every step, as the scheduler would.
    const walkUntil = firstAttempt + 20 * 60_000;
    while (clock.now().getTime() < walkUntil) {
      clock.advance(10_000);
      // The last attempt, as two processes would run it at once: the failure is handled once.
      await Promise.all([runJob(), runJob()]);
    }
    const attempts = hitsOf('flaky').slice(1);
    expect(attempts.map((at) => (at - firstAttempt) / 60_000)).toEqual([0, 1, 3, 7, 15]);

    const after = await read(id);
    expect(after.status).toBe('NEEDS_REAUTHORIZATION');
    expect(after.nextRenewalAttemptAt).toBeNull();
    expect(after.lastRenewalError).toBe(
      'The provider gave no new access token: the token URL answered HTTP 500: no access_token in its answer.',
    );

    const failed = await auditOf(id, 'vault.renewal_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].actor_type).toBe('SYSTEM');
    expect(failed[0].changes.reason.to).toBe(after.lastRenewalError);
    expect(JSON.stringify(failed)).not.toContain(OAUTH_CLIENT.secret);

    const mails = mailsAbout(id);
    expect(mails.map((mail) => mail.to).sort()).toEqual(contacts.map((contact) => [contact]).sort());
    const mail = mails[0];
    expect(mail.subject).toBe('Keyward: the vault credential "flaky" could not be renewed and needs your attention');
    expect(mail.text).toContain('HTTP 500');
    expect(mail.text).toContain('enter the new client secret');
    expect(mail.text).toContain(`Open the vault: ${kw.baseUrl}/vault`);
    expect(mail.html).toContain(`href="${kw.baseUrl}/vault"`);
    expect(mail.raw).not.toContain(OAUTH_CLIENT.secret);

    // Later runs try nothing more and tell nobody again.
    clock.advance(2 * 60 * 60_000);
    await runJob();
    await runJob();
    expect(hitsOf('flaky')).toHaveLength(6);
    expect(mailsAbout(id)).toHaveLength(2);
    expect(await auditOf(id, 'vault.renewal_failed')).toHaveLength(1);
    admin = await kw.login();
    const refused = await kw.gql(AUTHORIZATION, { id }, admin);
    expect(refused.errors?.[0].message).toContain('needs to be authorized again');

    // The provider is back: Renew now makes it usable again, and the job takes it on from there.
    proxy.modes.flaky = 'pass';
    const renewed = await kw.gql('mutation($id: ID!) { renewVaultCredential(id: $id) { status lastRenewalError } }', { id }, admin);
    expect(renewed.data?.renewVaultCredential).toEqual({ status: 'VALID', lastRenewalError: null });
    clock.advance(13 * 60_000);
    expect((await runJob()).renewed).toBeGreaterThanOrEqual(1);
    expect(hitsOf('flaky')).toHaveLength(8);
  });

  it('a permanent refusal (invalid_client: the client secret is no longer the provider’s) needs reauthorization at once', async () => {
    const id = await oauthCredential('rotated-away', ['owner@example.com']);
    proxy.modes['rotated-away'] = 'wrong-secret';
    clock.advance(12 * 60_000);
    const round = await runJob();
    expect(round.needsReauthorization).toBe(1);
    const after = await read(id);
    expect(after.status).toBe('NEEDS_REAUTHORIZATION');
    expect(after.lastRenewalError).toMatch(/HTTP 401: invalid_client/);
    expect(await auditOf(id, 'vault.renewal_failed')).toHaveLength(1);
    const mails = mailsAbout(id);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['owner@example.com']);
    expect(mails[0].text).toContain('invalid_client');

    // Giving it the client secret again clears the failure: the job renews it as before.
    proxy.modes['rotated-away'] = 'pass';
    const updated = await kw.gql(
      'mutation($id: ID!, $input: VaultCredentialInput!) { updateVaultCredential(id: $id, input: $input) { status lastRenewalError } }',
      { id, input: { oauth2: { clientSecret: OAUTH_CLIENT.secret, tokenUrl: `${proxy.url}/rotated-away/token?v=2` } } },
      admin,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateVaultCredential).toEqual({ status: 'VALID', lastRenewalError: null });
  });
});
