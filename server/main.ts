import 'reflect-metadata';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { createKeyward, openKeywardDatabase } from './app/runtime.js';
import { ConfigError, type KeywardConfig, loadConfig } from './config.js';
import { EmbeddedDatabaseBusyError } from './db/embedded.js';
import { chooseLogFormat, createProcessLogger, loggerOutput } from './logger.js';
import { armShutdownDeadline, EXIT_SHUTDOWN_DEADLINE } from './shutdown-deadline.js';

if (existsSync('.env')) process.loadEnvFile('.env');

/**
 * KEYWARD_WORKERS > 1: this process migrates the database once, then runs that many worker processes
 * sharing the ports (node:cluster). Workers are ordinary stateless Keyward processes: limits, caches and
 * revocation stay correct across them as across machines.
 */
async function supervise(config: KeywardConfig): Promise<void> {
  const logger = processLogger(config);
  if (!config.databaseUrl)
    throw new ConfigError('KEYWARD_WORKERS above 1 needs DATABASE_URL: the embedded database serves a single process.');
  await (await openKeywardDatabase(config, { logger })).close();
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('shutdown complete: all workers stopped');
        process.exit(0);
      }
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'a worker stopped unexpectedly; starting another');
    setTimeout(fork, 1000);
  });
  for (let i = 0; i < config.workers; i++) fork();
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // Each worker holds the same deadline itself; this one ends any worker that did not.
    armShutdownDeadline(config.shutdownTimeoutSeconds, () => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutSeconds} s; stopping the remaining workers and exiting`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(EXIT_SHUTDOWN_DEADLINE);
    });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) return supervise(config);
  const logger = processLogger(config);
  const startedAt = performance.now();
  let createdAdmin: { email: string; password: string } | null = null;
  const keyward = await createKeyward(config, logger, {
    onAdminCreated(email, generatedPassword) {
      if (generatedPassword) createdAdmin = { email, password: generatedPassword };
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
  // For the person at the terminal, outside the structured log and at the end of the start-up, so it does not scroll away.
  // With KEYWARD_WORKERS, once: by the first worker, or by the one that created the admin (its password is only there).
  if (createdAdmin || !cluster.isWorker || cluster.worker?.id === 1) process.stdout.write(startBanner(config, createdAdmin));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    armShutdownDeadline(config.shutdownTimeoutSeconds, () => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutSeconds} s; exiting`);
      process.exit(EXIT_SHUTDOWN_DEADLINE);
    });
    await keyward.close();
    logger.info('shutdown complete: requests drained, database closed');
    // The last lines get a moment to reach a slow reader; with a stalled one they are lost rather than holding the exit.
    await loggerOutput(logger)?.flush(FINAL_LOG_FLUSH_MS);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

const FINAL_LOG_FLUSH_MS = 2_000;

function processLogger(config: KeywardConfig) {
  return createProcessLogger(config.logLevel, chooseLogFormat(config.logFormat, config.env), config.logBufferBytes);
}

/** Where to go and how to sign in; a generated admin password is shown this once (`user reset-password` makes a new one). */
function startBanner(config: KeywardConfig, admin: { email: string; password: string } | null): string {
  const lines = ['', `  Keyward is ready: open ${config.publicUrl}`];
  if (admin) {
    lines.push(
      `  Sign in as ${admin.email} with the password below; Keyward then asks you to choose one of your own.`,
      `  Password (shown only now): ${admin.password}`,
      `  Lost it? npm run keyward -- user reset-password --email ${admin.email}`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseBusyError) {
    process.stderr.write(`Keyward cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Keyward cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
