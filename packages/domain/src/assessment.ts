// The monthly assessment (docs/domain.md §5): rubrics as data (versioned by year), the runs that
// score every office from the evidence ledger, department deductions and bonuses, the notice, the
// live month and its deadline radar, and the year-end composite and performance funding. Shapes
// (zod, Chinese messages), the default rubric, who may do what, and the audit table of the context.
// The pure scoring, ranking and funding functions are in assessment-rules.ts.
import * as z from 'zod';
import { auditActions, type AuditFieldTable } from './audit';
import { FACT_KINDS, type FactKind, type FactRef, type ScorableFact } from './facts';
import { OFFICE_CLASSES, officeId, type OfficeClass } from './org';
import { type Actor } from './roles';
import { text } from './validation';

const has = (actor: Actor, ...roles: string[]) => actor.roles.some((r) => roles.includes(r));
export const assessmentMonth = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });
export const assessmentYear = z.coerce
  .number({ error: '年度应为数字' }).int({ error: '年度应为整数' }).min(2000, { error: '年度无效' }).max(2100, { error: '年度无效' });
/** Points are kept to half points (0.5) in rules, deductions and bonuses. */
const halfPoints = (label: string, min: number, max: number) =>
  z.number({ error: `${label}应为数字` }).finite({ error: `${label}应为数字` })
    .min(min, { error: `${label}不能小于${min}` }).max(max, { error: `${label}不能大于${max}` })
    .refine((n) => Number.isInteger(n * 2), { error: `${label}最小单位为0.5分` });

// ---- Rubrics: rules as data -----------------------------------------------------------------------

/** The rubric's sections; a department deducts only in the sections it owns (the leader in any). */
export const RUBRIC_SECTION_IDS = ['A', 'B', 'C', 'D', 'E'] as const;
export type RubricSectionId = (typeof RUBRIC_SECTION_IDS)[number];
/** The bonus line (X) and its cap: a month's bonus never exceeds `cap`. */
export const BONUS_ITEM = 'X';

const factKind = z.enum(FACT_KINDS, { error: '未声明的事实类型' });
/** Which facts of a kind count: `on-time` (occurredAt ≤ the fact's dueAt), `late` (after it), `any` (default). */
export const FACT_TIMINGS = ['any', 'on-time', 'late'] as const;
export type FactTiming = (typeof FACT_TIMINGS)[number];
export const factFilter = z.strictObject({
  kind: factKind,
  timing: z.enum(FACT_TIMINGS, { error: '时限条件无效' }).optional(),
  /** Only facts whose quantity is at least this (B4: an agreement reached is quantity 1). */
  minQuantity: z.number().finite().optional(),
});
export type FactFilter = z.infer<typeof factFilter>;

/** Quota targets may differ by office class (A6: 2, a central office 3). */
const byClass = z.strictObject(Object.fromEntries(OFFICE_CLASSES.map((c) => [c, z.number().positive({ error: '指标应大于0' })])) as Record<OfficeClass, z.ZodNumber>);
const target = z.union([z.number({ error: '指标应为数字' }).positive({ error: '指标应大于0' }), byClass], { error: '指标应为数字或按所别的数字' });

export const rubricRule = z.discriminatedUnion('type', [
  /**
   * A report due by `dueDay` of the month after the assessed one (end of that day, Asia/Shanghai):
   * full points; by `lateDay`: `latePoints` (迟报); later or missing: 0 (漏报). The first fact counts.
   */
  z.strictObject({ type: z.literal('deadline'), kind: factKind, dueDay: z.number().int().min(1).max(28), lateDay: z.number().int().min(1).max(28), latePoints: z.number().min(0) }),
  /** points × min(1, n ÷ target): n facts passing the filter (e.g. 2 per item, at most 4). */
  z.strictObject({ type: z.literal('quota'), count: z.array(factFilter).min(1), target }),
  /**
   * numerator ÷ denominator (facts counted by filter): proportional, or by `bands` (≥ share: points,
   * highest first). Not applicable when the denominator is 0. A numerator fact counts only when a
   * denominator fact with the same record (ref) is there.
   */
  z.strictObject({
    type: z.literal('rate'), numerator: factFilter, denominator: factFilter,
    bands: z.array(z.strictObject({ atLeast: z.number().min(0).max(1), points: z.number().min(0) })).optional(),
  }),
  /**
   * points − Σ per occurrence, floor 0. `unmatchedBy`: a fact of `kind` with no `unmatchedBy` fact of
   * the same record, counted once its dueAt has passed (B5: a major dispute never reported).
   * `applicableWith`: not applicable unless one of these kinds has a fact this month (C1: subjects).
   */
  z.strictObject({
    type: z.literal('penalty'),
    per: z.array(z.strictObject({ count: factFilter, unmatchedBy: factKind.optional(), points: z.number().positive() })).min(1),
    applicableWith: z.array(factKind).optional(),
  }),
  /** Entered by the department each month (full points unless deducted). */
  z.strictObject({ type: z.literal('manual') }),
]);
export type RubricRule = z.infer<typeof rubricRule>;

export const rubricItem = z.strictObject({
  id: z.string().regex(/^[A-E][0-9]{1,2}$/, { error: '评分项编号应为 A1–E99' }),
  section: z.enum(RUBRIC_SECTION_IDS, { error: '所属大项无效' }),
  name: text('评分项名称', 60),
  points: z.number({ error: '分值应为数字' }).positive({ error: '分值应大于0' }).max(100, { error: '分值过大' }),
  rule: rubricRule,
  /** Months it applies in (1–12); absent: every month (B2: quarter ends). */
  months: z.array(z.number().int().min(1).max(12)).min(1).optional(),
  /** Shown in the rubric view and the notice. */
  description: text('评分规则说明', 200),
});
export type RubricItem = z.infer<typeof rubricItem>;

export const rubricSection = z.strictObject({
  id: z.enum(RUBRIC_SECTION_IDS, { error: '大项编号无效' }),
  name: text('大项名称', 30),
  /** The departments (org department ids) that score this section and may deduct in it. */
  departments: z.array(z.string().min(1).max(40)).min(1, { error: '每个大项至少由一个股室负责' }),
});
export type RubricSection = z.infer<typeof rubricSection>;

/** A bonus the assessors may grant (X), or one a fact earns (its quantity is the points). */
export const bonusPreset = z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), label: text('加分事由', 60), points: halfPoints('加分', 0.5, 10) });
export type BonusPreset = z.infer<typeof bonusPreset>;
export const rubricBonus = z.strictObject({
  cap: halfPoints('加分上限', 0, 20),
  presets: z.array(bonusPreset).max(30),
  /** Facts that earn bonus points by themselves (finance's inspection results): quantity = points. */
  facts: z.array(factKind).max(10),
});

/** What an admin writes (PUT): sections, items, bonus. Validated by `rubricProblems` too. */
export const rubricInput = z.strictObject({
  /** The version being replaced (0 when the year still uses the default rubric): a stale one is a 409. */
  version: z.number().int().min(0).max(1_000_000),
  sections: z.array(rubricSection).min(1).max(RUBRIC_SECTION_IDS.length),
  items: z.array(rubricItem).min(1, { error: '至少需要一个评分项' }).max(60, { error: '评分项最多60个' }),
  bonus: rubricBonus,
  note: text('修订说明', 200),
});
export type RubricInput = z.infer<typeof rubricInput>;

export interface Rubric extends Omit<RubricInput, 'version' | 'note'> {
  year: number;
  /** 0 is the built-in default (no stored version for the year yet). */
  version: number;
  note: string;
  savedAt?: string;
  savedBy?: string;
}
export interface RubricVersions {
  current: Rubric;
  versions: Array<{ version: number; note: string; savedAt?: string; savedBy?: string }>;
}
export const rubricQuery = z.strictObject({ version: z.coerce.number().int().min(0).max(1_000_000).optional() });

/** The default rubric (docs/domain.md §5), exactly: base 100 before scaling, bonus capped at 10. */
export const DEFAULT_SECTIONS: RubricSection[] = [
  { id: 'A', name: '报表与信息报送', departments: ['grassroots'] },
  { id: 'B', name: '人民调解', departments: ['mediation'] },
  { id: 'C', name: '社区矫正与安置帮教', departments: ['corrections'] },
  { id: 'D', name: '法律援助、法治宣传与信访', departments: ['legal-aid', 'publicity', 'grassroots'] },
  { id: 'E', name: '学习与考勤', departments: ['grassroots', 'office'] },
];
const on = (kind: FactKind, timing?: FactTiming, minQuantity?: number): FactFilter =>
  ({ kind, ...(timing ? { timing } : {}), ...(minQuantity !== undefined ? { minQuantity } : {}) });
export const DEFAULT_ITEMS: RubricItem[] = [
  { id: 'A1', section: 'A', name: '月度排查报告', points: 8, description: '次月3日前报送8分，10日前4分，逾期或未报0分（迟报/漏报通报）', rule: { type: 'deadline', kind: 'mediation.report.submitted', dueDay: 3, lateDay: 10, latePoints: 4 } },
  { id: 'A2', section: 'A', name: '司法行政平台数据录入', points: 6, description: '次月3日前确认6分，10日前3分，否则0分', rule: { type: 'deadline', kind: 'registers.platform-data.confirmed', dueDay: 3, lateDay: 10, latePoints: 3 } },
  { id: 'A3', section: 'A', name: '月度工作反馈', points: 4, description: '次月5日前报送4分，10日前2分，否则0分', rule: { type: 'deadline', kind: 'registers.feedback.submitted', dueDay: 5, lateDay: 10, latePoints: 2 } },
  { id: 'A4', section: 'A', name: '信息报送', points: 4, description: '每条2分，最高4分', rule: { type: 'quota', count: [on('registers.information.submitted')], target: 2 } },
  { id: 'A5', section: 'A', name: '一句话新闻', points: 4, description: '每条2分，最高4分', rule: { type: 'quota', count: [on('mediation.news.submitted')], target: 2 } },
  { id: 'A6', section: 'A', name: '典型案例', points: 4, description: '4 × min(1, 篇数 ÷ 指标)，指标2篇，片区中心所3篇', rule: { type: 'quota', count: [on('mediation.typical-case.submitted')], target: { central: 3, regular: 2 } } },
  { id: 'B1', section: 'B', name: '半月排查（含零报告）', points: 6, description: '每半月按时完成3分', rule: { type: 'quota', count: [on('mediation.screening.submitted', 'on-time')], target: 2 } },
  { id: 'B2', section: 'B', name: '季度集中排查', points: 3, months: [3, 6, 9, 12], description: '季末月按时完成3分', rule: { type: 'quota', count: [on('mediation.screening.quarterly', 'on-time')], target: 1 } },
  { id: 'B3', section: 'B', name: '结案案件次月3日前录入全国平台', points: 6, description: '6 × 按时录入比例（无结案不计）', rule: { type: 'rate', numerator: on('mediation.case.entered-online', 'on-time'), denominator: on('mediation.case.closed') } },
  { id: 'B4', section: 'B', name: '调解成功率', points: 4, description: '≥95% 4分，≥85% 2分，否则0分（无结案不计）', rule: { type: 'rate', numerator: on('mediation.case.closed', 'any', 1), denominator: on('mediation.case.closed'), bands: [{ atLeast: 0.95, points: 4 }, { atLeast: 0.85, points: 2 }] } },
  { id: 'B5', section: 'B', name: '重大纠纷4小时内报告', points: 6, description: '每迟报一起扣2分，每漏报一起扣3分，扣完为止', rule: { type: 'penalty', per: [{ count: on('mediation.dispute.major-reported', 'late'), points: 2 }, { count: on('mediation.dispute.major-registered'), unmatchedBy: 'mediation.dispute.major-reported', points: 3 }] } },
  { id: 'C1', section: 'C', name: '无脱管漏管', points: 8, description: '每发生一起扣4分，扣完为止（无在册对象不计）', rule: { type: 'penalty', per: [{ count: on('supervision.incident.recorded'), points: 4 }], applicableWith: ['supervision.check-in.required'] } },
  { id: 'C2', section: 'C', name: '按管理等级报到', points: 6, description: '6 × 应报到完成比例', rule: { type: 'rate', numerator: on('supervision.check-in.done'), denominator: on('supervision.check-in.required') } },
  { id: 'C3', section: 'C', name: '刑满释放人员7日内衔接', points: 6, description: '6 × 按时衔接比例（无释放人员不计）', rule: { type: 'rate', numerator: on('supervision.release.handed-over', 'on-time'), denominator: on('supervision.release.received') } },
  { id: 'D1', section: 'D', name: '法律援助案件次月3日前网上录入', points: 5, description: '5 × 按时录入比例（无案件不计）', rule: { type: 'rate', numerator: on('registers.legal-aid.entered-online', 'on-time'), denominator: on('registers.legal-aid.received') } },
  { id: 'D2', section: 'D', name: '法治宣传活动', points: 5, description: '开展1次以上5分', rule: { type: 'quota', count: [on('registers.publicity.held')], target: 1 } },
  { id: 'D3', section: 'D', name: '来信来访15日内答复', points: 5, description: '5 × 按时答复比例（无来信来访不计）', rule: { type: 'rate', numerator: on('registers.petition.answered', 'on-time'), denominator: on('registers.petition.received') } },
  { id: 'E1', section: 'E', name: '每周集中学习', points: 6, description: '6 × min(1, 次数 ÷ 4)', rule: { type: 'quota', count: [on('registers.study.held')], target: 4 } },
  { id: 'E2', section: 'E', name: '考勤', points: 4, description: '每次无假缺勤扣2分，扣完为止', rule: { type: 'penalty', per: [{ count: on('registers.absence.unexcused'), points: 2 }] } },
];
export const DEFAULT_BONUS: z.infer<typeof rubricBonus> = {
  cap: 10,
  presets: [
    { id: 'innovation-city', label: '创新做法被市级采纳', points: 3 },
    { id: 'innovation-province', label: '创新做法被省级采纳', points: 5 },
    { id: 'reception-1', label: '迎检接待效果（一般）', points: 1 },
    { id: 'reception-2', label: '迎检接待效果（良好）', points: 2 },
    { id: 'reception-3', label: '迎检接待效果（优秀）', points: 3 },
    { id: 'information-county', label: '信息被县级采用', points: 0.5 },
    { id: 'information-city', label: '信息被市级采用', points: 1 },
    { id: 'information-province', label: '信息被省级采用', points: 2 },
  ],
  facts: [],
};
export const defaultRubric = (year: number): Rubric => ({
  year, version: 0, sections: DEFAULT_SECTIONS, items: DEFAULT_ITEMS, bonus: DEFAULT_BONUS, note: '默认评分细则（DOMAIN §5）',
});

// ---- Evidence, runs and scores --------------------------------------------------------------------

/** A line's state in the notice and the radar: deadlines on time, late (迟报) or missing (漏报); `pending`: not due yet (the live month). */
export const LINE_STATES = ['full', 'partial', 'late', 'missing', 'pending', 'not-applicable'] as const;
export type LineState = (typeof LINE_STATES)[number];
export const LINE_STATE_LABELS: Record<LineState, string> = {
  full: '满分', partial: '部分得分', late: '迟报', missing: '漏报', pending: '未到期', 'not-applicable': '不适用',
};

export interface ScoreLine {
  item: string;
  name: string;
  section: RubricSectionId;
  /** The item's rule type (which lines the heat map counts); absent on lines stored before it was kept. */
  rule?: RubricRule['type'];
  /** Points earned, before the base is scaled back to 100 (deductions are separate lines). */
  points: number;
  max: number;
  applicable: boolean;
  state: LineState;
  /** The facts the points came from (or whose lateness cost them): the drill-down's links. */
  factIds: string[];
  /** One line of why, in Chinese: "次月3日前报送（7日报送，迟报）". */
  note: string;
}

/** A department's deduction (points > 0 taken from an item's section) or an assessor's bonus (item X). */
export const adjustmentInput = z.strictObject({
  month: assessmentMonth,
  officeId,
  item: z.string().regex(/^([A-E][0-9]{1,2}|X)$/, { error: '评分项编号无效' }),
  points: halfPoints('分值', 0.5, 20),
  reason: text('扣分（加分）事由', 200),
  evidence: text('依据', 200),
  /** For a bonus: the preset it grants (its points must match). */
  preset: z.string().max(40).optional(),
});
export type AdjustmentInput = z.infer<typeof adjustmentInput>;
export const adjustmentQuery = z.strictObject({ month: assessmentMonth, officeId: officeId.optional() });
export const withdrawAdjustmentInput = z.strictObject({ reason: text('撤销原因', 200) });

/** An adjustment's id, `<month>-<officeId>-<ULID>`: the withdraw route finds its item by the id alone. */
export const adjustmentIdOf = (month: string, officeId: string, ulid: string) => `${month}-${officeId}-${ulid}`;

export interface Adjustment extends Omit<AdjustmentInput, 'preset'> {
  id: string;
  kind: 'deduction' | 'bonus';
  section?: RubricSectionId;
  preset?: string;
  status: 'active' | 'withdrawn';
  by: string;
  byName: string;
  departmentId?: string;
  at: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawReason?: string;
}

export interface OfficeScore {
  runId: string;
  month: string;
  officeId: string;
  officeName: string;
  areaId: string;
  officeClass: OfficeClass;
  /** Scaled to 100 over the applicable items, minus deductions (a section never below 0), plus the bonus. */
  total: number;
  /** 1 = best; equal totals share a rank (1, 2, 2, 4). Absent until the run is finalised (and for live scores). */
  rank?: number;
  /** Σ max of the applicable items (the base scaled back to 100). */
  base: number;
  earned: number;
  bonus: number;
  sections: Array<{ id: RubricSectionId; name: string; earned: number; deducted: number; max: number }>;
  lines: ScoreLine[];
  adjustments: Adjustment[];
  /** Late (迟报) and missing (漏报) deadline items, by name, for the notice. */
  flags: Array<{ item: string; name: string; state: 'late' | 'missing' }>;
}

export const RUN_STATUSES = ['running', 'scored', 'approved', 'superseded'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_STATUS_LABELS: Record<RunStatus, string> = { running: '评分中', scored: '待审批', approved: '已发布', superseded: '已被更正' };

export interface AssessmentRun {
  /** `<month>-v<n>`: the month's n-th run (a re-run or a correction is a new version). */
  runId: string;
  month: string;
  version: number;
  status: RunStatus;
  done: number;
  total: number;
  rubricYear: number;
  rubricVersion: number;
  /** Facts recorded up to this instant count (the 10th of the next month, end of day, Shanghai). */
  asOf: string;
  startedAt: string;
  startedBy: string;
  /** `schedule` when the 11th's 02:00 schedule started it. */
  trigger: 'schedule' | 'manual';
  scoredAt?: string;
  approvedAt?: string;
  approvedBy?: string;
  approvedByName?: string;
  /** The later run that corrected this approved one. */
  supersededBy?: string;
  /** The notice's summary, written by the last scorer. */
  summary?: { average: number; highest: number; lowest: number; late: number; missing: number };
}

export const startRunInput = z.strictObject({ month: assessmentMonth });
export const approveRunInput = z.strictObject({ comment: text('审批意见', 200).optional() });
export const runsQuery = z.strictObject({ year: assessmentYear.optional() });
export const scoresQuery = z.strictObject({
  month: assessmentMonth,
  /** A given run (an older version); default: the month's approved run, or for assessors its latest. */
  runId: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-v\d{1,4}$/, { error: '评分批次编号无效' }).optional(),
  officeId: officeId.optional(),
});
export interface MonthScores {
  month: string;
  run?: AssessmentRun;
  items: OfficeScore[];
}

/** The message of the scoring queue: one per office of a run. */
export interface ScoreOfficeMessage {
  runId: string;
  officeId: string;
}

// ---- Live month and radar -----------------------------------------------------------------------

export const RADAR_STATES = ['done', 'late', 'due', 'overdue', 'missing'] as const;
export type RadarState = (typeof RADAR_STATES)[number];
export const RADAR_STATE_LABELS: Record<RadarState, string> = { done: '按时完成', late: '逾期完成', due: '待办', overdue: '已逾期', missing: '未完成' };
export interface RadarItem {
  item: string;
  name: string;
  /** The assessed month the item belongs to. */
  month: string;
  /** ISO instants; shown in Asia/Shanghai. */
  dueAt: string;
  lateUntil?: string;
  state: RadarState;
  factIds: string[];
  note: string;
}
export const liveQuery = z.strictObject({ officeId: officeId.optional() });
export interface LiveMonth {
  officeId: string;
  officeName: string;
  month: string;
  asOf: string;
  /** The same function as the monthly run, on this month's facts so far (no rank). */
  provisional: OfficeScore;
  radar: RadarItem[];
}
export const radarQuery = z.strictObject({ year: assessmentYear, areaId: z.string().max(40).optional() });
export interface RadarCell {
  officeId: string;
  month: string;
  score?: number;
  rank?: number;
  onTime: number;
  late: number;
  missing: number;
  /** The current month: a live, provisional score. */
  provisional: boolean;
}
export interface CountyRadar {
  year: number;
  months: string[];
  offices: Array<{ id: string; name: string; areaId: string; officeClass: OfficeClass }>;
  cells: RadarCell[];
}

/** Alerts the leader's home raises from facts, each with its record. */
export const ALERT_KINDS = ['mediation.dispute.major-registered', 'supervision.incident.recorded', 'registers.task.overdue'] as const satisfies readonly FactKind[];
export interface Alert {
  factId: string;
  kind: (typeof ALERT_KINDS)[number];
  officeId: string;
  officeName: string;
  occurredAt: string;
  title: string;
  ref: FactRef;
}
export interface Drilldown {
  line: ScoreLine;
  facts: Array<ScorableFact & { retracted?: boolean }>;
}
export const drilldownQuery = z.strictObject({ month: assessmentMonth, officeId, item: z.string().regex(/^[A-E][0-9]{1,2}$/, { error: '评分项编号无效' }), runId: scoresQuery.shape.runId });

// ---- Year end -------------------------------------------------------------------------------------

export const FUNDING_MODES = ['pool', 'unit'] as const;
export type FundingMode = (typeof FUNDING_MODES)[number];
const fen = (label: string) => z.number({ error: `${label}应为数字` }).int({ error: `${label}以分为单位，应为整数` }).min(0, { error: `${label}不能为负` }).max(100_000_000_000, { error: `${label}过大` });
export const fundingInput = z.strictObject({
  year: assessmentYear,
  mode: z.enum(FUNDING_MODES, { error: '分配方式应为 pool 或 unit' }),
  poolFen: fen('经费总额').optional(),
  unitFen: z.strictObject({ central: fen('中心所每分单价'), regular: fen('一般所每分单价') }).optional(),
  threshold: z.number({ error: '门槛分应为数字' }).min(0).max(110).default(60),
  /** Top N are "excellent" (优秀). */
  excellent: z.number().int().min(0).max(100).default(6),
  annual: z.record(officeId, z.strictObject({ onSite: z.number().min(0).max(100), bonus: z.number().min(0).max(20).default(0) }), { error: '年度考核分格式无效' }),
  note: text('说明', 200).optional(),
}).superRefine((f, ctx) => {
  if (f.mode === 'pool' && f.poolFen === undefined) ctx.addIssue({ code: 'custom', path: ['poolFen'], message: '按总额分配须填写经费总额' });
  if (f.mode === 'unit' && !f.unitFen) ctx.addIssue({ code: 'custom', path: ['unitFen'], message: '按分值单价分配须填写每分单价' });
});
export type FundingInput = z.input<typeof fundingInput>;
export interface CompositeInputs {
  /** Approved monthly totals by month (YYYY-MM). */
  monthly: Record<string, number>;
  onSite: number;
  bonus: number;
}
export interface FundingItem {
  officeId: string;
  officeName: string;
  officeClass: OfficeClass;
  firstHalf: number;
  secondHalf: number;
  onSite: number;
  bonus: number;
  composite: number;
  rank: number;
  /** At or above the threshold: funded. */
  eligible: boolean;
  excellent: boolean;
  /** The last place loses award eligibility (评先评优). */
  awardEligible: boolean;
  amountFen: number;
}
export interface FundingAllocation {
  id: string;
  year: number;
  mode: FundingMode;
  poolFen?: number;
  unitFen?: { central: number; regular: number };
  threshold: number;
  excellent: number;
  status: 'draft' | 'approved' | 'superseded';
  items: FundingItem[];
  totalFen: number;
  /** Months with an approved run (the averages use these). */
  months: string[];
  createdAt: string;
  createdBy: string;
  approvedAt?: string;
  approvedBy?: string;
  note?: string;
}
/** An allocation's id, `<year>-<ULID>`: its year (the item's partition) is known from the id alone. */
export const fundingIdOf = (year: number, ulid: string) => `${year}-${ulid}`;
export const fundingQuery = z.strictObject({ year: assessmentYear });
export const approveFundingInput = approveRunInput;

// ---- Who may do what ------------------------------------------------------------------------------

/** Starts, re-runs and corrects runs; reads every office's draft scores: departments and the leader. */
export const canAssess = (actor: Actor) => has(actor, 'department', 'bureau_leader');
/** Approves (publishes) a run or a funding allocation: the bureau leader only. */
export const canApproveAssessment = (actor: Actor) => has(actor, 'bureau_leader');
/** Edits rubrics: the county admin. */
export const canEditRubric = (actor: Actor) => has(actor, 'county_admin');
/** Drafts the year-end funding: departments (办公室/财务 in practice) and the leader. */
export const canDraftFunding = canAssess;
/** Sections a department may deduct in (the leader: all; others: none). */
export const deductibleSections = (actor: Actor, sections: readonly RubricSection[]): RubricSectionId[] =>
  has(actor, 'bureau_leader')
    ? sections.map((s) => s.id)
    : has(actor, 'department') && actor.departmentId
      ? sections.filter((s) => s.departments.includes(actor.departmentId!)).map((s) => s.id)
      : [];
/** Who sees scores before approval (drafts): the assessors, the admin and the auditor-free bureau roles. */
export const canSeeDraftScores = (actor: Actor) => has(actor, 'department', 'bureau_leader', 'county_admin');

// ---- Audit ----------------------------------------------------------------------------------------

export const ASSESSMENT_AUDIT = auditActions('assessment', {
  'rubric.save': { targetType: 'rubric', label: '修订评分细则' },
  'run.start': { targetType: 'run', label: '启动月度评分' },
  'run.approve': { targetType: 'run', label: '审批发布月度评分' },
  'adjustment.add': { targetType: 'adjustment', label: '录入扣分/加分' },
  'adjustment.withdraw': { targetType: 'adjustment', label: '撤销扣分/加分' },
  'funding.draft': { targetType: 'funding', label: '生成绩效经费分配草案' },
  'funding.approve': { targetType: 'funding', label: '审批绩效经费分配' },
  'notice.export': { targetType: 'run', label: '导出月度考核通报' },
  'funding.export': { targetType: 'funding', label: '导出绩效经费分配表' },
  'demo.seed': { targetType: 'assessment-demo', label: '写入考核演示数据' },
});
export const ASSESSMENT_FIELD_LABELS: AuditFieldTable = {
  rubric: { year: { label: '年度' }, note: { label: '修订说明' } },
  run: { month: { label: '月份' }, status: { label: '状态', values: RUN_STATUS_LABELS }, rubricVersion: { label: '评分细则版本' } },
  adjustment: { month: { label: '月份' }, officeId: { label: '司法所' }, item: { label: '评分项' }, points: { label: '分值' }, reason: { label: '事由' }, evidence: { label: '依据' } },
  funding: { year: { label: '年度' }, mode: { label: '分配方式' }, status: { label: '状态' }, totalFen: { label: '总额（分）' } },
};
export const ASSESSMENT_TARGET_LABELS: Record<string, string> = {
  rubric: '评分细则', run: '月度评分', adjustment: '扣分/加分', funding: '绩效经费', 'assessment-demo': '考核演示数据',
};
