import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

const SECRET = /^kwcs_[0-9A-Za-z]{49}$/;
const ANY_SECRET = /kwcs_[0-9A-Za-z]{49}/;
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

async function createClient(name: string): Promise<string> {
  const result = await kw.gql<{ createApiClient: { id: string } }>(
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id } }',
    { input: { name, contactEmails: ['ops@example.com'] } },
    admin,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createApiClient.id;
}

async function createSecretByApi(clientId: string, description: string): Promise<void> {
  const result = await kw.gql(
    'mutation($clientId: ID!, $input: CreateClientSecretInput!) { createClientSecret(clientId: $clientId, input: $input) { credential { id } } }',
    { clientId, input: { description, expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString() } },
    admin,
  );
  expect(result.errors).toBeUndefined();
}

/** `YYYY-MM-DD` of the UTC day `days` from today: the picker's days are UTC days. */
function utcDay(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

async function openClient(page: Page, name: string) {
  await page.getByRole('link', { name: 'API Clients' }).first().click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('Manage Secrets in Chromium', () => {
  it('shows a new client secret once, masked until asked, copyable, and nowhere after Continue; then rotates and deletes', async () => {
    await createClient('Payments gateway');
    const { page, context, problems } = await openPage(browser, { clipboard: true });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Payments gateway');

    const section = page.getByRole('region', { name: 'Manage Secrets' });
    await section.getByText('0 / 5 secrets and certificates').waitFor();
    expect(await section.textContent()).toContain('This API client has no secrets or certificates yet.');

    // Add: type, description, and the default expiry (90 days ahead).
    await section.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add credential' });
    expect(await dialog.getByLabel('Type').inputValue()).toBe('CLIENT_SECRET');
    expect(await dialog.getByLabel('Type').locator('option').allTextContents()).toEqual([
      'Client secret',
      'Certificate',
      'Private key JWT (your public key)',
      'Federated (workload identity)',
    ]);
    await dialog.getByLabel('Description').fill('Payments production');
    const expires = dialog.getByLabel('Expires');
    expect(await expires.inputValue()).toBe(utcDay(90));
    expect(await expires.getAttribute('min')).toBe(utcDay(1));
    expect(await expires.getAttribute('max')).toBe(utcDay(365));
    await dialog.getByRole('button', { name: 'Create' }).click();

    // Masked: the value is not in the page at all.
    const secretField = dialog.getByLabel('Client secret', { exact: true });
    await secretField.waitFor();
    expect(await secretField.inputValue()).toMatch(/^•+$/);
    expect(await page.content()).not.toMatch(ANY_SECRET);
    expect(await dialog.textContent()).toContain('Copy this secret now. It cannot be retrieved after you select Continue.');

    await dialog.getByRole('button', { name: 'Show secret' }).click();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(SECRET);

    await dialog.getByRole('button', { name: 'Copy secret' }).click();
    await dialog.getByText('Copied', { exact: true }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);

    const hint = `kwcs_…${secret.slice(-4)}`;
    expect(await kw.sql<{ secret_hint: string }>('select secret_hint from credential')).toEqual([{ secret_hint: hint }]);

    await dialog.getByRole('button', { name: 'Hide secret' }).click();
    expect(await page.content()).not.toContain(secret);

    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const rows = section.locator('tbody tr');
    await section.getByText('1 / 5 secrets and certificates').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.locator('td').allTextContents()).toEqual([
      'Client secret',
      'Payments production',
      hint,
      expect.stringContaining('by Administrator'),
      expect.stringContaining('in 90 days'),
      'Active',
      'Never',
      'RotateDisableDelete',
    ]);
    expect(await row.locator('.badge', { hasText: 'in 90 days' }).getAttribute('class')).toContain('badge-neutral');
    const stored = await kw.gql('{ apiClients { edges { node { credentials { expiresAt description } } } } }', {}, admin);
    expect(stored.data?.apiClients.edges[0].node.credentials).toEqual([
      { expiresAt: `${utcDay(90)}T00:00:00.000Z`, description: 'Payments production' },
    ]);

    // Gone for good: not on the client page, the client list, or the audit trail.
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('link', { name: 'API Clients' }).first().click();
    const listRow = page.locator('tbody tr', { hasText: 'Payments gateway' });
    await expect.poll(() => listRow.locator('td').nth(4).textContent()).toBe('1 / 5');
    expect(await page.getByRole('columnheader', { name: 'Secrets' }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Next expiry' }).count()).toBe(1);
    expect(await listRow.locator('td').nth(5).locator('.badge').textContent()).toBe('in 90 days');
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByText('credential.created').waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await page.content()).not.toMatch(ANY_SECRET);

    // Rotate: a second secret, shown once; the old one is marked as replaced and can no longer be rotated.
    await openClient(page, 'Payments gateway');
    await section.getByRole('button', { name: `Rotate secret ${hint}` }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate secret' });
    expect(await rotate.textContent()).toContain('keeps working for 7 days');
    expect(await rotate.getByLabel('Expires').inputValue()).toBe(utcDay(90));
    await rotate.getByRole('button', { name: 'Rotate', exact: true }).click();
    const newField = rotate.getByLabel('New client secret', { exact: true });
    await newField.waitFor();
    expect(await page.content()).not.toMatch(ANY_SECRET);
    await rotate.getByRole('button', { name: 'Show secret' }).click();
    const second = await newField.inputValue();
    expect(second).toMatch(SECRET);
    expect(second).not.toBe(secret);
    await rotate.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => rows.count()).toBe(2);
    const secondHint = `kwcs_…${second.slice(-4)}`;
    const oldRow = section.locator('tbody tr', { hasText: hint });
    expect(await oldRow.textContent()).toMatch(/Active\s*Replaced — expires/);
    expect(await oldRow.locator('.badge', { hasText: /^in [78] days$/ }).getAttribute('class')).toContain('badge-danger');
    expect(await oldRow.getByRole('button', { name: /^Rotate/ }).count()).toBe(0);
    expect(
      await section
        .locator('tbody tr', { hasText: secondHint })
        .getByRole('button', { name: /^Rotate/ })
        .count(),
    ).toBe(1);
    expect(await page.content()).not.toContain(second);

    // Delete the old one, after confirming.
    await oldRow.getByRole('button', { name: `Delete secret ${hint}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete secret' });
    expect(await confirm.textContent()).toContain('Delete this secret? Integrations using it stop working at once.');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(secondHint);
    await section.getByText('1 / 5 secrets and certificates').waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses a day typed past the picker’s last one, accepts that last day, and shows the API’s own message for the limit', async () => {
    const clientId = await createClient('Limits target');
    for (const n of [1, 2, 3]) await createSecretByApi(clientId, `Existing ${n}`);
    const { page, context, problems } = await openPage(browser, { clipboard: true });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Limits target');
    const section = page.getByRole('region', { name: 'Manage Secrets' });
    await section.getByText('3 / 5 secrets and certificates').waitFor();

    // A day past the maximum (typed, not picked) is refused by the form, naming the last day allowed, before anything is sent.
    await section.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add credential' });
    await dialog.getByLabel('Expires').fill(utcDay(400));
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => dialog.locator('.field-error').textContent())
      .toMatch(
        /^The expiry day is more than 365 days ahead, the longest allowed\. Choose [A-Z][a-z]+ \d{1,2}, \d{4} \(UTC\) or earlier\.$/,
      );
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('credential-expires');
    expect(await kw.sql('select id from credential where api_client_id = ?', [clientId])).toHaveLength(3);

    // The picker's maximum passes the API's "at most 365 days ahead" check.
    const max = await dialog.getByLabel('Expires').getAttribute('max');
    await dialog.getByLabel('Expires').fill(max!);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByRole('button', { name: 'Continue' }).waitFor();

    // Escape never leaves the secret hidden in the page: once the browser lets it close the dialog, that ends like Continue.
    for (let i = 0; i < 5 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await section.getByText('4 / 5 secrets and certificates').waitFor();
    expect(await page.content()).not.toMatch(ANY_SECRET);
    const [latest] = await kw.sql<{ expires_at: Date }>('select expires_at from credential order by expires_at desc limit 1');
    expect(new Date(latest.expires_at).toISOString()).toBe(`${utcDay(365)}T00:00:00.000Z`);

    // A 6th made while the dialog was open elsewhere is refused with the API's LIMIT_EXCEEDED message, shown as written.
    await section.getByRole('button', { name: 'Add credential' }).click();
    await createSecretByApi(clientId, 'Existing 5');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('This API client already has 5 secrets/certificates, the maximum allowed. Delete one before adding a new one.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // At the limit, Add is not offered: disabled, with the reason beside it.
    await page.reload();
    await section.getByText(/^5 \/ 5 secrets and certificates/).waitFor();
    expect(await section.getByRole('button', { name: 'Add credential' }).isDisabled()).toBe(true);
    await section.getByText('This client has 5 of 5 credentials; delete one to add another.').waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows Manage Secrets only with SECRET_ADMINISTRATION, and its buttons only with SECRET_CREATE and SECRET_REMOVE', async () => {
    const clientId = await createClient('Secrets viewing target');
    await createSecretByApi(clientId, 'Viewer can see this');

    await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email: 'clients-only@example.com' });
    const clientsOnly = await openPage(browser, { clipboard: true });
    await signIn(clientsOnly.page, kw.baseUrl, 'clients-only@example.com', USER_PASSWORD);
    await clientsOnly.page.getByRole('link', { name: 'Secrets viewing target' }).waitFor();
    expect(await clientsOnly.page.getByRole('columnheader', { name: 'Secrets' }).count()).toBe(0);
    expect(await clientsOnly.page.getByRole('columnheader', { name: 'Next expiry' }).count()).toBe(0);
    await openClient(clientsOnly.page, 'Secrets viewing target');
    await clientsOnly.page.getByLabel('Name').waitFor();
    expect(await clientsOnly.page.getByRole('heading', { name: 'Manage Secrets' }).count()).toBe(0);
    expect(await clientsOnly.page.content()).not.toContain('kwcs_');

    await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION], { email: 'secrets-viewer@example.com' });
    const viewer = await openPage(browser, { clipboard: true });
    await signIn(viewer.page, kw.baseUrl, 'secrets-viewer@example.com', USER_PASSWORD);
    const listRow = viewer.page.locator('tbody tr', { hasText: 'Secrets viewing target' });
    await expect.poll(() => listRow.locator('td').nth(4).textContent()).toBe('1 / 5');
    await openClient(viewer.page, 'Secrets viewing target');
    const section = viewer.page.getByRole('region', { name: 'Manage Secrets' });
    await section.getByText('1 / 5 secrets and certificates').waitFor();
    expect(await section.locator('tbody tr').count()).toBe(1);
    expect(await section.locator('tbody tr').textContent()).toContain('Viewer can see this');
    expect(await section.getByRole('button').count()).toBe(0);
    expect(await section.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);

    expect([...clientsOnly.problems, ...viewer.problems]).toEqual([]);
    await clientsOnly.context.close();
    await viewer.context.close();
  });
});
