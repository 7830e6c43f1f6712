import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyward } from '../server/app/runtime.js';
import { loadConfig } from '../server/config.js';
import { Actor, ActorType } from '../server/kernel/actor.js';
import { createLogger } from '../server/logger.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, provisionDatabase, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

// docs/limits.md#sign-in-limits and #passwords: the failure budget is taken before the password is checked, lockouts grow,
// a password reset lifts them, changeMyPassword shares the budget, and weak passwords are refused saying why.

const BUDGET = 5;
const CLI = Actor.of(ActorType.SYSTEM, null, 'Keyward CLI');
const CHANGE_PASSWORD = 'mutation($current: String!, $next: String!) { changeMyPassword(currentPassword: $current, newPassword: $next) }';
const STRONG = 'violet-harbour-tractor-57';

let kw: TestKeyward;
let n = 0;

beforeAll(async () => {
  // The address budget is out of the way: every request here comes from 127.0.0.1.
  kw = await startKeyward({
    env: { KEYWARD_LOGIN_MAX_FAILURES_PER_ACCOUNT: String(BUDGET), KEYWARD_LOGIN_MAX_FAILURES_PER_IP: '100000' },
  });
});
afterAll(async () => kw?.destroy());

function login(email: string, password: string) {
  return fetch(`${kw.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

/** A user of their own for each test, signed in once (its cookie). */
async function newUser(): Promise<{ email: string; cookie: string }> {
  const email = `abuse-${++n}-${Date.now()}@example.com`;
  return { email, cookie: await kw.userWith([], { email }) };
}

/** Passwords actually checked for the account and found wrong: each one is audited as auth.login_failed. */
async function checkedAndWrong(email: string, reason: string): Promise<number> {
  const [row] = await kw.sql<{ n: number }>(
    "select count(*)::int as n from audit_event where action = 'auth.login_failed' and target_name = ? and changes->'reason'->>'to' = ?",
    [email, reason],
  );
  return row.n;
}

/** Moves the account's counter back in time, as if `seconds` had passed. */
async function letTimePass(email: string, seconds: number): Promise<void> {
  await kw.sql(
    `update login_failure set window_started_at = window_started_at - make_interval(secs => ?),
       locked_until = locked_until - make_interval(secs => ?) where key = ?`,
    [seconds, seconds, `account:${email}`],
  );
}

/** Uses up the account's budget one wrong password at a time; returns the Retry-After of the refusal that follows. */
async function lockOut(email: string): Promise<number> {
  for (let i = 0; i < BUDGET; i++) expect((await login(email, `wrong-guess-${i}-${n}-x`)).status).toBe(401);
  const refused = await login(email, USER_PASSWORD);
  expect(refused.status).toBe(429);
  return Number(refused.headers.get('retry-after'));
}

describe('the sign-in failure budget', () => {
  it('is taken before the password is checked: 30 parallel wrong sign-ins get at most the budget of checks', async () => {
    const { email } = await newUser();
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => login(email, `parallel-wrong-${i}-guess`)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(BUDGET).fill(401), ...Array(30 - BUDGET).fill(429)]);
    expect(await checkedAndWrong(email, 'wrong password')).toBe(BUDGET);
    const limited = responses.find((r) => r.status === 429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited?.json()).toMatchObject({
      message: expect.stringMatching(/^Too many failed sign-ins for this account\. Wait 1 minute/),
    });
    // The right password is refused as well until the lockout ends, and is not checked either.
    expect((await login(email, USER_PASSWORD)).status).toBe(429);
    expect(await checkedAndWrong(email, 'wrong password')).toBe(BUDGET);
  });

  it('does not refuse a parallel burst of right sign-ins: they wait for the tries being checked', async () => {
    const { email } = await newUser();
    const statuses = await Promise.all(Array.from({ length: 3 * BUDGET }, () => login(email, USER_PASSWORD).then((r) => r.status)));
    expect(statuses).toEqual(Array(3 * BUDGET).fill(200));
  });

  it('gives the try back on a right password: failures before a success do not add up', async () => {
    const { email } = await newUser();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < BUDGET - 1; i++) expect((await login(email, `almost-${round}-${i}-guess`)).status).toBe(401);
      expect((await login(email, USER_PASSWORD)).status).toBe(200);
    }
    expect(await kw.sql('select key from login_failure where key = ?', [`account:${email}`])).toEqual([]);
  });

  it('locks out for longer each time in a row (1, 5, 15 minutes…), forgets after a day, and a password reset lifts it', async () => {
    const { email } = await newUser();
    const first = await lockOut(email);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(60);

    // The first lockout ends; the next budget runs out too, and this lockout lasts longer.
    await letTimePass(email, 61);
    const second = await lockOut(email);
    expect(second).toBeGreaterThan(first);
    expect(second).toBeGreaterThan(60);
    expect(second).toBeLessThanOrEqual(300);

    await letTimePass(email, 301);
    const third = await lockOut(email);
    expect(third).toBeGreaterThan(300);
    expect(third).toBeLessThanOrEqual(900);

    // A day after the last lockout ended, the next one is short again.
    await letTimePass(email, 900 + 86_400);
    expect(await lockOut(email)).toBeLessThanOrEqual(60);

    // An operator's reset (CLI `user reset-password`): the new password signs in at once.
    const next = 'ocean-lantern-piano-4711';
    await kw.keyward.services.tenants.resetPassword(email, next, CLI);
    expect((await login(email, next)).status).toBe(200);
    expect(await kw.sql('select key from login_failure where key = ?', [`account:${email}`])).toEqual([]);
  });
});

describe('changeMyPassword', () => {
  it('counts a wrong current password as a failed sign-in: of 300 guesses, only the budget is checked', async () => {
    const { email, cookie } = await newUser();
    const answers = [];
    // Thirty at a time, as fast as they go.
    for (let batch = 0; batch < 10; batch++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 30 }, (_, i) => kw.gql(CHANGE_PASSWORD, { current: `guess-${batch}-${i}-wrong`, next: STRONG }, cookie)),
        )),
      );
    }
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code);
    expect(codes.filter((c) => c === 'BAD_USER_INPUT')).toHaveLength(BUDGET);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(300 - BUDGET);
    expect(await checkedAndWrong(email, 'wrong current password')).toBe(BUDGET);
    const limited = answers.find((a) => a.errors?.[0]?.extensions?.code === 'RATE_LIMITED')?.errors?.[0];
    expect(limited).toMatchObject({
      message: expect.stringMatching(/^Too many failed sign-ins for this account\./),
      extensions: { retryAfterSeconds: expect.any(Number) },
    });

    // While locked out, the right current password is refused too (not checked), and so is signing in.
    const right = await kw.gql(CHANGE_PASSWORD, { current: USER_PASSWORD, next: STRONG }, cookie);
    expect(right.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await login(email, USER_PASSWORD)).status).toBe(429);

    // Once it ends, the right one works and gives the account its whole budget back.
    await letTimePass(email, 61);
    expect((await kw.gql(CHANGE_PASSWORD, { current: USER_PASSWORD, next: STRONG }, cookie)).data?.changeMyPassword).toBe(true);
    expect((await login(email, STRONG)).status).toBe(200);
  });

  it('shares the budget with sign-in: wrong sign-ins then a wrong current password lock the account', async () => {
    const { email, cookie } = await newUser();
    for (let i = 0; i < BUDGET - 1; i++) expect((await login(email, `shared-${i}-wrong-guess`)).status).toBe(401);
    const wrong = await kw.gql(CHANGE_PASSWORD, { current: 'not-my-password-at-all', next: STRONG }, cookie);
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } });
    expect((await login(email, USER_PASSWORD)).status).toBe(429);
  });
});

describe('password strength', () => {
  async function refusal(next: string) {
    const { cookie } = await newUser();
    const result = await kw.gql(CHANGE_PASSWORD, { current: USER_PASSWORD, next }, cookie);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    return result.errors?.[0]?.message;
  }

  it('refuses short, common and repeated-character passwords, saying why and naming the field', async () => {
    expect(await refusal('Xk3#mP9$vL2')).toBe('The new password is too short: use at least 12 characters.');
    expect(await refusal('password1234')).toMatch(/^The new password is too easy to guess: it is close to a commonly used password\. /);
    expect(await refusal('aaaaaaaaaaaaaaaa')).toMatch(
      /^The new password is too easy to guess: it repeats the same character \(like "aaa"\)\. /,
    );
    expect(await refusal('abcdefghijklmnop')).toMatch(/^The new password is too easy to guess: it is a common sequence/);
    // Every refusal says what to do instead.
    expect(await refusal('qwertyuiop12')).toMatch(/Use several uncommon words, or a random password from a password manager\.$/);
  });

  it('refuses a password built on the person’s own email address', async () => {
    const { email, cookie } = await newUser();
    const result = await kw.gql(CHANGE_PASSWORD, { current: USER_PASSWORD, next: email }, cookie);
    expect(result.errors?.[0]?.message).toMatch(/^The new password is too easy to guess: it contains your email address or name\./);
  });

  it('accepts a strong one', async () => {
    const { email, cookie } = await newUser();
    expect((await kw.gql(CHANGE_PASSWORD, { current: USER_PASSWORD, next: STRONG }, cookie)).data?.changeMyPassword).toBe(true);
    expect((await login(email, STRONG)).status).toBe(200);
  });

  it('holds for an operator’s reset and a new tenant’s admin password, naming their fields', async () => {
    const { email } = await newUser();
    await expect(kw.keyward.services.tenants.resetPassword(email, 'password1234', CLI)).rejects.toMatchObject({
      field: 'password',
      message: expect.stringMatching(/^The password is too easy to guess: /),
    });
    await expect(
      kw.keyward.services.tenants.createTenant(
        { slug: `weak-${n}`, name: 'Weak', adminEmail: `root-${n}@weak.example`, adminPassword: 'aaaaaaaaaaaaaaaa' },
        CLI,
      ),
    ).rejects.toMatchObject({ field: 'adminPassword', message: expect.stringMatching(/^The admin password is too easy to guess: /) });
    expect(await kw.sql('select slug from tenant where slug = ?', [`weak-${n}`])).toEqual([]);
  });

  it('a weak KEYWARD_ADMIN_PASSWORD stops the first start, saying why', async () => {
    const database = await provisionDatabase();
    try {
      const config = loadConfig({
        NODE_ENV: 'test',
        KEYWARD_ADMIN_PASSWORD: 'password1234',
        KEYWARD_REMINDER_SCHEDULER: 'off',
        ...database.env,
      });
      await expect(createKeyward(config, createLogger('silent'), { inMemory: !('DATABASE_URL' in database.env) })).rejects.toThrow(
        /^KEYWARD_ADMIN_PASSWORD is too easy to guess: it is close to a commonly used password\. .*Set a stronger KEYWARD_ADMIN_PASSWORD, or leave it unset and Keyward generates one\.$/,
      );
    } finally {
      await database.drop();
    }
  });
});

describe('the bootstrap admin', () => {
  it('given by KEYWARD_ADMIN_PASSWORD need not change it', async () => {
    const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(await response.json()).toMatchObject({ mustChangePassword: false });
  });

  it('with a generated password must change it at first sign-in', async () => {
    const fresh = await startKeyward({ env: { KEYWARD_ADMIN_PASSWORD: '' } });
    try {
      const [admin] = await fresh.sql<{ must_change_password: boolean }>('select must_change_password from app_user where email = ?', [
        ADMIN_EMAIL,
      ]);
      expect(admin.must_change_password).toBe(true);
      const [created] = await fresh.sql<{ changes: unknown }>("select changes from audit_event where action = 'user.created'");
      expect(created.changes).toMatchObject({ mustChangePassword: { from: null, to: true } });
    } finally {
      await fresh.destroy();
    }
  });
});
