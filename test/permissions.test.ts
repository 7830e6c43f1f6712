import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { Tenant } from '../server/tenants/tenant.entity.js';
import { hashPassword } from '../server/users/passwords.js';
import { Team } from '../server/users/team.entity.js';
import { User } from '../server/users/user.entity.js';
import { type GraphQLResult, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

/**
 * docs/permissions.md#the-permissions as a table: what each permission allows among today's operations. Written from the
 * spec, not from server/graphql/shield.ts, so a drift between the two fails here.
 *  - CLIENT_ADMINISTRATION: see API clients and the client tooling (the scope catalog), read their audit trail
 *  - CLIENT_CREATE / CLIENT_EDIT: create / edit API clients; both need the scope catalog to pick scopes
 *  - CLIENT_REMOVE: delete API clients
 *  - SECRET_ADMINISTRATION: see an API client's secrets and certificates (`ApiClient.credentials`, metadata only), and the credentials expiring soon across clients (`expiringCredentials`);
 *    to find them it reads the API clients themselves, read-only (list, client page, the scope names on it) — Keyward's choice, README
 *  - SECRET_CREATE: create client secrets (and certificates), rotate secrets
 *  - SECRET_REMOVE: delete client secrets and certificates
 *  - SECURITY_ADMINISTRATION: manage users, teams, the tenant's limits and the scope catalog, read the whole audit trail
 *    (the events of credentials, like every reader, only with SECRET_ADMINISTRATION too)
 * `viewer` and `changeMyPassword` need only a sign-in. `credentials` is tried by a caller who also holds
 * CLIENT_ADMINISTRATION, so that for the other permissions the row tests the field rule, not the root rule. The secret mutations need nothing but their own permission.
 */
type OperationName =
  | 'viewer'
  | 'apiClients'
  | 'apiClient'
  | 'apiResources'
  | 'auditEvents'
  | 'expiringCredentials'
  | 'createApiClient'
  | 'updateApiClient'
  | 'deleteApiClient'
  | 'credentials'
  | 'createClientSecret'
  | 'rotateClientSecret'
  | 'deleteCredential'
  | 'changeMyPassword'
  | 'users'
  | 'teams'
  | 'createUser'
  | 'updateUser'
  | 'disableUser'
  | 'enableUser'
  | 'createTeam'
  | 'updateTeam'
  | 'deleteTeam'
  | 'updateTenantSettings'
  | 'createApiResource'
  | 'updateApiResource'
  | 'deleteApiResource'
  | 'createScope'
  | 'updateScope'
  | 'deleteScope';

/** What any signed-in user may do, whatever their permissions. */
const SIGNED_IN: OperationName[] = ['viewer', 'changeMyPassword'];

/** Users, teams, tenant limits and the scope catalog. */
const SECURITY: OperationName[] = [
  'users',
  'teams',
  'createUser',
  'updateUser',
  'disableUser',
  'enableUser',
  'createTeam',
  'updateTeam',
  'deleteTeam',
  'updateTenantSettings',
  'createApiResource',
  'updateApiResource',
  'deleteApiResource',
  'createScope',
  'updateScope',
  'deleteScope',
];

const ALLOWS: Record<Permission, OperationName[]> = {
  CLIENT_ADMINISTRATION: [...SIGNED_IN, 'apiClients', 'apiClient', 'apiResources', 'auditEvents'],
  CLIENT_CREATE: [...SIGNED_IN, 'apiResources', 'createApiClient'],
  CLIENT_EDIT: [...SIGNED_IN, 'apiResources', 'updateApiClient'],
  CLIENT_REMOVE: [...SIGNED_IN, 'deleteApiClient'],
  SECRET_ADMINISTRATION: [...SIGNED_IN, 'apiClients', 'apiClient', 'apiResources', 'credentials', 'expiringCredentials'],
  SECRET_CREATE: [...SIGNED_IN, 'createClientSecret', 'rotateClientSecret'],
  SECRET_REMOVE: [...SIGNED_IN, 'deleteCredential'],
  SECURITY_ADMINISTRATION: [...SIGNED_IN, 'apiResources', 'auditEvents', ...SECURITY],
  // The vault's operations are tried in test/vault.test.ts; of these, the vault permissions allow only what any sign-in does.
  VAULT_ADMINISTRATION: [...SIGNED_IN],
  VAULT_MANAGE: [...SIGNED_IN],
};

/** The permissions that grant an operation, read back from the table (for the FORBIDDEN message). */
const grantedBy = (operation: OperationName) =>
  (Object.keys(ALLOWS) as Permission[]).filter((permission) => ALLOWS[permission].includes(operation));

type Result = GraphQLResult<any>;
type Send = (query: string, variables?: Record<string, unknown>) => Promise<Result>;
interface AuditNode {
  action: string;
  apiClientId: string | null;
}

/** Who is calling, for the checks that depend on it. */
interface Caller {
  email: string;
  permissions: Permission[];
}

interface Operation<P = any> {
  /** The table's name for it, and the key of its result in `data` (an alias where the field is nested). */
  field: OperationName;
  /** "… can / cannot <does>" */
  does: string;
  /** Held by the caller besides the permission under test, to reach the record whose field is tested. */
  alsoHolds?: Permission[];
  /** Where a refusal may land when a field rule refuses it, rather than the root field's rule. */
  refusedAt?: string[][];
  /** Setup done as the admin, before the state snapshot (e.g. a fresh client to delete). */
  prepare(): Promise<P>;
  run(send: Send, prepared: P): Promise<Result>;
  /** The call succeeded and its effect is visible to someone else (the admin or the database). */
  expectSuccess(result: Result, prepared: P, caller: Caller): Promise<void>;
  /** Removes what prepare made when the call was refused, so the tenant stays under its client limit. */
  cleanup?(prepared: P): Promise<void>;
}

const CLIENT_FIELDS = 'id clientId name enabled';
const GET = `query($id: ID!) { apiClient(id: $id) { ${CLIENT_FIELDS} } }`;
// Creating or editing a client needs no right to read it (docs/permissions.md#what-each-permission-reaches): the answer asks only for what every caller gets.
const CREATE = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id clientId } }';
const DELETE = 'mutation($id: ID!) { deleteApiClient(id: $id) }';
const VIEWER = '{ viewer { permissions actor { type displayName } user { email } tenant { slug } } }';
const CREDENTIAL_FIELDS =
  'id type description createdAt createdBy { displayName } expiresAt lastUsedAt status secretHint replacedById apiClientId';
/** `apiClient` under the alias `credentials`, so the row's result sits at `data.credentials`. */
const CREDENTIALS = `query($id: ID!) { credentials: apiClient(id: $id) { id credentialCount credentials { ${CREDENTIAL_FIELDS} } } }`;
const CREATE_SECRET = `mutation($clientId: ID!, $input: CreateClientSecretInput!) {
  createClientSecret(clientId: $clientId, input: $input) { credential { ${CREDENTIAL_FIELDS} } secret }
}`;
const ROTATE_SECRET = `mutation($id: ID!, $input: RotateClientSecretInput!) {
  rotateClientSecret(id: $id, input: $input) { credential { ${CREDENTIAL_FIELDS} } secret previous { id replacedById expiresAt } }
}`;
const DELETE_CREDENTIAL = 'mutation($id: ID!) { deleteCredential(id: $id) }';
/** docs/formats.md#secret-tokens: `kwcs_` + 43 base62 characters (256 bits) + a 6-character checksum. */
const SECRET_FORMAT = /^kwcs_[0-9A-Za-z]{49}$/;
const DAY_MS = 86_400_000;

let kw: TestKeyward;
let admin: string;
/** A client the admin created: what the callers read and edit. */
let target: { id: string; clientId: string; name: string };
/** A secret of `target`, made by the admin: what the readers of credentials see. */
let targetSecret: NewSecret;

interface NewSecret {
  id: string;
  secret: string;
}
interface CredentialNode {
  id: string;
  secretHint: string | null;
  replacedById: string | null;
  expiresAt: string;
}

const tag = () => randomBytes(3).toString('hex');

async function adminCreates(name: string) {
  const result = await kw.gql(CREATE, { input: { name, contactEmails: ['ops@example.com'] } }, admin);
  expect(result.errors).toBeUndefined();
  return result.data?.createApiClient as { id: string; clientId: string; name: string };
}

async function adminGets(id: string) {
  return kw.gql(GET, { id }, admin);
}

async function adminDeletes(id: string) {
  expect((await kw.gql(DELETE, { id }, admin)).errors).toBeUndefined();
}

/** 30 days ahead, to the second: well inside the 365-day maximum. */
const expiry = () => new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * DAY_MS).toISOString();

async function adminCreatesSecret(clientId: string): Promise<NewSecret> {
  const result = await kw.gql(CREATE_SECRET, { clientId, input: { description: 'Made by the admin', expiresAt: expiry() } }, admin);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return { id: result.data?.createClientSecret.credential.id, secret: result.data?.createClientSecret.secret };
}

/** A fresh client holding one secret, so no client reaches its limit of 5 credentials. */
async function adminCreatesClientWithSecret(name: string) {
  const holder = await adminCreates(name);
  return { holder, old: await adminCreatesSecret(holder.id) };
}

/** The credentials of a client as the admin (who holds every permission) sees them. */
async function adminSeesCredentials(clientId: string): Promise<CredentialNode[]> {
  const result = await kw.gql(CREDENTIALS, { id: clientId }, admin);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data?.credentials.credentials;
}

/** Every string anywhere in a response. */
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(stringsIn) : [];

/** Only hints (`kwcs_…` + last 4) — never a secret value — anywhere in what was read back. */
function expectNoSecretValues(result: unknown, ...secrets: string[]) {
  const text = JSON.stringify(result);
  for (const secret of secrets) expect(text).not.toContain(secret);
  for (const value of stringsIn(result).filter((v) => v.includes('kwcs_'))) expect(value).toMatch(/^kwcs_…[0-9A-Za-z]{4}$/);
}

/**
 * Everything a refused call could have changed: the API clients, their scopes, their credentials, the users,
 * teams, tenant limits and scope catalog, and the audit trail.
 */
async function snapshot() {
  const clients = await kw.sql(
    `select c.id, c.name, c.description, c.enabled, c.contact_emails, c.updated_at::text as updated_at,
            (select count(*) from api_client_scope s where s.api_client_id = c.id)::int as scopes
       from api_client c order by c.id`,
  );
  const credentials = await kw.sql('select id, expires_at, replaced_by_id from credential order by id');
  const [audit] = await kw.sql<{ events: number }>('select count(*)::int as events from audit_event');
  const security = {
    users: await kw.sql('select id, email, name, status, must_change_password, password_hash from app_user order by id'),
    teams: await kw.sql('select id, name, permissions from team order by id'),
    members: await kw.sql('select team_id, user_id from team_member order by team_id, user_id'),
    tenants: await kw.sql('select id, max_clients, max_credentials_per_client, max_credential_lifetime_days from tenant order by id'),
    apis: await kw.sql('select id, name, audience, description from api_resource order by id'),
    scopes: await kw.sql('select id, name, description from scope order by id'),
  };
  return { clients, credentials, credentialCount: credentials.length, events: audit.events, security };
}

const USER_FIELDS = 'id email name status mustChangePassword teams { id name }';
const TEAM_FIELDS = 'id name permissions members { email }';
const RESOURCE_FIELDS = 'id name audience builtIn scopes { id name description }';
const NEW_PASSWORD = 'a-changed-test-password-2';

async function adminSends(query: string, variables: Record<string, unknown>) {
  const result = await kw.gql(query, variables, admin);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as Record<string, any>;
}

/** A user of tenant `default` made over the API by the admin. */
async function adminCreatesUser(): Promise<{ id: string; email: string }> {
  const email = `managed-${tag()}@example.com`;
  const data = await adminSends('mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email } } }', {
    input: { email, name: 'Managed User' },
  });
  return data.createUser.user;
}

async function adminCreatesTeam(): Promise<{ id: string; name: string }> {
  const data = await adminSends('mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name } }', {
    input: { name: `Managed team ${tag()}`, permissions: [Permission.CLIENT_ADMINISTRATION] },
  });
  return data.createTeam;
}

async function adminDeletesTeam(id: string) {
  await adminSends('mutation($id: ID!) { deleteTeam(id: $id) }', { id });
}

/** An API of the catalog with one scope, made by the admin. */
async function adminCreatesApi(): Promise<{ id: string; scopeId: string; scopeName: string }> {
  const suffix = tag();
  const api = await adminSends('mutation($input: CreateApiResourceInput!) { createApiResource(input: $input) { id } }', {
    input: { name: `Managed API ${suffix}`, audience: `https://managed-${suffix}.example.com` },
  });
  const scope = await adminSends(
    'mutation($api: ID!, $input: CreateScopeInput!) { createScope(apiResourceId: $api, input: $input) { id name } }',
    { api: api.createApiResource.id, input: { name: `managed-${suffix}:read`, description: 'Made by the admin' } },
  );
  return { id: api.createApiResource.id, scopeId: scope.createScope.id, scopeName: scope.createScope.name };
}

async function adminDeletesApi(id: string) {
  await adminSends('mutation($id: ID!) { deleteApiResource(id: $id) }', { id });
}

async function adminSeesApi(id: string) {
  return (await adminSends(`{ apiResources { ${RESOURCE_FIELDS} } }`, {})).apiResources.find((r: { id: string }) => r.id === id);
}

/** The one audit event of an action on a target: who did it. */
async function actorOf(action: string, targetId: string): Promise<string[]> {
  const rows = await kw.sql<{ actor_name: string }>('select actor_name from audit_event where action = ? and target_id = ?', [
    action,
    targetId,
  ]);
  return rows.map((r) => r.actor_name);
}

const inDefaultTenant = (table: string) =>
  kw.sql<{ id: string }>(`select x.id from ${table} x join tenant t on t.id = x.tenant_id where t.slug = 'default' order by x.id`);

const OPERATIONS: Operation[] = [
  {
    field: 'viewer',
    does: 'see who they are and what they may do (viewer)',
    prepare: async () => null,
    run: (send) => send(VIEWER),
    async expectSuccess(result, _prepared, caller) {
      expect(result.data?.viewer).toMatchObject({ actor: { type: 'USER' }, user: { email: caller.email }, tenant: { slug: 'default' } });
      expect([...(result.data?.viewer.permissions ?? [])].sort()).toEqual([...caller.permissions].sort());
    },
  },
  {
    field: 'apiClients',
    does: 'list and search API clients',
    prepare: async () => null,
    run: (send) =>
      send(
        `query($search: String) {
           all: apiClients(first: 100) { totalCount }
           apiClients(search: $search) { totalCount edges { node { id clientId } } }
         }`,
        { search: target.clientId },
      ),
    async expectSuccess(result) {
      const [row] = await kw.sql<{ n: number }>(
        "select count(*)::int as n from api_client c join tenant t on t.id = c.tenant_id where t.slug = 'default'",
      );
      expect(result.data?.all.totalCount).toBe(row.n);
      expect(result.data?.apiClients.totalCount).toBe(1);
      expect(result.data?.apiClients.edges[0].node).toEqual({ id: target.id, clientId: target.clientId });
    },
  },
  {
    field: 'apiClient',
    does: 'read an API client',
    prepare: async () => null,
    run: (send) => send(GET, { id: target.id }),
    async expectSuccess(result) {
      expect(result.data?.apiClient).toMatchObject({ id: target.id, clientId: target.clientId });
    },
  },
  {
    field: 'apiResources',
    does: 'read the scope catalog (apiResources)',
    prepare: async () => null,
    run: (send) => send('{ apiResources { id name builtIn scopes { name } } }'),
    async expectSuccess(result) {
      const resources = result.data?.apiResources as { name: string; builtIn: boolean; scopes: { name: string }[] }[];
      expect(resources.find((r) => r.builtIn)?.name).toBe('Keyward Management API');
      expect(resources.flatMap((r) => r.scopes.map((s) => s.name))).toEqual(
        expect.arrayContaining(['orders:read', 'keyward:clients.read']),
      );
    },
  },
  {
    field: 'expiringCredentials',
    does: 'list the credentials expiring soon across all clients (expiringCredentials)',
    prepare: async () => null,
    run: (send) => send('{ expiringCredentials(withinDays: 365) { id apiClient { id } } }'),
    async expectSuccess(result) {
      const listed = result.data?.expiringCredentials as { id: string; apiClient: { id: string } }[];
      expect(listed.map((c) => c.id)).toContain(targetSecret.id);
      expect(listed.find((c) => c.id === targetSecret.id)?.apiClient.id).toBe(target.id);
    },
  },
  {
    field: 'auditEvents',
    does: 'read the audit trail of an API client',
    prepare: async () => null,
    run: (send) =>
      send('query($id: ID!) { auditEvents(filter: { apiClientId: $id }) { totalCount edges { node { action apiClientId } } } }', {
        id: target.id,
      }),
    async expectSuccess(result) {
      const nodes = result.data?.auditEvents.edges.map((e: { node: AuditNode }) => e.node);
      expect(nodes).toContainEqual({ action: 'client.created', apiClientId: target.id });
      expect(nodes.every((n: AuditNode) => n.apiClientId === target.id)).toBe(true);
    },
  },
  {
    field: 'createApiClient',
    does: 'create an API client',
    prepare: async () => ({ name: `Created ${tag()}` }),
    run: (send, { name }) => send(CREATE, { input: { name, contactEmails: ['ops@example.com'], scopes: ['orders:read'] } }),
    async expectSuccess(result, { name }, caller) {
      const created = result.data?.createApiClient;
      expect(created.clientId).toMatch(/^default-[a-z2-7]{16}$/);
      const seen = await kw.gql(
        'query($id: ID!) { apiClient(id: $id) { id name enabled createdBy { displayName } } }',
        { id: created.id },
        admin,
      );
      expect(seen.data?.apiClient).toMatchObject({
        id: created.id,
        name,
        enabled: true,
        createdBy: { displayName: expect.stringContaining(caller.email) },
      });
      // Clean up: the tenant holds at most 20 clients.
      expect((await kw.gql(DELETE, { id: created.id }, admin)).errors).toBeUndefined();
    },
  },
  {
    field: 'updateApiClient',
    does: 'edit an API client',
    prepare: async () => ({ name: `Renamed ${tag()}` }),
    run: (send, { name }) => send(UPDATE, { id: target.id, input: { name, enabled: false } }),
    async expectSuccess(result, { name }) {
      expect(result.data?.updateApiClient).toEqual({ id: target.id, clientId: target.clientId });
      expect((await adminGets(target.id)).data?.apiClient).toMatchObject({ name, enabled: false });
      // Put it back for the next caller.
      expect((await kw.gql(UPDATE, { id: target.id, input: { name: target.name, enabled: true } }, admin)).errors).toBeUndefined();
    },
  },
  {
    field: 'deleteApiClient',
    does: 'delete an API client',
    prepare: () => adminCreates(`Doomed ${tag()}`),
    run: (send, doomed) => send(DELETE, { id: doomed.id }),
    async expectSuccess(result, doomed) {
      expect(result.data?.deleteApiClient).toBe(doomed.id);
      expect((await adminGets(doomed.id)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(await kw.sql('select id from api_client where id = ?', [doomed.id])).toEqual([]);
    },
    async cleanup(doomed) {
      expect((await kw.gql(DELETE, { id: doomed.id }, admin)).errors).toBeUndefined();
    },
  },
  {
    field: 'credentials',
    does: 'see an API client’s secrets, metadata only (apiClient.credentials)',
    alsoHolds: [Permission.CLIENT_ADMINISTRATION],
    // Both fields are non-null: the first refusal nulls the client, so either may be the one reported.
    refusedAt: [
      ['credentials', 'credentials'],
      ['credentials', 'credentialCount'],
    ],
    prepare: async () => null,
    run: (send) => send(CREDENTIALS, { id: target.id }),
    async expectSuccess(result) {
      const seen = result.data?.credentials as { id: string; credentialCount: number; credentials: CredentialNode[] };
      const rows = await kw.sql<{ id: string }>('select id from credential where api_client_id = ? order by id', [target.id]);
      expect(rows.length).toBeGreaterThan(0);
      expect(seen.id).toBe(target.id);
      expect(seen.credentialCount).toBe(rows.length);
      expect(seen.credentials.map((c) => c.id).sort()).toEqual(rows.map((r) => r.id));
      expect(seen.credentials.find((c) => c.id === targetSecret.id)).toMatchObject({
        type: 'CLIENT_SECRET',
        status: 'ACTIVE',
        apiClientId: target.id,
        secretHint: `kwcs_…${targetSecret.secret.slice(-4)}`,
        createdBy: { displayName: expect.stringContaining('admin@example.com') },
      });
      expectNoSecretValues(result, targetSecret.secret);
    },
  },
  {
    field: 'createClientSecret',
    does: 'create a client secret',
    prepare: () => adminCreates(`Secret holder ${tag()}`),
    run: (send, holder) =>
      send(CREATE_SECRET, { clientId: holder.id, input: { description: 'From the permission table', expiresAt: expiry() } }),
    async expectSuccess(result, holder, caller) {
      const { credential, secret }: { credential: CredentialNode; secret: string } = result.data?.createClientSecret ?? {};
      expect(secret).toMatch(SECRET_FORMAT);
      expect(credential).toMatchObject({
        type: 'CLIENT_SECRET',
        status: 'ACTIVE',
        apiClientId: holder.id,
        description: 'From the permission table',
        secretHint: `kwcs_…${secret.slice(-4)}`,
        replacedById: null,
        createdBy: { displayName: expect.stringContaining(caller.email) },
      });
      // The admin sees it among the client's credentials — its hint, never its value.
      const seen = await adminSeesCredentials(holder.id);
      expect(seen.map((c) => c.id)).toEqual([credential.id]);
      expectNoSecretValues(seen, secret);
      await adminDeletes(holder.id);
    },
    cleanup: (holder) => adminDeletes(holder.id),
  },
  {
    field: 'rotateClientSecret',
    does: 'rotate a client secret',
    prepare: () => adminCreatesClientWithSecret(`Rotated ${tag()}`),
    run: (send, { old }) => send(ROTATE_SECRET, { id: old.id, input: { expiresAt: expiry() } }),
    async expectSuccess(result, { holder, old }) {
      const { credential, secret, previous }: { credential: CredentialNode; secret: string; previous: CredentialNode } =
        result.data?.rotateClientSecret ?? {};
      expect(secret).toMatch(SECRET_FORMAT);
      expect(secret).not.toBe(old.secret);
      expect(credential).toMatchObject({ type: 'CLIENT_SECRET', apiClientId: holder.id, secretHint: `kwcs_…${secret.slice(-4)}` });
      expect(credential.id).not.toBe(old.id);
      expect(previous).toMatchObject({ id: old.id, replacedById: credential.id });
      // The old secret now lasts at most the 7-day grace period (it was made to last 30 days).
      expect(new Date(previous.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
      // The admin sees both: the new one, and the old one pointing at it.
      const seen = await adminSeesCredentials(holder.id);
      expect(seen.map((c) => c.id).sort()).toEqual([credential.id, old.id].sort());
      expect(seen.find((c) => c.id === old.id)?.replacedById).toBe(credential.id);
      expectNoSecretValues(seen, secret, old.secret);
      await adminDeletes(holder.id);
    },
    cleanup: ({ holder }) => adminDeletes(holder.id),
  },
  {
    field: 'deleteCredential',
    does: 'delete a client secret',
    prepare: () => adminCreatesClientWithSecret(`Secret doomed ${tag()}`),
    run: (send, { old }) => send(DELETE_CREDENTIAL, { id: old.id }),
    async expectSuccess(result, { holder, old }) {
      expect(result.data?.deleteCredential).toBe(old.id);
      expect(await adminSeesCredentials(holder.id)).toEqual([]);
      expect(await kw.sql('select id from credential where id = ?', [old.id])).toEqual([]);
      await adminDeletes(holder.id);
    },
    cleanup: ({ holder }) => adminDeletes(holder.id),
  },
  {
    field: 'changeMyPassword',
    does: 'change their own password',
    prepare: async () => null,
    run: (send) =>
      send('mutation($current: String!, $next: String!) { changeMyPassword(currentPassword: $current, newPassword: $next) }', {
        current: USER_PASSWORD,
        next: NEW_PASSWORD,
      }),
    async expectSuccess(result, _prepared, caller) {
      expect(result.data?.changeMyPassword).toBe(true);
      await kw.login(caller.email, NEW_PASSWORD);
      const old = await fetch(`${kw.baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: caller.email, password: USER_PASSWORD }),
      });
      expect(old.status).toBe(401);
      const [{ id }] = await kw.sql<{ id: string }>('select id from app_user where email = ?', [caller.email]);
      expect(await actorOf('user.password_changed', id)).toHaveLength(1);
      // Put it back for the other rows of this caller.
      await kw.sql('update app_user set password_hash = ? where email = ?', [await hashPassword(USER_PASSWORD), caller.email]);
    },
  },
  {
    field: 'users',
    does: 'list the tenant’s users (users)',
    prepare: async () => null,
    run: (send) => send(`{ users { ${USER_FIELDS} } }`),
    async expectSuccess(result, _prepared, caller) {
      const users = result.data?.users as { id: string; email: string }[];
      expect(users.map((u) => u.id).sort()).toEqual((await inDefaultTenant('app_user')).map((r) => r.id));
      expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(['admin@example.com', caller.email]));
    },
  },
  {
    field: 'teams',
    does: 'list the tenant’s teams and their members (teams)',
    prepare: async () => null,
    run: (send) => send(`{ teams { ${TEAM_FIELDS} } }`),
    async expectSuccess(result) {
      const teams = result.data?.teams as { id: string; name: string; permissions: string[]; members: { email: string }[] }[];
      expect(teams.map((t) => t.id).sort()).toEqual((await inDefaultTenant('team')).map((r) => r.id));
      const administrators = teams.find((t) => t.name === 'Administrators');
      expect(administrators?.permissions).toHaveLength(10);
      expect(administrators?.members).toContainEqual({ email: 'admin@example.com' });
    },
  },
  {
    field: 'createUser',
    does: 'create a user with a temporary password (createUser)',
    prepare: async () => ({ email: `created-${tag()}@example.com` }),
    run: (send, { email }) =>
      send(`mutation($input: CreateUserInput!) { createUser(input: $input) { temporaryPassword user { ${USER_FIELDS} } } }`, {
        input: { email, name: 'Created User' },
      }),
    async expectSuccess(result, { email }, caller) {
      const { user, temporaryPassword } = result.data?.createUser ?? {};
      expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{24}$/);
      expect(user).toMatchObject({ email, status: 'ACTIVE', mustChangePassword: true, teams: [] });
      const seen = (await adminSends(`{ users { ${USER_FIELDS} } }`, {})).users.find((u: { id: string }) => u.id === user.id);
      expect(seen).toEqual(user);
      expect(await actorOf('user.created', user.id)).toEqual([expect.stringContaining(caller.email)]);
    },
  },
  {
    field: 'updateUser',
    does: 'rename a user and change their teams (updateUser)',
    prepare: async () => ({ user: await adminCreatesUser(), team: await adminCreatesTeam() }),
    run: (send, { user, team }) =>
      send(`mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`, {
        id: user.id,
        input: { name: 'Renamed User', teamIds: [team.id] },
      }),
    async expectSuccess(result, { user, team }) {
      expect(result.data?.updateUser).toMatchObject({ id: user.id, name: 'Renamed User', teams: [{ id: team.id, name: team.name }] });
      expect(await kw.sql('select name from app_user where id = ?', [user.id])).toEqual([{ name: 'Renamed User' }]);
      expect(await kw.sql('select team_id from team_member where user_id = ?', [user.id])).toEqual([{ team_id: team.id }]);
      await adminDeletesTeam(team.id);
    },
    cleanup: ({ team }) => adminDeletesTeam(team.id),
  },
  {
    field: 'disableUser',
    does: 'disable a user (disableUser)',
    prepare: () => adminCreatesUser(),
    run: (send, user) => send('mutation($id: ID!) { disableUser(id: $id) { id status } }', { id: user.id }),
    async expectSuccess(result, user) {
      expect(result.data?.disableUser).toEqual({ id: user.id, status: 'DISABLED' });
      expect(await kw.sql('select status from app_user where id = ?', [user.id])).toEqual([{ status: 'DISABLED' }]);
    },
  },
  {
    field: 'enableUser',
    does: 'enable a disabled user (enableUser)',
    async prepare() {
      const user = await adminCreatesUser();
      await adminSends('mutation($id: ID!) { disableUser(id: $id) { id } }', { id: user.id });
      return user;
    },
    run: (send, user) => send('mutation($id: ID!) { enableUser(id: $id) { id status } }', { id: user.id }),
    async expectSuccess(result, user) {
      expect(result.data?.enableUser).toEqual({ id: user.id, status: 'ACTIVE' });
      expect(await kw.sql('select status from app_user where id = ?', [user.id])).toEqual([{ status: 'ACTIVE' }]);
    },
  },
  {
    field: 'createTeam',
    does: 'create a team (createTeam)',
    prepare: async () => ({ name: `Created team ${tag()}` }),
    run: (send, { name }) =>
      send(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { ${TEAM_FIELDS} } }`, {
        input: { name, permissions: [Permission.CLIENT_ADMINISTRATION] },
      }),
    async expectSuccess(result, { name }) {
      const team = result.data?.createTeam;
      expect(team).toMatchObject({ name, permissions: [Permission.CLIENT_ADMINISTRATION], members: [] });
      const seen = (await adminSends(`{ teams { ${TEAM_FIELDS} } }`, {})).teams.find((t: { id: string }) => t.id === team.id);
      expect(seen).toEqual(team);
      await adminDeletesTeam(team.id);
    },
  },
  {
    field: 'updateTeam',
    does: 'rename a team and change its permissions (updateTeam)',
    prepare: () => adminCreatesTeam(),
    run: (send, team) =>
      send(`mutation($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { ${TEAM_FIELDS} } }`, {
        id: team.id,
        input: { name: `${team.name} renamed`, permissions: [Permission.CLIENT_EDIT] },
      }),
    async expectSuccess(result, team) {
      expect(result.data?.updateTeam).toMatchObject({ id: team.id, name: `${team.name} renamed`, permissions: [Permission.CLIENT_EDIT] });
      expect(await kw.sql('select name, permissions from team where id = ?', [team.id])).toEqual([
        { name: `${team.name} renamed`, permissions: [Permission.CLIENT_EDIT] },
      ]);
      await adminDeletesTeam(team.id);
    },
    cleanup: (team) => adminDeletesTeam(team.id),
  },
  {
    field: 'deleteTeam',
    does: 'delete a team (deleteTeam)',
    prepare: () => adminCreatesTeam(),
    run: (send, team) => send('mutation($id: ID!) { deleteTeam(id: $id) }', { id: team.id }),
    async expectSuccess(result, team) {
      expect(result.data?.deleteTeam).toBe(team.id);
      expect(await kw.sql('select id from team where id = ?', [team.id])).toEqual([]);
    },
    cleanup: (team) => adminDeletesTeam(team.id),
  },
  {
    field: 'updateTenantSettings',
    does: 'change the tenant’s limits (updateTenantSettings)',
    prepare: async () => null,
    run: (send) =>
      send('mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { slug maxCredentialLifetimeDays } }', {
        input: { maxCredentialLifetimeDays: 300 },
      }),
    async expectSuccess(result) {
      expect(result.data?.updateTenantSettings).toEqual({ slug: 'default', maxCredentialLifetimeDays: 300 });
      const { viewer } = await adminSends('{ viewer { tenant { maxCredentialLifetimeDays } } }', {});
      expect(viewer.tenant.maxCredentialLifetimeDays).toBe(300);
      await adminSends('mutation { updateTenantSettings(input: { maxCredentialLifetimeDays: 365 }) { id } }', {});
    },
  },
  {
    field: 'createApiResource',
    does: 'add an API to the scope catalog (createApiResource)',
    prepare: async () => {
      const suffix = tag();
      return { name: `Created API ${suffix}`, audience: `https://created-${suffix}.example.com` };
    },
    run: (send, input) =>
      send(`mutation($input: CreateApiResourceInput!) { createApiResource(input: $input) { ${RESOURCE_FIELDS} } }`, { input }),
    async expectSuccess(result, input) {
      const api = result.data?.createApiResource;
      expect(api).toMatchObject({ ...input, builtIn: false, scopes: [] });
      expect(await adminSeesApi(api.id)).toEqual(api);
      await adminDeletesApi(api.id);
    },
  },
  {
    field: 'updateApiResource',
    does: 'edit an API of the scope catalog (updateApiResource)',
    prepare: () => adminCreatesApi(),
    run: (send, api) =>
      send(`mutation($id: ID!, $input: UpdateApiResourceInput!) { updateApiResource(id: $id, input: $input) { ${RESOURCE_FIELDS} } }`, {
        id: api.id,
        input: { name: `Renamed API ${tag()}` },
      }),
    async expectSuccess(result, api) {
      const updated = result.data?.updateApiResource;
      expect(updated.name).toMatch(/^Renamed API /);
      expect(await adminSeesApi(api.id)).toEqual(updated);
      await adminDeletesApi(api.id);
    },
    cleanup: (api) => adminDeletesApi(api.id),
  },
  {
    field: 'deleteApiResource',
    does: 'delete an unused API and its scopes (deleteApiResource)',
    prepare: () => adminCreatesApi(),
    run: (send, api) => send('mutation($id: ID!) { deleteApiResource(id: $id) }', { id: api.id }),
    async expectSuccess(result, api) {
      expect(result.data?.deleteApiResource).toBe(api.id);
      expect(await adminSeesApi(api.id)).toBeUndefined();
      expect(await kw.sql('select id from scope where id = ?', [api.scopeId])).toEqual([]);
    },
    cleanup: (api) => adminDeletesApi(api.id),
  },
  {
    field: 'createScope',
    does: 'add a scope to an API (createScope)',
    prepare: () => adminCreatesApi(),
    run: (send, api) =>
      send('mutation($api: ID!, $input: CreateScopeInput!) { createScope(apiResourceId: $api, input: $input) { id name description } }', {
        api: api.id,
        input: { name: `${api.scopeName}-more`, description: 'Added' },
      }),
    async expectSuccess(result, api) {
      const scope = result.data?.createScope;
      expect(scope).toMatchObject({ name: `${api.scopeName}-more`, description: 'Added' });
      expect((await adminSeesApi(api.id)).scopes).toContainEqual(scope);
      await adminDeletesApi(api.id);
    },
    cleanup: (api) => adminDeletesApi(api.id),
  },
  {
    field: 'updateScope',
    does: 'change a scope’s description (updateScope)',
    prepare: () => adminCreatesApi(),
    run: (send, api) =>
      send('mutation($id: ID!, $input: UpdateScopeInput!) { updateScope(id: $id, input: $input) { id name description } }', {
        id: api.scopeId,
        input: { description: 'Changed' },
      }),
    async expectSuccess(result, api) {
      expect(result.data?.updateScope).toEqual({ id: api.scopeId, name: api.scopeName, description: 'Changed' });
      expect((await adminSeesApi(api.id)).scopes).toEqual([{ id: api.scopeId, name: api.scopeName, description: 'Changed' }]);
      await adminDeletesApi(api.id);
    },
    cleanup: (api) => adminDeletesApi(api.id),
  },
  {
    field: 'deleteScope',
    does: 'delete an unused scope (deleteScope)',
    prepare: () => adminCreatesApi(),
    run: (send, api) => send('mutation($id: ID!) { deleteScope(id: $id) }', { id: api.scopeId }),
    async expectSuccess(result, api) {
      expect(result.data?.deleteScope).toBe(api.scopeId);
      expect((await adminSeesApi(api.id)).scopes).toEqual([]);
      await adminDeletesApi(api.id);
    },
    cleanup: (api) => adminDeletesApi(api.id),
  },
];

/** Runs one operation and checks it was refused with `code` and left every record as it was. */
async function expectRefused(operation: Operation, send: Send, code: 'FORBIDDEN' | 'UNAUTHENTICATED') {
  const prepared = await operation.prepare();
  const before = await snapshot();
  const result = await operation.run(send, prepared);
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  expect(result.errors?.[0].extensions?.code).toBe(code);
  expect(result.data?.[operation.field] ?? null).toBeNull();
  expect(await snapshot()).toEqual(before);
  await operation.cleanup?.(prepared);
  return result;
}

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  target = await adminCreates('Permission target');
  targetSecret = await adminCreatesSecret(target.id);
});
afterAll(async () => kw?.destroy());

describe('the permission table', () => {
  it('covers every permission of the Permission enum: the seven of docs/permissions.md#the-permissions, SECURITY_ADMINISTRATION and the vault’s two', () => {
    expect(Object.keys(ALLOWS).sort()).toEqual(Object.values(Permission).sort());
    expect(Object.values(Permission)).toHaveLength(10);
  });

  it('matches the Permission enum the API publishes', async () => {
    const result = await kw.gql('{ __type(name: "Permission") { enumValues { name } } }', {}, admin);
    expect(result.data?.__type.enumValues.map((v: { name: string }) => v.name).sort()).toEqual(Object.keys(ALLOWS).sort());
  });
});

describe.each(Object.values(Permission))('a user with only %s', (permission) => {
  const slug = permission.toLowerCase().replace(/_/g, '-');
  const caller: Caller = { email: `only-${slug}@example.com`, permissions: [permission] };
  const cookies = new Map<string, string>();
  /** The caller of a row: the permission alone, or with what the operation also needs to reach its record. */
  const callerFor = (operation: Operation): Caller => {
    const also = (operation.alsoHolds ?? []).filter((p) => p !== permission);
    return also.length
      ? { email: `${slug}-plus-${also.join('-').toLowerCase().replace(/_/g, '-')}@example.com`, permissions: [permission, ...also] }
      : caller;
  };

  beforeAll(async () => {
    for (const { email, permissions } of new Map(OPERATIONS.map(callerFor).map((c) => [c.email, c])).values()) {
      cookies.set(email, await kw.userWith(permissions, { email }));
    }
  });

  const rows = OPERATIONS.map((operation) => {
    const allowed = ALLOWS[permission].includes(operation.field);
    const also = callerFor(operation).permissions.slice(1);
    const name = `${allowed ? 'can' : 'cannot'} ${operation.does}${also.length ? ` (also holding ${also.join(', ')})` : ''}`;
    return [name, operation, allowed] as const;
  });

  it.each(rows)('%s', async (_name, operation, allowed) => {
    const who = callerFor(operation);
    const send: Send = (query, variables) => kw.gql(query, variables, cookies.get(who.email));
    if (allowed) {
      const prepared = await operation.prepare();
      const result = await operation.run(send, prepared);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data?.[operation.field]).toBeTruthy();
      await operation.expectSuccess(result, prepared, who);
    } else {
      const result = await expectRefused(operation, send, 'FORBIDDEN');
      // The message tells a person which permission to ask for.
      for (const needed of grantedBy(operation.field)) expect(result.errors?.[0].message).toContain(needed);
      // A field rule refused it, not the root field's rule the extra permission satisfies.
      if (operation.refusedAt) expect(operation.refusedAt).toContainEqual(result.errors?.[0].path);
    }
  });
});

describe('without a valid sign-in', () => {
  const bearer =
    (authorization: string, cookie?: string): Send =>
    async (query, variables) => {
      const response = await fetch(`${kw.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization, ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Result;
    };

  const callers: [string, () => Send][] = [
    ['an anonymous caller (no cookie)', () => (query, variables) => kw.gql(query, variables)],
    ['a caller with a garbage session cookie', () => (query, variables) => kw.gql(query, variables, 'kw_session=nonsense')],
    ['a caller with an unknown bearer token', () => bearer('Bearer abc')],
    ['a caller with a valid session cookie but an unknown bearer token', () => bearer('Bearer abc', admin)],
  ];
  const rows = callers.flatMap(([who, send]) => OPERATIONS.map((operation) => [who, operation.does, operation, send] as const));

  it.each(rows)('%s cannot %s: UNAUTHENTICATED', async (_who, _does, operation, send) => {
    await expectRefused(operation, send(), 'UNAUTHENTICATED');
  });

  it('a signed-out session no longer works', async () => {
    const cookie = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    expect((await kw.gql(VIEWER, {}, cookie)).errors).toBeUndefined();
    const response = await fetch(`${kw.baseUrl}/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(response.status).toBe(200);
    expect((await kw.gql(VIEWER, {}, cookie)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an expired session no longer works', async () => {
    const cookie = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    const tokenHash = createHash('sha256').update(cookie.slice('kw_session='.length)).digest('hex');
    await kw.sql("update session set expires_at = now() - interval '1 second' where token_hash = ?", [tokenHash]);
    const result = await kw.gql('{ apiClients { totalCount } }', {}, cookie);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data?.apiClients ?? null).toBeNull();
  });

  it('a disabled user’s open session stops working at once', async () => {
    const email = `disabled-${tag()}@example.com`;
    const cookie = await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email });
    await kw.sql("update app_user set status = 'DISABLED' where email = ?", [email]);
    expect((await kw.gql('{ apiClients { totalCount } }', {}, cookie)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

/** A user in tenant `default` belonging to one new team per permission set; returns email and cookie. */
async function userInTeams(...teams: Permission[][]) {
  const em = kw.keyward.database.orm.em.fork();
  const tenant = await em.findOneOrFail(Tenant, { slug: 'default' });
  const email = `teams-${tag()}@example.com`;
  const user = em.create(User, { tenant, email, name: 'Team Member', passwordHash: await hashPassword(USER_PASSWORD) });
  const created = teams.map((permissions) => {
    const team = em.create(Team, { tenant, name: `Team ${tag()}`, permissions });
    team.members.add(user);
    return team;
  });
  await em.flush();
  return { email, teams: created, cookie: await kw.login(email, USER_PASSWORD) };
}

describe('teams', () => {
  it('a user in two teams holds the union of their permissions, and nothing more', async () => {
    const { email, cookie } = await userInTeams([Permission.CLIENT_CREATE], [Permission.CLIENT_REMOVE, Permission.CLIENT_CREATE]);
    const send: Send = (query, variables) => kw.gql(query, variables, cookie);
    const viewer = await send(VIEWER);
    expect(viewer.data?.viewer.user.email).toBe(email);
    expect([...(viewer.data?.viewer.permissions ?? [])].sort()).toEqual([Permission.CLIENT_CREATE, Permission.CLIENT_REMOVE]);

    // CLIENT_CREATE from the first team, CLIENT_REMOVE from the second: create then delete works.
    const created = await send(CREATE, { input: { name: `Union ${tag()}`, contactEmails: ['ops@example.com'] } });
    expect(created.errors).toBeUndefined();
    const deleted = await send(DELETE, { id: created.data?.createApiClient.id });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteApiClient).toBe(created.data?.createApiClient.id);

    // Neither team grants CLIENT_ADMINISTRATION or CLIENT_EDIT.
    expect((await send(GET, { id: target.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await send(UPDATE, { id: target.id, input: { name: 'Nope' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a change to a team’s permissions applies to its members’ next request, without signing in again', async () => {
    const { cookie, teams } = await userInTeams([Permission.CLIENT_ADMINISTRATION]);
    const list = '{ apiClients { totalCount } }';
    expect((await kw.gql(list, {}, cookie)).errors).toBeUndefined();

    await kw.sql('update team set permissions = ?::jsonb where id = ?', [JSON.stringify([Permission.CLIENT_EDIT]), teams[0].id]);
    expect((await kw.gql(list, {}, cookie)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await kw.gql(VIEWER, {}, cookie)).data?.viewer.permissions).toEqual([Permission.CLIENT_EDIT]);

    await kw.sql('delete from team_member where team_id = ?', [teams[0].id]);
    expect((await kw.gql(VIEWER, {}, cookie)).data?.viewer.permissions).toEqual([]);
    expect((await kw.gql(UPDATE, { id: target.id, input: { name: 'Nope' } }, cookie)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a user in no team may sign in and see themselves, but do nothing else', async () => {
    const { cookie } = await userInTeams();
    const viewer = await kw.gql(VIEWER, {}, cookie);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data?.viewer.permissions).toEqual([]);
    for (const operation of OPERATIONS.filter((o) => !SIGNED_IN.includes(o.field))) {
      await expectRefused(operation, (query, variables) => kw.gql(query, variables, cookie), 'FORBIDDEN');
    }
  });
});

describe('what each reader of the audit trail sees', () => {
  const TRAIL = `query($filter: AuditEventFilter) {
    auditEvents(filter: $filter, first: 100) { totalCount edges { node { action apiClientId } } }
  }`;

  it('CLIENT_ADMINISTRATION sees only the events about API clients (not of their credentials): no sign-ins, no tenant or user events', async () => {
    const cookie = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    const trail = await kw.gql(TRAIL, {}, cookie);
    expect(trail.errors).toBeUndefined();
    const nodes = trail.data?.auditEvents.edges.map((e: { node: AuditNode }) => e.node) as AuditNode[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.apiClientId !== null)).toBe(true);
    expect(nodes.map((n) => n.action)).not.toContain('auth.login');

    const [row] = await kw.sql<{ n: number }>(
      `select count(*)::int as n from audit_event e join tenant t on t.id = e.tenant_id where t.slug = 'default' and e.api_client_id is not null
         and e.action not like 'credential.%' and coalesce(e.target_type, '') <> 'CREDENTIAL'`,
    );
    expect(trail.data?.auditEvents.totalCount).toBe(row.n);
    expect(nodes.map((n) => n.action).filter((a) => a.startsWith('credential.'))).toEqual([]);

    // Asking for them explicitly does not widen the view.
    for (const action of ['auth.login', 'auth.*', 'tenant.created', 'user.created']) {
      const filtered = await kw.gql(TRAIL, { filter: { action } }, cookie);
      expect(filtered.errors).toBeUndefined();
      expect(filtered.data?.auditEvents.totalCount).toBe(0);
    }
  });

  it('SECURITY_ADMINISTRATION sees the whole trail, including tenant.created and sign-ins (the events of credentials with SECRET_ADMINISTRATION)', async () => {
    const cookie = await kw.userWith([Permission.SECURITY_ADMINISTRATION]);
    const created = await kw.gql(TRAIL, { filter: { action: 'tenant.created' } }, cookie);
    expect(created.errors).toBeUndefined();
    expect(created.data?.auditEvents.edges.map((e: { node: AuditNode }) => e.node)).toEqual([
      { action: 'tenant.created', apiClientId: null },
    ]);

    const logins = await kw.gql(TRAIL, { filter: { action: 'auth.login' } }, cookie);
    expect(logins.data?.auditEvents.totalCount).toBeGreaterThan(0);

    const all = await kw.gql(TRAIL, {}, cookie);
    const [row] = await kw.sql<{ n: number }>(
      `select count(*)::int as n from audit_event e join tenant t on t.id = e.tenant_id where t.slug = 'default'
         and e.action not like 'credential.%' and coalesce(e.target_type, '') <> 'CREDENTIAL'`,
    );
    expect(all.data?.auditEvents.totalCount).toBe(row.n);

    const withSecrets = await kw.userWith([Permission.SECURITY_ADMINISTRATION, Permission.SECRET_ADMINISTRATION]);
    const everything = await kw.gql(TRAIL, {}, withSecrets);
    const [total] = await kw.sql<{ n: number }>(
      "select count(*)::int as n from audit_event e join tenant t on t.id = e.tenant_id where t.slug = 'default'",
    );
    expect(everything.data?.auditEvents.totalCount).toBe(total.n);
  });
});
