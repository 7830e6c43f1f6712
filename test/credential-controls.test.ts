import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { type ClientWithSecret, startKeyward, type TestKeyward } from './support/keyward.js';
import { basicAuth, requestToken } from './support/oauth.js';

const SET_ENABLED = 'mutation($id: ID!, $enabled: Boolean!) { setCredentialEnabled(id: $id, enabled: $enabled) { id enabled status } }';
const CREDENTIALS = 'query($id: ID!) { apiClient(id: $id) { nearestExpiry credentials { id enabled status } } }';

// Token times have whole seconds, and a token issued within the second of a disable counts as before it: the test
// moves the clock past that second rather than waiting for it.
const clock = new ManualClock(new Date());
let kw: TestKeyward;
let admin: string;
let gateway: ClientWithSecret;

beforeAll(async () => {
  kw = await startKeyward({ clock });
  admin = await kw.login();
  gateway = await kw.clientWithSecret(admin, { client: { name: 'Gateway', scopes: ['keyward:tokens.introspect'] } });
});
afterAll(async () => kw?.destroy());

/** The token endpoint's answer to a client_secret_basic request: status and JSON body. */
async function token(clientId: string, secret: string) {
  const response = await requestToken(kw.baseUrl, clientId, secret);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function introspect(accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${kw.baseUrl}/oauth2/introspect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(gateway.clientId, gateway.secret) },
    body: new URLSearchParams({ token: accessToken }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** `viewer` over /graphql with a management token as Bearer, as a script would call it. */
async function asBearer(accessToken: string) {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: '{ viewer { permissions } }' }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

const auditOf = (credentialId: string) =>
  kw.sql<{ action: string; changes: unknown }>(
    `select action, changes from audit_event where target_id = ? and action in ('credential.disabled', 'credential.enabled') order by seq`,
    [credentialId],
  );

describe('disabling a credential', () => {
  it('refuses its secret at the token endpoint as a wrong secret is refused, ends its tokens, and enabling lets it obtain new ones', async () => {
    // The client's only credential: disabling it is allowed (the client simply cannot obtain tokens meanwhile).
    const client = await kw.clientWithSecret(admin, { client: { name: 'Nightly export', scopes: ['keyward:secrets.read'] } });
    const before = await token(client.clientId, client.secret);
    expect(before.status).toBe(200);
    expect(await introspect(before.body.access_token)).toMatchObject({ active: true });
    expect((await asBearer(before.body.access_token)).data?.viewer.permissions).toEqual(['SECRET_ADMINISTRATION']);

    const disabled = await kw.gql(SET_ENABLED, { id: client.secretId, enabled: false }, admin);
    expect(disabled.errors).toBeUndefined();
    expect(disabled.data?.setCredentialEnabled).toEqual({ id: client.secretId, enabled: false, status: 'DISABLED' });

    // Exactly what a wrong secret gets: nothing says the secret exists but is disabled.
    const refused = await token(client.clientId, client.secret);
    const wrongSecret = await token(client.clientId, `${client.secret.slice(0, -1)}${client.secret.endsWith('a') ? 'b' : 'a'}`);
    expect(refused).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' } });
    expect(refused).toEqual(wrongSecret);
    // The token obtained before is inactive at introspection and refused by Keyward's own /graphql.
    expect(await introspect(before.body.access_token)).toEqual({ active: false });
    expect((await asBearer(before.body.access_token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    clock.advance(1000);
    const enabled = await kw.gql(SET_ENABLED, { id: client.secretId, enabled: true }, admin);
    expect(enabled.data?.setCredentialEnabled).toEqual({ id: client.secretId, enabled: true, status: 'ACTIVE' });
    const after = await token(client.clientId, client.secret);
    expect(after.status).toBe(200);
    expect(await introspect(after.body.access_token)).toMatchObject({ active: true, client_id: client.clientId });
    // A token obtained before the disable stays inactive for good, as a disabled client's do.
    expect(await introspect(before.body.access_token)).toEqual({ active: false });
  });

  it('records credential.disabled and credential.enabled once each, however often the same state is asked for', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Audited' } });
    for (const enabled of [false, false, true, true]) {
      const result = await kw.gql(SET_ENABLED, { id: client.secretId, enabled }, admin);
      expect(result.data?.setCredentialEnabled.enabled).toBe(enabled);
    }
    const events = await auditOf(client.secretId);
    expect(events.map((e) => e.action)).toEqual(['credential.disabled', 'credential.enabled']);
    expect(events[0].changes).toEqual({ enabled: { from: true, to: false } });

    const trail = await kw.gql(
      '{ auditEvents(filter: { action: "credential.disabled" }) { edges { node { target { id name } } } } }',
      {},
      admin,
    );
    expect(trail.data?.auditEvents.edges.map((e: any) => e.node.target.id)).toContain(client.secretId);
  });

  it('leaves the other credentials of the client working', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Two secrets' } });
    const second = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret credential { id } } }',
      { id: client.id, e: new Date(clock.now().getTime() + 20 * DAY_MS).toISOString() },
      admin,
    );
    await kw.gql(SET_ENABLED, { id: client.secretId, enabled: false }, admin);
    expect((await token(client.clientId, client.secret)).status).toBe(401);
    expect((await token(client.clientId, second.data?.createClientSecret.secret)).status).toBe(200);
    const listed = await kw.gql(CREDENTIALS, { id: client.id }, admin);
    expect(listed.data?.apiClient.credentials).toEqual(
      expect.arrayContaining([
        { id: client.secretId, enabled: false, status: 'DISABLED' },
        { id: second.data?.createClientSecret.credential.id, enabled: true, status: 'ACTIVE' },
      ]),
    );
  });

  it('is refused without SECRET_ADMINISTRATION, and to a read-only secret viewer without SECRET_REMOVE; neither changes anything', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'Guarded' } });
    const noAdministration = await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.SECRET_CREATE, Permission.SECRET_REMOVE]);
    let refused = await kw.gql(SET_ENABLED, { id: client.secretId, enabled: false }, noAdministration);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('SECRET_ADMINISTRATION (Security Client Secret Administration)');
    const readOnly = await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION]);
    refused = await kw.gql(SET_ENABLED, { id: client.secretId, enabled: false }, readOnly);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('SECRET_REMOVE (Security Remove Client Secrets)');
    expect((await token(client.clientId, client.secret)).status).toBe(200);
    expect(await auditOf(client.secretId)).toEqual([]);

    const allowed = await kw.userWith([Permission.SECRET_ADMINISTRATION, Permission.SECRET_REMOVE]);
    expect((await kw.gql(SET_ENABLED, { id: client.secretId, enabled: false }, allowed)).data?.setCredentialEnabled.enabled).toBe(false);
  });

  it('names an unknown credential as not found', async () => {
    const result = await kw.gql(SET_ENABLED, { id: '00000000-0000-4000-8000-000000000000', enabled: false }, admin);
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a disabled credential and reminders', () => {
  it('gets no reminder and is left out of expiring soon and of the client’s nearest expiry; enabled again, it gets its reminder', async () => {
    // Both due at the 15-day stage at once.
    const kept = await kw.clientWithSecret(admin, {
      client: { name: 'Reminded' },
      expiresAt: new Date(clock.now().getTime() + 10 * DAY_MS),
    });
    const quiet = await kw.clientWithSecret(admin, { client: { name: 'Quiet' }, expiresAt: new Date(clock.now().getTime() + 9 * DAY_MS) });
    await kw.gql(SET_ENABLED, { id: quiet.secretId, enabled: false }, admin);

    const deliveries = (credentialId: string) =>
      kw.sql<{ status: string }>('select status from reminder_delivery where credential_id = ?', [credentialId]);
    await kw.keyward.services.reminders.scan();
    await kw.keyward.services.reminders.sendDue();
    expect((await deliveries(kept.secretId)).map((d) => d.status)).toEqual(['SENT']);
    expect(await deliveries(quiet.secretId)).toEqual([]);

    const expiring = await kw.gql('{ expiringCredentials(withinDays: 30) { id } }', {}, admin);
    const ids = expiring.data?.expiringCredentials.map((c: { id: string }) => c.id);
    expect(ids).toContain(kept.secretId);
    expect(ids).not.toContain(quiet.secretId);
    expect((await kw.gql(CREDENTIALS, { id: quiet.id }, admin)).data?.apiClient.nearestExpiry).toBeNull();

    await kw.gql(SET_ENABLED, { id: quiet.secretId, enabled: true }, admin);
    await kw.keyward.services.reminders.scan();
    await kw.keyward.services.reminders.sendDue();
    expect((await deliveries(quiet.secretId)).map((d) => d.status)).toEqual(['SENT']);
  });

  it('loses a reminder claimed before it was disabled: nothing is sent about it', async () => {
    const client = await kw.clientWithSecret(admin, {
      client: { name: 'Claimed' },
      expiresAt: new Date(clock.now().getTime() + 8 * DAY_MS),
    });
    await kw.keyward.services.reminders.scan();
    const claimed = await kw.sql('select 1 from reminder_delivery where credential_id = ? and status = ?', [client.secretId, 'PENDING']);
    expect(claimed).toHaveLength(1);
    await kw.gql(SET_ENABLED, { id: client.secretId, enabled: false }, admin);
    await kw.keyward.services.reminders.sendDue();
    expect(await kw.sql('select status from reminder_delivery where credential_id = ?', [client.secretId])).toEqual([]);
  });
});
