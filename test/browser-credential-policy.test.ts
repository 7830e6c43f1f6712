import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('the credential policy in Chromium', () => {
  it('is set under Security, lists the existing secret that breaks it with a link to its client, and the Add credential dialog shows the refusal', async () => {
    const existing = await kw.clientWithSecret(admin, { client: { name: 'Legacy billing' } });
    const certificate = await kw.gql(
      'mutation($id: ID!, $e: DateTimeISO!) { createCertificate(clientId: $id, input: { expiresAt: $e, keyAlgorithm: EC_P256 }) { credential { id certificate { serialNumber } } } }',
      { id: existing.id, e: new Date(Date.now() + 200 * 86_400_000).toISOString() },
      admin,
    );
    const serial = `${certificate.data?.createCertificate.credential.certificate.serialNumber.slice(0, 8)}…`;
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
    const section = page.getByRole('region', { name: 'Credential policy' });
    await section.getByText('Every credential and personal API key meets the policy.').waitFor();

    // A per-kind maximum above the tenant's is refused by the API, next to the field, and nothing is saved.
    await section.getByLabel('Client secret', { exact: true }).and(page.locator('input[type="number"]')).fill('400');
    await section.getByRole('button', { name: 'Save policy' }).click();
    await expect
      .poll(() => section.locator('#policy-lifetimes-error').textContent())
      .toBe(
        "The maximum lifetime of client secrets must be a whole number of days from 1 to 365, the tenant's maximum credential lifetime; leave it empty to use that maximum, or raise the tenant's maximum first.",
      );
    await section.getByLabel('Client secret', { exact: true }).and(page.locator('input[type="number"]')).fill('');

    // No more client secrets, and certificates for at most 60 days.
    await section.getByRole('group', { name: 'Allowed kinds' }).getByRole('checkbox', { name: 'Client secret' }).uncheck();
    await section.getByLabel('Certificate', { exact: true }).and(page.locator('input[type="number"]')).fill('60');
    await section.getByRole('button', { name: 'Save policy' }).click();
    await section.getByText('Saved. It applies to credentials created from now on.').waitFor();

    // The existing secret and certificate are listed, not revoked: their client linked, the rule in words.
    const table = section.getByRole('table', { name: 'Not compliant' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const row = table.locator('tbody tr', { hasText: 'client secret kwcs_' });
    expect(await row.textContent()).toContain('Kind not allowed');
    expect(await table.locator('tbody tr', { hasText: 'certificate ' }).textContent()).toContain('Lasts longer than its kind may');
    await row.getByRole('link', { name: existing.clientId }).click();
    await page.getByRole('heading', { name: 'Legacy billing', level: 1 }).waitFor();

    // Renewing the certificate offers at most the policy's 60 days.
    const credentials = page.getByRole('region', { name: 'Manage Secrets' });
    await credentials.getByRole('button', { name: `Renew certificate ${serial}` }).click();
    const renew = page.getByRole('dialog', { name: `Renew certificate ${serial}` });
    expect(await renew.getByLabel('Expires').getAttribute('max')).toBe(utcDay(60));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // A new secret is refused in the dialog, in the policy's words.
    await credentials.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add credential' });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => dialog.textContent())
      .toContain(
        "Your tenant's credential policy does not allow client secrets (rule: allowed kinds). Use a certificate, a private_key_jwt key or a federated credential instead, or ask a security administrator to change the policy.",
      );
    expect(await kw.sql('select id from credential where api_client_id = ?', [existing.id])).toHaveLength(2);
    expect(problems).toEqual([]);
  });
});
