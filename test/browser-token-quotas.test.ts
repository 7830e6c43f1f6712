import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

// docs/token-service.md#quotas: the tenant's defaults in Security → Tenant limits, a client's own on its page.
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

describe('token quotas in the SPA', () => {
  it('sets the tenant defaults under Tenant limits; emptying a field removes the quota', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
    const limits = page.getByRole('region', { name: 'Tenant limits' });
    const perHour = limits.getByLabel('Tokens per hour (each client)');
    await perHour.waitFor();
    expect(await perHour.inputValue()).toBe('');
    expect(await limits.getByLabel('Max active tokens per credential').inputValue()).toBe('');
    expect(await limits.getByLabel('Past a quota').inputValue()).toBe('ENFORCE');

    await limits.getByLabel('Max active tokens per credential').fill('0');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await expect
      .poll(() => limits.locator('#quota-max-active-tokens-error').textContent())
      .toContain('Max active tokens per credential must be a whole number from 1 to 100,000; 0 is outside that range.');

    await limits.getByLabel('Max active tokens per credential').fill('10');
    await perHour.fill('500');
    await limits.getByLabel('Past a quota').selectOption('MONITOR');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByRole('status').getByText('Saved.').waitFor();
    const tenant = async () =>
      (await kw.gql('{ viewer { tenant { tokensPerHour tokensPerDay tokenQuotaMode maxActiveTokensPerCredential } } }', {}, admin)).data
        ?.viewer.tenant;
    expect(await tenant()).toEqual({ tokensPerHour: 500, tokensPerDay: null, tokenQuotaMode: 'MONITOR', maxActiveTokensPerCredential: 10 });

    await perHour.fill('');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByRole('status').getByText('Saved.').waitFor();
    expect(await tenant()).toEqual({
      tokensPerHour: null,
      tokensPerDay: null,
      tokenQuotaMode: 'MONITOR',
      maxActiveTokensPerCredential: 10,
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("sets a client's own quotas on its page; empty fields take the tenant's default", async () => {
    const { id } = await kw.apiClient(admin, { name: 'Chatty integration' });
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`${kw.baseUrl}/clients/${id}`);
    const perDay = page.getByLabel('Tokens per day');
    await perDay.waitFor();
    expect(await perDay.inputValue()).toBe('');
    expect(await page.locator('#client-tokens-per-day-help').textContent()).toContain("empty = the tenant's default");
    expect(await page.getByLabel('Past a quota').inputValue()).toBe('');

    await page.getByLabel('Tokens per hour').fill('1.5');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.locator('#client-tokens-per-hour-error').textContent())
      .toBe("Enter tokens per hour as a whole number, or leave it empty for the tenant's default.");

    await page.getByLabel('Tokens per hour').fill('5');
    await perDay.fill('100');
    await page.getByLabel('Past a quota').selectOption('ENFORCE');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const client = async () =>
      (
        await kw.gql(
          'query($id: ID!) { apiClient(id: $id) { tokensPerHour tokensPerDay tokenQuotaMode maxActiveTokensPerCredential } }',
          { id },
          admin,
        )
      ).data?.apiClient;
    expect(await client()).toEqual({ tokensPerHour: 5, tokensPerDay: 100, tokenQuotaMode: 'ENFORCE', maxActiveTokensPerCredential: null });

    // Shown again after a reload, and emptied back to the tenant's default.
    await page.reload();
    await perDay.waitFor();
    expect(await perDay.inputValue()).toBe('100');
    await perDay.fill('');
    await page.getByLabel('Past a quota').selectOption('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(await client()).toEqual({ tokensPerHour: 5, tokensPerDay: null, tokenQuotaMode: null, maxActiveTokensPerCredential: null });
    expect(problems).toEqual([]);
    await context.close();
  });
});
