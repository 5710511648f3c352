// Our own identity service in the portal, in headless Chromium against the local cloud: a session the
// administrator ends (forced sign-out) lands on the login page with the server's reason; an access token
// that ran out is refreshed before the page's calls (one refresh for all of them), and a refused one is
// refreshed once and the call sent again; the administrator's 登录安全 on a phone: the county setting's
// stale save (409), an account's status and sessions, 重置两步验证 and 重置密码. (Setting a second factor
// up at sign-in, where the county requires it, is second-factor.test.ts, on a county of its own.)
// The accounts are made for this file through the API (so ending their sessions touches no other test).
// One screenshot per step under .test-artifacts/e2e/ (identity-*).
import type { AuthSettings, LoginStep } from '@sifasuo/domain';
import type { Page } from 'playwright-core';
import { api, login as apiLogin, type ApiOptions } from '../support/cloud';
import { fitsPhone, login, nextResponse, openMenu, shot, totpCode, useBrowser } from './browser';

// Browser globals used inside page callbacks (the root tsconfig has no DOM lib); scoped to this module.
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

jest.setTimeout(180_000);

const newPage = useBrowser();

const stamp = Date.now().toString(36).slice(-6);
const PASSWORD = `Ident#${stamp}-2026`;
/** An office no other browser test looks at. */
const OFFICE = '0107';
const STAFF = { username: `e2e-sess-${stamp}`, displayName: '会话测试员', roles: ['office_staff'], officeId: OFFICE };
const LEADER = { username: `e2e-lead-${stamp}`, displayName: '验证测试领导', roles: ['bureau_leader'] };

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  sessionExpiresAt: number;
}
const stored = (page: Page) =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('sifasuo.session') ?? 'null') as StoredSession | null);
const patchStored = (page: Page, patch: Partial<StoredSession>) =>
  page.evaluate((p) => {
    const s = JSON.parse(sessionStorage.getItem('sifasuo.session')!);
    sessionStorage.setItem('sifasuo.session', JSON.stringify({ ...s, ...p }));
  }, patch);


let adminToken = '';
const asAdmin = <T = any>(path: string, opts: ApiOptions = {}) => api<T>(path, { ...opts, token: adminToken });

beforeAll(async () => {
  adminToken = await apiLogin('admin');
  for (const user of [STAFF, LEADER]) {
    const created = await asAdmin('/api/org/users', { method: 'POST', body: { ...user, enabled: true } });
    expect(created.status).toBe(201);
    const password = await asAdmin(`/api/auth/accounts/${user.username}/password`, { method: 'PUT', body: { password: PASSWORD } });
    expect(password.status).toBe(204);
  }
});

describe('identity', () => {
  it('the administrator signs a user out: the portal lands on the login page with the reason', async () => {
    const page = await newPage();
    await login(page, STAFF.username, PASSWORD);
    await openMenu(page, 'own-office', `#/offices/${OFFICE}`);
    await expect(page.getByTestId('office-id').textContent()).resolves.toBe(OFFICE);
    // Pages work: the account menu's 两步验证 asks the server about the own account.
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-action-totp').click();
    await page.getByTestId('totp-status-off').waitFor();
    await shot(page, 'identity-1-own-second-factor-off', { settle: true });
    await page.getByTestId('totp-close').click();
    await page.reload();
    await expect(page.getByTestId('office-id').textContent()).resolves.toBe(OFFICE);

    const ended = await asAdmin<{ ended: number }>(`/api/auth/accounts/${STAFF.username}/sign-out`, { method: 'POST' });
    expect(ended.status).toBe(200);
    expect(ended.body.ended).toBeGreaterThanOrEqual(1);

    // The gateway may reuse the authorizer's answer for a token for 30 s: the portal learns of the end
    // at its first call after that (a 401, then the refresh refused with the reason).
    const refreshes: number[] = [];
    page.on('response', (r) => new URL(r.url()).pathname === '/api/auth/refresh' && refreshes.push(r.status()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.reload();
      const out = await page
        .getByTestId('login-notice')
        .waitFor({ timeout: 4_000 })
        .then(() => true, () => false);
      if (out) break;
      if (Date.now() > deadline) throw new Error('the portal did not notice the forced sign-out within 60 s');
    }
    expect(new URL(page.url()).hash).toBe('#/login?reason=ended');
    await expect(page.getByTestId('login-notice').textContent()).resolves.toContain('已被管理员强制下线');
    expect(refreshes).toEqual([401]);
    expect(await stored(page)).toBeNull();
    await shot(page, 'identity-2-forced-sign-out-login');
  });

  it('an access token that ran out is refreshed before the next page load (one refresh for its calls); a refused one is refreshed once and the calls sent again', async () => {
    const page = await newPage();
    await login(page, STAFF.username, PASSWORD);
    await openMenu(page, 'own-office', `#/offices/${OFFICE}`);
    await page.getByTestId('staff-table').waitFor();
    // The page's own calls are done before its token is touched.
    await page.waitForLoadState('networkidle');
    const first = (await stored(page))!;
    expect(first.accessExpiresAt).toBeGreaterThan(Date.now() + 10 * 60_000);

    const refreshBodies: string[] = [];
    const authorizations: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/auth/refresh') refreshBodies.push(r.postData() ?? '');
      else if (path.startsWith('/api/')) authorizations.push(r.headers().authorization ?? '');
    });

    // The access token's time is up (as if the tab had been open for 15 minutes): the next load refreshes
    // first — once, though the page sends several calls at once — and every call carries the new token.
    await patchStored(page, { accessExpiresAt: Date.now() - 1_000 });
    const refreshed = nextResponse(page, 'POST', '/api/auth/refresh');
    await page.reload();
    expect((await refreshed).status()).toBe(200);
    await expect(page.getByTestId('office-id').textContent()).resolves.toBe(OFFICE);
    await page.getByTestId('staff-table').waitFor();
    const second = (await stored(page))!;
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessExpiresAt).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(refreshBodies).toEqual([JSON.stringify({ refreshToken: first.refreshToken })]);
    expect(authorizations.length).toBeGreaterThanOrEqual(2);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${second.accessToken}`]));
    await shot(page, 'identity-3-refreshed-before-load');

    // A token the server refuses (401) though its time is not up: one refresh, the calls sent again.
    await page.waitForLoadState('networkidle');
    refreshBodies.length = 0;
    authorizations.length = 0;
    const refused: number[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/') && path !== '/api/auth/refresh' && r.status() === 401) refused.push(401);
    });
    await patchStored(page, { accessToken: `${second.accessToken.slice(0, -8)}AAAAAAAA` });
    await page.reload();
    await expect(page.getByTestId('office-id').textContent()).resolves.toBe(OFFICE);
    await page.getByTestId('staff-table').waitFor();
    const third = (await stored(page))!;
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refreshBodies).toEqual([JSON.stringify({ refreshToken: second.refreshToken })]);
    expect(third.refreshToken).not.toBe(second.refreshToken);
    expect(authorizations).toContain(`Bearer ${third.accessToken}`);
    expect(page.url()).toContain(`#/offices/${OFFICE}`);
  });

  it("登录安全 on a phone: a stale save of the county setting answers 409; the leader's status and sessions; 重置两步验证 and 重置密码 after confirming", async () => {
    const page = await newPage(undefined, { phone: true });
    await login(page, 'admin');

    // The setting as loaded, then changed elsewhere (saved again, unchanged, by another administrator):
    // switching it here is refused as stale, and nothing changes.
    await fitsPhone(page);
    await page.goto('/#/security');
    const toggle = page.getByTestId('security-totp-required');
    await toggle.waitFor();
    expect(await page.title()).toBe('登录安全 - 司法所工作管理系统');
    await page.getByTestId('security-settings-updated').waitFor();
    const loaded = (await asAdmin<AuthSettings>('/api/auth/settings')).body;
    const again = await asAdmin<AuthSettings>('/api/auth/settings', {
      method: 'PUT', body: { totpRequiredForPrivileged: loaded.totpRequiredForPrivileged, version: loaded.version },
    });
    expect(again.status).toBe(200);
    await fitsPhone(page);
    await shot(page, 'identity-7-phone-security-settings');
    await toggle.click();
    const stale = nextResponse(page, 'PUT', '/api/auth/settings');
    await page.getByTestId('security-settings-confirm').click();
    expect((await stale).status()).toBe(409);
    await page.locator('.ant-notification-notice', { hasText: '数据已被他人修改' }).waitFor();
    await page.getByTestId('conflict-reload').click();
    await page.getByTestId('security-settings-updated').filter({ hasText: `版本 ${again.body.version}` }).waitFor();
    expect((await asAdmin<AuthSettings>('/api/auth/settings')).body.totpRequiredForPrivileged).toBe(loaded.totpRequiredForPrivileged);

    // The leader's 登录安全, found by username: a second factor (set up in the account menu's way) and a session.
    const leader = await api<LoginStep>('/api/auth/login', { method: 'POST', body: { username: LEADER.username, password: PASSWORD } });
    if (leader.body.status !== 'signed-in') throw new Error(leader.body.status);
    const token = leader.body.tokens.accessToken;
    const offer = await api('/api/auth/totp/enrolment', { method: 'POST', token });
    expect((await api('/api/auth/totp', { method: 'POST', token, body: { code: await totpCode(offer.body.secret) } })).status).toBe(200);
    const search = page.getByTestId('security-account-search').locator('input');
    await search.fill(LEADER.username);
    await search.press('Enter');
    await page.waitForURL(`**/#/security/accounts/${LEADER.username}`);
    await page.getByTestId('page-title').filter({ hasText: LEADER.displayName }).waitFor();
    await expect(page.getByTestId('breadcrumbs').textContent()).resolves.toBe(`首页/登录安全/${LEADER.displayName}（${LEADER.username}）`);
    await page.getByTestId('account-session').first().waitFor();
    await expect(page.getByTestId('account-totp').textContent()).resolves.toContain('已启用');
    await expect(page.getByTestId('account-password').textContent()).resolves.toContain('已设置');
    await fitsPhone(page);
    await shot(page, 'identity-8-phone-account-security');

    // 重置两步验证, confirmed: no second factor, no sessions.
    await page.getByTestId('account-totp-reset').click();
    const reset = nextResponse(page, 'POST', `/api/auth/accounts/${LEADER.username}/totp-reset`);
    await page.getByTestId('account-totp-reset-confirm').click();
    expect((await reset).status()).toBe(204);
    await page.getByTestId('account-no-sessions').waitFor();
    await expect(page.getByTestId('account-totp').textContent()).resolves.toContain('未启用');

    // 重置密码: the server's rule for a weak one beside the field; a strong one works at the next sign-in.
    await page.getByTestId('account-reset-password').click();
    const newPassword = `Reset#${stamp}-2026`;
    await page.getByTestId('reset-password').fill(newPassword);
    await expect(page.getByTestId('reset-password-submit').textContent()).resolves.toMatch(/^保\s*存$/);
    const saved = nextResponse(page, 'PUT', `/api/auth/accounts/${LEADER.username}/password`);
    await page.getByTestId('reset-password-submit').click();
    expect((await saved).status()).toBe(204);
    await page.getByTestId('reset-password').waitFor({ state: 'hidden' });
    const signIn = await api<LoginStep>('/api/auth/login', { method: 'POST', body: { username: LEADER.username, password: newPassword } });
    expect(signIn.status).toBe(200);
    expect(signIn.body.status).toBe(loaded.totpRequiredForPrivileged ? 'totp-enrolment-required' : 'signed-in');
    await shot(page, 'identity-9-phone-account-after-resets', { settle: true });
  });
});
