import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { createKeyward, type Keyward } from '../../server/app/runtime.js';
import { loadConfig } from '../../server/config.js';
import type { Clock } from '../../server/kernel/clock.js';
import { Permission } from '../../server/kernel/permissions.js';
import { createLogger } from '../../server/logger.js';
import { createTenantWithAdmin } from '../../server/tenants/provisioning.js';
import { Tenant } from '../../server/tenants/tenant.entity.js';
import { hashPassword } from '../../server/users/passwords.js';
import { Team } from '../../server/users/team.entity.js';
import { User } from '../../server/users/user.entity.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct-horse-battery-staple';
export const USER_PASSWORD = 'a-long-test-password-1';

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; limit?: number } }[];
}

export interface ClientWithSecret {
  id: string;
  clientId: string;
  secret: string;
  secretId: string;
}

export interface TestKeyward {
  baseUrl: string;
  /** https://127.0.0.1:<port> of the tls_client_auth listener. */
  mtlsUrl: string;
  keyward: Keyward;
  /** Every log line the server wrote, for leak checks. */
  logs: string[];
  /** Environment for the CLI to reach the same database once the server is stopped. */
  cliEnv: Record<string, string>;
  login(email?: string, password?: string): Promise<string>;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, cookie?: string): Promise<GraphQLResult<T>>;
  /** A user in the tenant (default: `default`) whose only team grants exactly these permissions; returns its session cookie. */
  userWith(permissions: Permission[], options?: { tenantSlug?: string; email?: string }): Promise<string>;
  createTenant(slug: string): Promise<{ adminEmail: string; cookie: string }>;
  /** An API client (one contact email unless `input` says otherwise), made over GraphQL; throws when it is refused. */
  apiClient(cookie: string, input: Record<string, unknown> & { name: string }): Promise<{ id: string; clientId: string }>;
  /** An API client (defaults: a name and one contact email, overridable) with one client secret, made over GraphQL. */
  clientWithSecret(cookie: string, options?: { client?: Record<string, unknown>; expiresAt?: Date }): Promise<ClientWithSecret>;
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Stops HTTP and closes the database, keeping its data for `cliEnv`. */
  stopServer(): Promise<void>;
  /** Stops everything and deletes the test database / data directory. */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A PostgreSQL database of its own on DATABASE_URL's server, or an embedded one when DATABASE_URL is unset. */
export async function provisionDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-test-'));
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return {
      env: { KEYWARD_DATA_DIR: dataDir },
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `keyward_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), KEYWARD_DATA_DIR: dataDir },
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Keep the embedded database on disk (for the CLI after stopServer). */
  persistent?: boolean;
  /** The clock services read (credential status, expiry rules, rotation grace); default: the system clock. */
  clock?: Clock;
}

export async function startKeyward(options: StartOptions = {}): Promise<TestKeyward> {
  const database = await provisionDatabase();
  // The issuer (KEYWARD_PUBLIC_URL) must be the address clients use, so the port is chosen up front.
  const port = await freePort();
  const env = {
    NODE_ENV: 'test',
    PORT: String(port),
    KEYWARD_PUBLIC_URL: `http://127.0.0.1:${port}`,
    KEYWARD_MTLS_PORT: '0',
    KEYWARD_MTLS_HOSTNAMES: 'localhost,127.0.0.1',
    KEYWARD_ADMIN_EMAIL: ADMIN_EMAIL,
    KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // Tests drive the reminder scan themselves (services.reminders); the scheduler's own test turns it on.
    KEYWARD_REMINDER_SCHEDULER: 'off',
    ...database.env,
    ...options.env,
  };
  const config = loadConfig(env);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const keyward = await createKeyward(config, createLogger(config.logLevel, sink), {
    inMemory: !options.persistent && !('DATABASE_URL' in database.env),
    clock: options.clock,
  });
  await keyward.app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const mtls = await keyward.startMtls('127.0.0.1');
  const orm = keyward.database.orm;
  let stopped = false;

  const test: TestKeyward = {
    baseUrl,
    mtlsUrl: mtls ? `https://127.0.0.1:${mtls.port}` : '',
    keyward,
    logs,
    cliEnv: { ...env, LOG_LEVEL: 'silent' },
    async login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
      const response = await fetch(`${baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (response.status !== 200) throw new Error(`login failed for ${email}: ${response.status} ${await response.text()}`);
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kw_session='));
      if (!cookie) throw new Error('login set no session cookie');
      return cookie.split(';')[0];
    },
    async gql(query, variables, cookie) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResult<any>;
    },
    async userWith(permissions, { tenantSlug = 'default', email } = {}) {
      const em = orm.em.fork();
      const tenant = await em.findOneOrFail(Tenant, { slug: tenantSlug });
      const address = email ?? `user-${randomBytes(4).toString('hex')}@example.com`;
      const team = em.create(Team, { tenant, name: `Team ${randomBytes(4).toString('hex')}`, permissions });
      const user = em.create(User, { tenant, email: address, name: 'Test User', passwordHash: await hashPassword(USER_PASSWORD) });
      team.members.add(user);
      await em.flush();
      return test.login(address, USER_PASSWORD);
    },
    async createTenant(slug) {
      const adminEmail = `admin@${slug}.example.com`;
      await orm.em
        .fork()
        .transactional((em) => createTenantWithAdmin(em, { slug, name: `Tenant ${slug}`, adminEmail, adminPassword: ADMIN_PASSWORD }));
      return { adminEmail, cookie: await test.login(adminEmail, ADMIN_PASSWORD) };
    },
    async apiClient(cookie, input) {
      const created = await test.gql(
        'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
        { input: { contactEmails: ['ops@example.com'], ...input } },
        cookie,
      );
      if (!created.data?.createApiClient) throw new Error(`createApiClient failed: ${JSON.stringify(created.errors)}`);
      return created.data.createApiClient;
    },
    async clientWithSecret(cookie, { client = {}, expiresAt = new Date(Date.now() + 30 * 86_400_000) } = {}) {
      const { id, clientId } = await test.apiClient(cookie, { name: 'Test client', ...client });
      const secret = await test.gql(
        'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret credential { id } } }',
        { id, e: expiresAt.toISOString() },
        cookie,
      );
      if (!secret.data?.createClientSecret) throw new Error(`createClientSecret failed: ${JSON.stringify(secret.errors)}`);
      return { id, clientId, secret: secret.data.createClientSecret.secret, secretId: secret.data.createClientSecret.credential.id };
    },
    async sql(text, params = []) {
      return orm.em.getConnection().execute(text, params as any[]);
    },
    async stopServer() {
      if (stopped) return;
      stopped = true;
      await keyward.close();
    },
    async destroy() {
      await test.stopServer();
      await database.drop();
    },
  };
  return test;
}

export const ALL = Object.values(Permission);
