import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { EmbeddedDatabaseBusyError } from './db/embedded.js';
import { createLogger } from './logger.js';
import { createKeyward } from './runtime.js';

if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const startedAt = performance.now();
  const keyward = await createKeyward(config, logger, {
    onAdminCreated(email, generatedPassword) {
      if (!generatedPassword) return;
      // Printed once, on purpose, outside the structured log: the operator needs it to sign in the first time.
      process.stdout.write(
        `\n  Keyward created the admin user ${email}.\n  Password (shown only now): ${generatedPassword}\n  Change it with: npm run keyward -- user reset-password --email ${email}\n\n`,
      );
    },
  });
  await keyward.app.listen({ port: config.port, host: config.host });
  const mtls = await keyward.startMtls();
  if (mtls) logger.info({ url: mtls.baseUrl }, 'mTLS token endpoint (tls_client_auth) listening');
  logger.info(
    {
      url: config.publicUrl,
      database: config.databaseUrl ? 'postgresql' : 'embedded',
      readyInMs: Math.round(performance.now() - startedAt),
    },
    'Keyward is ready',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    await keyward.close();
    logger.info('shutdown complete: requests drained, database closed');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseBusyError) {
    process.stderr.write(`Keyward cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Keyward cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
