import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';
import { requestToken } from './support/oauth.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface StoredCredential {
  id: string;
  secretHint: string;
  createdAt: string;
  expiresAt: string;
  status: string;
  replacedById: string | null;
}

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

/** A client with one described secret, expiring in 30 days, made over GraphQL; returns the client's ids and the secret. */
async function clientWithDescribedSecret(name: string, description: string) {
  const created = await kw.gql<{ createApiClient: { id: string; clientId: string } }>(
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
    { input: { name, contactEmails: ['ops@example.com'] } },
    admin,
  );
  expect(created.errors).toBeUndefined();
  const { id, clientId } = created.data!.createApiClient;
  const secret = await kw.gql<{ createClientSecret: { secret: string } }>(
    'mutation($clientId: ID!, $input: CreateClientSecretInput!) { createClientSecret(clientId: $clientId, input: $input) { secret } }',
    { clientId: id, input: { description, expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString() } },
    admin,
  );
  expect(secret.errors).toBeUndefined();
  return { id, clientId, secret: secret.data!.createClientSecret.secret };
}

async function storedCredentials(apiClientId: string): Promise<StoredCredential[]> {
  const result = await kw.gql<{ apiClient: { credentials: StoredCredential[] } }>(
    'query($id: ID!) { apiClient(id: $id) { credentials { id secretHint createdAt expiresAt status replacedById } } }',
    { id: apiClientId },
    admin,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.apiClient.credentials;
}

/** `YYYY-MM-DD` of the UTC day `days` from today: the picker's days are UTC days. */
function utcDay(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

/** An instant as the dialogs state it, in the browser's locale: its UTC day, then the UTC time and the zone. */
function moment(page: Page, iso: string): Promise<string> {
  return page.evaluate(
    (value) =>
      `${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(value))}, ${value.slice(11, 16)} UTC`,
    iso,
  );
}

async function tokenStatus(clientId: string, secret: string): Promise<number> {
  return (await requestToken(kw.baseUrl, clientId, secret)).status;
}

async function openClient(page: Page, name: string) {
  await page.getByRole('link', { name: 'API Clients' }).first().click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('Delete and rotate dialogs name their credential', () => {
  it('after a rotation, each row’s Delete dialog names its own secret and dates, and deleting the replacement warns what is left', async () => {
    const client = await clientWithDescribedSecret('Orders gateway', 'Orders production');
    const [old] = await storedCredentials(client.id);
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Orders gateway');
    const section = page.getByRole('region', { name: 'Manage Secrets' });
    const rows = section.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);

    // Rotate with the default grace period: the dialog names the secret it replaces.
    await section.getByRole('button', { name: `Rotate secret ${old.secretHint}` }).click();
    const rotate = page.getByRole('dialog', { name: `Rotate secret ${old.secretHint}` });
    const rotateFacts = rotate.getByRole('definition');
    expect(await rotateFacts.allTextContents()).toEqual([
      'Client secret',
      'Orders production',
      old.secretHint,
      `${await moment(page, old.createdAt)} by Administrator <${ADMIN_EMAIL}>`,
      await moment(page, old.expiresAt),
    ]);
    expect(await rotate.getByLabel('7 days').isChecked()).toBe(true);
    await rotate.getByRole('button', { name: 'Rotate', exact: true }).click();
    await rotate.getByLabel('New client secret', { exact: true }).waitFor();
    await rotate.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => rows.count()).toBe(2);

    const after = await storedCredentials(client.id);
    const previous = after.find((credential) => credential.id === old.id)!;
    const replacement = after.find((credential) => credential.id !== old.id)!;
    expect(previous.replacedById).toBe(replacement.id);
    // Both rows carry the same description; each names its own secret.
    expect(await rows.filter({ hasText: 'Orders production' }).count()).toBe(2);

    // The old secret's dialog: its own hint and dates, who replaced it, and no warning.
    await section.getByRole('button', { name: `Delete secret ${old.secretHint}` }).click();
    let confirm = page.getByRole('dialog', { name: `Delete secret ${old.secretHint}` });
    expect(await confirm.getByRole('definition').allTextContents()).toEqual([
      'Client secret',
      'Orders production',
      old.secretHint,
      `${await moment(page, previous.createdAt)} by Administrator <${ADMIN_EMAIL}>`,
      await moment(page, previous.expiresAt),
      `Replaced by ${replacement.secretHint}`,
    ]);
    expect(await confirm.textContent()).toContain(
      `This is the old secret of a rotation: ${replacement.secretHint} replaced it and keeps working until ${await moment(page, replacement.expiresAt)}.`,
    );
    expect(await confirm.getByRole('alert').count()).toBe(0);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The replacement's dialog: its own hint and dates, what it replaced, and what deleting it leaves.
    await section.getByRole('button', { name: `Delete secret ${replacement.secretHint}` }).click();
    confirm = page.getByRole('dialog', { name: `Delete secret ${replacement.secretHint}` });
    expect(await confirm.getByRole('definition').allTextContents()).toEqual([
      'Client secret',
      'Orders production',
      replacement.secretHint,
      `${await moment(page, replacement.createdAt)} by Administrator <${ADMIN_EMAIL}>`,
      await moment(page, replacement.expiresAt),
      `Replacement of ${old.secretHint}`,
    ]);
    expect(await confirm.getByRole('alert').textContent()).toBe(
      `This is the replacement of ${old.secretHint}. If you delete it, only ${old.secretHint} is left, and it stops working on ` +
        `${await moment(page, previous.expiresAt)}. To keep a working secret, rotate ${old.secretHint} again or add a new secret before then.`,
    );
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(old.secretHint);
    // No longer "replaced": it can be rotated again.
    await section.getByRole('button', { name: `Rotate secret ${old.secretHint}` }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('rotates with a chosen grace period, and “End the old secret now” leaves the old secret expired', async () => {
    const client = await clientWithDescribedSecret('Legacy batch', 'Nightly export');
    const [old] = await storedCredentials(client.id);
    expect(await tokenStatus(client.clientId, client.secret)).toBe(200);
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Legacy batch');
    const section = page.getByRole('region', { name: 'Manage Secrets' });

    await section.getByRole('button', { name: `Rotate secret ${old.secretHint}` }).click();
    const rotate = page.getByRole('dialog', { name: `Rotate secret ${old.secretHint}` });
    const grace = rotate.getByRole('group', { name: 'The current secret keeps working for' });
    expect(await grace.getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.labels?.[0]?.textContent))).toEqual([
      'End the old secret now',
      '1 day',
      '7 days',
      'Another number of hours (0–168)',
    ]);
    expect(await rotate.textContent()).toContain(`The current secret ${old.secretHint} keeps working for 7 days, until about`);
    await grace.getByLabel('1 day').check();
    expect(await rotate.textContent()).toContain(`The current secret ${old.secretHint} keeps working for 1 day, until about`);
    await grace.getByLabel('Another number of hours').check();
    await rotate.getByLabel('Hours the current secret keeps working').fill('200');
    await rotate.getByRole('button', { name: 'Rotate', exact: true }).click();
    await rotate.getByText('Enter a whole number of hours from 0 (the old secret stops at once) to 168 (7 days).').waitFor();
    expect(await storedCredentials(client.id)).toHaveLength(1);

    await grace.getByLabel('End the old secret now').check();
    expect(await rotate.textContent()).toContain(`The current secret ${old.secretHint} stops working at once, when you select Rotate.`);
    await rotate.getByRole('button', { name: 'Rotate', exact: true }).click();
    await rotate.getByLabel('New client secret', { exact: true }).waitFor();
    expect(await rotate.textContent()).toContain(`The previous one, ${old.secretHint}, has stopped working`);
    await rotate.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    const oldRow = section.locator('tbody tr', { hasText: old.secretHint });
    await expect.poll(() => oldRow.locator('td').nth(5).locator('.badge').textContent()).toBe('Expired');
    const stored = (await storedCredentials(client.id)).find((credential) => credential.id === old.id)!;
    expect(stored.status).toBe('EXPIRED');
    expect(await tokenStatus(client.clientId, client.secret)).toBe(401);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('offers expiry presets within the tenant’s maximum lifetime, and a preset fills the expiry', async () => {
    const client = await clientWithDescribedSecret('Presets target', 'Existing');
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Presets target');
    const section = page.getByRole('region', { name: 'Manage Secrets' });

    await section.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add credential' });
    const presets = dialog.getByRole('button', { name: /^\d+ days$/ });
    expect(await presets.allTextContents()).toEqual(['30 days', '90 days', '180 days', '365 days']);
    const expires = dialog.getByLabel('Expires');
    expect(await expires.inputValue()).toBe(utcDay(90));
    expect(await dialog.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed')).toBe('true');
    await dialog.getByRole('button', { name: '30 days' }).click();
    expect(await expires.inputValue()).toBe(utcDay(30));
    expect(await dialog.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await dialog.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed')).toBe('false');
    await dialog.getByLabel('Description').fill('Thirty days');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const made = await kw.gql<{ apiClient: { credentials: { description: string; expiresAt: string }[] } }>(
      'query($id: ID!) { apiClient(id: $id) { credentials { description expiresAt } } }',
      { id: client.id },
      admin,
    );
    expect(made.data!.apiClient.credentials).toContainEqual({ description: 'Thirty days', expiresAt: `${utcDay(30)}T00:00:00.000Z` });

    // A tenant maximum of 100 days leaves out the presets beyond it, in the rotate dialog too.
    const lower = await kw.gql('mutation { updateTenantSettings(input: { maxCredentialLifetimeDays: 100 }) { id } }', {}, admin);
    expect(lower.errors).toBeUndefined();
    try {
      await page.reload();
      await section.getByRole('button', { name: 'Add credential' }).click();
      expect(await presets.allTextContents()).toEqual(['30 days', '90 days']);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await section
        .getByRole('button', { name: /^Rotate secret/ })
        .first()
        .click();
      const rotate = page.getByRole('dialog', { name: /^Rotate secret/ });
      expect(await rotate.getByRole('button', { name: /^\d+ days$/ }).allTextContents()).toEqual(['30 days', '90 days']);
      await rotate.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      const restore = await kw.gql('mutation { updateTenantSettings(input: { maxCredentialLifetimeDays: 365 }) { id } }', {}, admin);
      expect(restore.errors).toBeUndefined();
    }

    expect(problems).toEqual([]);
    await context.close();
  });
});
