// The rules of people's mediation, pure: the case lifecycle as a state machine (docs/domain.md §三),
// the deadlines of screenings, reports and major disputes (Asia/Shanghai), the facts each record earns,
// and the monthly statistics. The use cases apply these and store what they return.
import { conflict, validationError, type FieldErrors } from './errors';
import { makeFact, retractFact, type FactKind, type FactRef, type ScorableFact, type FactRetraction } from './facts';
import {
  CASE_RESULTS,
  CASE_STATUS_LABELS,
  COMMITTEE_TERM_YEARS,
  type CaseClosure,
  type CaseStatus,
  type CloseCaseInput,
  type ConfirmationInput,
  type Dispute,
  type FollowUpInput,
  type MediationCase,
  type MonthlyReport,
  type PeriodState,
  type Screening,
  type Submission,
} from './mediation';
import { shanghaiDay, shanghaiDayStart, shanghaiNextDay, shanghaiPreviousDay } from './time';

// ---- Deadlines (Asia/Shanghai) ---------------------------------------------------------------------

/** The instant a deadline day ends: "by the 15th" is before the 16th's 00:00 in Shanghai. */
export const endOfShanghaiDay = (day: string): Date => shanghaiDayStart(shanghaiNextDay(day));

const lastDayOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
export const nextMonthOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
export const previousMonthOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
/** The 12 months ending with `to`, oldest first. */
export const monthsEndingWith = (to: string, count = 12): string[] => {
  const out = [to];
  while (out.length < count) out.unshift(previousMonthOf(out[0]!));
  return out;
};
export const isQuarterEnd = (month: string) => ['03', '06', '09', '12'].includes(month.slice(5));
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;

/** A screening period's month and deadline: 1st half by the 15th, 2nd half by month end, a quarter by its end. */
export const screeningPeriod = (period: string): { month: string; dueAt: Date; from: string; to: string } => {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const endMonth = `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}`;
    const startMonth = `${quarter[1]}-${String(Number(quarter[2]) * 3 - 2).padStart(2, '0')}`;
    const to = lastDayOfMonth(endMonth);
    return { month: endMonth, dueAt: endOfShanghaiDay(to), from: `${startMonth}-01`, to };
  }
  const month = period.slice(0, 7);
  const first = period.endsWith('-1');
  const to = first ? `${month}-15` : lastDayOfMonth(month);
  return { month, dueAt: endOfShanghaiDay(to), from: first ? `${month}-01` : `${month}-16`, to };
};

/** The month's screening report (A1) is due by the 3rd of the next month. */
export const monthlyReportDueAt = (month: string): Date => endOfShanghaiDay(`${nextMonthOf(month)}-03`);
/** A month's closed cases are entered on the national platform by the 3rd of the next month (B3). */
export const onlineEntryDueAt = (month: string): Date => endOfShanghaiDay(`${nextMonthOf(month)}-03`);
/** A major dispute is reported to the bureau within 4 hours of registration (B5). */
export const MAJOR_REPORT_HOURS = 4;
export const majorReportDueAt = (registeredAt: string): Date => new Date(Date.parse(registeredAt) + MAJOR_REPORT_HOURS * 3_600_000);
/** Judicial confirmation is applied for within 30 days of the agreement (人民调解法 第三十三条). */
export const CONFIRMATION_WINDOW_DAYS = 30;

/** Where a period stands at `now`: submitted on time or late, still due, or missed. */
export const periodState = (dueAt: Date, submittedAt: string | undefined, now: Date, opensOn?: string): PeriodState => {
  if (submittedAt) return Date.parse(submittedAt) < dueAt.getTime() ? 'done' : 'late';
  if (opensOn && shanghaiDay(now) < opensOn) return 'not-yet';
  return now.getTime() < dueAt.getTime() ? 'due' : 'missing';
};

// ---- Dates a person enters -------------------------------------------------------------------------

const addDays = (day: string, days: number) => shanghaiDay(new Date(shanghaiDayStart(day).getTime() + days * 86_400_000));

/** Field problems of a new case's dates: no date in the future. */
export const caseIntakeProblems = (input: { receivedOn: string }, now: Date): FieldErrors =>
  input.receivedOn > shanghaiDay(now) ? { receivedOn: '受理日期不能晚于今天' } : {};

/** Field problems of a screening's dates: not before its period opens, not dated in the future. */
export const screeningProblems = (input: { period: string; screenedOn: string }, now: Date): FieldErrors => {
  const today = shanghaiDay(now);
  const { from } = screeningPeriod(input.period);
  if (today < from) return { period: `该期排查自 ${from} 开始，不能提前报送` };
  if (input.screenedOn > today) return { screenedOn: '排查日期不能晚于今天' };
  return {};
};

/** The month's screening report is submitted once the month has ended (Shanghai). */
export const monthlyReportProblems = (month: string, now: Date): FieldErrors =>
  month >= shanghaiDay(now).slice(0, 7) ? { month: '该月尚未结束，月度排查报表须在次月报送' } : {};

/** A committee's term: three years from its start, ending the day before the anniversary. */
export const committeeTermEnd = (termStart: string): string => {
  const [y, m, d] = termStart.split('-').map(Number) as [number, number, number];
  // 29 February + 3 years is 1 March (Date.UTC rolls it over), so the term ends on 28 February.
  return shanghaiPreviousDay(new Date(Date.UTC(y + COMMITTEE_TERM_YEARS, m - 1, d)).toISOString().slice(0, 10));
};

/** Field problems of a mediator's term. */
export const mediatorTermProblems = (m: { termStart: string; termEnd: string }): FieldErrors =>
  m.termEnd < m.termStart ? { termEnd: '任期结束日期不能早于开始日期' } : {};

const notBeforeIntake = (c: MediationCase, day: string, field: string, label: string, now: Date): FieldErrors => {
  if (day > shanghaiDay(now)) return { [field]: `${label}不能晚于今天` };
  if (day < c.receivedOn) return { [field]: `${label}不能早于受理日期（${c.receivedOn}）` };
  return {};
};

// ---- The case state machine ------------------------------------------------------------------------

type WithoutVersion<T> = T extends unknown ? Omit<T, 'version'> : never;
export type CaseCommand =
  | { kind: 'record'; on: string; content: string; mediators?: string[] }
  | ({ kind: 'close' } & WithoutVersion<CloseCaseInput>)
  | ({ kind: 'follow-up' } & Omit<FollowUpInput, 'version'>)
  | ({ kind: 'confirm' } & Omit<ConfirmationInput, 'version'>)
  | { kind: 'enter-online' }
  | { kind: 'review'; comment?: string }
  | { kind: 'withdraw'; reason: string };
export type CaseCommandKind = CaseCommand['kind'];

export const CASE_COMMAND_LABELS: Record<CaseCommandKind, string> = {
  record: '登记调解记录',
  close: '结案',
  'follow-up': '回访',
  confirm: '登记司法确认',
  'enter-online': '标记已网上录入',
  review: '审核',
  withdraw: '撤销',
};

/** From which states each command may run. */
const FROM: Record<CaseCommandKind, readonly CaseStatus[]> = {
  record: ['registered', 'mediating'],
  close: ['registered', 'mediating'],
  'follow-up': ['closed'],
  confirm: ['closed'],
  'enter-online': ['closed', 'reviewed'],
  review: ['closed'],
  withdraw: ['registered', 'mediating', 'closed'],
};

/** Why the command cannot run on the case now (the 409's message), or undefined. */
export const caseCommandRefusal = (c: MediationCase, kind: CaseCommandKind): string | undefined => {
  const state = `案件当前状态为「${CASE_STATUS_LABELS[c.status]}」`;
  if (!FROM[kind].includes(c.status)) return `${state}，不能${CASE_COMMAND_LABELS[kind]}`;
  if (kind === 'enter-online' && c.enteredOnlineAt) return '案件已标记网上录入';
  if (kind === 'confirm' && !(c.closure?.result === 'agreement')) return `${state}，但未达成调解协议，不能申请司法确认`;
  return undefined;
};

/** The commands the case allows next, for the portal's buttons (permissions aside). */
export const allowedCaseCommands = (c: MediationCase): CaseCommandKind[] =>
  (Object.keys(FROM) as CaseCommandKind[]).filter((k) => caseCommandRefusal(c, k) === undefined);

export interface CaseChange {
  after: MediationCase;
  facts: ScorableFact[];
  retractions: FactRetraction[];
}

/**
 * Applies a command: the case after it, and the facts it earns or withdraws. An illegal transition is
 * a 409 naming the current state; a date out of order a 400 on its field.
 */
export const applyCaseCommand = (c: MediationCase, cmd: CaseCommand, by: string, now: Date): CaseChange => {
  const refusal = caseCommandRefusal(c, cmd.kind);
  if (refusal) throw conflict(refusal);
  const at = now.toISOString();
  const base = { ...c, updatedAt: at, version: c.version + 1 };
  const fail = (fields: FieldErrors) => {
    if (Object.keys(fields).length) throw validationError(fields);
  };
  switch (cmd.kind) {
    case 'record': {
      fail(notBeforeIntake(c, cmd.on, 'on', '调解日期', now));
      const record = { on: cmd.on, content: cmd.content, ...(cmd.mediators ? { mediators: cmd.mediators } : {}), at, by };
      return { after: { ...base, status: 'mediating', records: [...c.records, record] }, facts: [], retractions: [] };
    }
    case 'close': {
      const closedOn = cmd.closedOn ?? shanghaiDay(now);
      fail(notBeforeIntake(c, closedOn, 'closedOn', '结案日期', now));
      if (cmd.result === 'agreement' && cmd.agreement.performBy < closedOn) fail({ 'agreement.performBy': '履行期限不能早于结案日期' });
      const closure: CaseClosure =
        cmd.result === 'agreement'
          ? { result: 'agreement', closedOn, closedAt: at, by, agreement: cmd.agreement }
          : { result: cmd.result, closedOn, closedAt: at, by, reason: cmd.reason };
      const after: MediationCase = { ...base, status: 'closed', closure };
      return { after, facts: [caseClosedFact(after)], retractions: [] };
    }
    case 'follow-up': {
      fail(cmd.visitedOn < c.closure!.closedOn ? { visitedOn: `回访日期不能早于结案日期（${c.closure!.closedOn}）` } : {});
      fail(cmd.visitedOn > shanghaiDay(now) ? { visitedOn: '回访日期不能晚于今天' } : {});
      const { kind: _k, ...visit } = cmd;
      return { after: { ...base, followUp: { ...visit, at, by } }, facts: [], retractions: [] };
    }
    case 'confirm': {
      const closed = c.closure!.closedOn;
      if (cmd.appliedOn < closed) fail({ appliedOn: `申请日期不能早于结案日期（${closed}）` });
      if (cmd.appliedOn > addDays(closed, CONFIRMATION_WINDOW_DAYS)) fail({ appliedOn: `应在协议生效之日起${CONFIRMATION_WINDOW_DAYS}日内申请司法确认（截至 ${addDays(closed, CONFIRMATION_WINDOW_DAYS)}）` });
      if (cmd.appliedOn > shanghaiDay(now)) fail({ appliedOn: '申请日期不能晚于今天' });
      const { kind: _k, ...confirmation } = cmd;
      return { after: { ...base, confirmation: { ...confirmation, at, by } }, facts: [], retractions: [] };
    }
    case 'enter-online': {
      const after = { ...base, enteredOnlineAt: at };
      return { after, facts: [caseEnteredOnlineFact(after)], retractions: [] };
    }
    case 'review':
      return { after: { ...base, status: 'reviewed', review: { at, by, ...(cmd.comment ? { comment: cmd.comment } : {}) } }, facts: [], retractions: [] };
    case 'withdraw': {
      const after: MediationCase = { ...base, status: 'withdrawn', withdrawal: { at, by, reason: cmd.reason, from: c.status } };
      return { after, facts: [], retractions: caseFacts(c).map((f) => retractFact(f, now)) };
    }
  }
};

/** What must hold of every case, whatever happened to it (the property test's invariant). */
export const caseInvariantProblems = (c: MediationCase): string[] => {
  const problems: string[] = [];
  const closedLike = c.status === 'closed' || c.status === 'reviewed' || (c.status === 'withdrawn' && c.withdrawal?.from === 'closed');
  if (closedLike && (!c.closure || !CASE_RESULTS.includes(c.closure.result))) problems.push('已结案的案件没有调解结果');
  if (!closedLike && c.closure) problems.push('未结案的案件有结案信息');
  if (c.closure?.result === 'agreement' && !c.closure.agreement) problems.push('调解成功但没有协议');
  if (c.status === 'reviewed' && !c.review) problems.push('已审核但没有审核记录');
  if (c.enteredOnlineAt && !c.closure) problems.push('未结案却已网上录入');
  if (c.confirmation && c.closure?.result !== 'agreement') problems.push('未达成协议却有司法确认');
  return problems;
};

// ---- Facts -----------------------------------------------------------------------------------------

const ref = (type: string, id: string): FactRef => ({ context: 'mediation', type, id });

/** B3/B4: a closed case; quantity 1 when an agreement was reached. Counts in the month of its closing date. */
export const caseClosedFact = (c: MediationCase): ScorableFact =>
  makeFact({
    kind: 'mediation.case.closed',
    officeId: c.officeId,
    occurredAt: c.closure!.closedAt,
    month: c.closure!.closedOn.slice(0, 7),
    quantity: c.closure!.result === 'agreement' ? 1 : 0,
    ref: ref('case', c.id),
  });

/** B3: the closed case entered on the national platform, due by the 3rd after its closing month. */
export const caseEnteredOnlineFact = (c: MediationCase): ScorableFact => {
  const month = c.closure!.closedOn.slice(0, 7);
  return makeFact({
    kind: 'mediation.case.entered-online',
    officeId: c.officeId,
    occurredAt: c.enteredOnlineAt!,
    dueAt: onlineEntryDueAt(month).toISOString(),
    month,
    ref: ref('case', c.id),
  });
};

/** The facts a case holds now (what a withdrawal retracts). */
export const caseFacts = (c: MediationCase): ScorableFact[] => [
  ...(c.closure ? [caseClosedFact(c)] : []),
  ...(c.closure && c.enteredOnlineAt ? [caseEnteredOnlineFact(c)] : []),
];

/** B1/B2 and the zero report: a screening's facts, each due at its period's end. */
export const screeningFacts = (s: Screening): ScorableFact[] => {
  const common = { officeId: s.officeId, occurredAt: s.submittedAt, dueAt: s.dueAt, month: s.month, ref: ref('screening', s.id) };
  const kind: FactKind = s.kind === 'quarterly' ? 'mediation.screening.quarterly' : 'mediation.screening.submitted';
  return [
    makeFact({ ...common, kind, quantity: s.disputeIds.length }),
    ...(s.zeroReport ? [makeFact({ ...common, kind: 'mediation.screening.zero-report' })] : []),
  ];
};

/** B5: a major dispute registered (due for its report 4 hours later), and once reported, the report with its delay in minutes. */
export const disputeFacts = (d: Dispute): ScorableFact[] => {
  if (!d.major || !d.reportDueAt) return [];
  const common = { officeId: d.officeId, dueAt: d.reportDueAt, month: d.month, ref: ref('dispute', d.id) };
  const delay = d.reportedAt ? Math.max(0, Math.ceil((Date.parse(d.reportedAt) - Date.parse(d.reportDueAt)) / 60_000)) : 0;
  return [
    makeFact({ ...common, kind: 'mediation.dispute.major-registered', occurredAt: d.registeredAt }),
    ...(d.reportedAt ? [makeFact({ ...common, kind: 'mediation.dispute.major-reported', occurredAt: d.reportedAt, quantity: delay })] : []),
  ];
};

/** A1: the month's screening report, due by the 3rd of the next month. */
export const monthlyReportFacts = (r: MonthlyReport): ScorableFact[] => [
  makeFact({ kind: 'mediation.report.submitted', officeId: r.officeId, occurredAt: r.submittedAt, dueAt: r.dueAt, month: r.month, ref: ref('screening-report', r.id) }),
];

/** A5/A6: a submitted (not returned or withdrawn) typical case or news item counts in its month. */
export const submissionFacts = (s: Submission): ScorableFact[] =>
  s.status === 'submitted' || s.status === 'adopted'
    ? [
        makeFact({
          kind: s.kind === 'typical-case' ? 'mediation.typical-case.submitted' : 'mediation.news.submitted',
          officeId: s.officeId,
          occurredAt: s.submittedAt,
          month: s.month,
          ref: ref('submission', s.id),
          ...(s.adoption ? { quantity: { county: 1, city: 2, province: 3 }[s.adoption.level] } : {}),
        }),
      ]
    : [];

/** The retractions of facts a record held before and no longer holds after a change. */
export const factsDropped = (before: ScorableFact[], after: ScorableFact[], now: Date): FactRetraction[] => {
  const kept = new Set(after.map((f) => f.id));
  return before.filter((f) => !kept.has(f.id)).map((f) => retractFact(f, now));
};

// ---- Numbers ---------------------------------------------------------------------------------------

/** 卷号 as the archive writes it: （2026）人调字第0101-0012号. */
export const caseNumber = (officeId: string, year: string, seq: number) => `（${year}）人调字第${officeId}-${String(seq).padStart(4, '0')}号`;

/** Yuan with two decimals from fen, for documents: 1234567 → 12,345.67. */
export const yuanText = (fen: number) => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
};

export interface StatisticsRow {
  /** Dictionary code, or '' for the total row. */
  code: string;
  label: string;
  received: number;
  closed: number;
  agreements: number;
  written: number;
  oral: number;
  failed: number;
  terminated: number;
  /** agreements ÷ closed, in per-mille rounded half up (e.g. 955 = 95.5%); undefined without closed cases. */
  successPermille?: number;
  amountFen: number;
}

export interface MonthlyStatistics {
  month: string;
  byType: StatisticsRow[];
  bySource: StatisticsRow[];
  total: StatisticsRow;
}

const emptyRow = (code: string, label: string): StatisticsRow => ({ code, label, received: 0, closed: 0, agreements: 0, written: 0, oral: 0, failed: 0, terminated: 0, amountFen: 0 });

/** Success rate in per-mille, half up, from whole numbers only (no float drift). */
export const successPermille = (agreements: number, closed: number): number | undefined =>
  closed === 0 ? undefined : Math.floor((agreements * 2000 + closed) / (2 * closed));

/**
 * The month's statistics from the case records: received (intake date in the month), closed (closing
 * date in the month), by result and agreement form, success rate and agreed amounts — by dispute type
 * and by source, in dictionary order (entries no case uses still listed), with the total. Withdrawn
 * cases count nowhere.
 */
export const monthlyStatistics = (
  cases: readonly MediationCase[],
  month: string,
  types: readonly { code: string; label: string }[],
  sources: readonly { code: string; label: string }[],
): MonthlyStatistics => {
  const total = emptyRow('', '合计');
  const rowsOf = (dict: readonly { code: string; label: string }[]) => new Map(dict.map((e) => [e.code, emptyRow(e.code, e.label)]));
  const byType = rowsOf(types);
  const bySource = rowsOf(sources);
  const rowIn = (rows: Map<string, StatisticsRow>, code: string) => {
    if (!rows.has(code)) rows.set(code, emptyRow(code, code));
    return rows.get(code)!;
  };
  for (const c of cases) {
    if (c.status === 'withdrawn') continue;
    const rows = [total, rowIn(byType, c.disputeType), rowIn(bySource, c.source)];
    if (c.receivedOn.startsWith(month)) rows.forEach((r) => r.received++);
    if (c.closure && c.closure.closedOn.startsWith(month)) {
      for (const r of rows) {
        r.closed++;
        if (c.closure.result === 'agreement') {
          r.agreements++;
          r[c.closure.agreement!.form]++;
          r.amountFen += c.closure.agreement!.amountFen;
        } else r[c.closure.result]++;
      }
    }
  }
  const finish = (r: StatisticsRow) => {
    const rate = successPermille(r.agreements, r.closed);
    return rate === undefined ? r : { ...r, successPermille: rate };
  };
  return { month, byType: [...byType.values()].map(finish), bySource: [...bySource.values()].map(finish), total: finish(total) };
};

/** 95.5% from per-mille; '—' when there is no rate. */
export const permilleText = (p: number | undefined) => (p === undefined ? '—' : `${Math.floor(p / 10)}.${p % 10}%`);
