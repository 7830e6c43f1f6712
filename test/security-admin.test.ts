import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, ActorType } from '../server/kernel/actor.js';
import { Permission } from '../server/kernel/permissions.js';
import { ADMIN_PASSWORD, ALL, type GraphQLResult, startKeyward, type TestKeyward } from './support/keyward.js';

/**
 * Security administration (docs/concepts.md#users-and-teams, docs/permissions.md, docs/audit.md): users, teams, tenant limits and the scope catalog, all behind
 * SECURITY_ADMINISTRATION, all inside the viewer's tenant, each change audited once with the admin as actor.
 */

type Result = GraphQLResult<any>;
interface AuditRow {
  action: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  target_type: string | null;
  target_id: string | null;
  target_name: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

const USER_FIELDS = 'id email name status mustChangePassword createdAt lastSignInAt teams { id name permissions }';
const USERS = `{ users { ${USER_FIELDS} } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { temporaryPassword user { ${USER_FIELDS} } } }`;
const UPDATE_USER = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`;
const DISABLE_USER = 'mutation($id: ID!) { disableUser(id: $id) { id status } }';
const ENABLE_USER = 'mutation($id: ID!) { enableUser(id: $id) { id status } }';
const CHANGE_PASSWORD = 'mutation($current: String!, $next: String!) { changeMyPassword(currentPassword: $current, newPassword: $next) }';
const TEAM_FIELDS = 'id name permissions createdAt members { id email }';
const TEAMS = `{ teams { ${TEAM_FIELDS} } }`;
const CREATE_TEAM = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { ${TEAM_FIELDS} } }`;
const UPDATE_TEAM = `mutation($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { ${TEAM_FIELDS} } }`;
const DELETE_TEAM = 'mutation($id: ID!) { deleteTeam(id: $id) }';
const UPDATE_SETTINGS = `mutation($input: UpdateTenantSettingsInput!) {
  updateTenantSettings(input: $input) { id maxClients maxCredentialsPerClient maxCredentialLifetimeDays }
}`;
const RESOURCE_FIELDS = 'id name audience description builtIn scopes { id name description apiResourceId }';
const RESOURCES = `{ apiResources { ${RESOURCE_FIELDS} } }`;
const CREATE_RESOURCE = `mutation($input: CreateApiResourceInput!) { createApiResource(input: $input) { ${RESOURCE_FIELDS} } }`;
const UPDATE_RESOURCE = `mutation($id: ID!, $input: UpdateApiResourceInput!) { updateApiResource(id: $id, input: $input) { ${RESOURCE_FIELDS} } }`;
const DELETE_RESOURCE = 'mutation($id: ID!) { deleteApiResource(id: $id) }';
const CREATE_SCOPE = `mutation($api: ID!, $input: CreateScopeInput!) { createScope(apiResourceId: $api, input: $input) { id name description apiResourceId } }`;
const UPDATE_SCOPE = 'mutation($id: ID!, $input: UpdateScopeInput!) { updateScope(id: $id, input: $input) { id name description } }';
const DELETE_SCOPE = 'mutation($id: ID!) { deleteScope(id: $id) }';
const VIEWER =
  '{ viewer { mustChangePassword permissions user { id email } tenant { slug maxClients maxCredentialsPerClient maxCredentialLifetimeDays } } }';
const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId name } }';
const UPDATE_CLIENT = 'mutation($id: ID!, $input: UpdateApiClientInput!) { updateApiClient(id: $id, input: $input) { id } }';

let kw: TestKeyward;
let admin: string;
let adminId: string;
const ADMIN_ACTOR = 'Administrator <admin@example.com>';
/** Every password this file sees or sets, for the leak check at the end. */
const passwords = new Set<string>([ADMIN_PASSWORD]);

const tag = () => randomBytes(3).toString('hex');
const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

async function ok(query: string, variables: Record<string, unknown>, cookie: string) {
  const result = await kw.gql(query, variables, cookie);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as Record<string, any>;
}

async function auditCount(): Promise<number> {
  const [row] = await kw.sql<{ n: number }>('select count(*)::int as n from audit_event');
  return row.n;
}

async function eventsAfter(count: number): Promise<AuditRow[]> {
  return kw.sql<AuditRow>(
    `select action, actor_type, actor_id, actor_name, target_type, target_id, target_name, changes
       from audit_event order by occurred_at, seq offset ?`,
    [count],
  );
}

/** Runs a change as the admin and returns its data and the one audit event it wrote. */
async function change(query: string, variables: Record<string, unknown>, cookie = admin) {
  const before = await auditCount();
  const data = await ok(query, variables, cookie);
  const events = await eventsAfter(before);
  expect(events, JSON.stringify(events)).toHaveLength(1);
  return { data, event: events[0] };
}

/** Runs a call that must be refused with `code`, and checks that nothing was recorded (so nothing changed). */
async function refused(query: string, variables: Record<string, unknown>, code: string, cookie = admin) {
  const before = await auditCount();
  const result = await kw.gql(query, variables, cookie);
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  expect(codeOf(result), JSON.stringify(result.errors)).toBe(code);
  expect(await auditCount()).toBe(before);
  return result.errors?.[0] as NonNullable<Result['errors']>[number] & { extensions: Record<string, any> };
}

function expectAdminActor(event: AuditRow) {
  expect(event).toMatchObject({ actor_type: 'USER', actor_id: adminId, actor_name: ADMIN_ACTOR });
}

async function login(email: string, password: string) {
  return fetch(`${kw.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

async function teamNamed(name: string, cookie = admin): Promise<{ id: string; name: string; permissions: string[] }> {
  const teams = (await ok(TEAMS, {}, cookie)).teams as { id: string; name: string; permissions: string[] }[];
  const team = teams.find((t) => t.name === name);
  if (!team) throw new Error(`no team ${name}`);
  return team;
}

async function createTeam(permissions: Permission[], cookie = admin) {
  return (await ok(CREATE_TEAM, { input: { name: `Team ${tag()}`, permissions } }, cookie)).createTeam as { id: string; name: string };
}

/** A user made over the API who has already replaced the temporary password; returns ids, email, password and a session. */
async function createActiveUser(teamIds: string[], cookie = admin) {
  const email = `person-${tag()}@example.com`;
  const created = (await ok(CREATE_USER, { input: { email, name: 'Person', teamIds } }, cookie)).createUser;
  passwords.add(created.temporaryPassword);
  const session = await kw.login(email, created.temporaryPassword);
  const password = `own-password-${tag()}-${tag()}`;
  passwords.add(password);
  await ok(CHANGE_PASSWORD, { current: created.temporaryPassword, next: password }, session);
  return { id: created.user.id as string, email, password, cookie: session };
}

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  adminId = (await ok(VIEWER, {}, admin)).viewer.user.id;
});
afterAll(async () => kw?.destroy());

describe('only SECURITY_ADMINISTRATION manages users, teams, limits and the catalog', () => {
  it('a user holding all seven other permissions is refused every operation with FORBIDDEN, and nothing changes', async () => {
    const allButSecurity = ALL.filter((p) => p !== Permission.SECURITY_ADMINISTRATION);
    const cookie = await kw.userWith(allButSecurity);
    const team = await createTeam([Permission.CLIENT_ADMINISTRATION]);
    const person = await createActiveUser([team.id]);
    const orders = (await ok(RESOURCES, {}, admin)).apiResources.find((r: { name: string }) => r.name === 'Orders API');
    const operations: [string, Record<string, unknown>][] = [
      [USERS, {}],
      [TEAMS, {}],
      [CREATE_USER, { input: { email: `nope-${tag()}@example.com`, name: 'Nope', teamIds: [] } }],
      [UPDATE_USER, { id: person.id, input: { name: 'Renamed' } }],
      [DISABLE_USER, { id: person.id }],
      [ENABLE_USER, { id: person.id }],
      [CREATE_TEAM, { input: { name: `Nope ${tag()}`, permissions: [] } }],
      [UPDATE_TEAM, { id: team.id, input: { permissions: ALL } }],
      [DELETE_TEAM, { id: team.id }],
      [UPDATE_SETTINGS, { input: { maxClients: 500 } }],
      [CREATE_RESOURCE, { input: { name: 'Nope API', audience: 'https://nope.example.com' } }],
      [UPDATE_RESOURCE, { id: orders.id, input: { name: 'Renamed' } }],
      [DELETE_RESOURCE, { id: orders.id }],
      [CREATE_SCOPE, { api: orders.id, input: { name: 'orders:nope' } }],
      [UPDATE_SCOPE, { id: orders.scopes[0].id, input: { description: 'Nope' } }],
      [DELETE_SCOPE, { id: orders.scopes[0].id }],
    ];
    const state = async () => ({
      users: await kw.sql('select id, email, name, status, must_change_password, password_hash from app_user order by id'),
      teams: await kw.sql('select id, name, permissions from team order by id'),
      members: await kw.sql('select team_id, user_id from team_member order by team_id, user_id'),
      tenants: await kw.sql('select id, max_clients, max_credentials_per_client, max_credential_lifetime_days from tenant order by id'),
      catalog: await kw.sql('select id, name, description from scope union all select id, name, audience from api_resource order by id'),
      sessions: await kw.sql('select count(*)::int as n from session'),
    });
    const before = await state();
    for (const [query, variables] of operations) {
      const error = await refused(query, variables, 'FORBIDDEN', cookie);
      expect(error.message).toContain('SECURITY_ADMINISTRATION');
    }
    expect(await state()).toEqual(before);
  });
});

describe('users', () => {
  it('createUser returns a temporary password once; the user must change it before doing anything else', async () => {
    const team = await createTeam([Permission.CLIENT_ADMINISTRATION]);
    const email = `new-${tag()}@example.com`;
    const { data, event } = await change(CREATE_USER, {
      input: { email: ` ${email.toUpperCase()} `, name: ' Ada Lovelace ', teamIds: [team.id] },
    });
    const { user, temporaryPassword } = data.createUser;
    passwords.add(temporaryPassword);
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(user).toMatchObject({ email, name: 'Ada Lovelace', status: 'ACTIVE', mustChangePassword: true, lastSignInAt: null });
    expect(user.teams).toEqual([{ id: team.id, name: team.name, permissions: [Permission.CLIENT_ADMINISTRATION] }]);
    expectAdminActor(event);
    expect(event).toMatchObject({ action: 'user.created', target_type: 'USER', target_id: user.id, target_name: email });
    expect(event.changes).toEqual({
      email: { from: null, to: email },
      name: { from: null, to: 'Ada Lovelace' },
      teams: { from: null, to: [team.name] },
      status: { from: null, to: 'ACTIVE' },
      mustChangePassword: { from: null, to: true },
    });
    // Listed, and the password is never readable again.
    const listed = (await ok(USERS, {}, admin)).users.find((u: { id: string }) => u.id === user.id);
    expect(listed).toMatchObject({ email, mustChangePassword: true });
    expect(JSON.stringify(await ok(USERS, {}, admin))).not.toContain(temporaryPassword);

    // The temporary password signs in, and sign-in says it must be changed.
    const response = await login(email, temporaryPassword);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { id: user.id, email }, mustChangePassword: true });
    const first = await kw.login(email, temporaryPassword);
    const second = await kw.login(email, temporaryPassword);

    // Only viewer and changeMyPassword work until then.
    const viewer = await ok(VIEWER, {}, first);
    expect(viewer.viewer).toMatchObject({ mustChangePassword: true, permissions: [Permission.CLIENT_ADMINISTRATION], user: { email } });
    for (const query of ['{ apiClients { totalCount } }', '{ apiResources { id } }', '{ auditEvents { totalCount } }', USERS]) {
      const error = await refused(query, {}, 'FORBIDDEN', first);
      expect(error.message).toMatch(/^Change your temporary password first: /);
    }

    // changeMyPassword checks the current password, the password rule, and that it changes.
    // A wrong current password is refused and audited as a failed sign-in of the account (docs/limits.md#sign-in-limits).
    const beforeWrong = await auditCount();
    const wrong = await kw.gql(CHANGE_PASSWORD, { current: 'not-the-password', next: 'a-brand-new-password-1' }, first);
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } });
    expect((await eventsAfter(beforeWrong)).map((e) => [e.action, e.target_id, e.changes])).toEqual([
      ['auth.login_failed', user.id, { reason: { from: null, to: 'wrong current password' } }],
    ]);
    const short = await refused(CHANGE_PASSWORD, { current: temporaryPassword, next: 'short' }, 'BAD_USER_INPUT', first);
    expect(short).toMatchObject({ extensions: { field: 'newPassword' }, message: expect.stringContaining('at least 12') });
    const same = await refused(CHANGE_PASSWORD, { current: temporaryPassword, next: temporaryPassword }, 'BAD_USER_INPUT', first);
    expect(same.extensions.field).toBe('newPassword');

    const chosen = `my-own-password-${tag()}`;
    passwords.add(chosen);
    const changed = await change(CHANGE_PASSWORD, { current: temporaryPassword, next: chosen }, first);
    expect(changed.data.changeMyPassword).toBe(true);
    expect(changed.event).toMatchObject({ action: 'user.password_changed', actor_id: user.id, target_id: user.id });
    expect(changed.event.changes).toEqual({
      password: { from: '(hidden)', to: '(changed)' },
      mustChangePassword: { from: true, to: false },
    });

    // This session goes on, now with its teams' permissions; the other one ended.
    expect((await ok(VIEWER, {}, first)).viewer.mustChangePassword).toBe(false);
    expect(codeOf(await kw.gql('{ apiClients { totalCount } }', {}, first))).toBeUndefined();
    expect(codeOf(await kw.gql(VIEWER, {}, second))).toBe('UNAUTHENTICATED');
    // Still nothing beyond them.
    expect(codeOf(await kw.gql(USERS, {}, first))).toBe('FORBIDDEN');

    // Only the new password signs in; sign-in no longer asks for a change.
    expect((await login(email, temporaryPassword)).status).toBe(401);
    const again = await login(email, chosen);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ mustChangePassword: false });
    const [row] = await kw.sql<{ must_change_password: boolean; last_sign_in_at: Date | null }>(
      'select must_change_password, last_sign_in_at from app_user where id = ?',
      [user.id],
    );
    expect(row.must_change_password).toBe(false);
    expect(row.last_sign_in_at).not.toBeNull();
  });

  it('an operator’s password reset (CLI user reset-password) is not temporary: the user need not change it', async () => {
    const email = `reset-${tag()}@example.com`;
    const created = (await ok(CREATE_USER, { input: { email, name: 'Reset Me' } }, admin)).createUser;
    passwords.add(created.temporaryPassword);
    const chosen = `operator-chosen-${tag()}`;
    passwords.add(chosen);
    await kw.keyward.services.tenants.resetPassword(email, chosen, Actor.of(ActorType.SYSTEM, null, 'Keyward CLI'));
    const response = await login(email, chosen);
    expect(await response.json()).toMatchObject({ mustChangePassword: false });
    const [event] = await kw.sql<AuditRow>("select changes from audit_event where action = 'user.password_reset' and target_id = ?", [
      created.user.id,
    ]);
    expect(event.changes).toEqual({ password: { from: '(hidden)', to: '(changed)' }, mustChangePassword: { from: true, to: false } });
  });

  it('changeMyPassword is for a signed-in person only', async () => {
    expect(codeOf(await kw.gql(CHANGE_PASSWORD, { current: 'x', next: 'a-brand-new-password-1' }))).toBe('UNAUTHENTICATED');
  });

  it('validates email and name, and refuses an email that is already taken (in any tenant)', async () => {
    const bad = await refused(CREATE_USER, { input: { email: 'not-an-email', name: 'X' } }, 'BAD_USER_INPUT');
    expect(bad).toMatchObject({ extensions: { field: 'email' }, message: expect.stringContaining('not a valid email address') });
    const long = await refused(CREATE_USER, { input: { email: `long-${tag()}@example.com`, name: 'x'.repeat(101) } }, 'BAD_USER_INPUT');
    expect(long).toMatchObject({ extensions: { field: 'name' }, message: expect.stringContaining('at most 100') });
    const blank = await refused(CREATE_USER, { input: { email: `blank-${tag()}@example.com`, name: '   ' } }, 'BAD_USER_INPUT');
    expect(blank.extensions.field).toBe('name');

    const taken = await refused(CREATE_USER, { input: { email: 'ADMIN@example.com', name: 'Twin' } }, 'CONFLICT');
    expect(taken.message).toBe('The email admin@example.com already belongs to a Keyward user. Use a different email address.');
    const other = await kw.createTenant(`taken-${tag()}`);
    expect((await refused(CREATE_USER, { input: { email: other.adminEmail, name: 'Twin' } }, 'CONFLICT')).extensions.field).toBe('email');

    const unknownTeam = await refused(
      CREATE_USER,
      { input: { email: `t-${tag()}@example.com`, name: 'X', teamIds: [randomUUID()] } },
      'NOT_FOUND',
    );
    expect(unknownTeam.message).toContain('No team with ID');
    expect(await kw.sql("select id from app_user where name in ('X', 'Twin')")).toEqual([]);
  });

  it('updateUser renames and reassigns teams, audited as from/to', async () => {
    const readers = await createTeam([Permission.CLIENT_ADMINISTRATION]);
    const editors = await createTeam([Permission.CLIENT_EDIT]);
    const person = await createActiveUser([readers.id]);
    const { data, event } = await change(UPDATE_USER, {
      id: person.id,
      input: { name: 'Grace Hopper', teamIds: [editors.id, readers.id] },
    });
    expect(data.updateUser.name).toBe('Grace Hopper');
    expect(data.updateUser.teams.map((t: { id: string }) => t.id).sort()).toEqual([editors.id, readers.id].sort());
    expectAdminActor(event);
    expect(event).toMatchObject({ action: 'user.updated', target_id: person.id });
    expect(event.changes).toEqual({
      name: { from: 'Person', to: 'Grace Hopper' },
      teams: { from: [readers.name], to: [editors.name, readers.name].sort() },
    });
    // Their session has both teams' permissions on its next request.
    expect([...(await ok(VIEWER, {}, person.cookie)).viewer.permissions].sort()).toEqual(
      [Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_EDIT].sort(),
    );

    const onlyName = await change(UPDATE_USER, { id: person.id, input: { name: 'G. Hopper' } });
    expect(onlyName.event.changes).toEqual({ name: { from: 'Grace Hopper', to: 'G. Hopper' } });
    expect(onlyName.data.updateUser.teams).toHaveLength(2);
  });

  it('disableUser ends their sessions at once and refuses sign-in; enableUser lets them sign in again', async () => {
    const team = await createTeam([Permission.CLIENT_ADMINISTRATION]);
    const person = await createActiveUser([team.id]);
    const other = await kw.login(person.email, person.password);
    expect(codeOf(await kw.gql('{ apiClients { totalCount } }', {}, person.cookie))).toBeUndefined();

    const { data, event } = await change(DISABLE_USER, { id: person.id });
    expect(data.disableUser).toEqual({ id: person.id, status: 'DISABLED' });
    expectAdminActor(event);
    expect(event).toMatchObject({ action: 'user.disabled', target_type: 'USER', target_id: person.id });
    expect(event.changes).toEqual({ status: { from: 'ACTIVE', to: 'DISABLED' } });
    for (const cookie of [person.cookie, other]) {
      expect(codeOf(await kw.gql('{ apiClients { totalCount } }', {}, cookie))).toBe('UNAUTHENTICATED');
    }
    expect(await kw.sql('select token_hash from session where user_id = ?', [person.id])).toEqual([]);
    expect((await login(person.email, person.password)).status).toBe(401);
    // Disabling again changes nothing and records nothing.
    expect((await ok(DISABLE_USER, { id: person.id }, admin)).disableUser.status).toBe('DISABLED');

    const enabled = await change(ENABLE_USER, { id: person.id });
    expect(enabled.data.enableUser.status).toBe('ACTIVE');
    expect(enabled.event).toMatchObject({ action: 'user.enabled', changes: { status: { from: 'DISABLED', to: 'ACTIVE' } } });
    expectAdminActor(enabled.event);
    expect((await login(person.email, person.password)).status).toBe(200);
    // The old sessions stay ended.
    expect(codeOf(await kw.gql(VIEWER, {}, person.cookie))).toBe('UNAUTHENTICATED');
  });

  it('an administrator cannot disable themselves', async () => {
    const error = await refused(DISABLE_USER, { id: adminId }, 'CONFLICT');
    expect(error.message).toContain('You cannot disable your own account');
  });
});

describe('teams', () => {
  it('are created, renamed and deleted with their permissions; names are unique in the tenant', async () => {
    const name = `Auditors ${tag()}`;
    const created = await change(CREATE_TEAM, {
      input: { name, permissions: [Permission.SECRET_ADMINISTRATION, Permission.CLIENT_ADMINISTRATION] },
    });
    const team = created.data.createTeam;
    // Permissions come back in the enum's order, deduplicated.
    expect(team).toMatchObject({ name, permissions: [Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION], members: [] });
    expectAdminActor(created.event);
    expect(created.event).toMatchObject({ action: 'team.created', target_type: 'TEAM', target_id: team.id });
    expect(created.event.changes).toEqual({
      name: { from: null, to: name },
      permissions: { from: null, to: [Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION] },
    });

    const duplicate = await refused(CREATE_TEAM, { input: { name: name.toUpperCase(), permissions: [] } }, 'CONFLICT');
    expect(duplicate).toMatchObject({ extensions: { field: 'name' }, message: expect.stringContaining('already has a team named') });
    expect((await refused(UPDATE_TEAM, { id: team.id, input: { name: 'Administrators' } }, 'CONFLICT')).extensions.field).toBe('name');
    expect((await refused(CREATE_TEAM, { input: { name: ' ', permissions: [] } }, 'BAD_USER_INPUT')).extensions.field).toBe('name');
    expect(codeOf(await kw.gql(CREATE_TEAM, { input: { name: 'Bad', permissions: ['ROOT'] } }, admin))).toBe('BAD_USER_INPUT');

    const renamed = await change(UPDATE_TEAM, { id: team.id, input: { name: `${name} (renamed)` } });
    expect(renamed.event).toMatchObject({ action: 'team.updated', changes: { name: { from: name, to: `${name} (renamed)` } } });

    const person = await createActiveUser([team.id]);
    expect((await teamNamed(`${name} (renamed)`)).permissions).toHaveLength(2);
    const members = (await ok(TEAMS, {}, admin)).teams.find((t: { id: string }) => t.id === team.id).members;
    expect(members).toEqual([{ id: person.id, email: person.email }]);

    const deleted = await change(DELETE_TEAM, { id: team.id });
    expect(deleted.data.deleteTeam).toBe(team.id);
    expectAdminActor(deleted.event);
    expect(deleted.event).toMatchObject({ action: 'team.deleted', target_id: team.id, target_name: `${name} (renamed)` });
    expect(deleted.event.changes).toEqual({
      name: { from: `${name} (renamed)`, to: null },
      permissions: { from: [Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION], to: null },
      members: { from: [person.email], to: null },
    });
    // The member keeps the account but not the permissions.
    expect((await ok(VIEWER, {}, person.cookie)).viewer.permissions).toEqual([]);
    expect(codeOf(await kw.gql(DELETE_TEAM, { id: team.id }, admin))).toBe('NOT_FOUND');
  });

  it('a change to a team applies to its member’s next request: a permission added, one removed, the member removed', async () => {
    const team = await createTeam([Permission.CLIENT_ADMINISTRATION]);
    const person = await createActiveUser([team.id]);
    const list = '{ apiClients { totalCount } }';
    const create = { input: { name: `Member made ${tag()}`, contactEmails: ['ops@example.com'] } };
    expect(codeOf(await kw.gql(list, {}, person.cookie))).toBeUndefined();
    expect(codeOf(await kw.gql(CREATE_CLIENT, create, person.cookie))).toBe('FORBIDDEN');

    const added = await change(UPDATE_TEAM, {
      id: team.id,
      input: { permissions: [Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE] },
    });
    expect(added.event.changes).toEqual({
      permissions: { from: [Permission.CLIENT_ADMINISTRATION], to: [Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_CREATE] },
    });
    const made = await ok(CREATE_CLIENT, create, person.cookie);
    await ok('mutation($id: ID!) { deleteApiClient(id: $id) }', { id: made.createApiClient.id }, admin);

    await change(UPDATE_TEAM, { id: team.id, input: { permissions: [Permission.CLIENT_CREATE] } });
    expect(codeOf(await kw.gql(list, {}, person.cookie))).toBe('FORBIDDEN');
    expect((await ok(VIEWER, {}, person.cookie)).viewer.permissions).toEqual([Permission.CLIENT_CREATE]);

    const removed = await change(UPDATE_USER, { id: person.id, input: { teamIds: [] } });
    expect(removed.event.changes).toEqual({ teams: { from: [team.name], to: [] } });
    expect((await ok(VIEWER, {}, person.cookie)).viewer.permissions).toEqual([]);
    expect(codeOf(await kw.gql(CREATE_CLIENT, create, person.cookie))).toBe('FORBIDDEN');
  });

  it('who else is in a team is only for security administrators', async () => {
    const team = await createTeam([Permission.CLIENT_ADMINISTRATION]);
    const person = await createActiveUser([team.id]);
    const own = await ok('{ viewer { user { teams { id name permissions } } } }', {}, person.cookie);
    expect(own.viewer.user.teams).toEqual([{ id: team.id, name: team.name, permissions: [Permission.CLIENT_ADMINISTRATION] }]);
    const members = await kw.gql('{ viewer { user { teams { members { email } } } } }', {}, person.cookie);
    expect(codeOf(members)).toBe('FORBIDDEN');
  });
});

describe('lock-out guards', () => {
  it('no change may leave the tenant without an active user holding SECURITY_ADMINISTRATION', async () => {
    const slug = `lockout-${tag()}`;
    const { cookie: owner } = await kw.createTenant(slug);
    const ownerId = (await ok(VIEWER, {}, owner)).viewer.user.id;
    const administrators = await teamNamed('Administrators', owner);
    const without = ALL.filter((p) => p !== Permission.SECURITY_ADMINISTRATION);

    // Alone: every way of dropping the last administrator is refused, and says why.
    const refusals = [
      await refused(UPDATE_TEAM, { id: administrators.id, input: { permissions: without } }, 'CONFLICT', owner),
      await refused(DELETE_TEAM, { id: administrators.id }, 'CONFLICT', owner),
      await refused(UPDATE_USER, { id: ownerId, input: { teamIds: [] } }, 'CONFLICT', owner),
    ];
    for (const error of refusals) {
      expect(error.message).toContain('would leave this tenant without an active user who holds SECURITY_ADMINISTRATION');
    }
    expect(refusals[0].message).toMatch(/^Removing SECURITY_ADMINISTRATION from the team "Administrators" would leave/);
    expect((await refused(DISABLE_USER, { id: ownerId }, 'CONFLICT', owner)).message).toContain('your own account');

    // A second administrator who is disabled does not count.
    const second = await createActiveUser([administrators.id], owner);
    await ok(DISABLE_USER, { id: second.id }, owner);
    await refused(UPDATE_USER, { id: ownerId, input: { teamIds: [] } }, 'CONFLICT', owner);
    // Nor may the last active one be disabled by someone else… which needs someone else: enable the second.
    await ok(ENABLE_USER, { id: second.id }, owner);
    const secondSession = await kw.login(second.email, second.password);
    // Both hold it: the second may disable the first, but then not the other way round.
    await ok(DISABLE_USER, { id: ownerId }, secondSession);
    const lastOne = await refused(UPDATE_TEAM, { id: administrators.id, input: { permissions: without } }, 'CONFLICT', secondSession);
    expect(lastOne.message).toContain('Give that permission to another active user first');
    await ok(ENABLE_USER, { id: ownerId }, secondSession);

    // With two active administrators, one may leave the team.
    const left = await change(
      UPDATE_USER,
      { id: second.id, input: { teamIds: [] } },
      await kw.login(`admin@${slug}.example.com`, ADMIN_PASSWORD),
    );
    expect(left.event.changes).toEqual({ teams: { from: ['Administrators'], to: [] } });
  });
});

describe('tenant settings', () => {
  it('each limit is between 1 and the system maximum', async () => {
    const cases: [string, number, string][] = [
      ['maxClients', 1001, '1000'],
      ['maxClients', 0, '1000'],
      ['maxCredentialsPerClient', 21, '20'],
      ['maxCredentialLifetimeDays', 366, '365'],
      ['maxCredentialLifetimeDays', -1, '365'],
    ];
    for (const [field, value, max] of cases) {
      const error = await refused(UPDATE_SETTINGS, { input: { [field]: value } }, 'BAD_USER_INPUT');
      expect(error.extensions.field).toBe(field);
      expect(error.message).toContain(`from 1 to ${max} (the system maximum)`);
    }
  });

  it('cannot drop below what the tenant holds, and a change is audited field by field', async () => {
    const slug = `limits-${tag()}`;
    const { cookie: owner } = await kw.createTenant(slug);
    for (const name of ['One', 'Two', 'Three']) await ok(CREATE_CLIENT, { input: { name, contactEmails: ['ops@example.com'] } }, owner);
    const below = await refused(UPDATE_SETTINGS, { input: { maxClients: 2 } }, 'BAD_USER_INPUT', owner);
    expect(below.extensions.field).toBe('maxClients');
    expect(below.message).toBe(
      'This tenant has 3 API clients, more than the new limit of 2. Delete 1 API client first, or choose a limit of at least 3.',
    );

    const holder = await kw.clientWithSecret(owner, { client: { name: 'Holder', identifier: 'holder' } });
    await ok(
      'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { credential { id } } }',
      { id: holder.id, e: new Date(Date.now() + 10 * 86_400_000).toISOString() },
      owner,
    );
    const credentials = await refused(UPDATE_SETTINGS, { input: { maxCredentialsPerClient: 1 } }, 'BAD_USER_INPUT', owner);
    expect(credentials.extensions.field).toBe('maxCredentialsPerClient');
    expect(credentials.message).toContain(`Holder (${slug}-holder): 2`);
    expect(credentials.message).toContain('choose a limit of at least 2');

    const ownerEmail = `admin@${slug}.example.com`;
    const before = await auditCount();
    const updated = await ok(
      UPDATE_SETTINGS,
      { input: { maxClients: 5, maxCredentialsPerClient: 2, maxCredentialLifetimeDays: 90 } },
      owner,
    );
    expect(updated.updateTenantSettings).toMatchObject({ maxClients: 5, maxCredentialsPerClient: 2, maxCredentialLifetimeDays: 90 });
    const events = await eventsAfter(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'tenant.updated', target_type: 'TENANT', actor_name: `Administrator <${ownerEmail}>` });
    expect(events[0].changes).toEqual({
      maxClients: { from: 20, to: 5 },
      maxCredentialsPerClient: { from: 5, to: 2 },
      maxCredentialLifetimeDays: { from: 365, to: 90 },
    });
    expect((await ok(VIEWER, {}, owner)).viewer.tenant).toMatchObject({
      slug,
      maxClients: 5,
      maxCredentialsPerClient: 2,
      maxCredentialLifetimeDays: 90,
    });

    // The new limits hold at once: four clients so far, room for one more.
    await ok(CREATE_CLIENT, { input: { name: 'Four', contactEmails: ['ops@example.com'] } }, owner);
    const fifth = await kw.gql(CREATE_CLIENT, { input: { name: 'Five', contactEmails: ['ops@example.com'] } }, owner);
    expect(fifth.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 5 });
    const far = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret } }',
      {
        id: (await ok('{ apiClients(search: "Four") { edges { node { id } } } }', {}, owner)).apiClients.edges[0].node.id,
        e: new Date(Date.now() + 100 * 86_400_000).toISOString(),
      },
      owner,
    );
    expect(far.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the scope catalog', () => {
  it('adds an API and its scopes, with an absolute audience and tenant-unique scope names', async () => {
    const name = `Inventory API ${tag()}`;
    const audience = `https://api.example.com/inventory-${tag()}`;
    const relative = await refused(CREATE_RESOURCE, { input: { name, audience: '/inventory' } }, 'BAD_USER_INPUT');
    expect(relative).toMatchObject({ extensions: { field: 'audience' }, message: expect.stringContaining('not an absolute URI') });
    const created = await change(CREATE_RESOURCE, { input: { name, audience, description: 'Stock levels' } });
    const api = created.data.createApiResource;
    expect(api).toMatchObject({ name, audience, description: 'Stock levels', builtIn: false, scopes: [] });
    expectAdminActor(created.event);
    expect(created.event).toMatchObject({ action: 'api_resource.created', target_type: 'API_RESOURCE', target_id: api.id });
    expect(created.event.changes).toEqual({
      name: { from: null, to: name },
      audience: { from: null, to: audience },
      description: { from: null, to: 'Stock levels' },
    });
    expect((await refused(CREATE_RESOURCE, { input: { name: `Other ${tag()}`, audience } }, 'CONFLICT')).extensions.field).toBe('audience');

    const scope = await change(CREATE_SCOPE, { api: api.id, input: { name: `stock-${tag()}:read`, description: 'Read stock' } });
    expect(scope.data.createScope).toMatchObject({ apiResourceId: api.id, description: 'Read stock' });
    expect(scope.event).toMatchObject({ action: 'scope.created', target_type: 'SCOPE', target_id: scope.data.createScope.id });
    expect(scope.event.changes).toMatchObject({ apiResource: { from: null, to: name } });

    const taken = await refused(CREATE_SCOPE, { api: api.id, input: { name: 'orders:read' } }, 'CONFLICT');
    expect(taken.message).toContain('already used in this tenant (by the API "Orders API")');
    const spaced = await refused(CREATE_SCOPE, { api: api.id, input: { name: 'read stock' } }, 'BAD_USER_INPUT');
    expect(spaced.extensions.field).toBe('name');
    const reserved = await refused(CREATE_SCOPE, { api: api.id, input: { name: 'keyward:stock.read' } }, 'BAD_USER_INPUT');
    expect(reserved.message).toContain('reserved');

    const described = await change(UPDATE_SCOPE, { id: scope.data.createScope.id, input: { description: 'Read stock levels' } });
    expect(described.event).toMatchObject({
      action: 'scope.updated',
      changes: { description: { from: 'Read stock', to: 'Read stock levels' } },
    });
    const renamed = await change(UPDATE_RESOURCE, { id: api.id, input: { name: `${name} v2`, description: null } });
    expect(renamed.event).toMatchObject({
      action: 'api_resource.updated',
      changes: { name: { from: name, to: `${name} v2` }, description: { from: 'Stock levels', to: null } },
    });
  });

  it('a scope in use cannot be deleted: the refusal names the clients; once removed from them it can', async () => {
    const api = (await ok(CREATE_RESOURCE, { input: { name: `Ledger API ${tag()}`, audience: `urn:example:ledger-${tag()}` } }, admin))
      .createApiResource;
    const scopeName = `ledger-${tag()}:read`;
    const scope = (await ok(CREATE_SCOPE, { api: api.id, input: { name: scopeName } }, admin)).createScope;
    const ids = [`billing-${tag()}`, `erp-${tag()}`];
    const billing = (
      await ok(
        CREATE_CLIENT,
        { input: { name: 'Billing', identifier: ids[0], contactEmails: ['ops@example.com'], scopes: [scopeName, 'orders:read'] } },
        admin,
      )
    ).createApiClient;
    const erp = (
      await ok(
        CREATE_CLIENT,
        { input: { name: 'ERP', identifier: ids[1], contactEmails: ['ops@example.com'], scopes: [scopeName] } },
        admin,
      )
    ).createApiClient;

    const inUse = await refused(DELETE_SCOPE, { id: scope.id }, 'CONFLICT');
    expect(inUse.message).toBe(
      `The scope "${scopeName}" is granted to 2 API clients: Billing (default-${ids[0]}), ERP (default-${ids[1]}). Remove it from them first.`,
    );
    expect(inUse.extensions.apiClients).toEqual([
      { id: billing.id, clientId: billing.clientId, name: 'Billing', scopes: [scopeName] },
      { id: erp.id, clientId: erp.clientId, name: 'ERP', scopes: [scopeName] },
    ]);
    const apiInUse = await refused(DELETE_RESOURCE, { id: api.id }, 'CONFLICT');
    expect(apiInUse.message).toContain(`Billing (default-${ids[0]}): ${scopeName}`);
    expect(apiInUse.message).toContain('Remove them from those clients first.');
    const audience = await refused(UPDATE_RESOURCE, { id: api.id, input: { audience: 'urn:example:elsewhere' } }, 'CONFLICT');
    expect(audience.message).toContain('cannot change while its scopes are granted to 2 API clients');
    // The clients still hold it.
    expect(await kw.sql('select api_client_id from api_client_scope where scope_id = ?', [scope.id])).toHaveLength(2);

    await ok(UPDATE_CLIENT, { id: billing.id, input: { scopes: ['orders:read'] } }, admin);
    const stillOne = await refused(DELETE_SCOPE, { id: scope.id }, 'CONFLICT');
    expect(stillOne.message).toBe(
      `The scope "${scopeName}" is granted to 1 API client: ERP (default-${ids[1]}). Remove it from them first.`,
    );
    await ok(UPDATE_CLIENT, { id: erp.id, input: { scopes: [] } }, admin);

    const deleted = await change(DELETE_SCOPE, { id: scope.id });
    expect(deleted.data.deleteScope).toBe(scope.id);
    expectAdminActor(deleted.event);
    expect(deleted.event).toMatchObject({ action: 'scope.deleted', target_id: scope.id, target_name: scopeName });
    expect(deleted.event.changes).toMatchObject({ name: { from: scopeName, to: null } });

    const gone = await change(DELETE_RESOURCE, { id: api.id });
    expect(gone.event).toMatchObject({ action: 'api_resource.deleted', target_id: api.id, changes: { scopes: { from: [], to: null } } });
    expect((await ok(RESOURCES, {}, admin)).apiResources.map((r: { id: string }) => r.id)).not.toContain(api.id);
  });

  it('deleting an unused API deletes its scopes with it, in one audit event', async () => {
    const api = (
      await ok(CREATE_RESOURCE, { input: { name: `Spare API ${tag()}`, audience: `https://spare-${tag()}.example.com` } }, admin)
    ).createApiResource;
    const names = [`spare-${tag()}:a`, `spare-${tag()}:b`].sort();
    for (const name of names) await ok(CREATE_SCOPE, { api: api.id, input: { name } }, admin);
    const gone = await change(DELETE_RESOURCE, { id: api.id });
    expect(gone.event.changes).toMatchObject({ scopes: { from: names, to: null } });
    expect(await kw.sql('select id from scope where api_resource_id = ?', [api.id])).toEqual([]);
  });

  it('the built-in Keyward Management API and its scopes cannot be changed or deleted', async () => {
    const management = (await ok(RESOURCES, {}, admin)).apiResources.find((r: { builtIn: boolean }) => r.builtIn);
    const scope = management.scopes.find((s: { name: string }) => s.name === 'keyward:clients.read');
    const attempts: [string, Record<string, unknown>][] = [
      [UPDATE_RESOURCE, { id: management.id, input: { name: 'Mine now' } }],
      [DELETE_RESOURCE, { id: management.id }],
      [CREATE_SCOPE, { api: management.id, input: { name: 'extra:scope' } }],
      [UPDATE_SCOPE, { id: scope.id, input: { description: 'Changed' } }],
      [DELETE_SCOPE, { id: scope.id }],
    ];
    for (const [query, variables] of attempts) {
      const error = await refused(query, variables, 'FORBIDDEN');
      expect(error.message).toContain('the Keyward Management API is built in and cannot be changed');
    }
    expect((await ok(RESOURCES, {}, admin)).apiResources.find((r: { builtIn: boolean }) => r.builtIn)).toEqual(management);
  });
});

describe('tenant isolation', () => {
  it('another tenant’s users, teams, APIs and scopes answer NOT_FOUND, exactly like ids that do not exist', async () => {
    const other = await kw.createTenant(`other-${tag()}`);
    const theirUser = (await ok(USERS, {}, other.cookie)).users[0];
    const theirTeam = (await ok(TEAMS, {}, other.cookie)).teams[0];
    const theirApi = (await ok(RESOURCES, {}, other.cookie)).apiResources.find((r: { builtIn: boolean }) => !r.builtIn);
    const theirScope = theirApi.scopes[0];
    const calls: [string, (id: string) => Record<string, unknown>][] = [
      [UPDATE_USER, (id) => ({ id, input: { name: 'Taken over' } })],
      [DISABLE_USER, (id) => ({ id })],
      [ENABLE_USER, (id) => ({ id })],
      [UPDATE_TEAM, (id) => ({ id, input: { permissions: ALL } })],
      [DELETE_TEAM, (id) => ({ id })],
      [CREATE_USER, (id) => ({ input: { email: `x-${tag()}@example.com`, name: 'X', teamIds: [id] } })],
      [UPDATE_RESOURCE, (id) => ({ id, input: { name: 'Taken over' } })],
      [DELETE_RESOURCE, (id) => ({ id })],
      [CREATE_SCOPE, (id) => ({ api: id, input: { name: `x-${tag()}:y` } })],
      [UPDATE_SCOPE, (id) => ({ id, input: { description: 'Taken over' } })],
      [DELETE_SCOPE, (id) => ({ id })],
    ];
    const targets = [
      theirUser.id,
      theirUser.id,
      theirUser.id,
      theirTeam.id,
      theirTeam.id,
      theirTeam.id,
      theirApi.id,
      theirApi.id,
      theirApi.id,
      theirScope.id,
      theirScope.id,
    ];
    for (const [index, [query, variables]] of calls.entries()) {
      const theirs = await refused(query, variables(targets[index]), 'NOT_FOUND');
      const unknownId = randomUUID();
      const unknown = await refused(query, variables(unknownId), 'NOT_FOUND');
      expect(theirs.message.replace(targets[index], '<id>')).toBe(unknown.message.replace(unknownId, '<id>'));
    }
    expect((await ok(USERS, {}, admin)).users.map((u: { id: string }) => u.id)).not.toContain(theirUser.id);
    expect((await ok(TEAMS, {}, admin)).teams.map((t: { id: string }) => t.id)).not.toContain(theirTeam.id);
    // Their records are as they were.
    expect((await ok(USERS, {}, other.cookie)).users[0]).toEqual(theirUser);
    expect((await ok(TEAMS, {}, other.cookie)).teams[0]).toEqual(theirTeam);
  });
});

describe('the audit trail and the logs', () => {
  it('hold no password or temporary password anywhere', async () => {
    const events = JSON.stringify(await kw.sql('select * from audit_event'));
    const logs = kw.logs.join('\n');
    expect(passwords.size).toBeGreaterThan(5);
    for (const password of passwords) {
      expect(events).not.toContain(password);
      expect(logs).not.toContain(password);
    }
  });
});
