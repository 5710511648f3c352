// What the portal asks before it shows a menu entry or a page: the domain's permission functions
// (packages/domain/src/roles.ts), and — in this one place — the few the domain does not have yet,
// composed from the ones it has. Each of these is meant to move into the domain as it stands; the
// portal never lists roles itself. The server asks the same functions and refuses regardless.
import { canWriteOfficeRecords, readScope, type Actor } from '@sifasuo/domain';

export { canAdministerOrg, canReadAudit, canReadOffice, canReadReferenceData, canWriteOfficeRecords, readScope } from '@sifasuo/domain';

/** Who may: a predicate over the signed-in user. */
export type Permission = (me: Actor) => boolean;

/** The office whose records the user keeps (本所): office staff and area directors, their own office. */
export const ownOfficeId = (me: Actor): string | undefined =>
  me.officeId && canWriteOfficeRecords(me, me.officeId) ? me.officeId : undefined;

/** Every office is in the user's read scope (department, bureau leader, county admin). */
export const readsAllOffices: Permission = (me) => readScope(me).kind === 'all';

/** The user reads the offices of their own area (area director). */
export const readsOwnArea: Permission = (me) => readScope(me).kind === 'area';

/** May open the list of offices: all of them, or the own area's. */
export const canListOffices: Permission = (me) => readsAllOffices(me) || readsOwnArea(me);
