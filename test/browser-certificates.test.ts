import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../server/kernel/permissions.js';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward, USER_PASSWORD } from './support/keyward.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const CA_FILES = ['ca.cert.pem', 'intermediate.cert.pem', 'ca-chain.cert.pem'];
const CSR_HELP =
  'Leave blank to have Keyward generate the key. Paste a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----) to keep your private key yourself.';
const PASSWORD_WARNING = 'Copy this password now. It cannot be retrieved after you select Continue.';
const CSR_RESULT = 'The certificate was issued for your CSR. The zip holds the certificate and the CA files.';
const DELETE_MESSAGE = 'Delete this certificate? It is revoked at once and listed on the CRL; integrations using it stop working.';
/** Set to a directory to keep screenshots of the result step and the table. */
const SCREENSHOTS = process.env.KEYWARD_SCREENSHOTS;

let kw: TestKeyward;
let browser: Browser;
let admin: string;
let work: string;

beforeAll(async () => {
  kw = await startKeyward();
  admin = await kw.login();
  browser = await launchChromium();
  work = mkdtempSync(join(tmpdir(), 'keyward-browser-certs-'));
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The real openssl, run in the test's working directory. */
function openssl(...args: string[]) {
  return spawnSync('openssl', args, { cwd: work, encoding: 'utf8' });
}

/** A serial as hex without leading zeros, so openssl's and Keyward's spellings compare equal. */
const normalSerial = (hex: string) => hex.toLowerCase().replace(/^0+/, '');

async function createClient(name: string): Promise<{ id: string; clientId: string }> {
  const result = await kw.gql<{ createApiClient: { id: string; clientId: string } }>(
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }',
    { input: { name, contactEmails: ['ops@example.com'] } },
    admin,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createApiClient;
}

async function openClient(page: Page, name: string) {
  await page.getByRole('link', { name: 'API Clients' }).first().click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** Saves a download under the working directory and lists the files in its zip. */
async function savedZip(download: Download, name: string): Promise<{ names: string[]; zip: JSZip }> {
  const path = join(work, name);
  await download.saveAs(path);
  const zip = await JSZip.loadAsync(readFileSync(path));
  const names = Object.values(zip.files)
    .filter((file) => !file.dir)
    .map((file) => file.name);
  return { names: names.sort(), zip };
}

async function extract(zip: JSZip, name: string, as: string): Promise<string> {
  const path = join(work, as);
  writeFileSync(path, await zip.file(name)!.async('nodebuffer'));
  return path;
}

describe('Certificates in Manage Secrets, in Chromium', () => {
  it('issues a certificate with a generated key (zip downloaded, PFX/JKS password once), one for a CSR, and revokes on delete', async () => {
    const client = await createClient('Billing mTLS');
    const { page, context, problems } = await openPage(browser, { clipboard: true, downloads: true });
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Billing mTLS');
    const section = page.getByRole('region', { name: 'Manage Secrets' });
    await section.getByText('0 / 5 secrets and certificates').waitFor();

    // The form: Type Certificate adds Key type (RSA 2048 by default) and Custom CSR.
    await section.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add credential' });
    const type = dialog.getByLabel('Type', { exact: true });
    expect(await type.locator('option').allTextContents()).toEqual([
      'Client secret',
      'Certificate',
      'Private key JWT (your public key)',
      'Federated (workload identity)',
    ]);
    expect(await dialog.getByLabel('Key type').count()).toBe(0);
    expect(await dialog.getByLabel('Custom CSR').count()).toBe(0);
    await type.selectOption({ label: 'Certificate' });
    const keyType = dialog.getByLabel('Key type');
    expect(await keyType.inputValue()).toBe('RSA_2048');
    expect(await keyType.locator('option').allTextContents()).toEqual(['RSA 2048', 'EC P-256']);
    expect(await dialog.getByLabel('Custom CSR').inputValue()).toBe('');
    expect(await dialog.textContent()).toContain(CSR_HELP);
    await dialog.getByLabel('Description').fill('Billing production');

    // Create: the zip downloads at once, with all six files.
    const downloaded = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${client.clientId}-[0-9a-f]{8}\\.zip$`));
    const generated = await savedZip(download, 'generated.zip');
    expect(generated.names).toEqual([`${client.clientId}.pfx`, `${client.clientId}.jks`, `${client.clientId}.crt`, ...CA_FILES].sort());

    // The password: masked (not in the page), shown by the eye, copyable, and it opens the PFX.
    const passwordField = dialog.getByLabel('PFX/JKS password', { exact: true });
    await passwordField.waitFor();
    expect(await passwordField.inputValue()).toMatch(/^•+$/);
    const maskedPage = await page.content();
    const text = await dialog.textContent();
    expect(text).toContain(PASSWORD_WARNING);
    for (const file of generated.names) expect(text).toContain(file);
    expect(text).toContain(download.suggestedFilename());
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'certificate-result.png') });

    await dialog.getByRole('button', { name: 'Show password' }).click();
    const password = await passwordField.inputValue();
    expect(password).not.toContain('•');
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(maskedPage).not.toContain(password);

    await dialog.getByRole('button', { name: 'Copy password' }).click();
    await dialog.getByText('Copied', { exact: true }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(password);

    const pfx = await extract(generated.zip, `${client.clientId}.pfx`, 'generated.pfx');
    const opened = openssl('pkcs12', '-in', pfx, '-passin', `pass:${password}`, '-noout');
    expect(opened.stderr).toBe('');
    expect(opened.status).toBe(0);
    expect(openssl('pkcs12', '-in', pfx, '-passin', 'pass:not-the-password', '-noout').status).not.toBe(0);
    const crt = await extract(generated.zip, `${client.clientId}.crt`, 'generated.crt');
    const chain = await extract(generated.zip, 'ca-chain.cert.pem', 'ca-chain.cert.pem');
    expect(openssl('verify', '-CAfile', chain, crt).status).toBe(0);

    // Download again: the same zip, as often as needed until Continue.
    const again = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download again' }).click();
    const second = await again;
    expect(second.suggestedFilename()).toBe(download.suggestedFilename());
    expect((await savedZip(second, 'again.zip')).names).toEqual(generated.names);

    await dialog.getByRole('button', { name: 'Hide password' }).click();
    expect(await page.content()).not.toContain(password);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.content()).not.toContain(password);

    // The table: type Certificate, the serial's first 8 hex digits, the key, Active, and Delete only.
    const [{ cert_serial: serial }] = await kw.sql<{ cert_serial: string }>('select cert_serial from credential where description = ?', [
      'Billing production',
    ]);
    const short = `${serial.slice(0, 8)}…`;
    await section.getByText('1 / 5 secrets and certificates').waitFor();
    const rows = section.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    // Both certificates expire on the same day, so rows are found by their description, not their position.
    const generatedRow = section.locator('tbody tr', { hasText: 'Billing production' });
    expect(await generatedRow.locator('td').allTextContents()).toEqual([
      'Certificate',
      'Billing production',
      expect.stringMatching(new RegExp(`^${short}.*RSA 2048$`)),
      expect.stringContaining('by Administrator'),
      expect.stringContaining('in 90 days'),
      'Active',
      'Never',
      'RenewDisableDelete',
    ]);
    expect(await generatedRow.getByRole('button', { name: /^Rotate/ }).count()).toBe(0);
    const serialFull = generatedRow.getByText(serial, { exact: true });
    expect(await serialFull.isVisible()).toBe(false);
    await generatedRow.getByText(short, { exact: true }).click();
    await serialFull.waitFor();
    const [{ cert_thumbprint: thumbprint }] = await kw.sql<{ cert_thumbprint: string }>(
      'select cert_thumbprint from credential where description = ?',
      ['Billing production'],
    );
    await generatedRow.getByText(thumbprint, { exact: true }).waitFor();
    expect(await generatedRow.locator('summary').getAttribute('title')).toBe(`Serial ${serial}\nSHA-256 thumbprint ${thumbprint}`);

    // A CSR: garbage is refused with the API's message next to the field; a real CSR gives 4 files and no password.
    expect(openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'r.csr', '-subj', '/CN=x').status).toBe(0);
    const csr = readFileSync(join(work, 'r.csr'), 'utf8');
    await section.getByRole('button', { name: 'Add credential' }).click();
    await type.selectOption('CERTIFICATE');
    await dialog.getByLabel('Description').fill('Billing own key');
    const csrField = dialog.getByLabel('Custom CSR');
    await csrField.fill('hello, this is not a CSR');
    expect(await keyType.isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Create' }).click();
    const csrError = dialog.locator('#credential-csr-error');
    await expect.poll(() => csrError.textContent()).toMatch(/^The CSR is not PEM text\./);
    expect(await csrField.getAttribute('aria-describedby')).toContain('credential-csr-error');
    expect(await csrField.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('credential-csr');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'certificate-csr-error.png') });

    await csrField.fill(csr);
    const csrDownloaded = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const fromCsr = await savedZip(await csrDownloaded, 'csr.zip');
    expect(fromCsr.names).toEqual([`${client.clientId}.crt`, ...CA_FILES].sort());
    await dialog.getByText(CSR_RESULT).waitFor();
    expect(await dialog.getByLabel('PFX/JKS password').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Show password' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Download again' }).count()).toBe(1);
    const csrCrt = await extract(fromCsr.zip, `${client.clientId}.crt`, 'csr.crt');
    expect(openssl('x509', '-in', csrCrt, '-noout', '-subject').stdout).toContain(`CN = ${client.clientId}`);
    expect(openssl('x509', '-in', csrCrt, '-noout', '-pubkey').stdout).toBe(openssl('pkey', '-in', 'k.pem', '-pubout').stdout);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await section.getByText('2 / 5 secrets and certificates').waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    const csrRow = section.locator('tbody tr', { hasText: 'Billing own key' });
    expect(await csrRow.locator('td').nth(2).textContent()).toMatch(/RSA 2048 · from CSR$/);
    if (SCREENSHOTS) await section.screenshot({ path: join(SCREENSHOTS, 'certificate-table.png') });

    // Delete the first after confirming: it is gone from the table and on the CRL; the other is not.
    const [{ cert_serial: csrSerial }] = await kw.sql<{ cert_serial: string }>('select cert_serial from credential where description = ?', [
      'Billing own key',
    ]);
    await generatedRow.getByRole('button', { name: `Delete certificate ${short}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete certificate' });
    expect(await confirm.textContent()).toContain(DELETE_MESSAGE);
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Billing own key');
    await section.getByText('1 / 5 secrets and certificates').waitFor();

    const response = await fetch(`${kw.baseUrl}/pki/crl`);
    expect(response.status).toBe(200);
    writeFileSync(join(work, 'crl.der'), Buffer.from(await response.arrayBuffer()));
    const crl = openssl('crl', '-inform', 'DER', '-in', 'crl.der', '-text', '-noout');
    expect(crl.status).toBe(0);
    const revoked = [...crl.stdout.matchAll(/Serial Number: ([0-9A-Fa-f]+)/g)].map((match) => normalSerial(match[1]));
    expect(revoked).toContain(normalSerial(serial));
    expect(revoked).not.toContain(normalSerial(csrSerial));

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows certificates to a viewer with SECRET_ADMINISTRATION, without Add or Delete', async () => {
    const client = await createClient('Certificate viewing target');
    const issued = await kw.gql(
      'mutation($clientId: ID!, $input: CreateCertificateInput!) { createCertificate(clientId: $clientId, input: $input) { credential { id } } }',
      {
        clientId: client.id,
        input: { description: 'EC for viewers', keyAlgorithm: 'EC_P256', expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString() },
      },
      admin,
    );
    expect(issued.errors).toBeUndefined();

    await kw.userWith([Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION], { email: 'cert-viewer@example.com' });
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, 'cert-viewer@example.com', USER_PASSWORD);
    await openClient(page, 'Certificate viewing target');
    const section = page.getByRole('region', { name: 'Manage Secrets' });
    await section.getByText('1 / 5 secrets and certificates').waitFor();
    const row = section.locator('tbody tr');
    expect(await row.locator('td').first().textContent()).toBe('Certificate');
    expect(await row.locator('td').nth(2).textContent()).toMatch(/EC P-256$/);
    expect(await section.getByRole('button').count()).toBe(0);
    expect(await section.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });
});
