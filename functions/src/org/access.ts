// Who may do what, and loading what a request names: shared by the org use cases.
import {
  accountManagementRefusal,
  canAdministerOrg,
  canAdministerUsers,
  canReadOffice,
  canReadReferenceData,
  canViewAccount,
  forbidden,
  hiddenRecord,
  maskIdNumber,
  notFound,
  OFFICE_ID,
  STAFF_ID,
  USERNAME,
  validationError,
  type Actor,
  type FieldErrors,
  type Role,
  type Staff,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { orgRepository as repo } from './repository';

export const requireReferenceReader = (ctx: RequestContext) => {
  if (!ctx.actor || !canReadReferenceData(ctx.actor)) throw forbidden();
  return ctx.actor;
};

export const requireAdmin = (ctx: RequestContext) => {
  if (!ctx.actor || !canAdministerOrg(ctx.actor)) throw forbidden('仅系统管理员可以执行此操作');
  return ctx.actor;
};

/** User administration: the county admin, or the bureau leader (auditor accounts only, checked per account). */
export const requireUserAdmin = (ctx: RequestContext): Actor => {
  if (!ctx.actor || !canAdministerUsers(ctx.actor)) throw forbidden('仅系统管理员可以执行此操作');
  return ctx.actor;
};

/** An account the actor may not see answers as missing; one it sees but may not manage, 403 (below). */
export const visibleUser = async (actor: Actor, username: string) => {
  const user = await loadUser(username);
  if (!canViewAccount(actor, user)) throw hiddenRecord('用户', '账号不在其管理范围（三员分立）');
  return user;
};

/** Separation of duties: 403 unless the actor may manage an account holding these roles. */
export const requireManages = (actor: Actor, account: { roles: readonly Role[] }) => {
  const refusal = accountManagementRefusal(actor, account);
  if (refusal) throw forbidden(refusal);
};

// Ids from the path are checked by shape first: a malformed one names nothing, so it is a 404.
export const loadOffice = async (id: string) => {
  const office = OFFICE_ID.test(id) ? await repo.getOffice(id) : undefined;
  if (!office) throw notFound('司法所');
  return office;
};

export const loadStaff = async (id: string) => {
  const staff = STAFF_ID.test(id) ? await repo.getStaff(id) : undefined;
  if (!staff) throw notFound('工作人员');
  return staff;
};

export const loadUser = async (username: string) => {
  const user = USERNAME.test(username) ? await repo.getUser(username) : undefined;
  if (!user) throw notFound('用户');
  return user;
};

/**
 * The office a request names, if the caller may read it: one outside its scope answers as missing, in
 * the words of what was asked for (`what`: a staff member is looked up through its office).
 */
export const readableOffice = async (ctx: RequestContext, id: string, what = '司法所') => {
  const actor = requireReferenceReader(ctx);
  const office = await loadOffice(id);
  if (!canReadOffice(actor, office)) throw hiddenRecord(what, `司法所 ${id} 超出数据范围`);
  return office;
};

export const maskStaff = (s: Staff): Staff => (s.idNumber ? { ...s, idNumber: maskIdNumber(s.idNumber) } : s);

/** Field problems found against stored data are the caller's mistake: 400. */
export const throwIfAny = (fields: FieldErrors) => {
  if (Object.keys(fields).length) throw validationError(fields);
};
