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
    await row.getByText('Active', { exact: true }).waitFor();

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

describe('Renew on a certificate row, and Add at the limit', () => {
  it('renews a certificate into a second row named as its renewal; at 5 of 5 Add is disabled with the reason beside it', async () => {
    const created = await kw.gql(
      'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
      { input: { name: 'Edge proxy', contactEmails: ['ops@example.com'] } },
      admin,
    );
    const client = created.data!.createApiClient as { id: string; clientId: string };
    const issued = await kw.gql(
      `mutation($clientId: ID!, $input: CreateCertificateInput!) {
        createCertificate(clientId: $clientId, input: $input) { credential { id certificate { serialNumber } } }
      }`,
      {
        clientId: client.id,
        input: { description: 'edge', keyAlgorithm: 'EC_P256', expiresAt: new Date(Date.now() + 20 * DAY_MS).toISOString() },
      },
      admin,
    );
    const old = issued.data!.createCertificate.credential as { id: string; certificate: { serialNumber: string } };
    const oldSerial = `${old.certificate.serialNumber.slice(0, 8)}…`;

    const { page, context, problems } = await openPage(browser, { downloads: true });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Edge proxy');
    const section = page.getByRole('region', { name: 'Manage Secrets' });
    const rows = section.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);

    await section.getByRole('button', { name: `Renew certificate ${oldSerial}` }).click();
    const dialog = page.getByRole('dialog', { name: `Renew certificate ${oldSerial}` });
    expect(await dialog.getByRole('definition').allTextContents()).toEqual(expect.arrayContaining(['Certificate', 'edge']));
    await dialog.getByRole('button', { name: '180 days' }).click();
    const downloaded = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Renew', exact: true }).click();
    expect((await downloaded).suggestedFilename()).toMatch(new RegExp(`^${client.clientId}-[0-9a-f]{8}\\.zip$`));
    await dialog.getByLabel('PFX/JKS password', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await expect.poll(() => rows.filter({ hasText: 'Certificate' }).count()).toBe(2);
    const listed = await kw.gql(
      'query($id: ID!) { apiClient(id: $id) { credentials { id renewalOfId certificate { serialNumber } } } }',
      { id: client.id },
      admin,
    );
    const renewal = listed.data?.apiClient.credentials.find((c: { id: string }) => c.id !== old.id);
    expect(renewal.renewalOfId).toBe(old.id);
    const newRow = rows.filter({ hasText: renewal.certificate.serialNumber.slice(0, 8) });
    const oldRow = rows.filter({ hasText: old.certificate.serialNumber.slice(0, 8) });
    expect(await newRow.getByText('Renewal — the old certificate works until it expires').getAttribute('title')).toBe(
      `Renewal of ${oldSerial}`,
    );
    await oldRow.getByText('Renewed — works until it expires').waitFor();
    expect(await oldRow.getByText('Active', { exact: true }).count()).toBe(1);

    // Three more make five: Add is disabled, and says why, next to it.
    const add = section.getByRole('button', { name: 'Add credential' });
    expect(await add.isDisabled()).toBe(false);
    for (let i = 0; i < 3; i++) {
      await kw.gql(
        'mutation($id: ID!, $e: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $e }) { secret } }',
        { id: client.id, e: new Date(Date.now() + 30 * DAY_MS).toISOString() },
        admin,
      );
    }
    await page.reload();
    await section.getByText('5 / 5 secrets and certificates').waitFor();
    expect(await add.isDisabled()).toBe(true);
    const reason = section.getByText('This client has 5 of 5 credentials; delete one to add another.');
    expect(await reason.isVisible()).toBe(true);
    expect(await add.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));

    expect(problems).toEqual([]);
    await context.close();
  });
});
