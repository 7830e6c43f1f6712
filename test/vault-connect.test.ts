import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';
import { PARTNER_AUDIENCE, type PartnerProvider, startPartnerProvider } from './support/partner-provider.js';

// docs/vault.md#connect: an OAUTH2 credential with the authorization code grant is connected by a person in the
// browser — Keyward sends them to the provider, the provider sends them back to /vault/oauth2/callback.
const clock = new ManualClock(new Date());
let kw: TestKeyward;
let browser: Browser;

// Another site than Keyward's 127.0.0.1, as a real provider is: its redirect back carries no SameSite=Strict cookie.
const PROVIDER_HOST = '127.0.0.2';
const CLIENT = { id: 'keyward-connect', secret: `connect-secret-${randomBytes(12).toString('hex')}` };
const ACCESS_TOKEN_TTL_SECONDS = 300;

let provider: PartnerProvider;
/** The grants the provider answered at its token endpoint, in order. */
const grantsAnswered: string[] = [];
/** The partner's API: accepts an access token of the provider's for its audience, nothing else. */
let partner: { server: Server; url: string };

beforeAll(async () => {
  kw = await startKeyward({ clock, env: { KEYWARD_OUTBOUND_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'debug' } });

  provider = await startPartnerProvider({
    host: PROVIDER_HOST,
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${kw.baseUrl}/vault/oauth2/callback`],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'partner:read offline_access',
      },
    ],
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    scopes: ['partner:read', 'offline_access'],
    configuration: {
      // PKCE required even of a confidential client: a missing or wrong code_verifier fails the exchange.
      pkce: { required: () => true },
      // A refresh token with the code grant, whatever prompt was used (offline_access alone needs prompt=consent).
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      features: { devInteractions: { enabled: true } },
    },
  });
  provider.oidc.on('grant.success', (ctx) => grantsAnswered.push(String(ctx.oidc.params?.grant_type)));

  partner = { server: createServer(), url: '' };
  partner.server.on('request', async (request, response) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const ok = token
      ? await jwtVerify(token, provider.jwks, { issuer: provider.url, audience: PARTNER_AUDIENCE }).then(
          () => true,
          () => false,
        )
      : false;
    response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"ok":true}' : '{"message":"invalid token"}');
  });
  await new Promise<void>((resolve) => partner.server.listen(0, '127.0.0.1', resolve));
  partner.url = `http://127.0.0.1:${(partner.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
  for (const server of [provider?.server, partner?.server]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
});

const CONNECT = 'mutation($id: ID!) { connectVaultCredential(id: $id) }';
const STATUS = 'query($id: ID!) { vaultCredential(id: $id) { status lastRenewalError accessTokenExpiresAt } }';
const AUTHORIZATION = `query($id: ID!) { vaultCredentialAuthorization(id: $id) { headers { name value } expiresAt } }`;

/** A browser signed in to Keyward, and the session cookie it holds (for GraphQL calls as that browser). */
async function signedInBrowser(
  email = ADMIN_EMAIL,
  password = ADMIN_PASSWORD,
): Promise<{ page: Page; context: BrowserContext; cookie: string }> {
  // The provider's login page imports a web font; there is no Internet here.
  const { page, context } = await openPage(browser, { expected: [/Failed to load resource/] });
  await context.route(/fonts\.googleapis\.com/, (route) => route.abort());
  await signIn(page, kw.baseUrl, email, password);
  const session = (await context.cookies(kw.baseUrl)).find((c) => c.name === 'kw_session');
  if (!session) throw new Error('the browser holds no Keyward session cookie');
  return { page, context, cookie: `kw_session=${session.value}` };
}

async function codeCredential(cookie: string, name: string): Promise<string> {
  const created = await kw.gql(
    'mutation($input: VaultCredentialInput!) { createVaultCredential(input: $input) { id status } }',
    {
      input: {
        name,
        type: 'OAUTH2',
        contactEmails: ['integrations@example.com'],
        oauth2: {
          grant: 'AUTHORIZATION_CODE',
          authorizationUrl: `${provider.url}/auth`,
          tokenUrl: `${provider.url}/token`,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          scopes: ['partner:read', 'offline_access'],
          resource: PARTNER_AUDIENCE,
        },
      },
    },
    cookie,
  );
  if (!created.data?.createVaultCredential) throw new Error(JSON.stringify(created.errors));
  return created.data.createVaultCredential.id;
}

async function connectUrl(id: string, cookie: string): Promise<URL> {
  const result = await kw.gql(CONNECT, { id }, cookie);
  if (!result.data?.connectVaultCredential) throw new Error(JSON.stringify(result.errors));
  return new URL(result.data.connectVaultCredential);
}

async function partnerStatus(authorization: string): Promise<number> {
  return (await fetch(`${partner.url}/v1/orders`, { headers: { authorization } })).status;
}

async function storedTokens(id: string): Promise<string | null> {
  const [row] = await kw.sql<{ sealed_tokens: string | null }>('select sealed_tokens from vault_credential where id = ?', [id]);
  return row.sealed_tokens;
}

async function actions(id: string): Promise<string[]> {
  const rows = await kw.sql<{ action: string }>('select action from audit_event where target_id = ? order by seq', [id]);
  return rows.map((r) => r.action);
}

/** What the person sees: the page's heading and text. */
async function shown(page: Page): Promise<{ heading: string; text: string }> {
  return {
    heading: (await page.getByRole('heading', { level: 1 }).textContent()) ?? '',
    text: (await page.locator('main').textContent()) ?? '',
  };
}

describe('Connect (authorization code + PKCE) in the browser', () => {
  let admin: { page: Page; context: BrowserContext; cookie: string };
  let id: string;
  let callbackUrl: string;

  beforeAll(async () => {
    admin = await signedInBrowser();
    id = await codeCredential(admin.cookie, 'Partner (signed in as a person)');
  });

  it('sends the person to the provider, and back to the vault connected; the partner API accepts the token', async () => {
    // Not connected yet: no token to hand out, in words.
    const before = await kw.gql(AUTHORIZATION, { id }, admin.cookie);
    expect(before.errors?.[0].message).toMatch(/not connected yet: connect it/);
    // As after a refused renewal: connecting again is the way out.
    await kw.sql(`update vault_credential set needs_reauthorization_at = now(), last_renewal_error = 'invalid_grant' where id = ?`, [id]);
    expect((await kw.gql(STATUS, { id }, admin.cookie)).data?.vaultCredential.status).toBe('NEEDS_REAUTHORIZATION');

    const url = await connectUrl(id, admin.cookie);
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.url}/auth`);
    const state = url.searchParams.get('state') ?? '';
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.id,
      redirect_uri: `${kw.baseUrl}/vault/oauth2/callback`,
      scope: 'partner:read offline_access',
      code_challenge_method: 'S256',
      resource: PARTNER_AUDIENCE,
    });
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    // Kept hashed: the state itself is in no column.
    expect(JSON.stringify(await kw.sql('select * from vault_connect_state'))).not.toContain(state);

    const callbacks: string[] = [];
    admin.page.on('request', (request) => {
      if (request.url().startsWith(`${kw.baseUrl}/vault/oauth2/callback`)) callbacks.push(request.url());
    });
    await admin.page.goto(url.toString());
    await admin.page.locator('input[name=login]').fill('partner-user');
    await admin.page.locator('input[name=password]').fill('any password');
    await admin.page.getByRole('button', { name: 'Sign-in' }).click();
    await admin.page.getByRole('button', { name: 'Continue' }).click();
    await admin.page.waitForURL(`${kw.baseUrl}/vault?connected=${id}`);
    callbackUrl = callbacks[0];
    expect(new URL(callbackUrl).searchParams.get('state')).toBe(state);
    // The provider's redirect came without the SameSite=Strict session cookie; Keyward's page went on to the same
    // address from its own origin, which carried it.
    expect(callbacks).toEqual([callbackUrl, callbackUrl]);

    expect(grantsAnswered).toEqual(['authorization_code']);
    expect((await kw.gql(STATUS, { id }, admin.cookie)).data?.vaultCredential).toMatchObject({ status: 'VALID', lastRenewalError: null });
    expect(await actions(id)).toContain('vault.connected');
    const [connected] = await kw.sql<{ actor_name: string; changes: Record<string, { to: unknown }> }>(
      `select actor_name, changes from audit_event where action = 'vault.connected' and target_id = ?`,
      [id],
    );
    expect(connected.changes.refreshToken.to).toBe('kept');

    const handedOut = await kw.gql(AUTHORIZATION, { id }, admin.cookie);
    expect(handedOut.errors).toBeUndefined();
    const [{ name, value }] = handedOut.data?.vaultCredentialAuthorization.headers ?? [{}];
    expect(name).toBe('Authorization');
    expect(await partnerStatus(value)).toBe(200);
    // The partner refuses a token that is not the provider's: the check above could fail.
    expect(await partnerStatus(`Bearer ${randomBytes(16).toString('hex')}`)).toBe(401);
    const accessToken = value.slice('Bearer '.length);
    expect(JSON.stringify(await kw.sql('select * from vault_credential where id = ?', [id]))).not.toContain(accessToken);
    const code = new URL(callbackUrl).searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    expect(kw.logs.join('')).not.toContain(accessToken);
    expect(kw.logs.join('')).not.toContain(code);
  });

  it('renews with the refresh token once Keyward’s clock passes the access token’s life', async () => {
    const first = (await kw.gql(AUTHORIZATION, { id }, admin.cookie)).data?.vaultCredentialAuthorization.headers[0].value;
    const renewedBefore = (await actions(id)).filter((a) => a === 'vault.renewed').length;
    clock.advance((ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    const next = await kw.gql(AUTHORIZATION, { id }, admin.cookie);
    expect(next.errors).toBeUndefined();
    const second = next.data?.vaultCredentialAuthorization.headers[0].value;
    expect(second).not.toBe(first);
    expect(await partnerStatus(second)).toBe(200);
    expect(grantsAnswered).toEqual(['authorization_code', 'refresh_token']);
    expect((await actions(id)).filter((a) => a === 'vault.renewed').length).toBe(renewedBefore + 1);
  });

  it('Test of a connected credential uses its access token while it is fresh, and says to Renew now once it has run out', async () => {
    const grants = grantsAnswered.length;
    const TEST = 'mutation($id: ID!, $url: String) { testVaultCredential(id: $id, url: $url) { ok status message } }';
    const tested = await kw.gql(TEST, { id, url: `${partner.url}/v1/me` }, admin.cookie);
    expect(tested.data?.testVaultCredential).toMatchObject({ ok: true, status: 200 });
    // Nothing was asked of the provider: its refresh token is not spent by a Test, which keeps nothing.
    expect(grantsAnswered.length).toBe(grants);
    clock.advance((ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    const stale = await kw.gql(TEST, { id, url: `${partner.url}/v1/me` }, admin.cookie);
    expect(stale.data?.testVaultCredential).toMatchObject({ ok: false, status: null });
    expect(stale.data?.testVaultCredential.message).toMatch(/^Its access token has run out: use Renew now/);
    expect(grantsAnswered.length).toBe(grants);
  });

  it('refuses the provider’s answer a second time, in words, and stores nothing', async () => {
    const tokens = await storedTokens(id);
    await admin.page.goto(callbackUrl);
    expect(await shown(admin.page)).toMatchObject({ heading: 'This Connect has already finished' });
    expect((await shown(admin.page)).text).toContain('Back to the vault');
    expect(await admin.page.getByRole('link', { name: 'Back to the vault' }).getAttribute('href')).toBe('/vault');
    expect(await storedTokens(id)).toBe(tokens);
    expect(grantsAnswered).toEqual(['authorization_code', 'refresh_token']);
  });

  it('refuses a state older than 10 minutes, and one another user started', async () => {
    const connectedBefore = (await actions(id)).filter((a) => a === 'vault.connected').length;
    const tokens = await storedTokens(id);

    const late = (await connectUrl(id, admin.cookie)).searchParams.get('state') ?? '';
    clock.advance(10 * 60_000 + 1000);
    await admin.page.goto(`${kw.baseUrl}/vault/oauth2/callback?state=${late}&code=some-code`);
    const expired = await shown(admin.page);
    expect(expired.heading).toBe('This Connect took too long');
    expect(expired.text).toMatch(/waits 10 minutes/);

    const otherCookie = await kw.userWith([Permission.VAULT_MANAGE]);
    const theirs = (await connectUrl(id, otherCookie)).searchParams.get('state') ?? '';
    const response = await admin.page.goto(`${kw.baseUrl}/vault/oauth2/callback?state=${theirs}&code=some-code`);
    expect(response?.status()).toBe(403);
    expect(await shown(admin.page)).toMatchObject({ heading: 'This Connect was started by someone else' });

    await admin.page.goto(`${kw.baseUrl}/vault/oauth2/callback?state=${randomBytes(32).toString('base64url')}&code=some-code`);
    expect(await shown(admin.page)).toMatchObject({ heading: 'This Connect is not known to Keyward' });

    expect(await storedTokens(id)).toBe(tokens);
    expect((await actions(id)).filter((a) => a === 'vault.connected').length).toBe(connectedBefore);
    expect(grantsAnswered).toEqual(['authorization_code', 'refresh_token']);
  });

  it('says in the provider’s words when it gives no token for the code (a wrong client secret), and audits it', async () => {
    const wrong = await codeCredential(admin.cookie, 'Partner (wrong secret)');
    await kw.gql(
      'mutation($id: ID!, $input: VaultCredentialInput!) { updateVaultCredential(id: $id, input: $input) { id } }',
      { id: wrong, input: { oauth2: { clientSecret: 'not-the-secret-the-provider-has' } } },
      admin.cookie,
    );
    // The provider still knows this browser and its consent, so it sends it straight back.
    const response = await admin.page.goto((await connectUrl(wrong, admin.cookie)).toString());
    expect(response?.status()).toBe(502);
    const page = await shown(admin.page);
    expect(page.heading).toBe('The provider did not connect "Partner (wrong secret)"');
    expect(page.text).toMatch(/gave Keyward no token for the code: the token URL answered HTTP 401: invalid_client/);
    expect(page.text).not.toContain('not-the-secret-the-provider-has');
    expect(await storedTokens(wrong)).toBeNull();
    expect(await actions(wrong)).toContain('vault.connect_failed');
  });

  it('says so when the person cancels at the provider, and audits a failed connect', async () => {
    // A new browser: no session at the provider yet, so it shows its sign-in page and its Cancel link.
    const fresh = await signedInBrowser();
    const other = await codeCredential(fresh.cookie, 'Partner (cancelled)');
    await fresh.page.goto((await connectUrl(other, fresh.cookie)).toString());
    await fresh.page.getByRole('link', { name: '[ Cancel ]' }).click();
    await fresh.page.getByRole('heading', { level: 1 }).waitFor();
    const page = await shown(fresh.page);
    expect(page.heading).toBe('The provider did not connect "Partner (cancelled)"');
    expect(page.text).toContain('access_denied — End-User aborted interaction');
    expect(await storedTokens(other)).toBeNull();
    const [failed] = await kw.sql<{ changes: Record<string, { to: string }> }>(
      `select changes from audit_event where action = 'vault.connect_failed' and target_id = ?`,
      [other],
    );
    expect(failed.changes.reason.to).toContain('access_denied');
    await fresh.context.close();
  });

  it('shows a provider’s words as text, and asks a browser that is not signed in to sign in', async () => {
    const state = (await connectUrl(id, admin.cookie)).searchParams.get('state') ?? '';
    const words = encodeURIComponent('<img src=x onerror=alert(1)> no');
    await admin.page.goto(`${kw.baseUrl}/vault/oauth2/callback?state=${state}&error=server_error&error_description=${words}`);
    expect((await shown(admin.page)).text).toContain('server_error — <img src=x onerror=alert(1)> no');
    expect(await admin.page.locator('img').count()).toBe(0);

    const { page, context } = await openPage(browser);
    await page.goto(`${kw.baseUrl}/vault/oauth2/callback?state=${state}&code=some-code`);
    expect(await shown(page)).toMatchObject({ heading: 'Sign in to Keyward first' });
    await context.close();
  });

  it('is refused for a credential that does not use the authorization code grant, and to someone without VAULT_MANAGE', async () => {
    const created = await kw.gql(
      'mutation($input: VaultCredentialInput!) { createVaultCredential(input: $input) { id } }',
      {
        input: {
          name: 'Partner key',
          type: 'API_KEY',
          contactEmails: ['integrations@example.com'],
          apiKey: { key: `k_${randomBytes(16).toString('hex')}` },
        },
      },
      admin.cookie,
    );
    const refused = await kw.gql(CONNECT, { id: created.data?.createVaultCredential.id }, admin.cookie);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
    expect(refused.errors?.[0].message).toMatch(/Only OAUTH2 credentials with the authorization code grant are connected/);

    const noRight = await kw.gql(CONNECT, { id }, await kw.userWith([Permission.VAULT_ADMINISTRATION]));
    expect(noRight.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
