import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', 'scripts/check-test-tools.mjs');

interface Outcome {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `node scripts/check-test-tools.mjs` as `npm test`'s first step runs it, never allowed to install anything. */
function runFinder(env: Record<string, string>): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT],
      { env: { ...process.env, KEYWARD_TEST_INSTALL: '0', ...env }, timeout: 10_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, killed: error?.killed ?? false, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

describe('the check for the programs the tests need', () => {
  it('stops at once with the one command to run when there is no browser, and no stack trace', async () => {
    const outcome = await runFinder({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(outcome.killed).toBe(false);
    expect(outcome.code).toBe(1);
    expect(outcome.ms).toBeLessThan(5_000);
    expect(outcome.stderr).toContain('The tests need Chrome/Chromium (CHROMIUM_PATH=/nonexistent/chromium is no executable file)');
    // This machine is Debian (the suite's home): the instruction is Debian's package, as root without sudo.
    expect(outcome.stderr).toMatch(/^Run: (sudo )?apt-get install chromium \(and unset CHROMIUM_PATH/m);
    expect(outcome.stderr).not.toMatch(/^\s+at |Error\b|\.mjs:\d+/m);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(2);
    expect(outcome.stdout).toBe('');
  });

  it('passes quickly, naming the browser, when CHROMIUM_PATH is a real one', async () => {
    // globalSetup found this browser before the run and handed it to the test processes.
    const browser = process.env.CHROMIUM_PATH;
    expect(browser).toBeTruthy();
    const outcome = await runFinder({ CHROMIUM_PATH: browser! });
    expect(outcome).toMatchObject({ code: 0, killed: false, stderr: '' });
    expect(outcome.stdout).toBe(`Chromium: ${browser}\n`);
    expect(outcome.ms).toBeLessThan(5_000);
  });
});
