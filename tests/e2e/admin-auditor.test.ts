// The administrator's and the auditor's pages in headless Chromium against the local cloud: a user
// created through 用户管理 (the account by the org context, then its initial password by the auth
// context; a weak password refused by the server beside its field, the account said to be created
// without one, and the password set afterwards from the same form) who then logs in and sees only
// their office; an office edit, and the 409 of a second edit made from a stale form;
// the auditor finding all of it in 审计日志 with before/after; and each role refused the other's page
// (无权访问), by the page guard and by the server. The tests run in order: the auditor reads what the
// administrator did. One screenshot per step under .test-artifacts/e2e/ (admin-*, auditor-*).
import { AUDIT_AUDIT, auditActionLabel, auditFieldOf, auditTargetText, AUTH_AUDIT, ORG_AUDIT } from '@sifasuo/domain';
import type { Locator, Page } from 'playwright-core';
import { login, menuEntries, nextResponse, openMenu, openSelect, pickOption, shot, TIME_ZONE, useBrowser } from './browser';

// Browser globals used inside page callbacks (the root tsconfig has no DOM lib); scoped to this module.
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
declare const localStorage: typeof sessionStorage;

jest.setTimeout(120_000);

const newPage = useBrowser();

// Unique per run, so that the test also passes against a long-lived cloud (SIFASUO_CLOUD).
const stamp = Date.now().toString(36).slice(-6);
const CLERK = { username: `e2e-clerk-${stamp}`, password: `Clerk#${stamp}-2026`, displayName: '测试文员', officeId: '0103' };
const WEAK = { username: `e2e-weak-${stamp}`, password: 'abcdefgh12' };
/** An office no other browser test looks at. */
const OFFICE = '0105';
const ADDRESS_A = `青山县测试路${stamp}号（甲）`;
const ADDRESS_B = `青山县测试路${stamp}号（乙）`;
const CONFLICT = '数据已被他人修改，请刷新后重试';

/** The error antd shows under the form item that holds `testId`. */
const errorBeside = (page: Page, testId: string) =>
  page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

const fillUserForm = async (page: Page, user: { username: string; password: string; displayName: string }) => {
  await page.getByTestId('user-create').click();
  await page.getByTestId('user-form').waitFor();
  await page.getByTestId('user-username').fill(user.username);
  await page.getByTestId('user-password').fill(user.password);
  await page.getByTestId('user-displayName').fill(user.displayName);
  const roles = await openSelect(page, page.getByTestId('user-roles'));
  // 三员分立: the auditor's role is not the admin's to grant, so it is not offered.
  await roles.locator('.ant-select-item-option').first().waitFor();
  expect(await roles.locator('.ant-select-item-option[title="审计管理员"]').count()).toBe(0);
  await pickOption(page, roles, '司法所工作人员');
  await page.getByTestId('user-roles').locator('.ant-select-selection-item[title="司法所工作人员"]').waitFor();
  // A multiple select stays open after a pick, its list over the fields below it (the office's select,
  // on a slow run): a person clicks elsewhere first, and so does the test, until the list is gone.
  await page.getByTestId('user-displayName').click();
  await roles.waitFor({ state: 'hidden' });
  const offices = await openSelect(page, page.getByTestId('user-officeId'));
  await page.keyboard.type(CLERK.officeId);
  await pickOption(page, offices, `${CLERK.officeId} `, true);
};

/** `YYYY-MM-DD HH:mm` in the county's time zone, as the range picker shows it. */
const pickerTime = (d: Date) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

/**
 * The audit table's newest row for these columns; pages on with 加载更多 until one shows (or there is
 * no more). Newest first: against a long-lived cloud, earlier runs' rows for the same office come after.
 */
const auditRow = async (page: Page, action: string, actor: string, target: string, outcome: string): Promise<Locator> => {
  const row = page
    .getByTestId('audit-table')
    .locator('tbody tr.ant-table-row')
    .filter({ has: page.locator('td', { hasText: new RegExp(`^${action}$`) }) })
    .filter({ has: page.locator('td', { hasText: new RegExp(`^${actor}$`) }) })
    .filter({ has: page.locator('td', { hasText: new RegExp(`^${target}$`) }) })
    .filter({ has: page.locator('td', { hasText: new RegExp(`^${outcome}$`) }) });
  while ((await row.count()) === 0 && (await page.getByTestId('audit-more').count()) > 0) {
    const more = nextResponse(page, 'GET', '/api/audit/records');
    await page.getByTestId('audit-more').click();
    await more;
  }
  expect(await row.count()).toBeGreaterThanOrEqual(1);
  return row.first();
};

describe('admin and auditor', () => {
  let clerkOfficeName = '';

  it('admin creates a user in 用户管理; a weak password gets the server\'s message beside the field; the new user sees only their office', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await openMenu(page, 'users', '#/users');
    const table = page.getByTestId('users-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();

    // Through the form: 司法所工作人员 of office 0103, with a password that meets the policy — two calls,
    // the account (org) and its initial password (auth).
    await fillUserForm(page, CLERK);
    const created = nextResponse(page, 'POST', '/api/org/users');
    const passwordSet = nextResponse(page, 'PUT', `/api/auth/accounts/${CLERK.username}/password`);
    await page.getByTestId('user-submit').click();
    expect((await created).status()).toBe(201);
    expect((await passwordSet).status()).toBe(204);
    const row = table.locator('tbody tr.ant-table-row', { has: page.locator('td', { hasText: new RegExp(`^${CLERK.username}$`) }) });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(CLERK.displayName);
    await expect(row.textContent()).resolves.toContain('司法所工作人员');
    // The office column names the office (not its id); the row links to the account's 登录安全.
    clerkOfficeName = (await row.locator('td').nth(3).textContent()) ?? '';
    expect(clerkOfficeName).toMatch(/司法所$/);
    await expect(row.getByTestId(`user-security-${CLERK.username}`).getAttribute('href')).resolves.toBe(`#/security/accounts/${CLERK.username}`);
    await page.getByTestId('user-form').waitFor({ state: 'hidden' });
    await shot(page, 'admin-1-user-created');

    // Client-side checks off: the weak password goes to the server. The account is created first; the
    // auth context's 400 names the field, and the form says the account exists without a password.
    await page.evaluate(() => localStorage.setItem('sifasuo.clientValidation', 'off'));
    await fillUserForm(page, { ...WEAK, displayName: '弱密码用户' });
    const weakCreated = nextResponse(page, 'POST', '/api/org/users');
    const rejected = nextResponse(page, 'PUT', `/api/auth/accounts/${WEAK.username}/password`);
    await page.getByTestId('user-submit').click();
    expect((await weakCreated).status()).toBe(201);
    const response = await rejected;
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { code: string; fields: Record<string, string> };
    expect(body.code).toBe('VALIDATION');
    expect(Object.keys(body.fields)).toEqual(['password']);
    expect(body.fields.password).toMatch(/^密码/);
    await errorBeside(page, 'user-password').waitFor();
    await expect(errorBeside(page, 'user-password').textContent()).resolves.toBe(body.fields.password);
    expect(await errorBeside(page, 'user-username').allTextContents()).toEqual([]);
    const unset = page.getByTestId('user-password-unset');
    await unset.waitFor();
    await expect(unset.textContent()).resolves.toContain(`账号 ${WEAK.username} 已创建，但初始密码未设置`);
    await expect(unset.textContent()).resolves.toContain('登录安全');
    await shot(page, 'admin-2-weak-password-server-message');
    // The modal stays open with what was typed, for the password alone; the account is in the list.
    await expect(page.getByTestId('user-username').inputValue()).resolves.toBe(WEAK.username);
    await expect(page.getByTestId('user-username').isDisabled()).resolves.toBe(true);
    await table.getByText(WEAK.username, { exact: true }).waitFor();
    // A password that meets the policy, from the same form: only the password is sent.
    await page.getByTestId('user-password').fill(`Weak#${stamp}-Fixed`);
    const fixed = nextResponse(page, 'PUT', `/api/auth/accounts/${WEAK.username}/password`);
    await page.getByTestId('user-submit').click();
    expect((await fixed).status()).toBe(204);
    await page.getByTestId('user-form').waitFor({ state: 'hidden' });

    // The new user logs in through the login page, lands on the home, and is offered their own office alone.
    const clerk = await newPage();
    await login(clerk, CLERK.username, CLERK.password);
    expect(await menuEntries(clerk)).toEqual(['首页', '本所概况', '纠纷排查', '调解案件', '典型案例与新闻', '调委会与调解员', '调解统计', '台账', '请销假', '计划总结与信息报送', '交办任务', '本月考核', '月度考核', '评分细则']);
    await openMenu(clerk, 'own-office', `#/offices/${CLERK.officeId}`);
    await expect(clerk.getByTestId('office-id').textContent()).resolves.toBe(CLERK.officeId);
    await expect(clerk.getByTestId('office-name').textContent()).resolves.toBe(clerkOfficeName);
    await clerk.getByTestId('header-office').waitFor();
    await expect(clerk.getByTestId('header-office').textContent()).resolves.toBe(clerkOfficeName);
    await expect(clerk.getByTestId('header-name').textContent()).resolves.toBe(CLERK.displayName);
    await shot(clerk, 'admin-3-new-user-own-office');
    // Another office of the same area is refused by the server, as if it did not exist.
    const refused = nextResponse(clerk, 'GET', '/api/org/offices/0104');
    await clerk.goto('/#/offices/0104');
    expect((await refused).status()).toBe(404);
    await clerk.getByTestId('not-found').waitFor();
  });

  it('admin edits an office; saving a second, stale edit form answers 409 with 数据已被他人修改', async () => {
    // Two tabs of the administrator, both with the edit form open on the same version.
    const [a, b] = await Promise.all([newPage(), newPage()]);
    await Promise.all(
      [a, b].map(async (page) => {
        await login(page, 'admin');
        await page.goto(`/#/offices/${OFFICE}`);
        await expect(page.getByTestId('office-id').textContent()).resolves.toBe(OFFICE);
        await page.getByTestId('office-edit').click();
        await page.getByTestId('office-form').waitFor();
      }),
    );
    const before = await a.getByTestId('office-address-value').textContent();
    await expect(a.getByTestId('office-submit').textContent()).resolves.toMatch(/^保\s*存$/);

    // The first save wins.
    await a.getByTestId('office-address').fill(ADDRESS_A);
    const saved = nextResponse(a, 'PUT', `/api/org/offices/${OFFICE}`);
    await a.getByTestId('office-submit').click();
    expect((await saved).status()).toBe(200);
    await a.getByTestId('office-form').waitFor({ state: 'hidden' });
    await expect(a.getByTestId('office-address-value').textContent()).resolves.toBe(ADDRESS_A);
    expect(before).not.toBe(ADDRESS_A);
    await shot(a, 'admin-4-office-saved');

    // The second tab still holds the old version: the server refuses, the portal says why.
    await b.getByTestId('office-address').fill(ADDRESS_B);
    const stale = nextResponse(b, 'PUT', `/api/org/offices/${OFFICE}`);
    await b.getByTestId('office-submit').click();
    const conflict = await stale;
    expect(conflict.status()).toBe(409);
    expect(((await conflict.json()) as { code: string }).code).toBe('CONFLICT');
    const notice = b.locator('.ant-notification-notice', { hasText: CONFLICT });
    await notice.waitFor();
    await shot(b, 'admin-5-office-stale-save-409', { settle: true });

    // 刷新 closes the form and shows what the other tab saved.
    await b.getByTestId('conflict-reload').click();
    await b.getByTestId('office-form').waitFor({ state: 'hidden' });
    await notice.waitFor({ state: 'detached' });
    await b.getByTestId('office-address-value').getByText(ADDRESS_A, { exact: true }).waitFor();
  });

  it('the auditor finds these actions in 审计日志 for the last hour, with before/after; 审计日志 is their only page', async () => {
    const page = await newPage();
    await login(page, 'auditor');
    expect(await menuEntries(page)).toEqual(['首页', '审计日志']);
    // The page's own first query (the last 7 days) is done before ours is typed.
    const initial = nextResponse(page, 'GET', '/api/audit/records');
    await openMenu(page, 'audit', '#/audit');
    expect((await initial).status()).toBe(200);

    // The last hour, typed into the range picker and confirmed with its 确定 (Enter would also submit
    // the filter form); minutes, and the end minute counts whole. The end is two minutes ahead: the
    // query's own record is written when 查询 is clicked, seconds later — maybe in the next minute.
    const now = new Date();
    const end = new Date(now.getTime() + 2 * 60_000);
    const range = page.getByTestId('audit-range');
    const confirm = page.locator('.ant-picker-dropdown:visible .ant-picker-ok button');
    await range.nth(0).click();
    await range.nth(0).fill(pickerTime(new Date(now.getTime() - 60 * 60_000)));
    await confirm.click();
    await range.nth(1).fill(pickerTime(end));
    await confirm.click();
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'detached' });
    const queried = nextResponse(page, 'GET', '/api/audit/records');
    await page.getByTestId('audit-search').click();
    const response = await queried;
    expect(response.status()).toBe(200);
    const q = new URL(response.url()).searchParams;
    const minute = 60_000;
    expect(Date.parse(q.get('from')!)).toBe(Math.floor((now.getTime() - 60 * minute) / minute) * minute);
    expect(Date.parse(q.get('to')!)).toBe(Math.floor(end.getTime() / minute) * minute + minute - 1);
    await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    // The query itself is on record, once — in the domain's Chinese words (audit-labels.ts).
    const ownQuery = auditTargetText({ targetType: 'audit', targetId: `${q.get('from')}/${q.get('to')}` });
    await auditRow(page, auditActionLabel(AUDIT_AUDIT.query.action), 'auditor', ownQuery, '成功');
    const ownQueries = page.getByTestId('audit-table').locator('tbody tr.ant-table-row', { hasText: ownQuery });
    expect(await ownQueries.count()).toBe(1);

    // The user the administrator created with their password, and the weak password the server refused
    // (with its reason).
    const userTarget = (username: string) => auditTargetText({ targetType: 'user', targetId: username });
    const created = await auditRow(page, auditActionLabel(ORG_AUDIT['user.create'].action), 'admin', userTarget(CLERK.username), '成功');
    await expect(created.textContent()).resolves.toContain('系统管理员');
    const resetLabel = auditActionLabel(AUTH_AUDIT['reset-password'].action);
    await auditRow(page, resetLabel, 'admin', userTarget(CLERK.username), '成功');
    const weak = await auditRow(page, resetLabel, 'admin', userTarget(WEAK.username), '校验未通过');
    await weak.locator('.ant-table-row-expand-icon').click();
    await expect(weak.locator('xpath=following-sibling::tr[1]').textContent()).resolves.toContain('原因');

    // The office edit with the changed fields only (this run's: the new address is this run's), and
    // the stale save refused.
    const officeUpdate = auditActionLabel(ORG_AUDIT['office.update'].action);
    const officeTarget = auditTargetText({ targetType: 'office', targetId: OFFICE });
    await auditRow(page, officeUpdate, 'admin', officeTarget, '校验未通过');
    const edit = await auditRow(page, officeUpdate, 'admin', officeTarget, '成功');
    await edit.locator('.ant-table-row-expand-icon').click();
    const changes = edit.locator('xpath=following-sibling::tr[1]').getByTestId('audit-changes');
    await changes.waitFor();
    const addressLabel = auditFieldOf(ORG_AUDIT['office.update'].action, 'address').label;
    const versionLabel = auditFieldOf(ORG_AUDIT['office.update'].action, 'version').label;
    const addressRow = changes.locator('tr', { hasText: addressLabel });
    await expect(addressRow.getByTestId('audit-change-after').textContent()).resolves.toBe(ADDRESS_A);
    await expect(addressRow.getByTestId('audit-change-before').textContent()).resolves.not.toBe(ADDRESS_A);
    const [versionBefore, versionAfter] = await Promise.all(
      ['audit-change-before', 'audit-change-after'].map(async (id) => Number(await changes.locator('tr', { hasText: versionLabel }).getByTestId(id).textContent())),
    );
    expect(versionAfter).toBe(versionBefore! + 1);
    // Only what changed: the office's name stayed, so it has no row.
    expect(await changes.locator('tr', { hasText: auditFieldOf(ORG_AUDIT['office.update'].action, 'name').label }).count()).toBe(0);
    await edit.scrollIntoViewIfNeeded();
    await shot(page, 'auditor-1-audit-log-last-hour');

    // The offices are not the auditor's to see.
    await page.goto('/#/offices');
    await page.getByTestId('forbidden').waitFor();
    await expect(page.getByTestId('forbidden').textContent()).resolves.toContain('无权访问');
    expect(await page.getByTestId('office-item').count()).toBe(0);
    await shot(page, 'auditor-2-offices-forbidden');
  });

  it('admin has no 审计日志: not in the menu, the page is 无权访问, and the server answers 403', async () => {
    const page = await newPage();
    await login(page, 'admin');
    expect(await menuEntries(page)).toEqual(['首页', '司法所', '评分细则', '用户管理', '数据字典', '登录安全']);
    expect(await page.getByTestId('menu-audit').count()).toBe(0);

    // The page guard refuses at once.
    await page.goto('/#/audit');
    await page.getByTestId('forbidden').waitFor();
    await expect(page.getByTestId('forbidden').textContent()).resolves.toContain('无权访问');
    expect(await page.getByTestId('audit-table').count()).toBe(0);
    await shot(page, 'admin-6-audit-forbidden');

    // With the guard fooled (the auditor role written into the tab's session), the page asks the
    // server, which refuses the administrator's token: the same 无权访问, and no records.
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('sifasuo.session')!);
      sessionStorage.setItem('sifasuo.session', JSON.stringify({ ...s, user: { ...s.user, roles: [...s.user.roles, 'auditor'] } }));
    });
    const refused = nextResponse(page, 'GET', '/api/audit/records');
    await page.reload();
    const response = await refused;
    expect(response.status()).toBe(403);
    const refusal = (await response.json()) as { code: string; message: string };
    expect(refusal.code).toBe('FORBIDDEN');
    // The audit page itself turned the server's refusal into 无权访问 with the server's words.
    await page.getByTestId('forbidden').waitFor();
    await expect(page.getByTestId('forbidden').textContent()).resolves.toContain(refusal.message);
    expect(await page.getByTestId('audit-table').count()).toBe(0);
    await shot(page, 'admin-7-audit-server-403');
  });
});
