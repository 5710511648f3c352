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
