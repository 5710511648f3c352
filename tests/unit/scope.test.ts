import { actorFromAuthorizer, canReadOffice, canWriteOfficeRecords, readScope, type Actor } from '@sifasuo/domain';

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

describe('the actor as the session authorizer hands it over', () => {
  it('reads roles and unit from an active context', () => {
    expect(
      actorFromAuthorizer({
        state: 'active', username: 'director-01', displayName: '城关所所长', roles: 'area_director,office_staff',
        officeId: '0101', areaId: '01', sessionId: 's1', expiresAt: 1900000000,
      }),
    ).toEqual({
      username: 'director-01', displayName: '城关所所长', roles: ['area_director', 'office_staff'],
      officeId: '0101', areaId: '01', departmentId: undefined, sessionId: 's1', expiresAt: 1900000000,
    });
  });

  it('ignores unknown roles; a refused or missing context is no actor', () => {
    expect(actorFromAuthorizer({ state: 'active', username: 'x', roles: 'admins,auditor', sessionId: 's', expiresAt: 1 })?.roles).toEqual(['auditor']);
    expect(actorFromAuthorizer({ state: 'refused', reason: '账号已停用' })).toBeUndefined();
    expect(actorFromAuthorizer({ state: 'active', roles: 'auditor' })).toBeUndefined();
    expect(actorFromAuthorizer(undefined)).toBeUndefined();
  });
});
