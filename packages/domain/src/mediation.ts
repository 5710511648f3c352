// People's mediation (人民调解, docs/domain.md §三): dispute screenings and the disputes they find,
// mediation cases, typical cases and one-sentence news, committees and their mediators. The shapes
// the API takes (zod, Chinese messages) and returns, the audit table, and who may do what. The case
// lifecycle, deadlines, facts and statistics are in mediation-rules.ts.
import * as z from 'zod';
import { auditActions, type AuditFieldTable } from './audit';
import { EDUCATION_LEVELS, officeId } from './org';
import { canReadOffice, type Actor, type OfficeRef } from './roles';
import { dateString, idNumber, multilineText, optionalMultilineText, optionalText, pageQuery, phone, text, version } from './validation';

// ---- Vocabulary ------------------------------------------------------------------------------------

export const RISK_LEVELS = ['red', 'orange', 'yellow'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
/** 临海's three levels: red reported at once, orange handled the same day, yellow resolved on the spot. */
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { red: '红色', orange: '橙色', yellow: '黄色' };

export const DISPUTE_RESULTS = ['pending', 'resolved', 'case-opened', 'escalated', 'unresolved'] as const;
export type DisputeResult = (typeof DISPUTE_RESULTS)[number];
export const DISPUTE_RESULT_LABELS: Record<DisputeResult, string> = {
  pending: '化解中',
  resolved: '已化解',
  'case-opened': '已转调解案件',
  escalated: '已上报移交',
  unresolved: '未化解',
};

export const SCREENING_KINDS = ['half-month', 'quarterly'] as const;
export type ScreeningKind = (typeof SCREENING_KINDS)[number];
export const SCREENING_KIND_LABELS: Record<ScreeningKind, string> = { 'half-month': '半月排查', quarterly: '季度集中排查' };

export const CASE_STATUSES = ['registered', 'mediating', 'closed', 'reviewed', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  registered: '已受理',
  mediating: '调解中',
  closed: '已结案',
  reviewed: '已审核',
  withdrawn: '已撤销',
};

export const CASE_RESULTS = ['agreement', 'failed', 'terminated'] as const;
export type CaseResult = (typeof CASE_RESULTS)[number];
export const CASE_RESULT_LABELS: Record<CaseResult, string> = { agreement: '调解成功（达成协议）', failed: '调解不成', terminated: '终止调解' };

export const AGREEMENT_FORMS = ['written', 'oral'] as const;
export type AgreementForm = (typeof AGREEMENT_FORMS)[number];
export const AGREEMENT_FORM_LABELS: Record<AgreementForm, string> = { written: '书面协议', oral: '口头协议' };

export const PARTY_ROLES = ['applicant', 'respondent'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const PARTY_ROLE_LABELS: Record<PartyRole, string> = { applicant: '申请人', respondent: '被申请人' };

export const PERFORMANCE_STATES = ['performed', 'partly', 'unperformed'] as const;
export const PERFORMANCE_LABELS: Record<(typeof PERFORMANCE_STATES)[number], string> = { performed: '已履行', partly: '部分履行', unperformed: '未履行' };
export const SATISFACTION_LEVELS = ['satisfied', 'basically', 'unsatisfied'] as const;
export const SATISFACTION_LABELS: Record<(typeof SATISFACTION_LEVELS)[number], string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };
export const CONFIRMATION_RESULTS = ['pending', 'confirmed', 'rejected'] as const;
export const CONFIRMATION_LABELS: Record<(typeof CONFIRMATION_RESULTS)[number], string> = { pending: '已申请，待裁定', confirmed: '已确认有效', rejected: '不予确认' };

export const SUBMISSION_KINDS = ['typical-case', 'news'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export const SUBMISSION_KIND_LABELS: Record<SubmissionKind, string> = { 'typical-case': '典型案例', news: '一句话新闻' };
export const SUBMISSION_STATUSES = ['submitted', 'returned', 'adopted', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = { submitted: '已报送', returned: '已退回', adopted: '已采用', withdrawn: '已撤回' };
export const ADOPTION_LEVELS = ['county', 'city', 'province'] as const;
export type AdoptionLevel = (typeof ADOPTION_LEVELS)[number];
export const ADOPTION_LEVEL_LABELS: Record<AdoptionLevel, string> = { county: '县级采用', city: '市级采用', province: '省级采用' };

export const COMMITTEE_KINDS = ['township', 'village', 'community', 'industry'] as const;
export const COMMITTEE_KIND_LABELS: Record<(typeof COMMITTEE_KINDS)[number], string> = {
  township: '乡镇调委会',
  village: '村调委会',
  community: '社区调委会',
  industry: '行业性专业性调委会',
};
/** 人民调解法 第八、九条: 3 to 9 members, a three-year term. */
export const COMMITTEE_MIN_MEMBERS = 3;
export const COMMITTEE_MAX_MEMBERS = 9;
export const COMMITTEE_TERM_YEARS = 3;

export const MEDIATOR_POSTS = ['director', 'deputy', 'member', 'mediator'] as const;
export type MediatorPost = (typeof MEDIATOR_POSTS)[number];
export const MEDIATOR_POST_LABELS: Record<MediatorPost, string> = { director: '主任', deputy: '副主任', member: '委员', mediator: '调解员' };
/** Posts that count as committee members (the 3–9); 调解员 are appointed, not members. */
export const COMMITTEE_MEMBER_POSTS: readonly MediatorPost[] = ['director', 'deputy', 'member'];
export const MEDIATOR_SEX_LABELS = { male: '男', female: '女' } as const;

/** The largest amount a form accepts: ten billion yuan, in fen. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;

// ---- Shared pieces ---------------------------------------------------------------------------------

const month = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });
export const mediationMonth = month;
const dictCode = (label: string) => z.string({ error: `请选择${label}` }).regex(/^[a-z][a-z0-9-]{0,31}$/, { error: `${label}编码无效` });
const amountFen = z
  .number({ error: '请填写协议涉及金额' })
  .int({ error: '金额应为整数（单位：分），不能有不足一分的零头' })
  .min(0, { error: '金额不能为负数' })
  .max(MAX_AMOUNT_FEN, { error: '金额超出允许范围' });
const peopleCount = z.number({ error: '请填写涉及人数' }).int({ error: '涉及人数应为整数' }).min(1, { error: '涉及人数至少为1' }).max(100_000, { error: '涉及人数过大' });

export const party = z.strictObject({
  name: text('当事人姓名', 40),
  role: z.enum(PARTY_ROLES, { error: '当事人身份应为申请人或被申请人' }),
  idNumber: idNumber.optional(),
  phone: phone.optional(),
  address: optionalText('住址', 100),
});
export type Party = z.infer<typeof party>;

// ---- Cases -----------------------------------------------------------------------------------------

export const createCaseInput = z.strictObject({
  officeId,
  receivedOn: dateString('受理日期'),
  source: dictCode('案件来源'),
  disputeType: dictCode('纠纷类型'),
  summary: multilineText('纠纷简要情况', 2000),
  parties: z
    .array(party, { error: '请填写当事人' })
    .min(2, { error: '至少要有两方当事人' })
    .max(50, { error: '当事人最多50人' })
    .refine((ps) => ps.some((p) => p.role === 'applicant') && ps.some((p) => p.role === 'respondent'), {
      error: '当事人须包括申请人和被申请人',
    }),
  mediators: z.array(text('调解员', 20)).max(10, { error: '调解员最多10人' }).optional(),
  /** The screened dispute this case came from, if any. */
  disputeId: z.string().max(40).optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseInput>;

/** `reveal=idNumber` shows the parties' full ID numbers to those who keep the record (audited). */
export const caseQuery = z.strictObject({ reveal: z.literal('idNumber', { error: 'reveal 只能为 idNumber' }).optional() });

export const caseListQuery = pageQuery.extend({
  officeId: officeId.optional(),
  status: z.enum(CASE_STATUSES, { error: '案件状态无效' }).optional(),
  disputeType: dictCode('纠纷类型').optional(),
  month: month.optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseRecordInput = z.strictObject({
  version,
  on: dateString('调解日期'),
  content: multilineText('调解情况', 4000),
  mediators: z.array(text('调解员', 20)).max(10, { error: '调解员最多10人' }).optional(),
});
export type CaseRecordInput = z.infer<typeof caseRecordInput>;

export const agreementInput = z.strictObject({
  form: z.enum(AGREEMENT_FORMS, { error: '协议形式应为书面或口头' }),
  terms: multilineText('协议内容', 4000),
  amountFen,
  performBy: dateString('履行期限'),
});
export type AgreementInput = z.infer<typeof agreementInput>;

const closedOn = dateString('结案日期');
export const closeCaseInput = z.discriminatedUnion(
  'result',
  [
    z.strictObject({ version, result: z.literal('agreement'), closedOn: closedOn.optional(), agreement: agreementInput }),
    z.strictObject({ version, result: z.literal('failed'), closedOn: closedOn.optional(), reason: multilineText('调解不成的原因', 1000) }),
    z.strictObject({ version, result: z.literal('terminated'), closedOn: closedOn.optional(), reason: multilineText('终止调解的原因', 1000) }),
  ],
  { error: '请选择调解结果' },
);
export type CloseCaseInput = z.infer<typeof closeCaseInput>;

export const followUpInput = z.strictObject({
  version,
  visitedOn: dateString('回访日期'),
  performance: z.enum(PERFORMANCE_STATES, { error: '请选择履行情况' }),
  satisfaction: z.enum(SATISFACTION_LEVELS, { error: '请选择满意程度' }),
  note: optionalMultilineText('回访情况', 1000),
});
export type FollowUpInput = z.infer<typeof followUpInput>;

export const confirmationInput = z.strictObject({
  version,
  appliedOn: dateString('申请司法确认日期'),
  court: text('受理法院', 60),
  result: z.enum(CONFIRMATION_RESULTS, { error: '请选择确认结果' }),
});
export type ConfirmationInput = z.infer<typeof confirmationInput>;

export const versionInput = z.strictObject({ version });
export const reviewInput = z.strictObject({ version, comment: optionalMultilineText('审核意见', 500) });
export const withdrawInput = z.strictObject({ version, reason: multilineText('撤销原因', 500) });
export type ReviewInput = z.infer<typeof reviewInput>;
export type WithdrawInput = z.infer<typeof withdrawInput>;

export interface StoredParty extends Party {}

export interface CaseRecord {
  on: string;
  content: string;
  mediators?: string[];
  at: string;
  by: string;
}

export interface CaseClosure {
  result: CaseResult;
  closedOn: string;
  closedAt: string;
  by: string;
  agreement?: AgreementInput;
  reason?: string;
}

export interface MediationCase {
  id: string;
  /** 卷号: （2026）人调字第0101-0012号, numbered per office and year. */
  caseNo: string;
  officeId: string;
  areaId: string;
  receivedOn: string;
  source: string;
  disputeType: string;
  summary: string;
  parties: StoredParty[];
  mediators?: string[];
  disputeId?: string;
  status: CaseStatus;
  records: CaseRecord[];
  closure?: CaseClosure;
  followUp?: Omit<FollowUpInput, 'version'> & { at: string; by: string };
  confirmation?: Omit<ConfirmationInput, 'version'> & { at: string; by: string };
  enteredOnlineAt?: string;
  review?: { at: string; by: string; comment?: string };
  withdrawal?: { at: string; by: string; reason: string; from: CaseStatus };
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

// ---- Screenings and disputes -----------------------------------------------------------------------

/**
 * A screening and its disputes are stored (and withdrawn) in one transaction of at most 100 items: the
 * screening, its period guard, its audit record and two facts, and per major dispute up to three (the
 * dispute, its unreported marker or second fact, its fact): 5 + 3 × 30 = 95.
 */
export const MAX_DISPUTES_PER_SCREENING = 30;

/** `2026-03-1` (1st–15th), `2026-03-2` (16th–end), or a quarter `2026-Q1`. */
export const SCREENING_PERIOD = /^\d{4}-((0[1-9]|1[0-2])-[12]|Q[1-4])$/;

export const disputeInput = z.strictObject({
  name: text('纠纷名称', 60),
  disputeType: dictCode('纠纷类型'),
  parties: text('当事人', 200),
  peopleCount,
  riskLevel: z.enum(RISK_LEVELS, { error: '请选择风险等级' }),
  /** 重大纠纷: may lead to group petitions or violence; reported to the bureau within 4 hours. */
  major: z.boolean({ error: '请选择是否重大纠纷' }),
  measures: multilineText('化解措施', 1000),
  responsible: text('责任人', 20),
  dueOn: dateString('化解时限'),
});
export type DisputeInput = z.infer<typeof disputeInput>;

export const createScreeningInput = z
  .strictObject({
    officeId,
    kind: z.enum(SCREENING_KINDS, { error: '请选择排查类型' }),
    period: z.string({ error: '请选择排查期次' }).regex(SCREENING_PERIOD, { error: '排查期次格式应为 YYYY-MM-1、YYYY-MM-2 或 YYYY-Qn' }),
    screenedOn: dateString('排查日期'),
    participants: text('排查人员', 100),
    summary: optionalMultilineText('排查情况', 2000),
    /** Empty: a zero report (零报告), nothing found. */
    disputes: z
      .array(disputeInput, { error: '纠纷应为列表' })
      .max(MAX_DISPUTES_PER_SCREENING, { error: `一次最多登记${MAX_DISPUTES_PER_SCREENING}件纠纷，更多的请分次报送` }),
  })
  .refine((s) => (s.kind === 'quarterly') === s.period.includes('Q'), { error: '排查期次与排查类型不符', path: ['period'] });
export type CreateScreeningInput = z.infer<typeof createScreeningInput>;

export const screeningQuery = pageQuery.extend({ month: month.optional(), officeId: officeId.optional() });
export type ScreeningQuery = z.infer<typeof screeningQuery>;
export const screeningBoardQuery = z.strictObject({ month });

export const updateDisputeInput = z.strictObject({
  version,
  measures: multilineText('化解措施', 1000),
  responsible: text('责任人', 20),
  dueOn: dateString('化解时限'),
  riskLevel: z.enum(RISK_LEVELS, { error: '请选择风险等级' }),
  result: z.enum(DISPUTE_RESULTS, { error: '请选择化解结果' }),
  resultNote: optionalMultilineText('化解情况', 1000),
  caseId: z.string().max(40).optional(),
});
export type UpdateDisputeInput = z.infer<typeof updateDisputeInput>;

export const disputeQuery = pageQuery.extend({
  officeId: officeId.optional(),
  month: month.optional(),
  /** Only major disputes not yet reported to the bureau. */
  unreported: z.enum(['true', 'false'], { error: '参数应为 true 或 false' }).optional(),
});
export type DisputeQuery = z.infer<typeof disputeQuery>;

export interface Screening {
  id: string;
  officeId: string;
  areaId: string;
  kind: ScreeningKind;
  period: string;
  /** The month it counts in: the half-month's, or the quarter's last. */
  month: string;
  screenedOn: string;
  participants: string;
  summary?: string;
  disputeIds: string[];
  zeroReport: boolean;
  dueAt: string;
  submittedAt: string;
  submittedBy: string;
  late: boolean;
  status: 'submitted' | 'withdrawn';
  withdrawal?: { at: string; by: string; reason: string };
  version: number;
}

export interface Dispute extends DisputeInput {
  id: string;
  screeningId: string;
  officeId: string;
  areaId: string;
  month: string;
  registeredAt: string;
  /** A major dispute's deadline for the report to the bureau (registration + 4 hours). */
  reportDueAt?: string;
  reportedAt?: string;
  reportedBy?: string;
  result: DisputeResult;
  resultNote?: string;
  caseId?: string;
  status: 'open' | 'withdrawn';
  version: number;
}

// ---- Monthly screening report (排查报表, rubric A1) ----------------------------------------------------

export const monthlyReportInput = z.strictObject({ officeId, month, note: optionalMultilineText('说明', 500) });
export type MonthlyReportInput = z.infer<typeof monthlyReportInput>;

export interface MonthlyReport {
  id: string;
  officeId: string;
  areaId: string;
  month: string;
  /** The month's figures when it was submitted, generated from the records. */
  figures: { screenings: number; disputes: number; majorDisputes: number; casesReceived: number; casesClosed: number };
  note?: string;
  dueAt: string;
  submittedAt: string;
  submittedBy: string;
  late: boolean;
  version: number;
}

/** One office's month on the screening board: each half-month, the quarter (quarter ends) and the report. */
export type PeriodState = 'done' | 'late' | 'due' | 'missing' | 'not-yet';
export const PERIOD_STATE_LABELS: Record<PeriodState, string> = { done: '按时完成', late: '逾期完成', due: '待完成', missing: '未完成', 'not-yet': '未到期' };
export interface ScreeningDetail {
  screening: Screening;
  disputes: Dispute[];
}
export interface ScreeningBoard {
  month: string;
  rows: ScreeningBoardRow[];
}
export interface ScreeningBoardRow {
  officeId: string;
  officeName?: string;
  firstHalf: PeriodState;
  secondHalf: PeriodState;
  quarterly?: PeriodState;
  report: PeriodState;
  disputes: number;
  unreportedMajor: number;
}

// ---- Typical cases and one-sentence news -----------------------------------------------------------

export const createSubmissionInput = z.strictObject({
  officeId,
  kind: z.enum(SUBMISSION_KINDS, { error: '请选择报送类型' }),
  title: text('标题', 80),
  content: multilineText('内容', 5000),
  caseId: z.string().max(40).optional(),
});
export type CreateSubmissionInput = z.infer<typeof createSubmissionInput>;
export const updateSubmissionInput = z.strictObject({ version, title: text('标题', 80), content: multilineText('内容', 5000), caseId: z.string().max(40).optional() });
export type UpdateSubmissionInput = z.infer<typeof updateSubmissionInput>;
export const returnSubmissionInput = z.strictObject({ version, comment: multilineText('退回意见', 500) });
export const adoptSubmissionInput = z.strictObject({ version, level: z.enum(ADOPTION_LEVELS, { error: '请选择采用级别' }) });
export const submissionQuery = pageQuery.extend({
  officeId: officeId.optional(),
  kind: z.enum(SUBMISSION_KINDS, { error: '报送类型无效' }).optional(),
  month: month.optional(),
  status: z.enum(SUBMISSION_STATUSES, { error: '状态无效' }).optional(),
});
export type SubmissionQuery = z.infer<typeof submissionQuery>;

export interface Submission {
  id: string;
  officeId: string;
  areaId: string;
  kind: SubmissionKind;
  title: string;
  content: string;
  caseId?: string;
  month: string;
  status: SubmissionStatus;
  submittedAt: string;
  submittedBy: string;
  returns: { at: string; by: string; comment: string }[];
  adoption?: { level: AdoptionLevel; at: string; by: string };
  version: number;
}

// ---- Committees and mediators ----------------------------------------------------------------------

export const committeeInput = z
  .strictObject({
    officeId,
    name: text('调委会名称', 60),
    kind: z.enum(COMMITTEE_KINDS, { error: '请选择调委会类型' }),
    termStart: dateString('本届任期开始日期'),
    phone: phone.optional(),
    address: optionalText('地址', 100),
  });
export type CommitteeInput = z.infer<typeof committeeInput>;
export const updateCommitteeInput = committeeInput.omit({ officeId: true }).extend({ version });
export type UpdateCommitteeInput = z.infer<typeof updateCommitteeInput>;

export interface Committee extends CommitteeInput {
  id: string;
  areaId: string;
  /** termStart + 3 years − 1 day. */
  termEnd: string;
  version: number;
  updatedAt: string;
}

export const trainingInput = z.strictObject({ on: dateString('培训日期'), title: text('培训内容', 60), hours: z.number({ error: '请填写学时' }).min(0.5, { error: '学时至少0.5' }).max(200, { error: '学时过大' }) });
export const mediatorInput = z.strictObject({
  officeId,
  committeeId: z.string({ error: '请选择所属调委会' }).min(1, { error: '请选择所属调委会' }).max(40),
  name: text('姓名', 20),
  sex: z.enum(['male', 'female'], { error: '请选择性别' }),
  idNumber,
  ethnicity: text('民族', 10),
  education: z.enum(EDUCATION_LEVELS, { error: '请选择学历' }),
  post: z.enum(MEDIATOR_POSTS, { error: '请选择职务' }),
  fullTime: z.boolean({ error: '请选择专职或兼职' }),
  phone,
  termStart: dateString('任期开始日期'),
  termEnd: dateString('任期结束日期'),
  trainings: z.array(trainingInput).max(100, { error: '培训记录最多100条' }).default([]),
});
export type MediatorInput = z.infer<typeof mediatorInput>;
export const updateMediatorInput = mediatorInput.omit({ officeId: true, idNumber: true }).extend({ version, idNumber: idNumber.optional() });
export type UpdateMediatorInput = z.infer<typeof updateMediatorInput>;
export const mediatorQuery = pageQuery.extend({ officeId: officeId.optional(), committeeId: z.string().max(40).optional() });
export type MediatorQuery = z.infer<typeof mediatorQuery>;
export const committeeQuery = pageQuery.extend({ officeId: officeId.optional() });
export const rosterExportQuery = z.strictObject({ officeId: officeId.optional() });
/** An Excel roster (the export's layout), base64; at most 2 MB of file. */
export const rosterImportInput = z.strictObject({
  officeId,
  fileName: text('文件名', 120),
  contentBase64: z.string({ error: '请选择文件' }).min(1, { error: '请选择文件' }).max(2_800_000, { error: '文件不能超过2MB' }),
});
export type RosterImportInput = z.infer<typeof rosterImportInput>;
/**
 * An import is one transaction (all rows or none): per mediator its record and its ID-number guard,
 * plus one audit record — at most 100 items, so 45 mediators a file.
 */
export const MAX_IMPORT_MEDIATORS = 45;

export interface Mediator extends MediatorInput {
  id: string;
  areaId: string;
  version: number;
  updatedAt: string;
}

/** One problem of an imported roster row: 1-based Excel row, the column's header, the reason. */
export interface ImportProblem {
  row: number;
  column: string;
  reason: string;
}
export interface ImportResult {
  imported: number;
  problems: ImportProblem[];
}

// ---- Statistics ------------------------------------------------------------------------------------

export const statisticsQuery = z.strictObject({ month, officeId: officeId.optional() });
export type StatisticsQuery = z.infer<typeof statisticsQuery>;
export const trendQuery = z.strictObject({ to: month, officeId: officeId.optional() });
/** Twelve months ending with `to`: received, closed and the success rate of each (the chart's line). */
export interface MediationTrend {
  months: { month: string; received: number; closed: number; agreements: number; successPermille?: number }[];
}

/** The homes' cards, within the caller's scope. */
export interface MediationSummary {
  /** Cases still open (registered or mediating). */
  openCases: number;
  /** Closed cases awaiting the director's review (for those who review). */
  awaitingReview: number;
  /** Closed cases of the last month not yet entered on the national platform. */
  notEnteredOnline: number;
  /** Agreements whose performance deadline falls in the next 7 days. */
  performanceDue: { caseId: string; caseNo: string; officeId: string; performBy: string }[];
  /** Major disputes not reported within 4 hours (flagged on the bureau's pages). */
  unreportedMajor: { disputeId: string; officeId: string; name: string; registeredAt: string; reportDueAt: string }[];
  /** This month's screenings: half-months still due or missed, for the caller's own office (or offices in scope). */
  screeningsDue: { officeId: string; period: string; dueAt: string; state: PeriodState }[];
  /** Submissions returned to the caller's office and not yet resubmitted. */
  returnedSubmissions: number;
}

// ---- Audit -----------------------------------------------------------------------------------------

export const MEDIATION_AUDIT = auditActions('mediation', {
  'case.create': { targetType: 'mediation-case', label: '受理调解案件' },
  'case.record': { targetType: 'mediation-case', label: '登记调解记录' },
  'case.close': { targetType: 'mediation-case', label: '调解结案' },
  'case.follow-up': { targetType: 'mediation-case', label: '登记回访' },
  'case.confirmation': { targetType: 'mediation-case', label: '登记司法确认' },
  'case.enter-online': { targetType: 'mediation-case', label: '标记已网上录入' },
  'case.review': { targetType: 'mediation-case', label: '审核调解案件' },
  'case.withdraw': { targetType: 'mediation-case', label: '撤销调解案件' },
  'case.reveal-id-number': { targetType: 'mediation-case', label: '查看当事人完整身份证号' },
  'case.agreement': { targetType: 'mediation-case', label: '下载调解协议书' },
  'screening.create': { targetType: 'screening', label: '报送矛盾纠纷排查' },
  'screening.withdraw': { targetType: 'screening', label: '撤回矛盾纠纷排查' },
  'dispute.update': { targetType: 'dispute', label: '更新纠纷化解情况' },
  'dispute.report': { targetType: 'dispute', label: '上报重大纠纷' },
  'report.create': { targetType: 'screening-report', label: '报送月度排查报表' },
  'submission.create': { targetType: 'submission', label: '报送典型案例或新闻' },
  'submission.update': { targetType: 'submission', label: '修改并重新报送' },
  'submission.return': { targetType: 'submission', label: '退回报送' },
  'submission.adopt': { targetType: 'submission', label: '登记采用' },
  'submission.withdraw': { targetType: 'submission', label: '撤回报送' },
  'committee.create': { targetType: 'committee', label: '新建调委会' },
  'committee.update': { targetType: 'committee', label: '修改调委会' },
  'mediator.create': { targetType: 'mediator', label: '新增人民调解员' },
  'mediator.update': { targetType: 'mediator', label: '修改人民调解员' },
  'mediator.import': { targetType: 'mediator', label: '导入调解员花名册' },
  'mediator.export': { targetType: 'mediator', label: '导出调解员花名册' },
  'statistics.export': { targetType: 'mediation-statistics', label: '导出调解统计报表' },
  'demo.seed': { targetType: 'mediation-demo', label: '写入调解演示数据' },
});

export const MEDIATION_TARGET_LABELS: Record<string, string> = {
  'mediation-case': '调解案件',
  screening: '纠纷排查',
  dispute: '矛盾纠纷',
  'screening-report': '排查报表',
  submission: '典型案例/新闻',
  committee: '调委会',
  mediator: '人民调解员',
  'mediation-statistics': '调解统计',
  'mediation-demo': '调解演示数据',
};

export const MEDIATION_FIELD_LABELS: AuditFieldTable = {
  'mediation-case': {
    caseNo: { label: '卷号' },
    officeId: { label: '司法所' },
    receivedOn: { label: '受理日期' },
    source: { label: '案件来源' },
    disputeType: { label: '纠纷类型' },
    summary: { label: '纠纷简要情况' },
    status: { label: '状态', values: CASE_STATUS_LABELS },
    parties: { label: '当事人', format: (v) => (Array.isArray(v) ? v.map((p) => (p as Party).name).join('、') : String(v)) },
  },
  screening: {
    period: { label: '排查期次' },
    kind: { label: '排查类型', values: SCREENING_KIND_LABELS },
    zeroReport: { label: '零报告', values: { true: '是', false: '否' } },
    status: { label: '状态', values: { submitted: '已报送', withdrawn: '已撤回' } },
  },
  dispute: {
    riskLevel: { label: '风险等级', values: RISK_LEVEL_LABELS },
    result: { label: '化解结果', values: DISPUTE_RESULT_LABELS },
    measures: { label: '化解措施' },
    responsible: { label: '责任人' },
    dueOn: { label: '化解时限' },
  },
  submission: {
    kind: { label: '类型', values: SUBMISSION_KIND_LABELS },
    title: { label: '标题' },
    status: { label: '状态', values: SUBMISSION_STATUS_LABELS },
  },
  committee: { name: { label: '调委会名称' }, kind: { label: '类型', values: COMMITTEE_KIND_LABELS }, termStart: { label: '任期开始' } },
  mediator: {
    name: { label: '姓名' },
    post: { label: '职务', values: MEDIATOR_POST_LABELS },
    idNumber: { label: '身份证号' },
    fullTime: { label: '专兼职', values: { true: '专职', false: '兼职' } },
  },
};

// ---- Who may do what -------------------------------------------------------------------------------

const has = (actor: Actor, role: Actor['roles'][number]) => actor.roles.includes(role);
const isMediationDepartment = (actor: Actor) => has(actor, 'department') && actor.departmentId === 'mediation';

/** The director's review of a closed case: the area director for its area's offices, or 人民调解股. */
export const canReviewMediation = (actor: Actor, office: OfficeRef): boolean =>
  isMediationDepartment(actor) || (has(actor, 'area_director') && !!actor.areaId && office.areaId === actor.areaId);

/** Returning a submission: the area director for the cluster's other offices, or 人民调解股. */
export const canReturnSubmission = (actor: Actor, office: OfficeRef): boolean =>
  isMediationDepartment(actor) || (has(actor, 'area_director') && !!actor.areaId && office.areaId === actor.areaId && office.id !== actor.officeId);

/** Recording an adoption (county/city/province): 人民调解股 or the bureau leader. */
export const canAdoptSubmission = (actor: Actor): boolean => isMediationDepartment(actor) || has(actor, 'bureau_leader');

/** Reading mediation records: the office scope, as every office-scoped record. */
export const canReadMediation = (actor: Actor, office: OfficeRef): boolean => canReadOffice(actor, office);
