import { actorFromClaims, canReadOffice, canWriteOfficeRecords, readScope, type Actor } from '@sifasuo/domain';

const actor = (a: Partial<Actor>): Actor => ({ username: 'u', displayName: 'u', roles: [], ...a });
const office0101 = { id: '0101', areaId: '01' };
const office0102 = { id: '0102', areaId: '01' };
const office0201 = { id: '0201', areaId: '02' };

describe('data scope', () => {
  it('office staff see and change only their own office', () => {
    const staff = actor({ roles: ['office_staff'], officeId: '0102', areaId: '01' });
    expect(readScope(staff)).toEqual({ kind: 'office', officeId: '0102' });
    expect([office0101, office0102, office0201].map((o) => canReadOffice(staff, o))).toEqual([false, true, false]);
    expect(canWriteOfficeRecords(staff, '0102')).toBe(true);
    expect(canWriteOfficeRecords(staff, '0101')).toBe(false);
  });

  it('an area director sees the area but changes only the own office', () => {
    const director = actor({ roles: ['area_director'], officeId: '0101', areaId: '01' });
    expect([office0101, office0102, office0201].map((o) => canReadOffice(director, o))).toEqual([true, true, false]);
    expect(canWriteOfficeRecords(director, '0102')).toBe(false);
  });

  it('bureau roles see all; auditor and inspector see no office records', () => {
    for (const role of ['bureau_leader', 'county_admin', 'department'] as const) {
      expect(canReadOffice(actor({ roles: [role] }), office0201)).toBe(true);
    }
    for (const role of ['auditor', 'inspector'] as const) {
      expect(readScope(actor({ roles: [role] }))).toEqual({ kind: 'none' });
    }
  });
});

describe('claims as API Gateway hands them over', () => {
  it('parses flattened groups and custom attributes', () => {
    expect(
      actorFromClaims({
        'cognito:username': 'director-01',
        'cognito:groups': '[area_director office_staff]',
        'custom:officeId': '0101',
        'custom:areaId': '01',
        name: '城关所所长',
      }),
    ).toEqual({
      username: 'director-01', displayName: '城关所所长', roles: ['area_director', 'office_staff'],
      officeId: '0101', areaId: '01', departmentId: undefined,
    });
  });

  it('ignores unknown groups and needs a username', () => {
    expect(actorFromClaims({ 'cognito:username': 'x', 'cognito:groups': '[admins]' })?.roles).toEqual([]);
    expect(actorFromClaims({ 'cognito:groups': '[auditor]' })).toBeUndefined();
  });
});
