import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type PageOptions, PHONE, signIn } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startKeyward, type TestKeyward } from './support/keyward.js';
import { DIALOGS, PAGES, SIGN_IN_PAGE, seedTour, TOUR_ENV, type Tour, visit } from './support/spa-tour.js';

// page.evaluate callbacks run in the browser; the tests' own types have no DOM library.
declare const window: any;
declare const document: any;

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

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's violations of impact serious or critical on the page as it is now, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Keyward's CSP (script-src 'self') refuses page.addScriptTag's inline script, and rightly: axe is evaluated through
  // the DevTools protocol instead, so the page under test keeps its real CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const results: axe.AxeResults = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact: impact ?? null,
      help,
      nodes: nodes.map((node) => ({ target: node.target.map(String), failureSummary: node.failureSummary })),
    }));
  });
  return (violations as Violation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      ({ id, impact, help, nodes }) =>
        `${id} (${impact}): ${help} — ${nodes
          .slice(0, 5)
          .map((node) => `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ')}]` : ''}`)
          .join('; ')}`,
    );
}

const SCREENS: { name: string; options: PageOptions }[] = [
  { name: 'desktop (1280×900)', options: { viewport: { width: 1280, height: 900 } } },
  { name: 'phone (390×844)', options: PHONE },
];

/** Some twenty dialogs, each opened on a freshly loaded page and checked by axe: more than the default minute. */
const DIALOG_TOUR_TIMEOUT_MS = 150_000;

describe.each(SCREENS)('axe-core on a $name', ({ options }) => {
  it('finds no serious or critical violation on any page', async () => {
    const { page, context } = await openPage(browser, options);
    const found: string[] = [];
    await visit(page, kw.baseUrl, tour, SIGN_IN_PAGE);
    for (const violation of await seriousViolations(page)) found.push(`sign-in: ${violation}`);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const target of PAGES) {
      await visit(page, kw.baseUrl, tour, target);
      for (const violation of await seriousViolations(page)) found.push(`${target.name}: ${violation}`);
    }
    expect(found, found.join('\n')).toEqual([]);
    await context.close();
  });

  it('finds none with each main dialog open', { timeout: DIALOG_TOUR_TIMEOUT_MS }, async () => {
    const { page, context } = await openPage(browser, options);
    await signIn(page, kw.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    const found: string[] = [];
    for (const dialog of DIALOGS) {
      await visit(page, kw.baseUrl, tour, dialog.page);
      await dialog.open(page);
      for (const violation of await seriousViolations(page)) found.push(`${dialog.name}: ${violation}`);
    }
    expect(found, found.join('\n')).toEqual([]);
    await context.close();
  });
});
