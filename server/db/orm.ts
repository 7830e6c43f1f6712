import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

export type Orm = MikroORM;

export function ormOptions(url: string, embedded: boolean): Options {
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
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: false,
  };
}

/** Connects and applies every pending migration. */
export async function openDatabase(url: string, embedded: boolean): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(url, embedded));
  await orm.getMigrator().up();
  return orm;
}
