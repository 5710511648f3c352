// The org context end to end: scope, paging, validation, versions and audit, on the real emulators.
import { api, auditRecordsOf, login } from '../support/cloud';

const allPages = async (path: string, token: string, limit = 10) => {
  const items: Array<Record<string, any>> = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(r.status).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.cursor;
  } while (cursor);
  return items;
};

const newStaff = {
  name: '测试人员', sex: 'female', phone: '13800001111', post: '司法助理员', education: '大学本科', legalExamCertificate: false,
};

describe('org: who sees what', () => {
  it('a bureau leader sees all 8 areas and 49 offices, one central office per area', async () => {
    const token = await login('leader');
    const areas = (await api('/api/org/areas', { token })).body.items;
    expect(areas).toHaveLength(8);
    const offices = await allPages('/api/org/offices', token);
    expect(offices).toHaveLength(49);
    expect(new Set(offices.map((o) => o.id)).size).toBe(49);
    for (const a of areas) {
      expect(offices.filter((o) => o.areaId === a.id && o.officeClass === 'central').map((o) => o.id)).toEqual([a.centralOfficeId]);
    }
  });

  it('office staff see only their own office; another answers as one that does not exist, and is audited as denied', async () => {
    const token = await login('staff-0101');
    expect((await allPages('/api/org/offices', token)).map((o) => o.id)).toEqual(['0101']);
    expect((await api('/api/org/areas', { token })).body.items.map((a: { id: string }) => a.id)).toEqual(['01']);
    const other = await api('/api/org/offices/0201', { token });
    const missing = await api('/api/org/offices/9999', { token });
    expect([other.status, other.body]).toEqual([404, { code: 'NOT_FOUND', message: '司法所不存在' }]);
    expect([missing.status, missing.body]).toEqual([other.status, other.body]);
    const otherStaff = await api('/api/org/offices/0201/staff', { token });
    expect([otherStaff.status, otherStaff.body]).toEqual([404, { code: 'NOT_FOUND', message: '司法所不存在' }]);

    const trail = await auditRecordsOf('staff-0101', [other.headers.get('x-request-id')!, missing.headers.get('x-request-id')!]);
    expect(trail).toEqual([
      expect.objectContaining({ action: 'api.request', targetId: 'GET /api/org/offices/0201', outcome: 'denied', reason: '司法所 0201 超出数据范围' }),
      expect.objectContaining({ action: 'api.request', targetId: 'GET /api/org/offices/9999', outcome: 'rejected', reason: '司法所不存在' }),
    ]);
  });

  it('an area director sees the offices of the own area only', async () => {
    const token = await login('director-01');
    const offices = await allPages('/api/org/offices', token, 3);
    expect(offices.map((o) => o.id)).toEqual(['0101', '0102', '0103', '0104', '0105', '0106', '0107']);
    expect((await api('/api/org/offices?areaId=02', { token })).status).toBe(403);
  });

  it('the auditor and the inspector see no org data', async () => {
    for (const user of ['auditor', 'inspector']) {
      expect((await api('/api/org/offices', { token: await login(user) })).status).toBe(403);
    }
  });

  it('lists page with an opaque cursor and refuse a forged one', async () => {
    const token = await login('leader');
    const first = await api('/api/org/offices?limit=5', { token });
    expect(first.body.items).toHaveLength(5);
    expect(typeof first.body.cursor).toBe('string');
    const forged = Buffer.from(JSON.stringify({ PK: 'USER#admin', SK: 'USER' })).toString('base64url');
    const r = await api(`/api/org/offices?cursor=${forged}`, { token });
    expect(r.status).toBe(400);
    expect(r.body.fields.cursor).toBe('分页游标无效，请从第一页重新查询');
    expect((await api('/api/org/offices?cursor=%%%', { token })).status).toBe(400);
    expect((await api('/api/org/offices?limit=1000', { token })).body.fields.limit).toBe('每页条数最多为100');
  });
});

describe('org: staff records', () => {
  it('office staff create and edit their own staff; stale versions are 409; nothing partial', async () => {
    const token = await login('staff-0102');
    const created = await api('/api/org/offices/0102/staff', { method: 'POST', token, body: { ...newStaff, idNumber: '11010519491231002x' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ officeId: '0102', version: 1, idNumber: '110105********002X', status: 'active' });
    const id = created.body.id;

    const upd = await api(`/api/org/staff/${id}`, { method: 'PUT', token, body: { ...newStaff, phone: '13800002222', version: 1 } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ phone: '13800002222', version: 2, idNumber: '110105********002X' });

    const stale = await api(`/api/org/staff/${id}`, { method: 'PUT', token, body: { ...newStaff, phone: '13800003333', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('数据已被他人修改，请刷新后重试');
    expect((await api(`/api/org/staff/${id}`, { token })).body.phone).toBe('13800002222');

    // The full ID number is shown to the office and the read is audited.
    const revealed = await api(`/api/org/staff/${id}?reveal=idNumber`, { token });
    expect(revealed.body.idNumber).toBe('11010519491231002X');
  });

  it('refuses bad input with Chinese field errors and writes nothing', async () => {
    const token = await login('staff-0102');
    const before = await allPages('/api/org/offices/0102/staff', token);
    const bad = await api('/api/org/offices/0102/staff', {
      method: 'POST', token,
      body: { ...newStaff, name: '', phone: '123', idNumber: '110105194912310021', contactForOfficeIds: ['0999'], unknown: true },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({
      name: '请填写姓名',
      phone: '联系电话应为11位手机号或带区号的固定电话',
      idNumber: '身份证号校验位不正确',
      unknown: '不允许的字段',
    });
    const unknownOffice = await api('/api/org/offices/0102/staff', { method: 'POST', token, body: { ...newStaff, contactForOfficeIds: ['0999'] } });
    expect(unknownOffice.status).toBe(400);
    expect(unknownOffice.body.fields).toEqual({ 'contactForOfficeIds.0': '司法所 0999 不存在' });
    // An office out of the caller's scope is answered as one that does not exist (issue 6 §7).
    const outOfScope = await api('/api/org/offices/0102/staff', { method: 'POST', token, body: { ...newStaff, contactForOfficeIds: ['0102', '0201'] } });
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.fields).toEqual({ 'contactForOfficeIds.1': '司法所 0201 不存在' });
    const tooLong = await api('/api/org/offices/0102/staff', { method: 'POST', token, body: { ...newStaff, name: '长'.repeat(200) } });
    expect(tooLong.body.fields).toEqual({ name: '姓名不能超过20个字' });
    expect(await allPages('/api/org/offices/0102/staff', token)).toHaveLength(before.length);
  });

  it('refuses changes to another office, and a department only reads', async () => {
    const staff = await login('staff-0101');
    const r = await api('/api/org/offices/0102/staff', { method: 'POST', token: staff, body: newStaff });
    expect(r.status).toBe(404);
    const dept = await login('dept-mediation');
    expect((await api('/api/org/offices/0201/staff', { token: dept })).status).toBe(200);
    expect((await api('/api/org/offices/0201/staff', { method: 'POST', token: dept, body: newStaff })).status).toBe(403);
    const list = (await api('/api/org/offices/0201/staff', { token: dept })).body.items;
    expect((await api(`/api/org/staff/${list[0].id}?reveal=idNumber`, { token: dept })).status).toBe(403);
  });
});

describe('org: administration', () => {
  it('keeps one central office per area', async () => {
    const admin = await login('admin');
    const second = await api('/api/org/offices', {
      method: 'POST', token: admin, body: { id: '0810', name: '第二中心所', township: '某乡', areaId: '08', officeClass: 'central' },
    });
    expect(second.status).toBe(400);
    expect(second.body.fields).toEqual({ officeClass: '湖滨片区已有片区中心所（0801）' });
    const central = (await api('/api/org/offices/0701', { token: admin })).body;
    const demote = await api('/api/org/offices/0701', {
      method: 'PUT', token: admin,
      body: { name: central.name, township: central.township, areaId: '07', officeClass: 'regular', version: central.version },
    });
    expect(demote.body.fields).toEqual({ officeClass: '片区中心所不能改为一般所或调出本片区' });
  });

  it('answers odd ids, huge numbers and prototype-named keys with 4xx, never 500', async () => {
    const admin = await login('admin');
    for (const path of [`/api/org/users/${'a'.repeat(3000)}`, `/api/org/staff/${'x'.repeat(3000)}`, `/api/org/offices/${'9'.repeat(3000)}`,
      `/api/org/offices/${'9'.repeat(3000)}/staff`, '/api/org/staff/%E4%B8%AD', '/api/org/users/ADMIN']) {
      expect((await api(path, { token: admin })).status).toBe(404);
    }
    const office = (await api('/api/org/offices/0702', { token: admin })).body;
    const huge = await api('/api/org/offices/0702', {
      method: 'PUT', token: admin,
      body: { name: office.name, township: office.township, areaId: '07', officeClass: 'regular', version: Number.MAX_SAFE_INTEGER },
    });
    expect(huge.status).toBe(400);
    expect(huge.body.fields).toEqual({ version: '版本号无效' });
    const proto = await api('/api/org/offices?constructor=1&toString=2', { token: admin });
    expect(proto.status).toBe(400);
    expect(proto.body.fields).toEqual({ constructor: '不允许的字段', toString: '不允许的字段' });
  });

  it('keeps admin and auditor apart: nobody holds both, and the admin cannot change own roles', async () => {
    const admin = await login('admin');
    const me = (await api('/api/org/users/admin', { token: admin })).body;
    const grab = await api('/api/org/users/admin', {
      method: 'PUT', token: admin, body: { displayName: me.displayName, roles: ['county_admin', 'auditor'], enabled: true, version: me.version },
    });
    expect(grab.status).toBe(400);
    expect(grab.body.fields).toEqual({ roles: '系统管理员与审计管理员须由不同人员担任' });
    const swap = await api('/api/org/users/admin', {
      method: 'PUT', token: admin, body: { displayName: me.displayName, roles: ['auditor'], enabled: true, version: me.version },
    });
    expect(swap.body.fields).toEqual({ roles: '不能修改自己的角色' });
    expect((await api('/api/audit/records?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z', { token: await login('admin') })).status).toBe(403);
  });

  it('the admin creates and edits offices; others may not', async () => {
    const admin = await login('admin');
    const body = { id: '0808', name: '测试所', township: '测试乡', areaId: '08', officeClass: 'regular' };
    expect((await api('/api/org/offices', { method: 'POST', token: await login('leader'), body })).status).toBe(403);
    const created = await api('/api/org/offices', { method: 'POST', token: admin, body });
    expect(created.status).toBe(201);
    expect((await api('/api/org/offices', { method: 'POST', token: admin, body })).status).toBe(409);
    const badArea = await api('/api/org/offices', { method: 'POST', token: admin, body: { ...body, id: '0809', areaId: '42' } });
    expect(badArea.body.fields).toEqual({ areaId: '片区不存在' });
    const upd = await api('/api/org/offices/0808', { method: 'PUT', token: admin, body: { ...body, id: undefined, name: '测试司法所', version: 1 } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ name: '测试司法所', version: 2 });
  });

  it("a user's new office applies to their signed-in session: the API reads the record, not the token", async () => {
    const admin = await login('admin');
    const created = await api('/api/org/users', {
      method: 'POST', token: admin, body: { username: 'moves-office', displayName: '调动人员', roles: ['office_staff'], officeId: '0301' },
    });
    expect(created.status).toBe(201);
    expect((await api('/api/auth/accounts/moves-office/password', { method: 'PUT', token: admin, body: { password: 'Initial#Pass1' } })).status).toBe(204);
    const token = await login('moves-office', 'Initial#Pass1');
    expect((await api('/api/auth/me', { token })).body.officeId).toBe('0301');
    const upd = await api('/api/org/users/moves-office', {
      method: 'PUT', token: admin,
      body: { displayName: '调动人员', roles: ['office_staff'], officeId: '0401', enabled: true, version: 1 },
    });
    expect(upd.body).toMatchObject({ officeId: '0401', areaId: '04', version: 2 });
    // A move ends the sessions (the unit decides what one may see); the next sign-in has the new office.
    const next = await login('moves-office', 'Initial#Pass1');
    expect((await api('/api/auth/me', { token: next })).body).toMatchObject({ officeId: '0401', areaId: '04' });
    expect((await api('/api/org/offices/0401', { token: next })).status).toBe(200);
    expect((await api('/api/org/offices/0301', { token: next })).status).toBe(404);
  });

  it('validates users: unknown office, director outside a central office, duplicate name', async () => {
    const admin = await login('admin');
    const base = { displayName: '某人', roles: ['area_director'] };
    const r1 = await api('/api/org/users', { method: 'POST', token: admin, body: { ...base, username: 'dir-x', officeId: '0999' } });
    expect(r1.body.fields).toEqual({ officeId: '司法所 0999 不存在' });
    const r2 = await api('/api/org/users', { method: 'POST', token: admin, body: { ...base, username: 'dir-x', officeId: '0102' } });
    expect(r2.body.fields).toEqual({ officeId: '片区中心所长须属于片区中心司法所' });
    const r3 = await api('/api/org/users', { method: 'POST', token: admin, body: { ...base, username: 'admin', roles: ['county_admin'] } });
    expect(r3.body.fields).toEqual({ username: '用户名 admin 已存在' });
    // The bureau leader's list holds the auditor accounts and its own only (三员分立; tests/integration/separation-of-duties.test.ts).
    const byLeader = await api('/api/org/users', { token: await login('leader') });
    expect(byLeader.body.items.every((u: { username: string; roles: string[] }) => u.roles.includes('auditor') || u.username === 'leader')).toBe(true);
    expect((await api('/api/org/users', { token: await login('staff-0101') })).status).toBe(403);
  });

  it('dictionaries are read by all working roles and edited by the admin with versions', async () => {
    const staff = await login('staff-0101');
    const dict = (await api('/api/org/dictionaries/dispute-types', { token: staff })).body;
    expect(dict.entries.map((e: { label: string }) => e.label)).toContain('婚姻家庭');
    const admin = await login('admin');
    const entries = [...dict.entries, { code: 'dt-99', label: '网络纠纷', active: true }];
    const upd = await api('/api/org/dictionaries/dispute-types', { method: 'PUT', token: admin, body: { entries, version: dict.version } });
    expect(upd.status).toBe(200);
    expect((await api('/api/org/dictionaries/dispute-types', { method: 'PUT', token: admin, body: { entries, version: dict.version } })).status).toBe(409);
    expect((await api('/api/org/dictionaries/no-such', { token: staff })).status).toBe(404);
  });
});
