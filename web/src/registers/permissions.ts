// Who sees which registers page, card and button: the domain's predicates, composed (never a list of roles).
import { canAssignTasks, canDecideLeave, canRecordAbsence, canReturnReport, canWriteOfficeRecords, readScope, type Actor } from '@sifasuo/domain';
import { ownOfficeId } from '../kit/permissions';

/** The books are read within the office scope: everyone with one (office, area or county). */
export const readsRegisters = (me: Actor) => readScope(me).kind !== 'none';
/** Keeps an office's books, asks for leave, hands in reports and completes tasks (本所): office staff and directors. */
export const keepsOffice = (me: Actor) => !!ownOfficeId(me);
/** Decides someone's leave: the area director (their area), 基层股 or the leader. */
export const decidesLeave = (me: Actor) => canDecideLeave(me, { officeId: me.officeId ?? '', areaId: me.areaId ?? '', username: '' });
/** Records absences without leave somewhere. */
export const recordsAbsences = (me: Actor) => canRecordAbsence(me, { id: me.officeId ?? '', areaId: me.areaId ?? '' });
/** Returns reports of some office: the area director (the cluster's other offices) or 基层股. */
export const returnsReports = (me: Actor) => canReturnReport(me, { id: '', areaId: me.areaId ?? '' });
export const assignsTasks = (me: Actor) => canAssignTasks(me);
/**
 * Works on the office's affairs: keeps an office's books, oversees an area's, or assigns tasks (a
 * department, the leader) — not the county admin or the inspector, whose menus stay their own.
 */
export const worksOnRegisters = (me: Actor) => keepsOffice(me) || readScope(me).kind === 'area' || canAssignTasks(me);
/** Uses the leave page: asks for leave or decides it. */
export const usesLeave = (me: Actor) => keepsOffice(me) || decidesLeave(me) || recordsAbsences(me);
/** Offices whose records the user may write, among those shown. */
export const writableOffices = <O extends { id: string }>(me: Actor, offices: readonly O[]) => offices.filter((o) => canWriteOfficeRecords(me, o.id));
