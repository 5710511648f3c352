// The admin's and the auditor's lists at county scale: users searched by name or username and filtered
// by office and role on the server, and the audit log's target-type filter and "hide my own queries" —
// each filter applied while paging, so a page still holds `limit` matches and a cursor to the rest.
import { api, login } from '../support/cloud';

interface UserItem {
  username: string;
  displayName: string;
  roles: string[];
  officeId?: string;
}
interface AuditItem {
  actor: string;
  action: string;
  targetType: string;
}

/** Every page of a list, by its cursor. */
const allPages = async <T>(path: string, token: string): Promise<{ items: T[]; pages: number }> => {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(r.status).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.cursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
};

const range = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
const auditPath = (params: Record<string, string>) => `/api/audit/records?${new URLSearchParams({ ...range(), ...params })}`;

describe('user search', () => {
  it('finds accounts by name or username, office and role; pages hold matches only', async () => {
    const admin = await login('admin');
    const byName = await allPages<UserItem>('/api/org/users?q=城关', admin);
    expect(byName.items.map((u) => u.username)).toEqual(expect.arrayContaining(['director-01', 'staff-0101']));
    for (const u of byName.items) expect(`${u.username} ${u.displayName}`).toContain('城关');

    const byUsername = await allPages<UserItem>('/api/org/users?q=STAFF-01', admin);
    expect(byUsername.items.map((u) => u.username)).toEqual(expect.arrayContaining(['staff-0101', 'staff-0102']));
    expect(byUsername.items.map((u) => u.username)).not.toContain('staff-0201');

    const office = await allPages<UserItem>('/api/org/users?officeId=0101&role=office_staff', admin);
    expect(office.items.map((u) => u.username)).toContain('staff-0101');
    expect(office.items.map((u) => u.username)).not.toContain('director-01');
    for (const u of office.items) {
      expect(u.officeId).toBe('0101');
      expect(u.roles).toContain('office_staff');
    }

    // One match per page: each page is full, the cursor leads to the next, nothing twice.
    const onePerPage = await allPages<UserItem>('/api/org/users?q=%E5%9F%8E%E5%85%B3&limit=1', admin);
    expect(onePerPage.items.map((u) => u.username).sort()).toEqual(byName.items.map((u) => u.username).sort());
    expect(onePerPage.pages).toBeGreaterThanOrEqual(byName.items.length);
    const first = await api('/api/org/users?role=department&limit=2', { token: admin });
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.cursor).toBe('string');
  });

  it('keeps the bureau leader to auditor accounts whatever is asked', async () => {
    const leader = await login('leader');
    expect((await allPages<UserItem>('/api/org/users?role=office_staff', leader)).items).toEqual([]);
    const auditors = await allPages<UserItem>('/api/org/users?q=auditor', leader);
    expect(auditors.items.map((u) => u.username)).toContain('auditor');
    for (const u of auditors.items) expect(u.roles).toContain('auditor');
  });

  it('refuses bad filters with Chinese field messages', async () => {
    const admin = await login('admin');
    const r = await api('/api/org/users?role=boss&officeId=1', { token: admin });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual({ role: '角色无效', officeId: '司法所编号应为4位数字' });
    expect((await api(`/api/org/users?q=${'名'.repeat(41)}`, { token: admin })).body.fields).toEqual({ q: '搜索词最多40个字' });
  });
});

describe('audit log filters', () => {
  it('hides the auditor\'s own queries on request, and fills a page of one target type', async () => {
    const auditor = await login('auditor');
    // Two queries of our own, on record before the next ones read.
    for (let i = 0; i < 2; i++) expect((await api(auditPath({ limit: '1' }), { token: auditor })).status).toBe(200);
    const own = (r: AuditItem) => r.actor === 'auditor' && r.action === 'audit.query';

    const withOwn = await api(auditPath({ actor: 'auditor', limit: '100' }), { token: auditor });
    expect(withOwn.body.items.filter(own).length).toBeGreaterThanOrEqual(3);
    const withoutOwn = await api(auditPath({ actor: 'auditor', limit: '100', excludeOwnQueries: 'true' }), { token: auditor });
    expect(withoutOwn.status).toBe(200);
    expect(withoutOwn.body.items.filter(own)).toEqual([]);
    const byTime = await allPages<AuditItem>(auditPath({ limit: '20', excludeOwnQueries: 'true' }), auditor);
    expect(byTime.items.filter(own)).toEqual([]);

    // Sign-ins (target type user) are there in this hour: a page of 2 holds 2 of them, whatever lies between.
    const users = await api(auditPath({ targetType: 'user', limit: '2' }), { token: auditor });
    expect(users.body.items).toHaveLength(2);
    for (const r of users.body.items as AuditItem[]) expect(r.targetType).toBe('user');

    const bad = await api(auditPath({ excludeOwnQueries: 'maybe' }), { token: auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ excludeOwnQueries: '隐藏本人的查询记录应为 true 或 false' });
  });
});
