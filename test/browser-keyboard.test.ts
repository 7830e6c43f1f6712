import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';

// Everything here is done with the keyboard alone: Tab, Shift+Tab, Enter, Space, Escape and typing. No clicks.

const SECRET = /^kwcs_[0-9A-Za-z]{49}$/;
const MAX_PRESSES = 40;

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

function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === element.ownerDocument.activeElement);
}

/** The focused element by role and accessible name, as Playwright sees it (e.g. `button "Continue"`), for failure messages. */
async function focusedElement(page: Page): Promise<string> {
  const focused = page.locator(':focus');
  if ((await focused.count()) === 0) return 'the page itself (<body>)';
  const snapshot = await focused.first().ariaSnapshot();
  return snapshot.split('\n')[0].replace(/^- /, '');
}

/** Presses Tab (or Shift+Tab) until `target` has focus, at most MAX_PRESSES times; fails naming everything that got focus. */
async function tabTo(page: Page, target: Locator, { backwards = false } = {}): Promise<void> {
  const visited: string[] = [];
  for (let presses = 0; presses < MAX_PRESSES; presses++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    visited.push(await focusedElement(page));
  }
  if (await hasFocus(target)) return;
  throw new Error(
    `${MAX_PRESSES} presses of ${backwards ? 'Shift+Tab' : 'Tab'} never reached the target; focus went to: ${visited.join(', ')}`,
  );
}

/** Waits until `target` has focus (focus moves after React renders); a failure names what has focus instead. */
async function expectFocusOn(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  await expect.poll(async () => ((await hasFocus(target)) ? 'on target' : await focusedElement(page)), { timeout: 5000 }).toBe('on target');
}

function focusIsInside(dialog: Locator): Promise<boolean> {
  return dialog.evaluate((element) => {
    const active = element.ownerDocument.activeElement;
    return active !== element && element.contains(active);
  });
}

/** Tab `presses` times forwards (or backwards) and checks after each press that focus is still on a control of the dialog. */
async function expectFocusTrapped(page: Page, dialog: Locator, presses: number, key: 'Tab' | 'Shift+Tab'): Promise<void> {
  const outside: string[] = [];
  for (let press = 1; press <= presses; press++) {
    await page.keyboard.press(key);
    if (!(await focusIsInside(dialog))) outside.push(`press ${press}: ${await focusedElement(page)}`);
  }
  expect(outside, `${key} left the dialog`).toEqual([]);
}

describe('the admin SPA with the keyboard alone', () => {
  it('keeps focus where a keyboard user expects it through sign-in, a new client, its secrets, dialogs and navigation', async () => {
    const { page, context, problems } = await openPage(browser, { clipboard: true });
    await page.goto(`${kw.baseUrl}/`);

    // Sign in: after the move to API Clients, focus is on its heading and the title names the page.
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(ADMIN_EMAIL);
    await tabTo(page, page.getByLabel('Password'));
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await expectFocusOn(page, page.getByRole('heading', { name: 'API Clients', level: 1 }));
    expect(await page.title()).toBe('API Clients · Keyward');

    // A new client: Enter on the link moves to the form, focus on its heading; after Create, on the client's heading.
    await tabTo(page, page.getByRole('link', { name: 'Add API client' }));
    await page.keyboard.press('Enter');
    await expectFocusOn(page, page.getByRole('heading', { name: 'Add API client', level: 1 }));
    expect(await page.title()).toBe('Add API client · Keyward');
    await tabTo(page, page.getByLabel('Name'));
    await page.keyboard.type('Keyboard gateway');
    await tabTo(page, page.getByLabel('Contact emails'));
    await page.keyboard.type('ops@example.com');
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Create API client' }));
    await page.keyboard.press('Enter');
    await expectFocusOn(page, page.getByRole('heading', { name: 'Keyboard gateway', level: 1 }));
    expect(await page.title()).toBe('Keyboard gateway · Keyward');

    const section = page.getByRole('region', { name: 'Manage Secrets' });
    const add = section.getByRole('button', { name: 'Add credential' });
    const dialog = page.getByRole('dialog', { name: 'Add credential' });

    // The Add dialog: focus on its first field, Tab and Shift+Tab stay inside, Escape closes it and goes back to Add.
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await expectFocusOn(page, dialog.getByLabel('Type'));
    await expectFocusTrapped(page, dialog, 30, 'Tab');
    await expectFocusTrapped(page, dialog, 30, 'Shift+Tab');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expectFocusOn(page, add);

    // Again with Space, and create a secret: focus goes to the one-time value, which is described by its warning.
    await page.keyboard.press('Space');
    await expectFocusOn(page, dialog.getByLabel('Type'));
    await tabTo(page, dialog.getByLabel('Description'));
    await page.keyboard.type('Keyboard production');
    await tabTo(page, dialog.getByRole('button', { name: 'Create' }));
    await page.keyboard.press('Enter');
    const secretField = dialog.getByLabel('Client secret', { exact: true });
    await expectFocusOn(page, secretField);
    const warning = await secretField.evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id: string) => input.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(warning).toBe('Copy this secret now. It cannot be retrieved after you select Continue.');
    await expectFocusTrapped(page, dialog, 30, 'Tab');

    // Show it, copy it with the copy button: the clipboard holds the secret shown.
    await tabTo(page, dialog.getByRole('button', { name: 'Show secret' }));
    await page.keyboard.press('Space');
    const secret = await secretField.inputValue();
    expect(secret).toMatch(SECRET);
    await tabTo(page, dialog.getByRole('button', { name: 'Copy secret' }));
    await page.keyboard.press('Enter');
    await dialog.getByText('Copied', { exact: true }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    await tabTo(page, dialog.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expectFocusOn(page, add);

    // Rotate: Escape goes back to the row's Rotate button; after Continue the old row has no Rotate button, so focus
    // goes to Add.
    const hint = `kwcs_…${secret.slice(-4)}`;
    const rows = section.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const rotateButton = section.getByRole('button', { name: `Rotate secret ${hint}` });
    const rotate = page.getByRole('dialog', { name: `Rotate secret ${hint}` });
    await tabTo(page, rotateButton);
    await page.keyboard.press('Enter');
    await expectFocusOn(page, rotate.getByLabel('7 days'));
    await expectFocusTrapped(page, rotate, 30, 'Shift+Tab');
    await page.keyboard.press('Escape');
    await expect.poll(() => rotate.count()).toBe(0);
    await expectFocusOn(page, rotateButton);
    await page.keyboard.press('Enter');
    await expectFocusOn(page, rotate.getByLabel('7 days'));
    await tabTo(page, rotate.getByRole('button', { name: 'Rotate', exact: true }));
    await page.keyboard.press('Enter');
    await expectFocusOn(page, rotate.getByLabel('New client secret', { exact: true }));
    await tabTo(page, rotate.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => rotate.count()).toBe(0);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rotateButton.count()).toBe(0);
    await expectFocusOn(page, add);

    // Delete the old secret: Escape goes back to its Delete button; once deleted (row gone), focus is on Add.
    const deleteButton = section.getByRole('button', { name: `Delete secret ${hint}` });
    const confirm = page.getByRole('dialog', { name: `Delete secret ${hint}` });
    await tabTo(page, deleteButton);
    await page.keyboard.press('Enter');
    await expectFocusOn(page, confirm.getByRole('button', { name: 'Cancel' }));
    await expectFocusTrapped(page, confirm, 30, 'Tab');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    await expectFocusOn(page, deleteButton);
    await page.keyboard.press('Enter');
    await tabTo(page, confirm.getByRole('button', { name: 'Delete', exact: true }));
    await page.keyboard.press('Enter');
    await expect.poll(() => confirm.count()).toBe(0);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await deleteButton.count()).toBe(0);
    await expectFocusOn(page, add);

    // Delete the client: Escape goes back to its button; once deleted, the list's heading has focus.
    const deleteClient = page.getByRole('button', { name: 'Delete API client' });
    const confirmClient = page.getByRole('dialog', { name: 'Delete API client' });
    await tabTo(page, deleteClient, { backwards: true });
    await page.keyboard.press('Enter');
    await expectFocusOn(page, confirmClient.getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Escape');
    await expect.poll(() => confirmClient.count()).toBe(0);
    await expectFocusOn(page, deleteClient);
    await page.keyboard.press('Enter');
    await tabTo(page, confirmClient.getByRole('button', { name: 'Delete', exact: true }));
    await page.keyboard.press('Enter');
    await expectFocusOn(page, page.getByRole('heading', { name: 'API Clients', level: 1 }));
    expect(await page.title()).toBe('API Clients · Keyward');
    expect(await page.getByRole('link', { name: 'Keyboard gateway' }).count()).toBe(0);

    // Enter on a navigation link: the new page's heading has focus and names the page.
    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }), { backwards: true });
    await page.keyboard.press('Enter');
    await expectFocusOn(page, page.getByRole('heading', { name: 'Audit trail', level: 1 }));
    expect(await page.title()).toBe('Audit trail · Keyward');

    expect(problems).toEqual([]);
    await context.close();
  });
});
