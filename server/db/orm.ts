import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ADVISORY_LOCKS, withSessionLock } from './advisory-locks.js';
import { migrationsList } from './migrations/index.js';

/** Agenda creates and owns these (reminders' job store). */
export const AGENDA_TABLES = ['agenda_jobs', 'agenda_logs'];

export type Orm = MikroORM;

/** `entities`: every entity class, listed by the composition root (app/entities.ts); db/ knows none of them. */
export function ormOptions(url: string, embedded: boolean, entities: NonNullable<Options['entities']>): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities,
    extensions: [Migrator],
    // PGlite runs one statement at a time; a real server gets a small pool per process.
    pool: embedded ? { min: 0, max: 1 } : { min: 0, max: 10, acquireTimeoutMillis: 5000 },
    driverOptions: { connection: { connectionTimeoutMillis: 5000, statement_timeout: 15000 } },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ensureDatabase: false,
    discovery: { warnWhenNoEntities: true, checkDuplicateTableNames: true },
    // Agenda creates and owns its tables (reminders); MikroORM's schema diff must not call them drift.
    schemaGenerator: { skipTables: AGENDA_TABLES },
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: false,
  };
}

/**
 * Connects and applies every pending migration. On a PostgreSQL server, processes starting together migrate one
 * after the other (the embedded database has a single process by construction: its data directory is locked).
 */
export async function openDatabase(url: string, embedded: boolean, entities: NonNullable<Options['entities']>): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(url, embedded, entities));
  try {
    const migrate = () => orm.getMigrator().up();
    await (embedded ? migrate() : withSessionLock(url, ADVISORY_LOCKS.migrations, migrate));
  } catch (error) {
    await orm.close();
    throw error;
  }
  return orm;
}
