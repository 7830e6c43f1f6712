import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './keyward.js';

const run = promisify(execFile);
const BIN = process.env.KEYWARD_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Whether PostgreSQL's server programs (initdb, pg_ctl) are installed here. */
export function privatePostgresAvailable(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
}

/** A PostgreSQL 15 cluster of one test's own, on a free port, so the test may stop and start it. */
export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Starts the server and resolves once it accepts connections (after crash recovery, if any). */
  start(): Promise<void>;
  /** `fast`: clients are told the server is shutting down. `immediate`: the server quits as if it crashed. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server (immediately) and deletes its directory. Safe to call more than once. */
  destroy(): Promise<void>;
}

/**
 * initdb + pg_ctl into a temporary directory. PostgreSQL refuses to run as root, so as root the commands run
 * as the `postgres` user (owning the directory); otherwise as the current user.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'keyward-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']));
    const gid = Number(execFileSync('id', ['-g', 'postgres']));
    chownSync(root, uid, gid);
  }
  const pg = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]) : run(join(BIN, command), args);
  const dataDir = join(root, 'data');
  const port = await freePort();
  // fsync off: the test crashes PostgreSQL's processes, not the machine, so what was written survives anyway.
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  let destroyed = false;

  const cluster: PrivatePostgres = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await pg('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'postgres.log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    async stop(mode) {
      await pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (running) await cluster.stop('immediate').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await pg('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-locale', '-E', 'UTF8', '--no-sync']);
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}
