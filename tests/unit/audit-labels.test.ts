// The audit log in people's words (packages/domain/src/audit-labels.ts): every action and target type
// of every context has a Chinese label, the before/after images become rows of the changed fields with
// enum values, booleans and instants in Chinese and Shanghai time; and the filters applied while paging.
import {
  API_AUDIT,
  AUDIT_AUDIT,
  AUDIT_TARGET_TYPE_LABELS,
  auditActionLabel,
  auditChanges,
  auditRecordsQuery,
  auditTargetText,
  AUTH_AUDIT,
  filteredPage,
  ORG_AUDIT,
  shanghaiTimestamp,
  userListQuery,
  userMatches,
  type Page,
} from '@sifasuo/domain';

const CHINESE = /[\u4e00-\u9fff]/;

describe('labels', () => {
  const actions = [ORG_AUDIT, AUTH_AUDIT, AUDIT_AUDIT, API_AUDIT].flatMap((t) => Object.values(t));

  it('name every action and every target type of every context in Chinese', () => {
    for (const a of actions) {
      expect(auditActionLabel(a.action)).toBe(a.label);
      expect(AUDIT_TARGET_TYPE_LABELS[a.targetType]).toMatch(CHINESE);
    }
    expect(auditActionLabel('org.staff.update')).toBe('修改工作人员');
    // An action no table knows is shown as recorded rather than hidden.
    expect(auditActionLabel('later.thing.happen')).toBe('later.thing.happen');
  });

  it('show a target as its type and id; a refused request as the request; an audit query in Shanghai time', () => {
    expect(auditTargetText({ targetType: 'staff', targetId: '01M8TABC' })).toBe('工作人员 01M8TABC');
    expect(auditTargetText({ targetType: 'user', targetId: 'admin' })).toBe('账号 admin');
    expect(auditTargetText({ targetType: 'request', targetId: 'GET /api/org/offices/0203' })).toBe('GET /api/org/offices/0203');
    expect(auditTargetText({ targetType: 'audit', targetId: '2026-11-30T16:00:00.000Z/2026-12-01T15:59:59.999Z' })).toBe(
      '审计日志 2026-12-01 00:00:00 至 2026-12-01 23:59:59',
    );
  });

  it('format instants in Asia/Shanghai whatever the machine zone', () => {
    expect(shanghaiTimestamp(new Date('2026-12-31T16:30:05Z'))).toBe('2027-01-01 00:30:05');
  });
});

describe('changed fields', () => {
  const staffBefore = {
    id: '01M8TABC', officeId: '0101', name: '张三', sex: 'male', idNumber: '110105********002X', phone: '13700000001',
    legalExamCertificate: false, status: 'active', version: 3, updatedAt: '2026-11-01T02:00:00.000Z',
  };
  const staffAfter = { ...staffBefore, phone: '13700007777', legalExamCertificate: true, certificateNo: 'A2026', status: 'left', version: 4, updatedAt: '2026-12-01T02:00:00.000Z' };

  it('list only what changed, labelled, with enum values and booleans in Chinese', () => {
    const { sides, rows } = auditChanges({ action: 'org.staff.update', before: staffBefore, after: staffAfter });
    expect(sides).toBe('both');
    expect(rows).toEqual([
      { field: 'phone', label: '联系电话', before: '13700000001', after: '13700007777' },
      { field: 'legalExamCertificate', label: '法律职业资格证书', before: '未持有', after: '持有' },
      { field: 'status', label: '在岗状态', before: '在岗', after: '离岗' },
      { field: 'version', label: '版本', before: '3', after: '4' },
      { field: 'updatedAt', label: '更新时间', before: '2026-11-01 10:00:00', after: '2026-12-01 10:00:00' },
      { field: 'certificateNo', label: '证书编号', before: '—', after: 'A2026' },
    ]);
  });

  it('label the same field by its entity (a staff member\'s name, an office\'s name) and roles by their labels', () => {
    const office = auditChanges({ action: 'org.office.update', before: { name: '甲所', officeClass: 'regular' }, after: { name: '乙所', officeClass: 'central' } });
    expect(office.rows).toEqual([
      { field: 'name', label: '司法所名称', before: '甲所', after: '乙所' },
      { field: 'officeClass', label: '所别', before: '一般所', after: '片区中心所' },
    ]);
    const user = auditChanges({ action: 'org.user.create', after: { username: 'x-1', roles: ['office_staff', 'area_director'], enabled: true, departmentId: 'mediation' } });
    expect(user.sides).toBe('after');
    expect(user.rows).toEqual([
      { field: 'username', label: '用户名', after: 'x-1' },
      { field: 'roles', label: '角色', after: '司法所工作人员、片区中心所长' },
      { field: 'enabled', label: '账号状态', after: '启用' },
      { field: 'departmentId', label: '所属股室', after: '人民调解股' },
    ]);
  });

  it('show one side when only one was recorded, keep ID numbers masked, and name a field no table knows as recorded', () => {
    const { sides, rows } = auditChanges({ action: 'org.staff.provision', before: { idNumber: '110105********002X', extra: 1 } });
    expect(sides).toBe('before');
    expect(rows).toEqual([
      { field: 'idNumber', label: '身份证号', before: '110105********002X' },
      { field: 'extra', label: 'extra', before: '1' },
    ]);
    expect(auditChanges({ action: 'api.request' })).toEqual({ sides: 'none', rows: [] });
  });

  it('read an audit query\'s own record and the auth settings', () => {
    const q = auditChanges({ action: 'audit.query', after: { from: '2026-12-01T00:00:00.000Z', to: '2026-12-01T01:00:00.000Z', excludeOwnQueries: true } });
    expect(q.rows.map((r) => `${r.label}=${r.after}`)).toEqual(['开始时间=2026-12-01 08:00:00', '结束时间=2026-12-01 09:00:00', '隐藏本人的查询记录=是']);
    const settings = auditChanges({ action: 'auth.settings.update', before: { totpRequiredForPrivileged: false }, after: { totpRequiredForPrivileged: true } });
    expect(settings.rows).toEqual([{ field: 'totpRequiredForPrivileged', label: '特权角色须两步验证', before: '否', after: '是' }]);
  });

  it('summarise a dictionary\'s entries', () => {
    const { rows } = auditChanges({
      action: 'org.dictionary.update',
      before: { entries: [{ code: 'y10', label: '10年', years: 10, active: true }] },
      after: { entries: [{ code: 'y10', label: '10年', years: 10, active: false }, { code: 'permanent', label: '永久', years: 0, active: true }] },
    });
    expect(rows).toEqual([{ field: 'entries', label: '字典条目', before: '10年（y10，10年）', after: '10年（y10，10年，停用）、永久（permanent，永久）' }]);
  });
});

describe('filters while paging', () => {
  /** 1..n in pages of at most `limit`, the cursor the next number. */
  const numbers = (n: number) => {
    const reads: number[] = [];
    const read = async (limit: number, cursor?: string): Promise<Page<number>> => {
      reads.push(limit);
      const start = cursor ? Number(cursor) : 1;
      const items = Array.from({ length: Math.min(limit, n - start + 1) }, (_, i) => start + i);
      const next = start + items.length;
      return next <= n ? { items, cursor: String(next) } : { items };
    };
    return { read, reads };
  };

  it('fill a page with matches, and continue right after the last item read', async () => {
    const { read } = numbers(100);
    const even = (x: number) => x % 2 === 0;
    const first = await filteredPage(read, even, 5);
    expect(first.items).toEqual([2, 4, 6, 8, 10]);
    const second = await filteredPage(read, even, 5, first.cursor);
    expect(second.items).toEqual([12, 14, 16, 18, 20]);
    const none = await filteredPage(read, () => false, 5);
    expect(none).toEqual({ items: [] });
  });

  it('match users by name or username, office and role', () => {
    const u = { username: 'staff-0101', displayName: '王芳', roles: ['office_staff' as const], officeId: '0101' };
    expect(userMatches(u, { q: '王' })).toBe(true);
    expect(userMatches(u, { q: 'STAFF' })).toBe(true);
    expect(userMatches(u, { q: '李' })).toBe(false);
    expect(userMatches(u, { officeId: '0101', role: 'office_staff' })).toBe(true);
    expect(userMatches(u, { officeId: '0102' })).toBe(false);
    expect(userMatches(u, { role: 'auditor' })).toBe(false);
  });

  it('take the new query parameters, and refuse bad ones in Chinese', () => {
    expect(userListQuery.parse({ q: ' 王 ', officeId: '0101', role: 'office_staff' })).toMatchObject({ q: '王', officeId: '0101', role: 'office_staff', limit: 50 });
    expect(userListQuery.safeParse({ role: 'boss' }).error?.issues[0]?.message).toBe('角色无效');
    const range = { from: '2026-12-01T00:00:00Z', to: '2026-12-01T01:00:00Z' };
    expect(auditRecordsQuery.parse({ ...range, excludeOwnQueries: 'true' }).excludeOwnQueries).toBe(true);
    expect(auditRecordsQuery.parse({ ...range, excludeOwnQueries: 'false' }).excludeOwnQueries).toBe(false);
    expect(auditRecordsQuery.safeParse({ ...range, excludeOwnQueries: 'maybe' }).error?.issues[0]?.message).toBe('隐藏本人的查询记录应为 true 或 false');
  });
});
