import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

let kw: TestKeyward;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  // Last used is written every second rather than every minute, so the row shows it while the test waits.
  kw = await startKeyward({ env: { KEYWARD_LAST_USED_FLUSH_SECONDS: '1' } });
  admin = await kw.login();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

const newClient = (name: string) => kw.apiClient(admin, { name });

async function storedKeys(apiClientId: string): Promise<{ id: string; privateKeyJwt: { keyId: string } | null }[]> {
  const result = await kw.gql(
    'query($id: ID!) { apiClient(id: $id) { credentials { id privateKeyJwt { keyId } } } }',
    { id: apiClientId },
    admin,
  );
  return result.data?.apiClient.credentials;
}

/** A real token request with a client assertion signed by the client's private key, as a client library sends it. */
async function tokenStatus(clientId: string, privateKey: KeyObject): Promise<number> {
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${kw.baseUrl}/oauth2/token`)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(privateKey);
  const response = await fetch(`${kw.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion }),
  });
  return response.status;
}

async function openClient(page: Page, name: string) {
  await page.getByRole('link', { name: 'API Clients' }).first().click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('Private key JWT in Manage Secrets', () => {
  it('adds a pasted PEM public key, lists it with its key ID, signs a token request with it, and disables it from its row', async () => {
    const client = await newClient('Signed exporter');
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Signed exporter');
    const section = page.getByRole('region', { name: 'Manage Secrets' });
    const add = section.getByRole('button', { name: 'Add credential' });
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add credential' });
    await dialog.getByLabel('Type').selectOption({ label: 'Private key JWT (your public key)' });
    const source = dialog.getByRole('group', { name: 'Public key' });
    expect(await source.getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.labels?.[0]?.textContent))).toEqual([
      'Paste a public key',
      'JWKS URL',
    ]);
    expect(await source.getByLabel('Paste a public key').isChecked()).toBe(true);

    // A bad PEM: the API's message lands on the key field, which gets focus; nothing is created.
    const keyField = dialog.getByLabel('Public key (PEM or JWK)');
    await keyField.fill('-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const fieldError = dialog.locator('#credential-public-key-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toBe(
      'The public key could not be read: give a JWK (JSON) or a PEM public key (-----BEGIN PUBLIC KEY-----).',
    );
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await keyField.getAttribute('aria-invalid')).toBe('true');
    expect((await keyField.getAttribute('aria-describedby'))?.split(' ')).toContain('credential-public-key-error');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('credential-public-key');
    expect(await storedKeys(client.id)).toEqual([]);

    // The real key: no one-time reveal, the dialog closes and focus returns to Add.
    await keyField.fill(pem);
    await dialog.getByLabel('Description').fill('Nightly signer');
    await dialog.getByRole('button', { name: '30 days' }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => add.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);

    const [stored] = await storedKeys(client.id);
    const keyId = stored.privateKeyJwt!.keyId;
    const shortId = `${keyId.slice(0, 8)}…`;
    const row = section.locator('tbody tr').filter({ hasText: 'Nightly signer' });
    await row.getByText('Active', { exact: true }).waitFor();
    expect(await row.locator('td').first().textContent()).toBe('Private key JWT');
    expect(await row.textContent()).toContain(shortId);
    expect(await row.textContent()).toContain('Never');
    // Rotate is for secrets and Renew for certificates only.
    expect(await row.locator('button').allTextContents()).toEqual(['Disable', 'Delete']);

    expect(await tokenStatus(client.clientId, privateKey)).toBe(200);
    await expect
      .poll(
        async () => {
          await page.reload();
          return row.locator('td').nth(6).textContent();
        },
        { timeout: 10_000 },
      )
      .not.toBe('Never');

    await section.getByRole('button', { name: `Disable key ${shortId}` }).click();
    const confirm = page.getByRole('dialog', { name: `Disable key ${shortId}` });
    expect(await confirm.textContent()).toContain('Token requests signed with it are refused at once');
    expect(await confirm.getByRole('definition').allTextContents()).toEqual(
      expect.arrayContaining(['Private key JWT', 'Nightly signer', keyId]),
    );
    await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await row.getByText('Disabled', { exact: true }).waitFor();
    expect(await tokenStatus(client.clientId, privateKey)).toBe(401);

    await section.getByRole('button', { name: `Delete key ${shortId}` }).click();
    const remove = page.getByRole('dialog', { name: `Delete key ${shortId}` });
    expect(await remove.textContent()).toContain('Client assertions signed with it are refused at once');
    await remove.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => section.locator('tbody tr').filter({ hasText: 'Nightly signer' }).count()).toBe(0);
    expect(await storedKeys(client.id)).toEqual([]);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('takes a JWKS URL instead, and puts the API’s refusal of a plain http URL on that field', async () => {
    await newClient('Published keys');
    const { page, context, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openClient(page, 'Published keys');
    await page.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add credential' });
    await dialog.getByLabel('Type').selectOption({ label: 'Private key JWT (your public key)' });
    await dialog.getByRole('group', { name: 'Public key' }).getByLabel('JWKS URL').check();
    expect(await dialog.getByLabel('Public key (PEM or JWK)').count()).toBe(0);
    const url = dialog.getByRole('textbox', { name: 'JWKS URL' });
    await url.fill('http://keys.example.com/jwks.json');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const error = dialog.locator('#credential-jwks-uri-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('The jwksUri must be an https:// URL; http is not accepted.');
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('alert').count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });
});
