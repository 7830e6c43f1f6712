import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { startKeyward, type TestKeyward } from './support/keyward.js';
import { requestToken } from './support/oauth.js';

// docs/usage-findings.md: a credential not used for the tenant's unusedCredentialDays is listed, reported once as
// credential.unused by the job, and disabled when the tenant chose so; using it again takes it off the list.
const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
let kw: TestKeyward;
let admin: string;

const UNUSED = `{ unusedCredentials(first: 100) { totalCount edges { node {
  id type description lastUsedAt createdAt unusedDays autoDisabled apiClient { name clientId } credential { id status } } } } }`;
const SETTINGS = `mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) {
  unusedCredentialDays autoDisableUnusedCredentials } }`;

beforeAll(async () => {
  kw = await startKeyward({ clock });
});
// Sessions follow the clock, and these tests walk it forward by weeks: each signs in afresh.
beforeEach(async () => {
  admin = await kw.login();
});
afterAll(async () => kw?.destroy());

/** One run of the unused-credential job, as the scheduler runs it (the scheduler is off in tests). */
const runJob = () => kw.keyward.services.unusedCredentials.run();

async function settings(input: Record<string, unknown>) {
  const result = await kw.gql(SETTINGS, { input }, admin);
  expect(result.errors).toBeUndefined();
  return result.data?.updateTenantSettings;
}

/** A client with one secret that expires in 300 days (of the clock), made now. */
async function clientWithSecret(name: string) {
  return kw.clientWithSecret(admin, { client: { name }, expiresAt: new Date(clock.now().getTime() + 300 * DAY_MS) });
}

/** A token request that the usage recorder writes at once (it coalesces for a minute otherwise). */
async function use(clientId: string, secret: string) {
  const response = await requestToken(kw.baseUrl, clientId, secret);
  await kw.keyward.services.usage.flush();
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function unusedList() {
  const result = await kw.gql(UNUSED, {}, admin);
  expect(result.errors).toBeUndefined();
  return result.data?.unusedCredentials as { totalCount: number; edges: { node: Record<string, any> }[] };
}
const listed = async (credentialId: string) => (await unusedList()).edges.find((edge) => edge.node.id === credentialId)?.node;

const eventsOf = (credentialId: string, action: string) =>
  kw.sql<{ actor_type: string; changes: Record<string, { to: unknown }> }>(
    'select actor_type, changes from audit_event where target_id = ? and action = ? order by seq',
    [credentialId, action],
  );

describe('unused-credential findings', () => {
  it('lists a credential unused past the threshold, reports it once however often the job runs, and forgets it once it is used', async () => {
    expect(await settings({ unusedCredentialDays: 30 })).toEqual({ unusedCredentialDays: 30, autoDisableUnusedCredentials: false });
    const idle = await clientWithSecret('Idle integration');
    const busy = await clientWithSecret('Busy integration');
    clock.advance(20 * DAY_MS);
    expect((await use(busy.clientId, busy.secret)).status).toBe(200);
    clock.advance(10 * DAY_MS + 60_000);
    admin = await kw.login();

    // 30 days and a minute since the idle one was made (never used); the busy one was used 10 days ago.
    const finding = await listed(idle.secretId);
    expect(finding).toMatchObject({
      type: 'CLIENT_SECRET',
      lastUsedAt: null,
      unusedDays: 30,
      autoDisabled: false,
      apiClient: { name: 'Idle integration', clientId: idle.clientId },
      credential: { id: idle.secretId, status: 'ACTIVE' },
    });
    expect(await listed(busy.secretId)).toBeUndefined();

    await runJob();
    await runJob();
    const reported = await eventsOf(idle.secretId, 'credential.unused');
    expect(reported).toHaveLength(1);
    expect(reported[0].actor_type).toBe('SYSTEM');
    expect(reported[0].changes).toMatchObject({
      lastUsedAt: { to: null },
      unusedDays: { to: 30 },
      unusedCredentialDays: { to: 30 },
      autoDisabled: { to: false },
    });
    expect(JSON.stringify(reported)).not.toContain(idle.secret);
    expect(await eventsOf(busy.secretId, 'credential.unused')).toHaveLength(0);
    // Not auto-disabled: it still works, and using it takes it off the list at once.
    expect((await use(idle.clientId, idle.secret)).status).toBe(200);
    expect(await listed(idle.secretId)).toBeUndefined();

    // A new stretch without use is a new finding, reported once again.
    await runJob();
    clock.advance(31 * DAY_MS);
    admin = await kw.login();
    expect((await listed(idle.secretId))?.lastUsedAt).not.toBeNull();
    await runJob();
    await runJob();
    expect(await eventsOf(idle.secretId, 'credential.unused')).toHaveLength(2);
  });

  it('disables an unused credential when the tenant chose so: the token endpoint refuses it as a disabled one', async () => {
    expect(await settings({ autoDisableUnusedCredentials: true })).toEqual({
      unusedCredentialDays: 30,
      autoDisableUnusedCredentials: true,
    });
    const forgotten = await clientWithSecret('Forgotten job');
    expect((await use(forgotten.clientId, forgotten.secret)).status).toBe(200);
    clock.advance(31 * DAY_MS);
    admin = await kw.login();
    // Still enabled until the job runs.
    expect((await use(forgotten.clientId, forgotten.secret)).status).toBe(200);
    clock.advance(31 * DAY_MS);
    admin = await kw.login();

    await runJob();
    await runJob();
    expect(await eventsOf(forgotten.secretId, 'credential.unused')).toHaveLength(1);
    const disabled = await eventsOf(forgotten.secretId, 'credential.disabled');
    expect(disabled).toHaveLength(1);
    expect(disabled[0].actor_type).toBe('SYSTEM');
    expect(disabled[0].changes).toMatchObject({ enabled: { to: false }, reason: { to: expect.stringContaining('Not used for 31 days') } });

    // Exactly what a disabled credential gets (credential-controls.test.ts): nothing says it exists.
    expect(await use(forgotten.clientId, forgotten.secret)).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed.' },
    });
    expect(await listed(forgotten.secretId)).toMatchObject({ autoDisabled: true, credential: { status: 'DISABLED' } });

    // Enabled again by a person: it works, and is no longer marked as disabled by the finding.
    const enabled = await kw.gql(
      'mutation($id: ID!) { setCredentialEnabled(id: $id, enabled: true) { status } }',
      { id: forgotten.secretId },
      admin,
    );
    expect(enabled.data?.setCredentialEnabled.status).toBe('ACTIVE');
    expect(await listed(forgotten.secretId)).toMatchObject({ autoDisabled: false });
    await runJob();
    // Still the same stretch without use: not reported or disabled a second time.
    expect(await eventsOf(forgotten.secretId, 'credential.disabled')).toHaveLength(1);
    expect((await use(forgotten.clientId, forgotten.secret)).status).toBe(200);
    await settings({ autoDisableUnusedCredentials: false });
  });

  it('refuses a threshold outside 1–3650 days naming the field, and shows the list only to secret administrators', async () => {
    for (const days of [0, 3651]) {
      const refused = await kw.gql(SETTINGS, { input: { unusedCredentialDays: days } }, admin);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unusedCredentialDays' });
      expect(refused.errors?.[0].message).toContain('from 1 to 3650');
    }
    const changes = await kw.sql<{ changes: Record<string, { from: unknown; to: unknown }> }>(
      `select changes from audit_event where action = 'tenant.updated' and changes -> 'unusedCredentialDays' is not null order by seq`,
    );
    expect(changes[0].changes.unusedCredentialDays).toEqual({ from: 90, to: 30 });

    const clientAdmin = await kw.userWith([Permission.CLIENT_ADMINISTRATION]);
    const refused = await kw.gql(UNUSED, {}, clientAdmin);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const secretAdmin = await kw.userWith([Permission.SECRET_ADMINISTRATION]);
    expect((await kw.gql(UNUSED, {}, secretAdmin)).errors).toBeUndefined();
  });
});
