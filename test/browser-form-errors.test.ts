import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

let kw: TestKeyward;
let browser: Browser;

beforeAll(async () => {
  kw = await startKeyward();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

async function addChips(page: Page, label: string, values: string[]) {
  for (const value of values) {
    await page.getByLabel(label).fill(value);
    await page.getByLabel(label).press('Enter');
  }
}

/** The create-client requests the page sends to the API. */
function countCreateRequests(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/graphql') && request.postData()?.includes('createApiClient')) count++;
  });
  return () => count;
}

async function fillClientForm(page: Page, name: string, emails: string[], ranges: string[]) {
  await page.getByRole('link', { name: 'Add API client' }).click();
  await page.getByLabel('Name').fill(name);
  await addChips(page, 'Contact emails', emails);
  await addChips(page, 'Allowed IP ranges', ranges);
  await page.getByRole('button', { name: 'Create API client' }).click();
}

async function clientNames(): Promise<string[]> {
  return (await kw.sql<{ name: string }>('select name from api_client order by name')).map((r) => r.name);
}

describe('the API client form in Chromium shows every problem at once', () => {
  it('names two bad emails and a bad IP range found by its own check, marks each, and sends nothing', async () => {
    const { page, context, problems } = await openPage(browser);
    const creates = countCreateRequests(page);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await fillClientForm(page, 'Typos', ['ops@example.com', 'a@', 'b@x'], ['203.0.113.7', '10.0.0/8']);

    const emailsError = page.locator('#client-contact-emails-error');
    await expect
      .poll(() => emailsError.textContent())
      .toBe('Contact emails "a@" and "b@x" are not valid email addresses; use addresses such as ops@example.com.');
    expect(await page.locator('#client-allowed-ip-ranges-error').textContent()).toBe(
      'Allowed IP range "10.0.0/8" is not an IP address or CIDR block; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.',
    );
    expect(await page.locator('.chip-invalid .chip-text').allTextContents()).toEqual(['a@', 'b@x', '10.0.0/8']);
    expect(await page.getByRole('button', { name: 'Remove a@ (not valid)' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Remove ops@example.com', exact: true }).count()).toBe(1);
    const alert = await page.getByRole('alert').textContent();
    for (const value of ['"a@"', '"b@x"', '"10.0.0/8"']) expect(alert).toContain(value);
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('client-contact-emails');
    expect(creates()).toBe(0);

    // Fixed, the form sends and the client is made.
    await page.getByRole('button', { name: 'Remove a@ (not valid)' }).click();
    await page.getByRole('button', { name: 'Remove b@x (not valid)' }).click();
    await page.getByRole('button', { name: 'Remove 10.0.0/8 (not valid)' }).click();
    await page.getByRole('button', { name: 'Create API client' }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    expect(await clientNames()).toContain('Typos');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('names every bad email and IP range the API refuses, in one refusal, and marks each', async () => {
    const { page, context, problems } = await openPage(browser);
    const creates = countCreateRequests(page);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Each looks like an address or a block, so only the API, which checks domain labels and prefix lengths, refuses them.
    await fillClientForm(page, 'Subtle mistakes', ['ops@exa_mple.com', 'dev@example.com', 'dev@-example.com'], ['10.0.0.0/33']);

    const emailsError = page.locator('#client-contact-emails-error');
    await expect
      .poll(() => emailsError.textContent())
      .toBe(
        'Contact emails "ops@exa_mple.com" and "dev@-example.com" are not valid email addresses; use addresses such as ops@example.com.',
      );
    expect(await page.locator('#client-allowed-ip-ranges-error').textContent()).toBe(
      'Allowed IP range "10.0.0.0/33" is not an IP address or CIDR block; use forms such as 203.0.113.7, 198.51.100.0/24 or 2001:db8::/32.',
    );
    expect(await page.locator('.chip-invalid .chip-text').allTextContents()).toEqual([
      'ops@exa_mple.com',
      'dev@-example.com',
      '10.0.0.0/33',
    ]);
    expect(await page.getByLabel('Contact emails').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Allowed IP ranges').getAttribute('aria-invalid')).toBe('true');
    expect(creates()).toBe(1);
    expect(await clientNames()).not.toContain('Subtle mistakes');
    expect(problems).toEqual([]);
    await context.close();
  });
});
