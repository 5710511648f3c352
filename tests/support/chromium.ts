// Headless Chromium as the browser tests and the bench run it: Debian's /usr/bin/chromium, or CHROMIUM_PATH.
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = () =>
  chromium.launch({
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

/**
 * Counts a page's requests in flight, from now on: `idle()` resolves once none has been in flight for
 * `quietMs` and no skeleton or spinner shows (a page has loaded its code and data, a home its cards).
 */
export function trackLoading(page: Page) {
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (by: number) => {
    inFlight += by;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  return {
    async idle(quietMs = 300, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // A loading indicator counts as activity too: quiet is measured from when the last one went.
        if ((await page.locator(LOADING).filter({ visible: true }).count()) > 0) lastChange = Date.now();
        if (inFlight === 0 && Date.now() - lastChange >= quietMs) return;
        if (Date.now() > deadline) throw new Error(`${page.url()} still loading after ${timeoutMs} ms (${inFlight} requests in flight)`);
        await page.waitForTimeout(50);
      }
    },
  };
}

/** What the portal shows while it loads: antd's skeletons, spinners and buttons waiting for an answer. */
const LOADING = '.ant-skeleton, .ant-spin-spinning, .ant-btn-loading';
