// Login rules against the real Cognito emulator and DynamoDB Local, through the local API gateway.
import { api, login } from '../support/cloud';

const DEMO = 'Sifasuo@2026';

const createUser = async (admin: string, username: string, extra: Record<string, unknown> = {}) =>
  api('/api/org/users', {
    method: 'POST',
    token: admin,
    body: { username, password: 'Initial#Pass1', displayName: '测试用户', roles: ['office_staff'], officeId: '0103', ...extra },
  });

describe('auth', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await login('admin');
  });

  it('logs a demo user in and returns tokens and the user', async () => {
    const r = await api('/api/auth/login', { method: 'POST', body: { username: 'staff-0101', password: DEMO } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ expiresIn: expect.any(Number), user: { username: 'staff-0101', roles: ['office_staff'], officeId: '0101', areaId: '01' } });
    const me = await api('/api/auth/me', { token: r.body.idToken });
    expect(me.body).toMatchObject({ username: 'staff-0101', displayName: '城关所工作人员', officeId: '0101', roles: ['office_staff'] });
  });

  it('answers bad login input with Chinese field errors', async () => {
    const r = await api('/api/auth/login', { method: 'POST', body: { username: '', extra: 1 } });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual({ username: '请填写用户名', password: '请填写密码', extra: '不允许的字段' });
    const raw = await api('/api/auth/login', { method: 'POST', rawBody: '{"username":' });
    expect(raw.status).toBe(400);
    expect(raw.body.code).toBe('VALIDATION');
  });

  it('locks an account for 15 minutes after five wrong passwords, even for the right one', async () => {
    expect((await createUser(admin, 'lock-me')).status).toBe(201);
    for (let i = 1; i <= 4; i++) {
      const r = await api('/api/auth/login', { method: 'POST', body: { username: 'lock-me', password: 'Wrong#Pass1' } });
      expect(r.status).toBe(401);
      expect(r.body.message).toBe('用户名或密码错误（连续5次错误将锁定账号15分钟）');
    }
    const fifth = await api('/api/auth/login', { method: 'POST', body: { username: 'lock-me', password: 'Wrong#Pass1' } });
    expect(fifth.status).toBe(423);
    const right = await api('/api/auth/login', { method: 'POST', body: { username: 'lock-me', password: 'Initial#Pass1' } });
    expect(right.status).toBe(423);
    expect(right.body.message).toMatch(/账号已锁定，请1[45]分钟后再试/);
    // The admin's reset unlocks it.
    expect((await api('/api/org/users/lock-me/password', { method: 'POST', token: admin, body: { password: 'Reset#Pass123' } })).status).toBe(204);
    expect((await api('/api/auth/login', { method: 'POST', body: { username: 'lock-me', password: 'Reset#Pass123' } })).status).toBe(200);
  });

  it('counts parallel guesses one by one, so a burst cannot slip past the lockout', async () => {
    expect((await createUser(admin, 'burst-me')).status).toBe(201);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => api('/api/auth/login', { method: 'POST', body: { username: 'burst-me', password: 'Wrong#Pass1' } })),
    );
    // At most five attempts reach the password check; the rest are refused as locked at once.
    expect(burst.filter((r) => r.status === 401).length).toBeLessThanOrEqual(4);
    expect(burst.filter((r) => r.status === 423).length).toBeGreaterThanOrEqual(16);
    expect(burst.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    const right = await api('/api/auth/login', { method: 'POST', body: { username: 'burst-me', password: 'Initial#Pass1' } });
    expect(right.status).toBe(423);
  });

  it('does not tell an unknown user from a wrong password', async () => {
    const unknown = await api('/api/auth/login', { method: 'POST', body: { username: 'nobody-here', password: 'Wrong#Pass1' } });
    const wrong = await api('/api/auth/login', { method: 'POST', body: { username: 'staff-0201', password: 'Wrong#Pass1' } });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses a disabled user even though the emulator would issue tokens', async () => {
    const created = await createUser(admin, 'disable-me');
    expect(created.status).toBe(201);
    const upd = await api('/api/org/users/disable-me', {
      method: 'PUT', token: admin,
      body: { displayName: '测试用户', roles: ['office_staff'], officeId: '0103', enabled: false, version: created.body.version },
    });
    expect(upd.status).toBe(200);
    const r = await api('/api/auth/login', { method: 'POST', body: { username: 'disable-me', password: 'Initial#Pass1' } });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('账号已停用，请联系系统管理员');
    // Only whoever knows the password learns that the account is disabled.
    const guess = await api('/api/auth/login', { method: 'POST', body: { username: 'disable-me', password: 'Wrong#Pass1' } });
    expect(guess.status).toBe(401);
  });

  it('enforces password complexity when creating users and changing passwords', async () => {
    const weak = await createUser(admin, 'weak-pass', { password: 'abc' });
    expect(weak.status).toBe(400);
    expect(weak.body.fields.password).toBe('密码至少10位');
    const token = await login('staff-0102');
    const change = await api('/api/auth/password', { method: 'POST', token, body: { oldPassword: DEMO, newPassword: 'alllowercase' } });
    expect(change.status).toBe(400);
    expect(change.body.fields.newPassword).toBe('密码须包含大写字母、小写字母、数字、符号中的至少三类');
    const wrongOld = await api('/api/auth/password', { method: 'POST', token, body: { oldPassword: 'Nope#12345', newPassword: 'Better#Pass1' } });
    expect(wrongOld.body.fields).toEqual({ oldPassword: '原密码不正确' });
    const spaces = await api('/api/auth/password', { method: 'POST', token, body: { oldPassword: DEMO, newPassword: ' Abcdefgh1 ' } });
    expect(spaces.body.fields).toEqual({ newPassword: '密码首尾不能是空格' });
  });

  it('a stolen session cannot guess the old password: wrong guesses count towards the lockout', async () => {
    expect((await createUser(admin, 'guess-old')).status).toBe(201);
    const token = await login('guess-old', 'Initial#Pass1');
    const tries = [];
    for (let i = 0; i < 5; i++) {
      tries.push((await api('/api/auth/password', { method: 'POST', token, body: { oldPassword: `Guess#${i}abcd`, newPassword: 'Better#Pass1' } })).status);
    }
    expect(tries).toEqual([400, 400, 400, 400, 423]);
    expect((await api('/api/auth/login', { method: 'POST', body: { username: 'guess-old', password: 'Initial#Pass1' } })).status).toBe(423);
  });

  it('answers a missing or forged token with 401', async () => {
    expect((await api('/api/org/offices')).status).toBe(401);
    const token = await login('staff-0101');
    const [h, p] = token.split('.');
    expect((await api('/api/org/offices', { token: `${h}.${p}.forged` })).status).toBe(401);
  });
});
