// Who sees which assessment page, card and button: the domain's predicates (never a list of roles).
import { canApproveAssessment, canAssess, canDraftFunding, canEditRubric, canReadReferenceData, canSeeDraftScores, readScope, type Actor } from '@sifasuo/domain';
import { ownOfficeId } from '../kit/permissions';

export { canApproveAssessment, canAssess, canDraftFunding, canEditRubric, canSeeDraftScores };
/** Reads scores within the office scope (published ones; drafts only for canSeeDraftScores). */
export const readsAssessment = (me: Actor) => readScope(me).kind !== 'none';
/** Has an office of their own: its live month and home card. */
export const hasOwnOffice = (me: Actor) => !!ownOfficeId(me);
/** Sees several offices side by side (the heat map, the ranking): the county or an area. */
export const comparesOffices = (me: Actor) => readScope(me).kind === 'all' || readScope(me).kind === 'area';
/**
 * Works on the assessment (the menus): is assessed (an office, an area's director) or assesses. The
 * county admin's and the inspector's menus stay their own (the admin has 评分细则); the pages still
 * open for anyone reading the office scope.
 */
export const worksOnAssessment = (me: Actor) => canAssess(me) || hasOwnOffice(me) || readScope(me).kind === 'area';
/** The rubric page: read like the county's other reference data; the county admin edits it. */
export const readsRubric = (me: Actor) => canReadReferenceData(me);
/** The leader's county at a glance. */
export const leadsCounty = (me: Actor) => canApproveAssessment(me);
