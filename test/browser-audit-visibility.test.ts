import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

/**
 * What the audit trail shows whom, in Chromium: an Audit trail page without the events of credentials for a user who
 * may not see credentials (docs/permissions.md).
 */

const DAY_MS = 86_400_000;

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

async function openAuditTrail(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
}

/** The action of every row the Audit trail table lists, once it lists some. */
async function listedActions(page: Page): Promise<string[]> {
  await page.locator('tbody tr code').first().waitFor();
  return page.locator('tbody tr td:nth-child(3) code').allTextContents();
}

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
