import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { ADVISORY_LOCKS } from '../db/advisory-locks.js';
import type { Orm } from '../db/orm.js';
import { humanDate } from '../kernel/human-date.js';
import type { EffectiveTokenQuota } from '../tenants/token-quota.rules.js';
import { TooManyTokens } from './errors.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The token about to be issued: its ID and lifetime, so its place among the active tokens is taken before it is signed. */
export interface TokenToIssue {
  jti: string;
  /** Epoch seconds, as in the token's iat and exp claims. */
  iat: number;
  exp: number;
}

/** Who asks: the client's effective quota and the credential it authenticated with. */
export interface QuotaRequest {
  clientUuid: string;
  clientId: string;
  quota: EffectiveTokenQuota;
  credentialId: string;
  /** Tokens issued up to this instant (epoch ms; the later of the client's and the credential's) are inactive for good. */
  tokensNotBefore: number | null;
}

/** One limit as the RateLimit fields describe it (draft-ietf-httpapi-ratelimit-headers-06). */
interface LimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
  /** The policy's window in seconds (`w`), for RateLimit-Policy. */
  windowSeconds: number;
}

interface UsageRow {
  hour_start: Date;
  hour_count: number;
  day_start: Date;
  day_count: number;
}

/**
 * Counts a request against both windows, or neither, in one statement: the row lock of ON CONFLICT makes it exact
 * across processes. In enforce mode the update's WHERE refuses a request past either limit, so a refused request is
 * never counted. A process whose clock is a little behind counts into the newer window rather than reopening an old one.
 */
const TAKE_SQL = `
insert into token_quota_usage as u (api_client_id, hour_start, hour_count, day_start, day_count)
values (?, ?, 1, ?, 1)
on conflict (api_client_id) do update set
  hour_count = case when u.hour_start >= excluded.hour_start then u.hour_count else 0 end + 1,
  hour_start = greatest(u.hour_start, excluded.hour_start),
  day_count = case when u.day_start >= excluded.day_start then u.day_count else 0 end + 1,
  day_start = greatest(u.day_start, excluded.day_start)
where not ?::boolean or (
  (?::int is null or case when u.hour_start >= excluded.hour_start then u.hour_count else 0 end < ?::int)
  and (?::int is null or case when u.day_start >= excluded.day_start then u.day_count else 0 end < ?::int))
returning hour_start, hour_count, day_start, day_count`;

/**
 * The credential's active tokens counted and, below the limit, the new one recorded, in one statement. It runs after
 * the credential's advisory lock is taken, so its snapshot includes every token another process recorded before.
 */
const RESERVE_SQL = `
with active as (
  select count(*)::int as n, min(expires_at) as oldest from active_token
   where credential_id = ? and expires_at > ? and issued_at > ?
), recorded as (
  insert into active_token (jti, credential_id, issued_at, expires_at)
  select ?, ?, ?, ? from active where active.n < ?
  returning 1
)
select n, oldest from active`;

/**
 * Token quotas (tokens per hour and per day, enforced or monitored) and the limit on a credential's active tokens,
 * exact across Keyward processes on one PostgreSQL (docs/token-service.md#quotas). The token endpoint calls `take` only
 * for a client whose cached effective quota is set: a client without one costs a field check.
 */
export class TokenQuotas {
  /** For /metrics: requests refused by an enforced quota or the active-token limit, and requests let past a monitored quota. */
  readonly totals = { refused: 0, monitoredOver: 0 };

  constructor(
    private readonly orm: Orm,
    private readonly logger: Logger,
  ) {}

  /**
   * Counts one token against the client's quotas and, when its credential's active tokens are limited, records the
   * token about to be issued. Returns the RateLimit response fields; throws TooManyTokens (429) when refused.
   */
  async take(request: QuotaRequest, token: TokenToIssue, now: Date): Promise<Record<string, string>> {
    const { quota } = request;
    const windowed = quota.tokensPerHour !== null || quota.tokensPerDay !== null;
    const connection = this.orm.em.getConnection();
    if (quota.maxActiveTokensPerCredential === null) {
      return rateLimitFields(quota, await this.countWindows(request, now, undefined), null);
    }
    const max = quota.maxActiveTokensPerCredential;
    return connection.transactional(async (trx) => {
      await connection.execute(
        'select pg_advisory_xact_lock(?, hashtext(?))',
        [ADVISORY_LOCKS.activeTokens, request.credentialId],
        'all',
        trx,
      );
      const [active] = await connection.execute<{ n: number; oldest: Date | null }[]>(
        RESERVE_SQL,
        [
          request.credentialId,
          now,
          new Date(request.tokensNotBefore ?? 0),
          token.jti,
          request.credentialId,
          new Date(token.iat * 1000),
          new Date(token.exp * 1000),
          max,
        ],
        'all',
        trx,
      );
      const untilOldestExpires = active.oldest ? secondsUntil(new Date(active.oldest), now) : token.exp - token.iat;
      if (active.n >= max) {
        this.totals.refused++;
        this.logger.debug({ clientId: request.clientId, credentialId: request.credentialId, max }, 'token refused: active token limit');
        const state: LimitState = { limit: max, remaining: 0, resetSeconds: untilOldestExpires, windowSeconds: token.exp - token.iat };
        throw new TooManyTokens(
          `This credential already holds ${max} unexpired access ${max === 1 ? 'token' : 'tokens'}, the most its client allows at once; the next one can be had at ${instant(new Date(now.getTime() + untilOldestExpires * 1000))}, when the oldest expires (in ${untilOldestExpires} seconds). Reuse an access token until it expires instead of requesting a new one for each call.`,
          untilOldestExpires,
          rateLimitFields(quota, null, state),
        );
      }
      const windows = windowed ? await this.countWindows(request, now, trx) : null;
      return rateLimitFields(quota, windows, {
        limit: max,
        remaining: max - active.n - 1,
        resetSeconds: untilOldestExpires,
        windowSeconds: token.exp - token.iat,
      });
    });
  }

  /** Frees the place a token took among its credential's active tokens when it was not issued after all (signing failed). */
  async release(jti: string): Promise<void> {
    await this.orm.em.getConnection().execute('delete from active_token where jti = ?', [jti]);
  }

  /** Counts the request in the client's hour and day; refuses it (enforce) or records it (monitor) past a limit. */
  private async countWindows(request: QuotaRequest, now: Date, trx: Knex.Transaction | undefined): Promise<WindowCounts | null> {
    const { quota } = request;
    if (quota.tokensPerHour === null && quota.tokensPerDay === null) return null;
    const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const dayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
    const connection = this.orm.em.getConnection();
    const [counted] = await connection.execute<UsageRow[]>(
      TAKE_SQL,
      [
        request.clientUuid,
        hourStart,
        dayStart,
        quota.enforce,
        quota.tokensPerHour,
        quota.tokensPerHour,
        quota.tokensPerDay,
        quota.tokensPerDay,
      ],
      'all',
      trx,
    );
    if (counted) {
      const counts = windowCounts(counted, now);
      if (!quota.enforce) this.recordOver(request, counts);
      return counts;
    }
    // Refused: read the row (only on this path) to say which limit it is and when it resets.
    const [row] = await connection.execute<UsageRow[]>(
      'select hour_start, hour_count, day_start, day_count from token_quota_usage where api_client_id = ?',
      [request.clientUuid],
      'all',
      trx,
    );
    const counts = windowCounts(row, now);
    this.totals.refused++;
    const hourFull = quota.tokensPerHour !== null && counts.hour >= quota.tokensPerHour;
    // The day's limit wins when both are reached: waiting for the next hour would not help.
    const dayFull = quota.tokensPerDay !== null && counts.day >= quota.tokensPerDay;
    const [limit, per, resetAt] = dayFull
      ? [quota.tokensPerDay as number, 'day', counts.dayEnd]
      : [quota.tokensPerHour as number, 'hour', counts.hourEnd];
    if (!hourFull && !dayFull) throw new Error('token quota refused a request below both limits');
    const retryAfter = secondsUntil(resetAt, now);
    this.logger.debug({ clientId: request.clientId, limit, per }, 'token refused: quota reached');
    throw new TooManyTokens(
      `This client may get ${limit} access ${limit === 1 ? 'token' : 'tokens'} per ${per} and has had them all; the next one can be had at ${instant(resetAt)} (in ${retryAfter} seconds). Reuse an access token until it expires instead of requesting a new one for each call.`,
      retryAfter,
      rateLimitFields(quota, counts, null),
    );
  }

  /** Monitor mode: every request past a limit counts in /metrics; the first of each window is logged at warn. */
  private recordOver(request: QuotaRequest, counts: WindowCounts): void {
    const { quota } = request;
    const overHour = quota.tokensPerHour !== null && counts.hour > quota.tokensPerHour;
    const overDay = quota.tokensPerDay !== null && counts.day > quota.tokensPerDay;
    if (!overHour && !overDay) return;
    this.totals.monitoredOver++;
    const first =
      (overHour && counts.hour === (quota.tokensPerHour as number) + 1) || (overDay && counts.day === (quota.tokensPerDay as number) + 1);
    if (first) {
      this.logger.warn(
        {
          clientId: request.clientId,
          tokensPerHour: quota.tokensPerHour,
          tokensPerDay: quota.tokensPerDay,
          tokensThisHour: counts.hour,
          tokensToday: counts.day,
        },
        'an API client went past its token quota (monitor mode: its tokens are still issued)',
      );
    }
  }
}

/** What a client has had in the current hour and day, and when they end. */
interface WindowCounts {
  hour: number;
  day: number;
  hourEnd: Date;
  dayEnd: Date;
  now: Date;
}

function windowCounts(row: UsageRow | undefined, now: Date): WindowCounts {
  const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  // The row's windows may be a little ahead of this process's clock (another process's): count them as current.
  const rowHour = row ? new Date(row.hour_start).getTime() : 0;
  const rowDay = row ? new Date(row.day_start).getTime() : 0;
  return {
    hour: row && rowHour >= hourStart ? row.hour_count : 0,
    day: row && rowDay >= dayStart ? row.day_count : 0,
    hourEnd: new Date(Math.max(rowHour, hourStart) + HOUR_MS),
    dayEnd: new Date(Math.max(rowDay, dayStart) + DAY_MS),
    now,
  };
}

/**
 * The RateLimit fields of draft-ietf-httpapi-ratelimit-headers-06: Limit, Remaining and Reset of the limit closest to
 * running out (the draft's advice when several apply), and RateLimit-Policy listing every limit with its window.
 */
function rateLimitFields(quota: EffectiveTokenQuota, windows: WindowCounts | null, active: LimitState | null): Record<string, string> {
  const states: LimitState[] = [];
  if (windows && quota.tokensPerHour !== null) {
    states.push({
      limit: quota.tokensPerHour,
      remaining: Math.max(0, quota.tokensPerHour - windows.hour),
      resetSeconds: secondsUntil(windows.hourEnd, windows.now),
      windowSeconds: 3600,
    });
  }
  if (windows && quota.tokensPerDay !== null) {
    states.push({
      limit: quota.tokensPerDay,
      remaining: Math.max(0, quota.tokensPerDay - windows.day),
      resetSeconds: secondsUntil(windows.dayEnd, windows.now),
      windowSeconds: 86400,
    });
  }
  if (active) states.push(active);
  if (states.length === 0) return {};
  const closest = states.reduce((a, b) =>
    b.remaining < a.remaining || (b.remaining === a.remaining && b.resetSeconds > a.resetSeconds) ? b : a,
  );
  return {
    'ratelimit-limit': String(closest.limit),
    'ratelimit-remaining': String(closest.remaining),
    'ratelimit-reset': String(closest.resetSeconds),
    'ratelimit-policy': states.map((s) => `${s.limit};w=${s.windowSeconds}`).join(', '),
  };
}

/** Whole seconds from `now` to `at`, rounded up, at least 1: what Retry-After and RateLimit-Reset say. */
function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}

/** "4 December 2026, 14:05:12 UTC": when a token can be had again, as messages name an instant, to the second if need be. */
function instant(at: Date): string {
  const seconds = at.getUTCSeconds();
  return seconds === 0 ? humanDate(at) : humanDate(at).replace(/ UTC$/, `:${String(seconds).padStart(2, '0')} UTC`);
}
