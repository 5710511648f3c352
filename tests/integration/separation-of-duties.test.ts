// 三员分立 (GB/T 22239-2019 level 3, issue 6 item 2) against the local cloud: the county admin neither
// grants nor removes the auditor role, nor manages an auditor account; the bureau leader manages
// auditor accounts and only those; nobody changes their own roles or disables themselves. Every
// refused write is a 403 with a Chinese reason, and the auditor finds it in the trail as denied.
import { api, login } from '../support/cloud';

const INITIAL = 'Initial#Pass1';
const ADMIN_REFUSAL = '系统管理员不能授予、撤销审计管理员角色，也不能管理审计管理员账号（三员分立）';
const LEADER_REFUSAL = '局领导只能管理审计管理员账号，其他账号由系统管理员管理';

const window = () => `from=${new Date(Date.now() - 600_000).toISOString()}&to=${new Date(Date.now() + 120_000).toISOString()}`;

/** The auditor's view of what happened to one account. */
const trailOf = async (username: string) => {
  const r = await api(`/api/audit/records?targetType=user&targetId=${username}&${window()}`, { token: await login('auditor') });
  expect(r.status).toBe(200);
  return r.body.items as { action: string; actor: string; outcome: string; reason?: string }[];
};

describe('separation of duties', () => {
  let admin: string;
  let leader: string;
  beforeAll(async () => {
    [admin, leader] = [await login('admin'), await login('leader')];
  });

  it('the county admin cannot create an auditor account, and the refusal is audited', async () => {
    const r = await api('/api/org/users', { method: 'POST', token: admin, body: { username: 'sod-by-admin', displayName: '审计员甲', roles: ['auditor'] } });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe(ADMIN_REFUSAL);
    const mixed = await api('/api/org/users', {
      method: 'POST', token: admin, body: { username: 'sod-by-admin', displayName: '审计员甲', roles: ['office_staff', 'auditor'], officeId: '0103' },
    });
    expect(mixed.status).toBe(403);
    expect((await api('/api/org/users/sod-by-admin', { token: admin })).status).toBe(404);
    expect(await trailOf('sod-by-admin')).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'org.user.create', actor: 'admin', outcome: 'denied', reason: ADMIN_REFUSAL })]),
    );
  });

  it('the county admin cannot add the auditor role to an existing account', async () => {
    const created = await api('/api/org/users', {
      method: 'POST', token: admin, body: { username: 'sod-staff', displayName: '工作人员', roles: ['office_staff'], officeId: '0103' },
    });
    expect(created.status).toBe(201);
    const grant = await api('/api/org/users/sod-staff', {
      method: 'PUT', token: admin, body: { displayName: '工作人员', roles: ['office_staff', 'auditor'], officeId: '0103', enabled: true, version: created.body.version },
    });
    expect(grant.status).toBe(403);
    expect(grant.body.message).toBe(ADMIN_REFUSAL);
    expect((await api('/api/org/users/sod-staff', { token: admin })).body.roles).toEqual(['office_staff']);
    expect(await trailOf('sod-staff')).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'org.user.update', actor: 'admin', outcome: 'denied' })]),
    );
  });

  it('the county admin sees the auditor account but cannot remove its role, disable it, or touch its sign-in', async () => {
    const auditor = await api('/api/org/users/auditor', { token: admin });
    expect(auditor.status).toBe(200);
    const { username: _u, version, updatedAt: _t, areaId: _a, ...fields } = auditor.body;
    for (const body of [
      { ...fields, roles: ['inspector'], version },
      { ...fields, enabled: false, version },
      { ...fields, displayName: '改名', version },
    ]) {
      const r = await api('/api/org/users/auditor', { method: 'PUT', token: admin, body });
      expect(r.status).toBe(403);
      expect(r.body.message).toBe(ADMIN_REFUSAL);
    }
    const password = await api('/api/auth/accounts/auditor/password', { method: 'PUT', token: admin, body: { password: INITIAL } });
    expect(password.status).toBe(403);
    expect(password.body.message).toBe(ADMIN_REFUSAL);
    expect((await api('/api/auth/accounts/auditor/sign-out', { method: 'POST', token: admin })).status).toBe(403);
    expect((await api('/api/auth/accounts/auditor/totp-reset', { method: 'POST', token: admin })).status).toBe(403);
    // The security view follows the actions: the auditor's sessions are not the admin's to watch.
    expect((await api('/api/auth/accounts/auditor', { token: admin })).status).toBe(403);
    // Nothing changed: the auditor still signs in with the demo password and reads the trail.
    const trail = await trailOf('auditor');
    const denied = trail.filter((r) => r.actor === 'admin' && r.outcome === 'denied').map((r) => r.action);
    expect(denied).toEqual(expect.arrayContaining(['org.user.update', 'auth.reset-password', 'auth.end-sessions', 'auth.totp.reset']));
    expect((await api('/api/org/users/auditor', { token: admin })).body.version).toBe(version);
  });

  it('the bureau leader creates an auditor account and sets its password; the account reads the audit log', async () => {
    const created = await api('/api/org/users', { method: 'POST', token: leader, body: { username: 'sod-auditor', displayName: '审计员乙', roles: ['auditor'] } });
    expect(created.status).toBe(201);
    expect((await api('/api/auth/accounts/sod-auditor/password', { method: 'PUT', token: leader, body: { password: INITIAL } })).status).toBe(204);
    const own = await api(`/api/audit/records?${window()}`, { token: await login('sod-auditor', INITIAL) });
    expect(own.status).toBe(200);
    expect(Array.isArray(own.body.items)).toBe(true);
    // The leader's list holds the auditor accounts only; the leader views its sign-in security.
    const list = await api('/api/org/users?limit=100', { token: leader });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((u: { username: string; roles: string[] }) => u.roles.includes('auditor') || u.username === 'leader')).toBe(true);
    expect((await api('/api/auth/accounts/sod-auditor', { token: leader })).body.hasPassword).toBe(true);
    // Disables and re-enables it, resets its second factor and signs it out.
    const off = await api('/api/org/users/sod-auditor', {
      method: 'PUT', token: leader, body: { displayName: '审计员乙', roles: ['auditor'], enabled: false, version: created.body.version },
    });
    expect(off.status).toBe(200);
    const on = await api('/api/org/users/sod-auditor', {
      method: 'PUT', token: leader, body: { displayName: '审计员乙', roles: ['auditor'], enabled: true, version: off.body.version },
    });
    expect(on.status).toBe(200);
    expect((await api('/api/auth/accounts/sod-auditor/totp-reset', { method: 'POST', token: leader })).status).toBe(204);
    expect((await api('/api/auth/accounts/sod-auditor/sign-out', { method: 'POST', token: leader })).status).toBe(200);
    // But it may not give the account another role.
    const widen = await api('/api/org/users/sod-auditor', {
      method: 'PUT', token: leader, body: { displayName: '审计员乙', roles: ['auditor', 'inspector'], enabled: true, version: on.body.version },
    });
    expect(widen.status).toBe(403);
    const actions = (await trailOf('sod-auditor')).filter((r) => r.actor === 'leader').map((r) => `${r.action}:${r.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['org.user.create:success', 'auth.reset-password:success', 'org.user.update:success', 'org.user.update:denied']));
  });

  it('the bureau leader manages no other account', async () => {
    const staff = await api('/api/org/users', {
      method: 'POST', token: leader, body: { username: 'sod-by-leader', displayName: '工作人员', roles: ['office_staff'], officeId: '0103' },
    });
    expect(staff.status).toBe(403);
    expect(staff.body.message).toBe(LEADER_REFUSAL);
    // Accounts it may not see answer as missing ones: the leader cannot probe which usernames exist.
    const unseen = await api('/api/org/users/admin', { token: leader });
    const none = await api('/api/org/users/no-such-user', { token: leader });
    expect([unseen.status, unseen.body]).toEqual([404, { code: 'NOT_FOUND', message: '用户不存在' }]);
    expect([none.status, none.body]).toEqual([unseen.status, unseen.body]);
    const sodStaff = (await api('/api/org/users/sod-staff', { token: admin })).body;
    const edit = await api('/api/org/users/sod-staff', {
      method: 'PUT', token: leader, body: { displayName: '工作人员', roles: ['auditor'], enabled: true, version: sodStaff.version },
    });
    expect(edit.status).toBe(404);
    expect((await api('/api/auth/accounts/staff-0101/password', { method: 'PUT', token: leader, body: { password: INITIAL } })).status).toBe(404);
    expect((await api('/api/auth/accounts/staff-0101/sign-out', { method: 'POST', token: leader })).status).toBe(404);
    const security = await api('/api/auth/accounts/staff-0101', { token: leader });
    const noSecurity = await api('/api/auth/accounts/no-such-user', { token: leader });
    expect([security.status, security.body]).toEqual([404, { code: 'NOT_FOUND', message: '账号 staff-0101 不存在' }]);
    expect(noSecurity.status).toBe(404);
    const actions = (await trailOf('sod-staff')).filter((r) => r.actor === 'leader').map((r) => `${r.action}:${r.outcome}`);
    expect(actions).toContain('org.user.update:denied');
    expect((await api('/api/auth/settings', { token: leader })).status).toBe(403);
  });

  it('nobody changes their own roles or disables themselves', async () => {
    const me = (await api('/api/org/users/admin', { token: admin })).body;
    const base = { displayName: me.displayName, roles: me.roles, enabled: true, version: me.version };
    const off = await api('/api/org/users/admin', { method: 'PUT', token: admin, body: { ...base, enabled: false } });
    expect(off.status).toBe(400);
    expect(off.body.fields).toEqual({ enabled: '不能停用自己的账号' });
    const more = await api('/api/org/users/admin', { method: 'PUT', token: admin, body: { ...base, roles: ['county_admin', 'bureau_leader'] } });
    expect(more.status).toBe(400);
    expect(more.body.fields).toEqual({ roles: '不能修改自己的角色' });
    // The leader cannot make itself an auditor either (nor touch its own account at all).
    const self = await api('/api/org/users/leader', {
      method: 'PUT', token: leader, body: { displayName: '局领导', roles: ['auditor'], enabled: true, version: 1 },
    });
    expect(self.status).toBe(400);
    expect(self.body.fields).toEqual({ roles: '不能修改自己的角色' });
    const keep = await api('/api/org/users/leader', {
      method: 'PUT', token: leader, body: { displayName: '局领导', roles: ['bureau_leader'], enabled: true, version: 1 },
    });
    expect(keep.status).toBe(403);
  });
});
