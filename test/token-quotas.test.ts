import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { type ClientWithSecret, freePort, startKeyward, type TestKeyward } from './support/keyward.js';
import { spawnKeyward, waitReady } from './support/processes.js';

// docs/token-service.md#quotas: token quotas and the limit on a credential's active tokens, exact across processes.
// Two Keyward processes need a PostgreSQL server (CI sets DATABASE_URL); the embedded database serves one.

interface TokenAnswer {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

async function tokenFrom(baseUrl: string, client: ClientWithSecret): Promise<TokenAnswer> {
  const response = await fetch(`${baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

const rateLimit = (answer: TokenAnswer) => ({
  limit: answer.headers.get('ratelimit-limit'),
  remaining: answer.headers.get('ratelimit-remaining'),
  reset: answer.headers.get('ratelimit-reset'),
});

/** A few seconds before the top of the hour a run of requests could straddle two hourly windows: wait for the next. */
async function clearOfHourBoundary(): Promise<void> {
  const untilNextHour = 3_600_000 - (Date.now() % 3_600_000);
  if (untilNextHour < 20_000) await new Promise((resolve) => setTimeout(resolve, untilNextHour + 1000));
}

describe.skipIf(!process.env.DATABASE_URL)('token quotas across two Keyward processes on one PostgreSQL', () => {
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

  const client = (fields: Record<string, unknown> = {}) =>
    a.clientWithSecret(admin, { client: { name: 'Quota client', ...fields }, expiresAt: new Date(Date.now() + DAY_MS) });

  it('are off by default: tokens carry no RateLimit fields and nothing is written to count them', async () => {
    const plain = await client();
    for (const url of [a.baseUrl, bUrl, a.baseUrl]) {
      const answer = await tokenFrom(url, plain);
      expect(answer.status).toBe(200);
      expect([...answer.headers.keys()].filter((name) => name.startsWith('ratelimit'))).toEqual([]);
      expect(answer.headers.get('retry-after')).toBeNull();
    }
    expect(await a.sql('select * from token_quota_usage')).toEqual([]);
    expect(await a.sql('select * from active_token')).toEqual([]);
  });

  it('5 tokens per hour, enforced: the first five count down RateLimit-Remaining 4..0, the sixth gets 429 with Retry-After', async () => {
    await clearOfHourBoundary();
    const limited = await client({ tokensPerHour: 5 });
    const answers: TokenAnswer[] = [];
    // Alternating between the processes: the count is kept in PostgreSQL, not in either of them.
    for (const url of [a.baseUrl, bUrl, a.baseUrl, bUrl, a.baseUrl, bUrl]) answers.push(await tokenFrom(url, limited));
    const untilNextHour = Math.ceil((3_600_000 - (Date.now() % 3_600_000)) / 1000);

    expect(answers.slice(0, 5).map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.slice(0, 5).map((answer) => rateLimit(answer).remaining)).toEqual(['4', '3', '2', '1', '0']);
    for (const answer of answers.slice(0, 5)) {
      expect(rateLimit(answer).limit).toBe('5');
      expect(Number(rateLimit(answer).reset)).toBeGreaterThan(0);
      expect(Number(rateLimit(answer).reset)).toBeLessThanOrEqual(3600);
      expect(answer.headers.get('ratelimit-policy')).toBe('5;w=3600');
    }

    const refused = answers[5];
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('too_many_requests');
    expect(refused.body.error_description).toMatch(
      /^This client may get 5 access tokens per hour and has had them all; the next one can be had at \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:00 UTC \(in \d+ seconds\)\. Reuse an access token until it expires/,
    );
    expect(refused.body.access_token).toBeUndefined();
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Math.abs(retryAfter - untilNextHour)).toBeLessThanOrEqual(2);
    expect(rateLimit(refused)).toEqual({ limit: '5', remaining: '0', reset: String(retryAfter) });
    expect(refused.headers.get('cache-control')).toBe('no-store');

    // A refused request is not counted: the client's hour still holds 5 tokens, in either process's view.
    expect((await tokenFrom(a.baseUrl, limited)).status).toBe(429);
    expect(await a.sql('select hour_count from token_quota_usage where api_client_id = ?', [limited.id])).toEqual([{ hour_count: 5 }]);
  });

  it('monitor mode lets the sixth token through, says 0 remain, and records it in the metrics and the log', async () => {
    await clearOfHourBoundary();
    const monitored = await client({ tokensPerHour: 5, tokenQuotaMode: 'MONITOR' });
    const metric = async () => {
      const text = await (await fetch(`${a.baseUrl}/metrics`)).text();
      return Number(/^keyward_token_quota_monitored_over_total (\d+)$/m.exec(text)?.[1]);
    };
    const before = await metric();
    const answers: TokenAnswer[] = [];
    for (const url of [bUrl, a.baseUrl, bUrl, a.baseUrl, bUrl, a.baseUrl]) answers.push(await tokenFrom(url, monitored));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.map((answer) => rateLimit(answer).remaining)).toEqual(['4', '3', '2', '1', '0', '0']);
    expect(answers[5].body.access_token).toEqual(expect.any(String));
    expect(await metric()).toBe(before + 1);
    const warning = a.logs.find((line) => line.includes(monitored.clientId) && line.includes('went past its token quota'));
    expect(warning, 'a warn line naming the client').toBeDefined();
    // pino's level 40 is warn.
    expect(JSON.parse(warning as string)).toMatchObject({ level: 40, clientId: monitored.clientId, tokensPerHour: 5, tokensThisHour: 6 });
    expect(a.logs.join('\n')).not.toContain(monitored.secret);
  });

  it('max 10 active tokens per credential: of 16 requests fired at once at both processes exactly 10 succeed', async () => {
    const limited = await client({ maxActiveTokensPerCredential: 10, accessTokenLifetimeSeconds: 300 });
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => tokenFrom(i % 2 === 0 ? a.baseUrl : bUrl, limited)));

    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(6);
    for (const answer of refused) {
      expect(answer.body.error).toBe('too_many_requests');
      expect(answer.body.error_description).toMatch(
        /^This credential already holds 10 unexpired access tokens, the most its client allows at once; the next one can be had at \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d(:\d\d)? UTC, when the oldest expires/,
      );
      // The oldest of the ten expires about 300 seconds after it was issued, a moment ago.
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(290);
      expect(retryAfter).toBeLessThanOrEqual(300);
      expect(rateLimit(answer)).toEqual({ limit: '10', remaining: '0', reset: String(retryAfter) });
    }
    const remaining = answers
      .filter((answer) => answer.status === 200)
      .map((answer) => Number(rateLimit(answer).remaining))
      .sort((x, y) => x - y);
    expect(remaining).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await a.sql('select count(*)::int as n from active_token where credential_id = ?', [limited.secretId])).toEqual([{ n: 10 }]);
  });

  it("a change to the tenant's default reaches a process that holds the client in its cache", async () => {
    const { cookie } = await a.createTenant('quota-defaults');
    const tenantClient = await a.clientWithSecret(cookie, { client: { name: 'Tenant default client' } });
    const tenantUrl = `${bUrl}/tenants/quota-defaults`;
    expect((await tokenFrom(tenantUrl, tenantClient)).headers.get('ratelimit-limit')).toBeNull();
    const saved = await a.gql(
      'mutation { updateTenantSettings(input: { maxActiveTokensPerCredential: 2 }) { maxActiveTokensPerCredential tokenQuotaMode } }',
      {},
      cookie,
    );
    expect(saved.data?.updateTenantSettings).toEqual({ maxActiveTokensPerCredential: 2, tokenQuotaMode: 'ENFORCE' });
    // B hears the change on the feed; the token it issued before the limit was on is not on record, so two more fit.
    await expect
      .poll(async () => (await tokenFrom(tenantUrl, tenantClient)).headers.get('ratelimit-limit'), { timeout: 5000, interval: 50 })
      .toBe('2');
    expect((await tokenFrom(tenantUrl, tenantClient)).status).toBe(200);
    expect((await tokenFrom(tenantUrl, tenantClient)).status).toBe(429);
  });
});

describe('max active tokens per credential over time (test clock)', () => {
  const clock = new ManualClock(new Date());
  let kw: TestKeyward;
  let admin: string;

  beforeAll(async () => {
    kw = await startKeyward({ clock });
    admin = await kw.login();
  });
  afterAll(async () => kw?.destroy());

  it('the 11th token is refused with Retry-After until the oldest expires; revoking one frees its place at once', async () => {
    const limited = await kw.clientWithSecret(admin, {
      client: { name: 'Ten at a time', maxActiveTokensPerCredential: 10, accessTokenLifetimeSeconds: 300 },
      expiresAt: new Date(clock.now().getTime() + DAY_MS),
    });
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await tokenFrom(kw.baseUrl, limited);
      expect(answer.status).toBe(200);
      expect(rateLimit(answer).remaining).toBe(String(9 - i));
      tokens.push(answer.body.access_token);
      clock.advance(10_000);
    }
    // 100 s after the first token: it expires 200 s from now.
    const eleventh = await tokenFrom(kw.baseUrl, limited);
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('retry-after')).toBe('200');
    expect(eleventh.body.error_description).toContain('when the oldest expires (in 200 seconds).');
    expect(rateLimit(eleventh)).toEqual({ limit: '10', remaining: '0', reset: '200' });

    clock.advance(199_000);
    expect((await tokenFrom(kw.baseUrl, limited)).headers.get('retry-after')).toBe('1');
    clock.advance(1_000);
    // The oldest has expired: one place is free, and the next one frees 10 s later.
    const afterExpiry = await tokenFrom(kw.baseUrl, limited);
    expect(afterExpiry.status).toBe(200);
    expect(rateLimit(afterExpiry).remaining).toBe('0');
    const full = await tokenFrom(kw.baseUrl, limited);
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBe('10');

    // The client revokes one of its tokens (RFC 7009): it no longer counts.
    const revoke = await fetch(`${kw.baseUrl}/oauth2/revoke`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${limited.clientId}:${limited.secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token: tokens[5] }).toString(),
    });
    expect(revoke.status).toBe(200);
    expect((await tokenFrom(kw.baseUrl, limited)).status).toBe(200);
    expect((await tokenFrom(kw.baseUrl, limited)).status).toBe(429);
  });

  it('quota settings are read and set over GraphQL; a bad value is refused naming the field', async () => {
    const { id } = await kw.apiClient(admin, { name: 'Settings client' });
    const bad = await kw.gql(
      'mutation($id: ID!) { updateApiClient(id: $id, input: { tokensPerHour: 0, maxActiveTokensPerCredential: 100001 }) { id } }',
      { id },
      admin,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions?.field).toBe('tokensPerHour');
    expect(bad.errors?.[0].message).toContain('Tokens per hour must be a whole number from 1 to 1,000,000; 0 is outside that range.');
    expect(bad.errors?.[0].message).toContain(
      'Max active tokens per credential must be a whole number from 1 to 100,000; 100001 is outside that range.',
    );

    const set = await kw.gql(
      'mutation($id: ID!) { updateApiClient(id: $id, input: { tokensPerDay: 1000, tokenQuotaMode: MONITOR }) { tokensPerHour tokensPerDay tokenQuotaMode maxActiveTokensPerCredential } }',
      { id },
      admin,
    );
    expect(set.data?.updateApiClient).toEqual({
      tokensPerHour: null,
      tokensPerDay: 1000,
      tokenQuotaMode: 'MONITOR',
      maxActiveTokensPerCredential: null,
    });
    // null puts a field back on the tenant's default; a field left out is unchanged.
    const reset = await kw.gql(
      'mutation($id: ID!) { updateApiClient(id: $id, input: { tokensPerDay: null }) { tokensPerDay tokenQuotaMode } }',
      { id },
      admin,
    );
    expect(reset.data?.updateApiClient).toEqual({ tokensPerDay: null, tokenQuotaMode: 'MONITOR' });

    const badTenant = await kw.gql('mutation { updateTenantSettings(input: { tokensPerDay: -5 }) { id } }', {}, admin);
    expect(badTenant.errors?.[0].extensions?.field).toBe('tokensPerDay');
    expect(badTenant.errors?.[0].message).toBe(
      'Tokens per day must be a whole number from 1 to 10,000,000; -5 is outside that range. Send null for no daily quota.',
    );
    const tenant = await kw.gql(
      'mutation { updateTenantSettings(input: { tokensPerHour: 100, tokenQuotaMode: MONITOR }) { tokensPerHour tokensPerDay tokenQuotaMode maxActiveTokensPerCredential } }',
      {},
      admin,
    );
    expect(tenant.data?.updateTenantSettings).toEqual({
      tokensPerHour: 100,
      tokensPerDay: null,
      tokenQuotaMode: 'MONITOR',
      maxActiveTokensPerCredential: null,
    });
    const read = await kw.gql('{ viewer { tenant { tokensPerHour tokenQuotaMode } } }', {}, admin);
    expect(read.data?.viewer.tenant).toEqual({ tokensPerHour: 100, tokenQuotaMode: 'MONITOR' });
    const audit = await kw.sql<{ changes: Record<string, unknown> }>(
      "select changes from audit_event where action = 'tenant.updated' order by occurred_at desc limit 1",
    );
    expect(audit[0].changes).toMatchObject({ tokensPerHour: { from: null, to: 100 }, tokenQuotaMode: { from: 'enforce', to: 'monitor' } });
    await kw.gql('mutation { updateTenantSettings(input: { tokensPerHour: null, tokenQuotaMode: ENFORCE }) { id } }', {}, admin);
  });

  it("only a security administrator changes a client's quotas; an editor may save the client with them as they are", async () => {
    const editor = await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE, Permission.CLIENT_EDIT]);
    const created = await kw.gql(
      'mutation { createApiClient(input: { name: "Self-limited", contactEmails: ["ops@example.com"], tokensPerHour: 100000 }) { id } }',
      {},
      editor,
    );
    expect(created.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(created.errors?.[0].message).toBe(
      "You cannot change tokensPerHour: a client's token quotas need the permission SECURITY_ADMINISTRATION (Security Administration), which you do not hold. Leave the quota fields as they are, or ask a security administrator.",
    );

    const { id } = await kw.apiClient(admin, { name: 'Limited by security', tokensPerHour: 50 });
    const lift = await kw.gql('mutation($id: ID!) { updateApiClient(id: $id, input: { tokensPerHour: null }) { id } }', { id }, editor);
    expect(lift.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // What the client page sends: every field, the quotas unchanged.
    const rename = await kw.gql(
      'mutation($id: ID!) { updateApiClient(id: $id, input: { name: "Renamed", tokensPerHour: 50, tokensPerDay: null, tokenQuotaMode: null }) { name tokensPerHour } }',
      { id },
      editor,
    );
    expect(rename.errors).toBeUndefined();
    expect(rename.data?.updateApiClient).toEqual({ name: 'Renamed', tokensPerHour: 50 });
  });
});
