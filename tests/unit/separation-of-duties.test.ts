// 三员分立 (GB/T 22239-2019 level 3): the predicates the org and auth use cases ask, and the portal mirrors.
import {
  accountManagementRefusal,
  canAdministerUsers,
  canManageAccount,
  canViewAccount,
  grantableRoles,
  isAuditorAccount,
  ownAccountProblems,
  ROLES,
  type Actor,
  type Role,
} from '@sifasuo/domain';

const actor = (roles: Role[], username = 'me'): Actor => ({ username, displayName: username, roles });
const admin = actor(['county_admin'], 'admin');
const leader = actor(['bureau_leader'], 'leader');
const auditorAccount = { username: 'auditor-2', roles: ['auditor'] as Role[] };
const staffAccount = { username: 'staff-0101', roles: ['office_staff'] as Role[] };

describe('separation of duties', () => {
  it('the county admin manages every account but one holding the auditor role', () => {
    expect(canManageAccount(admin, staffAccount)).toBe(true);
    expect(canManageAccount(admin, { roles: ['bureau_leader', 'department'] })).toBe(true);
    expect(canManageAccount(admin, auditorAccount)).toBe(false);
    expect(canManageAccount(admin, { roles: ['inspector', 'auditor'] })).toBe(false);
    expect(accountManagementRefusal(admin, auditorAccount)).toContain('三员分立');
  });

  it('the bureau leader manages auditor-only accounts, and nothing else', () => {
    expect(canManageAccount(leader, auditorAccount)).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'auditor')) {
      expect(canManageAccount(leader, { roles: [role] })).toBe(false);
      expect(canManageAccount(leader, { roles: ['auditor', role] })).toBe(false);
    }
    expect(accountManagementRefusal(leader, staffAccount)).toBe('局领导只能管理审计管理员账号，其他账号由系统管理员管理');
  });

  it('other roles manage no account; the auditor does not manage auditors', () => {
    for (const role of ['office_staff', 'area_director', 'department', 'auditor', 'inspector'] as const) {
      expect(canAdministerUsers(actor([role]))).toBe(false);
      expect(canManageAccount(actor([role]), auditorAccount)).toBe(false);
      expect(canManageAccount(actor([role]), staffAccount)).toBe(false);
      expect(grantableRoles(actor([role]))).toEqual([]);
    }
  });

  it('the roles each may grant, and the accounts each sees', () => {
    expect(grantableRoles(admin)).toEqual(ROLES.filter((r) => r !== 'auditor'));
    expect(grantableRoles(leader)).toEqual(['auditor']);
    expect(canAdministerUsers(admin) && canAdministerUsers(leader)).toBe(true);
    expect(canViewAccount(admin, auditorAccount)).toBe(true);
    expect(canViewAccount(leader, auditorAccount)).toBe(true);
    expect(canViewAccount(leader, staffAccount)).toBe(false);
    // Its own account, not managed by itself (nobody changes their own roles), is still its own to see.
    expect(canViewAccount(leader, { username: 'leader', roles: ['bureau_leader'] })).toBe(true);
    expect(isAuditorAccount(auditorAccount) && !isAuditorAccount(staffAccount)).toBe(true);
  });

  it('nobody changes their own roles or disables themselves; others may be', () => {
    const before = { roles: ['county_admin'] as Role[] };
    expect(ownAccountProblems(admin, 'admin', before, { roles: ['county_admin'], enabled: true })).toEqual({});
    expect(ownAccountProblems(admin, 'admin', before, { roles: ['county_admin', 'department'], enabled: true })).toEqual({ roles: '不能修改自己的角色' });
    expect(ownAccountProblems(admin, 'admin', before, { roles: ['county_admin'], enabled: false })).toEqual({ enabled: '不能停用自己的账号' });
    // The order of the roles is no change.
    expect(ownAccountProblems(admin, 'admin', { roles: ['department', 'county_admin'] }, { roles: ['county_admin', 'department'], enabled: true })).toEqual({});
    expect(ownAccountProblems(admin, 'someone', before, { roles: ['office_staff'], enabled: false })).toEqual({});
  });
});
