import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * An embedded PostgreSQL (PGlite) served on a loopback port, so MikroORM and everything else keep
 * using the ordinary `pg` driver. PGlite executes one statement at a time: callers must keep a
 * pool of one connection.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseBusyError extends Error {}

/** Data directories open in this process (PGlite must never open one twice, even from one process). */
const openHere = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `dataDir` undefined → an in-memory database (tests). */
export async function startEmbeddedDatabase(dataDir?: string): Promise<EmbeddedDatabase> {
  let lockFile: string | undefined;
  let pgdata: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    pgdata = join(dataDir, 'pgdata');
    lockFile = join(dataDir, 'pgdata.lock');
    // Two processes opening one PGlite directory would corrupt it: refuse instead.
    if (openHere.has(pgdata)) {
      throw new EmbeddedDatabaseBusyError(
        `The embedded database in ${pgdata} is already open in this process. Stop the server first, or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
    if (existsSync(lockFile)) {
      const pid = Number(readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && processAlive(pid)) {
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${pgdata} is in use by another Keyward process (pid ${pid}). Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
        );
      }
    }
    writeFileSync(lockFile, String(process.pid), { mode: 0o600 });
    openHere.add(pgdata);
  }
  const db = await PGlite.create(pgdata ? { dataDir: pgdata } : {});
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      if (lockFile) rmSync(lockFile, { force: true });
      if (pgdata) openHere.delete(pgdata);
    },
  };
}
