// What the portal asks before it shows a menu entry or a page: the domain's permission functions
// (packages/domain/src/roles.ts), and — in this one place — the menu-label choices composed from them.
// The portal never lists roles itself. The server asks the same functions and refuses regardless.
import { canAdministerOrg, readScope, type Actor } from '@sifasuo/domain';

export {
  canAdministerOrg, canAdministerUsers, canListOffices, canManageAccount, canReadAudit, canReadOffice, canReadReferenceData,
  canWriteOfficeRecords, grantableRoles, ownOfficeId, readScope,
} from '@sifasuo/domain';

/** Who may: a predicate over the signed-in user. */
export type Permission = (me: Actor) => boolean;

/** Every office is in the user's read scope (department, bureau leader, county admin). */
export const readsAllOffices: Permission = (me) => readScope(me).kind === 'all';

/** The user reads the offices of their own area (area director). */
export const readsOwnArea: Permission = (me) => readScope(me).kind === 'area';

/**
 * Sign-in security of the county: its settings and other users' accounts (reset a password, end their
 * sessions, reset their second factor) — part of administering the org's users, the county admin's.
 * One account's page is also the bureau leader's for auditor accounts (三员分立): canManageAccount.
 */
export const canAdministerAccounts: Permission = (me) => canAdministerOrg(me);
