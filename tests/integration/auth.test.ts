// Our own identity service against DynamoDB Local, through the local API gateway and its session
// authorizer: sign-in, lockout, refresh rotation, revocation, the second factor, account security.
import { createHmac, createPublicKey, verify } from 'node:crypto';
import { base32Decode, totp, type LoginStep } from '@sifasuo/domain';
import { api, cloud, eventually, login, signIn } from '../support/cloud';

const DEMO = 'Sifasuo@2026';
const INITIAL = 'Initial#Pass1';
const hmac = (key: Uint8Array, msg: Uint8Array) => createHmac('sha1', key).update(msg).digest();
const codeAt = (secret: string, at: Date) => totp(base32Decode(secret)!, at, hmac);

/** A new office-staff account with its initial password set by the admin (the portal does both). */
const createUser = async (admin: string, username: string, extra: Record<string, unknown> = {}) => {
  const created = await api('/api/org/users', {
    method: 'POST', token: admin, body: { username, displayName: '测试用户', roles: ['office_staff'], officeId: '0103', ...extra },
  });
  expect(created.status).toBe(201);
  expect((await api(`/api/auth/accounts/${username}/password`, { method: 'PUT', token: admin, body: { password: INITIAL } })).status).toBe(204);
  return created.body as { version: number };
};

const loginStep = (username: string, password: string) => api<LoginStep>('/api/auth/login', { method: 'POST', body: { username, password } });
const refresh = (refreshToken: string) => api('/api/auth/refresh', { method: 'POST', body: { refreshToken } });

/** The authorizer's answer for a token may be reused for the cache time: wait until it is not. */
const afterAuthorizerCache = () => new Promise((r) => setTimeout(r, (cloud().authorizerCacheSeconds + 0.5) * 1000));

describe('sign-in', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await login('admin');
  });

  it('signs a demo user in with a 15-minute access token that the published JWKS verifies', async () => {
    const r = await loginStep('staff-0101', DEMO);
    expect(r.status).toBe(200);
    if (r.body.status !== 'signed-in') throw new Error(r.body.status);
    expect(r.body.user).toMatchObject({ username: 'staff-0101', roles: ['office_staff'], officeId: '0101', areaId: '01' });
    expect(r.body.tokens.expiresIn).toBe(900);
    const me = await api('/api/auth/me', { token: r.body.tokens.accessToken });
    expect(me.body).toMatchObject({ username: 'staff-0101', displayName: '城关所工作人员', officeId: '0101', totpEnrolled: false, totpRequired: false });

    const [h, p, s] = r.body.tokens.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    // Only who and which session: roles and unit come from the user record at every check.
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'iss', 'sid', 'sub']);
    const { keys } = (await api('/api/auth/jwks.json')).body;
    expect(keys).toHaveLength(1);
    const key = createPublicKey({ key: keys[0], format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s!, 'base64url'))).toBe(true);
  });

  it('answers bad input with Chinese field errors', async () => {
    const r = await api('/api/auth/login', { method: 'POST', body: { username: '', extra: 1 } });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual({ username: '请填写用户名', password: '请填写密码', extra: '不允许的字段' });
    expect((await api('/api/auth/login', { method: 'POST', rawBody: '{"username":' })).body.code).toBe('VALIDATION');
    expect((await api('/api/auth/login/totp', { method: 'POST', body: { challenge: 'x', code: '12' } })).body.fields).toEqual({ code: '请填写6位验证码或恢复码' });
  });

  it('locks an account for 15 minutes after five wrong passwords, even for the right one; the admin reset unlocks it', async () => {
    await createUser(admin, 'lock-me');
    for (let i = 1; i <= 4; i++) {
      const r = await loginStep('lock-me', 'Wrong#Pass1');
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ message: '用户名或密码错误（连续5次错误将锁定账号15分钟）' });
    }
    expect((await loginStep('lock-me', 'Wrong#Pass1')).status).toBe(423);
    const right = await loginStep('lock-me', INITIAL);
    expect(right.status).toBe(423);
    expect((right.body as unknown as { message: string }).message).toMatch(/账号已锁定，请1[45]分钟后再试/);
    const security = await api(`/api/auth/accounts/lock-me`, { token: admin });
    expect(security.body).toMatchObject({ hasPassword: true, lockedUntil: expect.any(String), sessions: [] });
    expect((await api('/api/auth/accounts/lock-me/password', { method: 'PUT', token: admin, body: { password: 'Reset#Pass123' } })).status).toBe(204);
    expect((await loginStep('lock-me', 'Reset#Pass123')).status).toBe(200);
  });

  it('counts parallel guesses one by one, so a burst cannot slip past the lockout', async () => {
    await createUser(admin, 'burst-me');
    const burst = await Promise.all(Array.from({ length: 20 }, () => loginStep('burst-me', 'Wrong#Pass1')));
    expect(burst.filter((r) => r.status === 401).length).toBeLessThanOrEqual(4);
    expect(burst.filter((r) => r.status === 423).length).toBeGreaterThanOrEqual(16);
    expect(burst.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    expect((await loginStep('burst-me', INITIAL)).status).toBe(423);
  });

  it('does not tell an unknown user, or one without a password yet, from a wrong password', async () => {
    const created = await api('/api/org/users', { method: 'POST', token: admin, body: { username: 'no-password', displayName: '无密码', roles: ['office_staff'], officeId: '0103' } });
    expect(created.status).toBe(201);
    const answers = await Promise.all([loginStep('nobody-here', 'Wrong#Pass1'), loginStep('staff-0201', 'Wrong#Pass1'), loginStep('no-password', 'Wrong#Pass1')]);
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    expect(answers[2]!.body).toEqual(answers[1]!.body);
    expect((await api('/api/auth/accounts/no-password', { token: admin })).body).toMatchObject({ hasPassword: false });
    // The lockout does not tell them apart either: five tries, then the same 423 for both.
    const tries = async (username: string) => {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await loginStep(username, 'Wrong#Pass1')).status);
      return statuses;
    };
    await createUser(admin, 'real-name');
    expect(await tries('never-existed')).toEqual([401, 401, 401, 401, 423, 423]);
    expect(await tries('real-name')).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('enforces password complexity, and a stolen session cannot guess the old password', async () => {
    const weak = await api('/api/auth/accounts/staff-0102/password', { method: 'PUT', token: admin, body: { password: 'abc' } });
    expect(weak.body.fields.password).toBe('密码至少10位');
    await createUser(admin, 'guess-old');
    const token = await login('guess-old', INITIAL);
    const change = await api('/api/auth/password', { method: 'POST', token, body: { oldPassword: INITIAL, newPassword: 'alllowercase' } });
    expect(change.body.fields.newPassword).toBe('密码须包含大写字母、小写字母、数字、符号中的至少三类');
    const tries = [];
    for (let i = 0; i < 5; i++) {
      tries.push((await api('/api/auth/password', { method: 'POST', token, body: { oldPassword: `Guess#${i}abcd`, newPassword: 'Better#Pass1' } })).status);
    }
    expect(tries).toEqual([400, 400, 400, 400, 400]);
    expect((await loginStep('guess-old', INITIAL)).status).toBe(423);
  });

  it('answers a missing, forged or foreign token with 401', async () => {
    expect((await api('/api/org/offices')).status).toBe(401);
    const token = await login('staff-0101');
    const [h, p, s] = token.split('.');
    expect((await api('/api/org/offices', { token: `${h}.${p}.${s!.slice(0, -4)}AAAA` })).status).toBe(401);
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    const forged = await api('/api/org/offices', { token: `${h}.${other}.${s}` });
    expect(forged.status).toBe(401);
    expect(forged.body.message).toBe('登录令牌无效');
  });
});

describe('sessions', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await login('admin');
  });

  it('rotates the refresh token: each is used once, and a reused one ends the session', async () => {
    await createUser(admin, 'rotate-me');
    const first = await signIn('rotate-me', INITIAL);
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await api('/api/auth/me', { token: second.body.accessToken })).status).toBe(200);
    // The first token again: someone holds a copy. The session ends for both holders.
    const reused = await refresh(first.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ message: '刷新令牌被重复使用（可能已泄露），会话已结束' });
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    await afterAuthorizerCache();
    expect((await api('/api/auth/me', { token: second.body.accessToken })).body.message).toBe('刷新令牌被重复使用（可能已泄露），会话已结束');
  });

  it('ends a session on sign-out, and every session on the admin forced sign-out, audited', async () => {
    await createUser(admin, 'sign-out-me');
    const [a, b, c] = [await signIn('sign-out-me', INITIAL), await signIn('sign-out-me', INITIAL), await signIn('sign-out-me', INITIAL)];
    expect((await api('/api/auth/logout', { method: 'POST', token: a.accessToken })).status).toBe(204);
    expect((await refresh(a.refreshToken)).body.message).toBe('已退出登录');
    const security = await api('/api/auth/accounts/sign-out-me', { token: admin });
    expect(security.body.sessions).toHaveLength(2);
    const forced = await api('/api/auth/accounts/sign-out-me/sign-out', { method: 'POST', token: admin });
    expect(forced.body).toEqual({ ended: 2 });
    expect((await refresh(b.refreshToken)).body.message).toBe('已被管理员强制下线');
    await afterAuthorizerCache();
    const refused = await api('/api/org/offices/0103', { token: c.accessToken });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('已被管理员强制下线');
    const auditor = await login('auditor');
    const trail = await api(`/api/audit/records?targetType=user&targetId=sign-out-me&from=${new Date(Date.now() - 600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`, { token: auditor });
    expect(trail.body.items.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['auth.logout', 'auth.end-sessions']));
  });

  it('a changed password ends the other sessions; this one goes on', async () => {
    await createUser(admin, 'change-me');
    const [here, elsewhere] = [await signIn('change-me', INITIAL), await signIn('change-me', INITIAL)];
    const change = await api('/api/auth/password', { method: 'POST', token: here.accessToken, body: { oldPassword: INITIAL, newPassword: 'Changed#Pass1' } });
    expect(change.status).toBe(204);
    expect((await refresh(elsewhere.refreshToken)).body.message).toBe('密码已修改，请重新登录');
    expect((await refresh(here.refreshToken)).status).toBe(200);
    expect((await loginStep('change-me', INITIAL)).status).toBe(401);
  });

  it('disabling a user refuses them at once and ends their sessions; a role change applies within the cache time', async () => {
    const created = await createUser(admin, 'disable-me');
    const session = await signIn('disable-me', INITIAL);
    expect((await api('/api/org/offices/0103', { token: session.accessToken })).status).toBe(200);
    const base = { displayName: '测试用户', officeId: '0103' };
    const demoted = await api('/api/org/users/disable-me', { method: 'PUT', token: admin, body: { ...base, roles: ['inspector'], enabled: true, version: created.version } });
    expect(demoted.status).toBe(200);
    // The session ends with the change (the auth context follows org's UserChanged event).
    await eventually(async () => (await refresh(session.refreshToken)).status === 401);
    await afterAuthorizerCache();
    expect((await api('/api/org/offices/0103', { token: session.accessToken })).body.message).toBe('角色已变更');

    const again = await signIn('disable-me', INITIAL);
    const disabled = await api('/api/org/users/disable-me', { method: 'PUT', token: admin, body: { ...base, roles: ['inspector'], enabled: false, version: demoted.body.version } });
    expect(disabled.status).toBe(200);
    const r = await loginStep('disable-me', INITIAL);
    expect(r.status).toBe(403);
    expect((r.body as unknown as { message: string }).message).toBe('账号已停用，请联系系统管理员');
    // Only whoever knows the password learns that the account is disabled.
    expect((await loginStep('disable-me', 'Wrong#Pass1')).status).toBe(401);
    expect((await refresh(again.refreshToken)).status).toBe(401);
    await afterAuthorizerCache();
    expect((await api('/api/auth/me', { token: again.accessToken })).status).toBe(401);
  });
});

describe('the second factor', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await login('admin');
  });

  it('the demo county does not require it, and a stale settings version is refused', async () => {
    const settings = await api('/api/auth/settings', { token: admin });
    expect(settings.body).toMatchObject({ totpRequiredForPrivileged: false, version: 1 });
    expect((await loginStep('auditor', DEMO)).body.status).toBe('signed-in');
    const stale = await api('/api/auth/settings', { method: 'PUT', token: admin, body: { totpRequiredForPrivileged: false, version: 0 } });
    expect(stale.status).toBe(409);
    expect((await api('/api/auth/settings', { token: await login('staff-0101') })).status).toBe(403);
  });

  it('is enrolled by confirming a code, then asked at every sign-in; codes and recovery codes work once', async () => {
    await createUser(admin, 'two-factor');
    const token = await login('two-factor', INITIAL);
    const offer = await api('/api/auth/totp/enrolment', { method: 'POST', token });
    expect(offer.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*two-factor\?secret=/);
    const wrong = await api('/api/auth/totp', { method: 'POST', token, body: { code: '000000' } });
    expect(wrong.body.fields).toEqual({ code: '验证码不正确，请核对手机时间后重试' });
    // The code the authenticator shows now; replayed below (computing one later could fall in the next 30-s step: a fresh code).
    const enrolCode = codeAt(offer.body.secret, new Date());
    const confirmed = await api('/api/auth/totp', { method: 'POST', token, body: { code: enrolCode } });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);

    const step = await loginStep('two-factor', INITIAL);
    if (step.body.status !== 'totp-required') throw new Error(step.body.status);
    // The code just used for enrolment cannot be replayed; a recovery code can be used once.
    const replay = await api('/api/auth/login/totp', { method: 'POST', body: { challenge: step.body.challenge, code: enrolCode } });
    expect(replay.status).toBe(401);
    const recovered = await api<LoginStep>('/api/auth/login/totp', { method: 'POST', body: { challenge: step.body.challenge, code: recoveryCodes[0] } });
    expect(recovered.body.status).toBe('signed-in');
    // A challenge is spent by its success.
    expect((await api('/api/auth/login/totp', { method: 'POST', body: { challenge: step.body.challenge, code: recoveryCodes[1] } })).status).toBe(401);
    const next = await loginStep('two-factor', INITIAL);
    if (next.body.status !== 'totp-required') throw new Error(next.body.status);
    expect((await api('/api/auth/login/totp', { method: 'POST', body: { challenge: next.body.challenge, code: recoveryCodes[0] } })).status).toBe(401);
    expect((await api('/api/auth/accounts/two-factor', { token: admin })).body).toMatchObject({ totpEnrolled: true, recoveryCodesLeft: 9 });

    // Lost phone: the admin resets the factor and the account signs in with its password alone.
    expect((await api('/api/auth/accounts/two-factor/totp-reset', { method: 'POST', token: admin })).status).toBe(204);
    expect((await loginStep('two-factor', INITIAL)).body.status).toBe('signed-in');
  });
});
