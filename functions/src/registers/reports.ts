// Plans and reports: an office hands in its plans, feedback, summaries, information items, research
// articles and experience materials (one a period for the single kinds, kept by the REPORT-ONE guard),
// each with its due date and the time it came in; the area director (for the cluster's other offices)
// or 基层股 returns one with a comment — it counts as not submitted, its fact retracted, until the office
// resubmits it (a new time, the fact again); the office may withdraw one (freeing its period). The
// board shows each office in scope × what was due in a month.
import {
  canReadOffice,
  canReturnReport,
  canWriteOfficeRecords,
  conflict,
  filteredPage,
  forbidden,
  hasAuthor,
  isOnTime,
  isSingleReport,
  REGISTERS_AUDIT,
  REPORT_KIND_LABELS,
  REPORT_STATUS_LABELS,
  reportCellState,
  reportDueAt,
  reportFacts,
  reportPeriodProblems,
  reportsDueIn,
  reportsRequired,
  retractFact,
  staleVersion,
  type Actor,
  type Page,
  type Report,
  type ReportBoard,
  type ReportBoardQuery,
  type ReportInput,
  type ReportQuery,
  type ReportReturnInput,
  type ReportUpdateInput,
  type WithdrawRecordInput,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { orgDirectory } from '../shared/org-directory';
import type { RequestContext } from '../shared/request-context';
import { keys } from './keys';
import {
  atVersion,
  facts,
  items,
  keepAttachments,
  officeNamed,
  officeRef,
  readable,
  requireActor,
  throwIfAny,
  withUrls,
  workflowRepository as repo,
  write,
  writable,
} from './workflow-repository';

const REPORT = '报送材料';

const answer = async (ctx: RequestContext, r: Report): Promise<Report> => ({ ...r, attachments: await withUrls(ctx, r.attachments) });

const retracted = (ctx: RequestContext, r: Report) => reportFacts(r).map((f) => retractFact(f, ctx.now));

/** The active reports (not withdrawn) of the offices a board or summary looks at, for a month and its year. */
const activeReportsFor = async (actor: Actor, month: string, officeId?: string): Promise<Report[]> => {
  const [monthly, yearly] = await Promise.all(
    [`${month}#`, `${month.slice(0, 4)}#`].map((sortPrefix) => repo.allInScope<Report>(actor, 'REPORT', { officeId, sortPrefix })),
  );
  return [...monthly!, ...yearly!].filter((r) => r.status !== 'withdrawn');
};

/** One office's cells of a month: each kind due, where it stands at `now`. */
export const officeCells = (officeId: string, month: string, reports: readonly Report[], now: Date): ReportBoard['rows'][number]['cells'] =>
  reportsDueIn(month).map(({ kind, period }) => {
    const due = reportDueAt(kind, period);
    const mine = reports.filter((r) => r.officeId === officeId && r.kind === kind && r.period === period);
    const required = reportsRequired(kind);
    return {
      kind, period, dueAt: due.toISOString(), state: reportCellState(due, mine, required, now), required,
      submitted: mine.filter((r) => r.status === 'submitted').length, reportIds: mine.map((r) => r.id),
    };
  });

export const reports = {
  submit: async (ctx: RequestContext, input: ReportInput): Promise<Report> => {
    const actor = requireActor(ctx);
    const office = await officeNamed(input.officeId);
    if (!canWriteOfficeRecords(actor, office.id)) throw forbidden('只能报送本所的材料');
    throwIfAny(reportPeriodProblems(input.kind, input.period, ctx.now, input.author));
    const attachments = await keepAttachments(ctx, input.attachments);
    const now = ctx.now.toISOString();
    const created: Report = {
      id: ulid(ctx.now.getTime()), officeId: office.id, areaId: office.areaId, kind: input.kind, period: input.period, title: input.title, content: input.content,
      ...(hasAuthor(input.kind) && input.author ? { author: input.author } : {}), attachments, status: 'submitted', submittedAt: now, submittedBy: actor.username,
      dueAt: reportDueAt(input.kind, input.period).toISOString(), onTime: isOnTime(input.kind, input.period, now), returns: 0, version: 1, updatedAt: now,
    };
    const single = isSingleReport(created.kind);
    await repo.transact(
      ctx, [write.putIfAbsent(items.report(created)), ...(single ? [write.putIfAbsent(items.reportGuard(created))] : [])],
      { action: REGISTERS_AUDIT['report.submit'], targetId: created.id, after: created }, facts({ facts: reportFacts(created) }),
      (index) => (index === 1 ? conflict(`本期已报送${REPORT_KIND_LABELS[created.kind]}（${created.period}），请修改或撤回已报送的材料`) : conflict('报送编号重复，请重试')),
    );
    return answer(ctx, created);
  },

  /** Reports in scope, newest period first; `period` a month or a year (a year takes its months too). */
  list: async (ctx: RequestContext, q: ReportQuery): Promise<Page<Report>> => {
    const actor = requireActor(ctx);
    const read = (limit: number, cursor?: string) =>
      repo.pageInScope<Report>(actor, 'REPORT', { officeId: q.officeId, sortPrefix: q.period, limit, cursor, newestFirst: true });
    return filteredPage(read, (r) => (!q.kind || r.kind === q.kind) && (!q.status || r.status === q.status), q.limit, q.cursor);
  },

  get: async (ctx: RequestContext, id: string): Promise<Report> => answer(ctx, readable(ctx, await repo.getReport(id), REPORT)),

  /** The office corrects a submitted report, or resubmits a returned one (a new submission time, its fact again). */
  update: async (ctx: RequestContext, id: string, input: ReportUpdateInput): Promise<Report> => {
    const actor = requireActor(ctx);
    const before = writable(ctx, await repo.getReport(id), REPORT);
    if (before.status === 'withdrawn') throw conflict('材料已撤回，不能修改');
    atVersion(before, input.version);
    if (hasAuthor(before.kind) && !input.author) throwIfAny({ author: `${REPORT_KIND_LABELS[before.kind]}须填写作者` });
    const attachments = await keepAttachments(ctx, input.attachments, before.attachments);
    const now = ctx.now.toISOString();
    const resubmitted = before.status === 'returned';
    const { author: _author, ...kept } = before;
    const after: Report = {
      ...kept, title: input.title, content: input.content, ...(hasAuthor(before.kind) && input.author ? { author: input.author } : {}), attachments,
      ...(resubmitted ? { status: 'submitted', submittedAt: now, submittedBy: actor.username, onTime: isOnTime(before.kind, before.period, now) } : {}),
      version: before.version + 1, updatedAt: now,
    };
    await repo.transact(
      ctx, [write.putIfVersion(items.report(after), before.version)], { action: REGISTERS_AUDIT['report.update'], targetId: id, before, after },
      resubmitted ? facts({ facts: reportFacts(after) }) : undefined, staleVersion,
    );
    return answer(ctx, after);
  },

  return: async (ctx: RequestContext, id: string, input: ReportReturnInput): Promise<Report> => {
    const actor = requireActor(ctx);
    const before = readable(ctx, await repo.getReport(id), REPORT);
    if (!canReturnReport(actor, officeRef(before))) throw forbidden('只有片区中心所长（对本片区其他司法所）或基层股可以退回材料');
    if (before.status !== 'submitted') throw conflict(`材料当前状态为「${REPORT_STATUS_LABELS[before.status]}」，不能退回`);
    atVersion(before, input.version);
    const now = ctx.now.toISOString();
    const after: Report = {
      ...before, status: 'returned', returnedAt: now, returnedBy: actor.username, returnedByName: actor.displayName, returnComment: input.comment,
      returns: before.returns + 1, version: before.version + 1, updatedAt: now,
    };
    await repo.transact(
      ctx, [write.putIfVersion(items.report(after), before.version)], { action: REGISTERS_AUDIT['report.return'], targetId: id, before, after },
      facts({ retractions: retracted(ctx, before) }), staleVersion,
    );
    return answer(ctx, after);
  },

  withdraw: async (ctx: RequestContext, id: string, input: WithdrawRecordInput): Promise<Report> => {
    const before = writable(ctx, await repo.getReport(id), REPORT);
    if (before.status === 'withdrawn') throw conflict('材料已撤回');
    atVersion(before, input.version);
    const after: Report = { ...before, status: 'withdrawn', version: before.version + 1, updatedAt: ctx.now.toISOString() };
    await repo.transact(
      ctx,
      [write.putIfVersion(items.report(after), before.version), ...(isSingleReport(before.kind) ? [write.remove(keys.reportGuard(before.officeId, before.kind, before.period))] : [])],
      { action: REGISTERS_AUDIT['report.withdraw'], targetId: id, before, after, reason: input.reason }, facts({ retractions: retracted(ctx, before) }), staleVersion,
    );
    return answer(ctx, after);
  },

  /** Each office in scope × each kind due in the month. */
  board: async (ctx: RequestContext, q: ReportBoardQuery): Promise<ReportBoard> => {
    const actor = requireActor(ctx);
    const offices = (await orgDirectory.offices()).filter((o) => canReadOffice(actor, o));
    if (q.officeId && !offices.some((o) => o.id === q.officeId)) throw forbidden('无权查看该司法所的数据');
    const shown = q.officeId ? offices.filter((o) => o.id === q.officeId) : offices;
    const found = await activeReportsFor(actor, q.month, q.officeId);
    return {
      month: q.month,
      kinds: reportsDueIn(q.month).map((d) => d.kind),
      rows: shown.map((o) => ({ officeId: o.id, officeName: o.name, cells: officeCells(o.id, q.month, found, ctx.now) })),
    };
  },
};
