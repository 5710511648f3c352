// Dispute screenings (排查), the disputes they find, the screening board and the month's report. A
// screening and its disputes are one transaction (the period guard makes it one per office and period);
// a major dispute carries an UNREPORTED marker until it is reported to the bureau.
import {
  conflict,
  disputeFacts,
  filteredPage,
  forbidden,
  isQuarterEnd,
  majorReportDueAt,
  MEDIATION_AUDIT,
  monthlyReportDueAt,
  monthlyReportFacts,
  monthlyReportProblems,
  nextMonthOf,
  periodState,
  quarterOf,
  readScope,
  retractFact,
  screeningFacts,
  screeningPeriod,
  screeningProblems,
  staleVersion,
  canReadOffice,
  type CreateScreeningInput,
  type Dispute,
  type MediationCase,
  type DisputeQuery,
  type MonthlyReport,
  type MonthlyReportInput,
  type Page,
  type Screening,
  type ScreeningBoard,
  type ScreeningDetail,
  type ScreeningQuery,
  type UpdateDisputeInput,
  type WithdrawInput,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { dictionaryProblems, readable, requireActor, throwIfAny, writable, writableOffice } from './access';
import { keys } from './keys';
import { facts, items, mediationRepository as repo, write, type ClosedCase, type UnreportedDispute } from './repository';

const SCREENING = '排查记录';
const DISPUTE = '矛盾纠纷';

const retractAll = (list: ReturnType<typeof screeningFacts>, now: Date) => list.map((f) => retractFact(f, now));

export const screenings = {
  create: async (ctx: RequestContext, input: CreateScreeningInput): Promise<Screening> => {
    const actor = requireActor(ctx);
    const office = await writableOffice(ctx, input.officeId);
    throwIfAny({
      ...screeningProblems(input, ctx.now),
      ...(await dictionaryProblems(
        Object.fromEntries(input.disputes.map((d, i) => [`disputes.${i}.disputeType`, { dictionary: 'dispute-types' as const, code: d.disputeType }])),
      )),
    });
    const { month, dueAt } = screeningPeriod(input.period);
    const at = ctx.now.toISOString();
    const id = ulid(ctx.now.getTime());
    const disputes: Dispute[] = input.disputes.map((d, i) => ({
      ...d,
      id: `${id}-${String(i + 1).padStart(2, '0')}`,
      screeningId: id,
      officeId: office.id,
      areaId: office.areaId,
      month,
      registeredAt: at,
      ...(d.major ? { reportDueAt: majorReportDueAt(at).toISOString() } : {}),
      result: 'pending',
      status: 'open',
      version: 1,
    }));
    const { disputes: _inputs, ...fields } = input;
    const screening: Screening = {
      ...fields,
      id,
      areaId: office.areaId,
      month,
      disputeIds: disputes.map((d) => d.id),
      zeroReport: disputes.length === 0,
      dueAt: dueAt.toISOString(),
      submittedAt: at,
      submittedBy: actor.username,
      late: ctx.now.getTime() >= dueAt.getTime(),
      status: 'submitted',
      version: 1,
    };
    const writes = [
      write.putIfAbsent(items.periodGuard(screening)),
      write.putIfAbsent(items.screening(screening)),
      ...disputes.flatMap((d) => [write.putIfAbsent(items.dispute(d)), ...(d.major ? [write.putIfAbsent(items.unreported(d))] : [])]),
    ];
    await repo.transact(
      ctx,
      writes,
      { action: MEDIATION_AUDIT['screening.create'], targetId: id, after: { ...screening, disputes } },
      facts({ facts: [...screeningFacts(screening), ...disputes.flatMap(disputeFacts)] }),
      (index) => (index === 0 ? conflict('该期排查已报送') : conflict('排查记录编号重复，请重试')),
    );
    return screening;
  },

  list: async (ctx: RequestContext, q: ScreeningQuery): Promise<Page<Screening>> =>
    repo.pageInScope<Screening>(requireActor(ctx), 'SCREENING', { officeId: q.officeId, sortPrefix: q.month, limit: q.limit, cursor: q.cursor, newestFirst: true }),

  get: async (ctx: RequestContext, id: string): Promise<ScreeningDetail> => {
    const screening = readable(ctx, await repo.getScreening(id), SCREENING);
    const disputes = await Promise.all(screening.disputeIds.map((d) => repo.getDispute(d)));
    return { screening, disputes: disputes.filter((d): d is Dispute => !!d) };
  },

  /** Withdraws the screening and its disputes, retracting their facts; the period may then be reported again. */
  withdraw: async (ctx: RequestContext, id: string, input: WithdrawInput): Promise<Screening> => {
    const actor = requireActor(ctx);
    const before = writable(ctx, await repo.getScreening(id), SCREENING);
    if (before.version !== input.version) throw staleVersion();
    if (before.status === 'withdrawn') throw conflict('该期排查已撤回');
    const at = ctx.now.toISOString();
    const after: Screening = { ...before, status: 'withdrawn', withdrawal: { at, by: actor.username, reason: input.reason }, version: before.version + 1 };
    const disputes = (await Promise.all(before.disputeIds.map((d) => repo.getDispute(d)))).filter((d): d is Dispute => !!d && d.status === 'open');
    const writes = [
      write.putIfVersion(items.screening(after), input.version),
      write.remove(keys.periodGuard(before.officeId, before.period)),
      ...disputes.flatMap((d) => [
        write.putIfVersion(items.dispute({ ...d, status: 'withdrawn', version: d.version + 1 }), d.version),
        ...(d.major && !d.reportedAt && d.reportDueAt ? [write.remove(write.keyOf(keys.unreported({ ...d, reportDueAt: d.reportDueAt })))] : []),
      ]),
    ];
    await repo.transact(
      ctx,
      writes,
      { action: MEDIATION_AUDIT['screening.withdraw'], targetId: id, before, after },
      facts({ retractions: [...retractAll(screeningFacts(before), ctx.now), ...retractAll(disputes.flatMap(disputeFacts), ctx.now)] }),
      () => staleVersion(),
    );
    return after;
  },

  /** One row per office in the caller's scope: each period of the month as done, late, due, missing or not yet open. */
  board: async (ctx: RequestContext, month: string): Promise<ScreeningBoard> => {
    const actor = requireActor(ctx);
    if (readScope(actor).kind === 'none') throw forbidden();
    const [offices, monthScreenings, monthDisputes, reports] = await Promise.all([
      orgDirectory.offices(),
      repo.allInScope<Screening>(actor, 'SCREENING', { sortPrefix: month }),
      repo.allInScope<Dispute>(actor, 'DISPUTE', { sortPrefix: month }),
      repo.allInScope<MonthlyReport>(actor, 'REPORT', { sortPrefix: month }),
    ]);
    const quarterEnd = isQuarterEnd(month);
    const submitted = monthScreenings.filter((s) => s.status === 'submitted');
    const state = (officeId: string, period: string) => {
      const p = screeningPeriod(period);
      const found = submitted.find((s) => s.officeId === officeId && s.period === period);
      return periodState(p.dueAt, found?.submittedAt, ctx.now, p.from);
    };
    const rows = offices
      .filter((o) => canReadOffice(actor, o))
      .map((o) => {
        const disputes = monthDisputes.filter((d) => d.officeId === o.id && d.status === 'open');
        const report = reports.find((r) => r.officeId === o.id);
        return {
          officeId: o.id,
          officeName: o.name,
          firstHalf: state(o.id, `${month}-1`),
          secondHalf: state(o.id, `${month}-2`),
          ...(quarterEnd ? { quarterly: state(o.id, quarterOf(month)) } : {}),
          report: periodState(monthlyReportDueAt(month), report?.submittedAt, ctx.now, `${nextMonthOf(month)}-01`),
          disputes: disputes.length,
          unreportedMajor: disputes.filter((d) => d.major && !d.reportedAt).length,
        };
      });
    return { month, rows };
  },

  listDisputes: async (ctx: RequestContext, q: DisputeQuery): Promise<Page<Dispute>> => {
    const actor = requireActor(ctx);
    if (q.unreported === 'true') {
      // The markers of major disputes not yet reported (each holds its dispute), earliest deadline first.
      const read = (limit: number, cursor?: string) => repo.pageInScope<UnreportedDispute>(actor, 'UNREPORTED', { officeId: q.officeId, limit, cursor });
      return filteredPage(read, (d) => !q.month || d.month === q.month, q.limit, q.cursor);
    }
    return repo.pageInScope<Dispute>(actor, 'DISPUTE', { officeId: q.officeId, sortPrefix: q.month, limit: q.limit, cursor: q.cursor, newestFirst: true });
  },

  updateDispute: async (ctx: RequestContext, id: string, { version, ...input }: UpdateDisputeInput): Promise<Dispute> => {
    const before = writable(ctx, await repo.getDispute(id), DISPUTE);
    if (before.version !== version) throw staleVersion();
    if (before.status !== 'open') throw conflict('该纠纷所在的排查已撤回，不能修改');
    if (input.caseId) {
      const linked = await repo.getCase(input.caseId);
      if (!linked || linked.officeId !== before.officeId) throwIfAny({ caseId: '所选调解案件不存在或不属于该司法所' });
    }
    const { resultNote: _n, caseId: _c, ...kept } = before;
    const after: Dispute = { ...kept, ...input, version: version + 1 };
    await repo.replace(ctx, items.dispute(after), version, { action: MEDIATION_AUDIT['dispute.update'], targetId: id, before, after });
    return after;
  },

  /** The major dispute reported to the bureau: its marker goes, and the report's fact carries its delay. */
  reportDispute: async (ctx: RequestContext, id: string, version: number): Promise<Dispute> => {
    const actor = requireActor(ctx);
    const before = writable(ctx, await repo.getDispute(id), DISPUTE);
    if (before.version !== version) throw staleVersion();
    if (before.status !== 'open') throw conflict('该纠纷所在的排查已撤回，不能上报');
    if (!before.major || !before.reportDueAt) throw conflict('该纠纷不是重大纠纷，无需上报');
    if (before.reportedAt) throw conflict('该纠纷已上报');
    const after: Dispute = { ...before, reportedAt: ctx.now.toISOString(), reportedBy: actor.username, version: version + 1 };
    const earlier = new Set(disputeFacts(before).map((f) => f.id));
    await repo.transact(
      ctx,
      [write.putIfVersion(items.dispute(after), version), write.remove(write.keyOf(keys.unreported({ ...before, reportDueAt: before.reportDueAt })))],
      { action: MEDIATION_AUDIT['dispute.report'], targetId: id, before, after },
      facts({ facts: disputeFacts(after).filter((f) => !earlier.has(f.id)) }),
      () => staleVersion(),
    );
    return after;
  },

  /** The month's screening report, once the month has ended; its figures are generated from the records. */
  createReport: async (ctx: RequestContext, input: MonthlyReportInput): Promise<MonthlyReport> => {
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

