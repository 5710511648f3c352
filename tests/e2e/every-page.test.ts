// Every page every demo role can reach, at desktop and at a phone's 390×844: nothing to scroll
// sideways, and no axe-core violation of impact serious or critical. The pages come from what the
// portal shows the user, not from a list here: the side menu's entries (built from the contexts'
// declarations and the user's permissions), then each page those lead to through the links on them
// (an office, an account), one page per route shape; plus the 404 page, and the login page signed out.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type axe from 'axe-core';
import { trackLoading } from '../support/chromium';
import { login, shot, useBrowser } from './browser';

jest.setTimeout(120_000);

const ROLES = ['leader', 'admin', 'auditor', 'dept-mediation', 'director-01', 'staff-0101', 'inspector'];
const VIEWPORTS = [{ name: 'desktop', phone: false }, { name: 'phone', phone: true }] as const;
/** Pages per role at most: the crawl stops there (one page per route shape keeps it far below). */
const MAX_PAGES = 20;
const NOT_FOUND_PATH = '/no-such-page';

/** axe-core's minified build: half of `axe.source`'s 1.5 MB to parse on each page that gets it. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const newPage = useBrowser();

// The root tsconfig has no DOM lib: the browser globals used below, scoped to this module.
declare const document: { documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number; axe?: typeof axe };

/** `/offices/0101` and `/offices/0102` are one page: the path with its last segment as a parameter. */
const routeShape = (path: string) => {
  const segments = path.split('/').filter(Boolean);
  return segments.length >= 2 ? `/${segments.slice(0, -1).join('/')}/*` : `/${segments.join('/')}`;
};

/** The in-portal paths the page links to (hash routes), query and fragment dropped. */
const linksOn = async (page: Page) =>
  (await page.locator('a[href^="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
    .map((href) => href.slice(1).split('?')[0]!)
    .filter((path) => path !== '/login');

/** Opens a path of the signed-in portal and waits until its code and data have loaded. */
async function open(page: Page, loading: ReturnType<typeof trackLoading>, path: string) {
  await page.goto(`/#${path}`);
  await loading.idle();
  await withoutMotion(page);
}

/**
 * Colours are checked as they end up, not halfway through a transition (a button leaving its loading
 * state fades for 0.2 s, longer on a loaded machine).
 */
const withoutMotion = (page: Page) => page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });

/** What is wrong on the page as it shows now: horizontal overflow, and serious or critical axe violations. */
async function problemsOn(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  if (scrollWidth > innerWidth) problems.push(`${where}: overflows sideways (${scrollWidth} px wide in ${innerWidth} px)`);
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe!.run({ resultTypes: ['violations'] } as never);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')), count: v.nodes.length }));
  });
  for (const v of violations) {
    problems.push(`${where}: ${v.id} (${v.impact}: ${v.help}) on ${v.count} element(s): ${v.targets.join(' | ')}`);
  }
  if (problems.length) await shot(page, `every-page-fail-${where.replace(/\W+/g, '_')}`);
  return problems;
}

/**
 * Visits the role's pages at desktop, finding them as it goes (the menu, then links), and returns
 * the paths it visited with the problems found.
 */
async function crawl(page: Page, role: string): Promise<{ paths: string[]; problems: string[] }> {
  const loading = trackLoading(page);
  await login(page, role);
  await loading.idle();
  const menu = await page.locator('a[data-testid^="menu-"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(menu.length).toBeGreaterThan(0);
  const queue = ['/', ...menu.map((href) => href.slice(1))];
  const shapes = new Set<string>();
  const paths: string[] = [];
  const problems: string[] = [];
  while (queue.length && paths.length < MAX_PAGES) {
    const path = queue.shift()!;
    if (shapes.has(routeShape(path))) continue;
    shapes.add(routeShape(path));
    paths.push(path);
    await open(page, loading, path);
    if (path === '/') await shot(page, `every-page-${role}-desktop-home`);
    problems.push(...(await problemsOn(page, `${role} desktop ${path}`)));
    queue.push(...(await linksOn(page)));
  }
  await open(page, loading, NOT_FOUND_PATH);
  problems.push(...(await problemsOn(page, `${role} desktop ${NOT_FOUND_PATH}`)));
  return { paths, problems };
}

describe.each(ROLES)('every page of %s', (role) => {
  test('fits a phone and a desktop, with no serious or critical accessibility violation', async () => {
    const desktop = await crawl(await newPage(), role);
    const problems = [...desktop.problems];
    const phone = await newPage(undefined, { phone: true });
    const loading = trackLoading(phone);
    await login(phone, role);
    for (const path of [...desktop.paths, NOT_FOUND_PATH]) {
      await open(phone, loading, path);
      if (path === '/') await shot(phone, `every-page-${role}-phone-home`);
      problems.push(...(await problemsOn(phone, `${role} phone ${path}`)));
    }
    expect({ role, pages: desktop.paths, problems }).toEqual({ role, pages: desktop.paths, problems: [] });
  });
});

describe('the login page, signed out', () => {
  test.each(VIEWPORTS)('$name: fits, with no serious or critical accessibility violation', async ({ name, phone }) => {
    const page = await newPage(undefined, { phone });
    const loading = trackLoading(page);
    await page.goto('/#/login');
    await page.getByTestId('login-username').waitFor();
    await loading.idle();
    await withoutMotion(page);
    expect(await problemsOn(page, `signed out ${name} /login`)).toEqual([]);
  });
});
