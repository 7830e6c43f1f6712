import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

// docs/usage-findings.md in the SPA: the Unused credentials section of Expiring soon, and its setting under Security.
const clock = new ManualClock(new Date());
let kw: TestKeyward;
let browser: Browser;

beforeAll(async () => {
  kw = await startKeyward({ clock });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

describe('unused credentials in Chromium', () => {
  it('lists a never-used secret past the threshold on Expiring soon, and the threshold is set under Security', async () => {
    let admin = await kw.login();
    const threshold = await kw.gql(
      'mutation { updateTenantSettings(input: { unusedCredentialDays: 2 }) { unusedCredentialDays } }',
      {},
      admin,
    );
    expect(threshold.errors).toBeUndefined();
    const idle = await kw.clientWithSecret(admin, {
      client: { name: 'Idle sync' },
      expiresAt: new Date(clock.now().getTime() + 200 * DAY_MS),
    });
    clock.advance(3 * DAY_MS);
    // Sessions follow the clock: sign in afresh.
    admin = await kw.login();

    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Expiring soon' }).click();
    const section = page.getByRole('region', { name: 'Unused credentials' });
    await section.getByText('not used to obtain a token for 2 days or more').waitFor();
    const rows = section.getByRole('table', { name: 'Unused secrets and certificates' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('td').allTextContents()).toEqual([
      `Idle sync${idle.clientId}`,
      'Client secret',
      expect.stringContaining(`kwcs_…${idle.secret.slice(-4)}`),
      expect.stringMatching(/^Never \(created .+\)$/),
      '3 days',
      'Enabled',
    ]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
    const form = page.getByRole('form', { name: 'Unused credentials' });
    const days = form.getByLabel('Unused after (days)');
    await days.fill('4000');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('from 1 to 3650').waitFor();
    await days.fill('45');
    await form.getByLabel('Disable unused credentials automatically').check();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved.').waitFor();
    const stored = await kw.gql('{ viewer { tenant { unusedCredentialDays autoDisableUnusedCredentials } } }', {}, admin);
    expect(stored.data?.viewer.tenant).toEqual({ unusedCredentialDays: 45, autoDisableUnusedCredentials: true });

    // 45 days now: the secret, 3 days old, is no longer listed.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Expiring soon' }).click();
    await section.getByText('Every secret and certificate has been used recently.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
