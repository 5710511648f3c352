// Shared by the browser tests: headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH), one
// fresh context per page (own sessionStorage, zh-CN, China time), screenshots under
// .test-artifacts/e2e/, and logging in through the login page.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { cloud } from '../support/cloud';

export const ARTIFACTS = resolve(__dirname, '../../.test-artifacts/e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The county's time zone: what the portal's dates and the audit range picker are read in. */
export const TIME_ZONE = 'Asia/Shanghai';

/**
 * Registers beforeAll/afterEach/afterAll hooks for a test file and returns its page factory: every
 * `newPage()` opens a context of its own (two pages of one user are two tabs, each with its own
 * session); all of them are closed after each test.
 */
export function useBrowser() {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser context (own sessionStorage and localStorage) with one page. */
  return async (init?: () => void): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: TIME_ZONE,
      baseURL: cloud().url,
    });
    contexts.push(context);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  };
}


/** Logs in through the login page (default: the demo password) and waits for the signed-in layout. */
export const login = async (page: Page, username: string, password = cloud().demoPassword!) => {
  await page.goto('/#/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-name').waitFor();
};

/** The next response of `method` to a URL whose path ends with `path` (query ignored). */
export const nextResponse = (page: Page, method: string, path: string) =>
  page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(path));

// The root tsconfig has no DOM lib: the one browser global used below, scoped to this module.
declare const document: {
  getAnimations(): Array<{ effect: { getTiming(): { iterations?: number } } | null; finished: Promise<unknown> }>;
};

/** Waits for the page's finite animations (antd's fade-ins of notifications, modals) to finish. */
export const settled = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getTiming().iterations ?? Infinity))
        .map((a) => a.finished.catch(() => undefined)),
    ).then(() => undefined),
  );

/** A full-page screenshot; `settle` first waits for fade-ins (a notification just shown). */
export const shot = async (page: Page, name: string, opts: { settle?: boolean } = {}) => {
  if (opts.settle) await settled(page);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
};
