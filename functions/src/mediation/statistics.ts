// The month's statistics and the year's trend, generated from the case records within the caller's
// scope, so nobody tallies by hand: cases received in the month (CASE items by intake month) and cases
// closed in it (CLOSURE items by closing month: the cases as closed, whatever their intake month).
import {
  monthlyStatistics,
  monthsEndingWith,
  successPermille,
  type MediationCase,
  type MediationTrend,
  type MonthlyStatistics,
  type StatisticsQuery,
} from '@sifasuo/domain';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { requireActor } from './access';
import { mediationRepository as repo, type ClosedCase } from './repository';

/** Cases received or closed in the month, within the caller's scope (and the office asked for). */
const casesOfMonth = async (ctx: RequestContext, month: string, officeId?: string): Promise<MediationCase[]> => {
  const actor = requireActor(ctx);
  const [received, closed] = await Promise.all([
    repo.allInScope<MediationCase>(actor, 'CASE', { officeId, sortPrefix: month }),
    repo.allInScope<ClosedCase>(actor, 'CLOSURE', { officeId, sortPrefix: month }),
  ]);
  const have = new Set(received.map((c) => c.id));
  return [...received, ...closed.filter((c) => !have.has(c.id))];
};

export const statistics = {
  month: async (ctx: RequestContext, q: StatisticsQuery): Promise<MonthlyStatistics> => {
    const [cases, types, sources] = await Promise.all([
      casesOfMonth(ctx, q.month, q.officeId),
      orgDirectory.dictionary('dispute-types'),
      orgDirectory.dictionary('case-sources'),
    ]);
    return monthlyStatistics(cases, q.month, types, sources);
  },

  /** Twelve months ending with `to`: two keyed queries per year touched, counted by month. */
  trend: async (ctx: RequestContext, q: { to: string; officeId?: string }): Promise<MediationTrend> => {
    const actor = requireActor(ctx);
    const months = monthsEndingWith(q.to);
    const years = [...new Set(months.map((m) => m.slice(0, 4)))];
    const [received, closures] = await Promise.all([
      Promise.all(years.map((y) => repo.allInScope<MediationCase>(actor, 'CASE', { officeId: q.officeId, sortPrefix: y }))).then((r) => r.flat()),
      Promise.all(years.map((y) => repo.allInScope<ClosedCase>(actor, 'CLOSURE', { officeId: q.officeId, sortPrefix: y }))).then((r) => r.flat()),
    ]);
    return {
      months: months.map((month) => {
        const closed = closures.filter((c) => c.closure.closedOn.startsWith(month));
        const agreements = closed.filter((c) => c.closure.result === 'agreement').length;
        const rate = successPermille(agreements, closed.length);
        return {
          month,
          received: received.filter((c) => c.receivedOn.startsWith(month) && c.status !== 'withdrawn').length,
          closed: closed.length,
          agreements,
          ...(rate === undefined ? {} : { successPermille: rate }),
        };
      }),
    };
  },
};
