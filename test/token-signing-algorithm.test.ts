import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { type GraphQLResult, startKeyward, type TestKeyward } from './support/keyward.js';

/**
 * The tenant setting `tokenSigningAlgorithm` (docs/token-service.md#signing-keys-and-rotation): a security administrator chooses ES256 (default), RS256 or
 * EdDSA; the change is audited and rotates the tenant's signing key, whose new algorithm signs once every cached
 * JWKS has expired. A short JWKS lifetime and margin keep that window at 3 seconds here.
 */

const JWKS_MAX_AGE_SECONDS = 2;
const ROTATION_MARGIN_SECONDS = 1;
const SETTINGS = 'id tokenSigningAlgorithm tokenSigningAlgorithmEffectiveAt';
const UPDATE = `mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { ${SETTINGS} } }`;
const READ = `{ viewer { tenant { ${SETTINGS} } } }`;

let kw: TestKeyward;
const SLUG = 'signing-alg';
let admin: string;
let tenantId: string;

beforeAll(async () => {
  kw = await startKeyward({
    env: {
      KEYWARD_JWKS_MAX_AGE_SECONDS: String(JWKS_MAX_AGE_SECONDS),
      KEYWARD_KEY_ROTATION_MARGIN_SECONDS: String(ROTATION_MARGIN_SECONDS),
    },
  });
  ({ cookie: admin } = await kw.createTenant(SLUG));
  [{ id: tenantId }] = await kw.sql<{ id: string }>('select id from tenant where slug = ?', [SLUG]);
});
afterAll(async () => kw?.destroy());

async function ok(query: string, variables: Record<string, unknown>, cookie = admin) {
  const result = await kw.gql(query, variables, cookie);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as Record<string, any>;
}

const auditEvents = () =>
  kw.sql<{ action: string; actor_name: string; changes: Record<string, unknown> }>(
    "select action, actor_name, changes from audit_event where tenant_id = ? and action = 'tenant.updated' order by seq",
    [tenantId],
  );
const keyCount = async () =>
  (await kw.sql<{ n: number }>('select count(*)::int as n from signing_key where tenant_id = ?', [tenantId]))[0].n;

function expectRefused(result: GraphQLResult, code: string) {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  expect(result.errors?.[0].extensions?.code).toBe(code);
  expect(result.data?.updateTenantSettings ?? null).toBeNull();
  return result.errors?.[0] as { message: string; extensions: Record<string, unknown> };
}

describe('the tenant setting tokenSigningAlgorithm', () => {
  it('is ES256 for a new tenant, already in effect', async () => {
    const tenant = (await ok(READ, {})).viewer.tenant;
    expect(tenant.tokenSigningAlgorithm).toBe('ES256');
    expect(new Date(tenant.tokenSigningAlgorithmEffectiveAt).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a user without SECURITY_ADMINISTRATION, and an algorithm it does not offer, naming the field', async () => {
    const clientAdmin = await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.CLIENT_EDIT], { tenantSlug: SLUG });
    const before = { events: (await auditEvents()).length, keys: await keyCount() };
    const forbidden = expectRefused(await kw.gql(UPDATE, { input: { tokenSigningAlgorithm: 'RS256' } }, clientAdmin), 'FORBIDDEN');
    expect(forbidden.message).toContain('SECURITY_ADMINISTRATION');

    for (const bad of ['HS256', 'none', 'rs256']) {
      const refused = expectRefused(await kw.gql(UPDATE, { input: { tokenSigningAlgorithm: bad } }, admin), 'BAD_USER_INPUT');
      expect(refused.extensions.field).toBe('tokenSigningAlgorithm');
      expect(refused.message).toContain('tokenSigningAlgorithm');
    }
    expect((await ok(READ, {})).viewer.tenant.tokenSigningAlgorithm).toBe('ES256');
    expect({ events: (await auditEvents()).length, keys: await keyCount() }).toEqual(before);
  });

  it('set to RS256 by an admin: reads back, is audited, says when it takes effect; tokens are then RS256 and verify', async () => {
    const client = await kw.clientWithSecret(admin, { client: { name: 'RS256 consumer', scopes: ['orders:read'] } });
    const eventsBefore = (await auditEvents()).length;
    const keysBefore = await keyCount();
    const requested = Date.now();
    const updated = (await ok(UPDATE, { input: { tokenSigningAlgorithm: 'RS256' } })).updateTenantSettings;
    expect(updated.tokenSigningAlgorithm).toBe('RS256');
    // The new key waits out the JWKS cache lifetime plus the margin before it signs.
    const effectiveAt = new Date(updated.tokenSigningAlgorithmEffectiveAt).getTime();
    const window = (JWKS_MAX_AGE_SECONDS + ROTATION_MARGIN_SECONDS) * 1000;
    expect(effectiveAt).toBeGreaterThanOrEqual(requested + window - 1000);
    expect(effectiveAt).toBeLessThanOrEqual(Date.now() + window + 1000);
    expect((await ok(READ, {})).viewer.tenant).toEqual(updated);

    const events = (await auditEvents()).slice(eventsBefore);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_name: `Administrator <admin@${SLUG}.example.com>`,
      changes: { tokenSigningAlgorithm: { from: 'ES256', to: 'RS256' } },
    });
    expect(await keyCount()).toBe(keysBefore + 1);

    // Published at once: a resource server that fetches the JWKS now knows the RS256 key before it signs.
    const { jwks_uri: jwksUri, issuer } = (await (
      await fetch(`${kw.baseUrl}/.well-known/oauth-authorization-server/tenants/${SLUG}`)
    ).json()) as Record<string, string>;
    expect(issuer).toBe(`${kw.baseUrl}/tenants/${SLUG}`);
    const published = (await (await fetch(jwksUri)).json()) as { keys: { alg: string; kty: string }[] };
    expect(published.keys.map((key) => key.alg).sort()).toEqual(['ES256', 'RS256']);
    expect(decodeProtectedHeader(await accessToken(client)).alg).toBe('ES256');

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, effectiveAt - Date.now()) + 200));
    const token = await accessToken(client);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(jwksUri)), {
      issuer,
      audience: 'https://api.example.com/orders',
      algorithms: ['RS256'],
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.client_id).toBe(client.clientId);
  });

  it('setting the algorithm it already has changes nothing and makes no key', async () => {
    const keysBefore = await keyCount();
    const eventsBefore = (await auditEvents()).length;
    const same = (await ok(UPDATE, { input: { tokenSigningAlgorithm: 'RS256' } })).updateTenantSettings;
    expect(same.tokenSigningAlgorithm).toBe('RS256');
    expect(new Date(same.tokenSigningAlgorithmEffectiveAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(await keyCount()).toBe(keysBefore);
    const events = (await auditEvents()).slice(eventsBefore);
    expect(events.every((event) => Object.keys(event.changes ?? {}).length === 0)).toBe(true);
  });
});

async function accessToken(client: { clientId: string; secret: string }): Promise<string> {
  const response = await fetch(`${kw.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const body = (await response.json()) as Record<string, string>;
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.access_token;
}
