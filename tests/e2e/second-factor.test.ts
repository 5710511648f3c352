// Setting a second factor up at sign-in, in headless Chromium, on a county that requires it of
// privileged roles (as a deployed one does by default): a local cloud of this file's own, so turning
// the setting on touches no other test's sign-ins. On a phone: the QR code and the secret, a wrong code
// refused, the first code accepted, the recovery codes shown once and confirmed; then sign-in with a
// code, and once with a recovery code. Screenshots under .test-artifacts/e2e/ (second-factor-*).
import type { AuthSettings } from '@sifasuo/domain';
import { api, type ApiOptions } from '../support/cloud';
import { startOwnCloud, type OwnCloud } from '../support/own-cloud';
import { atHome, fitsPhone, login, passwordStep, shot, signOut, totpCode, useBrowser } from './browser';

// Browser globals used inside page callbacks (the root tsconfig has no DOM lib); scoped to this module.
declare const sessionStorage: { getItem(key: string): string | null };

// Starting a county of its own (DynamoDB Local, the demo seed) takes tens of seconds on a busy machine.
jest.setTimeout(240_000);

let county: OwnCloud;
const newPage = useBrowser({ baseURL: () => county.ready.url });

const PASSWORD = 'Leader#Second-2026';
const LEADER = { username: 'e2e-second-leader', displayName: '两步验证领导', roles: ['bureau_leader'] };

/** The county's own API. */
const call = <T = any>(path: string, opts: ApiOptions = {}) => api<T>(path, { ...opts, baseUrl: county.ready.url });

beforeAll(async () => {
  county = await startOwnCloud();
  const signedIn = await call('/api/auth/login', { method: 'POST', body: { username: 'admin', password: county.ready.demoPassword } });
  const admin = signedIn.body.tokens.accessToken as string;
  expect((await call('/api/org/users', { method: 'POST', token: admin, body: { ...LEADER, enabled: true } })).status).toBe(201);
  expect((await call(`/api/auth/accounts/${LEADER.username}/password`, { method: 'PUT', token: admin, body: { password: PASSWORD } })).status).toBe(204);
  const settings = await call<AuthSettings>('/api/auth/settings', { token: admin });
  const on = await call<AuthSettings>('/api/auth/settings', { method: 'PUT', token: admin, body: { totpRequiredForPrivileged: true, version: settings.body.version } });
  expect(on.body.totpRequiredForPrivileged).toBe(true);
});

afterAll(async () => {
  await county?.stop();
});

describe('the second factor, required', () => {
  it('with the second factor required, a leader sets it up at sign-in on a phone, then signs in with a code and once with a recovery code', async () => {
    const page = await newPage(undefined, { phone: true });
    // The county requires a second factor of leaders, and this one has none yet: the set-up step.
    await passwordStep(page, LEADER.username, PASSWORD);
    await page.getByTestId('totp-enrolment').waitFor();

    // The QR code (an otpauth URI) and the same secret in text, for typing by hand.
    await page.getByTestId('totp-qr').locator('svg').waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await fitsPhone(page);
    await shot(page, 'second-factor-1-phone-enrolment');

    // A wrong code keeps the step and says so.
    await page.getByTestId('login-totp-code').fill('000000');
    await page.getByTestId('login-totp-submit').click();
    await page.getByTestId('totp-error').waitFor();
    await expect(page.getByTestId('totp-error').textContent()).resolves.toContain('验证码不正确');

    // The code the authenticator would show: signed in, with the recovery codes shown once.
    await page.getByTestId('login-totp-code').fill(await totpCode(secret));
    await page.getByTestId('login-totp-submit').click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = await page.getByTestId('recovery-code').allTextContents();
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}$/);
    // Not signed in until the user confirms the codes are kept.
    expect(await page.evaluate(() => sessionStorage.getItem('sifasuo.session'))).toBeNull();
    await fitsPhone(page);
    await shot(page, 'second-factor-2-phone-recovery-codes');
    await page.getByTestId('recovery-codes-confirm').click();
    // Signed in: the home, fitting the phone.
    await atHome(page);
    await expect(page.getByTestId('header-name').textContent()).resolves.toBe(LEADER.displayName);
    await fitsPhone(page);

    // Signed out, and in again: the password, then a code.
    await signOut(page);
    await login(page, LEADER.username, PASSWORD, { totpSecret: secret });
    await expect(page.getByTestId('header-name').textContent()).resolves.toBe(LEADER.displayName);

    // Signed out, and in with a recovery code instead of a code.
    await signOut(page);
    await passwordStep(page, LEADER.username, PASSWORD);
    await page.getByTestId('login-totp').waitFor();
    await fitsPhone(page);
    await shot(page, 'second-factor-3-phone-code-step');
    await page.getByTestId('login-totp-code').fill(codes[0]!);
    await page.getByTestId('login-totp-submit').click();
    await atHome(page);

    // That recovery code is used up.
    const other = await newPage(undefined, { phone: true });
    await passwordStep(other, LEADER.username, PASSWORD);
    await other.getByTestId('login-totp').waitFor();
    await other.getByTestId('login-totp-code').fill(codes[0]!);
    await other.getByTestId('login-totp-submit').click();
    await other.getByTestId('login-error').waitFor();
    await expect(other.getByTestId('login-error').textContent()).resolves.toContain('已使用');
    await other.getByTestId('login-totp').waitFor();
  });

});
