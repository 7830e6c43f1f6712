import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';

/** PostgreSQL advisory lock keys: one per thing that processes starting together must do one at a time. */
export const ADVISORY_LOCKS = {
  bootstrap: 7_081_001,
  ca: 7_081_002,
  signingKeys: 7_081_003,
  migrations: 7_081_004,
  agendaSchema: 7_081_005,
  /** With a credential's hash as the second key: one token issue at a time per credential whose active tokens are limited. */
  activeTokens: 7_081_006,
} as const;

/**
 * Runs `work` while a session of its own holds the advisory lock `key`, so that processes starting at the same
 * time on one PostgreSQL server take turns (DDL such as `CREATE TABLE IF NOT EXISTS` is not safe to run
 * concurrently). Ending the session releases the lock, also when `work` fails.
 */
export async function withSessionLock<T>(databaseUrl: string, key: number, work: () => Promise<T>): Promise<T> {
  const session = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await session.connect();
  try {
    await session.query('select pg_advisory_lock($1)', [key]);
    return await work();
  } finally {
    await session.end().catch(() => undefined);
  }
}

/** Takes advisory lock `key` until the transaction `em` runs in ends (commit or rollback). */
export async function lockForTransaction(em: EntityManager, key: number): Promise<void> {
  await em.getConnection().execute('select pg_advisory_xact_lock(?)', [key], 'all', em.getTransactionContext());
}
