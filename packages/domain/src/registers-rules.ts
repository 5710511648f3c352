// The rules of the office's workflows, pure: when each kind of report is due (Asia/Shanghai), what a
// period may be, where a board cell stands, how many days a leave takes and which days it covers, a
// task's state at its deadline, and the facts each record earns. Use cases and the demo seed apply these.
import type { FieldErrors } from './errors';
import { makeFact, type FactKind, type FactRef, type ScorableFact } from './facts';
import { endOfShanghaiDay, nextMonthOf } from './mediation-rules';
import { addDays } from './registers';
import {
  INFORMATION_ITEMS_PER_MONTH,
  MAX_LEAVE_DAYS,
  REPORT_KIND_LABELS,
  REPORT_MANY,
  REPORT_PERIOD,
  type Absence,
  type LeaveRequest,
  type Report,
  type ReportCellState,
  type ReportKind,
  type TaskAssignment,
  type TaskState,
} from './registers-workflows';
import { shanghaiDay, shanghaiDayStart, shanghaiMonth } from './time';

// ---- Due dates --------------------------------------------------------------------------------------

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/**
 * The day each kind is due, from its period (YYYY-MM or YYYY). Why these days: the bureau's
 * 司法所工作制度 (docs/domain.md §四.1–2) asks the year's plan within January, the month's work
 * feedback by the 5th and the platform data confirmed by the 3rd of the next month (before the
 * bureau's own monthly return), the half-year summary with the first days of July, the year-end
 * summary before the year closes, information items within their month, and the year's research
 * article and experience material by year end.
 */
const DUE_DAY: Record<ReportKind, (period: string) => string> = {
  'annual-plan': (year) => `${year}-01-31`,
  'monthly-feedback': (month) => `${nextMonthOf(month)}-05`,
  'platform-data': (month) => `${nextMonthOf(month)}-03`,
  'half-year-summary': (year) => `${year}-07-05`,
  'year-end-summary': (year) => `${year}-12-31`,
  information: (month) => lastDayOf(month),
  'research-article': (year) => `${year}-12-31`,
  'experience-material': (year) => `${year}-12-31`,
};

/** The Shanghai day a report of `kind` for `period` is due (handed in by its end). */
export const reportDueDay = (kind: ReportKind, period: string): string => DUE_DAY[kind](period);
/** The instant a report is late from: the end of its due day in Asia/Shanghai. */
export const reportDueAt = (kind: ReportKind, period: string): Date => endOfShanghaiDay(reportDueDay(kind, period));
/** The month a report counts in: a monthly kind its period, a yearly kind the month it is due in. */
export const reportMonth = (kind: ReportKind, period: string): string =>
  REPORT_PERIOD[kind] === 'month' ? period : reportDueDay(kind, period).slice(0, 7);
/** The kinds due in (monthly: for) `month`, with the period each is due for. */
export const reportsDueIn = (month: string): Array<{ kind: ReportKind; period: string }> =>
  (Object.keys(REPORT_PERIOD) as ReportKind[]).flatMap((kind) => {
    const period = REPORT_PERIOD[kind] === 'month' ? month : month.slice(0, 4);
    return reportMonth(kind, period) === month ? [{ kind, period }] : [];
  });
/** How many reports of a kind an office owes a period. */
export const reportsRequired = (kind: ReportKind): number => (kind === 'information' ? INFORMATION_ITEMS_PER_MONTH : 1);
export const hasAuthor = (kind: ReportKind) => kind === 'research-article' || kind === 'experience-material';
export const isSingleReport = (kind: ReportKind) => !REPORT_MANY.includes(kind);

/** How far back a report may still be handed in (late reports of the past years are still taken). */
const OLDEST_YEARS_BACK = 3;

/** What is wrong with a report's period (and author) at `now`: the shape its kind takes, not beyond the next period. */
export const reportPeriodProblems = (kind: ReportKind, period: string, now: Date, author?: string): FieldErrors => {
  const problems: FieldErrors = {};
  const thisMonth = shanghaiMonth(now);
  const thisYear = Number(thisMonth.slice(0, 4));
  if (REPORT_PERIOD[kind] === 'month') {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) problems.period = `${REPORT_KIND_LABELS[kind]}的所属期间应为月份（YYYY-MM）`;
    else if (period > nextMonthOf(thisMonth)) problems.period = '所属期间不能晚于下个月';
  } else if (!/^\d{4}$/.test(period)) problems.period = `${REPORT_KIND_LABELS[kind]}的所属期间应为年份（YYYY）`;
  else if (Number(period) > thisYear + 1) problems.period = '所属期间不能晚于下一年';
  if (!problems.period && Number(period.slice(0, 4)) < thisYear - OLDEST_YEARS_BACK) problems.period = `所属期间不能早于${thisYear - OLDEST_YEARS_BACK}年`;
  if (hasAuthor(kind) && !author) problems.author = `${REPORT_KIND_LABELS[kind]}须填写作者`;
  return problems;
};

// ---- Facts of reports and the board ------------------------------------------------------------------

const REPORT_FACT: Partial<Record<ReportKind, FactKind>> = {
  'monthly-feedback': 'registers.feedback.submitted',
  'platform-data': 'registers.platform-data.confirmed',
  information: 'registers.information.submitted',
};
export const reportFactKind = (kind: ReportKind): FactKind => REPORT_FACT[kind] ?? 'registers.report.submitted';
const ref = (type: string, id: string): FactRef => ({ context: 'registers', type, id });

/** A submitted report earns one fact with its time and due date; returned or withdrawn, none. */
export const reportFacts = (r: Report): ScorableFact[] =>
  r.status !== 'submitted'
    ? []
    : [
        makeFact({
          kind: reportFactKind(r.kind), officeId: r.officeId, occurredAt: r.submittedAt,
          dueAt: reportDueAt(r.kind, r.period).toISOString(), month: reportMonth(r.kind, r.period), ref: ref('report', r.id),
        }),
      ];

/** Whether a report handed in at `submittedAt` is on time. */
export const isOnTime = (kind: ReportKind, period: string, submittedAt: string) => Date.parse(submittedAt) < reportDueAt(kind, period).getTime();

/**
 * A board cell: `submitted` are the office's active reports of the kind and period (returned ones
 * included: they count as not submitted until they come back). Done or late by the time the
 * required-th report came in; else returned, still due, or missing once the due date passed.
 */
export const reportCellState = (due: Date, submitted: Report[], required: number, now: Date): ReportCellState => {
  const counted = submitted.filter((r) => r.status === 'submitted').map((r) => Date.parse(r.submittedAt)).sort((a, b) => a - b);
  if (counted.length >= required) return counted[required - 1]! < due.getTime() ? 'done' : 'late';
  if (submitted.some((r) => r.status === 'returned')) return 'returned';
  return now.getTime() < due.getTime() ? 'due' : 'missing';
};

// ---- Leave and absences ------------------------------------------------------------------------------

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Calendar days from `from` to `to`, both included. */
export const leaveDays = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;

/** How far from today a leave may start (requests are for this year's work, and late ones filed afterwards). */
const LEAVE_WINDOW_DAYS = 366;

export const leaveProblems = (input: { from: string; to: string }, now: Date): FieldErrors => {
  const problems: FieldErrors = {};
  const today = shanghaiDay(now);
  if (Math.abs(dayNumber(input.from) - dayNumber(today)) > LEAVE_WINDOW_DAYS) problems.from = '开始日期应在今天前后一年之内';
  if (input.to < input.from) problems.to = '结束日期不能早于开始日期';
  else if (leaveDays(input.from, input.to) > MAX_LEAVE_DAYS) problems.to = `一次请假不能超过${MAX_LEAVE_DAYS}天`;
  return problems;
};

/** 销假: the day back at work is within the leave or the day after it ends. */
export const leaveReturnProblems = (l: Pick<LeaveRequest, 'from' | 'to'>, returnedOn: string): FieldErrors =>
  returnedOn < l.from ? { returnedOn: '销假日期不能早于请假开始日期' } : returnedOn > addDays(l.to, 1) ? { returnedOn: '销假日期不能晚于请假结束的次日' } : {};

/**
 * Whether the leave excuses `day`: an approved leave its whole span; a cancelled one (销假) the days
 * before its holder was back at work (`returnedOn` is a working day, not a leave day).
 */
export const leaveCovers = (l: Pick<LeaveRequest, 'status' | 'from' | 'to' | 'returnedOn'>, day: string): boolean => {
  if (day < l.from || day > l.to) return false;
  if (l.status === 'approved') return true;
  return l.status === 'cancelled' && !!l.returnedOn && day < l.returnedOn;
};

/** An absence without leave counts against the office in the month it happened; withdrawn, nothing. */
export const absenceFacts = (a: Absence): ScorableFact[] =>
  a.status !== 'active'
    ? []
    : [makeFact({ kind: 'registers.absence.unexcused', officeId: a.officeId, occurredAt: shanghaiDayStart(a.on).toISOString(), ref: ref('absence', a.id) })];

// ---- Tasks -------------------------------------------------------------------------------------------

/** A task is done by the end of its due day in Asia/Shanghai. */
export const taskDueAt = (dueOn: string): Date => endOfShanghaiDay(dueOn);

/** Done (or done late) by when it was completed; else overdue from the deadline on, or once the sweep marked it. */
export const taskState = (a: Pick<TaskAssignment, 'dueOn' | 'completedAt' | 'overdueAt'>, now: Date): TaskState => {
  const due = taskDueAt(a.dueOn).getTime();
  if (a.completedAt) return Date.parse(a.completedAt) < due ? 'done' : 'done-late';
  return a.overdueAt || now.getTime() >= due ? 'overdue' : 'open';
};

const assignmentRef = (a: Pick<TaskAssignment, 'taskId' | 'officeId'>) => ref('task-assignment', `${a.taskId}-${a.officeId}`);

/** A completion, with the deadline it was due by (the assessment tells on time from late). */
export const taskCompletedFact = (a: TaskAssignment): ScorableFact =>
  makeFact({ kind: 'registers.task.completed', officeId: a.officeId, occurredAt: a.completedAt!, dueAt: taskDueAt(a.dueOn).toISOString(), ref: assignmentRef(a) });

/** A task found past its deadline and not done (once per assignment); it counts in the month it was due. */
export const taskOverdueFact = (a: TaskAssignment, at: Date): ScorableFact =>
  makeFact({
    kind: 'registers.task.overdue', officeId: a.officeId, occurredAt: at.toISOString(), dueAt: taskDueAt(a.dueOn).toISOString(),
    month: a.dueOn.slice(0, 7), ref: assignmentRef(a),
  });
