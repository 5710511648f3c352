// Shared by the browser tests: headless Chromium (tests/support/chromium.ts), one
// fresh context per page (own sessionStorage, zh-CN, China time; a phone's viewport on request),
// screenshots under .test-artifacts/e2e/, and logging in through the login page's steps (the second
// factor's code computed from a secret the test holds).
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { cloud } from '../support/cloud';
import { totpCode } from '../support/totp-code';

export const ARTIFACTS = resolve(__dirname, '../../.test-artifacts/e2e');
/** The county's time zone: what the portal's dates and the audit range picker are read in. */
export const TIME_ZONE = 'Asia/Shanghai';

/**
 * Registers beforeAll/afterEach/afterAll hooks for a test file and returns its page factory: every
 * `newPage()` opens a context of its own (two pages of one user are two tabs, each with its own
 * session); all of them are closed after each test.
 */
export function useBrowser(where: { baseURL?: () => string } = {}) {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser context (own sessionStorage and localStorage) with one page; `phone`: 390×844, touch. */
  return async (init?: () => void, opts: { phone?: boolean } = {}): Promise<Page> => {
    const context = await browser.newContext({
      viewport: opts.phone ? PHONE : { width: 1440, height: 900 },
      ...(opts.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      locale: 'zh-CN',
      timezoneId: TIME_ZONE,
      baseURL: where.baseURL?.() ?? cloud().url,
    });
    contexts.push(context);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  };
}


/** A phone's screen (iPhone 12–14 class): the login steps and the security pages must work at this size. */
export const PHONE = { width: 390, height: 844 };

export { totpCode };

/** The signed-in user's landing: the home (工作台, `/#/`), with its cards or the word that there are none. */
export const atHome = async (page: Page) => {
  await page.locator('[data-testid="home"], [data-testid="no-features"]').first().waitFor();
  expect(new URL(page.url()).hash).toBe('#/');
};

/**
 * Logs in through the login page (default: the demo password) and waits for the home, where every
 * user lands. With `totpSecret`, answers the second-factor step with a code computed from it.
 */
export const login = async (page: Page, username: string, password = cloud().demoPassword!, opts: { totpSecret?: string } = {}) => {
  await page.goto('/#/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const next = page.locator(['header-name', 'login-totp', 'totp-enrolment', 'login-error'].map((id) => `[data-testid="${id}"]`).join(', '));
  await next.first().waitFor();
  const step = await next.first().getAttribute('data-testid');
  if (step === 'header-name') return atHome(page);
  if (step === 'login-error') throw new Error(`login ${username}: ${await page.getByTestId('login-error').textContent()}`);
  if (step === 'totp-enrolment') throw new Error(`login ${username}: the second factor must be set up first (an enrolment step)`);
  if (!opts.totpSecret) throw new Error(`login ${username}: a second-factor code is asked for, and the test gave no secret`);
  await page.getByTestId('login-totp-code').fill(await totpCode(opts.totpSecret));
  await page.getByTestId('login-totp-submit').click();
  await atHome(page);
};

/** The side menu on a wide screen; on a phone, the drawer opened by the menu button. */
const showMenu = async (page: Page) => {
  const toggle = page.getByTestId('menu-toggle');
  if (!(await toggle.isVisible())) return; // a wide screen: the side menu is always there
  // On a phone: the drawer open (and staying open: rc-drawer marks it `ant-drawer-open`) is used as it
  // is; one still sliding away after the last entry chosen — its menu visible for a moment, then not —
  // is left to go, then opened again.
  if (await page.locator('.ant-drawer-open [data-testid="side-menu"]').isVisible()) return;
  await page.getByTestId('menu-drawer').waitFor({ state: 'hidden' });
  await toggle.click();
  await page.getByTestId('side-menu').waitFor();
};

/** The menu's entries as the user sees them (the drawer's on a phone, opened first). */
export const menuEntries = async (page: Page) => {
  await showMenu(page);
  return page.getByTestId('side-menu').locator('a').allTextContents();
};

/** Opens a menu entry (`data-testid="menu-<id>"`), through the drawer on a phone, and waits for its path. */
export const openMenu = async (page: Page, id: string, hash: string) => {
  await showMenu(page);
  await page.getByTestId(`menu-${id}`).click();
  await page.waitForURL(`**/${hash}`);
};

/**
 * The next response of `method` to a URL whose path ends with `path` (query ignored). If none comes,
 * the error says what the page showed instead (form errors, notices) and a screenshot is kept.
 */
export const nextResponse = (page: Page, method: string, path: string) =>
  page
    .waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(path))
    .catch(async (e: Error) => {
      const shown = await page
        .locator('.ant-form-item-explain-error, .ant-notification-notice, .ant-message-notice, .ant-alert')
        .allTextContents()
        .catch(() => []);
      const file = join(ARTIFACTS, `no-response-${method}-${path.replace(/\W+/g, '_')}-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      throw new Error(`${e.message}\nno ${method} …${path}; the page showed: ${JSON.stringify(shown)} (screenshot ${file})`);
    });

const DOWNLOAD_TYPES = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/**
 * Clicks the download button `testId` and waits for the file route ending with `path` to answer 200
 * with its content type (by the path's extension) and for the browser to save it; answers the file.
 */
export const downloadByButton = async (page: Page, path: string, testId: string): Promise<{ bytes: Buffer; fileName: string }> => {
  const kind = path.endsWith('.pdf') ? 'pdf' : 'xlsx';
  const answered = nextResponse(page, 'GET', path);
  const saved = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const answer = await answered;
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe(DOWNLOAD_TYPES[kind]);
  const download = await saved;
  expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${kind}$`));
  return { bytes: readFileSync((await download.path())!), fileName: download.suggestedFilename() };
};

// The root tsconfig has no DOM lib: the browser globals used below, scoped to this module.
declare const document: {
  getAnimations(): Array<{ effect: { getTiming(): { iterations?: number } } | null; finished: Promise<unknown> }>;
  documentElement: { scrollWidth: number };
};

/** The page fits the phone's width: nothing to scroll sideways. */
export const fitsPhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

/** 退出登录 from the account menu. */
export async function signOut(page: Page) {
  await page.getByTestId('account-menu').click();
  const ended = nextResponse(page, 'POST', '/api/auth/logout');
  await page.getByTestId('logout').click();
  expect((await ended).status()).toBe(204);
  await page.getByTestId('login-username').waitFor();
}

/** The password step alone (the test takes the next step itself). */
export async function passwordStep(page: Page, username: string, password: string) {
  await page.goto('/#/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

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

/**
 * Opens an antd Select and answers its own dropdown: the one holding the listbox its input controls.
 * `.ant-select-dropdown:visible` alone can also match the previous select's dropdown while it still
 * slides out (seen in CI: two matched, a strict-mode failure).
 */
export const openSelect = async (page: Page, select: Locator): Promise<Locator> => {
  await select.click();
  const listId = await select.locator('[aria-controls]').getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) });
  await dropdown.waitFor();
  return dropdown;
};

/**
 * Picks the first option of an antd Select by keyboard (opened, then Enter on the active first option):
 * no click on a list that may still be moving in, or on one still fading out from the Select before.
 */
export const chooseFirst = async (page: Page, testId: string) => {
  const select = page.getByTestId(testId);
  await select.click();
  await page.keyboard.press('Enter');
  await select.locator('.ant-select-content-has-value').waitFor();
};

/**
 * Picks the option titled `title` (or starting with it, `prefix`) of a dropdown from `openSelect`,
 * once its slide-in has ended: a click during it can land beside the option on a busy machine (seen
 * once in CI: no role picked).
 */
export const pickOption = async (page: Page, dropdown: Locator, title: string, prefix = false) => {
  const option = dropdown.locator(`.ant-select-item-option[title${prefix ? '^' : ''}="${title}"]`);
  await option.waitFor();
  await settled(page);
  await option.click();
};

/**
 * antd's popups that close when the window loses focus (rc-trigger closes on window blur) — and a
 * full-page capture resizes the viewport, which now and then blurs the window for an instant.
 */
const CLOSED_ON_BLUR = ['.ant-popover', '.ant-dropdown', '.ant-select-dropdown', '.ant-picker-dropdown', '.ant-tooltip'];

/**
 * A screenshot, of the full page unless such a popup is open (then of the viewport, which needs no
 * resize, so the popup stays open for the steps after); `settle` first waits for fade-ins.
 */
export const shot = async (page: Page, name: string, opts: { settle?: boolean } = {}) => {
  if (opts.settle) await settled(page);
  const popupOpen = (await page.locator(CLOSED_ON_BLUR.map((c) => `${c}:visible`).join(', ')).count()) > 0;
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: !popupOpen });
};
