// The homes (工作台) in headless Chromium: each demo role lands on its own cards — the leader on the
// county's staffing with its chart, the admin on users, locked accounts and recent changes, the auditor
// on today's activity and the digest chain, a director on the own office and the area's offices, office
// staff on their office — each with figures from the server (no skeleton left, numbers shown), linking
// where it says, and fitting a 390 × 844 phone. Screenshots: home-<user>.png and home-<user>-phone.png.
import type { Page } from 'playwright-core';
import { api, login as apiLogin } from '../support/cloud';
import { fitsPhone, login, shot, useBrowser } from './browser';

jest.setTimeout(120_000);

const newPage = useBrowser();

/** Each card's content once its data is in (before: a skeleton). */
const LOADED: Record<string, string> = {
  'org-staffing': 'county-staffing',
  'org-own-office': 'own-office',
  'org-area-offices': 'area-offices',
  'org-users': 'users-summary',
  'org-recent-changes': 'recent-changes',
  'auth-locked-accounts': 'locked-accounts',
  'audit-today': 'today-activity',
  'audit-digests': 'digest-chain',
  'mediation-major-alert': 'mediation-major-alert',
  'mediation-todo': 'mediation-todo',
  'mediation-review': 'mediation-review',
  'mediation-due': 'mediation-due',
  'mediation-kpi': 'mediation-kpi',
  'registers-petitions-overdue': 'registers-petitions-overdue',
  'registers-leave-to-decide': 'registers-leave-to-decide',
  'registers-tasks': 'registers-tasks',
  'registers-reports-due': 'registers-reports-due',
  'assessment-alerts': 'assessment-alerts',
  'assessment-month': 'assessment-month-card',
  'assessment-county': 'assessment-county-card',
};

/** The cards each role's home shows. */
const HOMES: Record<string, string[]> = {
  leader: ['org-staffing', 'mediation-major-alert', 'mediation-kpi', 'registers-petitions-overdue', 'registers-leave-to-decide', 'registers-tasks', 'assessment-alerts', 'assessment-county'],
  admin: ['auth-locked-accounts', 'org-staffing', 'org-users', 'org-recent-changes'],
  auditor: ['audit-today', 'audit-digests'],
  'director-01': [
    'org-own-office', 'org-area-offices', 'mediation-todo', 'mediation-review', 'mediation-due', 'mediation-kpi',
    'registers-petitions-overdue', 'registers-leave-to-decide', 'registers-tasks', 'registers-reports-due', 'assessment-month',
  ],
  'staff-0101': ['org-own-office', 'mediation-todo', 'mediation-due', 'mediation-kpi', 'registers-petitions-overdue', 'registers-tasks', 'registers-reports-due', 'assessment-month'],
};

/** Opens the home and waits until every card has its data: no skeleton, a number in each. */
const openHome = async (page: Page, user: string) => {
  await login(page, user);
  await page.goto('/#/');
  await page.getByTestId('home').waitFor();
  // The cards come from the declarations all at once; each then loads its own data.
  const cards = page.locator('[data-testid^="home-card-"]');
  const shown = await Promise.all(Array.from({ length: await cards.count() }, (_, i) => cards.nth(i).getAttribute('data-testid')));
  expect(shown.sort()).toEqual(HOMES[user]!.map((id) => `home-card-${id}`).sort());
  for (const id of HOMES[user]!) {
    const card = page.getByTestId(`home-card-${id}`);
    await card.getByTestId(LOADED[id]!).waitFor();
    expect(await card.locator('.ant-skeleton').count()).toBe(0);
    const text = await card.locator('.ant-card-body').innerText();
    expect(text).toMatch(/\d/);
    expect(text).not.toMatch(/加载失败|无权访问|请求失败|服务器/);
  }
};

const figure = async (page: Page, testId: string) => Number((await page.getByTestId(testId).locator('[data-figure-value]').innerText()).replace(/\D/g, ''));

describe('the homes of the foundation', () => {
  it('the leader: staffing across the county with a chart whose numbers are also text', async () => {
    const page = await newPage();
    await openHome(page, 'leader');
    expect(await figure(page, 'staffing-offices')).toBeGreaterThanOrEqual(49);
    expect(await figure(page, 'staffing-active')).toBeGreaterThanOrEqual(106);
    expect(await page.getByTestId('staffing-certificate-rate').innerText()).toMatch(/\d+%/);
    // The chart's numbers are in its accessible name, and beside each bar as text.
    expect(await page.getByRole('img', { name: /^各片区在岗人数：城关片区 \d+ 人.*湖滨片区 \d+ 人/ }).count()).toBe(1);
    const labels = await page.getByTestId('staffing-chart').locator('text').allTextContents();
    expect(labels).toContain('城关片区');
    expect(labels.filter((t) => /^\d+(\+\d+)?$/.test(t))).toHaveLength(8);
    expect(await page.getByTestId('menu-home').count()).toBeGreaterThan(0);
    await shot(page, 'home-leader');
  });

  it('the county admin: users by role, recent changes, and a locked account linking to its 登录安全 page', async () => {
    const token = await apiLogin('admin');
    const username = `e2e-home-${Date.now().toString(36).slice(-6)}`;
    expect((await api('/api/org/users', { method: 'POST', token, body: { username, displayName: '首页锁定', roles: ['office_staff'], officeId: '0104' } })).status).toBe(201);
    expect((await api(`/api/auth/accounts/${username}/password`, { method: 'PUT', token, body: { password: 'Initial#Pass1' } })).status).toBe(204);
    for (let i = 0; i < 5; i++) await api('/api/auth/login', { method: 'POST', body: { username, password: 'Wrong#Pass1' } });

    const page = await newPage();
    await openHome(page, 'admin');
    expect(await figure(page, 'users-total')).toBeGreaterThanOrEqual(12);
    expect(await page.getByTestId('users-by-role').innerText()).toMatch(/系统管理员 \d+/);
    expect(await page.getByTestId('recent-changes').innerText()).toContain('首页锁定');
    await shot(page, 'home-admin');
    await page.getByTestId(`locked-${username}`).getByRole('link').click();
    await page.waitForURL(`**/#/security/accounts/${username}`);
  });

  it('the auditor: today’s activity by action in Chinese, and the last seven days of the digest chain', async () => {
    const page = await newPage();
    await openHome(page, 'auditor');
    expect(await figure(page, 'today-total')).toBeGreaterThan(0);
    expect(await page.getByTestId('today-activity').innerText()).toContain('登录');
    const days = (await figure(page, 'digest-verified')) + (await figure(page, 'digest-broken')) + (await figure(page, 'digest-missing'));
    expect(days).toBe(7);
    await shot(page, 'home-auditor');
  });

  it('an area director: the own office and the area’s offices, each linking to its page', async () => {
    const page = await newPage();
    await openHome(page, 'director-01');
    expect(await page.getByTestId('own-office-name').innerText()).toBe('城关镇司法所');
    expect(await page.getByTestId('area-offices-totals').innerText()).toMatch(/共 \d+ 个所，在岗 \d+ 人，缺编 \d+ 人/);
    await shot(page, 'home-director-01');
    await page.getByTestId('area-office-0102').getByRole('link').click();
    await page.waitForURL('**/#/offices/0102');
  });

  it('office staff: their office, linking to 本所概况', async () => {
    const page = await newPage();
    await openHome(page, 'staff-0101');
    expect(await figure(page, 'own-office-staff')).toBeGreaterThanOrEqual(3);
    await shot(page, 'home-staff-0101');
    await page.getByTestId('own-office-link').click();
    await page.waitForURL('**/#/offices/0101');
  });

  it.each(Object.keys(HOMES))('the home of %s fits a 390 × 844 phone', async (user) => {
    const page = await newPage(undefined, { phone: true });
    await openHome(page, user);
    await fitsPhone(page);
    await shot(page, `home-${user}-phone`);
  });
});
