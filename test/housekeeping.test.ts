import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../server/cli.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';

// docs/limits.md#housekeeping: revoked_token, login_failure, session, dpop_proof and client_assertion no longer grow forever.
let kw: TestKeyward;
let admin: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
});
afterAll(async () => {
  await kw?.destroy();
});

const tag = () => randomBytes(6).toString('hex');

/** Rows of each kind, some ended long ago and some still needed; returns their keys. */
async function seed() {
  const client = await kw.clientWithSecret(admin, { client: { name: `Housekeeping ${tag()}` } });
  const revoked = { expired: `expired-${tag()}`, live: `live-${tag()}` };
  for (const [jti, expiresIn] of [
    [revoked.expired, '-1 hour'],
    [revoked.live, '1 hour'],
  ]) {
    await kw.sql(`insert into revoked_token (jti, api_client_id, expires_at, revoked_at) values (?, ?, now() + ?::interval, now())`, [
      jti,
      client.id,
      expiresIn,
    ]);
  }
  const failures = { old: `account:old-${tag()}@example.com`, recent: `account:recent-${tag()}@example.com` };
  for (const [key, startedAgo] of [
    [failures.old, '8 days'],
    [failures.recent, '2 days'],
  ]) {
    await kw.sql(`insert into login_failure (key, window_started_at, failures) values (?, now() - ?::interval, 3)`, [key, startedAgo]);
  }
  const [user] = await kw.sql<{ id: string }>("select id from app_user where email = 'admin@example.com'");
  const sessions = { expired: tag(), idle: tag(), live: tag() };
  for (const [hash, expiresIn, seenAgo] of [
    [sessions.expired, '-1 minute', '0 seconds'],
    [sessions.idle, '1 day', '3 hours'],
    [sessions.live, '1 day', '1 minute'],
  ]) {
    await kw.sql(
      `insert into session (token_hash, public_id, user_id, created_at, expires_at, last_seen_at)
       values (?, ?, ?, now() - interval '1 day', now() + ?::interval, now() - ?::interval)`,
      [hash, randomUUID(), user.id, expiresIn, seenAgo],
    );
  }
  const proofs = { old: tag(), recent: tag() };
  for (const [jtiHash, expiresIn] of [
    [proofs.old, '-1 minute'],
    [proofs.recent, '4 minutes'],
  ]) {
    await kw.sql(`insert into dpop_proof (jkt, jti_hash, expires_at) values ('key-thumbprint', ?, now() + ?::interval)`, [
      jtiHash,
      expiresIn,
    ]);
  }
  const assertions = { expired: `expired-${tag()}`, live: `live-${tag()}` };
  for (const [jti, expiresIn] of [
    [assertions.expired, '-1 minute'],
    [assertions.live, '5 minutes'],
  ]) {
    await kw.sql(`insert into client_assertion (api_client_id, jti, expires_at) values (?, ?, now() + ?::interval)`, [
      client.id,
      jti,
      expiresIn,
    ]);
  }
  const active = { expired: `expired-${tag()}`, live: `live-${tag()}` };
  for (const [jti, expiresIn] of [
    [active.expired, '-1 minute'],
    [active.live, '5 minutes'],
  ]) {
    await kw.sql(
      `insert into active_token (jti, credential_id, issued_at, expires_at) values (?, ?, now() - interval '10 minutes', now() + ?::interval)`,
      [jti, client.secretId, expiresIn],
    );
  }
  const quotaClients = { old: randomUUID(), today: randomUUID() };
  for (const [id, dayStarted] of [
    [quotaClients.old, '3 days'],
    [quotaClients.today, '0 days'],
  ]) {
    await kw.sql(
      `insert into token_quota_usage (api_client_id, hour_start, hour_count, day_start, day_count)
       values (?, date_trunc('hour', now() - ?::interval), 4, date_trunc('day', now() - ?::interval), 9)`,
      [id, dayStarted, dayStarted],
    );
  }
  return { revoked, failures, sessions, proofs, assertions, active, quotaClients };
}

const exists = async (table: string, column: string, value: string) =>
  (await kw.sql(`select 1 from "${table}" where "${column}" = ?`, [value])).length === 1;

describe('housekeeping', () => {
  it('deletes revocations of expired tokens, sign-in failure counters older than 7 days, ended sessions, used DPoP proofs past their age and expired client assertion IDs, and keeps the rest', async () => {
    const { revoked, failures, sessions, proofs, assertions, active, quotaClients } = await seed();
    const swept = await kw.keyward.services.housekeeping.run();
    expect(swept.revokedTokens).toBeGreaterThanOrEqual(1);
    expect(swept.loginFailures).toBeGreaterThanOrEqual(1);
    expect(swept.sessions).toBeGreaterThanOrEqual(2);
    expect(swept.dpopProofs).toBeGreaterThanOrEqual(1);
    expect(swept.clientAssertions).toBeGreaterThanOrEqual(1);
    expect(swept.activeTokens).toBeGreaterThanOrEqual(1);
    expect(swept.tokenQuotaCounters).toBeGreaterThanOrEqual(1);
    // An expired token no longer counts against its credential's limit; a quota counter two days old counts nothing.
    expect(await exists('active_token', 'jti', active.expired)).toBe(false);
    expect(await exists('active_token', 'jti', active.live)).toBe(true);
    expect(await exists('token_quota_usage', 'api_client_id', quotaClients.old)).toBe(false);
    expect(await exists('token_quota_usage', 'api_client_id', quotaClients.today)).toBe(true);
    // An expired assertion cannot be replayed anyway; a live one's jti is still needed to refuse it a second time.
    expect(await exists('client_assertion', 'jti', assertions.expired)).toBe(false);
    expect(await exists('client_assertion', 'jti', assertions.live)).toBe(true);

    expect(await exists('revoked_token', 'jti', revoked.expired)).toBe(false);
    expect(await exists('revoked_token', 'jti', revoked.live)).toBe(true);
    expect(await exists('login_failure', 'key', failures.old)).toBe(false);
    expect(await exists('login_failure', 'key', failures.recent)).toBe(true);
    expect(await exists('session', 'token_hash', sessions.expired)).toBe(false);
    // Idle past KEYWARD_SESSION_IDLE_SECONDS (2 hours by default).
    expect(await exists('session', 'token_hash', sessions.idle)).toBe(false);
    expect(await exists('session', 'token_hash', sessions.live)).toBe(true);
    // A used proof is remembered while its age still lets it be accepted: until then a replay is refused by its row.
    expect(await exists('dpop_proof', 'jti_hash', proofs.old)).toBe(false);
    expect(await exists('dpop_proof', 'jti_hash', proofs.recent)).toBe(true);
    // The admin's own session (signed in above) still works.
    expect((await kw.gql('{ viewer { user { email } } }', {}, admin)).data?.viewer.user.email).toBe('admin@example.com');
  });

  it('runs from the CLI, saying what it deleted', async () => {
    await seed();
    let out = '';
    let err = '';
    const code = await runCli(['housekeeping', 'run'], { stdout: (t) => (out += t), stderr: (t) => (err += t), env: kw.cliEnv });
    expect(code, err).toBe(0);
    expect(out).toMatch(
      /^Housekeeping: deleted [1-9]\d* revocations of expired tokens, [1-9]\d* old sign-in failure counters, [2-9]\d* ended sessions, [1-9]\d* used DPoP proofs past their age, [1-9]\d* used client assertion IDs, \d+ records of expired access tokens and \d+ old token quota counters\.$/m,
    );
  });
});
