import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

let kw: TestKeyward;
let browser: Browser;
let receiver: WebhookReceiver;

beforeAll(async () => {
  kw = await startKeyward({ env: { KEYWARD_OUTBOUND_ALLOW_ADDRESSES: '127.0.0.1' } });
  receiver = await startWebhookReceiver();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
  await receiver?.close();
});

describe('Security → Webhooks in the browser', () => {
  it('adds an endpoint, shows its signing secret once, lists its deliveries, redelivers and sends a test', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
    const section = page.getByRole('region', { name: 'Webhooks' });
    await section.getByRole('button', { name: 'Add endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add webhook endpoint' });
    await dialog.getByLabel('URL').fill('http://hooks.example.com/in');
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    // The refusal is shown at the field it names.
    await expect.poll(() => dialog.getByText(/must be an https:\/\/ URL/).count()).toBe(1);
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByLabel('audit.event').uncheck();
    await dialog.getByLabel('client.created').check();
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    const added = page.getByRole('dialog', { name: 'Webhook endpoint added' });
    await added.getByRole('button', { name: 'Show secret' }).click();
    receiver.secret = await added.getByLabel('Signing secret').inputValue();
    expect(receiver.secret).toMatch(/^whsec_/);
    await added.getByRole('button', { name: 'Continue' }).click();
    await section.getByRole('cell', { name: receiver.url, exact: true }).waitFor();
    expect(await page.content()).not.toContain(receiver.secret);

    await kw.apiClient(await kw.login(), { name: 'Seen in the browser' });
    await expect.poll(() => receiver.acceptedIds().length, { timeout: 15_000 }).toBe(1);
    expect(receiver.accepted()[0]).toMatchObject({ type: 'client.created', verified: true });

    await section.getByRole('button', { name: `Deliveries of ${receiver.url}` }).click();
    const log = page.getByRole('dialog', { name: `Deliveries to ${receiver.url}` });
    await log.getByRole('cell', { name: /^client\.created msg_/ }).waitFor();
    await log.getByRole('button', { name: /^Redeliver client\.created/ }).click();
    await log
      .getByRole('status')
      .getByText(/answered HTTP 204/)
      .waitFor();
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1].id).toBe(receiver.requests[0].id);
    await log.getByRole('button', { name: 'Close' }).click();

    await section.getByRole('button', { name: `Send a test to ${receiver.url}` }).click();
    await section
      .getByRole('status')
      .getByText(/^Delivered: The endpoint answered HTTP 204/)
      .waitFor();
    expect(receiver.requests.at(-1)).toMatchObject({ type: 'webhook.test', verified: true });
    expect(problems).toEqual([]);
  });
});
