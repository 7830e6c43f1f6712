import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { bindAuditChainKey } from '../audit/chain-key.js';
import { rekeyLegacyAuditChains } from '../audit/chain-upgrade.js';
import type { KeywardConfig } from '../config.js';
import { MasterKey } from '../crypto/master-key.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../db/embedded.js';
import { type Orm, openDatabase } from '../db/orm.js';
import { type MtlsListener, startMtlsListener } from '../http/mtls.js';
import { listenerTimeouts } from '../http/timeouts.js';
import { type Clock, systemClock } from '../kernel/clock.js';
import { ReminderScheduler } from '../reminders/scheduler.js';
import { buildApp, oauthEndpoints } from './app.js';
import { entities } from './entities.js';
import { createServices, type Services } from './services.js';

export interface KeywardDatabase {
  orm: Orm;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded database under the data directory; applies migrations, then the
 * one-time re-key of audit chains from before keyed hashes (it needs the master key, which migrations cannot reach).
 */
export async function openKeywardDatabase(
  config: KeywardConfig,
  options: { inMemory?: boolean; masterKey?: MasterKey; logger?: Logger } = {},
): Promise<KeywardDatabase> {
  const masterKey =
    options.masterKey ?? MasterKey.load({ value: config.masterKey, env: config.env, dataDir: config.dataDir, logger: options.logger });
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase(options.inMemory ? undefined : join(config.dataDir));
  try {
    const orm = await openDatabase(config.databaseUrl ?? (embedded as EmbeddedDatabase).url, embedded !== null, entities);
    try {
      bindAuditChainKey(orm, masterKey.auditChainKey());
      await rekeyLegacyAuditChains(orm, options.logger);
    } catch (error) {
      await orm.close(true);
      throw error;
    }
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
  /** Starts the TLS listener for tls_client_auth (KEYWARD_MTLS_PORT); null when it is off. */
  startMtls(host?: string): Promise<MtlsListener | null>;
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
  const database = await openKeywardDatabase(config, { inMemory: options.inMemory, masterKey, logger });
  let scheduler: ReminderScheduler | null = null;
  let servicesOrNull: Services | null = null;
  try {
    const clock = options.clock ?? systemClock;
    const services = createServices(database.orm, config, masterKey, clock, logger);
    servicesOrNull = services;
    // Other processes' changes arrive through the change feed's LISTEN connection; the embedded database has only this process.
    if (config.databaseUrl) await services.changeFeed.listen(config.databaseUrl);
    services.usage.start();
    const keyRefresh = setInterval(() => void services.signingKeys.reload().catch(() => undefined), 60_000);
    keyRefresh.unref();
    const bootstrap = await services.tenants.bootstrap(config.adminEmail, config.adminPassword);
    if (bootstrap) {
      logger.info({ tenant: bootstrap.tenant.slug, admin: bootstrap.admin.email }, 'created the default tenant and its admin');
      options.onAdminCreated?.(bootstrap.admin.email, bootstrap.generatedPassword);
    }
    // After the bootstrap: the first tenant's CA (made now on a first start, the other tenants' on first need),
    // and signing keys for every tenant, the first one included.
    await services.certificateAuthority.ensure();
    await services.signingKeys.ensure();
    scheduler = config.reminderScheduler
      ? await ReminderScheduler.start(
          database.orm,
          services.reminders,
          logger,
          {
            databaseUrl: config.databaseUrl,
            mongoUrl: config.agendaMongoUrl,
            scanSeconds: config.reminderScanSeconds,
            vaultRenewalSeconds: config.vaultRenewalSeconds,
            webhookPollSeconds: config.webhookPollSeconds,
          },
          services.housekeeping,
          services.vaultRenewals,
          // One job for what becomes true of credentials with time: expiries announced, then the unused ones found.
          {
            run: async () => {
              await services.expiredCredentials.run();
              return services.unusedCredentials.run();
            },
          },
          config.webhookDelivery ? { run: () => services.webhookDispatcher.deliverDue() } : undefined,
        )
      : null;
    // What a stopped or crashed process left undelivered goes out now, not at the delivery job's next run.
    services.webhookDispatcher.wake();
    let mtls: MtlsListener | null = null;
    services.dpop.servedOnMtlsAt(() => config.mtlsPublicUrl ?? mtls?.baseUrl ?? null);
    const { app, mountGraphQL } = await buildApp({
      config,
      orm: database.orm,
      services,
      logger,
      clock,
      mtlsBase: () => mtls?.baseUrl ?? null,
    });
    let closed = false;
    return {
      app,
      database,
      services,
      async startMtls(host = config.host) {
        if (config.mtlsPort === null) return null;
        mtls = await startMtlsListener({
          port: config.mtlsPort,
          host,
          hostnames: config.mtlsHostnames,
          ca: services.certificateAuthority,
          endpoints: oauthEndpoints(config, services, logger, () => mtls?.baseUrl ?? null),
          mountGraphQL,
          logger,
          trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
          timeouts: listenerTimeouts(config.requestTimeoutSeconds),
        });
        return mtls;
      },
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(keyRefresh);
        await app.close();
        await mtls?.app.close();
        await scheduler?.stop();
        await services.webhookDispatcher.stop();
        await services.usage.close();
        await services.changeFeed.close();
        await services.tokens.close();
        services.mailer.close();
        await database.close();
      },
    };
  } catch (error) {
    await scheduler?.stop();
    await servicesOrNull?.webhookDispatcher.stop();
    await database.close();
    throw error;
  }
}
