// The admin's and the auditor's pages at county scale, in headless Chromium against the local cloud:
// the auditor reads a record in Chinese (action, target, Shanghai time, the changed fields highlighted),
// picks the target type from a Chinese list and hides their own queries; the admin searches users by
// name and filters them by office and role (the leader sees no office column); the dictionary page asks
// before a delete and before leaving with unsaved edits. Each page at phone size fits 390 px.
// Screenshots under .test-artifacts/e2e/ (pages-*).
import type { Page } from 'playwright-core';
import { api, login as apiLogin } from '../support/cloud';
import { fitsPhone, login, nextResponse, openSelect, pickOption, shot, TIME_ZONE, useBrowser } from './browser';

// Browser globals used inside page callbacks (the root tsconfig has no DOM lib); scoped to this module.
declare const document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
declare const getComputedStyle: (el: unknown) => { backgroundColor: string };

jest.setTimeout(120_000);

const newPage = useBrowser();

/** An office no other browser test edits. */
const OFFICE = '0305';
const stamp = Date.now().toString().slice(-4);
const NEW_PHONE = `0731-555${stamp}`;

/** `YYYY-MM-DD HH:mm:ss` in the county's zone: what the portal shows for an instant. */
const shanghai = (iso: string) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
};

const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');

describe('admin pages', () => {
  let oldPhone = '';

  beforeAll(async () => {
    // A change to read: the admin edits the office's phone (through the API; the form is another test's).
    const admin = await apiLogin('admin');
    const got = await api(`/api/org/offices/${OFFICE}`, { token: admin });
    expect({ status: got.status, body: got.body }).toMatchObject({ status: 200, body: { id: OFFICE } });
    const office = got.body;
    oldPhone = office.phone ?? '';
    const { name, township, areaId, officeClass, address, version } = office;
    const body = { name, township, areaId, officeClass, ...(address ? { address } : {}), phone: NEW_PHONE, version };
    const r = await api(`/api/org/offices/${OFFICE}`, { method: 'PUT', token: admin, body });
    expect(r.body).toMatchObject({ phone: NEW_PHONE });
  });

  it('the auditor reads a record in Chinese: action, target, Shanghai time, the changed fields highlighted', async () => {
    const page = await newPage();
    await login(page, 'auditor');
    const initial = nextResponse(page, 'GET', '/api/audit/records');
    await page.goto('/#/audit');
    await initial;
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('审计日志');
    await expect(page.title()).resolves.toMatch(/^审计日志 - /);

    // The target type from the Chinese list, the office's number; the record read in Chinese.
    const targetTypes = await openSelect(page, page.getByTestId('audit-target-type'));
    const options = await targetTypes.locator('.ant-select-item-option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['司法所', '工作人员', '账号', '数据字典', '审计日志', '接口请求']));
    await pickOption(page, targetTypes, '司法所');
    await page.getByTestId('audit-target-id').fill(OFFICE);
    const queried = nextResponse(page, 'GET', '/api/audit/records');
    await page.getByTestId('audit-search').click();
    const response = await queried;
    expect(new URL(response.url()).searchParams.get('targetType')).toBe('office');
    type Rec = { at: string; action: string; after?: { phone?: string } };
    const record = ((await response.json()) as { items: Rec[] }).items.find((r) => r.action === 'org.office.update' && r.after?.phone === NEW_PHONE)!;
    expect(record).toBeDefined();

    const row = rows(page, 'audit-table').filter({ hasText: shanghai(record.at) }).filter({ hasText: '修改司法所' }).first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual(expect.arrayContaining([shanghai(record.at), 'admin', '系统管理员', '修改司法所', `司法所 ${OFFICE}`, '成功']));
    expect(cells.join(' ')).not.toMatch(/org\.office\.update|T\d\d:\d\d/);
    for (const text of await rows(page, 'audit-table').locator('td:nth-child(6)').allTextContents()) expect(text).toBe(`司法所 ${OFFICE}`);

    // Before/after: the changed fields only, labelled, old and new highlighted.
    await row.locator('.ant-table-row-expand-icon').click();
    const changes = row.locator('xpath=following-sibling::tr[1]').getByTestId('audit-changes');
    await changes.waitFor();
    const changed = await changes.locator('tbody tr').allTextContents();
    expect(changed.some((t) => t.startsWith('联系电话') && t.includes(NEW_PHONE) && t.includes(oldPhone || '—'))).toBe(true);
    expect(changed.some((t) => t.startsWith('版本'))).toBe(true);
    expect(changed.some((t) => t.startsWith('司法所名称'))).toBe(false);
    const headers = await changes.locator('thead th').allTextContents();
    expect(headers).toEqual(['字段', '原值', '新值']);
    const newValue = changes.getByTestId('audit-change-after').filter({ hasText: NEW_PHONE });
    const background = await newValue.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'pages-1-audit-record-in-chinese');
  });

  it('the auditor hides their own queries', async () => {
    const page = await newPage();
    await login(page, 'auditor');
    const initial = nextResponse(page, 'GET', '/api/audit/records');
    await page.goto('/#/audit');
    await initial;
    // A second query of our own, so there is one to hide whatever else happened today.
    const again = nextResponse(page, 'GET', '/api/audit/records');
    await page.getByTestId('audit-search').click();
    await again;
    const ownQueries = rows(page, 'audit-table').filter({ hasText: '查询审计日志' });
    await ownQueries.first().waitFor();

    await page.getByTestId('audit-hide-own').click();
    const hidden = nextResponse(page, 'GET', '/api/audit/records');
    await page.getByTestId('audit-search').click();
    const response = await hidden;
    expect(new URL(response.url()).searchParams.get('excludeOwnQueries')).toBe('true');
    await rows(page, 'audit-table').first().waitFor();
    expect(await ownQueries.count()).toBe(0);
    await shot(page, 'pages-2-audit-own-queries-hidden');
  });

  it('the audit log fits a phone, each record a card with its changes', async () => {
    const page = await newPage(undefined, { phone: true });
    await login(page, 'auditor');
    await page.goto('/#/audit');
    await page.getByTestId('audit-table').locator('.ant-card').first().waitFor();
    await page.getByTestId('audit-changes').first().waitFor();
    await fitsPhone(page);
    await shot(page, 'pages-3-audit-phone');
  });

  it('the admin searches users by name and filters by office and role', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto('/#/users');
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('用户管理');
    await rows(page, 'users-table').first().waitFor();
    const usernames = async () => (await rows(page, 'users-table').locator('td:first-child').allTextContents()).sort();

    const searched = nextResponse(page, 'GET', '/api/org/users');
    await page.getByTestId('user-search').locator('input').fill('城关');
    await page.getByTestId('user-search').locator('input').press('Enter');
    expect(new URL((await searched).url()).searchParams.get('q')).toBe('城关');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="users-table"] tbody tr.ant-table-row').length === 2);
    expect(await usernames()).toEqual(['director-01', 'staff-0101']);

    // Office 0101 and the director's role: the search, the office and the role together.
    const roles = await openSelect(page, page.getByTestId('user-filter-role'));
    const byRole = nextResponse(page, 'GET', '/api/org/users');
    await pickOption(page, roles, '片区中心所长');
    expect(new URL((await byRole).url()).searchParams.get('role')).toBe('area_director');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="users-table"] tbody tr.ant-table-row').length === 1);
    expect(await usernames()).toEqual(['director-01']);

    await page.getByTestId('user-search').locator('input').fill('');
    await page.getByTestId('user-search').locator('input').press('Enter');
    await page.getByTestId('user-filter-role').locator('.ant-select-clear').click({ force: true });
    const offices = await openSelect(page, page.getByTestId('user-filter-office'));
    await page.keyboard.type('0102');
    const byOffice = nextResponse(page, 'GET', '/api/org/users');
    await pickOption(page, offices, '0102 ', true);
    expect(new URL((await byOffice).url()).searchParams.get('officeId')).toBe('0102');
    await page.waitForFunction(() => {
      const cells = Array.from(document.querySelectorAll('[data-testid="users-table"] tbody tr.ant-table-row td:first-child'), (td) => td.textContent);
      return cells.length > 0 && cells.includes('staff-0102') && !cells.includes('staff-0101');
    });
    await shot(page, 'pages-4-users-filtered');
  });

  it('the leader sees auditor accounts without office columns; users fit a phone', async () => {
    const leader = await newPage();
    await login(leader, 'leader');
    await leader.goto('/#/users');
    await rows(leader, 'users-table').first().waitFor();
    const headers = await leader.getByTestId('users-table').locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['用户名', '姓名', '状态']));
    expect(headers).not.toContain('所属司法所');
    expect(await leader.getByTestId('user-filter-office').count()).toBe(0);

    const phone = await newPage(undefined, { phone: true });
    await login(phone, 'admin');
    await phone.goto('/#/users');
    await phone.getByTestId('users-table').locator('.ant-card').first().waitFor();
    await fitsPhone(phone);
    await shot(phone, 'pages-5-users-phone');
  });

  it('the dictionary page asks before a delete and before leaving with unsaved edits', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto('/#/dictionaries');
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('数据字典');
    const table = page.getByTestId('dict-table-dispute-types');
    await rows(page, 'dict-table-dispute-types').first().waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual(['序号', '编码', '名称', '状态', '操作']);
    const count = await rows(page, 'dict-table-dispute-types').count();

    // 删除 asks first; 取消 keeps the entry.
    await page.getByTestId('dict-delete-0').click();
    const confirm = page.locator('.ant-popconfirm:visible');
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain('删除此条目？');
    await shot(page, 'pages-6-dictionary-delete-confirm', { settle: true });
    await page.getByTestId('dict-delete-cancel').click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await rows(page, 'dict-table-dispute-types').count()).toBe(count);
    await page.getByTestId('dict-delete-0').click();
    await page.getByTestId('dict-delete-confirm').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="dict-table-dispute-types"] tbody tr.ant-table-row').length === n - 1, count);
    await page.getByTestId('dict-unsaved').waitFor();

    // Leaving through the menu asks; 留在此页 stays with the edit, 离开 goes.
    await page.getByTestId('menu-users').click();
    await page.getByTestId('leave-warning').waitFor();
    await shot(page, 'pages-7-dictionary-leave-warning', { settle: true });
    await page.getByTestId('leave-cancel').click();
    await page.getByTestId('leave-warning').waitFor({ state: 'hidden' });
    expect(page.url()).toContain('#/dictionaries');
    expect(await rows(page, 'dict-table-dispute-types').count()).toBe(count - 1);

    // Closing the tab asks too (the browser's own prompt).
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.type()); void d.dismiss(); }));
    await page.close({ runBeforeUnload: true });
    await expect(dialog).resolves.toBe('beforeunload');

    const again = await newPage();
    await login(again, 'admin');
    await again.goto('/#/dictionaries');
    await rows(again, 'dict-table-dispute-types').first().waitFor();
    expect(await rows(again, 'dict-table-dispute-types').count()).toBe(count);
    await again.getByTestId('dict-delete-0').click();
    await again.getByTestId('dict-delete-confirm').click();
    await again.getByTestId('menu-users').click();
    await again.getByTestId('leave-confirm').click();
    await again.waitForURL('**/#/users');
  });

  it('the dictionary page fits a phone', async () => {
    const page = await newPage(undefined, { phone: true });
    await login(page, 'admin');
    await page.goto('/#/dictionaries');
    await page.getByTestId('dict-table-dispute-types').locator('.ant-card').first().waitFor();
    await fitsPhone(page);
    await shot(page, 'pages-8-dictionaries-phone');
  });
});
