// Issue 6, items 3, 6 and 8, end to end on the local cloud: no body a caller sends makes a 500 (deep
// JSON is a 400 before it is parsed), a body that does not say it is JSON is a 415, and names with
// control or invisible characters are refused, not stored.
import { api, login } from '../support/cloud';

const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

describe('no 500 from user input', () => {
  it('JSON nested 5,000 levels deep is a 400, on every body a signed-in user can send', async () => {
    const admin = await login('admin');
    const staff = await login('staff-0101');
    const deepBodies = [`{"id":${nested(5000)}}`, `{"username":${nested(5000)}}`, nested(5000), `{"a":{"b":${'{"c":'.repeat(40)}1${'}'.repeat(40)}}}`];
    for (const token of [admin, staff]) {
      for (const path of ['/api/org/offices', '/api/org/users']) {
        for (const rawBody of deepBodies) {
          const r = await api(path, { method: 'POST', token, rawBody });
          expect({ path, status: r.status, body: r.body }).toEqual({
            path, status: 400, body: { code: 'VALIDATION', message: '请求体嵌套层级过深', fields: { _: '请求体嵌套不能超过32层' } },
          });
        }
      }
    }
    const update = await api('/api/org/offices/0101', { method: 'PUT', token: admin, rawBody: `{"name":${nested(5000)}}` });
    expect(update.status).toBe(400);
  });

  it('a shallow body of the wrong shape is still answered field by field', async () => {
    const admin = await login('admin');
    const r = await api('/api/org/offices', { method: 'POST', token: admin, rawBody: `{"id":${nested(10)}}` });
    expect(r.status).toBe(400);
    expect(r.body.fields).toMatchObject({ id: expect.any(String) });
  });
});

describe('content type', () => {
  // Nothing here may add an office: other suites count the county's offices. The refused body names an
  // area that does not exist, so even a broken check creates nothing.
  const office = { id: '0877', name: '内容类型测试所', township: '测试乡', areaId: '99', officeClass: 'regular' };

  it('a body that is not declared JSON is a 415', async () => {
    const admin = await login('admin');
    for (const type of ['text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded']) {
      const r = await api('/api/org/offices', { method: 'POST', token: admin, rawBody: JSON.stringify(office), headers: { 'content-type': type } });
      expect({ type, status: r.status, body: r.body }).toEqual({
        type, status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求体须为 JSON（Content-Type: application/json）' },
      });
    }
  });

  it('application/json with a charset, in any case, is accepted', async () => {
    const admin = await login('admin');
    const r = await api('/api/org/users', {
      method: 'POST', token: admin, headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' },
      rawBody: JSON.stringify({ username: 'charset-ok', displayName: '字符集', roles: ['department'], departmentId: 'mediation' }),
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ username: 'charset-ok', displayName: '字符集' });
  });
});

describe('control and invisible characters are refused, not stored', () => {
  it('a NUL in a display name is a 400 naming the field', async () => {
    const admin = await login('admin');
    const r = await api('/api/org/users', {
      method: 'POST', token: admin, body: { username: 'nul-name', displayName: 'a\u0000b', roles: ['department'], departmentId: 'mediation' },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'VALIDATION', fields: { displayName: '姓名不能包含控制字符或不可见字符' } });
    expect((await api('/api/org/users/nul-name', { token: admin })).status).toBe(404);
  });

  it('bidi overrides, zero-width characters and lone surrogates in an office name are refused; a display name is trimmed and stored as NFC', async () => {
    const admin = await login('admin');
    // An area that does not exist: a refused name must be refused by the schema, and nothing is ever created.
    const body = { id: '0878', township: '测试乡', areaId: '99', officeClass: 'regular' };
    const cases: Array<[string, string]> = [
      ['所\u202e名', '司法所名称不能包含文字方向控制字符'],
      ['所\u200b名', '司法所名称不能包含零宽字符或其他不可见字符'],
      ['所\u001b名', '司法所名称不能包含控制字符或不可见字符'],
      ['所\n名', '司法所名称不能换行或包含制表符'],
    ];
    for (const [name, message] of cases) {
      const r = await api('/api/org/offices', { method: 'POST', token: admin, body: { ...body, name } });
      expect({ name, status: r.status, fields: r.body.fields }).toEqual({ name, status: 400, fields: { name: message } });
    }
    // A lone surrogate cannot be sent through JSON.stringify as such: write its escape by hand.
    const lone = await api('/api/org/offices', { method: 'POST', token: admin, rawBody: JSON.stringify({ ...body, name: 'X' }).replace('"X"', '"所\\ud800名"') });
    expect(lone.body.fields).toEqual({ name: '司法所名称包含无效的字符（不成对的代理项）' });
    const ok = await api('/api/org/users', {
      method: 'POST', token: admin, body: { username: 'nfc-name', displayName: '  Cafe\u0301  ', roles: ['department'], departmentId: 'mediation' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.displayName).toBe('Caf\u00e9');
  });
});

describe('no refusal without its audit record', () => {
  it('a refused write naming a long id is recorded, its target fitted into the key (issue 6 §4)', async () => {
    const staff = await login('staff-0201');
    const from = new Date(Date.now() - 60_000).toISOString();
    // The longest id a path may name, in Chinese: 384 bytes, more than a target keeps whole.
    const id = '长'.repeat(128);
    const body = { name: '越权修改', township: '某镇', officeClass: 'regular', areaId: '02', version: 1 };
    const refused = await api(`/api/org/offices/${encodeURIComponent(id)}`, { method: 'PUT', token: staff, body });
    expect([403, 404]).toContain(refused.status);
    const auditor = await login('auditor');
    const to = new Date(Date.now() + 60_000).toISOString();
    const trail = await api(`/api/audit/records?actor=staff-0201&from=${from}&to=${to}`, { token: auditor });
    const record = (trail.body.items as Array<{ action: string; targetId: string }>).find((r) => r.action === 'org.office.update');
    expect(record).toMatchObject({ targetId: expect.stringMatching(/^长{64}…#[0-9a-f]{16}$/) });
  });
});

describe('ids in the path are bounded before anything else', () => {
  it('a 3,000-character id is not found on every route that names one (DynamoDB would refuse the key: a 500)', async () => {
    const admin = await login('admin');
    const long = 'k'.repeat(3000);
    for (const path of [`/api/auth/accounts/${long}`, `/api/org/offices/${long}`, `/api/org/staff/${long}`, `/api/org/users/${long}`]) {
      const r = await api(path, { token: admin });
      expect({ path: path.slice(0, 24), status: r.status, body: r.body }).toEqual({
        path: path.slice(0, 24), status: 404, body: { code: 'NOT_FOUND', message: '记录不存在' },
      });
    }
  });
});
