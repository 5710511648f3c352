// Scorable facts: the contract between every producing context and the assessment (docs/domain.md,
// "How facts are scored"). A producer writes each fact in the same transaction as the record that
// earns it; the assessment derives every score from facts, never from counters.
import * as z from 'zod';
import { officeId } from './org';
import { shanghaiMonth } from './time';

/** Every kind of fact a rubric item may count (docs/domain.md §五, the default monthly rubric). */
export const FACT_KINDS = [
  'mediation.screening.submitted', // B1 half-monthly screening (a zero report counts)
  'mediation.screening.zero-report', // B1 a half-month or quarter with nothing found (零报告)
  'mediation.screening.quarterly', // B2 quarterly concentrated screening
  'mediation.report.submitted', // A1 the month's screening report
  'mediation.case.closed', // B3/B4 a closed case (quantity 1 = success, 0 = failed)
  'mediation.case.entered-online', // B3 closed case entered on the national platform
  'mediation.dispute.major-registered', // B5 a major dispute found (due for its report 4 hours later)
  'mediation.dispute.major-reported', // B5 a major dispute reported to the bureau (quantity: minutes late)
  'mediation.typical-case.submitted', // A6
  'mediation.news.submitted', // A5 one-sentence news
  'registers.platform-data.confirmed', // A2
  'registers.feedback.submitted', // A3
  'registers.information.submitted', // A4 information items
  'registers.report.submitted', // plans, summaries, research articles, experience materials (with their due date)
  'registers.publicity.held', // D2
  'registers.petition.received', // D3 a petition due for its written reply (the rate's denominator)
  'registers.petition.answered', // D3
  'registers.legal-aid.received', // D1 a legal-aid case due for online entry (the rate's denominator)
  'registers.legal-aid.entered-online', // D1
  'registers.study.held', // E1
  'registers.absence.unexcused', // E2
  'registers.task.completed', // an assigned task reported done (dueAt: its deadline)
  'registers.task.overdue', // an assigned task past its deadline and not done
  'supervision.incident.recorded', // C1 absconding or missed supervision
  'supervision.check-in.required', // C2 a check-in the supervision level requires (the rate's denominator; C1 applies with it)
  'supervision.check-in.done', // C2
  'supervision.release.received', // C3 a released person to hand over within 7 days (the rate's denominator)
  'supervision.release.handed-over', // C3
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** Each fact's kind in words (the drill-down's list of records). */
export const FACT_KIND_LABELS: Record<FactKind, string> = {
  'mediation.screening.submitted': '半月排查',
  'mediation.screening.zero-report': '排查零报告',
  'mediation.screening.quarterly': '季度集中排查',
  'mediation.report.submitted': '月度排查报告',
  'mediation.case.closed': '调解结案',
  'mediation.case.entered-online': '结案录入全国平台',
  'mediation.dispute.major-registered': '重大纠纷登记',
  'mediation.dispute.major-reported': '重大纠纷上报',
  'mediation.typical-case.submitted': '典型案例报送',
  'mediation.news.submitted': '一句话新闻报送',
  'registers.platform-data.confirmed': '平台数据录入确认',
  'registers.feedback.submitted': '月度工作反馈',
  'registers.information.submitted': '信息报送',
  'registers.report.submitted': '计划总结报送',
  'registers.publicity.held': '法治宣传活动',
  'registers.petition.received': '来信来访登记',
  'registers.petition.answered': '来信来访答复',
  'registers.legal-aid.received': '法律援助案件受理',
  'registers.legal-aid.entered-online': '法律援助网上录入',
  'registers.study.held': '集中学习',
  'registers.absence.unexcused': '无假缺勤',
  'registers.task.completed': '交办任务完成',
  'registers.task.overdue': '交办任务逾期',
  'supervision.incident.recorded': '脱管漏管',
  'supervision.check-in.required': '应报到',
  'supervision.check-in.done': '已报到',
  'supervision.release.received': '刑满释放人员接收',
  'supervision.release.handed-over': '刑满释放人员衔接',
};


const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const instant = z.iso.datetime({ offset: true, error: '应为 ISO 时间' });
const factId = z.string().min(1).max(200, { error: '事实编号过长' });

/** The record behind a fact, so a score line can link back to it. */
export const factRef = z.strictObject({
  context: z.string().regex(/^[a-z]+$/, { error: '上下文名称无效' }),
  type: z.string().min(1).max(40),
  id: z.string().min(1).max(120),
});
export type FactRef = z.infer<typeof factRef>;

export const scorableFact = z.strictObject({
  /** Stable: derived from the source record, so a redelivery or a re-emission carries the same id. */
  id: factId,
  kind: z.enum(FACT_KINDS, { error: '未声明的事实类型' }),
  officeId,
  /** The Asia/Shanghai month the fact counts in. */
  month: z.string().regex(MONTH, { error: '月份格式应为 YYYY-MM' }),
  occurredAt: instant,
  dueAt: instant.optional(),
  quantity: z.number().finite().optional(),
  ref: factRef,
});
export type ScorableFact = z.infer<typeof scorableFact>;

/** Withdraws a fact: the record behind it was withdrawn or corrected away. */
export const factRetraction = z.strictObject({
  id: factId,
  officeId,
  month: z.string().regex(MONTH, { error: '月份格式应为 YYYY-MM' }),
  retractedAt: instant,
});
export type FactRetraction = z.infer<typeof factRetraction>;

/** The stable id of the fact of `kind` that `ref` earns (one per kind and record). */
export const factIdOf = (kind: FactKind, ref: FactRef) => `${kind}#${ref.context}.${ref.type}#${ref.id}`;

/** Builds a fact from what the record knows; the month follows from when it occurred (Shanghai). */
export const makeFact = (f: Omit<ScorableFact, 'id' | 'month'> & { month?: string }): ScorableFact =>
  scorableFact.parse({ ...f, id: factIdOf(f.kind, f.ref), month: f.month ?? shanghaiMonth(new Date(f.occurredAt)) });

export const retractFact = (fact: Pick<ScorableFact, 'id' | 'officeId' | 'month'>, at: Date): FactRetraction => ({
  id: fact.id, officeId: fact.officeId, month: fact.month, retractedAt: at.toISOString(),
});
