// Who sees which mediation page, card and button: the domain's predicates, composed (never a list of roles).
import { canAdoptSubmission, canReviewMediation, canWriteOfficeRecords, readScope, type Actor } from '@sifasuo/domain';
import { ownOfficeId } from '../kit/permissions';

/** Mediation records are read within the office scope: everyone with one (office, area or county). */
export const readsMediation = (me: Actor) => readScope(me).kind !== 'none';
/** Reviews closed cases somewhere: an area director (their area's offices) or 人民调解股. */
export const reviewsMediation = (me: Actor) => canReviewMediation(me, { id: me.officeId ?? '', areaId: me.areaId ?? '' });
/** Keeps an office's mediation records (本所): office staff and directors. */
export const keepsOfficeRecords = (me: Actor) => !!ownOfficeId(me);
/** The bureau's watch over the county (局领导, 人民调解股): those who record adoptions. */
export const watchesCounty = (me: Actor) => canAdoptSubmission(me);
/** Offices whose records the user may write, among those shown. */
export const writableOffices = <O extends { id: string }>(me: Actor, offices: readonly O[]) => offices.filter((o) => canWriteOfficeRecords(me, o.id));
/** Works on people's mediation: keeps an office's records, reviews them, or watches the county's. */
export const worksOnMediation = (me: Actor) => keepsOfficeRecords(me) || reviewsMediation(me) || watchesCounty(me);
