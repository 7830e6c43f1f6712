import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

let kw: TestKeyward;

beforeAll(async () => {
  kw = await startKeyward({ env: { KEYWARD_LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', KEYWARD_LOGIN_MAX_FAILURES_PER_IP: '12' } });
});
afterAll(async () => kw?.destroy());

function login(email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${kw.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

const VIEWER = '{ viewer { actor { type displayName } tenant { slug } } }';

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie that opens GraphQL', async () => {
    const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kw_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    const viewer = await kw.gql(VIEWER, {}, cookie?.split(';')[0]);
    expect(viewer.data?.viewer).toEqual({
      actor: { type: 'USER', displayName: 'Administrator <admin@example.com>' },
      tenant: { slug: 'default' },
    });
  });

  it('accepts the email in any case', async () => {
    expect((await login(' Admin@Example.COM ', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('stores passwords as argon2id hashes', async () => {
    const [row] = await kw.sql<{ password_hash: string }>('select password_hash from app_user where email = ?', [ADMIN_EMAIL]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.password_hash).not.toContain(ADMIN_PASSWORD);
  });

  it('refuses a wrong password and an unknown email with the same message, and audits both', async () => {
    await kw.userWith([], { email: 'someone@example.com' });
    const wrong = await login('someone@example.com', 'wrong-password-123');
    const unknown = await login('nobody@example.com', 'wrong-password-123');
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: 'invalid_credentials',
        message: 'The email or password is not right. Check both and try again.',
      });
    }
    const events = await kw.sql<{ action: string; actor_name: string; tenant_id: string | null; changes: unknown }>(
      "select action, actor_name, tenant_id, changes from audit_event where action = 'auth.login_failed' order by occurred_at",
    );
    expect(events.map((e) => e.actor_name)).toEqual(['someone@example.com', 'nobody@example.com']);
    // A failure for a known account lands in its tenant's trail; an unknown account's in the system chain.
    expect(events[0].tenant_id).not.toBeNull();
    expect(events[1].tenant_id).toBeNull();
    expect(events.map((e) => e.changes)).toEqual([
      { reason: { from: null, to: 'wrong password' } },
      { reason: { from: null, to: 'unknown account' } },
    ]);
  });

  it('refuses a missing password with a message naming the field', async () => {
    const response = await fetch(`${kw.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Enter your password.', field: 'password' });
  });

  it('refuses malformed JSON with 400, not 500', async () => {
    const response = await fetch(`${kw.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(response.status).toBe(400);
  });

  it('locks an account for a while after 5 failures, even for the right password, with Retry-After', async () => {
    await kw.userWith([], { email: 'victim@example.com' });
    for (let i = 0; i < 5; i++) expect((await login('victim@example.com', `guess-${i}-xxxxxxxx`)).status).toBe(401);
    const locked = await login('victim@example.com', 'a-long-test-password-1');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await locked.json()) as { message: string }).message).toMatch(/Too many failed sign-ins for this account/);
    // Other accounts are not affected by this account's lock.
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
  });

  it('limits failures per IP address across accounts', async () => {
    const fresh = await startKeyward({ env: { KEYWARD_LOGIN_MAX_FAILURES_PER_IP: '3' } });
    try {
      const attempt = (email: string) =>
        fetch(`${fresh.baseUrl}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'wrong-password-xyz' }),
        });
      for (const n of [1, 2, 3]) expect((await attempt(`spray${n}@example.com`)).status).toBe(401);
      const blocked = await attempt('spray4@example.com');
      expect(blocked.status).toBe(429);
      expect(((await blocked.json()) as { message: string }).message).toMatch(/from your network address/);
    } finally {
      await fresh.destroy();
    }
  });
});

describe('sessions', () => {
  it('end on sign-out', async () => {
    const cookie = await kw.login();
    const logout = await fetch(`${kw.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(logout.status).toBe(200);
    expect(logout.headers.getSetCookie().join()).toMatch(/kw_session=;/);
    expect((await kw.gql(VIEWER, {}, cookie)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('expire', async () => {
    const cookie = await kw.login();
    await kw.sql("update session set expires_at = now() - interval '1 second'");
    expect((await kw.gql(VIEWER, {}, cookie)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stop working when the user is disabled, and a disabled user cannot sign in', async () => {
    const cookie = await kw.userWith([], { email: 'leaver@example.com' });
    await kw.sql("update app_user set status = 'DISABLED' where email = 'leaver@example.com'");
    expect((await kw.gql(VIEWER, {}, cookie)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login('leaver@example.com', 'a-long-test-password-1')).status).toBe(401);
  });

  it('never write passwords or session tokens to the log', async () => {
    const cookie = await kw.login();
    await kw.gql(VIEWER, {}, cookie);
    const logs = kw.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(ADMIN_PASSWORD);
    expect(logs).not.toContain('wrong-password-123');
    expect(logs).not.toContain(cookie.split('=')[1]);
  });
});
