import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, PHONE, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';
import { DIALOGS, LONG, PAGES, SIGN_IN_PAGE, seedTour, TOUR_ENV, type Tour, type TourPage, visit } from './support/spa-tour.js';

// page.evaluate callbacks run in the browser; the tests' own types have no DOM library.
declare const document: any;
declare const window: any;
type Element = any;
declare function getComputedStyle(element: Element): { overflowX: string };

let kw: TestKeyward;
let browser: Browser;
let tour: Tour;

beforeAll(async () => {
  kw = await startKeyward({ env: TOUR_ENV });
  tour = await seedTour(kw, await kw.login());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kw?.destroy();
});

/** How wide the page is, and the outermost elements that stick out past `width` (for the failure message). */
function sideways(page: Page, width: number) {
  return page.evaluate((width) => {
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible' && parent !== document.documentElement && parent !== document.body)
          return true;
      }
      return false;
    };
    const outside = [...document.querySelectorAll('body *')].filter(
      (element) => element.getBoundingClientRect().right > width + 0.5 && !clipped(element),
    );
    const outermost = outside.filter((element) => !outside.some((other) => other !== element && other.contains(element)));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth as number,
      outside: outermost.slice(0, 8).map((element) => {
        const name = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`;
        return `${name} (right edge ${Math.round(element.getBoundingClientRect().right)}): ${element.textContent?.slice(0, 60)}`;
      }),
    };
  }, width);
}

/**
 * The page is no wider than the window. On a phone a page that is too wide also makes the browser zoom out (the
 * window then reports the page's width), so the width is checked against the screen's too.
 */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const screenWidth = page.viewportSize()!.width;
  const { scrollWidth, innerWidth, outside } = await sideways(page, screenWidth);
  const message = `${what} is ${scrollWidth} px wide in a ${innerWidth} px window on a ${screenWidth} px screen; sticking out: ${outside.join(' | ')}`;
  expect(scrollWidth, message).toBeLessThanOrEqual(innerWidth);
  expect(innerWidth, message).toBe(screenWidth);
}

async function expectOnScreen(locator: Locator, what: string, viewport: { width: number; height?: number }) {
  const box = await locator.boundingBox();
  expect(box, `${what} is not rendered`).not.toBeNull();
  const { x, y, width, height } = box!;
  const where = `${what} at x ${Math.round(x)}–${Math.round(x + width)}, y ${Math.round(y)}–${Math.round(y + height)}`;
  expect(x, where).toBeGreaterThanOrEqual(0);
  expect(x + width, where).toBeLessThanOrEqual(viewport.width);
  if (viewport.height !== undefined) {
    expect(y, where).toBeGreaterThanOrEqual(0);
    expect(y + height, where).toBeLessThanOrEqual(viewport.height);
  }
}

async function signedInPage(options: Parameters<typeof openPage>[1]) {
  const opened = await openPage(browser, options);
  await signIn(opened.page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  return opened;
}

describe('on a phone (390×844)', () => {
  it('no page scrolls sideways, from sign-in to My account', async () => {
    const { page, context, problems } = await openPage(browser, PHONE);
    await visit(page, kw.baseUrl, tour, SIGN_IN_PAGE);
    await expectNoSidewaysScroll(page, 'The sign-in page');
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const target of PAGES) {
      await visit(page, kw.baseUrl, tour, target);
      await expectNoSidewaysScroll(page, `The ${target.name}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps Sign out, the Add buttons and the Delete buttons on screen', async () => {
    const { page, context } = await signedInPage(PHONE);
    const onPage = async (name: string, buttons: Locator[]) => {
      await visit(page, kw.baseUrl, tour, PAGES.find((target) => target.name === name) as TourPage);
      await expectOnScreen(page.getByRole('button', { name: 'Sign out' }), `Sign out on the ${name}`, PHONE.viewport);
      // Across only: the page may scroll down to a button, but nothing may need scrolling sideways to reach it.
      for (const button of buttons) {
        const what = `${(await button.getAttribute('aria-label')) ?? (await button.textContent())} on the ${name}`;
        await expectOnScreen(button, what, { width: PHONE.viewport.width });
      }
    };
    await onPage('client list', [page.getByRole('link', { name: 'Add API client' })]);
    const credentials = page.getByRole('region', { name: 'Manage Secrets' });
    await onPage('client page', [
      page.getByRole('button', { name: 'Add credential' }),
      page.getByRole('button', { name: 'Delete API client' }),
      credentials.getByRole('button', { name: /^Delete secret / }).first(),
      credentials.getByRole('button', { name: /^Delete certificate / }),
    ]);
    await onPage('long-named client page', [page.getByRole('button', { name: 'Delete API client' })]);
    await onPage('my API keys', [page.getByRole('button', { name: 'Create API key' }), page.getByRole('button', { name: /^Revoke / })]);
    await onPage('vault', [page.getByRole('button', { name: 'Add credential' }), page.getByRole('button', { name: /^Delete / }).first()]);
    await onPage('security', [
      page.getByRole('button', { name: 'Add user' }),
      page.getByRole('button', { name: 'Add team' }),
      page.getByRole('button', { name: 'Add API', exact: true }),
      page.getByRole('button', { name: /^Delete team / }).first(),
      page.getByRole('button', { name: /^Delete scope / }).first(),
    ]);
    await context.close();
  });

  it('opens every dialog with its title and its primary button on screen', async () => {
    const { page, context, problems } = await signedInPage(PHONE);
    for (const dialog of DIALOGS) {
      await visit(page, kw.baseUrl, tour, dialog.page);
      const opened = await dialog.open(page);
      await expectOnScreen(opened.getByRole('heading', { name: dialog.title }), `The title of ${dialog.name}`, PHONE.viewport);
      await expectOnScreen(
        opened.getByRole('button', { name: dialog.primary, exact: true }),
        `${dialog.primary} in ${dialog.name}`,
        PHONE.viewport,
      );
      await expectNoSidewaysScroll(page, `The ${dialog.page.name} with ${dialog.name} open`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('on a small phone (360×740)', () => {
  it('neither the client page nor the audit trail scrolls sideways', async () => {
    const { page, context } = await signedInPage({ ...PHONE, viewport: { width: 360, height: 740 } });
    for (const name of ['client page', 'audit trail']) {
      await visit(page, kw.baseUrl, tour, PAGES.find((target) => target.name === name) as TourPage);
      await expectNoSidewaysScroll(page, `The ${name}`);
    }
    await context.close();
  });
});

describe('on a desktop', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1440, height: 900 },
  ]) {
    it(`fits the audit trail's table into its area at ${viewport.width} px, long values wrapped in full`, async () => {
      const { page, context } = await signedInPage({ viewport });
      await visit(page, kw.baseUrl, tour, PAGES.find((target) => target.name === 'audit trail') as TourPage);
      const table = page.locator('main table');
      const fit = await table.evaluate((element) => {
        const container = element.parentElement!;
        return { table: element.scrollWidth, container: container.clientWidth, containerScroll: container.scrollWidth };
      });
      expect(fit.table, `the table is ${fit.table} px wide in a ${fit.container} px area`).toBeLessThanOrEqual(fit.container);
      expect(fit.containerScroll).toBeLessThanOrEqual(fit.container);
      await expectNoSidewaysScroll(page, 'The audit trail');

      // The widest row: a long actor, a long client in its changes, an IPv6 address; all shown in full, Details on screen.
      const row = page.locator('main tbody tr', { hasText: LONG.ip }).first();
      const text = await row.textContent();
      for (const value of [LONG.email, LONG.clientName, LONG.ip]) expect(text).toContain(value);
      const details = row.getByRole('button', { name: /^Details of / });
      await expectOnScreen(details, 'Details', { width: viewport.width });
      const tableBox = (await table.boundingBox())!;
      expect((await details.boundingBox())!.x + (await details.boundingBox())!.width).toBeLessThanOrEqual(tableBox.x + tableBox.width);
      await context.close();
    });
  }
});
