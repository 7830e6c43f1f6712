import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

// The partner's API: it answers only requests carrying its key in its own header, as a real partner API does.
const PARTNER_HEADER = 'X-Partner-Key';
const PARTNER_KEY = `pk_live_${randomBytes(12).toString('hex')}`;
const WRONG_KEY = `pk_live_${randomBytes(12).toString('hex')}`;
const HINT = `${PARTNER_HEADER}: ••••${PARTNER_KEY.slice(-4)}`;

let kw: TestKeyward;
let browser: Browser;
let admin: string;
let partner: Server;
let partnerOrigin: string;
let partnerUrl: string;
/** The keys the partner was called with, in order. */
const keysSeen: (string | undefined)[] = [];

beforeAll(async () => {
  partner = createServer((request, response) => {
    // The provider's sign-in page, where Connect sends the person.
    if (request.url?.startsWith('/authorize')) {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Partner sign-in</title><link rel="icon" href="data:,"><h1>Partner sign-in</h1>');
      return;
    }
    const key = request.headers[PARTNER_HEADER.toLowerCase()];
    keysSeen.push(typeof key === 'string' ? key : undefined);
    if (key === PARTNER_KEY) response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    else response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Invalid API credentials"}');
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  partnerOrigin = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  partnerUrl = `${partnerOrigin}/v1/me`;
  // The partner runs on loopback over plain http, which Keyward calls only when told it may.
  kw = await startKeyward({ env: { KEYWARD_OUTBOUND_ALLOW_PRIVATE: 'true' } });
  admin = await kw.login();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
  await new Promise((resolve) => partner?.close(resolve));
});

async function storedNames(): Promise<string[]> {
  const result = await kw.gql('{ vaultCredentials { name } }', {}, admin);
  return result.data?.vaultCredentials.map((c: { name: string }) => c.name);
}

async function openVault(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vault' }).click();
  await page.getByRole('heading', { name: 'Vault', level: 1 }).waitFor();
}

/** A user whose only team grants `permissions`, signed in in a page of their own. */
async function signedInAs(permissions: Permission[]) {
  const email = `vault-${randomBytes(4).toString('hex')}@example.com`;
  await kw.userWith(permissions, { email });
  const opened = await openPage(browser);
  await signIn(opened.page, kw.baseUrl, email, USER_PASSWORD);
  return opened;
}

describe('The Vault page', () => {
  it('adds an API key credential tested before saving, shows only its masked hint, tests it from its row, edits it keeping the key, and deletes it', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openVault(page);
    expect(await page.locator('main').textContent()).toContain('There are no credentials in the vault yet.');
    expect(await page.locator('main').textContent()).toContain('credentials your integrations use to call other services');

    const add = page.getByRole('button', { name: 'Add credential' });
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add vault credential' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Type').inputValue()).toBe('API_KEY');
    expect(await dialog.getByLabel('Type').locator('option').allTextContents()).toEqual([
      'API key',
      'OAuth 2.0 client',
      'Bearer token',
      'User name and password',
      'Custom headers',
    ]);
    await dialog.getByLabel('Name', { exact: true }).fill('Partner orders API');
    await dialog.getByLabel('Header name').fill(PARTNER_HEADER);
    await dialog.getByLabel('Test URL').fill(partnerUrl);
    // The signed-in person is the first contact.
    expect(await dialog.locator('.chip-text').allTextContents()).toEqual([ADMIN_EMAIL]);
    const result = dialog.getByRole('status', { name: 'Test result' });

    // Test with no key: the API's refusal lands on the key's field (it names apiKey.key), which gets focus.
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    const keyError = dialog.locator('#vault-apikey-key-error');
    await keyError.waitFor();
    expect(await keyError.textContent()).toBe('The API key is required.');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('vault-apikey-key');
    expect(await dialog.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');
    expect(keysSeen).toEqual([]);

    // A wrong key: the partner refuses it, and the dialog says so with its status and reason, in the live region.
    await dialog.getByLabel('API key').fill(WRONG_KEY);
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    await result.getByText('Failed', { exact: true }).waitFor();
    expect(await result.textContent()).toContain('HTTP 401');
    expect(await result.textContent()).toContain('Invalid API credentials');
    expect(await result.textContent()).toMatch(/\d+ ms/);
    expect(keysSeen).toEqual([WRONG_KEY]);
    expect(await keyError.count()).toBe(0);

    // The right key passes; nothing has been saved yet.
    await dialog.getByLabel('API key').fill(PARTNER_KEY);
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    await result.getByText('Works', { exact: true }).waitFor();
    expect(await result.textContent()).toContain('HTTP 200');
    expect(await result.textContent()).toContain('the credential works');
    expect(keysSeen).toEqual([WRONG_KEY, PARTNER_KEY]);
    expect(await storedNames()).toEqual([]);

    await dialog.getByRole('button', { name: 'Add credential' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const table = page.getByRole('table', { name: 'Vault credentials' });
    const row = table.locator('tbody tr').filter({ hasText: 'Partner orders API' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 7)).toEqual(['Partner orders API', 'API key', HINT, 'Valid', 'Never', 'Does not renew', 'Does not expire']);
    // The key is nowhere in the page, nor in what the browser holds of it.
    expect(await page.content()).not.toContain(PARTNER_KEY);
    expect(await page.content()).not.toContain(WRONG_KEY);

    // Test from the row: the stored key is used, and the outcome appears under the row.
    await row.getByRole('button', { name: 'Test Partner orders API' }).click();
    const rowResult = page.getByRole('status', { name: 'Test of Partner orders API' });
    await rowResult.getByText('Works', { exact: true }).waitFor();
    expect(await rowResult.textContent()).toContain('HTTP 200');
    expect(keysSeen.at(-1)).toBe(PARTNER_KEY);

    // Edit: the key's input is empty, says a blank keeps it and shows the masked current value; the type cannot change.
    await row.getByRole('button', { name: 'Edit Partner orders API' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Partner orders API' });
    await edit.waitFor();
    expect(await edit.getByLabel('Type').count()).toBe(0);
    expect(await edit.textContent()).toContain('API key');
    const keyInput = edit.getByLabel('API key');
    expect(await keyInput.inputValue()).toBe('');
    expect(await keyInput.getAttribute('placeholder')).toBe('leave blank to keep');
    expect(await edit.locator('#vault-apikey-key-help').textContent()).toBe(
      `Current value: ${HINT}. Leave blank to keep it. As the service gave it.`,
    );
    expect(await edit.getByLabel('Header name').inputValue()).toBe(PARTNER_HEADER);
    expect(await edit.getByLabel('Test URL').inputValue()).toBe(partnerUrl);
    await edit.getByLabel('Description').fill('Orders sync with the partner.');
    // Test before saving, key left blank: the stored key is the one tried.
    const seenBefore = keysSeen.length;
    await edit.getByRole('button', { name: 'Test', exact: true }).click();
    await edit.getByRole('status', { name: 'Test result' }).getByText('Works', { exact: true }).waitFor();
    expect(keysSeen.slice(seenBefore)).toEqual([PARTNER_KEY]);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await row.getByText('Orders sync with the partner.').waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe(HINT);
    // Still works with the kept key.
    await row.getByRole('button', { name: 'Test Partner orders API' }).click();
    await expect.poll(() => keysSeen.length).toBe(seenBefore + 2);
    await rowResult.getByText('Works', { exact: true }).waitFor();
    expect(keysSeen.at(-1)).toBe(PARTNER_KEY);
    expect(await page.content()).not.toContain(PARTNER_KEY);

    // Delete asks first, naming the credential; then the row is gone.
    await row.getByRole('button', { name: 'Delete Partner orders API' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Partner orders API' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Delete the vault credential “Partner orders API”');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => table.count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('There are no credentials in the vault yet.');
    expect(await storedNames()).toEqual([]);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the list without Add, Edit, Test or Delete to a viewer with Vault Administration only, and no Vault to one with neither', async () => {
    const created = await kw.gql(
      'mutation($input: VaultCredentialInput!) { createVaultCredential(input: $input) { id } }',
      {
        input: {
          name: 'Shipping partner',
          type: 'API_KEY',
          contactEmails: ['ops@example.com'],
          apiKey: { key: PARTNER_KEY, name: PARTNER_HEADER },
          testUrl: partnerUrl,
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();

    const reader = await signedInAs([Permission.VAULT_ADMINISTRATION]);
    await openVault(reader.page);
    const row = reader.page.getByRole('table', { name: 'Vault credentials' }).locator('tbody tr').filter({ hasText: 'Shipping partner' });
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe(HINT);
    const buttons = await reader.page.locator('main').getByRole('button').allTextContents();
    for (const action of ['Add credential', 'Edit', 'Delete', 'Test', 'Renew now']) expect(buttons).not.toContain(action);
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: 'Add credential' }).count()).toBe(0);
    expect(reader.problems).toEqual([]);
    await reader.context.close();

    const other = await signedInAs([Permission.CLIENT_ADMINISTRATION, Permission.SECURITY_ADMINISTRATION]);
    const menu = other.page.getByRole('navigation', { name: 'Main' });
    await menu.getByRole('link', { name: 'Security' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Vault' }).count()).toBe(0);
    await other.context.close();
  });

  it('connects an authorization code credential by sending the person to the provider’s sign-in, and says so when they are back', async () => {
    const created = await kw.gql(
      'mutation($input: VaultCredentialInput!) { createVaultCredential(input: $input) { id } }',
      {
        input: {
          name: 'Partner on behalf of a user',
          type: 'OAUTH2',
          contactEmails: ['ops@example.com'],
          oauth2: {
            grant: 'AUTHORIZATION_CODE',
            tokenUrl: `${partnerOrigin}/token`,
            authorizationUrl: `${partnerOrigin}/authorize`,
            clientId: 'keyward-connect',
            scopes: ['orders.read', 'offline_access'],
          },
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data?.createVaultCredential.id;

    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openVault(page);
    const row = page
      .getByRole('table', { name: 'Vault credentials' })
      .locator('tbody tr')
      .filter({ hasText: 'Partner on behalf of a user' });
    await row.waitFor();
    // Connect is for the authorization code grant only: the client credentials grant needs no person.
    expect(await page.getByRole('button', { name: /^Connect / }).count()).toBe(1);
    await row.getByRole('button', { name: 'Connect Partner on behalf of a user' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${partnerOrigin}/authorize?`));
    await page.getByRole('heading', { name: 'Partner sign-in' }).waitFor();
    const authorize = new URL(page.url());
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'keyward-connect',
      redirect_uri: `${kw.baseUrl}/vault/oauth2/callback`,
      scope: 'orders.read offline_access',
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/);

    // The callback's way back (test/vault-connect.test.ts runs the whole exchange with a real provider).
    await page.goto(`${kw.baseUrl}/vault?connected=${id}`);
    await page.getByRole('status').getByText('“Partner on behalf of a user” is connected').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
