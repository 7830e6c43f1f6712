import type { Orm } from '../db/orm.js';

/** Rows deleted per statement: one run never holds many row locks for long. */
const BATCH = 10_000;
/** At most this many batches per table and run; what is left goes in the next run. */
const MAX_BATCHES = 100;

/**
 * Sign-in failure counters are kept this long after their window started. A lockout never outlasts its window by more
 * than its own length (4 hours at most) and is remembered for a day (login-budget.ts), so a week leaves room for both.
 */
export const LOGIN_FAILURE_RETENTION_DAYS = 7;

export interface HousekeepingResult {
  /** Revocations of tokens that have expired anyway (nobody can present them any more). */
  revokedTokens: number;
  /** Sign-in failure counters whose window ended long ago. */
  loginFailures: number;
  /** Sessions past their lifetime or their idle timeout. */
  sessions: number;
  /** Used DPoP proofs too old to be accepted anyway (their replay is refused by their age). */
  dpopProofs: number;
  /** Used client assertion IDs (jti) whose assertion has expired: it cannot be replayed any more anyway. */
  clientAssertions: number;
  /** Active-token records of tokens that have expired: they no longer count against their credential's limit. */
  activeTokens: number;
  /** Token quota counters of clients that got no token for two days: their hour and day are long over. */
  tokenQuotaCounters: number;
}

/**
 * What would otherwise grow forever (docs/limits.md#housekeeping): revocations of expired tokens, old sign-in failure counters, ended
 * sessions, used DPoP proofs past their age, the jti of expired client assertions, the records of expired tokens
 * of credentials with an active-token limit and old token quota counters. Runs as a scheduled job (hourly) and on demand (`npm run keyward -- housekeeping run`); deleting in
 * bounded batches, so it is safe beside live traffic and with several processes at once.
 */
export class Housekeeping {
  constructor(
    private readonly orm: Orm,
    private readonly sessionIdleSeconds: number,
  ) {}

  async run(): Promise<HousekeepingResult> {
    return {
      revokedTokens: await this.sweep('revoked_token', 'expires_at < now()'),
      loginFailures: await this.sweep(
        'login_failure',
        `window_started_at < now() - make_interval(days => ${LOGIN_FAILURE_RETENTION_DAYS})`,
      ),
      sessions: await this.sweep('session', 'expires_at <= now() or last_seen_at <= now() - make_interval(secs => ?)', [
        this.sessionIdleSeconds,
      ]),
      dpopProofs: await this.sweep('dpop_proof', 'expires_at < now()'),
      clientAssertions: await this.sweep('client_assertion', 'expires_at < now()'),
      activeTokens: await this.sweep('active_token', 'expires_at < now()'),
      tokenQuotaCounters: await this.sweep('token_quota_usage', 'day_start < now() - make_interval(days => 2)'),
    };
  }

  /** Deletes the rows of `table` matching `condition`, a batch at a time; returns how many. */
  private async sweep(table: string, condition: string, params: unknown[] = []): Promise<number> {
    const connection = this.orm.em.getConnection();
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const rows = await connection.execute<{ n: number }[]>(
        `with gone as (delete from "${table}" where ctid in (select ctid from "${table}" where ${condition} limit ${BATCH}) returning 1)
         select count(*)::int as n from gone`,
        params,
      );
      const n = rows[0]?.n ?? 0;
      deleted += n;
      if (n < BATCH) break;
    }
    return deleted;
  }
}
