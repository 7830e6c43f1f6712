import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { requestToken } from './support/oauth.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'examples/create-client.sh');

let kw: TestKeyward;
let admin: string;
let apiKey: string;
let management: { clientId: string; secret: string };
let compiled: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  const created = await kw.gql('mutation { createPersonalApiKey(input: { name: "Examples" }) { token } }', {}, admin);
  apiKey = created.data?.createPersonalApiKey.token;
  management = await kw.clientWithSecret(admin, {
    client: { name: 'Provisioning robot', scopes: ['keyward:clients.create', 'keyward:secrets.create'] },
  });
  // Node 20 cannot run .ts files: compile the example as a reader on Node 20 would (Node ≥ 22.18 runs it as is).
  compiled = mkdtempSync(join(tmpdir(), 'keyward-example-'));
  await run(join(ROOT, 'node_modules/.bin/tsc'), [
    '--outDir',
    compiled,
    '--target',
    'es2022',
    '--module',
    'nodenext',
    '--types',
    'node',
    join(ROOT, 'examples/create-client.ts'),
  ]);
});
afterAll(async () => {
  rmSync(compiled, { recursive: true, force: true });
  await kw?.destroy();
});

type Auth = { KEYWARD_API_KEY: string } | { KEYWARD_CLIENT_ID: string; KEYWARD_CLIENT_SECRET: string };

const EXAMPLES = {
  'bash + curl': (args: string[], env: Record<string, string>) => run('bash', [SCRIPT, ...args], { env }),
  TypeScript: (args: string[], env: Record<string, string>) =>
    run(process.execPath, [join(compiled, 'create-client.js'), ...args], { env }),
};

async function runExample(example: keyof typeof EXAMPLES, name: string, auth: Auth) {
  const { stdout, stderr } = await EXAMPLES[example]([name, 'ops@example.com', '30'], {
    PATH: process.env.PATH ?? '',
    KEYWARD_URL: kw.baseUrl,
    ...auth,
  });
  const printed = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
  return { printed, stderr };
}

/** The printed secret really is the new client's: it gets an access token. */
async function tokenStatus(clientId: string, secret: string): Promise<number> {
  return (await requestToken(kw.baseUrl, clientId, secret)).status;
}

async function creatorOf(clientId: string) {
  const [event] = await kw.sql<{ actor_type: string; actor_name: string }>(
    `select e.actor_type, e.actor_name from audit_event e join api_client c on c.id = e.api_client_id
     where e.action = 'client.created' and c.client_id = ?`,
    [clientId],
  );
  return event;
}

describe.each(Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[])('examples/create-client (%s)', (example) => {
  it('with a personal API key: creates a client and a secret, prints the one-time secret, audited as the key’s owner', async () => {
    const { printed, stderr } = await runExample(example, `${example} via key`, { KEYWARD_API_KEY: apiKey });
    expect(printed.client_id).toMatch(/^default-[a-z0-9]{16}$/);
    expect(printed.client_secret).toMatch(/^kwcs_[0-9A-Za-z]{49}$/);
    expect(new Date(printed.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(stderr).toContain('Keyward shows it only this once');
    expect(await tokenStatus(printed.client_id, printed.client_secret)).toBe(200);
    expect(await creatorOf(printed.client_id)).toMatchObject({
      actor_type: 'API_KEY',
      actor_name: expect.stringMatching(/via API key Examples$/),
    });
  });

  it('with a management-scoped client token: the same, audited as that API client', async () => {
    const { printed } = await runExample(example, `${example} via token`, {
      KEYWARD_CLIENT_ID: management.clientId,
      KEYWARD_CLIENT_SECRET: management.secret,
    });
    expect(printed.client_secret).toMatch(/^kwcs_[0-9A-Za-z]{49}$/);
    expect(await tokenStatus(printed.client_id, printed.client_secret)).toBe(200);
    expect(await creatorOf(printed.client_id)).toMatchObject({ actor_type: 'CLIENT', actor_name: `API client ${management.clientId}` });
  });

  it('says what is wrong, with exit code 1 and no stack trace, when the key is not valid', async () => {
    // A different last character: appending a fixed one left the key unchanged whenever it already ended with it.
    const wrong = `${apiKey.slice(0, -1)}${apiKey.endsWith('x') ? 'y' : 'x'}`;
    const failed = await runExample(example, 'Never created', { KEYWARD_API_KEY: wrong }).catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Keyward: .*API key.*\(UNAUTHENTICATED\)/);
    expect(failed.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
    expect(await kw.sql("select id from api_client where name = 'Never created'")).toEqual([]);
  });
});
