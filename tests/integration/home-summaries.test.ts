// The homes' figures against the seeded demo county: staffing in each role's scope, the admin's users,
// recent changes and locked accounts (三员分立 kept), the auditor's day of the trail. Other suites change
// a few offices of areas 01 and 02 meanwhile, so exact figures are asserted where nobody else writes.
import { MIN_ACTIVE_STAFF, shanghaiDay, type StaffingSummary } from '@sifasuo/domain';
import { county } from '@sifasuo/domain/src/demo-county';
import { api, login } from '../support/cloud';

const INITIAL = 'Initial#Pass1';

// One session per demo user for the whole file: signing in hashes a password, the slow part here.
const sessions = new Map<string, Promise<string>>();
const tokenOf = (user: string) => {
  if (!sessions.has(user)) sessions.set(user, login(user));
  return sessions.get(user)!;
};
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const staffing = async (token: string) => {
  const r = await api<StaffingSummary>('/api/org/staffing', { token });
  expect(r.status).toBe(200);
  return r.body;
};

/** The summary adds up: areas and totals are sums of the offices, the rate holders ÷ active staff. */
const expectConsistent = (s: StaffingSummary) => {
  const sum = (rows: StaffingSummary['offices'], f: (o: StaffingSummary['offices'][number]) => number) => rows.reduce((n, o) => n + f(o), 0);
  expect(s.totals.offices).toBe(s.offices.length);
  expect(s.totals.activeStaff).toBe(sum(s.offices, (o) => o.activeStaff));
  expect(s.totals.vacancies).toBe(sum(s.offices, (o) => o.shortfall));
  expect(s.totals.certificateRate).toBeCloseTo(s.totals.certificateHolders / s.totals.activeStaff, 10);
  for (const a of s.areas) {
    const own = s.offices.filter((o) => o.areaId === a.areaId);
    expect([a.offices, a.activeStaff, a.certificateHolders, a.vacancies]).toEqual([
      own.length, sum(own, (o) => o.activeStaff), sum(own, (o) => o.certificateHolders), sum(own, (o) => o.shortfall),
    ]);
  }
  for (const o of s.offices) expect(o.shortfall).toBe(Math.max(0, MIN_ACTIVE_STAFF[o.officeClass] - o.activeStaff));
};

describe('GET /api/org/staffing', () => {
  it('gives readers of all offices the county: every seeded office, staffed as seeded where no other suite writes', async () => {
    for (const user of ['leader', 'admin', 'dept-mediation']) {
      const s = await staffing(await tokenOf(user));
      expectConsistent(s);
      const ids = new Set(s.offices.map((o) => o.officeId));
      const seeded = county.areas.flatMap((a) => a.offices.map((o) => ({ ...o, areaId: a.id })));
      expect(seeded.filter((o) => !ids.has(o.id))).toEqual([]);
      expect(s.areas.map((a) => [a.areaId, a.name])).toEqual(county.areas.map((a) => [a.id, a.name]));
      // Areas 03–08: central offices 3 in post, regular 2, each with one certificate holder (the seed's director).
      for (const o of seeded.filter((x) => x.areaId >= '03')) {
        expect(s.offices.find((r) => r.officeId === o.id)).toEqual({
          officeId: o.id, name: o.name, areaId: o.areaId, officeClass: o.officeClass,
          activeStaff: MIN_ACTIVE_STAFF[o.officeClass], certificateHolders: 1, shortfall: 0,
        });
      }
    }
  });

  it('counts what the staff lists hold: a member who leaves is no longer in post, and below the minimum is a vacancy', async () => {
    const admin = await tokenOf('admin');
    // 0806 (regular, seeded with 2): no other suite writes to it. Every change is put back.
    const row = async () => (await staffing(admin)).offices.find((o) => o.officeId === '0806');
    const put = async (s: Record<string, any>, status: 'active' | 'left') => {
      const { id, officeId: _o, areaId: _a, idNumber: _i, updatedAt: _u, ...fields } = s;
      const r = await api(`/api/org/staff/${id}`, { method: 'PUT', token: admin, body: { ...fields, status } });
      expect(r.status).toBe(200);
      return r.body;
    };
    const added = await api('/api/org/offices/0806/staff', {
      method: 'POST', token: admin,
      body: { name: '首页测试', sex: 'male', phone: '13800004444', post: '司法助理员', education: '大学本科', legalExamCertificate: true, certificateNo: 'A20260001' },
    });
    expect(added.status).toBe(201);
    expect(await row()).toMatchObject({ activeStaff: 3, certificateHolders: 2, shortfall: 0 });
    await put(added.body, 'left');
    expect(await row()).toMatchObject({ activeStaff: 2, certificateHolders: 1, shortfall: 0 });
    const seeded = (await api('/api/org/offices/0806/staff', { token: admin })).body.items.find((s: { id: string; legalExamCertificate: boolean }) => s.id !== added.body.id && !s.legalExamCertificate);
    const left = await put(seeded, 'left');
    expect(await row()).toMatchObject({ activeStaff: 1, certificateHolders: 1, shortfall: 1 });
    await put(left, 'active');
    expect(await row()).toMatchObject({ activeStaff: 2, certificateHolders: 1, shortfall: 0 });
  });

  it('gives an area director the own area, and office staff their own office', async () => {
    const director = await staffing(await tokenOf('director-01'));
    expectConsistent(director);
    expect(new Set(director.offices.map((o) => o.areaId))).toEqual(new Set(['01']));
    expect(director.offices.map((o) => o.officeId)).toEqual(expect.arrayContaining(['0101', '0102', '0103', '0104', '0105', '0106', '0107']));
    expect(director.areas.map((a) => a.areaId)).toEqual(['01']);

    const own = await staffing(await tokenOf('staff-0101'));
    expect(own.offices.map((o) => [o.officeId, o.name, o.officeClass])).toEqual([['0101', '城关镇司法所', 'central']]);
    expect(own.areas.map((a) => a.areaId)).toEqual(['01']);
  });

  it('refuses roles without office data: the auditor and the inspector', async () => {
    for (const user of ['auditor', 'inspector']) expect((await api('/api/org/staffing', { token: await tokenOf(user) })).status).toBe(403);
  });
});

describe('the county admin: users and recent changes', () => {
  it('counts the accounts by role and status, and lists a new account among the records changed last', async () => {
    const admin = await tokenOf('admin');
    const before = (await api('/api/org/user-summary', { token: admin })).body;
    expect(before.total).toBeGreaterThanOrEqual(11);
    expect(before.enabled + before.disabled).toBe(before.total);
    expect(before.byRole).toMatchObject({ bureau_leader: expect.any(Number), auditor: expect.any(Number) });
    expect(before.byRole.county_admin).toBeGreaterThanOrEqual(1);

    const username = `home-${unique()}`;
    const created = await api('/api/org/users', { method: 'POST', token: admin, body: { username, displayName: '首页新账号', roles: ['office_staff'], officeId: '0806', enabled: false } });
    expect(created.status).toBe(201);
    const after = (await api('/api/org/user-summary', { token: admin })).body;
    expect(after.total).toBeGreaterThan(before.total);
    expect(after.disabled).toBeGreaterThan(before.disabled);

    const recent = await api('/api/org/recent-changes?limit=20', { token: admin });
    expect(recent.status).toBe(200);
    expect(recent.body.items).toContainEqual({ kind: 'user', id: username, name: '首页新账号', updatedAt: created.body.updatedAt, version: 1 });
    const times = recent.body.items.map((i: { updatedAt: string }) => i.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    const bad = await api('/api/org/recent-changes?limit=50', { token: admin });
    expect([bad.status, bad.body.fields]).toEqual([400, { limit: '条数最多为20' }]);
  });

  it('is the county admin’s alone (the bureau leader manages auditor accounts only)', async () => {
    for (const user of ['leader', 'auditor', 'director-01', 'staff-0101']) {
      const token = await tokenOf(user);
      expect((await api('/api/org/user-summary', { token })).status).toBe(403);
      expect((await api('/api/org/recent-changes', { token })).status).toBe(403);
    }
  });
});

describe('GET /api/auth/locked-accounts', () => {
  const lockOut = async (username: string) => {
    // The fifth wrong password locks, and says so (423).
    for (let i = 1; i <= 5; i++) {
      expect((await api('/api/auth/login', { method: 'POST', body: { username, password: 'Wrong#Pass1' } })).status).toBe(i < 5 ? 401 : 423);
    }
  };
  const lockedNames = async (token: string) => {
    const r = await api('/api/auth/locked-accounts', { token });
    expect(r.status).toBe(200);
    return r.body.items.map((i: { username: string }) => i.username) as string[];
  };

  it('lists the accounts locked now to the county admin, until a password reset opens them', async () => {
    const admin = await tokenOf('admin');
    const staff = `home-lock-${unique()}`;
    expect((await api('/api/org/users', { method: 'POST', token: admin, body: { username: staff, displayName: '锁定测试', roles: ['office_staff'], officeId: '0805' } })).status).toBe(201);
    expect((await api(`/api/auth/accounts/${staff}/password`, { method: 'PUT', token: admin, body: { password: INITIAL } })).status).toBe(204);
    await lockOut(staff);

    const items = (await api('/api/auth/locked-accounts', { token: admin })).body.items;
    expect(items).toContainEqual({ username: staff, displayName: '锁定测试', roles: ['office_staff'], lockedUntil: expect.any(String) });
    const until = Date.parse(items.find((i: { username: string }) => i.username === staff).lockedUntil);
    expect(until - Date.now()).toBeGreaterThan(13 * 60_000);

    expect((await api(`/api/auth/accounts/${staff}/password`, { method: 'PUT', token: admin, body: { password: 'Reset#Pass123' } })).status).toBe(204);
    expect(await lockedNames(admin)).not.toContain(staff);
  });

  it('keeps 三员分立: a locked auditor account is the leader’s to see, not the admin’s; a name nobody has is no account', async () => {
    const [admin, leader] = await Promise.all([tokenOf('admin'), tokenOf('leader')]);
    const auditor = `home-aud-${unique()}`;
    const ghost = `home-ghost-${unique()}`;
    expect((await api('/api/org/users', { method: 'POST', token: leader, body: { username: auditor, displayName: '锁定审计', roles: ['auditor'] } })).status).toBe(201);
    expect((await api(`/api/auth/accounts/${auditor}/password`, { method: 'PUT', token: leader, body: { password: INITIAL } })).status).toBe(204);
    await Promise.all([lockOut(auditor), lockOut(ghost)]);

    const leaders = await lockedNames(leader);
    expect(leaders).toContain(auditor);
    expect(leaders).not.toContain(ghost);
    const admins = await lockedNames(admin);
    expect(admins).not.toContain(auditor);
    expect(admins).not.toContain(ghost);
  });

  it('refuses everyone else', async () => {
    for (const user of ['auditor', 'dept-mediation', 'director-01', 'staff-0101']) {
      expect((await api('/api/auth/locked-accounts', { token: await tokenOf(user) })).status).toBe(403);
    }
  });
});

describe('GET /api/audit/summary', () => {
  it('counts today’s records by action, with Chinese labels, and the refusals among them', async () => {
    const auditor = await tokenOf('auditor');
    const today = shanghaiDay(new Date());
    const before = await api('/api/audit/summary', { token: auditor });
    expect(before.status).toBe(200);
    expect(before.body.day).toBe(today);
    // A refusal: office staff asking for another area's office.
    expect((await api('/api/org/offices/0801', { token: await tokenOf('staff-0101') })).status).toBe(404);
    const after = (await api(`/api/audit/summary?day=${today}`, { token: auditor })).body;
    expect(after.byOutcome.denied).toBeGreaterThan(before.body.byOutcome.denied);
    expect(after.total).toBe(Object.values(after.byOutcome as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(after.byAction.reduce((n: number, a: { count: number }) => n + a.count, 0)).toBe(after.total);
    expect(after.byAction).toContainEqual({ action: 'auth.login', label: '登录', count: expect.any(Number) });
    expect(after.byAction).toContainEqual({ action: 'api.request', label: '接口请求', count: expect.any(Number) });
    const counts = after.byAction.map((a: { count: number }) => a.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('answers a day without records with zeros, and refuses a date that is none', async () => {
    const auditor = await tokenOf('auditor');
    const empty = await api('/api/audit/summary?day=2001-01-01', { token: auditor });
    expect(empty.body).toEqual({ day: '2001-01-01', total: 0, byOutcome: { success: 0, denied: 0, rejected: 0, failed: 0 }, byAction: [] });
    const bad = await api('/api/audit/summary?day=2026-02-30', { token: auditor });
    expect([bad.status, bad.body.fields]).toEqual([400, { day: '日期不是有效日期' }]);
  });

  it('is the auditor’s alone, not even the county admin’s', async () => {
    for (const user of ['admin', 'leader', 'staff-0101']) expect((await api('/api/audit/summary', { token: await tokenOf(user) })).status).toBe(403);
  });
});
