// The homes' mediation figures within the caller's scope, from keyed queries of the scoped indexes:
// open and closed cases, agreements due for performance, major disputes past their 4-hour report,
// this month's half-month screenings and returned submissions.
import {
  canReadOffice,
  forbidden,
  periodState,
  previousMonthOf,
  readScope,
  screeningPeriod,
  shanghaiDay,
  shanghaiMonth,
  type MediationCase,
  type MediationSummary,
  type Screening,
  type Submission,
} from '@sifasuo/domain';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { requireActor } from './access';
import { mediationRepository as repo, type UnreportedDispute } from './repository';

const PERFORMANCE_WINDOW_DAYS = 7;

export const summary = async (ctx: RequestContext): Promise<MediationSummary> => {
  const actor = requireActor(ctx);
  if (readScope(actor).kind === 'none') throw forbidden();
  const month = shanghaiMonth(ctx.now);
  const today = shanghaiDay(ctx.now);
  const weekAhead = shanghaiDay(new Date(ctx.now.getTime() + PERFORMANCE_WINDOW_DAYS * 86_400_000));
  const [cases, unreported, screenings, submissions, offices] = await Promise.all([
    repo.allInScope<MediationCase>(actor, 'CASE', {}),
    repo.allInScope<UnreportedDispute>(actor, 'UNREPORTED', {}),
    repo.allInScope<Screening>(actor, 'SCREENING', { sortPrefix: month }),
    repo.allInScope<Submission>(actor, 'SUBMISSION', {}),
    orgDirectory.offices(),
  ]);
  const closed = cases.filter((c) => (c.status === 'closed' || c.status === 'reviewed') && c.closure);
  const lastMonth = previousMonthOf(month);
  const screeningsDue = offices
    .filter((o) => canReadOffice(actor, o))
    .flatMap((o) =>
      [`${month}-1`, `${month}-2`].flatMap((period) => {
        const p = screeningPeriod(period);
        const done = screenings.find((s) => s.officeId === o.id && s.period === period && s.status === 'submitted');
        const state = periodState(p.dueAt, done?.submittedAt, ctx.now, p.from);
        return state === 'due' || state === 'missing' ? [{ officeId: o.id, period, dueAt: p.dueAt.toISOString(), state }] : [];
      }),
    );
  return {
    openCases: cases.filter((c) => c.status === 'registered' || c.status === 'mediating').length,
    awaitingReview: cases.filter((c) => c.status === 'closed').length,
    notEnteredOnline: closed.filter((c) => c.closure!.closedOn.startsWith(lastMonth) && !c.enteredOnlineAt).length,
    performanceDue: closed
      .filter((c) => c.closure!.agreement && c.closure!.agreement.performBy >= today && c.closure!.agreement.performBy <= weekAhead)
      .map((c) => ({ caseId: c.id, caseNo: c.caseNo, officeId: c.officeId, performBy: c.closure!.agreement!.performBy }))
      .sort((a, b) => a.performBy.localeCompare(b.performBy)),
    unreportedMajor: unreported
      .filter((u) => Date.parse(u.reportDueAt) <= ctx.now.getTime())
      .map((u) => ({ disputeId: u.id, officeId: u.officeId, name: u.name, registeredAt: u.registeredAt, reportDueAt: u.reportDueAt })),
    screeningsDue,
    returnedSubmissions: submissions.filter((s) => s.status === 'returned').length,
  };
};
