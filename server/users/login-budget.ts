import type { EntityManager } from '@mikro-orm/postgresql';
import type { KeywardConfig } from '../config.js';
import type { Orm } from '../db/orm.js';
import { RateLimitedError } from '../kernel/errors.js';

/**
 * How long each lockout in a row lasts: 1, 5, 15 and 60 minutes, then 4 hours for every further one. A lockout that
 * ended more than LOCKOUT_MEMORY_SECONDS before the next budget runs out is forgotten, and the next lasts 1 minute again.
 */
export const LOCKOUT_SECONDS = [60, 300, 900, 3600, 14_400] as const;
export const LOCKOUT_MEMORY_SECONDS = 86_400;

export type BudgetConfig = Pick<KeywardConfig, 'loginMaxFailuresPerAccount' | 'loginMaxFailuresPerIp' | 'loginWindowSeconds'>;

/** The budget of one person's account: sign-in and a wrong current password in changeMyPassword share it. */
export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

/** The budget of one network address, across every account tried from it. */
export function addressKey(ipAddress: string | null | undefined): string {
  return `ip:${ipAddress ?? 'unknown'}`;
}

/** A counter as read for update, its instants in epoch milliseconds of the database's clock. */
interface CounterRow {
  key: string;
  window_started_at: number;
  failures: number;
  pending: number;
  pending_at: number | null;
  locked_until: number | null;
  lockouts: number;
  now: number;
}

const epochMs = (column: string) => `floor(extract(epoch from ${column}) * 1000)::float8`;

/** A try not settled within this time belongs to a process that stopped: it no longer holds its place. */
const PENDING_SECONDS = 30;
/** How long an attempt waits for tries being checked (of the same account or address) to settle, before 429. */
const WAIT_FOR_PENDING_MS = 5000;

/** One attempt's tries, taken from its keys' budgets, to settle once the password has been checked. */
export interface Reservation {
  keys: string[];
}

export type Outcome = 'right' | 'wrong';

function waitPhrase(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes <= 90) return `${minutes} minute${minutes > 1 ? 's' : ''}`;
  return `${Math.ceil(minutes / 60)} hours`;
}

function whose(key: string): string {
  return key.startsWith('account:') ? 'for this account' : 'from your network address';
}

/**
 * Failure budgets for checking a person's password (docs/limits.md#sign-in-limits). An attempt takes a try from each of its keys' budgets
 * BEFORE the password is checked, under a row lock: failed tries plus tries being checked never exceed the budget, so
 * a parallel burst gets no more checks than the budget (an attempt finding the budget full of pending tries waits for
 * them). The failure that uses up the budget locks the key, for longer at each lockout in a row (LOCKOUT_SECONDS).
 * A right password clears the account's failures and lockouts; an address keeps its failures for the window.
 */
export class LoginBudget {
  constructor(
    private readonly orm: Orm,
    private readonly config: BudgetConfig,
  ) {}

  /** Takes one try from each key's budget, or refuses with RATE_LIMITED (taking nothing) while one is locked out. */
  async reserve(keys: string[]): Promise<Reservation> {
    const deadline = Date.now() + WAIT_FOR_PENDING_MS;
    let pause = 10;
    for (;;) {
      const full = await this.tryReserve(keys);
      if (full === null) return { keys };
      if (Date.now() >= deadline) {
        throw new RateLimitedError(1, `Many sign-ins ${whose(full)} are being checked at this moment. Try again in a few seconds.`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 200);
    }
  }

  /** The password was checked: a wrong one counts as a failure (and may lock the key), a right one clears the account. */
  async settle(em: EntityManager, reservation: Reservation, outcome: Outcome): Promise<void> {
    const rows = await this.lockRows(em, reservation.keys);
    for (const row of rows) {
      const pending = Math.max(0, this.livePending(row) - 1);
      if (outcome === 'wrong') await this.countFailure(em, row, pending);
      else if (row.key.startsWith('account:'))
        await this.write(em, row.key, { ...row, failures: 0, pending, locked_until: null, lockouts: 0 });
      else await this.write(em, row.key, { ...row, pending });
    }
    // A counter with nothing in it and no lockout history is not worth a row.
    await em
      .getConnection()
      .execute(
        `delete from login_failure where key in (${reservation.keys.map(() => '?').join(', ')}) and failures = 0 and pending = 0 and locked_until is null`,
        reservation.keys,
        'run',
        em.getTransactionContext(),
      );
  }

  /** A password reset: the account starts again with its whole budget and no lockout history. */
  static async clearAccount(em: EntityManager, email: string): Promise<void> {
    await em.getConnection().execute('delete from login_failure where key = ?', [accountKey(email)], 'run', em.getTransactionContext());
  }

  /** Takes the tries in one transaction; returns the key whose budget is full of pending tries (nothing taken), else null. */
  private tryReserve(keys: string[]): Promise<string | null> {
    return this.orm.em.fork().transactional(async (em) => {
      for (const key of keys) {
        await em
          .getConnection()
          .execute(
            'insert into login_failure (key, window_started_at, failures) values (?, now(), 0) on conflict (key) do nothing',
            [key],
            'run',
            em.getTransactionContext(),
          );
      }
      const rows = (await this.lockRows(em, keys)).map((row) => this.freshened(row));
      for (const row of rows) this.refuseIfLocked(row);
      for (const row of rows) {
        const pending = this.livePending(row);
        if (row.failures + pending < this.maxFor(row.key)) continue;
        if (pending > 0) return row.key;
        // Full of failures yet not locked (the budget was lowered since): refused until the window ends.
        this.refuseIfLocked({ ...row, locked_until: row.window_started_at + this.config.loginWindowSeconds * 1000 });
      }
      for (const row of rows) await this.write(em, row.key, { ...row, pending: this.livePending(row) + 1, pending_at: row.now });
      return null;
    });
  }

  /** The keys' counters, locked for this transaction, in one order for every caller (account: before ip:). */
  private async lockRows(em: EntityManager, keys: string[]): Promise<CounterRow[]> {
    const connection = em.getConnection();
    const context = em.getTransactionContext();
    const rows = await connection.execute<Omit<CounterRow, 'now'>[]>(
      `select key, failures, pending, lockouts, ${epochMs('window_started_at')} as window_started_at,
              ${epochMs('pending_at')} as pending_at, ${epochMs('locked_until')} as locked_until
         from login_failure where key in (${keys.map(() => '?').join(', ')}) order by key for update`,
      keys,
      'all',
      context,
    );
    // Read once the rows are ours: now() is when the transaction began, perhaps before another attempt's lockout.
    const [{ now }] = await connection.execute<{ now: number }[]>(`select ${epochMs('clock_timestamp()')} as now`, [], 'all', context);
    return rows.map((row) => ({ ...row, now }));
  }

  /** The counter as of now: a window that is over, or that a lockout ended, starts again with the whole budget. */
  private freshened(row: CounterRow): CounterRow {
    const windowOver = row.window_started_at <= row.now - this.config.loginWindowSeconds * 1000;
    const lockoutEnded = row.locked_until !== null && row.locked_until <= row.now && row.window_started_at < row.locked_until;
    return windowOver || lockoutEnded ? { ...row, failures: 0, window_started_at: row.now } : row;
  }

  private livePending(row: CounterRow): number {
    return row.pending_at !== null && row.pending_at > row.now - PENDING_SECONDS * 1000 ? row.pending : 0;
  }

  private maxFor(key: string): number {
    return key.startsWith('account:') ? this.config.loginMaxFailuresPerAccount : this.config.loginMaxFailuresPerIp;
  }

  private async countFailure(em: EntityManager, stale: CounterRow, pending: number): Promise<void> {
    const row = this.freshened(stale);
    const failures = row.failures + 1;
    const lockedNow = row.locked_until !== null && row.locked_until > row.now;
    await this.write(em, row.key, { ...row, failures, pending });
    if (failures >= this.maxFor(row.key) && !lockedNow) await this.lock(em, row, pending);
  }

  /** When a lockout starting now ends: the next length in LOCKOUT_SECONDS if the last one ended less than a day ago. */
  private lockUntil(row: CounterRow): number {
    return row.now + LOCKOUT_SECONDS[Math.min(this.lockoutsInARow(row), LOCKOUT_SECONDS.length - 1)] * 1000;
  }

  private lockoutsInARow(row: CounterRow): number {
    const remembered = row.locked_until !== null && row.now - row.locked_until < LOCKOUT_MEMORY_SECONDS * 1000;
    return remembered ? row.lockouts : 0;
  }

  private async lock(em: EntityManager, row: CounterRow, pending: number): Promise<void> {
    await em
      .getConnection()
      .execute(
        'update login_failure set locked_until = to_timestamp(?::float8 / 1000), lockouts = ?, pending = ? where key = ?',
        [this.lockUntil(row), this.lockoutsInARow(row) + 1, pending, row.key],
        'run',
        em.getTransactionContext(),
      );
  }

  private async write(em: EntityManager, key: string, row: Omit<CounterRow, 'key' | 'now'>): Promise<void> {
    await em.getConnection().execute(
      `update login_failure set failures = ?, pending = ?, window_started_at = to_timestamp(?::float8 / 1000),
         pending_at = to_timestamp(?::float8 / 1000), locked_until = to_timestamp(?::float8 / 1000), lockouts = ? where key = ?`,
      [row.failures, row.pending, row.window_started_at, row.pending_at, row.locked_until, row.lockouts, key],
      'run',
      em.getTransactionContext(),
    );
  }

  private refuseIfLocked(row: CounterRow): void {
    if (row.locked_until === null || row.locked_until <= row.now) return;
    const retryAfter = Math.max(1, Math.ceil((row.locked_until - row.now) / 1000));
    throw new RateLimitedError(
      retryAfter,
      `Too many failed sign-ins ${whose(row.key)}. Wait ${waitPhrase(retryAfter)} and try again, or ask an administrator to reset your password.`,
    );
  }
}
