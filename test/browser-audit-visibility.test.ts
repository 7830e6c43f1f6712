import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

/**
 * What a person sees first, and what the audit trail shows whom, in Chromium: the "signed in as" header, the first-run
 * hint of the empty client list (for someone who may create clients and for someone who may not), and an Audit trail
 * page without the events of credentials for a user who may not see credentials (docs/permissions.md).
 */

const DAY_MS = 86_400_000;

let kw: TestKeyward;
let browser: Browser;
let admin: string;
let tenantName: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  browser = await launchChromium();
  [{ name: tenantName }] = await kw.sql<{ name: string }>("select name from tenant where slug = 'default'");
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

async function openAuditTrail(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
}

/** The action of every row the Audit trail table lists, once it lists some. */
async function listedActions(page: Page): Promise<string[]> {
  await page.locator('tbody tr code').first().waitFor();
  return page.locator('tbody tr td:nth-child(3) code').allTextContents();
}

describe('a new tenant in Chromium', () => {
  it('says who is signed in, in which tenant, with Sign out beside it', async () => {
    await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email: 'ada@example.com' });
    await kw.sql("update app_user set name = 'Ada Admin' where email = 'ada@example.com'");
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, 'ada@example.com', USER_PASSWORD);
    const header = page.getByRole('banner');
    await expect
      .poll(() => header.getByTestId('signed-in-as').textContent())
      .toBe(`Signed in as Ada Admin <ada@example.com> · tenant ${tenantName}`);
    // The name leads to My account; Sign out sits in the same header and signs out.
    await header.getByRole('link', { name: 'Ada Admin <ada@example.com>' }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await header.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the empty client list as a first-run hint: the way to add one for a creator, who can add one for others', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const hint = page.getByRole('region', { name: 'Add your first API client' });
    await hint.waitFor();
    expect(await hint.textContent()).toContain(
      'There are no API clients yet. An API client is an application or service that calls your APIs',
    );
    await hint.getByRole('link', { name: 'Create an API client' }).click();
    await page.getByRole('button', { name: 'Create API client' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/clients/new');
    expect(problems).toEqual([]);
    await context.close();

    await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email: 'looker@example.com' });
    const looker = await openPage(browser);
    await signIn(looker.page, kw.baseUrl, 'looker@example.com', USER_PASSWORD);
    const blank = looker.page.getByRole('region', { name: 'No clients yet' });
    await blank.waitFor();
    const text = await blank.textContent();
    expect(text).toContain('There are no API clients yet. An API client is');
    expect(text).toContain('Users with the permission Security Create New Client can add them');
    expect(await looker.page.getByRole('link', { name: /Create an API client|Add API client/ }).count()).toBe(0);
    expect(await looker.page.getByText('Add your first API client').count()).toBe(0);
    expect(looker.problems).toEqual([]);
    await looker.context.close();
  });

  it('shows the list, not the hint, once a client exists', async () => {
    const made = await kw.clientWithSecret(admin, { client: { name: 'First client' } });
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'First client' }).waitFor();
    expect(await page.getByText('Add your first API client').count()).toBe(0);
    expect(await page.getByLabel('Search').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
    await kw.gql('mutation($id: ID!) { deleteApiClient(id: $id) }', { id: made.id }, admin);
  });
});

describe('the Audit trail page in Chromium', () => {
  let hints: string[];
  let serial: string;

  beforeAll(async () => {
    const made = await kw.clientWithSecret(admin, { client: { name: 'Audited gateway' } });
    const certificate = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { credential { id } } }',
      { id: made.id, e: new Date(Date.now() + 60 * DAY_MS).toISOString() },
      admin,
    );
    expect(certificate.errors).toBeUndefined();
    hints = (await kw.sql<{ secret_hint: string }>('select secret_hint from credential where secret_hint is not null')).map(
      (r) => r.secret_hint,
    );
    [{ cert_serial: serial }] = await kw.sql<{ cert_serial: string }>('select cert_serial from credential where cert_serial is not null');
    expect(hints.length).toBeGreaterThan(0);
  });

  it('lists no event of a secret or certificate for a user with CLIENT_ADMINISTRATION only, on the page or in its CSV', async () => {
    await kw.userWith([Permission.CLIENT_ADMINISTRATION], { email: 'clients-only@example.com' });
    const { page, context, problems } = await openPage(browser, { downloads: true });
    await signIn(page, kw.baseUrl, 'clients-only@example.com', USER_PASSWORD);
    await openAuditTrail(page);
    const actions = await listedActions(page);
    expect(actions).toContain('client.created');
    expect(actions.filter((action) => action.startsWith('credential.') || action.startsWith('reminder.'))).toEqual([]);
    const body = await page.locator('main').textContent();
    for (const hint of hints) expect(body).not.toContain(hint);
    expect(body).not.toContain(serial.slice(0, 8));
    expect(body).toContain('Events of client secrets and certificates are not listed');

    // Asking for them by action finds nothing, and the suggestions do not offer them.
    expect(await page.locator('#audit-actions option[value^="credential."]').count()).toBe(0);
    await page.getByLabel('Action').fill('credential.*');
    await page.getByText('No audit events match these filters.').waitFor();

    await page.getByLabel('Action').fill('');
    await page.locator('tbody tr code').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(',"client.created",');
    expect(csv).not.toContain('"credential.');
    for (const hint of hints) expect(csv).not.toContain(hint);
    expect(csv).not.toContain(serial.slice(0, 8));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists them for a user with SECRET_ADMINISTRATION too', async () => {
    await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION], { email: 'secrets-too@example.com' });
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, 'secrets-too@example.com', USER_PASSWORD);
    await openAuditTrail(page);
    const actions = await listedActions(page);
    expect(actions).toEqual(expect.arrayContaining(['client.created', 'credential.created']));
    const body = await page.locator('main').textContent();
    expect(body).toContain(hints[hints.length - 1]);
    expect(body).toContain(serial.slice(0, 8));
    expect(body).not.toContain('Events of client secrets and certificates are not listed');
    expect(problems).toEqual([]);
    await context.close();
  });
});
