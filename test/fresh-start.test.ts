import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { whileRunning } from './support/processes.js';

// The built server, as `npm start` runs it, on the embedded database with no other service.
const root = join(import.meta.dirname, '..');
const MAIN = join(root, 'dist/server/start.cjs');
const CLI = join(root, 'dist/server/cli.js');
const dataDir = mkdtempSync(join(tmpdir(), 'keyward-fresh-'));
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  KEYWARD_DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'info',
};

interface Started {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  readyAfterMs: number;
  exited: Promise<number | null>;
}

async function start(): Promise<Started> {
  if (!existsSync(MAIN)) throw new Error('dist/server/start.cjs is missing: run `npm run build` first (`npm test` does).');
  const startedAt = performance.now();
  const child = spawn(process.execPath, [MAIN], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const baseUrl = await whileRunning(
    child,
    'it was ready',
    async () => {
      const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const ready = url ? await fetch(`${url}/readyz`).catch(() => null) : null;
      if (!url || ready?.status !== 200) throw new Error(`not ready after 60 s:\n${output}`);
      return url;
    },
    { timeout: 60_000, interval: 25 },
    () => output,
  );
  return { child, baseUrl, output: () => output, readyAfterMs: Math.round(performance.now() - startedAt), exited };
}

function runCli(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...env, LOG_LEVEL: 'silent' }, cwd: root });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const login = (baseUrl: string, password: string) =>
  fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password }),
  });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a fresh start on the embedded database', () => {
  let password = '';

  it('becomes ready with no DATABASE_URL and prints the generated admin password exactly once', async () => {
    const first = await start();
    try {
      console.info(`fresh start: ready in ${first.readyAfterMs} ms (embedded PostgreSQL created, migrated, bootstrapped)`);
      const printed = [...first.output().matchAll(/Password \(shown only now\): (\S+)/g)];
      expect(printed).toHaveLength(1);
      password = printed[0][1];
      expect(password.length).toBeGreaterThanOrEqual(20);
      // After the start-up lines, where it does not scroll away: where to go, who to sign in as, and the password.
      const output = first.output();
      expect(output).toMatch(
        /\n {2}Keyward is ready: open http:\/\/localhost:\d+\n {2}Sign in as admin@example\.com with the password below; .*\n {2}Password \(shown only now\): \S+\n {2}Lost it\? npm run keyward -- user reset-password --email admin@example\.com\n/,
      );
      // Without HOST, a development start listens on loopback only.
      const listening = [...output.matchAll(/Server listening at (\S+?)"/g)].map((m) => m[1]);
      expect(listening.length).toBeGreaterThan(0);
      // Both listeners (HTTP, and HTTPS for mTLS).
      for (const address of listening) expect(address).toMatch(/^https?:\/\/127\.0\.0\.1:\d+$/);
      // The structured log never carries it.
      const jsonLines = first
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      expect(jsonLines.join('\n')).not.toContain(password);
      // Standard output is a pipe here, not a terminal: the log is JSON for whatever reads it, not pino-pretty's lines.
      const ready = jsonLines.map((line) => JSON.parse(line)).find((line) => line.msg === 'Keyward is ready');
      expect(ready).toMatchObject({ level: 30, service: 'keyward', database: 'embedded' });
      expect(output).not.toMatch(/\] INFO: /);

      expect(await (await fetch(`${first.baseUrl}/readyz`)).json()).toEqual({ status: 'ready', database: 'ok' });
      expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);
      // The generated password is temporary: its first sign-in must replace it before anything else (docs/limits.md#passwords).
      const signIn = await login(first.baseUrl, password);
      expect(signIn.status).toBe(200);
      expect(await signIn.json()).toMatchObject({ mustChangePassword: true });
      const cookie = signIn.headers.getSetCookie()[0].split(';')[0];
      const gql = async (query: string, variables: Record<string, unknown> = {}) =>
        (
          await fetch(`${first.baseUrl}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ query, variables }),
          })
        ).json();
      expect(await gql('{ apiClients { totalCount } }')).toMatchObject({
        errors: [{ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/^Change your temporary password first/) }],
      });
      const chosen = 'harbour-violet-tractor-93';
      const change = 'mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }';
      expect(await gql(change, { c: password, n: chosen })).toEqual({ data: { changeMyPassword: true } });
      expect(await gql('{ apiClients { totalCount } }')).toEqual({ data: { apiClients: { totalCount: 0 } } });
      password = chosen;
      const metrics = await (await fetch(`${first.baseUrl}/metrics`)).text();
      expect(metrics).toContain('keyward_http_requests_total{method="POST",route="/auth/login",status="200"} 1');
      const spa = await fetch(`${first.baseUrl}/clients/some-id`);
      expect(spa.status).toBe(200);
      expect(await spa.text()).toContain('<div id="root">');

      const busy = await runCli('audit', 'verify');
      expect(busy.code).toBe(1);
      expect(busy.out).toMatch(/in use by another Keyward process/);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });

  it('drains in-flight requests on SIGTERM, closes the database and exits 0', async () => {
    const server = await start();
    const before = (server.output().match(/"url":"\/auth\/login"/g) ?? []).length;
    const inFlight = Array.from({ length: 8 }, () => login(server.baseUrl, password));
    // Wait until the server has received all eight, then ask it to stop while they are being answered.
    await expect
      .poll(() => (server.output().match(/"url":"\/auth\/login"/g) ?? []).length, {
        message: 'sign-in requests the server logged as received',
        timeout: 30_000,
        interval: 2,
      })
      .toBeGreaterThanOrEqual(before + 8);
    server.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight.map(async (r) => (await r).status));
    expect(statuses).toEqual(Array(8).fill(200));
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutdown complete: requests drained, database closed');
    expect(existsSync(join(dataDir, 'pgdata.lock'))).toBe(false);
  });

  it('keeps its data across restarts and prints no password the second time', async () => {
    const again = await start();
    try {
      // The banner comes after /readyz first answers (the log is written without blocking): wait for it, then read it.
      await expect.poll(() => again.output(), { timeout: 30_000 }).toContain('Keyward is ready: open http://localhost:');
      expect(again.output()).not.toContain('Password (shown only now)');
      expect(again.output()).not.toContain('Sign in as');
      expect((await login(again.baseUrl, password)).status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
    const verify = await runCli('audit', 'verify');
    expect(verify.out).toMatch(/OK +tenant default: \d+ events, chain intact/);
    expect(verify.code).toBe(0);
  });
});
