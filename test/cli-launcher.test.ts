import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyward, type TestKeyward } from './support/keyward.js';

// The `keyward` command (npm run keyward, the package's bin): quick when the build is current, and it says what it
// acts on. Asynchronous child processes: the server under test answers in this process meanwhile.
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const LAUNCHER = join(ROOT, 'scripts/keyward.mjs');

let kw: TestKeyward;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/server/cli.js')))
    throw new Error('dist/server is missing: run `npm run build` first (`npm test` does).');
  kw = await startKeyward({ persistent: true });
});
afterAll(async () => kw?.destroy());

describe('the keyward command', () => {
  // That it answers in well under a second is asserted in the reliability suite: test/reliability/timing-bounds.test.ts.
  it('answers --help from a current build without rebuilding', async () => {
    // Once to settle the build check (a build older than the sources is rebuilt, once).
    await run(process.execPath, [LAUNCHER, '--help'], { cwd: ROOT });
    for (let i = 0; i < 3; i++) {
      const { stdout, stderr } = await run(process.execPath, [LAUNCHER, '--help'], { cwd: ROOT });
      expect(stdout).toMatch(/^Keyward operator commands\n/);
      expect(stdout).toContain('housekeeping run');
      expect(stderr).not.toContain('Building the server');
    }
  });

  it('names the database (never its password) and the public URL it acts on', async () => {
    // The embedded database allows one process: the operator stops the server before using the CLI.
    await kw.stopServer();
    const env = { ...process.env, ...kw.cliEnv, LOG_LEVEL: 'silent' };
    const databaseUrl = kw.cliEnv.DATABASE_URL;
    const withPassword = databaseUrl ? databaseUrl.replace('postgres://postgres@', 'postgres://postgres:not-shown@') : undefined;
    const { stdout, stderr } = await run(process.execPath, [LAUNCHER, 'audit', 'head'], {
      cwd: ROOT,
      env: { ...env, ...(withPassword ? { DATABASE_URL: withPassword } : {}) },
    });
    expect(stdout).toMatch(/^tenant default: \d+ events, latest hash [0-9a-f]{64}$/m);
    expect(stderr).toContain(`public URL ${kw.baseUrl}`);
    expect(stderr).toMatch(
      databaseUrl ? /Keyward CLI: PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:5432\// : /Keyward CLI: the embedded database in /,
    );
    expect(stderr).not.toContain('not-shown');
  });
});
