import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

let kw: TestKeyward;
let browser: Browser;

beforeAll(async () => {
  kw = await startKeyward();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

describe('the admin SPA in Chromium', () => {
  it('lets the bootstrap admin create, find, edit, disable and delete an API client', async () => {
    const { page, problems } = await openPage(browser, { expected: [/status of 401/] });
    const response = await page.goto(`${kw.baseUrl}/clients`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The email or password is not right. Check both and try again.');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'API Clients' }).waitFor();
    await expect.poll(() => page.getByText(/of 20 clients/).textContent()).toBe('0 of 20 clients');

    // Create, with the live client-ID preview and the API's own error message.
    await page.getByRole('link', { name: 'Add API client' }).click();
    await page.getByLabel('Name').fill('Billing sync');
    await page.getByLabel('Identifier').fill('Billing');
    await page.getByLabel('Contact emails').fill('ops@example.com');
    await page.getByLabel('Contact emails').press('Enter');
    await page.getByRole('button', { name: 'Create API client' }).click();
    await expect
      .poll(() => page.locator('.field-error').first().textContent())
      .toBe(
        'Identifier "Billing" is not allowed: use 3 to 40 lowercase letters, digits or hyphens (for example "billing-sync"), or leave it empty for a random one.',
      );
    await page.getByLabel('Identifier').fill('billing-sync');
    await expect.poll(() => page.locator('#client-id-preview').textContent()).toContain('default-billing-sync');
    await page.getByLabel('Contact emails').fill('dev@example.com');
    await page.getByLabel('Contact emails').press('Enter');
    await page.getByLabel('orders:read').check();
    await page.getByRole('button', { name: 'Create API client' }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    expect(await page.getByLabel('Client ID', { exact: true }).inputValue()).toBe('default-billing-sync');
    expect(await page.locator('.chip-text').allTextContents()).toEqual(['ops@example.com', 'dev@example.com']);

    // Find it in the list.
    await page.getByRole('link', { name: 'API Clients' }).first().click();
    await page.getByLabel('Search').fill('billing');
    const row = page.locator('tbody tr', { hasText: 'default-billing-sync' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Billing sync[\s\S]*Enabled[\s\S]*orders:read/);
    await expect.poll(() => page.getByText(/of 20 clients/).textContent()).toBe('1 of 20 clients');

    // Edit and disable it.
    await page.getByRole('link', { name: 'Billing sync' }).click();
    await page.getByLabel('Name').fill('Billing sync (ERP)');
    await page.getByRole('switch', { name: 'Enabled' }).click();
    // Off for a new client; on, only tokens bound to a DPoP key or its certificate are given out.
    const senderConstrained = page.getByRole('checkbox', { name: "Only give out tokens bound to the client's key" });
    expect(await senderConstrained.isChecked()).toBe(false);
    await senderConstrained.check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const stored = await kw.gql(
      '{ apiClients(search: "billing-sync") { edges { node { name enabled requireSenderConstrainedTokens contactEmails scopes { name } } } } }',
      {},
      await kw.login(),
    );
    expect(stored.data?.apiClients.edges[0].node).toEqual({
      name: 'Billing sync (ERP)',
      enabled: false,
      requireSenderConstrainedTokens: true,
      contactEmails: ['ops@example.com', 'dev@example.com'],
      scopes: [{ name: 'orders:read' }],
    });
    await page.getByRole('link', { name: 'API Clients' }).first().click();
    await page.locator('tbody tr', { hasText: 'Disabled' }).waitFor();

    // Delete it, after confirming.
    await page.getByRole('link', { name: 'Billing sync (ERP)' }).click();
    await page.getByRole('button', { name: 'Delete API client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete API client' });
    expect(await dialog.textContent()).toContain('Delete Billing sync (ERP)?');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('There are no API clients yet.').waitFor();
    await expect.poll(() => page.getByText(/of 20 clients/).textContent()).toBe('0 of 20 clients');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hides Add from a user without CLIENT_CREATE, and edit and delete from one who may only look', async () => {
    await kw.gql(
      'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }',
      { input: { name: 'Read only target', contactEmails: ['ops@example.com'] } },
      await kw.login(),
    );
    await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email: 'viewer@example.com' });
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, 'viewer@example.com', USER_PASSWORD);
    await page.getByRole('link', { name: 'Read only target' }).waitFor();
    expect(await page.getByRole('link', { name: 'Add API client' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Read only target' }).click();
    await page.getByLabel('Name').waitFor();
    expect(await page.getByLabel('Name').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete API client' }).count()).toBe(0);

    await kw.userWith([Permission.CLIENT_CREATE, Permission.CLIENT_ADMINISTRATION], { email: 'creator@example.com' });
    const creator = await openPage(browser);
    await signIn(creator.page, kw.baseUrl, 'creator@example.com', USER_PASSWORD);
    await creator.page.getByRole('link', { name: 'Add API client' }).waitFor();
    expect([...problems, ...creator.problems]).toEqual([]);
  });
});
