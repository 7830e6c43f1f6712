import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../server/kernel/clock.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

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

/** `YYYY-MM-DD` of the UTC day `days` from today: the picker's days are UTC days. */
function utcDay(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A picked day as an English (en-US) page lists it: `2027-03-01` → "Mar 1, 2027 (UTC)". */
function listedDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${MONTHS[month - 1]} ${date}, ${year} (UTC)`;
}

/** How each time zone's name appears next to a time in an en-US browser. */
const ZONES = [
  { timezoneId: 'America/Los_Angeles', zone: /\bP[SD]T\b/ },
  { timezoneId: 'Asia/Tokyo', zone: /\bGMT\+9\b/ },
  { timezoneId: 'UTC', zone: /\bUTC\b/ },
];

/** The GraphQL requests that carry `operation`, counted as the page sends them. */
function countRequests(page: Page, operation: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/graphql') && request.postData()?.includes(operation)) count++;
  });
  return () => count;
}

async function openApiKeys(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My API keys' }).click();
  await page.getByRole('heading', { name: 'My API keys', level: 1 }).waitFor();
}

describe('times in Chromium, in any time zone', () => {
  for (const { timezoneId, zone } of ZONES) {
    it(`in ${timezoneId}, lists a key's and a secret's expiry as the day picked, and names the zone of every time`, async () => {
      const picked = utcDay(60);
      const created = await kw.gql(
        'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }',
        { input: { name: `Billing in ${timezoneId}`, contactEmails: ['ops@example.com'] } },
        admin,
      );
      expect(created.errors).toBeUndefined();
      const { page, context, problems } = await openPage(browser, { timezoneId, locale: 'en-US' });
      await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);

      await openApiKeys(page);
      const name = `Script in ${timezoneId}`;
      await page.getByRole('button', { name: 'Create API key' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create API key' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel('Expires').fill(picked);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByRole('button', { name: 'Continue' }).click();
      const row = page.locator('tbody tr', { hasText: name });
      const cells = row.locator('td');
      await expect.poll(() => cells.nth(4).textContent()).toBe(listedDay(picked));
      expect(await cells.nth(4).locator('time').getAttribute('dateTime')).toBe(`${picked}T00:00:00.000Z`);
      expect(await cells.nth(5).textContent()).toBe('Never');
      // "Created" is a moment: shown in the browser's zone, named, and in full with its zone on hover.
      expect(await cells.nth(3).textContent()).toMatch(zone);
      expect(await cells.nth(3).locator('time').getAttribute('title')).toMatch(zone);
      expect(await cells.nth(4).locator('time').getAttribute('title')).toMatch(/UTC/);

      await page.getByRole('link', { name: 'API Clients' }).first().click();
      await page.getByRole('link', { name: `Billing in ${timezoneId}` }).click();
      const section = page.getByRole('region', { name: 'Manage Secrets' });
      await section.getByRole('button', { name: 'Add credential' }).click();
      const add = page.getByRole('dialog', { name: 'Add credential' });
      await add.getByLabel('Expires').fill(picked);
      await add.getByRole('button', { name: 'Create' }).click();
      await add.getByRole('button', { name: 'Continue' }).click();
      const secretRow = section.locator('tbody tr').first();
      await expect.poll(() => secretRow.locator('td').nth(4).locator('time').textContent()).toBe(listedDay(picked));
      expect(await secretRow.locator('td').nth(4).textContent()).toContain('in 60 days');
      expect(await secretRow.locator('td').nth(3).locator('time').getAttribute('title')).toMatch(zone);

      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('refuses a typed day past the picker’s last day or before its first, naming that day, and sends nothing', async () => {
    const { page, context, problems } = await openPage(browser, { timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    const creates = countRequests(page, 'createPersonalApiKey');
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openApiKeys(page);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByLabel('Name').fill('Too far');
    const expires = dialog.getByLabel('Expires');
    expect(await expires.getAttribute('max')).toBe(utcDay(365));

    await expires.fill(utcDay(400));
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => dialog.locator('.field-error').textContent())
      .toBe(`The expiry day is more than 365 days ahead, the longest allowed. Choose ${listedDay(utcDay(365))} or earlier.`);
    expect(await expires.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('apikey-expires');

    await expires.fill(utcDay(0));
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => dialog.locator('.field-error').textContent())
      .toBe(`The expiry day must be in the future. Choose ${listedDay(utcDay(1))} or later.`);
    expect(creates()).toBe(0);

    // The last day itself is sent, and kept.
    await expires.fill(utcDay(365));
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    expect(creates()).toBe(1);
    await expect
      .poll(() => page.locator('tbody tr', { hasText: 'Too far' }).locator('td').nth(4).textContent())
      .toBe(listedDay(utcDay(365)));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the API’s own refusal of an expiry on the field, when the tenant’s maximum shrank after the form opened', async () => {
    const { page, context, problems } = await openPage(browser, { timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openApiKeys(page);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByLabel('Name').fill('Refused by the API');
    await dialog.getByLabel('Expires').fill(utcDay(60));
    const lower = await kw.gql('mutation { updateTenantSettings(input: { maxCredentialLifetimeDays: 30 }) { id } }', {}, admin);
    expect(lower.errors).toBeUndefined();
    try {
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect
        .poll(() => dialog.locator('#apikey-expires-error').textContent())
        .toMatch(/^The expiry date is more than 30 days ahead, .*Choose \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC or earlier/);
      expect(await dialog.locator('#apikey-expires-error').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T|expiresAt/);
      await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('apikey-expires');
    } finally {
      const restore = await kw.gql('mutation { updateTenantSettings(input: { maxCredentialLifetimeDays: 365 }) { id } }', {}, admin);
      expect(restore.errors).toBeUndefined();
    }
    expect(await kw.sql('select id from personal_api_key where name = ?', ['Refused by the API'])).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('marks a key that expires within 14 days, names it in a notice at the top of My API keys and counts it in the menu', async () => {
    const expiresAt = new Date(Date.now() + 5 * DAY_MS);
    const created = await kw.gql(
      'mutation($input: CreatePersonalApiKeyInput!) { createPersonalApiKey(input: $input) { token } }',
      { input: { name: 'Nightly export', expiresAt: expiresAt.toISOString() } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const { page, context, problems } = await openPage(browser, { timezoneId: 'Asia/Tokyo', locale: 'en-US' });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Every page's menu counts it, before My API keys is opened.
    const menuEntry = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My API keys/ });
    await expect.poll(() => menuEntry.textContent()).toBe('My API keys 1 expiring');
    await openApiKeys(page);

    const notice = page.getByRole('status', { name: 'API keys expiring soon' });
    await expect
      .poll(() => notice.textContent())
      .toBe(
        `Your API key “Nightly export” expires on ${listedDay(expiresAt.toISOString().slice(0, 10))}. Create a new key and switch your scripts to it before then.`,
      );
    const row = page.locator('tbody tr', { hasText: 'Nightly export' });
    expect(await row.locator('td').nth(4).locator('.badge').textContent()).toBe('in 5 days');
    expect(await row.locator('td').nth(4).locator('.badge').getAttribute('class')).toContain('badge-danger');
    // Keys 60 days and a year away are neither marked nor named.
    for (const far of await page.locator('tbody tr', { hasText: 'Script in' }).all()) {
      expect(await far.locator('.badge', { hasText: /^in \d+ days$/ }).count()).toBe(0);
    }
    expect(await notice.textContent()).not.toContain('Script in');
    expect(problems).toEqual([]);
    await context.close();
  });
});
