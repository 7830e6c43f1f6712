import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

// The README's "First five minutes", run as written: the commands are read from README.md itself.
// Asynchronous bash: the server under test answers in this process meanwhile.
const run = promisify(execFile);
const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const NEW_PASSWORD = 'quiet-lantern-orbit-meadow-42';

/** The ```sh blocks of the section. */
function walkThrough(): string[] {
  const start = README.indexOf('\n## First five minutes\n');
  const end = README.indexOf('\n## ', start + 1);
  expect(start, 'README.md has a "First five minutes" section').toBeGreaterThan(0);
  return [...README.slice(start, end).matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
}

let kw: TestKeyward;
let work: string;

beforeAll(async () => {
  kw = await startKeyward();
  work = mkdtempSync(join(tmpdir(), 'keyward-five-minutes-'));
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await kw?.destroy();
});

describe('the README’s first five minutes', () => {
  it('sign in, change the password, create a client and a secret, get a token and introspect it, as written', async () => {
    const [values, commands, ...more] = walkThrough();
    expect(more).toEqual([]);
    // The first block holds only the reader's own values; the test gives them for this server.
    expect(values.split('\n').filter((line) => line.trim() && !line.startsWith('#'))).toEqual([
      'KEYWARD_URL=http://localhost:4000',
      expect.stringMatching(/^PASSWORD='.*' +# or your KEYWARD_ADMIN_PASSWORD$/),
      expect.stringMatching(/^NEW_PASSWORD='.*' +# 12 characters or more, hard to guess$/),
    ]);
    expect(commands).toContain(ADMIN_EMAIL);
    const { stdout, stderr } = await run('bash', ['--noprofile', '--norc', '-c', `set -euo pipefail\n${commands}`], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', HOME: work, KEYWARD_URL: kw.baseUrl, PASSWORD: ADMIN_PASSWORD, NEW_PASSWORD },
    });
    expect(stderr).toBe('');
    // The changeMyPassword answer on one line, then what introspection says of the token.
    const newline = stdout.indexOf('\n');
    expect(JSON.parse(stdout.slice(0, newline))).toEqual({ data: { changeMyPassword: true } });
    const introspected = JSON.parse(stdout.slice(newline + 1));
    expect(introspected).toEqual({
      active: true,
      client_id: expect.stringMatching(/^default-[a-z2-7]{16}$/),
      scope: 'orders:read',
      aud: 'https://api.example.com/orders',
    });
    // The password is the reader's own now.
    await expect(kw.login(ADMIN_EMAIL, NEW_PASSWORD)).resolves.toMatch(/^kw_session=/);
  });
});
