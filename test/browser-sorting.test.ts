import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

let kw: TestKeyward;
let browser: Browser;

const CREATE_CLIENT = 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }';

beforeAll(async () => {
  kw = await startKeyward();
  browser = await launchChromium();
  const admin = await kw.login();
  // Created in this order: the list starts newest first, so "delta" is on top.
  for (const name of ['bravo', 'Alpha', 'charlie', 'delta']) {
    const result = await kw.gql(CREATE_CLIENT, { input: { name, contactEmails: ['ops@example.com'] } }, admin);
    expect(result.errors).toBeUndefined();
  }
  await kw.sql("update api_client set last_used_at = now() - interval '1 hour' where name = 'charlie'");
  await kw.sql("update api_client set last_used_at = now() - interval '1 day' where name = 'Alpha'");
  const day = 24 * 60 * 60 * 1000;
  for (const [name, days] of [
    ['weekly', 40],
    ['Archive', 200],
    ['nightly', 90],
  ] as const) {
    const expiresAt = new Date(Date.now() + days * day).toISOString();
    const result = await kw.gql(
      'mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token } }',
      { input: { name, expiresAt } },
      admin,
    );
    expect(result.errors).toBeUndefined();
  }
  for (const [name, email] of [
    ['Zoe', 'a.zoe@example.com'],
    ['Adam', 'z.adam@example.com'],
  ]) {
    const result = await kw.gql(CREATE_USER, { input: { name, email, teamIds: [] } }, admin);
    expect(result.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

async function firstColumn(table: Locator): Promise<string[]> {
  return table.locator('tbody tr td:first-child').allTextContents();
}

async function sortBy(table: Locator, column: string) {
  await table.getByRole('button', { name: column, exact: true }).click();
}

async function clientNames(page: Page): Promise<string[]> {
  return (await firstColumn(page.getByRole('table'))).map((text) => text.trim());
}

describe('lists in Chromium sort by a column header', () => {
  it('sorts the client list by name both ways and by last use, through the API, and says so in aria-sort', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const table = page.getByRole('table');
    await expect.poll(() => clientNames(page)).toEqual(['delta', 'charlie', 'Alpha', 'bravo']);
    const nameHeader = table.getByRole('columnheader', { name: 'Name' });
    expect(await nameHeader.getAttribute('aria-sort')).toBeNull();

    await sortBy(table, 'Name');
    await expect.poll(() => clientNames(page)).toEqual(['Alpha', 'bravo', 'charlie', 'delta']);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');

    await sortBy(table, 'Name');
    await expect.poll(() => clientNames(page)).toEqual(['delta', 'charlie', 'bravo', 'Alpha']);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');

    await sortBy(table, 'Last used');
    // The never used come last, in the order of their ids.
    await expect.poll(async () => (await clientNames(page)).slice(0, 2)).toEqual(['charlie', 'Alpha']);
    expect(new Set((await clientNames(page)).slice(2))).toEqual(new Set(['delta', 'bravo']));
    expect(await table.getByRole('columnheader', { name: 'Last used' }).getAttribute('aria-sort')).toBe('descending');
    expect(await nameHeader.getAttribute('aria-sort')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('sorts the users of the tenant by name and by email', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Security' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    const names = async () => (await firstColumn(users)).map((text) => text.replace(' (you)', '').trim());
    await expect.poll(names).toHaveLength(3);

    await sortBy(users, 'Name');
    await expect.poll(names).toEqual(['Adam', 'Administrator', 'Zoe']);
    await sortBy(users, 'Email');
    expect(await names()).toEqual(['Zoe', 'Administrator', 'Adam']);
    await sortBy(users, 'Email');
    expect(await names()).toEqual(['Adam', 'Administrator', 'Zoe']);
    expect(problems).toEqual([]);
  });

  it("sorts the viewer's API keys by name and by expiry", async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^My API keys/ })
      .click();
    const keys = page.getByRole('table', { name: 'My API keys' });
    const names = async () => (await firstColumn(keys)).map((text) => text.trim());
    await expect.poll(names).toHaveLength(3);

    await sortBy(keys, 'Expires');
    await expect.poll(names).toEqual(['weekly', 'nightly', 'Archive']);
    await sortBy(keys, 'Expires');
    expect(await names()).toEqual(['Archive', 'nightly', 'weekly']);
    await sortBy(keys, 'Name');
    expect(await names()).toEqual(['Archive', 'nightly', 'weekly']);
    expect(await keys.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('ascending');
    expect(problems).toEqual([]);
  });
});
