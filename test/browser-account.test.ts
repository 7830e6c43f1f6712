import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

const API_KEY = /^kwpat_[0-9A-Za-z]{49}$/;
/** The labels of docs/permissions.md#the-permissions (the seven, SECURITY_ADMINISTRATION's, the vault's two): the administrator holds them all. */
const PERMISSION_LABELS = [
  'Security Client Administration',
  'Security Create New Client',
  'Security Edit Clients',
  'Security Remove Clients',
  'Security Client Secret Administration',
  'Security Create New Client Secret',
  'Security Remove Client Secrets',
  'Security Administration',
  'Vault Administration',
  'Vault Manage Credentials',
];
const ANY_API_KEY = /kwpat_[0-9A-Za-z]{49}/;

let kw: TestKeyward;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

/** `viewer` with the key as Bearer: its HTTP-level answer, as a script would see it. */
async function viewerWithKey(key: string): Promise<{ name?: string; code?: string }> {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ viewer { actor { displayName } } }' }),
  });
  const body = (await response.json()) as any;
  return body.data ? { name: body.data.viewer.actor.displayName } : { code: body.errors[0].extensions.code };
}

/** What the key may do, as a script using it would see. */
async function permissionsWithKey(key: string): Promise<string[]> {
  const response = await fetch(`${kw.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ viewer { permissions } }' }),
  });
  return ((await response.json()) as any).data.viewer.permissions;
}

describe('My API keys in Chromium', () => {
  it('creates a key with chosen permissions, shown once (masked, then revealed), lists it, regenerates it and revokes it', async () => {
    const { page, context, problems } = await openPage(browser, { clipboard: true });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My API keys' }).click();
    await page.getByRole('heading', { name: 'My API keys', level: 1 }).waitFor();
    await page.getByText('You have no API keys yet.').waitFor();

    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    // One checkbox per permission the viewer holds; all ticked but Security Administration, which is chosen only by hand.
    const permissions = dialog.getByRole('group', { name: 'Permissions' });
    expect(await permissions.locator('label').allTextContents()).toEqual(PERMISSION_LABELS);
    const ticks = await Promise.all((await permissions.getByRole('checkbox').all()).map((box) => box.isChecked()));
    expect(ticks).toEqual([true, true, true, true, true, true, true, false, true, true]);
    await dialog.getByRole('button', { name: 'Create' }).click();
    // The API's message, shown at the field it names.
    await dialog.locator('#apikey-name-error', { hasText: 'Name is required: give the key a name' }).waitFor();
    await dialog.getByLabel('Name').fill('ERP integration');
    // A subset: reading clients and their secrets only.
    for (const label of [...PERMISSION_LABELS.slice(1, 4), ...PERMISSION_LABELS.slice(5, 7), ...PERMISSION_LABELS.slice(8)]) {
      await permissions.getByRole('checkbox', { name: label, exact: true }).uncheck();
    }
    await dialog.getByRole('button', { name: 'Create' }).click();

    const field = dialog.getByLabel('API key', { exact: true });
    await field.waitFor();
    expect(await field.inputValue()).toMatch(/^•+$/);
    expect(await page.content()).not.toMatch(ANY_API_KEY);
    await dialog.getByRole('button', { name: 'Show API key' }).click();
    const key = await field.inputValue();
    expect(key).toMatch(API_KEY);
    await dialog.getByRole('button', { name: 'Copy API key' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(key);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.content()).not.toContain(key);

    const row = page.locator('tbody tr', { hasText: 'ERP integration' });
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['ERP integration', `kwpat_…${key.slice(-4)}`]);
    expect(await row.locator('td').nth(2).locator('li').allTextContents()).toEqual([
      'Security Client Administration',
      'Security Client Secret Administration',
    ]);
    expect(cells[5]).toBe('Never');
    expect(cells[6]).toBe('Valid');
    expect(await viewerWithKey(key)).toEqual({ name: 'Administrator <admin@example.com> via API key ERP integration' });
    expect(await permissionsWithKey(key)).toEqual(['CLIENT_ADMINISTRATION', 'SECRET_ADMINISTRATION']);
    await page.reload();
    await expect.poll(async () => (await row.locator('td').allTextContents())[5]).toMatch(/from 127\.0\.0\.1/);

    // Regenerate: a new value, shown once; the old one stops at once.
    await row.getByRole('button', { name: 'Regenerate ERP integration' }).click();
    const confirm = page.getByRole('dialog', { name: 'Regenerate API key' });
    await confirm.getByRole('button', { name: 'Regenerate' }).click();
    await confirm.getByRole('button', { name: 'Show API key' }).click();
    const renewed = await confirm.getByLabel('API key', { exact: true }).inputValue();
    expect(renewed).toMatch(API_KEY);
    expect(renewed).not.toBe(key);
    await confirm.getByRole('button', { name: 'Continue' }).click();
    expect(await viewerWithKey(key)).toEqual({ code: 'UNAUTHENTICATED' });
    expect((await viewerWithKey(renewed)).name).toMatch(/via API key ERP integration$/);

    // Revoke.
    await row.getByRole('button', { name: 'Revoke ERP integration' }).click();
    await page.getByRole('dialog', { name: 'Revoke API key' }).getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(async () => (await row.locator('td').allTextContents())[6]).toBe('Revoked');
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await viewerWithKey(renewed)).toEqual({ code: 'UNAUTHENTICATED' });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('A temporary password in Chromium', () => {
  it('must be changed at first sign-in before anything else, then the app opens with the user’s permissions', async () => {
    const team = await kw.gql(
      'mutation { createTeam(input: { name: "Readers", permissions: [CLIENT_ADMINISTRATION] }) { id } }',
      {},
      admin,
    );
    const created = await kw.gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { temporaryPassword } }',
      { input: { email: 'newcomer@example.com', name: 'New Comer', teamIds: [team.data?.createTeam.id] } },
      admin,
    );
    const temporary = created.data?.createUser.temporaryPassword;
    expect(temporary).toBeTruthy();

    const { page, context, problems } = await openPage(browser);
    await page.goto(`${kw.baseUrl}/`);
    await page.getByLabel('Email').fill('newcomer@example.com');
    await page.getByLabel('Password').fill(temporary);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

    await page.getByLabel('Current password').fill(temporary);
    await page.getByLabel('New password', { exact: true }).fill('a-brand-new-password-42');
    await page.getByLabel('New password again').fill('a-brand-new-password-4');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The two new passwords differ').waitFor();
    await page.getByLabel('New password again').fill('a-brand-new-password-42');
    await page.getByRole('button', { name: 'Change password' }).click();

    await page.getByRole('heading', { name: 'API Clients' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'API Clients',
      'Audit trail',
      'My API keys',
    ]);
    // The temporary password no longer signs in; the new one does.
    const login = (password: string) =>
      fetch(`${kw.baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'newcomer@example.com', password }),
      }).then((r) => r.status);
    expect(await login(temporary)).toBe(401);
    expect(await login('a-brand-new-password-42')).toBe(200);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('My account in Chromium', () => {
  it('lists this browser’s and another browser’s sessions, and “Sign out everywhere else” ends the other one at once', async () => {
    const other = await openPage(browser);
    await signIn(other.page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);

    await page.getByRole('link', { name: 'Administrator <admin@example.com>' }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    const sessions = page.locator('tbody tr');
    await expect.poll(() => sessions.count()).toBeGreaterThanOrEqual(2);
    expect(await sessions.filter({ hasText: 'This browser' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await expect.poll(() => sessions.count()).toBe(1);
    expect(await sessions.first().textContent()).toContain('This browser');

    // The other browser's next step finds its session gone and lands on the sign-in page.
    await other.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My API keys' }).click();
    await other.page.getByRole('button', { name: 'Sign in' }).waitFor();
    // This one still works.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Clients' }).click();
    await page.getByRole('heading', { name: 'API Clients' }).waitFor();
    const [event] = await kw.sql<{ n: string }>("select count(*) as n from audit_event where action = 'auth.session_revoked'");
    expect(Number(event.n)).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
    await other.context.close();
    await context.close();
  });
});
