// The homes' cards of the registers context: what the caller's office still owes (reports due or
// returned, open tasks), the leave requests waiting for the caller's decision, and the petitions in
// scope past their reply or finish date. Cheap by construction: keyed queries by office, area or
// county with this period's sort-key prefixes, never a whole table.
import {
  canDecideLeave,
  canReadOffice,
  forbidden,
  ownOfficeId,
  petitionDueDates,
  previousMonthOf,
  nextMonthOf,
  readScope,
  shanghaiDay,
  shanghaiMonth,
  taskState,
  type LeaveRequest,
  type RegisterEntry,
  type RegistersSummary,
  type Report,
  type TaskAssignment,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { entryType } from './keys';
import { officeCells } from './reports';
import { requireActor, workflowRepository as repo } from './workflow-repository';

/** A petition is finished within 60 (+30) days: its overdue ones were received in the last four months. */
const PETITION_MONTHS = 4;
/** Requests wait for a decision around their start: last month's, this month's and next month's. */
const monthsAround = (month: string) => [previousMonthOf(month), month, nextMonthOf(month)];
/** An office's newest assignments looked at for its open ones. */
const OWN_TASKS_LOOKED_AT = 100;

export const summary = async (ctx: RequestContext): Promise<RegistersSummary> => {
  const actor = requireActor(ctx);
  if (readScope(actor).kind === 'none') throw forbidden();
  const today = shanghaiDay(ctx.now);
  const month = shanghaiMonth(ctx.now);
  const lastMonth = previousMonthOf(month);
  const own = ownOfficeId(actor);

  const ownReports = async () => {
    if (!own) return { reportsDue: [], returnedReports: [] };
    // Reports may be handed in a period ahead (next month's, next year's): their years are read too.
    const years = [...new Set(monthsAround(month).map((m) => m.slice(0, 4)))];
    const found = (await Promise.all(years.map((y) => repo.allInScope<Report>(actor, 'REPORT', { officeId: own, sortPrefix: y })))).flat();
    const active = found.filter((r) => r.status !== 'withdrawn');
    return {
      reportsDue: [lastMonth, month].flatMap((m) =>
        officeCells(own, m, active, ctx.now).filter((c) => !['done', 'late'].includes(c.state)).map((c) => ({ officeId: own, kind: c.kind, period: c.period, dueAt: c.dueAt, state: c.state })),
      ),
      returnedReports: active.filter((r) => r.status === 'returned').map((r) => ({ id: r.id, officeId: r.officeId, kind: r.kind, period: r.period, title: r.title, returnComment: r.returnComment })),
    };
  };

  const openTasks = async (): Promise<RegistersSummary['tasks']> => {
    if (own) {
      const page = await repo.pageInScope<TaskAssignment>(actor, 'ASSIGNMENT', { officeId: own, limit: OWN_TASKS_LOOKED_AT, newestFirst: true });
      return page.items.filter((a) => !a.completedAt).map((a) => ({ taskId: a.taskId, officeId: a.officeId, title: a.title, dueOn: a.dueOn, state: taskState(a, ctx.now) }));
    }
    const overdue = await repo.openTasksDueBefore(today);
    return overdue
      .filter((t) => canReadOffice(actor, { id: t.officeId, areaId: t.areaId }))
      .map((t) => ({ taskId: t.taskId, officeId: t.officeId, title: t.title, dueOn: t.dueOn, state: 'overdue' as const }));
  };

  const leaveToDecide = async () => {
    const found = (await Promise.all(monthsAround(month).map((m) => repo.allInScope<LeaveRequest>(actor, 'LEAVE', { sortPrefix: m })))).flat();
    return found.filter((l) => l.status === 'requested' && canDecideLeave(actor, l)).length;
  };

  const petitionsOverdue = async (): Promise<RegistersSummary['petitionsOverdue']> => {
    const months = [month];
    while (months.length < PETITION_MONTHS) months.unshift(previousMonthOf(months[0]!));
    const found = (await Promise.all(months.map((m) => repo.allInScope<RegisterEntry>(actor, entryType('petitions'), { sortPrefix: m })))).flat();
    return found.flatMap((e) => {
      if (e.status !== 'active' || typeof e.receivedAt !== 'string') return [];
      const { replyDueOn, finishDueOn } = petitionDueDates(e.receivedAt, e.extended === true);
      const reason = !e.answeredAt && today > replyDueOn ? 'reply' : !e.finishedAt && today > finishDueOn ? 'finish' : undefined;
      return reason ? [{ entryId: e.id, officeId: e.officeId, receivedAt: e.receivedAt, replyDueOn, finishDueOn, reason }] : [];
    });
  };

  const [reports, tasks, leave, petitions] = await Promise.all([ownReports(), openTasks(), leaveToDecide(), petitionsOverdue()]);
  return { ...reports, tasks, leaveToDecide: leave, petitionsOverdue: petitions };
};
