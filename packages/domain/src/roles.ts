// Roles and data scope (docs/domain.md §一). Scope is decided here, once, and every use case asks these
// functions before it reads or writes; the portal only mirrors them to hide what would be refused.

export const ROLES = [
  'office_staff',
  'area_director',
  'department',
  'bureau_leader',
  'county_admin',
  'auditor',
  'inspector',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  office_staff: '司法所工作人员',
  area_director: '片区中心所长',
  department: '业务股室',
  bureau_leader: '局领导',
  county_admin: '系统管理员',
  auditor: '审计管理员',
  inspector: '检查组',
};

/** Who is asking: taken from verified token claims, never from the request body. */
export interface Actor {
  username: string;
  displayName: string;
  roles: Role[];
  officeId?: string;
  areaId?: string;
  departmentId?: string;
}

export type OfficeScope =
  | { kind: 'all' }
  | { kind: 'area'; areaId: string; officeId: string }
  | { kind: 'office'; officeId: string }
  | { kind: 'none' };

const has = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));

/** Which offices' records an actor may read (the widest of its roles wins). */
export const readScope = (actor: Actor): OfficeScope => {
  if (has(actor, 'bureau_leader', 'county_admin', 'department')) return { kind: 'all' };
  if (has(actor, 'area_director') && actor.areaId && actor.officeId) {
    return { kind: 'area', areaId: actor.areaId, officeId: actor.officeId };
  }
  if (has(actor, 'office_staff', 'area_director') && actor.officeId) return { kind: 'office', officeId: actor.officeId };
  return { kind: 'none' };
};

export interface OfficeRef {
  id: string;
  areaId: string;
}

export const canReadOffice = (actor: Actor, office: OfficeRef): boolean => {
  const scope = readScope(actor);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'area':
      return office.areaId === scope.areaId || office.id === scope.officeId;
    case 'office':
      return office.id === scope.officeId;
    case 'none':
      return false;
  }
};

/** Office staff and directors change their own office's records; the county admin changes any. */
export const canWriteOfficeRecords = (actor: Actor, officeId: string): boolean =>
  has(actor, 'county_admin') || (has(actor, 'office_staff', 'area_director') && actor.officeId === officeId);

/** The office whose records the actor keeps (本所): office staff and area directors, their own office. */
export const ownOfficeId = (actor: Actor): string | undefined =>
  has(actor, 'office_staff', 'area_director') ? actor.officeId : undefined;

/** May open the list of offices: every office, or the own area's (a single office's staff open their own). */
export const canListOffices = (actor: Actor): boolean => ['all', 'area'].includes(readScope(actor).kind);

/** Reference data every working role needs (bureau, departments, areas, dictionaries). */
export const canReadReferenceData = (actor: Actor): boolean =>
  has(actor, 'office_staff', 'area_director', 'department', 'bureau_leader', 'county_admin');

/** Offices, areas, users, dictionaries: the county admin's job (docs/domain.md §一). */
export const canAdministerOrg = (actor: Actor): boolean => has(actor, 'county_admin');

/** The audit log is the auditor's alone — not even the admin may read it. */
export const canReadAudit = (actor: Actor): boolean => has(actor, 'auditor');

// Separation of duties (三员分立, GB/T 22239-2019 level 3). The county admin administers every account
// but the auditor's; auditor accounts come from the bootstrap or from the bureau leader, who manages
// those and no other. Nobody changes their own roles or disables themselves (see ownAccountProblems).

/** An account (or the roles it would hold) that only the bureau leader manages. */
export const isAuditorAccount = (account: { roles: readonly Role[] }): boolean => account.roles.includes('auditor');

/** The roles the bureau leader may grant: the auditor's, and nothing else. */
export const LEADER_GRANTED_ROLES: readonly Role[] = ['auditor'];

/** May open user administration (list, view, create): the county admin, and the bureau leader for auditor accounts. */
export const canAdministerUsers = (actor: Actor): boolean => has(actor, 'county_admin', 'bureau_leader');

/** Why the actor may not create, edit, disable or reset the sign-in of an account holding `roles`; undefined if it may. */
export const accountManagementRefusal = (actor: Actor, account: { roles: readonly Role[] }): string | undefined => {
  if (isAuditorAccount(account)) {
    if (has(actor, 'bureau_leader') && account.roles.every((r) => LEADER_GRANTED_ROLES.includes(r))) return undefined;
    if (has(actor, 'bureau_leader')) return '局领导只能管理仅持有审计管理员角色的账号';
    if (has(actor, 'county_admin')) return '系统管理员不能授予、撤销审计管理员角色，也不能管理审计管理员账号（三员分立）';
    return '无权管理审计管理员账号';
  }
  if (has(actor, 'county_admin')) return undefined;
  if (has(actor, 'bureau_leader')) return '局领导只能管理审计管理员账号，其他账号由系统管理员管理';
  return '仅系统管理员可以管理用户账号';
};

/** May the actor manage (create, edit, disable, reset the password or second factor of, sign out) this account? */
export const canManageAccount = (actor: Actor, account: { roles: readonly Role[] }): boolean =>
  accountManagementRefusal(actor, account) === undefined;

/** May the actor see this account in user administration: its own, one it manages, or any account for the county admin. */
export const canViewAccount = (actor: Actor, account: { username: string; roles: readonly Role[] }): boolean =>
  has(actor, 'county_admin') || account.username === actor.username || canManageAccount(actor, account);

/** The roles the actor may give an account (the portal's role options). */
export const grantableRoles = (actor: Actor): Role[] => ROLES.filter((r) => canManageAccount(actor, { roles: [r] }));

/** What a change to the actor's own account may not do: change its roles, or disable it. */
export const ownAccountProblems = (
  actor: Actor,
  username: string,
  before: { roles: readonly Role[] },
  after: { roles: readonly Role[]; enabled: boolean },
): { enabled?: string; roles?: string } => {
  if (username !== actor.username) return {};
  const same = [...after.roles].sort().join() === [...before.roles].sort().join();
  return { ...(after.enabled ? {} : { enabled: '不能停用自己的账号' }), ...(same ? {} : { roles: '不能修改自己的角色' }) };
};
