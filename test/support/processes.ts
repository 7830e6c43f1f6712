import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestKeyward } from './keyward.js';

const MAIN = join(import.meta.dirname, '..', '..', 'dist/server/start.cjs');
/** The end of each spawned process's stderr, for the error when it exits before it is ready. */
const stderrTails = new WeakMap<ChildProcess, string>();

/**
 * `node dist/server/start.cjs` as another process on `base`'s database (a PostgreSQL server), without the mTLS
 * listener. Its stderr is kept (the last 4 KB) unless `stdio` says otherwise.
 */
export function spawnKeyward(
  base: Pick<TestKeyward, 'cliEnv' | 'baseUrl'>,
  port: number,
  env: Record<string, string>,
  stdio: StdioOptions = ['ignore', 'ignore', 'pipe'],
): ChildProcess {
  if (!existsSync(MAIN)) throw new Error('dist/server/start.cjs is missing: run `npm run build` first (`npm test` does).');
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ...base.cliEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEYWARD_PUBLIC_URL: base.baseUrl,
      KEYWARD_MTLS_PORT: 'off',
      ...env,
    },
    stdio,
  });
  child.stderr?.on('data', (chunk: Buffer) => stderrTails.set(child, ((stderrTails.get(child) ?? '') + chunk).slice(-4096)));
  return child;
}

/**
 * Resolves once `GET <url>/readyz` answers 200; throws after `timeoutMs`, or as soon as `child` (the process
 * serving `url`, when given) exits, with what it wrote to stderr.
 */
export async function waitReady(url: string, timeoutMs = 20_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/readyz`).catch(() => null))?.status === 200) return;
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(
        `${url} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${stderrTails.get(child) ?? '(no stderr)'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms:\n${child ? (stderrTails.get(child) ?? '(no stderr)') : ''}`);
}
