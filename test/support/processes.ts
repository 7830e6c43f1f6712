import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
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

/** How long `whileRunning` polls at most, and how often (100 ms unless said). */
export interface PollOptions {
  timeout: number;
  interval?: number;
}

/**
 * The one polling helper for tests that start processes: `check` (an assertion) is retried with `vi.waitFor` until
 * it passes, and its result returned. It fails with `check`'s last error after `timeout`, or as soon as `child` has
 * exited, naming `what` was awaited and the end of its stderr (or `exitReport()`): a dead process is not waited for.
 */
export async function whileRunning<T>(
  child: ChildProcess,
  what: string,
  check: () => T | Promise<T>,
  { timeout, interval = 100 }: PollOptions,
  exitReport: () => string = () => stderrTails.get(child) ?? '(no stderr)',
): Promise<T> {
  let exited: Error | undefined;
  const result = await vi.waitFor(
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        // Ends the wait at once; the error is thrown below, where vi.waitFor does not retry it.
        exited = new Error(`The process exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${exitReport()}`);
        return undefined;
      }
      return await check();
    },
    { timeout, interval },
  );
  if (exited) throw exited;
  return result as T;
}

/**
 * Resolves once `GET <url>/readyz` answers 200; throws after `timeoutMs`, or as soon as `child` (the process
 * serving `url`, when given) exits, with what it wrote to stderr.
 */
export async function waitReady(url: string, timeoutMs = 20_000, child?: ChildProcess): Promise<void> {
  const ready = async () => {
    const answer = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => `answered ${response.status}`,
      (error: Error) => `failed (${error.message})`,
    );
    if (answer === 'answered 200') return;
    const stderr = child ? `:\n${stderrTails.get(child) ?? '(no stderr)'}` : '';
    throw new Error(`${url} did not become ready within ${timeoutMs} ms (/readyz last ${answer})${stderr}`);
  };
  if (child) await whileRunning(child, `${url} was ready`, ready, { timeout: timeoutMs });
  else await vi.waitFor(ready, { timeout: timeoutMs, interval: 100 });
}
