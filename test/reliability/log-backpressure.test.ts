import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WATCHDOG_GRACE_MS } from '../../server/shutdown-deadline.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, provisionDatabase } from '../support/keyward.js';
import { spawnKeyward, waitReady, whileRunning } from '../support/processes.js';

// Keyward's standard output on a pipe whose reader stops, as with a hung log shipper or a blocked container log driver.
// Each request below has a 15 KB path, logged in full on its "request completed" line, so the log output grows by
// about 75 MB per 5,000 requests: kept in memory, it would show in the process's size.
const LONG_PATH = `/assets/${'p'.repeat(15_000)}.js`; // a missing asset: 404 whether or not the SPA is built

function residentMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** `count` GET requests to `path`, 16 at a time; the status of each. */
async function load(url: string, path: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        next++;
        const response = await fetch(`${url}${path}`);
        await response.arrayBuffer();
        statuses.push(response.status);
      }
    }),
  );
  return statuses;
}

async function droppedLines(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.match(/^keyward_log_lines_dropped_total (\d+)$/m);
  if (!line) throw new Error(`/metrics has no keyward_log_lines_dropped_total:\n${text.slice(0, 500)}`);
  return Number(line[1]);
}

/** Milliseconds from `kill(signal)` to the process's exit, with how it exited. */
async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const started = performance.now();
  child.kill(signal);
  const [code, killedBy] = await Promise.race([
    exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running 30 s after ${signal}`)), 30_000)),
  ]);
  return { code, signal: killedBy, ms: performance.now() - started };
}

const baseEnv = (database: Record<string, string>) => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  KEYWARD_LOG_FORMAT: 'json',
  KEYWARD_ADMIN_EMAIL: ADMIN_EMAIL,
  KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
  ...database,
});

describe('a Keyward process whose standard output nobody reads', () => {
  let child: ChildProcess;
  let url: string;
  let drop = async () => {};
  let output = '';

  beforeAll(async () => {
    const database = await provisionDatabase();
    drop = database.drop;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawnKeyward({ cliEnv: baseEnv(database.env), baseUrl: url }, port, { KEYWARD_LOG_BUFFER_MB: '1' }, ['ignore', 'pipe', 'pipe']);
    // No 'data' listener yet: once the pipe and this side's buffer are full, the reader has stopped.
    child.stdout?.setEncoding('utf8');
    await waitReady(url, 60_000, child);
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await drop();
  });

  it('keeps answering without growing: lines past the buffer are dropped and counted in /metrics', async () => {
    // Warm-up, also filling the pipe and the 1 MiB log buffer.
    expect(new Set(await load(url, LONG_PATH, 500))).toEqual(new Set([404]));
    const before = residentMiB(child.pid as number);
    const statuses = await load(url, LONG_PATH, 5000);
    const after = residentMiB(child.pid as number);
    console.log(`resident size ${before.toFixed(1)} MiB → ${after.toFixed(1)} MiB over 5,000 requests (≈75 MB of log lines)`);

    expect(statuses).toHaveLength(5000);
    expect(new Set(statuses)).toEqual(new Set([404]));
    expect(after - before).toBeLessThan(50);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await droppedLines(url)).toBeGreaterThan(5000);
  }, 120_000);

  it('when the reader resumes, one warning says how many lines were dropped, and logging goes on', async () => {
    const droppedSoFar = await droppedLines(url);
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
    });
    const logged = (text: string, what: string) =>
      whileRunning(child, what, () => expect(output.includes(text), `timed out waiting for ${what}`).toBe(true), {
        timeout: 15_000,
        interval: 50,
      });
    await logged('logging resumed', 'the "logging resumed" warning');
    const warnings = output
      .split('\n')
      .filter((line) => line.includes('logging resumed'))
      .map((line) => JSON.parse(line));
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning.level).toBe(40);
    expect(warning.droppedLogLines).toBeGreaterThanOrEqual(droppedSoFar);
    expect(warning.msg).toBe(`logging resumed: ${warning.droppedLogLines} log lines were dropped while standard output was not being read`);

    // A request made now is logged, after the warning.
    expect((await fetch(`${url}/assets/after-the-gap.js`)).status).toBe(404);
    await logged('"url":"/assets/after-the-gap.js"', "the next request's log line");
    expect(output.indexOf('"url":"/assets/after-the-gap.js"')).toBeGreaterThan(output.indexOf('logging resumed'));
    expect(await droppedLines(url)).toBe(warning.droppedLogLines);
  }, 60_000);

  it('with the reader stalled again, SIGTERM ends the process cleanly within the shutdown deadline', async () => {
    child.stdout?.pause();
    const droppedBefore = await droppedLines(url);
    await load(url, LONG_PATH, 1000);
    const droppedAfter = await droppedLines(url);

    const stopped = await stop(child, 'SIGTERM');
    console.log(`SIGTERM → exit ${stopped.code ?? stopped.signal} after ${Math.round(stopped.ms)} ms with a stalled log reader`);
    expect(stopped).toMatchObject({ code: 0, signal: null });
    expect(stopped.ms).toBeLessThan(25_000);
    expect(droppedAfter).toBeGreaterThan(droppedBefore); // the reader had stalled again
  }, 60_000);
});

describe('the shutdown deadline', () => {
  it('ends a shutdown that cannot finish (a request still arriving) at KEYWARD_SHUTDOWN_TIMEOUT_SECONDS with exit code 1', async () => {
    const database = await provisionDatabase();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawnKeyward({ cliEnv: baseEnv(database.env), baseUrl: url }, port, { KEYWARD_SHUTDOWN_TIMEOUT_SECONDS: '2' });
    try {
      await waitReady(url, 60_000, child);
      // A request whose body never comes: the listener waits for it (up to KEYWARD_REQUEST_TIMEOUT_SECONDS, 30 s).
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write('POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
      await new Promise((resolve) => setTimeout(resolve, 200));

      const stopped = await stop(child, 'SIGTERM');
      socket.destroy();
      expect(stopped).toMatchObject({ code: 1, signal: null });
      expect(stopped.ms).toBeGreaterThan(1_900);
      expect(stopped.ms).toBeLessThan(6_000);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await database.drop();
    }
  }, 90_000);

  it('holds even when the main thread is stuck: the watchdog kills the process soon after the deadline', async () => {
    // What a synchronous flush into a full pipe did: a main thread that never returns to its event loop.
    const module = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist/server/shutdown-deadline.js')).href;
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { armShutdownDeadline } from '${module}'; armShutdownDeadline(1, () => process.exit(1)); for (;;);`,
      ],
      { stdio: 'ignore' },
    );
    const started = performance.now();
    try {
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      const [code, signal] = await Promise.race([
        exited,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the stuck process was not killed within 15 s')), 15_000)),
      ]);
      const ms = performance.now() - started;
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
      expect(ms).toBeGreaterThan(1_000 + WATCHDOG_GRACE_MS - 500);
      expect(ms).toBeLessThan(1_000 + WATCHDOG_GRACE_MS + 4_000);
    } finally {
      // Without a working watchdog the process would spin forever: never leave it behind.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
