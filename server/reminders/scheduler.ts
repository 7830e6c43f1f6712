import { hostname } from 'node:os';
import { MongoBackend } from '@agendajs/mongo-backend';
import { PostgresBackend, PostgresJobRepository } from '@agendajs/postgres-backend';
import { Agenda, exponential } from 'agenda';
import pg from 'pg';
import type { Logger } from 'pino';
import { ADVISORY_LOCKS, withSessionLock } from '../db/advisory-locks.js';
import type { Orm } from '../db/orm.js';
import type { Housekeeping } from '../housekeeping/housekeeping.js';
import type { ReminderService } from './reminder.service.js';

const SCAN_JOB = 'reminders.scan';
const SEND_JOB = 'reminders.send';
const HOUSEKEEPING_JOB = 'housekeeping';
const VAULT_RENEWAL_JOB = 'vault.renew';
const UNUSED_CREDENTIALS_JOB = 'credentials.lifecycle';
/** Expiries announced (credential.expired) and unused credentials found: counted in days, an hourly look is plenty. */
const UNUSED_CREDENTIALS_SECONDS = 3600;
const WEBHOOK_JOB = 'webhooks.deliver';
const DRAIN_MS = 20_000;
const LOCK_MS = 30_000;

/** Work the scheduler runs on a timer, e.g. the vault's renewals (vault/vault-renewal.ts): one round, answering counts by name (logged when any is above 0). */
export interface PeriodicWork {
  run(): Promise<object>;
}

export interface ReminderSchedulerOptions {
  /** PostgreSQL server (DATABASE_URL): Agenda gets a small pool of its own and LISTEN/NOTIFY. */
  databaseUrl: string | undefined;
  /** AGENDA_MONGODB_URL: Agenda's jobs in MongoDB instead (reminder records stay in PostgreSQL). */
  mongoUrl: string | undefined;
  scanSeconds: number;
  /** Sweeps what would otherwise grow forever (expired revocations, old sign-in failures, ended sessions) this often. */
  housekeepingSeconds?: number;
  /** The vault's renewal job (OAuth2 tokens renewed before they run out, retries, notices) runs this often. */
  vaultRenewalSeconds?: number;
  /** The webhook delivery job (due retries, and what a crashed process left) runs this often. */
  webhookPollSeconds?: number;
}

/**
 * Runs the housekeeping sweep (hourly), the vault renewal job (every minute), the reminder scan and sender (every `scanSeconds`) and the sender alone (every minute at most, for
 * retries) as Agenda jobs, so that with several processes each run happens once. Correctness does not rest
 * on Agenda's locking: the scan's claims and the sender's leases are what prevent duplicates.
 */
export class ReminderScheduler {
  private constructor(
    private readonly agenda: Agenda,
    private readonly logger: Logger,
    private readonly ownPool: pg.Pool | null,
  ) {}

  static async start(
    orm: Orm,
    reminders: ReminderService,
    logger: Logger,
    options: ReminderSchedulerOptions,
    housekeeping?: Housekeeping,
    vaultRenewals?: PeriodicWork,
    /** Expired credentials announced once (credentials/expired-credentials.ts), then the unused ones reported once and disabled if the tenant chose so (credentials/unused-credentials.ts). */
    unusedCredentials?: PeriodicWork,
    webhooks?: PeriodicWork,
  ): Promise<ReminderScheduler> {
    let ownPool: pg.Pool | null = null;
    let backend: PostgresBackend | MongoBackend;
    if (options.mongoUrl) {
      backend = new MongoBackend({ address: options.mongoUrl });
    } else if (options.databaseUrl) {
      ownPool = new pg.Pool({ connectionString: options.databaseUrl, max: 3, connectionTimeoutMillis: 5000 });
      const pool = ownPool;
      // An idle connection the database drops (restart, crash, failover) is reported here; without a listener the
      // process would die of it. The pool replaces it on next use.
      pool.on('error', (error) => logger.warn({ err: error }, 'reminder scheduler: lost an idle database connection'));
      // Agenda (re)creates its table, indexes and trigger on every start; two processes doing that at once fail
      // ("already exists"), so it is done here one process at a time, and Agenda is told not to.
      await withSessionLock(options.databaseUrl, ADVISORY_LOCKS.agendaSchema, () =>
        new PostgresJobRepository({ pool, ensureSchema: true }).connect(),
      ).catch(async (error: unknown) => {
        await pool.end().catch(() => undefined);
        throw error;
      });
      backend = new PostgresBackend({ pool, ensureSchema: false });
      // The LISTEN connection reports its loss, and each failed reconnect (every 100 ms), as an 'error' event; unheard,
      // that event kills the process. Logged once per interruption.
      const channel = backend.notificationChannel;
      let interrupted = false;
      channel?.on('error', (error: Error) => {
        if (!interrupted) logger.warn({ err: error }, 'reminder scheduler: job notifications interrupted; reconnecting');
        interrupted = true;
      });
      channel?.on('stateChange', (state: string) => {
        if (state === 'connected' && interrupted) logger.info('reminder scheduler: job notifications restored');
        if (state === 'connected') interrupted = false;
      });
    } else {
      // The embedded database serves one connection: Agenda shares the ORM's, one statement at a time, and
      // polls instead of LISTENing (a single process has nobody to hear from anyway).
      backend = new PostgresBackend({ pool: sharedConnectionPool(orm), disableNotifications: true });
    }
    const agenda = new Agenda({ backend, name: `keyward@${hostname()}:${process.pid}`, processEvery: '10 seconds', maxConcurrency: 4 });
    agenda.on('error', (error: Error) => logger.warn({ err: error }, 'reminder scheduler: job store error'));
    // Drains what is due, for at most DRAIN_MS; the next run goes on. Temporary mail failures are rescheduled
    // on the records themselves. Two processes draining at once is harmless (each reminder is leased before it
    // is sent), so locks can be short: a killed process's jobs are taken over after LOCK_MS.
    // One drain at a time per process (the two jobs share it), so no more than the sender's concurrency
    // (KEYWARD_REMINDER_SEND_CONCURRENCY) is ever in flight here: that bounds the duplicates a crash can cause.
    let draining: Promise<void> | null = null;
    const drainOnce = async () => {
      const until = Date.now() + DRAIN_MS;
      while (Date.now() < until) {
        const round = await reminders.sendDue(50);
        if (round.sent + round.retrying + round.failed === 0) return;
        logger.debug({ ...round }, 'reminder send round');
      }
    };
    const drain = () => {
      draining ??= drainOnce().finally(() => {
        draining = null;
      });
      return draining;
    };
    const jobOptions = { concurrency: 1, lockLifetime: LOCK_MS, backoff: exponential({ delay: 30_000, maxRetries: 5 }) };
    agenda.define(
      SCAN_JOB,
      async () => {
        await reminders.scan();
        await drain();
      },
      jobOptions,
    );
    agenda.define(SEND_JOB, drain, jobOptions);
    if (housekeeping) {
      agenda.define(
        HOUSEKEEPING_JOB,
        async () => {
          const swept = await housekeeping.run();
          logger.info({ ...swept }, 'housekeeping: swept expired revocations, old sign-in failures and ended sessions');
        },
        { concurrency: 1, lockLifetime: 10 * 60_000 },
      );
    }
    if (vaultRenewals) {
      agenda.define(
        VAULT_RENEWAL_JOB,
        async () => {
          const round = await vaultRenewals.run();
          if (Object.values(round).some((n) => n > 0)) logger.info({ ...round }, 'vault: renewal round');
        },
        // A round waits on token endpoints (each call bounded by KEYWARD_VAULT_TIMEOUT_SECONDS); the rows themselves are
        // locked while renewed, so a second process running it at once does no harm.
        { concurrency: 1, lockLifetime: 5 * 60_000 },
      );
    }
    if (unusedCredentials) {
      agenda.define(
        UNUSED_CREDENTIALS_JOB,
        async () => {
          await unusedCredentials.run();
        },
        // Each batch locks its clients and checks again under the lock, so a second process running it at once reports nothing twice.
        { concurrency: 1, lockLifetime: 10 * 60_000 },
      );
    }
    if (webhooks) {
      agenda.define(
        WEBHOOK_JOB,
        async () => {
          const round = await webhooks.run();
          if (Object.values(round).some((n) => n > 0)) logger.info({ ...round }, 'webhooks: delivery round');
        },
        // Endpoints are leased while delivered to, so a second process running it at once delivers nothing twice.
        { concurrency: 1, lockLifetime: 5 * 60_000 },
      );
    }
    await agenda.start();
    if (unusedCredentials) await agenda.every(`${UNUSED_CREDENTIALS_SECONDS} seconds`, UNUSED_CREDENTIALS_JOB);
    if (webhooks) await agenda.every(`${options.webhookPollSeconds ?? 10} seconds`, WEBHOOK_JOB);
    if (vaultRenewals) await agenda.every(`${options.vaultRenewalSeconds ?? 60} seconds`, VAULT_RENEWAL_JOB);
    if (housekeeping) await agenda.every(`${options.housekeepingSeconds ?? 3600} seconds`, HOUSEKEEPING_JOB);
    await agenda.every(`${options.scanSeconds} seconds`, SCAN_JOB);
    // Retries and reminders a killed process left behind are picked up at least every minute.
    await agenda.every(`${Math.min(60, options.scanSeconds)} seconds`, SEND_JOB);
    logger.info({ store: options.mongoUrl ? 'mongodb' : 'postgresql', scanSeconds: options.scanSeconds }, 'reminder scheduler started');
    return new ReminderScheduler(agenda, logger, ownPool);
  }

  /** Unlocks this process's running jobs so another process can take them, and closes Agenda's connections. */
  async stop(): Promise<void> {
    try {
      await this.agenda.stop();
    } catch (error) {
      this.logger.warn({ err: error }, 'reminder scheduler did not stop cleanly');
    }
    await this.ownPool?.end().catch(() => undefined);
  }
}

/** A pg.Pool look-alike over the ORM's single embedded connection (checked out per statement, never held). */
function sharedConnectionPool(orm: Orm): pg.Pool {
  const knex = orm.em.getConnection().getKnex();
  const acquire = async (): Promise<pg.PoolClient> => knex.client.acquireConnection();
  const release = (connection: pg.PoolClient) => knex.client.releaseConnection(connection);
  const pool = {
    async connect() {
      const connection = await acquire();
      return {
        query: async (text: string, values?: unknown[]) => withDates(await connection.query(text, values)),
        release: () => release(connection),
      };
    },
    async query(text: string, values?: unknown[]) {
      const connection = await acquire();
      try {
        return withDates(await connection.query(text, values));
      } finally {
        await release(connection);
      }
    },
    async end() {},
    on() {
      return pool;
    },
  };
  return pool as unknown as pg.Pool;
}

const TIMESTAMP_TYPES = new Set([1114, 1184]); // timestamp, timestamptz

/** MikroORM has pg return timestamps as text (it parses them itself); Agenda expects Date objects. */
function withDates(result: pg.QueryResult): pg.QueryResult {
  const columns = result.fields?.filter((field) => TIMESTAMP_TYPES.has(field.dataTypeID)).map((field) => field.name) ?? [];
  if (columns.length === 0) return result;
  for (const row of result.rows) {
    for (const column of columns) if (typeof row[column] === 'string') row[column] = new Date(row[column]);
  }
  return result;
}
