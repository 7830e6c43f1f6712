import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyward } from '../server/app/runtime.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startKeyward } from './support/keyward.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-key-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the master key', () => {
  it('is generated in development into the data directory with mode 0600, with a warning, and reused after a restart', async () => {
    const kw = await startKeyward({ persistent: true });
    try {
      const file = join(kw.cliEnv.KEYWARD_DATA_DIR, 'master.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
      expect(kw.logs.join('\n')).toMatch(/"level":40.*generated a development master key/);

      const admin = await kw.login();
      const { clientId, secret } = await kw.clientWithSecret(admin, {
        client: { name: 'Keeps working' },
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      await kw.stopServer();

      // A restart derives the same pepper from the same key file, so the secret still verifies.
      const again = await createKeyward(loadConfig(kw.cliEnv), createLogger('silent'));
      try {
        const token = await again.app.inject({
          method: 'POST',
          url: '/oauth2/token',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
        });
        expect(token.statusCode).toBe(200);
        expect(token.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
      } finally {
        await again.close();
      }
    } finally {
      await kw.destroy();
    }
  });

  it('is required in production: Keyward refuses to start without it, before touching the database', async () => {
    const dataDir = tempDir();
    const config = loadConfig({ NODE_ENV: 'production', KEYWARD_DATA_DIR: dataDir });
    await expect(createKeyward(config, createLogger('silent'))).rejects.toThrow(
      'KEYWARD_MASTER_KEY is required in production: generate one with `openssl rand -base64 32` and keep it in your secret store.',
    );
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });

  it('must be 32 bytes of base64', async () => {
    for (const bad of ['too-short', randomBytes(16).toString('base64'), `${randomBytes(32).toString('base64')}!!`]) {
      const config = loadConfig({ KEYWARD_MASTER_KEY: bad, KEYWARD_DATA_DIR: tempDir() });
      await expect(createKeyward(config, createLogger('silent'))).rejects.toThrow(
        /KEYWARD_MASTER_KEY must be exactly 32 bytes encoded as base64/,
      );
    }
  });

  it('when given, is used as is and no key file is written', async () => {
    const kw = await startKeyward({ env: { KEYWARD_MASTER_KEY: randomBytes(32).toString('base64') } });
    try {
      expect(existsSync(join(kw.cliEnv.KEYWARD_DATA_DIR, 'master.key'))).toBe(false);
      expect(kw.logs.join('\n')).not.toMatch(/master key/);
    } finally {
      await kw.destroy();
    }
  });
});
