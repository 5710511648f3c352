// The homes' figures (packages/domain/src/summaries.ts): staffing, users, recent changes, the audit day
// and the digest chain's state.
import {
  auditDaySummary,
  auditSummaryQuery,
  digestChainState,
  digestCheckRange,
  MIN_ACTIVE_STAFF,
  officeStaffing,
  percent,
  recentChanges,
  recentChangesQuery,
  staffingSummary,
  userSummary,
  type Office,
} from '@sifasuo/domain';
import { county, staffOf } from '@sifasuo/domain/src/demo-county';

const office = (id: string, officeClass: 'central' | 'regular', areaId = id.slice(0, 2)) => ({ id, name: `${id}所`, areaId, officeClass });
const member = (status: 'active' | 'left', legalExamCertificate = false) => ({ status, legalExamCertificate });

describe('staffing', () => {
  it('counts active staff and their certificates, and the shortfall against the minimum of the office class', () => {
    expect(MIN_ACTIVE_STAFF).toEqual({ central: 3, regular: 2 });
    expect(officeStaffing(office('0101', 'central'), [member('active', true), member('active'), member('left', true)])).toEqual({
      officeId: '0101', name: '0101所', areaId: '01', officeClass: 'central', activeStaff: 2, certificateHolders: 1, shortfall: 1,
    });
    expect(officeStaffing(office('0102', 'regular'), [member('active'), member('active'), member('active')]).shortfall).toBe(0);
    expect(officeStaffing(office('0103', 'regular'), []).shortfall).toBe(2);
  });

  it('totals the offices and their areas: vacancies are the sum of shortfalls, the certificate rate holders ÷ active staff', () => {
    const rows = [
      officeStaffing(office('0201', 'central'), [member('active', true)]),
      officeStaffing(office('0101', 'central'), [member('active', true), member('active'), member('active')]),
      officeStaffing(office('0102', 'regular'), [member('active')]),
    ];
    const areas = [{ id: '01', name: '城关片区' }, { id: '02', name: '东山片区' }, { id: '03', name: '西河片区' }];
    const summary = staffingSummary(rows, areas);
    expect(summary.offices.map((o) => o.officeId)).toEqual(['0101', '0102', '0201']);
    expect(summary.totals).toEqual({ offices: 3, activeStaff: 5, certificateHolders: 2, vacancies: 3, understaffedOffices: 2, certificateRate: 0.4 });
    // Only areas with an office in the caller's scope, in the areas' order.
    expect(summary.areas).toEqual([
      { areaId: '01', name: '城关片区', offices: 2, activeStaff: 4, certificateHolders: 1, vacancies: 1, understaffedOffices: 1 },
      { areaId: '02', name: '东山片区', offices: 1, activeStaff: 1, certificateHolders: 1, vacancies: 2, understaffedOffices: 1 },
    ]);
    expect(staffingSummary([], areas).totals.certificateRate).toBeNull();
    expect([percent(0.4), percent(0.456), percent(null)]).toEqual(['40%', '46%', '—']);
  });

  it('finds the demo county staffed to the minimum everywhere: 106 in post, 49 certificates', () => {
    const offices: Office[] = county.areas.flatMap((a) => a.offices.map((o) => ({ ...o, areaId: a.id, version: 1, updatedAt: '' })));
    const rows = offices.map((o) => officeStaffing(o, staffOf(o, '', String)));
    const { totals } = staffingSummary(rows, county.areas.map((a) => ({ id: a.id, name: a.name })));
    expect(totals).toEqual({ offices: 49, activeStaff: 8 * 3 + 41 * 2, certificateHolders: 49, vacancies: 0, understaffedOffices: 0, certificateRate: 49 / 106 });
  });
});

describe('users and recent changes', () => {
  it('counts accounts, disabled ones, and accounts by role (one with two roles counts for both)', () => {
    const s = userSummary([
      { roles: ['county_admin'], enabled: true },
      { roles: ['office_staff', 'area_director'], enabled: true },
      { roles: ['office_staff'], enabled: false },
    ]);
    expect([s.total, s.enabled, s.disabled]).toEqual([3, 2, 1]);
    expect(s.byRole).toEqual({ office_staff: 2, area_director: 1, department: 0, bureau_leader: 0, county_admin: 1, auditor: 0, inspector: 0 });
  });

  it('lists the records changed last, newest first, users before offices at the same instant', () => {
    const users = [
      { username: 'b-user', displayName: '乙', updatedAt: '2026-03-01T02:00:00.000Z', version: 2 },
      { username: 'a-user', displayName: '甲', updatedAt: '2026-03-01T01:00:00.000Z', version: 1 },
    ];
    const offices = [{ id: '0101', name: '城关镇司法所', updatedAt: '2026-03-01T02:00:00.000Z', version: 3 }];
    expect(recentChanges(users, offices, 2)).toEqual([
      { kind: 'user', id: 'b-user', name: '乙', updatedAt: '2026-03-01T02:00:00.000Z', version: 2 },
      { kind: 'office', id: '0101', name: '城关镇司法所', updatedAt: '2026-03-01T02:00:00.000Z', version: 3 },
    ]);
    expect(recentChangesQuery.parse({})).toEqual({ limit: 8 });
    expect(recentChangesQuery.safeParse({ limit: '21' }).success).toBe(false);
  });
});

describe('the audit day', () => {
  it('counts by action with the Chinese labels of the action tables, most frequent first, and by outcome', () => {
    const s = auditDaySummary('2026-03-01', [
      { action: 'auth.login', outcome: 'success' },
      { action: 'api.request', outcome: 'denied' },
      { action: 'auth.login', outcome: 'rejected' },
      { action: 'org.staff.update', outcome: 'success' },
      { action: 'gone.action', outcome: 'failed' },
    ]);
    expect(s.total).toBe(5);
    expect(s.byOutcome).toEqual({ success: 2, denied: 1, rejected: 1, failed: 1 });
    expect(s.byAction).toEqual([
      { action: 'auth.login', label: '登录', count: 2 },
      { action: 'api.request', label: '接口请求', count: 1 },
      { action: 'gone.action', label: 'gone.action', count: 1 },
      { action: 'org.staff.update', label: '修改工作人员', count: 1 },
    ]);
    expect(auditSummaryQuery.safeParse({ day: '2026-02-30' }).success).toBe(false);
    expect(auditSummaryQuery.parse({})).toEqual({});
  });

  it('checks the 7 Shanghai days before today, each verified, broken or missing', () => {
    // 2026-03-08 01:00 in Shanghai is still 03-07 in UTC: the range is Shanghai's.
    const range = digestCheckRange(new Date('2026-03-07T17:00:00Z'));
    expect(range).toEqual({ from: '2026-03-01', to: '2026-03-07' });
    const state = digestChainState(range, [
      { day: '2026-03-01', intact: true },
      { day: '2026-03-02', intact: false },
      { day: '2026-03-07', intact: true },
      { day: '2026-02-28', intact: false },
    ]);
    expect([state.verified, state.broken, state.missing]).toEqual([2, 1, 4]);
    expect(state.days.map((d) => d.state)).toEqual(['verified', 'broken', 'missing', 'missing', 'missing', 'missing', 'verified']);
  });
});
