// Dispute screenings (排查) and the screening board. A screening and the disputes it finds are one
// transaction (the period guard makes it one per office and period); the disputes afterwards are
// disputes.ts, the month's report monthly-reports.ts.
import {
  conflict,
  disputeFacts,
  forbidden,
  isQuarterEnd,
  majorReportDueAt,
  MEDIATION_AUDIT,
  monthlyReportDueAt,
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
  type MonthlyReport,
  type Page,
  type Screening,
  type ScreeningBoard,
  type ScreeningDetail,
  type ScreeningQuery,
  type WithdrawInput,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { dictionaryProblems, readable, requireActor, throwIfAny, writable, writableOffice } from './access';
import { keys } from './keys';
import { facts, items, mediationRepository as repo, write } from './repository';

const SCREENING = '排查记录';

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
};

