import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';

/** Sessions end after 10 idle minutes, and 30 minutes after sign-in however busy. */
const IDLE_SECONDS = 600;
const TTL_SECONDS = 1800;
const SECOND = 1000;

const VIEWER = '{ viewer { actor { type displayName } } }';
const SESSIONS = '{ mySessions { createdAt expiresAt lastSeenAt current } }';
const SIGNED_OUT = 'Sign in first: this request has no valid session, API key or access token.';

// Only ever moved forward, so the sessions' times stay ahead of the database's own clock.
const clock = new ManualClock(new Date());
let kw: TestKeyward;

beforeAll(async () => {
  kw = await startKeyward({
    clock,
    env: { KEYWARD_SESSION_IDLE_SECONDS: String(IDLE_SECONDS), KEYWARD_SESSION_TTL_SECONDS: String(TTL_SECONDS) },
  });
});
afterAll(async () => kw?.destroy());

async function signedIn(): Promise<{ email: string; cookie: string }> {
  const email = `sessions-${randomBytes(4).toString('hex')}@example.com`;
  return { email, cookie: await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email }) };
}

/** The answer to a request with the cookie: 'ok', or the refusal's code and message. */
async function request(cookie: string): Promise<'ok' | { code: unknown; message: string }> {
  const result = await kw.gql(VIEWER, {}, cookie);
  if (!result.errors) return 'ok';
  return { code: result.errors[0].extensions?.code, message: result.errors[0].message };
}

const refused = { code: 'UNAUTHENTICATED', message: SIGNED_OUT };

describe('a session on the manual clock', () => {
  it('is stamped with the clock at sign-in: created now, ending after the absolute lifetime, and so is its audit event', async () => {
    const signInAt = clock.now();
    const { email, cookie } = await signedIn();
    const [session] = (await kw.gql(SESSIONS, {}, cookie)).data?.mySessions ?? [];
    expect(session).toEqual({
      createdAt: signInAt.toISOString(),
      lastSeenAt: signInAt.toISOString(),
      expiresAt: new Date(signInAt.getTime() + TTL_SECONDS * SECOND).toISOString(),
      current: true,
    });
    const [event] = await kw.sql<{ occurred_at: Date }>(
      "select occurred_at from audit_event where action = 'auth.login' and target_name = ?",
      [email],
    );
    expect(new Date(event.occurred_at).toISOString()).toBe(signInAt.toISOString());
  });

  it('ends after the idle timeout without a request, with the product’s message', async () => {
    const { cookie } = await signedIn();
    clock.advance(IDLE_SECONDS * SECOND - SECOND);
    expect(await request(cookie)).toBe('ok');
    clock.advance(IDLE_SECONDS * SECOND);
    expect(await request(cookie)).toEqual(refused);
    // A refused request is no use of the session: it stays ended.
    expect(await request(cookie)).toEqual(refused);
  });

  it('slides: each request just before the idle timeout keeps it alive, past what one idle period would allow', async () => {
    const { cookie } = await signedIn();
    for (let i = 0; i < 2; i++) {
      clock.advance(IDLE_SECONDS * SECOND - SECOND);
      expect(await request(cookie), `request ${i + 1}`).toBe('ok');
    }
    // Nearly two idle periods after sign-in, yet used a moment ago.
    clock.advance(IDLE_SECONDS * SECOND - SECOND);
    expect(await request(cookie)).toBe('ok');
    clock.advance(IDLE_SECONDS * SECOND);
    expect(await request(cookie)).toEqual(refused);
  });

  it('ends at its absolute lifetime however busy it is', async () => {
    const { cookie } = await signedIn();
    // A request every 5 minutes (never idle) for 25 minutes, then one a second before the 30 minutes are up.
    for (let minutes = 5; minutes <= 25; minutes += 5) {
      clock.advance(300 * SECOND);
      expect(await request(cookie), `after ${minutes} minutes`).toBe('ok');
    }
    clock.advance(300 * SECOND - SECOND);
    expect(await request(cookie)).toBe('ok');
    clock.advance(SECOND);
    expect(await request(cookie)).toEqual(refused);
  });

  it('a sign-in sweeps the ended sessions by the same clock, and leaves live ones', async () => {
    const ended = await signedIn();
    clock.advance(IDLE_SECONDS * SECOND);
    const live = await signedIn();
    const rows = await kw.sql<{ email: string }>(
      'select u.email from session s join app_user u on u.id = s.user_id where u.email in (?, ?)',
      [ended.email, live.email],
    );
    expect(rows.map((row) => row.email)).toEqual([live.email]);
    expect(await request(live.cookie)).toBe('ok');
  });
});
