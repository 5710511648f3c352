// The month's screening report (排查月报), once the month has ended: its figures are generated from the
// office's records of the month, and it is reported once (its fact says whether it was late).
import {
  conflict,
  MEDIATION_AUDIT,
  monthlyReportDueAt,
  monthlyReportFacts,
  monthlyReportProblems,
  type Dispute,
  type MediationCase,
  type MonthlyReport,
  type MonthlyReportInput,
  type Screening,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { requireActor, throwIfAny, writableOffice } from './access';
import { facts, items, mediationRepository as repo, type ClosedCase } from './repository';

export const monthlyReports = {
  /** The month's screening report, once the month has ended; its figures are generated from the records. */
  create: async (ctx: RequestContext, input: MonthlyReportInput): Promise<MonthlyReport> => {
    const actor = requireActor(ctx);
    const office = await writableOffice(ctx, input.officeId);
    throwIfAny(monthlyReportProblems(input.month, ctx.now));
    if (await repo.getReport(office.id, input.month)) throw conflict('该月排查报表已报送');
    const of = { officeId: office.id, sortPrefix: input.month };
    const [monthScreenings, monthDisputes, received, closed] = await Promise.all([
      repo.allInScope<Screening>(actor, 'SCREENING', of),
      repo.allInScope<Dispute>(actor, 'DISPUTE', of),
      repo.allInScope<MediationCase>(actor, 'CASE', of),
      repo.allInScope<ClosedCase>(actor, 'CLOSURE', of),
    ]);
    const disputes = monthDisputes.filter((d) => d.status === 'open');
    const dueAt = monthlyReportDueAt(input.month);
    const report: MonthlyReport = {
      id: `${office.id}-${input.month}`,
      officeId: office.id,
      areaId: office.areaId,
      month: input.month,
      figures: {
        screenings: monthScreenings.filter((s) => s.status === 'submitted').length,
        disputes: disputes.length,
        majorDisputes: disputes.filter((d) => d.major).length,
        casesReceived: received.filter((c) => c.status !== 'withdrawn').length,
        casesClosed: closed.length,
      },
      ...(input.note ? { note: input.note } : {}),
      dueAt: dueAt.toISOString(),
      submittedAt: ctx.now.toISOString(),
      submittedBy: actor.username,
      late: ctx.now.getTime() >= dueAt.getTime(),
      version: 1,
    };
    await repo.create(
      ctx, items.report(report), { action: MEDIATION_AUDIT['report.create'], targetId: report.id, after: report }, '该月排查报表已报送',
      facts({ facts: monthlyReportFacts(report) }),
    );
    return report;
  },
};
