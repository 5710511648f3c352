// The portal in headless Chromium against the whole local cloud (seeded demo county): who sees what
// (and may do: the reveal of an ID number only for who may change the record), another office answering
// as a missing one, the server's field error beside its input and gone once fixed, a phone's layout (the
// header, the drawer menu, cards for tables, no sideways scrolling), the expired-session
// and idle messages (idle winning over the calls that find the session gone). One screenshot per
// scenario under .test-artifacts/e2e/.
import { IDLE_TIMEOUT_MINUTES } from '@sifasuo/domain';
import { fitsPhone, login, menuEntries, openMenu, PHONE, shot, useBrowser } from './browser';

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

    // Lands on the home; the menu offers 首页 and the own office: no list of all offices, no admin pages.
    expect(await menuEntries(page)).toEqual(['首页', '本所概况', '纠纷排查', '调解案件', '典型案例与新闻', '调委会与调解员', '调解统计', '台账', '请销假', '计划总结与信息报送', '交办任务', '本月考核', '月度考核', '评分细则']);
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    // 首页 is selected on the home, and only there.
    const selected = () => page.getByTestId('side-menu').locator('.ant-menu-item-selected').allTextContents();
    expect(await selected()).toEqual(['首页']);

    // 本所概况: the own office with its staff, 首页 › 城关司法所 above it.
    await openMenu(page, 'own-office', '#/offices/0101');
    await expect(page.getByTestId('office-id').textContent()).resolves.toBe('0101');
    expect(await selected()).toEqual(['本所概况']);
    const officeName = await page.getByTestId('office-name').textContent();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe(officeName);
    await expect(page.getByTestId('breadcrumbs').textContent()).resolves.toBe(`首页/${officeName}`);
    expect(await page.title()).toBe(`${officeName} - 司法所工作管理系统`);
    const rows = page.getByTestId('staff-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    // ID numbers are masked by default.
    const masked = await page.locator('[data-testid^="id-masked-"]').first().textContent();
    expect(masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    // The own office's staff may change its records: the reveal is theirs, and shows the full number.
    const revealButton = page.locator('[data-testid^="reveal-"]').first();
    const staffId = ((await revealButton.getAttribute('data-testid')) ?? '').slice('reveal-'.length);
    await revealButton.click();
    await expect(page.getByTestId(`id-full-${staffId}`).textContent()).resolves.toMatch(/^\d{17}[\dX]$/);
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
    // 用户管理 too: the auditors' accounts are the leader's (三员分立).
    expect(await menuEntries(page)).toEqual(['首页', '司法所', '纠纷排查', '调解案件', '典型案例与新闻', '调委会与调解员', '调解统计', '台账', '请销假', '计划总结与信息报送', '交办任务', '月度考核', '考核热力图', '扣分与加分', '年终绩效经费', '评分细则', '用户管理']);
    await openMenu(page, 'offices', '#/offices');
    await page.getByTestId('area-card').first().waitFor();
    expect(await page.title()).toBe('司法所 - 司法所工作管理系统');
    expect(await page.getByTestId('area-card').count()).toBe(8);
    expect(await page.getByTestId('office-item').count()).toBe(49);
    const ids = await page.getByTestId('office-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-office')));
    expect(new Set(ids).size).toBe(49);
    await expect(page.getByTestId('offices-summary').textContent()).resolves.toMatch(/共\s*8\s*个片区，\s*49\s*个司法所/);
    for (const card of await page.getByTestId('area-card').all()) {
      expect(await card.getByText('片区中心所', { exact: true }).count()).toBe(1);
    }
    await shot(page, '3-leader-all-offices');

    // The leader may open any office, read only: no staff editing, no reveal of ID numbers (the server
    // would refuse it); the breadcrumbs lead back to the list.
    await page.locator('[data-office="0201"] a').click();
    await page.waitForURL('**/#/offices/0201');
    await expect(page.getByTestId('office-id').textContent()).resolves.toBe('0201');
    await page.locator('[data-testid^="id-masked-"]').first().waitFor();
    expect(await page.getByTestId('staff-create').count()).toBe(0);
    expect(await page.locator('[data-testid^="staff-edit-"]').count()).toBe(0);
    expect(await page.locator('[data-testid^="reveal-"]').count()).toBe(0);
    expect(await page.getByText('显示完整身份证号').count()).toBe(0);
    const officeName = await page.getByTestId('office-name').textContent();
    await expect(page.getByTestId('breadcrumbs').textContent()).resolves.toBe(`首页/司法所/${officeName}`);
    await page.getByTestId('breadcrumbs').getByRole('link', { name: '司法所' }).click();
    await page.waitForURL('**/#/offices');
  });

  it("the server's Chinese field errors land beside their inputs in the staff form", async () => {
    // Client-side checks off, so every message shown comes from the server's 400 `fields`.
    const page = await newPage(() => localStorage.setItem('sifasuo.clientValidation', 'off'));
    await login(page, 'staff-0101');
    await openMenu(page, 'own-office', '#/offices/0101');
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
    // Each label focuses its own field: ids are prefixed by the form's name.
    await form.locator('label[for="staff_phone"]').click();
    expect(await page.locator('#staff_phone:focus').count()).toBe(1);
    // Required marks follow the schema: the phone is required, the ID number is not.
    expect(await form.locator('label[for="staff_phone"].ant-form-item-required').count()).toBe(1);
    expect(await form.locator('label[for="staff_idNumber"].ant-form-item-required').count()).toBe(0);
    await expect(page.getByTestId('staff-submit').textContent()).resolves.toMatch(/^保\s*存$/);

    // Corrected, each message goes as soon as its field is fixed (before any save), the other stays.
    await page.getByTestId('staff-phone').fill('13800001234');
    await errorOf('staff-phone').waitFor({ state: 'detached' });
    await expect(errorOf('staff-idNumber').textContent()).resolves.toBe(body.fields.idNumber);
    await page.getByTestId('staff-idNumber').fill('');
    await errorOf('staff-idNumber').waitFor({ state: 'detached' });
    // The same form saves and the new person appears in the table.
    const created = page.waitForResponse((r) => r.url().endsWith('/api/org/offices/0101/staff') && r.request().method() === 'POST');
    await page.getByTestId('staff-submit').click();
    expect((await created).status()).toBe(201);
    await named.nth(namedBefore).waitFor();
  });

  it('on a phone (390×844) a director reads the header, opens the menu as a drawer, and every page fits: the home, the area\'s offices, the own office with its staff as cards', async () => {
    const page = await newPage(undefined, { phone: true });
    await login(page, 'director-01');
    await fitsPhone(page);

    // The header: the name whole, inside the screen, left of the account button; roles and office are
    // in the account menu, not spilling under the menu button.
    const name = page.getByTestId('header-name');
    await expect(name.textContent()).resolves.toBe('城关所所长');
    const nameBox = (await name.boundingBox())!;
    const accountBox = (await page.getByTestId('account-menu').boundingBox())!;
    const toggleBox = (await page.getByTestId('menu-toggle').boundingBox())!;
    expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(accountBox.x);
    expect(nameBox.x).toBeGreaterThanOrEqual(toggleBox.x + toggleBox.width);
    expect(accountBox.x + accountBox.width).toBeLessThanOrEqual(PHONE.width);
    // Not cut off: the text needs no more room than it has.
    const clipped = await name.evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth > box.clientWidth;
    });
    expect(clipped).toBe(false);
    expect(await page.getByTestId('header-office').count()).toBe(0);
    await shot(page, 'phone-1-director-home');
    await page.getByTestId('account-menu').click();
    const who = page.getByTestId('account-who');
    await who.getByTestId('header-office').waitFor();
    await expect(who.textContent()).resolves.toContain('片区中心所长');
    await fitsPhone(page);
    await shot(page, 'phone-2-director-account-menu', { settle: true });
    await page.keyboard.press('Escape');
    await who.waitFor({ state: 'hidden' });

    // The menu is a drawer over the page (the page keeps its width), opened by a labelled button.
    await expect(page.getByTestId('menu-toggle').getAttribute('aria-label')).resolves.toBe('打开菜单');
    const contentWidth = async () => (await page.getByTestId('no-features').or(page.getByTestId('home')).first().boundingBox())!.width;
    const before = await contentWidth();
    expect(await menuEntries(page)).toEqual(['首页', '本所概况', '本片区司法所', '纠纷排查', '调解案件', '典型案例与新闻', '调委会与调解员', '调解统计', '台账', '请销假', '计划总结与信息报送', '交办任务', '本月考核', '月度考核', '考核热力图', '评分细则']);
    expect(await contentWidth()).toBe(before);
    await shot(page, 'phone-3-director-drawer', { settle: true });
    await openMenu(page, 'offices', '#/offices');
    await page.getByTestId('side-menu').waitFor({ state: 'hidden' });
    await page.getByTestId('area-card').first().waitFor();
    expect(await page.getByTestId('area-card').count()).toBe(1);
    expect(await page.title()).toBe('本片区司法所 - 司法所工作管理系统');
    await fitsPhone(page);
    await shot(page, 'phone-4-director-area-offices');

    // The own office: the staff are cards (no table wider than the screen), the reveal theirs.
    await openMenu(page, 'own-office', '#/offices/0101');
    await page.getByTestId('staff-table').locator('[data-row-key]').first().waitFor();
    expect(await page.locator('.ant-table').count()).toBe(0);
    await expect(page.getByTestId('breadcrumbs').textContent()).resolves.toMatch(/^首页\/本片区司法所\//);
    expect(await page.locator('[data-testid^="reveal-"]').count()).toBeGreaterThan(0);
    await fitsPhone(page);
    await shot(page, 'phone-5-director-own-office');

    // The staff form fits too, its paired fields one above the other.
    await page.locator('[data-testid^="staff-edit-"]').first().click();
    await page.getByTestId('staff-form').waitFor();
    await fitsPhone(page);
    await shot(page, 'phone-6-director-staff-form', { settle: true });
  });

  it('the splash in index.html shows the product and a spinner before the code arrives, and goes when the portal mounts', async () => {
    const page = await newPage(undefined, { phone: true });
    const html = await (await page.request.get('/')).text();
    expect(html).toMatch(/<div class="splash"[^>]*data-testid="splash"[\s\S]*司法所工作管理系统/);
    // The portal's code held back: the splash is what the screen shows meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/assets/index-*.js', async (route) => {
      await held;
      await route.continue();
    });
    // A module script holds DOMContentLoaded back until it has run: the page is awaited as soon as it is committed.
    await page.goto('/#/login', { waitUntil: 'commit' });
    await page.getByTestId('splash').waitFor();
    await fitsPhone(page);
    await shot(page, 'splash-phone');
    release();
    await page.getByTestId('login-username').waitFor();
    expect(await page.getByTestId('splash').count()).toBe(0);
  });

  it('a session past its end or an idle timeout returns to the login page with a clear message', async () => {
    const page = await newPage();
    await login(page, 'leader');
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
    // The offices page is asked for; its code is held back meanwhile.
    const asked = page.waitForRequest('**/assets/Offices-*.js');
    await page.goto('/#/offices');
    await asked;
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
