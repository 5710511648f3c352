// The demo county's assessment year (the local cloud's seed, never AWS): from the facts the mediation
// and registers demo years hold, each of the last twelve months whose 11th has come is scored with the
// default rubric as the 11th's schedule scored it (plus a few department deductions and bonuses
// entered before the run), ranked and approved by the bureau leader; then one draft funding
// allocation for the last year so far. Before the 11th, last month waits for its schedule (its
// deadlines are not all past: a run now would score every office's reports as pending), so the twelve
// end with the month before it (the facts must reach back 14 months: `demoMonths`). Pure and
// deterministic: the same offices, facts and clock give the same runs, scores, adjustments and ids,
// so a resumed seed writes the very same items.
import {
  adjustmentIdOf,
  BONUS_ITEM,
  defaultRubric,
  fundingIdOf,
  type Adjustment,
  type AssessmentRun,
  type FundingAllocation,
  type FundingInput,
  type OfficeScore,
  type Rubric,
  type RubricSectionId,
} from './assessment';
import { allocateFunding, rankScores, runCutoff, runSummary, scoreOffice, scoreTotalOf, type ScoredOffice } from './assessment-rules';
import { demoUsers, type DemoUser } from './demo-county';
import type { ScorableFact } from './facts';
import { between, chance, demoUlid, hashOf, HABITUALLY_LATE, pick, seededRandom, type Random } from './mediation-demo';
import { monthsEndingWith, nextMonthOf } from './mediation-rules';
import { shanghaiDayStart, shanghaiMonth } from './time';

const HOUR = 3_600_000;
const user = (username: string): DemoUser => demoUsers.find((u) => u.username === username)!;
/** The bureau leader approves every month; 'system' starts the 11th's scheduled runs. */
const LEADER = user('leader');
const SCHEDULE_ACTOR = 'system';
/** The demo's funding: a pool of 10,000 yuan per office, funded from 60, the top 6 excellent. */
const POOL_FEN_PER_OFFICE = 10_000 * 100;

export interface AssessmentDemoOptions {
  /** Months scored (default 12): the latest whose schedule has come, or, `early`, those before `now`'s. */
  months?: number;
  /**
   * Whether a month whose 11th's schedule is still ahead of `now` (the month before now's, until the
   * 11th) is run anyway, by the leader's hand, before its deadlines (its deadline lines still pending).
   * Default false: such a month is left to the schedule, as the county would. The small demo runs it:
   * the clouds tests throw away need a published month whatever the date.
   */
  early?: boolean;
  /** Whether a draft funding allocation is made for the last scored month's year (default true). */
  funding?: boolean;
}

export interface AssessmentDemoMonth {
  month: string;
  run: AssessmentRun;
  /** Ranked, one per office. */
  scores: OfficeScore[];
  /** The month's deductions and bonuses (all active: entered before the run). */
  adjustments: Adjustment[];
}

export interface AssessmentDemo {
  months: AssessmentDemoMonth[];
  funding?: FundingAllocation;
}

/** The run id the pipeline gives a month's first run (`keys.ts` runIdOf: `<month>-v<n>`). */
export const demoRunId = (month: string) => `${month}-v1`;

/** An instant on day `day` of `month` at `minutes` past midnight, Shanghai. */
const at = (month: string, day: number, minutes: number) =>
  new Date(shanghaiDayStart(`${month}-${String(day).padStart(2, '0')}`).getTime() + minutes * 60_000);
const earliest = (...dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));

// Deductions a department enters from its inspections: the section it owns, an item, why and on what evidence.
interface DeductionTemplate {
  by: string;
  item: string;
  points: number;
  reason: string;
  evidence: string;
}
const DEDUCTIONS: DeductionTemplate[] = [
  { by: 'dept-mediation', item: 'B3', points: 1, reason: '抽查调解卷宗，{n}件卷宗调解协议未载明履行期限', evidence: '人民调解股{m}月卷宗抽查记录' },
  { by: 'dept-mediation', item: 'B1', points: 1.5, reason: '半月排查台账与村（居）调委会上报情况不一致', evidence: '人民调解股{m}月排查核查表' },
  { by: 'dept-mediation', item: 'B5', points: 2, reason: '矛盾纠纷化解后未按要求开展回访', evidence: '人民调解股{m}月回访抽查登记' },
  { by: 'dept-corrections', item: 'C2', points: 2, reason: '社区矫正对象{n}人次走访记录不全', evidence: '社区矫正股{m}月执法检查通报' },
  { by: 'dept-corrections', item: 'C1', points: 1, reason: '矫正对象电子定位异常未在24小时内核查', evidence: '社区矫正股{m}月信息化核查记录' },
  { by: 'dept-corrections', item: 'C3', points: 1.5, reason: '刑满释放人员衔接档案材料不齐', evidence: '社区矫正股{m}月安置帮教档案检查表' },
  { by: 'finance', item: 'E1', points: 1, reason: '集中学习签到表与学习记录不一致', evidence: '办公室{m}月学习台账检查记录' },
  { by: 'finance', item: 'E2', points: 0.5, reason: '考勤表未按时报送办公室', evidence: '办公室{m}月考勤汇总表' },
];
// Bonuses the assessors grant (the rubric's presets), with who grants them and on what.
const BONUSES: Array<{ preset: string; by: string; reason: string; evidence: string }> = [
  { preset: 'information-county', by: 'finance', reason: '报送信息被县委办采用', evidence: '县委办《信息快报》{m}月刊' },
  { preset: 'information-city', by: 'finance', reason: '报送信息被市司法局采用', evidence: '市司法局《司法行政信息》{m}月刊' },
  { preset: 'information-province', by: 'finance', reason: '报送信息被省司法厅采用', evidence: '省司法厅《工作动态》{m}月刊' },
  { preset: 'reception-2', by: 'leader', reason: '承接市局基层司法所规范化建设检查，接待效果良好', evidence: '市司法局{m}月检查反馈意见' },
  { preset: 'reception-3', by: 'leader', reason: '承接省厅调研，迎检接待效果优秀', evidence: '省司法厅{m}月调研反馈' },
  { preset: 'innovation-city', by: 'leader', reason: '“村（居）法律明白人”工作法被市级推广', evidence: '市司法局推广通知（{m}月）' },
];

const fill = (template: string, month: string, random: Random) =>
  template.replaceAll('{m}', String(Number(month.slice(5)))).replaceAll('{n}', String(between(random, 2, 4)));

/** A month's adjustments: a few deductions (more often in the habitually late offices) and bonuses, entered between the month's last days and `before`. */
const adjustmentsOf = (
  rubric: Rubric, month: string, offices: readonly ScoredOffice[], before: Date,
  /** The items that apply to an office this month (a department deducts on what it inspected). */
  applicable: (officeId: string) => ReadonlySet<string>,
): Adjustment[] => {
  const random = seededRandom(hashOf(`assessment#adjustments#${month}`));
  const sorted = [...offices].sort((a, b) => a.id.localeCompare(b.id));
  // Entered from the 25th of the month on, and always before the run starts.
  const from = at(month, 25, 9 * 60).getTime();
  const span = Math.max(HOUR, before.getTime() - HOUR - from);
  const enteredAt = () => new Date(Math.min(before.getTime() - HOUR, from + Math.floor(random() * span)));
  const out: Adjustment[] = [];
  const add = (office: ScoredOffice, a: Omit<Adjustment, 'id' | 'month' | 'officeId' | 'status' | 'at' | 'byName'>) => {
    const when = enteredAt();
    out.push({ id: adjustmentIdOf(month, office.id, demoUlid(when, random)), month, officeId: office.id, status: 'active', at: when.toISOString(), byName: user(a.by).displayName, ...a });
  };
  const sectionOf = (item: string) => rubric.items.find((i) => i.id === item)!.section as RubricSectionId;
  for (const office of sorted) {
    const habitual = HABITUALLY_LATE.has(office.id);
    const deductible = DEDUCTIONS.filter((d) => applicable(office.id).has(d.item));
    if (chance(random, habitual ? 0.45 : 0.08) && deductible.length) {
      const d = pick(random, deductible);
      const by = user(d.by);
      add(office, {
        kind: 'deduction', item: d.item, section: sectionOf(d.item), points: habitual ? d.points * 2 : d.points,
        reason: fill(d.reason, month, random), evidence: fill(d.evidence, month, random), by: d.by, ...(by.departmentId ? { departmentId: by.departmentId } : {}),
      });
    }
    if (chance(random, habitual ? 0.02 : 0.07)) {
      const b = pick(random, BONUSES);
      const preset = rubric.bonus.presets.find((p) => p.id === b.preset)!;
      const by = user(b.by);
      add(office, {
        kind: 'bonus', item: BONUS_ITEM, preset: preset.id, points: preset.points,
        reason: fill(b.reason, month, random), evidence: fill(b.evidence, month, random), by: b.by, ...(by.departmentId ? { departmentId: by.departmentId } : {}),
      });
    }
  }
  return out;
};

/**
 * The demo's assessment year. `facts` are every demo fact (any month, any office); each month counts
 * the facts of its month up to the run's cutoff (an early run: up to its start).
 */
export const assessmentDemo = (
  offices: readonly ScoredOffice[],
  facts: readonly ScorableFact[],
  now: Date,
  options: AssessmentDemoOptions = {},
): AssessmentDemo => {
  // A month is run by the 11th's schedule; one whose schedule has not come yet waits for it (unless `early`).
  const scheduledRun = (month: string) => at(nextMonthOf(month), 11, 2 * 60);
  const hasCome = (month: string) => scheduledRun(month).getTime() <= now.getTime() - 2 * HOUR;
  const count = options.months ?? 12;
  const before = monthsEndingWith(shanghaiMonth(now), count + 2).slice(0, -1);
  const months = (options.early ? before : before.filter(hasCome)).slice(-count);
  const byOfficeMonth = new Map<string, ScorableFact[]>();
  for (const f of facts) {
    const key = `${f.officeId}#${f.month}`;
    const list = byOfficeMonth.get(key);
    if (list) list.push(f);
    else byOfficeMonth.set(key, [f]);
  }
  const sorted = [...offices].sort((a, b) => a.id.localeCompare(b.id));

  const demoMonths = months.map((month): AssessmentDemoMonth => {
    const rubric = defaultRubric(Number(month.slice(0, 4)));
    const random = seededRandom(hashOf(`assessment#run#${month}`));
    const after = nextMonthOf(month);
    // Early: the leader runs it by hand, before the schedule.
    const manual = !hasCome(month);
    const startedAt = manual ? new Date(now.getTime() - 3 * HOUR) : scheduledRun(month);
    const asOf = earliest(runCutoff(rubric, month), startedAt);
    const runId = demoRunId(month);
    const scoreOf = (office: ScoredOffice, adjustments: readonly Adjustment[]) => scoreOffice({
      rubric, runId, month, office, facts: byOfficeMonth.get(`${office.id}#${month}`) ?? [], adjustments, asOf,
    });
    const applicable = new Map(sorted.map((o) => [o.id, new Set(scoreOf(o, []).lines.filter((l) => l.applicable).map((l) => l.item))]));
    const adjustments = adjustmentsOf(rubric, month, sorted, startedAt, (id) => applicable.get(id)!);
    const scores = rankScores(sorted.map((office) => scoreOf(office, adjustments.filter((a) => a.officeId === office.id))));
    const scoredAt = new Date(startedAt.getTime() + between(random, 20, 90) * 1000);
    const approvedAt = manual
      ? new Date(now.getTime() - HOUR)
      : earliest(at(after, between(random, 12, 15), between(random, 9 * 60, 17 * 60)), new Date(now.getTime() - HOUR));
    const run: AssessmentRun = {
      runId, month, version: 1, status: 'approved', done: sorted.length, total: sorted.length,
      rubricYear: rubric.year, rubricVersion: rubric.version, asOf: asOf.toISOString(),
      startedAt: startedAt.toISOString(), startedBy: manual ? LEADER.username : SCHEDULE_ACTOR, trigger: manual ? 'manual' : 'schedule',
      scoredAt: scoredAt.toISOString(), approvedAt: approvedAt.toISOString(), approvedBy: LEADER.username, approvedByName: LEADER.displayName,
      summary: runSummary(scores.map(scoreTotalOf)),
    };
    return { month, run, scores, adjustments };
  });

  if (options.funding === false || !demoMonths.length) return { months: demoMonths };
  return { months: demoMonths, funding: fundingOf(sorted, demoMonths, now) };
};

/** The draft allocation for the last scored month's year so far: pool mode, deterministic on-site scores. */
const fundingOf = (offices: readonly ScoredOffice[], months: readonly AssessmentDemoMonth[], now: Date): FundingAllocation => {
  const year = Number(months[months.length - 1]!.month.slice(0, 4));
  const random = seededRandom(hashOf(`assessment#funding#${year}`));
  const monthly: Record<string, Record<string, number>> = {};
  for (const m of months.filter((x) => x.month.startsWith(`${year}-`))) {
    for (const s of m.scores) (monthly[s.officeId] ??= {})[m.month] = s.total;
  }
  const annual: FundingInput['annual'] = Object.fromEntries(offices.map((o) => {
    // The bureau team's on-site score: most offices 80–95, the habitually late ones lower.
    const onSite = HABITUALLY_LATE.has(o.id) ? between(random, 62, 75) : between(random, 78, 96);
    const bonus = chance(random, 0.12) ? between(random, 1, 3) : 0;
    return [o.id, { onSite, bonus }];
  }));
  const input: FundingInput = {
    year, mode: 'pool', poolFen: offices.length * POOL_FEN_PER_OFFICE, threshold: 60, excellent: 6, annual,
    note: `${year}年度业绩考核经费分配草案（演示数据，按总额分配）`,
  };
  const allocation = allocateFunding(input, offices, monthly);
  const createdAt = new Date(now.getTime() - 30 * 60_000);
  const finance = user('finance');
  return {
    // As the API names an allocation (`<year>-<ULID>`: its partition known from the id).
    id: fundingIdOf(year, demoUlid(createdAt, random)), year, mode: 'pool', poolFen: input.poolFen, threshold: 60, excellent: 6, status: 'draft',
    items: allocation.items, totalFen: allocation.totalFen, months: allocation.months,
    createdAt: createdAt.toISOString(), createdBy: finance.username, note: input.note,
  };
};
