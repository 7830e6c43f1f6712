import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../server/kernel/clock.js';
import { Permission } from '../server/kernel/permissions.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, freePort, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

const HOUR_MS = 60 * 60 * 1000;

// The browser shows dates by the real clock, the server by this one: start it at the real time so both agree.
const clock = new ManualClock(new Date());
let smtp: TestSmtp;
let kw: TestKeyward;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
  kw = await startKeyward({ clock, env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
  admin = await kw.login();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
  await smtp?.close();
});

/** An instant as the page states it in UTC, in the browser's locale: its UTC day, then the UTC time and the zone. */
async function utcMoment(page: Page, iso: string): Promise<string> {
  return page.evaluate(
    (value) =>
      `${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(value))}, ${value.slice(11, 16)} UTC`,
    iso,
  );
}

describe('Expiring soon in Chromium', () => {
  it('lists the secret expiring in 5 days with its sent 5-day reminder, leaves out one 60 days away, and links to its client', async () => {
    const billing = await kw.clientWithSecret(admin, {
      client: { name: 'Billing export', contactEmails: ['ops@example.com'] },
      expiresAt: new Date(clock.now().getTime() + 5 * DAY_MS - HOUR_MS),
    });
    await kw.clientWithSecret(admin, { client: { name: 'Archive sync' }, expiresAt: new Date(clock.now().getTime() + 60 * DAY_MS) });
    await kw.keyward.services.reminders.scan();
    await kw.keyward.services.reminders.sendDue();
    expect(smtp.received).toHaveLength(1);
    const sentAt = clock.now().toISOString();

    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'API Clients',
      'Expiring soon',
      'Audit trail',
      'Vault',
      'Security',
      'My API keys',
    ]);
    await nav.getByRole('link', { name: 'Expiring soon' }).click();
    await page.getByRole('heading', { name: 'Expiring soon', level: 1 }).waitFor();

    const table = page.getByRole('table', { name: 'Expiring secrets and certificates' });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual([
      `Billing export${billing.clientId}`,
      'Client secret',
      expect.stringContaining(`kwcs_…${billing.secret.slice(-4)}`),
      expect.stringContaining('in 5 days'),
      '5 days left',
      `5 days: sent ${await utcMoment(page, sentAt)}`,
    ]);
    expect(await row.locator('.badge', { hasText: 'in 5 days' }).getAttribute('class')).toContain('badge-danger');
    expect(await table.textContent()).not.toContain('Archive sync');

    await row.getByRole('link', { name: 'Billing export' }).click();
    await page.getByRole('heading', { name: 'Billing export', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/clients/${billing.id}`);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('says when nothing expires in the next 30 days', async () => {
    const { adminEmail } = await kw.createTenant('quiet');
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, adminEmail, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Expiring soon' }).click();
    await page.getByText('No secret or certificate expires in the next 30 days.').waitFor();
    expect(await page.getByRole('table', { name: 'Expiring secrets and certificates' }).locator('tbody tr').count()).toBe(1);
    // The page's other section, unused credentials, has nothing to list in a tenant without credentials either.
    await page.getByText('Every secret and certificate has been used recently.').waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('is neither in the navigation nor shown to a user without SECRET_ADMINISTRATION', async () => {
    await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email: 'clients-only@example.com' });
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, 'clients-only@example.com', USER_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['API Clients', 'Audit trail', 'My API keys']);

    await page.goto(`${kw.baseUrl}/expiring`);
    await page.getByText('You do not have permission to view secrets and certificates.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });
});
