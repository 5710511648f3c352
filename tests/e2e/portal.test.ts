// The portal in headless Chromium against the whole local cloud (seeded demo county): who sees what,
// another office answering as a missing one, the server's field error beside its input, the expired-session
// and idle messages (idle winning over the calls that find the session gone). One screenshot per
// scenario under .test-artifacts/e2e/.
import { IDLE_TIMEOUT_MINUTES } from '@sifasuo/domain';
import { login, shot, useBrowser } from './browser';

// Browser globals used inside page callbacks (the root tsconfig has no DOM lib); scoped to this module.
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
declare const localStorage: typeof sessionStorage;
declare const document: { dispatchEvent(event: Event): boolean };

jest.setTimeout(120_000);

const newPage = useBrowser();

describe('portal', () => {
  it('an office staff member sees only their own office and its staff; another office is 不存在', async () => {
    const page = await newPage();
    await login(page, 'staff-0101');

    // Lands on the own office (本所概况) with its staff.
    await page.waitForURL('**/#/offices/0101');
    await expect(page.getByTestId('office-id').textContent()).resolves.toBe('0101');
    const rows = page.getByTestId('staff-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    // ID numbers are masked by default.
    const masked = await page.locator('[data-testid^="id-masked-"]').first().textContent();
    expect(masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);

    // The menu offers only the own office: no list of all offices, no admin pages.
    const menu = page.getByTestId('side-menu');
    await expect(menu.textContent()).resolves.toContain('本所概况');
    expect(await menu.locator('a').count()).toBe(1);
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    await shot(page, '1-office-staff-own-office');

    // The offices list is not theirs to see…
    await page.goto('/#/offices');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('office-item').count()).toBe(0);

    // …and another office answers as one that does not exist (ids cannot be probed): 司法所不存在.
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/org/offices/0201'));
    await page.goto('/#/offices/0201');
    expect((await refused).status()).toBe(404);
    await page.getByTestId('not-found').waitFor();
    await expect(page.getByTestId('not-found').textContent()).resolves.toContain('司法所不存在');
    expect(await page.getByTestId('staff-table').count()).toBe(0);
    await shot(page, '2-office-staff-other-office-not-found');
  });

  it('the bureau leader sees all 8 areas and all 49 offices, one 片区中心所 per area', async () => {
    const page = await newPage();
    await login(page, 'leader');
    await page.waitForURL('**/#/offices');
    await page.getByTestId('area-card').first().waitFor();
    expect(await page.getByTestId('area-card').count()).toBe(8);
    expect(await page.getByTestId('office-item').count()).toBe(49);
    const ids = await page.getByTestId('office-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-office')));
    expect(new Set(ids).size).toBe(49);
    await expect(page.getByTestId('offices-summary').textContent()).resolves.toMatch(/共\s*8\s*个片区，\s*49\s*个司法所/);
    for (const card of await page.getByTestId('area-card').all()) {
      expect(await card.getByText('片区中心所', { exact: true }).count()).toBe(1);
    }
    await shot(page, '3-leader-all-offices');

    // The leader may open any office (read only: no staff editing).
    await page.locator('[data-office="0201"] a').click();
    await page.waitForURL('**/#/offices/0201');
    await expect(page.getByTestId('office-id').textContent()).resolves.toBe('0201');
    expect(await page.getByTestId('staff-create').count()).toBe(0);
  });

  it("the server's Chinese field errors land beside their inputs in the staff form", async () => {
    // Client-side checks off, so every message shown comes from the server's 400 `fields`.
    const page = await newPage(() => localStorage.setItem('sifasuo.clientValidation', 'off'));
    await login(page, 'staff-0101');
    await page.waitForURL('**/#/offices/0101');
    // Earlier runs against a long-lived cloud (SIFASUO_CLOUD) may have added a 测试人员 already.
    const staffRows = page.getByTestId('staff-table').locator('tbody tr.ant-table-row');
    await staffRows.first().waitFor();
    const named = staffRows.filter({ has: page.locator('td', { hasText: /^测试人员$/ }) });
    const namedBefore = await named.count();
    await page.getByTestId('staff-create').click();
    const form = page.getByTestId('staff-form');
    await form.waitFor();
    await page.getByTestId('staff-name').fill('测试人员');
    await form.getByText('女', { exact: true }).click();
    await page.getByTestId('staff-phone').fill('12345');
    await page.getByTestId('staff-idNumber').fill('110105199001011234'); // wrong check digit
    const pick = async (testId: string, option: string) => {
      await page.getByTestId(testId).click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
    };
    await pick('staff-post', '司法助理员');
    await pick('staff-education', '大学本科');

    const rejected = page.waitForResponse((r) => r.url().endsWith('/api/org/offices/0101/staff') && r.request().method() === 'POST');
    await page.getByTestId('staff-submit').click();
    const response = await rejected;
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { code: string; fields: Record<string, string> };
    expect(body.code).toBe('VALIDATION');
    expect(body.fields.phone).toMatch(/联系电话/);
    expect(body.fields.idNumber).toMatch(/身份证号/);

    // Each message sits in the form item of its own input.
    const errorOf = (testId: string) =>
      page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');
    await errorOf('staff-phone').waitFor();
    await shot(page, '4-staff-form-server-field-errors');
    await expect(errorOf('staff-phone').textContent()).resolves.toBe(body.fields.phone);
    await expect(errorOf('staff-idNumber').textContent()).resolves.toBe(body.fields.idNumber);
    expect(await errorOf('staff-name').allTextContents()).toEqual([]);

    // Corrected, the same form saves and the new person appears in the table.
    await page.getByTestId('staff-phone').fill('13800001234');
    await page.getByTestId('staff-idNumber').fill('');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/org/offices/0101/staff') && r.request().method() === 'POST');
    await page.getByTestId('staff-submit').click();
    expect((await created).status()).toBe(201);
    await named.nth(namedBefore).waitFor();
  });

  it('a session past its end or an idle timeout returns to the login page with a clear message', async () => {
    const page = await newPage();
    await login(page, 'leader');
    await page.waitForURL('**/#/offices');
    // Let the session's absolute lifetime run out (as if the tab had been left open past its end), then
    // come back to the tab: the portal notices at once and leaves for the login page.
    await Promise.all([
      page.waitForURL('**/#/login?reason=expired'),
      page.evaluate(() => {
        const s = JSON.parse(sessionStorage.getItem('sifasuo.session')!);
        sessionStorage.setItem('sifasuo.session', JSON.stringify({ ...s, sessionExpiresAt: Date.now() - 1000 }));
        setTimeout(() => document.dispatchEvent(new Event('visibilitychange')), 0);
      }),
    ]);
    await expect(page.getByTestId('login-notice').textContent()).resolves.toContain('登录已过期');
    expect(await page.evaluate(() => sessionStorage.getItem('sifasuo.session'))).toBeNull();
    await shot(page, '5-session-expired-login');

    // Idle for longer than IDLE_TIMEOUT_MINUTES: logged out with its own message.
    await login(page, 'leader');
    await page.waitForURL('**/#/offices');
    await Promise.all([
      page.waitForURL('**/#/login?reason=idle'),
      page.evaluate((minutes) => {
        sessionStorage.setItem('sifasuo.lastActivity', String(Date.now() - (minutes + 1) * 60_000));
        setTimeout(() => document.dispatchEvent(new Event('visibilitychange')), 0);
      }, IDLE_TIMEOUT_MINUTES),
    ]);
    await expect(page.getByTestId('login-notice').textContent()).resolves.toContain(`${IDLE_TIMEOUT_MINUTES}分钟未操作`);
    await shot(page, '6-idle-timeout-login');
  });

  it('idle past the limit (and past the session\'s end) while a page is loading: the idle reason wins over the calls that find the session gone', async () => {
    // A busy machine, made deterministic: the offices page's code arrives only after the user has been
    // idle. The page then sends two calls at once (areas and offices); the first ends the session for
    // being idle, the second finds no session — the login page must still say why: idle, not expired
    // (the session ran out meanwhile too) and not "unauthenticated".
    const page = await newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/assets/Offices-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await login(page, 'leader');
    await page.waitForURL('**/#/offices');
    await page.evaluate((minutes) => {
      const s = JSON.parse(sessionStorage.getItem('sifasuo.session')!);
      sessionStorage.setItem('sifasuo.session', JSON.stringify({ ...s, sessionExpiresAt: Date.now() - 1000 }));
      sessionStorage.setItem('sifasuo.lastActivity', String(Date.now() - (minutes + 1) * 60_000));
    }, IDLE_TIMEOUT_MINUTES);
    release();
    // The notice, not the URL, is awaited: a second navigation to the login page would abort the first.
    await page.getByTestId('login-notice').waitFor();
    expect(new URL(page.url()).hash).toBe('#/login?reason=idle');
    await expect(page.getByTestId('login-notice').textContent()).resolves.toContain(`${IDLE_TIMEOUT_MINUTES}分钟未操作`);
  });
});
