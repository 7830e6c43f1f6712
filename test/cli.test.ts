import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyward, type Keyward } from '../server/app/runtime.js';
import { runCli } from '../server/cli.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';
import { parseMail } from './support/smtp.js';

let kw: TestKeyward;
let oldSession: string;

beforeAll(async () => {
  kw = await startKeyward({ persistent: true });
  oldSession = await kw.login();
  // Due for its 5-day reminder, for `reminders run`.
  await kw.clientWithSecret(oldSession, {
    client: { name: 'Reminded by the CLI' },
    expiresAt: new Date(Date.now() + 5 * 86_400_000 - 3_600_000),
  });
  // The embedded database allows one process: the operator stops the server before using the CLI.
  await kw.stopServer();
});
afterAll(async () => kw?.destroy());

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: kw.cliEnv });
  // Commands that open the database first say which one (and the public URL); the rest of stderr is the command's own.
  return { code, out, err: err.replace(/^Keyward CLI: .*, public URL \S+\n/, '') };
}

/** Starts Keyward again on the CLI's database and signs in, as an operator would after the command. */
async function withServer<T>(
  run: (login: (email: string, password: string) => Promise<Response>, keyward: Keyward, base: string) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ ...kw.cliEnv, PORT: '0' });
  const keyward = await createKeyward(config, createLogger('silent'));
  try {
    await keyward.app.listen({ port: 0, host: '127.0.0.1' });
    const address = keyward.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return await run(
      (email, password) =>
        fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        }),
      keyward,
      base,
    );
  } finally {
    await keyward.close();
  }
}

describe('npm run keyward', () => {
  it('--help lists the operator commands', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of [
      'tenant create',
      'user reset-password',
      'audit verify',
      'audit head [--tenant <slug>]',
      'keys rotate [--tenant <slug>] [--now]',
      'reminders run',
      'ca print',
      'schema print',
    ])
      expect(help.out).toContain(command);
  });

  it('refuses an unknown command or a missing option with exit code 2 and a pointer to --help', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command "frobnicate"') });
    expect(await cli('tenant', 'create', '--slug', 'acme')).toMatchObject({ code: 2, err: expect.stringContaining('--name is required') });
  });

  it('tenant create makes a tenant whose admin can sign in with the password printed once', async () => {
    const created = await cli('tenant', 'create', '--slug', 'acme', '--name', 'Acme Corp', '--admin-email', 'root@acme.example');
    expect(created.code).toBe(0);
    expect(created.out).toContain('Created tenant acme (Acme Corp) with admin root@acme.example.');
    const password = /Admin password \(shown only now\): (\S+)/.exec(created.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);

    const again = await cli('tenant', 'create', '--slug', 'acme', '--name', 'Other', '--admin-email', 'x@acme.example');
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('A tenant with the slug "acme" already exists') });
    const badSlug = await cli('tenant', 'create', '--slug', 'Acme!', '--name', 'x', '--admin-email', 'y@acme.example');
    expect(badSlug).toMatchObject({ code: 1, err: expect.stringContaining('Tenant slug "Acme!" is not allowed') });

    await withServer(async (login) => {
      expect((await login('root@acme.example', password)).status).toBe(200);
    });
  });

  it('user reset-password sets a new password, ends the old sessions and is audited', async () => {
    const reset = await cli('user', 'reset-password', '--email', ADMIN_EMAIL);
    expect(reset.code).toBe(0);
    const password = /New password \(shown only now\): (\S+)/.exec(reset.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    await withServer(async (login, keyward) => {
      expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(401);
      expect((await login(ADMIN_EMAIL, password)).status).toBe(200);
      expect(await keyward.services.auth.viewerForSession(oldSession.split('=')[1])).toBeNull();
      const [event] = await keyward.database.orm.em
        .getConnection()
        .execute("select actor_name, changes::text as changes from audit_event where action = 'user.password_reset'");
      expect(event.actor_name).toBe('Keyward CLI');
      expect(event.changes).not.toContain(password);
    });
    expect(await cli('user', 'reset-password', '--email', 'nobody@example.com')).toMatchObject({
      code: 1,
      err: 'No user with the email nobody@example.com exists.\n',
    });
  });

  it('reminders run sends the due reminders now (to the outbox without SMTP_URL), and nothing twice', async () => {
    const outbox = join(kw.cliEnv.KEYWARD_DATA_DIR, 'outbox');
    const first = await cli('reminders', 'run');
    expect(first).toMatchObject({
      code: 0,
      out: 'Reminder scan: 1 newly due. Sent 1; 0 to retry later (mail server unavailable); 0 failed for good.\n',
    });
    const files = readdirSync(outbox).filter((name) => name.endsWith('.eml'));
    expect(files).toHaveLength(1);
    expect(parseMail(readFileSync(join(outbox, files[0]), 'utf8'), []).subject).toMatch(
      /^Keyward: .* of "Reminded by the CLI" .* expires in 5 days/,
    );
    expect((await cli('reminders', 'run')).out).toBe(
      'Reminder scan: 0 newly due. Sent 0; 0 to retry later (mail server unavailable); 0 failed for good.\n',
    );
    expect(readdirSync(outbox).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
  });

  it('keys rotate publishes a new key of the root issuer at once and lets it sign after the JWKS cache window', async () => {
    const rotated = await cli('keys', 'rotate');
    expect(rotated, rotated.err).toMatchObject({ code: 0, err: '' });
    const kid = /Tenant default: new ES256 signing key (kw-\S+), published in the tenant's JWKS now\./.exec(rotated.out)?.[1] ?? '';
    const from = /It signs new tokens from (\S+) \(in (\d+) seconds\)/.exec(rotated.out);
    const previous = /Retired: (kw-[^;,\s]+)/.exec(rotated.out)?.[1] ?? '';
    expect(kid, rotated.out).toMatch(/^kw-/);
    expect(previous, rotated.out).toMatch(/^kw-/);
    // The defaults: a JWKS max-age of 300 s plus a 60 s margin.
    expect(Number(from?.[2])).toBeGreaterThan(350);
    expect(Number(from?.[2])).toBeLessThanOrEqual(360);
    expect(Math.abs(new Date(from?.[1] ?? '').getTime() - (Date.now() + 360_000))).toBeLessThan(15_000);
    expect(rotated.out).toContain('stay in the JWKS for 24 hours');
    await withServer(async (_login, keyward, base) => {
      const jwks = (await (await fetch(`${base}/oauth2/jwks`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([kid, previous]));
      const [root] = await keyward.database.orm.em.getConnection().execute("select id from tenant where slug = 'default'");
      const signingKeys = keyward.services.signingKeys;
      // Published now, signing later: a resource server that fetched the JWKS just before knows the key in time.
      expect(signingKeys.current(await signingKeys.forTenant(root.id)).kid).toBe(previous);
    });
  });

  it('keys rotate --tenant <slug> --now signs with the tenant’s new key at once and warns about cached JWKS', async () => {
    const rotated = await cli('keys', 'rotate', '--tenant', 'acme', '--now');
    expect(rotated.code, rotated.err).toBe(0);
    const kid = /Tenant acme: new ES256 signing key (kw-\S+),/.exec(rotated.out)?.[1] ?? '';
    expect(rotated.out).toContain('It signs new tokens from now');
    expect(rotated.err).toContain('Warning: resource servers holding a JWKS cached before now');
    expect(rotated.err).toContain('refuse the new tokens until they fetch the JWKS again');
    await withServer(async (_login, keyward, base) => {
      const acme = (await (await fetch(`${base}/tenants/acme/oauth2/jwks`)).json()) as { keys: { kid: string }[] };
      expect(acme.keys.map((key) => key.kid)).toContain(kid);
      const root = (await (await fetch(`${base}/oauth2/jwks`)).json()) as { keys: { kid: string }[] };
      expect(root.keys.map((key) => key.kid)).not.toContain(kid);
      const [tenant] = await keyward.database.orm.em.getConnection().execute("select id from tenant where slug = 'acme'");
      const signingKeys = keyward.services.signingKeys;
      expect(signingKeys.current(await signingKeys.forTenant(tenant.id)).kid).toBe(kid);
    });
  });

  it('keys rotate --tenant with an unknown slug names it and rotates nothing', async () => {
    const [{ n: before }] = await withServer(async (_login, keyward) =>
      keyward.database.orm.em.getConnection().execute('select count(*)::int as n from signing_key'),
    );
    const unknown = await cli('keys', 'rotate', '--tenant', 'no-such-tenant');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('No tenant with the slug "no-such-tenant"; nothing was rotated.');
    expect(unknown.out).toBe('');
    const [{ n: after }] = await withServer(async (_login, keyward) =>
      keyward.database.orm.em.getConnection().execute('select count(*)::int as n from signing_key'),
    );
    expect(after).toBe(before);
  });
});
