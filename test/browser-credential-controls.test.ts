import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';
import { requestToken } from './support/oauth.js';

const DAY_MS = 24 * 60 * 60 * 1000;

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

async function tokenStatus(clientId: string, secret: string): Promise<number> {
  return (await requestToken(kw.baseUrl, clientId, secret)).status;
}

async function secretHintOf(apiClientId: string): Promise<string> {
  const result = await kw.gql('query($id: ID!) { apiClient(id: $id) { credentials { secretHint } } }', { id: apiClientId }, admin);
  return result.data?.apiClient.credentials[0].secretHint;
}

async function openClient(page: Page, name: string) {
  await page.getByRole('link', { name: 'API Clients' }).first().click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('Disable and Enable on a credential row', () => {
  it('disable asks first naming the secret; then a real token request with it fails; enable and it works again', async () => {
    const client = await kw.clientWithSecret(admin, {
      client: { name: 'Invoice exporter' },
      expiresAt: new Date(Date.now() + 30 * DAY_MS),
    });
    const hint = await secretHintOf(client.id);
    expect(await tokenStatus(client.clientId, client.secret)).toBe(200);

    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Invoice exporter');
    const section = page.getByRole('region', { name: 'Manage Secrets' });
    const row = section.locator('tbody tr').filter({ hasText: hint });
    expect(await row.getByText('Active', { exact: true }).count()).toBe(1);

    // Cancel changes nothing.
    await section.getByRole('button', { name: `Disable secret ${hint}` }).click();
    let confirm = page.getByRole('dialog', { name: `Disable secret ${hint}` });
    expect(await confirm.textContent()).toContain('Token requests with it are refused at once');
    expect(await confirm.getByRole('definition').allTextContents()).toEqual(expect.arrayContaining(['Client secret', hint]));
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await tokenStatus(client.clientId, client.secret)).toBe(200);

    await section.getByRole('button', { name: `Disable secret ${hint}` }).click();
    confirm = page.getByRole('dialog', { name: `Disable secret ${hint}` });
    await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await row.getByText('Disabled', { exact: true }).waitFor();
    expect(await tokenStatus(client.clientId, client.secret)).toBe(401);

    await section.getByRole('button', { name: `Enable secret ${hint}` }).click();
    await row.getByText('Active', { exact: true }).waitFor();
    await section.getByRole('button', { name: `Disable secret ${hint}` }).waitFor();
    expect(await tokenStatus(client.clientId, client.secret)).toBe(200);

    expect(problems).toEqual([]);
    await context.close();
  });
});
