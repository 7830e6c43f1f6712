import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { type Clock, systemClock } from './clock.js';
import type { KeywardConfig } from './config.js';
import { MasterKey } from './crypto/master-key.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './db/embedded.js';
import { type Orm, openDatabase } from './db/orm.js';
import { createServices, type Services } from './services.js';

export interface KeywardDatabase {
  orm: Orm;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded database under the data directory; applies migrations. */
export async function openKeywardDatabase(config: KeywardConfig, options: { inMemory?: boolean } = {}): Promise<KeywardDatabase> {
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase(options.inMemory ? undefined : join(config.dataDir));
  try {
    const orm = await openDatabase(config.databaseUrl ?? (embedded as EmbeddedDatabase).url, embedded !== null);
    return {
      orm,
      embedded,
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export interface Keyward {
  app: FastifyInstance;
  database: KeywardDatabase;
  services: Services;
  close(): Promise<void>;
}

/** Everything `npm start` runs, minus listening: database, migrations, first-start bootstrap, HTTP app. */
export interface KeywardOptions {
  /** In-memory embedded database (tests). */
  inMemory?: boolean;
  /** Where services read the time; tests pass a ManualClock. */
  clock?: Clock;
  /** Called as soon as the first-start admin exists, with its password when this start generated it. */
  onAdminCreated?: (email: string, generatedPassword: string | null) => void;
}

export async function createKeyward(config: KeywardConfig, logger: Logger, options: KeywardOptions = {}): Promise<Keyward> {
  // Checked before anything else starts: production without a master key must not come up at all.
  const masterKey = MasterKey.load({ value: config.masterKey, env: config.env, dataDir: config.dataDir, logger });
  const database = await openKeywardDatabase(config, options);
  try {
    const services = createServices(database.orm, config, masterKey, options.clock ?? systemClock);
    await services.certificateAuthority.ensure();
    const bootstrap = await services.tenants.bootstrap(config.adminEmail, config.adminPassword);
    if (bootstrap) {
      logger.info({ tenant: bootstrap.tenant.slug, admin: bootstrap.admin.email }, 'created the default tenant and its admin');
      options.onAdminCreated?.(bootstrap.admin.email, bootstrap.generatedPassword);
    }
    const app = await buildApp({ config, orm: database.orm, services, logger });
    let closed = false;
    return {
      app,
      database,
      services,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
