import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

// The Chrome/Chromium that scripts/check-test-tools.mjs found (or installed) before the run, driven by playwright-core.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: \`node scripts/check-test-tools.mjs\` says what to install.`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors (a CSP violation shows up here too); tests expect none. */
  problems: string[];
}

/** A phone held upright (an iPhone 14's CSS viewport): touch, a mobile viewport meta honoured, 3× pixels. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 } as const;

export interface PageOptions {
  clipboard?: boolean;
  downloads?: boolean;
  expected?: RegExp[];
  /** Defaults to 1280×900, a desktop browser. */
  viewport?: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
  deviceScaleFactor?: number;
  timezoneId?: string;
  locale?: string;
}

/**
 * A fresh context and page; `expected` lists console errors a test provokes on purpose, `downloads`
 * makes the context accept downloads explicitly (for `page.waitForEvent('download')`), `timezoneId`
 * (e.g. America/Los_Angeles) and `locale` (e.g. en-US) set the browser's time zone and language, and
 * `viewport` and the device options (e.g. `...PHONE`) emulate another screen.
 */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<TestPage> {
  const { viewport = { width: 1280, height: 900 }, isMobile, hasTouch, deviceScaleFactor } = options;
  const context = await browser.newContext({
    viewport,
    ...(isMobile ? { isMobile } : {}),
    ...(hasTouch ? { hasTouch } : {}),
    ...(deviceScaleFactor ? { deviceScaleFactor } : {}),
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}),
    ...(options.downloads ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.expected?.some((pattern) => pattern.test(message.text()))) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { page, context, problems };
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'API Clients' }).waitFor();
}
