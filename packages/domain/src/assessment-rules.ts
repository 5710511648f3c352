// The assessment's pure functions (docs/domain.md §5): a rubric applied to an office's facts of a
// month (the monthly run's scorer and the live month use the same one), ranking, the deadline radar,
// rubric validation, the year-end composite and the funding split. No I/O, no clock: `asOf`/`now`
// are passed in, so a re-run on the same facts gives the same answer.
import {
  fundingInput,
  type Adjustment,
  type AssessmentRun,
  type CompositeInputs,
  type FactFilter,
  type FundingAllocation,
  type FundingInput,
  type FundingItem,
  type LineState,
  type OfficeScore,
  type RadarItem,
  type RadarState,
  type Rubric,
  type RubricInput,
  type RubricItem,
  type RubricRule,
  type ScoreLine,
} from './assessment';
import type { FieldErrors } from './errors';
import type { FactRef, ScorableFact } from './facts';
import { nextMonthOf, previousMonthOf } from './mediation-rules';
import { DEFAULT_DEPARTMENTS, type Office, type OfficeClass } from './org';
import { shanghaiDayStart, shanghaiMonth, shanghaiTimestamp } from './time';

export interface ScoredOffice {
  id: string;
  name: string;
  areaId: string;
  officeClass: OfficeClass;
}
/** What scoring needs of an office record. */
export const scoredOffice = (o: Pick<Office, 'id' | 'name' | 'areaId' | 'officeClass'>): ScoredOffice => ({ id: o.id, name: o.name, areaId: o.areaId, officeClass: o.officeClass });

export interface ScoreInput {
  rubric: Rubric;
  runId: string;
  /** The assessed month (YYYY-MM). */
  month: string;
  office: ScoredOffice;
  /** The office's facts of the month, retractions already applied (any order). */
  facts: readonly ScorableFact[];
  /** The month's active adjustments of the office (deductions and bonuses). */
  adjustments: readonly Adjustment[];
  /** Facts that occurred after this instant do not count (the run's cutoff; the live month: now). */
  asOf: Date;
}

/**
 * Points are shown and stored to 2 decimals, half up: the binary noise of n × 100 (1.005 × 100 =
 * 100.49999…) is cut at 12 significant digits first, so a half rounds as people expect.
 */
export const roundPoints = (n: number): number => {
  const x = n * 100;
  // Cutting to 12 digits moves x by at most |x|·1e-11, which changes its rounding only within that
  // of a half: only there is the (slow) cut made.
  const nearHalf = Math.abs(Math.abs(x % 1) - 0.5) <= Math.abs(x) * 1e-11;
  return Math.round(nearHalf ? Number(x.toPrecision(12)) : x) / 100 + 0;
};

// ---- Months and Shanghai instants ------------------------------------------------------------------

const DAY_MS = 86_400_000;
const monthNumber = (month: string) => Number(month.slice(5, 7));
/** The last millisecond of `day` of `month` in Shanghai ("by the 3rd" = up to 23:59:59.999 on the 3rd, +08:00). */
const endOfDay = (month: string, day: number): Date =>
  new Date(shanghaiDayStart(`${month}-${String(day).padStart(2, '0')}`).getTime() + DAY_MS - 1);
/** The last millisecond of `month` in Shanghai. */
const endOfMonth = (month: string): Date => new Date(shanghaiDayStart(`${nextMonthOf(month)}-01`).getTime() - 1);
/** "11月7日 14:20" (Shanghai). */
const whenText = (instant: string | Date): string => {
  const t = shanghaiTimestamp(typeof instant === 'string' ? new Date(instant) : instant);
  return `${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
};
const dayText = (instant: Date): string => whenText(instant).split(' ')[0]!;

// ---- Facts --------------------------------------------------------------------------------------

/** A fact's instants, parsed once (a month's run compares each fact's times hundreds of times). */
const parsedTimes = new WeakMap<ScorableFact, { at: number; late: boolean }>();
const timesOf = (f: ScorableFact) => {
  let times = parsedTimes.get(f);
  if (!times) {
    const at = Date.parse(f.occurredAt);
    times = { at, late: f.dueAt !== undefined && at > Date.parse(f.dueAt) };
    parsedTimes.set(f, times);
  }
  return times;
};
const at = (f: ScorableFact) => timesOf(f).at;
const refKey = (ref: FactRef) => `${ref.context}/${ref.type}/${ref.id}`;
const byTime = (a: ScorableFact, b: ScorableFact) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const isLate = (f: ScorableFact) => timesOf(f).late;
/** Whether a fact passes a filter: its kind, its timing against its own dueAt, its quantity (absent: fails a minimum). */
const passes = (filter: FactFilter, f: ScorableFact): boolean =>
  f.kind === filter.kind &&
  (filter.timing === 'on-time' ? !isLate(f) : filter.timing === 'late' ? isLate(f) : true) &&
  (filter.minQuantity === undefined || (f.quantity !== undefined && f.quantity >= filter.minQuantity));

/** The facts that count for `month` at `asOf`: of the month, occurred by asOf, once each (by id), oldest first. */
const countedFacts = (facts: readonly ScorableFact[], month: string, asOf: Date): ScorableFact[] => {
  const seen = new Map<string, ScorableFact>();
  for (const f of facts) {
    if (f.month === month && at(f) <= asOf.getTime() && !seen.has(f.id)) seen.set(f.id, f);
  }
  return [...seen.values()].sort(byTime);
};

const targetFor = (target: number | Record<OfficeClass, number>, officeClass: OfficeClass): number =>
  typeof target === 'number' ? target : target[officeClass];

// ---- One line per item ----------------------------------------------------------------------------

type LineResult = Omit<ScoreLine, 'item' | 'name' | 'section' | 'max' | 'applicable'>;
interface LineContext {
  month: string;
  office: ScoredOffice;
  facts: ScorableFact[];
  asOf: Date;
}
type Rule<T extends RubricRule['type']> = Extract<RubricRule, { type: T }>;

/** When a deadline item of `month` is due, and until when a late report still earns its late points. */
export const deadlineOf = (rule: Pick<Rule<'deadline'>, 'dueDay' | 'lateDay'>, month: string): { dueAt: Date; lateUntil: Date } => {
  const next = nextMonthOf(month);
  return { dueAt: endOfDay(next, rule.dueDay), lateUntil: endOfDay(next, Math.max(rule.dueDay, rule.lateDay)) };
};

const deadlineLine = (item: RubricItem, rule: Rule<'deadline'>, c: LineContext): LineResult => {
  const { dueAt, lateUntil } = deadlineOf(rule, c.month);
  const what = `次月${rule.dueDay}日前报送`;
  const first = c.facts.find((f) => f.kind === rule.kind);
  if (!first) {
    return dueAt.getTime() > c.asOf.getTime()
      ? { points: 0, state: 'pending', factIds: [], note: `${what}：尚未报送（${dayText(dueAt)}截止）` }
      : { points: 0, state: 'missing', factIds: [], note: `${what}：未报送（漏报）` };
  }
  const t = at(first);
  const when = `${whenText(first.occurredAt)} 报送`;
  if (t <= dueAt.getTime()) return { points: item.points, state: 'full', factIds: [first.id], note: `${what}：${when}（按时）` };
  if (t <= lateUntil.getTime()) return { points: Math.min(rule.latePoints, item.points), state: 'late', factIds: [first.id], note: `${what}：${when}（迟报）` };
  return { points: 0, state: 'missing', factIds: [first.id], note: `${what}：${when}（逾期，按漏报计）` };
};

const quotaLine = (item: RubricItem, rule: Rule<'quota'>, c: LineContext): LineResult => {
  const counted = c.facts.filter((f) => rule.count.some((filter) => passes(filter, f)));
  const target = targetFor(rule.target, c.office.officeClass);
  const n = counted.length;
  const monthOver = endOfMonth(c.month).getTime() <= c.asOf.getTime();
  const state: LineState = n >= target ? 'full' : n > 0 ? 'partial' : monthOver ? 'missing' : 'pending';
  return {
    points: roundPoints(item.points * Math.min(1, n / target)),
    state,
    factIds: counted.map((f) => f.id),
    note: `完成 ${n} 项，指标 ${target} 项`,
  };
};

const stateOfPoints = (points: number, max: number): LineState => (points >= max ? 'full' : points > 0 ? 'partial' : 'missing');

const rateLine = (item: RubricItem, rule: Rule<'rate'>, c: LineContext): LineResult | undefined => {
  const denominator = c.facts.filter((f) => passes(rule.denominator, f));
  if (denominator.length === 0) return undefined;
  const denominatorRefs = new Set(denominator.map((f) => refKey(f.ref)));
  const numerator = c.facts.filter((f) => passes(rule.numerator, f) && denominatorRefs.has(refKey(f.ref)));
  const metRefs = new Set(numerator.map((f) => refKey(f.ref)));
  const unmet = denominator.filter((f) => !metRefs.has(refKey(f.ref)));
  const met = denominator.length - unmet.length;
  const share = met / denominator.length;
  const points = rule.bands
    ? Math.min(item.points, rule.bands.find((b) => share >= b.atLeast)?.points ?? 0)
    : roundPoints(item.points * share);
  const percent = Math.round(share * 1000) / 10;
  return {
    points,
    state: stateOfPoints(points, item.points),
    // What cost points first: the records not met, then those met.
    factIds: [...unmet.map((f) => f.id), ...numerator.map((f) => f.id)],
    note: `达标 ${met}/${denominator.length}（${percent}%）`,
  };
};

const penaltyLine = (item: RubricItem, rule: Rule<'penalty'>, c: LineContext): LineResult | undefined => {
  if (rule.applicableWith && !c.facts.some((f) => rule.applicableWith!.includes(f.kind))) return undefined;
  const occurrences: ScorableFact[] = [];
  let lost = 0;
  const parts: string[] = [];
  for (const per of rule.per) {
    let found = c.facts.filter((f) => passes(per.count, f));
    if (per.unmatchedBy) {
      const matched = new Set(c.facts.filter((f) => f.kind === per.unmatchedBy).map((f) => refKey(f.ref)));
      // Not yet due: it may still be matched in time.
      found = found.filter((f) => !matched.has(refKey(f.ref)) && (f.dueAt === undefined || Date.parse(f.dueAt) <= c.asOf.getTime()));
    }
    for (const f of found) if (!occurrences.includes(f)) occurrences.push(f);
    lost += found.length * per.points;
    if (found.length > 0) parts.push(`${found.length} 起扣 ${roundPoints(found.length * per.points)} 分`);
  }
  const points = roundPoints(Math.max(0, item.points - lost));
  return {
    points,
    state: occurrences.length === 0 ? 'full' : stateOfPoints(points, item.points) === 'missing' ? 'missing' : 'partial',
    factIds: occurrences.map((f) => f.id),
    note: parts.length === 0 ? '无扣分情形' : `${parts.join('，')}${points === 0 ? '，扣完为止' : ''}`,
  };
};

const lineOf = (item: RubricItem, c: LineContext): LineResult | undefined => {
  if (item.months && !item.months.includes(monthNumber(c.month))) return undefined;
  const rule = item.rule;
  switch (rule.type) {
    case 'deadline': return deadlineLine(item, rule, c);
    case 'quota': return quotaLine(item, rule, c);
    case 'rate': return rateLine(item, rule, c);
    case 'penalty': return penaltyLine(item, rule, c);
    case 'manual': return { points: item.points, state: 'full', factIds: [], note: '由股室评定（扣分另列）' };
  }
};

const notApplicableNote = (item: RubricItem, month: string): string =>
  item.months && !item.months.includes(monthNumber(month)) ? '本月不考核' : '本月无相关事项，不计分';

/**
 * One office's month: each applicable item's line (citing its facts), sections with deductions (a
 * section never below 0), the base scaled back to 100 over applicable items, plus the bonus (capped).
 * Always within [0, 100 + bonus cap].
 */
export const scoreOffice = (input: ScoreInput): OfficeScore => {
  const { rubric, month, office, asOf } = input;
  const facts = countedFacts(input.facts, month, asOf);
  const context: LineContext = { month, office, facts, asOf };
  // Each line built field by field: spreading line results of several shapes was most of a run's scoring time.
  const lines: ScoreLine[] = rubric.items.map((item) => {
    const line = lineOf(item, context);
    const { id, name, section, points: max } = item;
    return line
      ? { item: id, name, section, max, rule: item.rule.type, applicable: true, points: roundPoints(line.points), state: line.state, factIds: line.factIds, note: line.note }
      : { item: id, name, section, max, rule: item.rule.type, applicable: false, points: 0, state: 'not-applicable', factIds: [], note: notApplicableNote(item, month) };
  });
  const adjustments = input.adjustments.filter((a) => a.status === 'active');
  const itemSection = new Map(rubric.items.map((i) => [i.id, i.section]));
  const sections = rubric.sections.map((s) => {
    const own = lines.filter((l) => l.applicable && l.section === s.id);
    const deducted = adjustments
      .filter((a) => a.kind === 'deduction' && (a.section ?? itemSection.get(a.item)) === s.id)
      .reduce((sum, a) => sum + a.points, 0);
    return {
      id: s.id,
      name: s.name,
      earned: roundPoints(own.reduce((sum, l) => sum + l.points, 0)),
      deducted: roundPoints(deducted),
      max: roundPoints(own.reduce((sum, l) => sum + l.max, 0)),
    };
  });
  const base = roundPoints(lines.filter((l) => l.applicable).reduce((sum, l) => sum + l.max, 0));
  // Lines of a section the rubric does not declare (rubricProblems refuses it) still count, undeducted.
  const declared = new Set(rubric.sections.map((s) => s.id));
  const undeclared = lines.filter((l) => l.applicable && !declared.has(l.section)).reduce((sum, l) => sum + l.points, 0);
  const kept = sections.reduce((sum, s) => sum + Math.max(0, s.earned - s.deducted), 0) + undeclared;
  const scaled = base > 0 ? Math.min(100, (kept / base) * 100) : 0;
  const granted = adjustments.filter((a) => a.kind === 'bonus').reduce((sum, a) => sum + a.points, 0);
  const earnedByFacts = facts.filter((f) => rubric.bonus.facts.includes(f.kind)).reduce((sum, f) => sum + (f.quantity ?? 0), 0);
  const bonus = roundPoints(Math.min(rubric.bonus.cap, Math.max(0, granted + earnedByFacts)));
  return {
    runId: input.runId,
    month,
    officeId: office.id,
    officeName: office.name,
    areaId: office.areaId,
    officeClass: office.officeClass,
    total: roundPoints(scaled + bonus),
    base,
    earned: roundPoints(lines.reduce((sum, l) => sum + l.points, 0)),
    bonus,
    sections,
    lines,
    adjustments,
    flags: lines
      .filter((l) => l.rule === 'deadline' && (l.state === 'late' || l.state === 'missing'))
      .map((l) => ({ item: l.item, name: l.name, state: l.state as 'late' | 'missing' })),
  };
};

/** What ranking a run and its summary need of a score: its total and how many reports were late or missing. */
export interface ScoreTotal {
  officeId: string;
  total: number;
  late: number;
  missing: number;
}
export const scoreTotalOf = (s: Pick<OfficeScore, 'officeId' | 'total' | 'flags'>): ScoreTotal => {
  let late = 0;
  for (const f of s.flags) if (f.state === 'late') late++;
  return { officeId: s.officeId, total: s.total, late, missing: s.flags.length - late };
};

/** A scored run's summary for the notice: average, highest and lowest total, late and missing reports. */
export const runSummary = (scores: readonly ScoreTotal[]): NonNullable<AssessmentRun['summary']> => {
  const totals = scores.map((s) => s.total);
  return {
    average: totals.length ? roundPoints(totals.reduce((a, b) => a + b, 0) / totals.length) : 0,
    highest: totals.length ? Math.max(...totals) : 0,
    lowest: totals.length ? Math.min(...totals) : 0,
    late: scores.reduce((n, s) => n + s.late, 0),
    missing: scores.reduce((n, s) => n + s.missing, 0),
  };
};

/** Ranks by total (highest first); equal totals share a rank (1, 2, 2, 4), listed by office id. */
export const rankScores = <T extends Pick<OfficeScore, 'officeId' | 'total'>>(scores: readonly T[]): Array<T & { rank: number }> => {
  const sorted = [...scores].sort((a, b) => b.total - a.total || (a.officeId < b.officeId ? -1 : a.officeId > b.officeId ? 1 : 0));
  let rank = 0;
  return sorted.map((s, i) => {
    if (i === 0 || s.total !== sorted[i - 1]!.total) rank = i + 1;
    return { ...s, rank };
  });
};

/** The instant up to which a month's run counts facts: the end of the latest `lateDay` of the rubric's deadlines (default the 10th) of the next month, Shanghai. */
export const runCutoff = (rubric: Pick<Rubric, 'items'>, month: string): Date => {
  const lateDays = rubric.items.flatMap((i) => (i.rule.type === 'deadline' ? [Math.max(i.rule.dueDay, i.rule.lateDay)] : []));
  return endOfDay(nextMonthOf(month), lateDays.length > 0 ? Math.max(...lateDays) : 10);
};

/** The month the 11th's schedule scores: the Shanghai month before `now`'s. */
export const monthToAssess = (now: Date): string => previousMonthOf(shanghaiMonth(now));

/** What is due, late or missing for an office around `now`: last month's deadlines until its cutoff and this month's, with the facts. */
export const radarItems = (input: {
  rubric: Rubric;
  office: ScoredOffice;
  /** Facts of last month and this month. */
  facts: readonly ScorableFact[];
  now: Date;
}): RadarItem[] => {
  const { rubric, office, now } = input;
  const thisMonth = shanghaiMonth(now);
  const lastMonth = previousMonthOf(thisMonth);
  // Last month stays on the radar until its run's cutoff; after that its score is final.
  const months = now.getTime() <= runCutoff(rubric, lastMonth).getTime() ? [lastMonth, thisMonth] : [thisMonth];
  const items: RadarItem[] = [];
  const nowMs = now.getTime();
  const followUps = [...input.facts].filter((f) => at(f) <= nowMs).sort(byTime);
  for (const month of months) {
    const facts = countedFacts(input.facts, month, now);
    const applicable = rubric.items.filter((i) => !i.months || i.months.includes(monthNumber(month)));
    for (const item of applicable) {
      const rule = item.rule;
      if (rule.type === 'deadline') {
        const { dueAt, lateUntil } = deadlineOf(rule, month);
        const first = facts.find((f) => f.kind === rule.kind);
        const due = `次月${rule.dueDay}日前报送（${dayText(dueAt)}）`;
        const [state, note]: [RadarState, string] = first
          ? at(first) <= dueAt.getTime()
            ? ['done', `${due}：${whenText(first.occurredAt)} 已报送`]
            : ['late', `${due}：${whenText(first.occurredAt)} 迟报${at(first) > lateUntil.getTime() ? '（不得分）' : ''}`]
          : nowMs <= dueAt.getTime()
            ? ['due', `${due}：尚未报送`]
            : nowMs <= lateUntil.getTime()
              ? ['overdue', `${due}：已逾期，${dayText(lateUntil)}前补报可得${rule.latePoints}分`]
              : ['missing', `${due}：未报送（漏报）`];
        items.push({ item: item.id, name: item.name, month, dueAt: dueAt.toISOString(), lateUntil: lateUntil.toISOString(), state, factIds: first ? [first.id] : [], note });
      } else if (rule.type === 'rate' || rule.type === 'penalty') {
        // Per-record deadlines: a record due its follow-up (a petition its reply, a major dispute its report).
        const pairs = rule.type === 'rate'
          ? rule.numerator.kind === rule.denominator.kind ? [] : [{ due: rule.denominator, by: rule.numerator.kind }]
          : rule.per.flatMap((p) => (p.unmatchedBy ? [{ due: p.count, by: p.unmatchedBy }] : []));
        for (const pair of pairs) {
          for (const record of facts.filter((f) => passes({ kind: pair.due.kind }, f) && f.dueAt !== undefined)) {
            const dueAt = Date.parse(record.dueAt!);
            // The follow-up may be filed under another month than its record: any month given counts here.
            const answer = followUps.find((f) => f.kind === pair.by && refKey(f.ref) === refKey(record.ref));
            const due = `${whenText(record.dueAt!)}前办结`;
            const [state, note]: [RadarState, string] = answer
              ? at(answer) <= dueAt ? ['done', `${due}：${whenText(answer.occurredAt)} 已按时完成`] : ['late', `${due}：${whenText(answer.occurredAt)} 逾期完成`]
              : nowMs <= dueAt ? ['due', `${due}：待办`] : ['overdue', `${due}：已逾期，尚未完成`];
            items.push({ item: item.id, name: item.name, month, dueAt: new Date(dueAt).toISOString(), state, factIds: answer ? [record.id, answer.id] : [record.id], note });
          }
        }
      } else if (rule.type === 'quota' && month === thisMonth) {
        const target = targetFor(rule.target, office.officeClass);
        const counted = facts.filter((f) => rule.count.some((filter) => passes(filter, f)));
        const dueAt = endOfMonth(month);
        const state: RadarState = counted.length >= target ? 'done' : nowMs <= dueAt.getTime() ? 'due' : 'missing';
        items.push({ item: item.id, name: item.name, month, dueAt: dueAt.toISOString(), state, factIds: counted.map((f) => f.id), note: `${item.name} ${Math.min(counted.length, target)}/${target}（本月${dayText(dueAt)}前）` });
      }
    }
  }
  return items.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.item.localeCompare(b.item) || a.factIds.join().localeCompare(b.factIds.join()));
};

/** Counts of a score's deadline and rate lines by state (the heat map's cells); a line without its rule type (stored before it was kept) counts too. */
export const lineCounts = (score: Pick<OfficeScore, 'lines'>): { onTime: number; late: number; missing: number } => {
  const counted = score.lines.filter((l) => l.applicable && (l.rule === undefined || l.rule === 'deadline' || l.rule === 'rate'));
  return {
    onTime: counted.filter((l) => l.state === 'full').length,
    late: counted.filter((l) => l.state === 'late').length,
    missing: counted.filter((l) => l.state === 'missing').length,
  };
};

/** Problems of a rubric an admin wrote, by field path: points add up to 100, ids unique, sections and kinds exist, deadlines ordered. */
export const rubricProblems = (rubric: Omit<RubricInput, 'version' | 'note'>): FieldErrors => {
  const problems: FieldErrors = {};
  const report = (path: string, message: string) => {
    if (!(path in problems)) problems[path] = message;
  };
  const sum = roundPoints(rubric.items.reduce((s, i) => s + i.points, 0));
  if (sum !== 100) report('items', `各评分项分值合计应为100分，现为 ${sum} 分`);

  const sectionIds = new Set<string>();
  const departments = new Set(DEFAULT_DEPARTMENTS.map((d) => d.id));
  rubric.sections.forEach((s, i) => {
    if (sectionIds.has(s.id)) report(`sections.${i}.id`, `大项 ${s.id} 重复`);
    sectionIds.add(s.id);
    const unknown = s.departments.filter((d) => !departments.has(d));
    if (unknown.length > 0) report(`sections.${i}.departments`, `未知的股室：${unknown.join('、')}`);
  });

  const itemIds = new Set<string>();
  rubric.items.forEach((item, i) => {
    if (itemIds.has(item.id)) report(`items.${i}.id`, `评分项编号 ${item.id} 重复`);
    itemIds.add(item.id);
    if (!sectionIds.has(item.section)) report(`items.${i}.section`, `所属大项 ${item.section} 未声明`);
    const rule = item.rule;
    if (rule.type === 'deadline') {
      if (rule.lateDay < rule.dueDay) report(`items.${i}.rule.lateDay`, '迟报截止日不能早于按时截止日');
      if (rule.latePoints > item.points) report(`items.${i}.rule.latePoints`, `迟报得分不能超过该项分值（${item.points}分）`);
    }
    if (rule.type === 'rate' && rule.bands) {
      rule.bands.forEach((band, j) => {
        if (band.points > item.points) report(`items.${i}.rule.bands.${j}.points`, `档次得分不能超过该项分值（${item.points}分）`);
        if (j > 0 && band.atLeast >= rule.bands![j - 1]!.atLeast) report(`items.${i}.rule.bands.${j}.atLeast`, '各档比例应从高到低排列');
      });
    }
  });

  const presetIds = new Set<string>();
  rubric.bonus.presets.forEach((p, k) => {
    if (presetIds.has(p.id)) report(`bonus.presets.${k}.id`, `加分事由编号 ${p.id} 重复`);
    presetIds.add(p.id);
  });
  return problems;
};

const average = (values: number[]) => (values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length);

/**
 * 70% × (0.4 × first-half average + 0.6 × second-half average) + 30% × on-site + bonus (averages over the months given).
 * A half without any month counts 0. Only the year's months count.
 */
export const compositeScore = (year: number, inputs: CompositeInputs): { firstHalf: number; secondHalf: number; composite: number } => {
  const prefix = `${String(year).padStart(4, '0')}-`;
  const of = (first: number, last: number) =>
    Object.entries(inputs.monthly)
      .filter(([month]) => month.startsWith(prefix) && monthNumber(month) >= first && monthNumber(month) <= last)
      .map(([, total]) => total);
  const firstHalf = average(of(1, 6));
  const secondHalf = average(of(7, 12));
  return {
    firstHalf: roundPoints(firstHalf),
    secondHalf: roundPoints(secondHalf),
    composite: roundPoints(0.7 * (0.4 * firstHalf + 0.6 * secondHalf) + 0.3 * inputs.onSite + inputs.bonus),
  };
};

/** Weights in millionths, as integers, so the split is exact (a composite has 2 decimals). */
const WEIGHT_SCALE = 1_000_000;
const weightUnits = (weight: number): bigint => (Number.isFinite(weight) && weight > 0 ? BigInt(Math.round(weight * WEIGHT_SCALE)) : 0n);

/**
 * Splits `poolFen` in proportion to the weights, each part rounded down to the fen and the fen left
 * over given one each by largest remainder (equal remainders: the lower id first): the parts sum to
 * the pool exactly. Weights ≤ 0 get 0; when no weight is above 0 every part is 0 (the parts then sum
 * to 0, not the pool: nobody qualifies for it). Integer (BigInt) arithmetic throughout, weights taken
 * to the millionth.
 */
export const largestRemainder = (poolFen: number, weights: ReadonlyArray<{ id: string; weight: number }>): Map<string, number> => {
  const parts = new Map<string, number>(weights.map((w) => [w.id, 0]));
  const units = weights.map((w) => ({ id: w.id, units: weightUnits(w.weight) })).filter((w) => w.units > 0n);
  const totalUnits = units.reduce((s, w) => s + w.units, 0n);
  if (totalUnits === 0n || !Number.isSafeInteger(poolFen) || poolFen <= 0) return parts;
  const pool = BigInt(poolFen);
  const shares = units.map((w) => ({ id: w.id, floor: (pool * w.units) / totalUnits, remainder: (pool * w.units) % totalUnits }));
  let leftover = pool - shares.reduce((s, w) => s + w.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    share.floor += 1n;
    leftover -= 1n;
  }
  for (const share of shares) parts.set(share.id, Number(share.floor));
  return parts;
};

/** The year-end table: composite, rank, eligibility, excellence and amount for every office (pool or unit mode), best first. */
export const allocateFunding = (
  input: FundingInput,
  offices: readonly ScoredOffice[],
  /** Approved monthly totals: officeId → month → total. */
  monthly: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Pick<FundingAllocation, 'items' | 'totalFen' | 'months'> & { items: FundingItem[] } => {
  const parsed = fundingInput.parse(input);
  const prefix = `${parsed.year}-`;
  const rows = offices.map((office) => {
    const annual = parsed.annual[office.id];
    const onSite = annual?.onSite ?? 0;
    const bonus = annual?.bonus ?? 0;
    return { office, onSite, bonus, ...compositeScore(parsed.year, { monthly: { ...(monthly[office.id] ?? {}) }, onSite, bonus }) };
  });
  rows.sort((a, b) => b.composite - a.composite || (a.office.id < b.office.id ? -1 : a.office.id > b.office.id ? 1 : 0));
  let rank = 0;
  const ranked = rows.map((row, i) => {
    if (i === 0 || row.composite !== rows[i - 1]!.composite) rank = i + 1;
    return { ...row, rank, eligible: row.composite >= parsed.threshold };
  });
  const lastRank = ranked.length > 0 ? ranked[ranked.length - 1]!.rank : 0;
  const pool = parsed.mode === 'pool'
    ? largestRemainder(parsed.poolFen ?? 0, ranked.filter((r) => r.eligible).map((r) => ({ id: r.office.id, weight: r.composite })))
    : undefined;
  const items: FundingItem[] = ranked.map((r) => ({
    officeId: r.office.id,
    officeName: r.office.name,
    officeClass: r.office.officeClass,
    firstHalf: r.firstHalf,
    secondHalf: r.secondHalf,
    onSite: r.onSite,
    bonus: r.bonus,
    composite: r.composite,
    rank: r.rank,
    eligible: r.eligible,
    excellent: r.eligible && r.rank <= parsed.excellent,
    awardEligible: r.rank !== lastRank,
    amountFen: !r.eligible ? 0 : pool ? (pool.get(r.office.id) ?? 0) : Math.round(r.composite * (parsed.unitFen?.[r.office.officeClass] ?? 0)),
  }));
  const months = [...new Set(offices.flatMap((o) => Object.keys(monthly[o.id] ?? {})).filter((m) => m.startsWith(prefix)))].sort();
  return { items, totalFen: items.reduce((s, i) => s + i.amountFen, 0), months };
};
